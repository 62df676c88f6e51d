"""The REST API and the pages, over the same core object as the CLI (docs/api.md)."""

from __future__ import annotations

import csv
import hmac
import io
from dataclasses import asdict
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from communique.core import Communique
from communique.ingest.clean import build_article
from communique.ingest.dates import parse_date
from communique.ingest.decode import IngestError
from communique.ingest.readers import from_object
from communique.models import IngestFailure, IngestReport
from communique.store import EventQuery, QuoteQuery
from communique.store.views import PERIODS

MAX_PER_PAGE = 500
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self'; frame-ancestors 'none'"
)
PAGES = {
    "/": "index.html",
    "/events": "events.html",
    "/network": "network.html",
    "/map": "map.html",
}


def static_dir() -> Path:
    return Path(str(resources.files("communique.web").joinpath("static")))


class Paging:
    """``page``/``per_page`` from the query string, as limit and offset."""

    def __init__(
        self,
        page: Annotated[int, Query(ge=1)] = 1,
        per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = 50,
    ) -> None:
        self.page, self.per_page = page, per_page
        self.limit, self.offset = per_page + 1, (page - 1) * per_page

    def wrap(self, rows: list[dict[str, Any]]) -> dict[str, Any]:
        more = len(rows) > self.per_page
        return {
            "items": rows[: self.per_page],
            "page": self.page,
            "per_page": self.per_page,
            "next_page": self.page + 1 if more else None,
        }


def day(value: str | None, name: str) -> date | None:
    if value in (None, ""):
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise HTTPException(400, f"{name}: cannot read {value!r} as a date (use YYYY-MM-DD)")
    return parsed


def dyad(value: str | None) -> tuple[str, str] | None:
    if not value:
        return None
    parts = [p.strip() for p in value.split(",") if p.strip()]
    if len(parts) != 2:
        raise HTTPException(400, f"dyad: expected two actor codes like ARM,RUS, got {value!r}")
    return parts[0], parts[1]


def event_query(
    actor: str | None = None,
    dyad_: Annotated[str | None, Query(alias="dyad")] = None,
    cameo: Annotated[str | None, Query(pattern=r"^\d{2,4}$")] = None,
    root: Annotated[str | None, Query(pattern=r"^\d{2}$")] = None,
    plover: str | None = None,
    quad: Annotated[int | None, Query(ge=1, le=4)] = None,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    article: str | None = None,
) -> EventQuery:
    return EventQuery(
        actor=actor,
        dyad=dyad(dyad_),
        cameo=cameo,
        root=root,
        plover=plover,
        quad=quad,
        since=day(since, "since"),
        until=day(until, "until"),
        news_source=source,
        article_id=article,
    )


def respond(data: Any, fmt: str | None, request: Request) -> Response:
    """JSON, or CSV of the items when asked (``?format=csv`` or ``Accept: text/csv``)."""
    wants_csv = fmt == "csv" or "text/csv" in request.headers.get("accept", "")
    if not wants_csv:
        return JSONResponse(jsonable_encoder(data))
    rows = data["items"] if isinstance(data, dict) and "items" in data else data
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0].keys()), extrasaction="ignore")
        writer.writeheader()
        for row in jsonable_encoder(rows):
            writer.writerow({k: v for k, v in row.items() if not isinstance(v, list | dict)})
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8")


def create_app(core: Communique, token: str | None = None) -> FastAPI:
    """The application: API routes under /api, pages and their assets."""
    app = FastAPI(
        title="communique",
        version="0.1.0",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    _errors(app)
    _security_headers(app)
    _api(app, core, token)
    _pages(app)
    return app


def _errors(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = [f"{'.'.join(str(x) for x in e['loc'][1:])}: {e['msg']}" for e in exc.errors()]
        return JSONResponse({"error": "; ".join(parts) or "bad request"}, status_code=400)

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"error": f"internal error: {exc.__class__.__name__}"}, status_code=500)


def _security_headers(app: FastAPI) -> None:
    @app.middleware("http")
    async def headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response


