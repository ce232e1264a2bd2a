// Accessibility and small-screen checks of every view of the web UI
// (issue 15): each view at a desktop (1400 px) and a phone (390 px) width
// gets a full-page screenshot (artifacts/a11y-<view>-<width>.png), must not
// be wider than its window, and must have no serious or critical axe-core
// violation of WCAG 2 A/AA or axe's best practices.  One step per (view,
// width); a failing step names the rules with their first nodes, or the
// widest elements that stick out of the window.
//
// Usage: SEEDGRAPH_URL=http://127.0.0.1:PORT node a11y.test.mjs
// (run.sh runs it after ui.test.mjs).  The alerts view
// signs in with SEEDGRAPH_OFFICER_TOKEN when it is set, as run.sh does.
import { createRequire } from "node:module";
import { join } from "node:path";
import { ARTIFACTS, BASE, TIMEOUT, apiJson, assert, launch, waitForRecord } from "./harness.mjs";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
const WIDTHS = [{ width: 1400, height: 900 }, { width: 390, height: 844 }];
const RULESETS = ["wcag2a", "wcag2aa", "best-practice"];
const BLOCKING = new Set(["serious", "critical"]);

// The views: a name (for the step and the screenshot), the URL, what shows
// the view is drawn, and what the browser stores for it (language, token).
async function views() {
  const topic = (await apiJson("/api/search?type=topic&per_page=1")).hits[0];
  // The company with the longest id of the first 100: the hardest to fit
  // into 390 px (ids such as company:name:… have no break opportunities).
  const companies = (await apiJson("/api/search?type=company&per_page=100")).hits;
  const company = companies.reduce((a, b) => (b.id.length > a.id.length ? b : a), companies[0]);
  assert(topic && company, "the corpus has a topic and a company");
  const sel = (s) => (page) => page.waitForSelector(s, { timeout: TIMEOUT });
  return [
    { name: "home", path: "/", ready: sel("#home #home-types li") },
    { name: "search", path: "/?q=" + encodeURIComponent("がん"), ready: sel("#results li.hit") },
    // The language is the browser's choice (localStorage), not a URL parameter.
    { name: "search-en", path: "/?q=cancer", lang: "en", ready: sel("#results li.hit") },
    { name: "record", path: "/?id=" + encodeURIComponent(topic.id), ready: (page) => waitForRecord(page) },
    { name: "company", path: "/?id=" + encodeURIComponent(company.id), ready: (page) => waitForRecord(page) },
    { name: "crosslinks", path: "/?view=crosslinks", ready: sel("#crosslinks #heatmap") },
    { name: "indicators", path: "/?view=indicators", ready: sel("table.indicators") },
    { name: "match", path: "/?view=match&seed=" + encodeURIComponent(topic.id), ready: sel("#match-view h1") },
    { name: "pairing", path: "/?view=pairing", ready: sel("#pairing .pair-list, #pair-empty") },
    { name: "alerts", path: "/?view=alerts", token: process.env.SEEDGRAPH_OFFICER_TOKEN || "",
      ready: sel("#saved-items, #view h1") },
    { name: "notfound", path: "/?id=topic:nosuch", ready: sel("#error-page h1") },
  ];
}

// Elements that stick out of the window on the right (or left).  Those
// inside a scrolling or clipping box do not widen the page themselves (but
// such a box may: a grid or flex item grows to its content's min-content
// width unless it has min-width: 0).  Reported: the culprits, which stick
// out of their own parent's box too (what to fix), widest first, with their
// nearest ancestors and min-content width; and the innermost offenders.
function overflowing() {
  const W = window.innerWidth;
  const clipped = (e) => {
    for (let p = e.parentElement; p && p !== document.body && p !== document.documentElement; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== "visible") return true;
    }
    return false;
  };
  const name = (e) => {
    const cls = String(e.className?.baseVal ?? e.className ?? "").trim();
    return e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (cls ? "." + cls.split(/\s+/).join(".") : "");
  };
  const off = [...document.body.querySelectorAll("*")].filter((e) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && (r.right > W + 1 || r.left < -1) && !clipped(e);
  });
  const culprits = off.filter((e) => {
    const p = e.parentElement, r = e.getBoundingClientRect(), pr = p.getBoundingClientRect();
    const ps = getComputedStyle(p);
    return r.right > pr.right - parseFloat(ps.paddingRight) - parseFloat(ps.borderRightWidth) + 1;
  });
  const inner = off.filter((e) => !off.some((o) => o !== e && e.contains(o)));
  const describe = (e) => {
    const r = e.getBoundingClientRect();
    const path = [];
    for (let p = e.parentElement; p && p !== document.body && path.length < 3; p = p.parentElement) path.push(name(p));
    // The widest descendant's own width: what a stretched box grew to fit.
    let widest = null;
    for (const d of e.querySelectorAll("*")) {
      const w = Math.max(d.getBoundingClientRect().width, d.scrollWidth);
      if (!widest || w > widest.w) widest = { w: Math.round(w), n: name(d) };
    }
    return { name: name(e), width: Math.round(r.width), left: Math.round(r.left), right: Math.round(r.right),
      scroll: e.scrollWidth > e.clientWidth + 1 ? e.scrollWidth : 0, path: path.join(" < "),
      widest: widest && widest.w >= r.width - 40 ? `${widest.n} ${widest.w} px` : "",
      text: (e.textContent || "").trim().replace(/\s+/g, " ").slice(0, 30) };
  };
  const byWidth = (a, b) => b.getBoundingClientRect().width - a.getBoundingClientRect().width;
  return { culprits: culprits.sort(byWidth).slice(0, 4).map(describe),
    inner: inner.sort(byWidth).slice(0, 3).map(describe), count: off.length };
}

