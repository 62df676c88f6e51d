#!/usr/bin/env python3
"""Build the offline world outline the map page draws.

Reads `countries-110m.json` (TopoJSON) from the npm package world-atlas@2 (ISC licence,
by Mike Bostock; the data is Natural Earth's, public domain) and writes a compact
GeoJSON-like file of country outlines:

    {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "051", "properties": {"name": "Armenia"},
         "geometry": {"type": "MultiPolygon", "coordinates": [[[[lon, lat], ...]]]}}]}

Every geometry is written as a MultiPolygon, coordinates are rounded to two decimals and
points that rounding makes equal to the previous one are dropped.

Get the input with `npm pack world-atlas@2` (in a scratch folder), unpack it, then:

    python scripts/build_world_map.py package/countries-110m.json

Writes, into src/communique/web/static/: world-110m.json and WORLD_MAP_SOURCE.txt.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger("build_world_map")

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "src" / "communique" / "web" / "static"
DECIMALS = 2

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]

ATTRIBUTION = """\
world-110m.json: country outlines for the map page (/map).

Data: Natural Earth, 1:110m Cultural Vectors, Admin 0 - Countries.
      Public domain. https://www.naturalearthdata.com/

Converted from the TopoJSON file countries-110m.json of the npm package world-atlas@{version}
by Mike Bostock, ISC licence:

{license}
Built by scripts/build_world_map.py: TopoJSON arcs decoded with the file's transform,
coordinates rounded to {decimals} decimals, every geometry written as a MultiPolygon.
"""


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Absolute lon/lat points of every arc.

    A quantized TopoJSON stores each arc as delta-encoded integer positions; the transform
    maps them back: lon = x * scale_x + translate_x (same for lat).
    """
    transform = topology.get("transform")
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(x), float(y)) for x, y, *_ in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points: list[Point] = []
        for dx, dy, *_ in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def arc_points(arcs: list[list[Point]], index: int) -> list[Point]:
    """The points of arc `index`; a negative index ~i means arc i reversed."""
    if index < 0:
        return list(reversed(arcs[~index]))
    return arcs[index]


def build_ring(arcs: list[list[Point]], indexes: Sequence[int]) -> Ring:
    """Join the arcs of one ring; consecutive arcs share their end/start point."""
    ring: Ring = []
    for i, index in enumerate(indexes):
        points = arc_points(arcs, index)
        ring.extend(points if i == 0 else points[1:])
    return ring


def crossing_latitude(a: Point, b: Point) -> tuple[float, float, float]:
    """Where the edge a-b, which crosses the antimeridian, meets it: (edge at a, edge at b,
    latitude). The edge is taken the short way round (b's longitude shifted by 360)."""
    edge_a = 180.0 if a[0] > 0 else -180.0
    lon_b = b[0] + (360.0 if edge_a > 0 else -360.0)
    span = lon_b - a[0]
    t = (edge_a - a[0]) / span if span else 0.0
    return edge_a, -edge_a, a[1] + t * (b[1] - a[1])


def cut_antimeridian(ring: Ring) -> list[Ring]:
    """Split a ring that crosses the antimeridian into rings that stay on one side.

    TopoJSON from world-atlas keeps rings such as Russia's or Fiji's whole across 180°
    (d3 cuts them when it projects); a flat projection needs them cut. Each run of points
    between two crossings becomes a ring closed along the meridian, which is exact for the
    rings of the 110m data (two crossings each). A ring crossing an odd number of times
    goes round a pole (Antarctica): its run is closed along the pole's parallel.
    """
    crossings = [i for i in range(len(ring) - 1) if abs(ring[i + 1][0] - ring[i][0]) > 180]
    if not crossings:
        return [ring]
    # Walk the ring once, starting just after the first crossing.
    start = crossings[0] + 1
    points = ring[start:-1] + ring[:start]  # the ring's closing point is dropped
    runs: list[Ring] = []
    first_edge, _, first_lat = crossing_latitude(ring[crossings[0]], ring[start])
    current: Ring = [(-first_edge, first_lat)]
    for a, b in itertools.pairwise([*points, points[0]]):
        current.append(a)
        if abs(b[0] - a[0]) > 180:
            edge_a, edge_b, lat = crossing_latitude(a, b)
            current.append((edge_a, lat))
            runs.append(current)
            current = [(edge_b, lat)]
    if len(crossings) % 2 == 1:
        # Round a pole: one run from one side of the map to the other.
        run = runs[0]
        pole = 90.0 if sum(lat for _, lat in run) > 0 else -90.0
        run.extend([(run[-1][0], pole), (run[0][0], pole)])
    return [[*run, run[0]] for run in runs]


def round_ring(ring: Ring) -> Ring:
    """Round to DECIMALS and drop points that became equal to the one before."""
    out: Ring = []
    for lon, lat in ring:
        point = (round(lon, DECIMALS), round(lat, DECIMALS))
        if not out or point != out[-1]:
            out.append(point)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def geometry_polygons(geometry: dict[str, Any], arcs: list[list[Point]]) -> list[Polygon]:
    """Polygons (lists of rings) of a Polygon or MultiPolygon geometry; others are empty."""
    kind = geometry.get("type")
    if kind == "Polygon":
        groups = [geometry["arcs"]]
    elif kind == "MultiPolygon":
        groups = geometry["arcs"]
    else:
        return []
    polygons: list[Polygon] = []
    for group in groups:
        outer, *holes = [build_ring(arcs, g) for g in group]
        pieces = cut_antimeridian(outer)
        if len(pieces) > 1:
            # Holes of a cut ring are dropped (the 110m data has none there).
            holes = []
        for piece in pieces:
            # A ring needs at least four points (three corners and the closing one).
            rings = [round_ring(piece)] + [r for r in map(round_ring, holes) if len(r) >= 4]
            if len(rings[0]) >= 4:
                polygons.append(rings)
            holes = []  # holes go with the first piece
    return polygons


def convert(topology: dict[str, Any], object_name: str = "countries") -> dict[str, Any]:
    """GeoJSON-like FeatureCollection of the named TopoJSON object."""
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"][object_name]["geometries"]:
        polygons = geometry_polygons(geometry, arcs)
        if not polygons:
            continue
        features.append(
            {
                "type": "Feature",
                "id": geometry.get("id"),
                "properties": {"name": (geometry.get("properties") or {}).get("name")},
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def package_info(source: Path) -> tuple[str, str]:
    """Version and licence text of the world-atlas package the source file came from."""
    version, license_text = "2", "ISC License, Copyright 2013-2019 Michael Bostock\n"
    package_json = source.parent / "package.json"
    if package_json.exists():
        version = json.loads(package_json.read_text(encoding="utf-8")).get("version", version)
    license_file = source.parent / "LICENSE"
    if license_file.exists():
        license_text = license_file.read_text(encoding="utf-8")
    return version, license_text


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="countries-110m.json from world-atlas@2")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    topology = json.loads(args.source.read_text(encoding="utf-8"))
    collection = convert(topology)
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / "world-110m.json"
    target.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")

    version, license_text = package_info(args.source)
    (args.out / "WORLD_MAP_SOURCE.txt").write_text(
        ATTRIBUTION.format(version=version, license=license_text, decimals=DECIMALS),
        encoding="utf-8",
    )
    size_kb = target.stat().st_size / 1024
    log.info("wrote %s: %d countries, %.0f KB", target, len(collection["features"]), size_kb)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
