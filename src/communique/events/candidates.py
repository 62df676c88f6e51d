"""Event candidates (issue 10): every ordered pair of actors in a sentence that may hold an
event, for a trained scorer to decide. Rules propose: the rule coder's events mark their
pair with the code and pattern that fired; a model decides.

A candidate's sides are mentions after coreference; a set mention ("the two countries")
gives one side per member, so "the two countries signed a deal" proposes each member
toward the other. Places that only say where are kept as targets (a visit's host), never
as sources."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from communique.models import (
    CandidateSide,
    Event,
    EventCandidate,
    Mention,
    ProcessedArticle,
    Quote,
)

Key = tuple[int, int, str, int, int, str]  # source span and code, target span and code


def _sides(mention: Mention) -> list[CandidateSide]:
    actor = mention.actor
    if actor is None:
        return []
    members = actor.members or (actor,)
    return [
        CandidateSide(
            mention.text,
            mention.start,
            mention.end,
            m.code,
            m.id,
            mention.how,
            m.kind,
            m.sector,
            mention.role,
        )
        for m in members
        if m.code is not None
    ]


def _key(source: CandidateSide, target: CandidateSide) -> Key:
    return (source.start, source.end, source.code, target.start, target.end, target.code)


@dataclass
class _Sentence:
    index: int
    start: int
    end: int
    in_title: bool


class CandidateBuilder:
    """Collects the candidates of one Doc, sentence by sentence, without duplicates."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.sentences = [
            _Sentence(n, s.start_char, s.end_char, s.start_char < doc._.title_chars)
            for n, s in enumerate(doc.sents)
        ]
        self.found: dict[Key, EventCandidate] = {}

    def sentence_at(self, char: int) -> _Sentence | None:
        for sent in self.sentences:
            if sent.start <= char < sent.end:
                return sent
        return None

    def add(self, sent: _Sentence, source: CandidateSide, target: CandidateSide, origin: str):
        if source.actor_id == target.actor_id or source.role == "location":
            return None
        if (source.start, source.end) == (target.start, target.end):
            return None  # the members of one set mention are not each other's partners
        key = _key(source, target)
        cand = self.found.get(key)
        if cand is None:
            cand = EventCandidate(  # own copies: the title shift moves each side once
                sent.index,
                sent.start,
                sent.end,
                replace(source),
                replace(target),
                [],
                in_title=sent.in_title,
            )
            self.found[key] = cand
        if origin not in cand.origins:
            cand.origins.append(origin)
        return cand

    def add_pairs(self, mentions: Iterable[Mention]) -> None:
        by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            sent = self.sentence_at(m.start)
            if sent is not None:
                by_sentence.setdefault(sent.index, []).append(m)
        for index, group in sorted(by_sentence.items()):
            sent = self.sentences[index]
            sides = [(m, side) for m in group for side in _sides(m)]
            for m1, a in sides:
                for m2, b in sides:
                    if m1 is not m2:
                        origin = (
                            "member" if len(m1.actor.members) or len(m2.actor.members) else "pair"
                        )
                        self.add(sent, a, b, origin)

    def add_rule_events(self, events: Iterable[Event], mentions: list[Mention]) -> None:
        by_span = {(m.start, m.end): m for m in mentions}
        for event in events:
            for em in event.mentions:
                sent = self.sentence_at(em.trigger_start)
                if sent is None or em.source_span is None or em.target_span is None:
                    continue
                source = self._event_side(em.source_span, event.source, by_span, event.source_how)
                target = self._event_side(em.target_span, event.target, by_span, event.target_how)
                for a in source:
                    for b in target:
                        cand = self.add(sent, a, b, "rule")
                        if cand is not None and cand.rule_code is None:
                            cand.rule_code, cand.rule_pattern = event.cameo, event.pattern
                            cand.rule_trigger, cand.rule_modality = em.trigger, event.modality

    def _event_side(self, span, actor, by_span, how) -> list[CandidateSide]:
        mention = by_span.get(tuple(span))
        if mention is not None:
            sides = [s for s in _sides(mention) if s.code in actor.codes]
            if sides:
                return sides
        text = self.doc.text[span[0] : span[1]]
        members = actor.members or (actor,)
        return [
            CandidateSide(text, span[0], span[1], m.code, m.id, how or "rule", m.kind, m.sector)
            for m in members
            if m.code is not None
        ]

    def add_speakers(self, quotes: Iterable[Quote], mentions: list[Mention]) -> None:
        """A quote's speaker toward every actor named in the quote's sentences: statements,
        appeals and criticisms whose source is outside the sentence."""
        for quote in quotes:
            speaker = quote.speaker
            if speaker is None or quote.speaker_start is None or quote.speaker_end is None:
                continue
            text = self.doc.text[quote.speaker_start : quote.speaker_end]
            sources = [
                CandidateSide(
                    text,
                    quote.speaker_start,
                    quote.speaker_end,
                    m.code,
                    m.id,
                    "speaker",
                    m.kind,
                    m.sector,
                )
                for m in (speaker.members or (speaker,))
                if m.code is not None
            ]
            for m in mentions:
                if not quote.start <= m.start < quote.end:
                    continue
                sent = self.sentence_at(m.start)
                for a in sources:
                    for b in _sides(m) if sent is not None else ():
                        self.add(sent, a, b, "speaker")

    def candidates(self) -> list[EventCandidate]:
        return sorted(
            self.found.values(),
            key=lambda c: (
                c.sentence,
                c.source.start,
                c.target.start,
                c.source.code,
                c.target.code,
            ),
        )


