"""The README documents every command, option and canned query (a test fails otherwise)."""

import argparse
from pathlib import Path

import pytest

from reskg.cli import COMMANDS, make_parser
from reskg.query import canned_queries

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = make_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_is_available_and_has_a_section():
    parsers = _subparsers()
    assert sorted(parsers) == sorted(COMMANDS)
    for name in COMMANDS:
        assert f"### `reskg {name}" in README, f"README has no section for reskg {name}"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_is_documented(command):
    parser = _subparsers()[command]
    for action in parser._actions:
        for option in action.option_strings:
            if option.startswith("--") and option != "--help":
                assert option in README, f"reskg {command} {option} is not in the README"


def test_every_canned_query_is_in_the_readme():
    for name in canned_queries():
        assert f"`{name}.rq`" in README, f"queries/{name}.rq is not in the README"


def test_the_two_fresh_machine_commands():
    venv = "python3 -m venv .venv && . .venv/bin/activate && "
    assert f"{venv}pip install -e . && reskg build" in README
    assert f"{venv}bash tests/run.sh" in README
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert f"{venv}exec bash tests/run.sh" in ci


def test_each_canned_query_is_described_by_its_whole_first_sentence():
    from reskg.query import query_summary

    for name, path in canned_queries().items():
        summary = query_summary(path)
        assert f"**`{name}.rq`**: {summary} (" in README, f"{name}.rq: README description is cut"
