"""Relation analysis over ten million events: alignment, shift scan and a monthly dyad
series, against a single pass over all events, in the same run.

1. The store (cached under --store): a seed store is copied (never modified) and its
   events multiplied inside DuckDB with the resampling of benchmarks/api.py (each copy
   a new id, an article copy, a date shifted back by up to --years years and, for three
   copies in four, source and target resampled among the actors the events name) until
   there are at least --events. Its SQL is reused, except where ids are made (salted
   here, as a resampled seed already holds api.py's ids) and the events INSERT (api.py's
   predates the ``sentence`` column). The seed is --seed-store, by default the API
   benchmark's store /tmp/commbench/big.duckdb when it exists, else the bundled sample
   (data/seeds and data/corpus) ingested with `communique ingest`. The copy is migrated
   to the current schema and ``merged_events`` filled as after a story refresh (every
   event mapped; reports of the same ordered dyad, root and day merged), so merged
   events are counted once, as the analyses do on a real store.
2. Each measurement runs in its own process (this file with --task), which opens the
   store read-only and runs its query --repeat times: the first run (DuckDB's buffers
   empty, the OS page cache warm) and the best are reported, with the process's peak
   RSS. Measurements: the baselines (`SELECT count(*) FROM events`; and a single-pass
   aggregate over all events, the monthly count and mean Goldstein), `store.series` for
   the ARM-RUS dyad by month, `alignment` of ARM between NATO,EU,USA and RUS,CSTO and of
   USA (the most frequent actor) between NATO,EU,GBR and RUS,CHN (200 bootstrap
   replicates, by month), and `scan_shifts` by month (every actor and dyad with 20
   events or more, 500 shuffles each, Benjamini-Hochberg at 0.01).
3. Prints seconds (first, best), peak RSS, and the ratios of the best time to the
   single-pass aggregate's and of the peak RSS to that of a process that only opens the
   store.

    python benchmarks/analysis.py [--events 10000000] [--store PATH] [--reuse]
                                  [--seed-store PATH] [--repeat 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from communique.analysis import alignment, scan_shifts
from communique.store.base import EventQuery
from communique.store.duckdb_store import DuckDBStore

DEFAULT_STORE = Path(tempfile.gettempdir()) / "communique-bench-analysis" / "store.duckdb"
API_STORE = Path(tempfile.gettempdir()) / "commbench" / "big.duckdb"
BASELINE = "aggregate"
Stats = dict[str, Any]


def say(message: str) -> None:
    sys.stderr.write(f"[analysis bench] {message}\n")
    sys.stderr.flush()


# ---- building the store ---------------------------------------------------------------


# benchmarks/api.py's copies, with ids salted by the seed's size: a seed that is itself a
# resampled store already holds the ids api.py would give.
ARTICLE_COPIES_SQL = """
CREATE TEMP TABLE art_copy AS
SELECT j, a.id AS old_id,
       CASE WHEN j = 0 THEN a.id ELSE substr(md5(a.id || '#' || j || '#$salt'), 1, 16) END
           AS new_id,
       CASE WHEN j = 0 THEN 0 ELSE -(hash(a.id, j, $salt) % $span)::INTEGER END AS shift
FROM articles a CROSS JOIN range($copies) r(j)
"""

EVENT_COPIES_SQL = """
CREATE TEMP TABLE ev_copy AS
WITH base AS (
    SELECT e.id AS old_id, r.k, substr(md5(e.id || ':' || r.k || ':$salt'), 1, 16) AS new_id,
           ac.new_id AS article_id,
           e.day + ac.shift + (hash(e.id, r.k, 'd') % 31)::INTEGER - 15 AS shifted,
           e.date_precision,
           hash(e.id, r.k, 'a', $salt) % 4 = 0 AS keep,
           (hash(e.id, r.k, 's', $salt) % $pool)::BIGINT AS ps,
           (hash(e.id, r.k, 't', $salt) % $pool)::BIGINT AS pt
    FROM events e CROSS JOIN range(1, $copies) r(k)
    JOIN art_copy ac ON ac.old_id = e.article_id AND ac.j = r.k % $articles
)
SELECT b.*,
       CASE b.date_precision
           WHEN 'year' THEN date_trunc('year', b.shifted)::DATE
           WHEN 'month' THEN date_trunc('month', b.shifted)::DATE
           ELSE b.shifted END AS new_day,
       b.keep OR s.code = t.code AS original_actors,
       s.id AS s_id, s.name AS s_name, s.code AS s_code, s.sector AS s_sector,
       t.id AS t_id, t.name AS t_name, t.code AS t_code, t.sector AS t_sector
