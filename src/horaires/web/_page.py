"""The HTML the server renders: the list of places, a place's page, error pages.

The status box has the same markup as the one ``widget.js`` builds in its shadow root, and
the page puts it inside ``<horaires-status>``: without JavaScript it is what the visitor
reads; with it, the component takes over and keeps it up to date. Every text is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any
from urllib.parse import urlencode

from ._places import Place
from ._texts import Lang, say

__all__ = ["error_page", "index_page", "place_page", "status_box"]

_HEAD = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<link rel="icon" href="data:,">
<title>{title}</title>
<link rel="stylesheet" href="{root}horaires.css">
{script}</head>
<body>
<main class="page">
"""
_FOOT = """</main>
</body>
</html>
"""


def _tag(lang: Lang) -> str:
    """The HTML form of a language code: ``en_GB`` -> ``en-GB``."""
    return lang.replace("_", "-")


def _head(lang: Lang, title: str, root: str, script: bool = False) -> str:
    tag = f'<script src="{root}widget.js" defer></script>\n' if script else ""
    return _HEAD.format(lang=_tag(lang), title=escape(title), root=root, script=tag)


def _p(cls: str, text: str, extra: str = "") -> str:
    return f'<p class="{cls}"{extra}>{escape(text)}</p>'


def status_box(data: dict[str, Any], lang: Lang, *, name: bool = True) -> str:
    """The status box of a payload (the markup ``widget.js`` builds too)."""
    parts = ['<div class="hs" lang="' + _tag(lang) + '">']
    if name:
        parts.append(_p("hs-name", data["name"]))
    if data.get("service_name"):
        parts.append(_p("hs-service", data["service_name"]))
    parts.append(
        f'<p class="hs-sentence hs-{escape(data["state"])}" role="status" aria-live="polite">'
        f'<span class="hs-dot" aria-hidden="true"></span>'
        f'<span class="hs-text">{escape(data["sentence"])}</span></p>'
    )
    if data["services"]:
        parts.append(_p("hs-heading", say(lang, "services_now")))
        parts.append('<ul class="hs-services">')
        for service in data["services"]:
            parts.append(
                f'<li class="hs-{escape(service["state"])}">'
                f'<span class="hs-dot" aria-hidden="true"></span>'
                f'<span class="hs-sname">{escape(service["name"])}</span> '
                f'<span class="hs-stext">{escape(service["sentence"])}</span></li>'
            )
        parts.append("</ul>")
    parts.append(_p("hs-heading", say(lang, "days")))
    parts.append(days_list(data["days"]))
    parts.append("</div>")
    return "\n".join(parts)


def days_list(days: Iterable[dict[str, Any]]) -> str:
    """The list of days, the highlighted one marked as the current date."""
    items = []
    for day in days:
        mark = ' class="hs-today" aria-current="date"' if day["today"] else ""
        items.append(
            f'<li{mark}><span class="hs-day">{escape(day["title"])}</span> '
            f'<span class="hs-hours">{escape(day["text"])}</span></li>'
        )
    return '<ul class="hs-days">' + "".join(items) + "</ul>"


def _choose(place: Place, service: str | None, lang: Lang, at: str | None) -> str:
    """The form that picks a service (works without JavaScript); none without services."""
    if not place.establishment.services:
        return ""
    options = [f'<option value="">{escape(say(lang, "all_services"))}</option>']
    for key, own in place.establishment.services.items():
        chosen = " selected" if key == service else ""
        options.append(f'<option value="{escape(key)}"{chosen}>{escape(own.name or key)}</option>')
    hidden = f'<input type="hidden" name="lang" value="{lang}">'
    if at:
        hidden += f'<input type="hidden" name="at" value="{escape(at)}">'
    return (
        f'<form class="choose" method="get" action="{escape(place.id)}">'
        f'<label for="service">{escape(say(lang, "service"))}</label> '
        f'<select id="service" name="service">{"".join(options)}</select>'
        f"{hidden}"
        f'<button type="submit">{escape(say(lang, "show"))}</button></form>'
    )


def place_page(
    place: Place, data: dict[str, Any], service: str | None, lang: Lang, at: str | None
) -> str:
    """A place's page: the name, the service picker, the status box in its component."""
    attributes = {"src": f"../api/places/{place.id}", "lang": lang}
    if service:
        attributes["service"] = service
    if at:
        attributes["at"] = at
    element = " ".join(f'{key}="{escape(value)}"' for key, value in attributes.items())
    title = data["name"] + (f" — {data['service_name']}" if data.get("service_name") else "")
    return (
        _head(lang, title, "../", script=True)
        + f'<p class="back"><a href="../?lang={lang}">{escape(say(lang, "back"))}</a></p>\n'
        + f"<h1>{escape(data['name'])}</h1>\n"
        + _choose(place, service, lang, at)
        + f"\n<horaires-status {element} noname>\n"
        + status_box(data, lang, name=False)
        + "\n</horaires-status>\n"
        + _FOOT
    )


def index_page(places: Sequence[Place], lang: Lang) -> str:
    """The list of places."""
    items = "".join(
        f'<li><a href="places/{escape(place.id)}?{urlencode({"lang": lang})}">'
        f"{escape(place.establishment.name)}</a></li>"
        for place in places
    )
    return (
        _head(lang, say(lang, "places_title"), "")
        + f"<h1>{escape(say(lang, 'places_title'))}</h1>\n"
        + _p("intro", say(lang, "places_intro"))
        + f'\n<ul class="places">{items}</ul>\n'
        + _FOOT
    )


def error_page(
    message: str,
    lang: Lang,
    root: str,
    services: Sequence[tuple[str, str]] = (),
    place: str | None = None,
) -> str:
    """An error page: the message, and the known services when a service was unknown."""
    body = f'<p class="hs-error" role="alert">{escape(message)}</p>\n'
    if services and place:
        links = "".join(
            f'<li><a href="{escape(place)}?{urlencode({"service": key, "lang": lang})}">'
            f"{escape(name)}</a></li>"
            for key, name in services
        )
        body += _p("hs-heading", say(lang, "known_services")) + f"\n<ul>{links}</ul>\n"
    back = f'<p class="back"><a href="{root}?lang={lang}">{escape(say(lang, "back"))}</a></p>\n'
    return _head(lang, message, root) + back + body + _FOOT
