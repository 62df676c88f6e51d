// Small SVG charts drawn without a library: the cooperation/conflict timeline, grouped
// columns and horizontal bars. Every chart scales with its container through viewBox.

import { el, fmtGoldstein, fmtNumber, svg } from "./app.js";

const COOP = "coop";
const CONF = "conf";

/** Round a maximum up to 1, 2 or 5 times a power of ten, for tidy axis ticks. */
export function niceMax(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

const blankPeriod = (period) => ({ period, events: 0, cooperation: 0, conflict: 0, goldstein_mean: null });

/** Months (YYYY-MM) or years (YYYY) missing between the first and last row are added
 * (made by `blank`), so the x axis is a time axis; other granularities are left alone. */
export function fillPeriods(series, key = "period", blank = blankPeriod) {
  if (series.length < 2) return series;
  const first = String(series[0][key]);
  const isMonth = /^\d{4}-\d{2}$/.test(first);
  const isYear = /^\d{4}$/.test(first);
  if (!isMonth && !isYear) return series;
  const byPeriod = new Map(series.map((row) => [String(row[key]), row]));
  const last = String(series[series.length - 1][key]);
  const out = [];
  let [year, month] = first.split("-").map(Number);
  for (let guard = 0; guard < 2400; guard += 1) {
    const period = isMonth ? `${year}-${String(month).padStart(2, "0")}` : String(year);
    out.push(byPeriod.get(period) || blank(period));
    if (period === last) break;
    if (isYear) year += 1;
    else if (month === 12) { year += 1; month = 1; } else month += 1;
  }
  return out;
}

function labelStep(count, room) {
  return Math.max(1, Math.ceil(count / room));
}

/** A row of swatches; each item is placed after the previous label (about 7 px a letter
 * at the legend's 12 px font). */
function legend(items, x, y) {
  let offset = 0;
  return svg("g", { class: "legend", transform: `translate(${x},${y})` },
    items.map(([cls, label]) => {
      const item = svg("g", { transform: `translate(${offset},0)` },
        svg("rect", { class: `swatch ${cls}`, width: 12, height: 12, y: -10 }),
        svg("text", { x: 18, y: 0 }, label));
      offset += 18 + label.length * 7 + 24;
      return item;
    }));
}

/** Cooperation (quad 1+2) bars upwards and conflict (quad 3+4) bars downwards from a
 * centre line, with the mean Goldstein per period as a line on a +-10 scale sharing that
 * centre. `onPeriod(period)` is called when a period is clicked. */
export function timelineChart(rows, { id = "timeline-svg", onPeriod } = {}) {
  const series = fillPeriods(rows);
  const W = 900;
  const H = 280;
  const m = { top: 28, right: 64, bottom: 34, left: 44 };
  const innerW = W - m.left - m.right;
  const half = (H - m.top - m.bottom) / 2;
  const mid = m.top + half;
  const chart = svg("svg", {
    id, class: "chart timeline", viewBox: `0 0 ${W} ${H}`, role: "img",
    "aria-label": "Cooperation and conflict events and mean Goldstein per period",
    "data-testid": "timeline-svg", "data-periods": series.length,
  });
  if (!series.length) {
    chart.appendChild(svg("text", { x: W / 2, y: H / 2, class: "empty", "text-anchor": "middle" }, "No events."));
    return chart;
  }
  const maxCount = niceMax(Math.max(...series.map((r) => Math.max(r.cooperation || 0, r.conflict || 0))));
  const band = innerW / series.length;
  const barW = Math.max(1, Math.min(40, band * 0.7));
  const countY = (n) => (n / maxCount) * half;
  const gsY = (g) => mid - (g / 10) * half;

  // Axes: counts on the left (both directions), Goldstein on the right.
  const axes = svg("g", { class: "axes" },
    svg("line", { x1: m.left, x2: W - m.right, y1: mid, y2: mid, class: "zero" }),
    [[maxCount, m.top], [0, mid], [maxCount, H - m.bottom]].map(([v, y]) =>
      svg("text", { x: m.left - 6, y: y + 4, "text-anchor": "end", class: "tick" }, fmtNumber(v))),
    [["+10", m.top], ["0", mid], ["-10", H - m.bottom]].map(([v, y]) =>
      svg("text", { x: W - m.right + 6, y: y + 4, class: "tick gs-tick" }, v)),
    svg("text", { x: m.left - 6, y: m.top - 10, "text-anchor": "end", class: "axis-title" }, "events"),
    svg("text", { x: W - m.right + 6, y: m.top - 10, class: "axis-title" }, "Goldstein"));
  chart.appendChild(axes);

  const bars = svg("g", { class: "bars" });
  const step = labelStep(series.length, 12);
  const points = [];
  series.forEach((row, i) => {
    const cx = m.left + band * i + band / 2;
    const coop = row.cooperation || 0;
    const conf = row.conflict || 0;
    const group = svg("g", { class: "period", "data-period": row.period });
    group.appendChild(svg("title", {},
      `${row.period}: ${coop} cooperation, ${conf} conflict, mean Goldstein ${fmtGoldstein(row.goldstein_mean)}`));
    // A full-height transparent target makes thin periods easy to hover and click.
    group.appendChild(svg("rect", { class: "hit", x: cx - band / 2, y: m.top, width: band, height: 2 * half }));
    group.appendChild(svg("rect", {
      class: `bar ${COOP}`, "data-testid": "bar-cooperation", "data-value": coop,
      x: cx - barW / 2, y: mid - countY(coop), width: barW, height: countY(coop),
    }));
    group.appendChild(svg("rect", {
      class: `bar ${CONF}`, "data-testid": "bar-conflict", "data-value": conf,
      x: cx - barW / 2, y: mid, width: barW, height: countY(conf),
    }));
    if (i % step === 0) {
      group.appendChild(svg("text", { x: cx, y: H - m.bottom + 16, "text-anchor": "middle", class: "tick" }, row.period));
    }
    if (onPeriod) {
      group.classList.add("clickable");
      group.addEventListener("click", () => onPeriod(row.period));
    }
    bars.appendChild(group);
    const hasMean = row.goldstein_mean !== null && row.goldstein_mean !== undefined;
    // A period without events breaks the line (null marks the gap).
    points.push(hasMean ? [cx, gsY(Number(row.goldstein_mean)), row] : null);
  });
  chart.appendChild(bars);

  const drawn = points.filter(Boolean);
  if (drawn.length) {
    const d = points.map((p, i) => {
      if (!p) return "";
      const move = i === 0 || !points[i - 1] ? "M" : "L";
      return `${move}${p[0].toFixed(1)},${p[1].toFixed(1)}`;
    }).filter(Boolean).join(" ");
    chart.appendChild(svg("path", { class: "goldstein-line", d, "data-testid": "goldstein-line" }));
    chart.appendChild(svg("g", { class: "goldstein-points" }, drawn.map(([x, y, row]) =>
      svg("circle", { cx: x, cy: y, r: 3, class: "goldstein-point", "data-period": row.period },
        svg("title", {}, `${row.period}: mean Goldstein ${fmtGoldstein(row.goldstein_mean)}`)))));
  }
  chart.appendChild(legend([[COOP, "cooperation (quad 1+2)"], [CONF, "conflict (quad 3+4)"],
    ["gs", "mean Goldstein"]], m.left + 10, 16));
  return chart;
}

/** Grouped columns: rows = [{label, values: {key: n}}], keys = [[key, label, cssClass]]. */
export function columnChart(rows, keys, { id, ariaLabel = "" } = {}) {
  const W = 900;
  const H = 240;
  const m = { top: 26, right: 12, bottom: 34, left: 44 };
  const innerW = W - m.left - m.right;
  const innerH = H - m.top - m.bottom;
  const chart = svg("svg", { id, class: "chart columns", viewBox: `0 0 ${W} ${H}`, role: "img",
    "aria-label": ariaLabel, "data-testid": id || null });
  if (!rows.length) {
    chart.appendChild(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "empty" }, "No data."));
    return chart;
  }
  const max = niceMax(Math.max(...rows.flatMap((r) => keys.map(([k]) => r.values[k] || 0))));
  const band = innerW / rows.length;
  const barW = Math.max(1, Math.min(24, (band * 0.8) / keys.length));
  const y = (v) => m.top + innerH - (v / max) * innerH;
  chart.appendChild(svg("g", { class: "axes" },
    svg("line", { x1: m.left, x2: W - m.right, y1: y(0), y2: y(0), class: "zero" }),
    [max, max / 2].map((v) => svg("g", {},
      svg("line", { x1: m.left, x2: W - m.right, y1: y(v), y2: y(v), class: "grid" }),
      svg("text", { x: m.left - 6, y: y(v) + 4, "text-anchor": "end", class: "tick" }, fmtNumber(v))))));
  const step = labelStep(rows.length, 12);
  rows.forEach((row, i) => {
    const x0 = m.left + band * i + (band - barW * keys.length) / 2;
    const group = svg("g", { class: "column", "data-label": row.label });
    group.appendChild(svg("title", {},
      `${row.label}: ${keys.map(([k, label]) => `${fmtNumber(row.values[k] || 0)} ${label}`).join(", ")}`));
    keys.forEach(([k, , cls], j) => {
      const v = row.values[k] || 0;
      group.appendChild(svg("rect", { class: `bar ${cls}`, x: x0 + j * barW, y: y(v), width: barW,
        height: y(0) - y(v), "data-value": v }));
    });
    if (i % step === 0) {
      group.appendChild(svg("text", { x: m.left + band * i + band / 2, y: H - m.bottom + 16,
        "text-anchor": "middle", class: "tick" }, row.label));
    }
    chart.appendChild(group);
  });
  chart.appendChild(legend(keys.map(([, label, cls]) => [cls, label]), m.left + 10, 14));
  return chart;
}

