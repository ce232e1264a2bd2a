// The record view: fields, identifiers with outbound links, links grouped
// by relation, the neighbourhood graph, related seeds with their reasons,
// and company matching (or, for a company, seeds for it).
import { $, el, readState, recordPath } from "./util.js";
import { graphLegend, renderGraph } from "./graph.js";
import { badge, hitMeta } from "./search.js";
import { watchButton } from "./saved.js";

// Where an identifier can be looked up; other schemes are shown as text.
const IDENTIFIER_URLS = {
  doi: (v) => "https://doi.org/" + v,
  pmid: (v) => "https://pubmed.ncbi.nlm.nih.gov/" + encodeURIComponent(v) + "/",
  jrct: (v) => "https://jrct.niph.go.jp/latest-detail/" + encodeURIComponent(v),
  nct: (v) => "https://clinicaltrials.gov/study/" + encodeURIComponent(v),
};

function identifierValue(scheme, value) {
  const url = IDENTIFIER_URLS[scheme];
  if (!url || typeof value !== "string") return String(value);
  return el("a", { href: url(value), target: "_blank", rel: "noopener noreferrer", class: "external",
    "data-scheme": scheme }, value);
}

// A topic's grant, up front: programme, funder, period, PI, institution,
// grant number; what the source does not give says so.
function renderGrant(app, r) {
  const { i18n } = app;
  const a = r.attrs || {};
  const linked = (rels) => Object.entries(r.links || {}).filter(([rel]) => rels.includes(rel)).flatMap(([, l]) => l);
  const names = (list) => list.length === 0 ? null : list.slice(0, 3).map((l, i) => [i ? "、" : "",
    l.indexed ? app.recordLink(l.id, l.title || l.id) : l.title || l.id]).concat(list.length > 3 ? [" " + i18n.t("more.n", { n: list.length - 3 })] : []);
  const programme = i18n.lang === "en" ? a.programme_en || a.programme_ja || a.program : a.programme_ja || a.program || a.programme_en;
  const period = a.start_date || a.end_date ? `${a.start_date || "?"} 〜 ${a.end_date || "?"}`
    : a.fiscal_year ? i18n.t("grant.fy", { y: a.fiscal_year }) : r.date ? i18n.t("grant.from", { y: r.date.slice(0, 4) }) : null;
  const rows = [
    ["grant.programme", programme],
    ["grant.funder", a.funder || (a.source === "KAKEN" ? i18n.t("grant.jsps") : null)],
    ["grant.period", period],
    ["grant.pi", names(linked(["investigator"]))],
    ["grant.institution", names(linked(["affiliation"]))],
    ["grant.number", (r.identifiers || {}).grant],
  ];
  return el("section", { class: "panel grant", id: "grant" }, el("h2", {}, i18n.t("grant.title")),
    el("dl", { class: "fields" }, rows.map(([k, v]) => [el("dt", {}, i18n.t(k)),
      el("dd", { class: v ? null : "muted" }, v || i18n.t("grant.none"))])),
    a.credit ? el("p", { class: "muted small" }, a.credit) : null);
}

function renderFields(app, r) {
  const { i18n } = app;
  const codes = (dim, list) => (list || []).map((c) => i18n.label(dim, c)).join(i18n.lang === "ja" ? "、" : ", ");
  const rows = [
    [i18n.t("field.id"), r.id],
    [i18n.t("field.date"), r.date],
    [i18n.t("facet.project"), r.project && i18n.label("project", r.project)],
    [i18n.t("facet.disease_area"), codes("disease_area", r.disease_areas)],
    [i18n.t("facet.modality"), codes("modality", r.modalities)],
    [i18n.t("facet.stage"), r.stage && i18n.label("stage", r.stage)],
    [i18n.t("field.keywords"), (r.keywords || []).join(i18n.lang === "ja" ? "、" : ", ")],
    [i18n.t("field.visibility"), r.visibility && r.visibility !== "public" && i18n.label("visibility", r.visibility)],
  ];
  const ids = Object.entries(r.identifiers || {});
  return el("dl", { class: "fields" },
    rows.filter(([, v]) => v).map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]),
    ids.length ? [el("dt", {}, i18n.t("field.identifiers")), el("dd", { class: "identifiers" },
      ids.map(([scheme, v]) => el("span", { class: "identifier" }, el("span", { class: "scheme" }, scheme + " "),
        identifierValue(scheme, v))))] : []);
}

