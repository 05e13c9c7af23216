"""Shared fixtures: real Oxigraph servers started on free ports and stopped by PID."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fakeserver import FakeServer

ROOT = Path(__file__).resolve().parent.parent
# A copy of shared/wikidata-fixture (its README beside it): the shape of Wikidata's RDF.
WIKIDATA_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "wikidata-entities.ttl"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class OxigraphServer:
    """A running ``oxigraph serve`` process."""

    url: str
    location: Path
    process: subprocess.Popen

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    @property
    def store_url(self) -> str:
        return f"{self.url}/store"

    def stop(self) -> None:
        """Stop the server by its PID (SIGTERM, then SIGKILL)."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)


def _oxigraph() -> str:
    executable = shutil.which("oxigraph")
    if executable is None:
        pytest.fail("the oxigraph server is not installed: pip install oxigraph")
    return executable


def start_oxigraph(location: Path, load: Path | None = None, *extra: str) -> OxigraphServer:
    """Start ``oxigraph serve`` on a free port (loading ``load`` first) and wait until ready."""
    location.mkdir(parents=True, exist_ok=True)
    if load is not None:
        subprocess.run(
            [_oxigraph(), "load", "--location", str(location), "--file", str(load)],
            check=True,
            capture_output=True,
        )
    port = free_port()
    process = subprocess.Popen(
        [_oxigraph(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = OxigraphServer(f"http://127.0.0.1:{port}", location, process)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"oxigraph serve exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{server.query_url}?query=ASK%7B%7D", timeout=1):
                return server
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.05)
    server.stop()
    pytest.fail("oxigraph serve did not become ready in 20 s")


@pytest.fixture
def oxigraph_factory(tmp_path: Path) -> Iterator[Callable[..., OxigraphServer]]:
    """Start as many empty (or preloaded) Oxigraph servers as a test needs; all are stopped."""
    servers: list[OxigraphServer] = []

    def start(load: Path | None = None, *extra: str) -> OxigraphServer:
        server = start_oxigraph(tmp_path / f"store{len(servers)}", load, *extra)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def oxigraph_server(oxigraph_factory: Callable[..., OxigraphServer]) -> OxigraphServer:
    """An empty Oxigraph server for one test."""
    return oxigraph_factory()


@pytest.fixture(scope="session")
def wikidata_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """An Oxigraph server holding the Wikidata-shaped fixture, for the whole session."""
    if not WIKIDATA_FIXTURE.exists():
        pytest.fail(f"missing {WIKIDATA_FIXTURE}")
    server = start_oxigraph(tmp_path_factory.mktemp("wikidata"), WIKIDATA_FIXTURE)
    yield server
    server.stop()


@pytest.fixture
def fake_server() -> Iterator[FakeServer]:
    """A scripted HTTP server on 127.0.0.1 (``tests/fakeserver.py``) for bad remote answers."""
    server = FakeServer()
    yield server
    server.stop()
