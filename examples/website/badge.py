"""A website backend's widget code: the "are we open?" badge of a page.

This is the code a site owns and tests; ``test_badge.py`` tests it with the strategies
horaires ships (``pip install 'horaires[hypothesis]'``).

>>> import datetime as dt, horaires
>>> mairie = horaires.load({"name": "Mairie", "hours": {"mon": ["08:30-12:30"]},
...                         "admission": {"before_closing": 30}})
>>> badge(mairie, dt.datetime(2025, 5, 5, 12, 10, tzinfo=dt.timezone.utc))
'<span class="badge closed">Mairie : fermé</span>'
>>> badge(mairie, dt.datetime(2025, 5, 5, 10, 10, tzinfo=dt.timezone.utc))
'<span class="badge last-call">Mairie : ouvert, plus d’accueil (fermeture 12:30)</span>'
"""

from __future__ import annotations

import datetime as dt
import html

from horaires import Establishment


def badge(place: Establishment, at: dt.datetime, service: str | None = None) -> str:
    """The badge HTML at ``at``: open and admitting, open without admitting, or closed."""
    status = place.status(at, service=service)
    name = html.escape(place.name)
    if status.accepting:
        kind, text = "open", "ouvert"
    elif status.open:
        kind, text = "last-call", "ouvert, plus d’accueil"
    else:
        kind, text = "closed", "fermé"
    if status.open and status.closes_at is not None:
        text += f" (fermeture {status.closes_at:%H:%M})"
    return f'<span class="badge {kind}">{name} : {text}</span>'
