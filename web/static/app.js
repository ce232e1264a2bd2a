// seedgraph web UI: plain JS modules over the JSON API (CONTRACT.md §3).
//
// One App object carries what every view needs (labels, the API client,
// navigation); views are functions of (app, state).  Record text is always
// inserted as text; only search `snippet`s are inserted as HTML, because
// the server escapes the record text and adds nothing but <mark>.
import { I18n } from "./i18n.js";
import { $, api, el, readState, toQuery } from "./util.js";
import { showSearch } from "./search.js";
import { showRecord } from "./record.js";
import { showCrosslinks, showIndicators, showMatch, showPairing } from "./officer.js";
import { showAlerts } from "./saved.js";
import { isHome, showHome } from "./home.js";

// What a failed view says: "notfound" (an unknown record), "unavailable"
// (503: try again later), or "" (the server's own message).
function errorKind(e, state) {
  if (e.status === 404 && state.view === "record") return "notfound";
  return e.status === 503 ? "unavailable" : "";
}

class App {
  constructor() {
    this.i18n = new I18n();
    this.renderId = 0;  // a slow answer for a page already left is dropped
    this.navigated = false;  // true once the user moved within the app (history.back stays in it)
  }

  api(path, options) {
    return api(path, this.i18n, options);
  }

  // The unread badge of the alerts link: what the caller's saved searches
  // and watches gained since they last looked (nothing without a token).
  async refreshAlerts() {
    const badge = $("alerts-badge");
    if (!localStorage.getItem("seedgraph-token")) {
      badge.hidden = true;
      return;
    }
    try {
      const a = await this.api("/api/alerts");
      badge.textContent = this.i18n.number(a.unread);
      badge.hidden = a.unread === 0;
      badge.setAttribute("aria-label", this.i18n.t("alerts.unread", { n: a.unread }));
    } catch (e) {
      badge.hidden = true;  // no state file, or a public token: the view says why
    }
  }

  // Shows which role the stored token grants (or that the server refused
  // it) beside the token field, from what /api/health says about the caller.
  async refreshRole() {
    try {
      this.role = (await this.api("/api/health")).role;
    } catch (e) {
      this.role = e.status === 401 ? "invalid" : "";
    }
    this.showRole();
  }

  // Labels the role last fetched, in the page's language.
  showRole() {
    const badge = $("role");
    // Short in the header; the whole sentence on hover, and for screen
    // readers a hidden "current role:" before the name.
    const name = this.role ? this.i18n.t("role." + this.role) : "";  // none fetched yet: nothing shown
    badge.replaceChildren(name ? el("span", { class: "sr-only" }, this.i18n.t("role.prefix")) : "", name);
    badge.title = name ? this.i18n.t("role.label", { role: name }) : "";
    badge.dataset.role = this.role || "";
    badge.classList.toggle("bad", this.role === "invalid");
  }

  // Shows `state` and records it in the history.
  navigate(state) {
    this.navigated = true;
    const query = toQuery(state).toString();
    history.pushState(null, "", query ? "?" + query : location.pathname);
    window.scrollTo(0, 0);
    this.render();
  }

  // An <a> that opens `state` in place (and in a new tab with a modifier).
  link(state, ...children) {
    const query = toQuery(state).toString();
    return el("a", {
      href: query ? "?" + query : "./",
      onclick: (e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        this.navigate(state);
      },
    }, ...children);
  }

  recordLink(id, ...children) {
    return this.link({ ...readState(""), view: "record", id }, ...children);
  }

  // True when a newer render has started since `id`: its answer is stale.
  stale(id) {
    return id !== this.renderId;
  }

  setStatus(text, error = false) {
    $("status").textContent = text;
    $("status").classList.toggle("error", error);
  }

  async render() {
    const id = ++this.renderId;
    const state = readState();
    $("q").value = state.q;
    $("sort").value = state.sort;
    const home = isHome(state);
    const searchLike = state.view === "search" && !home;
    $("facets").hidden = !searchLike;
    $("facets-toggle").hidden = !searchLike;
    document.querySelector("main").classList.toggle("wide", !searchLike);
    // Pairing does not take the search filters.
    $("active-filters").hidden = home || ["record", "match", "pairing", "alerts"].includes(state.view);
    for (const a of document.querySelectorAll("nav.views a")) {
      a.classList.toggle("on", a.dataset.nav === state.view);
    }
    const views = { search: showSearch, record: showRecord, crosslinks: showCrosslinks,
      indicators: showIndicators, match: showMatch, pairing: showPairing, alerts: showAlerts };
    this.refreshAlerts();
    try {
      await (home ? showHome : views[state.view] || showSearch)(this, state, id);
    } catch (e) {
      if (this.stale(id)) return;
      const kind = errorKind(e, state);
      this.setStatus(kind ? this.i18n.t(`error.${kind}.title`) : e.message, true);
      $("view").replaceChildren(this.errorPage(e, state));
    }
    if (!this.stale(id)) this.focusView();
  }

