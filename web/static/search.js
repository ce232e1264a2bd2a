// The search view: facets with counts, active filters, hits, pages.
import { $, FACETS, FILTERS, download, el, filterParams } from "./util.js";
import { saveSearchButton } from "./saved.js";

const PER_PAGE = 20;

// The codes of a hit as short labelled items (date, project, areas, ...).
export function hitMeta(app, hit) {
  const { i18n } = app;
  const meta = [];
  if (hit.date) meta.push(hit.date);
  if (hit.project) meta.push(i18n.label("project", hit.project));
  for (const d of hit.disease_areas || []) meta.push(i18n.label("disease_area", d));
  for (const m of hit.modalities || []) meta.push(i18n.label("modality", m));
  if (hit.stage) meta.push(i18n.label("stage", hit.stage));
  return meta;
}

export function badge(app, type) {
  return el("span", { class: "badge " + type }, app.i18n.label("type", type));
}

export function renderHit(app, hit) {
  const t = app.i18n.title(hit.title);
  const snippet = el("p", { class: "snippet" });
  snippet.innerHTML = hit.snippet || "";  // server-escaped, <mark> only
  return el("li", { class: "hit", "data-id": hit.id },
    el("div", { class: "title" }, badge(app, hit.type), app.recordLink(hit.id, t.main)),
    t.sub ? el("div", { class: "subtitle" }, t.sub) : null,
    snippet,
    hit.missing && hit.missing.length
      ? el("div", { class: "missing" }, app.i18n.t("partial.missing"), hit.missing.map((w) => el("s", {}, w)))
      : null,
    el("div", { class: "meta" }, hitMeta(app, hit).map((m) => el("span", {}, m)), el("span", {}, hit.id)));
}

function toggleFilter(app, state, name, value) {
  const next = structuredClone(state);
  next.page = 1;
  if (name === "year") {
    const on = state.year_from === value && state.year_to === value;
    next.year_from = next.year_to = on ? "" : value;
  } else {
    const list = next.filters[name];
    const i = list.indexOf(value);
    if (i >= 0) list.splice(i, 1); else list.push(value);
  }
  app.navigate(next);
}

function renderFacets(app, facets, state) {
  const { i18n } = app;
  const box = $("facets");
  box.replaceChildren();
  for (const name of FACETS) {
    const counts = facets[name];
    if (!counts || Object.keys(counts).length === 0) continue;
    const items = Object.entries(counts).map(([value, n]) => {
      const on = name === "year"
        ? state.year_from === value && state.year_to === value
        : state.filters[name].includes(value);
      return el("li", {}, el("button", {
        type: "button", class: on ? "on" : "", "aria-pressed": on ? "true" : "false",
        "data-facet": name, "data-value": value,
        onclick: () => toggleFilter(app, state, name, value),
      }, el("span", {}, i18n.label(name, value)), el("span", { class: "count" }, i18n.number(n))));
    });
    box.append(el("section", { class: "facet", "data-facet": name },
      el("h2", {}, i18n.t("facet." + name)), el("ul", {}, items)));
  }
}

// Chips for the filters in force; a click removes one.  Shared by the
// search, cross-link and indicator views, which all filter the same way.
export function renderActiveFilters(app, state) {
  const { i18n } = app;
  const chips = [];
  const drop = (next) => app.navigate({ ...next, page: 1 });
  for (const f of FILTERS) {
    for (const v of state.filters[f]) {
      const next = structuredClone(state);
      next.filters[f] = next.filters[f].filter((x) => x !== v);
      chips.push(el("button", { type: "button", class: "chip", title: i18n.t("chip.remove"),
        onclick: () => drop(next) }, `${i18n.t("facet." + f)}: ${i18n.label(f, v)} ×`));
    }
  }
  if (state.year_from || state.year_to) {
    const range = state.year_from === state.year_to ? state.year_from : `${state.year_from}〜${state.year_to}`;
    chips.push(el("button", { type: "button", class: "chip", title: i18n.t("chip.remove"),
      onclick: () => drop({ ...state, year_from: "", year_to: "" }) }, `${i18n.t("facet.year")}: ${range} ×`));
  }
  if (state.q && state.view !== "search") {
    chips.push(el("button", { type: "button", class: "chip", title: i18n.t("chip.remove"),
      onclick: () => drop({ ...state, q: "" }) }, `q: ${state.q} ×`));
  }
  $("active-filters").replaceChildren(...chips);
}

function renderPager(app, data, state) {
  const { i18n } = app;
  const pages = Math.max(1, Math.ceil(data.total / data.per_page));
  const at = Math.min(state.page, pages);  // a page past the last counts as the last
  const go = (page) => app.navigate({ ...state, page });
  return el("nav", { id: "pager", "aria-label": i18n.t("pager.label") }, pages <= 1 ? [] : [
    el("button", { type: "button", disabled: at <= 1, onclick: () => go(at - 1) }, i18n.t("pager.prev")),
    el("span", {}, i18n.t("pager.page", { p: i18n.number(at), n: i18n.number(pages) })),
    el("button", { type: "button", disabled: state.page >= pages, onclick: () => go(at + 1) },
      i18n.t("pager.next")),
  ]);
}

