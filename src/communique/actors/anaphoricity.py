"""A trained filter for pronouns that refer to no actor: "it marked his first visit",
"they were released", "their homes", "it is important".

The coreference rules resolve every third-person pronoun they can to an actor nearby.
Read news shows that most "it" and many "they", "them" and "their" refer to things,
events or people who are no political actor (on the dev split, 170 of the 217 "it"
the rules resolved). The rules' own test for a dummy "it" (``coref_base._dummy_it``)
catches few. So each neuter or plural pronoun is scored by a logistic regression
trained on the gold set's dev split (``communique.actors.train_anaphoricity``,
``make train``): a pronoun the annotators marked as an actor mention is anaphoric to an
actor, any other is not. The features are the pronoun, its grammatical role and the
verb it depends on, the words around it, how many bodies and groups were named just
before it, and the parser's vector of the pronoun. Below the threshold the pronoun is
left unresolved; above it the rules (and the coreference ranker) resolve it, and the
mention keeps the probability in its basis."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from communique.actors.kb import KnowledgeBase
from communique.actors.ranker import Ranker, TensorModel, bucket, tensor_features
from communique.models import Mention
from communique.resources import package_data

MODEL_FILE = "anaphoricity_model.json"
NEAR_SENTENCES = 1  # bodies named in the pronoun's sentence and the one before


class Filter(TensorModel):
    """The trained pronoun filter."""

    def probability(self, token: Token, near: list[Mention], speech: frozenset[str]) -> float:
        return self.score(features(token, near, speech, tensor=False), token)


def features(
    token: Token, near: list[Mention], speech: frozenset[str], tensor: bool = True
) -> dict[str, float]:
    """What the filter sees of one pronoun; ``near`` are the actor mentions named in its
    sentence before it and in the sentence before, ``speech`` the speech verbs."""
    a = token.lower_
    head = token.head
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    prev = token.nbor(-1) if token.i > 0 else None
    bodies = sum(1 for m in near if m.actor and not m.actor.is_person and m.actor.code)
    people = sum(1 for m in near if m.actor and m.actor.is_person)
    f: dict[str, float] = {
        f"a={a}": 1.0,
        f"dep={token.dep_}": 1.0,
        f"a={a}|dep={token.dep_}": 1.0,
        f"head={head.lemma_.lower()}": 1.0,
        f"a={a}|head={head.lemma_.lower()}": 1.0,
        f"head_pos={head.pos_}": 1.0,
        f"next={nxt.lower_ if nxt is not None else '-'}": 1.0,
        f"next_pos={nxt.pos_ if nxt is not None else '-'}": 1.0,
        f"prev={prev.lower_ if prev is not None else '-'}": 1.0,
        f"bodies={bucket(bodies, (1, 2, 4))}": 1.0,
        f"a={a}|bodies={bucket(bodies, (1, 2, 4))}": 1.0,
        f"people={bucket(people, (1, 2, 4))}": 1.0,
        "sentence_start": float(token.is_sent_start),
    }
    if token.dep_ == "poss":
        f[f"possessed={head.lemma_.lower()}"] = 1.0
    if token.dep_ in {"nsubj", "nsubjpass"} and head.lemma_.lower() in speech:
        f[f"a={a}|speaks"] = 1.0  # "it said": a body speaks
    things = _nouns_since_actor(token, near)
    f[f"a={a}|things_between={bucket(things, (1, 2, 4))}"] = 1.0
    if tensor:
        f.update(tensor_features(token))
    return f


def _nouns_since_actor(token: Token, near: list[Mention]) -> int:
    """Common nouns of the pronoun's number between the nearest actor named before it and
    the pronoun ("The visit ... and it came": a thing is nearer than any actor); the
    whole window when no actor is near."""
    doc = token.doc
    plural = "Plur" in token.morph.get("Number")
    bodies = [m for m in near if m.actor and m.actor.code]
    start = max((m.end for m in bodies), default=doc[token.sent.start].idx)
    tags = {"NNS"} if plural else {"NN"}
    return sum(
        1
        for t in doc[max(token.sent.start - 40, 0) : token.i]
        if t.idx >= start and t.pos_ == "NOUN" and t.tag_ in tags
    )


def filtered_pronouns(kb: KnowledgeBase) -> frozenset[str]:
    """The pronouns the filter scores: one-word entries of ``anaphora.tsv`` that may
    stand for a state, an organisation or a group ("it", "its", "they", "their"), not
    "he" or "she"."""
    return frozenset(
        p
        for p, kinds in kb.anaphora.items()
        if " " not in p and {"state", "organisation", "group"} & set(kinds)
    )


@lru_cache(maxsize=1)
def shipped_filter() -> Filter | None:
    """The model shipped in the package, or None before ``make train`` has made one."""
    path = package_data("communique.actors", MODEL_FILE)
    return Filter.of(Ranker.from_file(path)) if path.exists() else None
