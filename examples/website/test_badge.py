"""The website tests its badge with horaires' hypothesis strategies.

Run it from a fresh environment with only ``horaires[hypothesis]`` and pytest installed::

    pip install 'horaires[hypothesis]' pytest
    pytest examples/website
"""

from __future__ import annotations

import datetime as dt
import html
import re

from badge import badge
from hypothesis import given, settings
from hypothesis import strategies as st

from horaires import Establishment
from horaires import strategies as hst

settings.register_profile("website", max_examples=30, deadline=None)
settings.load_profile("website")

BADGE = re.compile(r'<span class="badge (open|last-call|closed)">(.*) : ([^<]*)</span>', re.DOTALL)


@given(hst.establishments(zone="Europe/Paris", country="FR", max_services=2), hst.aware_datetimes())
def test_the_badge_says_what_the_library_says(place: Establishment, at: dt.datetime) -> None:
    kind, name, _text = BADGE.fullmatch(badge(place, at)).groups()  # type: ignore[union-attr]
    assert html.unescape(name) == place.name  # escaped, never raw HTML
    assert "<" not in name and ">" not in name
    expected = "open" if place.can_be_served(at) else "last-call" if place.is_open(at) else "closed"
    assert kind == expected


@given(st.from_type(Establishment), st.data())
def test_every_service_gets_a_badge(place: Establishment, data: st.DataObject) -> None:
    # st.from_type works: horaires registers its strategies with hypothesis
    at = data.draw(hst.aware_datetimes(place.timezone))
    for service in place.services:
        assert badge(place, at, service=service).startswith('<span class="badge ')


@given(hst.establishments(), hst.aware_datetimes(zone=None))
def test_the_closing_time_is_shown_while_open(place: Establishment, at: dt.datetime) -> None:
    text = badge(place, at)
    closes = place.next_closing(at)
    if place.is_open(at) and closes is not None:
        assert f"(fermeture {closes.astimezone(place.zone):%H:%M})" in text