FROM base b JOIN pool s ON s.k = b.ps JOIN pool t ON t.k = b.pt
"""

# benchmarks/api.py's INSERT of the copies names no columns and predates the ``sentence``
# column (migration 004): DuckDB refuses it on a current store. The same copy, by name.
EVENTS_SQL = """
INSERT INTO events (id, article_id, source_id, source_name, source_code, source_sector,
                    target_id, target_name, target_code, target_sector, cameo, cameo_name,
                    root, goldstein, quad_class, plover_type, plover_mode, date,
                    date_precision, date_source, day, modality, pattern, confidence,
                    location_name, location_country, lat, lon, source_how, target_how,
                    sentence)
SELECT c.new_id, c.article_id,
       CASE WHEN c.original_actors THEN e.source_id ELSE c.s_id END,
       CASE WHEN c.original_actors THEN e.source_name ELSE c.s_name END,
       CASE WHEN c.original_actors THEN e.source_code ELSE c.s_code END,
       CASE WHEN c.original_actors THEN e.source_sector ELSE c.s_sector END,
       CASE WHEN c.original_actors THEN e.target_id ELSE c.t_id END,
       CASE WHEN c.original_actors THEN e.target_name ELSE c.t_name END,
       CASE WHEN c.original_actors THEN e.target_code ELSE c.t_code END,
       CASE WHEN c.original_actors THEN e.target_sector ELSE c.t_sector END,
       e.cameo, e.cameo_name, e.root, e.goldstein, e.quad_class, e.plover_type,
       e.plover_mode,
       CASE WHEN e.date IS NULL THEN NULL
           WHEN e.date_precision = 'year' THEN strftime(c.new_day, '%Y')
           WHEN e.date_precision = 'month' THEN strftime(c.new_day, '%Y-%m')
           ELSE strftime(c.new_day, '%Y-%m-%d') END,
       e.date_precision, e.date_source, c.new_day, e.modality, e.pattern, e.confidence,
       e.location_name, e.location_country, e.lat, e.lon, e.source_how, e.target_how,
       e.sentence
FROM events e JOIN ev_copy c ON c.old_id = e.id
"""

MERGED_SQL = """
INSERT INTO merged_events
SELECT id, 'm' || substr(md5(concat_ws('|', source_code, target_code, root, day)), 1, 16)
FROM events
"""


def multiply(con: duckdb.DuckDBPyConnection, target: int, article_copies: int, years: int) -> None:
    """benchmarks/api.py's resampling up to ``target`` events, with salted ids."""
    import api

    real = con.execute("SELECT count(*) FROM events").fetchone()[0]
    if real == 0:
        raise SystemExit("the seed has no events")
    copies = math.ceil(target / real)
    articles = max(1, min(article_copies, copies))
    con.execute("BEGIN TRANSACTION")
    con.execute(api.POOL_SQL)
    pool = con.execute("SELECT count(*) FROM pool").fetchone()[0]
    con.execute(api.sql(ARTICLE_COPIES_SQL, copies=articles, span=years * 365, salt=real))
    con.execute(api.ARTICLES_SQL)
    copy_sql = api.sql(EVENT_COPIES_SQL, copies=copies, articles=articles, pool=pool, salt=real)
    con.execute(copy_sql)
    con.execute(EVENTS_SQL)
    con.execute(api.EVENT_MENTIONS_SQL)
    con.execute("DELETE FROM merged_events")
    con.execute(MERGED_SQL)
    con.execute("COMMIT")
    con.execute("CHECKPOINT")


