"""A town's "are we open?" widget: every configuration of a folder, served by horaires.web.

Run it (``pip install 'horaires[web]'``) from the repository's root::

    uvicorn app:app --app-dir examples/widget --no-server-header

or, the same without this file: ``horaires serve examples/ --cors https://www.ville.example``.
Then ``http://127.0.0.1:8000/places/pantin`` is Pantin's page, ``/api/places`` the list of
places, and ``embed.html`` (beside this file) shows how a page of the town's own site embeds
the ``<horaires-status>`` component (docs/widget.md).
"""

from __future__ import annotations

from pathlib import Path

from horaires.web import app as widget_app

CONFIGS = Path(__file__).resolve().parent.parent  # examples/*.toml: one place per file
SITE = "https://www.ville.example"  # the town's own site, where the component is pasted

app = widget_app(CONFIGS, cors=[SITE])
