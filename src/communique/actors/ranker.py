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
