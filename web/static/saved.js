// Saved searches, watches and their alerts (issue 14): save the search in
// view, watch a record, and the view listing what changed since the last
// look, with "mark as read".  All of it per token (the server keeps it).
import { $, el, filterParams } from "./util.js";

// The search in view as the query string the server saves.
function searchQuery(state) {
  const p = filterParams(state);
  if (state.sort !== "relevance") p.set("sort", state.sort);
  return p.toString();
}

async function save(app, body, button) {
  const { i18n } = app;
  button.disabled = true;
  try {
    await app.api("/api/saved", { method: "POST", body });
    app.setStatus(i18n.t(body.kind === "watch" ? "saved.watching" : "saved.saved"));
    button.textContent = i18n.t(body.kind === "watch" ? "saved.watching" : "saved.saved");
    app.refreshAlerts();
  } catch (e) {
    app.setStatus(e.status === 401 ? i18n.t("saved.needToken") : e.message, true);
    button.disabled = false;
  }
}

// "Save this search" for the search toolbar.
export function saveSearchButton(app, state) {
  const b = el("button", { type: "button", id: "save-search", class: "plain",
    onclick: () => save(app, { kind: "search", name: state.q || app.i18n.t("saved.all"), query: searchQuery(state) }, b),
  }, app.i18n.t("saved.save"));
  return b;
}

// "Watch" for a record page.
export function watchButton(app, id) {
  const b = el("button", { type: "button", id: "watch", class: "plain",
    onclick: () => save(app, { kind: "watch", record: id }, b) }, app.i18n.t("saved.watch"));
  return b;
}

function renderItem(app, item) {
  const { i18n } = app;
  const remove = el("button", { type: "button", class: "link", onclick: async () => {
    await app.api("/api/saved/" + item.id, { method: "DELETE" });
    app.render();
  } }, i18n.t("saved.delete"));
  const open = item.kind === "watch"
    ? app.recordLink(item.record, item.name)
    : el("a", { href: "?" + item.query }, item.name);
  const records = (item.records || []).map((r) => el("li", {},
    app.recordLink(r.id, r.title || r.id),
    el("span", { class: "meta" }, [r.rel ? i18n.t("saved.rel", { rel: i18n.label("rel", r.rel) }) : i18n.t("saved.changed"),
      r.ingested ? " · " + r.ingested.slice(0, 16).replace("T", " ") : ""].join(""))));
  return el("li", { class: "saved-item", "data-kind": item.kind, "data-id": String(item.id) },
    el("div", { class: "title" },
      el("span", { class: "badge" }, i18n.t(item.kind === "watch" ? "saved.kindWatch" : "saved.kindSearch")),
      open,
      el("span", { class: item.changed ? "badge-count" : "count" },
        item.changed ? i18n.t("saved.new", { n: i18n.number(item.changed) }) : i18n.t("saved.nothingNew")),
      remove),
    item.note ? el("p", { class: "notice" }, item.note) : null,
    records.length ? el("ul", { class: "alert-records" }, records) : null);
}

export async function showAlerts(app, state, renderId) {
  const { i18n } = app;
  app.setStatus(i18n.t("status.loading"));
  let data;
  try {
    data = await app.api("/api/alerts");
  } catch (e) {
    if (app.stale(renderId)) return;
    app.setStatus(e.status === 401 ? i18n.t("saved.needToken") : e.message, true);
    $("view").replaceChildren(el("h1", {}, i18n.t("saved.title")), el("p", {}, i18n.t("saved.help")));
    return;
  }
  if (app.stale(renderId)) return;
  app.setStatus(data.unread ? i18n.t("alerts.unread", { n: i18n.number(data.unread) }) : i18n.t("alerts.none"));
  const seen = el("button", { type: "button", id: "mark-seen", disabled: !data.unread, onclick: async () => {
    await app.api("/api/alerts/seen", { method: "POST", body: {} });
    app.render();
  } }, i18n.t("alerts.markSeen"));
  $("view").replaceChildren(
    el("h1", {}, i18n.t("saved.title")),
    el("div", { class: "toolbar" }, seen, el("a", { href: "/api/alerts.atom", id: "atom" }, i18n.t("alerts.atom"))),
    data.items.length
      ? el("ul", { id: "saved-items" }, data.items.map((item) => renderItem(app, item)))
      : el("p", {}, i18n.t("saved.help")));
}