def _api(app: FastAPI, core: Communique, token: str | None) -> None:
    store = core.store

    @app.get("/api/health")
    def health() -> dict[str, Any]:
        return {"status": "ok", "schema": store.schema_version()}

    @app.get("/api/stats")
    def stats() -> Any:
        return jsonable_encoder(store.stats())

    @app.get("/api/articles")
    def articles(
        request: Request,
        paging: Annotated[Paging, Depends()],
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        q: str | None = None,
        format: str | None = None,
    ) -> Response:
        from communique.store import ArticleQuery

        if q:
            rows = store.search(q, paging.limit, paging.offset)
        else:
            rows = store.articles(
                ArticleQuery(
                    source=source,
                    since=day(since, "since"),
                    until=day(until, "until"),
                    limit=paging.limit,
                    offset=paging.offset,
                )
            )
        return respond(paging.wrap(rows), format, request)

    @app.get("/api/articles/{article_id}")
    def article(article_id: str) -> Any:
        found = store.article_detail(article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return jsonable_encoder(found)

    @app.get("/api/search")
    def search(
        request: Request,
        paging: Annotated[Paging, Depends()],
        q: Annotated[str, Query(min_length=2)],
        format: str | None = None,
    ) -> Response:
        return respond(paging.wrap(store.search(q, paging.limit, paging.offset)), format, request)

    @app.get("/api/actors")
    def actors(
        request: Request,
        paging: Annotated[Paging, Depends()],
        q: str | None = None,
        kind: str | None = None,
        format: str | None = None,
    ) -> Response:
        rows = store.actor_list(q, kind, paging.limit, paging.offset)
        return respond(paging.wrap(rows), format, request)

    @app.get("/api/actors/{actor_id}")
    def actor(actor_id: str) -> Any:
        found = store.actor_detail(actor_id)
        if found is None:
            raise HTTPException(404, f"no actor {actor_id!r}")
        return jsonable_encoder(found)

    @app.get("/api/mentions")
    def mentions(
        request: Request,
        paging: Annotated[Paging, Depends()],
        actor: str | None = None,
        article: str | None = None,
        format: str | None = None,
    ) -> Response:
        rows = store.mentions(actor, article, paging.limit + paging.offset)[paging.offset :]
        return respond(paging.wrap(rows), format, request)

    @app.get("/api/events")
    def events(
        request: Request,
        paging: Annotated[Paging, Depends()],
        query: Annotated[EventQuery, Depends(event_query)],
        sort: Annotated[str, Query(pattern=r"^-?date$")] = "-date",
        format: str | None = None,
    ) -> Response:
        q = EventQuery(**{**_fields(query), "limit": paging.limit, "offset": paging.offset})
        rows = store.event_list(q, sort_oldest=sort == "date")
        return respond(paging.wrap(rows), format, request)

    @app.get("/api/events/{event_id}")
    def event(event_id: str) -> Any:
        found = store.event(event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return jsonable_encoder(found)

    @app.get("/api/quotes")
    def quotes(
        request: Request,
        paging: Annotated[Paging, Depends()],
        speaker: str | None = None,
        about: str | None = None,
        since: str | None = None,
        until: str | None = None,
        kind: str | None = None,
        format: str | None = None,
    ) -> Response:
        rows = store.quotes(
            QuoteQuery(
                speaker=speaker,
                about=about,
                since=day(since, "since"),
                until=day(until, "until"),
                kind=kind,
                limit=paging.limit,
                offset=paging.offset,
            )
        )
        return respond(paging.wrap(rows), format, request)

    @app.get("/api/series")
    def series(
        request: Request,
        query: Annotated[EventQuery, Depends(event_query)],
        by: Annotated[str, Query(pattern="^(day|week|month|year)$")] = "month",
        raw: bool = False,
        format: str | None = None,
    ) -> Response:
        return respond(store.series(query, by, merged=not raw), format, request)

    @app.get("/api/alignment")
    def alignment_(
        actor: Annotated[str, Query(min_length=2)],
        between: Annotated[str, Query(min_length=2)],
        and_: Annotated[str, Query(alias="and", min_length=2)],
        by: str = "month",
        since: str | None = None,
        until: str | None = None,
        boot: Annotated[int, Query(ge=1, le=2000)] = 200,
    ) -> Any:
        from communique.analysis.alignment import alignment

        try:
            points = alignment(
                store,
                actor,
                _split(between),
                _split(and_),
                by=by,
                n_boot=boot,
                since=day(since, "since"),
                until=day(until, "until"),
            )
        except ValueError as exc:
            raise HTTPException(400, str(exc)) from None
        return jsonable_encoder([asdict(p) for p in points])

    @app.get("/api/shifts")
    def shifts(
        by: str = "month",
        min_events: Annotated[int, Query(ge=2)] = 20,
        alpha: Annotated[float, Query(gt=0, lt=1)] = 0.01,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        since: str | None = None,
        until: str | None = None,
    ) -> Any:
        from communique.analysis.shifts import scan_shifts

        try:
            flags = scan_shifts(
                store,
                by=by,
                min_events=min_events,
                alpha=alpha,
                limit=limit,
                since=day(since, "since"),
                until=day(until, "until"),
            )
        except ValueError as exc:
            raise HTTPException(400, str(exc)) from None
        return jsonable_encoder([asdict(f) for f in flags])

    @app.get("/api/relations")
    def relations(actor: Annotated[str, Query(min_length=2)]) -> Any:
        return jsonable_encoder([r.to_dict() for r in core.relations(actor)])

    @app.get("/api/stories")
    def stories(paging: Annotated[Paging, Depends()]) -> Any:
        return jsonable_encoder(paging.wrap(core.stories(paging.limit, paging.offset)))

    @app.get("/api/stories/{story_id}")
    def story(story_id: str) -> Any:
        articles = store.story(story_id)
        if not articles:
            raise HTTPException(404, f"no story {story_id!r}")
        return jsonable_encoder({"articles": articles, **core.compare_sources(story_id)})

    @app.get("/api/network")
    def network(
        query: Annotated[EventQuery, Depends(event_query)],
        min_events: Annotated[int, Query(ge=1)] = 1,
        limit: Annotated[int, Query(ge=1, le=5000)] = 300,
    ) -> Any:
        return jsonable_encoder(store.network(query, min_events, limit))

    @app.get("/api/map")
    def places(
        request: Request,
        query: Annotated[EventQuery, Depends(event_query)],
        format: str | None = None,
    ) -> Response:
        return respond(store.places(query), format, request)

    @app.post("/api/articles")
    async def post_articles(
        request: Request, authorization: Annotated[str | None, Header()] = None
    ) -> Any:
        _check_token(token, authorization)
        try:
            payload = await request.json()
        except ValueError:
            raise HTTPException(400, "body: malformed JSON") from None
        items = payload if isinstance(payload, list) else [payload]
        report = ingest_objects(core, items)
        return report.to_dict()

    assert PERIODS  # the series periods are those the store knows


def _split(value: str) -> list[str]:
    return [c.strip().upper() for c in value.replace("+", ",").split(",") if c.strip()]


def _fields(query: EventQuery) -> dict[str, Any]:
    return {f: getattr(query, f) for f in query.__dataclass_fields__}


def _check_token(token: str | None, authorization: str | None) -> None:
    if token is None:
        raise HTTPException(403, "writes are disabled: start the server with --token")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "missing or wrong token (Authorization: Bearer <token>)")


def ingest_objects(core: Communique, items: list[Any]) -> IngestReport:
    """Ingest articles given as JSON objects (the server is the store's single writer)."""
    report = IngestReport()
    articles = []
    for n, item in enumerate(items):
        try:
            raw = from_object(item, f"body[{n}]")
            articles.append(
                build_article(
                    raw.text,
                    title=raw.title,
                    published=raw.published,
                    source=raw.source,
                    url=raw.url,
                    path=raw.url,
                )
            )
        except (IngestError, ValueError) as exc:
            report.failures.append(IngestFailure(f"body[{n}]", str(exc)))
    report.read = len(articles)
    return core.ingest_articles(articles, report)


def _pages(app: FastAPI) -> None:
    folder = static_dir()
    app.mount("/static", StaticFiles(directory=folder), name="static")

    def page(name: str) -> FileResponse:
        path = folder / name
        if not path.exists():
            raise HTTPException(404, f"page {name} is not installed")
        return FileResponse(path, media_type="text/html")

    for route, name in PAGES.items():
        app.add_api_route(route, lambda name=name: page(name), include_in_schema=False)
    app.add_api_route(
        "/actors/{actor_id}", lambda actor_id: page("actor.html"), include_in_schema=False
    )
    app.add_api_route(
        "/articles/{article_id}", lambda article_id: page("article.html"), include_in_schema=False
    )
