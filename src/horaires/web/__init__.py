"""The "are we open?" widget over HTTP: a JSON API, a page per place, and a web component
(``<horaires-status>``) that any page can embed. See docs/widget.md.

``app(places)`` returns an ASGI application (Starlette; the ``web`` extra) for a mapping
``{place_id: Establishment}`` or a folder of configuration files; ``horaires serve`` runs
it with uvicorn. This module renders what :mod:`horaires.widget` and :mod:`horaires.text`
say: it decides nothing about hours.

>>> from horaires import examples
>>> application = app({"pantin": examples.pantin()}, cors=["https://www.ville.example"])
>>> sorted(route.path for route in application.routes)[:3]
['/', '/api/places', '/api/places/{place}/status']
"""

from ._app import API_VERSION, SECURITY_HEADERS, TIMEOUT, WINDOW, app, app_from_env, bundled
from ._places import Place, Places, Problem
from ._texts import TEXTS

__all__ = [
    "API_VERSION",
    "SECURITY_HEADERS",
    "TEXTS",
    "TIMEOUT",
    "WINDOW",
    "Place",
    "Places",
    "Problem",
    "app",
    "app_from_env",
    "bundled",
]
