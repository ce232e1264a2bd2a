// What the browser scripts (ui.test.mjs, a11y.test.mjs) share: where the
// server and the artifacts are, the small assertion and API helpers, the
// wait for a settled record page, and the headless Chromium they drive.
import { chromium } from "playwright-core";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const BASE = process.env.SEEDGRAPH_URL || "http://127.0.0.1:8080";
export const HERE = dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = process.env.ARTIFACTS || join(HERE, "artifacts");
export const TIMEOUT = 15000;

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

export async function apiJson(path) {
  const res = await fetch(BASE + path);
  assert(res.ok, `${path}: HTTP ${res.status}`);
  return res.json();
}

// The record page (of `id`, when given) is ready once its heading is there
// and its async panels settled.
export async function waitForRecord(page, id) {
  await page.waitForSelector(id ? `#record[data-id="${id}"]` : "#record", { timeout: TIMEOUT });
  await page.waitForFunction(() =>
    ![...document.querySelectorAll(".panel-body")].some((b) => /読み込み中|Loading/.test(b.textContent)),
  null, { timeout: TIMEOUT });
}

// A headless Chromium with a throwaway profile; close() removes it.
export async function launch({ viewport, acceptDownloads = false }) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), "seedgraph-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport,
    locale: "ja-JP",
    acceptDownloads,
  });
  const page = context.pages()[0] || await context.newPage();
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, close };
}
