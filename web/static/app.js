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

class App {
  constructor() {
    this.i18n = new I18n();
    this.renderId = 0;  // a slow answer for a page already left is dropped
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

  // Shows `state` and records it in the history.
  navigate(state) {
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
    const searchLike = state.view === "search";
    $("facets").hidden = !searchLike;
    document.querySelector("main").classList.toggle("wide", !searchLike);
    // Pairing does not take the search filters.
    $("active-filters").hidden = ["record", "match", "pairing", "alerts"].includes(state.view);
    for (const a of document.querySelectorAll("nav.views a")) {
      a.classList.toggle("on", a.dataset.nav === state.view);
    }
    const views = { search: showSearch, record: showRecord, crosslinks: showCrosslinks,
      indicators: showIndicators, match: showMatch, pairing: showPairing, alerts: showAlerts };
    this.refreshAlerts();
    try {
      await (views[state.view] || showSearch)(this, state, id);
    } catch (e) {
      if (this.stale(id)) return;
      this.setStatus(e.message, true);
      $("view").replaceChildren();
    }
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
    $("lang").addEventListener("click", () => {
      this.i18n.setLang(this.i18n.lang === "ja" ? "en" : "ja");
      this.i18n.apply(document);
      this.updateLangButton();
      this.render();
    });
    const token = $("token");
    token.value = localStorage.getItem("seedgraph-token") || "";
    token.addEventListener("change", () => {
      if (token.value.trim()) localStorage.setItem("seedgraph-token", token.value.trim());
      else localStorage.removeItem("seedgraph-token");
      this.render();
    });
    window.addEventListener("popstate", () => this.render());
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
