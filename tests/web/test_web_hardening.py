"""horaires.web under attack: slow answers stall nothing else and are cut short, instants
outside the window and junk are clear 4xx errors, every response carries the security
headers, and the caches stay bounded however many distinct requests come."""

from __future__ import annotations

import datetime as dt
import functools
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _webtools import (
    BAR,
    Clock,
    Live,
    asgi_get,
    failing_answer,
    make_client,
    paris,
    places,
    server_of,
    spin_answer,
    spin_load,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from horaires import load_file
from horaires.web import SECURITY_HEADERS, WINDOW, app

PANTIN = "Centre administratif de Pantin"


@pytest.fixture
def application(clock: Clock) -> Iterator[Any]:
    made = app(places(), clock=clock, cors=["https://www.ville.example"], workers=2)
    yield made
    server_of(made).workers.close()


def spinning(application: Any, folder: Path) -> Any:
    """The server, its status answers for Pantin made slow until ``folder/release``."""
    server = server_of(application)
    server.compute_status = functools.partial(spin_answer, str(folder), PANTIN)
    return server


# -- one slow answer stalls nothing else ---------------------------------------------------------


def test_a_slow_answer_stalls_nothing_else(application: Any, tmp_path: Path) -> None:
    """While a worker is busy with Pantin's status (a core kept busy, far longer than
    anything else takes), the script, the pages, errors and other places are answered."""
    spinning(application, tmp_path).workers.timeout = 120.0  # not cut short here
    client = make_client(application)
    slow: list[int] = []
    with client:  # one event loop for the requests of both threads
        waiting = threading.Thread(
            target=lambda: slow.append(client.get("/api/places/pantin/status").status_code)
        )
        waiting.start()
        try:
            for _ in range(600):
                if (tmp_path / "started").exists():
                    break
                threading.Event().wait(0.1)
            assert (tmp_path / "started").exists()
            answered = [
                client.get(path).status_code
                for path in (
                    "/widget.js",
                    "/horaires.css",
                    "/",
                    "/api/places",
                    "/api/places/museum/status",  # the other worker of the lane
                    "/api/places/bar/status?at=2025-05-06T20:00",  # the lane of instants
                    "/api/places/bar/week",
                    "/places/museum",
                    "/nowhere",
                    "/api/places/pantin/status?lang=xx",
                )
            ]
            assert not slow  # all of them before the slow one ended
        finally:
            (tmp_path / "release").touch()
            waiting.join(120)
    assert answered == [200] * 8 + [404, 400]
    assert slow == [200]


def test_an_answer_that_takes_too_long_is_a_503_and_its_place_rests(
    clock: Clock, tmp_path: Path
) -> None:
    application = app(places(), clock=clock, timeout=0.5)
    server = spinning(application, tmp_path)  # never released: it would spin for a minute
    client = make_client(application)
    try:
        response = client.get("/api/places/pantin/status", params={"lang": "en"})
        assert response.status_code == 503
        assert response.json()["error"] == {
            "code": "too_slow",
            "message": "These hours take too long to compute; try again later.",
        }
        assert response.headers["retry-after"] == "60"
        assert server.workers.replaced == 1  # its process was killed
        assert all(process.is_alive() for process in server.workers.processes)
        computed = server.workers.computed
        again = client.get("/places/pantin?service=urbanisme")  # refused without computing
        assert again.status_code == 503 and "trop longs à calculer" in again.text
        assert again.headers["content-type"].startswith("text/html")
        assert server.workers.computed == computed and server.workers.replaced == 1
        # the other places are answered, by a new process
        server.workers.timeout = 60.0
        assert client.get("/api/places/museum/status").status_code == 200
        assert server.workers.computed == computed + 1
    finally:
        server.workers.close()


def test_a_lost_worker_is_replaced(clock: Clock) -> None:
    application = app(places(), clock=clock)  # one process per lane
    server = server_of(application)
    client = make_client(application)
    try:
        assert client.get("/api/places/pantin/status").status_code == 200
        [process] = server.workers.processes
        process.kill()  # as the kernel's out-of-memory killer would
        process.join(10)
        assert server.workers.processes == []
        response = client.get("/api/places/museum/status")
        assert response.status_code == 200  # a new process in place of the dead one
        [again] = server.workers.processes
        assert again.pid != process.pid
    finally:
        server.workers.close()


def test_an_engine_failure_is_a_500_without_detail(application: Any) -> None:
    server_of(application).compute_status = failing_answer
    client = make_client(application)
    with pytest.raises(Exception, match="the engine broke"):
        client.get("/api/places/pantin/status")  # the test client re-raises...
    quiet = make_client(application, raise_server_exceptions=False)
    response = quiet.get("/api/places/pantin/status")  # ...a real client gets a 500
    assert response.status_code == 500
    assert response.json() == {
        "error": {"code": "internal", "message": "Erreur interne du serveur."}
    }
    assert "engine broke" not in response.text
    for name, value in SECURITY_HEADERS:
        assert response.headers[name.decode()] == value.decode()


def test_a_file_that_loads_too_slowly_keeps_the_last_version(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "bar.json"
    path.write_text(json.dumps(BAR), encoding="utf-8")
    application = app(tmp_path, clock=clock)
    server = server_of(application)
    client = make_client(application)
    try:
        assert client.get("/api/places/bar/status").json()["name"] == "Le Bar du Canal"
        server.workers.load_file = functools.partial(spin_load, str(tmp_path / "never"))
        server.workers.load_timeout = 0.5
        path.write_text(json.dumps({**BAR, "name": "Le Bar du Port"}), encoding="utf-8")
        [problem] = server.places.refresh(server.workers.load)
        assert problem.path == path
        assert (
            problem.message
            == "loading took more than 0.5 s (LOAD_TIMEOUT): the last version is kept"
        )
        assert client.get("/api/places/bar/status").json()["name"] == "Le Bar du Canal"
        server.workers.load_file = load_file  # the real loading, in its process
        server.workers.load_timeout = 60.0
        path.write_text(json.dumps({**BAR, "name": "Le Bar du Quai"}), encoding="utf-8")
        assert server.places.refresh(server.workers.load) == []
        assert client.get("/api/places/bar/status").json()["name"] == "Le Bar du Quai"
        path.write_text(json.dumps({**BAR, "timezone": "Europe/Pariss"}), encoding="utf-8")
        [problem] = server.places.refresh(server.workers.load)
        assert "Europe/Pariss" in problem.message  # the loader's own words
        assert not problem.message.startswith("ConfigError")
    finally:
        server.workers.close()


# -- the window and the junk ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params", "status", "code"),
    [
        ("/api/places/pantin/status", {"at": "2031-06-01T10:00Z"}, 400, "at_out_of_range"),
        ("/api/places/pantin/status", {"at": "2300-01-01T10:00Z"}, 400, "at_out_of_range"),
        ("/api/places/pantin/status", {"at": "1900-01-01T10:00Z"}, 400, "at_out_of_range"),
        ("/api/places/pantin/status", {"at": "0001-01-01T00:00Z"}, 400, "at_out_of_range"),
        ("/api/places/pantin/status", {"at": "9999-12-31T23:59"}, 400, "at_out_of_range"),
        ("/api/places/pantin/status", {"at": "2025-13-01T10:00"}, 400, "bad_at"),
        ("/api/places/pantin/status", {"at": "2025-05-05T10:00+99:00"}, 400, "bad_at"),
        ("/api/places/pantin/status", {"at": "2" * 5000}, 400, "bad_at"),
        ("/api/places/pantin/status", {"at": "2025-05-05T10:00:00." + "0" * 60}, 400, "bad_at"),
        ("/api/places/pantin/status", {"lang": "x" * 3000}, 400, "bad_lang"),
        ("/api/places/pantin/status", {"lang": "fr;q=1,en"}, 400, "bad_lang"),
        ("/api/places/pantin/status", {"lang": "klingon"}, 400, "bad_lang"),
        ("/api/places/pantin/status", {"service": "x" * 3000}, 400, "unknown_service"),
        ("/api/places/pantin/status", {"x" * 300: "1"}, 400, "unknown_parameter"),
        ("/api/places/pantin/week", {"from": "2300-01-01"}, 400, "from_out_of_range"),
        ("/api/places/pantin/week", {"from": "2025-02-30"}, 400, "bad_from"),
        ("/api/places/" + "p" * 500 + "/status", {}, 404, "unknown_place"),
        ("/api/places/pantin%00/week", {}, 404, "unknown_place"),
    ],
)
def test_junk_is_a_clear_error(
    client: Any, path: str, params: dict[str, str], status: int, code: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code
    assert len(error["message"]) < 300  # the input is quoted, cut short
    assert response.headers["cache-control"] == "no-store"


def test_the_window_is_documented_and_named_in_the_error(client: Any, clock: Clock) -> None:
    assert WINDOW.days == 1826  # five years, as docs/widget.md says
    response = client.get("/api/places/pantin/status", params={"at": "2031-06-01T10:00Z"})
    assert response.json()["error"]["message"] == (
        "Instant hors de la fenêtre servie (2020-05-03 – 2030-05-03) : '2031-06-01T10:00Z'."
    )


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    at=st.text(max_size=40) | st.datetimes().map(lambda d: d.isoformat()),
    lang=st.none() | st.text(max_size=12),
)
def test_no_query_string_is_a_server_error(client: Any, at: str, lang: str | None) -> None:
    params = {"at": at} if lang is None else {"at": at, "lang": lang}
    response = client.get("/api/places/pantin/status", params=params)
    assert response.status_code in {200, 400}, response.text
    if response.status_code == 400:
        assert response.json()["error"]["code"] in {"bad_at", "at_out_of_range", "bad_lang"}


# -- the security headers, on every route and every status ---------------------------------------


def _cases(tmp: Path) -> list[tuple[str, str, dict[str, str], int]]:
    origin = {"Origin": "https://www.ville.example", "Access-Control-Request-Method": "GET"}
    return [
        ("GET", "/", {}, 200),
        ("HEAD", "/", {}, 200),
        ("GET", "/?lang=xx", {}, 400),
        ("GET", "/api/places", {}, 200),
        ("GET", "/api/places?x=1", {}, 400),
        ("GET", "/api/places/pantin/status", {}, 200),
        ("GET", "/api/places/pantin/status?at=soon", {}, 400),
        ("GET", "/api/places/nope/status", {}, 404),
        ("GET", "/api/places/pantin/week", {}, 200),
        ("GET", "/api/places/pantin/week?from=2300-01-01", {}, 400),
        ("GET", "/places/pantin", {}, 200),
        ("GET", "/places/pantin?service=nope", {}, 400),
        ("GET", "/places/nope", {}, 404),
        ("GET", "/widget.js", {}, 200),
        ("GET", "/horaires.css", {}, 200),
        ("GET", "/nowhere", {}, 404),
        ("GET", "/api/nowhere", {}, 404),
        ("POST", "/api/places/pantin/status", {}, 405),
        ("PUT", "/widget.js", {}, 405),
        ("DELETE", "/places/pantin", {}, 405),
        ("OPTIONS", "/api/places/pantin/status", origin, 200),
        ("OPTIONS", "/api/places", {**origin, "Origin": "https://evil.example"}, 400),
    ]


def _check_headers(response: Any, where: str) -> None:
    csp = response.headers.get("content-security-policy", "")
    for directive in (
        "default-src 'none'",
        "frame-ancestors 'self'",
        "base-uri 'none'",
        "form-action 'self'",
    ):
        assert directive in csp, where
    assert response.headers.get("x-content-type-options") == "nosniff", where
    assert response.headers.get("referrer-policy") == "no-referrer", where
    assert "server" not in response.headers, where


def test_security_headers_on_every_route_and_status(client: Any, tmp_path: Path) -> None:
    for method, path, headers, status in _cases(tmp_path):
        response = client.request(method, path, headers=headers)
        assert response.status_code == status, (method, path, response.text)
        _check_headers(response, f"{method} {path}")
    tag = client.get("/api/places/pantin/status").headers["etag"]
    not_modified = client.get("/api/places/pantin/status", headers={"If-None-Match": tag})
    assert not_modified.status_code == 304
    _check_headers(not_modified, "304")


def test_security_headers_on_503(clock: Clock) -> None:
    application = app(places(), clock=clock)
    server = server_of(application)
    server.workers._lanes["now"].pending = 0
    client = make_client(application)
    try:
        for path in ("/api/places/pantin/status", "/places/pantin"):
            response = client.get(path)
            assert response.status_code == 503, path
            _check_headers(response, path)
    finally:
        server.workers.close()


def test_over_http_no_server_banner(live: Live) -> None:
    """uvicorn as horaires serve runs it: a Date, no Server header, the security headers."""
    for path, status in (("/widget.js", 200), ("/nowhere", 404), ("/api/places?x=1", 400)):
        try:
            with urllib.request.urlopen(live.url + path, timeout=30) as response:
                code, headers = response.status, response.headers
        except urllib.error.HTTPError as error:
            code, headers = error.code, error.headers
        assert code == status
        assert "Server" not in headers and "Date" in headers
        assert "frame-ancestors" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"


# -- memory: caches keyed by checked arguments only, bounded -------------------------------------


def test_caches_stay_bounded_after_many_distinct_requests(clock: Clock) -> None:
    import horaires._establishment as establishment_module

    application = app(places(), clock=clock)
    server = server_of(application)
    server.answers._recent.size = 64  # a small bound, so that it bites
    server.weeks.size = 16
    engines = len(establishment_module._ENGINES)
    base = paris("2025-05-05T00:00")
    paths: list[str] = []
    for i in range(500):
        at = (base + dt.timedelta(minutes=13 * i, seconds=i % 60)).isoformat()
        place = ("pantin", "museum", "bar")[i % 3]
        paths += [
            f"/api/places/{place}/status?at={at}",  # a distinct answer each
            f"/places/{place}?at={at}",
            f"/api/places/{place}/status?lang=x{i}",
            f"/api/places/{place}/status?q{i}=1",
            f"/api/places/{place}/status?service=s{i}",
            f"/api/places/{place}/status?at={2031 + i}-01-01T00:00Z",
            f"/api/places/{place}/week?from=2025-05-{1 + i % 28:02d}&lang=en",
        ]
    try:
        statuses = asgi_get(application, paths)
        assert statuses.count(200) == 500 * 3 and statuses.count(400) == 500 * 4
        sizes = server.answers.sizes()
        assert sizes["recent"] == 64 and sizes["flights"] == 0
        assert sizes["current"] == 0  # no request about now
        assert len(server.weeks) == 16
        assert server.workers._slow == {}
        # the server's own process computes nothing: no compiled schedule is kept there
        assert len(establishment_module._ENGINES) == engines
    finally:
        server.workers.close()
