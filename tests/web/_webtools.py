"""Helpers of the web tests: a clock the tests move, the places, a test client, the app
served by uvicorn on 127.0.0.1 (a free port), another site, and Chromium's settings."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
import warnings
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from horaires import Establishment, examples, load

PARIS = ZoneInfo("Europe/Paris")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

BAR = {
    "name": "Le Bar du Canal",
    "timezone": "Europe/Paris",
    "hours": {
        "tue": ["18:00-01:00"],
        "wed": ["18:00-03:00"],
        "thu": ["18:00-03:00"],
        "fri": ["18:00-03:00"],
        "sat": ["20:00-24:00"],
    },
    "holidays": {"country": "FR"},
}


def paris(text: str) -> dt.datetime:
    """A wall time in Paris."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=PARIS)


class Clock:
    """The server's clock, set by the tests."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now
        self._lock = threading.Lock()

    def __call__(self) -> dt.datetime:
        with self._lock:
            return self.now

    def set(self, now: dt.datetime) -> None:
        with self._lock:
            self.now = now


def places() -> dict[str, Establishment]:
    """The bundled examples and a bar open at night."""
    found = {name: examples.load_example(name) for name in examples.names()}
    found["bar"] = load(BAR)
    return found


def make_client(app: Any, **options: Any) -> Any:
    with warnings.catch_warnings():
        # starlette prefers httpx2 and warns when it falls back to httpx (our test extra)
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from starlette.testclient import TestClient

        return TestClient(app, **options)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Live:
    """The app served by uvicorn in a thread of the test process."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, server_header=False, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Live:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


class Site:
    """Another site on 127.0.0.1 (another port: another origin), whose pages the tests set;
    stdlib http.server in a thread, stopped at the end of the session."""

    def __init__(self) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.pages: dict[str, str] = {}
        pages = self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = pages.get(self.path, "").encode()
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=30)


def server_of(application: Any) -> Any:
    """The Server behind an app (its routes' closures hold it)."""
    import horaires.web._app as web_app

    for route in application.routes:
        for cell in route.endpoint.__closure__ or ():
            if isinstance(cell.cell_contents, web_app.Server):
                return cell.cell_contents
    raise AssertionError("no server")


def spin_answer(folder: str, name: str, *args: Any) -> Any:
    """A status answer that keeps a core busy first, for the place called ``name``: it
    writes ``started`` in ``folder``, spins until ``release`` is there (at most a minute),
    then answers. Workers run it (``server.compute_status``, with functools.partial)."""
    from horaires.web._app import _answer

    establishment = args[0]
    if establishment.name == name:
        Path(folder, "started").touch()
        end = time.monotonic() + 60
        while time.monotonic() < end and not Path(folder, "release").exists():
            sum(range(1000))  # busy: no sleep, no I/O wait
    return _answer(*args)


def failing_answer(*args: Any) -> Any:
    """A status answer that fails inside the engine (for the 500 answer)."""
    raise RuntimeError("the engine broke")


def spin_load(folder: str, path: Path) -> Any:
    """Loading that keeps a core busy until ``release`` is in ``folder`` (at most a minute)."""
    from horaires import load_file

    end = time.monotonic() + 60
    while time.monotonic() < end and not Path(folder, "release").exists():
        sum(range(1000))
    return load_file(path)


def asgi_get(application: Any, paths: list[str]) -> list[int]:
    """The statuses of GET requests sent straight to an ASGI app, one after the other in
    one event loop (no HTTP client: thousands of requests in seconds)."""
    import asyncio
    import concurrent.futures

    async def get(path: str) -> int:
        route, _, query = path.partition("?")
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": route,
            "raw_path": route.encode(),
            "query_string": query.encode(),
            "root_path": "",
            "headers": [(b"host", b"testserver")],
            "client": ("127.0.0.1", 50000),
            "server": ("testserver", 80),
        }
        statuses: list[int] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                statuses.append(message["status"])

        await application(scope, receive, send)
        return statuses[0]

    async def run() -> list[int]:
        return [await get(path) for path in paths]

    # in a thread of its own: Playwright's sync API keeps a loop running in this one
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(run())).result()