// Links in tabs by what they lead to (papers, patents, trials, companies,
// ...), a few at a time with "+N more", titles rather than ids.
const LINK_TABS = [["paper"], ["patent"], ["trial"], ["company"], ["topic"], ["disease"], ["drug"],
  ["organization", "person"], ["dataset", "outcome", ""]];
const LINKS_SHOWN = 8;

function linkItem(app, l, ownType) {
  const { i18n } = app;
  return el("li", {},
    l.indexed ? app.recordLink(l.id, l.title || l.id) : el("span", { class: "muted", title: l.id }, l.title || l.id),
    el("span", { class: "subtitle" }, " " + i18n.relLabel(l.rel, [ownType, l.type]) + (l.direction === "in" ? ` (${i18n.t("links.in")})` : "")),
    l.date ? el("span", { class: "subtitle" }, " " + l.date) : null);
}

function linkList(app, items, ownType) {
  let shown = 0;
  const list = el("ul", {});
  const more = el("button", { type: "button", class: "plain small" });
  const showMore = () => {
    list.append(...items.slice(shown, shown + LINKS_SHOWN * (shown ? 4 : 1)).map((l) => linkItem(app, l, ownType)));
    shown = list.children.length;
    more.hidden = shown >= items.length;
    more.textContent = app.i18n.t("more.n", { n: app.i18n.number(items.length - shown) });
  };
  more.onclick = showMore;
  showMore();
  return [list, more];
}

function renderLinks(app, links, ownType) {
  const { i18n } = app;
  const both = Object.entries(links || {}).flatMap(([rel, list]) => list.map((l) => ({ ...l, rel })));
  // same_as is symmetric: a twin that links back is listed once.
  const twins = new Set(both.filter((l) => l.rel === "same_as" && l.direction !== "in").map((l) => l.id));
  const all = both.filter((l) => !(l.rel === "same_as" && l.direction === "in" && twins.has(l.id)));
  if (all.length === 0) return [el("p", { class: "muted" }, i18n.t("links.none"))];
  const tabs = LINK_TABS.map((types) => ({ types, items: all.filter((l) => types.includes(l.type || "")) }))
    .filter((t) => t.items.length > 0);
  const known = new Set(LINK_TABS.flat());
  const rest = all.filter((l) => !known.has(l.type || ""));
  if (rest.length) tabs.push({ types: ["other"], items: rest });
  const body = el("div", { class: "tab-body", role: "tabpanel", id: "links-panel" });
  const buttons = tabs.map((t, i) => el("button", { type: "button", role: "tab", id: "links-tab-" + t.types[0],
    "data-tab": t.types[0], "aria-controls": "links-panel", "aria-selected": i === 0 ? "true" : "false", tabindex: i === 0 ? "0" : "-1",
    onclick: () => select(i) },
  t.types.filter(Boolean).map((ty) => (ty === "other" ? i18n.t("links.other") : i18n.label("type", ty))).join("・"),
  el("span", { class: "count" }, " " + i18n.number(t.items.length))));
  const select = (i) => {
    buttons.forEach((b, j) => {
      b.setAttribute("aria-selected", i === j ? "true" : "false");
      b.tabIndex = i === j ? 0 : -1;
    });
    body.setAttribute("aria-labelledby", buttons[i].id);
    body.replaceChildren(...linkList(app, tabs[i].items, ownType));
  };
  const bar = el("div", { class: "tabs", role: "tablist", "aria-label": i18n.t("links.title"),
    onkeydown: (e) => {  // arrow keys move between tabs (WAI-ARIA tabs pattern)
      const i = buttons.indexOf(document.activeElement);
      if (i < 0 || (e.key !== "ArrowRight" && e.key !== "ArrowLeft")) return;
      const j = (i + (e.key === "ArrowRight" ? 1 : buttons.length - 1)) % buttons.length;
      select(j);
      buttons[j].focus();
      e.preventDefault();
    } }, buttons);
  select(0);
  return [bar, body];
}

// A panel that fills itself when its data arrives; a failure stays inside.
function panel(id, heading, ...controls) {
  const body = el("div", { class: "panel-body" });
  const node = el("section", { class: "panel", id }, el("div", { class: "panel-head" }, el("h2", {}, heading), controls), body);
  return { node, body };
}

