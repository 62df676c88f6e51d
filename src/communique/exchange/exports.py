"""Exports of the store: every table (CSV, Parquet, JSON Lines), a GDELT 2.0-style event
table, PLOVER JSON Lines and the actor network (GraphML, GEXF).

GDELT 2.0 event table: the 61 tab-separated columns of the GDELT 2.0 Event Database, in
the order of the "GDELT 2.0 Event Database Data Format Codebook V2.0" (2/19/2015,
http://data.gdeltproject.org/documentation/GDELT-Event_Codebook-V2.0.pdf), as in
``GDELT_COLUMNS`` below: GlobalEventID, Day, MonthYear, Year, FractionDate; Actor1Code,
Actor1Name, Actor1CountryCode, Actor1KnownGroupCode, Actor1EthnicCode, Actor1Religion1Code,
Actor1Religion2Code, Actor1Type1Code, Actor1Type2Code, Actor1Type3Code; the same ten for
Actor2; IsRootEvent, EventCode, EventBaseCode, EventRootCode, QuadClass, GoldsteinScale,
NumMentions, NumSources, NumArticles, AvgTone; Actor1Geo_, Actor2Geo_ and ActionGeo_ Type,
FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID; DATEADDED, SOURCEURL.

What communique fills: the ids and dates; actor code, name, country code (ISO3 for states;
also three-letter region and group codes such as WST), known group code (an
organisation's CAMEO segment, NATO -> NAT, else its code) and Type1Code (the sector);
the CAMEO codes with leading zeros, quad class and Goldstein value; for coded articles
NumMentions (the event's mentions in its article), NumSources and NumArticles (1); the
action place (type 1 country or 4 world city, full name, FIPS 10-4 country code,
latitude, longitude); DATEADDED (when the article was stored) and SOURCEURL (the
article's URL, else its path). Left empty: ethnic and religion codes, Type2/Type3,
IsRootEvent, AvgTone, actor geography, ADM codes (but ADM1 of a country-level place, which
GDELT sets to the country), feature ids, and the counts of imported events.
"""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from communique.exchange.vocab import PLOVER_NONSTATE, Vocab, vocab
from communique.store import DuckDBStore, EventQuery, Row
from communique.store.base import event_filters

GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    *(
        f"{actor}{name}"
        for actor in ("Actor1", "Actor2")
        for name in (
            "Code",
            "Name",
            "CountryCode",
            "KnownGroupCode",
            "EthnicCode",
            "Religion1Code",
            "Religion2Code",
            "Type1Code",
            "Type2Code",
            "Type3Code",
        )
    ),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(
        f"{geo}_{name}"
        for geo in ("Actor1Geo", "Actor2Geo", "ActionGeo")
        for name in (
            "Type",
            "FullName",
            "CountryCode",
            "ADM1Code",
            "ADM2Code",
            "Lat",
            "Long",
            "FeatureID",
        )
    ),
    "DATEADDED",
    "SOURCEURL",
)
TABLE_FORMATS = {
    "csv": "(FORMAT csv, HEADER true)",
    "parquet": "(FORMAT parquet)",
    "jsonl": "(FORMAT json)",
}
NETWORK_FORMATS = ("graphml", "gexf")
FETCH = 5_000
HEX_ID = re.compile(r"[0-9a-f]{16}")
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://www.gexf.net/1.2draft"


@dataclass(frozen=True, slots=True)
class ExportReport:
    """What an export wrote: ``written`` rows, records or edges; ``skipped`` events the
    format cannot hold, and why; ``nodes`` for a network."""

    path: Path
    written: int
    skipped: int = 0
    skipped_reason: str | None = None
    nodes: int | None = None


# ---- tables ------------------------------------------------------------------------