  // What a failed view shows instead: what happened, in the page's
  // language, and where to go (the search, or back where one came from).
  // A 503 (a shard server down or stalled, the index busy) offers to load
  // the view again: nothing incomplete is shown meanwhile.
  errorPage(e, state) {
    const { i18n } = this;
    const kind = errorKind(e, state);
    const prefix = kind ? `error.${kind}` : "error";
    const reload = kind === "unavailable"
      ? el("button", { type: "button", class: "reload", onclick: () => this.render() }, i18n.t("error.reload"))
      : null;
    return el("section", { id: "error-page", class: "panel" },
      el("h1", {}, i18n.t(`${prefix}.title`)),
      el("p", {}, i18n.t(`${prefix}.text`, { id: state.id })),
      el("p", { class: "muted small" }, e.message),
      el("p", { class: "toolbar" }, reload, this.link({ ...readState(""), view: "search" }, i18n.t("error.tosearch")),
        this.navigated ? this.backLink() : null));
  }

  // "← Back": to the page one came from within seedgraph, else (a shared
  // link opened in a new tab) to the search.
  backLink() {
    const search = { ...readState(""), view: "search" };
    return el("a", { href: "./", class: "back", onclick: (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      if (this.navigated) history.back();
      else this.navigate(search);
    } }, this.i18n.t("back"));
  }

  // After a navigation, focus goes to the new view's heading (a screen
  // reader reads where one is; the keyboard goes on from there), not to
  // the top of the document.  Not on the first load, and not when the user
  // is typing in the search box.
  focusView() {
    if (!this.navigated || document.activeElement === $("q")) return;
    const h = document.querySelector("#view h1") || $("content");
    if (!h.hasAttribute("tabindex")) h.setAttribute("tabindex", "-1");
    h.focus({ preventScroll: true });
  }

  init() {
    this.i18n.apply(document);
    this.updateLangButton();
    $("search-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const state = readState();
      // A search from the cross-link or indicator view narrows that view.
      const keep = state.view === "crosslinks" || state.view === "indicators";
      this.navigate({ ...state, view: keep ? state.view : "search", id: "", q: $("q").value.trim(),
        sort: $("sort").value, page: 1 });
    });
    $("sort").addEventListener("change", () => {
      const state = readState();
      if (state.view === "search") this.navigate({ ...state, sort: $("sort").value, page: 1 });
    });
    for (const a of document.querySelectorAll("[data-nav]")) {
      a.addEventListener("click", (e) => {
        e.preventDefault();
        const state = readState();
        // The views share the search part (q and filters): carry it over.
        this.navigate({ ...state, view: a.dataset.nav, id: "", page: 1 });
      });
    }
    // Narrow screens: the views menu and the facets open on demand.
    for (const [button, target] of [["menu-toggle", document.querySelector("header.top")], ["facets-toggle", $("facets")]]) {
      $(button).addEventListener("click", () => {
        const open = !target.classList.contains("open");
        target.classList.toggle("open", open);
        $(button).setAttribute("aria-expanded", String(open));
      });
    }
    $("lang").addEventListener("click", () => {
      this.i18n.setLang(this.i18n.lang === "ja" ? "en" : "ja");
      this.i18n.apply(document);
      this.updateLangButton();
      this.showRole();
      this.render();
    });
    const token = $("token");
    token.value = localStorage.getItem("seedgraph-token") || "";
    token.addEventListener("change", () => {
      if (token.value.trim()) localStorage.setItem("seedgraph-token", token.value.trim());
      else localStorage.removeItem("seedgraph-token");
      this.refreshRole();
      this.render();
    });
    window.addEventListener("popstate", () => {
      this.navigated = true;
      this.render();
    });
    this.refreshRole();
  }

  // The button offers the other language, in that language.
  updateLangButton() {
    const other = this.i18n.lang === "ja" ? "en" : "ja";
    $("lang").textContent = other === "en" ? "English" : "日本語";
    $("lang").setAttribute("lang", other);
  }
}

const app = new App();
app.init();
await app.i18n.loadVocab((path) => app.api(path));
app.render();
