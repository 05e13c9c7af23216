"""``reskg link`` against endpoints whose answers are wrong: every one is one line, exit 2.

The scripted fake endpoint (``tests/fakeserver.py``) sends JSON of the wrong shape, rows
without the variables asked for, 10 MB and 70 MB answers, bytes that are not HTTP, and
``Retry-After`` headers that RFC 9110 does not allow (they fall back to the backoff).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fakeserver import Answer, FakeServer

from reskg.link.wikidata import WikidataClient
from reskg.remote import retry_after

ROOT = Path(__file__).resolve().parent.parent
JSON_TYPE = {"Content-Type": "application/sparql-results+json"}


def _rows(rows: list[dict[str, object]]) -> bytes:
    return json.dumps({"head": {"vars": []}, "results": {"bindings": rows}}).encode()


LITERAL = {"type": "literal", "value": "x"}
BAD_ANSWERS = {
    "results a string": b'{"results": "bindings"}',
    "bindings not objects": _rows([1, "two"]),  # type: ignore[list-item]
    "binding without type": _rows([{"text": {"value": "Dakar"}}]),
    "term an integer": _rows([{"text": 3}]),
    "row without the asked variables": _rows([{"text": LITERAL}]),
    "10 MB of rows without ?rel": _rows([{"item": LITERAL, "value": LITERAL}] * 150_000),
    "70 MB answer": b'{"results": {"bindings": [' + b" " * (70 << 20) + b"]}}",
    "not JSON": b"<html>rate limited</html>",
}


@pytest.fixture
def graph(tmp_path: Path) -> Path:
    copy = tmp_path / "graph.ttl"
    shutil.copy(ROOT / "data" / "oic-resolution-10-11.ttl", copy)
    return copy


def link(graph: Path, endpoint: str, cache: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    args = [str(graph), "--endpoint", endpoint, "--cache", str(cache), "--refresh"]
    return subprocess.run(
        [sys.executable, "-m", "reskg.cli", "link", *args, "--retries", "0", "--dry-run"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize("name", sorted(BAD_ANSWERS))
def test_wrongly_shaped_answers_are_one_line(
    fake_server: FakeServer, graph: Path, tmp_path: Path, name: str
) -> None:
    fake_server.script["/sparql"] = Answer(200, JSON_TYPE, BAD_ANSWERS[name])
    result = link(graph, f"{fake_server.url}/sparql", tmp_path / "cache.tsv")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if fake_server.url in line]
    assert len(errors) == 1, result.stderr


def test_an_answer_that_is_not_http_is_one_line(
    fake_server: FakeServer, graph: Path, tmp_path: Path
) -> None:
    fake_server.script["/sparql"] = Answer(raw=b"\x16\x03\x01 not http\r\n\r\n")
    result = link(graph, f"{fake_server.url}/sparql", tmp_path / "cache.tsv")
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        (" 7 ", 7.0),
        ("0", 0.0),
        ("²", None),  # int("²") fails, "²".isdigit() is True: it crashed the client
        ("١٢", None),
        ("-1", None),
        ("1.5", None),
        ("nan", None),
        ("", None),
        ("Sun, 21 Oct 1990 07:28:00 GMT", 0.0),  # in the past
        ("Wed, 21 Oct 2015 07:28:00", None),  # no zone: not an HTTP date
        ("Fri, 31 Dec 9999 23:59:59 GMT", 253402300799.0 - 1e9),
        ("Mon, 99 Foo 2015 99:99:99 GMT", None),
    ],
)
def test_retry_after_follows_rfc_9110(value: str, seconds: object) -> None:
    got = retry_after(value, now=1e9)
    assert got == seconds


@pytest.mark.parametrize("header", ["²", "-5", "soon"])
def test_a_bad_retry_after_falls_back_to_the_backoff(fake_server: FakeServer, header: str) -> None:
    answers = iter([Answer(429, {"Retry-After": header}), Answer(200, JSON_TYPE, _rows([]))])
    fake_server.script["/sparql"] = lambda seen: next(answers)
    waits: list[float] = []
    client = WikidataClient(f"{fake_server.url}/sparql", retries=2, sleep=waits.append)
    assert client.select("SELECT * WHERE { ?s ?p ?o }") == []
    assert waits == [client.backoff]


def test_a_huge_retry_after_is_reported_not_waited(fake_server: FakeServer) -> None:
    fake_server.script["/sparql"] = Answer(429, {"Retry-After": "Fri, 31 Dec 9999 23:59:59 GMT"})
    waits: list[float] = []
    client = WikidataClient(f"{fake_server.url}/sparql", retries=2, sleep=waits.append)
    with pytest.raises(Exception, match="asked to wait"):
        client.select("SELECT * WHERE { ?s ?p ?o }")
    assert waits == []


# rows that leave variables unbound are a valid SELECT answer for ``reskg query``
UNBOUND = {"row without the asked variables", "10 MB of rows without ?rel"}


@pytest.mark.parametrize("name", sorted(set(BAD_ANSWERS) - UNBOUND))
def test_query_endpoint_answers_of_the_wrong_shape_are_one_line(
    fake_server: FakeServer, name: str
) -> None:
    """``reskg query --endpoint`` reads answers through the same checks."""
    fake_server.script["/"] = Answer(200, JSON_TYPE, BAD_ANSWERS[name])
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(
        [sys.executable, "-m", "reskg.cli", "query", "ASK {}", "--endpoint", fake_server.url],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_a_deadline_stops_a_slow_block_and_gives_an_earlier_alarm_back() -> None:
    """The per-request deadline uses SIGALRM; a test runner's own alarm must survive it."""
    import signal
    import time

    from reskg.remote import DeadlineExceeded, deadline

    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.6)
        with deadline(5):
            time.sleep(0.1)
        assert 0.3 < signal.getitimer(signal.ITIMER_REAL)[0] < 0.6
        time.sleep(0.7)
        assert fired == [1]
        started = time.monotonic()
        with pytest.raises(DeadlineExceeded), deadline(0.2):
            time.sleep(5)
        assert time.monotonic() - started < 1
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