def export_tables(store: DuckDBStore, folder: Path | str, fmt: str = "parquet") -> dict[str, int]:
    """Write every table of the store to ``folder/<table>.<fmt>`` (csv, parquet or jsonl)
    with DuckDB's COPY, all from one snapshot. Returns rows written per table."""
    if fmt not in TABLE_FORMATS:
        raise ValueError(f"unknown table format {fmt!r}; use one of {', '.join(TABLE_FORMATS)}")
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    with store.con.cursor() as cursor:
        cursor.execute("BEGIN TRANSACTION")  # one snapshot: tables agree with each other
        try:
            for table in _tables(cursor):
                target = _sql_string(str(out / f"{table}.{fmt}"))
                row = cursor.execute(f'COPY "{table}" TO {target} {TABLE_FORMATS[fmt]}').fetchone()
                written[table] = int(row[0]) if row else 0
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
        cursor.execute("COMMIT")
    return written


def _tables(cursor: Any) -> list[str]:
    rows = cursor.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
        " AND schema_name = 'main' ORDER BY table_name"
    ).fetchall()
    return [r[0] for r in rows]


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _stream(store: DuckDBStore, sql: str, params: list[Any] | None = None) -> Iterator[Row]:
    """Rows of a query as dicts, fetched in chunks on a cursor of their own."""
    with store.con.cursor() as cursor:
        cursor.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        while chunk := cursor.fetchmany(FETCH):
            for values in chunk:
                yield dict(zip(names, values, strict=True))


EVENTS_WITH_ARTICLES = (
    "WITH m AS (SELECT event_id, count(*) AS n FROM event_mentions GROUP BY 1)"
    " SELECT e.*, coalesce(m.n, 0) AS n_mentions, a.url, a.path, a.source AS news_source,"
    " a.published, a.ingested_at FROM events e LEFT JOIN articles a ON a.id = e.article_id"
    " LEFT JOIN m ON m.event_id = e.id"
)


# ---- GDELT ---------------------------------------------------------------------------


def export_gdelt(store: DuckDBStore, path: Path | str) -> ExportReport:
    """Write every event as a GDELT 2.0 event row: tab-separated, no header, 61 columns
    (see the module docstring for what is filled)."""
    v = vocab()
    count = 0
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        for event in _stream(store, EVENTS_WITH_ARTICLES + " ORDER BY e.day NULLS LAST, e.id"):
            handle.write("\t".join(gdelt_row(event, v)) + "\n")
            count += 1
    return ExportReport(Path(path), count)


def gdelt_event_id(event_id: str) -> int:
    """GlobalEventID for an event: the original number of an imported GDELT event, the
    communique id read as hex (``f"{n:016x}"`` gives it back), else a 60-bit hash."""
    if event_id.startswith("gdelt:") and event_id[6:].isdigit():
        return int(event_id[6:])
    if HEX_ID.fullmatch(event_id):
        return int(event_id, 16)
    return int(hashlib.sha1(event_id.encode()).hexdigest()[:15], 16)


def gdelt_row(event: Row, v: Vocab) -> list[str]:
    """One event (a row of EVENTS_WITH_ARTICLES) as the 61 GDELT 2.0 cells."""
    cells: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS, "")
    cells["GlobalEventID"] = gdelt_event_id(event["id"])
    cells.update(_gdelt_dates(event["day"]))
    cells.update(
        _gdelt_actor(
            "Actor1", event["source_code"], event["source_name"], event["source_sector"], v
        )
    )
    cells.update(
        _gdelt_actor(
            "Actor2", event["target_code"], event["target_name"], event["target_sector"], v
        )
    )
    cameo = event["cameo"]
    cells.update(
        EventCode=cameo,
        EventBaseCode=cameo[:3],
        EventRootCode=event["root"],
        QuadClass=event["quad_class"],
        GoldsteinScale=event["goldstein"],
    )
    if not (event["pattern"] or "").startswith("import:"):
        cells.update(NumMentions=max(event["n_mentions"], 1), NumSources=1, NumArticles=1)
    cells.update(_action_geo(event, v))
    if isinstance(event["ingested_at"], datetime):
        cells["DATEADDED"] = event["ingested_at"].strftime("%Y%m%d%H%M%S")
    cells["SOURCEURL"] = event["url"] or event["path"] or ""
    return [_cell(cells[name]) for name in GDELT_COLUMNS]


