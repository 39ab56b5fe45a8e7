"""Subcommand ``serve``: the widget's API, pages and component over HTTP (docs/widget.md)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import Any

from ._errors import HorairesError

__all__ = ["register"]


def _port(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1-65535)")
    return int(text)


def _workers(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) <= 64:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of workers (1-64)")
    return int(text)


def _serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from . import web
    except ImportError:
        raise HorairesError("serving needs the web extra: pip install 'horaires[web]'") from None
    # the problems of the configurations (at start-up, and when a file changes) on stderr
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("horaires serve: %(message)s"))
    logger = logging.getLogger("horaires.web")
    logger.handlers, logger.propagate = [handler], False
    logger.setLevel(logging.WARNING)
    if args.places:
        places = web.Places.load(args.places)
        if not len(places):
            raise HorairesError("no place could be loaded (see the errors above)")
    else:
        places = web.Places.of(web.bundled())
    names = ", ".join(place.id for place in places)
    print(f"horaires serve: {len(places)} place(s): {names}", file=sys.stderr)
    print(f"horaires serve: http://{args.host}:{args.port}/", file=sys.stderr)
    options: dict[str, Any] = {
        "host": args.host,
        "port": args.port,
        "server_header": False,
        "proxy_headers": args.proxy_headers,
        "log_level": "warning",
    }
    if args.workers > 1:
        os.environ["HORAIRES_PLACES"] = os.pathsep.join(args.places)
        os.environ["HORAIRES_CORS"] = " ".join(args.cors)
        uvicorn.run("horaires.web:app_from_env", factory=True, workers=args.workers, **options)
    else:
        uvicorn.run(web.app(places, cors=args.cors), **options)
    return 0


def register(subparsers: Any) -> None:
    """Add ``serve``."""
    serve = subparsers.add_parser(
        "serve", help="serve the widget: JSON API, pages and the <horaires-status> component"
    )
    serve.add_argument(
        "places",
        nargs="*",
        metavar="DIR_OR_FILES",
        help="configuration folders or files, one place per file (default: the bundled examples)",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on (8000)")
    serve.add_argument(
        "--cors",
        nargs="+",
        action="extend",
        default=[],
        metavar="ORIGIN",
        help="origins whose pages may call the API (https://www.ville.fr), or '*'",
    )
    serve.add_argument(
        "--workers", type=_workers, default=1, help="worker processes (1; see docs/widget.md)"
    )
    serve.add_argument(
        "--proxy-headers",
        action="store_true",
        help="trust X-Forwarded-For/-Proto from the reverse proxy (127.0.0.1 by default)",
    )
    serve.set_defaults(run=_serve)
