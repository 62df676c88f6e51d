"""Definite descriptions by agent noun ("the publisher", "the militants"), demonym
person nouns ("the French politician"), institutions by their kind ("Parliament",
"Kenya's parliament") and the descriptions the trained detector finds ("six
militants"): the part of coreference that resolves noun phrases rather than pronouns.
A mixin of ``Coreference``, which provides the candidates and the salience rules."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from communique.actors.coref_base import (
    DEFINITE,
    MAX_SENTENCES_BACK,
    PLURAL_TAGS,
    STATE_KINDS,
    _best,
    _refers,
)
from communique.actors.descriptions import Detector, Lexicon, features
from communique.actors.kb import KnowledgeBase
from communique.models import Mention, ResolvedActor


class DescriptionResolution:
    """Resolution of descriptions; needs the candidate methods of ``Coreference``."""

    kb: KnowledgeBase
    lexicon: Lexicon
    detector: Detector | None  # descriptions the rules do not list (descriptions.py)
    record: bool  # training: leave every candidate phrase on the Doc
    _institutions: set[str] | None
    _states: set[str] | None

    def _demonym_people(
        self, doc: Doc, mentions: list[Mention], sentence_of: dict[int, int]
    ) -> list[Mention]:
        """ "the French politician", "the former Iranian foreign minister": a definite
        singular person noun after a demonym is a person of that state named before (the
        nearest, within a few sentences), not the state itself."""
        result = []
        for m in mentions:
            person = self._demonym_person(doc, m, mentions, sentence_of)
            result.append(person or m)
        return result

    def _demonym_person(
        self, doc: Doc, mention: Mention, mentions: list[Mention], sentence_of: dict[int, int]
    ) -> Mention | None:
        if mention.how != "adjective" or mention.actor is None or mention.actor.code is None:
            return None
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return None
        head = span.root
        while head.dep_ in {"amod", "compound"} and head.head.i > head.i:
            head = head.head  # "French" in "the French politician"
        if head.tag_ != "NN" or head.lower_ not in self.kb.person_nouns:
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        here = sentence_of.get(span.start, 0)
        fits = [
            m
            for m in sorted(mentions, key=lambda m: -m.start)
            if m.start < mention.start
            and self._person(m, "person")
            and here - (m.sentence if m.sentence is not None else here) <= MAX_SENTENCES_BACK
            and mention.actor.code in self._states_of(m)
        ]
        phrase = doc[span.start + 1 : head.i + 1].text.lower()  # "foreign minister"
        offices = {o.office for o in self.kb.offices if o.phrase == phrase}
        pick = next((m for m in fits if offices and self._holds(m, offices)), None)
        pick = pick or next(iter(fits), None)
        if pick is None:
            return None
        return _refers(span, pick.actor, sentence_of, (pick.start,), "demonym person noun")

    def _states_of(self, mention: Mention) -> set[str | None]:
        """The body a person acts for and their nationality."""
        known = self.kb.actors.get(mention.actor.id) if mention.actor else None
        return {mention.actor.code if mention.actor else None, known.nationality if known else None}

    def _agent_description(self, doc: Doc, span: Span, taken: set[int]) -> Span | None:
        """ "the publisher", "the separatist militants", "these officials": a determiner,
        modifiers, and an agent noun of ``agents.tsv`` as head, naming no one itself."""
        det = span[0]
        if len(span) != 1 or det.lower_ not in DEFINITE or det.dep_ != "det":
            return None
        head = det.head
        if head.i <= det.i or head.pos_ != "NOUN" or head.i - det.i > 4:
            return None
        words = doc[det.i : head.i + 1]
        if any(t.pos_ == "PROPN" or t.idx in taken for t in words):
            return None
        if head.lower_ in self._state_heads():
            return words
        if head.lower_ not in self.kb.agents and head.lemma_.lower() not in self.kb.agents:
            return None
        return words

    def _detected(
        self, doc: Doc, chunk: Span, mentions: list[Mention], sentence_of: dict[int, int]
    ) -> Mention | None:
        """A noun phrase the trained detector calls an actor, resolved as an agent noun."""
        if self.record:
            doc._.description_trace.append(
                {
                    "start": chunk.start_char,
                    "end": chunk.end_char,
                    "text": chunk.text,
                    "features": features(chunk, self.lexicon),
                }
            )
        if self.detector is None:
            return None
        p = self.detector.probability(chunk, self.lexicon)
        if p < self.detector.threshold:
            return None
        found = self._apposed(chunk, mentions, sentence_of)
        found = found or self._named_alike(doc, chunk, mentions, sentence_of)
        if found is None:
            found = self._resolve_agent(doc, chunk, mentions, sentence_of)
        if found is not None:
            found.basis = f"detected description (p={p:.2f}); {found.basis}"
            found.probability = round(p, 3)
        return found

    def _apposed(
        self, chunk: Span, mentions: list[Mention], sentence_of: dict[int, int]
    ) -> Mention | None:
        """ "The official representative of the Russian Foreign Ministry, Maria
        Zakharova": the person named in apposition to the description."""
        root = chunk.root
        tokens = [t for t in root.subtree if t.dep_ == "appos" and t.head.i >= root.i]
        if root.dep_ == "appos":
            tokens.append(root.head)
        for token in tokens:
            for m in mentions:
                if m.start <= token.idx < m.end and self._person(m, "person"):
                    return _refers(chunk, m.actor, sentence_of, (m.start,), "apposition")
        return None

    def _named_alike(
        self, doc: Doc, chunk: Span, mentions: list[Mention], sentence_of: dict[int, int]
    ) -> Mention | None:
        """ "the commission" after "the National Telecommunications Commission": the
        latest body named with this head noun, within a few sentences."""
        head = chunk.root.lemma_.lower()
        cands = self._candidates(doc, chunk, mentions, sentence_of, MAX_SENTENCES_BACK)
        for c in cands:
            words = c.mention.text.lower().split()
            if c.members or self._person(c.mention, "person") or not words:
                continue
            if words[-1] in {head, chunk.root.lower_}:
                return _refers(
                    chunk, c.mention.actor, sentence_of, (c.mention.start,), "named alike"
                )
        return None

    def _titled_before(
        self, doc: Doc, head: Token, mentions: list[Mention], before: int
    ) -> Mention | None:
        """The latest person named before with this noun as title ("Judge Erick Garcia"
        ... "the judge"; "Chaudhry, the military spokesperson" ... "the spokesperson")."""
        word = head.lemma_.lower()
        for m in sorted(mentions, key=lambda m: -m.start):
            if m.start >= before or not self._person(m, "person"):
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            near = list(doc[max(span.start - 3, 0) : span.start]) + list(
                doc[span.end : min(span.end + 5, span.sent.end)]
            )
            if any(t.lemma_.lower() == word for t in near):
                return m
        return None

    def _institution_nouns(self) -> set[str]:
        """Nouns of the state institutions in ``anaphora.tsv`` ("the parliament")."""
        if self._institutions is None:
            self._institutions = {
                phrase.split()[-1]
                for phrase, kinds in self.kb.anaphora.items()
                if kinds[0] == "state_body" and len(phrase.split()) == 2
            }
        return self._institutions

    def _bare_institution(
        self, doc: Doc, span: Span, mentions: list[Mention], sentence_of: dict[int, int]
    ) -> Mention | None:
        """ "Mahathir's government", "Kenya's parliament": the body of the possessor;
        "Parliament" with no determiner: the state in focus's."""
        token = span[0]
        if token.pos_ not in {"NOUN", "PROPN"} or token.dep_ in {"compound", "amod"}:
            return None
        if any(c.dep_ == "det" for c in token.children):
            return None
        sector = self.kb.agents.get(token.lower_, "GOV")
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is not None:
            mention = next((m for m in mentions if m.start <= owner.idx < m.end), None)
            state = (
                self.kb.actors.get(mention.actor.code or "") if mention and mention.actor else None
            )
            if state is None or state.kind not in STATE_KINDS:
                return None
            body = ResolvedActor(state.id, state.name, state.code, sector, state.kind)
            return _refers(
                span, body, sentence_of, (mention.start,), "institution of the possessor"
            )
        if not token.is_title:
            return None
        cands = self._candidates(doc, span, mentions, sentence_of, MAX_SENTENCES_BACK)
        keep = [c for c in cands if not c.members and self._state_cand(c.mention)]
        pick = self._most_named(keep, mentions, span.start_char)
        if pick is None:
            return None
        actor = pick.mention.actor
        body = ResolvedActor(actor.id, actor.name, actor.code, sector, actor.kind)
        return _refers(
            span, body, sentence_of, (pick.mention.start,), "institution: state in focus"
        )

    def _state_heads(self) -> set[str]:
        """Nouns that make a description a state ("the Southeast Asian nation"): the heads
        of the two-word state phrases of ``anaphora.tsv`` ("the country")."""
        if self._states is None:
            self._states = {
                phrase.split()[1]
                for phrase, kinds in self.kb.anaphora.items()
                if kinds == ["state"] and len(phrase.split()) == 2
            }
        return self._states

    def _resolve_agent(
        self, doc: Doc, span: Span, mentions: list[Mention], sentence_of: dict[int, int]
    ) -> Mention | None:
        """A singular agent is the nearest person ("the publisher" after "Jose Zamora");
        a plural one, or a singular with no person near, the state in focus, in the
        agent's sector ("the officials", "the militants")."""
        head = span[-1]
        cands = self._candidates(doc, span, mentions, sentence_of, MAX_SENTENCES_BACK)
        if head.lower_ in self._state_heads():
            found = self._by_kind("state", cands, mentions, span)
            return _refers(span, found[0], sentence_of, found[1], found[2]) if found else None
        if head.tag_ not in PLURAL_TAGS:
            titled = self._titled_before(doc, head, mentions, span.start_char)
            if titled is not None:
                return _refers(
                    span, titled.actor, sentence_of, (titled.start,), "agent noun: titled so"
                )
            near = [c for c in cands if not c.members and self._person(c.mention, "person")]
            pick = _best([c for c in near if sentence_of.get(span.start, 0) - c.sentence <= 1])
            if pick is not None:
                return _refers(
                    span,
                    pick.mention.actor,
                    sentence_of,
                    (pick.mention.start,),
                    "agent noun: nearest person",
                )
        keep = [c for c in cands if not c.members and self._state_cand(c.mention)]
        pick = _best(keep)
        if pick is None:
            return None
        actor = pick.mention.actor
        sector = self.kb.agents.get(head.lower_) or self.kb.agents.get(head.lemma_.lower())
        body = ResolvedActor(actor.id, actor.name, actor.code, sector, actor.kind)
        return _refers(span, body, sentence_of, (pick.mention.start,), "agent noun: state in focus")
