// Highlighted article text built from character offsets, with text nodes only.
//
// Spans may nest (a mention inside a quote, a trigger inside a mention) and may cross (a
// quote that starts inside a mention). Crossing spans are split at the boundary so the
// elements nest properly; the pieces keep the span's data and get data-part="split".
// Every element carries data-start/data-end: the span's offsets as the API gave them.

/** Kind order when two spans cover the same characters: the first one is the outer one. */
const LAYER = { quote: 0, mention: 1, trigger: 2 };

/** The API gives offsets in Unicode code points (Python string indexes); JavaScript strings
 * index UTF-16 units. Returns a function mapping a code point offset to a UTF-16 offset
 * (identity when the text has no characters outside the Basic Multilingual Plane). */
export function offsetMapper(text) {
  const points = Array.from(text);
  if (points.length === text.length) return (offset) => offset;
  const units = new Array(points.length + 1);
  let unit = 0;
  points.forEach((point, i) => {
    units[i] = unit;
    unit += point.length;
  });
  units[points.length] = unit;
  return (offset) => units[Math.max(0, Math.min(points.length, offset))];
}

function compareSpans(a, b) {
  return a.start - b.start || b.end - a.end || LAYER[a.kind] - LAYER[b.kind];
}

/** Keep spans that fit the text, mapped to UTF-16 offsets, sorted outer-first. */
export function normaliseSpans(text, spans) {
  const toUnit = offsetMapper(text);
  const length = Array.from(text).length;
  return spans
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end <= length && s.start < s.end)
    .map((s) => ({ ...s, apiStart: s.start, apiEnd: s.end, start: toUnit(s.start), end: toUnit(s.end) }))
    .sort(compareSpans);
}

/** Append text[from, to) and the spans inside it to `parent`. `spans` are sorted and lie
 * within [from, to). `makeNode(span)` builds the (empty) element for one span. */
function build(parent, text, from, to, spans, makeNode) {
  let pos = from;
  let queue = spans;
  while (queue.length) {
    const [span, ...others] = queue;
    if (span.start > pos) parent.appendChild(document.createTextNode(text.slice(pos, span.start)));
    const inner = [];
    const rest = [];
    for (const other of others) {
      if (other.start >= span.end) rest.push(other);
      else if (other.end <= span.end) inner.push(other);
      else {
        // Crosses the end of `span`: one piece inside it, the remainder after it.
        inner.push({ ...other, end: span.end, split: true });
        rest.push({ ...other, start: span.end, split: true });
      }
    }
    const node = makeNode(span);
    node.dataset.start = String(span.apiStart);
    node.dataset.end = String(span.apiEnd);
    if (span.split) node.dataset.part = "split";
    build(node, text, span.start, span.end, inner.sort(compareSpans), makeNode);
    parent.appendChild(node);
    pos = span.end;
    queue = rest.sort(compareSpans);
  }
  if (pos < to) parent.appendChild(document.createTextNode(text.slice(pos, to)));
}

/** Fill `container` with `text`, the spans ({kind, start, end, ...}) highlighted by the
 * elements `makeNode` gives. Offsets are code point offsets into `text`. */
export function renderHighlighted(container, text, spans, makeNode) {
  container.replaceChildren();
  build(container, text, 0, text.length, normaliseSpans(text, spans), makeNode);
  return container;
}
