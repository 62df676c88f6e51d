"""End-to-end ingest against bare ``nlp.pipe`` of the same model on the same texts.

Builds at least 1,000 distinct articles from the bundled public-domain VOA stories
(each story rotated by sentence, so every text, and every id, differs), then measures in
separate processes, in the same run:
  baseline    spacy.load(model) + nlp.pipe over the texts
  communique  `Communique.ingest` of a JSONL file into a fresh DuckDB store
and prints articles/s, words/s, peak RSS and the ratio communique/baseline.

    python benchmarks/ingest.py [--articles 1000] [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus" / "voa_stories.jsonl"


def build_corpus(n: int, target: Path) -> int:
    """Write ``n`` distinct articles to ``target`` (JSONL); returns the word count."""
    stories = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    words = 0
    with target.open("w", encoding="utf-8") as out:
        for i in range(n):
            story = stories[i % len(stories)]
            sentences = story["text"].split(". ")
            shift = (i // len(stories)) % max(1, len(sentences))
            text = ". ".join(sentences[shift:] + sentences[:shift])
            words += len(text.split())
            out.write(
                json.dumps(
                    {
                        "title": story["title"],
                        "text": text,
                        "url": story["url"],
                        "published": story["published"],
                        "source": "VOA",
                    }
                )
                + "\n"
            )
    return words


def run_baseline(corpus: Path, model: str) -> dict:
    import spacy

    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    nlp = spacy.load(model)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return {"seconds": time.perf_counter() - start}


def run_communique(corpus: Path, store: Path) -> dict:
    from communique.config import Settings
    from communique.core import Communique

    core = Communique(Settings.from_env(store=store))
    _ = core.nlp, core.store  # load outside the timed part, as the baseline does
    start = time.perf_counter()
    report = core.ingest([str(corpus)])
    seconds = time.perf_counter() - start
    counts = core.store.counts()
    core.close()
    return {
        "seconds": seconds,
        "new": report.new,
        "failed": report.failed,
        "mentions": counts["mentions"],
    }


def child(part: str, corpus: Path, store: Path, model: str) -> None:
    result = run_baseline(corpus, model) if part == "baseline" else run_communique(corpus, store)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # forked NLP workers: the largest one's peak (they share the model copy-on-write)
    result["peak_worker_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    sys.stdout.write(json.dumps(result) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--part", choices=["baseline", "communique"])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--store", type=Path)
    parser.add_argument("--model")
    args = parser.parse_args()
    if args.part:
        child(args.part, args.corpus, args.store, args.model)
        return
    from communique.config import default_model

    model = args.model or default_model()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "bench.jsonl"
        words = build_corpus(args.articles, corpus)
        results = {}
        for part in ("baseline", "communique"):
            cmd = [
                sys.executable,
                __file__,
                "--part",
                part,
                "--corpus",
                str(corpus),
                "--store",
                str(Path(tmp) / "bench.duckdb"),
                "--model",
                model,
            ]
            output = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            results[part] = json.loads(output.strip().splitlines()[-1])
    for part in results.values():
        part["articles_per_s"] = args.articles / part["seconds"]
        part["words_per_s"] = words / part["seconds"]
    ratio = results["baseline"]["seconds"] / results["communique"]["seconds"]
    summary = {
        "articles": args.articles,
        "words": words,
        "model": model,
        **results,
        "speed_ratio_communique_vs_baseline": ratio,
    }
    if args.json:
        sys.stdout.write(json.dumps(summary, indent=2) + "\n")
        return
    sys.stdout.write(f"{args.articles} articles, {words:,} words, model {model}\n")
    for name, part in results.items():
        sys.stdout.write(
            f"{name:11} {part['seconds']:7.1f} s  {part['articles_per_s']:6.1f} articles/s  "
            f"{part['words_per_s']:8.0f} words/s  peak RSS {part['peak_rss_mb']:.0f} MB"
            f" (largest worker {part['peak_worker_rss_mb']:.0f} MB)\n"
        )
    sys.stdout.write(f"speed ratio (communique / bare nlp.pipe, >1 = faster): {ratio:.2f}\n")


if __name__ == "__main__":
    main()
