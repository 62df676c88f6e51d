"""What the trainers of the actor stage share (``train_coref``, ``train_descriptions``):
the digest of the annotations a model was built from, the logistic regression, and the
command line that writes a model file."""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from communique import goldset
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
    doc: str, model_file: str, train: Callable[[Path], dict], summary: Callable[[dict], str]
) -> None:
    """The trainer's command line: train on the gold folder, write the model as JSON,
    log one line of figures."""
    import logging

    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="the gold set (data/gold)")
    parser.add_argument("--out", type=Path, default=package_data("communique.actors", model_file))
    args = parser.parse_args()
    result = train(args.folder)
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    logging.getLogger(__name__).warning("wrote %s: %s", args.out, summary(result))
