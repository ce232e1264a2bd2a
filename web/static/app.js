// seedgraph web UI: plain JS over the JSON API (CONTRACT.md §3).
//
// The URL holds the whole state (?q=...&type=paper&page=2, or ?id=... for a
// record), so every view can be bookmarked and the back button works.
// Titles and other record text are inserted with textContent; only
// `snippet` is inserted as HTML, because the server escapes the record text
// and adds nothing but <mark>.
"use strict";

const FILTERS = ["type", "project", "disease_area", "modality", "stage"];
const FACET_ORDER = [...FILTERS, "year"];
const PER_PAGE = 20;

const LABELS = {
  facet: {
    type: "種別", project: "統合プロジェクト", disease_area: "疾患領域",
    modality: "モダリティ", stage: "開発段階", year: "年",
  },
  type: {
    topic: "研究課題", paper: "論文", patent: "特許", trial: "臨床試験", dataset: "データセット",
    disease: "疾患", organization: "機関", company: "企業", person: "人物",
  },
  project: {
    pharma: "医薬品", device: "医療機器・ヘルスケア", regen_gene: "再生・細胞医療・遺伝子治療",
    infection: "感染症", data_lifecourse: "データ利活用・ライフコース",
    seeds_basic: "シーズ開発・基礎研究", translational: "橋渡し・臨床加速化",
    ecosystem: "イノベーション・エコシステム",
  },
  disease_area: {
    cancer: "がん", intractable: "難病", lifestyle: "生活習慣病", neuro_psych: "神経疾患・精神疾患",
    geriatric_dementia: "老年医学・認知症", child_maternal: "成育", dental_oral: "歯科口腔保健",
    infectious: "感染症",
  },
  modality: {
    small_molecule: "低分子", biologic: "バイオ医薬（抗体・タンパク質・ペプチド）", nucleic_acid: "核酸",
    cell_therapy: "細胞治療", gene_therapy: "遺伝子治療", regenerative: "再生医療（組織・オルガノイド）",
    vaccine: "ワクチン", device: "医療機器", diagnostic: "診断", digital: "デジタル（AI・SaMD）",
  },
  stage: { basic: "基礎", applied: "応用", nonclinical: "非臨床", clinical: "臨床", approved: "承認" },
  rel: {
    funded_by: "資金提供元", cites: "引用", author: "著者", investigator: "研究者", affiliation: "所属",
    applicant: "出願人", inventor: "発明者", studies: "対象疾患", registered_as: "臨床試験登録",
    licensed_to: "導出先", continued_as: "後継課題", same_as: "同一",
  },
};

const label = (dim, code) => (LABELS[dim] && LABELS[dim][code]) || code;
const $ = (id) => document.getElementById(id);

// Builds an element; strings become text nodes, never HTML.
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

// ---- state <-> URL --------------------------------------------------------

function readState() {
  const p = new URLSearchParams(location.search);
  const state = {
    id: p.get("id") || "",
    q: p.get("q") || "",
    sort: p.get("sort") || "relevance",
    page: Math.max(1, parseInt(p.get("page"), 10) || 1),
    year_from: p.get("year_from") || "",
    year_to: p.get("year_to") || "",
    filters: {},
  };
  for (const f of FILTERS) state.filters[f] = p.getAll(f).filter(Boolean);
  return state;
}

// Query parameters of a search state: the same for the page URL and the API.
function searchParams(state) {
  const p = new URLSearchParams();
  if (state.q) p.set("q", state.q);
  for (const f of FILTERS) for (const v of state.filters[f]) p.append(f, v);
  if (state.year_from) p.set("year_from", state.year_from);
  if (state.year_to) p.set("year_to", state.year_to);
  if (state.sort && state.sort !== "relevance") p.set("sort", state.sort);
  if (state.page > 1) p.set("page", String(state.page));
  return p;
}

function navigate(state) {
  const p = state.id ? new URLSearchParams({ id: state.id }) : searchParams(state);
  const query = p.toString();
  history.pushState(null, "", query ? "?" + query : location.pathname);
  render();
}

