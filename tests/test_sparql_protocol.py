"""The query tests of the W3C SPARQL 1.1 Protocol test suite, run against ``reskg serve``.

Transcribed from ``sparql/sparql11/protocol/manifest.ttl`` of w3c/rdf-tests (the 20 query
tests; the update tests do not apply to a read-only endpoint): each request as the manifest
writes it (``/sparql/`` is the endpoint), sent byte for byte with ``http.client`` so no header
is added, and checked as the manifest says (status class, result format, ASK answer). The data
are the suite's data1.nt, data2.nt and data3.nt, each in the named graph the manifest gives it
(``ut:graphData``), in one TriG file.
"""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
import time
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import free_port

KASEI = "http://kasei.us/2009/09/sparql/data/"
DATA = "\n".join(
    f"<{KASEI}data{n}.rdf> {{ <{KASEI}data{n}.rdf> "
    "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://xmlns.com/foaf/0.1/Document> . }"
    for n in (1, 2, 3)
)


def Q(text: str) -> str:
    return urllib.parse.quote(text, safe="")


D0 = Q(f"{KASEI}data0.rdf")
D1, D2, D3 = (Q(f"{KASEI}data{n}.rdf") for n in (1, 2, 3))
FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
ASK_BOTH = (
    f"ASK {{ <{KASEI}data1.rdf> a ?type . <{KASEI}data2.rdf> a ?type . }}"
)  # fmt: skip
ASK_NAMED = (
    f"ASK {{ GRAPH ?g1 {{ <{KASEI}data1.rdf> a ?type }} "
    f"GRAPH ?g2 {{ <{KASEI}data2.rdf> a ?type }} }}"
)
ASK_FULL = (
    f"ASK {{\n  <{KASEI}data3.rdf> a ?type\n  GRAPH ?g1 {{ <{KASEI}data1.rdf> a ?type }}\n"
    f"  GRAPH ?g2 {{ <{KASEI}data2.rdf> a ?type }}\n}}"
)
ASK_FROM = (
    f"ASK FROM <{KASEI}data3.rdf> {{ GRAPH ?g1 {{ <{KASEI}data1.rdf> a ?type }} "
    f"GRAPH ?g2 {{ <{KASEI}data2.rdf> a ?type }} }}"
)


@dataclass(frozen=True)
class Case:
    """One manifest entry: the request, and what the response must be."""

    method: str
    path: str
    content_type: str | None = None
    body: bytes | None = None
    status: str = "2xx"  # the manifest's 2xx (or 3xx), or 4xx
    expect_format: str | None = None  # "boolean", "tabular" or "RDF"
    expect_boolean: bool | None = None


def utf8(text: str) -> bytes:
    return text.encode("utf-8")


