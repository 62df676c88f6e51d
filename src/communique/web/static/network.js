// Actor network (/network): actors as nodes, directed edges weighted by event counts and
// coloured by mean Goldstein, for a period. Layout: a small force-directed simulation
// (Fruchterman-Reingold) or a circle, drawn in SVG; nodes can be dragged.

import {
  actorLink, apiUrl, byId, el, fetchJSON, fill, fillForm, fmtGoldstein, fmtNumber, formValues,
  goldsteinBadge, goldsteinColor, goldsteinRamp, runPage, setQuery, svg,
} from "./app.js";

const W = 900;
const H = 640;
const PAD = 40;
const FILTERS = ["since", "until", "min_events", "limit"];
const GRAVITY = 0.05; // pull to the centre: keeps actors outside the main cluster in view
const DETAIL_LINKS = 25;

const view = { nodes: [], edges: [], byId: new Map(), svg: null };

// ------------------------------------------------------------ layout

/** Nodes on a circle, the busiest first (also the starting point of the force layout). */
function circleLayout(nodes) {
  const r = Math.min(W, H) / 2 - PAD - 20;
  nodes.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
    node.x = W / 2 + r * Math.cos(angle);
    node.y = H / 2 + r * Math.sin(angle);
  });
}

/** Fruchterman-Reingold: nodes repel, edges pull (more for more events), a weak gravity
 * keeps separate components on screen; the step size cools down. Deterministic: it
 * starts from the circle layout. O(n^2) per iteration, fine for a few hundred nodes. */
function forceLayout(nodes, edges) {
  circleLayout(nodes);
  const n = nodes.length;
  if (n < 2) return;
  const k = Math.sqrt(((W - 2 * PAD) * (H - 2 * PAD)) / n) * 0.9;
  const iterations = n > 200 ? 150 : 300;
  let temperature = W / 8;
  const cutoff2 = (2 * k) ** 2;
  const links = edges.map((e) => [view.byId.get(e.source), view.byId.get(e.target), 1 + Math.log(e.events)])
    .filter(([a, b]) => a && b && a !== b);
  for (let step = 0; step < iterations; step += 1) {
    for (const node of nodes) { node.dx = 0; node.dy = 0; }
    for (let i = 0; i < n; i += 1) {
      for (let j = i + 1; j < n; j += 1) {
        const a = nodes[i];
        const b = nodes[j];
        let dx = a.x - b.x;
        let dy = a.y - b.y;
        let d2 = dx * dx + dy * dy;
        if (d2 < 0.01) { dx = 0.1 * (i - j); dy = 0.1; d2 = dx * dx + dy * dy; }
        // Far nodes do not repel (as in the grid variant of the algorithm): otherwise the
        // whole graph pushes small separate components into the corners.
        if (d2 > cutoff2) continue;
        const force = (k * k) / d2; // (k^2 / d) / d: the 1/d normalises dx, dy
        a.dx += dx * force; a.dy += dy * force;
        b.dx -= dx * force; b.dy -= dy * force;
      }
    }
    for (const [a, b, weight] of links) {
      const dx = a.x - b.x;
      const dy = a.y - b.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 0.01;
      const force = (d / k) * weight; // (d^2 / k) / d
      a.dx -= dx * force; a.dy -= dy * force;
      b.dx += dx * force; b.dy += dy * force;
    }
    for (const node of nodes) {
      node.dx += (W / 2 - node.x) * GRAVITY;
      node.dy += (H / 2 - node.y) * GRAVITY * (W / H); // the box is wider than high
      const d = Math.sqrt(node.dx * node.dx + node.dy * node.dy) || 1;
      const move = Math.min(d, temperature);
      node.x = clamp(node.x + (node.dx / d) * move, PAD, W - PAD);
      node.y = clamp(node.y + (node.dy / d) * move, PAD, H - PAD);
    }
    temperature *= 0.985;
  }
}

function clamp(value, low, high) {
  return Math.max(low, Math.min(high, value));
}

// ------------------------------------------------------------ drawing

/** A slightly curved path from a to b; the reverse edge bends the other way, so both
 * directions of a dyad stay visible. */
