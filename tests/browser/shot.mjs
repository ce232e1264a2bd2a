// Screenshots of officer views for a manual look: node shot.mjs BASE OUTDIR path...
import { chromium } from "playwright-core";
const [base, out, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 1800 } });
let i = 0;
for (const p of paths) {
  await page.goto(base + p, { waitUntil: "networkidle" });
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${out}/shot${++i}.png`, fullPage: false });
  console.log(`${out}/shot${i}.png`, p);
}
await browser.close();
