"""The ASGI application: the JSON API, the pages, the component, the security headers."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import math
import os
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

import anyio.to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .._errors import HorairesError
from .._establishment import Establishment
from .._languages import language
from ..widget import business_date, payload, week
from ._answers import LRU, Answer, Answers, dumps, etag
from ._page import error_page, index_page, place_page
from ._places import Place, Places
from ._texts import COMPONENT, LANGS, TEXTS, Lang, negotiate, say
from ._workers import Busy, Lane, TooSlow, Workers

__all__ = ["API_VERSION", "TIMEOUT", "WINDOW", "app", "app_from_env"]

log = logging.getLogger("horaires.web")

API_VERSION = 1
"""The version of the JSON API (docs/widget.md): fields may be added, never changed."""

WINDOW = dt.timedelta(days=round(5 * 365.25))
"""``at`` and ``from`` are answered within this span around the server's now."""

TIMEOUT = 2.0
"""Seconds of processor time an answer may take to compute (and of waiting for a worker)
before the server answers 503 instead; a place that took too long is refused for
:data:`COOLDOWN` seconds."""

COOLDOWN = 60.0
"""Seconds during which a place whose answer took too long is answered 503 at once."""

MAX_AT = 64
"""Characters of ``at`` or ``from`` read at most: a longer value is not an instant."""

MAX_ECHO = 64
"""Characters of a faulty value that an error message quotes at most."""

RELOAD_EVERY = 2.0
"""Seconds between two looks at the configuration files."""

Clock = Callable[[], dt.datetime]

_STATUS_PARAMS = ("service", "at", "lang")
_WEEK_PARAMS = ("service", "from", "lang")
_PAGE_PARAMS = ("service", "at", "lang")
_OFFSET = re.compile(
    r"^(\d{4}-?\d{2}-?\d{2}[T ]\d{2}(?::?\d{2}(?::?\d{2}(?:[.,]\d+)?)?)?) (\d{2}(?::?\d{2})?)$"
)


def _static(name: str) -> str:
    return files(__package__).joinpath("static", name).read_text(encoding="utf-8")


# -- errors -----------------------------------------------------------------------------------


class Problem(Exception):
    """A request the server cannot answer: an HTTP status, a stable code, a message in the
    visitor's language, and extra members (the known services...)."""

    def __init__(
        self, status: int, code: str, lang: Lang, param: str | None = None, **values: Any
    ) -> None:
        self.status, self.code, self.lang, self.param = status, code, lang, param
        self.extra = {key: value for key, value in values.items() if not isinstance(value, str)}
        texts = {key: value for key, value in values.items() if isinstance(value, str)}
        self.message = say(lang, code, **texts)
        super().__init__(self.message)

    def json(self) -> Response:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.param:
            error["param"] = self.param
        error.update(self.extra)
        return _json({"error": error}, self.status, cache="no-store")


def _json(data: Any, status: int = 200, *, cache: str, headers: Mapping[str, str] = {}) -> Response:
    return Response(
        dumps(data),
        status,
        headers={"Cache-Control": cache, **headers},
        media_type="application/json",
    )


def _visitor_lang(request: Request) -> Lang:
    """The language of an error when ``lang`` is missing or wrong: the browser's, else French."""
    return negotiate(request.headers.get("accept-language")) or "fr"


@dataclass(frozen=True, slots=True)
class Query:
    """The checked parameters of a request."""

    place: Place
    lang: Lang
    service: str | None
    raw_at: str | None


def _check_params(request: Request, allowed: Sequence[str], lang: Lang) -> None:
    params = request.query_params
    for key in params:
        if key not in allowed:
            raise Problem(
                400,
                "unknown_parameter",
                lang,
                key[:MAX_ECHO],
                value=repr(key[:MAX_ECHO]),
                known=", ".join(allowed),
            )
        if len(params.getlist(key)) > 1:
            raise Problem(400, "repeated_parameter", lang, key, value=repr(key))


def _error_lang(request: Request) -> Lang:
    """The language of an error found before the parameters are read: ``lang`` when it is
    French or English, else the browser's, else French."""
    given = request.query_params.get("lang")
    if given and len(given) <= 35:
        return negotiate(given) or _visitor_lang(request)
    return _visitor_lang(request)


def _lang_of(request: Request, default: str | None = None) -> Lang:
    """The ``lang`` parameter (one of :data:`LANGS`, with a region if you like); without
    it, ``default`` (the place's language), else the browser's language, else French."""
    given = request.query_params.get("lang")
    if given is None or given == "":
        return negotiate(default) or _visitor_lang(request)
    try:
        found: str | None = language(given) if len(given) <= 35 else None
    except HorairesError:
        found = None
    if found is None:
        raise Problem(
            400,
            "bad_lang",
            _visitor_lang(request),
            "lang",
            value=repr(given[:35]),
            known=", ".join(LANGS),
            languages=list(LANGS),
        )
    return found


