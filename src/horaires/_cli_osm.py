"""Subcommand ``osm``: the status of an OpenStreetMap ``opening_hours`` value, or the
OpenStreetMap tags of a config.

    horaires osm "Mo-Fr 08:30-12:30; PH off" --at 2025-05-05T10:00
    horaires osm --to pantin.toml
"""

from __future__ import annotations

import argparse
from typing import Any

from ._errors import HorairesError, UnsupportedSyntax

__all__ = ["register"]

_OPTIONS = (
    ("pass country= (and subdivision=)", "give --country (and --subdivision)"),
    ("pass school_zone=", "give --school-zone "),
    ("pass location=(lat, lon)", "give --location LAT,LON"),
)
"""The hints of :func:`horaires.osm.parse` errors in the words of the command line."""


def _location(text: str) -> tuple[float, float]:
    try:
        lat, lon = (float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a location such as 48.89,2.40 (latitude,longitude)"
        ) from None
    return lat, lon


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
    from ._languages import language
    from .osm import parse
    from .text import describe_status, format_datetime

    lang = language(args.lang)
    country = None if args.country.lower() == "none" else args.country
    try:
        schedule = parse(
            args.value,
            timezone=args.timezone,
            country=country,
            subdivision=args.subdivision,
            language=lang,
            location=args.location,
            school_zone=args.school_zone,
        )
    except UnsupportedSyntax as error:
        message = str(error)
        for python, option in _OPTIONS:
            message = message.replace(python, option)
        raise HorairesError(message) from None
    status = schedule.status(parse_at(args.at, schedule.zone))
    print(format_datetime(status.at, lang))
    print(describe_status(status, lang))
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
    osm.add_argument(
        "--lang",
        default="fr",
        metavar="LANG",
        help="fr (default), en, de, es, it, nl, pt, ca, with a region if you like (en-GB)",
    )
    osm.add_argument(
        "--school-zone",
        help="school holidays of SH: A, B or C in France (several: B,C), else a subdivision",
        type=lambda text: text.split(",") if "," in text else text,
    )
    osm.add_argument(
        "--location",
        type=_location,
        metavar="LAT,LON",
        help="where the sun rises and sets, for sunrise and sunset (needs the sun extra)",
    )
    osm.add_argument(
        "--to", metavar="CONFIG", help="print the OpenStreetMap tags of a .toml/.json config"
    )
    osm.set_defaults(run=_osm)
