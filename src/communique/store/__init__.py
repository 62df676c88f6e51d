"""Store stage: where articles, actors and everything found in them are kept."""

from __future__ import annotations

from pathlib import Path

from communique.store.base import ArticleQuery, EventQuery, QuoteQuery, Row, Store
from communique.store.duckdb_store import DuckDBStore, StoreError

__all__ = [
    "ArticleQuery",
    "DuckDBStore",
    "EventQuery",
    "QuoteQuery",
    "Row",
    "Store",
    "StoreError",
    "open_store",
]


def open_store(location: Path | str, read_only: bool = False) -> Store:
    """The store at ``location``: a DuckDB file path (PostgreSQL URLs come later)."""
    text = str(location)
    if text.startswith(("postgres://", "postgresql://")):
        raise StoreError("the PostgreSQL backend is not available yet; use a DuckDB file")
    return DuckDBStore(Path(text).expanduser(), read_only=read_only)
