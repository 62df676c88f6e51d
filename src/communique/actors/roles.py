"""Role phrases: "the NATO chief", "Armenia's prime minister", "Kremlin spokesperson",
"the official representative of the Russian Foreign Ministry", "the Secretary General".

A role phrase followed by a name is a title: it stays with the name and helps pick the
person. Otherwise it becomes a candidate fixed to the office holder on the date, or,
for a bare title, to the holder the context names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from communique.actors.kb import KnowledgeBase, OfficePhrase, Surface
from communique.nlp.dates import article_period
from communique.nlp.extensions import Candidate
from communique.resources import package_data, read_tsv

STATE_KINDS = {"state", "observer", "territory"}


@dataclass(slots=True)
class OfficeMatch:
    start: int
    end: int
    phrases: list[OfficePhrase]


@lru_cache(maxsize=1)
def past_office_cues() -> frozenset[str]:
    """Words that put a title in the past ("former", "ex-", "then-"):
    ``past_office_cues.tsv``, shared with the date window of undated articles."""
    rows = read_tsv(package_data("communique.actors", "past_office_cues.tsv"))
    return frozenset(r["word"] for r in rows)


class RoleFinder:
    def __init__(self, nlp, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.by_phrase: dict[str, list[OfficePhrase]] = {}
        for office in kb.offices:
            self.by_phrase.setdefault(office.phrase, []).append(office)
        for phrase in self.by_phrase:
            self.matcher.add(phrase, [nlp.make_doc(phrase)])
        self.inst_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for phrase in kb.institutions:
            self.inst_matcher.add(phrase, [nlp.make_doc(phrase)])
        self.past_cues = past_office_cues()

    def __call__(self, doc: Doc) -> Doc:
        candidates: list[Candidate] = doc._.actor_candidates or []
        first, last = article_period(doc)
        spans = [Span(doc, s, e, label=k) for k, s, e in self.matcher(doc)]
        for span in filter_spans(spans):
            phrases = self.by_phrase[doc.vocab.strings[span.label]]
            self._handle(doc, OfficeMatch(span.start, span.end, phrases), candidates, first, last)
        doc._.actor_candidates = sorted(candidates, key=lambda c: c.start)
        return doc

    def _handle(
        self,
        doc: Doc,
        match: OfficeMatch,
        candidates: list[Candidate],
        first: date | None,
        last: date | None,
    ) -> None:
        if any(c.start <= match.start < c.end for c in candidates):
            return  # inside a name ("Prime Minister's Office" handled as agent)
        body, body_span = self._body(doc, match, candidates)
        name = self._titled_name(doc, match, body_span, candidates)
        if name is not None:
            name.office = self._office(doc, match, body, body_span)
            return
        if not _titlecase_or_body(doc, match, body_span):
            return
        start = min(match.start, body_span.start) if body_span else match.start
        if any(t.lower_.strip("-") in self.past_cues for t in doc[max(start - 2, 0) : start]):
            return  # "the former foreign minister" is not the one in office
        if body is None:
            self._bare_title(doc, match, candidates, first, last)
            return
        if first is None:
            return
        office = self._office(doc, match, body, body_span)
        if office is None:
            return
        holders = self.kb.holders(body, office, first, last)
        if len(holders) != 1:
            return
        end = max(match.end, body_span.end) if body_span else match.end
        for other in [c for c in candidates if c.start < end and start < c.end]:
            candidates.remove(other)
        candidates.append(
            Candidate(
                start, end, [Surface(holders[0], "role")], "role", fixed=holders[0], office=office
            )
        )

    def _titled_name(
        self, doc: Doc, match: OfficeMatch, body_span: Candidate | None, candidates: list[Candidate]
    ) -> Candidate | None:
        """The person a title belongs to: right after it ("Prime Minister Nikol
        Pashinyan") or in apposition after its body ("the official representative of the
        Russian Foreign Ministry, Maria Zakharova")."""
        i = match.end
        if body_span is not None and body_span.start >= match.end:
            i = body_span.end
            while i < len(doc) and doc[i].is_title and doc[i].pos_ in {"PROPN", "NOUN"}:
                i += 1
            if i < len(doc) and doc[i].text == ",":
                i += 1
        name = _next_candidate(candidates, i)
        if name is not None and name.start == i and _is_person(self.kb, name):
            return name
        return None

    def _body(
        self, doc: Doc, match: OfficeMatch, candidates: list[Candidate]
    ) -> tuple[str | None, Candidate | None]:
        """The state or organisation the office belongs to, named just before
        ("Armenia's", "NATO", "Kremlin") or after ("of the Russian Foreign Ministry")."""
        before = _candidate_ending_at(doc, candidates, match.start)
        after = None
        if match.end < len(doc) and doc[match.end].lower_ == "of":
            after = _next_candidate(candidates, match.end + 1, within=4)
        for cand in (before, after):
            if cand is not None and cand.options and not _is_person(self.kb, cand):
                actor = self.kb.actors[cand.options[0].actor_id]
                return (actor.code if actor.kind not in STATE_KINDS else actor.id), cand
        return None, None

    def _office(
        self, doc: Doc, match: OfficeMatch, body: str | None, body_span: Candidate | None
    ) -> str | None:
        is_state = (
            body is not None
            and self.kb.actors.get(body) is not None
            and (self.kb.actors[body].kind in STATE_KINDS)
        )
        fitting = [
            p
            for p in match.phrases
            if p.applies == "any" or (p.applies == "state") == is_state or body is None
        ]
        if not fitting:
            return None
        office = fitting[0].office
        if office == "spokesperson":
            return self._institution(doc, match, body_span) or "spokesperson"
        return office

    def _institution(self, doc: Doc, match: OfficeMatch, body_span: Candidate | None) -> str | None:
        lo = max(0, match.start - 4)
        hi = min(len(doc), match.end + 6)
        if body_span is not None:
            lo, hi = min(lo, body_span.start), max(hi, body_span.end + 3)
        for key, _start, _ in self.inst_matcher(doc[lo:hi]):
            return self.kb.institutions[doc.vocab.strings[key]]
        return None

    def _bare_title(
        self,
        doc: Doc,
        match: OfficeMatch,
        candidates: list[Candidate],
        first: date | None,
        last: date | None,
    ) -> None:
        """ "The Prime Minister added": the latest person before it titled with that office,
        else the holder of that office in the latest organisation or state named before."""
        if match.start == 0 or doc[match.start - 1].lower_ != "the":
            return
        offices = {p.office for p in match.phrases}
        before = sorted((c for c in candidates if c.end <= match.start), key=lambda c: -c.start)
        target = office = None
        for cand in before:
            if cand.office and (
                cand.office in offices
                or (cand.office.endswith("spokesperson") and "spokesperson" in offices)
            ):
                target = cand.fixed or (
                    cand.options[0].actor_id if len(cand.options) == 1 else None
                )
                office = cand.office
                break
        if target is None and first is not None:
            target, office = self._holder_in_context(before, match, first, last)
        if target is not None:
            candidates.append(
                Candidate(
                    match.start,
                    match.end,
                    [Surface(target, "role")],
                    "role",
                    fixed=target,
                    office=office,
                )
            )

    def _holder_in_context(
        self, before: list[Candidate], match: OfficeMatch, first: date, last: date | None
    ) -> tuple[str | None, str | None]:
        for cand in before[:12]:
            if not cand.options or _is_person(self.kb, cand):
                continue
            actor = self.kb.actors[cand.options[0].actor_id]
            is_state = actor.kind in STATE_KINDS
            body = actor.id if is_state else actor.code
            for phrase in match.phrases:
                if phrase.applies not in {"any", "state" if is_state else "igo"}:
                    continue
                holders = self.kb.holders(body, phrase.office, first, last)
                if len(holders) == 1:
                    return holders[0], phrase.office
            return None, None
        return None, None


def _is_person(kb: KnowledgeBase, cand: Candidate) -> bool:
    if cand.label == "PERSON" and not cand.options:
        return True
    return any(kb.actors[o.actor_id].is_person for o in cand.options)


def _candidate_ending_at(doc: Doc, candidates: list[Candidate], index: int) -> Candidate | None:
    """A candidate ending right before ``index``, allowing a possessive between."""
    for cand in candidates:
        end = cand.end
        if end < len(doc) and doc[end].tag_ == "POS":
            end += 1
        if end == index:
            return cand
    return None


def _next_candidate(candidates: list[Candidate], index: int, within: int = 1) -> Candidate | None:
    for cand in sorted(candidates, key=lambda c: c.start):
        if index <= cand.start < index + within:
            return cand
    return None


def _titlecase_or_body(doc: Doc, match: OfficeMatch, body: Candidate | None) -> bool:
    """A lowercase one-word title like "head", "chief" or "president" counts only with its
    body beside it; "the secretary general" or "the prime minister" count as written."""
    if body is not None or match.end - match.start > 1:
        return True
    return doc[match.start].is_title or doc[match.start].is_upper
