"""The example widget app (examples/widget/): status endpoint, errors, page, escaping."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

with warnings.catch_warnings():
    # starlette >= 1.x prefers httpx2 and warns when it falls back to httpx (our test extra)
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

from horaires import examples, load

FOLDER = Path(__file__).resolve().parents[1] / "examples" / "widget"


def load_app_module(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.delenv("HORAIRES_CONFIG", raising=False)
    spec = importlib.util.spec_from_file_location("widget_app", FOLDER / "app.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def app_module(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    return load_app_module(monkeypatch)


@pytest.fixture
def client(app_module: ModuleType) -> TestClient:
    return TestClient(app_module.app)


def get(client: TestClient, **params: str) -> Any:
    response = client.get("/api/status", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    return response.json()


def test_saturday_morning(client: TestClient) -> None:
    data = get(client, at="2025-05-03T10:00")
    assert data["state"] == "accepting"
    assert [s["id"] for s in data["services"] if s["accepting"]] == ["etat-civil"]
    one = get(client, at="2025-05-03T10:00", service="urbanisme")
    assert one["state"] == "closed" and one["sentence"] == "Fermé · ouvre lundi à 8 h 30"


def test_holiday(client: TestClient) -> None:
    data = get(client, at="2025-05-01T10:00+02:00")
    assert data["sentence"] == "Fermé (Fête du Travail) · ouvre vendredi à 8 h 30"
    assert get(client, at="2025-05-01T08:00:00Z", lang="en")["reason"] == "Labor Day"


def test_after_last_admission(client: TestClient) -> None:
    data = get(client, at="2025-05-05T17:10", service="etat-civil")
    assert (data["open"], data["accepting"]) == (True, False)
    assert data["next_change"] == "2025-05-05T17:30:00+02:00"


def test_now_by_default(client: TestClient) -> None:
    assert get(client)["state"] in {"accepting", "open", "closed"}


@pytest.mark.parametrize(
    ("params", "param", "message"),
    [
        ({"at": "tomorrow"}, "at", "not an ISO 8601 date-time"),
        ({"at": "0001-01-01T00:00+00:00"}, "at", "outside the supported years"),
        ({"service": "piscine"}, "service", "unknown service 'piscine'; known services: accueil"),
        ({"lang": "de"}, "lang", "unsupported language 'de'"),
        ({"servce": "etat-civil"}, "servce", "unknown parameter 'servce'"),
    ],
)
def test_bad_parameters(
    client: TestClient, params: dict[str, str], param: str, message: str
) -> None:
    response = client.get("/api/status", params=params)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert error["param"] == param and message in error["message"]


def test_repeated_parameter(client: TestClient) -> None:
    response = client.get("/api/status?lang=fr&lang=en")
    assert response.status_code == 400 and response.json()["error"]["param"] == "lang"


def test_page_and_script(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<h1>Centre administratif de Pantin</h1>" in page.text
    assert (
        '<option value="etat-civil">Pôle état civil, élections et funéraire</option>' in page.text
    )
    assert "script-src 'self'" in page.headers["content-security-policy"]
    script = client.get("/widget.js")
    assert script.status_code == 200 and "textContent" in script.text
    assert "innerHTML" not in script.text and "insertAdjacentHTML" not in script.text


EVIL = "<script>alert('x')</script>"


def test_no_injection_from_config_text(app_module: ModuleType) -> None:
    evil = load(
        {
            "name": f"Mairie {EVIL}",
            "hours": {"mon": ["08:30-12:30"]},
            "exceptions": [{"date": "2025-05-05", "hours": "closed", "label": EVIL}],
            "services": {"etat-civil": {"name": f'"><img src=x onerror=alert(1)>{EVIL}'}},
        }
    )
    client = TestClient(app_module.create_app(evil))
    page = client.get("/").text
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert page.count("<script") == 1  # only the widget's own script tag
    response = client.get("/api/status", params={"at": "2025-05-05T10:00"})
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    data = response.json()
    assert data["reason"] == EVIL  # data stays data; the page writes it with textContent
    assert data["sentence"] == f"Fermé ({EVIL}) · ouvre le lundi 12 mai à 8 h 30"


def test_config_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HORAIRES_CONFIG", str(FOLDER.parent / "museum.toml"))
    spec = importlib.util.spec_from_file_location("widget_app_env", FOLDER / "app.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    data = TestClient(module.app).get("/api/status", params={"at": "2025-05-05T10:00"}).json()
    assert data["name"] == examples.load_example("museum").name


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_script_waits_until_the_next_change(client: TestClient) -> None:
    data = get(client, at="2025-05-05T17:10")
    program = f"""
        const widget = require({json.dumps(str(FOLDER / "widget.js"))});
        const data = {json.dumps(data)};
        Date.now = () => Date.parse("2025-05-05T17:10:00+02:00");
        console.log(JSON.stringify([
            widget.delay(data), widget.delay({{next_change: null}}),
            widget.delay({{next_change: "2025-05-05T17:00:00+02:00"}})]));
    """
    result = subprocess.run(["node", "-e", program], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [20 * 60 * 1000 + 500, 3600 * 1000, 1000]


FAKE_DOM = """
const nodes = {};
function element(tag) {
  return {tag, textContent: "", className: "", children: [],
          append(...kids) { this.children.push(...kids); },
          replaceChildren(...kids) { this.children = kids; }};
}
globalThis.document = {
  documentElement: {lang: ""},
  getElementById(id) { return nodes[id] || (nodes[id] = element("#" + id)); },
  createElement: element,
};
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_script_shows_the_payload_as_text(app_module: ModuleType) -> None:
    evil = load({"name": "X", "hours": {"mon": ["08:30-12:30"]}, "services": {"a": {"name": EVIL}}})
    data = get(TestClient(app_module.create_app(evil)), at="2025-05-05T10:00", lang="en")
    program = (
        FAKE_DOM
        + f"""
        const widget = require({json.dumps(str(FOLDER / "widget.js"))});
        widget.show({json.dumps(data)});
        const days = nodes.days.children.map((tr) => tr.children.map((td) => td.textContent));
        console.log(JSON.stringify({{
            sentence: nodes.sentence.textContent, state: nodes.sentence.className,
            lang: document.documentElement.lang, services: nodes.services.children.map((li) => li.textContent),
            today: days[0], all: nodes.all.textContent}}));
    """
    )
    result = subprocess.run(["node", "-e", program], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown == {
        "sentence": data["sentence"],
        "state": "accepting",
        "lang": "en",
        "services": [f"{EVIL}: {data['services'][0]['sentence']}"],
        "today": ["Monday, May 5", "8:30 AM – 12:30 PM"],
        "all": "All services",
    }
