"""Subcommand ``osm``: the status of an OpenStreetMap ``opening_hours`` value, or the
OpenStreetMap tags of a config.

    horaires osm "Mo-Fr 08:30-12:30; PH off" --at 2025-05-05T10:00
    horaires osm --to pantin.toml
"""

from __future__ import annotations

import argparse
from typing import Any

from ._errors import HorairesError

__all__ = ["register"]


def _osm(args: argparse.Namespace) -> int:
    if args.to is not None:
        from ._cli_core import load_config
        from .osm import to_tags

        for key, value in to_tags(load_config(args.to)).items():
            print(f"{key}={value}")
        return 0
    if args.value is None:
        raise HorairesError('give an opening_hours value ("Mo-Fr 08:00-12:00") or --to CONFIG')
    from ._cli_core import parse_at
    from .osm import parse
    from .text import describe_status

    country = None if args.country.lower() == "none" else args.country
    schedule = parse(
        args.value, timezone=args.timezone, country=country, subdivision=args.subdivision
    )
    status = schedule.status(parse_at(args.at, schedule.zone))
    print(f"{status.at:%Y-%m-%d %H:%M %Z}")
    print(describe_status(status, args.lang))
    return 0


def register(subparsers: Any) -> None:
    """Add ``osm``."""
    osm = subparsers.add_parser(
        "osm", help="status of an OpenStreetMap opening_hours value, or the OSM tags of a config"
    )
    osm.add_argument(
        "value", nargs="?", help='an opening_hours value, e.g. "Mo-Fr 08:30-12:30; PH off"'
    )
    osm.add_argument("--at", help="ISO 8601 instant (default: now); without offset, local time")
    osm.add_argument(
        "--country", default="FR", help="public holidays of PH (default FR; none: no PH)"
    )
    osm.add_argument("--subdivision", help="subdivision of the country (e.g. 57 for Moselle)")
    osm.add_argument("--timezone", default="Europe/Paris", help="IANA zone (default Europe/Paris)")
    osm.add_argument("--lang", choices=("fr", "en"), default="fr")
    osm.add_argument(
        "--to", metavar="CONFIG", help="print the OpenStreetMap tags of a .toml/.json config"
    )
    osm.set_defaults(run=_osm)
