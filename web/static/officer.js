// Officer views: the cross-link heatmap, the output indicators, the
// company matching page and the pairing plan.  Heatmap and indicators take
// the same q and filters as the search, so a search can be looked at either
// way.
import { $, DIMENSIONS, PAIRING_FILTERS, PAIRING_MONTHS, el, filterParams, saveCsv, stateFor } from "./util.js";
import { badge, exportSearch, renderActiveFilters, renderHit } from "./search.js";
import { loadMatch } from "./record.js";

// The search state that a heatmap cell stands for: the current filters plus
// the cell's two codes (year as a one-year range).
function drillState(state, dims) {
  const next = structuredClone(state);
  next.view = "search";
  next.page = 1;
  for (const [dim, code] of dims) {
    if (dim === "year") next.year_from = next.year_to = code;
    else if (!next.filters[dim].includes(code)) next.filters[dim] = [...next.filters[dim], code];
  }
  return next;
}

function dimSelect(app, id, value, onchange) {
  const { i18n } = app;
  const s = el("select", { id, onchange: () => onchange(s.value) },
    DIMENSIONS.map((d) => el("option", { value: d, selected: d === value ? "" : null }, i18n.t("facet." + d))));
  return s;
}

// A row or column total: a link to its search unless there is nothing.
const totalCell = (app, target, n) =>
  el("td", { class: "total" }, n === 0 ? "0" : app.link(target, app.i18n.number(n)));

// A cell's own export: the CSV of the search the cell stands for.
function cellExport(app, target, n, what) {
  const b = el("button", { type: "button", class: "cell-export", title: app.i18n.t("x.export", { what, n: app.i18n.number(n) }),
    "aria-label": app.i18n.t("x.export", { what, n: app.i18n.number(n) }),
    onclick: () => exportSearch(app, target, "csv", b, n) }, "⤓");
  return b;
}

export function heatTable(app, state, x) {
  const { i18n } = app;
  const max = Math.max(1, ...x.counts.flat());
  const cell = (r, c) => {
    const n = x.counts[r][c];
    const alpha = n === 0 ? 0 : 0.12 + 0.88 * Math.sqrt(n / max);
    const target = drillState(state, [[x.row_dim, x.rows[r]], [x.col_dim, x.cols[c]]]);
    return el("td", { class: "cell" + (n === 0 ? " zero" : ""), "data-row": x.rows[r], "data-col": x.cols[c],
      "data-count": n, style: `--heat:${alpha.toFixed(3)}`, title: `${i18n.label(x.row_dim, x.rows[r])} × ${i18n.label(x.col_dim, x.cols[c])}: ${n}` },
    n === 0 ? "" : [app.link(target, i18n.number(n)), cellExport(app, target, n,
      `${i18n.label(x.row_dim, x.rows[r])} × ${i18n.label(x.col_dim, x.cols[c])}`)]);
  };
  return el("div", { class: "heat-wrap" }, el("table", { class: "heatmap", id: "heatmap", "data-rows": x.row_dim, "data-cols": x.col_dim },
    el("thead", {}, el("tr", {}, el("th", { class: "corner" }, `${i18n.t("facet." + x.row_dim)} \\ ${i18n.t("facet." + x.col_dim)}`),
      x.cols.map((c) => el("th", { scope: "col", class: "col-head" }, el("span", {}, i18n.label(x.col_dim, c)))),
      el("th", { class: "total" }, i18n.t("x.total")))),
    el("tbody", {}, x.rows.map((r, ri) => el("tr", {},
      el("th", { scope: "row" }, i18n.label(x.row_dim, r)),
      x.cols.map((c, ci) => cell(ri, ci)),
      totalCell(app, drillState(state, [[x.row_dim, r]]), x.row_totals[ri])))),
    el("tfoot", {}, el("tr", {}, el("th", {}, i18n.t("x.total")),
      x.cols.map((c, ci) => totalCell(app, drillState(state, [[x.col_dim, c]]), x.col_totals[ci])),
      el("td", { class: "total grand" }, i18n.number(x.total))))));
}

