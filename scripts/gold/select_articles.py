"""Pick the articles of the actor and quote gold set from ../shared/corpus (fixed seed).

Writes data/gold/articles.jsonl: id, split (dev | test), source file, title, published,
url, source, licence, text. VOA paragraphs are joined by spaces in the corpus; kept as is.
Run once; the file is committed, so later corpus changes do not move the gold set.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

PLAN = [  # corpus file, how many, word range, minimum quotation marks pairs
    ("voa_stories.jsonl", 20, (350, 850), 3),
    ("wikinews_ir.jsonl", 16, (200, 650), 2),
    ("state_gov.jsonl", 5, (120, 400), 0),
    ("whitehouse.jsonl", 3, (120, 400), 0),
]
LICENCE = {
    "voa_stories.jsonl": "US public domain (work of the US federal government, VOA staff)",
}


def quotes(text: str) -> int:
    return len(re.findall(r"[\u201c\"]", text)) // 2


def eligible(row: dict, words: tuple[int, int], min_quotes: int, name: str) -> bool:
    n = len(row["text"].split())
    if not words[0] <= n <= words[1] or quotes(row["text"]) < min_quotes:
        return False
    if name in ("state_gov.jsonl", "whitehouse.jsonl"):
        return row.get("doc_type") in {"readout", "statement", "joint_statement"}
    return True


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--out", type=Path, default=Path("data/gold/articles.jsonl"))
    args = parser.parse_args()
    rng = random.Random(20261202)
    picked = []
    for name, count, words, min_quotes in PLAN:
        rows = [json.loads(line) for line in (args.corpus / name).open(encoding="utf-8")]
        rows = [r for r in rows if eligible(r, words, min_quotes, name)]
        for row in rng.sample(rows, count):
            published = str(row.get("published") or "")[:10] or None
            picked.append(
                {
                    "id": str(row["id"]),
                    "corpus_file": name,
                    "title": row["title"],
                    "published": published,
                    "url": row.get("url"),
                    "source": row.get("source") or "Voice of America",
                    "licence": row.get("licence") or LICENCE.get(name),
                    "text": row["text"],
                }
            )
    rng.shuffle(picked)
    for k, item in enumerate(picked):
        item["split"] = "dev" if k % 2 == 0 else "test"
    picked.sort(key=lambda r: (r["split"], r["id"]))
    with args.out.open("w", encoding="utf-8") as fh:
        for item in picked:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
