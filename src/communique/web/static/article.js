// Article reader (/articles/{id} or article.html?id=): the text with actor mentions, event
// triggers and quotes highlighted, and the coding of the selected event. ?event=ID selects
// that event when the page opens (the events table links here).
//
// The text is built from text nodes split at the API's character offsets (highlight.js);
// nothing from the API is ever parsed as HTML.

import {
  QUAD_NAMES, actorLink, byId, cameoLabel, el, externalLink, fetchJSON, fill, fmtConfidence,
  fmtDate, fmtGoldstein, goldsteinBadge, pageId, runPage,
} from "./app.js";
import { renderHighlighted } from "./highlight.js";

const state = {
  article: null,
  events: new Map(), // id -> event (with its mentions)
  details: new Map(), // id -> Promise of /api/events/{id} (pattern, how)
  selected: [],
};

// ------------------------------------------------------------ spans and elements

/** Mentions, triggers (one per distinct trigger span, listing every event it codes) and
 * quotes as spans for renderHighlighted. */
function collectSpans(data) {
  const spans = [];
  // Records in the headline carry offsets into the title, not the body: not highlighted here.
  for (const m of data.mentions || []) if (!m.in_title) spans.push({ kind: "mention", start: m.start, end: m.end, mention: m });
  const triggers = new Map();
  for (const event of data.events || []) {
    for (const m of event.mentions || []) {
      if (m.trigger_start === null || m.trigger_start === undefined || m.in_title) continue;
      const key = `${m.trigger_start}:${m.trigger_end}`;
      if (!triggers.has(key)) triggers.set(key, { kind: "trigger", start: m.trigger_start, end: m.trigger_end, events: [] });
      const trigger = triggers.get(key);
      if (!trigger.events.includes(event)) trigger.events.push(event);
    }
  }
  spans.push(...triggers.values());
  for (const q of data.quotes || []) if (!q.in_title) spans.push({ kind: "quote", start: q.start, end: q.end, quote: q });
  return spans;
}

function mentionTitle(m) {
  const code = [m.code, m.sector].filter(Boolean).join("/");
  const who = m.actor_name || m.actor_id || "unresolved";
  return `${who}${code ? ` [${code}]` : ""}${m.how ? ` · ${m.how}` : ""}`;
}

function makeNode(span) {
  if (span.kind === "mention") {
    const m = span.mention;
    return el("mark", { class: "mention", "data-actor-id": m.actor_id || null, "data-code": m.code || null,
      title: mentionTitle(m) });
  }
  if (span.kind === "trigger") {
    const ids = span.events.map((e) => e.id);
    const node = el("mark", {
      class: "event-trigger", "data-event-id": ids[0], "data-event-ids": ids.join(" "),
      tabindex: "0", role: "button",
      title: span.events.map((e) => `${cameoLabel(e)}: ${e.source || "?"} → ${e.target || "?"}`).join("\n"),
    });
    node.addEventListener("click", (event) => {
      event.stopPropagation();
      selectEvents(ids, { scroll: false });
    });
    node.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        selectEvents(ids, { scroll: false });
      }
    });
    return node;
  }
  const q = span.quote;
  return el("span", { class: "quote", "data-quote-id": q.id || null,
    title: `${q.speaker || "unknown speaker"}${q.code ? ` [${q.code}]` : ""} · ${q.kind || "quote"}` });
}

// ------------------------------------------------------------ event detail

function eventDetail(id) {
  if (!state.details.has(id)) {
    state.details.set(id, fetchJSON(`/api/events/${encodeURIComponent(id)}`, { quiet: true }).catch(() => null));
  }
  return state.details.get(id);
}

function field(name, label, value) {
  return [el("dt", {}, label), el("dd", { "data-field": name }, value)];
}

function sideCell(event, side, how) {
  const code = event[side];
  const id = event[`${side}_id`] || code;
  return [actorLink(id, event[`${side}_name`] || code), code ? el("span", { class: "code-tag" }, code) : null,
    how ? el("span", { class: "muted" }, ` · resolved by ${how}`) : null];
}

