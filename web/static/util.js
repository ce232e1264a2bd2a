// Shared helpers: DOM building, the API client, and the page state <-> URL
// mapping.  The URL holds the whole state, so every view can be bookmarked
// and the back button works.

export const FILTERS = ["type", "project", "disease_area", "modality", "stage"];
export const FACETS = [...FILTERS, "year"];
// The dimensions of /api/crosslinks, in the order the selectors offer them.
export const DIMENSIONS = ["disease_area", "project", "modality", "stage", "type", "year"];
// The windows the pairing view offers (months ahead); the API takes 1..60.
export const PAIRING_MONTHS = [3, 6, 12, 24, 36, 60];
export const PAIRING_DEFAULT_MONTHS = 12;
// The search filters the pairing plan takes (GET /api/pairing project, disease_area).
export const PAIRING_FILTERS = ["project", "disease_area"];

// A number in [lo, hi] from a URL parameter, else `fallback`.
function intParam(value, lo, hi, fallback) {
  const n = Number(value);
  return Number.isInteger(n) && n >= lo && n <= hi ? n : fallback;
}

export const $ = (id) => document.getElementById(id);

// Builds an element; strings become text nodes, never HTML.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v);
  }
  for (const c of children.flat(Infinity)) {
    if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

// SVG elements need their namespace.
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) node.setAttribute(k, v);
  }
  for (const c of children.flat(Infinity)) if (c) node.append(c instanceof Node ? c : String(c));
  return node;
}

// An Error from the API that keeps the HTTP status (404 shows differently).
export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

// GET (or POST) against the JSON API with the stored token, if any.
export async function api(path, i18n, { method = "GET", body = undefined } = {}) {
  const headers = {};
  const token = localStorage.getItem("seedgraph-token");
  if (token) headers.Authorization = "Bearer " + token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(i18n ? i18n.t("error.connect") : "cannot connect", 0);
  }
  const answer = await res.json().catch(() => null);
  if (!res.ok) {
    const msg = answer && answer.error ? answer.error.message : res.statusText;
    throw new ApiError(res.status === 401 && i18n ? i18n.t("error.token") : msg, res.status);
  }
  return answer;
}

// Saves what `path` answers (an export) as `filename`, with the stored
// token: a plain link would carry none, and an officer's export would then
// hold public records only.
export async function download(path, filename, i18n) {
  const headers = {};
  const token = localStorage.getItem("seedgraph-token");
  if (token) headers.Authorization = "Bearer " + token;
  let res;
  try {
    res = await fetch(path, { headers });
  } catch (e) {
    throw new ApiError(i18n ? i18n.t("error.connect") : "cannot connect", 0);
  }
  if (!res.ok) {
    const body = await res.json().catch(() => null);
    throw new ApiError(body && body.error ? body.error.message : res.statusText, res.status);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = el("a", { href: url, download: filename, hidden: "" });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

// Saves rows the page already has (a match list, a pairing plan) as CSV:
// RFC 4180 quoting, CRLF, and a UTF-8 BOM so that Excel reads Japanese.
export function saveCsv(filename, header, rows) {
  const field = (v) => {
    const s = v === undefined || v === null ? "" : String(v);
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  const text = "\ufeff" + [header, ...rows].map((r) => r.map(field).join(",")).join("\r\n") + "\r\n";
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = el("a", { href: url, download: filename, hidden: "" });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

// ---- state <-> URL --------------------------------------------------------

export function readState(search = location.search) {
  const p = new URLSearchParams(search);
  const id = p.get("id") || "";
  const state = {
    view: p.get("view") || (id ? "record" : "search"),
    id,
    q: p.get("q") || "",
    sort: p.get("sort") || "relevance",
    page: Math.max(1, parseInt(p.get("page"), 10) || 1),
    year_from: p.get("year_from") || "",
    year_to: p.get("year_to") || "",
    filters: {},
    rows: p.get("rows") || "disease_area",
    cols: p.get("cols") || "project",
    by: p.get("by") || "project",
    across: p.get("across") || "",
    rtype: p.get("rtype") || "",
    depth: Math.min(3, Math.max(1, parseInt(p.get("depth"), 10) || 1)),
    seed: p.get("seed") || "",
    company: p.get("company") || "",
    // Pairing: the window, and a reference date instead of the server's
    // today (for planning ahead, or for looking at an old corpus).
    months: intParam(p.get("months"), 1, 60, PAIRING_DEFAULT_MONTHS),
    today: /^\d{4}-\d{2}-\d{2}$/.test(p.get("today") || "") ? p.get("today") : "",
  };
  for (const f of FILTERS) state.filters[f] = p.getAll(f).filter(Boolean);
  // Expansion names the officer turned off (the × on an expansion).
  state.drop = p.getAll("drop").filter(Boolean);
  return state;
}

// The search part (q, filters, years): shared by search, cross-links and
// indicators, in the page URL and in the API call alike.
export function filterParams(state, p = new URLSearchParams()) {
  if (state.q) p.set("q", state.q);
  for (const d of state.drop || []) p.append("drop", d);
  for (const f of FILTERS) for (const v of state.filters[f] || []) p.append(f, v);
  if (state.year_from) p.set("year_from", state.year_from);
  if (state.year_to) p.set("year_to", state.year_to);
  return p;
}

// The page URL's query for a state; only what the view uses.
export function toQuery(state) {
  const p = new URLSearchParams();
  switch (state.view) {
    case "record":
      p.set("id", state.id);
      if (state.across) p.set("across", state.across);
      if (state.rtype) p.set("rtype", state.rtype);
      if (state.depth > 1) p.set("depth", String(state.depth));
      return p;
    case "match":
      p.set("view", "match");
      if (state.company) p.set("company", state.company);
      else p.set("seed", state.seed);
      return p;
    case "crosslinks":
      p.set("view", "crosslinks");
      p.set("rows", state.rows);
      p.set("cols", state.cols);
      return filterParams(state, p);
    case "pairing":
      p.set("view", "pairing");
      p.set("months", String(state.months));
      if (state.today) p.set("today", state.today);
      for (const f of PAIRING_FILTERS) for (const v of state.filters[f] || []) p.append(f, v);
      return p;
    case "indicators":
      p.set("view", "indicators");
      p.set("by", state.by);
      return filterParams(state, p);
    case "alerts":
      p.set("view", "alerts");
      return p;
    default:
      filterParams(state, p);
      if (state.sort && state.sort !== "relevance") p.set("sort", state.sort);
      if (state.page > 1) p.set("page", String(state.page));
      return p;
  }
}

// A fresh state for a view, keeping nothing else.
export function stateFor(view, fields = {}) {
  return { ...readState(""), view, ...fields };
}

// A record's page, in the form the API wants ids: '/' inside an id is %2F.
export const recordPath = (id) => "/api/records/" + encodeURIComponent(id);