// ---- API -------------------------------------------------------------------

async function api(path) {
  const headers = {};
  const token = localStorage.getItem("seedgraph-token");
  if (token) headers.Authorization = "Bearer " + token;
  let res;
  try {
    res = await fetch(path, { headers });
  } catch (e) {
    throw new Error("サーバーに接続できません");
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const msg = body && body.error ? body.error.message : res.statusText;
    throw new Error(res.status === 401 ? "アクセストークンが無効です" : msg);
  }
  return body;
}

// ---- search view -----------------------------------------------------------

function titleOf(t) {
  t = t || {};
  return { main: t.ja || t.en || "（無題）", sub: t.ja && t.en ? t.en : "" };
}

function recordLink(id, text) {
  return el("a", {
    href: "?" + new URLSearchParams({ id }),
    onclick: (e) => { e.preventDefault(); navigate({ id }); },
  }, text);
}

function renderHit(hit) {
  const t = titleOf(hit.title);
  const snippet = el("p", { class: "snippet" });
  snippet.innerHTML = hit.snippet || "";  // server-escaped, <mark> only
  const meta = [];
  if (hit.date) meta.push(hit.date);
  if (hit.project) meta.push(label("project", hit.project));
  for (const d of hit.disease_areas || []) meta.push(label("disease_area", d));
  for (const m of hit.modalities || []) meta.push(label("modality", m));
  if (hit.stage) meta.push(label("stage", hit.stage));
  return el("li", {},
    el("div", { class: "title" },
      el("span", { class: "badge " + hit.type }, label("type", hit.type)),
      recordLink(hit.id, t.main)),
    t.sub ? el("div", { class: "subtitle" }, t.sub) : null,
    snippet,
    el("div", { class: "meta" }, meta.map((m) => el("span", {}, m)), el("span", {}, hit.id)));
}

function toggleFilter(state, name, value) {
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
  navigate(next);
}

function renderFacets(facets, state) {
  const box = $("facets");
  box.replaceChildren();
  for (const name of FACET_ORDER) {
    const counts = facets[name];
    if (!counts || Object.keys(counts).length === 0) continue;
    const items = Object.entries(counts).map(([value, n]) => {
      const on = name === "year"
        ? state.year_from === value && state.year_to === value
        : state.filters[name].includes(value);
      return el("li", {}, el("button", {
        type: "button", class: on ? "on" : "", "aria-pressed": on ? "true" : "false",
        onclick: () => toggleFilter(state, name, value),
      }, el("span", {}, label(name, value)), el("span", { class: "count" }, n.toLocaleString("ja-JP"))));
    });
    box.append(el("h2", {}, LABELS.facet[name]), el("ul", {}, items));
  }
}

function renderActiveFilters(state) {
  const chips = [];
  for (const f of FILTERS) {
    for (const v of state.filters[f]) {
      chips.push(el("button", { type: "button", class: "chip", title: "解除",
        onclick: () => toggleFilter(state, f, v) }, `${LABELS.facet[f]}: ${label(f, v)} ×`));
    }
  }
  if (state.year_from || state.year_to) {
    const range = state.year_from === state.year_to ? state.year_from : `${state.year_from}〜${state.year_to}`;
    chips.push(el("button", { type: "button", class: "chip", title: "解除",
      onclick: () => navigate({ ...state, year_from: "", year_to: "", page: 1 }) }, `年: ${range} ×`));
  }
  $("active-filters").replaceChildren(...chips);
}

function renderPager(data, state) {
  const pages = Math.max(1, Math.ceil(data.total / data.per_page));
  const go = (page) => navigate({ ...state, page });
  $("pager").replaceChildren(...(pages <= 1 ? [] : [
    el("button", { type: "button", disabled: state.page <= 1, onclick: () => go(state.page - 1) }, "← 前へ"),
    el("span", {}, `${state.page} / ${pages} ページ`),
    el("button", { type: "button", disabled: state.page >= pages, onclick: () => go(state.page + 1) }, "次へ →"),
  ]));
}

