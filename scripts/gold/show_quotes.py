"""Print each gold quote of a split with its sentence, the gold speaker and what the
system found there: a reading aid for the quote finder's errors (dev only when tuning).

    python scripts/gold/show_quotes.py data/gold --split dev [--missed] [--article ID]
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from communique import goldset
from communique.core import Communique
from communique.evaluate_actors import gold_article, speaker_ok


def _sentence(text: str, at: int) -> str:
    start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1
    ends = [i for i in (text.find(". ", at), text.find("\n", at)) if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    return re.sub(r"\s+", " ", text[start:end]).strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--missed", action="store_true", help="only quotes not found")
    parser.add_argument("--wrong", action="store_true", help="only found, wrong speaker")
    parser.add_argument("--article")
    args = parser.parse_args()
    golds = [g for g in goldset.load(args.folder, args.split) if args.article in (None, g.id)]
    core = Communique()
    predictions = {p.article.id: p for p in core.process([gold_article(g) for g in golds])}
    for gold in golds:
        quotes = predictions[gold.id].quotes
        for q in gold.quotes:
            hits = [p for p in quotes if p.start - 2 <= q.start < p.end]
            got = hits[0].speaker if hits else None
            right = bool(hits) and speaker_ok(q, got)
            if (args.missed and hits) or (args.wrong and (not hits or right)):
                continue
            found = (
                f"{got.name if got else '-'} {got.code if got else ''} [{hits[0].attribution}]"
                if hits
                else "NOT FOUND"
            )
            print(f"{gold.id} {q.kind}: want {q.speaker_text!r}={q.speaker} {q.speaker_code}")
            print(f"   got {found}")
            print(f"   | {_sentence(gold.text, q.start)}")


if __name__ == "__main__":
    main()
