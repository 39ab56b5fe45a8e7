"""Subcommands ``week``, ``export`` and ``import``: hours for people and for other systems."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from ._cli_core import add_lang, load_config
from ._errors import HorairesError

__all__ = ["FORMATS", "register"]

FORMATS = ("jsonld", "osm", "annuaire", "gbp", "json")
"""What ``export --to`` writes."""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date such as 2025-05-05") from None


def _days(text: str) -> int:
    if not text.isdigit() or int(text) > 3660:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days between 0 and 3660")
    return int(text)


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _week(args: argparse.Namespace) -> int:
    from .text import describe_week

    est = load_config(args.config)
    if args.service is not None:
        est.service(args.service)
    print(
        describe_week(est, service=args.service, start=args.start, days=args.days, lang=args.lang)
    )
    return 0


def _osm_tags(est: Any) -> dict[str, str]:
    try:
        from .osm import to_tags  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        raise HorairesError(
            "OpenStreetMap export needs horaires.osm.to_tags, not available here"
        ) from None
    tags: dict[str, str] = to_tags(est)
    return tags


def _export(args: argparse.Namespace) -> int:
    est = load_config(args.config)
    if args.service is not None:
        est.service(args.service)
        if args.to in ("jsonld", "osm", "json"):
            raise HorairesError(
                f"--service does not apply to --to {args.to}: it exports every service"
            )
    if args.to == "json":
        from ._config import dumps

        print(dumps(est, "json"), end="")
    elif args.to == "jsonld":
        from .jsonld import to_jsonld

        _print_json(
            to_jsonld(est, start=args.start, days=args.days, type=args.type, lang=args.lang)
        )
    elif args.to == "annuaire":
        from .annuaire import to_annuaire

        _print_json(to_annuaire(est, args.service))
    elif args.to == "gbp":
        from .gbp import to_gbp

        _print_json(to_gbp(est, service=args.service, start=args.start, days=args.days))
    else:
        _print_json(_osm_tags(est))
    return 0


def _import(args: argparse.Namespace) -> int:
    from ._config import dumps
    from .annuaire import load_annuaire

    est = load_annuaire(
        args.file, name=args.name, timezone=args.timezone, subdivision=args.subdivision
    )
    print(dumps(est, args.format), end="")
    return 0


def register(subparsers: Any) -> None:
    """Add ``week``, ``export`` and ``import``."""
    week = subparsers.add_parser("week", help="the week as text, with what is coming up")
    week.add_argument(
        "config", nargs="?", help="a .toml or .json config (default: the Pantin example)"
    )
    week.add_argument("--service", help="a service id")
    add_lang(week)
    week.add_argument(
        "--start", type=_date, help="first date of the coming-up list (default: today)"
    )
    week.add_argument(
        "--days", type=_days, default=60, help="days of the coming-up list (default: 60)"
    )
    week.set_defaults(run=_week)

    export = subparsers.add_parser("export", help="write the hours for another system")
    export.add_argument("config", help="a .toml or .json config")
    export.add_argument(
        "--to",
        choices=FORMATS,
        required=True,
        help="jsonld (schema.org), osm (tags), annuaire (service-public), "
        "gbp (Google Business Profile), json (the config)",
    )
    export.add_argument(
        "--service", help="annuaire and gbp: one service instead of the whole place"
    )
    export.add_argument(
        "--start", type=_date, help="jsonld and gbp: first date of dated hours (default: today)"
    )
    export.add_argument(
        "--days", type=_days, default=90, help="jsonld and gbp: days of dated hours (default: 90)"
    )
    export.add_argument(
        "--type", default="GovernmentOffice", help="jsonld: schema.org type of the place"
    )
    add_lang(export, "jsonld: language of the descriptions")
    export.set_defaults(run=_export)

    imp = subparsers.add_parser("import", help="make a config from another system's data")
    imp.add_argument("file", help="a JSON file")
    imp.add_argument(
        "--from",
        dest="source",
        choices=("annuaire",),
        required=True,
        help="annuaire: a service-public record or its plage_ouverture list",
    )
    imp.add_argument("--name", help="the establishment's name (default: the record's nom)")
    imp.add_argument("--timezone", default="Europe/Paris")
    imp.add_argument("--subdivision", help="holiday subdivision, e.g. 57 for Moselle")
    imp.add_argument("--format", choices=("toml", "json"), default="toml")
    imp.set_defaults(run=_import)