def _gdelt_dates(day: date | None) -> dict[str, Any]:
    if day is None:
        return {}
    # FractionDate: the year plus the share of it completed by that day, as in published
    # rows (19790101 -> 1979.0027, 20130401 -> 2013.2493)
    fraction = day.year + day.timetuple().tm_yday / 365
    return {
        "Day": day.strftime("%Y%m%d"),
        "MonthYear": day.strftime("%Y%m"),
        "Year": day.year,
        "FractionDate": f"{fraction:.4f}",
    }


def _gdelt_actor(
    prefix: str, code: str | None, name: str | None, sector: str | None, v: Vocab
) -> dict[str, Any]:
    """CAMEO-style actor fields. A state's ISO3, or another three-letter code (regions and
    groups such as WST), is the country code; an organisation's CAMEO segment (NATO ->
    NAT), else its code, the known group code. The actor code is that base plus the
    sector."""
    if not code:
        return {}
    fields: dict[str, Any] = {f"{prefix}Name": name or "", f"{prefix}Type1Code": sector or ""}
    segment = None if v.countries.is_country(code) else v.organisations.segment_for(code)
    if segment is None and len(code) == 3:
        fields[f"{prefix}CountryCode"] = code
    else:
        fields[f"{prefix}KnownGroupCode"] = segment or code
    suffix = sector if sector and sector != "IGO" else ""
    fields[f"{prefix}Code"] = (segment or code) + suffix
    return fields


def _action_geo(event: Row, v: Vocab) -> dict[str, Any]:
    place, iso = event["location_name"], event["location_country"]
    if not place and event["lat"] is None:
        return {}
    country = v.countries.name(iso)
    is_country = bool(country) and place == country
    full = place if is_country or not country else f"{place}, {country}"
    fips = v.countries.fips.get(iso or "", "")
    return {
        "ActionGeo_Type": 1 if is_country else 4,
        "ActionGeo_FullName": full or "",
        "ActionGeo_CountryCode": fips,
        "ActionGeo_ADM1Code": fips if is_country else "",
        "ActionGeo_Lat": "" if event["lat"] is None else event["lat"],
        "ActionGeo_Long": "" if event["lon"] is None else event["lon"],
    }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


# ---- PLOVER --------------------------------------------------------------------------


def export_plover(store: DuckDBStore, path: Path | str) -> ExportReport:
    """Write events as PLOVER JSON Lines records. Events without a PLOVER type (CAMEO
    root 01, public statements, which PLOVER dropped) are skipped and counted."""
    v = vocab()
    written = skipped = 0
    with Path(path).open("w", encoding="utf-8") as handle:
        for event in _stream(store, EVENTS_WITH_ARTICLES + " ORDER BY e.day NULLS LAST, e.id"):
            if not event["plover_type"]:
                skipped += 1
                continue
            handle.write(json.dumps(plover_record(event, v), ensure_ascii=False) + "\n")
            written += 1
    reason = "no PLOVER type (CAMEO 01 statements and codes PLOVER does not map)"
    return ExportReport(Path(path), written, skipped, reason if skipped else None)


def plover_record(event: Row, v: Vocab) -> dict[str, Any]:
    """A PLOVER record: id, date, event_type, mode, context, actor, actor_country,
    recipient, recipient_country and the source text in the PLOVER 2.0 draft's
    vocabulary; date_precision, quad, the sectors and ``*_code`` fields, modality, cameo,
    goldstein, location, source, url, publication_date and article_id are communique's."""
    day, published = event["day"], event["published"]
    return {
        "id": event["id"],
        "date": day.isoformat() if day else None,
        "date_precision": event["date_precision"],
        "event_type": event["plover_type"],
        "mode": event["plover_mode"] or "",
        "context": v.plover.contexts.get(event["cameo"], []),
        "quad": v.plover.quads.get(event["plover_type"]),
        **_plover_actor(
            "actor", event["source_name"], event["source_code"], event["source_sector"], v
        ),
        **_plover_actor(
            "recipient", event["target_name"], event["target_code"], event["target_sector"], v
        ),
        "modality": event["modality"],
        "cameo": event["cameo"],
        "goldstein": event["goldstein"],
        "location": _plover_location(event),
        "text": event["sentence"],
        "source": event["news_source"],
        "url": event["url"],
        "publication_date": published.isoformat() if published else None,
        "article_id": event["article_id"],
    }


