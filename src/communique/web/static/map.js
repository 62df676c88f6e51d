// Event map (/map): event locations from /api/map as circles sized by event count and
// coloured by mean Goldstein, over the offline country outlines in world-110m.json
// (see WORLD_MAP_SOURCE.txt), in an equirectangular projection. Zoom and pan change the
// viewBox; circle radii are divided by the zoom so they keep their size on screen.

import {
  actorLink, apiUrl, byId, el, fetchJSON, fill, fillForm, fmtGoldstein, fmtNumber, formValues,
  goldsteinBadge, goldsteinColor, goldsteinRamp, runPage, setQuery, simpleTable, svg,
} from "./app.js";

const SCALE = 960 / 360; // SVG units per degree
const NORTH = 84; // latitudes shown: the map is cut above NORTH and below SOUTH
const SOUTH = -58;
const W = 360 * SCALE;
const H = (NORTH - SOUTH) * SCALE;
const FILTERS = ["since", "until", "actor", "quad"];
const MAX_ZOOM = 24;

const view = { svg: null, zoom: 1, cx: W / 2, cy: H / 2, places: [], world: null };

/** Equirectangular projection: lon/lat degrees to SVG x/y. */
export function project(lon, lat) {
  return [(Number(lon) + 180) * SCALE, (NORTH - Number(lat)) * SCALE];
}

function ringPath(ring) {
  return ring.map(([lon, lat], i) => {
    const [x, y] = project(lon, lat);
    return `${i ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`;
  }).join("") + "Z";
}

function countryPaths(world) {
  return (world.features || []).map((feature) => {
    const geometry = feature.geometry || {};
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates || [];
    const d = polygons.flatMap((polygon) => polygon.map(ringPath)).join("");
    const name = feature.properties?.name || "";
    return svg("path", { class: "country", d, "data-name": name, "data-id": feature.id ?? null },
      svg("title", {}, name));
  });
}

function graticule() {
  const lines = [];
  for (let lon = -150; lon <= 150; lon += 30) {
    const [x] = project(lon, 0);
    lines.push(`M${x},0V${H}`);
  }
  for (let lat = -30; lat <= 60; lat += 30) {
    const [, y] = project(0, lat);
    lines.push(`M0,${y}H${W}`);
  }
  return svg("path", { class: "graticule", d: lines.join("") });
}

// ------------------------------------------------------------ places

function radius(events, max) {
  return 3 + 17 * Math.sqrt(events / max);
}

function placeLabel(p) {
  return `${p.name || "?"}${p.country ? ` (${p.country})` : ""}`;
}

function drawPlaces(layer, places) {
  layer.replaceChildren();
  const max = Math.max(1, ...places.map((p) => p.events || 0));
  // Big circles first, so small ones stay on top and clickable.
  const sorted = places.filter((p) => Number.isFinite(Number(p.lat)) && Number.isFinite(Number(p.lon)))
    .sort((a, b) => (b.events || 0) - (a.events || 0));
  for (const place of sorted) {
    const [x, y] = project(place.lon, place.lat);
    const circle = svg("circle", {
      class: "place", cx: x.toFixed(2), cy: y.toFixed(2), "data-name": place.name || "",
      "data-country": place.country || null, "data-events": place.events, "data-testid": "map-place",
      fill: goldsteinColor(place.goldstein_mean),
    }, svg("title", {}, `${placeLabel(place)}: ${fmtNumber(place.events)} events, mean Goldstein ${fmtGoldstein(place.goldstein_mean)}`));
    circle.dataset.r = String(radius(place.events || 1, max));
    circle.addEventListener("click", () => showPlace(place, circle));
    layer.appendChild(circle);
  }
  applyZoom();
}

function showPlace(place, circle) {
  for (const c of view.svg.querySelectorAll("circle.place.active")) c.classList.remove("active");
  if (circle) circle.classList.add("active");
  fill("map-detail",
    el("h3", { "data-testid": "map-detail-title" }, place.name || "?"),
    el("dl", { class: "fields" },
      el("dt", {}, "Country"), el("dd", {}, place.country ? actorLink(place.country, place.country) : "–"),
      el("dt", {}, "Events"), el("dd", {}, fmtNumber(place.events)),
      el("dt", {}, "Mean Goldstein"), el("dd", {}, goldsteinBadge(place.goldstein_mean)),
      el("dt", {}, "Lat, lon"), el("dd", {}, `${Number(place.lat).toFixed(2)}, ${Number(place.lon).toFixed(2)}`)));
}

