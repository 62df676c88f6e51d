// Shared helpers for the communique pages: DOM building, API calls, formatting, links,
// pagination and the page header. ES2020 module, no dependencies.
//
// Security rule for every page: text that comes from the API (article text, names, titles,
// sentences...) is only ever inserted as text nodes (el() children, textContent). Nothing
// here parses HTML, and el() refuses event-handler attributes and unsafe URLs.

const SVG_NS = "http://www.w3.org/2000/svg";

export const QUAD_NAMES = {
  1: "verbal cooperation",
  2: "material cooperation",
  3: "verbal conflict",
  4: "material conflict",
};

export const CAMEO_ROOTS = [
  ["01", "Make public statement"], ["02", "Appeal"], ["03", "Express intent to cooperate"],
  ["04", "Consult"], ["05", "Engage in diplomatic cooperation"],
  ["06", "Engage in material cooperation"], ["07", "Provide aid"], ["08", "Yield"],
  ["09", "Investigate"], ["10", "Demand"], ["11", "Disapprove"], ["12", "Reject"],
  ["13", "Threaten"], ["14", "Protest"], ["15", "Exhibit force posture"],
  ["16", "Reduce relations"], ["17", "Coerce"], ["18", "Assault"], ["19", "Fight"],
  ["20", "Use unconventional mass violence"],
];

export const PLOVER_TYPES = [
  "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "CONCEDE",
];

export const NAV = [
  ["/", "Overview", "index"],
  ["/events", "Events", "events"],
  ["/network", "Network", "network"],
  ["/map", "Map", "map"],
];

// ---------------------------------------------------------------- DOM building

function isSafeUrl(value) {
  const url = String(value).trim();
  // Relative links the pages build themselves, or http(s) links to the original article.
  if (url.startsWith("/") && !url.startsWith("//")) return true;
  if (url.startsWith("#") || url.startsWith("?")) return true;
  return /^https?:\/\//i.test(url);
}

function setAttributes(node, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    const lower = name.toLowerCase();
    if (lower.startsWith("on") || lower === "innerhtml" || lower === "style") {
      throw new Error(`el(): attribute ${name} is not allowed`);
    }
    if ((lower === "href" || lower === "src" || lower === "action") && !isSafeUrl(value)) {
      continue; // javascript:, data: and other schemes are dropped, the element stays
    }
    if (lower === "class" && Array.isArray(value)) {
      node.setAttribute("class", value.filter(Boolean).join(" "));
    } else {
      node.setAttribute(name, value === true ? "" : String(value));
    }
  }
}

function appendChildren(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) appendChildren(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
}

/** Element builder: el("a", {href: "/x", class: "y"}, "text", otherNode, [more]).
 * Strings become text nodes, never markup. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attrs);
  appendChildren(node, children);
  return node;
}

/** The same for SVG elements. */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttributes(node, attrs);
  appendChildren(node, children);
  return node;
}

/** Replace the children of a node (found by id or given) with new ones. */
export function fill(target, ...children) {
  const node = typeof target === "string" ? document.getElementById(target) : target;
  node.replaceChildren();
  appendChildren(node, children);
  return node;
}

export function byId(id) {
  return document.getElementById(id);
}

// ---------------------------------------------------------------- page state and errors

/** body[data-state] is "loading", "ready" or "error": browser tests wait on it. */
export function setState(state) {
  document.body.dataset.state = state;
}

export function showError(message) {
  const box = byId("error");
  if (!box) return;
  box.appendChild(el("p", { class: "error-message", "data-testid": "error-message" }, message));
  box.hidden = false;
}

export function clearErrors() {
  const box = byId("error");
  if (!box) return;
  box.replaceChildren();
  box.hidden = true;
}

export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

/** GET a JSON document; an error answer ({"error": ...}) or a network failure is shown
 * in the page's #error box and thrown as ApiError. */
export async function fetchJSON(url, { quiet = false } = {}) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" } });
  } catch (err) {
    const error = new ApiError(`Cannot reach the server (${url}): ${err.message}`, 0);
    if (!quiet) showError(error.message);
    throw error;
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const reason = body && typeof body.error === "string" ? body.error : response.statusText;
    const error = new ApiError(`${response.status} ${reason}`, response.status);
    if (!quiet) showError(`Request failed: ${error.message}`);
    throw error;
  }
  return body;
}