def _services(establishment: Establishment) -> list[dict[str, str]]:
    return [{"id": key, "name": own.name or key} for key, own in establishment.services.items()]


def _parse_at(text: str, establishment: Establishment, now: dt.datetime, lang: Lang) -> dt.datetime:
    """``at``: ISO 8601 with ``Z``, an offset, or none (a wall time of the place); a ``+``
    that a URL turned into a space is read as ``+``."""
    value = text.strip()
    if len(value) > MAX_AT:
        raise Problem(400, "bad_at", lang, "at", value=repr(text[:MAX_AT]))
    value = _OFFSET.sub(r"\1+\2", value)
    if value.endswith(("z", "Z")):
        value = value[:-1] + "+00:00"
    try:
        at = dt.datetime.fromisoformat(value)
    except ValueError:
        raise Problem(400, "bad_at", lang, "at", value=repr(text[:MAX_ECHO])) from None
    if at.tzinfo is None:
        at = at.replace(tzinfo=establishment.zone)
    try:
        outside = abs(at - now) > WINDOW
    except OverflowError:
        outside = True
    if outside:
        first, last = (now - WINDOW).date().isoformat(), (now + WINDOW).date().isoformat()
        raise Problem(
            400, "at_out_of_range", lang, "at", value=repr(text[:MAX_ECHO]), first=first, last=last
        )
    return at


# -- the security headers ---------------------------------------------------------------------

_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", _CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
"""On every response, errors included."""


