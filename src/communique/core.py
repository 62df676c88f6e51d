"""The one core object behind the CLI, the API and the web pages."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import BinaryIO, TypeVar

from spacy.language import Language

from communique import eventgold, goldset
from communique.actors.kb import KnowledgeBase, load_kb
from communique.analysis.relations import Relation, relations_of
from communique.analysis.stories import compare_sources, refresh_stories
from communique.config import Settings
from communique.evaluate_actors import ActorScore, gold_article, score_all
from communique.evaluate_events import EventScore, gold_articles
from communique.evaluate_events import score_all as score_events
from communique.events.lexicon import Lexicon
from communique.ingest import iter_articles
from communique.models import Article, IngestFailure, IngestReport, ProcessedArticle
from communique.nlp.pipeline import build_pipeline, process_parallel
from communique.store import ArticleQuery, EventQuery, QuoteQuery, Row, Store, open_store

Progress = Callable[[int], None]
T = TypeVar("T")


@dataclass
class Communique:
    """Settings, knowledge base, pipeline and store, each made on first use."""

    settings: Settings = field(default_factory=Settings.from_env)

    @cached_property
    def kb(self) -> KnowledgeBase:
        return load_kb(self.settings.actor_folders())

    @cached_property
    def nlp(self) -> Language:
        return build_pipeline(self.settings)

    @cached_property
    def store(self) -> Store:
        store = open_store(self.settings.store)
        store.sync_kb(self.kb, kb_fingerprint(self.kb))
        return store

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.close()
            del self.__dict__["store"]

    # ---- processing ------------------------------------------------------------------

    def read(
        self,
        inputs: Iterable[str],
        *,
        published: date | None = None,
        source: str | None = None,
        stdin: BinaryIO | None = None,
    ) -> Iterator[Article | IngestFailure]:
        return iter_articles(inputs, self.settings, published=published, source=source, stdin=stdin)

    def process(self, articles: Iterable[Article]) -> Iterator[ProcessedArticle]:
        return process_parallel(
            self.nlp, articles, self.settings.workers(), batch_size=self.settings.batch_size
        )

    def evaluate_actors(
        self, folder: Path, split: str | None = None, *, undated: bool = False
    ) -> ActorScore:
        """Score mentions and quote speakers against the gold set in ``folder``
        (``data/gold``); ``undated`` drops the publication dates first."""
        golds = goldset.load(folder, split)
        articles = [gold_article(g, undated=undated) for g in golds]
        predictions = {p.article.id: p for p in self.process(articles)}
        return score_all(golds, predictions)

    def evaluate_events(self, folder: Path, split: str | None = None) -> EventScore:
        """Score coded events against the event gold in ``folder`` (``data/gold/events``)."""
        golds = eventgold.load_events(folder, split)
        articles = gold_articles(folder, golds)
        predictions = {p.article.id: p for p in self.process(articles)}
        return score_events(golds, predictions, Lexicon.load())

    def extract(
        self,
        inputs: Iterable[str],
        *,
        published: date | None = None,
        source: str | None = None,
        failures: list[IngestFailure] | None = None,
        stdin: BinaryIO | None = None,
    ) -> Iterator[ProcessedArticle]:
        """Process without storing; failures are appended to ``failures``."""
        sink = failures if failures is not None else []
        articles = _split_failures(
            self.read(inputs, published=published, source=source, stdin=stdin), sink
        )
        return self.process(articles)

    def ingest(
        self,
        inputs: Iterable[str],
        *,
        published: date | None = None,
        source: str | None = None,
        progress: Progress | None = None,
        stdin: BinaryIO | None = None,
    ) -> IngestReport:
        """Read, process and store, a chunk at a time; the same text read twice is counted
        as a duplicate and stored once."""
        report = IngestReport()

        def articles() -> Iterator[Article]:
            for item in self.read(inputs, published=published, source=source, stdin=stdin):
                if isinstance(item, IngestFailure):
                    report.failures.append(item)
                    continue
                report.read += 1
                yield item

        return self.ingest_articles(articles(), report, progress)

    def ingest_articles(
        self,
        articles: Iterable[Article],
        report: IngestReport | None = None,
        progress: Progress | None = None,
    ) -> IngestReport:
        """Process and store articles already read (by this process or sent to the API)."""
        report = report if report is not None else IngestReport()
        seen: set[str] = set()
        for chunk in _chunks(articles, self.settings.batch_size * 4):
            fresh: list[Article] = []
            for article in chunk:
                if article.id in seen:
                    report.duplicate += 1
                    continue
                seen.add(article.id)
                fresh.append(article)
            known = self.store.known_ids(a.id for a in fresh)
            report.duplicate += len(known)
            processed_batches = _chunks(
                self.process(a for a in fresh if a.id not in known), self.settings.batch_size
            )
            for batch in processed_batches:
                stored = self.store.add_many(batch)
                report.new += sum(stored)
                report.duplicate += len(stored) - sum(stored)
                if progress:
                    progress(len(batch))
        if report.new:
            refresh_stories(self.store)
        return report

    # ---- queries ---------------------------------------------------------------------

    def articles(self, query: ArticleQuery | None = None) -> list[Row]:
        return self.store.articles(query or ArticleQuery())

    def article(self, article_id: str) -> Row | None:
        return self.store.article(article_id)

    def actors(self, query: str | None = None, limit: int = 100) -> list[Row]:
        return self.store.actors(query, limit)

    def roles(self, person_id: str) -> list[Row]:
        return self.store.roles(person_id)

    def mentions(
        self, actor: str | None = None, article_id: str | None = None, limit: int = 200
    ) -> list[Row]:
        return self.store.mentions(actor, article_id, limit)

    def events(self, query: EventQuery | None = None) -> list[Row]:
        return self.store.events(query or EventQuery())

    def event(self, event_id: str) -> Row | None:
        return self.store.event(event_id)

    def quotes(self, query: QuoteQuery | None = None) -> list[Row]:
        return self.store.quotes(query or QuoteQuery())

    def series(self, query: EventQuery, by: str = "month", merged: bool = True) -> list[Row]:
        return self.store.series(query, by, merged)

    def relations(self, actor: str) -> list[Relation]:
        return relations_of(self.store, actor)

    def stories(self, limit: int = 50, offset: int = 0) -> list[Row]:
        return self.store.story_list(limit, offset)

    def compare_sources(self, story_id: str) -> dict:
        return compare_sources(self.store.story_contents(story_id))


def _split_failures(
    items: Iterable[Article | IngestFailure], sink: list[IngestFailure]
) -> Iterator[Article]:
    for item in items:
        if isinstance(item, IngestFailure):
            sink.append(item)
        else:
            yield item


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def kb_fingerprint(kb: KnowledgeBase) -> str:
    """A hash of the knowledge base's data files: the store re-syncs when it changes."""
    digest = hashlib.sha256()
    for source in kb.sources:
        digest.update(source.encode())
        digest.update(Path(source).read_bytes())
    return digest.hexdigest()[:16]
