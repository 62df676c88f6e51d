"""The DuckDB store: schema migrations, all-or-nothing writes, queries."""

from __future__ import annotations

import duckdb
import pytest

from communique.ingest.clean import build_article
from communique.models import Mention, ProcessedArticle, ResolvedActor
from communique.store import ArticleQuery, DuckDBStore
from communique.store.base import migrations


def _processed(text: str = "Armenia froze its CSTO membership.") -> ProcessedArticle:
    article = build_article(text)
    actor = ResolvedActor("ARM", "Armenia", "ARM", None, "state")
    return ProcessedArticle(article, [Mention("Armenia", 0, 7, actor, "name", sentence=0)])


def test_store_migrates_a_new_file_to_the_latest_version(tmp_path):
    store = DuckDBStore(tmp_path / "s.duckdb")
    assert store.schema_version() == migrations()[-1].version
    store.close()
    reopened = DuckDBStore(tmp_path / "s.duckdb")
    assert reopened.schema_version() == migrations()[-1].version
    reopened.close()


def test_store_add_is_all_or_nothing(tmp_path):
    store = DuckDBStore(tmp_path / "s.duckdb")
    broken = _processed()
    broken.mentions.append(broken.mentions[0])
    broken.mentions[-1] = Mention(None, 0, 7, None, "name")  # text NOT NULL: fails mid-way
    with pytest.raises(duckdb.Error):
        store.add(broken)
    assert store.counts()["articles"] == 0
    assert store.counts()["mentions"] == 0
    assert store.add(_processed()) is True
    assert store.add(_processed()) is False
    assert store.counts()["articles"] == 1


def test_store_queries_filter_by_actor_and_date(tmp_path):
    store = DuckDBStore(tmp_path / "s.duckdb")
    store.add(_processed())
    assert [m["code"] for m in store.mentions(actor="ARM")] == ["ARM"]
    assert store.mentions(actor="RUS") == []
    assert len(store.articles(ArticleQuery())) == 1
    assert store.known_ids(["nope"]) == set()


def test_store_keeps_actors_the_knowledge_base_lacks(tmp_path):
    store = DuckDBStore(tmp_path / "s.duckdb")
    done = _processed("The Coast Guard rescued 30 people. Jane Roe said so.")
    coast_guard = ResolvedActor(
        "unresolved-body:coast-guard", "Coast Guard", "PHL", None, "unresolved-body"
    )
    jane = ResolvedActor("unresolved:jane-roe", "Jane Roe", None, None, "unresolved")
    done.mentions[:] = [
        Mention("Coast Guard", 4, 15, coast_guard, "ner", sentence=0),
        Mention("Jane Roe", 35, 43, jane, "ner", sentence=1),
    ]
    store.add(done)
    kinds = {a["id"]: a["kind"] for a in store.actors()}
    assert kinds["unresolved-body:coast-guard"] == "unresolved-body"
    assert kinds["unresolved:jane-roe"] == "unresolved"
