// The home page (issue 15): what the corpus holds — counts by type, the
// disease area × type heatmap — and the newest records of the main types,
// instead of "every record", which began with chemical companies.
import { $, el, stateFor } from "./util.js";
import { badge, hitMeta } from "./search.js";
import { heatTable } from "./officer.js";

const RECENT_TYPES = ["topic", "paper", "trial", "patent"];

// True for a search state that asks nothing: no words, filters, years,
// order or page.
export function isHome(state) {
  return state.view === "search" && !state.q && state.page === 1 && (!state.sort || state.sort === "relevance") &&
    !state.year_from && !state.year_to && Object.values(state.filters).every((v) => v.length === 0);
}

function typeTiles(app, x) {
  const { i18n } = app;
  return el("ul", { class: "type-tiles", id: "home-types" }, x.rows.map((type, i) => el("li", { "data-type": type },
    app.link({ ...stateFor("search"), filters: { ...stateFor("search").filters, type: [type] } },
      badge(app, type), el("strong", {}, i18n.number(x.row_totals[i]))))));
}

function recentList(app, type, data) {
  const { i18n } = app;
  return el("section", { class: "panel recent", "data-type": type },
    el("h3", {}, i18n.label("type", type)),
    data.hits.length === 0 ? el("p", { class: "muted" }, i18n.t("home.norecent"))
      : el("ul", {}, data.hits.map((h) => el("li", {}, app.recordLink(h.id, i18n.title(h.title).main),
        el("div", { class: "meta small" }, hitMeta(app, h).slice(0, 2).join(" · "))))));
}

export async function showHome(app, state, renderId) {
  const { i18n } = app;
  app.setStatus(i18n.t("status.loading"));
  const recent = RECENT_TYPES.map((t) => app.api(`/api/search?type=${t}&sort=-date&per_page=4`));
  const [byType, heat] = await Promise.all([
    app.api("/api/crosslinks?rows=type&cols=disease_area"),
    app.api("/api/crosslinks?rows=disease_area&cols=type"),
  ]);
  const lists = await Promise.all(recent);
  if (app.stale(renderId)) return;
  app.setStatus("");
  $("view").replaceChildren(el("section", { id: "home" },
    el("h1", {}, i18n.t("home.title")),
    el("p", { class: "lead" }, i18n.t("home.lead", { n: i18n.number(byType.total) })),
    typeTiles(app, byType),
    el("h2", {}, i18n.t("home.heat")),
    el("p", { class: "muted small" }, i18n.t("x.hint")),
    heatTable(app, stateFor("search"), heat),
    el("p", {}, app.link(stateFor("crosslinks", { rows: "disease_area", cols: "type" }), i18n.t("home.moreheat"))),
    el("h2", {}, i18n.t("home.recent")),
    el("div", { class: "recent-grid" }, RECENT_TYPES.map((t, i) => recentList(app, t, lists[i])))));
}
