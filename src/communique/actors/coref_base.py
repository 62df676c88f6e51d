"""What the coreference rules share: limits, the candidate and context records, sets of
actors, and the small functions on spans and candidates (``coref.py`` resolves pronouns
and descriptions with them; ``coref_descriptions.py`` the descriptions by agent noun and
the trained detector's)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Span

from communique.models import Mention, ResolvedActor

MAX_SENTENCES_BACK = 3
PAIR_SENTENCES_BACK = 6
STATE_KINDS = {"state", "observer", "territory"}
ORG_KINDS = {"igo", "institution", "programme", "group", "ngo"}
SUBJECTS = {"nsubj", "nsubjpass"}
PLURAL_TAGS = {"NNS", "NNPS"}
DEFINITE = {"the", "this", "these", "those"}


@dataclass(slots=True)
class CorefChain:
    """One actor (or set) and the starts of every mention that refers to it."""

    actor: ResolvedActor
    mentions: list[int] = field(default_factory=list)


@dataclass(slots=True)
class _Cand:
    mention: Mention
    sentence: int
    subject: bool
    plural: bool
    members: tuple[Mention, ...] = ()
    role: str = "-"  # the grammatical role of its head (``grammatical_role``)


@dataclass(slots=True)
class _Context:
    """What the ranker's features compare a candidate with."""

    rule_codes: tuple[str, ...] | None  # the rules' answer
    rule_id: str | None
    counts: Counter  # codes named so far in the article
    top: str | None  # the code named most so far
    people: Counter  # people (by actor id) named so far
    top_person: str | None
    among: Counter  # codes among the candidates
    first_fit: int | None  # the nearest candidate the rules allow


def set_actor(actors: list[ResolvedActor]) -> ResolvedActor:
    """A set of actors as one antecedent ("the two countries")."""
    unique = list({a.id: a for a in actors}.values())
    codes = sorted({a.code for a in unique if a.code})
    return ResolvedActor(
        "set:" + "+".join(codes),
        " and ".join(a.name for a in unique),
        None,
        None,
        "set",
        tuple(unique),
    )


def _anaphoric(span: Span) -> bool:
    """A pronoun or a description, not a word that only looks like one ("US" as "us")."""
    if len(span) > 1:
        return True
    token = span[0]
    if token.lower_ == "it" and _dummy_it(token):
        return False
    return token.pos_ in {"PRON", "DET"} or token.tag_ in {"PRP", "PRP$"}


def _dummy_it(token) -> bool:
    """ "It is important to ...", "it seems that ...": "it" stands for no actor."""
    head = token.head
    if token.dep_ == "expl":
        return True
    clause = any(c.dep_ in {"ccomp", "xcomp", "csubj"} for c in head.children)
    return token.dep_ in SUBJECTS and head.lemma_ in {"be", "seem", "appear", "remain"} and clause


def _refers(
    span: Span,
    actor: ResolvedActor,
    sentence_of: dict[int, int],
    antecedent: tuple[int, ...],
    basis: str,
) -> Mention:
    return Mention(
        span.text,
        span.start_char,
        span.end_char,
        actor,
        "coref",
        sentence=sentence_of.get(span.start),
        antecedent=antecedent,
        basis=basis,
    )


def grammatical_role(token) -> str:
    """A coarse role for the ranker: subject, the possessor of a subject ("Armenia's
    foreign policy is shifting"), another possessor, object, prepositional object."""
    if _is_subject(token):
        return "subject"
    if token.dep_ == "poss":
        return "poss_subject" if _is_subject(token.head) else "poss"
    if token.dep_ in {"dobj", "pobj", "appos", "conj", "compound"}:
        return token.dep_
    return "other"


def _is_subject(token) -> bool:
    while token.dep_ in {"compound", "amod", "poss", "conj", "appos"} and token.head is not token:
        token = token.head
    return token.dep_ in SUBJECTS


def _modifies_next(span: Span) -> bool:
    """ "the military" in "the military spokesperson": the phrase only modifies a noun."""
    last = span[-1]
    return last.dep_ in {"compound", "amod", "nmod"} and last.head.i >= span.end


def _starts(cand: _Cand) -> tuple[int, ...]:
    return tuple(m.start for m in cand.members) if cand.members else (cand.mention.start,)


def _codes(cand: _Cand) -> tuple[str, ...]:
    if cand.members:
        return tuple(sorted({m.actor.code for m in cand.members if m.actor.code}))
    return cand.mention.actor.codes


def _is_set(mention: Mention) -> bool:
    return bool(mention.actor and mention.actor.members)


def _coordinations(cands: list[_Cand], span_of: dict[int, Span]) -> list[_Cand]:
    """ "Japan and India", "Putin and Xi": mentions joined by a conjunction, as one set."""
    by_root = {span_of[c.mention.start].root.i: c for c in cands if c.mention.start in span_of}
    sets = []
    for root_i, cand in by_root.items():
        root = span_of[cand.mention.start].root
        members = [cand]
        for token in root.subtree:
            if token.dep_ == "conj" and token.i in by_root and token.i != root_i:
                head = token.head
                while head.dep_ == "conj" and head.i not in by_root:
                    head = head.head
                if head.i == root_i or head.i in {span_of[m.mention.start].root.i for m in members}:
                    members.append(by_root[token.i])
        if len(members) >= 2 and root.dep_ != "conj":
            sets.append(
                _Cand(
                    cand.mention,
                    cand.sentence,
                    cand.subject,
                    True,
                    tuple(m.mention for m in members),
                )
            )
    return sets


def _best(cands: list[_Cand]) -> _Cand | None:
    """Nearest sentence first; within it a subject first, then the latest mention."""
    if not cands:
        return None
    nearest = max(c.sentence for c in cands)
    same = [c for c in cands if c.sentence == nearest]
    subjects = [c for c in same if c.subject]
    return max(subjects or same, key=lambda c: c.mention.start)


def _single(cand: _Cand | None, basis: str) -> tuple[ResolvedActor, tuple[int, ...], str] | None:
    if cand is None:
        return None
    return cand.mention.actor, (cand.mention.start,), basis


def _chains(mentions: list[Mention]) -> list[CorefChain]:
    by_start = {m.start: m for m in mentions}
    chains: dict[str, CorefChain] = {}
    for m in mentions:
        if m.how != "coref" or m.actor is None:
            continue
        chain = chains.setdefault(m.actor.id, CorefChain(m.actor))
        for start in m.antecedent:
            if start in by_start and start not in chain.mentions:
                chain.mentions.append(start)
        chain.mentions.append(m.start)
    return list(chains.values())