export async function showCrosslinks(app, state, renderId) {
  const { i18n } = app;
  const p = filterParams(state);
  p.set("rows", state.rows);
  p.set("cols", state.cols);
  app.setStatus(i18n.t("status.loading"));
  renderActiveFilters(app, state);
  const x = await app.api("/api/crosslinks?" + p);
  if (app.stale(renderId)) return;
  app.setStatus(i18n.t("status.results", { n: i18n.number(x.total) }));
  // Choosing the other axis' dimension swaps the two rather than erroring.
  const set = (key, value) => {
    const other = key === "rows" ? "cols" : "rows";
    const next = { ...state, [key]: value };
    if (next[other] === value) next[other] = state[key];
    app.navigate(next);
  };
  $("view").replaceChildren(el("section", { id: "crosslinks" },
    el("h1", {}, i18n.t("x.title")),
    el("div", { class: "controls" },
      el("label", {}, i18n.t("x.rows") + " ", dimSelect(app, "x-rows", state.rows, (v) => set("rows", v))),
      el("label", {}, i18n.t("x.cols") + " ", dimSelect(app, "x-cols", state.cols, (v) => set("cols", v))),
      el("button", { type: "button", class: "plain", id: "x-swap",
        onclick: () => app.navigate({ ...state, rows: state.cols, cols: state.rows }) }, i18n.t("x.swap"))),
    el("p", { class: "muted small" }, i18n.t("x.hint")),
    missingLine(app, x),
    heatTable(app, state, x)));
}

// Records in no cell: a row total of 1,157 beside cells that add up to 7
// means most records have no code of the other dimension; say how many.
function missingLine(app, x) {
  const { i18n } = app;
  const parts = [];
  const dim = (d) => (i18n.lang === "en" ? i18n.t("facet." + d).toLowerCase() : i18n.t("facet." + d));
  if (x.missing_column > 0) parts.push(i18n.t("x.missing.col", { n: i18n.number(x.missing_column), dim: dim(x.col_dim) }));
  if (x.missing_row > 0) parts.push(i18n.t("x.missing.row", { n: i18n.number(x.missing_row), dim: dim(x.row_dim) }));
  if (parts.length === 0) return null;
  if (x.missing_both > 0) parts.push(i18n.t("x.missing.both", { n: i18n.number(x.missing_both) }));
  return el("p", { class: "notice small", id: "x-missing", "data-missing-row": x.missing_row,
    "data-missing-column": x.missing_column, "data-missing-both": x.missing_both },
  [...parts, i18n.t("x.missing.note")].join(i18n.lang === "ja" ? "。" : ". ") + (i18n.lang === "ja" ? "。" : "."));
}

const INDICATORS = ["licensed_to", "registered_as", "continued_as", "top1pct"];

const DRILL_PAGE = 50;

// The records behind one count (GET /api/indicators?drill=...&key=...),
// with titles, a page at a time: "more" follows the cursor, so every one is
// reachable and the pages come from one revision.
async function drillList(app, state, by, what, key, label) {
  const { i18n } = app;
  const p = filterParams(state);
  p.set("by", by);
  p.set("drill", what);
  p.set("key", key);
  p.set("per_page", String(DRILL_PAGE));
  const list = el("ol", { class: "hits" });
  const heading = el("h2", { tabindex: "-1" }, i18n.t("ind.drill", { what: i18n.t("ind." + what), key: label }));
  const count = el("p", { class: "muted small", id: "drill-count" });
  const more = el("button", { type: "button", class: "plain", id: "drill-more", hidden: "" }, i18n.t("ind.more"));
  const section = el("section", { class: "panel", id: "drill", "data-indicator": what, "data-key": key },
    heading, count, list, more);
  let cursor = "";
  const load = async () => {
    more.disabled = true;
    const page = await app.api("/api/indicators?" + p + (cursor ? "&cursor=" + encodeURIComponent(cursor) : ""));
    list.append(...page.hits.map((h) => renderHit(app, h)));
    count.textContent = page.records === 0 ? i18n.t("ind.none")
      : i18n.t("ind.shown", { shown: i18n.number(list.children.length), n: i18n.number(page.records), count: i18n.number(page.count) });
    cursor = page.next_cursor || "";
    more.hidden = !cursor;
    more.disabled = false;
  };
  more.onclick = () => load().catch((e) => app.setStatus(e.message, true));
  await load();
  return { section, heading };
}