/** Horizontal bars as an HTML list (labels wrap and stay readable): items = [{label, value,
 * href?}]. */
export function barList(items, { id, max } = {}) {
  const top = max || Math.max(1, ...items.map((i) => i.value || 0));
  return el("ol", { id, class: "bar-list", "data-testid": id || null },
    items.map((item) => {
      const bar = el("span", { class: "bar-fill" });
      // Width through the CSSOM, not a style attribute (keeps a strict CSP possible).
      bar.style.width = `${Math.round(((item.value || 0) / top) * 100)}%`;
      const label = item.href ? el("a", { href: item.href }, item.label) : item.label;
      return el("li", { "data-label": item.label, "data-value": item.value },
        el("span", { class: "bar-label" }, label),
        el("span", { class: "bar-track" }, bar),
        el("span", { class: "bar-value" }, fmtNumber(item.value)));
    }));
}

/** Alignment over time: the score (+1 toward the first group, -1 toward the second)
 * as a line with its bootstrap band. */
export function alignmentChart(points, { id = "alignment-svg", labelA = "A", labelB = "B" } = {}) {
  const W = 900;
  const H = 240;
  const m = { top: 22, right: 20, bottom: 34, left: 120 };
  const chart = svg("svg", {
    id, class: "chart alignment", viewBox: `0 0 ${W} ${H}`, role: "img",
    "aria-label": `Alignment between ${labelA} and ${labelB}`, "data-points": points.length,
  });
  if (!points.length) {
    chart.appendChild(svg("text", { x: W / 2, y: H / 2, class: "empty", "text-anchor": "middle" },
      "No interactions with either group."));
    return chart;
  }
  const innerW = W - m.left - m.right;
  const innerH = H - m.top - m.bottom;
  const x = (i) => m.left + (points.length === 1 ? innerW / 2 : (i * innerW) / (points.length - 1));
  const y = (v) => m.top + ((1 - v) / 2) * innerH;
  chart.appendChild(svg("line", { x1: m.left, x2: W - m.right, y1: y(0), y2: y(0), class: "axis" }));
  chart.appendChild(svg("text", { x: m.left - 8, y: y(1) + 4, "text-anchor": "end" }, `+1 ${labelA}`));
  chart.appendChild(svg("text", { x: m.left - 8, y: y(-1) + 4, "text-anchor": "end" }, `-1 ${labelB}`));
  const upper = points.map((p, i) => `${x(i)},${y(p.high)}`);
  const lower = points.map((p, i) => `${x(i)},${y(p.low)}`).reverse();
  chart.appendChild(svg("polygon", { points: [...upper, ...lower].join(" "), class: "band",
    fill: "#6a3d9a", "fill-opacity": "0.18" }));
  chart.appendChild(svg("polyline", { points: points.map((p, i) => `${x(i)},${y(p.score)}`).join(" "),
    fill: "none", stroke: "#6a3d9a", "stroke-width": 2, "data-testid": "alignment-line" }));
  const step = Math.max(1, Math.ceil(points.length / 12));
  points.forEach((p, i) => {
    const dot = svg("circle", { cx: x(i), cy: y(p.score), r: 3, fill: "#6a3d9a",
      class: "alignment-point", "data-period": p.period });
    dot.appendChild(svg("title", {}, `${p.period}: ${p.score.toFixed(2)} (${p.low.toFixed(2)} to ${p.high.toFixed(2)}); ${p.events_a} / ${p.events_b} events`));
    chart.appendChild(dot);
    if (i % step === 0) {
      chart.appendChild(svg("text", { x: x(i), y: H - 10, "text-anchor": "middle" }, p.period));
    }
  });
  return chart;
}
