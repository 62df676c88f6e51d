// Events page: the filter form, the cooperation/conflict timeline from /api/series and a
// paginated table from /api/events. The filters live in the page's query string, so a
// filtered view can be linked to (/events?dyad=ARM,RUS&root=11) and Back works.

import {
  CAMEO_ROOTS, PLOVER_TYPES, apiUrl, byId, clearErrors, el, eventsTable, fetchJSON, fill,
  fillForm, formValues, pager, runPage, setQuery, setState,
} from "./app.js";
import { timelineChart } from "./charts.js";

/** Query parameters that are event filters (sent to both /api/events and /api/series). */
const FILTERS = ["actor", "dyad", "cameo", "root", "plover", "quad", "since", "until", "source", "q"];
const TABLE_COLUMNS = ["date", "source", "cameo", "target", "goldstein", "quad", "plover",
  "modality", "confidence", "location", "sentence", "links"];

function fillOptions() {
  byId("f-root").append(...CAMEO_ROOTS.map(([code, name]) => el("option", { value: code }, `${code} ${name}`)));
  byId("f-plover").append(...PLOVER_TYPES.map((type) => el("option", { value: type }, type)));
}

/** The current filters from the URL: {filters, page, per_page, sort, by}. */
function currentQuery() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const key of FILTERS) {
    if (params.get(key)) filters[key] = params.get(key);
  }
  return {
    filters,
    page: Number(params.get("page")) || 1,
    per_page: params.get("per_page") || "",
    sort: params.get("sort") || "",
    by: params.get("by") || "month",
  };
}

/** Write the query to the URL (keeping only non-empty values). */
function pushQuery({ filters, page, per_page, sort, by }) {
  setQuery({ ...filters, per_page, sort, by: by === "month" ? "" : by, page: page > 1 ? page : "" });
}

const isoDay = (date) => date.toISOString().slice(0, 10);

/** Monday and Sunday of an ISO week ("2024-W09"): week 1 holds 4 January. */
function isoWeekRange(year, week) {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4);
  monday.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() + 6) % 7) + (week - 1) * 7);
  const sunday = new Date(monday);
  sunday.setUTCDate(monday.getUTCDate() + 6);
  return [isoDay(monday), isoDay(sunday)];
}

/** since/until covering a clicked period ("2024-03", "2024", "2024-03-20", "2024-W09"). */
export function periodRange(period) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return [period, period];
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  if (week) return isoWeekRange(Number(week[1]), Number(week[2]));
  if (/^\d{4}$/.test(period)) return [`${period}-01-01`, `${period}-12-31`];
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    const lastDay = new Date(Date.UTC(Number(month[1]), Number(month[2]), 0)).getUTCDate();
    return [`${period}-01`, `${period}-${String(lastDay).padStart(2, "0")}`];
  }
  return null;
}

async function loadTimeline(query) {
  const series = await fetchJSON(apiUrl("/api/series", { ...query.filters, by: query.by }));
  const rows = Array.isArray(series) ? series : series.items || [];
  fill("timeline-chart", timelineChart(rows, {
    onPeriod: (period) => {
      const range = periodRange(period);
      if (!range) return;
      const next = { ...query, filters: { ...query.filters, since: range[0], until: range[1] }, page: 1 };
      pushQuery(next);
      reload();
    },
  }));
  byId("timeline").dataset.periods = String(rows.length);
}

async function loadTable(query) {
  const { filters, page, per_page: perPage, sort } = query;
  const answer = await fetchJSON(apiUrl("/api/events", { ...filters, page, per_page: perPage, sort }));
  const items = answer.items || [];
  fill("events-results", eventsTable(items, { id: "events-table", columns: TABLE_COLUMNS }));
  fill("events-pager", pager(answer, (p) => {
    pushQuery({ ...query, page: p });
    reload();
  }, { id: "events-table-pager" }));
  const first = (answer.page - 1) * answer.per_page + 1;
  fill("events-heading", items.length
    ? `Events ${first}–${first + items.length - 1}${answer.next_page ? " (more on the next pages)" : ""}`
    : "Events");
  byId("events-table").dataset.count = String(items.length);
  // CSV of the same filters; one page of the largest size the API allows.
  byId("csv-link").setAttribute("href", apiUrl("/api/events", { ...filters, sort, format: "csv", per_page: 500 }));
}

/** Load table and chart for the URL's query; keeps body[data-state] in step. */
async function reload() {
  clearErrors();
  setState("loading");
  const query = currentQuery();
  const form = byId("filter-form");
  form.reset();
  fillForm(form, new URLSearchParams(location.search));
  byId("f-by").value = query.by;
  const results = await Promise.allSettled([loadTable(query), loadTimeline(query)]);
  setState(results.every((r) => r.status === "fulfilled") ? "ready" : "error");
}

function setupForm() {
  const form = byId("filter-form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const values = formValues(form);
    const filters = Object.fromEntries(FILTERS.filter((k) => values[k]).map((k) => [k, values[k]]));
    pushQuery({ filters, page: 1, per_page: values.per_page || "", sort: values.sort || "", by: byId("f-by").value });
    reload();
  });
  byId("filter-clear").addEventListener("click", () => {
    setQuery({});
    reload();
  });
  byId("f-by").addEventListener("change", () => {
    pushQuery({ ...currentQuery(), by: byId("f-by").value });
    reload();
  });
  window.addEventListener("popstate", reload);
}

runPage("events", async () => {
  fillOptions();
  setupForm();
  await reload();
});