export async function showIndicators(app, state, renderId) {
  const { i18n } = app;
  const p = filterParams(state);
  p.set("by", state.by);
  app.setStatus(i18n.t("status.loading"));
  renderActiveFilters(app, state);
  const data = await app.api("/api/indicators?" + p);
  if (app.stale(renderId)) return;
  app.setStatus("");
  const drill = el("div", { id: "drill-box" });
  const keyLabel = (k) => (k === "total" ? i18n.t("ind.total") : k === "unassigned"
    ? i18n.t("ind.unassigned", { dim: i18n.lang === "en" ? i18n.t("facet." + data.by).toLowerCase() : i18n.t("facet." + data.by) })
    : data.by === "year" ? k : i18n.label(data.by, k));
  // What the total counts under no row (topics without a project) is a row
  // of its own, so the rows add up to the total.
  const unassigned = data.unassigned && INDICATORS.some((w) => data.unassigned[w].count > 0)
    ? { ...data.unassigned, key: "unassigned" } : null;
  // An indicator no visible record supports says so instead of a bare 0.
  const missing = new Set((data.not_loaded || []).map((n) => n.indicator));
  const countCell = (row, what) => {
    const c = row[what];
    if (missing.has(what)) return el("td", { class: "num muted", title: i18n.t("ind.notloaded") }, "—");
    return el("td", { class: "num" }, c.count === 0 ? "0" : el("button", { type: "button", class: "link",
      "data-key": row.key || "total", "data-indicator": what,
      "aria-controls": "drill-box",
      onclick: async () => {
        try {
          const { section, heading } = await drillList(app, state, data.by, what, row.key || "total", keyLabel(row.key || "total"));
          drill.replaceChildren(section);
          heading.focus();
        } catch (e) {
          app.setStatus(e.message, true);
        }
      } }, i18n.number(c.count)));
  };
  const by = el("select", { id: "ind-by", onchange: () => app.navigate({ ...state, by: by.value }) },
    ["project", "disease_area", "year"].map((b) => el("option", { value: b, selected: b === state.by ? "" : null }, i18n.t("facet." + b))));
  $("view").replaceChildren(el("section", { id: "indicators" },
    el("h1", {}, i18n.t("ind.title")),
    el("div", { class: "controls" }, el("label", {}, i18n.t("ind.by") + " ", by)),
    (data.not_loaded || []).length ? el("div", { id: "ind-notloaded", class: "notice" },
      el("p", {}, i18n.t("ind.notloaded")),
      el("ul", {}, data.not_loaded.map((n) => el("li", {}, el("strong", {}, i18n.t("ind." + n.indicator)), ": ", n.source)))) : null,
    el("div", { class: "table-wrap" }, el("table", { class: "indicators" },
      el("thead", {}, el("tr", {}, el("th", {}, i18n.t("facet." + data.by)), INDICATORS.map((w) => el("th", { class: "num" }, i18n.t("ind." + w))))),
      el("tbody", {}, [...data.rows, ...(unassigned ? [unassigned] : [])].map((row) => el("tr",
        { class: row.key === "unassigned" ? "unassigned" : null }, el("th", { scope: "row" }, keyLabel(row.key)),
        INDICATORS.map((w) => countCell(row, w))))),
      el("tfoot", {}, el("tr", {}, el("th", {}, i18n.t("ind.total")), INDICATORS.map((w) => countCell(data.total, w)))))),
    drill));
}

