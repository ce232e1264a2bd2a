// The OpenAPI description (GET /api/openapi.json) against real answers
// (issue 14): every path and method it lists is called on the running
// server (run.sh starts it over the demo corpus, with tokens and a state
// file), and each answer's status must be one the description lists for it
// and its body must validate against that response's schema (Ajv, JSON
// Schema 2020-12, which OpenAPI 3.1 uses).  Error answers are checked too.
//
// Usage: SEEDGRAPH_URL=http://127.0.0.1:PORT node openapi.test.mjs
import Ajv2020 from "ajv/dist/2020.js";

const BASE = process.env.SEEDGRAPH_URL || "http://127.0.0.1:8080";
const OFFICER = process.env.SEEDGRAPH_OFFICER_TOKEN;
const ADMIN = process.env.SEEDGRAPH_ADMIN_TOKEN;

let failed = 0, passed = 0;
const fail = (m) => { failed++; console.log("FAIL " + m); };

async function call(method, path, { token, body, ctype } = {}) {
  const headers = {};
  if (token) headers.Authorization = "Bearer " + token;
  if (body !== undefined) headers["Content-Type"] = ctype || "application/json";
  const res = await fetch(BASE + path, { method, headers, body });
  const type = (res.headers.get("content-type") || "").split(";")[0].trim();
  const text = await res.text();
  return { status: res.status, type, text };
}

const spec = JSON.parse((await call("GET", "/api/openapi.json")).text);
if (!/^3\.1\./.test(spec.openapi)) fail("openapi is not 3.1: " + spec.openapi);
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema(spec, "openapi");
const pointer = (...parts) => parts.map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

