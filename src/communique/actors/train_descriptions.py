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

from pathlib import Path

from communique.actors.descriptions import MODEL_FILE
from communique.actors.training import (
    Example,
    binary_model,
    binary_summary,
    traced_examples,
    write_model,
)


def collect(folder: Path) -> list[Example]:
    """Every candidate noun phrase of the split, labelled from the gold mentions."""
    return traced_examples(
        folder,
        "description_trace",
        ("detector", "ranker"),  # rules only: no loop
        lambda m: m.type != "pronoun" and m.codes != ("UNK",),
    )


def train(folder: Path) -> dict:
    model = "logistic regression over candidate noun phrases (liblinear)"
    return binary_model(collect(folder), folder, model=model, counted=("phrases", "actors"))


def main() -> None:
    write_model(__doc__, MODEL_FILE, train, binary_summary)


if __name__ == "__main__":
    main()
