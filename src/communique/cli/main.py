"""The command line: a thin wrapper over the core object."""

from __future__ import annotations

import json
import signal
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import click
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from typer.core import TyperGroup

from communique.actors.tabari import import_actors
from communique.api.server import find_server, send_articles
from communique.cli.output import Format, render, to_json_line
from communique.config import Settings
from communique.core import Communique
from communique.evaluate import evaluate as score
from communique.evaluate import load_gold, load_predictions, match_predictions
from communique.events.candidates import candidate_rows
from communique.ingest.clean import build_article
from communique.ingest.dates import parse_date
from communique.models import DateWindow, IngestFailure, IngestReport
from communique.nlp.pipeline import ModelNotFound
from communique.store import ArticleQuery, EventQuery, QuoteQuery, StoreError

app = typer.Typer(
    help="communique: who did what to whom in international news, sourced and dated.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, soft_wrap=True, highlight=False)
# piped output gets a fixed width (rich falls back to 80 columns, too narrow for tables)
out = Console(soft_wrap=True, highlight=False, width=None if sys.stdout.isatty() else 140)

StoreOpt = Annotated[
    Path | None,
    typer.Option("--store", help="DuckDB file (default: COMMUNIQUE_STORE or the user data dir)."),
]
EVENT_COLUMNS = ("id", "date", "source", "target", "cameo", "cameo_name", "goldstein")
QUOTE_COLUMNS = ("date", "code", "speaker", "kind", "text")
MENTION_COLUMNS = ("date", "text", "code", "sector", "actor_name", "how", "article_id")
ARTICLE_COLUMNS = ("id", "published", "source", "mentions", "title")
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="table, json (lines) or csv.")]


def _core(store: Path | None) -> Communique:
    return Communique(Settings.from_env(store=store))


def _date(value: str | None, what: str) -> date | None:
    if value is None:
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise typer.BadParameter(f"cannot read {value!r} as a date", param_hint=what)
    return parsed


def _fail(message: str) -> None:
    err.print(f"[red]error:[/red] {message}")
    raise typer.Exit(2)


