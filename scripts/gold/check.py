"""Check gold annotation files: every anchor found once, every field well formed.

    python scripts/gold/check.py data/gold/annotations/*.json

Prints one line per problem and a count per file; exit code 1 when any problem is found.
Needs only the standard library and the package source (no model, no store).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from communique.goldset import anchor, load_articles  # noqa: E402


def main(paths: list[str]) -> int:
    folder = Path(__file__).resolve().parents[2] / "data" / "gold"
    bad = 0
    for name in paths:
        path = Path(name)
        # a batch kept outside the repository until scored has its own articles.jsonl
        own = path.resolve().parents[1] / "articles.jsonl"
        articles = load_articles(own if own.exists() else folder / "articles.jsonl")
        try:
            annotation = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            print(f"{path}: cannot read: {exc}")
            bad += 1
            continue
        article = articles.get(annotation.get("id") or path.stem)
        if article is None:
            print(f"{path}: no article with id {annotation.get('id')!r}")
            bad += 1
            continue
        gold = anchor(article, annotation, str(path))
        for problem in gold.problems:
            print(problem)
        bad += len(gold.problems)
        print(f"{path}: {len(gold.mentions)} mentions, {len(gold.quotes)} quotes, "
              f"{len(gold.problems)} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
