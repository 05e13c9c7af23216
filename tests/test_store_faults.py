"""``reskg load`` against stores that fail: stopped mid-load, refusing, erroring, silent.

Each fault gives one clear error line and exit 2; the named graph afterwards holds the old
version or the new one, never a mix. Credentials never appear in any output or file.
"""

from __future__ import annotations

import base64
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import OxigraphServer, free_port, start_oxigraph
from SPARQLWrapper import JSON, SPARQLWrapper

GRAPH = "https://example.org/graphs/resolutions"
SECRET = "pa55-Wörd-never-shown"


def _ntriples(path: Path, version: str, triples: int) -> Path:
    """A graph file of ``triples`` triples, every one marked with ``version``."""
    with path.open("w", encoding="utf-8") as handle:
        for i in range(triples):
            handle.write(f'<urn:r:{i}> <urn:p:{version}> "{version} {i}" .\n')
    return path


def _count(server: OxigraphServer, predicate: str | None = None) -> int:
    pattern = f"?s <urn:p:{predicate}> ?o" if predicate else "?s ?p ?o"
    sparql = SPARQLWrapper(server.query_url)
    sparql.setQuery(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ {pattern} }} }}")
    sparql.setReturnFormat(JSON)
    return int(sparql.queryAndConvert()["results"]["bindings"][0]["n"]["value"])


def _load(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, **kw):
    return subprocess.Popen(
        [sys.executable, "-m", "reskg.cli", "load", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env={
            **os.environ,
            "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src"),
            **(env or {}),
        },
        **kw,
    )


def _run_load(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None):
    process = _load(*args, cwd=cwd, env=env)
    out, err = process.communicate(timeout=120)
    return process.returncode, out, err


def test_store_killed_mid_load_holds_the_old_graph_or_the_new_one(tmp_path: Path) -> None:
    old = _ntriples(tmp_path / "old.nt", "old", 1_000)
    new = _ntriples(tmp_path / "new.nt", "new", 400_000)
    server = start_oxigraph(tmp_path / "store")
    try:
        code, _, err = _run_load(str(old), "--store", server.store_url, "--graph", GRAPH)
        assert code == 0, err
        assert _count(server) == 1_000
        loading = _load(str(new), "--store", server.store_url, "--graph", GRAPH, "--retries", "0")
        time.sleep(2.5)  # reading and sending 400,000 triples takes longer than this
        assert loading.poll() is None, "the load finished before the store could be stopped"
        os.kill(server.process.pid, signal.SIGKILL)
        server.process.wait(timeout=10)
        _, err = loading.communicate(timeout=120)
    finally:
        server.stop()
    assert loading.returncode == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reskg load: "), err
    assert "Traceback" not in err
    # restart on the same files: the graph is one version, whole
    again = start_oxigraph(tmp_path / "store")
    try:
        old_left, new_left, total = _count(again, "old"), _count(again, "new"), _count(again)
    finally:
        again.stop()
    assert (old_left, new_left) in ((1_000, 0), (0, 400_000)), (old_left, new_left)
    assert total == old_left + new_left


def test_refused_connection_is_retried_then_one_clear_error(tmp_path: Path) -> None:
    graph = _ntriples(tmp_path / "g.nt", "v", 10)
    url = f"http://127.0.0.1:{free_port()}/store"
    started = time.monotonic()
    code, out, err = _run_load(str(graph), "--store", url, "--retries", "2")
    seconds = time.monotonic() - started
    assert code == 2 and out == ""
    assert err.strip() == (
        f"reskg load: {url}: cannot connect (connection refused) after 3 attempt(s); "
        "is the store running?"
    )
    assert seconds >= 2.0, "two retries wait 0.5 s and 1.5 s"


class _Handler(BaseHTTPRequestHandler):
    """A store that answers every PUT with one fixed failure, and echoes what it was sent."""

    requests: list[dict[str, str]]
    behaviour: str

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_PUT(self) -> None:
        self.requests.append(dict(self.headers))
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        if self.behaviour == "silent":
            time.sleep(5)
        body = ("internal error; request headers were: " + repr(dict(self.headers))).encode()
        self.send_response(500)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_PUT


@pytest.fixture
def failing_store() -> Iterator[tuple[str, list[dict[str, str]]]]:
    """A store answering 500 with a body that echoes the request headers (credentials too)."""
    requests: list[dict[str, str]] = []
    handler = type("Handler", (_Handler,), {"requests": requests, "behaviour": "500"})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/store", requests
    server.shutdown()
    server.server_close()


def test_http_500_is_not_retried_and_is_one_line(failing_store, tmp_path: Path) -> None:
    url, requests = failing_store
    graph = _ntriples(tmp_path / "g.nt", "v", 10)
    code, _, err = _run_load(str(graph), "--store", url, "--graph", GRAPH)
    assert code == 2
    assert len(requests) == 1, "a 500 is an answer, not a transient fault: no retry"
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "HTTP 500" in lines[0], err


