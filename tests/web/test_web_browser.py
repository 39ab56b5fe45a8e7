"""The page and the component in a real browser: Chromium driven by Playwright, against the
app served by uvicorn on 127.0.0.1, with the page's clock moved by ``page.clock`` and the
server's clock by the tests. Screenshots go to artifacts/screenshots/ (kept by CI)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from _webtools import SCREENSHOTS, Clock, Live, Site, paris

WIDTHS = (320, 390, 1280)
PLAIN = {0x00A0: " ", 0x2060: None}  # no-break spaces and word joiners, as plain text


class Visit:
    """One page in a fresh browser context, its requests to the status API, its console."""

    def __init__(
        self,
        browser: Any,
        live: Live,
        site: Site,
        *,
        width: int = 390,
        visitor: dt.datetime | None = None,
        javascript: bool = True,
        color_scheme: str = "light",
        reduced_motion: str = "no-preference",
    ) -> None:
        self.context = browser.new_context(
            viewport={"width": width, "height": 800},
            java_script_enabled=javascript,
            color_scheme=color_scheme,
            reduced_motion=reduced_motion,
            locale="fr-FR",
        )
        self.page = self.context.new_page()
        self.live = live
        self.site = site
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on(
            "request", lambda r: self.requests.append(r.url) if "/status" in r.url else None
        )
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        if visitor is not None:  # the page's clock stands still at `visitor` until run()
            self.page.clock.install(time=visitor - dt.timedelta(seconds=10))
            self.page.clock.pause_at(visitor)

    def cms(self, element: str) -> None:
        """Open a page of another site that embeds the component."""
        html = (
            '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<link rel="icon" href="data:,">'
            f'<script src="{self.live.url}/widget.js" defer></script></head>'
            f"<body><h1>Mairie</h1>{element}</body></html>"
        )
        path = f"/page-{len(self.site.pages)}"
        self.site.pages[path] = html
        self.goto(self.site.url + path)

    def goto(self, url: str) -> None:
        with self.page.expect_response(lambda r: "/status" in r.url) as answer:
            self.page.goto(url)
        assert answer.value.status in (200, 400, 404)
        self.page.wait_for_function(
            "() => { const e = document.querySelector('horaires-status');"
            " return e && e.shadowRoot && e.shadowRoot.querySelector('.hs'); }"
        )

    def shadow(self, selector: str) -> list[str]:
        """The texts of the elements of the component's shadow root."""
        found: list[str] = self.page.evaluate(
            "(s) => [...document.querySelector('horaires-status').shadowRoot"
            ".querySelectorAll(s)].map((e) => e.textContent)",
            selector,
        )
        return found

    def sentence(self) -> str:
        return self.shadow(".hs-text")[0]

    def run(self, live_clock: Clock, seconds: float, step: float = 5.0) -> None:
        """Move the page's clock and the server's together by ``seconds``."""
        done = 0.0
        while done < seconds:
            part = min(step, seconds - done)
            live_clock.set(live_clock.now + dt.timedelta(seconds=part))
            self.page.clock.run_for(int(part * 1000))
            self.page.wait_for_timeout(30)  # let a fetch that a timer started come back
            done += part

    def asked(self) -> int:
        """How many times the page asked for the status (after its events have come in)."""
        self.page.wait_for_timeout(300)
        return len(self.requests)

    def screenshot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser: Any, live: Live, site: Site) -> Iterator[Any]:
    opened: list[Visit] = []

    def open_visit(**options: Any) -> Visit:
        made = Visit(browser, live, site, **options)
        opened.append(made)
        return made

    yield open_visit
    for made in opened:
        made.close()


