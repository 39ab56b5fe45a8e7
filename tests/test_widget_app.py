"""The example widget app (examples/widget/): the places of examples/ served by horaires.web,
and the page that embeds the component."""

from __future__ import annotations

import importlib.util
import re
import warnings
from pathlib import Path
from types import ModuleType

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

with warnings.catch_warnings():
    # starlette >= 1.x prefers httpx2 and warns when it falls back to httpx (our test extra)
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

from horaires import examples

FOLDER = Path(__file__).resolve().parents[1] / "examples" / "widget"


@pytest.fixture(scope="module")
def module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("widget_app", FOLDER / "app.py")
    assert spec is not None and spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded


def test_every_example_is_a_place(module: ModuleType) -> None:
    client = TestClient(module.app)
    ids = [place["id"] for place in client.get("/api/places").json()["places"]]
    assert ids == examples.names()
    data = client.get(
        "/api/places/pantin/status", params={"at": "2025-05-03T10:00", "service": "etat-civil"}
    ).json()
    assert data["state"] == "accepting" and data["service_name"].startswith("Pôle état civil")
    page = client.get("/places/museum")
    assert page.status_code == 200 and "Musée des Beaux-Arts" in page.text


def test_the_towns_site_may_call_the_api(module: ModuleType) -> None:
    client = TestClient(module.app)
    response = client.get("/api/places/pantin/status", headers={"Origin": module.SITE})
    assert response.headers["access-control-allow-origin"] == module.SITE


def test_the_embedding_page_names_a_served_place_and_service(module: ModuleType) -> None:
    html = (FOLDER / "embed.html").read_text(encoding="utf-8")
    element = re.search(r'<horaires-status src="([^"]+)" service="([^"]+)"', html)
    assert element is not None
    place = element[1].rsplit("/", 1)[1]
    assert element[2] in examples.load_example(place).services
    assert '<script src="http://127.0.0.1:8000/widget.js" defer></script>' in html
