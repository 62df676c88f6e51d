"""Train the description detector (``actors/data/description_model.json``) from the gold
set: which noun phrases name an actor ("six militants", "the lady", "security forces").

    python -m communique.actors.train_descriptions data/gold [--out PATH]   (``make train``)

Only the dev split is used; the test split is never read here. The pipeline runs with
the detector off and the coreference component recording every candidate noun phrase
with its features (``descriptions.features``); a phrase is an actor when it overlaps a
gold mention (not a pronoun) whose code is known. A logistic regression (fixed seed,
liblinear) is fitted on all phrases; the threshold is chosen by
cross-validation over articles: the one with the best F1, the higher one on a tie
within ``TOLERANCE``. The output records a digest of the annotations, so a test can
check that the shipped model matches the gold set in the repository."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from communique import goldset
from communique.actors.descriptions import MODEL_FILE
from communique.actors.ranker import Ranker
from communique.actors.training import SEED, SPLIT, annotations_digest, fit_logistic, write_model
from communique.config import Settings
from communique.evaluate_actors import gold_article
from communique.nlp.pipeline import build_pipeline, make_doc, title_prefix

C = 0.3
FOLDS = 5
TOLERANCE = 0.005
THRESHOLDS = tuple(round(0.1 + 0.05 * k, 2) for k in range(15))
log = logging.getLogger(__name__)


@dataclass
class Phrase:
    article: str
    text: str
    features: dict[str, float]
    actor: bool


def collect(folder: Path, split: str = SPLIT) -> list[Phrase]:
    """Every candidate noun phrase of the split, labelled from the gold mentions."""
    golds = goldset.load(folder, split)
    nlp = build_pipeline(Settings())
    coref = nlp.get_pipe("communique_coreference")
    coref.detector, coref.ranker, coref.record = None, None, True  # rules only: no loop
    articles = [gold_article(g) for g in golds]
    found: list[Phrase] = []
    for gold, article, doc in zip(
        golds, articles, nlp.pipe(make_doc(nlp, a) for a in articles), strict=True
    ):
        offset = len(title_prefix(article))
        spans = [
            (m.start + offset, m.end + offset) if m.where == "body" else (m.start, m.end)
            for m in gold.mentions
            if m.type != "pronoun" and m.codes != ("UNK",)
        ]
        for entry in doc._.description_trace or []:
            actor = any(s < entry["end"] and entry["start"] < e for s, e in spans)
            found.append(Phrase(gold.id, entry["text"], entry["features"], actor))
    return found


def fit(phrases: list[Phrase]) -> tuple[dict[str, float], float]:
    return fit_logistic([p.features for p in phrases], [p.actor for p in phrases], C)


def cross_validate(phrases: list[Phrase]) -> dict[float, dict[str, float]]:
    """Precision, recall and F1 per threshold, each article's phrases scored by a model
    that did not see that article (folds by article, in a fixed order)."""
    articles = sorted({p.article for p in phrases})
    fold_of = {art: k % FOLDS for k, art in enumerate(articles)}
    counts = {t: [0, 0, 0] for t in THRESHOLDS}  # true pos, predicted, actual
    for fold in range(FOLDS):
        train = [p for p in phrases if fold_of[p.article] != fold]
        held = [p for p in phrases if fold_of[p.article] == fold]
        if not train or not held:
            continue
        weights, intercept = fit(train)
        model = Ranker(weights, intercept, 0.0)
        scored = [(model.probability(p.features), p.actor) for p in held]
        for t in THRESHOLDS:
            counts[t][0] += sum(1 for s, y in scored if s >= t and y)
            counts[t][1] += sum(1 for s, _ in scored if s >= t)
            counts[t][2] += sum(1 for _, y in scored if y)
    result = {}
    for t, (tp, predicted, actual) in counts.items():
        precision = tp / predicted if predicted else 0.0
        recall = tp / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[t] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
        }
    return result


def train(folder: Path) -> dict:
    phrases = collect(folder)
    cv = cross_validate(phrases)
    best = max(v["f1"] for v in cv.values())
    threshold = max(t for t in THRESHOLDS if cv[t]["f1"] >= best - TOLERANCE)
    weights, intercept = fit(phrases)
    return {
        "model": "logistic regression over candidate noun phrases (liblinear)",
        "threshold": threshold,
        "intercept": intercept,
        "trained_on": {
            "split": SPLIT,
            "articles": len({p.article for p in phrases}),
            "phrases": len(phrases),
            "actors": sum(p.actor for p in phrases),
            "annotations_sha256": annotations_digest(folder),
        },
        "settings": {"C": C, "seed": SEED, "folds": FOLDS, "tolerance": TOLERANCE},
        "cross_validation": {
            "chosen": cv[threshold],
            "by_threshold": {str(t): v for t, v in cv.items()},
        },
        "weights": dict(sorted(weights.items())),
    }


def _summary(result: dict) -> str:
    chosen = result["cross_validation"]["chosen"]
    return (
        f"{result['trained_on']['phrases']} phrases ({result['trained_on']['actors']} actors);"
        f" cross-validated precision {chosen['precision']:.3f} recall {chosen['recall']:.3f}"
        f" F1 {chosen['f1']:.3f} at threshold {result['threshold']:.2f}"
    )


def main() -> None:
    write_model(__doc__, MODEL_FILE, train, _summary)


if __name__ == "__main__":
    main()