/** "/api/events" + the non-empty parameters as a query string. */
export function apiUrl(path, params = {}) {
  const query = new URLSearchParams();
  const entries = params instanceof URLSearchParams ? params.entries() : Object.entries(params);
  for (const [key, value] of entries) {
    if (value !== null && value !== undefined && String(value).trim() !== "") {
      query.set(key, String(value).trim());
    }
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** The id a detail page is about: ?id=X, else the last segment of /actors/X. */
export function pageId() {
  const fromQuery = new URLSearchParams(location.search).get("id");
  if (fromQuery) return fromQuery;
  const segments = location.pathname.split("/").filter(Boolean);
  const last = segments[segments.length - 1] || "";
  if (!last || last.endsWith(".html") || segments.length < 2) return null;
  return decodeURIComponent(last);
}

/** Run a page's main function with the loading/ready/error state kept on <body>. A main
 * function may set the state itself (pages that reload in place do); else it becomes
 * "ready" when main resolves and "error" when it throws. */
export async function runPage(pageName, main) {
  renderHeader(pageName);
  clearErrors();
  setState("loading");
  try {
    await main();
    if (document.body.dataset.state === "loading") setState("ready");
  } catch (err) {
    // An ApiError is already on the page (fetchJSON showed it).
    if (!(err instanceof ApiError)) {
      showError(`Error: ${err.message}`);
      console.error(err);
    }
    setState("error");
  }
}

// ---------------------------------------------------------------- header

/** The shared header: site name, navigation, and the #error box. */
export function renderHeader(current) {
  const header = byId("site-header");
  if (!header) return;
  const links = NAV.map(([href, label, name]) =>
    el("li", {},
      el("a", { href, "data-testid": `nav-${name}`, "aria-current": name === current ? "page" : null },
        label)));
  fill(header,
    el("a", { href: "/", class: "brand", "data-testid": "brand" }, "communique"),
    el("nav", { id: "site-nav", "aria-label": "Main" }, el("ul", {}, links)));
  if (!byId("error")) {
    header.after(el("div", { id: "error", class: "error-box", role: "alert", hidden: true }));
  }
}

// ---------------------------------------------------------------- formatting

const numberFormat = new Intl.NumberFormat("en");

export function fmtNumber(value) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return "–";
  return numberFormat.format(Number(value));
}

export function fmtGoldstein(value) {
  if (value === null || value === undefined) return "–";
  const n = Number(value);
  return (n > 0 ? "+" : "") + n.toFixed(1);
}

export function fmtConfidence(value) {
  if (value === null || value === undefined) return "–";
  return Number(value).toFixed(2);
}

/** "2024-03-20 (day)", or just the date when the precision is a day. */
export function fmtDate(date, precision) {
  if (!date) return "–";
  return precision && precision !== "day" ? `${date} (${precision})` : String(date);
}

export function quadLabel(quad) {
  return quad ? `${quad} ${QUAD_NAMES[quad] || ""}`.trim() : "–";
}

/** "042 Make a visit". */
export function cameoLabel(event) {
  return [event.cameo, event.cameo_name].filter(Boolean).join(" ");
}

/** Colour for a Goldstein value (-10 conflict .. +10 cooperation): red through grey to
 * blue-green. Used by tables, the network, the map and the charts. */
export function goldsteinColor(value) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return "#9aa0a6";
  const t = Math.max(-1, Math.min(1, Number(value) / 10));
  const neutral = [154, 160, 166];
  const end = t < 0 ? [200, 30, 40] : [16, 130, 120];
  const k = Math.sqrt(Math.abs(t)); // small values already move visibly away from grey
  const mix = neutral.map((c, i) => Math.round(c + (end[i] - c) * k));
  return `rgb(${mix.join(",")})`;
}

/** CSS class for a Goldstein value, for text in tables. */
export function goldsteinClass(value) {
  if (value === null || value === undefined) return "gs-none";
  if (value > 0) return "gs-coop";
  if (value < 0) return "gs-conf";
  return "gs-zero";
}

// ---------------------------------------------------------------- links

export function actorHref(id) {
  return `/actors/${encodeURIComponent(id)}`;
}

export function articleHref(id, eventId) {
  const base = `/articles/${encodeURIComponent(id)}`;
  return eventId ? `${base}?event=${encodeURIComponent(eventId)}` : base;
}

/** Link to an actor page, or plain text when there is no id. */
export function actorLink(id, name, attrs = {}) {
  const label = name || id || "–";
  if (!id) return el("span", { class: "actor-unknown" }, label);
  return el("a", { href: actorHref(id), class: "actor-link", ...attrs }, label);
}

/** The original article on the web, only for http(s) URLs. */
export function externalLink(url, label) {
  if (!url || !/^https?:\/\//i.test(String(url))) return null;
  return el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, label || url);
}

// ---------------------------------------------------------------- shared widgets

/** A small "Goldstein" badge coloured by value. */
export function goldsteinBadge(value) {
  return el("span", { class: ["goldstein", goldsteinClass(value)], title: "Goldstein scale" },
    fmtGoldstein(value));
}

/** Side of an event for tables: the name links to the actor (its id when the API gives
 * one, else its code), the code to the code's actor when that is another page. */
function eventActor(event, side) {
  const code = event[side];
  const id = event[`${side}_id`] || code;
  const name = actorLink(id, event[`${side}_name`] || code, { "data-code": code || null });
  if (!code) return name;
  const tag = id === code ? el("span", { class: "code-tag" }, code)
    : el("a", { href: actorHref(code), class: "code-tag" }, code);
  return [name, tag];
}

