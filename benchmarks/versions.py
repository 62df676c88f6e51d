"""Ingest speed of an earlier commit against the working tree, in the same run, on the
same texts, model and number of processes (each with its own bare nlp.pipe baseline).

    python benchmarks/versions.py c41758c [--articles 300]

The earlier commit is checked out into a temporary git worktree; each version runs
``benchmarks/ingest.py`` of the working tree with that version's ``src`` first on
PYTHONPATH, so the corpus and the measurement are identical."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(src: Path, articles: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "ingest.py"),
            "--articles",
            str(articles),
            "--json",
        ],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    return json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ref")
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "before"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), args.ref],
            check=True,
            capture_output=True,
        )
        try:
            results = {
                "before": run(tree / "src", args.articles),
                "after": run(ROOT / "src", args.articles),
            }
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                check=False,
                capture_output=True,
            )
    for name, result in results.items():
        sys.stdout.write(
            f"{name:7} communique {result['communique']['words_per_s']:8.0f} words/s, baseline "
            f"{result['baseline']['words_per_s']:8.0f} words/s, ratio "
            f"{result['speed_ratio_communique_vs_baseline']:.2f}, peak RSS "
            f"{result['communique']['peak_rss_mb']:.0f} MB\n"
        )
    sys.stdout.write(json.dumps(results) + "\n")


if __name__ == "__main__":
    main()