export async function showMatch(app, state, renderId) {
  const { i18n } = app;
  const isCompany = Boolean(state.company);
  const id = isCompany ? state.company : state.seed;
  app.setStatus(i18n.t("status.loading"));
  const record = await app.api("/api/records/" + encodeURIComponent(id));
  const list = await loadMatch(app, id, isCompany, 30);
  if (app.stale(renderId)) return;
  app.setStatus("");
  const t = i18n.title(record.title);
  // The whole list (100 best) as CSV, with what each score rests on.
  const exportList = async () => {
    const path = "/api/match?" + new URLSearchParams({ [isCompany ? "company" : "seed"]: id, limit: "100" });
    const data = await app.api(path);
    const title = (h) => (h.title && (h.title.ja || h.title.en)) || "";
    if (isCompany) {
      saveCsv(`seedgraph-seeds-${id}.csv`, ["id", "type", "title", "score", "date"],
        data.hits.map((h) => [h.id, h.type, title(h), h.score, h.date]));
    } else {
      saveCsv(`seedgraph-companies-${id}.csv`, ["id", "name", "score", "evidence_strength", "evidence", "reasons"],
        data.candidates.map((c) => [c.id, title(c), c.score, c.evidence_strength, (c.evidence || []).join(";"),
          (c.reasons || []).join(" / ")]));
    }
    app.setStatus(i18n.t("export.done", { n: i18n.number((data.hits || data.candidates).length) }));
  };
  $("view").replaceChildren(el("section", { id: "match-view" },
    el("h1", {}, i18n.t(isCompany ? "match.seedsfor" : "match.for", { t: t.main })),
    el("p", {}, app.link(stateFor("record", { id }), id)),
    el("div", { class: "toolbar" }, el("button", { type: "button", class: "plain", id: "export-match", onclick: exportList },
      i18n.t("export.csv"))),
    list));
}

// Every topic of the plan's window (all pages, by cursor) as CSV.
async function exportPairing(app, state) {
  const { i18n } = app;
  const rows = [];
  const title = (h) => (h.title && (h.title.ja || h.title.en)) || "";
  let cursor = "";
  for (let page = 0; page < 200; page++) {
    const p = pairingParams(state);
    if (cursor) p.set("cursor", cursor);
    const data = await app.api("/api/pairing?" + p);
    for (const item of data.topics || []) {
      rows.push([item.topic.id, title(item.topic), item.end_date, item.end_estimated ? "estimated" : "",
        ((item.next_topics || {}).hits || []).map((h) => h.id).join(";"),
        ((item.companies || {}).candidates || []).map((c) => `${title(c)} (${c.id})`).join(";")]);
    }
    app.setStatus(i18n.t("export.busy", { n: i18n.number(rows.length) }));
    cursor = data.next_cursor || "";
    if (!cursor) break;
  }
  saveCsv("seedgraph-pairing.csv", ["topic", "title", "end_date", "end", "next_topics", "companies"], rows);
  app.setStatus(i18n.t("export.done", { n: i18n.number(rows.length) }));
}

// ---- pairing ---------------------------------------------------------------

// What /api/pairing is asked for: the page and the browser test use the same.
export const PAIRING_LIMIT = 50;
export const PAIRING_PER_TOPIC = 5;

export function pairingParams(state) {
  const p = new URLSearchParams({ months: String(state.months), limit: String(PAIRING_LIMIT),
    per_topic: String(PAIRING_PER_TOPIC) });
  if (state.today) p.set("today", state.today);
  for (const f of PAIRING_FILTERS) for (const v of state.filters[f] || []) p.append(f, v);
  return p;
}

// A select of one pairing filter: every code of the vocabulary, or all.
function pairingFilter(app, state, dim) {
  const { i18n } = app;
  const current = (state.filters[dim] || [])[0] || "";
  const codes = Object.keys(i18n.vocab[dim] || {});
  const s = el("select", { id: "pair-" + dim, onchange: () => {
    const filters = { ...state.filters, [dim]: s.value ? [s.value] : [] };
    app.navigate({ ...state, filters });
  } }, el("option", { value: "" }, i18n.t("pair.all")),
  codes.map((c) => el("option", { value: c, selected: c === current ? "" : null }, i18n.label(dim, c))));
  return el("label", {}, i18n.t("facet." + dim) + " ", s);
}

