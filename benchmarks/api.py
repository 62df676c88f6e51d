"""REST API under load: `communique serve` over a store of a million resampled events.

1. Builds the store (cached under --store): ingests the bundled sample (data/seeds and
   data/corpus) with `communique ingest`, then multiplies its events inside DuckDB, each
   copy with a new id, an article copy (articles are replicated --article-copies times),
   a date shifted back by up to --years years and, for three copies in four, source and
   target resampled among the actors the real events name (weighted as they occur), so
   dyads vary. Every copy gets its event_mentions rows, the first sentence included.
2. Starts the real server (`communique serve --store X --port P`) on 127.0.0.1 and waits
   for /api/health.
3. Runs the load in a separate process (this file with --load): asyncio + httpx, one
   shared connection pool, --clients concurrent clients. First a short warm-up (every
   request kind once), then a baseline phase against /api/health (the server's own
   overhead; --baseline-path picks another trivial path), then the mix phase: each
   client cycles through event lists filtered by actor, dyad, CAMEO prefix, quad class
   and date range (pages 1-5), CSV export, monthly series with and without a dyad,
   network and map over a date range, actor pages, single events and stats.
   Both phases stop by themselves (time and request budget).
4. Prints, per endpoint group and overall: requests, errors (non-2xx and exceptions),
   throughput, p50 and p99 latency (ms, over every request, failed ones included) and
   their ratio to the baseline phase. The server is stopped at the end, also on errors.

    python benchmarks/api.py [--events 1000000] [--store PATH] [--reuse]
                             [--clients 50] [--seconds 60] [--baseline-seconds 20] [--json]

The store is built once in about half a minute; --reuse keeps it for the next runs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import httpx

from communique.api.server import server_file

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = (ROOT / "data" / "seeds", ROOT / "data" / "corpus")
DEFAULT_STORE = Path(tempfile.gettempdir()) / "communique-bench-api" / "store.duckdb"
HOST = "127.0.0.1"
Fixtures = dict[str, Any]
Stats = dict[str, Any]


# ---- building the store ---------------------------------------------------------------


def say(message: str) -> None:
    sys.stderr.write(f"[api bench] {message}\n")
    sys.stderr.flush()


def communique_command() -> list[str]:
    """The installed `communique` script beside this interpreter, else `python -m`."""
    script = Path(sys.executable).parent / "communique"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "communique.cli.main"]


def ingest_sample(store: Path) -> None:
    env = {**os.environ, "COMMUNIQUE_STORE": str(store)}
    cmd = [*communique_command(), "ingest", *(str(p) for p in SAMPLE)]
    subprocess.run(cmd, env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


POOL_SQL = """
CREATE TEMP TABLE pool AS
SELECT row_number() OVER (ORDER BY code, id, name, sector) - 1 AS k, id, name, code, sector
FROM (
    SELECT source_id AS id, source_name AS name, source_code AS code, source_sector AS sector
    FROM events WHERE source_code IS NOT NULL
    UNION ALL
    SELECT target_id, target_name, target_code, target_sector
    FROM events WHERE target_code IS NOT NULL
)
"""

ARTICLE_COPIES_SQL = """
CREATE TEMP TABLE art_copy AS
SELECT j, a.id AS old_id,
       CASE WHEN j = 0 THEN a.id ELSE substr(md5(a.id || '#' || j), 1, 16) END AS new_id,
       CASE WHEN j = 0 THEN 0 ELSE -(hash(a.id, j) % $span)::INTEGER END AS shift
FROM articles a CROSS JOIN range($copies) r(j)
"""

ARTICLES_SQL = """
INSERT INTO articles (id, title, published, context_date, context_precision, source, url,
                      path, text, words)
SELECT c.new_id, a.title, a.published + c.shift, a.context_date + c.shift,
       a.context_precision, a.source, a.url, a.path, a.text, a.words
