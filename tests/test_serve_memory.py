"""Memory-hungry queries on ``reskg serve`` are stopped by the worker's memory limit, and
results are capped in bytes as well as rows.

A query doubling a string with 26 ``BIND(CONCAT(?x,?x))`` reached 1.8 GB within the time
limit, an ``ORDER BY`` over a cross product 1.85 GB, and a result of 10,000 long rows 168 MB.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import free_port

ROOT = Path(__file__).resolve().parent.parent
GRAPH = ROOT / "data" / "oic-resolution-10-11.ttl"
LIMIT_MB = 256
DOUBLING = (
    'SELECT (STRLEN(?x26) AS ?n) WHERE { BIND("0123456789abcdef" AS ?x0) '
    + " ".join(f"BIND(CONCAT(?x{i}, ?x{i}) AS ?x{i + 1})" for i in range(26))
    + " }"
)
SORTED_CROSS_PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[int, int]]:
    """The port and PID of a ``reskg serve`` with a 256 MB query memory limit."""
    number = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    args = ["--port", str(number), "--query-timeout", "60", "--query-memory", str(LIMIT_MB)]
    process = subprocess.Popen(
        [sys.executable, "-m", "reskg.cli", "serve", str(GRAPH), *args],
        stderr=subprocess.DEVNULL,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{number}/", timeout=2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield number, process.pid
    process.terminate()
    process.wait(timeout=10)


def ask(port: int, query: str) -> tuple[int, dict[str, str], bytes]:
    url = f"http://127.0.0.1:{port}/sparql?query={urllib.parse.quote(query)}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=90) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def _children(pid: int) -> list[int]:
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found  # the server has gone
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(child) for child in handle.read().split()]
        except OSError:
            continue  # a thread that ended between the listing and the read
    return found


def _workers_peak(server: int, stop: threading.Event, peak: list[int]) -> None:
    """The largest resident size any child of the server (a query worker) reaches."""
    page = os.sysconf("SC_PAGE_SIZE")
    while not stop.is_set():
        for pid in _children(server):
            try:
                with open(f"/proc/{pid}/statm") as handle:
                    peak[0] = max(peak[0], int(handle.read().split()[1]) * page)
            except (OSError, ValueError, IndexError):
                continue
        time.sleep(0.01)


@pytest.mark.parametrize("query", [DOUBLING, SORTED_CROSS_PRODUCT], ids=["doubling", "order-by"])
def test_a_query_past_the_memory_limit_is_stopped(served: tuple[int, int], query: str) -> None:
    port, pid = served
    stop, peak = threading.Event(), [0]
    watcher = threading.Thread(target=_workers_peak, args=(pid, stop, peak), daemon=True)
    watcher.start()
    started = time.monotonic()
    status, _, body = ask(port, query)
    stop.set()
    watcher.join()
    assert status == 503 and b"memory" in body, (status, body[:200])
    assert time.monotonic() - started < 30, "stopped by the time limit, not the memory limit"
    assert peak[0] < (LIMIT_MB + 400) << 20, f"a worker reached {peak[0] >> 20} MB"
    assert ask(port, "ASK { ?s ?p ?o }")[0] == 200
    print(f"peak worker memory {peak[0] >> 20} MB")


def test_results_are_capped_in_bytes(served: tuple[int, int]) -> None:
    port, _ = served
    long_text = "x" * 20_000
    query = f'SELECT ?s ?text WHERE {{ ?s ?p ?o BIND("{long_text}" AS ?text) }}'
    status, headers, body = ask(port, query)
    assert status == 200
    assert headers.get("X-SPARQL-MaxBytes") == str(32 << 20)
    assert len(body) < 40 << 20
    rows = len(json.loads(body)["results"]["bindings"])
    assert (32 << 20) // 20_300 < rows <= (32 << 20) // 20_000  # each row: 20,000 and an IRI
