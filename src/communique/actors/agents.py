"""Agents: a state or organisation plus a generic noun gives the actor a sector
("Armenian government" GOV, "Russian troops" MIL, "the government of Georgia" GOV)."""

from __future__ import annotations

from spacy.tokens import Doc

from communique.actors.kb import KnowledgeBase
from communique.nlp.extensions import Candidate

MAX_AGENT_WORDS = 3


class AgentExtender:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __call__(self, doc: Doc) -> Doc:
        candidates: list[Candidate] = doc._.actor_candidates or []
        starts = {c.start for c in candidates}
        for cand in candidates:
            if cand.fixed or not cand.options:
                continue
            if any(self.kb.actors[o.actor_id].is_person for o in cand.options):
                continue
            self._extend_right(doc, cand, starts) or self._extend_left(doc, cand)
        return doc

    def _extend_right(self, doc: Doc, cand: Candidate, starts: set[int]) -> bool:
        """ "Armenian government", "Armenia's armed forces", "NATO troops"."""
        i = cand.end
        if i < len(doc) and doc[i].tag_ == "POS":
            i += 1
        for n in range(MAX_AGENT_WORDS, 0, -1):
            if i + n > len(doc) or any(j in starts for j in range(i, i + n)):
                continue
            phrase = doc[i : i + n]
            sector = self.kb.agents.get(phrase.text.lower()) or self.kb.agents.get(
                " ".join(t.lemma_.lower() for t in phrase)
            )
            if sector and phrase[-1].pos_ in {"NOUN", "PROPN"}:
                cand.end = i + n
                cand.sector = sector
                return True
        return False

    def _extend_left(self, doc: Doc, cand: Candidate) -> bool:
        """ "the government of Armenia", "troops of Russia"."""
        if cand.start < 2 or doc[cand.start - 1].lower_ != "of":
            return False
        for n in range(MAX_AGENT_WORDS, 0, -1):
            first = cand.start - 1 - n
            if first < 0:
                continue
            phrase = doc[first : cand.start - 1]
            sector = self.kb.agents.get(phrase.text.lower())
            if sector and phrase[-1].pos_ in {"NOUN", "PROPN"}:
                cand.start = first
                cand.sector = sector
                return True
        return False
