"""Every option of every command refuses hostile values: exit 2, one line, no traceback.

NaN, infinities, negative and huge numbers, empty strings, non-ASCII digits (which Python's
``int()`` and ``float()`` accept) and control characters, each given to every option that
takes a value. An option added without one of :mod:`reskg.argtypes`' types fails this test.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reskg import argtypes
from reskg.cli import make_parser

ROOT = Path(__file__).resolve().parent.parent
NUMBERS = ["nan", "NaN", "inf", "-inf", "1e400", "", " ", "²", "١٢", "１", "0x10", "1\x00", "1\n"]
TEXT = ["", "\x00", "a\nb", "a\x01b", "\x7f"]
HOSTILE: dict[str, list[str]] = {
    "port": [*NUMBERS, "-5", "-1", "65536", "99999", "1" * 40, "80.5"],
    "seconds": [*NUMBERS, "0", "-1", "-0", "1e7", "9" * 400],
    "count>=0": [*NUMBERS, "-1", "1.5", "1" * 40],
    "count>=1": [*NUMBERS, "0", "-1", "1.5", "1" * 40],
    "count>=16": [*NUMBERS, "0", "15", "-1", "1.5", "1" * 40],  # serve --query-memory (MB)
    "_jobs": [*NUMBERS, "-1", "1.5", "1025", "1" * 40],  # build --jobs: 0 means one per CPU
    "absolute_iri": [*TEXT, "not an iri", "urn:x> } } ; DROP ALL ; #", "x", "http://a b/"],
    "http_iri": [*TEXT, "urn:x", "ftp://x/", "http://", "http://x/\x00"],
    "http_url": [*TEXT, "ftp://x/", "http://", "http://x/ y", "file:///etc/passwd"],
    "host": [*TEXT, " ", "a b", "host/x"],
    "path": ["", "\x00", "a\x00b"],
    "label": [*TEXT, " ", "x" * 201],
    "regex": [*TEXT, "(", "[a-", "a{2,1}", "(?P<x>"],
    "secret": ["\x00", "a\nb", "a\rAuthorization: x"],
    "_format_argument": [*TEXT, "nan", "turtle\n", "html"],  # the RDF format table's names
}
UNTYPED = {("query", "--param"), ("load", "--store")}  # checked in run(), with redaction


def _options() -> list[tuple[str, str, str]]:
    """(command, option, kind) for every option of every command that takes a value."""
    parser = make_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    found = []
    for command, sub in subparsers.choices.items():
        for action in sub._actions:
            if not action.option_strings or action.nargs == 0 or action.choices is not None:
                continue
            if isinstance(action, (argparse._HelpAction, argparse._VersionAction)):
                continue
            option = action.option_strings[-1]
            if (command, option) in UNTYPED:
                continue
            kind = getattr(action.type, "__name__", None)
            found.append((command, option, kind))
    return found


OPTIONS = _options()


def test_every_option_has_a_refusing_type() -> None:
    untyped = [(c, o) for c, o, kind in OPTIONS if kind not in HOSTILE]
    assert not untyped, f"options without an argtypes type: {untyped}"
    assert len(OPTIONS) >= 20


@pytest.mark.parametrize(("command", "option", "kind"), OPTIONS)
def test_hostile_values_are_refused_in_one_line(
    command: str, option: str, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    positionals = {"query": ["ASK {}"], "why": ["*", "*", "*"], "load": ["g.nt", "--store", "x"]}
    for value in HOSTILE[kind]:
        with pytest.raises(SystemExit) as caught:
            make_parser().parse_args([command, *positionals.get(command, []), f"{option}={value}"])
        err = capsys.readouterr().err
        assert caught.value.code == 2, (option, value)
        lines = err.strip("\n").split("\n")
        assert len(lines) == 1 and option in lines[0], (option, value, err)
        if kind == "secret" and len(value) > 1:
            assert value not in err and value.replace("\x00", "") not in err


@pytest.mark.parametrize(
    ("kind", "good"),
    [
        ("port", ["0", "8000", "65535"]),
        ("seconds", ["0.5", "1", "60", "1e3"]),
        ("count>=1", ["1", "10000"]),
        ("absolute_iri", ["https://example.org/g", "urn:x:y", "http://例え.jp/グラフ"]),
        ("http_url", ["http://127.0.0.1:7878/query", "https://query.wikidata.org/sparql"]),
        ("host", ["127.0.0.1", "::1", "localhost", "[::1]"]),
        ("regex", ["^United Nations", r"Resolution \d+", "(?i)summit"]),
    ],
)
def test_sensible_values_pass(kind: str, good: list[str]) -> None:
    check = {"count>=1": argtypes.count(1)}.get(kind) or getattr(argtypes, kind)
    for value in good:
        check(value)


@pytest.mark.parametrize(
    "args",
    [
        ["serve", "--port", "-5"],
        ["serve", "--port", "99999"],
        ["serve", "--query-timeout", "nan"],
        ["load", "g.nt", "--store", "http://127.0.0.1:1/store", "--timeout", "nan"],
        ["load", "g.nt", "--store", "http://127.0.0.1:1/store", "--timeout", "inf"],
        ["load", "g.nt", "--store", "http://127.0.0.1:1/store", "--timeout", "-1"],
        ["load", "g.nt", "--store", "http://127.0.0.1:1/store", "--graph", "urn:x> } } ; #"],
        ["link", "--timeout", "nan", "--offline"],
        ["build", "-o", ""],
    ],
)
def test_the_reported_cases_end_to_end(args: list[str]) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(
        [sys.executable, "-m", "reskg.cli", *args], capture_output=True, text=True, env=env
    )
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
