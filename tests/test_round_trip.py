"""A graph loaded into a store and read back is the graph that was loaded, and still conforms.

Stores keep literals by value: Oxigraph gave "23"^^xsd:nonNegativeInteger back as
"23"^^xsd:integer, which failed reskg's own sh:datatype shapes. Counts and offsets are now
xsd:integer with sh:minInclusive 0 (see ontology/reskg.ttl).
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import OxigraphServer, free_port

from reskg.cli import main

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = ROOT / "data" / "oic-resolution-10-11.ttl"
EVERYTHING = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def triples(data: bytes) -> set[ox.Triple]:
    return {q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)}


def get(url: str, accept: str = "application/n-triples") -> bytes:
    request = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read()


def conforms_and_is_the_published_graph(data: bytes, tmp_path: Path) -> None:
    back = tmp_path / "back.nt"
    back.write_bytes(data)
    assert main(["validate", str(back)]) == 0
    published = {q.triple for q in ox.parse(path=str(PUBLISHED), format=ox.RdfFormat.TURTLE)}
    assert triples(data) == published  # every literal as it was written


def test_through_an_oxigraph_store(
    oxigraph_factory: Callable[..., OxigraphServer], tmp_path: Path
) -> None:
    server = oxigraph_factory()
    assert main(["load", str(PUBLISHED), "--store", server.store_url]) == 0
    conforms_and_is_the_published_graph(get(f"{server.store_url}?default"), tmp_path)  # GSP GET
    query = urllib.parse.urlencode({"query": EVERYTHING})
    conforms_and_is_the_published_graph(get(f"{server.query_url}?{query}"), tmp_path)


def test_through_reskg_serve(tmp_path: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "reskg.cli", "serve", str(PUBLISHED), "--port", str(port),
         "--workers", "1", "--max-rows", "100000"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get(f"{url}/", accept="text/html")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("reskg serve did not start")
                time.sleep(0.1)
        query = urllib.parse.urlencode({"query": EVERYTHING})
        conforms_and_is_the_published_graph(get(f"{url}/sparql?{query}"), tmp_path)
    finally:
        process.terminate()
        process.wait(timeout=20)