# -- the cases people read -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "server", "path", "sentence", "today"),
    [
        (
            "saturday",
            "2025-05-03T10:00",
            "/places/pantin",
            "Ouvert · dernier accueil à 12 h 00 · ferme à 12 h 30",
            "9 h 00 – 12 h 30, pôle état civil, élections et funéraire uniquement",
        ),
        (
            "holiday",
            "2025-05-01T10:00",
            "/places/pantin?service=etat-civil",
            "Fermé (Fête du Travail) · ouvre vendredi à 8 h 30",
            "fermé (Fête du Travail)",
        ),
        (
            "after-last-admission",
            "2025-05-05T17:10",
            "/places/pantin?service=urbanisme",
            "Ouvert, mais l'accueil est terminé · ferme à 17 h 30 · rouvre mardi à 8 h 30",
            "8 h 30 – 12 h 30 et 13 h 30 – 17 h 30",
        ),
        (
            "past-midnight",
            "2025-12-25T00:30",
            "/places/bar",
            "Ouvert · ferme à 3 h 00",
            "18 h 00 – 3 h 00",
        ),
        (
            "english",
            "2025-05-03T10:00",
            "/places/pantin?lang=en",
            "Open · last admission at 12:00 PM · closes at 12:30 PM",
            "9:00 AM – 12:30 PM, pôle état civil, élections et funéraire only",
        ),
    ],
)
def test_the_words_of_each_case(
    visit: Any,
    live: Live,
    live_clock: Clock,
    name: str,
    server: str,
    path: str,
    sentence: str,
    today: str,
) -> None:
    live_clock.set(paris(server))
    for width in WIDTHS:
        page = visit(width=width)
        page.goto(live.url + path)
        assert page.sentence().translate(PLAIN) == sentence
        highlighted = page.shadow(".hs-today .hs-hours")
        assert [text.translate(PLAIN) for text in highlighted] == [today]
        sizes = page.page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert sizes[0] <= sizes[1], f"{path} scrolls sideways at {width} px: {sizes}"
        assert page.errors == []
        page.screenshot(f"{name}-{width}")


def test_times_stay_on_one_line(visit: Any, live: Live, live_clock: Clock) -> None:
    live_clock.set(paris("2025-05-05T10:00"))
    page = visit(width=320)
    page.goto(live.url + "/places/pantin")
    # every "8 h 30" and every "8 h 30 – 12 h 30" is on one line
    lines = page.page.evaluate(
        """() => {
        const root = document.querySelector('horaires-status').shadowRoot;
        const out = [];
        for (const hours of root.querySelectorAll('.hs-hours')) {
          const text = hours.firstChild;
          const re = /\\d+\\u00a0h\\u00a0\\d\\d(\\u00a0–\\u2060\\u00a0\\d+\\u00a0h\\u00a0\\d\\d)?/g;
          let m;
          while ((m = re.exec(text.data))) {
            const range = document.createRange();
            range.setStart(text, m.index);
            range.setEnd(text, m.index + m[0].length);
            out.push(range.getClientRects().length);
          }
        }
        return out;
      }"""
    )
    assert lines and set(lines) == {1}


def test_the_component_on_another_site(visit: Any, live: Live, live_clock: Clock) -> None:
    live_clock.set(paris("2025-05-03T10:00"))
    for width in WIDTHS:
        page = visit(width=width)
        page.cms(
            f'<horaires-status src="{live.url}/api/places/pantin" service="etat-civil" lang="fr">'
            "</horaires-status>"
        )
        assert page.shadow(".hs-name") == ["Centre administratif de Pantin"]
        assert page.shadow(".hs-service") == ["Pôle état civil, élections et funéraire"]
        assert page.sentence().startswith("Ouvert")
        lang = page.page.evaluate(
            "document.querySelector('horaires-status').shadowRoot.querySelector('.hs').lang"
        )
        live_region = page.page.evaluate(
            "document.querySelector('horaires-status').shadowRoot"
            ".querySelector('.hs-sentence').getAttribute('aria-live')"
        )
        assert (lang, live_region) == ("fr", "polite")
        sizes = page.page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert sizes[0] <= sizes[1]
        assert page.errors == []
        # no global name but the element
        names = page.page.evaluate(
            "Object.keys(window).filter((k) => /horaires|TEXTS|CSS|FLOOR|sheet/i.test(k))"
        )
        assert names == []
        page.screenshot(f"component-{width}")