def event_candidates(doc: Doc) -> list[EventCandidate]:
    mentions = [m for m in doc._.mentions or [] if m.actor is not None]
    builder = CandidateBuilder(doc)
    builder.add_pairs(mentions)
    builder.add_rule_events(doc._.events or [], mentions)
    builder.add_speakers(doc._.quotes or [], mentions)
    return builder.candidates()


class CandidateFinder:
    """Pipeline component: sets ``doc._.event_candidates``. Needs mentions (after
    coreference), the rule coder's events and the quotes."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.event_candidates = event_candidates(doc)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory("communique_event_candidates")
def make_candidate_finder(nlp: Language, name: str) -> CandidateFinder:
    return CandidateFinder()


CANDIDATE_COLUMNS = (
    "article", "sentence", "in_title", "sentence_text",
    "source_text", "source_start", "source_end", "source_code", "source_how",
    "target_text", "target_start", "target_end", "target_code", "target_how", "target_role",
    "origins", "rule_cameo", "rule_pattern", "rule_trigger", "rule_modality",
)  # fmt: skip


def candidate_rows(processed: ProcessedArticle) -> Iterator[dict[str, Any]]:
    """One flat row per candidate (``CANDIDATE_COLUMNS``), for annotation and training:
    offsets are into the title when ``in_title``, else into the body."""
    article = processed.article
    for cand in processed.candidates:
        text = (article.title or "") if cand.in_title else article.text
        row = {
            "article": article.id,
            "sentence": cand.sentence,
            "in_title": cand.in_title,
            "sentence_text": text[cand.sentence_start : cand.sentence_end].strip(),
            "origins": "|".join(cand.origins),
            "rule_cameo": cand.rule_code,
            "rule_pattern": cand.rule_pattern,
            "rule_trigger": cand.rule_trigger,
            "rule_modality": cand.rule_modality,
        }
        for name, side in (("source", cand.source), ("target", cand.target)):
            row |= {
                f"{name}_text": side.text,
                f"{name}_start": side.start,
                f"{name}_end": side.end,
                f"{name}_code": side.code,
                f"{name}_how": side.how,
            }
        row["target_role"] = cand.target.role
        yield {k: row[k] for k in CANDIDATE_COLUMNS}
