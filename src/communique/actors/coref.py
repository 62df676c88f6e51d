"""Pronouns and definite descriptions to the nearest compatible actor.

"he"/"she" take the latest person of that gender in the last few sentences; "its" and
"the country" the latest state (or organisation); "the alliance", "the bloc" the latest
organisation that the phrase can denote. Nothing compatible nearby: left unresolved."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from communique.actors.kb import KnowledgeBase
from communique.models import Mention, ResolvedActor

MAX_SENTENCES_BACK = 2
STATE_KINDS = {"state", "observer", "territory"}
ORG_KINDS = {"igo", "institution", "programme", "group", "ngo"}


class Coreference:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[Mention] = list(doc._.mentions or [])
        taken = {m.start for m in mentions}
        sentence_of = {i: n for n, s in enumerate(doc.sents) for i in range(s.start, s.end)}
        added: list[Mention] = []
        for i, token in enumerate(doc):
            if token.idx in taken:
                continue
            found = self._pronoun(doc, i, mentions + added, sentence_of)
            found = found or self._description(doc, i, mentions + added, sentence_of)
            if found is not None:
                added.append(found)
        doc._.mentions = sorted(mentions + added, key=lambda m: m.start)
        return doc

    def _pronoun(
        self, doc: Doc, i: int, mentions: list[Mention], sentence_of: dict[int, int]
    ) -> Mention | None:
        token = doc[i]
        if token.pos_ != "PRON" and token.tag_ not in {"PRP", "PRP$"}:
            return None
        kinds = self.kb.anaphora.get(token.lower_)
        if not kinds:
            return None
        sent = sentence_of[i]
        for m in sorted(mentions, key=lambda m: -m.start):
            if m.start >= token.idx or m.actor is None or m.actor.code is None:
                continue
            if m.sentence is not None and sent - m.sentence > MAX_SENTENCES_BACK:
                break
            if self._compatible(m, kinds):
                return _refers(token, m.actor, sent)
        return None

    def _compatible(self, mention: Mention, kinds: tuple[str, ...]) -> bool:
        actor = self.kb.actors.get(mention.actor.id) if mention.actor else None
        if actor is None:
            return False
        if actor.is_person:
            gender = {"person_m": "m", "person_f": "f"}
            return any(
                k == "person" or (k in gender and actor.gender in (gender[k], None)) for k in kinds
            )
        if mention.how in {"adjective", "coref"}:
            return False
        if actor.kind in STATE_KINDS:
            return "state" in kinds
        return "organisation" in kinds and actor.kind in ORG_KINDS

    def _description(
        self, doc: Doc, i: int, mentions: list[Mention], sentence_of: dict[int, int]
    ) -> Mention | None:
        """ "the alliance", "the bloc", "the country" (the determiner is not in the span)."""
        if i == 0 or doc[i - 1].lower_ not in {"the", "this"}:
            return None
        token = doc[i]
        two = f"the {token.lower_}"
        org_ids = self.kb.context_aliases.get(token.lower_)
        state_desc = "state" in self.kb.anaphora.get(two, ())
        if not org_ids and not state_desc:
            return None
        org_codes = {self.kb.actors[o].code: o for o in org_ids or ()}
        for m in sorted(mentions, key=lambda m: -m.start):
            if m.start >= token.idx or m.actor is None or m.how == "coref":
                continue
            actor = self.kb.actors.get(m.actor.id)
            if actor is None:
                continue
            if actor.is_person:
                if m.actor.code in org_codes:  # "the NATO chief ... the alliance"
                    org = self.kb.resolve(org_codes[m.actor.code], None)
                    return _refers(token, org, sentence_of[i])
                continue
            if org_ids and (actor.id in org_ids or (actor.parent in org_ids)):
                return _refers(token, m.actor, sentence_of[i])
        if state_desc:
            found = self._salient_state(doc, i, mentions, sentence_of)
            if found is not None:
                return _refers(token, found.actor, sentence_of[i])
        return None

    def _salient_state(
        self, doc: Doc, i: int, mentions: list[Mention], sentence_of: dict[int, int]
    ) -> Mention | None:
        """The state "the country" refers to: among states named in this and the previous
        sentences, the latest one that was a grammatical subject, else the latest."""
        token = doc[i]
        sent = sentence_of[i]
        recent = [
            m
            for m in sorted(mentions, key=lambda m: -m.start)
            if m.start < token.idx
            and m.actor is not None
            and m.how not in {"coref", "adjective"}
            and m.actor.kind in STATE_KINDS
            and (m.sentence is None or sent - m.sentence <= MAX_SENTENCES_BACK)
        ]
        for m in recent:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in {"nsubj", "nsubjpass"}:
                return m
        return recent[0] if recent else None


def _refers(token: Token, actor: ResolvedActor, sentence: int | None) -> Mention:
    """A pronoun or description standing for ``actor``."""
    return Mention(token.text, token.idx, token.idx + len(token), actor, "coref", sentence=sentence)
