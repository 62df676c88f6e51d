"""A trained antecedent ranker for pronouns: the rules propose candidates, the model
decides.

The coreference component lists, for each pronoun, the mentions before it (and the
coordinations "A and B") with features of the pair (the pronoun, the candidate's kind
and grammatical role, its distance, how often its body was named, whether the rules
would pick it). A logistic regression trained on the gold set's dev split
(``communique.actors.train_coref``, ``make train``) scores each pair; the best candidate
wins when its probability reaches the model's threshold, else the rules' answer stands.
The model ships as a JSON file of weights (``data/coref_ranker.json``): readable,
deterministic, and scored here without scikit-learn."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Token

from communique.resources import package_data

MODEL_FILE = "coref_ranker.json"


@dataclass(frozen=True)
class Ranker:
    weights: dict[str, float]
    intercept: float
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-z))

    def choose(self, rows: list[dict[str, float]]) -> tuple[int, float] | None:
        """The index of the best candidate and its probability, if it is sure enough."""
        if not rows:
            return None
        scored = [(self.probability(r), -k) for k, r in enumerate(rows)]
        p, minus_k = max(scored)
        return (-minus_k, p) if p >= self.threshold else None

    @classmethod
    def from_file(cls, path: Path) -> Ranker:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["weights"], data["intercept"], data["threshold"])


TENSOR_KEYS = tuple(f"t{k}" for k in range(512))  # feature names of a token's tensor


def tensor_row(token: Token) -> np.ndarray | None:
    """The parser's vector of a token, where the model keeps one."""
    tensor = token.doc.tensor
    if tensor is None or tensor.shape[0] != len(token.doc):
        return None
    return tensor[token.i]


def tensor_features(token: Token) -> dict[str, float]:
    """A token's vector as features t0, t1, ... (rounded as the trainers record them)."""
    row = tensor_row(token)
    if row is None:
        return {}
    values = row.tolist()
    return dict(zip(TENSOR_KEYS[: len(values)], (round(v, 3) for v in values), strict=True))


@dataclass(frozen=True)
class TensorModel:
    """A trained yes/no model whose features include a token's tensor, scored as
    training scored it but faster: the tensor weights as one vector (a dot product, not
    a hundred dictionary lookups)."""

    model: Ranker
    tensor_weights: np.ndarray

    @classmethod
    def of(cls, model: Ranker) -> TensorModel:
        return cls(model, np.array([model.weights.get(k, 0.0) for k in TENSOR_KEYS]))

    @property
    def threshold(self) -> float:
        return self.model.threshold

    def score(self, features: dict[str, float], token: Token) -> float:
        """The probability, from the other ``features`` and the token's tensor."""
        weights = self.model.weights
        z = self.model.intercept + sum(weights.get(k, 0.0) * v for k, v in features.items())
        row = tensor_row(token)
        if row is not None:
            z += float(np.round(row.astype(np.float64), 3) @ self.tensor_weights[: len(row)])
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def shipped_ranker() -> Ranker | None:
    """The model shipped in the package, or None before ``make train`` has made one."""
    path = package_data("communique.actors", MODEL_FILE)
    return Ranker.from_file(path) if path.exists() else None


def bucket(n: int, edges: tuple[int, ...]) -> str:
    """A count as a category: "0", "1", "2-3", "4+" for edges (1, 2, 4)."""
    label = f"<{edges[0]}"
    for k, edge in enumerate(edges):
        if n >= edge:
            upper = edges[k + 1] - 1 if k + 1 < len(edges) else None
            label = str(edge) if upper == edge else f"{edge}-{upper}" if upper else f"{edge}+"
    return label
