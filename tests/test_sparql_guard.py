"""The SERVICE guard decides on the parsed query, and query workers cannot open sockets."""

from __future__ import annotations

import multiprocessing
import socket
import sys

import pytest

from reskg.publish.sandbox import deny_network
from reskg.publish.sparql import ProtocolError, refuse_service

ENDPOINT = "http://127.0.0.1:9/x"
# Each was answered (and the URL called) by the regex guard this replaces, or must stay refused.
BYPASSES = [
    f"SELECT * WHERE {{ ?s ?p 23SERVICE <{ENDPOINT}> {{ ?a ?b ?c }} }}",
    f"SELECT * WHERE {{ ?s ?p trueSERVICE <{ENDPOINT}> {{ ?a ?b ?c }} }}",
    f"SELECT * WHERE {{ ?s ?p 1.5e3SERVICE <{ENDPOINT}> {{ ?a ?b ?c }} }}",
    f"SELECT * WHERE {{ ?s ?p 23 SERVICE <{ENDPOINT}> {{ ?a ?b ?c }} }}",
    f"SELECT * WHERE {{ SERVICE <{ENDPOINT}> {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ SERVICE SILENT <{ENDPOINT}> {{ ?s ?p ?o }} }}",
    f"select * where {{ sErViCe\n<{ENDPOINT}> {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ \\u0053ERVICE <{ENDPOINT}> {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ BIND(<urn:\\u0061'> AS ?x) SERVICE <{ENDPOINT}> {{ ?s ?p ?o }} }} #'",
    f"SELECT * WHERE {{ BIND(eli:a\\# AS ?x) SERVICE <{ENDPOINT}> {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ BIND(eli:a\\' AS ?x) SERVICE <{ENDPOINT}> {{ ?s ?p ?o }} }} #'",
    f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE ?x {{ ?s ?p ?o }} }} }} }} #{ENDPOINT}",
    f"ASK {{ FILTER EXISTS {{ SERVICE <{ENDPOINT}> {{ ?s ?p ?o }} }} }}",
    f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ OPTIONAL {{ SERVICE <{ENDPOINT}> {{ ?s ?p ?o }} }} }}",
]


@pytest.mark.parametrize("query", BYPASSES)
def test_service_is_refused_on_the_parse_tree(query: str) -> None:
    with pytest.raises(ProtocolError) as caught:
        refuse_service(query)
    assert caught.value.status in (400, 403)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s ?p ?o }",
        'SELECT * WHERE { ?s ?p "customer SERVICE desk" }',
        "SELECT * WHERE { ?service ?p ?o } # SERVICE <http://x/> { }",
        "SELECT * WHERE { <urn:service> ?p ?o }",
    ],
)
def test_queries_that_only_mention_service_run(query: str) -> None:
    refuse_service(query)


def _service_query(port: int, sandboxed: bool, answer: multiprocessing.Queue) -> None:
    import pyoxigraph as ox

    if sandboxed:
        assert deny_network()
    try:
        list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{}} }}"))
        answer.put("answered")
    except Exception as err:
        answer.put(type(err).__name__)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="seccomp is Linux-only")
@pytest.mark.parametrize("sandboxed", [False, True])
def test_a_sandboxed_worker_cannot_reach_a_listening_socket(sandboxed: bool) -> None:
    """Without the filter pyoxigraph connects (the control); with it, socket() fails."""
    context = multiprocessing.get_context("spawn")
    answer = context.Queue()
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(20)
        port = listener.getsockname()[1]
        process = context.Process(target=_service_query, args=(port, sandboxed, answer))
        process.start()
        if sandboxed:
            assert answer.get(timeout=20) == "PermissionError"
            listener.settimeout(0.5)
            with pytest.raises(TimeoutError):
                listener.accept()
        else:
            connection, _ = listener.accept()  # the engine really calls SERVICE endpoints
            connection.close()
        process.join(timeout=20)
    with socket.socket():  # the test process itself is not affected
        pass