class SecurityHeaders:
    """ASGI middleware: the security headers on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", ())}
                extra = [header for header in SECURITY_HEADERS if header[0] not in names]
                message["headers"] = [*message.get("headers", ()), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


# -- the application --------------------------------------------------------------------------


class Server:
    """The state of one application: places, clock, caches, the served files."""

    def __init__(self, places: Places, clock: Clock, workers: Workers) -> None:
        self.places = places
        self.clock = clock
        self.workers = workers
        self.answers = Answers()
        self.weeks: LRU[tuple[object, ...], tuple[bytes, str]] = LRU(256)
        self.compute_status: Callable[..., Answer] = _answer
        """The module-level function a worker runs for a status (tests replace it)."""
        self.script = (
            _static("widget.js")
            .replace(
                "/*TEXTS*/null",
                dumps(
                    {lang: {key: TEXTS[lang][key] for key in COMPONENT} for lang in LANGS}
                ).decode(),
            )
            .replace("/*CSS*/null", dumps(_static("component.css")).decode())
        ).encode()
        self.css = (_static("page.css") + "\n" + _static("component.css")).encode()

    def now(self) -> dt.datetime:
        now = self.clock()
        if now.tzinfo is None:
            raise HorairesError("the clock of horaires.web.app returns an aware datetime")
        return now

    def query(self, request: Request, allowed: Sequence[str]) -> Query:
        place = self.places.get(request.path_params["place"])
        lang = _lang_of(request, place.establishment.language if place else None)
        _check_params(request, allowed, lang)
        if place is None:
            raise Problem(
                404, "unknown_place", lang, place=repr(request.path_params["place"][:MAX_ECHO])
            )
        service = request.query_params.get("service") or None
        establishment = place.establishment
        if service is not None and service not in establishment.services:
            known = _services(establishment)
            raise Problem(
                400,
                "unknown_service",
                lang,
                "service",
                service=repr(service[:MAX_ECHO]),
                known=", ".join(s["id"] for s in known),
                services=known,
            )
        return Query(place, lang, service, request.query_params.get("at") or None)

    async def answer(self, query: Query, now: dt.datetime) -> tuple[Answer, float]:
        """The status answer and the instant it is for."""
        place, establishment = query.place, query.place.establishment
        at = _parse_at(query.raw_at, establishment, now, query.lang) if query.raw_at else None
        instant = at or now
        t = instant.timestamp()
        lane: Lane = "now" if at is None else "at"

        def compute() -> Awaitable[Answer]:
            return self.workers.run(
                lane,
                place,
                self.compute_status,
                instant,
                query.service,
                query.lang,
                t,
                place.version,
            )

        key = (place.id, query.service, query.lang)
        answer = await self.answers.get(key, t, place.version, compute, now=at is None)
        return answer, t


def _answer(
    establishment: Establishment,
    at: dt.datetime,
    service: str | None,
    lang: str,
    start: float,
    version: int,
) -> Answer:
    """The status answer (a module function: a worker process runs it)."""
    data = payload(establishment, at=at, service=service, lang=lang, wrap=True)
    until = dt.datetime.fromisoformat(data["valid_until"]).timestamp()
    return Answer.of(data, start, until, version)


def _week(
    establishment: Establishment,
    now: dt.datetime,
    start: dt.date | None,
    service: str | None,
    lang: str,
) -> tuple[bytes, str]:
    """The days from ``start`` (default: the business day at ``now``) and their entity tag
    (a module function: a worker process runs it)."""
    today = business_date(establishment, now, service)
    data = week(establishment, start or today, service, lang, today=today, wrap=True)
    body = dumps(data)
    return body, etag(body)


def _cache_for(answer: Answer, t: float) -> str:
    return f"public, max-age={max(0, min(int(answer.until - t), 86400))}"


def app(
    places: Mapping[str, Establishment]
    | Places
    | str
    | os.PathLike[str]
    | Iterable[str | os.PathLike[str]],
    *,
    clock: Clock | None = None,
    cors: Sequence[str] = (),
    timeout: float = TIMEOUT,
    workers: int = 1,
) -> Starlette:
    """The ASGI app that serves ``places``: a mapping ``{place_id: Establishment}``, or a
    folder (or files) of TOML/JSON configurations, one place per file, the id from the file
    name (or :class:`Places` loaded already). ``clock`` returns the server's now (an aware datetime; default: the real clock),
    ``cors`` lists the origins allowed to call the API from a browser (``"*"`` for any).
    The engine runs in ``workers`` processes per lane (one for the present, one for explicit
    instants); an answer that takes more than ``timeout`` seconds is a 503 (docs/widget.md).

    A configuration that fails to load is logged with its path and left out; files are
    read again when they change.
    """
    if isinstance(places, Places):
        registry = places
    elif isinstance(places, Mapping):
        registry = Places.of(places)
    elif isinstance(places, (str, os.PathLike)):
        registry = Places.load([places])
    else:
        registry = Places.load(places)
    pool = Workers(workers={"now": workers, "at": workers}, timeout=timeout, cooldown=COOLDOWN)
    server = Server(registry, clock or (lambda: dt.datetime.now(dt.UTC)), pool)
    return _starlette(server, cors)


def app_from_env() -> Starlette:
    """The app of ``$HORAIRES_PLACES`` (paths separated by ``os.pathsep``; default: the
    bundled examples) and ``$HORAIRES_CORS`` (origins separated by spaces), for
    ``uvicorn --factory horaires.web:app_from_env`` with several workers."""
    sources = [part for part in os.environ.get("HORAIRES_PLACES", "").split(os.pathsep) if part]
    cors = os.environ.get("HORAIRES_CORS", "").split()
    if not sources:
        return app(bundled(), cors=cors)
    return app(sources, cors=cors)


def bundled() -> dict[str, Establishment]:
    """The bundled examples (``horaires.examples``) by name."""
    from .. import examples

    return {name: examples.load_example(name) for name in examples.names()}


def _starlette(server: Server, cors: Sequence[str]) -> Starlette:
    async def places_list(request: Request) -> Response:
        lang = _lang_of(request)
        _check_params(request, ("lang",), lang)
        data = {
            "version": API_VERSION,
            "places": [
                {
                    "id": place.id,
                    "name": place.establishment.name,
                    "timezone": place.establishment.timezone,
                    "services": _services(place.establishment),
                    "links": {
                        "status": f"places/{place.id}/status",
                        "week": f"places/{place.id}/week",
                        "page": f"../places/{place.id}",
                    },
                }
                for place in server.places
            ],
        }
        return _json(data, cache="public, max-age=60")

    async def status(request: Request) -> Response:
        query = server.query(request, _STATUS_PARAMS)
        answer, t = await server.answer(query, server.now())
        headers = {"Cache-Control": _cache_for(answer, t), "ETag": answer.etag}
        if answer.etag in request.headers.get("if-none-match", ""):
            return Response(status_code=304, headers=headers)
        return Response(answer.render(t), headers=headers, media_type="application/json")

    async def week_days(request: Request) -> Response:
        query = server.query(request, _WEEK_PARAMS)
        now = server.now()
        raw = request.query_params.get("from") or None
        start: dt.date | None = None
        if raw is not None:
            try:
                start = dt.date.fromisoformat(raw.strip())
            except ValueError:
                raise Problem(
                    400, "bad_from", query.lang, "from", value=repr(raw[:MAX_ECHO])
                ) from None
            if abs(start - now.date()) > WINDOW:
                first, last = (now - WINDOW).date().isoformat(), (now + WINDOW).date().isoformat()
                raise Problem(
                    400,
                    "from_out_of_range",
                    query.lang,
                    "from",
                    value=repr(raw[:MAX_ECHO]),
                    first=first,
                    last=last,
                )
        key = (
            query.place.id,
            query.place.version,
            query.service,
            query.lang,
            start,
            int(now.timestamp() // 300),
        )
        found = server.weeks.get(key)
        if found is None:
            lane: Lane = "now" if start is None else "at"
            found = await server.workers.run(
                lane, query.place, _week, now, start, query.service, query.lang
            )
            server.weeks.put(key, found)
        body, tag = found
        headers = {"Cache-Control": "public, max-age=300", "ETag": tag}
        if tag in request.headers.get("if-none-match", ""):
            return Response(status_code=304, headers=headers)
        return Response(body, headers=headers, media_type="application/json")

    async def page(request: Request) -> Response:
        try:
            query = server.query(request, _PAGE_PARAMS)
            try:
                answer, t = await server.answer(query, server.now())
            except (Busy, TooSlow) as error:
                code = "too_slow" if isinstance(error, TooSlow) else "busy"
                raise Problem(503, code, query.lang) from None
        except Problem as problem:
            services: list[tuple[str, str]] = []
            place = server.places.get(request.path_params["place"])
            if problem.code == "unknown_service" and place is not None:
                services = [(s["id"], s["name"]) for s in _services(place.establishment)]
            html = error_page(
                problem.message, problem.lang, "../", services, place.id if place else None
            )
            return Response(
                html, problem.status, media_type="text/html", headers={"Cache-Control": "no-store"}
            )
        html = place_page(query.place, answer.data(t), query.service, query.lang, query.raw_at)
        return Response(html, media_type="text/html", headers={"Cache-Control": "no-cache"})

    async def index(request: Request) -> Response:
        lang = _lang_of(request)
        _check_params(request, ("lang",), lang)
        html = index_page(list(server.places), lang)
        return Response(html, media_type="text/html", headers={"Cache-Control": "no-cache"})

    async def script(request: Request) -> Response:
        return Response(
            server.script,
            media_type="text/javascript",
            headers={
                "Cache-Control": "public, max-age=3600",
                "Cross-Origin-Resource-Policy": "cross-origin",
            },
        )

    async def stylesheet(request: Request) -> Response:
        return Response(
            server.css, media_type="text/css", headers={"Cache-Control": "public, max-age=3600"}
        )

    async def on_problem(request: Request, problem: Exception) -> Response:
        assert isinstance(problem, Problem)
        if request.url.path.startswith("/api/"):
            return problem.json()
        html = error_page(problem.message, problem.lang, "/")
        return Response(
            html, problem.status, media_type="text/html", headers={"Cache-Control": "no-store"}
        )

    async def on_http(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        code = {404: "not_found", 405: "method_not_allowed"}.get(error.status_code, "not_found")
        problem = Problem(error.status_code, code, _visitor_lang(request))
        response = await on_problem(request, problem)
        for name, value in (error.headers or {}).items():
            response.headers[name] = value
        return response

    async def on_busy(request: Request, error: Exception) -> Response:
        if isinstance(error, TooSlow):
            response = Problem(503, "too_slow", _error_lang(request)).json()
            response.headers["Retry-After"] = str(max(1, math.ceil(error.retry_after)))
            return response
        response = Problem(503, "busy", _error_lang(request)).json()
        response.headers["Retry-After"] = "1"
        return response

    async def on_error(request: Request, error: Exception) -> Response:
        log.exception("error while answering %s", request.url.path, exc_info=error)
        response = Problem(500, "internal", _visitor_lang(request)).json()
        # this handler answers outside the middleware that adds them to the others
        for name, value in SECURITY_HEADERS:
            response.headers[name.decode()] = value.decode()
        return response

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        task = asyncio.create_task(_watch(server)) if server.places.watched else None
        await anyio.to_thread.run_sync(server.workers.start)
        try:
            yield
        finally:
            server.workers.close()
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    middleware = [Middleware(SecurityHeaders)]
    if cors:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(cors),
                allow_methods=["GET"],
                allow_headers=["If-None-Match"],
                expose_headers=["ETag"],
                max_age=86400,
            )
        )
    routes = [
        Route("/", index),
        Route("/api/places", places_list),
        Route("/api/places/{place}/status", status),
        Route("/api/places/{place}/week", week_days),
        Route("/places/{place}", page),
        Route("/widget.js", script),
        Route("/horaires.css", stylesheet),
    ]
    return Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={
            Problem: on_problem,
            HTTPException: on_http,
            Busy: on_busy,
            TooSlow: on_busy,
            Exception: on_error,
        },
        lifespan=lifespan,
    )


async def _watch(server: Server) -> None:
    """Look at the configuration files every few seconds; reload those that changed."""
    while True:
        await asyncio.sleep(RELOAD_EVERY)
        try:
            # each changed file loads in a process of its own, bounded in time
            await anyio.to_thread.run_sync(server.places.refresh, server.workers.load)
        except Exception:  # a reload must never stop the server
            log.exception("reloading the configurations failed")