async function fill(app, body, renderId, load) {
  body.replaceChildren(el("p", { class: "muted" }, app.i18n.t("status.loading")));
  try {
    const content = await load();
    if (!app.stale(renderId)) body.replaceChildren(...[content].flat());
  } catch (e) {
    if (!app.stale(renderId)) body.replaceChildren(el("p", { class: "error" }, e.message));
  }
}

const GRAPH_FIRST = 60;  // nodes drawn at first; "show all" draws up to 150

function graphPanel(app, state, renderId) {
  const { i18n } = app;
  const depth = el("select", { "aria-label": i18n.t("graph.depth"), id: "graph-depth",
    onchange: () => app.navigate({ ...state, depth: Number(depth.value) }) },
  [1, 2, 3].map((d) => el("option", { value: d, selected: d === state.depth ? "" : null }, `${i18n.t("graph.depth")} ${d}`)));
  const p = panel("graph", i18n.t("graph.title"), depth);
  const load = (limit) => fill(app, p.body, renderId, async () => {
    const g = await app.api(recordPath(state.id) + `/graph?limit=${limit}&depth=${state.depth}`);
    // Nothing linked: say so rather than draw one lonely node.
    if (g.nodes.length <= 1) return el("p", { class: "muted", id: "graph-empty" }, i18n.t("graph.empty"));
    const more = g.truncated && limit < 150 ? el("button", { type: "button", class: "plain small", id: "graph-all",
      onclick: () => load(150) }, i18n.t("graph.all")) : null;
    return [renderGraph(g, {
      label: (t) => i18n.label("type", t), relLabel: (r, from, to) => i18n.relLabel(r, [from, to].map((id) => id.split(":")[0])),
      onOpen: (id) => app.navigate({ ...readState(""), view: "record", id }),
      ariaLabel: i18n.t("graph.aria", { n: i18n.number(g.nodes.length), m: i18n.number(g.edges.length) }),
    }), graphLegend(g, (t) => i18n.label("type", t), i18n.t("graph.dangling")),
    el("p", { class: "muted small" }, i18n.t("graph.hint"), g.truncated ? " · " + i18n.t("graph.truncated") : "", " ", more)];
  });
  load(GRAPH_FIRST);
  return p.node;
}

// One line of reasons: a label and its items, or nothing when empty.
function reasonLine(label, items) {
  if (!items || items.length === 0) return null;
  return el("div", { class: "reason" }, el("span", { class: "reason-label" }, label + ": "), items);
}

// A node the reasons name: its title (and type badge) when the API labels
// it, else its id, shortened; never a raw path of ids.
function nodeRef(app, r, id) {
  const label = (r.labels || {})[id];
  if (!label) return el("span", { class: "node-ref muted", title: id }, id.length > 40 ? id.slice(0, 38) + "…" : id);
  return el("span", { class: "node-ref" }, badge(app, label.type), app.recordLink(id, app.i18n.title(label.title).main));
}

function renderPath(app, r, path) {
  // {seed, rel, node, rel, hit}: the seed is this record, the hit the candidate.
  const { i18n } = app;
  const typeAt = (j) => String(path[j] || "").split(":")[0];  // ids are <type>:<source-key>
  return el("span", { class: "path" }, path.map((step, i) => {
    // "related": the pseudo-relation of a seed found by similarity (match.cpp).
    const rel = step === "related" ? i18n.t("reason.related") : i18n.relLabel(step, [typeAt(i - 1), typeAt(i + 1)]);
    if (i % 2 === 1) return el("span", { class: "rel" }, ` —${rel}→ `);
    if (i === 0) return el("span", { class: "muted" }, i18n.t("reason.this"));
    if (i === path.length - 1) return el("span", { class: "muted" }, i18n.t("reason.that"));
    return nodeRef(app, r, step);
  }));
}