function edgePath(a, b) {
  const mx = (a.x + b.x) / 2;
  const my = (a.y + b.y) / 2;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.sqrt(dx * dx + dy * dy) || 1;
  const bend = Math.min(30, len * 0.12);
  const cx = mx - (dy / len) * bend;
  const cy = my + (dx / len) * bend;
  return `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${b.x.toFixed(1)},${b.y.toFixed(1)}`;
}

function nodeRadius(node, max) {
  return 4 + 16 * Math.sqrt((node.events || 1) / max);
}

function drawEdges(layer, edges) {
  const max = Math.max(1, ...edges.map((e) => e.events));
  for (const edge of edges) {
    const a = view.byId.get(edge.source);
    const b = view.byId.get(edge.target);
    if (!a || !b || a === b) continue;
    const path = svg("path", {
      class: "edge", "data-source": edge.source, "data-target": edge.target, "data-events": edge.events,
      "data-testid": "network-edge", fill: "none", stroke: goldsteinColor(edge.goldstein_mean),
      "stroke-width": (1 + 9 * Math.sqrt(edge.events / max)).toFixed(1),
    }, svg("title", {}, `${a.name} → ${b.name}: ${fmtNumber(edge.events)} events, mean Goldstein ${fmtGoldstein(edge.goldstein_mean)}`));
    path.addEventListener("click", () => showEdge(edge));
    edge.path = path;
    layer.appendChild(path);
  }
}

/** Circles in one layer, labels in another above it, so no circle hides a label. */
function drawNodes(layer, labelLayer, nodes) {
  const max = Math.max(1, ...nodes.map((n) => n.events || 1));
  for (const node of nodes) {
    const r = nodeRadius(node, max);
    const group = svg("g", { class: "node", "data-id": node.id, "data-testid": "network-node" },
      svg("circle", { r: r.toFixed(1) }),
      svg("title", {}, `${node.name || node.id} (${node.id}): ${fmtNumber(node.events)} events`));
    node.el = group;
    node.label = svg("text", { "text-anchor": "middle", dy: (-r - 3).toFixed(1), "data-id": node.id }, node.id);
    enableDrag(group, node);
    layer.appendChild(group);
    labelLayer.appendChild(node.label);
  }
}

function updatePositions() {
  for (const node of view.nodes) {
    const at = `translate(${node.x.toFixed(1)},${node.y.toFixed(1)})`;
    node.el.setAttribute("transform", at);
    node.label.setAttribute("transform", at);
  }
  for (const edge of view.edges) {
    if (edge.path) edge.path.setAttribute("d", edgePath(view.byId.get(edge.source), view.byId.get(edge.target)));
  }
}

/** Drag a node with the pointer; a click without movement selects it. */
function enableDrag(group, node) {
  group.addEventListener("pointerdown", (down) => {
    down.preventDefault();
    const matrix = view.svg.getScreenCTM().inverse();
    const toSvg = (event) => new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix);
    const start = toSvg(down);
    const origin = { x: node.x, y: node.y };
    let moved = false;
    const onMove = (event) => {
      const p = toSvg(event);
      if (Math.abs(p.x - start.x) + Math.abs(p.y - start.y) > 2) moved = true;
      node.x = clamp(origin.x + p.x - start.x, 0, W);
      node.y = clamp(origin.y + p.y - start.y, 0, H);
      updatePositions();
    };
    const onUp = () => {
      window.removeEventListener("pointermove", onMove);
      window.removeEventListener("pointerup", onUp);
      view.svg.classList.remove("dragging");
      if (!moved) showNode(node);
    };
    view.svg.classList.add("dragging");
    window.addEventListener("pointermove", onMove);
    window.addEventListener("pointerup", onUp);
  });
}

