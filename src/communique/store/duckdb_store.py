"""The embedded default store: one DuckDB file."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb

from communique.actors.kb import KnowledgeBase
from communique.models import UNRESOLVED_KINDS, ProcessedArticle
from communique.store.base import (
    ArticleQuery,
    EventQuery,
    QuoteQuery,
    Row,
    event_filters,
    event_row,
    migrations,
    quote_filters,
    quote_row,
    split_statements,
)
from communique.store.views import StoreViews, StoryViews

INSERT_CHUNK = 500


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says why."""


class DuckDBStore(StoreViews, StoryViews):
    def __init__(self, path: Path | str, read_only: bool = False) -> None:
        self.path = Path(path)
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from None
        self.write_lock = threading.RLock()  # one writer at a time, whatever the thread
        if not read_only:
            self.migrate()

    # ---- schema -----------------------------------------------------------------

    def schema_version(self) -> int:
        """The schema version (read on its own cursor: the API asks from many threads)."""
        if not self._has_table("schema_version"):
            return 0
        return int(self._rows("SELECT max(version) AS v FROM schema_version")[0]["v"] or 0)

    def _has_table(self, name: str) -> bool:
        return bool(self._rows("SELECT 1 FROM duckdb_tables() WHERE table_name = ?", [name]))

    def migrate(self) -> None:
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        current = self.schema_version()
        for migration in migrations():
            if migration.version <= current:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                for statement in split_statements(migration.sql):
                    self.con.execute(statement)
                self.con.execute("INSERT INTO schema_version VALUES (?)", [migration.version])
                self.con.execute("COMMIT")
            except duckdb.Error:
                self.con.execute("ROLLBACK")
                raise

    # ---- writes -------------------------------------------------------------------

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return set()
        rows = self.con.execute(
            "SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [wanted]
        ).fetchall()
        return {r[0] for r in rows}

    def add(self, processed: ProcessedArticle) -> bool:
        """Store an article and everything found in it, all or nothing. False when the
        article was already stored."""
        return self.add_many([processed])[0]

    def add_many(self, batch: list[ProcessedArticle]) -> list[bool]:
        """Store a batch in one transaction (commits are what costs); if anything in it
        fails, store its articles one by one, so a bad article costs only itself. Returns,
        per article, whether it was new."""
        with self.write_lock:
            return self._add_many(batch)

    def _add_many(self, batch: list[ProcessedArticle]) -> list[bool]:
        known = self.known_ids(p.article.id for p in batch)
        fresh: dict[str, ProcessedArticle] = {}
        for processed in batch:
            if processed.article.id not in known:
                fresh.setdefault(processed.article.id, processed)
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._write(list(fresh.values()))
            self.con.execute("COMMIT")
        except duckdb.Error:
            self.con.execute("ROLLBACK")
            if len(batch) == 1:
                raise
            return self._one_by_one(batch)
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        new = set(fresh)
        results = []
        for processed in batch:
            results.append(processed.article.id in new)
            new.discard(processed.article.id)
        return results

    def replace_stories(self, stories: dict[str, str], merged: dict[str, str]) -> None:
        """Store the story of each article and the merged id of each event, replacing the
        previous grouping in one transaction."""
        with self.write_lock:
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute("DELETE FROM stories")
                self.con.execute("DELETE FROM merged_events")
                self._insert_many("stories", [[a, s] for a, s in stories.items()])
                self._insert_many("merged_events", [[e, m] for e, m in merged.items()])
                self._mark_primary()
                self.con.execute("COMMIT")
            except BaseException:
                self.con.execute("ROLLBACK")
                raise

    def _mark_primary(self) -> None:
        """The first report of each merged event is the one that counts for it."""
        self.con.execute(
            "UPDATE events SET is_primary = (r.rank = 1) FROM (SELECT event_id,"
            " row_number() OVER (PARTITION BY merged_id ORDER BY event_id) AS rank"
            " FROM merged_events) r WHERE events.id = r.event_id"
        )

    def refresh_primary(self) -> None:
        """Mark primary reports after merged events were written by other means (imports,
        benchmarks that build stores in SQL)."""
        with self.write_lock:
            self._mark_primary()

    def _one_by_one(self, batch: list[ProcessedArticle]) -> list[bool]:
        """Store each article in its own transaction; the good ones are kept, then the
        first error is raised for the caller to report."""
        results, first_error = [], None
        for processed in batch:
            try:
                results.append(self._add_many([processed])[0])
            except duckdb.Error as exc:
                results.append(False)
                first_error = first_error or exc
        if first_error is not None:
            raise first_error
        return results

    def _write(self, batch: list[ProcessedArticle]) -> None:
        articles, mentions, unresolved = [], [], {}
        for processed in batch:
            a = processed.article
            articles.append(
                [
                    a.id,
                    a.title,
                    a.published,
                    a.context_date,
                    a.context_precision,
                    a.source,
                    a.url,
                    a.path,
                    a.text,
                    len(a.text.split()),
                ]
            )
            for seq, m in enumerate(processed.mentions):
                actor = m.actor
                mentions.append(
                    [
                        a.id,
                        seq,
                        m.text,
                        m.start,
                        m.end,
                        actor.id if actor else None,
                        actor.name if actor else None,
                        actor.code if actor else None,
                        actor.sector if actor else None,
                        m.how,
                        m.sentence,
                        m.in_title,
                        m.role,
                        m.basis,
                        m.probability,
                    ]
                )
                if actor is not None and actor.kind in UNRESOLVED_KINDS:
                    unresolved[actor.id] = (actor.name, actor.kind)
        self._insert_many(
            "articles (id, title, published, context_date, context_precision, source, url,"
            " path, text, words)",
            articles,
        )
        self._insert_many("mentions", mentions)
        self._insert_many(
            "actors (id, name, kind)",
            [[k, name, kind] for k, (name, kind) in unresolved.items()],
            verb="INSERT OR IGNORE",
        )
        self._add_events(batch)
        self._add_quotes(batch)

    def _add_events(self, batch: list[ProcessedArticle]) -> None:
        events, mentions = [], []
        for event in (e for processed in batch for e in processed.events):
            events.append(event_row(event))
            for seq, m in enumerate(event.mentions):
                src = m.source_span or (None, None)
                tgt = m.target_span or (None, None)
                mentions.append(
                    [
                        event.id,
                        seq,
                        event.article_id,
                        m.sentence,
                        m.start,
                        m.end,
                        m.trigger,
                        m.trigger_start,
                        m.trigger_end,
                        *src,
                        *tgt,
                        m.in_title,
                    ]
                )
        self._insert_many("events", events)
        self._insert_many("event_mentions", mentions)

    def _add_quotes(self, batch: list[ProcessedArticle]) -> None:
        quotes, about = [], []
        for quote in (q for processed in batch for q in processed.quotes):
            quotes.append(quote_row(quote))
            about += [[quote.id, a.id, a.name, a.code] for a in quote.about]
        self._insert_many("quotes", quotes)
        self._insert_many("quote_about", about)

    def _insert_many(self, table: str, rows: list[list[Any]], verb: str = "INSERT") -> None:
        """Multi-row INSERTs: much faster in DuckDB than executemany."""
        if not rows:
            return
        width = len(rows[0])
        placeholder = "(" + ", ".join("?" * width) + ")"
        for i in range(0, len(rows), INSERT_CHUNK):
            chunk = rows[i : i + INSERT_CHUNK]
            sql = f"{verb} INTO {table} VALUES " + ", ".join([placeholder] * len(chunk))
            self.con.execute(sql, [value for row in chunk for value in row])

    def sync_kb(self, kb: KnowledgeBase, fingerprint: str) -> bool:
        """Copy the knowledge base into the actors and roles tables when it changed."""
        row = self.con.execute("SELECT fingerprint FROM kb_state").fetchone()
        if row and row[0] == fingerprint:
            return False
        actors = [
            [a.id, a.name, a.kind, a.code, a.parent, a.gender, a.nationality]
            for a in kb.actors.values()
        ]
        roles = [
            [r.person_id, r.title, r.office, r.body, r.sector, r.start, r.end]
            for person_roles in kb.roles.values()
            for r in person_roles
        ]
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute(  # the knowledge base's actors; those it lacks stay
                "DELETE FROM actors WHERE kind NOT IN ('unresolved', 'unresolved-body')"
            )
            self.con.execute("DELETE FROM roles")
            self.con.execute("DELETE FROM kb_state")
            self._insert_many("actors", actors)
            self._insert_many("roles", roles)
            self.con.execute("INSERT INTO kb_state VALUES (?)", [fingerprint])
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return True

    # ---- reads --------------------------------------------------------------------

    def _rows(self, sql: str, params: list[Any] | None = None) -> list[Row]:
        """Run a read on its own cursor: DuckDB connections are not shared across threads
        (the API serves requests from a thread pool)."""
        with self.con.cursor() as cursor:
            cursor.execute(sql, params or [])
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def articles(self, query: ArticleQuery) -> list[Row]:
        where, params = ["1=1"], []
        if query.source:
            where.append("source ILIKE ?")
            params.append(f"%{query.source}%")
        if query.since:
            where.append("coalesce(published, context_date) >= ?")
            params.append(query.since)
        if query.until:
            where.append("coalesce(published, context_date) <= ?")
            params.append(query.until)
        params += [query.limit, query.offset]
        return self._rows(
            "SELECT a.id, a.title, a.published, a.source, a.words,"
            " (SELECT count(*) FROM mentions m WHERE m.article_id = a.id) AS mentions,"
            " (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events,"
            " a.url, a.path FROM articles a WHERE "
            + " AND ".join(where)
            + " ORDER BY coalesce(published, context_date) DESC NULLS LAST, id LIMIT ? OFFSET ?",
            params,
        )

    def article(self, article_id: str) -> Row | None:
        rows = self._rows(
            "SELECT * FROM articles WHERE id = ? OR id LIKE ?", [article_id, f"{article_id}%"]
        )
        return rows[0] if len(rows) == 1 else None

    def actors(self, query: str | None = None, limit: int = 100) -> list[Row]:
        params: list[Any] = []
        where = "1=1"
        if query:
            where = "(a.id ILIKE ? OR a.name ILIKE ? OR a.code = ?)"
            params = [query, f"%{query}%", query.upper()]
        params.append(limit)
        return self._rows(
            "SELECT a.id, a.name, a.kind, a.code, a.nationality,"
            " (SELECT count(*) FROM mentions m WHERE m.actor_id = a.id) AS mentions"
            " FROM actors a WHERE "
            + where
            + " ORDER BY mentions DESC, a.kind = 'person', a.name LIMIT ?",
            params,
        )

    def roles(self, person_id: str) -> list[Row]:
        return self._rows(
            "SELECT title, office, body, sector, start_date, end_date FROM roles"
            " WHERE person_id = ? ORDER BY start_date",
            [person_id],
        )

    def mentions(
        self, actor: str | None = None, article_id: str | None = None, limit: int = 200
    ) -> list[Row]:
        where, params = ["1=1"], []
        if actor:
            where.append("(m.actor_id = ? OR m.code = ? OR m.actor_name ILIKE ?)")
            params += [actor, actor.upper(), f"%{actor}%"]
        if article_id:
            where.append("m.article_id LIKE ?")
            params.append(f"{article_id}%")
        params.append(limit)
        return self._rows(
            "SELECT m.article_id, m.text, m.start_char AS start, m.end_char AS end,"
            " m.actor_id, m.actor_name, m.code, m.sector, m.how,"
            " coalesce(a.published, a.context_date) AS date"
            " FROM mentions m JOIN articles a ON a.id = m.article_id WHERE "
            + " AND ".join(where)
            + " ORDER BY date DESC NULLS LAST, m.article_id, m.seq LIMIT ?",
            params,
        )

    def events(self, query: EventQuery) -> list[Row]:
        where, params = event_filters(query)
        params += [query.limit, query.offset]
        return self._rows(
            "SELECT e.id, e.date, e.source_code AS source, e.source_name,"
            " e.target_code AS target, e.target_name, e.cameo, e.cameo_name, e.goldstein,"
            " e.quad_class, e.plover_type, e.modality, e.confidence, e.location_name,"
            " e.article_id FROM events e WHERE "
            + " AND ".join(where)
            + " ORDER BY e.day DESC NULLS LAST, e.id LIMIT ? OFFSET ?",
            params,
        )

    def event(self, event_id: str) -> Row | None:
        rows = self._rows("SELECT * FROM events WHERE id = ?", [event_id]) or self._rows(
            "SELECT * FROM events WHERE id LIKE ? LIMIT 2", [f"{event_id}%"]
        )
        if len(rows) != 1:
            return None
        row = rows[0]
        row["mentions"] = self._rows(
            "SELECT * FROM event_mentions WHERE event_id = ? ORDER BY seq", [row["id"]]
        )
        return row

    def quotes(self, query: QuoteQuery) -> list[Row]:
        where, params = quote_filters(query)
        params += [query.limit, query.offset]
        return self._rows(
            "SELECT q.id, q.date, q.speaker_name AS speaker, q.speaker_code AS code, q.kind,"
            " q.text, q.attribution, q.article_id FROM quotes q WHERE "
            + " AND ".join(where)
            + " ORDER BY q.day DESC NULLS LAST, q.article_id, q.start_char LIMIT ? OFFSET ?",
            params,
        )

    def counts(self) -> Row:
        row = self._rows(
            "SELECT (SELECT count(*) FROM articles) AS articles,"
            " (SELECT count(*) FROM mentions) AS mentions,"
            " (SELECT count(*) FROM mentions WHERE code IS NOT NULL) AS resolved_mentions,"
            " (SELECT count(DISTINCT actor_id) FROM mentions) AS actors_seen,"
            " (SELECT count(*) FROM events) AS events,"
            " (SELECT count(*) FROM quotes) AS quotes"
        )
        return row[0]

    def close(self) -> None:
        self.con.close()
