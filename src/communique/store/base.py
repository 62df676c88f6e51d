"""The store interface. DuckDB is the embedded default; other backends (PostgreSQL)
implement the same protocol."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any, Protocol

from communique.actors.kb import KnowledgeBase
from communique.models import Event, ProcessedArticle, Quote

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """The schema migrations shipped with the package, in order."""
    folder = resources.files("communique.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            version = int(entry.name.split("_", 1)[0])
            found.append(Migration(version, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found, key=lambda m: m.version)


def split_statements(sql: str) -> list[str]:
    lines = [line for line in sql.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


@dataclass(frozen=True, slots=True)
class ArticleQuery:
    source: str | None = None
    since: date | None = None
    until: date | None = None
    limit: int = 100
    offset: int = 0


@dataclass(frozen=True, slots=True)
class EventQuery:
    actor: str | None = None
    dyad: tuple[str, str] | None = None
    cameo: str | None = None
    plover: str | None = None
    quad: int | None = None
    since: date | None = None
    until: date | None = None
    article_id: str | None = None
    root: str | None = None
    news_source: str | None = None
    limit: int = 100
    offset: int = 0


def _day(value: str | None) -> date | None:
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def event_row(event: Event) -> list[Any]:
    """An Event as a row of the events table (column order of migration 002)."""
    s, t, loc = event.source, event.target, event.location
    return [
        event.id,
        event.article_id,
        s.id,
        s.name,
        s.code,
        s.sector,
        t.id,
        t.name,
        t.code,
        t.sector,
        event.cameo,
        event.cameo_name,
        event.root,
        event.goldstein,
        event.quad_class,
        event.plover_type,
        event.plover_mode,
        event.date.value,
        event.date.precision,
        event.date.source,
        _day(event.date.value),
        event.modality,
        event.pattern,
        event.confidence,
        loc.name if loc else None,
        loc.country if loc else None,
        loc.latitude if loc else None,
        loc.longitude if loc else None,
        event.source_how,
        event.target_how,
        event.first.sentence,
        True,  # is_primary until stories are refreshed
        event.title_only,
    ]


def event_filters(query: EventQuery) -> tuple[list[str], list[Any]]:
    """SQL conditions (on alias ``e``) for an event query; the same for every backend."""
    where: list[str] = ["1=1"]
    params: list[Any] = []
    if query.actor:
        where.append(
            "(e.source_code = ? OR e.target_code = ? OR e.source_id = ? OR e.target_id = ?)"
        )
        params += [query.actor.upper(), query.actor.upper(), query.actor, query.actor]
    if query.dyad:  # each side one code or a group ("NATO+EU+USA")
        a, b = ([c for c in re.split(r"[+|]", x.upper()) if c] for x in query.dyad)
        where.append(
            "((e.source_code IN (SELECT unnest(?)) AND e.target_code IN (SELECT unnest(?))) OR"
            " (e.source_code IN (SELECT unnest(?)) AND e.target_code IN (SELECT unnest(?))))"
        )
        params += [a, b, b, a]
    if query.cameo:
        where.append("e.cameo LIKE ?")
        params.append(f"{query.cameo}%")
    if query.plover:
        where.append("e.plover_type = ?")
        params.append(query.plover.upper())
    if query.quad:
        where.append("e.quad_class = ?")
        params.append(query.quad)
    if query.since:
        where.append("e.day >= ?")
        params.append(query.since)
    if query.until:
        where.append("e.day <= ?")
        params.append(query.until)
    if query.article_id:
        where.append("e.article_id LIKE ?")
        params.append(f"{query.article_id}%")
    if query.root:
        where.append("e.root = ?")
        params.append(query.root)
    if query.news_source:
        where.append("e.article_id IN (SELECT id FROM articles WHERE source ILIKE ?)")
        params.append(f"%{query.news_source}%")
    return where, params


@dataclass(frozen=True, slots=True)
class QuoteQuery:
    speaker: str | None = None
    about: str | None = None
    since: date | None = None
    until: date | None = None
    kind: str | None = None
    limit: int = 100
    offset: int = 0


def quote_row(quote: Quote) -> list[Any]:
    """A Quote as a row of the quotes table (column order of migrations 003, 007, 009)."""
    s = quote.speaker
    return [
        quote.id,
        quote.article_id,
        s.id if s else None,
        s.name if s else None,
        s.code if s else None,
        s.sector if s else None,
        quote.text,
        quote.start,
        quote.end,
        quote.kind,
        quote.date.value,
        quote.date.precision,
        _day(quote.date.value),
        quote.attribution,
        ",".join(quote.event_ids),
        quote.in_title,
        quote.speaker_probability,
    ]


def quote_filters(query: QuoteQuery) -> tuple[list[str], list[Any]]:
    """SQL conditions (on alias ``q``) for a quote query."""
    where: list[str] = ["1=1"]
    params: list[Any] = []
    if query.speaker:
        where.append("(q.speaker_code = ? OR q.speaker_id = ? OR q.speaker_name ILIKE ?)")
        params += [query.speaker.upper(), query.speaker, f"%{query.speaker}%"]
    if query.about:
        where.append(
            "q.id IN (SELECT quote_id FROM quote_about WHERE code = ? OR actor_id = ?"
            " OR actor_name ILIKE ?)"
        )
        params += [query.about.upper(), query.about, f"%{query.about}%"]
    if query.since:
        where.append("q.day >= ?")
        params.append(query.since)
    if query.until:
        where.append("q.day <= ?")
        params.append(query.until)
    if query.kind:
        where.append("q.kind = ?")
        params.append(query.kind)
    return where, params


class Store(Protocol):
    """What every backend offers. Writes are one transaction per article."""

    def schema_version(self) -> int: ...

    def known_ids(self, ids: Iterable[str]) -> set[str]: ...

    def add(self, processed: ProcessedArticle) -> bool: ...

    def add_many(self, batch: list[ProcessedArticle]) -> list[bool]: ...

    def sync_kb(self, kb: KnowledgeBase, fingerprint: str) -> bool: ...

    def articles(self, query: ArticleQuery) -> list[Row]: ...

    def article(self, article_id: str) -> Row | None: ...

    def actors(self, query: str | None = None, limit: int = 100) -> list[Row]: ...

    def roles(self, person_id: str) -> list[Row]: ...

    def mentions(
        self, actor: str | None = None, article_id: str | None = None, limit: int = 200
    ) -> list[Row]: ...

    def events(self, query: EventQuery) -> list[Row]: ...

    def event(self, event_id: str) -> Row | None: ...

    def quotes(self, query: QuoteQuery) -> list[Row]: ...

    def counts(self) -> Row: ...

    def close(self) -> None: ...
