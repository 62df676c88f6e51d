"""The event coder: verbal and nominal predicates on the parsed Doc become coded events,
with source and target from the dependency structure and actors from the actor layer.

A verb (or phrasal verb) from the verb tables, refined by the most specific pattern of
words after it, gives the CAMEO code; its subject (or, in the passive, the "by" agent) is
the source and its object (or the phrase the pattern names) the target. A trigger noun
("the visit of X to Y", "the Russian invasion") finds its participants in its own phrase.
Conjoined actors give one event per pair; negated acts are not coded."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from communique.actors.kb import KnowledgeBase
from communique.events.dates import event_date
from communique.events.geo import event_location
from communique.events.lexicon import Lexicon, NounEntry, VerbPattern
from communique.models import Event, EventDate, EventMention, Mention

TARGET_PREPS = (
    "to",
    "with",
    "against",
    "on",
    "at",
    "into",
    "toward",
    "towards",
    "for",
    "from",
    "over",
    "about",
    "of",
    "in",
)
NESTED_PREPS = {"of", "in", "for", "to", "from", "into", "against", "on"}
# With a direct object that is not an actor ("sent troops to X", "imposed sanctions on X"),
# only these prepositions introduce the target ("unite X with Y": Y is not one).
PREPS_AFTER_OBJECT = {"to", "on", "against", "into", "toward", "towards", "for", "from"}
NEGATING_NOUNS = {"inability", "failure", "refusal", "reluctance", "unwillingness"}
MODIFIER_DEPS = {"poss", "compound", "amod", "nmod", "appos"}
SUBJECT_DEPS = {"nsubj", "csubj"}
CONTROL_BY_OBJECT = True  # "urged X to do": X is the doer of the infinitive
# "pledged to deliver X", "agreed to exchange prisoners": an announced act, coded as the
# intent to do it (intent_codes.tsv).
INTENT_VERBS = {
    "plan",
    "intend",
    "aim",
    "hope",
    "expect",
    "prepare",
    "threaten",
    "propose",
    "offer",
    "promise",
    "pledge",
    "vow",
    "agree",
    "vote",
    "resolve",
    "undertake",
}
# "urged X to do Y": Y is what was asked for, coded by the appeal itself, not an act.
UNREALISED_HEADS = {
    "urge",
    "push",
    "press",
    "encourage",
    "ask",
    "call",
    "appeal",
    "want",
    "wish",
    "try",
    "seek",
    "demand",
    "invite",
    "advise",
    "need",
    "require",
    "allow",
    "help",
    "attempt",
}
UNREALISED_NOUNS = {
    "bid",
    "plan",
    "attempt",
    "effort",
    "desire",
    "aspiration",
    "intention",
    "call",
    "proposal",
    "offer",
    "readiness",
    "willingness",
    "ambition",
    "hope",
    "goal",
    "aim",
    "threat",
    "request",
    "demand",
    "appeal",
    "push",
    "pressure",
}
NEGATING_VERBS = {"refuse", "decline", "deny", "fail", "reject"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "must", "can"}
FUTURE_AUX = {"will", "shall", "'ll"}
PLURAL_PAIRS = {"nation", "country", "side", "state", "government", "neighbor", "neighbour"}
TIME_ENTS = {"DATE", "TIME"}
# Acts that are said: their target may be the target of what they report.
SPEECH_ACT_ROOTS = {"01", "02", "10", "11", "12", "13"}
MAX_GAP = 4  # tokens between two words of a pattern
FIRST_GAP = 8  # tokens between the verb and a pattern's first word ("deliver a further X")
STATEMENT = "010"
THREATEN = "130"
# Codes that describe a joint act: "A met (with) B" is also B meeting A.
MUTUAL_CODES = {
    "030",
    "031",
    "0311",
    "0312",
    "0313",
    "0314",
    "032",
    "036",
    "037",
    "0356",
    "040",
    "041",
    "044",
    "046",
    "057",
    "060",
    "061",
    "062",
    "063",
    "064",
    "0841",
    "0871",
}


@dataclass(slots=True)
class Found:
    """A candidate event before dating and dedupe."""

    source: Mention
    target: Mention
    code: str
    trigger: Token
    pattern: str
    confidence: float


class MentionIndex:
    """Resolved mentions by token index; ``people`` keeps people of no known body too
    (a quote's speaker may be a person the knowledge base does not know), and the
    unnamed agents ("police said", ``actors/unnamed.py``) where no mention stands."""

    def __init__(self, doc: Doc, *, people: bool = False) -> None:
        self.text = doc.text  # spaCy rebuilds Doc.text on every access: read it once
        self.by_token: dict[int, Mention] = {}
        for mention in doc._.mentions or []:
            actor = mention.actor
            if actor is None or (actor.code is None and not (people and actor.is_person)):
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                self.by_token.setdefault(token.i, mention)
        for mention in doc._.unnamed or [] if people else []:  # "police said": a speaker
            if mention.actor is None or mention.actor.code is None:
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            for token in span if span is not None else []:
                self.by_token.setdefault(token.i, mention)
        self.ordered = sorted(
            (m for m in doc._.mentions or [] if m.actor and m.actor.code), key=lambda m: m.start
        )

    def get(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)


class EventCoder:
    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon) -> None:
        self.kb = kb
        self.lex = lexicon

    def __call__(self, doc: Doc) -> Doc:
        index = MentionIndex(doc)
        ref: EventDate = doc._.ref_event_date or EventDate(None, None, "none")
        events: list[Event] = []
        for sent in doc.sents:
            for found in self._sentence(sent, index):
                event = self._event(doc, sent, found, ref)
                if event is not None:
                    _add_or_merge(events, event)
        doc._.events = events
        return doc

    # ---- finding ---------------------------------------------------------------------

    def _sentence(self, sent: Span, index: MentionIndex) -> Iterator[Found]:
        for token in sent:
            if token.pos_ == "VERB":
                yield from self._verbal(token, index)
            elif token.pos_ in {"NOUN", "PROPN"}:
                entry = self._noun_entry(token)
                if entry is not None:
                    yield from self._nominal(token, entry, index)

    def _verb_entry(self, token: Token) -> tuple[str, str | None, str | None, VerbPattern | None]:
        """(verb phrase, code, passive code, pattern) for a verb token; code None = no event."""
        lemma = token.lemma_.lower()
        phrases = [f"{lemma} {c.lower_}" for c in token.children if c.dep_ in {"prt", "prep"}]
        for phrase in [*phrases, lemma]:
            entry = self.lex.verbs.get(phrase)
            patterns = self.lex.patterns.get(phrase, [])
            if entry is None and not patterns:
                continue
            matched = self._match(token, patterns)
            if matched is not None:  # a pattern coded --- blocks the verb ("release a statement")
                return phrase, matched.code, matched.passive_code, matched
            if entry is not None and entry.code:
                return phrase, entry.code, entry.passive_code, None
        return lemma, None, None, None

    def _match(self, token: Token, patterns: list[VerbPattern]) -> VerbPattern | None:
        right = _right_of(token)
        for pattern in patterns:  # longest first
            if _sequence_matches(self.lex, pattern.words, right) is not None:
                return pattern
        return None

    def _verbal(self, token: Token, index: MentionIndex) -> Iterator[Found]:
        phrase, code, _passive_code, pattern = self._verb_entry(token)
        if code is None or code == STATEMENT or _negated(token) or _unrealised(token):
            return
        # PETRARCH's passive codes ([042:043]) code the grammatical subject as the source;
        # here the passive is undone instead (the "by" agent is the source), so the active
        # code stands.
        passive = _is_passive(token)
        label = pattern.label if pattern else f"verb {phrase} [{code}] ({self._origin(phrase)})"
        if passive:
            sources = self._agents(token, index)
            targets = self._passive_subjects(token, index)
            confidence = 0.75
        else:
            sources, inherited = self._subjects(token, index)
            exclude = {m.actor.code for m in sources}
            targets = self._objects(token, index, pattern, exclude)
            confidence = 0.65 if inherited else 0.8
            if not targets and code[:2] in SPEECH_ACT_ROOTS:
                # "warned that they would strike Israel": a threat (accusation, appeal...)
                # is aimed at whom the reported act is aimed at
                targets = self._reported_target(token, index, exclude)
        if not targets and len(sources) > 1 and code in MUTUAL_CODES:
            # "Vucic and Kurti met": each with the other
            targets = sources
        partners = _with_spans(token) if code in MUTUAL_CODES else []
        for source in sources:
            for target in targets:
                if source is target:
                    continue
                conf = _adjust(confidence, source, target)
                yield Found(source, target, code, token, label, conf)
                if targets is not sources and any(a <= target.start < b for a, b in partners):
                    yield Found(target, source, code, token, label, conf)

    def _reported_target(
        self, verb: Token, index: MentionIndex, exclude: set[str]
    ) -> list[Mention]:
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            found = self._objects(clause, index, None, exclude)
            if found:
                return found
        return []

    def _origin(self, phrase: str) -> str:
        entry = self.lex.verbs.get(phrase)
        return entry.origin if entry else "?"

    def _noun_entry(self, token: Token) -> NounEntry | None:
        lemma = token.lemma_.lower()
        for child in token.children:
            if child.dep_ in {"compound", "amod"}:  # "joint exercise", "military aid"
                entry = self.lex.nouns.get(f"{child.lemma_.lower()} {lemma}")
                if entry is not None:
                    return entry
        return self.lex.nouns.get(lemma)

    def _nominal(self, token: Token, entry: NounEntry, index: MentionIndex) -> Iterator[Found]:
        if (
            any(c.lower_ == "no" and c.dep_ == "det" for c in token.children)
            or _negated(token.head)
            or _unrealised(token.head)
        ):
            return
        sources = self._from_specs(token, entry.source_from, index, set())
        confidence = 0.7
        if not sources:
            sources = self._light_verb_subject(token, index)
            confidence = 0.6
        exclude = {m.actor.code for m in sources}
        targets = self._from_specs(token, entry.target_from, index, exclude)
        if not targets and token.dep_ == "dobj":
            # "paid a visit to Kyiv", "began his travels in Baku": the phrase hangs on the verb
            preps = tuple(spec for spec in entry.target_from if spec.startswith("prep:"))
            targets = self._from_specs(token.head, preps, index, exclude)
        if not targets:
            targets = self._passive_victim(token, index, exclude)
        if entry.symmetric and not targets and len(sources) > 1:
            targets = sources  # "talks between A and B", "Chinese and Russian drills"
        pairwise = targets is sources
        for source in sources:
            for target in targets:
                if source is target:
                    continue
                found = Found(
                    source,
                    target,
                    entry.code,
                    token,
                    entry.label,
                    _adjust(confidence, source, target),
                )
                yield found
                if entry.symmetric and not pairwise:
                    yield Found(target, source, entry.code, token, entry.label, found.confidence)

    # ---- participants ------------------------------------------------------------------

    def _subjects(
        self, verb: Token, index: MentionIndex, depth: int = 0
    ) -> tuple[list[Mention], bool]:
        """Who did it: the subject, else the subject the verb shares with the verb it is
        conjoined to or controlled by ("tried to unite": the one who tried)."""
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                return self._actors(child, index, set()), depth > 0
        if depth > 3:
            return [], True
        head = verb.head
        if verb.dep_ == "conj" and head.pos_ in {"VERB", "AUX"}:
            return self._subjects(head, index, depth + 1)[0], True
        if verb.dep_ == "xcomp":
            controller = [c for c in head.children if c.dep_ == "dobj"]
            if controller and CONTROL_BY_OBJECT:
                return self._actors(controller[0], index, set()), True
            return self._subjects(head, index, depth + 1)[0], True
        if verb.dep_ in {"relcl", "acl"} and head.pos_ in {"NOUN", "PROPN", "PRON"}:
            return self._actors(head, index, set()), True
        if verb.dep_ == "advcl" and verb.tag_ == "VBG":
            return self._subjects(head, index, depth + 1)[0], True
        return [], True

    def _objects(
        self, verb: Token, index: MentionIndex, pattern: VerbPattern | None, exclude: set[str]
    ) -> list[Mention]:
        """To whom: a direct object that is an actor ("accused Israel of genocide"), else
        the phrase after the pattern's words ("gratitude for X"), else the direct object's
        phrase, else the object of a preposition."""
        for child in verb.children:
            if child.dep_ in {"dobj", "dative"}:
                mention = index.get(child)
                if mention is not None and mention.actor.code not in exclude:
                    return self._actors(child, index, exclude)
        if pattern is not None:
            right = _right_of(verb)
            end = _sequence_matches(self.lex, pattern.words, right)
            if end is not None:
                found = self._after(verb, end, index, exclude)
                if found:
                    return found
        has_object = False
        for dep in ("dobj", "dative"):
            for child in verb.children:
                if child.dep_ == dep and child.pos_ != "ADP":
                    has_object = True
                    found = self._actors(child, index, exclude)
                    if found:
                        return found
        for child in verb.children:  # "demanded that Russia withdraw": who is addressed
            if child.dep_ == "ccomp" and not has_object:
                for subject in child.children:
                    if subject.dep_ in SUBJECT_DEPS:
                        found = self._actors(subject, index, exclude)
                        if found:
                            return found
        for prep in TARGET_PREPS:
            if has_object and prep not in PREPS_AFTER_OBJECT:
                continue
            for child in verb.children:
                # "sent aid to X": the parser calls that "to" a dative at times
                if child.dep_ in {"prep", "dative"} and child.lower_ == prep:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found = self._actors(pobj, index, exclude)
                            if found:
                                return found
        return []

    def _after(
        self, verb: Token, last: int, index: MentionIndex, exclude: set[str]
    ) -> list[Mention]:
        """The actor in the phrase right after the last word a pattern matched."""
        token = verb.doc[last]
        if token.dep_ == "prep" or token.pos_ == "ADP":
            for pobj in token.children:
                if pobj.dep_ in {"pobj", "pcomp"}:
                    return self._actors(pobj, index, exclude)
        found = self._actors(token, index, exclude)
        if found:
            return found
        event_noun = self._noun_entry(token) is not None
        for child in token.children:
            if child.dep_ == "prep" and not (event_noun and child.lower_ == "of"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return self._actors(pobj, index, exclude)
        return []

    def _agents(self, verb: Token, index: MentionIndex) -> list[Mention]:
        for child in verb.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return self._actors(pobj, index, set())
        return []

    def _passive_subjects(self, verb: Token, index: MentionIndex, depth: int = 0) -> list[Mention]:
        for child in verb.children:
            if child.dep_ in {"nsubjpass", "nsubj"}:
                return self._actors(child, index, set())
        if verb.dep_ == "conj" and depth < 3:
            head = verb.head
            for child in head.children:
                if child.dep_ in SUBJECT_DEPS | {"nsubjpass"}:
                    return self._actors(child, index, set())
            return self._passive_subjects(head, index, depth + 1)
        return []

    def _light_verb_subject(self, noun: Token, index: MentionIndex) -> list[Mention]:
        """ "Russia launched an invasion": the noun's source is the subject of its verb."""
        if noun.dep_ in {"dobj", "attr"} and noun.head.pos_ in {"VERB", "AUX"}:
            return self._subjects(noun.head, index)[0]
        return []

    def _passive_victim(self, noun: Token, index: MentionIndex, exclude: set[str]) -> list[Mention]:
        """ "Georgia was stopped by the Russian invasion": the target is who was stopped."""
        prep = noun.head
        if noun.dep_ == "pobj" and prep.dep_ == "agent":
            return [
                m for m in self._passive_subjects(prep.head, index) if m.actor.code not in exclude
            ]
        return []

    def _from_specs(
        self, noun: Token, specs: tuple[str, ...], index: MentionIndex, exclude: set[str]
    ) -> list[Mention]:
        for spec in specs:
            dep, _, prep = spec.partition(":")
            for child in noun.children:
                if dep == "prep" and child.dep_ == "prep" and child.lower_ == prep:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found = self._actors(pobj, index, exclude)
                            if found:
                                return found
                elif dep != "prep" and child.dep_ == dep:
                    mention = index.get(child)
                    if mention and mention.actor.code not in exclude:
                        return [mention]
        return []

    def _actors(self, token: Token, index: MentionIndex, exclude: set[str]) -> list[Mention]:
        """The actors an argument denotes, one per conjunct ("Azerbaijan, Armenia and
        Georgia"); "both nations" is the pair named just before."""
        found: list[Mention] = []
        for part in (token, *token.conjuncts):
            if part.lemma_.lower() in PLURAL_PAIRS and any(
                c.lower_ in {"both", "two"} for c in part.children
            ):
                found += _recent_states(part, index, exclude)
                continue
            mention = self._actor(part, index, exclude, 0)
            if mention is not None and mention not in found:
                found.append(mention)
            for child in part.children:  # "Indian and Pakistani troops"
                if child.dep_ in MODIFIER_DEPS and child.conjuncts:
                    for conj in (child, *child.conjuncts):
                        other = index.get(conj)
                        if other and other.actor.code not in exclude and other not in found:
                            found.append(other)
        return found

    def _actor(
        self, token: Token, index: MentionIndex, exclude: set[str], depth: int
    ) -> Mention | None:
        mention = index.get(token)
        if mention is not None and mention.actor.code not in exclude:
            return mention
        for child in token.children:
            if child.dep_ in MODIFIER_DEPS:
                mention = index.get(child)
                if mention is not None and mention.actor.code not in exclude:
                    return mention
        for child in token.children if depth == 0 and token.dep_ == "dobj" else ():
            # "rejected a ceasefire ordered by Putin": the proposal is Putin's
            if child.dep_ == "acl":
                for agent in (c for c in child.children if c.dep_ == "agent"):
                    for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                        mention = index.get(pobj)
                        if mention is not None and mention.actor.code not in exclude:
                            return mention
        if depth < 2:
            event_noun = self._noun_entry(token) is not None
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in NESTED_PREPS:
                    if event_noun and child.lower_ == "of":
                        continue  # "the visit of X": X is the visitor, not a target
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            nested = self._actor(pobj, index, exclude, depth + 1)
                            if nested is not None:
                                return nested
        return None

    # ---- the record --------------------------------------------------------------------

    def _event(self, doc: Doc, sent: Span, found: Found, ref: EventDate) -> Event | None:
        source, target = found.source.actor, found.target.actor
        if source.code == target.code or self._same_side(source.id, target.id):
            return None
        if not self.lex.place_may_take_part(found.source, found.target, found.code):
            return None  # "the ministers met in Geneva": a place says where, not who
        modality = _modality(found.trigger)
        code = found.code
        if modality == "intended":  # "will visit": the intent to meet (036), as CAMEO codes it
            code = self.lex.intent_code(code) or code
            if _threatened(found.trigger) and not code.startswith("13"):
                code = THREATEN  # "threatened to veto": whatever the act, a threat
        info = self.lex.codes.get(code)
        if info is None:
            return None
        plover_type, plover_mode = self._plover(code)
        when = event_date(sent, found.trigger, ref)
        mention = EventMention(
            sent.text,
            sent.start_char,
            sent.end_char,
            found.trigger.text,
            found.trigger.idx,
            found.trigger.idx + len(found.trigger),
            (found.source.start, found.source.end),
            (found.target.start, found.target.end),
        )
        key = f"{doc._.article_id}|{source.code}|{target.code}|{code}|{when.value}"
        return Event(
            id=hashlib.sha1(key.encode()).hexdigest()[:16],
            article_id=doc._.article_id,
            source=source,
            target=target,
            cameo=code,
            cameo_name=info.name,
            root=info.root,
            goldstein=info.goldstein,
            quad_class=info.quad_class,
            plover_type=plover_type,
            plover_mode=plover_mode,
            date=when,
            modality=modality,
            pattern=found.pattern,
            confidence=found.confidence,
            mentions=[mention],
            location=event_location(sent, found.trigger),
            source_how=found.source.how,
            target_how=found.target.how,
        )

    def _plover(self, code: str) -> tuple[str | None, str | None]:
        while code:
            info = self.lex.codes.get(code)
            if info is not None and info.plover_type:
                return info.plover_type, info.plover_mode
            code = code[:-1] if len(code) > 2 else ""
        return None, None

    def _same_side(self, source_id: str, target_id: str) -> bool:
        """A territory and the state it belongs to, or an institution and its organisation,
        are one side: no dyadic event between them."""
        a, b = self.kb.actors.get(source_id), self.kb.actors.get(target_id)
        if a is None or b is None:
            return False
        return (
            a.parent == b.id or b.parent == a.id or (a.parent is not None and a.parent == b.parent)
        )


def _add_or_merge(events: list[Event], event: Event) -> None:
    """One event, one record: the same dyad and code at compatible dates (one date a
    prefix of the other: "March 17" and "March 2024") is a further mention of a known
    event, which keeps the more precise date."""
    for known in events:
        same = (known.source.code, known.target.code, known.cameo) == (
            event.source.code,
            event.target.code,
            event.cameo,
        )
        a, b = known.date.value or "", event.date.value or ""
        if not same or not (a.startswith(b) or b.startswith(a)):
            continue
        if event.first.trigger_start not in {m.trigger_start for m in known.mentions}:
            known.mentions.append(event.first)
            known.confidence = max(known.confidence, event.confidence)
        if len(b) > len(a):  # the more precise date wins; the id follows the first report
            known.date = event.date
        return
    events.append(event)


def _right_of(verb: Token) -> list[Token]:
    """The words after a verb in its own phrase that patterns may match: not dates or times
    nor the prepositions that introduce them ("on Thursday" is no object)."""
    return [
        t
        for t in verb.subtree
        if t.i > verb.i
        and t.ent_type_ not in TIME_ENTS
        and not (t.dep_ == "prep" and any(c.ent_type_ in TIME_ENTS for c in t.children))
    ]


def _sequence_matches(lex: Lexicon, words: tuple[str, ...], tokens: list[Token]) -> int | None:
    """Index of the token matching the last word when ``words`` occur in order in
    ``tokens`` with gaps of at most MAX_GAP tokens; else None."""
    position = 0
    last = None
    for word in words:
        limit = len(tokens) if last is None else min(len(tokens), position + MAX_GAP + 1)
        for k in range(position, limit):
            token = tokens[k]
            if lex.word_matches(word, token.lemma_.lower(), token.lower_, token.tag_):
                last, position = token.i, k + 1
                break
        else:
            return None
        if position > FIRST_GAP + 1 and last is not None and word == words[0]:
            return None  # the pattern must start in the verb's own phrase
    return last


def _with_spans(verb: Token) -> list[tuple[int, int]]:
    """Character ranges of the verb's "with"/"between" phrases ("met with B", "held
    talks with B"): a partner named there takes part both ways."""
    spans = []
    for child in verb.subtree:
        if (
            child.dep_ == "prep"
            and child.lower_ in {"with", "between"}
            and (child.head.i == verb.i or child.head.head.i == verb.i)
        ):
            last = max(t.i for t in child.subtree)
            spans.append((child.idx, child.doc[last].idx + len(child.doc[last])))
    return spans


def _threatened(trigger: Token) -> bool:
    return trigger.dep_ == "xcomp" and trigger.head.lemma_.lower() == "threaten"


def _unrealised(verb: Token) -> bool:
    """The act is only what someone urges, asks, wants or plans ("pushed A and B to reach
    a treaty", "hopes to join", "Moldova's bid to join"): the content of an appeal or an
    intent, not an event."""
    head = verb.head.lemma_.lower()
    if verb.dep_ == "xcomp" and head in UNREALISED_HEADS:
        return True
    return verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and head in UNREALISED_NOUNS


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def _negated(verb: Token) -> bool:
    """ "did not attack", "refused to attack", "denied attacking"."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    head = verb.head
    if verb.dep_ == "acl" and head.lemma_.lower() in NEGATING_NOUNS:
        return True  # "its inability to provide"
    return verb.dep_ in {"xcomp", "ccomp", "pcomp"} and head.lemma_.lower() in NEGATING_VERBS


def _modality(trigger: Token) -> str:
    verb = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
    for token in (verb, verb.head):
        for child in token.children:
            if child.dep_ == "mark" and child.lower_ in {"if", "unless"}:
                return "conditional"
    if any(
        c.dep_ == "advcl" and any(g.lower_ in {"if", "unless"} for g in c.children)
        for c in verb.children
    ):
        return "conditional"
    aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if aux & FUTURE_AUX:
        return "intended"
    if aux & HYPOTHETICAL_AUX:
        return "hypothetical"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in INTENT_VERBS:
        return "intended"
    return "asserted"


def _adjust(confidence: float, source: Mention, target: Mention) -> float:
    for mention in (source, target):
        if mention.how == "coref":
            confidence -= 0.1
        elif mention.how in {"fuzzy", "surname"}:
            confidence -= 0.05
    return max(0.1, confidence)


def _recent_states(token: Token, index: MentionIndex, exclude: set[str]) -> list[Mention]:
    """ "both nations": the two latest distinct states named in this or the previous
    sentence, before the phrase (fewer if fewer are named)."""
    doc = token.doc
    window_start = token.sent.start
    if window_start > 0:
        window_start = doc[window_start - 1].sent.start
    found: list[Mention] = []
    codes: set[str] = set()
    for i in range(token.i - 1, window_start - 1, -1):
        mention = index.by_token.get(i)
        if mention is None or mention.actor.code in codes | exclude:
            continue
        if mention.actor.kind in {"state", "observer", "territory"}:
            found.append(mention)
            codes.add(mention.actor.code)
            if len(found) == 2:
                break
    return found
