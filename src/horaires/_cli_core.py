"""Subcommands ``status``, ``check`` and ``schema``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from ._errors import HorairesError
from ._establishment import Establishment

__all__ = ["add_lang", "load_config", "parse_at", "register"]


def load_config(path: str | None) -> Establishment:
    """The establishment of a config file, or the bundled Pantin example when None."""
    from . import examples
    from ._config import load_file

    return examples.pantin() if path is None else load_file(path)


def add_lang(parser: argparse.ArgumentParser, what: str = "language of the text") -> None:
    """The ``--lang`` option: any supported language, by default the config's."""
    parser.add_argument(
        "--lang",
        metavar="LANG",
        help=f"{what}: fr, en, de, es, it, nl, pt, ca, with a region if you like "
        "(en-GB, pt-BR); default: the config's language",
    )


def parse_at(text: str | None, zone: Any) -> dt.datetime | None:
    """An ISO 8601 instant from the command line; without an offset, a wall time in ``zone``."""
    if text is None:
        return None
    try:
        at = dt.datetime.fromisoformat(text)
    except ValueError:
        raise HorairesError(
            f"--at {text!r} is not an ISO 8601 date-time such as 2025-05-05T10:00+02:00"
        ) from None
    return at if at.tzinfo is not None else at.replace(tzinfo=zone)


def _status(args: argparse.Namespace) -> int:
    from ._i18n import gettext
    from ._languages import language
    from .text import describe_status, format_datetime, join

    est = load_config(args.config)
    lang = est.language if args.lang is None else language(args.lang)
    status = est.status(parse_at(args.at, est.zone), service=args.service, lang=lang)
    who = est.name
    if args.service:
        who += " — " + (est.services[args.service].name or args.service)
    print(who)
    print(format_datetime(status.at, lang))
    print(describe_status(status, lang))
    if not args.service and est.services:
        names = [est.services[s].name or s for s in status.services_accepting]
        if names:
            print(gettext(lang, "Admitting: {services}", services=join(names, lang)))
    return 0


def _check(args: argparse.Namespace) -> int:
    from ._lint import check

    today = None
    if args.today is not None:
        try:
            today = dt.date.fromisoformat(args.today)
        except ValueError:
            raise HorairesError(
                f"--today {args.today!r} is not a date such as 2025-05-05"
            ) from None
    report = check(args.config, today=today)
    est = report.establishment
    counts = f"{len(report.warnings)} warning(s)" if report.warnings else ""
    if est is None or report.errors:
        print(f"{args.config}: {len(report.errors)} error(s)" + (f", {counts}" if counts else ""))
    else:
        ok = f"ok ({est.name}, {len(est.services)} service(s))"
        print(f"{args.config}: {ok}" + (f", {counts}" if counts else ""))
    for issue in report.errors:
        print(f"  {issue}")
    for warning in report.warnings:
        print(f"  warning: {warning}")
    if report.errors or (args.strict and report.warnings):
        return 1
    return 0


def _schema(args: argparse.Namespace) -> int:
    from ._config import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return 0


def register(subparsers: Any) -> None:
    """Add ``status``, ``check`` and ``schema``."""
    status = subparsers.add_parser("status", help="is it open, can I still be served?")
    status.add_argument(
        "config", nargs="?", help="a .toml or .json config (default: the Pantin example)"
    )
    status.add_argument("--at", help="ISO 8601 instant (default: now); without offset, local time")
    status.add_argument("--service", help="a service id")
    add_lang(status)
    status.set_defaults(run=_status)
    check = subparsers.add_parser(
        "check", help="validate a config: errors and warnings, with their paths"
    )
    check.add_argument("config")
    check.add_argument(
        "--strict", action="store_true", help="exit with 1 on warnings too, not only on errors"
    )
    check.add_argument(
        "--today", help="the date before which an exception is past (default: today)"
    )
    check.set_defaults(run=_check)
    schema = subparsers.add_parser("schema", help="print the JSON Schema of the config format")
    schema.set_defaults(run=_schema)
