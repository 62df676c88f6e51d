"""Read-side views for the API and the web pages: stats, article detail, actor pages,
time series, network and map. SQL over the store's tables; every filter goes through
``event_filters`` so the CLI, the API and the pages select events the same way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from communique.store.base import EventQuery, Row, event_filters

PERIODS = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m", "year": "%Y"}
EVENT_LIST = (
    "e.id, e.date, e.date_precision, e.source_code AS source, e.source_name,"
    " e.target_code AS target, e.target_name, e.cameo, e.cameo_name, e.root, e.goldstein,"
    " e.quad_class, e.plover_type, e.plover_mode, e.modality, e.confidence, e.location_name,"
    " e.lat, e.lon, e.article_id, e.sentence, e.source_id, e.target_id, e.pattern,"
    " e.source_how, e.target_how"
)

Rows = Callable[[str, list[Any] | None], list[Row]]


class StoreViews:
    """Mixed into a store that provides ``_rows(sql, params)``."""

    _rows: Rows

    def event_list(self, query: EventQuery, sort_oldest: bool = False) -> list[Row]:
        where, params = event_filters(query)
        order = "e.day ASC NULLS LAST, e.id" if sort_oldest else "e.day DESC NULLS LAST, e.id"
        return self._rows(
            f"SELECT {EVENT_LIST} FROM events e WHERE {' AND '.join(where)}"
            f" ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, query.limit, query.offset],
        )

    def stats(self) -> Row:
        counts = self.counts()
        return {
            "counts": counts,
            "by_source": self._rows(
                "SELECT coalesce(source, '(unknown)') AS source, count(*) AS articles"
                " FROM articles GROUP BY 1 ORDER BY 2 DESC LIMIT 20",
                None,
            ),
            "by_month": self._rows(
                "SELECT strftime(coalesce(a.published, a.context_date), '%Y-%m') AS month,"
                " count(*) AS articles,"
                " sum((SELECT count(*) FROM events e WHERE e.article_id = a.id)) AS events"
                " FROM articles a GROUP BY 1 ORDER BY 1",
                None,
            ),
            "top_dyads": self._rows(
                "WITH d AS (SELECT least(source_code, target_code) AS a,"
                " greatest(source_code, target_code) AS b, count(*) AS events,"
                " round(avg(goldstein), 2) AS goldstein_mean FROM events GROUP BY 1, 2"
                " ORDER BY 3 DESC, 1, 2 LIMIT 10)"
                " SELECT d.*, (SELECT any_value(name) FROM actors WHERE id = d.a) AS a_name,"
                " (SELECT any_value(name) FROM actors WHERE id = d.b) AS b_name FROM d"
                " ORDER BY events DESC, a, b",
                None,
            ),
            "latest_events": self.event_list(EventQuery(limit=10)),
        }

    def article_detail(self, article_id: str) -> Row | None:
        found = self._rows("SELECT id FROM articles WHERE id = ?", [article_id]) or self._rows(
            "SELECT id FROM articles WHERE id LIKE ? LIMIT 2", [f"{article_id}%"]
        )
        if len(found) != 1:
            return None
        aid = found[0]["id"]
        article = self._rows(
            "SELECT id, title, published, context_date, source, url, path, text, words"
            " FROM articles WHERE id = ?",
            [aid],
        )[0]
        events = self.event_list(EventQuery(article_id=aid, limit=10_000), sort_oldest=True)
        spans = self._rows(
            "SELECT event_id, seq, sentence, start_char AS start, end_char AS end,"
            " trigger_start, trigger_end, source_start, source_end, target_start, target_end"
            " FROM event_mentions WHERE article_id = ? ORDER BY event_id, seq",
            [aid],
        )
        by_event: dict[str, list[Row]] = {}
        for span in spans:
            by_event.setdefault(span.pop("event_id"), []).append(span)
        for event in events:
            event["mentions"] = by_event.get(event["id"], [])
        return {
            "article": article,
            "mentions": self._rows(
                "SELECT text, start_char AS start, end_char AS end, actor_id, actor_name,"
                " code, sector, how FROM mentions WHERE article_id = ? ORDER BY seq",
                [aid],
            ),
            "events": events,
            "quotes": self._rows(
                "SELECT id, date, speaker_name AS speaker, speaker_id, speaker_code AS code,"
                " kind, text, start_char AS start, end_char AS end, attribution"
                " FROM quotes WHERE article_id = ? ORDER BY start_char",
                [aid],
            ),
        }

    def search(self, text: str, limit: int, offset: int) -> list[Row]:
        pattern = f"%{text}%"
        return self._rows(
            "SELECT id, title, published, source,"
            " substr(text, greatest(1, strpos(lower(text), lower(?)) - 80), 240) AS snippet"
            " FROM articles WHERE title ILIKE ? OR text ILIKE ?"
            " ORDER BY coalesce(published, context_date) DESC NULLS LAST, id LIMIT ? OFFSET ?",
            [text, pattern, pattern, limit, offset],
        )

    def actor_list(self, text: str | None, kind: str | None, limit: int, offset: int) -> list[Row]:
        where, params = ["1=1"], []
        if text:
            where.append("(a.id ILIKE ? OR a.name ILIKE ? OR a.code = ?)")
            params += [text, f"%{text}%", text.upper()]
        if kind:
            where.append("a.kind = ?")
            params.append(kind)
        return self._rows(
            "WITH m AS (SELECT actor_id, count(*) AS n FROM mentions GROUP BY 1),"
            " ev AS (SELECT id, count(*) AS n FROM (SELECT source_id AS id FROM events"
            " UNION ALL SELECT target_id FROM events) GROUP BY 1)"
            " SELECT a.id, a.name, a.kind, a.code, coalesce(m.n, 0) AS mentions,"
            " coalesce(ev.n, 0) AS events FROM actors a LEFT JOIN m ON m.actor_id = a.id"
            " LEFT JOIN ev ON ev.id = a.id WHERE "
            + " AND ".join(where)
            + " ORDER BY mentions DESC, a.name LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )

    def actor_detail(self, actor_id: str) -> Row | None:
        rows = self._rows(
            "SELECT id, name, kind, code, parent, gender, nationality"
            " FROM actors WHERE id = ? OR (code = ? AND id = code)",
            [actor_id, actor_id.upper()],
        )
        if not rows:
            return None
        actor = rows[0]
        key = actor["id"]
        code = actor["code"]
        own = "(e.source_id = ? OR e.source_code = ?)" if code else "e.source_id = ?"
        own_t = own.replace("source", "target")
        args = [key, code] if code else [key]
        counterpart = (
            "SELECT CASE WHEN e.source_id = ? OR e.source_code = ? THEN e.target_code"
            " ELSE e.source_code END AS code,"
            " any_value(CASE WHEN e.source_id = ? OR e.source_code = ? THEN e.target_name"
            " ELSE e.source_name END) AS name, count(*) AS events,"
            " round(avg(e.goldstein), 2) AS goldstein_mean FROM events e"
            f" WHERE {own} OR {own_t} GROUP BY 1"
        )
        pair_args = [key, code or key, key, code or key, *args, *args]
        counterparts = self._rows(counterpart + " ORDER BY events DESC LIMIT 40", pair_args)
        return {
            "actor": actor,
            "roles": self._rows(
                "SELECT title, office, body, sector, start_date, end_date FROM roles"
                " WHERE person_id = ? ORDER BY start_date",
                [key],
            ),
            "as_source": self._rows(
                f"SELECT {EVENT_LIST} FROM events e WHERE {own}"
                " ORDER BY e.day DESC NULLS LAST, e.id LIMIT 50",
                args,
            ),
            "as_target": self._rows(
                f"SELECT {EVENT_LIST} FROM events e WHERE {own_t}"
                " ORDER BY e.day DESC NULLS LAST, e.id LIMIT 50",
                args,
            ),
            "quotes": self._rows(
                "SELECT id, date, speaker_name AS speaker, speaker_code AS code, kind, text,"
                " article_id FROM quotes WHERE speaker_id = ? OR (? AND speaker_code = ?)"
                " ORDER BY day DESC NULLS LAST LIMIT 50",
                [key, actor["kind"] != "person", code],
            ),
            "partners": [c for c in counterparts if (c["goldstein_mean"] or 0) > 0][:10],
            "opponents": [c for c in counterparts if (c["goldstein_mean"] or 0) < 0][:10],
        }

    def series(self, query: EventQuery, by: str, merged: bool = True) -> list[Row]:
        """Counts by quad class and Goldstein per period, over merged events (one per
        real-world event, however many articles report it: its primary report) unless
        ``merged`` is False, with the number of distinct news sources behind each point."""
        where, params = event_filters(query)
        fmt = PERIODS[by]
        counted = "e.is_primary" if merged else "TRUE"
        return self._rows(
            f"SELECT strftime(e.day, '{fmt}') AS period,"
            f" count(*) FILTER (WHERE {counted}) AS events,"
            f" count(*) FILTER (WHERE {counted} AND quad_class = 1) AS q1,"
            f" count(*) FILTER (WHERE {counted} AND quad_class = 2) AS q2,"
            f" count(*) FILTER (WHERE {counted} AND quad_class = 3) AS q3,"
            f" count(*) FILTER (WHERE {counted} AND quad_class = 4) AS q4,"
            f" count(*) FILTER (WHERE {counted} AND quad_class IN (1, 2)) AS cooperation,"
            f" count(*) FILTER (WHERE {counted} AND quad_class IN (3, 4)) AS conflict,"
            f" round(sum(goldstein) FILTER (WHERE {counted}), 2) AS goldstein_sum,"
            f" round(avg(goldstein) FILTER (WHERE {counted}), 3) AS goldstein_mean,"
            " count(DISTINCT coalesce(a.source, a.id)) AS sources"
            " FROM events e JOIN articles a ON a.id = e.article_id"
            f" WHERE e.day IS NOT NULL AND {' AND '.join(where)} GROUP BY 1 ORDER BY 1",
            params,
        )

    def network(self, query: EventQuery, min_events: int, limit: int) -> Row:
        where, params = event_filters(query)
        edges = self._rows(
            "SELECT e.source_code AS source, e.target_code AS target, count(*) AS events,"
            " round(avg(e.goldstein), 2) AS goldstein_mean FROM events e"
            f" WHERE {' AND '.join(where)} GROUP BY 1, 2 HAVING count(*) >= ?"
            " ORDER BY 3 DESC, 1, 2 LIMIT ?",
            [*params, min_events, limit],
        )
        codes = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
        names = {}
        if codes:
            for row in self._rows(
                "SELECT code, any_value(name) AS name FROM actors"
                " WHERE code IN (SELECT unnest(?)) AND id = code GROUP BY 1",
                [codes],
            ):
                names[row["code"]] = row["name"]
        totals: dict[str, int] = {}
        for e in edges:
            totals[e["source"]] = totals.get(e["source"], 0) + e["events"]
            totals[e["target"]] = totals.get(e["target"], 0) + e["events"]
        nodes = [{"id": c, "name": names.get(c, c), "events": totals[c]} for c in codes]
        return {"nodes": nodes, "edges": edges}

    def places(self, query: EventQuery) -> list[Row]:
        where, params = event_filters(query)
        return self._rows(
            "SELECT e.location_name AS name, any_value(e.location_country) AS country,"
            " any_value(e.lat) AS lat, any_value(e.lon) AS lon, count(*) AS events,"
            " round(avg(e.goldstein), 2) AS goldstein_mean FROM events e"
            f" WHERE e.lat IS NOT NULL AND {' AND '.join(where)} GROUP BY 1 ORDER BY 5 DESC",
            params,
        )

    def counts(self) -> Row:  # provided by the store
        raise NotImplementedError


class StoryViews:
    """Reads and writes for stories and merged events (mixed into the DuckDB store)."""

    _rows: Rows

    def event_refs(self) -> list[Row]:
        return self._rows(
            "SELECT id, article_id, source_code AS source, target_code AS target, root, date,"
            " date_source FROM events WHERE source_code IS NOT NULL AND target_code IS NOT NULL",
            None,
        )

    def article_days(self) -> list[Row]:
        return self._rows(
            "SELECT id, coalesce(published, context_date) AS day,"
            " CASE WHEN published IS NULL THEN context_precision ELSE 'day' END AS precision"
            " FROM articles",
            None,
        )

    def salient_actors(self, top: int = 5) -> list[Row]:
        """Each article's most mentioned actor codes (places excluded)."""
        return self._rows(
            "SELECT article_id, code FROM (SELECT article_id, code, row_number() OVER"
            " (PARTITION BY article_id ORDER BY count(*) DESC, code) AS rank FROM mentions"
            " WHERE code IS NOT NULL AND actor_id NOT LIKE 'place:%' GROUP BY 1, 2)"
            " WHERE rank <= ?",
            [top],
        )

    def story(self, story_id: str) -> list[Row]:
        return self._rows(
            "SELECT a.id, a.title, a.source, a.published, a.url, a.path FROM stories s"
            " JOIN articles a ON a.id = s.article_id WHERE s.story_id = ? ORDER BY a.id",
            [story_id],
        )

    def story_list(self, limit: int, offset: int) -> list[Row]:
        return self._rows(
            "SELECT s.story_id, count(*) AS articles, min(coalesce(a.published, a.context_date))"
            " AS first_day, any_value(a.title) AS title FROM stories s JOIN articles a"
            " ON a.id = s.article_id GROUP BY 1 ORDER BY articles DESC, first_day DESC, 1"
            " LIMIT ? OFFSET ?",
            [limit, offset],
        )

    def merged_event_list(self, query: EventQuery) -> list[Row]:
        """Events merged across articles: one row per real-world event, with its sources."""
        where, params = event_filters(query)
        return self._rows(
            "SELECT m.merged_id AS id, min(e.date) AS date, any_value(e.source_code) AS source,"
            " any_value(e.target_code) AS target, any_value(e.root) AS root,"
            " mode(e.cameo) AS cameo, any_value(e.cameo_name) AS cameo_name,"
            " round(avg(e.goldstein), 2) AS goldstein, count(*) AS reports,"
            " count(DISTINCT coalesce(a.source, a.id)) AS sources,"
            " list(DISTINCT e.article_id ORDER BY e.article_id) AS articles"
            " FROM events e JOIN merged_events m ON m.event_id = e.id"
            " JOIN articles a ON a.id = e.article_id"
            f" WHERE {' AND '.join(where)} GROUP BY m.merged_id"
            " ORDER BY date DESC NULLS LAST, id LIMIT ? OFFSET ?",
            [*params, query.limit, query.offset],
        )

    def relation_events(self, code: str, roots: tuple[str, ...]) -> list[Row]:
        """Events of an actor that may set a standing relation, with their trigger."""
        return self._rows(
            "SELECT e.id, e.source_code AS source, e.target_code AS target, e.cameo, e.date,"
            " e.article_id, e.sentence, m.trigger FROM events e JOIN event_mentions m"
            " ON m.event_id = e.id AND m.seq = 0"
            " WHERE (e.source_code = ? OR e.target_code = ?) AND e.root IN (SELECT unnest(?))"
            " ORDER BY e.day",
            [code, code, list(roots)],
        )

    def cooccurrences(self, code_a: str, code_b: str, limit: int = 10) -> list[Row]:
        """Articles naming both actors, with the text and the spans of each."""
        rows = self._rows(
            "SELECT a.id, a.text,"
            " list(struct_pack(s := m.start_char, e := m.end_char, c := m.code)) AS spans"
            " FROM articles a JOIN mentions m ON m.article_id = a.id"
            " WHERE m.code IN (?, ?) GROUP BY a.id, a.text"
            " HAVING count(DISTINCT m.code) = 2 ORDER BY a.id LIMIT ?",
            [code_a, code_b, limit],
        )
        for row in rows:
            row["a"] = [(s["s"], s["e"]) for s in row["spans"] if s["c"] == code_a]
            row["b"] = [(s["s"], s["e"]) for s in row["spans"] if s["c"] == code_b]
        return rows

    def story_contents(self, story_id: str) -> dict[str, list[Row]]:
        """Events (with merged ids), quotes and actors of each article of a story."""
        members = "SELECT article_id FROM stories WHERE story_id = ?"
        return {
            "articles": self._rows(
                "SELECT id, title, coalesce(source, id) AS source FROM articles"
                f" WHERE id IN ({members})",
                [story_id],
            ),
            "events": self._rows(
                "SELECT e.article_id, coalesce(me.merged_id, e.id) AS merged_id,"
                " e.source_code AS source, e.target_code AS target, e.cameo, e.cameo_name,"
                " e.goldstein, e.date FROM events e"
                " LEFT JOIN merged_events me ON me.event_id = e.id"
                f" WHERE e.article_id IN ({members})",
                [story_id],
            ),
            "quotes": self._rows(
                "SELECT article_id, speaker_id, speaker_name AS speaker, speaker_code AS code,"
                f" kind, text FROM quotes WHERE article_id IN ({members}) AND kind <> 'indirect'",
                [story_id],
            ),
            "actors": self._rows(
                "SELECT DISTINCT article_id, code, actor_name AS name FROM mentions"
                f" WHERE code IS NOT NULL AND article_id IN ({members})",
                [story_id],
            ),
        }
