// Actor page (/actors/{id} or actor.html?id=): who the actor is, the roles a person held
// over time, events with the actor as source and as target, quotes, partners, opponents.

import {
  actorLink, apiUrl, articleHref, byId, el, eventsTable, fetchJSON, fill, fmtNumber,
  goldsteinBadge, pageId, runPage, simpleTable, svg,
} from "./app.js";
import { alignmentChart, timelineChart } from "./charts.js";

function renderHeading(actor) {
  document.title = `communique · ${actor.name || actor.id}`;
  fill("actor-name", actor.name || actor.id);
  const facts = [
    actor.kind ? el("span", { class: "kind-tag", "data-testid": "actor-kind" }, actor.kind) : null,
    actor.code ? el("span", {}, "code ", el("code", { "data-testid": "actor-code" }, actor.code)) : null,
    el("span", {}, "id ", el("code", { "data-testid": "actor-id" }, actor.id)),
    actor.nationality ? el("span", {}, "nationality ", actorLink(actor.nationality, actor.nationality)) : null,
    actor.parent ? el("span", {}, "part of ", actorLink(actor.parent, actor.parent)) : null,
  ];
  fill("actor-meta", facts);
  fill("actor-links",
    el("a", { href: apiUrl("/events", { actor: actor.id }), "data-testid": "actor-events-link" },
      "All events with this actor →"));
}

// ------------------------------------------------------------ roles

function roleLabel(role) {
  return [role.title || role.office, role.body].filter(Boolean).join(", ");
}

function roleDates(role) {
  return `${role.start_date || "?"} – ${role.end_date || "now"}`;
}

const yearOf = (date) => Number(String(date).slice(0, 4)) + (Number(String(date).slice(5, 7) || 1) - 1) / 12;

/** One bar per role on a shared year axis. */
function rolesTimeline(roles) {
  const now = new Date().getFullYear() + new Date().getMonth() / 12;
  const spans = roles.map((r) => [r.start_date ? yearOf(r.start_date) : null, r.end_date ? yearOf(r.end_date) : now]);
  const starts = spans.map(([s, e]) => s ?? e - 1);
  const min = Math.floor(Math.min(...starts));
  const max = Math.ceil(Math.max(...spans.map(([, e]) => e)));
  const W = 900;
  const rowH = 22;
  const left = 260;
  const H = roles.length * rowH + 30;
  const x = (year) => left + ((year - min) / Math.max(1, max - min)) * (W - left - 20);
  const chart = svg("svg", { class: "chart roles-timeline", viewBox: `0 0 ${W} ${H}`, role: "img",
    "aria-label": "Roles over time", "data-testid": "roles-timeline-svg" });
  const step = Math.max(1, Math.ceil((max - min) / 10));
  for (let year = min; year <= max; year += step) {
    chart.appendChild(svg("line", { x1: x(year), x2: x(year), y1: 0, y2: H - 20, class: "grid" }));
    chart.appendChild(svg("text", { x: x(year), y: H - 6, "text-anchor": "middle", class: "tick" }, String(year)));
  }
  roles.forEach((role, i) => {
    const [start, end] = spans[i];
    const from = start ?? starts[i];
    const y = i * rowH + 4;
    chart.appendChild(svg("text", { x: left - 8, y: y + 13, "text-anchor": "end" }, roleLabel(role)));
    chart.appendChild(svg("rect", {
      class: ["role-bar", role.end_date ? null : "current"], x: x(from), y, height: rowH - 8,
      width: Math.max(2, x(end) - x(from)), "data-testid": "role-bar",
    }, svg("title", {}, `${roleLabel(role)}: ${roleDates(role)}`)));
  });
  return chart;
}

function renderRoles(unsorted) {
  if (!unsorted.length) return;
  const roles = [...unsorted].sort((a, b) => String(a.start_date || "").localeCompare(String(b.start_date || "")));
  byId("roles-panel").hidden = false;
  fill("roles-timeline", rolesTimeline(roles));
  fill("actor-roles", roles.map((role) =>
    el("li", { "data-testid": "role" },
      el("strong", {}, role.title || role.office || "role"),
      role.body ? [" of ", actorLink(role.body, role.body)] : null,
      role.sector ? el("span", { class: "code-tag" }, role.sector) : null,
      el("span", { class: "muted" }, ` · ${roleDates(role)}`))));
}

// ------------------------------------------------------------ counterparts and quotes