// Not checked, reported: where the header ends and the first hit (or the
// view's heading) starts, so the phone layout can be judged from the log.
function layout() {
  const top = (s) => { const e = document.querySelector(s); return e ? Math.round(e.getBoundingClientRect().top + scrollY) : null; };
  const header = document.querySelector("header, .site-header, #header");
  return { header: header ? Math.round(header.getBoundingClientRect().height) : null,
    hit: top("#results li.hit"), h1: top("#view h1"), height: document.documentElement.scrollHeight };
}

let lastLayout = "";
async function check(page, view, size) {
  lastLayout = "";
  await page.setViewportSize(size);
  // The stored choices apply from the first script on; set them on the origin.
  await page.evaluate(({ lang, token }) => {
    localStorage.setItem("seedgraph-lang", lang);
    if (token) localStorage.setItem("seedgraph-token", token);
    else localStorage.removeItem("seedgraph-token");
  }, { lang: view.lang || "ja", token: view.token || "" });
  await page.goto(BASE + view.path, { waitUntil: "networkidle" });
  await view.ready(page);
  await page.evaluate(() => document.fonts.ready);
  const problems = [];

  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  if (widths.scroll > widths.inner) {
    const o = await page.evaluate(overflowing);
    const line = (e) => `       ${e.name} width ${e.width} (x ${e.left}..${e.right})` +
      (e.scroll ? ` scrollWidth ${e.scroll}` : "") + (e.widest ? `, widest inside: ${e.widest}` : "") +
      ` "${e.text}"\n         in ${e.path}`;
    problems.push(`overflow: page ${widths.scroll} px wide in a ${widths.inner} px window; ` +
      `${o.count} elements stick out; out of their parent too (widest first):\n` + o.culprits.map(line).join("\n") +
      "\n       innermost:\n" + o.inner.map(line).join("\n"));
  }
  const l = await page.evaluate(layout);
  lastLayout = `header ${l.header} px, h1 at y ${l.h1}, first hit at y ${l.hit}, page ${l.height} px tall`;
  await page.screenshot({ path: join(ARTIFACTS, `a11y-${view.name}-${size.width}.png`), fullPage: true });

  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate((runOnly) => window.axe.run(document, { runOnly, resultTypes: ["violations"] }), RULESETS);
  for (const v of result.violations.filter((v) => BLOCKING.has(v.impact))) {
    problems.push(`axe ${v.id} (${v.impact}): ${v.help}; ${v.nodes.length} node(s): ` +
      v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | "));
  }
  assert(problems.length === 0, problems.join("\n     "));
}

async function main() {
  const { page, close } = await launch({ viewport: WIDTHS[0] });
  await page.goto(BASE + "/api/health");
  const all = await views();
  let passed = 0, failed = 0;
  for (const size of WIDTHS) {
    for (const view of all) {
      const name = `${view.name} @ ${size.width}`;
      const started = Date.now();
      try {
        await check(page, view, size);
        passed++;
        console.log(`ok   ${name} (${Date.now() - started} ms)`);
        if (lastLayout) console.log(`     ${lastLayout}`);
      } catch (e) {
        failed++;
        console.log(`FAIL ${name}\n     ${e.message}`);
        if (lastLayout) console.log(`     ${lastLayout}`);
        await page.screenshot({ path: join(ARTIFACTS, `a11y-${view.name}-${size.width}.png`), fullPage: true }).catch(() => {});
      }
    }
  }
  await close();
  console.log(`a11y: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  console.log("a11y: 0 passed, 1 failed");
  process.exit(1);
});
