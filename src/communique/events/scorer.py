"""The event scorer (issue 10): rules propose, a model trained on our annotated news
decides. Every event candidate (``events/candidates.py``) is described by features of the
parse between its two actors, the rule coder's proposal and the actors themselves; one
logistic regression per CAMEO root gives the probability that the sentence reports an
act of that root from the source to the target (``events/data/event_scorer.json``, built
by ``make train`` from ``data/gold/events``).

The decision keeps the rules where the model agrees: a rule event stays unless the model
gives its root less than ``keep``; a candidate the rules left silent becomes an event
when the model gives a root at least ``add``. Each event records its probability and,
for the model's own, the pattern ``scorer``."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from communique.events.coder import EventCoder, Found, _add_or_merge
from communique.events.lexicon import Lexicon
from communique.models import Event, EventCandidate, EventDate, Mention
from communique.quotes.finder import _inside as quote_holds
from communique.resources import package_data

MODEL_FILE = "event_scorer.json"
MAX_PATH = 4  # dependency arcs between the two actors kept as a path feature
MODAL_DEPS = {"aux", "auxpass", "neg", "mark"}


def _head(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i:  # spaCy makes a new Token on every access
        chain.append(chain[-1].head)
    return chain


def _path(a: Token, b: Token) -> tuple[Token | None, list[str]]:
    """The lowest common ancestor of two tokens and the arcs from one up to it and down to
    the other ("nsubj^ dobj_")."""
    up = _ancestors(a)
    down = _ancestors(b)
    ids = {t.i for t in down}
    lca = next((t for t in up if t.i in ids), None)
    if lca is None:
        return None, []
    arcs = [f"{t.dep_}^" for t in up[: [t.i for t in up].index(lca.i)]]
    arcs += [f"{t.dep_}_" for t in reversed(down[: [t.i for t in down].index(lca.i)])]
    return lca, arcs


def _between(token: Token, top: Token) -> list[Token]:
    """The words strictly between a token and its ancestor ``top``."""
    chain = _ancestors(token)
    ids = [t.i for t in chain]
    return chain[1 : ids.index(top.i)] if top.i in ids else []


def _trigger(lca: Token | None, sent: Span) -> Token:
    """The word the act hangs on: the common ancestor if it is a verb or noun, else the
    nearest verb above it, else the sentence's root."""
    token = lca
    while token is not None:
        if token.pos_ in {"VERB", "NOUN"}:
            return token
        if token.head.i == token.i:
            break
        token = token.head
    return sent.root


def _lexicon_roots(lex: Lexicon, token: Token) -> set[str]:
    """The CAMEO roots the rule lexicon gives a word, as a verb (its default code and its
    patterns) or as an event noun: the dictionary's knowledge, for every candidate."""
    lemma = token.lemma_.lower()
    roots = set()
    if token.pos_ == "VERB":
        entry = lex.verbs.get(lemma)
        if entry is not None and entry.code:
            roots.add(entry.code[:2])
        roots |= {p.code[:2] for p in lex.patterns.get(lemma, []) if p.code and p.code[0] != "-"}
    elif token.pos_ == "NOUN" and (noun := lex.nouns.get(lemma)) is not None:
        roots.add(noun.code[:2])
    return roots


def candidate_features(doc: Doc, cand: EventCandidate, lex: Lexicon) -> dict[str, float]:
    """The features of one candidate, by name (all binary but the bias)."""
    f: dict[str, float] = {"bias": 1.0}
    for origin in cand.origins:
        f[f"origin={origin}"] = 1.0
    if cand.rule_code:
        f[f"rule_root={cand.rule_code[:2]}"] = 1.0
        f[f"rule_code={cand.rule_code}"] = 1.0
        f[f"rule_mod={cand.rule_modality}"] = 1.0
    for name, side in (("s", cand.source), ("t", cand.target)):
        f[f"{name}_how={side.how}"] = 1.0
        f[f"{name}_kind={side.kind}"] = 1.0
        if side.sector:
            f[f"{name}_sector={side.sector}"] = 1.0
    if cand.target.role == "location":
        f["t_location"] = 1.0
    if cand.source.code == cand.target.code:
        f["same_code"] = 1.0
    f["source_first" if cand.source.start < cand.target.start else "target_first"] = 1.0
    src = _head(doc, cand.source.start, cand.source.end)
    tgt = _head(doc, cand.target.start, cand.target.end)
    if src is None or tgt is None:
        return f
    gap = abs(src.i - tgt.i)
    f[f"gap={min(gap, 12) // 3}"] = 1.0
    f[f"s_dep={src.dep_}"] = 1.0
    f[f"t_dep={tgt.dep_}"] = 1.0
    lca, arcs = _path(src, tgt)
    if lca is None:
        f["no_path"] = 1.0
        return f
    path = " ".join(arcs) if len(arcs) <= MAX_PATH else "long"
    lemma = lca.lemma_.lower()
    f[f"path={path}"] = 1.0
    f[f"lca={lemma}"] = 1.0
    f[f"lca_pos={lca.pos_}"] = 1.0
    f[f"lca={lemma}|path={path}"] = 1.0
    for token in _between(src, lca) + _between(tgt, lca) + [lca]:
        if token.pos_ in {"VERB", "NOUN"}:
            f[f"on_path={token.lemma_.lower()}"] = 1.0
            for root in _lexicon_roots(lex, token):
                f[f"lex_root={root}"] = 1.0
                f[f"lex_root={root}|{'lca' if token.i == lca.i else 'path'}"] = 1.0
    for name, head in (("s", src), ("t", tgt)):
        gov = head.head
        if gov.i != head.i:
            f[f"{name}_gov={gov.lemma_.lower()}|{head.dep_}"] = 1.0
    verb = _trigger(lca, src.sent)
    for child in verb.children:
        if child.dep_ in MODAL_DEPS:
            f[f"modal={child.dep_}:{child.lower_}"] = 1.0
    if verb.dep_ in {"xcomp", "ccomp", "advcl"}:
        f[f"governed_by={verb.head.lemma_.lower()}"] = 1.0
    return f