def seed_into(building: Path, seed: Path | None) -> str:
    """Put the seed events into ``building``: a copy of the seed store, or the sample."""
    if seed is not None:
        say(f"copying the seed store {seed}")
        shutil.copyfile(seed, building)
        return str(seed)
    from api import ingest_sample  # the API benchmark's ingest (imports the server)

    say("ingesting the bundled sample (data/seeds, data/corpus)")
    ingest_sample(building)
    return "data/seeds + data/corpus"


def build_store(store: Path, seed: Path | None, args: argparse.Namespace) -> Stats:
    """Build into a side file and rename it at the end: a half-built store is never reused."""
    from api import remove_store

    store.parent.mkdir(parents=True, exist_ok=True)
    building = store.with_name(store.name + ".building")
    remove_store(building)
    start = time.perf_counter()
    origin = seed_into(building, seed)
    DuckDBStore(building).close()  # migrate the copy to the current schema
    say(f"resampling to {args.events:,} events")
    with duckdb.connect(str(building)) as con:
        multiply(con, args.events, args.article_copies, args.years)
    remove_store(store)
    building.rename(store)
    seconds = time.perf_counter() - start
    say(f"store built in {seconds:.0f} s")
    return {"seed": origin, "reused": False, "build_seconds": seconds}


def store_facts(store: Path) -> Stats:
    with duckdb.connect(str(store), read_only=True) as con:
        events, first, last = con.execute(
            "SELECT count(*), min(day), max(day) FROM events"
        ).fetchone()
        merged = con.execute("SELECT count(DISTINCT merged_id) FROM merged_events").fetchone()[0]
    size = store.stat().st_size / 2**30
    return {"events": events, "merged_events": merged, "days": f"{first} .. {last}", "gib": size}


def ensure_store(args: argparse.Namespace) -> Stats:
    from api import event_count

    if args.reuse and event_count(args.store) >= args.events:
        say(f"reusing {args.store}")
        built: Stats = {"seed": "(reused)", "reused": True, "build_seconds": 0.0}
    else:
        seed = args.seed_store if args.seed_store and args.seed_store.exists() else None
        built = build_store(args.store, seed, args)
    store = DuckDBStore(args.store)  # the current schema, and each merged event counted once
    store.refresh_primary()
    store.close()
    return {"path": str(args.store), **built, **store_facts(args.store)}


# ---- the measurements (one process each) -----------------------------------------------


def sql(query: str) -> Callable[[DuckDBStore], Any]:
    def run(store: DuckDBStore) -> Any:
        with store.con.cursor() as cursor:
            return cursor.execute(query).fetchall()

    return run


WEST, EAST = ["NATO", "EU", "USA"], ["RUS", "CSTO"]
TASKS: dict[str, tuple[str, Callable[[DuckDBStore], Any]]] = {
    "open": ("open the store, SELECT 1", sql("SELECT 1")),
    "count": ("SELECT count(*) FROM events", sql("SELECT count(*) FROM events")),
    BASELINE: (
        "single pass: monthly count, mean Goldstein",
        sql(
            "SELECT strftime(day, '%Y-%m') AS m, count(*), avg(goldstein) FROM events"
            " GROUP BY 1 ORDER BY 1"
        ),
    ),
    "series": (
        "store.series, dyad ARM-RUS, by month",
        lambda s: s.series(EventQuery(dyad=("ARM", "RUS")), "month"),
    ),
    "align_arm": (
        "alignment ARM: NATO,EU,USA vs RUS,CSTO",
        lambda s: alignment(s, "ARM", WEST, EAST),
    ),
    "align_usa": (
        "alignment USA: NATO,EU,GBR vs RUS,CHN",
        lambda s: alignment(s, "USA", ["NATO", "EU", "GBR"], ["RUS", "CHN"]),
    ),
    "align_arm_raw": (
        "alignment ARM, merged=False",
        lambda s: alignment(s, "ARM", WEST, EAST, merged=False),
    ),
    "scan": ("scan_shifts by month", lambda s: scan_shifts(s, by="month")),
}


