"""Train the pronoun filter (``actors/data/anaphoricity_model.json``) from the gold set:
which "it", "its", "they", "them", "their" refer to an actor.

    python -m communique.actors.train_anaphoricity data/gold [--out PATH]   (``make train``)

Only the dev split is used; the test split is never read here. The pipeline runs with
the filter, the coreference ranker and the description detector off (its features then
depend on no trained component), and the coreference component records every neuter or
plural pronoun with its features (``anaphoricity.features``); a pronoun refers to an
actor when the annotators marked it as a mention (with any code, UNK included). A
logistic regression (fixed seed, liblinear) is fitted on all pronouns; the threshold is
the one with the best cross-validated F1 over articles (the lowest on a tie). The output
records a digest of the annotations, so a test can check that the shipped model matches
the gold set."""

from __future__ import annotations

from pathlib import Path

from communique.actors.anaphoricity import MODEL_FILE
from communique.actors.training import (
    Example,
    binary_model,
    binary_summary,
    traced_examples,
    write_model,
)


def collect(folder: Path) -> list[Example]:
    """Every neuter or plural pronoun of the split, labelled from the gold mentions."""
    off = ("detector", "ranker", "pronoun_filter")  # no trained component: no loop
    return traced_examples(folder, "pronoun_trace", off, lambda m: True)


def train(folder: Path) -> dict:
    model = "logistic regression over neuter and plural pronouns (liblinear)"
    # keep_more: a pronoun dropped loses a mention outright; one kept wrongly may still
    # find no antecedent
    examples = collect(folder)
    return binary_model(
        examples, folder, model=model, counted=("pronouns", "actors"), keep_more=True
    )


def main() -> None:
    write_model(__doc__, MODEL_FILE, train, binary_summary)


if __name__ == "__main__":
    main()
