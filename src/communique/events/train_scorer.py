"""Train the event scorer (``events/scorer.py``) on the event gold's train split.

    python -m communique.events.train_scorer data/gold

Each candidate of a train article is labelled, by reading the annotations only, with the
CAMEO roots of the gold events in its sentence that have its two codes (done or planned;
a planned act counts as the intent CAMEO codes it by). One logistic regression per root;
the two thresholds (``keep`` for the rules' events, ``add`` for the model's own) are the
best by candidate-level F1 in cross-validation by article. Deterministic: fixed folds,
liblinear with a fixed seed; features seen in fewer than three candidates are dropped."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from communique import eventgold
from communique.actors.training import SEED, fit_logistic, write_model
from communique.config import Settings
from communique.evaluate_events import gold_articles
from communique.events.scorer import MODEL_FILE, ScorerModel, candidate_features
from communique.nlp.pipeline import build_pipeline, make_doc, title_prefix

SPLIT = "train"  # dev is for reporting the end-to-end figure, test is never read
ROOTS = tuple(f"{k:02d}" for k in range(1, 21))
C = 0.5
FOLDS = 5
KEEP = (0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5)
ADD = (0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8)
MIN_COUNT = 3
NEVER = 1.01  # the "add" threshold that adds nothing


@dataclass
class Row:
    article: str
    features: dict[str, float]
    roots: set[str]
    rule_root: str | None


def events_digest(folder: Path, split: str = SPLIT) -> str:
    digest = hashlib.sha256()
    for gold in sorted(eventgold.load_events(folder, split), key=lambda g: g.id):
        digest.update(gold.id.encode())
        digest.update((folder / "events" / f"{gold.id}.json").read_bytes())
    return digest.hexdigest()


def labelled_rows(folder: Path, split: str = SPLIT) -> list[Row]:
    settings = Settings.from_env(user_actors=Path("/nonexistent"), event_decider="rules")
    nlp = build_pipeline(settings)
    # features come from the rules and the candidates, never from the model itself
    lex = nlp.get_pipe("communique_event_coder").lex
    golds = eventgold.load_events(folder, split)
    rows = []
    for gold, article in zip(golds, gold_articles(folder, golds), strict=True):
        doc = nlp(make_doc(nlp, article))
        offset = len(title_prefix(article))
        wanted = []
        for e in gold.events:
            if e.modality not in {"asserted", "planned"}:
                continue
            code = lex.intent_code(e.cameo) or e.cameo if e.modality == "planned" else e.cameo
            shift = 0 if e.where == "title" else offset
            spans = tuple(
                None if at is None else (at + shift, at + shift + len(words or ""))
                for at, words in ((e.source_start, e.source), (e.target_start, e.target))
            )
            wanted.append((e.start + shift, e.source_code, e.target_code, spans, code[:2]))
        for cand in doc._.event_candidates or []:
            roots = {root for *event, root in wanted if _holds(cand, *event)}
            rule = cand.rule_code[:2] if cand.rule_code else None
            rows.append(Row(gold.id, candidate_features(doc, cand, lex), roots, rule))
    return rows


def _holds(cand, at: int, source: str, target: str, spans: tuple) -> bool:
    """A gold event is this candidate's when it is reported in the candidate's sentence
    with the same codes and, where the annotator gave the participant's words, those
    words overlap the candidate's mention (the codes alone would also credit a reported
    act's actors to the speaker of the same state)."""
    if not cand.sentence_start <= at < cand.sentence_end:
        return False
    if (source, target) != (cand.source.code, cand.target.code):
        return False
    sides = (cand.source, cand.target)
    return all(
        span is None or (span[0] < side.end and side.start < span[1])
        for span, side in zip(spans, sides, strict=True)
    )


def _prune(rows: list[Row]) -> list[dict[str, float]]:
    counts = Counter(k for r in rows for k in r.features)
    return [{k: v for k, v in r.features.items() if counts[k] >= MIN_COUNT} for r in rows]


