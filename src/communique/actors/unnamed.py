"""Unnamed agents: "police said", "officials told reporters", "according to prosecutors",
"One MP told the BBC". A phrase headed by an agent noun (``agents.tsv``) that no mention
covers names no actor the annotation guidelines count as a mention (a bare plural has no
referent), but it is who speaks or acts: CAMEO codes such agents by the state they act
in. Each becomes a typed record on ``doc._.unnamed``, coded by the state the article is
about (``doc._.focus_state``, set by the resolver) and the sector of its noun; the quote
finder takes them as speakers where no named actor speaks. They are not mentions, so
the record of who is named stays as it was."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from communique.actors.kb import KnowledgeBase
from communique.models import Mention, ResolvedActor

UNNAMED = "unnamed"  # the actor kind of an unnamed agent
MAX_WORDS = 3  # "civil society groups", "security forces"
MODIFIERS = {"compound", "amod", "nmod"}


class UnnamedAgents:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __call__(self, doc: Doc) -> Doc:
        taken = _mention_tokens(doc)
        focus = doc._.focus_state
        found = []
        for token in doc:
            if token.i in taken or not _common_noun(token):
                continue
            match = self._agent(token)
            if match is None:
                continue
            start, sector = match
            if any(i in taken for i in range(start, token.i)):
                continue  # "U.S. officials": an agent mention already
            span = doc[start : token.i + 1]
            slug = re.sub(r"[^a-z0-9]+", "-", token.lemma_.lower()).strip("-")
            actor = ResolvedActor(f"{UNNAMED}:{slug}", span.text, focus, sector, UNNAMED)
            found.append(Mention(span.text, span.start_char, span.end_char, actor, UNNAMED))
        doc._.unnamed = found
        return doc

    def _agent(self, token: Token) -> tuple[int, str] | None:
        """The longest agent phrase ending at ``token`` among its left modifiers: its first
        token and sector."""
        left = [t for t in token.lefts if t.dep_ in MODIFIERS]
        for n in range(min(len(left), MAX_WORDS - 1), -1, -1):
            words = left[len(left) - n :]
            if words and words[0].i + n != token.i:
                continue  # the modifiers must be the words right before the noun
            phrase = " ".join([*(t.lower_ for t in words), token.lower_])
            sector = self.kb.agents.get(phrase)
            if sector:
                return (words[0].i if words else token.i), sector
        return None


def _common_noun(token: Token) -> bool:
    """A common noun, or one the tagger took for a name because it opens a sentence
    ("Police said ...")."""
    return token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.is_sent_start)


def _mention_tokens(doc: Doc) -> set[int]:
    taken: set[int] = set()
    for mention in doc._.mentions or []:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            taken.update(range(span.start, span.end))
    return taken
