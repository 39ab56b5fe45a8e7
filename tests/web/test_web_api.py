"""horaires.web's JSON API: places, status, week; errors; caching; CORS; security headers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from _webtools import BAR, Clock, make_client, paris, places, server_of

from horaires import examples
from horaires.web import SECURITY_HEADERS, WINDOW, app


def status(client: Any, place: str = "pantin", **params: str) -> Any:
    response = client.get(f"/api/places/{place}/status", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    return response.json()


def error(client: Any, path: str, status_code: int = 400, **params: str) -> dict[str, Any]:
    response = client.get(path, params=params)
    assert response.status_code == status_code, response.text
    assert response.headers["content-type"] == "application/json"
    assert "Traceback" not in response.text
    found: dict[str, Any] = response.json()["error"]
    return found


# -- the answers ---------------------------------------------------------------------------------


def test_places(client: Any) -> None:
    data = client.get("/api/places").json()
    assert data["version"] == 1
    by_id = {place["id"]: place for place in data["places"]}
    assert set(by_id) == {*examples.names(), "bar"}
    pantin = by_id["pantin"]
    assert pantin["name"] == "Centre administratif de Pantin"
    assert pantin["timezone"] == "Europe/Paris"
    assert [s["id"] for s in pantin["services"]] == ["etat-civil", "urbanisme", "accueil"]
    assert pantin["links"]["status"] == "places/pantin/status"


def test_status_is_the_payload_at_the_server_clock(client: Any, clock: Clock) -> None:
    data = status(client)  # Saturday 10:00 by the test clock
    assert data["at"] == "2025-05-03T10:00:00+02:00"
    assert data["state"] == "accepting"
    assert (
        data["sentence"]
        == "Ouvert · dernier accueil à 12\u00a0h\u00a000 · ferme à 12\u00a0h\u00a030"
    )
    assert data["valid_until"] == "2025-05-03T12:00:00+02:00"
    assert data["today"]["text"] == (
        "9\u00a0h\u00a000\u00a0–\u2060\u00a012\u00a0h\u00a030, "
        "pôle état civil, élections et funéraire uniquement"
    )
    clock.set(paris("2025-05-03T11:00:30"))
    later = status(client)
    assert later["at"] == "2025-05-03T11:00:30+02:00"  # the same answer, at its own instant
    assert {k: v for k, v in later.items() if k != "at"} == {
        k: v for k, v in data.items() if k != "at"
    }


def test_at_with_plus_space_or_z(client: Any) -> None:
    plus = status(client, at="2025-05-05T10:00+02:00")
    space = status(client, at="2025-05-05T10:00 02:00")  # "+" decoded as a space
    zulu = status(client, at="2025-05-05T08:00Z")
    naive = status(client, at="2025-05-05T10:00")  # a wall time of the place
    assert plus == space == zulu == naive
    assert plus["at"] == "2025-05-05T10:00:00+02:00"
    raw = client.get("/api/places/pantin/status?at=2025-05-05T10:00+02:00")  # unencoded
    assert raw.status_code == 200 and raw.json()["at"] == plus["at"]


def test_english_and_a_service(client: Any) -> None:
    data = status(client, service="urbanisme", lang="en")
    assert data["lang"] == "en" and data["service_name"] == "Urbanisme"
    assert data["sentence"] == "Closed · opens Monday at 8:30\u00a0AM"
    assert data["services"] == []
    british = status(client, lang="en-GB")  # a region: its own CLDR formats (24-hour times)
    assert british["lang"] == "en_GB" and "AM" not in british["sentence"]
    german = status(client, lang="de")  # every language of the catalogs
    assert german["lang"] == "de" and german["sentence"].startswith(("Geöffnet", "Geschlossen"))


def test_the_language_of_the_place_by_default(client: Any) -> None:
    response = client.get("/api/places/pantin/status", headers={"Accept-Language": "en-US"})
    assert response.json()["lang"] == "fr"  # the place's language wins over the browser's


def test_week(client: Any) -> None:
    data = client.get(
        "/api/places/pantin/week", params={"service": "etat-civil", "from": "2025-05-01"}
    ).json()
    assert data["start"] == "2025-05-01" and len(data["days"]) == 8
    assert [(d["weekday"], d["today"]) for d in data["days"][:3]] == [
        ("jeudi", False),
        ("vendredi", False),
        ("samedi", True),  # the server's today
    ]
    assert data["days"][0]["text"] == "fermé (Fête du Travail)"
    whole = client.get("/api/places/pantin/week").json()
    assert whole["start"] == "2025-05-03" and whole["days"][0]["today"]


# -- the texts the widget was wrong about --------------------------------------------------------


def test_after_midnight_the_highlighted_day_is_last_nights(client: Any, clock: Clock) -> None:
    clock.set(paris("2025-12-25T00:30"))  # Christmas, in Wednesday night's hours
    data = status(client, "bar")
    assert data["state"] == "accepting"
    assert data["sentence"] == "Ouvert · ferme à 3\u00a0h\u00a000"
    assert (data["today"]["title"], data["today"]["text"]) == (
        "mercredi 24 décembre",
        "18\u00a0h\u00a000\u00a0–\u2060\u00a03\u00a0h\u00a000",
    )
    assert data["days"][1]["text"] == "fermé (Noël)"
    assert data["valid_until"] == "2025-12-25T03:00:00+01:00"


def test_tonight_and_midnight(client: Any, clock: Clock) -> None:
    clock.set(paris("2025-12-24T23:00"))
    tonight = status(client, "bar")
    assert tonight["sentence"] == "Ouvert · ferme cette nuit à 3\u00a0h\u00a000"
    assert tonight["valid_until"] == "2025-12-25T00:00:00+01:00"  # then "ferme à 3 h 00"
    clock.set(paris("2025-12-27T21:00"))
    saturday = status(client, "bar")
    assert saturday["sentence"] == "Ouvert · ferme à minuit"
    assert saturday["today"]["text"] == "20\u00a0h\u00a000\u00a0–\u2060\u00a0minuit"


def test_countdown_changes_every_minute(client: Any, clock: Clock) -> None:
    clock.set(paris("2025-05-05T08:10:20"))
    data = status(client, service="urbanisme")
    assert data["sentence"] == "Ouvre dans 20\u00a0minutes"
    assert data["valid_until"] == "2025-05-05T08:11:00+02:00"
    assert [(t["at"][11:16], t["sentence"]) for t in data["ticks"][:2]] == [
        ("08:11", "Ouvre dans 19\u00a0minutes"),
        ("08:12", "Ouvre dans 18\u00a0minutes"),
    ]
    assert len(data["ticks"]) == 10  # the next ten minutes
    response = client.get("/api/places/pantin/status", params={"service": "urbanisme"})
    assert response.headers["cache-control"] == "public, max-age=40"


def test_after_last_admission(client: Any) -> None:
    data = status(client, at="2025-05-05T17:10", service="etat-civil")
    assert (data["state"], data["open"], data["accepting"]) == ("open", True, False)
    assert data["sentence"].startswith("Ouvert, mais l'accueil est terminé")


def test_holiday(client: Any) -> None:
    data = status(client, at="2025-05-01T10:00")
    assert data["sentence"] == "Fermé (Fête du Travail) · ouvre vendredi à 8\u00a0h\u00a030"


# -- errors: JSON, a stable code, the visitor's language -----------------------------------------


@pytest.mark.parametrize(
    ("params", "code", "param", "words"),
    [
        ({"at": "tomorrow"}, "bad_at", "at", "Instant illisible : 'tomorrow'"),
        ({"at": "2035-01-01T00:00"}, "at_out_of_range", "at", "hors de la fenêtre"),
        ({"at": "0001-01-01T00:00+00:00"}, "at_out_of_range", "at", "hors de la fenêtre"),
        ({"at": "9999-12-31T23:59:59+14:00"}, "at_out_of_range", "at", "hors de la fenêtre"),
        ({"lang": "xx"}, "bad_lang", "lang", "Langue non prise en charge : 'xx'"),
        ({"lang": "de-ZZ"}, "bad_lang", "lang", "Langue non prise en charge : 'de-ZZ'"),
        ({"servce": "x"}, "unknown_parameter", "servce", "Paramètre inconnu : 'servce'"),
    ],
)
def test_bad_parameters(
    client: Any, params: dict[str, str], code: str, param: str, words: str
) -> None:
    found = error(client, "/api/places/pantin/status", **params)
    assert (found["code"], found["param"]) == (code, param)
    assert words in found["message"]


def test_unknown_service_lists_the_services_in_the_visitors_language(client: Any) -> None:
    found = error(client, "/api/places/pantin/status", service="piscine", lang="en")
    assert found["code"] == "unknown_service"
    assert found["message"] == (
        "Unknown service: 'piscine'. Services of this place: etat-civil, urbanisme, accueil."
    )
    assert found["services"][0] == {
        "id": "etat-civil",
        "name": "Pôle état civil, élections et funéraire",
    }


def test_repeated_parameter_and_unknown_place(client: Any) -> None:
    response = client.get("/api/places/pantin/status?lang=fr&lang=en")
    assert response.status_code == 400 and response.json()["error"]["code"] == "repeated_parameter"
    found = error(client, "/api/places/paris/status", 404)
    assert found == {"code": "unknown_place", "message": "Lieu inconnu : 'paris'."}


def test_a_bad_language_answers_in_the_browsers(client: Any) -> None:
    response = client.get(
        "/api/places/pantin/status?lang=xx", headers={"Accept-Language": "en-GB,en;q=0.8"}
    )
    assert response.json()["error"]["message"].startswith("Unsupported language: 'xx'")


def test_the_window_is_five_years_around_the_servers_now(client: Any, clock: Clock) -> None:
    inside = (clock.now + WINDOW - dt.timedelta(days=1)).isoformat()
    outside = (clock.now + WINDOW + dt.timedelta(days=1)).isoformat()
    assert status(client, at=inside)["state"] in {"closed", "open", "accepting"}
    assert error(client, "/api/places/pantin/status", at=outside)["code"] == "at_out_of_range"
    assert error(client, "/api/places/pantin/week", **{"from": "2040-01-01"})["code"] == (
        "from_out_of_range"
    )
    assert error(client, "/api/places/pantin/week", **{"from": "soon"})["code"] == "bad_from"


def test_404_and_405_are_json_under_api_and_carry_the_security_headers(client: Any) -> None:
    for method, path, code in (
        ("GET", "/api/nothing", 404),
        ("POST", "/api/places/pantin/status", 405),
        ("DELETE", "/api/places", 405),
    ):
        response = client.request(method, path)
        assert response.status_code == code
        assert response.json()["error"]["code"] in {"not_found", "method_not_allowed"}
        for name, value in SECURITY_HEADERS:
            assert response.headers[name.decode()] == value.decode()
    page = client.get("/nowhere")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "frame-ancestors" in page.headers["content-security-policy"]


def test_security_headers_everywhere(client: Any) -> None:
    for path in ("/", "/api/places", "/api/places/pantin/status", "/places/pantin", "/widget.js"):
        response = client.get(path)
        assert response.status_code == 200, path
        csp = response.headers["content-security-policy"]
        for directive in ("frame-ancestors", "base-uri", "form-action", "default-src 'none'"):
            assert directive in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert "server" not in response.headers


# -- caching and CORS ----------------------------------------------------------------------------


def test_etag_and_304(client: Any, clock: Clock) -> None:
    first = client.get("/api/places/pantin/status")
    tag = first.headers["etag"]
    assert tag.startswith('W/"')
    assert first.headers["cache-control"] == "public, max-age=7200"  # until 12:00
    clock.set(paris("2025-05-03T11:30"))
    again = client.get("/api/places/pantin/status", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.headers["etag"] == tag
    assert again.headers["cache-control"] == "public, max-age=1800"
    clock.set(paris("2025-05-03T12:00"))
    changed = client.get("/api/places/pantin/status", headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["etag"] != tag


def test_cors_for_the_configured_origins_only(client: Any) -> None:
    allowed = client.get(
        "/api/places/pantin/status", headers={"Origin": "https://www.ville.example"}
    )
    assert allowed.headers["access-control-allow-origin"] == "https://www.ville.example"
    assert "ETag" in allowed.headers["access-control-expose-headers"]
    other = client.get("/api/places/pantin/status", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    preflight = client.options(
        "/api/places/pantin/status",
        headers={
            "Origin": "https://www.ville.example",
            "Access-Control-Request-Method": "GET",
        },
    )
    assert preflight.status_code == 200


def test_answers_are_shared_and_the_caches_stay_bounded(clock: Clock) -> None:
    server_app = app(places(), clock=clock)
    server = server_of(server_app)
    server.answers._recent.size = 40  # the default is larger; the bound is what counts
    client = make_client(server_app)
    try:
        for _ in range(20):
            status(client)
        assert server.workers.computed == 1  # valid until 12:00: one computation for all
        base = paris("2025-05-05T00:00")
        for i in range(100):  # distinct instants, one answer each
            status(client, at=(base + dt.timedelta(minutes=7 * i)).isoformat())
        assert server.workers.computed == 101
        assert server.answers.sizes() == {"current": 1, "recent": 40, "flights": 0}
    finally:
        server.workers.close()


# -- places from files ---------------------------------------------------------------------------


def test_a_folder_of_configs_with_a_broken_one(tmp_path: Path, clock: Clock) -> None:
    (tmp_path / "bar.json").write_text(json.dumps(BAR), encoding="utf-8")
    (tmp_path / "broken.toml").write_text('name = "X"\ntimezone = "Europe/Pariss"\n')
    (tmp_path / "notes.txt").write_text("not a config")
    application = app(tmp_path, clock=clock)
    server = server_of(application)
    assert [str(p.path.name) for p in server.places.problems] == ["broken.toml"]
    assert "Europe/Pariss" in server.places.problems[0].message
    client = make_client(application)
    assert [p["id"] for p in client.get("/api/places").json()["places"]] == ["bar"]
    assert status(client, "bar")["name"] == "Le Bar du Canal"


def test_a_changed_config_is_reloaded(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "bar.json"
    path.write_text(json.dumps(BAR), encoding="utf-8")
    application = app([path], clock=clock)
    client = make_client(application)
    assert status(client, "bar")["name"] == "Le Bar du Canal"
    path.write_text(json.dumps({**BAR, "name": "Le Bar du Port"}), encoding="utf-8")
    places_ = server_of(application).places
    assert places_.refresh() == []
    assert status(client, "bar")["name"] == "Le Bar du Port"
    path.write_text("{", encoding="utf-8")  # a broken edit keeps the last good version
    assert [p.path for p in places_.refresh()] == [path]
    assert status(client, "bar")["name"] == "Le Bar du Port"


def test_explicit_instants_are_shed_when_too_many_wait(clock: Clock) -> None:
    application = app(places(), clock=clock)
    workers = server_of(application).workers
    workers._lanes["at"].pending = 0  # as if four were waiting
    client = make_client(application)
    far = (clock.now + dt.timedelta(days=400)).isoformat()
    response = client.get("/api/places/pantin/status", params={"at": far, "lang": "en"})
    assert response.status_code == 503 and response.headers["retry-after"] == "1"
    assert response.json()["error"] == {
        "code": "busy",
        "message": "Server busy, try again in a moment.",
    }
    assert status(client)["at"] == "2025-05-03T10:00:00+02:00"  # the present has its lane
    workers.close()
