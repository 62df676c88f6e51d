"""A trained detector of descriptions that name an actor: "six militants", "the lady",
"security forces", "our brave soldiers", "the rights group".

The rules list the descriptions they resolve (``anaphora.tsv``: "the country", "the
government"; ``agents.tsv`` after a determiner: "the officials"). Annotated news shows
many more, with heads no list can hold. So the rules propose every noun phrase with a
common noun as head that no other mention holds, and a logistic regression trained on
the gold set's dev split (``communique.actors.train_descriptions``, ``make train``)
decides which name an actor, from the head noun, its determiner, its grammatical role,
the verb it is subject or object of, and the lexicons (agents, person nouns, state
nouns). A phrase it accepts is resolved like an agent noun (coreference): a singular
one to the person named nearest, a plural one to the state in focus. The model ships as
a JSON file of weights (``data/description_model.json``), scored without scikit-learn."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from communique.actors.kb import KnowledgeBase
from communique.actors.ranker import Ranker, TensorModel, tensor_features
from communique.resources import package_data, read_tsv

MODEL_FILE = "description_model.json"
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
DETERMINER_DEPS = {"det", "poss", "predet"}


@dataclass(frozen=True)
class Lexicon:
    """The word sets the features consult: the knowledge base's agent nouns, person nouns,
    the heads of its state and institution descriptions, and the speech verbs."""

    agents: frozenset[str]
    person_nouns: frozenset[str]
    described: frozenset[str]
    speech_verbs: frozenset[str]

    @classmethod
    def of(cls, kb: KnowledgeBase) -> Lexicon:
        rows = read_tsv(package_data("communique.quotes", "speech_verbs.tsv"))
        return cls(
            agents=frozenset(kb.agents),
            person_nouns=frozenset(kb.person_nouns),
            described=frozenset(p.split()[-1] for p in kb.anaphora),
            speech_verbs=frozenset(r["verb"] for r in rows if r["stance"] != "only"),
        )


def noun_phrases(doc: Doc, taken: set[int]) -> dict[int, Span]:
    """The candidates, by first token: noun chunks with a common noun as head, naming
    no one by name, that no mention holds (``taken``: the character offsets of the
    mentions)."""
    found: dict[int, Span] = {}
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.pos_ != "NOUN" or any(t.idx in taken or t.pos_ == "PROPN" for t in chunk):
            continue
        if not any(t.is_alpha for t in chunk):
            continue
        found[chunk.start] = chunk
    return found


def features(chunk: Span, lexicon: Lexicon, tensor: bool = True) -> dict[str, float]:
    """What the detector sees of one noun phrase (``tensor``: with the parser's vector
    of the head, as features t0, t1, ...)."""
    head = chunk.root
    lemma = head.lemma_.lower()
    first = chunk[0]
    if first.dep_ in DETERMINER_DEPS:
        det = first.lower_
    elif first.like_num:
        det = "NUM"
    else:
        det = "none"
    f: dict[str, float] = {
        f"lemma={lemma}": 1.0,
        f"suffix={lemma[-3:]}": 1.0,
        f"tag={head.tag_}": 1.0,
        f"dep={head.dep_}": 1.0,
        f"det={det}": 1.0,
        f"words={min(len(chunk), 5)}": 1.0,
    }
    for token in chunk:
        if token.i != head.i and token.dep_ in {"amod", "compound", "nummod"}:
            f["mod=NUM" if token.like_num else f"mod={token.lemma_.lower()}"] = 1.0
    for name, words in (
        ("agent", lexicon.agents),
        ("person_noun", lexicon.person_nouns),
        ("described", lexicon.described),
    ):
        if lemma in words or head.lower_ in words:
            f[f"lex={name}"] = 1.0
    _governor(head, lexicon, f)
    if tensor:
        f.update(tensor_features(head))
    if head.text[:1].isupper() and head.i > head.sent.start:
        f["capitalised"] = 1.0
    return f


def _governor(head, lexicon: Lexicon, f: dict[str, float]) -> None:
    """The verb or preposition the phrase depends on ("militants attacked", "by police")."""
    gov = head.head
    verb = gov.lemma_.lower()
    if head.dep_ in SUBJECT_DEPS:
        f[f"subj_of={verb}"] = 1.0
        if verb in lexicon.speech_verbs:
            f["subj_of_speech"] = 1.0
    elif head.dep_ in {"dobj", "dative"}:
        f[f"obj_of={verb}"] = 1.0
    elif head.dep_ == "pobj":
        f[f"prep={gov.lower_}"] = 1.0
        if gov.lower_ == "by" and gov.head.tag_ == "VBN":
            f["agent_of_passive"] = 1.0
    elif head.dep_ == "appos":
        f["appos"] = 1.0


class Detector(TensorModel):
    """The trained description detector."""

    def probability(self, chunk: Span, lexicon: Lexicon) -> float:
        return self.score(features(chunk, lexicon, tensor=False), chunk.root)


@lru_cache(maxsize=1)
def shipped_detector() -> Detector | None:
    """The model shipped in the package, or None before ``make train`` has made one."""
    path = package_data("communique.actors", MODEL_FILE)
    return Detector.of(Ranker.from_file(path)) if path.exists() else None
