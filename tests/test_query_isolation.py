"""``reskg query`` survives its engine: a segfault, a Rust panic and Ctrl-C are one line each.

pyoxigraph overflowed its stack on ``FILTER(`` and 5,000 ``(`` (exit 139, no message) and
aborted on ``ORDER BY ?c`` over the published graph of the time (exit 134, a 57-line
backtrace; ``tests/fixtures/order-by-panic.nt`` keeps 56 of its triples that still do it); a
runaway query could not be stopped with Ctrl-C. Queries over files now run in a forked child.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reskg.isolate import Crashed, run_isolated

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


PANIC_GRAPH = ROOT / "tests" / "fixtures" / "order-by-panic.nt"


def query(text: str, *graphs: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reskg.cli", "query", text, *map(str, graphs)],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("text", "graphs"),
    [
        ("SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }", ()),
        ("SELECT ?c WHERE { ?a ?b ?c } ORDER BY ?c LIMIT 1", (PANIC_GRAPH,)),
    ],
    ids=["5000 parentheses", "ORDER BY panic"],
)
def test_an_engine_crash_is_one_line(text: str, graphs: tuple[Path, ...]) -> None:
    result = query(text, *graphs)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reskg query: the query engine"), lines[:3]


def test_ctrl_c_stops_a_runaway_query() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "reskg.cli", "query", RUNAWAY],
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
        start_new_session=True,
    )
    time.sleep(3)  # loaded and running the query
    started = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert stderr.strip() == "reskg: interrupted"
    assert time.monotonic() - started < 5
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)  # the child is gone too


def test_results_and_errors_come_back_from_the_child() -> None:
    assert run_isolated(lambda: {"a": [1, 2]}) == {"a": [1, 2]}
    with pytest.raises(ValueError, match="bad"):
        run_isolated(lambda: (_ for _ in ()).throw(ValueError("bad")))
    with pytest.raises(Crashed, match="SIGKILL"):
        run_isolated(lambda: os.kill(os.getpid(), signal.SIGKILL))
