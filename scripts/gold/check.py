"""Check gold annotation files: every anchor found once, every field well formed.

    python scripts/gold/check.py data/gold/annotations/*.json
    python scripts/gold/check.py data/gold/events/*.json

A file with an "events" list is checked as event gold (docs/annotation.md, "Events"),
any other as mentions and quotes. Prints one line per problem and a count per file; exit
code 1 when any problem is found. Needs only the package source (no model, no store).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from communique.eventgold import anchor_events, cameo_codes  # noqa: E402
from communique.goldset import anchor, load_articles  # noqa: E402


def _check(article: dict, annotation: dict, label: str) -> tuple[list[str], str]:
    if "events" in annotation:
        gold = anchor_events(article, annotation, label, cameo_codes())
        return gold.problems, f"{len(gold.events)} events"
    found = anchor(article, annotation, label)
    return found.problems, f"{len(found.mentions)} mentions, {len(found.quotes)} quotes"


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
        problems, counts = _check(article, annotation, str(path))
        for problem in problems:
            print(problem)
        bad += len(problems)
        print(f"{path}: {counts}, {len(problems)} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
