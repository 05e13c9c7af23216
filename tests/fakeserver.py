"""A fake remote on 127.0.0.1 for hostile-answer tests: it serves whatever a test scripts.

``FakeServer.script`` maps a path to an :class:`Answer` (status, headers, body; ``raw`` sends
bytes that are not HTTP at all; ``drip`` sends the body a byte at a time; ``hang`` never
answers). Every request is recorded (method, path, headers, body) so a test can assert what
was asked, and that nothing was asked at all.
"""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Answer:
    """What the fake server sends for one path."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    raw: bytes | None = None  # sent as is, then the connection is closed
    drip: float = 0.0  # seconds between body bytes
    hang: bool = False
    echo_headers: bool = False  # the body repeats the request's headers


@dataclass
class Seen:
    """One request the fake server received."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class FakeServer:
    """A threaded HTTP server on 127.0.0.1 with scripted answers; ``stop()`` ends it."""

    def __init__(self) -> None:
        self.script: dict[str, Answer | Callable[[Seen], Answer]] = {}
        self.default = Answer(404, body=b"not scripted\n")
        self.seen: list[Seen] = []
        self._stopping = threading.Event()
        fake = self

        class Handle(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def handle_one(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                seen = Seen(self.command, self.path, dict(self.headers.items()), body)
                fake.seen.append(seen)
                path = self.path.split("?", 1)[0]
                answer = fake.script.get(path, fake.default)
                if callable(answer):
                    answer = answer(seen)
                fake.send(self, answer, seen)

            do_GET = do_POST = do_PUT = do_HEAD = do_DELETE = handle_one

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handle)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def send(self, handler: http.server.BaseHTTPRequestHandler, answer: Answer, seen: Seen) -> None:
        if answer.hang:
            self._stopping.wait(120)
            handler.close_connection = True
            return
        if answer.raw is not None:
            handler.wfile.write(answer.raw)
            handler.wfile.flush()
            handler.close_connection = True
            return
        body = answer.body
        if answer.echo_headers:
            body += "".join(f"{k}: {v}\n" for k, v in seen.headers.items()).encode()
        handler.send_response(answer.status)
        headers = {"Content-Length": str(len(body)), **answer.headers}
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        if handler.command == "HEAD":
            return
        try:
            if answer.drip:
                for i in range(len(body)):
                    if self._stopping.is_set():
                        break
                    handler.wfile.write(body[i : i + 1])
                    handler.wfile.flush()
                    time.sleep(answer.drip)
            else:
                handler.wfile.write(body)
        except (TimeoutError, BrokenPipeError, ConnectionResetError):
            handler.close_connection = True

    def stop(self) -> None:
        self._stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
