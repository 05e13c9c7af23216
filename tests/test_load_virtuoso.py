"""``reskg load`` into a real Virtuoso (Debian's virtuoso-opensource), as the README says.

Virtuoso's Graph Store endpoint ``/sparql-graph-crud-auth`` wants HTTP Digest, has no default
graph, and answers 401 before it reads an upload, so a large one met "connection reset by
peer"; each of these is a test here. The server is our own (conftest.start_virtuoso).
"""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import VirtuosoServer

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = ROOT / "data" / "oic-resolution-10-11.ttl"
GRAPH = "https://w3id.org/reskg/graph/oic-resolution-10-11"


def reskg(*args: str, password: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RESKG_STORE_")}
    if password is not None:
        env["RESKG_STORE_PASSWORD"] = password
    return subprocess.run(
        [sys.executable, "-m", "reskg.cli", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def published_triples() -> int:
    return len({q.triple for q in ox.parse(path=str(PUBLISHED), format=ox.RdfFormat.TURTLE)})


def test_load_twice_into_a_named_graph_gives_the_same_store(
    virtuoso_server: VirtuosoServer, tmp_path: Path
) -> None:
    expected = published_triples()
    for _ in range(2):  # the query endpoint is derived: /sparql
        done = reskg(
            "load", str(PUBLISHED), "--store", virtuoso_server.store_url, "--graph", GRAPH,
            "--user", "dba", password=virtuoso_server.password,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert f"the store holds {expected} triples there" in done.stderr
        assert virtuoso_server.password not in done.stderr
    # Read back through Virtuoso's SPARQL endpoint: the same graph, and it conforms.
    query = urllib.parse.urlencode(
        {"query": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"}
    )
    request = urllib.request.Request(
        f"{virtuoso_server.query_url}?{query}", headers={"Accept": "application/n-triples"}
    )
    with urllib.request.urlopen(request, timeout=60) as answer:
        back = answer.read()
    written = {q.triple for q in ox.parse(path=str(PUBLISHED), format=ox.RdfFormat.TURTLE)}
    assert {q.triple for q in ox.parse(back, format=ox.RdfFormat.N_TRIPLES)} == written
    (tmp_path / "back.nt").write_bytes(back)
    assert reskg("validate", str(tmp_path / "back.nt")).returncode == 0


def one_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert "Traceback" not in done.stderr
    return lines[0]


def test_the_default_graph_is_one_line_asking_for_a_named_graph(
    virtuoso_server: VirtuosoServer,
) -> None:
    done = reskg(
        "load", str(PUBLISHED), "--store", virtuoso_server.store_url, "--user", "dba",
        password=virtuoso_server.password,
    )  # fmt: skip
    assert "no default graph" in one_line(done) and "--graph" in done.stderr


def test_a_wrong_password_is_one_line(virtuoso_server: VirtuosoServer) -> None:
    done = reskg(
        "load", str(PUBLISHED), "--store", virtuoso_server.store_url, "--graph", GRAPH,
        "--user", "dba", password="not-the-password",
    )  # fmt: skip
    assert "HTTP 401" in one_line(done) and "refused the credentials" in done.stderr
    assert "not-the-password" not in done.stderr


@pytest.mark.parametrize("password", [None, "not-the-password"])
def test_a_large_upload_refused_early_names_the_true_cause(
    virtuoso_server: VirtuosoServer, tmp_path: Path, password: str | None
) -> None:
    """Virtuoso answers 401 before reading a large body: once "connection reset by peer"."""
    big = tmp_path / "big.nt"
    big.write_bytes(
        b"".join(b'<http://example.org/s%d> <http://example.org/p> "x" .\n' % i
                 for i in range(200_000))
    )  # fmt: skip
    args = ["load", str(big), "--store", virtuoso_server.store_url, "--graph", GRAPH]
    done = reskg(*args, *(["--user", "dba"] if password else []), password=password)
    line = one_line(done)
    assert "HTTP 401" in line and "cannot connect" not in line
    assert ("asks for credentials" if password is None else "refused the credentials") in line
