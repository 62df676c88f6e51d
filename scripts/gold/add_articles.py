"""Add articles to the gold set (data/gold/articles.jsonl), drawn with a fixed seed from
../shared/corpus by the rules of select_articles.py, none already in the set. For the
actor gold they join dev: its test split stays the articles drawn before any tuning.
With --split test they are new, never-seen articles for the event gold's test split
(issue 10), annotated for events only.

    python scripts/gold/add_articles.py --voa 8 --wikinews 4 --seed 20261203
    python scripts/gold/add_articles.py --voa 9 --wikinews 0 --state 3 --words 200 1000 \
        --min-quotes 2 --seed 20261211     (batch G: the VOA stories of the plan's range
        were used up)
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from select_articles import LICENCE, PLAN, eligible


NEWS = {"voa_stories.jsonl", "wikinews_ir.jsonl"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--out", type=Path, default=Path("data/gold/articles.jsonl"))
    parser.add_argument("--voa", type=int, default=8)
    parser.add_argument("--wikinews", type=int, default=4)
    parser.add_argument("--state", type=int, default=0, help="State Department readouts")
    parser.add_argument("--whitehouse", type=int, default=0, help="White House statements")
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--words", type=int, nargs=2, help="news: word range instead of the plan's")
    parser.add_argument("--min-quotes", type=int, help="instead of the plan's minimum")
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    args = parser.parse_args()
    have = {json.loads(line)["id"] for line in args.out.open(encoding="utf-8")}
    rng = random.Random(args.seed)
    wanted = {
        "voa_stories.jsonl": args.voa,
        "wikinews_ir.jsonl": args.wikinews,
        "state_gov.jsonl": args.state,
        "whitehouse.jsonl": args.whitehouse,
    }
    added = []
    for name, _, words, min_quotes in PLAN:
        if not wanted.get(name):
            continue
        if name in NEWS:  # the overrides apply to news; statements keep the plan's rule
            words = tuple(args.words) if args.words else words
            min_quotes = min_quotes if args.min_quotes is None else args.min_quotes
        rows = [json.loads(line) for line in (args.corpus / name).open(encoding="utf-8")]
        rows = [
            r
            for r in rows
            if eligible(r, words, min_quotes, name) and str(r["id"]) not in have
        ]
        for row in rng.sample(rows, wanted[name]):
            added.append(
                {
                    "id": str(row["id"]),
                    "corpus_file": name,
                    "title": row["title"],
                    "published": str(row.get("published") or "")[:10] or None,
                    "url": row.get("url"),
                    "source": row.get("source") or "Voice of America",
                    "licence": row.get("licence") or LICENCE.get(name),
                    "text": row["text"],
                    "split": args.split,
                }
            )
    with args.out.open("a", encoding="utf-8") as fh:
        for item in sorted(added, key=lambda r: r["id"]):
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    print("\n".join(item["id"] for item in added))


if __name__ == "__main__":
    main()