def _plover_actor(
    role: str, name: str | None, code: str | None, sector: str | None, v: Vocab
) -> dict[str, Any]:
    return {
        role: name,
        f"{role}_code": code,
        f"{role}_country": plover_country(code, v),
        f"{role}_sector": sector,
    }


def plover_country(code: str | None, v: Vocab) -> str | None:
    """The PLOVER country field: ISO3 for states (KOS for Kosovo; other disputed
    territories fold into the state they belong to, as PLOVER's rules say), UNO, EUR, or
    IGO/NGO for other organisations."""
    if not code:
        return None
    if code == "XKX":
        return "KOS"
    if v.countries.is_country(code):
        return v.countries.parents.get(code, code)
    special = {"UN": "UNO", "EU": "EUR"}
    if code in special:
        return special[code]
    return PLOVER_NONSTATE.get(v.organisations.kinds.get(code, ""))


def _plover_location(event: Row) -> dict[str, Any] | None:
    if not event["location_name"] and event["lat"] is None:
        return None
    return {
        "name": event["location_name"],
        "country": event["location_country"],
        "lat": event["lat"],
        "lon": event["lon"],
    }


# ---- network -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Network:
    nodes: list[Row]
    edges: list[Row]


def export_network(
    store: DuckDBStore,
    path: Path | str,
    fmt: str = "graphml",
    *,
    since: date | None = None,
    until: date | None = None,
) -> ExportReport:
    """Write the actor network: nodes are actor codes (name, events as source, as target
    and in all), edges directed dyads (weight = events, mean Goldstein). ``since`` and
    ``until`` limit the events by day. GraphML or GEXF 1.2, written with the standard
    library."""
    if fmt not in NETWORK_FORMATS:
        raise ValueError(f"unknown network format {fmt!r}; use graphml or gexf")
    network = build_network(store, since=since, until=until)
    tree = ET.ElementTree(_graphml(network) if fmt == "graphml" else _gexf(network))
    ET.indent(tree)
    tree.write(Path(path), encoding="utf-8", xml_declaration=True)
    return ExportReport(Path(path), len(network.edges), nodes=len(network.nodes))


def build_network(
    store: DuckDBStore, *, since: date | None = None, until: date | None = None
) -> Network:
    where, params = event_filters(EventQuery(since=since, until=until))
    edges = list(
        _stream(
            store,
            "SELECT e.source_code AS source, e.target_code AS target, count(*) AS weight,"
            " round(avg(e.goldstein), 3) AS goldstein_mean FROM events e"
            f" WHERE e.source_code IS NOT NULL AND e.target_code IS NOT NULL"
            f" AND {' AND '.join(where)} GROUP BY 1, 2 ORDER BY 1, 2",
            params,
        )
    )
    return Network(_nodes(store, edges), edges)


def _nodes(store: DuckDBStore, edges: list[Row]) -> list[Row]:
    out: dict[str, int] = {}
    into: dict[str, int] = {}
    both: dict[str, int] = {}
    for edge in edges:
        source, target, weight = edge["source"], edge["target"], edge["weight"]
        out[source] = out.get(source, 0) + weight
        into[target] = into.get(target, 0) + weight
        for code in {source, target}:  # a domestic event counts once for its actor
            both[code] = both.get(code, 0) + weight
    names = _names(store, sorted(both))
    return [
        {
            "id": code,
            "name": names.get(code) or vocab().countries.name(code) or code,
            "events": both[code],
            "events_out": out.get(code, 0),
            "events_in": into.get(code, 0),
        }
        for code in sorted(both)
    ]


