"""``reskg load`` against stores that answer badly: redirects, echoes, garbage, drips.

A scripted fake store (``tests/fakeserver.py``) on 127.0.0.1 plays each answer; every case is
one line on stderr, exit 2, no traceback, and no credential leaves for another origin or
appears in the output.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakeserver import Answer, FakeServer

ROOT = Path(__file__).resolve().parent.parent
SECRET = "s3cret-Pässword"
TOKEN = "tok-abcdef-123456"
BASIC = base64.b64encode(f"admin:{SECRET}".encode()).decode()
COUNT_ONE = json.dumps(
    {"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "1"}}]}}
).encode()
JSON_TYPE = {"Content-Type": "application/sparql-results+json"}
CREDENTIALS = {
    "basic": ["--user", "admin", "--password", SECRET],
    "bearer": ["--token", TOKEN],
}


@pytest.fixture
def other_host() -> Iterator[FakeServer]:
    """A second fake server: another origin that must never see the credentials."""
    server = FakeServer()
    yield server
    server.stop()


@pytest.fixture
def graph(tmp_path: Path) -> Path:
    path = tmp_path / "g.nt"
    path.write_text("<urn:a> <urn:b> <urn:c> .\n")
    return path


def load(graph: Path, store: FakeServer, *extra: str, timeout: float = 60):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    args = [str(graph), "--store", f"{store.url}/store", "--retries", "0", *extra]
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "reskg.cli", "load", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )
    return result, time.monotonic() - started


def assert_one_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for secret in (SECRET, TOKEN, BASIC):
        assert secret not in result.stderr + result.stdout
    return lines[0]


@pytest.mark.parametrize("kind", sorted(CREDENTIALS))
def test_count_redirect_to_another_host_carries_no_credentials(
    fake_server: FakeServer, other_host: FakeServer, graph: Path, kind: str
) -> None:
    fake_server.script["/store"] = Answer(204)
    fake_server.script["/query"] = Answer(302, {"Location": f"{other_host.url}/query"})
    other_host.script["/query"] = Answer(200, JSON_TYPE, COUNT_ONE)
    result, _ = load(graph, fake_server, *CREDENTIALS[kind])
    assert result.returncode == 0, result.stderr
    assert other_host.seen, "the redirect was followed"
    for seen in other_host.seen:
        assert "Authorization" not in seen.headers, seen.headers
    # the store itself got them (a bodiless probe for HTTP Digest may go first without)
    asked = [s for s in fake_server.seen if s.body or s.path.startswith("/query")]
    assert asked and all("Authorization" in s.headers for s in asked), "credentials were not sent"


def test_redirects_are_bounded(fake_server: FakeServer, graph: Path) -> None:
    fake_server.script["/store"] = Answer(204)
    fake_server.script["/query"] = Answer(302, {"Location": "/query?again"})
    result, _ = load(graph, fake_server)
    assert_one_line(result)
    assert len(fake_server.seen) <= 1 + 1 + 3


@pytest.mark.parametrize("kind", sorted(CREDENTIALS))
@pytest.mark.parametrize("where", ["/store", "/query"])
def test_error_body_echoing_the_headers_shows_no_credentials(
    fake_server: FakeServer, graph: Path, kind: str, where: str
) -> None:
    fake_server.script["/store"] = Answer(204)
    fake_server.script[where] = Answer(500, body=b"", echo_headers=True)
    result, _ = load(graph, fake_server, *CREDENTIALS[kind])
    line = assert_one_line(result)
    assert "500" in line


@pytest.mark.parametrize(
    ("name", "answer"),
    [
        ("not JSON", Answer(200, JSON_TYPE, b"<html>hello</html>")),
        ("results a string", Answer(200, JSON_TYPE, b'{"results": "x"}')),
        ("bindings not objects", Answer(200, JSON_TYPE, b'{"results": {"bindings": [1, 2]}}')),
        ("binding without type", Answer(200, JSON_TYPE, b'{"results":{"bindings":[{"n":{}}]}}')),
        ("no rows", Answer(200, JSON_TYPE, b'{"results": {"bindings": []}}')),
        ("a JSON list", Answer(200, JSON_TYPE, b"[]")),
        ("10 MB of nesting", Answer(200, JSON_TYPE, b"[" * 10_000_000)),
        ("not HTTP", Answer(raw=b"SSH-2.0-OpenSSH_9.2\r\n\r\n")),
        ("empty answer", Answer(raw=b"")),
    ],
)
def test_bad_count_answers_are_one_line(
    fake_server: FakeServer, graph: Path, name: str, answer: Answer
) -> None:
    fake_server.script["/store"] = Answer(204)
    fake_server.script["/query"] = answer
    result, _ = load(graph, fake_server)
    assert_one_line(result)


@pytest.mark.parametrize(
    "answer", [Answer(raw=b"garbage\r\n\r\n"), Answer(raw=b"HTTP/1.1 abc\r\n\r\n"), Answer(raw=b"")]
)
def test_a_store_that_does_not_speak_http_is_one_line(
    fake_server: FakeServer, graph: Path, answer: Answer
) -> None:
    fake_server.script["/store"] = answer
    result, _ = load(graph, fake_server)
    assert "reskg load:" in assert_one_line(result)


def test_a_dripping_store_is_stopped_at_the_deadline(fake_server: FakeServer, graph: Path) -> None:
    """One byte every 0.5 s: each read is quick, the request is not (--timeout 2)."""
    fake_server.script["/store"] = Answer(204)
    fake_server.script["/query"] = Answer(200, JSON_TYPE, COUNT_ONE, drip=0.5)
    result, seconds = load(graph, fake_server, "--timeout", "2")
    assert "2 s" in assert_one_line(result)
    assert seconds < 10, seconds