def fit(rows: list[Row]) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    features = _prune(rows)
    weights, intercepts = {}, {}
    for root in ROOTS:
        labels = [root in r.roots for r in rows]
        if sum(labels) < 2:
            weights[root], intercepts[root] = {}, -10.0
            continue
        w, b = fit_logistic(features, labels, C)
        # weights under 0.01 change no decision; dropping them keeps the file small
        weights[root] = {k: round(v, 4) for k, v in w.items() if abs(v) >= 0.01}
        intercepts[root] = b
    return weights, intercepts


def _f1(rows: list[Row], probs: list[dict[str, float]], keep: float, add: float) -> dict:
    tp = fp = fn = 0
    for row, p in zip(rows, probs, strict=True):
        for root in ROOTS:
            said = p[root] >= (keep if root == row.rule_root else add)
            tp += said and root in row.roots
            fp += said and root not in row.roots
            fn += (not said) and root in row.roots
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(prec, 4), "recall": round(rec, 4),
            "f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0}  # fmt: skip


def cross_validate(rows: list[Row]) -> list[dict[str, float]]:
    """Out-of-fold probabilities for every row (folds by article, fixed order)."""
    articles = sorted({r.article for r in rows})
    fold_of = {a: k % FOLDS for k, a in enumerate(articles)}
    probs: list[dict[str, float] | None] = [None] * len(rows)
    for fold in range(FOLDS):
        train = [r for r in rows if fold_of[r.article] != fold]
        model = ScorerModel(ROOTS, *fit(train), keep=0.0, add=1.0)
        for k, r in enumerate(rows):
            if fold_of[r.article] == fold:
                probs[k] = model.probabilities(r.features)
    return [p for p in probs if p is not None]


def train(folder: Path) -> dict:
    rows = labelled_rows(folder)
    probs = cross_validate(rows)
    grid = {(k, a): _f1(rows, probs, k, a) for k in KEEP for a in (*ADD, NEVER)}
    rules = _f1(rows, [{r: float(r == row.rule_root) for r in ROOTS} for row in rows], 0.5, 2.0)
    # the best F1 among the settings at least as precise as the rules: the model may add
    # events and drop the rules' ones, but not make the record less precise
    precise = [ka for ka in grid if grid[ka]["precision"] >= rules["precision"]]
    keep, add = max(precise or [(KEEP[0], NEVER)], key=lambda ka: (grid[ka]["f1"], ka[1], -ka[0]))
    weights, intercepts = fit(rows)
    return {
        "model": "event scorer: one logistic regression per CAMEO root over candidates",
        "roots": list(ROOTS),
        "thresholds": {"keep": keep, "add": add},
        "trained_on": {
            "split": SPLIT,
            "articles": len({r.article for r in rows}),
            "candidates": len(rows),
            "positive": sum(bool(r.roots) for r in rows),
            "events_sha256": events_digest(folder),
        },
        "settings": {"C": C, "seed": SEED, "folds": FOLDS, "min_count": MIN_COUNT},
        "cross_validation": {"scorer": grid[(keep, add)], "rules": rules},
        "intercepts": {r: round(b, 6) for r, b in intercepts.items()},
        "weights": {r: dict(sorted(w.items())) for r, w in weights.items()},
    }


def summary(result: dict) -> str:
    cv, seen = result["cross_validation"], result["trained_on"]
    return (
        f"{seen['candidates']} candidates ({seen['positive']} with an event) from "
        f"{seen['articles']} articles; cross-validated candidate F1 {cv['scorer']['f1']:.3f} "
        f"(rules {cv['rules']['f1']:.3f}); keep {result['thresholds']['keep']}, "
        f"add {result['thresholds']['add']}"
    )


if __name__ == "__main__":
    write_model(__doc__, MODEL_FILE, train, summary, package="communique.events")