CASES = {
    "query_post_form": Case(
        "POST", f"/sparql/?default-graph-uri={D0}", FORM, b"query=ASK%20%7B%7D", "2xx",
        "boolean", True,
    ),
    "query_dataset_default_graphs_get": Case(
        "GET", f"/sparql/?query={Q(ASK_BOTH)}&default-graph-uri={D1}&default-graph-uri={D2}",
        expect_format="boolean", expect_boolean=True,
    ),
    "query_dataset_default_graphs_post": Case(
        "POST", f"/sparql/?default-graph-uri={D1}&default-graph-uri={D2}", DIRECT,
        utf8(ASK_BOTH), "2xx", "boolean", True,
    ),
    "query_dataset_named_graphs_post": Case(
        "POST", f"/sparql/?named-graph-uri={D1}&named-graph-uri={D2}", DIRECT,
        utf8(ASK_NAMED), "2xx", "boolean", True,
    ),
    "query_dataset_named_graphs_get": Case(
        "GET", f"/sparql/?query={Q(ASK_NAMED)}&named-graph-uri={D1}&named-graph-uri={D2}",
        expect_format="boolean", expect_boolean=True,
    ),
    "query_dataset_full": Case(
        "POST", f"/sparql/?default-graph-uri={D3}&named-graph-uri={D1}&named-graph-uri={D2}",
        DIRECT, utf8(ASK_FULL), "2xx", "boolean", True,
    ),
    "query_multiple_dataset": Case(
        "POST", f"/sparql/?named-graph-uri={D1}&named-graph-uri={D2}", DIRECT, utf8(ASK_FROM),
        "2xx", "boolean", True,
    ),
    "query_get": Case(
        "GET", f"/sparql/?query=ASK%20%7B%7D&default-graph-uri={D0}",
        expect_format="boolean", expect_boolean=True,
    ),
    "query_content_type_select": Case(
        "POST", f"/sparql/?default-graph-uri={D0}", DIRECT, b"SELECT (1 AS ?value) {}", "2xx",
        "tabular",
    ),
    "query_content_type_ask": Case(
        "POST", f"/sparql/?default-graph-uri={D0}", DIRECT, b"ASK {}", "2xx", "boolean"
    ),
    "query_content_type_describe": Case(
        "POST", f"/sparql/?default-graph-uri={D0}", DIRECT, b"DESCRIBE <http://example.org/>",
        "2xx", "RDF",
    ),
    "query_content_type_construct": Case(
        "POST", f"/sparql/?default-graph-uri={D0}", DIRECT, b"CONSTRUCT { <s> <p> 1 } WHERE {}",
        "2xx", "RDF",
    ),
    "query_post_direct": Case("POST", "/sparql/", DIRECT, b"ASK {}", "2xx", "boolean", True),
    "bad_query_method": Case(
        "PUT", f"/sparql/?query=ASK%20%7B%7D&default-graph-uri={D0}", FORM, None, "4xx"
    ),
    "bad_multiple_queries": Case(
        "GET", "/sparql/?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D", status="4xx"
    ),
    "bad_query_wrong_media_type": Case("POST", "/sparql/", "text/plain", b"ASK {}", "4xx"),
    "bad_query_missing_form_type": Case("POST", "/sparql/", None, b"query=ASK%20%7B%7D", "4xx"),
    "bad_query_missing_direct_type": Case("POST", "/sparql/", None, b"ASK {}", "4xx"),
    "bad_query_non_utf8": Case(
        "POST", "/sparql/", f"{DIRECT}; charset=UTF-16", "ASK {}".encode("utf-16"), "4xx"
    ),
    "bad_query_syntax": Case("GET", "/sparql/?query=ASK%20%7B", status="4xx"),
}  # fmt: skip

TABULAR = {
    "application/sparql-results+xml",
    "application/sparql-results+json",
    "text/csv",
    "text/tab-separated-values",
}
BOOLEAN = {"application/sparql-results+xml", "application/sparql-results+json"}
RDF = {"application/rdf+xml", "text/turtle", "application/n-triples", "application/xhtml+xml"}


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """``reskg serve`` over the suite's data, on a free port."""
    tmp = tmp_path_factory.mktemp("protocol")
    data = tmp / "protocol-data.trig"
    data.write_text(DATA + "\n", encoding="utf-8")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "reskg.cli", "serve", str(data), "--port", str(port),
         "--workers", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                connection.request("GET", "/")
                connection.getresponse().read()
                connection.close()
                break
            except OSError:
                assert process.poll() is None, "reskg serve exited"
                assert time.monotonic() < deadline, "reskg serve did not answer in 60 s"
                time.sleep(0.1)
        yield "127.0.0.1", port
    finally:
        process.terminate()
        process.wait(timeout=20)


def send(endpoint: tuple[str, int], case: Case) -> tuple[int, str, bytes]:
    """The status, media type and body of the case's request, sent as written."""
    connection = http.client.HTTPConnection(*endpoint, timeout=30)
    path = (
        "/sparql" + case.path.removeprefix("/sparql/")
        if case.path.startswith("/sparql/")
        else case.path
    )
    connection.putrequest(case.method, path, skip_accept_encoding=True)
    if case.content_type is not None:
        connection.putheader("Content-Type", case.content_type)
    if case.body is not None:
        connection.putheader("Content-Length", str(len(case.body)))
    connection.endheaders(case.body)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, (response.getheader("Content-Type") or "").split(";")[0], body


def boolean_of(media: str, body: bytes) -> bool:
    if media == "application/sparql-results+json":
        return bool(json.loads(body)["boolean"])
    element = ET.fromstring(body).find("{http://www.w3.org/2005/sparql-results#}boolean")
    assert element is not None
    return element.text == "true"


@pytest.mark.parametrize("name", list(CASES))
def test_w3c_protocol_query_test(endpoint: tuple[str, int], name: str) -> None:
    case = CASES[name]
    status, media, body = send(endpoint, case)
    if case.status == "4xx":
        assert 400 <= status < 500, (status, body[:200])
        return
    assert 200 <= status < 400, (status, body[:200])
    if case.expect_format == "boolean":
        assert media in BOOLEAN
    elif case.expect_format == "tabular":
        assert media in TABULAR
    elif case.expect_format == "RDF":
        assert media in RDF
    if case.expect_boolean is not None:
        assert boolean_of(media, body) is case.expect_boolean