/** One card with the whole coding of an event; `full` is /api/events/{id} when loaded. */
function eventCard(event, full) {
  const e = { ...event, ...(full || {}) };
  const pending = full === undefined ? "…" : "–";
  const plover = [e.plover_type, e.plover_mode].filter(Boolean).join(" / ") || "–";
  const how = [e.date_precision ? `${e.date_precision} precision` : null,
    e.date_source ? `from ${e.date_source}` : null].filter(Boolean).join(", ");
  const date = `${e.date || "undated"}${how ? ` (${how})` : ""}`;
  const sentence = (e.mentions && e.mentions[0] && e.mentions[0].sentence) || e.sentence;
  return el("div", { class: "event-card", "data-event-id": e.id, "data-testid": "event-card" },
    el("dl", { class: "fields" },
      field("cameo", "CAMEO", [el("code", {}, e.cameo || ""), " ", e.cameo_name || ""]),
      field("source", "Source", sideCell(e, "source", e.source_how)),
      field("target", "Target", sideCell(e, "target", e.target_how)),
      field("date", "Date", date),
      field("goldstein", "Goldstein", goldsteinBadge(e.goldstein)),
      field("quad", "Quad class", e.quad_class ? `${e.quad_class} ${QUAD_NAMES[e.quad_class] || ""}` : "–"),
      field("plover", "PLOVER", plover),
      field("modality", "Modality", e.modality || "–"),
      field("confidence", "Confidence", fmtConfidence(e.confidence)),
      e.location_name ? field("location", "Place", [e.location_name,
        e.lat !== null && e.lat !== undefined ? ` (${Number(e.lat).toFixed(2)}, ${Number(e.lon).toFixed(2)})` : ""]) : null,
      field("pattern", "Pattern", e.pattern ? el("code", {}, e.pattern) : pending),
      field("id", "Event id", el("code", {}, e.id))),
    sentence ? el("blockquote", { class: "sentence", "data-field": "sentence" }, sentence) : null);
}

async function renderDetail(ids) {
  const events = ids.map((id) => state.events.get(id)).filter(Boolean);
  const box = byId("event-detail");
  box.dataset.eventIds = ids.join(" ");
  // The article answer may lack the pattern and the "how": show what we have at once,
  // then the full record from /api/events/{id}.
  const needFull = (e) => !("pattern" in e) || !("source_how" in e);
  fill(box, events.map((e) => eventCard(e, needFull(e) ? undefined : null)));
  if (!events.some(needFull)) return;
  const full = await Promise.all(events.map((e) => (needFull(e) ? eventDetail(e.id) : null)));
  if (box.dataset.eventIds !== ids.join(" ")) return; // another selection came meanwhile
  fill(box, events.map((e, i) => eventCard(e, full[i])));
}

// ------------------------------------------------------------ selection

function clearMarks() {
  const text = byId("article-text");
  for (const node of text.querySelectorAll(".selected, .is-source, .is-target")) {
    node.classList.remove("selected", "is-source", "is-target");
  }
  for (const li of document.querySelectorAll("#event-list li.selected, #quote-list li.selected")) {
    li.classList.remove("selected");
  }
}

/** Outline the mention marks exactly at an event's source and target spans. */
function markSides(event) {
  const text = byId("article-text");
  for (const m of event.mentions || []) {
    for (const [side, cls] of [["source", "is-source"], ["target", "is-target"]]) {
      const start = m[`${side}_start`];
      if (start === null || start === undefined) continue;
      const selector = `mark.mention[data-start="${Number(start)}"][data-end="${Number(m[`${side}_end`])}"]`;
      for (const node of text.querySelectorAll(selector)) node.classList.add(cls);
    }
  }
}

/** Select events: outline their triggers, sources and targets, show their coding. */
export function selectEvents(ids, { scroll = true } = {}) {
  clearMarks();
  state.selected = ids;
  const text = byId("article-text");
  let first = null;
  for (const id of ids) {
    for (const node of text.querySelectorAll("mark.event-trigger")) {
      if (node.dataset.eventIds.split(" ").includes(id)) {
        node.classList.add("selected");
        first = first || node;
      }
    }
    const event = state.events.get(id);
    if (event) markSides(event);
    const li = document.querySelector(`#event-list li[data-event-id="${CSS.escape(id)}"]`);
    if (li) li.classList.add("selected");
  }
  if (scroll && first) first.scrollIntoView({ block: "center", behavior: "smooth" });
  const url = new URL(location.href);
  url.searchParams.set("event", ids[0]);
  history.replaceState(null, "", url);
  return renderDetail(ids);
}

function selectQuote(id) {
  clearMarks();
  const nodes = byId("article-text").querySelectorAll(`span.quote[data-quote-id="${CSS.escape(id)}"]`);
  for (const node of nodes) node.classList.add("selected");
  if (nodes[0]) nodes[0].scrollIntoView({ block: "center", behavior: "smooth" });
  const li = document.querySelector(`#quote-list li[data-quote-id="${CSS.escape(id)}"]`);
  if (li) li.classList.add("selected");
}

