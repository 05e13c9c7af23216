"""HTTP plumbing that holds up against hostile clients: parsing, limits, headers, byte caches.

Layout:

- ``GuardedHandler``: a ``BaseHTTPRequestHandler`` whose connections time out when idle, whose
  requests are refused with 400 (not a traceback) for a malformed ``Content-Length``, any
  ``Transfer-Encoding`` (no chunked bodies here), header lines without a colon and control
  characters in header values; disconnects are one log line with ``--verbose``, none without;
  ``security_headers(content_type)`` for every response
- ``CappedServer``: a ``ThreadingHTTPServer`` with at most ``max_connections`` open at once;
  the next one gets an immediate 503 and is closed (1,100 idle sockets once took every file
  descriptor, and nobody else was answered)
- ``ByteLRU``: a thread-safe LRU cache bounded by the bytes of its keys and values (caches
  keyed by path grew by 1.2 GB under 11,000 distinct 60 KB paths)
"""

from __future__ import annotations

import re
import socket
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

IDLE_TIMEOUT = 20.0  # seconds a connection may wait between bytes of a request
MAX_CONNECTIONS = 256
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f]")  # NUL, CR, LF and the like (tab allowed)
_DISCONNECTS = (ConnectionResetError, BrokenPipeError, ConnectionAbortedError, TimeoutError)
HTML_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
DATA_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"


def security_headers(content_type: str) -> dict[str, str]:
    """Headers for every response: no sniffing, no referrer, a CSP fitting the content."""
    return {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Content-Security-Policy": HTML_POLICY
        if content_type.startswith("text/html")
        else DATA_POLICY,
    }


class GuardedHandler(BaseHTTPRequestHandler):
    """A request handler that refuses malformed requests cleanly and times out idle clients."""

    timeout = IDLE_TIMEOUT
    default_request_version = "HTTP/1.0"  # so that errors on a garbled request line have a status

    def handle(self) -> None:
        try:
            super().handle()
        except _DISCONNECTS as err:
            self.close_connection = True
            if getattr(self.server, "verbose", False):
                sys.stderr.write(f"{self.client_address[0]} disconnected ({type(err).__name__})\n")

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        problem = self._header_problem()
        if problem:
            self.close_connection = True
            self.send_error(400, problem)
            return False
        return True

    def _header_problem(self) -> str | None:
        if self.headers.defects:
            return "malformed header lines"
        for name, value in self.headers.items():
            if _CONTROL.search(value) or _CONTROL.search(name):
                return f"control character in the {name[:40]!r} header"
        if self.headers.get_all("Transfer-Encoding"):
            return "Transfer-Encoding is not accepted; send a Content-Length"
        lengths = self.headers.get_all("Content-Length") or []
        if len(lengths) > 1:
            return "more than one Content-Length"
        if lengths and not re.fullmatch(r"[0-9]{1,15}", lengths[0].strip(" \t"), re.ASCII):
            return "Content-Length is not a number of bytes"
        return None

    def discard_body(self, length: int, limit: int = 16 << 20) -> None:
        """Read and drop a refused body (up to ``limit``), so the client can read the answer.

        Closing with unread bytes makes the kernel reset the connection, and a client still
        sending then sees the reset instead of the 413.
        """
        remaining = min(length, limit)
        while remaining > 0:
            chunk = self.rfile.read(min(remaining, 1 << 16))
            if not chunk:
                return
            remaining -= len(chunk)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A one-line text error (the stdlib's is an HTML page without our headers)."""
        with_body = self.command != "HEAD" and code >= 200 and code not in (204, 304)
        body = f"{message or self.responses.get(code, ('error',))[0]}\n".encode("utf-8", "replace")
        try:
            self.send_response(code, message)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Connection", "close")
            for name, value in security_headers("text/plain").items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body) if with_body else 0))
            self.end_headers()
            if with_body:
                self.wfile.write(body)
        except _DISCONNECTS:
            pass
        self.close_connection = True


class CappedServer(ThreadingHTTPServer):
    """A threaded HTTP server with a cap on the connections it serves at once."""

    daemon_threads = True
    request_queue_size = 256
    max_connections = MAX_CONNECTIONS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._slots = threading.BoundedSemaphore(self.max_connections)
        self.refused = 0

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            self.refused += 1
            try:
                request.settimeout(1.0)
                request.sendall(
                    b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n"
                    b"Content-Length: 0\r\nConnection: close\r\n\r\n"
                )
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """One line, not a traceback, for what escaped a handler (usually a disconnect)."""
        error = sys.exc_info()[1]
        if isinstance(error, (*_DISCONNECTS, socket.timeout)):
            return
        sys.stderr.write(f"reskg serve: request from {client_address[0]} failed: {error!r}\n")


class ByteLRU:
    """Memoise ``function(*args)`` in an LRU bounded by ``max_bytes`` of keys and values."""

    def __init__(
        self, function: Callable[..., Any], max_bytes: int, size: Callable[[Any], int] = len
    ) -> None:
        self.function, self.max_bytes, self.size = function, max_bytes, size
        self._items: OrderedDict[tuple, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()
        self.bytes = 0

    def __call__(self, *args: Any) -> Any:
        with self._lock:
            hit = self._items.get(args)
            if hit is not None:
                self._items.move_to_end(args)
                return hit[0]
        value = self.function(*args)
        cost = sum(len(a) if isinstance(a, (str, bytes)) else 8 for a in args) + self.size(value)
        if cost > self.max_bytes // 8:  # one huge entry would evict everything else
            return value
        with self._lock:
            if args not in self._items:
                self._items[args] = (value, cost)
                self.bytes += cost
            while self.bytes > self.max_bytes:
                _, (_, dropped) = self._items.popitem(last=False)
                self.bytes -= dropped
        return value
