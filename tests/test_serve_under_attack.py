"""``reskg serve`` under load (wrk, 16 connections) and hostile requests, on 127.0.0.1 only.

Under load: no 5xx and no socket error, p99 latency recorded. Hostile requests: each is refused
cleanly (a 4xx, or the time limit's answer), nothing is fetched from outside, and the server
answers normally afterwards.
"""

from __future__ import annotations

import contextlib
import http.client
import importlib.util
import socket
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("load_test", ROOT / "benchmarks" / "load_test.py")
assert _spec is not None and _spec.loader is not None
load_test = importlib.util.module_from_spec(_spec)
sys.modules["load_test"] = load_test  # dataclasses look their module up
_spec.loader.exec_module(load_test)

QUERY_TIMEOUT = 2.0
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """A running ``reskg serve`` of the published graph, with a short query time limit."""
    graph = load_test.PUBLISHED
    if not graph.exists():
        pytest.fail(f"missing {graph}: run `reskg build`")
    number = load_test.free_port()
    server = load_test.start_server(graph, number, "--query-timeout", str(QUERY_TIMEOUT))
    yield number
    load_test.stop_server(server)


def request(
    port: int,
    method: str,
    target: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 30,
) -> tuple[int, bytes]:
    """One raw HTTP request (the target is sent exactly as given)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.putrequest(method, target, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders()
        if body is not None:
            # the server may refuse before the whole body is sent
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                connection.send(body)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def assert_still_answers(port: int) -> None:
    status, body = request(port, "GET", load_test.RESOURCE_PATH, headers={"Accept": "text/html"})
    assert status == 200 and body
    query = urllib.parse.quote("ASK { ?s ?p ?o }")
    status, body = request(
        port, "GET", f"/sparql?query={query}", headers={"Accept": "application/sparql-results+json"}
    )
    assert status == 200 and b"true" in body


@pytest.mark.parametrize("target", ["resource page", "canned SPARQL query"])
def test_sixteen_connections_get_no_5xx(port: int, target: str) -> None:
    url, accept = load_test.targets(f"http://127.0.0.1:{port}")[target]
    result = load_test.run_wrk(url, seconds=3, connections=16, accept=accept)
    print(result.line())
    assert result.requests > 0
    assert result.non_2xx_3xx == 0, result.line()
    assert sum(result.socket_errors.values()) == 0, result.line()
    assert "99" in result.latency_ms
    assert_still_answers(port)


def test_a_query_that_never_ends_is_stopped_by_the_time_limit(port: int) -> None:
    started = time.monotonic()
    status, _ = request(port, "GET", f"/sparql?query={urllib.parse.quote(RUNAWAY)}")
    assert status in (503, 504), status
    assert time.monotonic() - started < QUERY_TIMEOUT + 10
    assert_still_answers(port)


def test_pages_answer_while_queries_run_away(port: int) -> None:
    runaways = [
        threading.Thread(
            target=request, args=(port, "GET", f"/sparql?query={urllib.parse.quote(RUNAWAY)}")
        )
        for _ in range(4)
    ]
    for thread in runaways:
        thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    status, _ = request(port, "GET", load_test.RESOURCE_PATH, headers={"Accept": "text/html"})
    assert status == 200
    assert time.monotonic() - started < 1.0, "resource pages do not wait for SPARQL workers"
    for thread in runaways:
        thread.join(timeout=60)
    assert_still_answers(port)


@pytest.mark.parametrize(
    ("name", "method", "target", "body", "headers"),
    [
        ("huge query string", "GET", "/sparql?query=" + "A" * 200_000, None, {}),
        (
            "update in query",
            "GET",
            "/sparql?query=" + urllib.parse.quote("INSERT DATA { <urn:a> <urn:b> <urn:c> }"),
            None,
            {},
        ),
        (
            "update parameter",
            "POST",
            "/sparql",
            b"update=" + urllib.parse.quote("DROP ALL").encode(),
            {"Content-Type": "application/x-www-form-urlencoded"},
        ),
        (
            "update body",
            "POST",
            "/sparql",
            b"CLEAR DEFAULT",
            {"Content-Type": "application/sparql-update"},
        ),
        (
            "SERVICE example.org",
            "GET",
            "/sparql?query="
            + urllib.parse.quote(
                "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
            ),
            None,
            {},
        ),
        ("dot-dot path", "GET", "/eli/../../etc/passwd", None, {}),
        ("encoded dot-dot path", "GET", "/eli/%2e%2e/%2e%2e/etc/passwd", None, {}),
        ("backslash path", "GET", "/eli\\..\\etc", None, {}),
        (
            "10 MB POST body",
            "POST",
            "/sparql",
            b"q" * (10 * 2**20),
            {"Content-Type": "application/sparql-query"},
        ),
        ("PUT", "PUT", "/eli/oic/res/10-11", b"<urn:a> <urn:b> <urn:c> .", {}),
        ("DELETE", "DELETE", "/eli/oic/res/10-11", None, {}),
    ],
)
def test_hostile_requests_are_refused_and_the_server_still_answers(
    port: int,
    name: str,
    method: str,
    target: str,
    body: bytes | None,
    headers: dict[str, str],
) -> None:
    status, _ = request(port, method, target, body, headers)
    assert 400 <= status < 500, f"{name}: HTTP {status}"
    assert_still_answers(port)


@pytest.mark.parametrize(
    "accept",
    ["", "*/*;q=", "text/html;q=abc, */*;q=0.1", ";;;,,,", "x" * 10_000, "application/\x7f"],
)
def test_malformed_accept_header_is_never_a_5xx(port: int, accept: str) -> None:
    status, _ = request(port, "GET", load_test.RESOURCE_PATH, headers={"Accept": accept})
    assert status in (200, 406), status
    assert_still_answers(port)


def test_service_makes_no_outbound_request(port: int) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(1.0)
        endpoint = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
        for query in (
            f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ SERVICE SILENT <{endpoint}> {{ ?s ?p ?o }} }}",
            f"select * where {{ service\n<{endpoint}> {{ ?s ?p ?o }} }}",
            f"SELECT * FROM <{endpoint}> WHERE {{ ?s ?p ?o }}",
            # escapes that once made the guard misread the rest of the line as a string or a
            # comment while the parser saw SERVICE (an escaped IRI, an escaped prefixed name)
            f"SELECT * WHERE {{ BIND(<urn:\\u0061'> AS ?x) SERVICE <{endpoint}> {{ ?s ?p ?o }} }}"
            " #'",
            f"SELECT * WHERE {{ BIND(eli:a\\# AS ?x) SERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ BIND(eli:a\\' AS ?x) SERVICE <{endpoint}> {{ ?s ?p ?o }} }} #'",
            # a number or boolean right before the keyword defeated the regex guard
            f"SELECT * WHERE {{ ?s ?p 23SERVICE <{endpoint}> {{ ?a ?b ?c }} }}",
            f"SELECT * WHERE {{ ?s ?p trueSERVICE <{endpoint}> {{ ?a ?b ?c }} }}",
        ):
            status, _ = request(port, "GET", f"/sparql?query={urllib.parse.quote(query)}")
            assert status in ((200,) if "FROM" in query else (400, 403)), (query, status)
            with pytest.raises(TimeoutError):
                listener.accept()  # nobody connected to the "remote" endpoint
    assert_still_answers(port)


def test_service_to_a_closed_port_is_refused_not_scanned(port: int) -> None:
    """A closed port answered 500 "Connection refused": the endpoint was a port scanner."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    query = f"SELECT * WHERE {{ ?s ?p 23SERVICE <http://127.0.0.1:{closed}/x> {{ ?a ?b ?c }} }}"
    status, body = request(port, "GET", f"/sparql?query={urllib.parse.quote(query)}")
    assert status in (400, 403) and b"refused" not in body.lower(), (status, body)


def test_idle_connections_do_not_block_others(port: int) -> None:
    """Slow clients (a request line and nothing more) must not starve the rest."""
    idle = []
    try:
        for _ in range(50):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
            idle.append(sock)
        started = time.monotonic()
        assert_still_answers(port)
        assert time.monotonic() - started < 2.0
    finally:
        for sock in idle:
            sock.close()