function counterpartTable(rows, actor, id) {
  const self = actor.code || actor.id;
  return simpleTable(rows.slice(0, 15), [
    ["Actor", (r) => [actorLink(r.code, r.name || r.code), el("span", { class: "code-tag" }, r.code)]],
    ["Events", (r) => el("a", { href: apiUrl("/events", { dyad: `${self},${r.code}` }) }, fmtNumber(r.events))],
    ["Mean Goldstein", (r) => goldsteinBadge(r.goldstein_mean)],
  ], { id: `${id}-table`, empty: "None." });
}

function renderQuotes(quotes) {
  const items = quotes.map((q) =>
    el("li", { "data-quote-id": q.id, "data-testid": "quote" },
      el("div", { class: "muted" },
        [q.date || "undated", q.kind].filter(Boolean).join(" · "), " · ",
        q.article_id ? el("a", { href: articleHref(q.article_id) }, "article") : null),
      el("blockquote", { class: "sentence quote-text" }, q.text || "")));
  fill("actor-quotes", items.length ? items : el("li", { class: "empty" }, "No quotes."));
}

function renderRelations(relations, actor) {
  const self = actor.code || actor.id;
  fill("relations", simpleTable(relations, [
    ["With", (r) => { const other = r.a === self ? r.b : r.a; return actorLink(other, other); }],
    ["Relation", (r) => `${r.type.replace("_", " ")}`],
    ["Status", (r) => el("span", { class: `status status-${r.status}` }, r.status)],
    ["Since", (r) => r.since || ""],
    ["Until", (r) => r.until || ""],
    ["Evidence", (r) => r.evidence && r.evidence.length
      ? el("span", {}, el("q", { class: "sentence" }, r.evidence[0].sentence || ""), " ",
        r.evidence[0].article_id ? el("a", { href: articleHref(r.evidence[0].article_id) }, "article") : null)
      : el("span", { class: "muted" }, r.origin === "fact" ? "shipped fact" : "")],
  ], { id: "relations-table", empty: "No standing relations known." }));
}

async function loadRelations(actor) {
  const code = actor.code || actor.id;
  const rows = await fetchJSON(apiUrl("/api/relations", { actor: code }), { quiet: true })
    .catch(() => []);
  renderRelations(rows || [], actor);
}

async function loadAlignment(actor) {
  const form = byId("alignment-form");
  const draw = async () => {
    const params = { actor: actor.code || actor.id, between: byId("al-between").value,
      and: byId("al-and").value, by: byId("al-by").value };
    const points = await fetchJSON(apiUrl("/api/alignment", params), { quiet: true }).catch(() => []);
    fill("alignment", alignmentChart(points || [], { labelA: params.between, labelB: params.and }));
  };
  form.addEventListener("submit", (event) => { event.preventDefault(); draw(); });
  await draw();
}

async function loadSeries(actor) {
  const series = await fetchJSON(apiUrl("/api/series", { actor: actor.id, by: "month" }), { quiet: true })
    .catch(() => null);
  if (!series) {
    fill("actor-timeline", el("p", { class: "empty" }, "No time series for this actor."));
    return;
  }
  fill("actor-timeline", timelineChart(Array.isArray(series) ? series : series.items || [],
    { id: "actor-timeline-svg" }));
}

runPage("actor", async () => {
  const id = pageId();
  if (!id) throw new Error("No actor given: open /actors/{id} or actor.html?id=...");
  const data = await fetchJSON(`/api/actors/${encodeURIComponent(id)}`).catch((err) => {
    fill("actor-name", err.status === 404 ? `Unknown actor: ${id}` : id);
    throw err;
  });
  const actor = data.actor || { id };
  renderHeading(actor);
  renderRoles(data.roles || []);
  const columns = ["date", "source", "cameo", "target", "goldstein", "quad", "sentence", "links"];
  fill("as-source", eventsTable(data.as_source || [], { id: "as-source-table", columns }));
  fill("as-target", eventsTable(data.as_target || [], { id: "as-target-table", columns }));
  fill("partners", counterpartTable(data.partners || [], actor, "partners"));
  fill("opponents", counterpartTable(data.opponents || [], actor, "opponents"));
  renderQuotes(data.quotes || []);
  if (actor.kind !== "person") {
    await loadRelations(actor);
    await loadAlignment(actor);
  } else {
    byId("relations-panel").hidden = true;
    byId("alignment-panel").hidden = true;
  }
  await loadSeries(actor);
});
