"""What the trainers share (``train_coref``, ``train_descriptions``,
``train_anaphoricity``, ``train_speakers``): the digest of the annotations a model was
built from, the logistic regression, cross-validation by article for rankers and for
yes/no classifiers, and the command line that writes a model file."""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from communique import goldset
from communique.actors.ranker import Ranker
from communique.config import Settings
from communique.evaluate_actors import gold_article
from communique.nlp.pipeline import build_pipeline, make_doc, title_prefix
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
    seen = {counted: len(choices), "pairs": sum(len(ch.rows) for ch in choices)}
    scores = {"rules_accuracy": round(rules, 4), "ranker_accuracy": cv[threshold]}
    return _model_record(
        model,
        (threshold, intercept, weights),
        {"articles": len({ch.article for ch in choices}), **seen},
        folder,
        {"C": c, "seed": SEED, "folds": folds, "tolerance": tolerance},
        {**scores, "by_threshold": {str(t): v for t, v in cv.items()}},
    )


def _model_record(
    model: str,
    fitted: tuple[float, float, dict[str, float]],
    seen: dict[str, int],
    folder: Path,
    settings: dict[str, float],
    cross_validation: dict,
) -> dict:
    """A model file's content: what it is, its threshold and weights, what it was
    trained on (with the annotations' digest), its settings and figures."""
    threshold, intercept, weights = fitted
    return {
        "model": model,
        "threshold": threshold,
        "intercept": intercept,
        "trained_on": {
            "split": SPLIT,
            **seen,
            "annotations_sha256": annotations_digest(folder),
        },
        "settings": settings,
        "cross_validation": cross_validation,
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


@dataclass
class Example:
    """One yes/no decision a classifier learns: its features and the gold answer."""

    article: str
    text: str
    features: dict[str, float]
    label: bool


def cross_validate_binary(
    examples: list[Example], c: float, thresholds: tuple[float, ...], folds: int
) -> dict[float, dict[str, float]]:
    """Precision, recall and F1 per threshold, each article's examples scored by a model
    that did not see that article (folds by article, in a fixed order)."""
    articles = sorted({e.article for e in examples})
    fold_of = {art: k % folds for k, art in enumerate(articles)}
    counts = {t: [0, 0, 0] for t in thresholds}  # true pos, predicted, actual
    for fold in range(folds):
        train = [e for e in examples if fold_of[e.article] != fold]
        held = [e for e in examples if fold_of[e.article] == fold]
        if not train or not held:
            continue
        weights, intercept = fit_logistic([e.features for e in train], [e.label for e in train], c)
        model = Ranker(weights, intercept, 0.0)
        scored = [(model.probability(e.features), e.label) for e in held]
        for t in thresholds:
            counts[t][0] += sum(1 for p, y in scored if p >= t and y)
            counts[t][1] += sum(1 for p, _ in scored if p >= t)
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


BINARY_THRESHOLDS = tuple(round(0.1 + 0.05 * k, 2) for k in range(15))


def binary_model(
    examples: list[Example],
    folder: Path,
    *,
    model: str,
    counted: tuple[str, str],
    c: float = 0.3,
    thresholds: tuple[float, ...] = BINARY_THRESHOLDS,
    folds: int = 5,
    tolerance: float = 0.005,
    keep_more: bool = False,
) -> dict:
    """A classifier trained on all ``examples``, with the threshold of the best
    cross-validated F1: on a tie within ``tolerance`` the higher one (fewer false
    positives), or with ``keep_more`` the lower one (fewer positives lost). ``counted``
    names the examples and the positive ones ("phrases", "actors")."""
    cv = cross_validate_binary(examples, c, thresholds, folds)
    best = max(v["f1"] for v in cv.values())
    tied = [t for t in thresholds if cv[t]["f1"] >= best - tolerance]
    threshold = min(tied) if keep_more else max(tied)
    features = [e.features for e in examples]
    weights, intercept = fit_logistic(features, [e.label for e in examples], c)
    seen = {counted[0]: len(examples), counted[1]: sum(e.label for e in examples)}
    return _model_record(
        model,
        (threshold, intercept, weights),
        {"articles": len({e.article for e in examples}), **seen},
        folder,
        {"C": c, "seed": SEED, "folds": folds, "tolerance": tolerance, "keep_more": keep_more},
        {"chosen": cv[threshold], "by_threshold": {str(t): v for t, v in cv.items()}},
    )


def binary_summary(result: dict) -> str:
    """One line of a classifier's figures, for the trainer's log."""
    chosen, seen = result["cross_validation"]["chosen"], result["trained_on"]
    counted = [k for k in seen if k not in {"split", "articles", "annotations_sha256"}]
    return (
        f"{seen[counted[0]]} {counted[0]} ({seen[counted[1]]} {counted[1]});"
        f" cross-validated precision {chosen['precision']:.3f} recall {chosen['recall']:.3f}"
        f" F1 {chosen['f1']:.3f} at threshold {result['threshold']:.2f}"
    )


def traced_examples(
    folder: Path,
    trace: str,
    switch_off: tuple[str, ...],
    counts: Callable[[goldset.GoldMention], bool],
    split: str = SPLIT,
) -> list[Example]:
    """Run the pipeline over the split with the coreference component recording
    ``doc._.<trace>`` (entries with start, end, text, features) and the trained parts
    named in ``switch_off`` off; each entry is labelled true where a gold mention that
    ``counts`` overlaps it."""
    golds = goldset.load(folder, split)
    nlp = build_pipeline(Settings())
    coref = nlp.get_pipe("communique_coreference")
    for name in switch_off:
        setattr(coref, name, None)
    coref.record = True
    articles = [gold_article(g) for g in golds]
    found: list[Example] = []
    for gold, article, doc in zip(
        golds, articles, nlp.pipe(make_doc(nlp, a) for a in articles), strict=True
    ):
        offset = len(title_prefix(article))
        spans = [
            (m.start + offset, m.end + offset) if m.where == "body" else (m.start, m.end)
            for m in gold.mentions
            if counts(m)
        ]
        for entry in getattr(doc._, trace) or []:
            label = any(s < entry["end"] and entry["start"] < e for s, e in spans)
            found.append(Example(gold.id, entry["text"], entry["features"], label))
    return found