const EVENT_COLUMNS = {
  date: ["Date", (e) => fmtDate(e.date, e.date_precision)],
  source: ["Source", (e) => eventActor(e, "source")],
  cameo: ["Event (CAMEO)", (e) => el("span", { title: QUAD_NAMES[e.quad_class] || "" },
    el("code", {}, e.cameo || ""), " ", e.cameo_name || "")],
  target: ["Target", (e) => eventActor(e, "target")],
  goldstein: ["Goldstein", (e) => goldsteinBadge(e.goldstein)],
  quad: ["Quad", (e) => el("span", { class: `quad quad-${e.quad_class}`, title: QUAD_NAMES[e.quad_class] || "" },
    e.quad_class ?? "–")],
  plover: ["PLOVER", (e) => [e.plover_type || "–", e.plover_mode ? ` (${e.plover_mode})` : ""]],
  modality: ["Modality", (e) => e.modality || "–"],
  confidence: ["Conf.", (e) => fmtConfidence(e.confidence)],
  location: ["Place", (e) => e.location_name || ""],
  sentence: ["Sentence", (e) => el("span", { class: "sentence" }, e.sentence || "")],
  links: ["Links", (e) => [
    e.article_id ? el("a", { href: articleHref(e.article_id), "data-testid": "article-link" }, "article") : null,
    " ",
    e.article_id
      ? el("a", { href: articleHref(e.article_id, e.id), "data-testid": "event-link", title: `event ${e.id}` }, "event")
      : null,
  ]],
};

/** A table of events; `columns` picks from EVENT_COLUMNS. Rows carry data-event-id. */
export function eventsTable(events, { id, columns, caption } = {}) {
  const cols = columns || ["date", "source", "cameo", "target", "goldstein", "links"];
  const head = el("tr", {}, cols.map((c) => el("th", { scope: "col", class: `col-${c}` }, EVENT_COLUMNS[c][0])));
  const rows = events.map((event) =>
    el("tr", { "data-event-id": event.id, "data-quad": event.quad_class ?? null },
      cols.map((c) => el("td", { class: `col-${c}` }, EVENT_COLUMNS[c][1](event)))));
  if (!rows.length) {
    rows.push(el("tr", { class: "empty" }, el("td", { colspan: cols.length }, "No events.")));
  }
  return el("table", { id, class: "data events", "data-testid": id || "events-table" },
    caption ? el("caption", {}, caption) : null,
    el("thead", {}, head), el("tbody", {}, rows));
}

/** Generic table: columns = [[header, (row) => cell content], ...]. */
export function simpleTable(rows, columns, { id, empty = "Nothing yet." } = {}) {
  const body = rows.map((row) => el("tr", {}, columns.map(([, cell]) => el("td", {}, cell(row)))));
  if (!body.length) body.push(el("tr", { class: "empty" }, el("td", { colspan: columns.length }, empty)));
  return el("table", { id, class: "data", "data-testid": id || null },
    el("thead", {}, el("tr", {}, columns.map(([h]) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, body));
}

/** Previous / page N / next control for {"page", "per_page", "next_page"} answers. */
export function pager(answer, onPage, { id = "pager" } = {}) {
  const page = answer.page || 1;
  const prev = el("button", { type: "button", "data-testid": "page-prev", disabled: page <= 1 }, "‹ Previous");
  const next = el("button", { type: "button", "data-testid": "page-next", disabled: !answer.next_page }, "Next ›");
  prev.addEventListener("click", () => onPage(page - 1));
  next.addEventListener("click", () => onPage(answer.next_page));
  const total = answer.total !== undefined && answer.per_page
    ? ` of ${Math.max(1, Math.ceil(answer.total / answer.per_page))}` : "";
  return el("nav", { id, class: "pager", "aria-label": "Pages", "data-page": page },
    prev, el("span", { class: "page-info", "data-testid": "page-info" }, `Page ${page}${total}`), next);
}

// ---------------------------------------------------------------- forms and the URL

/** Non-empty values of a form as an object. */
export function formValues(form) {
  const values = {};
  for (const [key, value] of new FormData(form).entries()) {
    if (String(value).trim() !== "") values[key] = String(value).trim();
  }
  return values;
}

/** Put URL parameters into the form fields of the same name. */
export function fillForm(form, params) {
  for (const element of form.elements) {
    if (element.name && params.has(element.name)) element.value = params.get(element.name);
  }
}

/** Replace the page's query string (keeps the path, so /actors/ARM stays). */
export function setQuery(values, { push = true } = {}) {
  const url = apiUrl(location.pathname, values);
  if (url !== location.pathname + location.search) {
    history[push ? "pushState" : "replaceState"](null, "", url);
  }
}

/** Swatches from Goldstein -10 to +10, for legends (colours set through the CSSOM). */
export function goldsteinRamp() {
  const ramp = el("span", { class: "ramp", "aria-hidden": "true" });
  for (let g = -10; g <= 10; g += 2.5) {
    const swatch = el("span", { title: fmtGoldstein(g) });
    swatch.style.background = goldsteinColor(g);
    ramp.appendChild(swatch);
  }
  return ramp;
}
