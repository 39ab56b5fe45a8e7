"""Fixtures of the web tests: a clock the tests move, the app in a test client, the app
served by uvicorn on 127.0.0.1 (a free port, stopped at the end of the session), another
site on 127.0.0.1, and Chromium driven by Playwright (Debian's /usr/bin/chromium: no
browser download)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from _webtools import (
    CHROMIUM,
    CHROMIUM_ARGS,
    Clock,
    Live,
    Site,
    make_client,
    paris,
    places,
    server_of,
)


@pytest.fixture
def clock() -> Clock:
    return Clock(paris("2025-05-03T10:00"))


@pytest.fixture
def client(clock: Clock) -> Iterator[Any]:
    from horaires.web import app

    application = app(places(), clock=clock, cors=["https://www.ville.example"])
    yield make_client(application)
    server_of(application).workers.close()


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    with Site() as running:
        yield running


@pytest.fixture(scope="session")
def live_clock() -> Clock:
    return Clock(paris("2025-05-03T10:00"))


@pytest.fixture(scope="session")
def live(live_clock: Clock, site: Site) -> Iterator[Live]:
    pytest.importorskip("uvicorn")
    from horaires.web import app

    with Live(app(places(), clock=live_clock, cors=[site.url])) as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(
                "/usr/bin/chromium is missing: .ci/run installs it (apt-get install chromium)"
            )
        pytest.skip("no /usr/bin/chromium (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()