export function renderReasons(app, r) {
  const { i18n } = app;
  const join = (list) => list.join(i18n.lang === "ja" ? "、" : ", ");
  const s = r.scores || {};
  const nodes = r.shared_nodes || [];
  const shown = nodes.slice(0, 5);
  return el("div", { class: "reasons" },
    reasonLine(i18n.t("reason.terms"), join(r.shared_terms || [])),
    reasonLine(i18n.t("reason.disease_areas"), join([...new Set((r.shared_disease_areas || []).map((c) => i18n.label("disease_area", c)))])),
    reasonLine(i18n.t("reason.modalities"), join((r.shared_modalities || []).map((c) => i18n.label("modality", c)))),
    reasonLine(i18n.t("reason.nodes"), nodes.length === 0 ? null : [shown.map((id) => nodeRef(app, r, id)),
      nodes.length > shown.length ? el("span", { class: "muted" }, i18n.t("more.n", { n: i18n.number(nodes.length - shown.length) })) : null]),
    (r.paths || []).slice(0, 2).map((p) => reasonLine(i18n.t("reason.path"), renderPath(app, r, p))),
    reasonLine(i18n.t("reason.scores"), ["text", "graph", "vocab"].map((k) =>
      `${i18n.t("score." + k)} ${Number(s[k] || 0).toFixed(2)}`).join(" · ")));
}

export function renderRelatedHit(app, h) {
  const t = app.i18n.title(h.title);
  return el("li", { class: "hit related-hit", "data-id": h.id },
    el("div", { class: "title" }, badge(app, h.type), app.recordLink(h.id, t.main)),
    el("div", { class: "meta" }, hitMeta(app, h).map((m) => el("span", {}, m))),
    renderReasons(app, h.reasons || {}));
}

function relatedPanel(app, state, renderId) {
  const { i18n } = app;
  const choices = ["", "modality", "disease_area", "project"];
  const across = el("div", { class: "segmented", role: "group", "aria-label": i18n.t("related.across"), id: "across" },
    choices.map((c) => el("button", { type: "button", class: c === state.across ? "on" : "", "data-across": c,
      "aria-pressed": c === state.across ? "true" : "false",
      onclick: () => app.navigate({ ...state, across: c }) }, c ? i18n.t("related.across." + c) : i18n.t("related.any"))));
  const types = Object.keys(i18n.vocab.type || {});
  const type = el("select", { id: "related-type", "aria-label": i18n.t("related.type"),
    onchange: () => app.navigate({ ...state, rtype: type.value }) },
  el("option", { value: "" }, i18n.t("related.anytype")),
  types.map((t) => el("option", { value: t, selected: t === state.rtype ? "" : null }, i18n.label("type", t))));
  const p = panel("related", i18n.t("related.title"), across, type);
  fill(app, p.body, renderId, async () => {
    const q = new URLSearchParams({ limit: "10" });
    if (state.across) q.set("across", state.across);
    if (state.rtype) q.set("type", state.rtype);
    const data = await app.api(recordPath(state.id) + "/related?" + q);
    if (data.hits.length === 0) return el("p", { class: "muted" }, i18n.t("related.none"));
    return el("ol", { class: "related-list" }, data.hits.map((h) => renderRelatedHit(app, h)));
  });
  return p.node;
}

export function renderCandidate(app, c) {
  const t = app.i18n.title(c.title);
  const other = (c.names || []).filter((n) => n !== t.main).slice(0, 3);
  return el("li", { class: "hit candidate", "data-id": c.id },
    el("div", { class: "title" }, badge(app, c.type), app.recordLink(c.id, t.main),
      el("span", { class: "score" }, Number(c.score || 0).toFixed(2)),
      c.evidence_strength === "weak" ? el("span", { class: "weak", title: app.i18n.t("match.weak.title") },
        app.i18n.t("match.weak")) : null),
    other.length ? el("div", { class: "muted aka" }, app.i18n.t("match.names") + ": " + other.join(" / ")) : null,
    el("ul", { class: "reasons" }, (c.reasons || []).map((r) => el("li", {}, r))),
    // The evidence records the reasons rest on, as links with their titles.
    (c.cited || []).length ? el("ul", { class: "cited" }, c.cited.map((r) => el("li", {},
      badge(app, r.type), app.recordLink(r.id, r.title || r.id),
      r.date ? el("span", { class: "muted" }, " " + r.date.slice(0, 4)) : null,
      el("span", { class: "muted" }, ` (${app.i18n.t("match.similarity")} ${Number(r.similarity).toFixed(2)})`)))) : null);
}