@dataclass(frozen=True)
class ScorerModel:
    """Per root, a logistic regression over named features; ``keep`` and ``add`` are the
    decision thresholds (see the module's docstring)."""

    roots: tuple[str, ...]
    weights: dict[str, dict[str, float]]
    intercepts: dict[str, float]
    keep: float
    add: float

    @classmethod
    def load(cls, path: Path | None = None) -> ScorerModel | None:
        path = path or package_data("communique.events", MODEL_FILE)
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            tuple(data["roots"]),
            data["weights"],
            data["intercepts"],
            data["thresholds"]["keep"],
            data["thresholds"]["add"],
        )

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        result = {}
        for root in self.roots:
            w = self.weights[root]
            z = self.intercepts[root] + sum(w.get(k, 0.0) * v for k, v in features.items())
            result[root] = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        return result


def _code_for(coder: EventCoder, root: str, cand: EventCandidate, trigger: Token) -> str:
    """The fine code within the predicted root: the rule's code if it has that root, else
    the trigger verb's own code if it has, else the root's general code."""
    if cand.rule_code and cand.rule_code.startswith(root):
        return cand.rule_code
    entry = coder.lex.verbs.get(trigger.lemma_.lower())
    if entry is not None and entry.code and entry.code.startswith(root):
        return entry.code
    return f"{root}0"


class EventScorer:
    """Pipeline component: decides the candidates and rewrites ``doc._.events``. Needs the
    rule coder's events and the candidates; without a model file it leaves the rule
    coder's events as they are."""

    def __init__(self, coder: EventCoder, model: ScorerModel | None) -> None:
        self.coder = coder
        self.model = model

    def __call__(self, doc: Doc) -> Doc:
        if self.model is None or not doc._.event_candidates:
            return doc
        by_span = {(m.start, m.end): m for m in doc._.mentions or []}
        sents = list(doc.sents)
        ref: EventDate = doc._.ref_event_date or EventDate(None, None, "none")
        rejected: set[tuple] = set()
        added: list[Event] = []
        for cand in doc._.event_candidates:
            probs = self.model.probabilities(candidate_features(doc, cand, self.coder.lex))
            if cand.rule_code is not None and probs[cand.rule_code[:2]] < self.model.keep:
                rejected.add(_rule_key(cand))
            added += self._added(doc, sents[cand.sentence], cand, probs, by_span, ref)
        events: list[Event] = []
        for event in doc._.events or []:  # the rules' events the model does not reject
            if not all(_event_key(event, m) in rejected for m in event.mentions):
                _add_or_merge(events, event)
        for event in added:
            _add_or_merge(events, event)
        for quote in doc._.quotes or []:  # the quotes point at the events decided here
            quote.event_ids = [e.id for e in events if quote_holds(e, quote)]
        doc._.events = events
        return doc

    def _added(self, doc, sent, cand, probs, by_span, ref) -> Iterator[Event]:
        """The model's own events: roots other than the rule's, at least ``add``."""
        assert self.model is not None
        roots = [
            (root, p)
            for root, p in probs.items()
            if p >= self.model.add and not (cand.rule_code and cand.rule_code[:2] == root)
        ]
        if not roots:
            return
        source = _side_mention(by_span, cand.source, doc)
        target = _side_mention(by_span, cand.target, doc)
        src = _head(doc, cand.source.start, cand.source.end)
        tgt = _head(doc, cand.target.start, cand.target.end)
        if source is None or target is None or src is None or tgt is None:
            return
        trigger = _trigger(_path(src, tgt)[0], sent)
        for root, p in roots:
            code = _code_for(self.coder, root, cand, trigger)
            found = Found(source, target, code, trigger, "scorer", round(p, 4))
            event = self.coder._event(doc, sent, found, ref)
            if event is not None:
                yield event

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _rule_key(cand: EventCandidate) -> tuple:
    return (cand.source.start, cand.source.end, cand.target.start, cand.target.end, cand.rule_code)


def _event_key(event: Event, mention: Any) -> tuple:
    return (*(mention.source_span or (None, None)), *(mention.target_span or (None, None)),
            event.cameo)  # fmt: skip


def _side_mention(by_span: dict, side: Any, doc: Doc) -> Mention | None:
    """The mention a candidate's side stands for, narrowed to the member it names."""
    mention = by_span.get((side.start, side.end))
    if mention is None or mention.actor is None:
        return None
    actor = mention.actor
    if actor.members:
        member = next((m for m in actor.members if m.code == side.code), None)
        return None if member is None else replace(mention, actor=member)
    return mention


@Language.factory("communique_event_scorer", default_config={"model_file": ""})
def make_event_scorer(nlp: Language, name: str, model_file: str) -> EventScorer:
    coder = nlp.get_pipe("communique_event_coder")
    return EventScorer(coder, ScorerModel.load(Path(model_file) if model_file else None))