// The response the description gives for a status (its $ref followed).
function responseOf(template, method, status) {
  const op = spec.paths[template] && spec.paths[template][method];
  if (!op) return null;
  let r = op.responses[String(status)];
  let at = pointer("paths", template, method, "responses", String(status));
  if (r && r.$ref) {
    at = r.$ref.slice(2);
    r = r.$ref.slice(2).split("/").reduce((o, k) => o[k.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
  }
  return r ? { r, at } : null;
}

const seen = new Set();
async function check(method, template, path, opts = {}) {
  const a = await call(method.toUpperCase(), path, opts);
  seen.add(method + " " + template);
  const found = responseOf(template, method, a.status);
  const what = `${method.toUpperCase()} ${path.slice(0, 90)} -> ${a.status}`;
  if (!found) return fail(`${what}: status not in the description`);
  const content = found.r.content || {};
  if (!content[a.type]) return fail(`${what}: content type ${a.type} not in the description (${Object.keys(content)})`);
  if (a.type === "application/json") {
    const validate = ajv.getSchema("openapi#/" + found.at + "/content/" + pointer(a.type) + "/schema");
    if (!validate) return fail(`${what}: no schema`);
    let body;
    try { body = JSON.parse(a.text); } catch (e) { return fail(`${what}: not JSON`); }
    if (!validate(body)) return fail(`${what}: ${ajv.errorsText(validate.errors).slice(0, 400)}`);
  }
  passed++;
  return a;
}

const enc = encodeURIComponent;
const s = JSON.parse((await check("get", "/api/search", "/api/search?q=" + enc("筋萎縮") + "&per_page=5")).text);
const next = s.next_cursor;
await check("get", "/api/search", "/api/search?q=" + enc("筋萎縮") + "&per_page=5&cursor=" + enc(next));
await check("get", "/api/search", "/api/search?q=cancer&type=patent&sort=-date");
await check("get", "/api/search", "/api/search?q=x&cursor=nonsense");  // 400
await check("get", "/api/search", "/api/search?per_page=1000");  // 400
const topic = JSON.parse((await call("GET", "/api/search?type=topic&per_page=1&q=" + enc("筋萎縮"))).text).hits[0].id;
const company = JSON.parse((await call("GET", "/api/search?type=company&per_page=1")).text).hits[0].id;
await check("get", "/api/health", "/api/health");
await check("get", "/api/vocab", "/api/vocab");
await check("get", "/api/export", "/api/export?q=COVID-19&type=paper&format=csv&bom=1");
await check("get", "/api/export", "/api/export?q=COVID-19&type=paper&format=jsonl");
await check("get", "/api/export", "/api/export?format=xml");  // 400
await check("get", "/api/records/{id}", "/api/records/" + enc(topic));
await check("get", "/api/records/{id}", "/api/records/paper:pmid:0");  // 404
await check("get", "/api/records/{id}/related", "/api/records/" + enc(topic) + "/related?limit=5");
await check("get", "/api/records/{id}/graph", "/api/records/" + enc(topic) + "/graph?depth=2&limit=50");
await check("get", "/api/records/{id}/profile", "/api/records/" + enc(company) + "/profile");
await check("get", "/api/match", "/api/match?seed=" + enc(topic) + "&limit=5");
await check("get", "/api/match", "/api/match?company=" + enc(company) + "&limit=5");
await check("get", "/api/crosslinks", "/api/crosslinks?rows=disease_area&cols=project");
await check("get", "/api/indicators", "/api/indicators?by=project");
const drill = JSON.parse((await check("get", "/api/indicators", "/api/indicators?by=project&drill=licensed_to&key=total&per_page=10")).text);
if (drill.next_cursor) await check("get", "/api/indicators", "/api/indicators?by=project&drill=licensed_to&key=total&per_page=10&cursor=" + enc(drill.next_cursor));
await check("get", "/api/indicators", "/api/indicators?drill=licensed&key=total");  // 400
const plan = JSON.parse((await check("get", "/api/pairing", "/api/pairing?months=24&limit=3&per_topic=2")).text);
if (plan.next_cursor) await check("get", "/api/pairing", "/api/pairing?months=24&limit=3&per_topic=2&cursor=" + enc(plan.next_cursor));
const rel = JSON.parse((await call("GET", "/api/records/" + enc(topic) + "/related?limit=5")).text);
if (rel.next_cursor) await check("get", "/api/records/{id}/related", "/api/records/" + enc(topic) + "/related?limit=5&cursor=" + enc(rel.next_cursor));
await check("get", "/api/openapi.json", "/api/openapi.json");
await check("post", "/api/records", "/api/records", { token: ADMIN, ctype: "application/x-ndjson",
  body: JSON.stringify({ id: "paper:pmid:99000001", type: "paper", title: { en: "OpenAPI check" } }) + "\n{bad\n" });
await check("post", "/api/records", "/api/records", { body: "{}\n", ctype: "application/x-ndjson" });  // 401
await check("get", "/api/saved", "/api/saved", { token: OFFICER });
await check("get", "/api/saved", "/api/saved");  // 401
const saved = JSON.parse((await check("post", "/api/saved", "/api/saved", { token: OFFICER,
  body: JSON.stringify({ kind: "search", name: "openapi", query: "q=COVID-19" }) })).text);
await check("post", "/api/saved", "/api/saved", { token: OFFICER, body: JSON.stringify({ kind: "watch", record: topic }) });
await check("post", "/api/saved", "/api/saved", { token: OFFICER, body: JSON.stringify({ kind: "nope" }) });  // 400
await check("patch", "/api/saved/{id}", "/api/saved/" + saved.id, { token: OFFICER, body: JSON.stringify({ name: "renamed" }) });
await check("get", "/api/alerts", "/api/alerts", { token: OFFICER });
await check("get", "/api/alerts.atom", "/api/alerts.atom", { token: OFFICER });
await check("post", "/api/alerts/seen", "/api/alerts/seen", { token: OFFICER, body: "{}" });
await check("delete", "/api/saved/{id}", "/api/saved/" + saved.id, { token: OFFICER });
await check("delete", "/api/saved/{id}", "/api/saved/" + saved.id, { token: OFFICER });  // 404 now

// Every operation the description lists was called.
for (const [template, ops] of Object.entries(spec.paths)) {
  for (const method of Object.keys(ops)) {
    if (!seen.has(method + " " + template)) fail(`${method.toUpperCase()} ${template}: described but not checked`);
  }
}
console.log(`openapi: ${passed} answers valid, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
