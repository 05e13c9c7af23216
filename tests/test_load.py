"""``reskg load``: Graph Store Protocol into a real Oxigraph server, and stores that fail."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import rdflib
from SPARQLWrapper import JSON, SPARQLWrapper

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = ROOT / "data" / "oic-resolution-10-11.ttl"
ARTICLE = ROOT / "data" / "articles" / "oic-resolution-10-11.txt"


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published graph, else one built from the bundled article (RESKG_TEST_GRAPH overrides)."""
    if os.environ.get("RESKG_TEST_GRAPH"):
        return Path(os.environ["RESKG_TEST_GRAPH"])
    if PUBLISHED.exists():
        return PUBLISHED
    out = tmp_path_factory.mktemp("graph") / "graph.ttl"
    done = subprocess.run(
        [sys.executable, "-m", "reskg.cli", "build", str(ARTICLE), "-o", str(out)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.fail(f"reskg build failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return out


def reskg(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "reskg.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def count(endpoint: str, graph: str | None = None) -> int:
    pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    sparql = SPARQLWrapper(endpoint)
    sparql.setQuery(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
    sparql.setReturnFormat(JSON)
    return int(sparql.queryAndConvert()["results"]["bindings"][0]["n"]["value"])


def test_load_twice_leaves_the_same_store(oxigraph_server, graph_file: Path) -> None:
    expected = len(rdflib.Graph().parse(graph_file))
    first = reskg("load", str(graph_file), "--store", oxigraph_server.store_url)
    assert first.returncode == 0, first.stderr
    assert f"the store holds {expected} triples" in first.stderr
    second = reskg("load", str(graph_file), "--store", oxigraph_server.store_url)
    assert second.returncode == 0, second.stderr
    assert count(oxigraph_server.query_url) == expected


def test_load_into_a_named_graph(oxigraph_server, graph_file: Path) -> None:
    iri = "https://example.org/graphs/oic"
    done = reskg("load", str(graph_file), "--store", oxigraph_server.store_url, "--graph", iri)
    assert done.returncode == 0, done.stderr
    assert f"graph <{iri}>" in done.stderr
    assert count(oxigraph_server.query_url, iri) == len(rdflib.Graph().parse(graph_file))
    assert count(oxigraph_server.query_url) == 0


def test_load_gzipped_ntriples(oxigraph_server, graph_file: Path, tmp_path: Path) -> None:
    dump = tmp_path / "graph.nt.gz"
    import gzip

    dump.write_bytes(
        gzip.compress(rdflib.Graph().parse(graph_file).serialize(format="nt").encode())
    )
    done = reskg("load", str(dump), "--store", oxigraph_server.store_url)
    assert done.returncode == 0, done.stderr
    assert count(oxigraph_server.query_url) == len(rdflib.Graph().parse(graph_file))


def test_stopped_store_is_one_clear_error(oxigraph_server, graph_file: Path) -> None:
    oxigraph_server.stop()
    done = reskg("load", str(graph_file), "--store", oxigraph_server.store_url, "--retries", "1")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "cannot connect (connection refused) after 2 attempt(s)" in lines[0]


def test_unknown_query_endpoint_is_explained(graph_file: Path) -> None:
    done = reskg("load", str(graph_file), "--store", "http://127.0.0.1:9/some/thing")
    assert done.returncode == 2
    assert "--query-endpoint" in done.stderr


# -- a tiny store that demands credentials or fails on purpose ----------------------------------


class FakeStore:
    """A local HTTP server scripted to answer PUTs with given statuses; counts what it got."""

    def __init__(self, put_statuses: list[int], user: str = "", password: str = "") -> None:
        self.put_statuses = put_statuses
        self.expected_auth = (
            "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode() if user else None
        )
        self.puts = 0
        self.authorizations: list[str | None] = []
        self.stored = 0
        self.body = b""
        store = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _authorized(self) -> bool:
                header = self.headers.get("Authorization")
                store.authorizations.append(header)
                if store.expected_auth and header != store.expected_auth:
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Basic realm="store"')
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return False
                return True

            def do_PUT(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if not self._authorized():
                    return
                status = store.put_statuses[min(store.puts, len(store.put_statuses) - 1)]
                store.puts += 1
                if status < 300:
                    store.body = body
                    store.stored = sum(1 for line in body.splitlines() if line.strip())
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_GET(self) -> None:
                if not self._authorized():
                    return
                payload = json.dumps(
                    {
                        "head": {"vars": ["n"]},
                        "results": {
                            "bindings": [{"n": {"type": "literal", "value": str(store.stored)}}]
                        },
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_store() -> Iterator[Callable[..., FakeStore]]:
    stores: list[FakeStore] = []

    def make(put_statuses: list[int], user: str = "", password: str = "") -> FakeStore:
        stores.append(FakeStore(put_statuses, user, password))
        return stores[-1]

    yield make
    for store in stores:
        store.close()


def test_wrong_password_is_one_clear_error_without_the_secret(fake_store, graph_file) -> None:
    store = fake_store([204], user="admin", password="right-secret")
    done = reskg(
        "load",
        str(graph_file),
        "--store",
        f"{store.url}/store",
        "--user",
        "admin",
        "--password",
        "wrong-secret",
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "HTTP 401" in lines[0] and "credentials" in lines[0]
    assert "wrong-secret" not in done.stderr + done.stdout
    assert store.puts == 0  # a 401 is not retried


def test_credentials_from_the_environment(fake_store, graph_file) -> None:
    store = fake_store([204], user="admin", password="s3cret")
    env = {"RESKG_STORE_USER": "admin", "RESKG_STORE_PASSWORD": "s3cret"}
    done = reskg("load", str(graph_file), "--store", f"{store.url}/store", env=env)
    assert done.returncode == 0, done.stderr
    assert "s3cret" not in done.stderr + done.stdout
    assert store.puts == 1


def test_bearer_token(fake_store, graph_file) -> None:
    store = fake_store([204])
    done = reskg("load", str(graph_file), "--store", f"{store.url}/store", "--token", "tok-123")
    assert done.returncode == 0, done.stderr
    assert "Bearer tok-123" in store.authorizations
    assert "tok-123" not in done.stderr


def test_server_error_is_not_retried(fake_store, graph_file) -> None:
    store = fake_store([500])
    done = reskg("load", str(graph_file), "--store", f"{store.url}/store")
    assert done.returncode == 2
    assert "HTTP 500" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert store.puts == 1


def test_unavailable_store_is_retried_then_loaded(fake_store, graph_file) -> None:
    store = fake_store([503, 503, 204])
    done = reskg("load", str(graph_file), "--store", f"{store.url}/store")
    assert done.returncode == 0, done.stderr
    assert store.puts == 3


def test_unavailable_store_gives_up_after_the_retries(fake_store, graph_file) -> None:
    store = fake_store([503])
    done = reskg("load", str(graph_file), "--store", f"{store.url}/store", "--retries", "1")
    assert done.returncode == 2
    assert "HTTP 503" in done.stderr
    assert store.puts == 2


def test_literals_go_on_the_wire_as_written(fake_store, tmp_path: Path) -> None:
    """Regression: via an Oxigraph Store, "023"^^xsd:nonNegativeInteger became "23"^^xsd:integer."""
    graph = tmp_path / "typed.ttl"
    graph.write_text(
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        '<http://example.org/r> <http://example.org/count> "023"^^xsd:nonNegativeInteger ;\n'
        '  <http://example.org/share> "1.50"^^xsd:decimal .\n',
        encoding="utf-8",
    )
    store = fake_store([204])
    done = reskg("load", str(graph), "--store", f"{store.url}/store")
    assert done.returncode == 0, done.stderr
    assert b'"023"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>' in store.body
    assert b'"1.50"^^<http://www.w3.org/2001/XMLSchema#decimal>' in store.body
