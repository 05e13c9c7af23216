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


# -- Virtuoso --------------------------------------------------------------------------------

VIRTUOSO_PASSWORD = "reskgTestDba42"  # letters and digits: isql reads it bare
VIRTUOSO_INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 4
MaxClientConnections = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@dataclass
class VirtuosoServer:
    """A running ``virtuoso-t`` of our own: its database in a temp dir, its own ports."""

    url: str
    password: str
    process: subprocess.Popen

    @property
    def store_url(self) -> str:
        return f"{self.url}/sparql-graph-crud-auth"

    @property
    def query_url(self) -> str:
        return f"{self.url}/sparql"

    def stop(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)


def start_virtuoso(location: Path) -> VirtuosoServer:
    """Start Debian's ``virtuoso-t`` on free ports with a new database; set the dba password."""
    executable, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if executable is None or isql is None:
        pytest.fail("Virtuoso is not installed: apt-get install virtuoso-opensource")
    location.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = location / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(db=location, sql_port=sql_port, http_port=http_port))
    process = subprocess.Popen(
        [executable, "+foreground", "+configfile", str(ini)],
        cwd=location,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = VirtuosoServer(f"http://127.0.0.1:{http_port}", VIRTUOSO_PASSWORD, process)
    deadline = time.monotonic() + 120
    while True:
        if process.poll() is not None:
            pytest.fail(f"virtuoso-t exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{server.query_url}?query=ASK%7B%7D", timeout=2):
                break
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                server.stop()
                pytest.fail("virtuoso-t did not answer within 120 s")
            time.sleep(0.2)
    # A new database has the documented dba password "dba"; set a known one of our own.
    subprocess.run(
        [isql, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec=set password dba {server.password};"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return server


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """One Virtuoso for the session (a new database takes about 8 s to start)."""
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()