def test_without_javascript_the_page_still_tells(visit: Any, live: Live, live_clock: Clock) -> None:
    live_clock.set(paris("2025-05-03T10:00"))
    page = visit(javascript=False, width=320)
    page.page.goto(live.url + "/places/pantin")
    text = page.page.inner_text("main")
    assert "Ouvert · dernier accueil à 12 h 00 · ferme à 12 h 30" in text.translate(PLAIN)
    assert "uniquement" in text
    sizes = page.page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert sizes[0] <= sizes[1]
    page.page.select_option("#service", "urbanisme")
    page.page.click("button[type=submit]")
    assert "Fermé · ouvre lundi à 8 h 30" in page.page.inner_text("main").translate(PLAIN)
    page.screenshot("no-javascript-320")


def test_an_unknown_service_is_explained(visit: Any, live: Live, live_clock: Clock) -> None:
    live_clock.set(paris("2025-05-03T10:00"))
    page = visit()
    page.cms(
        f'<horaires-status src="{live.url}/api/places/pantin" service="piscine" lang="fr">'
        "</horaires-status>"
    )
    assert page.shadow(".hs-error") == [
        "Service inconnu : 'piscine'. Services de ce lieu : etat-civil, urbanisme, accueil."
    ]
    assert page.shadow(".hs-known li code") == ["etat-civil", "urbanisme", "accueil"]
    # a 400 is a message in the page's console: the one expected error
    assert all("400" in error for error in page.errors)
    page.screenshot("unknown-service")


# -- time: refreshes on the server's clock -------------------------------------------------------


def test_the_countdown_changes_every_minute(visit: Any, live: Live, live_clock: Clock) -> None:
    start = paris("2025-05-05T08:25:00")
    live_clock.set(start)
    page = visit(visitor=start)
    page.goto(live.url + "/places/pantin?service=urbanisme")
    assert page.sentence() == "Ouvre dans 5\u00a0minutes"
    seen = []
    for _ in range(4):
        page.run(live_clock, 60)
        seen.append(page.sentence())
    assert seen == [
        "Ouvre dans 4\u00a0minutes",
        "Ouvre dans 3\u00a0minutes",
        "Ouvre dans 2\u00a0minutes",
        "Ouvre dans 1\u00a0minute",
    ]
    page.run(live_clock, 70, step=1)  # the opening: asked again just after 8:30
    assert page.sentence() == (
        "Ouvert · dernier accueil à 12\u00a0h\u00a000 · ferme à 12\u00a0h\u00a030"
    )
    assert page.asked() <= 1 + 5  # at most one a minute
    assert page.errors == []


@pytest.mark.parametrize("where", ["page", "component"])
def test_a_refresh_at_valid_until_and_not_before(
    visit: Any, live: Live, live_clock: Clock, where: str
) -> None:
    start = paris("2025-05-03T11:00")  # valid until 12:00, the last admission
    live_clock.set(start)
    page = visit(visitor=start)
    if where == "page":
        page.goto(live.url + "/places/pantin")
    else:
        page.cms(f'<horaires-status src="{live.url}/api/places/pantin"></horaires-status>')
    assert page.asked() == 1
    page.run(live_clock, 3600 - 3, step=600)
    assert page.asked() == 1, "asked before valid_until"
    page.run(live_clock, 5, step=1)
    assert page.asked() == 2, "did not ask at valid_until"
    assert page.sentence().startswith("Ouvert, mais l'accueil est terminé")