// Why the plan is empty, from the API's counts of the selection.
function pairingEmpty(app, state, data) {
  const { i18n } = app;
  const c = data.counts || {};
  const m = i18n.number(state.months);
  const picked = PAIRING_FILTERS.flatMap((f) => (state.filters[f] || []).map((v) => i18n.label(f, v)));
  const what = picked.length ? picked.join(i18n.lang === "ja" ? "・" : ", ") : i18n.t("pair.all");
  const lines = [];
  if (!c.topics) lines.push(i18n.t("pair.none.topics", { f: what }));
  else {
    lines.push(i18n.t("pair.none", { m, d: data.today || state.today }));
    lines.push(i18n.t("pair.none.counts", { n: i18n.number(c.topics), a: i18n.number(c.ended_before || 0),
      b: i18n.number(c.end_later || 0), c: i18n.number(c.no_end || 0), m }));
  }
  if (c.other_stage) lines.push(i18n.t("pair.none.stage", { n: i18n.number(c.other_stage) }));
  return el("div", { class: "empty", id: "pair-empty" }, lines.map((l) => el("p", {}, l)));
}

// Why a next-stage topic was proposed, on one line: shared terms, then
// shared disease areas.
function pairingReasons(app, reasons) {
  const { i18n } = app;
  const sep = i18n.lang === "ja" ? "、" : ", ";
  const parts = [];
  // A successor the records name (a continued_as link, or an outcome record
  // between the two topics) comes first and says so.
  const known = (reasons.paths || []).find((p) => p.includes("continued_as"));
  if (known) {
    parts.push(el("span", { class: "reason-label known" },
      i18n.t(known.includes("outcome_of") ? "pair.known.outcome" : "pair.known.link")));
  }
  const terms = (reasons.shared_terms || []).slice(0, 6);
  if (terms.length) parts.push([el("span", { class: "reason-label" }, i18n.t("reason.terms") + ": "), terms.join(sep)]);
  const areas = (reasons.shared_disease_areas || []).map((c) => i18n.label("disease_area", c));
  if (areas.length) parts.push([el("span", { class: "reason-label" }, i18n.t("reason.disease_areas") + ": "), areas.join(sep)]);
  if (parts.length === 0) return null;
  return el("div", { class: "reason" }, parts.map((part, i) => (i ? [" · ", part] : part)));
}

function pairingNext(app, h) {
  const { i18n } = app;
  const t = i18n.title(h.title);
  return el("li", { "data-id": h.id },
    el("div", {}, badge(app, h.type), app.recordLink(h.id, t.main)),
    el("div", { class: "meta" }, [h.date, h.project && i18n.label("project", h.project), h.stage && i18n.label("stage", h.stage)]
      .filter(Boolean).map((m) => el("span", {}, m))),
    pairingReasons(app, h.reasons || {}));
}

function pairingCompany(app, c) {
  const t = app.i18n.title(c.title);
  const reason = (c.reasons || [])[0];
  return el("li", { "data-id": c.id },
    el("div", {}, app.recordLink(c.id, t.main)),
    reason ? el("div", { class: "reason" }, reason) : null);
}

function pairingColumn(app, cls, heading, list, render, none) {
  return el("section", { class: "pair-col " + cls },
    el("h3", {}, heading, el("span", { class: "count" }, " " + list.length)),
    list.length === 0 ? el("p", { class: "muted small" }, none)
      : el("ol", {}, list.map((x) => render(app, x))));
}

