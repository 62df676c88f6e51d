// Overview page: counts, latest events, most active dyads, coverage by month and source,
// and the article list / text search.

import {
  actorLink, apiUrl, articleHref, byId, el, eventsTable, fetchJSON, fill, fillForm, fmtNumber,
  formValues, goldsteinBadge, pager, runPage, setQuery, simpleTable,
} from "./app.js";
import { barList, columnChart, fillPeriods } from "./charts.js";

const COUNT_LABELS = [
  ["articles", "Articles"], ["events", "Events"], ["quotes", "Quotes"],
  ["mentions", "Actor mentions"], ["resolved_mentions", "Resolved mentions"],
  ["actors_seen", "Actors seen"],
];

function renderCounts(counts) {
  const list = byId("counts");
  const shown = COUNT_LABELS.filter(([key]) => key in counts);
  fill(list, shown.map(([key, label]) =>
    el("div", { class: "count", "data-testid": `count-${key}`, "data-value": counts[key] ?? "" },
      el("dt", {}, label), el("dd", {}, fmtNumber(counts[key])))));
  list.removeAttribute("aria-busy");
}

/** An actor of a dyad: its name when the API gives one (with the code), else the code. */
function dyadSide(code, name) {
  return [actorLink(code, name || code), name ? el("span", { class: "code-tag" }, code) : null];
}

function dyadCell(row) {
  return [dyadSide(row.a, row.a_name), " – ", dyadSide(row.b, row.b_name)];
}

function renderDyads(dyads) {
  fill("top-dyads", simpleTable(dyads, [
    ["Dyad", dyadCell],
    ["Events", (r) => el("a", { href: apiUrl("/events", { dyad: `${r.a},${r.b}` }), "data-testid": "dyad-link" },
      fmtNumber(r.events))],
    ["Mean Goldstein", (r) => goldsteinBadge(r.goldstein_mean)],
  ], { id: "top-dyads-table", empty: "No events yet." }));
}

function renderByMonth(months) {
  const filled = fillPeriods(months, "month", (month) => ({ month, articles: 0, events: 0 }));
  const rows = filled.map((m) => ({ label: m.month, values: { articles: m.articles, events: m.events } }));
  fill("by-month", columnChart(rows, [["articles", "articles", "articles"], ["events", "events", "events"]],
    { id: "by-month-chart", ariaLabel: "Articles and events per month" }));
}

function renderBySource(sources) {
  const items = sources.map((s) => ({
    label: s.source || "(no source)",
    value: s.articles,
    href: s.source ? apiUrl("/events", { source: s.source }) : null,
  }));
  fill("by-source", items.length ? barList(items, { id: "by-source-list" }) : el("p", { class: "empty" }, "No articles yet."));
}

// ------------------------------------------------------------ articles and search

function articleRows(answer, searching) {
  const columns = [
    ["Title", (a) => el("a", { href: articleHref(a.id), "data-testid": "article-title-link" }, a.title || a.id)],
    ["Published", (a) => a.published || "–"],
    ["Source", (a) => a.source || "–"],
  ];
  if (searching) columns.push(["Snippet", (a) => el("span", { class: "sentence" }, a.snippet || "")]);
  else columns.push(["Events", (a) => fmtNumber(a.events)], ["Words", (a) => fmtNumber(a.words)]);
  return simpleTable(answer.items || [], columns, {
    id: "articles-table", empty: searching ? "No article contains that text." : "No articles yet.",
  });
}

async function loadArticles(q, page = 1) {
  const url = q
    ? apiUrl("/api/search", { q, page, per_page: 10 })
    : apiUrl("/api/articles", { page, per_page: 10 });
  const answer = await fetchJSON(url);
  // /api/search may answer a bare list; treat it as a single page.
  const paged = Array.isArray(answer) ? { items: answer, page: 1, next_page: null } : answer;
  fill("search-results", articleRows(paged, Boolean(q)),
    pager(paged, (p) => loadArticles(q, p), { id: "articles-pager" }));
}

function setupSearch() {
  const form = byId("search-form");
  const params = new URLSearchParams(location.search);
  fillForm(form, params);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const { q } = formValues(form);
    setQuery({ q });
    loadArticles(q).catch(() => {});
  });
  return loadArticles(params.get("q"));
}

async function loadShifts() {
  const flags = await fetchJSON(apiUrl("/api/shifts", { by: "month", min_events: 10 }), { quiet: true })
    .catch(() => []);
  fill("shifts", simpleTable(flags || [], [
    ["Who", (f) => f.actors.map((code, i) => [i ? " – " : "", actorLink(code, code)])],
    ["From", (f) => f.before],
    ["To", (f) => f.period],
    ["Mean Goldstein", (f) => [goldsteinBadge(f.mean_before), " → ", goldsteinBadge(f.mean_after)]],
    ["q", (f) => f.q_value.toPrecision(2)],
    ["Events", (f) => el("a", { href: apiUrl("/events", f.actors.length === 2
      ? { dyad: f.actors.join(",") } : { actor: f.actors[0] }) }, String(f.events_before + f.events_after))],
  ], { id: "shifts-table", empty: "No significant shift in the store." }));
}

runPage("index", async () => {
  const [stats] = await Promise.all([fetchJSON("/api/stats"), setupSearch()]);
  renderCounts(stats.counts || {});
  fill("latest-events", eventsTable(stats.latest_events || [], {
    id: "latest-events-table",
    columns: ["date", "source", "cameo", "target", "goldstein", "quad", "plover", "links"],
  }));
  renderDyads(stats.top_dyads || []);
  renderByMonth(stats.by_month || []);
  renderBySource(stats.by_source || []);
  await loadShifts();
});
