"""An "are we open?" widget: a small Starlette app around :func:`horaires.widget.payload`.

Run it (``pip install 'horaires[web]'``)::

    HORAIRES_CONFIG=examples/pantin.toml uvicorn app:app --app-dir examples/widget

- ``GET /`` is the widget page (``index.html`` and ``widget.js``); it reloads its data
  when the status next changes. ``/?service=etat-civil&lang=en`` shows one service in English.
- ``GET /api/status?service=...&at=...&lang=...`` is the JSON the page displays. ``at`` is an
  ISO 8601 instant (without an offset, a wall time in the establishment's zone); a bad
  parameter gets a 400 answer ``{"error": {"param": ..., "message": ...}}``.

Text from the configuration (names, labels) is escaped in the page and written only with
``textContent`` by the script; a Content-Security-Policy forbids inline scripts as well.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from horaires import Establishment, HorairesError, UnknownServiceError, examples, load_file
from horaires.widget import payload

HERE = Path(__file__).parent
PARAMS = frozenset({"service", "at", "lang"})
SECURITY = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'",
    "X-Content-Type-Options": "nosniff",
}


def error(param: str | None, message: str, status: int = 400) -> JSONResponse:
    """A JSON error naming the faulty query parameter."""
    return JSONResponse({"error": {"param": param, "message": message}}, status, headers=SECURITY)


def parse_at(text: str | None, establishment: Establishment) -> dt.datetime | None:
    """The ``at`` parameter: ISO 8601, a wall time in the establishment's zone if naive."""
    if text is None:
        return None
    at = dt.datetime.fromisoformat(text)  # ValueError on bad input
    return at if at.tzinfo is not None else at.replace(tzinfo=establishment.zone)


def create_app(establishment: Establishment | None = None) -> Starlette:
    """The widget app for an establishment (default: ``$HORAIRES_CONFIG``, else Pantin)."""
    if establishment is None:
        path = os.environ.get("HORAIRES_CONFIG")
        establishment = load_file(path) if path else examples.pantin()
    est = establishment
    page = (HERE / "index.html").read_text(encoding="utf-8")
    script = (HERE / "widget.js").read_text(encoding="utf-8")

    async def status(request: Request) -> Response:
        query = request.query_params
        unknown = sorted(set(query) - PARAMS)
        if unknown:
            return error(
                unknown[0], f"unknown parameter {unknown[0]!r}; expected: at, lang, service"
            )
        for name in PARAMS:
            if len(query.getlist(name)) > 1:
                return error(name, f"{name!r} is given more than once")
        lang = query.get("lang", "fr")
        if lang not in ("fr", "en"):
            return error("lang", f"unsupported language {lang!r}: expected 'fr' or 'en'")
        service = query.get("service") or None
        if service is not None and service not in est.services:
            return error("service", str(UnknownServiceError(service, est.services)))
        try:
            at = parse_at(query.get("at"), est)
        except ValueError:
            return error(
                "at", f"{query['at']!r} is not an ISO 8601 date-time such as 2025-05-05T10:00+02:00"
            )
        try:
            data: dict[str, Any] = payload(est, at=at, service=service, lang=lang)
        except HorairesError as problem:
            return error("at" if at is not None else None, str(problem))
        return JSONResponse(data, headers={**SECURITY, "Cache-Control": "no-cache"})

    async def index(request: Request) -> Response:
        title = html.escape(est.name)
        options = "".join(
            f'<option value="{html.escape(key)}">{html.escape(service.name or key)}</option>'
            for key, service in est.services.items()
        )
        body = page.replace("{{title}}", title).replace("{{options}}", options)
        return HTMLResponse(body, headers=SECURITY)

    async def widget_js(request: Request) -> Response:
        return Response(script, media_type="text/javascript", headers=SECURITY)

    return Starlette(
        routes=[
            Route("/", index),
            Route("/widget.js", widget_js),
            Route("/api/status", status),
        ]
    )


app = create_app()