function pairingTopic(app, item) {
  const { i18n } = app;
  const topic = item.topic;
  const t = i18n.title(topic.title);
  const end = el("span", { class: "pair-end" + (item.end_estimated ? " estimated" : "") }, i18n.t("pair.end", { d: item.end_date }),
    item.end_estimated ? el("span", { class: "est", title: i18n.t("pair.estimated.hint") }, i18n.t("pair.estimated")) : null);
  const meta = [topic.project && i18n.label("project", topic.project), topic.stage && i18n.label("stage", topic.stage),
    ...(topic.disease_areas || []).map((d) => i18n.label("disease_area", d))].filter(Boolean);
  const next = (item.next_topics && item.next_topics.hits) || [];
  const companies = (item.companies && item.companies.candidates) || [];
  return el("li", { class: "panel pair-topic", "data-id": topic.id },
    el("div", { class: "title" }, badge(app, topic.type), app.recordLink(topic.id, t.main)),
    t.sub ? el("div", { class: "subtitle" }, t.sub) : null,
    el("div", { class: "meta" }, end, meta.map((m) => el("span", {}, m)), el("span", {}, topic.id)),
    // Nothing to pair with: one line rather than two empty columns.
    next.length === 0 && companies.length === 0 ? el("p", { class: "muted small pair-nothing" }, i18n.t("pair.nothing"))
      : el("div", { class: "pair-grid" },
        pairingColumn(app, "pair-next", i18n.t("pair.next"), next, pairingNext, i18n.t("pair.next.none")),
        pairingColumn(app, "pair-companies", i18n.t("pair.companies"), companies, pairingCompany, i18n.t("pair.companies.none"))));
}

export async function showPairing(app, state, renderId) {
  const { i18n } = app;
  app.setStatus(i18n.t("status.loading"));
  const data = await app.api("/api/pairing?" + pairingParams(state));
  if (app.stale(renderId)) return;
  const topics = data.topics || [];
  const m = i18n.number(state.months);
  // As many topics as asked for: there may be more than are shown.
  app.setStatus(topics.length === 0 ? "" : i18n.t("pair.count", { n: i18n.number(topics.length) }) +
    (topics.length >= PAIRING_LIMIT ? i18n.t("pair.capped") : ""));
  // A window from the URL outside the usual choices is offered as it is.
  const choices = PAIRING_MONTHS.includes(state.months) ? PAIRING_MONTHS
    : [...PAIRING_MONTHS, state.months].sort((a, b) => a - b);
  const months = el("select", { id: "pair-months", onchange: () => app.navigate({ ...state, months: Number(months.value) }) },
    choices.map((n) => el("option", { value: n, selected: n === state.months ? "" : null },
      i18n.t("pair.within", { m: i18n.number(n) }))));
  $("view").replaceChildren(el("section", { id: "pairing", "data-months": state.months,
    "data-project": (state.filters.project || []).join(","), "data-disease_area": (state.filters.disease_area || []).join(",") },
    el("h1", {}, i18n.t("pair.title")),
    el("div", { class: "controls" }, el("label", {}, i18n.t("pair.months") + " ", months),
      // The reference date is shown and editable; without one in the URL the
      // API chose it (today, or the data's last year when the data ends earlier).
      el("label", { id: "pair-today" }, i18n.t("pair.asof", { d: "" }),
        el("input", { type: "date", id: "pair-date", value: state.today || data.today || "",
          onchange: (e) => app.navigate({ ...state, today: e.target.value }) })),
      !state.today && data.today_from_data
        ? el("span", { class: "muted small", id: "pair-fromdata" }, i18n.t("pair.fromdata", { d: data.newest_end })) : null),
    el("div", { class: "controls" }, PAIRING_FILTERS.map((f) => pairingFilter(app, state, f))),
    el("p", { class: "muted small" }, i18n.t("pair.lead", { m })),
    topics.length === 0 ? null : el("div", { class: "toolbar" }, el("button", { type: "button", class: "plain",
      id: "export-pairing", onclick: () => exportPairing(app, state) }, i18n.t("export.csv"))),
    topics.length === 0 ? pairingEmpty(app, state, data)
      : el("ol", { class: "pair-list" }, topics.map((item) => pairingTopic(app, item)))));
}
