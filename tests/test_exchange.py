"""Exports (tables, GDELT 2.0, PLOVER, GraphML/GEXF) and imports (GDELT 2.0, ICEWS,
POLECAT) over real DuckDB files. The import files are written here in the published
layouts, a few realistic rows each and one malformed row."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
import zipfile
from datetime import date
from pathlib import Path

import duckdb
import pytest

from communique.exchange import (
    ImportFormatError,
    export_gdelt,
    export_network,
    export_plover,
    export_tables,
    import_gdelt,
    import_icews,
    import_polecat,
)
from communique.exchange.vocab import QUADS, vocab
from communique.store import DuckDBStore, EventQuery

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"

# The GDELT 2.0 event columns as the codebook (GDELT-Event_Codebook-V2.0.pdf) lists them,
# transcribed here independently of the module under test.
GDELT_HEADER = [
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]  # fmt: skip

YEREVAN = {
    "ActionGeo_Type": "4",
    "ActionGeo_FullName": "Yerevan, Yerevan, Armenia",
    "ActionGeo_CountryCode": "AM",
    "ActionGeo_ADM1Code": "AM11",
    "ActionGeo_Lat": "40.1811",
    "ActionGeo_Long": "44.5136",
    "ActionGeo_FeatureID": "-2214662",
}
REUTERS = "https://www.reuters.com/world/europe/armenia-us-talks-2024-03-20/"
KYIV_URL = "https://www.kyivindependent.com/russian-strikes-kharkiv/"


def gdelt_line(**cells: str) -> str:
    unknown = set(cells) - set(GDELT_HEADER)
    assert not unknown, unknown
    return "\t".join(cells.get(name, "") for name in GDELT_HEADER)


def gdelt_rows() -> list[str]:
    day = {"Day": "20240320", "MonthYear": "202403", "Year": "2024", "FractionDate": "2024.2192"}
    added = {"DATEADDED": "20240320154500", "IsRootEvent": "1", "NumSources": "1"}
    return [
        gdelt_line(
            GlobalEventID="1163017390", **day, **added, **YEREVAN, Actor1Code="USA",
            Actor1Name="UNITED STATES", Actor1CountryCode="USA", Actor2Code="ARMGOV",
            Actor2Name="ARMENIA", Actor2CountryCode="ARM", Actor2Type1Code="GOV",
            EventCode="036", EventBaseCode="036", EventRootCode="03", QuadClass="1",
            GoldsteinScale="4.0", NumMentions="10", NumArticles="10", AvgTone="1.85",
            SOURCEURL=REUTERS,
        ),
        gdelt_line(
            GlobalEventID="1163017391", **day, **added, Actor1Code="NAT", Actor1Name="NATO",
            Actor1KnownGroupCode="NAT", Actor1Type1Code="IGO", Actor2Code="RUS",
            Actor2Name="RUSSIA", Actor2CountryCode="RUS", EventCode="112", EventBaseCode="112",
            EventRootCode="11", QuadClass="3", GoldsteinScale="-2.0", NumMentions="4",
            NumArticles="4", AvgTone="-4.2", SOURCEURL=REUTERS,
        ),
        gdelt_line(
            GlobalEventID="1163017392", **day, **added, Actor1Code="RUSMIL",
            Actor1Name="RUSSIA", Actor1CountryCode="RUS", Actor1Type1Code="MIL",
            Actor2Code="UKR", Actor2Name="UKRAINE", Actor2CountryCode="UKR", EventCode="190",
            EventBaseCode="190", EventRootCode="19", QuadClass="4", GoldsteinScale="-10.0",
            NumMentions="12", NumArticles="12", AvgTone="-7.9", ActionGeo_Type="4",
            ActionGeo_FullName="Kharkiv, Kharkivs'ka Oblast', Ukraine",
            ActionGeo_CountryCode="UP", ActionGeo_Lat="49.9808", ActionGeo_Long="36.2527",
            SOURCEURL=KYIV_URL,
        ),
        gdelt_line(
            GlobalEventID="1163017393", **day, **added, Actor1Code="UKRGOV",
            Actor1Name="UKRAINE", Actor1CountryCode="UKR", Actor1Type1Code="GOV",
            Actor2Code="RUS", Actor2Name="RUSSIA", Actor2CountryCode="RUS", EventCode="111",
            EventBaseCode="111", EventRootCode="11", QuadClass="3", GoldsteinScale="-2.0",
            NumMentions="2", NumArticles="2", AvgTone="-6.1", SOURCEURL=KYIV_URL,
        ),
        # one actor only: a fine GDELT row, but no dyad for communique
        gdelt_line(
            GlobalEventID="1163017394", **day, **added, Actor1Code="CHN", Actor1Name="CHINA",
            Actor1CountryCode="CHN", EventCode="010", EventBaseCode="010", EventRootCode="01",
            QuadClass="1", GoldsteinScale="0.0", NumMentions="1", NumArticles="1",
            AvgTone="0.5", SOURCEURL="https://www.scmp.com/news/china/article/3256",
        ),
        # malformed: the row was cut off after 40 columns
        "\t".join(gdelt_line(GlobalEventID="1163017395", **day).split("\t")[:40]),
    ]  # fmt: skip


ICEWS_HEADER = [
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
    "Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors",
    "Target Country", "Story ID", "Sentence Number", "Publisher", "City", "District",
    "Province", "Country", "Latitude", "Longitude",
]  # fmt: skip
ICEWS_ROWS = [
    ["34276815", "2024-03-20", "Nikol Pashinyan", "Government,Executive,Executive Office",
     "Armenia", "Criticize or denounce", "111", "-2.0", "Russia", "", "Russian Federation",
     "55001234", "3", "Armenpress", "Yerevan", "", "Yerevan", "Armenia", "40.1811",
     "44.5136"],
    ["34276816", "2024-03-21", "Military (Azerbaijan)", "Military,Armed Forces",
     "Azerbaijan", "Fight with small arms and light weapons", "193", "-10.0", "Armenia", "",
     "Armenia", "55001240", "1", "Trend News Agency", "", "", "Syunik", "Armenia", "39.5",
     "46.3"],
    # the CAMEO code lost its leading zero in a spreadsheet ("42" for 042)
    ["34276817", "2024-03-22", "North Atlantic Treaty Organization",
     "International Government Organization", "", "Make a visit", "42", "1.9",
     "Government (Georgia)", "Government", "Georgia", "55001301", "2", "Civil Georgia",
     "Tbilisi", "", "Tbilisi", "Georgia", "41.6941", "44.8337"],
    # malformed: there is no February 30
    ["34276818", "2024-02-30", "Armenia", "", "Armenia", "Make statement", "010", "0.0",
     "France", "", "France", "55001302", "1", "Armenpress", "", "", "", "", "", ""],
]  # fmt: skip

POLECAT_HEADER = [
    # lower-case and the older "Event Intensity": headers are matched by name, liberally
    "Event id", "EVENT DATE", "Event Type", "Event Mode", "Event Intensity", "Quad Code",
    "Contexts", "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector",
    "Actor Sectors", "Actor Title", "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name",
    "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID", "Placename", "City",
    "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People",
    "Story Organizations", "Story Locations", "Language", "Version",
]  # fmt: skip


def polecat_row(**cells: str) -> list[str]:
    keys = {name.casefold(): name for name in POLECAT_HEADER}
    values = {keys[k.replace("_", " ").casefold()]: v for k, v in cells.items()}
    return [values.get(name, "None") for name in POLECAT_HEADER]


STORY = {
    "source": "Agence France Presse",
    "publication_date": "2024-03-20",
    "story_people": "Jens Stoltenberg; Nikol Pashinyan",
    "story_organizations": "NATO",
    "story_locations": "Yerevan; Armenia",
    "language": "en",
    "version": "1.0",
}
POLECAT_ROWS = [
    polecat_row(
        event_id="20240320-1421-0d3f8a2c", event_date="2024-03-20", event_type="CONSULT",
        event_mode="visit", event_intensity="4.0", quad_code="VERBAL COOPERATION",
        contexts="diplomatic", actor_name="NATO", actor_country="IGO",
        primary_actor_sector="IGO", recipient_name="Armenia", recipient_country="ARM",
        recipient_cow="371", placename="Yerevan", city="Yerevan", country="ARM",
        latitude="40.1811", longitude="44.5136", **STORY,
    ),
    polecat_row(
        event_id="20240320-1421-77ab01e4", event_date="2024-03-19", event_type="ACCUSE",
        event_mode="disapprove", event_intensity="-3.0", quad_code="VERBAL CONFLICT",
        contexts="diplomatic", actor_name="Maria Zakharova", actor_country="RUS",
        actor_cow="365", primary_actor_sector="GOV", actor_sectors="GOV; ELI",
        recipient_name="Armenia", recipient_country="ARM", **STORY,
    ),
    polecat_row(
        event_id="20240321-0930-5c6e9f10", event_date="2024-03-21", event_type="ASSAULT",
        event_mode="firearms", event_intensity="-9.0", quad_code="MATERIAL CONFLICT",
        contexts="military", actor_name="Russia", actor_country="RUS",
        primary_actor_sector="MIL", recipient_name="Ukraine", recipient_country="UKR",
        placename="Kharkiv", country="UKR", source="Reuters", publication_date="2024-03-21",
        story_locations="Kharkiv; Ukraine",
    ),
    # PLOVER allows an event without recipient; communique needs one: skipped
    polecat_row(
        event_id="20240321-0930-9911aa02", event_date="2024-03-21", event_type="PROTEST",
        event_mode="demo", quad_code="MATERIAL CONFLICT", actor_name="Protesters",
        source="Reuters", publication_date="2024-03-21",
    ),
    # malformed: NEGOTIATE is no PLOVER event type
    polecat_row(
        event_id="20240321-0930-3e4d5f60", event_date="2024-03-21", event_type="NEGOTIATE",
        actor_name="Armenia", actor_country="ARM", recipient_name="Azerbaijan",
        recipient_country="AZE", source="Reuters", publication_date="2024-03-21",
    ),
]  # fmt: skip


def write_table(path: Path, rows: list[list[str]], header: list[str] | None = None) -> Path:
    lines = ([header] if header else []) + rows
    path.write_text("\n".join("\t".join(cells) for cells in lines) + "\n", encoding="utf-8")
    return path


def events(store: DuckDBStore, where: str = "1=1") -> dict[str, dict]:
    cursor = store.con.cursor()
    cursor.execute(f"SELECT * FROM events WHERE {where} ORDER BY id")
    names = [d[0] for d in cursor.description]
    return {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}


def pick(row: dict, *keys: str) -> tuple:
    return tuple(row[k] for k in keys)


def count(store: DuckDBStore, table: str) -> int:
    return store.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def store(core) -> DuckDBStore:
    return core.store


@pytest.fixture
def seeded(core) -> DuckDBStore:
    core.ingest([str(SEEDS)])
    return core.store


@pytest.fixture
def gdelt_file(tmp_path: Path) -> Path:
    path = tmp_path / "20240320154500.export.CSV"
    path.write_text("\n".join(gdelt_rows()) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def icews_file(tmp_path: Path) -> Path:
    return write_table(tmp_path / "events.2024.tab", ICEWS_ROWS, ICEWS_HEADER)


@pytest.fixture
def polecat_file(tmp_path: Path) -> Path:
    return write_table(tmp_path / "ngecEvents.20240320.txt", POLECAT_ROWS, POLECAT_HEADER)


# ---- imports -------------------------------------------------------------------------


def test_exchange_gdelt_import_loads_codes_dates_dyads(store, gdelt_file):
    report = import_gdelt(store, gdelt_file)
    assert (report.read, report.imported, report.skipped, report.failed) == (6, 4, 1, 1)
    assert "line 5: skipped: no Actor2 country or known group code" in report.failures
    assert "line 6: failed: 40 columns, GDELT 2.0 has 61" in report.failures
    found = events(store)
    assert set(found) == {f"gdelt:116301739{i}" for i in range(4)}
    first = found["gdelt:1163017390"]
    assert first["cameo"] == "036"  # a string, the leading zero kept
    assert pick(first, "root", "quad_class", "goldstein") == ("03", 1, 4.0)
    assert first["cameo_name"] == "Express intent to meet or negotiate"
    assert pick(first, "plover_type", "pattern") == ("AGREE", "import:gdelt")
    assert pick(first, "day", "date", "date_precision") == (date(2024, 3, 20), "2024-03-20", "day")
    assert pick(first, "source_code", "source_id") == ("USA", "USA")
    assert pick(first, "target_code", "target_sector", "target_id") == ("ARM", "GOV", None)
    assert pick(first, "location_name", "location_country") == ("Yerevan", "ARM")
    nato = found["gdelt:1163017391"]
    assert pick(nato, "source_code", "target_code", "cameo") == ("NATO", "RUS", "112")
    assert found["gdelt:1163017392"]["location_country"] == "UKR"  # FIPS UP


def test_exchange_gdelt_import_makes_one_article_per_url(store, gdelt_file):
    import_gdelt(store, gdelt_file)
    found = events(store)
    assert found["gdelt:1163017390"]["article_id"] == found["gdelt:1163017391"]["article_id"]
    assert found["gdelt:1163017392"]["article_id"] == found["gdelt:1163017393"]["article_id"]
    rows = store.con.execute(
        "SELECT url, source, published, text FROM articles ORDER BY url"
    ).fetchall()
    assert rows == [
        (KYIV_URL, "kyivindependent.com", date(2024, 3, 20), ""),
        (REUTERS, "reuters.com", date(2024, 3, 20), ""),
    ]


def test_exchange_icews_import_maps_country_names_and_sectors(store, icews_file):
    report = import_icews(store, icews_file)
    assert (report.read, report.imported, report.failed) == (4, 3, 1)
    assert report.failures == ["line 5: failed: bad date '2024-02-30'"]
    found = events(store)
    pashinyan = found["icews:34276815"]
    assert pick(pashinyan, "source_code", "source_sector") == ("ARM", "GOV")
    assert pashinyan["source_name"] == "Nikol Pashinyan"
    assert pick(pashinyan, "target_code", "target_id") == ("RUS", "RUS")
    assert pick(pashinyan, "cameo", "goldstein", "quad_class") == ("111", -2.0, 3)
    army = found["icews:34276816"]
    assert pick(army, "source_code", "source_sector", "target_code") == ("AZE", "MIL", "ARM")
    assert pick(army, "location_name", "location_country") == ("Syunik", "ARM")
    story = store.con.execute(
        "SELECT title, source FROM articles WHERE id = ?", [pashinyan["article_id"]]
    ).fetchone()
    assert story == ("ICEWS story 55001234", "Armenpress")


def test_exchange_icews_import_restores_a_dropped_leading_zero(store, icews_file):
    import_icews(store, icews_file)
    nato = events(store)["icews:34276817"]
    assert pick(nato, "cameo", "root", "plover_type", "plover_mode") == (
        "042",
        "04",
        "CONSULT",
        "visit",
    )
    assert pick(nato, "source_code", "source_sector") == ("NATO", "IGO")
    assert pick(nato, "target_code", "target_sector", "target_id") == ("GEO", "GOV", None)


def test_exchange_polecat_import_maps_plover_to_cameo(store, polecat_file):
    report = import_polecat(store, polecat_file)
    assert (report.read, report.imported, report.skipped, report.failed) == (5, 3, 1, 1)
    assert "line 6: failed: unknown PLOVER event type 'NEGOTIATE'" in report.failures
    found = events(store)
    visit = found["polecat:20240320-1421-0d3f8a2c"]
    assert pick(visit, "plover_type", "plover_mode", "cameo") == ("CONSULT", "visit", "042")
    assert pick(visit, "source_code", "target_code", "quad_class") == ("NATO", "ARM", 1)
    assert visit["goldstein"] == 1.9  # from the CAMEO codebook: the file has none
    assert pick(visit, "location_name", "location_country") == ("Yerevan", "ARM")
    accuse = found["polecat:20240320-1421-77ab01e4"]
    assert pick(accuse, "cameo", "quad_class", "day") == ("110", 3, date(2024, 3, 19))
    assert pick(accuse, "source_code", "source_sector", "source_id") == ("RUS", "GOV", None)
    assert found["polecat:20240321-0930-5c6e9f10"]["cameo"] == "193"
    # the two AFP events share their story; the Reuters one has its own
    assert visit["article_id"] == accuse["article_id"]
    assert count(store, "articles") == 2


def test_exchange_gdelt_import_reads_the_published_zip(store, gdelt_file, tmp_path):
    archive = tmp_path / "20240320154500.export.CSV.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(gdelt_file, gdelt_file.name)
    report = import_gdelt(store, archive)
    assert (report.read, report.imported, report.failed) == (6, 4, 1)
    assert f"{gdelt_file.name}: line 6: failed: 40 columns, GDELT 2.0 has 61" in report.failures


def test_exchange_import_refuses_a_header_without_required_columns(store, tmp_path):
    gone = POLECAT_HEADER.index("Event Type")
    header = POLECAT_HEADER[:gone] + POLECAT_HEADER[gone + 1 :]
    rows = [row[:gone] + row[gone + 1 :] for row in POLECAT_ROWS]
    path = write_table(tmp_path / "ngecEvents.txt", rows, header)
    with pytest.raises(ImportFormatError, match="header lacks Event Type"):
        import_polecat(store, path)
    assert count(store, "events") == 0


@pytest.mark.parametrize(
    ("importer", "fixture", "imported"),
    [
        (import_gdelt, "gdelt_file", 4),
        (import_icews, "icews_file", 3),
        (import_polecat, "polecat_file", 3),
    ],
)
def test_exchange_reimport_adds_nothing(store, request, importer, fixture, imported):
    path = request.getfixturevalue(fixture)
    assert importer(store, path).imported == imported
    before = (count(store, "events"), count(store, "articles"))
    again = importer(store, path)
    assert (again.imported, again.duplicate) == (0, imported)
    assert (count(store, "events"), count(store, "articles")) == before


def test_exchange_imported_events_answer_dyad_queries(store, gdelt_file, icews_file):
    import_gdelt(store, gdelt_file)
    import_icews(store, icews_file)
    dyad = store.events(EventQuery(dyad=("RUS", "UKR")))
    assert {e["id"] for e in dyad} == {"gdelt:1163017392", "gdelt:1163017393"}
    network = store.network(EventQuery(), min_events=1, limit=100)
    assert {"ARM", "RUS", "UKR", "NATO"} <= {n["id"] for n in network["nodes"]}


# ---- exports -------------------------------------------------------------------------

READERS = {"csv": "read_csv_auto", "parquet": "read_parquet", "jsonl": "read_json_auto"}


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_exchange_export_tables_round_trip(seeded, tmp_path, fmt):
    written = export_tables(seeded, tmp_path / fmt, fmt)
    tables = [r[0] for r in seeded.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
    assert set(written) == set(tables)
    assert written["events"] == count(seeded, "events") > 0
    reader = duckdb.connect()
    for table in tables:
        path = tmp_path / fmt / f"{table}.{fmt}"
        assert path.exists()
        if written[table]:
            found = reader.execute(f"SELECT count(*) FROM {READERS[fmt]}('{path}')").fetchone()
            assert found[0] == count(seeded, table), table


def test_exchange_export_parquet_keeps_types(seeded, tmp_path):
    export_tables(seeded, tmp_path, "parquet")
    reader = duckdb.connect()
    cameo, day = reader.execute(
        f"SELECT cameo, day FROM read_parquet('{tmp_path / 'events.parquet'}')"
        " WHERE cameo LIKE '0%' ORDER BY id LIMIT 1"
    ).fetchone()
    assert cameo.startswith("0") and isinstance(day, date)


def test_exchange_gdelt_export_has_61_columns(seeded, tmp_path):
    report = export_gdelt(seeded, tmp_path / "events.tsv")
    lines = (tmp_path / "events.tsv").read_text(encoding="utf-8").splitlines()
    assert report.written == len(lines) == count(seeded, "events")
    rows = [dict(zip(GDELT_HEADER, line.split("\t"), strict=True)) for line in lines]
    assert all(len(line.split("\t")) == 61 for line in lines)
    visits = [r for r in rows if r["EventCode"] == "042"]
    assert visits and all(r["EventRootCode"] == "04" and r["QuadClass"] == "1" for r in visits)
    nato = next(r for r in visits if r["Actor1KnownGroupCode"] == "NAT")
    assert pick(nato, "Actor1Code", "Actor1Type1Code") == ("NAT", "IGO")
    baku = next(r for r in rows if r["ActionGeo_FullName"].startswith("Baku"))
    assert pick(baku, "ActionGeo_CountryCode", "ActionGeo_Type") == ("AJ", "4")
    assert all(r["Day"].isdigit() and len(r["Day"]) == 8 for r in rows)


def test_exchange_gdelt_export_imports_back(seeded, tmp_path):
    export_gdelt(seeded, tmp_path / "events.tsv")
    fresh = DuckDBStore(tmp_path / "fresh.duckdb")
    try:
        report = import_gdelt(fresh, tmp_path / "events.tsv")
        assert (report.imported, report.failed, report.skipped) == (count(seeded, "events"), 0, 0)
        query = "SELECT source_code, target_code, cameo, day FROM events ORDER BY ALL"
        assert fresh.con.execute(query).fetchall() == seeded.con.execute(query).fetchall()
    finally:
        fresh.close()


def test_exchange_plover_export_carries_type_and_mode(seeded, tmp_path):
    report = export_plover(seeded, tmp_path / "plover.jsonl")
    records = [json.loads(line) for line in (tmp_path / "plover.jsonl").read_text().splitlines()]
    untyped = count(seeded, "events") - len(records)
    assert report.written == len(records) and report.skipped == untyped
    statements = seeded.con.execute("SELECT count(*) FROM events WHERE root = '01'").fetchone()
    assert untyped >= statements[0] > 0  # CAMEO 01 has no PLOVER type
    assert all(r["cameo"][:2] != "01" and r["event_type"] for r in records)
    visit = next(r for r in records if r["cameo"] == "042" and r["recipient_code"] == "ARM")
    assert pick(visit, "event_type", "mode", "quad") == ("CONSULT", "visit", "verbal cooperation")
    assert pick(visit, "actor_code", "actor_country", "recipient_country") == ("NATO", "IGO", "ARM")
    assert visit["text"] and visit["date"].startswith("2024-03")
    keys = {
        "id",
        "date",
        "event_type",
        "mode",
        "context",
        "actor",
        "actor_country",
        "recipient",
        "recipient_country",
        "text",
        "url",
    }
    assert keys <= set(visit)


def network_edges(root: ET.Element, ns: str, edge_tag: str) -> dict[tuple[str, str], ET.Element]:
    return {(e.get("source"), e.get("target")): e for e in root.iter(f"{{{ns}}}{edge_tag}")}


def test_exchange_graphml_carries_nodes_and_weighted_edges(seeded, tmp_path):
    report = export_network(seeded, tmp_path / "net.graphml", "graphml")
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.parse(tmp_path / "net.graphml").getroot()
    nodes = {n.get("id"): n for n in root.iter(f"{{{ns}}}node")}
    assert {"NATO", "ARM", "AZE", "GEO", "RUS"} <= set(nodes)
    names = {n.get("id"): n.find(f"{{{ns}}}data[@key='name']").text for n in nodes.values()}
    assert names["ARM"] == "Armenia"
    edges = network_edges(root, ns, "edge")
    assert (report.nodes, report.written) == (len(nodes), len(edges))
    expected = seeded.con.execute(
        "SELECT count(*), round(avg(goldstein), 3) FROM events"
        " WHERE source_code = 'NATO' AND target_code = 'ARM'"
    ).fetchone()
    edge = edges[("NATO", "ARM")]
    data = {d.get("key"): d.text for d in edge.iter(f"{{{ns}}}data")}
    assert (float(data["weight"]), float(data["goldstein_mean"])) == expected


def test_exchange_gexf_carries_nodes_and_weighted_edges(seeded, tmp_path):
    export_network(seeded, tmp_path / "net.gexf", "gexf")
    ns = "http://www.gexf.net/1.2draft"
    root = ET.parse(tmp_path / "net.gexf").getroot()
    labels = {n.get("id"): n.get("label") for n in root.iter(f"{{{ns}}}node")}
    assert labels["NATO"] == "North Atlantic Treaty Organization"
    edges = network_edges(root, ns, "edge")
    total = seeded.con.execute(
        "SELECT count(*) FROM events WHERE source_code = 'NATO' AND target_code = 'ARM'"
    ).fetchone()[0]
    assert float(edges[("NATO", "ARM")].get("weight")) == total


def test_exchange_network_filters_by_date(seeded, tmp_path):
    export_network(seeded, tmp_path / "old.graphml", until=date(2023, 12, 31))
    ns = "http://graphml.graphdrawing.org/xmlns"
    edges = network_edges(ET.parse(tmp_path / "old.graphml").getroot(), ns, "edge")
    expected = seeded.con.execute(
        "SELECT DISTINCT source_code, target_code FROM events WHERE day <= DATE '2023-12-31'"
    ).fetchall()
    assert set(edges) == set(expected) == {("RUS", "GEO")}


# ---- mapping data --------------------------------------------------------------------


def test_exchange_mapping_data_holds_valid_codes():
    v = vocab()
    assert {t for t, _ in v.plover.to_cameo} == set(v.plover.quads)
    assert set(v.plover.quads.values()) == set(QUADS)
    assert all(code in v.codes for code in v.plover.to_cameo.values())
    names = {
        "Russian Federation": "RUS",
        "Korea, Republic of": "KOR",
        "Congo, The Democratic Republic of the": "COD",
        "Occupied Palestinian Territory": "PSE",
        "Libyan Arab Jamahiriya": "LBY",
        "Serbia and Montenegro": "SRB",
        "Côte d’Ivoire": "CIV",
        "Hong Kong": "HKG",
    }
    assert {name: v.countries.code(name) for name in names} == names
    assert (v.countries.code("ROM"), v.countries.code("KOS", "plover")) == ("ROU", "XKX")
    assert v.sectors.sector("Government,Military,Army") == "MIL"
    assert v.sectors.sector("Nongovernmental Organizations") == "NGO"
