"""Train the coreference ranker (``actors/data/coref_ranker.json``) from the gold set:
pronouns and the descriptions of ``anaphora.tsv`` ("the country", "the government").

    python -m communique.actors.train_coref data/gold [--out PATH]   (``make train``)

Only the dev split is used; the test split is never read here. The pipeline runs with
the ranker off and the coreference component recording, for every pronoun and
description, its candidate antecedents and their features; a candidate is right when
its codes are the gold codes.
A logistic regression (fixed seed, liblinear) is fitted on all pairs; the threshold
above which the ranker overrides the rules is chosen by cross-validation over articles:
the highest one whose accuracy is within ``TOLERANCE`` of the best.
The output records a digest of the annotations it was trained on, so a test can check
that the shipped model matches the gold set in the repository."""

from __future__ import annotations

from pathlib import Path

from communique import goldset
from communique.actors.ranker import MODEL_FILE
from communique.actors.training import SPLIT, Choice, ranker_model, ranker_summary, write_model
from communique.config import Settings
from communique.evaluate_actors import gold_article, same_person
from communique.nlp.pipeline import build_pipeline, make_doc, title_prefix

C = 0.5
FOLDS = 5
TOLERANCE = 0.005
THRESHOLDS = tuple(round(0.3 + 0.05 * k, 2) for k in range(14))


def collect(folder: Path, split: str = SPLIT) -> list[Choice]:
    """Every gold pronoun and description the coreference component saw, with its
    candidate pairs."""
    golds = goldset.load(folder, split)
    nlp = build_pipeline(Settings())
    coref = nlp.get_pipe("communique_coreference")
    coref.ranker, coref.record = None, True
    articles = [gold_article(g) for g in golds]
    found: list[Choice] = []
    for gold, article, doc in zip(
        golds, articles, nlp.pipe(make_doc(nlp, a) for a in articles), strict=True
    ):
        offset = len(title_prefix(article))
        want = {
            (m.start + offset if m.where == "body" else m.start): m
            for m in gold.mentions
            if m.type in {"pronoun", "description"} and m.codes != ("UNK",)
        }
        for entry in doc._.coref_trace or []:
            gold_mention = want.get(entry["start"])
            if gold_mention is None or not entry["rows"]:
                continue
            codes = tuple(sorted(gold_mention.codes))
            labels = [
                tuple(sorted(c)) == codes and _same_actor(gold_mention.actor, name)
                for c, name in zip(entry["codes"], entry["names"], strict=True)
            ]
            rule = tuple(sorted(entry["rule"] or ()))
            rule_right = rule == codes and _same_actor(gold_mention.actor, entry["rule_name"])
            found.append(Choice(gold.id, entry["rows"], labels, rule_right))
    return found


def _same_actor(gold_name: str | None, name: str | None) -> bool:
    """A pronoun for a named person must find that person, not another of their body."""
    return not gold_name or name is None or same_person(gold_name, name)


def train(folder: Path) -> dict:
    return ranker_model(
        collect(folder),
        folder,
        model="logistic regression over pronoun-candidate pairs (liblinear)",
        counted="pronouns",
        c=C,
        thresholds=THRESHOLDS,
        folds=FOLDS,
        tolerance=TOLERANCE,
    )


def main() -> None:
    write_model(__doc__, MODEL_FILE, train, ranker_summary)


if __name__ == "__main__":
    main()
