"""The ``horaires`` command: status of a place, configuration checks, and more.

Each group of subcommands lives in its own module with a ``register(subparsers)`` function,
listed in ``COMMANDS``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

__all__ = ["COMMANDS", "PIPE_CLOSED", "main"]

PIPE_CLOSED = 141
"""The exit code when the output's reader closed the pipe early (128 + SIGPIPE, as a shell
reports a command that SIGPIPE stopped)."""

COMMANDS = (
    "horaires._cli_core",
    "horaires._cli_render",
    "horaires._cli_osm",
    "horaires._cli_serve",
)
"""Modules that add subcommands to the parser."""


def parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    main_parser = argparse.ArgumentParser(
        prog="horaires",
        description="When a place is open, and whether a person arriving now will be served.",
    )
    subparsers = main_parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(name).register(subparsers)
    return main_parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 invalid input, 2 usage,
    :data:`PIPE_CLOSED` when the reader of the output went away)."""
    from ._errors import HorairesError

    args = parser().parse_args(argv)
    if args.command is None:
        parser().print_help()
        return 2
    try:
        code: int = args.run(args)
        sys.stdout.flush()
    except HorairesError as error:
        print(f"horaires {args.command}: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # the reader went away (``horaires schema | head``): end quietly, as Unix tools do;
        # what is left in the buffer goes nowhere instead of failing again at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return PIPE_CLOSED
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