def _names(store: DuckDBStore, codes: list[str]) -> dict[str, str]:
    if not codes:
        return {}
    rows = _stream(
        store,
        "SELECT code, any_value(name) AS name FROM actors WHERE id = code"
        " AND code IN (SELECT unnest(?)) GROUP BY 1",
        [codes],
    )
    return {row["code"]: row["name"] for row in rows}


NODE_KEYS = (("name", "string"), ("events", "int"), ("events_out", "int"), ("events_in", "int"))
EDGE_KEYS = (("weight", "double"), ("goldstein_mean", "double"))
GEXF_NODE_ATTRIBUTES = (("events", "integer"), ("events_out", "integer"), ("events_in", "integer"))
GEXF_EDGE_ATTRIBUTES = (("goldstein_mean", "double"),)


def _graphml(network: Network) -> ET.Element:
    # tags without a namespace and xmlns as a plain attribute: ElementTree then writes the
    # format's namespace as the default one (no ns0: prefixes, no global registration)
    root = ET.Element("graphml", xmlns=GRAPHML_NS)
    for scope, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for name, kind in keys:
            attributes = {"id": name, "for": scope, "attr.name": name, "attr.type": kind}
            ET.SubElement(root, "key", attributes)
    graph = ET.SubElement(root, "graph", id="communique", edgedefault="directed")
    for node in network.nodes:
        _graphml_data(ET.SubElement(graph, "node", id=node["id"]), node, NODE_KEYS)
    for i, edge in enumerate(network.edges):
        ends = {"id": f"e{i}", "source": edge["source"], "target": edge["target"]}
        _graphml_data(ET.SubElement(graph, "edge", ends), edge, EDGE_KEYS)
    return root


def _graphml_data(element: ET.Element, row: Row, keys: tuple[tuple[str, str], ...]) -> None:
    for name, _ in keys:
        if row[name] is not None:
            ET.SubElement(element, "data", key=name).text = str(row[name])


def _gexf(network: Network) -> ET.Element:
    root = ET.Element("gexf", xmlns=GEXF_NS, version="1.2")
    meta = ET.SubElement(root, "meta", lastmodifieddate=date.today().isoformat())
    ET.SubElement(meta, "creator").text = "communique"
    graph = ET.SubElement(root, "graph", mode="static", defaultedgetype="directed")
    _gexf_attributes(graph, "node", GEXF_NODE_ATTRIBUTES)
    _gexf_attributes(graph, "edge", GEXF_EDGE_ATTRIBUTES)
    nodes = ET.SubElement(graph, "nodes")
    for node in network.nodes:
        element = ET.SubElement(nodes, "node", id=node["id"], label=node["name"])
        _gexf_values(element, node, GEXF_NODE_ATTRIBUTES)
    edges = ET.SubElement(graph, "edges")
    for i, edge in enumerate(network.edges):
        ends = {"id": str(i), "source": edge["source"], "target": edge["target"]}
        element = ET.SubElement(edges, "edge", ends, weight=str(edge["weight"]))
        _gexf_values(element, edge, GEXF_EDGE_ATTRIBUTES)
    return root


def _gexf_attributes(
    graph: ET.Element, scope: str, attributes: tuple[tuple[str, str], ...]
) -> None:
    block = ET.SubElement(graph, "attributes", attrib={"class": scope})
    for name, kind in attributes:
        ET.SubElement(block, "attribute", id=name, title=name, type=kind)


def _gexf_values(element: ET.Element, row: Row, attributes: tuple[tuple[str, str], ...]) -> None:
    values = ET.SubElement(element, "attvalues")
    for name, _ in attributes:
        if row[name] is not None:
            ET.SubElement(values, "attvalue", attrib={"for": name, "value": str(row[name])})