async function showSearch(state) {
  const p = searchParams(state);
  p.set("per_page", String(PER_PAGE));
  setStatus("検索中…");
  const data = await api("/api/search?" + p);
  setStatus(`${data.total.toLocaleString("ja-JP")} 件` +
    (data.total > 0 ? `（${(data.page - 1) * data.per_page + 1}〜${(data.page - 1) * data.per_page + data.hits.length} 件目）` : ""));
  $("results").replaceChildren(...data.hits.map(renderHit));
  renderFacets(data.facets || {}, state);
  renderActiveFilters(state);
  renderPager(data, state);
}

// ---- record view -----------------------------------------------------------

function renderLinks(links) {
  const out = [];
  for (const [rel, list] of Object.entries(links || {})) {
    out.push(el("h2", {}, label("rel", rel)), el("ul", {}, list.map((l) => el("li", {},
      l.type ? el("span", { class: "badge " + l.type }, label("type", l.type)) : null,
      l.indexed ? recordLink(l.id, l.title || l.id) : el("span", {}, l.title || l.id),
      l.direction === "in" ? el("span", { class: "subtitle" }, "（被参照）") : null,
      l.date ? el("span", { class: "subtitle" }, " " + l.date) : null))));
  }
  return out;
}

async function showRecord(id) {
  setStatus("読み込み中…");
  const r = await api("/api/records/" + encodeURIComponent(id));
  setStatus("");
  const t = titleOf(r.title);
  const rows = [["ID", r.id], ["日付", r.date], ["統合プロジェクト", r.project && label("project", r.project)],
    ["疾患領域", (r.disease_areas || []).map((d) => label("disease_area", d)).join("、")],
    ["モダリティ", (r.modalities || []).map((m) => label("modality", m)).join("、")],
    ["開発段階", r.stage && label("stage", r.stage)], ["キーワード", (r.keywords || []).join("、")],
    ...Object.entries(r.identifiers || {})];
  const text = r.text ? [r.text.ja, r.text.en].filter(Boolean).join("\n\n") : "";
  $("record").replaceChildren(
    el("a", { href: "#", onclick: (e) => { e.preventDefault(); history.back(); } }, "← 戻る"),
    el("h1", {}, el("span", { class: "badge " + r.type }, label("type", r.type)), t.main),
    t.sub ? el("div", { class: "subtitle" }, t.sub) : null,
    el("dl", {}, rows.filter(([, v]) => v).map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])),
    text ? el("p", { class: "text" }, text) : null,
    ...renderLinks(r.links));
}

// ---- glue ------------------------------------------------------------------

function setStatus(text, error = false) {
  $("status").textContent = text;
  $("status").classList.toggle("error", error);
}

async function render() {
  const state = readState();
  $("q").value = state.q;
  $("sort").value = state.sort;
  const recordView = Boolean(state.id);
  for (const id of ["results", "pager", "facets", "active-filters"]) $(id).hidden = recordView;
  $("record").hidden = !recordView;
  try {
    if (recordView) await showRecord(state.id);
    else await showSearch(state);
  } catch (e) {
    setStatus(e.message, true);
    $("results").replaceChildren();
    $("record").replaceChildren();
  }
}

function init() {
  $("search-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const state = readState();
    navigate({ ...state, id: "", q: $("q").value.trim(), sort: $("sort").value, page: 1 });
  });
  $("sort").addEventListener("change", () => {
    const state = readState();
    if (!state.id) navigate({ ...state, sort: $("sort").value, page: 1 });
  });
  const token = $("token");
  token.value = localStorage.getItem("seedgraph-token") || "";
  token.addEventListener("change", () => {
    if (token.value.trim()) localStorage.setItem("seedgraph-token", token.value.trim());
    else localStorage.removeItem("seedgraph-token");
    render();
  });
  window.addEventListener("popstate", render);
  render();
}

init();