// "Did you mean": the API offers a spelling correction when little matched,
// and says whether the hits shown are already those of the correction.
function renderSuggestion(app, data, state) {
  if (!data.suggestion) return el("span");
  const { i18n } = app;
  const link = el("a", { href: "#", id: "suggestion" }, data.suggestion);
  link.addEventListener("click", (e) => {
    e.preventDefault();
    app.navigate({ ...state, q: data.suggestion, page: 1 });
  });
  return el("p", { class: "suggestion" },
    i18n.t(data.suggestion_used ? "suggest.used" : "suggest.offer"), link);
}

// What the query was expanded to ("がん: cancer, carcinoma … を含む"), each
// name with a × that drops it, and the dropped ones with a + to restore.
function renderExpansions(app, data, state) {
  const { i18n } = app;
  const rows = (data.expansions || []).map((e) => {
    const set = (drop) => app.navigate({ ...state, drop, page: 1 });
    const names = e.names.map((n) => el("button", {
      type: "button", class: "chip expansion", title: i18n.t("expansion.drop"), "data-name": n,
      onclick: () => set([...(state.drop || []), n]),
    }, n + " ×"));
    const dropped = (e.dropped || []).map((n) => el("button", {
      type: "button", class: "chip expansion dropped", title: i18n.t("expansion.restore"), "data-name": n,
      onclick: () => set((state.drop || []).filter((d) => d !== n)),
    }, "+ " + n));
    return el("li", {}, el("strong", {}, e.term), i18n.t("expansion.includes"), names, dropped,
      i18n.t("expansion.tail"));
  });
  return rows.length ? el("ul", { id: "expansions", "aria-label": i18n.t("expansion.label") }, rows) : el("span");
}

function renderPartial(app, data) {
  if (!data.partial) return el("span");
  return el("p", { id: "partial", class: "notice" }, app.i18n.t("partial.notice"));
}

// Saves every match of the search `state` stands for as a file (GET
// /api/export): CSV with a BOM so that Excel reads the Japanese, or JSON
// Lines; `button` is disabled meanwhile, `n` is the count to announce.
export async function exportSearch(app, state, format, button, n) {
  const { i18n } = app;
  const p = filterParams(state);
  if (state.sort && state.sort !== "relevance") p.set("sort", state.sort);
  p.set("format", format);
  if (format === "csv") p.set("bom", "1");
  button.disabled = true;
  app.setStatus(i18n.t("export.busy", { n: i18n.number(n) }));
  try {
    await download("/api/export?" + p, "seedgraph-" + (state.q || "all").slice(0, 40) + "." + format, i18n);
    app.setStatus(i18n.t("export.done", { n: i18n.number(n) }));
  } catch (e) {
    app.setStatus(e.message, true);
  } finally {
    button.disabled = false;
  }
}

function renderExport(app, data, state) {
  const { i18n } = app;
  if (!data.total) return el("span");
  const csv = el("button", { type: "button", id: "export-csv",
    onclick: () => exportSearch(app, state, "csv", csv, data.total) }, i18n.t("export.csv"));
  const jsonl = el("button", { type: "button", id: "export-jsonl", class: "plain",
    onclick: () => exportSearch(app, state, "jsonl", jsonl, data.total) }, i18n.t("export.jsonl"));
  return el("div", { id: "export", class: "toolbar" },
    el("span", {}, i18n.t("export.label", { n: i18n.number(data.total) })), csv, jsonl, saveSearchButton(app, state));
}

export async function showSearch(app, state, renderId) {
  const { i18n } = app;
  const p = filterParams(state);
  if (state.sort !== "relevance") p.set("sort", state.sort);
  if (state.page > 1) p.set("page", String(state.page));
  p.set("per_page", String(PER_PAGE));
  app.setStatus(i18n.t("status.searching"));
  const data = await app.api("/api/search?" + p);
  if (app.stale(renderId)) return;
  const first = (data.page - 1) * data.per_page + 1;
  const pages = Math.max(1, Math.ceil(data.total / data.per_page));
  // A page past the last (an old link, a hand-edited URL): say so and offer
  // the last page, rather than "1,961–1,960 of 136".
  const beyond = data.total > 0 && data.hits.length === 0 && state.page > 1;
  app.setStatus(data.total === 0 ? i18n.t("status.none")
    : (data.total_exact === false ? i18n.t("status.about") : "") +
      i18n.t("status.results", { n: i18n.number(data.total) }) +
      (beyond ? "" : i18n.t("status.range", { a: i18n.number(first), b: i18n.number(first + data.hits.length - 1) })));
  renderFacets(app, data.facets || {}, state);
  renderActiveFilters(app, state);
  $("view").replaceChildren(
    el("h1", { class: "search-title" }, state.q ? i18n.t("search.titleq", { q: state.q }) : i18n.t("search.title")),
    beyond ? el("p", { class: "notice", id: "beyond" }, i18n.t("pager.beyond", { p: i18n.number(state.page), n: i18n.number(pages) }), " ",
      app.link({ ...state, page: pages }, i18n.t("pager.last"))) : el("span"),  // replaceChildren would print a null
    renderSuggestion(app, data, state),
    renderExpansions(app, data, state),
    renderPartial(app, data),
    renderExport(app, data, state),
    el("ol", { id: "results" }, data.hits.map((h) => renderHit(app, h))),
    renderPager(app, data, state));
}
