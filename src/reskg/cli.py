"""The ``reskg`` command: one subcommand per module in ``reskg.commands``.

Exit codes follow pySHACL: 0 success (the graph conforms), 1 the graph does not conform,
2 bad input, bad usage or a runtime error. Errors are one line on stderr, naming the file.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence

from reskg import __version__

# Each module provides ``add_parser(subparsers)`` and ``run(args) -> int``.
COMMANDS = ["build", "validate", "query", "eval", "why", "link", "load", "serve"]

EXIT_OK, EXIT_ERROR, EXIT_INTERRUPTED = 0, 2, 130
DESCRIPTION = (
    "Build a knowledge graph of international resolutions from encyclopedia articles, with the "
    "sentence behind every fact; validate, query, serve and load it, and link it to Wikidata."
)
EPILOG = (
    "Run 'reskg COMMAND --help' for a command's options. Exit codes: 0 success, 1 the graph "
    "does not conform to the SHACL shapes, 2 bad input, bad usage or a runtime error."
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """One line naming the option and what is wrong (the usage is one --help away)."""
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


class _CommandParser(_Parser):
    """A subcommand's parser: options may come between its positional arguments."""

    _intermixed = False

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def]
        # parse_known_intermixed_args calls parse_known_args itself: plain parsing inside it.
        if self._intermixed:
            return super().parse_known_args(args, namespace)
        self._intermixed = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._intermixed = False


def make_parser() -> argparse.ArgumentParser:
    """The argument parser with every available subcommand."""
    parser = _Parser(prog="reskg", description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"reskg {__version__}")
    subparsers = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_CommandParser
    )
    subparsers.required = True
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"reskg.commands.{name}")
        except ModuleNotFoundError as err:
            if err.name != f"reskg.commands.{name}":
                raise
            continue
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        code = int(args.run(args))
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
        return code
    except KeyboardInterrupt:
        print("reskg: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader went away (``reskg query ... | head -1``): fine
        _drop_stdout()
        return EXIT_OK
    except OSError as err:  # e.g. stdout on a full disk
        _drop_stdout()
        where = f"{err.filename}: " if err.filename else ""
        print(f"reskg {args.command}: {where}{err.strerror or err}", file=sys.stderr)
        return EXIT_ERROR


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


if __name__ == "__main__":
    sys.exit(main())
