"""``reskg serve``: malformed requests get 400 (never a traceback), disconnects are quiet,
idle connections time out, open connections are capped, caches stay bounded, and every response
carries security headers. The server's stderr is kept and checked for tracebacks.
"""

from __future__ import annotations

import contextlib
import os
import resource
import socket
import struct
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import free_port

ROOT = Path(__file__).resolve().parent.parent
GRAPH = ROOT / "data" / "oic-resolution-10-11.ttl"
IDLE = 2.0
OPTIONS = ["--idle-timeout", str(IDLE), "--query-timeout", "5"]


class Served:
    def __init__(self, port: int, process: subprocess.Popen, log: Path) -> None:
        self.port, self.process, self.log = port, process, log

    def raw(self, data: bytes, timeout: float = 10) -> bytes:
        """Send ``data`` as is; the whole answer (until the server closes or 1 s of quiet)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as sock:
            sock.sendall(data)
            sock.settimeout(1.0)
            chunks = []
            with contextlib.suppress(TimeoutError, ConnectionResetError):
                while chunk := sock.recv(65536):
                    chunks.append(chunk)
            return b"".join(chunks)

    def get(self, path: str, accept: str = "text/html") -> tuple[int, dict[str, str], bytes]:
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}")
        request.add_header("Accept", accept)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as err:
            return err.code, dict(err.headers), err.read()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    log = tmp_path_factory.mktemp("serve") / "stderr.log"
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with log.open("wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "reskg.cli", "serve", str(GRAPH), "--port", str(port), *OPTIONS],
            stderr=err,
            env=env,
        )
    server = Served(port, process, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if server.get("/")[0] == 200:
                break
        time.sleep(0.1)
    yield server
    process.terminate()
    process.wait(timeout=10)
    assert "Traceback" not in log.read_text(errors="replace"), log.read_text(errors="replace")


def status(answer: bytes) -> int:
    assert answer.startswith(b"HTTP/1."), answer[:100]
    return int(answer.split(b" ", 2)[1])


POST = b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
MALFORMED = {
    "Content-Length ²": POST + "Content-Length: ²\r\n\r\nASK{}".encode(),
    "Content-Length -1": POST + b"Content-Length: -1\r\n\r\nASK{}",
    "Content-Length 1e3": POST + b"Content-Length: 1e3\r\n\r\nASK{}",
    "two Content-Lengths": POST + b"Content-Length: 5\r\nContent-Length: 6\r\n\r\nASK{}",
    "chunked body": POST + b"Transfer-Encoding: chunked\r\n\r\n5\r\nASK{}\r\n0\r\n\r\n",
    "Transfer-Encoding on GET": b"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
    "header without colon": b"GET / HTTP/1.1\r\nHost x\r\n\r\n",
    "header without name": b"GET / HTTP/1.1\r\n: x\r\n\r\n",
    "folded header": b"GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n",
    "NUL in a header": b"GET / HTTP/1.1\r\nHost: x\r\nAccept: a\x00b\r\n\r\n",
    "garbage request line": b"GARBAGE\r\n\r\n",
    "request line of four words": b"GET / HTTP/1.1 extra\r\n\r\n",
    "HTTP/9.9": b"GET / HTTP/9.9\r\n\r\n",
    "path with a quote": b'GET /eli/"x HTTP/1.1\r\nHost: x\r\n\r\n',
    "path with <": b"GET /eli/<x HTTP/1.1\r\nHost: x\r\n\r\n",
    "path with {": b"GET /eli/{x HTTP/1.1\r\nHost: x\r\n\r\n",
    "path with |": b"GET /eli/|x HTTP/1.1\r\nHost: x\r\n\r\n",
    "path with ^": b"GET /eli/^x HTTP/1.1\r\nHost: x\r\n\r\n",
    "path with a backtick": b"GET /eli/`x HTTP/1.1\r\nHost: x\r\n\r\n",
    "invalid default-graph-uri": b"GET /sparql?query=ASK%7B%7D&default-graph-uri=%3Cbad%20iri "
    b"HTTP/1.1\r\nHost: x\r\nAccept: application/sparql-results+json\r\n\r\n",
    "invalid named-graph-uri": b"GET /sparql?query=ASK%7B%7D&named-graph-uri=a%7Cb "
    b"HTTP/1.1\r\nHost: x\r\nAccept: application/sparql-results+json\r\n\r\n",
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_requests_get_a_4xx(served: Served, name: str) -> None:
    answer = served.raw(MALFORMED[name])
    assert 400 <= status(answer) < 500 or status(answer) == 505, answer[:200]
    assert b"Traceback" not in answer


def test_disconnects_leave_no_traceback(served: Served) -> None:
    for _ in range(5):
        sock = socket.create_connection(("127.0.0.1", served.port))
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        query = urllib.parse.quote("SELECT * WHERE { ?s ?p ?o }")
        sock.sendall(f"GET /sparql?query={query} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        sock.close()  # reset before the answer is written
        sock = socket.create_connection(("127.0.0.1", served.port))
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        sock.close()
        sock = socket.create_connection(("127.0.0.1", served.port))
        sock.sendall(POST + b"Content-Length: 100\r\n\r\nASK")  # a body cut short
        sock.close()
    time.sleep(1)
    assert served.get("/")[0] == 200
    assert "Traceback" not in served.log.read_text(errors="replace")


def test_an_idle_connection_is_closed(served: Served) -> None:
    with socket.create_connection(("127.0.0.1", served.port)) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\n")  # and nothing more
        sock.settimeout(IDLE + 10)
        started = time.monotonic()
        with contextlib.suppress(ConnectionResetError):
            sock.recv(100)
        assert time.monotonic() - started < IDLE + 5


def test_1100_idle_sockets_do_not_take_the_server_down(served: Served) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard < 1300:
        pytest.skip("needs 1,300 file descriptors for the idle sockets")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 1300), hard))
    idle = []
    try:
        for _ in range(1100):
            sock = socket.socket()
            sock.settimeout(5)
            with contextlib.suppress(OSError):
                sock.connect(("127.0.0.1", served.port))
            idle.append(sock)
        answer = served.raw(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", timeout=5)
        assert status(answer) in (200, 503), answer[:100]  # answered, at once either way
        fds = len(os.listdir(f"/proc/{served.process.pid}/fd"))
        assert fds < 400, f"the server holds {fds} descriptors"
    finally:
        for sock in idle:
            sock.close()
    time.sleep(IDLE + 1)
    assert served.get("/")[0] == 200


def test_10000_distinct_long_paths_keep_the_server_small(served: Served) -> None:
    def rss() -> int:
        with open(f"/proc/{served.process.pid}/status") as handle:
            line = next(line for line in handle if line.startswith("VmRSS:"))
        return int(line.split()[1]) * 1024

    before = rss()
    for i in range(10_000):
        with socket.create_connection(("127.0.0.1", served.port)) as sock:
            path = f"/x/{i}/" + "a" * 60_000
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
            while sock.recv(65536):
                pass
    assert rss() - before < 150 << 20, f"grew by {(rss() - before) >> 20} MB"


@pytest.mark.parametrize(
    ("path", "accept"),
    [
        ("/", "text/html"),
        ("/eli/oic/res/10-11", "text/html"),
        ("/eli/oic/res/10-11", "text/turtle"),
        ("/sparql?query=" + urllib.parse.quote("ASK {}"), "application/sparql-results+json"),
        ("/nothing/here", "text/plain"),
        ("/sparql?query=" + urllib.parse.quote("DROP ALL"), "text/plain"),
    ],
)
def test_security_headers(served: Served, path: str, accept: str) -> None:
    _, headers, _ = served.get(path, accept)
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    if headers["Content-Type"].startswith("text/html"):
        assert "style-src 'unsafe-inline'" in policy and "form-action 'self'" in policy