def test_relative_iris_resolve_against_the_request_url(endpoint: tuple[str, int]) -> None:
    case = CASES["query_content_type_construct"]
    _, media, body = send(endpoint, case)
    assert media == "text/turtle"
    host, port = endpoint
    assert f"<http://{host}:{port}/s> <http://{host}:{port}/p> 1".encode() in body


def test_a_body_in_another_charset_is_refused_not_misread(endpoint: tuple[str, int]) -> None:
    latin = 'ASK { FILTER("café" = "café") }'.encode("iso-8859-1")
    status, _, body = send(
        endpoint, Case("POST", "/sparql", f"{DIRECT}; charset=ISO-8859-1", latin)
    )
    assert status == 415 and b"UTF-8" in body
    status, _, body = send(endpoint, Case("POST", "/sparql", DIRECT, latin))  # not UTF-8 at all
    assert status == 400 and b"not valid UTF-8" in body
    status, _, body = send(endpoint, Case("POST", "/sparql", FORM, b"query=ASK%20%7B%22%E9%22%7D"))
    assert status == 400
    utf8_query = 'ASK { FILTER("café" = "caf\\u00e9") }'.encode()
    status, media, body = send(
        endpoint, Case("POST", "/sparql", f"{DIRECT}; charset=utf-8", utf8_query)
    )
    assert status == 200 and boolean_of(media, body) is True


def test_the_default_graph_is_the_merge_and_from_is_honoured(endpoint: tuple[str, int]) -> None:
    def ask(query: str, params: str = "") -> bool:
        status, media, body = send(endpoint, Case("GET", f"/sparql?query={Q(query)}{params}"))
        assert status == 200, body
        return boolean_of(media, body)

    def count(query: str) -> str:
        path = f"/sparql?query={Q(query)}"
        status, _, body = send(endpoint, Case("GET", path))
        assert status == 200, body
        return json.loads(body)["results"]["bindings"][0]["n"]["value"]

    assert count("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }") == "3"  # the union, each triple once
    assert count("SELECT (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g { ?s ?p ?o } }") == "3"
    assert ask(f"ASK FROM <{KASEI}data1.rdf> {{ <{KASEI}data1.rdf> a ?t }}")
    assert not ask(f"ASK FROM <{KASEI}data1.rdf> {{ <{KASEI}data2.rdf> a ?t }}")
    assert not ask(f"ASK FROM <{KASEI}data0.rdf> {{ ?s ?p ?o }}")  # no such graph: empty
    # The protocol's dataset replaces the query's, and an unnamed part of it is empty.
    assert not ask(f"ASK FROM <{KASEI}data1.rdf> {{ ?s ?p ?o }}", f"&default-graph-uri={D0}")
    assert not ask("ASK { ?s ?p ?o }", f"&named-graph-uri={D1}")
    assert not ask("ASK { GRAPH ?g { ?s ?p ?o } }", f"&default-graph-uri={D1}")
    status, _, _ = send(endpoint, Case("GET", "/sparql?query=ASK%7B%7D&default-graph-uri=%3C"))
    assert status == 400  # not an IRI


def test_each_plain_file_is_a_named_graph_and_quads_keep_theirs(tmp_path: Path) -> None:
    from reskg.publish.dataset import DatasetError, read_dataset

    triple = "<http://e/s> <http://e/p> <http://e/o> .\n"
    (tmp_path / "a.nt").write_text(triple)
    (tmp_path / "b.ttl").write_text(triple + "<http://e/s> <http://e/p> <http://e/b> .\n")
    (tmp_path / "c.nq").write_text(
        '<http://e/s> <http://e/p> <http://e/o> <http://e/g> .\n<http://e/x> <http://e/p> "1" .\n'
    )
    files = [tmp_path / n for n in ("a.nt", "b.ttl", "c.nq")]
    dataset = read_dataset(files, "https://example.org/kg/")
    assert dataset.graph_names == [
        "http://e/g", "https://example.org/kg/graph/a.nt", "https://example.org/kg/graph/b.ttl"
    ]  # fmt: skip
    assert len(dataset.union) == 3  # the merge: the shared triple once
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "a.nt").write_text(triple)
    with pytest.raises(DatasetError, match=r"a\.nt: would be graph .* rename one"):
        read_dataset([files[0], tmp_path / "other" / "a.nt"], "https://example.org/kg")
