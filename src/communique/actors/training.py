"""What the trainers of the actor stage share (``train_coref``, ``train_descriptions``):
the digest of the annotations a model was built from, the logistic regression, and the
command line that writes a model file."""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from communique import goldset
from communique.actors.ranker import Ranker
from communique.resources import package_data

SPLIT = "dev"  # the test split is never read by a trainer
SEED = 0


def annotations_digest(folder: Path, split: str = SPLIT) -> str:
    """A digest of the articles and annotations of one split, in id order."""
    digest = hashlib.sha256()
    for gold in sorted(goldset.load(folder, split), key=lambda g: g.id):
        digest.update(gold.id.encode())
        digest.update((folder / "annotations" / f"{gold.id}.json").read_bytes())
        digest.update(gold.text.encode())
    return digest.hexdigest()


def fit_logistic(
    rows: list[dict[str, float]], labels: list[bool], c: float
) -> tuple[dict[str, float], float]:
    """A logistic regression (liblinear, fixed seed) over feature dicts: its weights by
    feature name and its intercept, rounded so that the model file reads and diffs well."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer(sort=True, sparse=True)
    matrix = vectorizer.fit_transform(rows).tocsr()
    matrix.indices = matrix.indices.astype("int32")  # liblinear takes 32-bit indices only
    matrix.indptr = matrix.indptr.astype("int32")
    model = LogisticRegression(C=c, solver="liblinear", random_state=SEED, max_iter=1000)
    model.fit(matrix, labels)
    names = vectorizer.get_feature_names_out()
    weights = {str(n): round(float(w), 6) for n, w in zip(names, model.coef_[0], strict=True)}
    return weights, round(float(model.intercept_[0]), 6)


def write_model(
    doc: str,
    model_file: str,
    train: Callable[[Path], dict],
    summary: Callable[[dict], str],
    package: str = "communique.actors",
) -> None:
    """The trainer's command line: train on the gold folder, write the model as JSON,
    log one line of figures."""
    import logging

    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="the gold set (data/gold)")
    parser.add_argument("--out", type=Path, default=package_data(package, model_file))
    args = parser.parse_args()
    result = train(args.folder)
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    logging.getLogger(__name__).warning("wrote %s: %s", args.out, summary(result))


@dataclass
class Choice:
    """One decision a ranker learns: its candidates' features, which of them are right,
    and whether the rules' own answer was right (what stands when the ranker is unsure)."""

    article: str
    rows: list[dict[str, float]]
    labels: list[bool]
    rule_right: bool


def choice_accuracy(choices: list[Choice], ranker: Ranker, threshold: float) -> float:
    """Share of decisions right when the ranker decides above ``threshold``."""
    right = 0
    for c in choices:
        scored = [(ranker.probability(r), -k) for k, r in enumerate(c.rows)]
        p, minus_k = max(scored, default=(0.0, 0))
        right += c.labels[-minus_k] if p >= threshold else c.rule_right
    return right / len(choices) if choices else 0.0


def fit_choices(choices: list[Choice], c: float) -> tuple[dict[str, float], float]:
    rows = [r for ch in choices for r in ch.rows]
    return fit_logistic(rows, [y for ch in choices for y in ch.labels], c)


def cross_validate_choices(
    choices: list[Choice], c: float, thresholds: tuple[float, ...], folds: int
) -> dict[float, float]:
    """Accuracy per threshold, each article's decisions scored by a model that did not
    see that article (folds by article, in a fixed order)."""
    articles = sorted({ch.article for ch in choices})
    fold_of = {art: k % folds for k, art in enumerate(articles)}
    right = {t: 0.0 for t in thresholds}
    for fold in range(folds):
        train = [ch for ch in choices if fold_of[ch.article] != fold]
        held = [ch for ch in choices if fold_of[ch.article] == fold]
        if not train or not held:
            continue
        weights, intercept = fit_choices(train, c)
        ranker = Ranker(weights, intercept, 0.0)
        for t in thresholds:
            right[t] += choice_accuracy(held, ranker, t) * len(held)
    return {t: round(v / len(choices), 4) for t, v in right.items()}


def ranker_model(
    choices: list[Choice],
    folder: Path,
    *,
    model: str,
    counted: str,
    c: float,
    thresholds: tuple[float, ...],
    folds: int,
    tolerance: float,
) -> dict:
    """A ranker trained on all ``choices``, with the most cautious threshold that is as
    good as the best in cross-validation (within ``tolerance``): it overrides the rules
    only where it clearly pays. ``counted`` names what a choice is ("pronouns")."""
    cv = cross_validate_choices(choices, c, thresholds, folds)
    best = max(cv.values())
    threshold = max(t for t in thresholds if cv[t] >= best - tolerance)
    weights, intercept = fit_choices(choices, c)
    rules = sum(ch.rule_right for ch in choices) / len(choices)
    return {
        "model": model,
        "threshold": threshold,
        "intercept": intercept,
        "trained_on": {
            "split": SPLIT,
            "articles": len({ch.article for ch in choices}),
            counted: len(choices),
            "pairs": sum(len(ch.rows) for ch in choices),
            "annotations_sha256": annotations_digest(folder),
        },
        "settings": {"C": c, "seed": SEED, "folds": folds, "tolerance": tolerance},
        "cross_validation": {
            "rules_accuracy": round(rules, 4),
            "ranker_accuracy": cv[threshold],
            "by_threshold": {str(t): v for t, v in cv.items()},
        },
        "weights": dict(sorted(weights.items())),
    }


def ranker_summary(result: dict) -> str:
    """One line of a ranker's figures, for the trainer's log."""
    cv, seen = result["cross_validation"], result["trained_on"]
    counted = next(k for k in seen if k not in {"split", "articles", "pairs"})
    return (
        f"{seen[counted]} {counted}; cross-validated accuracy {cv['ranker_accuracy']:.3f}"
        f" (rules {cv['rules_accuracy']:.3f}), threshold {result['threshold']:.2f}"
    )