function countList(app, dim, counts) {
  return Object.entries(counts || {}).sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${dim ? app.i18n.label(dim, code) : code} ${n}`).join("、");
}

// What the company does, from the records that name it.
function profilePanel(app, record, renderId) {
  const { i18n } = app;
  const p = panel("profile", i18n.t("profile.title"));
  fill(app, p.body, renderId, async () => {
    const data = await app.api(recordPath(record.id) + "/profile");
    const rows = data.groups.map((g) => el("div", { class: "profile-group", "data-type": g.type },
      el("h3", {}, badge(app, g.type), ` ${g.count}`,
        g.first_date ? el("span", { class: "muted" }, ` ${g.first_date.slice(0, 4)}–${(g.last_date || "").slice(0, 4)}`) : null),
      Object.keys(g.modalities).length ? el("div", {}, i18n.t("facet.modality") + ": " + countList(app, "modality", g.modalities)) : null,
      Object.keys(g.disease_areas).length ? el("div", {}, i18n.t("facet.disease_area") + ": " + countList(app, "disease_area", g.disease_areas)) : null,
      g.classes ? el("div", {}, i18n.t("profile.classes") + ": " + countList(app, "", g.classes)) : null,
      el("ul", { class: "cited" }, g.recent.map((r) => el("li", {}, app.recordLink(r.id, r.title || r.id),
        r.date ? el("span", { class: "muted" }, " " + r.date) : null)))));
    const rel = (key, list) => list.length ? el("div", {}, i18n.t(key) + ": ",
      list.map((r) => el("span", { class: "node-ref" }, app.recordLink(r.id, r.title || r.id)))) : null;
    return el("div", {}, data.note ? el("p", { class: "notice" }, data.note) : null,
      (data.names || []).length > 1 ? el("div", { class: "muted aka" }, i18n.t("match.names") + ": " + data.names.join(" / ")) : null,
      rel("profile.parents", data.parents), rel("profile.subsidiaries", data.subsidiaries), ...rows);
  });
  return p.node;
}

// Companies for a seed, or seeds for a company (the reverse view).
export async function loadMatch(app, id, isCompany, limit) {
  const key = isCompany ? "company" : "seed";
  const data = await app.api(`/api/match?${key}=${encodeURIComponent(id)}&limit=${limit}`);
  const list = isCompany ? data.hits : data.candidates;
  // The API says what the list rests on when no candidate has record evidence.
  const note = data.note ? el("p", { class: "notice match-note" }, data.note) : null;
  if (!list || list.length === 0) return note || el("p", { class: "muted" }, app.i18n.t("match.none"));
  return el("div", {}, note, el("ol", { class: "match-list" },
    list.map((x) => (isCompany ? renderRelatedHit(app, x) : renderCandidate(app, x)))));
}

function matchPanel(app, record, renderId) {
  const { i18n } = app;
  const isCompany = record.type === "company";
  const more = app.link({ ...readState(""), view: "match", seed: isCompany ? "" : record.id,
    company: isCompany ? record.id : "" }, i18n.t("match.open"));
  const p = panel("match", i18n.t(isCompany ? "match.seeds" : "match.title"), more);
  fill(app, p.body, renderId, () => loadMatch(app, record.id, isCompany, 5));
  return p.node;
}

export async function showRecord(app, state, renderId) {
  const { i18n } = app;
  app.setStatus(i18n.t("status.loading"));
  const r = await app.api(recordPath(state.id));
  if (app.stale(renderId)) return;
  app.setStatus("");
  const t = i18n.title(r.title);
  const text = r.text ? [i18n.lang === "en" ? r.text.en : r.text.ja, i18n.lang === "en" ? r.text.ja : r.text.en]
    .filter(Boolean).join("\n\n") : "";
  $("view").replaceChildren(el("article", { id: "record", "data-id": r.id },
    app.backLink(),
    el("h1", {}, badge(app, r.type), el("span", { class: "record-title" }, t.main)),
    el("div", { class: "toolbar" }, watchButton(app, r.id)),
    t.sub ? el("div", { class: "subtitle" }, t.sub) : null,
    r.type === "topic" ? renderGrant(app, r) : null,
    renderFields(app, r),
    text ? el("p", { class: "text" }, text) : null,
    el("div", { class: "record-grid" },
      el("section", { class: "panel", id: "links" }, el("h2", {}, i18n.t("links.title")), renderLinks(app, r.links, r.type)),
      graphPanel(app, state, renderId)),
    r.type === "company" ? profilePanel(app, r, renderId) : null,
    relatedPanel(app, state, renderId),
    matchPanel(app, r, renderId)));
}
