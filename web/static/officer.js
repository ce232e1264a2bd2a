// Officer views: the cross-link heatmap, the output indicators and the
// company matching page.  Heatmap and indicators take the same q and
// filters as the search, so a search can be looked at either way.
import { $, DIMENSIONS, el, filterParams, stateFor } from "./util.js";
import { renderActiveFilters } from "./search.js";
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

function heatTable(app, state, x) {
  const { i18n } = app;
  const max = Math.max(1, ...x.counts.flat());
  const cell = (r, c) => {
    const n = x.counts[r][c];
    const alpha = n === 0 ? 0 : 0.12 + 0.88 * Math.sqrt(n / max);
    const target = drillState(state, [[x.row_dim, x.rows[r]], [x.col_dim, x.cols[c]]]);
    return el("td", { class: "cell" + (n === 0 ? " zero" : ""), "data-row": x.rows[r], "data-col": x.cols[c],
      "data-count": n, style: `--heat:${alpha.toFixed(3)}`, title: `${i18n.label(x.row_dim, x.rows[r])} × ${i18n.label(x.col_dim, x.cols[c])}: ${n}` },
    n === 0 ? "" : app.link(target, i18n.number(n)));
  };
  return el("div", { class: "heat-wrap" }, el("table", { class: "heatmap", id: "heatmap" },
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
    heatTable(app, state, x)));
}

const INDICATORS = ["licensed_to", "registered_as", "continued_as", "top1pct"];

function drillList(app, what, key, count) {
  const { i18n } = app;
  return el("section", { class: "panel", id: "drill" },
    el("h2", {}, i18n.t("ind.drill", { what: i18n.t("ind." + what), key })),
    count.ids.length === 0 ? el("p", { class: "muted" }, i18n.t("ind.none"))
      : el("ul", {}, count.ids.map((id) => el("li", {}, app.recordLink(id, id)))),
    count.count > count.ids.length ? el("p", { class: "muted small" }, `… ${count.count - count.ids.length}`) : null);
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
  const keyLabel = (k) => (k === "total" ? i18n.t("ind.total") : data.by === "year" ? k : i18n.label(data.by, k));
  const countCell = (row, what) => {
    const c = row[what];
    return el("td", { class: "num" }, c.count === 0 ? "0" : el("button", { type: "button", class: "link",
      "data-key": row.key || "total", "data-indicator": what,
      onclick: () => drill.replaceChildren(drillList(app, what, keyLabel(row.key || "total"), c)) }, i18n.number(c.count)));
  };
  const by = el("select", { id: "ind-by", onchange: () => app.navigate({ ...state, by: by.value }) },
    ["project", "disease_area", "year"].map((b) => el("option", { value: b, selected: b === state.by ? "" : null }, i18n.t("facet." + b))));
  $("view").replaceChildren(el("section", { id: "indicators" },
    el("h1", {}, i18n.t("ind.title")),
    el("div", { class: "controls" }, el("label", {}, i18n.t("ind.by") + " ", by)),
    el("table", { class: "indicators" },
      el("thead", {}, el("tr", {}, el("th", {}, i18n.t("facet." + data.by)), INDICATORS.map((w) => el("th", { class: "num" }, i18n.t("ind." + w))))),
      el("tbody", {}, data.rows.map((row) => el("tr", {}, el("th", { scope: "row" }, keyLabel(row.key)),
        INDICATORS.map((w) => countCell(row, w))))),
      el("tfoot", {}, el("tr", {}, el("th", {}, i18n.t("ind.total")), INDICATORS.map((w) => countCell(data.total, w))))),
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
  $("view").replaceChildren(el("section", { id: "match-view" },
    el("h1", {}, i18n.t(isCompany ? "match.seedsfor" : "match.for", { t: t.main })),
    el("p", {}, app.link(stateFor("record", { id }), id)),
    list));
}