@pytest.mark.parametrize("offset", [10, -10])
def test_a_wrong_visitor_clock_asks_at_most_once_a_minute(
    visit: Any, live: Live, live_clock: Clock, offset: int
) -> None:
    start = paris("2025-05-03T12:28:30")  # a minute and a half before closing
    live_clock.set(start)
    page = visit(visitor=start + dt.timedelta(minutes=offset))
    page.goto(live.url + "/places/pantin?service=etat-civil")
    page.run(live_clock, 600, step=2)
    # ten minutes: the first answer, then at most one a minute
    assert 1 <= page.asked() <= 11
    assert page.sentence().startswith("Fermé")
    assert page.errors == []


def test_a_network_failure_keeps_the_last_answer(visit: Any, live: Live, live_clock: Clock) -> None:
    start = paris("2025-05-05T08:25:00")
    live_clock.set(start)
    page = visit(visitor=start)
    page.goto(live.url + "/places/pantin?service=urbanisme")
    page.page.route("**/status?*", lambda route: route.abort())
    page.run(live_clock, 62, step=1)
    assert page.asked() == 2  # the failed refresh
    assert page.shadow(".hs-note:not([hidden])") == ["mise à jour impossible"]
    assert page.sentence() == "Ouvre dans 4\u00a0minutes"  # still ticking on the last answer
    page.screenshot("network-failure")
    page.run(live_clock, 60, step=5)
    assert page.asked() == 3  # retried a minute later
    page.run(live_clock, 60, step=5)
    assert page.asked() == 3  # then after two minutes: backing off
    page.page.unroute("**/status?*")
    page.run(live_clock, 65, step=5)
    assert page.asked() == 4
    assert page.shadow(".hs-note:not([hidden])") == []


# -- looks: contrast, dark mode, reduced motion --------------------------------------------------

CONTRAST = """() => {
  const root = document.querySelector('horaires-status').shadowRoot;
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => {
    const [r, g, b] = rgb(c).map((v) => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = (e) => {
    for (; e; e = e.parentElement || (e.getRootNode() && e.getRootNode().host)) {
      const c = getComputedStyle(e).backgroundColor;
      if (!/rgba\\(.*, 0\\)$/.test(c) && c !== 'transparent') return c;
    }
    return 'rgb(255, 255, 255)';
  };
  const out = [];
  for (const e of root.querySelectorAll('.hs p, .hs li, .hs span')) {
    if (!e.textContent.trim() || e.classList.contains('hs-dot')) continue;
    const a = lum(getComputedStyle(e).color), b = lum(background(e));
    out.push([e.className || e.tagName, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)]);
  }
  return out;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    ("server", "service"),
    [("2025-05-03T10:00", ""), ("2025-05-05T17:10", "urbanisme"), ("2025-05-05T20:00", "")],
)
def test_contrast_at_least_4_5(
    visit: Any, live: Live, live_clock: Clock, scheme: str, server: str, service: str
) -> None:
    live_clock.set(paris(server))
    page = visit(color_scheme=scheme)
    page.goto(live.url + "/places/pantin" + (f"?service={service}" if service else ""))
    ratios = page.page.evaluate(CONTRAST)
    assert ratios and all(ratio >= 4.5 for _, ratio in ratios), ratios
    if not service:
        page.screenshot(f"{scheme}-{server[11:13]}h")


@pytest.mark.parametrize(("motion", "duration"), [("reduce", "0s"), ("no-preference", "0.3s")])
def test_reduced_motion(visit: Any, live: Live, motion: str, duration: str) -> None:
    page = visit(reduced_motion=motion)
    page.goto(live.url + "/places/museum")
    found = page.page.evaluate(
        "getComputedStyle(document.querySelector('horaires-status').shadowRoot"
        ".querySelector('.hs-sentence')).transitionDuration"
    )
    assert found.split(",")[0] == duration


def test_no_server_banner(live: Live) -> None:
    import httpx

    for path in ("/api/places", "/nothing", "/widget.js"):
        response = httpx.get(live.url + path)
        assert "server" not in response.headers
        assert "frame-ancestors" in response.headers["content-security-policy"]