function renderTable(places) {
  fill("map-places", simpleTable(places, [
    ["Place", (p) => p.name || "?"],
    ["Country", (p) => (p.country ? actorLink(p.country, p.country) : "–")],
    ["Events", (p) => fmtNumber(p.events)],
    ["Mean Goldstein", (p) => goldsteinBadge(p.goldstein_mean)],
    ["Lat, lon", (p) => `${Number(p.lat).toFixed(2)}, ${Number(p.lon).toFixed(2)}`],
  ], { id: "map-table", empty: "No located events in this period." }));
}

// ------------------------------------------------------------ zoom and pan

function applyZoom() {
  if (!view.svg) return;
  const w = W / view.zoom;
  const h = H / view.zoom;
  view.cx = Math.max(w / 2, Math.min(W - w / 2, view.cx));
  view.cy = Math.max(h / 2, Math.min(H - h / 2, view.cy));
  view.svg.setAttribute("viewBox", `${(view.cx - w / 2).toFixed(2)} ${(view.cy - h / 2).toFixed(2)} ${w.toFixed(2)} ${h.toFixed(2)}`);
  view.svg.dataset.zoom = String(view.zoom);
  for (const c of view.svg.querySelectorAll("circle.place")) {
    c.setAttribute("r", (Number(c.dataset.r) / Math.sqrt(view.zoom)).toFixed(2));
    c.setAttribute("stroke-width", (0.8 / view.zoom).toFixed(3));
  }
  for (const p of view.svg.querySelectorAll("path.country")) p.setAttribute("stroke-width", (0.4 / view.zoom).toFixed(3));
}

function zoomBy(factor, at) {
  const next = Math.max(1, Math.min(MAX_ZOOM, view.zoom * factor));
  if (at) {
    // Keep the point under the cursor where it is.
    view.cx = at.x - (at.x - view.cx) * (view.zoom / next);
    view.cy = at.y - (at.y - view.cy) * (view.zoom / next);
  }
  view.zoom = next;
  applyZoom();
}

function svgPoint(event) {
  return new DOMPoint(event.clientX, event.clientY).matrixTransform(view.svg.getScreenCTM().inverse());
}

function enableZoomAndPan(chart) {
  chart.addEventListener("wheel", (event) => {
    event.preventDefault();
    zoomBy(event.deltaY < 0 ? 1.25 : 0.8, svgPoint(event));
  }, { passive: false });
  chart.addEventListener("pointerdown", (down) => {
    if (down.target.closest("circle.place")) return;
    const start = svgPoint(down);
    const onMove = (event) => {
      const p = svgPoint(event);
      view.cx -= p.x - start.x;
      view.cy -= p.y - start.y;
      applyZoom();
    };
    const onUp = () => {
      window.removeEventListener("pointermove", onMove);
      window.removeEventListener("pointerup", onUp);
    };
    window.addEventListener("pointermove", onMove);
    window.addEventListener("pointerup", onUp);
  });
  byId("map-zoom-in").addEventListener("click", () => zoomBy(1.5));
  byId("map-zoom-out").addEventListener("click", () => zoomBy(1 / 1.5));
  byId("map-zoom-reset").addEventListener("click", () => {
    view.zoom = 1;
    applyZoom();
  });
}

// ------------------------------------------------------------ page

function drawMap(world) {
  view.svg = svg("svg", { id: "map-svg", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Map of event locations",
    "data-testid": "map-svg" },
    svg("rect", { class: "ocean", x: 0, y: 0, width: W, height: H }),
    graticule(),
    svg("g", { class: "countries" }, world ? countryPaths(world) : []),
    svg("g", { class: "places", id: "map-places-layer" }));
  fill("map-chart", view.svg);
  enableZoomAndPan(view.svg);
}

async function loadPlaces() {
  const params = new URLSearchParams(location.search);
  const form = byId("map-form");
  form.reset();
  fillForm(form, params);
  const query = Object.fromEntries(FILTERS.map((k) => [k, params.get(k)]));
  const answer = await fetchJSON(apiUrl("/api/map", query));
  const places = Array.isArray(answer) ? answer : answer.items || [];
  view.places = places;
  drawPlaces(byId("map-places-layer"), places);
  view.svg.dataset.places = String(places.length);
  renderTable(places);
  fill("map-detail", el("p", { class: "empty" }, places.length ? "Click a circle to see the place." : "No located events in this period."));
}

runPage("map", async () => {
  byId("map-ramp").replaceWith(goldsteinRamp());
  // The outline is decoration: without it the circles still show.
  const world = await fetchJSON("/static/world-110m.json", { quiet: true }).catch(() => null);
  drawMap(world);
  const form = byId("map-form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    setQuery(formValues(form));
    runPage("map", loadPlaces);
  });
  byId("map-clear").addEventListener("click", () => {
    setQuery({});
    runPage("map", loadPlaces);
  });
  window.addEventListener("popstate", () => runPage("map", loadPlaces));
  await loadPlaces();
});
