"""Linking when the endpoint is down, slow, rate limiting or failing half-way."""

from __future__ import annotations

import http.server
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import free_port

from reskg.cli import main
from reskg.facts import OrganizationFact, PlaceFact
from reskg.link import link_graph
from reskg.link.wikidata import WikidataClient
from tests.test_link import article_graph, crafted_graph, links

Handler = Callable[[http.server.BaseHTTPRequestHandler, int, bytes], None]


@contextmanager
def local_server(answer: Handler) -> Iterator[tuple[str, list[dict[str, str]]]]:
    """A real HTTP server on 127.0.0.1 whose POSTs ``answer`` handles; yields URL and headers."""
    seen: list[dict[str, str]] = []

    class Handle(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            seen.append(dict(self.headers))
            answer(self, len(seen), body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handle)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", seen
    finally:
        server.shutdown()
        server.server_close()


def forward(handler: http.server.BaseHTTPRequestHandler, target: str, body: bytes) -> None:
    """Answer with what the real SPARQL server at ``target`` answers."""
    request = urllib.request.Request(target, data=body, method="POST")
    request.add_header("Content-Type", handler.headers["Content-Type"])
    request.add_header("Accept", handler.headers.get("Accept", "*/*"))
    with urllib.request.urlopen(request, timeout=10) as response:
        data = response.read()
        handler.send_response(response.status)
        handler.send_header("Content-Type", response.headers["Content-Type"])
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)


def refuse(handler: http.server.BaseHTTPRequestHandler, status: int, headers: dict) -> None:
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", "0")
    handler.end_headers()


@pytest.fixture
def warm_cache(wikidata_server, tmp_path: Path) -> Path:
    """A cache filled by a good run on the crafted article graph."""
    cache = tmp_path / "links.tsv"
    client = WikidataClient(wikidata_server.query_url)
    link_graph(article_graph(), client=client, cache_path=cache)
    return cache


def new_entities_graph():
    """The article graph plus entities the cache does not hold yet."""
    graph = article_graph()
    extra = crafted_graph(
        [PlaceFact("Pakistan", (0, 1), "country")],
        [OrganizationFact("North Atlantic Treaty Organization", (0, 1), "NATO")],
    )
    return graph + extra


def test_429_retry_after_is_honoured(wikidata_server, tmp_path: Path) -> None:
    def answer(handler, count, body):
        if count == 1:
            refuse(handler, 429, {"Retry-After": "1"})
        else:
            forward(handler, wikidata_server.query_url, body)

    with local_server(answer) as (url, seen):
        client = WikidataClient(url, timeout=10, retries=2, backoff=0.01)
        graph = article_graph()
        started = time.monotonic()
        result = link_graph(graph, client=client, cache_path=tmp_path / "links.tsv")
        elapsed = time.monotonic() - started
    assert result.error is None
    assert elapsed >= 1.0 and client.waited == 1.0
    assert client.requests == len(seen) == 3  # the refused one, then labels and candidates
    assert links(graph)["place/dakar"] == "Q3718"
    assert all(h["User-Agent"].startswith("reskg/") for h in seen)
    assert all("SPARQLWrapper/" in h["User-Agent"] for h in seen)


def test_a_retry_after_longer_than_allowed_gives_up(tmp_path: Path) -> None:
    with local_server(lambda h, n, b: refuse(h, 429, {"Retry-After": "3600"})) as (url, seen):
        client = WikidataClient(url, retries=3, max_wait=60)
        result = link_graph(article_graph(), client=client, cache_path=tmp_path / "links.tsv")
    assert len(seen) == 1 and client.waited == 0
    assert "429" in (result.error or "") and "3600" in (result.error or "")


def test_endpoint_down_uses_the_cache_and_keeps_it_whole(warm_cache: Path) -> None:
    before = warm_cache.read_bytes()
    client = WikidataClient(f"http://127.0.0.1:{free_port()}/sparql", retries=2, backoff=0.01)
    graph = new_entities_graph()
    result = link_graph(graph, client=client, cache_path=warm_cache)
    assert "unreachable" in (result.error or "")
    assert client.requests == 3  # first try and two retries
    assert warm_cache.read_bytes() == before
    assert result.unchecked == 2
    assert links(graph)["place/dakar"] == "Q3718"  # the cached links still apply
    assert not list(warm_cache.parent.glob(".*.tmp"))


def test_endpoint_timing_out_is_reported(warm_cache: Path) -> None:
    def slow(handler, count, body):
        time.sleep(2.5)
        refuse(handler, 503, {})

    before = warm_cache.read_bytes()
    with local_server(slow) as (url, _):
        client = WikidataClient(url, timeout=1, retries=1, backoff=0.01)
        started = time.monotonic()
        result = link_graph(new_entities_graph(), client=client, cache_path=warm_cache)
        elapsed = time.monotonic() - started
    assert "timed out" in (result.error or "")
    assert elapsed < 4  # two tries of one second, not two slow answers
    assert warm_cache.read_bytes() == before


def test_failing_half_way_writes_nothing(wikidata_server, warm_cache: Path) -> None:
    def flaky(handler, count, body):
        if count == 1:
            forward(handler, wikidata_server.query_url, body)
        else:
            refuse(handler, 503, {"Retry-After": "0"})

    before = warm_cache.read_bytes()
    with local_server(flaky) as (url, _):
        client = WikidataClient(url, retries=1, backoff=0.01)
        result = link_graph(new_entities_graph(), client=client, cache_path=warm_cache)
    assert "503" in (result.error or "")
    assert warm_cache.read_bytes() == before


def test_cli_reports_a_dead_endpoint_in_one_line(
    warm_cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    graph_file = tmp_path / "g.ttl"
    new_entities_graph().serialize(graph_file, format="turtle")
    dead = f"http://127.0.0.1:{free_port()}/sparql"
    args = ["link", str(graph_file), "--endpoint", dead, "--cache", str(warm_cache)]
    code = main([*args, "--retries", "0", "--dry-run"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and "unreachable" in err[0] and "used the cache" in err[0]