FROM articles a JOIN art_copy c ON c.old_id = a.id WHERE c.j > 0
"""

EVENT_COPIES_SQL = """
CREATE TEMP TABLE ev_copy AS
WITH base AS (
    SELECT e.id AS old_id, r.k, substr(md5(e.id || ':' || r.k), 1, 16) AS new_id,
           ac.new_id AS article_id,
           e.day + ac.shift + (hash(e.id, r.k, 'd') % 31)::INTEGER - 15 AS shifted,
           e.date_precision,
           hash(e.id, r.k, 'a') % 4 = 0 AS keep,
           (hash(e.id, r.k, 's') % $pool)::BIGINT AS ps,
           (hash(e.id, r.k, 't') % $pool)::BIGINT AS pt
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

EVENTS_SQL = """
INSERT INTO events
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
       e.sentence, TRUE
FROM events e JOIN ev_copy c ON c.old_id = e.id
"""

EVENT_MENTIONS_SQL = """
INSERT INTO event_mentions
SELECT c.new_id, m.seq, c.article_id, m.sentence, m.start_char, m.end_char, m.trigger,
       m.trigger_start, m.trigger_end, m.source_start, m.source_end, m.target_start,
       m.target_end
FROM event_mentions m JOIN ev_copy c ON c.old_id = m.event_id
"""


def sql(template: str, **values: int) -> str:
    """Fill ``$name`` integer placeholders (DuckDB cannot bind them inside CREATE TABLE)."""
    for name, value in values.items():
        template = template.replace(f"${name}", str(int(value)))
    return template


def multiply(con: duckdb.DuckDBPyConnection, target: int, article_copies: int, years: int) -> None:
    """Resample the ingested events in place until there are at least ``target``."""
    real = con.execute("SELECT count(*) FROM events").fetchone()[0]
    if real == 0:
        raise SystemExit("the sample produced no events")
    copies = math.ceil(target / real)
    articles = max(1, min(article_copies, copies))
    con.execute("BEGIN TRANSACTION")
    con.execute(POOL_SQL)
    pool = con.execute("SELECT count(*) FROM pool").fetchone()[0]
    con.execute(sql(ARTICLE_COPIES_SQL, copies=articles, span=years * 365))
    con.execute(ARTICLES_SQL)
    con.execute(sql(EVENT_COPIES_SQL, copies=copies, articles=articles, pool=pool))
    con.execute(EVENTS_SQL)
    con.execute(EVENT_MENTIONS_SQL)
    con.execute("COMMIT")
    con.execute("CHECKPOINT")


def event_count(store: Path) -> int:
    try:
        with duckdb.connect(str(store), read_only=True) as con:
            return int(con.execute("SELECT count(*) FROM events").fetchone()[0])
    except duckdb.Error:
        return 0


def remove_store(store: Path) -> None:
    for path in (store, store.with_name(store.name + ".wal")):
        path.unlink(missing_ok=True)


def build_store(store: Path, args: argparse.Namespace) -> None:
    """Build into a side file and rename it at the end: a half-built store is never reused."""
    store.parent.mkdir(parents=True, exist_ok=True)
    building = store.with_name(store.name + ".building")
    remove_store(building)
    start = time.perf_counter()
    say(f"ingesting the bundled sample into {building}")
    ingest_sample(building)
    say(f"ingested in {time.perf_counter() - start:.0f} s; resampling to {args.events:,} events")
    with duckdb.connect(str(building)) as con:
        multiply(con, args.events, args.article_copies, args.years)
    remove_store(store)
    building.rename(store)
    say(f"store built in {time.perf_counter() - start:.0f} s")


def ensure_store(args: argparse.Namespace) -> dict[str, Any]:
    store = args.store
    if args.reuse and event_count(store) >= args.events:
        say(f"reusing {store}")
        return {"path": str(store), "reused": True, "build_seconds": 0.0}
    start = time.perf_counter()
    build_store(store, args)
    return {"path": str(store), "reused": False, "build_seconds": time.perf_counter() - start}


# ---- request parameters, taken from the store before the server locks it ---------------


FIXTURE_QUERIES = {
    "codes": "SELECT code FROM (SELECT source_code AS code FROM events UNION ALL"
    " SELECT target_code FROM events) WHERE code IS NOT NULL"
    " GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 40",
    "dyads": "SELECT least(source_code, target_code) || ',' || greatest(source_code, target_code)"
    " FROM events WHERE source_code <> target_code GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 60",
    "actors": "SELECT id FROM actors WHERE id IN (SELECT source_code FROM events UNION"
    " SELECT target_code FROM events UNION SELECT source_id FROM events) ORDER BY 1",
    "cameos": "SELECT DISTINCT p FROM (SELECT root AS p FROM events UNION ALL"
    " SELECT substr(cameo, 1, 3) FROM events WHERE length(cameo) >= 3) ORDER BY 1",
    "event_ids": "SELECT id FROM events USING SAMPLE reservoir(2000 ROWS) REPEATABLE (7)",
}


def fixtures(store: Path) -> Fixtures:
    with duckdb.connect(str(store), read_only=True) as con:
        found = {k: [r[0] for r in con.execute(q).fetchall()] for k, q in FIXTURE_QUERIES.items()}
        first, last, events = con.execute(
            "SELECT quantile_disc(day, 0.05), quantile_disc(day, 0.95), count(*) FROM events"
        ).fetchone()
    return {**found, "first_day": first.isoformat(), "last_day": last.isoformat(), "events": events}


# ---- the server ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def wait_healthy(url: str, server: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with status {server.returncode}")
        try:
            if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"the server did not answer /api/health within {timeout:.0f} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Ctrl-C, then kill: on SIGTERM uvicorn re-raises the signal after shutting down, so
    `serve` would not get to remove its announcement file."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def running_server(store: Path, log: Path) -> Iterator[str]:
    """The real `communique serve` on a free local port; stopped whatever happens."""
    port = free_port()
    cmd = [*communique_command(), "serve", "--store", str(store), "--host", HOST]
    with log.open("wb") as sink:
        server = subprocess.Popen([*cmd, "--port", str(port)], stdout=sink, stderr=sink, cwd=ROOT)
    url = f"http://{HOST}:{port}"
    try:
        wait_healthy(url, server, timeout=120)
        say(f"server up at {url} (pid {server.pid})")
        yield url
    except BaseException:
        sys.stderr.write(log.read_text(errors="replace")[-4000:])
        raise
    finally:
        stop(server)
        server_file(store).unlink(missing_ok=True)


# ---- the load generator (runs in its own process: --load) -------------------------------


@dataclass
class Plan:
    """Request builders over the fixtures; one random stream per client."""

    fx: Fixtures
    rng: random.Random

    def window(self, days: int = 365) -> str:
        first = date.fromisoformat(self.fx["first_day"])
        last = date.fromisoformat(self.fx["last_day"])
        span = max(1, (last - first).days - days)
        start = first + timedelta(days=self.rng.randrange(span))
        return f"since={start.isoformat()}&until={(start + timedelta(days=days)).isoformat()}"

    def page(self) -> str:
        return f"page={self.rng.randint(1, 5)}"

    def pick(self, key: str) -> str:
        return str(self.rng.choice(self.fx[key]))

    def events_actor(self) -> str:
        return f"/api/events?actor={self.pick('codes')}&{self.page()}"

    def events_dyad(self) -> str:
        return f"/api/events?dyad={self.pick('dyads')}&{self.page()}"

    def events_cameo(self) -> str:
        return f"/api/events?cameo={self.pick('cameos')}&{self.window(730)}&{self.page()}"

    def events_quad(self) -> str:
        return f"/api/events?quad={self.rng.randint(1, 4)}&{self.window()}&{self.page()}"

    def events_csv(self) -> str:
        return f"/api/events?format=csv&per_page=500&actor={self.pick('codes')}&{self.window()}"

    def series(self) -> str:
        return "/api/series?by=month"

    def series_dyad(self) -> str:
        return f"/api/series?by=month&dyad={self.pick('dyads')}"

    def network(self) -> str:
        return f"/api/network?{self.window()}"

    def map(self) -> str:
        return f"/api/map?{self.window(730)}"

    def actor(self) -> str:
        return f"/api/actors/{self.pick('actors')}"

    def event(self) -> str:
        return f"/api/events/{self.pick('event_ids')}"

    def stats(self) -> str:
        return "/api/stats"


GROUPS = {
    "events?actor": Plan.events_actor,
    "events?dyad": Plan.events_dyad,
    "events?cameo+dates": Plan.events_cameo,
    "events?quad+dates": Plan.events_quad,
    "events csv": Plan.events_csv,
    "series month": Plan.series,
    "series month+dyad": Plan.series_dyad,
    "network dates": Plan.network,
    "map dates": Plan.map,
    "actors/{code}": Plan.actor,
    "events/{id}": Plan.event,
    "stats": Plan.stats,
}
# what a client does in turn (lists and single items more often than aggregates)
CYCLE = (
    "events?actor", "events/{id}", "events?dyad", "actors/{code}", "events?cameo+dates",
    "series month+dyad", "events?quad+dates", "events/{id}", "network dates", "events?actor",
    "events csv", "events?dyad", "map dates", "series month", "events/{id}", "stats",
)  # fmt: skip


@dataclass
class Phase:
    """Shared state of one phase: deadline, request budget, the samples taken."""

    deadline: float
    budget: int
    samples: dict[str, list[tuple[float, bool]]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def take(self) -> bool:
        if time.perf_counter() >= self.deadline or self.budget <= 0:
            return False
        self.budget -= 1
        return True

    def record(self, group: str, seconds: float, problem: str | None) -> None:
        self.samples[group].append((seconds, problem is None))
        if problem and len(self.errors[group]) < 3 and problem not in self.errors[group]:
            self.errors[group].append(problem)


async def fetch(client: httpx.AsyncClient, phase: Phase, group: str, path: str) -> None:
    start = time.perf_counter()
    problem = None
    try:
        response = await client.get(path)
        if not 200 <= response.status_code < 300:
            problem = f"{response.status_code} {path}: {response.text[:120]}"
    except httpx.HTTPError as exc:
        problem = f"{exc.__class__.__name__} {path}: {exc}"
    phase.record(group, time.perf_counter() - start, problem)


Chooser = Callable[[int], tuple[str, str]]


async def client_loop(client: httpx.AsyncClient, phase: Phase, choose: Chooser) -> None:
    turn = 0
    while phase.take():
        group, path = choose(turn)
        await fetch(client, phase, group, path)
        turn += 1


def mix_chooser(fx: Fixtures, index: int) -> Chooser:
    plan = Plan(fx, random.Random(1000 + index))

    def choose(turn: int) -> tuple[str, str]:
        group = CYCLE[(index + turn) % len(CYCLE)]
        return group, GROUPS[group](plan)

    return choose


def baseline_chooser(fx: Fixtures, index: int) -> Chooser:
    return lambda turn: ("baseline", fx["baseline_path"])


async def run_phase(
    client: httpx.AsyncClient,
    chooser: Callable[[Fixtures, int], Chooser],
    fx: Fixtures,
    args: argparse.Namespace,
    seconds: float,
) -> Stats:
    start, cpu = time.perf_counter(), time.process_time()
    phase = Phase(deadline=start + seconds, budget=args.max_requests)
    await asyncio.gather(*(client_loop(client, phase, chooser(fx, i)) for i in range(args.clients)))
    elapsed = time.perf_counter() - start
    result = summarize(phase, elapsed)
    result["client_cpu_seconds"] = round(time.process_time() - cpu, 1)
    return result


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    return sorted_values[max(0, math.ceil(p * len(sorted_values)) - 1)]


def describe(samples: list[tuple[float, bool]], elapsed: float) -> Stats:
    latencies = sorted(s for s, _ in samples)
    return {
        "requests": len(samples),
        "errors": sum(1 for _, ok in samples if not ok),
        "per_second": len(samples) / elapsed if elapsed else 0.0,
        "p50_ms": percentile(latencies, 0.50) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "max_ms": (latencies[-1] if latencies else float("nan")) * 1000,
    }


def summarize(phase: Phase, elapsed: float) -> Stats:
    groups = {g: describe(s, elapsed) for g, s in sorted(phase.samples.items())}
    everything = [s for samples in phase.samples.values() for s in samples]
    return {
        "seconds": round(elapsed, 1),
        "groups": groups,
        "all": describe(everything, elapsed),
        "error_samples": dict(phase.errors),
    }


async def warm_up(client: httpx.AsyncClient, fx: Fixtures) -> Stats:
    """Every request kind once, one after the other (loads the store's pages)."""
    phase = Phase(deadline=math.inf, budget=len(GROUPS))
    plan = Plan(fx, random.Random(0))
    for group, build in GROUPS.items():
        await fetch(client, phase, group, build(plan))
    return {g: round(s[0][0] * 1000, 1) for g, s in phase.samples.items()} | {
        "errors": dict(phase.errors)
    }


async def load(args: argparse.Namespace) -> Stats:
    fx = json.loads(args.fixtures.read_text())
    limits = httpx.Limits(max_connections=args.clients, max_keepalive_connections=args.clients)
    async with httpx.AsyncClient(base_url=args.url, limits=limits, timeout=args.timeout) as client:
        warm = await warm_up(client, fx)
        say(f"baseline: {fx['baseline_path']}, {args.clients} clients, {args.baseline_seconds} s")
        baseline = await run_phase(client, baseline_chooser, fx, args, args.baseline_seconds)
        say(f"mix: {len(GROUPS)} request kinds, {args.clients} clients, {args.seconds:.0f} s")
        mix = await run_phase(client, mix_chooser, fx, args, args.seconds)
    return {"warm_up_ms": warm, "baseline": baseline, "mix": mix}


def load_main(args: argparse.Namespace) -> None:
    if not args.url.startswith(f"http://{HOST}:"):
        raise SystemExit(f"--url must be on {HOST}")
    sys.stdout.write(json.dumps(asyncio.run(load(args))) + "\n")


# ---- driving it all, and the report ---------------------------------------------------


def run_load(url: str, fixture_file: Path, args: argparse.Namespace) -> Stats:
    cmd = [sys.executable, __file__, "--load", "--url", url, "--fixtures", str(fixture_file)]
    for name in ("clients", "seconds", "baseline_seconds", "max_requests", "timeout"):
        cmd += [f"--{name.replace('_', '-')}", str(getattr(args, name))]
    limit = args.seconds + args.baseline_seconds + 4 * args.timeout + 120
    done = subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=limit)
    sys.stderr.write(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def add_ratios(result: Stats) -> None:
    base = result["baseline"]["all"]
    mix = result["mix"]
    for stats in [*mix["groups"].values(), mix["all"]]:
        stats["p50_vs_baseline"] = stats["p50_ms"] / base["p50_ms"]
        stats["p99_vs_baseline"] = stats["p99_ms"] / base["p99_ms"]


def line(name: str, s: Stats) -> str:
    ratios = ""
    if "p50_vs_baseline" in s:
        ratios = f" {s['p50_vs_baseline']:9.1f}x {s['p99_vs_baseline']:9.1f}x"
    return (
        f"{name:20} {s['requests']:8} {s['errors']:6} {s['per_second']:8.1f}"
        f" {s['p50_ms']:9.1f} {s['p99_ms']:9.1f}{ratios}\n"
    )


def report(result: Stats, args: argparse.Namespace) -> str:
    store, mix, base = result["store"], result["mix"], result["baseline"]
    origin = "reused" if store["reused"] else f"built in {store['build_seconds']:.0f} s"
    head = (
        f"store {store['path']}: {store['events']:,} events ({origin})\n"
        f"{args.clients} clients; baseline {base['seconds']} s, mix {mix['seconds']} s"
        f" (load generator CPU {base['client_cpu_seconds']} s + {mix['client_cpu_seconds']} s)\n"
        f"{'group':20} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>9} {'p99 ms':>9}"
        f" {'p50/base':>10} {'p99/base':>10}\n"
    )
    rows = [line(g, s) for g, s in mix["groups"].items()]
    rows += [line("ALL (mix)", mix["all"]), line("baseline", base["all"])]
    problems = [f"  {g}: {p}\n" for g, ps in mix["error_samples"].items() for p in ps]
    problems += [f"  baseline: {p}\n" for p in base["error_samples"].get("baseline", [])]
    return head + "".join(rows) + ("errors seen:\n" + "".join(problems) if problems else "")


def bench(args: argparse.Namespace) -> Stats:
    store = ensure_store(args)
    fx = fixtures(args.store)
    store["events"] = fx["events"]
    with tempfile.TemporaryDirectory() as tmp:
        fixture_file = Path(tmp) / "fixtures.json"
        fixture_file.write_text(json.dumps({**fx, "baseline_path": args.baseline_path}))
        with running_server(args.store, Path(tmp) / "server.log") as url:
            result = run_load(url, fixture_file, args)
    result["store"] = store
    add_ratios(result)
    return result


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="at least this many")
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE)
    parser.add_argument("--reuse", action="store_true", help="keep a store already built")
    parser.add_argument("--article-copies", type=int, default=100)
    parser.add_argument("--years", type=int, default=8, help="dates shifted back up to this")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--baseline-seconds", type=float, default=20.0)
    parser.add_argument("--baseline-path", default="/api/health", help="the trivial endpoint")
    parser.add_argument("--max-requests", type=int, default=500_000, help="per phase")
    parser.add_argument("--timeout", type=float, default=60.0, help="per request, seconds")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--load", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--fixtures", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if args.load:
        load_main(args)
        return
    result = bench(args)
    if args.json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
    else:
        sys.stdout.write(report(result, args))


if __name__ == "__main__":
    main()