@app.callback()
def main() -> None:
    """Read news, resolve actors for their dates, keep a sourced record."""


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, URLs, or - for stdin.")],
    published: Annotated[str | None, typer.Option(help="Publication date for all inputs.")] = None,
    source: Annotated[str | None, typer.Option(help="Source name for all inputs.")] = None,
    store: StoreOpt = None,
) -> None:
    """Read articles, resolve their actors and store them. Same text twice = stored once."""
    core = _core(store)
    day = _date(published, "--published")
    server = find_server(core.settings.store)
    if server is not None:  # the running server is the single writer: hand articles over
        report = IngestReport()
        articles = _articles_only(core.read(inputs, published=day, source=source), report)
        send_articles(server, articles, report)
        err.print(f"[dim]sent to the server at {server.url}[/dim]")
        _summary(report, core.settings.store)
        return
    try:
        with Progress(
            SpinnerColumn(),
            TextColumn("[bold]ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("articles"),
            console=err,
            transient=True,
        ) as bar:
            task = bar.add_task("ingest", total=None)
            report = core.ingest(
                inputs, published=day, source=source, progress=lambda n: bar.advance(task, n)
            )
    except (StoreError, ModelNotFound) as exc:
        _fail(str(exc))
        return
    finally:
        core.close()
    _summary(report, core.settings.store)


def _articles_only(items, report: IngestReport):
    """Articles from ``items``; failures go into the report, reads are counted."""
    for item in items:
        if isinstance(item, IngestFailure):
            report.failures.append(item)
        else:
            report.read += 1
            yield item


def _summary(report: IngestReport, store: Path) -> None:
    for failure in report.failures:
        err.print(f"[yellow]failed[/yellow] {failure}")
    err.print(
        f"read {report.read}, new {report.new}, duplicate {report.duplicate}, "
        f"failed {report.failed}  [dim]({store})[/dim]"
    )


@app.command()
def serve(
    store: StoreOpt = None,
    host: Annotated[str, typer.Option(help="Address to bind; local only by default.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    token: Annotated[str | None, typer.Option(help="Token that allows POST /api/articles.")] = (
        None
    ),
) -> None:
    """Serve the web pages and the REST API (read-only unless a --token is given)."""
    import uvicorn

    from communique.api.app import create_app
    from communique.api.server import announce, server_file

    core = _core(store)
    try:
        app_ = create_app(core, token)
    except (StoreError, ModelNotFound) as exc:
        _fail(str(exc))
        return
    url = f"http://{host}:{port}"
    announce(core.settings.store, url, token)
    err.print(
        f"communique serving {core.settings.store} at [bold]{url}[/bold]"
        f" ({'writes with token' if token else 'read-only'})"
    )
    # uvicorn re-raises SIGTERM after a graceful shutdown; exit through our cleanup instead
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        uvicorn.run(app_, host=host, port=port, log_level="warning")
    finally:
        server_file(core.settings.store).unlink(missing_ok=True)
        core.close()


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, URLs, or -.")],
    fmt: FormatOpt = Format.json,
    published: Annotated[str | None, typer.Option(help="Publication date for all inputs.")] = None,
    source: Annotated[str | None, typer.Option(help="Source name for all inputs.")] = None,
) -> None:
    """Process without storing: one JSON object per article (article, mentions, events,
    quotes; and date_window, the dates inferred for an article that came with none)."""
    core = Communique(Settings.from_env())
    failures: list[IngestFailure] = []
    try:
        for processed in core.extract(
            inputs, published=_date(published, "--published"), source=source, failures=failures
        ):
            if fmt is Format.json:
                sys.stdout.write(to_json_line(processed.to_dict()) + "\n")
            else:
                if processed.date_window is not None:
                    err.print(escape(_window_line(processed.article.title, processed.date_window)))
                rows = [_mention_row(processed.article.id, m.to_dict()) for m in processed.mentions]
                render(rows, fmt, sys.stdout, out, title=processed.article.title)
    except ModelNotFound as exc:
        _fail(str(exc))
    for failure in failures:
        err.print(f"[yellow]failed[/yellow] {failure}")


@app.command()
def candidates(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, URLs, or -.")],
    fmt: FormatOpt = Format.json,
    published: Annotated[str | None, typer.Option(help="Publication date for all inputs.")] = None,
) -> None:
    """Lay out the event candidates (every ordered pair of actors in a sentence, the rule
    coder's proposals marked) for annotation and training: one row per candidate."""
    core = Communique(Settings.from_env())
    failures: list[IngestFailure] = []
    try:
        rows = (
            row
            for processed in core.extract(
                inputs, published=_date(published, "--published"), failures=failures
            )
            for row in candidate_rows(processed)
        )
        render(list(rows), fmt, sys.stdout, out, title="event candidates")
    except ModelNotFound as exc:
        _fail(str(exc))
    for failure in failures:
        err.print(f"[yellow]failed[/yellow] {failure}")


def _window_line(title: str | None, window: DateWindow) -> str:
    """ "undated article 'Title': date window tenure 2018-05-08..2024-09-30 (reasons)"."""
    span = f" {window.first or ''}..{window.last or ''}" if window.precision != "none" else ""
    reasons = "; ".join(window.basis)
    return f"undated article {title or ''!r}: date window {window.precision}{span} ({reasons})"


def _mention_row(article_id: str, mention: dict) -> dict:
    actor = mention.get("actor") or {}
    return {
        "article": article_id,
        "text": mention["text"],
        "start": mention["start"],
        "end": mention["end"],
        "actor": actor.get("name"),
        "code": actor.get("code"),
        "sector": actor.get("sector"),
        "how": mention["how"],
    }


@app.command()
def status(store: StoreOpt = None, fmt: FormatOpt = Format.table) -> None:
    """What the store holds: counts and the most mentioned actors."""
    core = _core(store)
    counts = core.store.counts()
    if fmt is Format.table:
        out.print(f"store {core.settings.store}")
        out.print(", ".join(f"{k.replace('_', ' ')} {v:,}" for k, v in counts.items()))
        render(core.actors(limit=12), fmt, sys.stdout, out, title="most mentioned actors")
    else:
        render([counts], fmt, sys.stdout, out)
    core.close()


@app.command()
def articles(
    store: StoreOpt = None,
    fmt: FormatOpt = Format.table,
    source: Annotated[str | None, typer.Option(help="Only this source (substring).")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 100,
) -> None:
    """List stored articles, newest first."""
    core = _core(store)
    query = ArticleQuery(
        source=source, since=_date(since, "--since"), until=_date(until, "--until"), limit=limit
    )
    render(core.articles(query), fmt, sys.stdout, out, title="articles", columns=ARTICLE_COLUMNS)
    core.close()


class _ActorsGroup(TyperGroup):
    """``actors QUERY`` lists, ``actors import FILE`` imports: an unknown first word is
    taken as the query."""

    def resolve_command(self, ctx: click.Context, args: list[str]):
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            return "list", self.commands["list"], args
        return super().resolve_command(ctx, args)


actors_app = typer.Typer(cls=_ActorsGroup, help="Actors: list and search, or import a dictionary.")
app.add_typer(actors_app, name="actors")


@actors_app.callback(invoke_without_command=True)
def actors_main(ctx: typer.Context, store: StoreOpt = None, fmt: FormatOpt = Format.table) -> None:
    """List actors (by mentions), or search them: `communique actors Stoltenberg`."""
    ctx.obj = {"store": store, "fmt": fmt}
    if ctx.invoked_subcommand is None:
        _list_actors(None, store, fmt)


@actors_app.command("list")
def actors_list(
    ctx: typer.Context,
    query: Annotated[str | None, typer.Argument(help="Id, code or part of a name.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 100,
    store: StoreOpt = None,
    fmt: Annotated[
        Format | None, typer.Option("--format", "-f", help="table, json or csv.")
    ] = None,
) -> None:
    """Actors matching QUERY, with roles for people."""
    opts = ctx.obj or {}
    _list_actors(query, store or opts.get("store"), fmt or opts.get("fmt", Format.table), limit)


def _list_actors(query: str | None, store: Path | None, fmt: Format, limit: int = 100) -> None:
    core = _core(store)
    rows = core.actors(query, limit)
    render(rows, fmt, sys.stdout, out, title="actors")
    if fmt is Format.table and query and len(rows) <= 5:
        for row in rows:
            roles = core.roles(row["id"])
            if roles:
                render(roles, fmt, sys.stdout, out, title=f"roles of {row['name']}")
    core.close()


@actors_app.command("import")
def actors_import(
    file: Annotated[Path, typer.Argument(help="A PETRARCH/TABARI .actors dictionary.")],
    into: Annotated[Path | None, typer.Option(help="Actor folder to write into.")] = None,
) -> None:
    """Convert a TABARI/PETRARCH .actors dictionary into your actor folder."""
    settings = Settings.from_env()
    target = into or settings.user_actors
    if not file.is_file():
        _fail(f"{file}: no such file")
    core = Communique(settings)
    states = {a.id for a in core.kb.actors.values() if a.kind in {"state", "observer", "territory"}}
    roles, orgs = import_actors(file, target, states)
    err.print(
        f"imported {roles} roles and {orgs} organisations and states from {file} into {target}"
    )


@app.command()
def mentions(
    actor: Annotated[
        str | None, typer.Option("--actor", "-a", help="Actor id, code or name.")
    ] = None,
    article: Annotated[str | None, typer.Option(help="Article id (or its prefix).")] = None,
    store: StoreOpt = None,
    fmt: FormatOpt = Format.table,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 200,
) -> None:
    """Mentions of actors in stored articles."""
    core = _core(store)
    render(
        core.mentions(actor, article, limit),
        fmt,
        sys.stdout,
        out,
        title="mentions",
        columns=MENTION_COLUMNS,
    )
    core.close()


@app.command()
def events(
    actor: Annotated[str | None, typer.Option("--actor", "-a", help="Actor code or id.")] = None,
    dyad: Annotated[
        tuple[str, str] | None, typer.Option(help="Two actor codes, both ways.")
    ] = None,
    cameo: Annotated[str | None, typer.Option(help="CAMEO code or prefix (04, 042).")] = None,
    plover: Annotated[str | None, typer.Option(help="PLOVER event type (CONSULT...).")] = None,
    quad: Annotated[int | None, typer.Option(help="Quad class 1-4.")] = None,
    since: Annotated[str | None, typer.Option(help="On or after this date.")] = None,
    until: Annotated[str | None, typer.Option(help="On or before this date.")] = None,
    article: Annotated[str | None, typer.Option(help="Article id (or prefix).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 100,
    store: StoreOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Coded events, newest first, filtered by actor, dyad, code, type, quad class, date."""
    core = _core(store)
    query = EventQuery(
        actor=actor,
        dyad=dyad,
        cameo=cameo,
        plover=plover,
        quad=quad,
        since=_date(since, "--since"),
        until=_date(until, "--until"),
        article_id=article,
        limit=limit,
    )
    render(core.events(query), fmt, sys.stdout, out, title="events", columns=EVENT_COLUMNS)
    core.close()


@app.command()
def quotes(
    speaker: Annotated[str | None, typer.Option(help="Speaker: code, id or name.")] = None,
    about: Annotated[str | None, typer.Option(help="An actor the quote names.")] = None,
    since: Annotated[str | None, typer.Option(help="On or after this date.")] = None,
    until: Annotated[str | None, typer.Option(help="On or before this date.")] = None,
    kind: Annotated[str | None, typer.Option(help="direct, partial or indirect.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 100,
    store: StoreOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """What was said, by whom, about whom: `communique quotes --speaker RUS --about NATO`."""
    core = _core(store)
    query = QuoteQuery(
        speaker=speaker,
        about=about,
        since=_date(since, "--since"),
        until=_date(until, "--until"),
        kind=kind,
        limit=limit,
    )
    render(core.quotes(query), fmt, sys.stdout, out, title="quotes", columns=QUOTE_COLUMNS)
    core.close()


@app.command()
def dyad(
    a: Annotated[str, typer.Argument(help="An actor code, or a group: NATO+EU+USA.")],
    b: Annotated[str, typer.Argument(help="The other side (code or group).")],
    by: Annotated[str, typer.Option(help="day, week, month or year.")] = "month",
    since: Annotated[str | None, typer.Option(help="On or after this date.")] = None,
    until: Annotated[str | None, typer.Option(help="On or before this date.")] = None,
    raw: Annotated[bool, typer.Option(help="Count every report, not merged events.")] = False,
    plot: Annotated[Path | None, typer.Option(help="Draw the series to a PNG or SVG.")] = None,
    store: StoreOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Events between two actors (or groups) per period: counts by quad class, Goldstein
    sum and mean, and how many sources stand behind each point."""
    if by not in {"day", "week", "month", "year"}:
        _fail(f"--by must be day, week, month or year, not {by!r}")
    core = _core(store)
    query = EventQuery(dyad=(a, b), since=_date(since, "--since"), until=_date(until, "--until"))
    rows = core.series(query, by, merged=not raw)
    core.close()
    render(rows, fmt, sys.stdout, out, title=f"{a} - {b} by {by}")
    if plot is not None:
        from communique.analysis.plots import plot_dyad

        plot_dyad(rows, f"{a} - {b} ({'reports' if raw else 'events'} per {by})", plot)
        err.print(f"plot written to {plot}")


@app.command()
def relations(
    actor: Annotated[str, typer.Argument(help="Actor code, e.g. ARM.")],
    store: StoreOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Standing relations of an actor over time (membership, partnership, candidate
    status, conflict, frozen or suspended ties) with the sentences that show them."""
    core = _core(store)
    found = core.relations(actor)
    core.close()
    if fmt is not Format.table:
        render([r.to_dict() for r in found], fmt, sys.stdout, out)
        return
    rows = [
        {
            "a": r.a,
            "b": r.b,
            "type": r.type,
            "status": r.status,
            "since": r.since,
            "until": r.until,
            "origin": r.origin,
            "evidence": (r.evidence[0]["sentence"] if r.evidence else ""),
        }
        for r in found
    ]
    render(rows, fmt, sys.stdout, out, title=f"relations of {actor.upper()}")


@app.command()
def stories(
    story: Annotated[str | None, typer.Argument(help="A story id to compare its sources.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 50,
    store: StoreOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Stories (articles reporting the same happening); with a story id, what each source
    reports that the others do not, and each source's tone toward each actor."""
    core = _core(store)
    if story is None:
        render(core.stories(limit), fmt, sys.stdout, out, title="stories")
    else:
        comparison = core.compare_sources(story)
        if fmt is Format.json:
            sys.stdout.write(to_json_line(comparison) + "\n")
        else:
            for part in comparison["sources"]:
                out.print(f"[bold]{part['source']}[/bold] ({len(part['articles'])} article(s))")
                render(part["only_here"], fmt, sys.stdout, out, title="reported only here")
                render(part["tone"], fmt, sys.stdout, out, title="tone toward actors")
    core.close()


@app.command()
def alignment(
    actor: Annotated[str, typer.Argument(help="Actor code, e.g. ARM.")],
    between: Annotated[str, typer.Option(help="First group (score +1): NATO,EU,USA.")],
    and_: Annotated[str, typer.Option("--and", help="Second group (score -1): RUS,CSTO.")],
    by: Annotated[str, typer.Option(help="day, week, month or year.")] = "month",
    since: Annotated[str | None, typer.Option(help="On or after this date.")] = None,
    until: Annotated[str | None, typer.Option(help="On or before this date.")] = None,
    boot: Annotated[int, typer.Option(help="Bootstrap resamples for the band.")] = 200,
    store: StoreOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Where an actor stands between two groups over time, from Goldstein-weighted
    interactions with each, with a bootstrap band (5-95%)."""
    from dataclasses import asdict

    from communique.analysis.alignment import alignment as align

    core = _core(store)
    try:
        points = align(
            core.store,
            actor,
            _codes(between),
            _codes(and_),
            by=by,
            n_boot=boot,
            since=_date(since, "--since"),
            until=_date(until, "--until"),
        )
    except ValueError as exc:
        core.close()
        _fail(str(exc))
        return
    core.close()
    render(
        [asdict(p) for p in points],
        fmt,
        sys.stdout,
        out,
        title=f"{actor.upper()}: +1 = {between}, -1 = {and_}",
    )


@app.command()
def shifts(
    by: Annotated[str, typer.Option(help="Period of the series.")] = "month",
    min_events: Annotated[int, typer.Option(help="Events a series needs to be tested.")] = 20,
    alpha: Annotated[float, typer.Option(help="False discovery rate.")] = 0.01,
    limit: Annotated[int, typer.Option(help="At most this many flags.")] = 50,
    since: Annotated[str | None, typer.Option(help="On or after this date.")] = None,
    until: Annotated[str | None, typer.Option(help="On or before this date.")] = None,
    store: StoreOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Actors and dyads whose relations changed significantly (a change-point test on
    their Goldstein series), each with the events behind the change."""
    from dataclasses import asdict

    from communique.analysis.shifts import scan_shifts

    core = _core(store)
    try:
        flags = scan_shifts(
            core.store,
            by=by,
            min_events=min_events,
            alpha=alpha,
            limit=limit,
            since=_date(since, "--since"),
            until=_date(until, "--until"),
        )
    except ValueError as exc:
        core.close()
        _fail(str(exc))
        return
    core.close()
    rows = [
        asdict(f) | {"actors": "-".join(f.actors), "event_ids": ",".join(f.event_ids)}
        for f in flags
    ]
    render(rows, fmt, sys.stdout, out, title="shifts")


def _codes(value: str) -> list[str]:
    return [c.strip().upper() for c in value.replace("+", ",").split(",") if c.strip()]


export_app = typer.Typer(help="Export the store: tables, GDELT, PLOVER, networks.")
app.add_typer(export_app, name="export")


@export_app.command("tables")
def export_tables_cmd(
    folder: Annotated[Path, typer.Argument(help="Folder to write one file per table into.")],
    fmt: Annotated[str, typer.Option("--format", help="csv, parquet or jsonl.")] = "parquet",
    store: StoreOpt = None,
) -> None:
    """Every table as CSV, Parquet or JSON Lines (for pandas, R, DuckDB, Spark...)."""
    from communique.exchange import export_tables

    if fmt not in {"csv", "parquet", "jsonl"}:
        _fail(f"--format must be csv, parquet or jsonl, not {fmt!r}")
    core = _core(store)
    counts = export_tables(core.store, folder, fmt)
    core.close()
    for table, rows in counts.items():
        err.print(f"{table}: {rows:,} rows")


@export_app.command("gdelt")
def export_gdelt_cmd(
    path: Annotated[Path, typer.Argument(help="Output file (.tsv).")], store: StoreOpt = None
) -> None:
    """A GDELT 2.0-style event table (61 tab-separated columns)."""
    from communique.exchange import export_gdelt

    _report_export(export_gdelt, path, store)


@export_app.command("plover")
def export_plover_cmd(
    path: Annotated[Path, typer.Argument(help="Output file (.jsonl).")], store: StoreOpt = None
) -> None:
    """PLOVER JSON records, one per event (statements, which have no PLOVER type, skipped)."""
    from communique.exchange import export_plover

    _report_export(export_plover, path, store)


@export_app.command("network")
def export_network_cmd(
    path: Annotated[Path, typer.Argument(help="Output file (.graphml or .gexf).")],
    fmt: Annotated[str, typer.Option("--format", help="graphml or gexf.")] = "graphml",
    since: Annotated[str | None, typer.Option(help="On or after this date.")] = None,
    until: Annotated[str | None, typer.Option(help="On or before this date.")] = None,
    store: StoreOpt = None,
) -> None:
    """The actor network for Gephi: nodes are actors, edges dyads weighted by events."""
    from communique.exchange import export_network

    if fmt not in {"graphml", "gexf"}:
        _fail(f"--format must be graphml or gexf, not {fmt!r}")
    core = _core(store)
    report = export_network(
        core.store, path, fmt, since=_date(since, "--since"), until=_date(until, "--until")
    )
    core.close()
    err.print(f"wrote {report.nodes} actors and {report.written:,} dyads to {report.path}")


def _report_export(function, path: Path, store: Path | None) -> None:
    core = _core(store)
    report = function(core.store, path)
    core.close()
    skipped = f", skipped {report.skipped} ({report.skipped_reason})" if report.skipped else ""
    err.print(f"wrote {report.written:,} records to {report.path}{skipped}")


def _import(function, path: Path, store: Path | None) -> None:
    from communique.analysis.stories import refresh_stories

    if not path.is_file():
        _fail(f"{path}: no such file")
    core = _core(store)
    try:
        report = function(core.store, path)
    except ValueError as exc:
        core.close()
        _fail(f"{path}: {exc}")
        return
    if report.imported:
        refresh_stories(core.store)
    core.close()
    for failure in report.failures:
        err.print(f"[yellow]failed[/yellow] {failure}")
    err.print(str(report))


class ImportFormat(StrEnum):
    gdelt = "gdelt"
    icews = "icews"
    polecat = "polecat"


@app.command("import")
def import_cmd(
    fmt: Annotated[ImportFormat, typer.Argument(help="gdelt, icews or polecat.")],
    path: Annotated[Path, typer.Argument(help="The file (.zip or .gz too).")],
    store: StoreOpt = None,
) -> None:
    """Import event datasets you already have (idempotent): GDELT 2.0 event exports (61
    tab-separated columns), ICEWS event tables, POLECAT weekly tables."""
    from communique import exchange

    _import(getattr(exchange, f"import_{fmt.value}"), path, store)


@app.command()
def explain(
    event_id: Annotated[str, typer.Argument(help="Event id (or a unique prefix).")],
    store: StoreOpt = None,
) -> None:
    """Show an event's sentence with trigger, source and target marked, the pattern that
    fired, and how each actor was resolved."""
    core = _core(store)
    event = core.event(event_id)
    core.close()
    if event is None:
        _fail(f"no single event with id {event_id!r}")
        return
    out.print(
        f"[bold]{event['id']}[/bold]  {event['source_code']} -> {event['target_code']}  "
        f"CAMEO {event['cameo']} {event['cameo_name']} (Goldstein {event['goldstein']},"
        f" quad {event['quad_class']}; PLOVER {event['plover_type']} {event['plover_mode'] or ''})"
    )
    out.print(
        f"date {event['date']} ({event['date_precision']}, from {event['date_source']}),"
        f" modality {event['modality']}, confidence {event['confidence'] or 0:.2f}"
        + (f", in {event['location_name']}" if event["location_name"] else "")
    )
    out.print(f"pattern: {event['pattern']}")
    out.print(
        f"source: {event['source_name']} [{event['source_code']}"
        f"{'/' + event['source_sector'] if event['source_sector'] else ''}]"
        f" resolved by {event['source_how']}"
    )
    out.print(
        f"target: {event['target_name']} [{event['target_code']}"
        f"{'/' + event['target_sector'] if event['target_sector'] else ''}]"
        f" resolved by {event['target_how']}"
    )
    for m in event["mentions"]:
        out.print(f"article {m['article_id']} chars {m['start_char']}-{m['end_char']}:")
        out.print("  " + mark_sentence(m))


def predict(core: Communique, gold: list[dict]) -> list[dict]:
    """Run the pipeline over the gold articles (files, or inline texts)."""
    inline = [g for g in gold if "text" in g and "_path" not in g]
    if not inline:
        preds = [p.to_dict() for p in core.extract([g["_path"] for g in gold])]
        for p in preds:
            p["article"]["path"] = Path(p["article"]["path"] or "").name
        return preds
    articles = [
        build_article(g["text"], published=parse_date(g.get("published")), path=g["file"])
        for g in inline
    ]
    return [p.to_dict() for p in core.process(articles)]


def mark_sentence(m: dict) -> str:
    """The sentence with [trigger], {source} and <target> marked in colour."""
    base = m["start_char"]
    spans = [
        (m["trigger_start"], m["trigger_end"], "bold yellow"),
        (m["source_start"], m["source_end"], "bold green"),
        (m["target_start"], m["target_end"], "bold red"),
    ]
    text = m["sentence"]
    marks = sorted(
        (s - base, e - base, style)
        for s, e, style in spans
        if s is not None and 0 <= s - base <= len(text)
    )
    pieces, cursor = [], 0
    for start, end, style in marks:
        if start < cursor:
            continue
        pieces.append(escape(text[cursor:start]))
        pieces.append(f"[{style}]{escape(text[start:end])}[/{style}]")
        cursor = end
    pieces.append(escape(text[cursor:]))
    return "".join(pieces)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold annotation JSON.")],
    predictions: Annotated[
        Path | None,
        typer.Option(help="extract output (JSON lines); default: run extract on the gold files."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text",
) -> None:
    """Score events, quotes and mentions against a gold file."""
    if not gold.is_file():
        _fail(f"{gold}: no such file")
    articles_gold = load_gold(gold)
    core = Communique(Settings.from_env())
    preds = load_predictions(predictions) if predictions else predict(core, articles_gold)
    result = score(articles_gold, match_predictions(articles_gold, preds), core.kb)
    if fmt == "json":
        sys.stdout.write(json.dumps(result.to_dict(), indent=2) + "\n")
        return
    for kind in ("events", "quotes", "mentions"):
        s = getattr(result, kind)
        for line in s.misses:
            out.print(f"[yellow]miss[/yellow] {kind}: {line}", highlight=False)
        for line in s.false_positives:
            out.print(f"[red]false positive[/red] {kind}: {line}", highlight=False)
    for kind in ("events", "quotes", "mentions"):
        s = getattr(result, kind)
        out.print(
            f"{kind:9} precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}"
            f"  ({s.matched_required}/{s.required} required, {s.predicted} predicted)"
        )


@app.command("evaluate-actors")
def evaluate_actors(
    gold: Annotated[Path, typer.Argument(help="Gold set folder (articles.jsonl, annotations/).")],
    split: Annotated[str | None, typer.Option(help="dev or test; default both.")] = None,
    undated: Annotated[bool, typer.Option(help="Drop publication dates first.")] = False,
    errors: Annotated[bool, typer.Option(help="List every wrong item.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text",
) -> None:
    """Score actor mentions and quote speakers against the gold set (docs/annotation.md)."""
    if not (gold / "articles.jsonl").is_file():
        _fail(f"{gold}: no articles.jsonl")
    result = Communique(Settings.from_env()).evaluate_actors(gold, split, undated=undated)
    if fmt == "json":
        sys.stdout.write(json.dumps(result.to_dict(), indent=2) + "\n")
        return
    rows = [
        ("mentions", result.mentions),
        ("named", result.named),
        ("pronoun/group", result.pronoun_group),
        ("locatives", result.locative),
        ("title", result.title),
        ("quotes found", result.quotes_found),
        ("quote speakers", result.speakers),
        ("quotes precise", result.quotes_precision),
    ]
    rows += [(f"  type {k}", v) for k, v in sorted(result.by_type.items())]
    for name, tally in rows:
        if errors:
            for line in tally.errors:
                out.print(f"[yellow]{escape(name)}[/yellow] {escape(line)}")
    for name, tally in rows:
        out.print(f"{name:16} {tally.accuracy:.3f}  ({tally.right}/{tally.total})")
    out.print(f"{'extra mentions':16} {result.extra_mentions}")


@app.command("evaluate-events")
def evaluate_events(
    gold: Annotated[Path, typer.Argument(help="Gold set folder (articles.jsonl, events/).")],
    split: Annotated[str | None, typer.Option(help="dev or test; default both.")] = None,
    errors: Annotated[bool, typer.Option(help="List every miss and false positive.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text",
) -> None:
    """Score coded events against the event gold (docs/annotation.md, "Events"): precision
    and recall on (source, target, CAMEO root, date), per root, and a confusion table."""
    if not (gold / "articles.jsonl").is_file():
        _fail(f"{gold}: no articles.jsonl")
    result = Communique(Settings.from_env()).evaluate_events(gold, split)
    if fmt == "json":
        sys.stdout.write(json.dumps(result.to_dict(), indent=2) + "\n")
        return
    if errors:
        for line in result.misses:
            out.print(f"[yellow]miss[/yellow] {escape(line)}")
        for line in result.false_positives:
            out.print(f"[red]false positive[/red] {escape(line)}")
    out.print(
        f"events  precision {result.precision:.3f}  recall {result.recall:.3f}  "
        f"F1 {result.f1:.3f}  ({result.matched_gold}/{result.gold} gold, "
        f"{result.matched_predicted}/{result.predicted} predicted)"
    )
    out.print(
        f"candidates hold {result.candidate_recall:.3f} of the gold events "
        f"({result.reachable}/{result.reachable_total}: the ceiling of a candidate scorer)"
    )
    out.print("root  gold  predicted  matched")
    for root, tally in sorted(result.roots.items()):
        out.print(f"{root:4} {tally.gold:5} {tally.predicted:10} {tally.matched:8}")
    if result.confusion:
        out.print("confusion (gold root -> predicted root, same pair):")
        for (g, p), n in sorted(result.confusion.items(), key=lambda x: -x[1]):
            out.print(f"  {g} -> {p}: {n}")


if __name__ == "__main__":  # pragma: no cover
    app()
