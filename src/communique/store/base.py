"""The store interface. DuckDB is the embedded default; other backends (PostgreSQL)
implement the same protocol."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any, Protocol

from communique.actors.kb import KnowledgeBase
from communique.models import ProcessedArticle

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


class Store(Protocol):
    """What every backend offers. Writes are one transaction per article."""

    def schema_version(self) -> int: ...

    def known_ids(self, ids: Iterable[str]) -> set[str]: ...

    def add(self, processed: ProcessedArticle) -> bool: ...

    def sync_kb(self, kb: KnowledgeBase, fingerprint: str) -> bool: ...

    def articles(self, query: ArticleQuery) -> list[Row]: ...

    def article(self, article_id: str) -> Row | None: ...

    def actors(self, query: str | None = None, limit: int = 100) -> list[Row]: ...

    def roles(self, person_id: str) -> list[Row]: ...

    def mentions(
        self, actor: str | None = None, article_id: str | None = None, limit: int = 200
    ) -> list[Row]: ...

    def counts(self) -> Row: ...

    def close(self) -> None: ...