def summary(result: Any) -> str:
    if isinstance(result, list) and result and hasattr(result[0], "event_ids"):
        top = result[0]
        return f"{len(result)} flags; first {'-'.join(top.actors)} {top.period} p={top.p_value:.1e}"
    if isinstance(result, list) and result and hasattr(result[0], "score"):
        return f"{len(result)} periods, {sum(p.events_a + p.events_b for p in result):,} events"
    return f"{len(result)} rows" if isinstance(result, list) else "done"


def run_task(name: str, store: Path, repeat: int) -> Stats:
    _, task = TASKS[name]
    opened = DuckDBStore(store, read_only=True)
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = task(opened)
        times.append(time.perf_counter() - start)
    opened.close()
    return {
        "first": times[0],
        "best": min(times),
        "peak_mib": peak_mib(),
        "result": summary(result),
    }


def peak_mib() -> float:
    """This process's peak RSS. VmHWM, not ru_maxrss: after fork and exec, ru_maxrss
    still counts the parent's memory at the fork."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(name: str, args: argparse.Namespace) -> Stats:
    cmd = [sys.executable, __file__, "--task", name, "--store", str(args.store)]
    done = subprocess.run(
        [*cmd, "--repeat", str(args.repeat)], check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---- driving it all, and the report ---------------------------------------------------


def bench(args: argparse.Namespace) -> Stats:
    store = ensure_store(args)
    results: dict[str, Stats] = {}
    for name, (label, _) in TASKS.items():
        say(f"{name}: {label}")
        results[name] = {"label": label, **measure(name, args)}
    base, opened = results[BASELINE], results["open"]
    for stats in results.values():
        stats["time_vs_baseline"] = stats["best"] / base["best"]
        stats["rss_vs_open"] = stats["peak_mib"] / opened["peak_mib"]
    return {"store": store, "repeat": args.repeat, "tasks": results}


def report(result: Stats) -> str:
    store = result["store"]
    origin = "reused" if store["reused"] else f"built in {store['build_seconds']:.0f} s"
    head = (
        f"store {store['path']}: {store['events']:,} events, {store['merged_events']:,}"
        f" merged events, days {store['days']}, {store['gib']:.1f} GiB ({origin};"
        f" seed {store['seed']})\n"
        f"each task in its own process, {result['repeat']} runs; time ratio = best / best"
        f" of '{BASELINE}', RSS ratio = peak / peak of 'open'\n"
        f"{'task':14} {'first s':>8} {'best s':>8} {'x base':>7} {'peak MiB':>9} {'x open':>7}"
        "  what / result\n"
    )
    rows = [
        f"{name:14} {s['first']:8.3f} {s['best']:8.3f} {s['time_vs_baseline']:7.2f}"
        f" {s['peak_mib']:9.0f} {s['rss_vs_open']:7.2f}  {s['label']}: {s['result']}\n"
        for name, s in result["tasks"].items()
    ]
    return head + "".join(rows)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000, help="at least this many")
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE)
    parser.add_argument("--reuse", action="store_true", help="keep a store already built")
    parser.add_argument("--seed-store", type=Path, default=API_STORE, help="copied, not changed")
    parser.add_argument("--article-copies", type=int, default=100)
    parser.add_argument("--years", type=int, default=4, help="dates shifted back up to this")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--task", choices=sorted(TASKS), help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if args.task:
        sys.stdout.write(json.dumps(run_task(args.task, args.store, args.repeat)) + "\n")
        return
    result = bench(args)
    if args.json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
    else:
        sys.stdout.write(report(result))


if __name__ == "__main__":
    main()
