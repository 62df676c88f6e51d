"""One story, one event: articles that report the same happening form a story, and the
events they report that are the same real-world event merge into one, with every source.

Two events are the same when they have the same dyad (source and target codes), the same
code family (CAMEO root) and compatible dates: one date a prefix of the other, or days
within a window (wider when a date is only the publication date, which trails the event).
Articles are one story when they share merged events, or share most of their salient
actors within a few days."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from communique.store.base import Row

TEXT_WINDOW = 3  # days between two dates both read from the text
PUBLICATION_WINDOW = 7  # days when a date is the publication (or context) date
STORY_WINDOW = 10  # days between two articles of one story
ACTOR_OVERLAP = 0.5  # Jaccard of salient actors for articles with no shared event


@dataclass(frozen=True, slots=True)
class EventRef:
    id: str
    article_id: str
    source: str
    target: str
    root: str
    date: str | None
    date_source: str | None


def _day(value: str | None) -> date | None:
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def same_time(a: EventRef, b: EventRef) -> bool:
    """Compatible dates: a prefix of the other, or close days."""
    if not a.date or not b.date:
        return True
    if a.date.startswith(b.date) or b.date.startswith(a.date):
        return True
    da, db = _day(a.date), _day(b.date)
    if da is None or db is None or len(a.date) < 10 or len(b.date) < 10:
        return False
    text_only = a.date_source == "text" and b.date_source == "text"
    return abs((da - db).days) <= (TEXT_WINDOW if text_only else PUBLICATION_WINDOW)


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def merge_events(events: list[EventRef]) -> dict[str, str]:
    """event id -> merged id. Events of one article are already one record each; events
    of different articles merge when same dyad, same root and compatible dates."""
    groups: dict[tuple[str, str, str], list[EventRef]] = defaultdict(list)
    for event in events:
        groups[(event.source, event.target, event.root)].append(event)
    union = _Union()
    for members in groups.values():
        members.sort(key=lambda e: (e.date or "", e.id))
        for i, a in enumerate(members):
            union.find(a.id)
            for b in members[i + 1 :]:
                if b.article_id != a.article_id and same_time(a, b):
                    union.union(a.id, b.id)
    clusters: dict[str, list[str]] = defaultdict(list)
    for event in events:
        clusters[union.find(event.id)].append(event.id)
    merged = {}
    for ids in clusters.values():
        key = hashlib.sha1("|".join(sorted(ids)).encode()).hexdigest()[:16]
        merged.update({i: f"m{key}" for i in ids})
    return merged


def group_stories(
    articles: list[Row], events: list[EventRef], merged: dict[str, str], actors: dict[str, set[str]]
) -> dict[str, str]:
    """article id -> story id. ``articles`` carry ``id`` and ``day``; ``actors`` maps an
    article to its salient actor codes."""
    union = _Union()
    days = {a["id"]: _span(a) for a in articles}
    for a in articles:
        union.find(a["id"])
    by_merged: dict[str, set[str]] = defaultdict(set)
    for event in events:
        by_merged[merged[event.id]].add(event.article_id)
    for article_ids in by_merged.values():
        ids = sorted(article_ids)
        for other in ids[1:]:
            if _close(days.get(ids[0]), days.get(other)):
                union.union(ids[0], other)
    ordered = sorted(articles, key=lambda a: (a["day"] or date.min, a["id"]))
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if not _close(days[a["id"]], days[b["id"]]):
                if _starts_after(days[a["id"]], days[b["id"]]):
                    break
                continue
            if _jaccard(actors.get(a["id"], set()), actors.get(b["id"], set())) >= ACTOR_OVERLAP:
                union.union(a["id"], b["id"])
    return {a["id"]: f"s{union.find(a['id'])[:15]}" for a in articles}


def _span(article: Row) -> tuple[date, date] | None:
    """The days an article's date covers: one day, or a whole month for a text that only
    says "In March 2024"."""
    day = article["day"]
    if day is None:
        return None
    if article.get("precision") == "month":
        last = (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return day.replace(day=1), last
    return day, day


def _close(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    if a is None or b is None:
        return True
    gap = max((b[0] - a[1]).days, (a[0] - b[1]).days, 0)
    return gap <= STORY_WINDOW


def _starts_after(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    """``b`` starts beyond the window after ``a`` ends (articles are sorted by day)."""
    return a is not None and b is not None and (b[0] - a[1]).days > STORY_WINDOW


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def refresh_stories(store) -> tuple[int, int]:
    """Recompute stories and merged events over the whole store. Returns the number of
    stories and of merged events."""
    events = [EventRef(**row) for row in store.event_refs()]
    merged = merge_events(events)
    actors: dict[str, set[str]] = defaultdict(set)
    for row in store.salient_actors():
        actors[row["article_id"]].add(row["code"])
    stories = group_stories(store.article_days(), events, merged, actors)
    store.replace_stories(stories, merged)
    return len(set(stories.values())), len(set(merged.values()))


def compare_sources(contents: dict[str, list[Row]]) -> dict[str, Any]:
    """What each source of a story reports that the others do not (events, quotes,
    actors), and its tone toward each actor (mean Goldstein of the events it reports
    with that actor as target)."""
    source_of = {a["id"]: a["source"] for a in contents["articles"]}
    sources = sorted(set(source_of.values()))
    by = {s: {"events": {}, "quotes": {}, "actors": {}} for s in sources}
    for e in contents["events"]:
        by[source_of[e["article_id"]]]["events"][e["merged_id"]] = e
    for q in contents["quotes"]:
        key = (q["speaker_id"], q["text"][:60])
        by[source_of[q["article_id"]]]["quotes"][key] = q
    for m in contents["actors"]:
        by[source_of[m["article_id"]]]["actors"][m["code"]] = m
    parts = []
    for source in sources:
        others = [by[o] for o in sources if o != source]
        only = []
        for kind in ("events", "quotes", "actors"):
            for key, item in by[source][kind].items():
                if not any(key in other[kind] for other in others):
                    only.append({"kind": kind[:-1], "what": _describe(kind, item)})
        parts.append(
            {
                "source": source,
                "articles": sorted(a for a, s in source_of.items() if s == source),
                "only_here": only,
                "tone": _tone(by[source]["events"].values()),
            }
        )
    return {"sources": parts}


def _describe(kind: str, item: Row) -> str:
    if kind == "events":
        return f"{item['source']} -> {item['target']} {item['cameo']} {item['cameo_name']}"
    if kind == "quotes":
        return f"{item['speaker']} [{item['code']}]: {item['text'][:80]}"
    return f"{item['name']} [{item['code']}]"


def _tone(events: Any) -> list[Row]:
    totals: dict[str, list[float]] = defaultdict(list)
    for e in events:
        if e["goldstein"] is not None:
            totals[e["target"]].append(e["goldstein"])
    return [
        {"actor": code, "events": len(v), "goldstein_mean": round(sum(v) / len(v), 2)}
        for code, v in sorted(totals.items())
    ]