// ------------------------------------------------------------ side lists

function renderEventList(events) {
  const sorted = [...events].sort((a, b) => firstOffset(a) - firstOffset(b));
  fill("event-count", `(${events.length})`);
  fill("event-list", sorted.length ? sorted.map((e) => {
    const button = el("button", { type: "button", "data-testid": "event-item" },
      el("code", {}, e.cameo || ""), " ", e.cameo_name || "",
      el("span", { class: "sub" },
        `${e.source_name || e.source || "?"} → ${e.target_name || e.target || "?"} · ${fmtDate(e.date, e.date_precision)} · ${fmtGoldstein(e.goldstein)}`));
    button.addEventListener("click", () => selectEvents([e.id]));
    return el("li", { "data-event-id": e.id }, button);
  }) : el("li", { class: "empty" }, "No events coded in this article."));
}

function firstOffset(event) {
  const m = (event.mentions || [])[0];
  return m ? (m.trigger_start ?? m.start ?? 0) : Number.MAX_SAFE_INTEGER;
}

function renderQuoteList(quotes) {
  fill("quote-count", `(${quotes.length})`);
  fill("quote-list", quotes.length ? quotes.map((q) => {
    const button = el("button", { type: "button", "data-testid": "quote-item" },
      el("span", {}, `${q.speaker || "unknown speaker"}${q.code ? ` [${q.code}]` : ""}`),
      el("span", { class: "sub" }, `${q.kind || "quote"} · ${(q.text || "").slice(0, 90)}${(q.text || "").length > 90 ? "…" : ""}`));
    button.addEventListener("click", () => selectQuote(q.id));
    return el("li", { "data-quote-id": q.id }, button);
  }) : el("li", { class: "empty" }, "No quotes."));
}

function renderActorList(mentions) {
  const actors = new Map();
  for (const m of mentions) {
    const key = m.actor_id || `?${m.text}`;
    if (!actors.has(key)) actors.set(key, { ...m, count: 0 });
    actors.get(key).count += 1;
  }
  const sorted = [...actors.values()].sort((a, b) => b.count - a.count);
  fill("actor-count", `(${sorted.length})`);
  fill("actor-list", sorted.map((a) =>
    el("li", { "data-actor-id": a.actor_id || null },
      el("div", { class: "actor-row" },
        a.actor_id ? actorLink(a.actor_id, a.actor_name || a.actor_id) : el("span", { class: "muted" }, `${a.text} (unresolved)`),
        a.code ? el("span", { class: "code-tag" }, [a.code, a.sector].filter(Boolean).join("/")) : null,
        el("span", { class: "muted" }, ` ×${a.count}`)))));
}

// ------------------------------------------------------------ page

function renderHeading(article) {
  document.title = `communique · ${article.title || article.id}`;
  fill("article-title", article.title || "(untitled)");
  fill("article-meta",
    el("span", { "data-testid": "article-published" }, `published ${article.published || "unknown"}`),
    article.context_date && article.context_date !== article.published
      ? el("span", {}, `dated by its text ${article.context_date}`) : null,
    article.source ? el("span", { "data-testid": "article-source" }, article.source) : null,
    externalLink(article.url, "original"),
    el("span", {}, "id ", el("code", {}, article.id)));
}

function setupToggles() {
  for (const box of byId("legend").querySelectorAll("input[data-kind]")) {
    box.addEventListener("change", () => {
      byId("article-text").classList.toggle(`hide-${box.dataset.kind}`, !box.checked);
    });
  }
}

runPage("article", async () => {
  const id = pageId();
  if (!id) throw new Error("No article given: open /articles/{id} or article.html?id=...");
  const data = await fetchJSON(`/api/articles/${encodeURIComponent(id)}`).catch((err) => {
    fill("article-title", err.status === 404 ? `Unknown article: ${id}` : id);
    throw err;
  });
  const article = data.article || {};
  state.article = article;
  for (const event of data.events || []) state.events.set(event.id, event);
  renderHeading(article);
  renderHighlighted(byId("article-text"), article.text || "", collectSpans(data), makeNode);
  renderEventList(data.events || []);
  renderQuoteList(data.quotes || []);
  renderActorList(data.mentions || []);
  setupToggles();
  const wanted = new URLSearchParams(location.search).get("event");
  if (wanted && state.events.has(wanted)) await selectEvents([wanted]);
});
