"""Count the system's extra mentions on a gold split (no gold mention overlaps them), by
how they were found, their role and the actor's kind, with examples: where the system
names actors the annotators did not. A reading aid for precision before the event coder
uses mentions as participants (dev only when tuning).

    python scripts/gold/extra_mentions.py data/gold --split dev [--top 25]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from communique import goldset
from communique.core import Communique
from communique.evaluate_actors import gold_article


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    golds = goldset.load(args.folder, args.split)
    core = Communique()
    predictions = {p.article.id: p for p in core.process([gold_article(g) for g in golds])}
    counts: Counter = Counter()
    examples: dict[tuple, list[str]] = {}
    total = 0
    for gold in golds:
        for m in predictions[gold.id].mentions:
            if m.actor is None:
                continue
            total += 1
            where = "title" if m.in_title else "body"
            if any(g.where == where and m.start < g.end and g.start < m.end for g in gold.mentions):
                continue
            key = (m.how, m.role or "-", m.actor.kind)
            counts[key] += 1
            examples.setdefault(key, []).append(m.text)
    print(f"system mentions with an actor: {total}; extra: {sum(counts.values())}")
    for key, n in counts.most_common(args.top):
        print(n, key, examples[key][:8])


if __name__ == "__main__":
    main()
