// The neighbourhood graph as hand-made SVG: a small force layout (a few
// hundred nodes at most, so a plain O(n²) simulation run to rest before
// drawing is fast enough and needs no library), nodes coloured by type,
// hover for titles and relations, click to open a record, drag to move.
import { el, svg } from "./util.js";

const W = 760, H = 440;
const TYPE_COLOURS = {
  topic: "#1a7f37", paper: "#0969da", patent: "#bc4c00", trial: "#8250df", dataset: "#9a6700", drug: "#cf222e",
  outcome: "#bf3989",
  disease: "#cf222e", organization: "#57606a", company: "#24292f", person: "#6e7781",
};

// Positions for the nodes: the start node in the middle, the others placed
// by repulsion between all pairs and springs along edges.
function layout(nodes, edges) {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const pos = nodes.map((n, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, nodes.length - 1);
    const r = i === 0 ? 0 : 60 + 70 * n.depth;
    return { x: W / 2 + r * Math.cos(a), y: H / 2 + r * Math.sin(a), vx: 0, vy: 0 };
  });
  const links = edges.map((e) => [index.get(e.from), index.get(e.to)]).filter(([a, b]) => a !== undefined && b !== undefined);
  const k = Math.sqrt((W * H) / Math.max(1, nodes.length)) * 0.55;
  for (let step = 0; step < 250; step++) {
    const cool = 1 - step / 250;
    for (let i = 0; i < pos.length; i++) {
      for (let j = i + 1; j < pos.length; j++) {
        const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        const d2 = Math.max(dx * dx + dy * dy, 1);
        const f = (k * k) / d2;
        pos[i].vx += dx * f * 0.05; pos[i].vy += dy * f * 0.05;
        pos[j].vx -= dx * f * 0.05; pos[j].vy -= dy * f * 0.05;
      }
    }
    for (const [a, b] of links) {
      const dx = pos[b].x - pos[a].x, dy = pos[b].y - pos[a].y;
      const d = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
      const f = (d - k) / d * 0.08;
      pos[a].vx += dx * f; pos[a].vy += dy * f;
      pos[b].vx -= dx * f; pos[b].vy -= dy * f;
    }
    for (let i = 0; i < pos.length; i++) {
      const p = pos[i];
      p.vx += (W / 2 - p.x) * 0.01; p.vy += (H / 2 - p.y) * 0.01;  // gravity keeps it on screen
      const v = Math.sqrt(p.vx * p.vx + p.vy * p.vy), max = 20 * cool + 1;
      if (v > max) { p.vx *= max / v; p.vy *= max / v; }
      if (i !== 0) { p.x += p.vx; p.y += p.vy; }
      p.x = Math.min(W - 20, Math.max(20, p.x)); p.y = Math.min(H - 20, Math.max(20, p.y));
      p.vx *= 0.5; p.vy *= 0.5;
    }
  }
  return pos;
}

const short = (s, n) => (s.length > n ? s.slice(0, n - 1) + "…" : s);

// Draws `graph` ({nodes, edges}) into a new <svg>; onOpen(id) for a click
// on an indexed node other than the start.
export function renderGraph(graph, { label, relLabel, onOpen, ariaLabel }) {
  const nodes = graph.nodes, edges = graph.edges;
  const pos = layout(nodes, edges);
  const at = new Map(nodes.map((n, i) => [n.id, pos[i]]));
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "graph", role: "group", "aria-label": ariaLabel || "graph" });
  const lines = edges.filter((e) => at.has(e.from) && at.has(e.to)).map((e) => {
    const a = at.get(e.from), b = at.get(e.to);
    const line = svg("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: "edge", "data-rel": e.rel },
      svg("title", {}, `${relLabel(e.rel, e.from, e.to)}${e.date ? " " + e.date : ""}`));
    return { e, line };
  });
  root.append(svg("g", {}, lines.map((l) => l.line)));
  const group = svg("g", {});
  nodes.forEach((n, i) => {
    const p = pos[i];
    const r = i === 0 ? 11 : 7;
    const title = n.title || n.id;
    const g = svg("g", {
      class: "node" + (i === 0 ? " start" : "") + (n.indexed ? "" : " dangling"),
      transform: `translate(${p.x},${p.y})`, "data-id": n.id, tabindex: n.indexed && i > 0 ? 0 : null,
    },
    svg("circle", { r, fill: n.indexed ? (TYPE_COLOURS[n.type] || "#57606a") : "#fff" }),
    svg("text", { x: r + 3, y: 4 }, short(title, i === 0 ? 30 : 16)),
    svg("title", {}, `${n.type ? label(n.type) + ": " : ""}${title}\n${n.id}`));
    const neighbours = lines.filter((l) => l.e.from === n.id || l.e.to === n.id);
    g.addEventListener("mouseenter", () => neighbours.forEach((l) => l.line.classList.add("hot")));
    g.addEventListener("mouseleave", () => neighbours.forEach((l) => l.line.classList.remove("hot")));
    enableDrag(root, g, p, lines, n.id);
    if (n.indexed && i > 0) {
      const open = () => onOpen(n.id);
      g.addEventListener("click", (e) => { if (!g.dataset.dragged) open(); delete g.dataset.dragged; e.stopPropagation(); });
      g.addEventListener("keydown", (e) => { if (e.key === "Enter") open(); });
    }
    group.append(g);
  });
  root.append(group);
  return root;
}

// The colours of the types drawn, as a legend beside the graph.
export function graphLegend(graph, label, danglingText) {
  const types = [...new Set(graph.nodes.filter((n) => n.indexed && n.type).map((n) => n.type))];
  const dangling = graph.nodes.some((n) => !n.indexed);
  const item = (fill, text, cls = "") => el("li", {}, el("span", { class: "swatch " + cls, style: `background:${fill}` }), text);
  return el("ul", { class: "graph-legend" }, types.map((t) => item(TYPE_COLOURS[t] || "#57606a", label(t))),
    dangling ? item("#fff", danglingText, "dangling") : null);
}

// Dragging a node moves it and its edges; a drag is not a click.
function enableDrag(root, g, p, lines, id) {
  g.addEventListener("pointerdown", (down) => {
    const m = root.getScreenCTM();
    if (!m) return;
    const start = { x: down.clientX, y: down.clientY };
    const move = (e) => {
      if (Math.abs(e.clientX - start.x) + Math.abs(e.clientY - start.y) < 4) return;
      g.dataset.dragged = "1";
      p.x = (e.clientX - m.e) / m.a; p.y = (e.clientY - m.f) / m.d;
      g.setAttribute("transform", `translate(${p.x},${p.y})`);
      for (const l of lines) {
        if (l.e.from === id) { l.line.setAttribute("x1", p.x); l.line.setAttribute("y1", p.y); }
        if (l.e.to === id) { l.line.setAttribute("x2", p.x); l.line.setAttribute("y2", p.y); }
      }
    };
    const up = () => { window.removeEventListener("pointermove", move); window.removeEventListener("pointerup", up); };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
  });
}
