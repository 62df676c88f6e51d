"""Train the speaker ranker (``quotes/data/speaker_ranker.json``) from the gold set.

    python -m communique.quotes.train_speakers data/gold [--out PATH]   (``make train``)

Only the dev split is used; the test split is never read here. The pipeline runs with
the ranker off and the quote finder recording, for every quote it finds that a gold
quote matches (as the evaluation matches them), its candidate speakers and their
features (``speakers.py``); a candidate is right when it is the gold speaker as the
evaluation judges it (``evaluate_actors.speaker_ok``). A logistic regression (fixed
seed, liblinear) is fitted on all candidates; the threshold above which the ranker
overrides the rules is chosen by cross-validation over articles: the highest one whose
accuracy is within ``TOLERANCE`` of the best. The output records a digest of the
annotations, so a test can check that the shipped model matches the gold set."""

from __future__ import annotations

from pathlib import Path

from communique import goldset
from communique.actors.training import SPLIT, Choice, ranker_model, ranker_summary, write_model
from communique.config import Settings
from communique.evaluate_actors import gold_article, speaker_ok
from communique.nlp.pipeline import build_pipeline, make_doc, title_prefix
from communique.quotes.speakers import MODEL_FILE

C = 0.5
FOLDS = 5
TOLERANCE = 0.005
THRESHOLDS = tuple(round(0.3 + 0.05 * k, 2) for k in range(14))


def collect(folder: Path, split: str = SPLIT) -> list[Choice]:
    """Every found quote that a gold quote matches, with its candidate speakers."""
    golds = goldset.load(folder, split)
    nlp = build_pipeline(Settings())
    finder = nlp.get_pipe("communique_quote_finder")
    finder.ranker, finder.record = None, True
    articles = [gold_article(g) for g in golds]
    found: list[Choice] = []
    for gold, article, doc in zip(
        golds, articles, nlp.pipe(make_doc(nlp, a) for a in articles), strict=True
    ):
        offset = len(title_prefix(article))
        for entry in doc._.speaker_trace or []:
            quote = entry["quote"]
            for q in gold.quotes:
                start = q.start + offset  # gold quotes are in the body
                if quote.start - 2 <= start < quote.end:
                    labels = [speaker_ok(q, m.actor) for m in entry["mentions"]]
                    rule = speaker_ok(q, quote.speaker)
                    found.append(Choice(gold.id, entry["rows"], labels, rule))
                    break
    return found


def train(folder: Path) -> dict:
    return ranker_model(
        collect(folder),
        folder,
        model="logistic regression over quote-candidate speaker pairs (liblinear)",
        counted="quotes",
        c=C,
        thresholds=THRESHOLDS,
        folds=FOLDS,
        tolerance=TOLERANCE,
    )


def main() -> None:
    write_model(__doc__, MODEL_FILE, train, ranker_summary, package="communique.quotes")


if __name__ == "__main__":
    main()