function draw(data, layout) {
  view.nodes = (data.nodes || []).map((n) => ({ ...n })).sort((a, b) => (b.events || 0) - (a.events || 0));
  view.byId = new Map(view.nodes.map((n) => [n.id, n]));
  view.edges = (data.edges || []).map((e) => ({ ...e }));
  if (layout === "circle") circleLayout(view.nodes);
  else forceLayout(view.nodes, view.edges);
  view.svg = svg("svg", { id: "network-svg", viewBox: `0 0 ${W} ${H}`, role: "img",
    "aria-label": "Actor network", "data-testid": "network-svg",
    "data-nodes": view.nodes.length, "data-edges": view.edges.length });
  if (!view.nodes.length) {
    view.svg.appendChild(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "empty" }, "No events in this period."));
  }
  const edgeLayer = svg("g", { class: "edges" });
  const nodeLayer = svg("g", { class: "nodes" });
  const labelLayer = svg("g", { class: "labels" });
  drawEdges(edgeLayer, view.edges);
  drawNodes(nodeLayer, labelLayer, view.nodes);
  view.svg.append(edgeLayer, nodeLayer, labelLayer);
  fill("network-chart", view.svg);
  updatePositions();
  fill("network-summary", `${fmtNumber(view.nodes.length)} actors, ${fmtNumber(view.edges.length)} links.`);
}

// ------------------------------------------------------------ details

function highlight(nodeIds, edge) {
  for (const n of view.nodes) n.el.classList.toggle("active", nodeIds.includes(n.id));
  for (const e of view.edges) {
    if (e.path) e.path.classList.toggle("active", e === edge || (!edge && (nodeIds.includes(e.source) && nodeIds.includes(e.target))));
  }
}

function period() {
  const { since, until } = Object.fromEntries(new URLSearchParams(location.search));
  return { since, until };
}

function showNode(node) {
  const links = view.edges.filter((e) => e.source === node.id || e.target === node.id)
    .sort((a, b) => b.events - a.events);
  highlight([node.id, ...links.map((e) => (e.source === node.id ? e.target : e.source))]);
  fill("network-detail",
    el("h3", { "data-testid": "network-detail-title" }, actorLink(node.id, node.name || node.id)),
    el("p", {}, el("code", {}, node.id), ` · ${fmtNumber(node.events)} events`),
    el("ul", { class: "plain" }, links.slice(0, DETAIL_LINKS).map((e) => el("li", {},
      e.source === node.id ? "→ " : "← ",
      actorLink(e.source === node.id ? e.target : e.source, view.byId.get(e.source === node.id ? e.target : e.source)?.name),
      ` ${fmtNumber(e.events)} `, goldsteinBadge(e.goldstein_mean)))),
    links.length > DETAIL_LINKS ? el("p", { class: "note" }, `and ${links.length - DETAIL_LINKS} more links`) : null,
    el("p", {}, el("a", { href: apiUrl("/events", { actor: node.id, ...period() }) }, "Events of this actor →")));
}

function showEdge(edge) {
  const a = view.byId.get(edge.source);
  const b = view.byId.get(edge.target);
  highlight([edge.source, edge.target], edge);
  fill("network-detail",
    el("h3", { "data-testid": "network-detail-title" }, actorLink(a.id, a.name), " → ", actorLink(b.id, b.name)),
    el("p", {}, `${fmtNumber(edge.events)} events, mean Goldstein `, goldsteinBadge(edge.goldstein_mean)),
    el("p", {}, el("a", { href: apiUrl("/events", { dyad: `${a.id},${b.id}`, ...period() }) },
      "Events between them (both directions) →")));
}

// ------------------------------------------------------------ page

async function load() {
  const params = new URLSearchParams(location.search);
  const form = byId("network-form");
  form.reset();
  fillForm(form, params);
  const query = Object.fromEntries(FILTERS.map((k) => [k, params.get(k)]));
  const data = await fetchJSON(apiUrl("/api/network", query));
  draw(data, params.get("layout"));
}

runPage("network", async () => {
  byId("network-ramp").replaceWith(goldsteinRamp());
  const form = byId("network-form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    setQuery(formValues(form));
    runPage("network", load);
  });
  byId("network-clear").addEventListener("click", () => {
    const { layout } = formValues(form);
    setQuery({ layout });
    runPage("network", load);
  });
  window.addEventListener("popstate", () => runPage("network", load));
  await load();
});
