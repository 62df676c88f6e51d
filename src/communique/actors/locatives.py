"""Places that say where, not who: "the ministers met in Geneva" gives no Swiss
participant. A capital or state in subject or object position stays an actor ("Brussels
said", "sanctions on Moscow")."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from communique.actors.kb import KnowledgeBase
from communique.models import Mention
from communique.resources import package_data, read_tsv

PLACE_KINDS = {"state", "observer", "territory", "place"}
PHRASE_DEPS = {"poss", "compound", "amod", "case", "det", "conj", "appos", "nmod"}


@lru_cache(maxsize=2)
def locative_prepositions(places: bool = False) -> frozenset[str]:
    """The prepositions that make any place a location; with ``places``, also those that
    do so only for regions and cities (``scope`` "place")."""
    rows = read_tsv(package_data("communique.actors", "locatives.tsv"))
    scopes = {"all", "place"} if places else {"all"}
    return frozenset(r["preposition"] for r in rows if r["scope"] in scopes)


@lru_cache(maxsize=1)
def locative_heads() -> frozenset[tuple[str, str]]:
    rows = read_tsv(package_data("communique.actors", "locative_heads.tsv"))
    return frozenset((r["preposition"], r["head"]) for r in rows)


class LocativeMarker:
    def __init__(self, kb: KnowledgeBase, descriptions: bool = False) -> None:
        self.kb = kb
        self.descriptions = descriptions  # only coreference's descriptions ("the country")
        self.preps = locative_prepositions()
        self.place_preps = locative_prepositions(places=True)
        self.heads = locative_heads()

    def __call__(self, doc: Doc) -> Doc:
        for mention in doc._.mentions or []:
            if not self._place(mention) or (mention.how == "coref") != self.descriptions:
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if self.descriptions and (span is None or span.root.pos_ != "NOUN"):
                continue  # "in the country" is a place; "it" never is
            preps = self.place_preps if mention.how == "place" else self.preps
            if span is not None and self._locative(span.root, preps):
                mention.role = "location"
        return doc

    def _place(self, mention: Mention) -> bool:
        actor = mention.actor
        if actor is None or actor.kind not in PLACE_KINDS or actor.sector:
            return False
        return mention.how in {"name", "alias", "capital", "place", "seat", "coref"}

    def _locative(self, token: Token, preps: frozenset[str]) -> bool:
        """The phrase the place heads (or modifies: "in Iraq's Anbar desert") is the
        object of a locative preposition, or of one that hangs on a word of place or
        motion ("south of Okinawa", "coming to Botswana")."""
        while token.dep_ in PHRASE_DEPS and token.head is not token:
            token = token.head
        if token.dep_ == "dobj":  # "left the country", "crossed into": verbs of motion
            return ("obj", token.head.lemma_.lower()) in self.heads
        if token.dep_ != "pobj":
            return False
        prep = token.head
        if prep.lower_ in preps:
            return True
        return (prep.lower_, prep.head.lemma_.lower()) in self.heads