def test_store_that_never_answers_times_out(tmp_path: Path) -> None:
    graph = _ntriples(tmp_path / "g.nt", "v", 10)
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)  # accepts the connection and never answers
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/store"
        started = time.monotonic()
        code, _, err = _run_load(str(graph), "--store", url, "--timeout", "1")
    assert code == 2
    assert err.strip() == f"reskg load: {url}?default: no answer within 1 s (see --timeout)"
    assert time.monotonic() - started < 20


@pytest.mark.parametrize(
    "store",
    ["http://127.0.0.1:notaport/store", "http://[::1/store", "http://127.0.0.1:99999/store"],
)
def test_malformed_store_url_is_one_clear_error(store: str, tmp_path: Path) -> None:
    graph = _ntriples(tmp_path / "g.nt", "v", 10)
    code, _, err = _run_load(str(graph), "--store", store, "--retries", "0")
    assert code == 2
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and err.startswith("reskg load: "), err


# Secrets: the password never appears in stdout, stderr (messages or tracebacks) or any file.


def _secret_forms() -> list[str]:
    basic = base64.b64encode(f"admin:{SECRET}".encode()).decode()
    return [SECRET, SECRET.encode("unicode_escape").decode(), basic]


def _assert_secret_absent(texts: list[str], directory: Path) -> None:
    for text in texts:
        for form in _secret_forms():
            assert form not in text, f"the password appears in the output:\n{text}"
    for path in directory.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for form in _secret_forms():
                assert form.encode() not in data, f"the password was written to {path}"


def _fault_cases(failing_url: str, tmp_path: Path) -> dict[str, list[str]]:
    graph = _ntriples(tmp_path / "g.nt", "v", 10)
    bad = tmp_path / "bad.ttl"
    bad.write_text("<urn:a> <urn:b> .\n")
    refused = f"http://127.0.0.1:{free_port()}/store"
    return {
        "500-echoing-headers": [str(graph), "--store", failing_url],
        "refused": [str(graph), "--store", refused, "--retries", "0"],
        "bad-graph-file": [str(bad), "--store", failing_url],
        "missing-graph-file": [str(tmp_path / "nope.nt"), "--store", failing_url],
        "bad-store-url": [str(graph), "--store", "http://127.0.0.1:notaport/store"],
        "no-query-endpoint": [str(graph), "--store", "http://127.0.0.1:1/gsp"],
        "bad-graph-iri": [str(graph), "--store", failing_url, "--graph", "not an iri"],
    }


def test_password_from_the_flag_is_never_shown_or_written(failing_store, tmp_path: Path) -> None:
    url, requests = failing_store
    work = tmp_path / "cwd"
    work.mkdir()
    outputs = []
    for name, args in _fault_cases(url, tmp_path).items():
        code, out, err = _run_load(*args, "--user", "admin", "--password", SECRET, cwd=work)
        assert code == 2, (name, err)
        assert "Traceback" not in err, (name, err)
        outputs += [out, err]
    assert requests and all("Authorization" in r for r in requests), "credentials were sent"
    _assert_secret_absent(outputs, tmp_path)


def test_password_from_the_environment_is_never_shown_or_written(
    failing_store, tmp_path: Path
) -> None:
    url, _ = failing_store
    work = tmp_path / "cwd"
    work.mkdir()
    env = {"RESKG_STORE_USER": "admin", "RESKG_STORE_PASSWORD": SECRET}
    outputs = []
    for name, args in _fault_cases(url, tmp_path).items():
        code, out, err = _run_load(*args, cwd=work, env=env)
        assert code == 2, (name, err)
        outputs += [out, err]
    _assert_secret_absent(outputs, tmp_path)


def test_password_in_the_store_url_is_refused_without_showing_it(tmp_path: Path) -> None:
    graph = _ntriples(tmp_path / "g.nt", "v", 10)
    url = f"http://admin:{SECRET}@127.0.0.1:{free_port()}/store"
    code, out, err = _run_load(str(graph), "--store", url, "--retries", "0")
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    _assert_secret_absent([out, err], tmp_path)


def test_password_in_a_non_http_store_url_is_not_echoed(tmp_path: Path) -> None:
    graph = _ntriples(tmp_path / "g.nt", "v", 10)
    code, out, err = _run_load(str(graph), "--store", f"ftp://admin:{SECRET}@host/store")
    assert code == 2
    assert "must be an http(s) URL" in err
    _assert_secret_absent([out, err], tmp_path)


def test_a_crash_inside_load_shows_no_secret(tmp_path: Path) -> None:
    """Even an unexpected exception's traceback must not carry the credentials."""
    script = (
        "import sys\n"
        "from reskg.publish import store\n"
        "def boom(*a, **k):\n"
        "    raise RuntimeError('unexpected')\n"
        "store.put_graph = boom\n"
        "from reskg.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    graph = _ntriples(tmp_path / "g.nt", "v", 10)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            "load",
            str(graph),
            "--store",
            "http://127.0.0.1:1/store",
            "--user",
            "admin",
            "--password",
            SECRET,
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    _assert_secret_absent([done.stdout, done.stderr], tmp_path)
