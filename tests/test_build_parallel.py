"""``reskg build --jobs``: the same bytes for any number of processes; progress only on a TTY."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

from reskg import paths
from reskg.cli import main
from reskg.progress import Progress

CORPUS = sorted(str(p) for p in paths.CORPUS_DIR.glob("*.txt"))


def test_jobs_2_output_is_byte_identical_to_jobs_1(tmp_path: Path) -> None:
    """The corpus built in two processes is the same N-Triples file as in one."""
    one, two = tmp_path / "one.nt", tmp_path / "two.nt"
    assert main(["build", *CORPUS, "-o", str(one), "--jobs", "1"]) == 0
    assert main(["build", *CORPUS, "-o", str(two), "--jobs", "2"]) == 0
    assert one.read_bytes() == two.read_bytes()
    assert len(one.read_bytes().splitlines()) > 1000


def test_parallel_validation_reports_the_same_results() -> None:
    """Shapes shared out among processes find the same violations as one process."""
    from rdflib import RDFS

    from reskg import validate as v
    from reskg.pipeline import build

    graph = build(CORPUS[:3]).graph
    for i, triple in enumerate(sorted(graph.triples((None, RDFS.label, None)))):
        if i % 5 == 0:
            graph.remove(triple)
    one = v.validate(graph)
    saved = v.PARALLEL_MIN_TRIPLES
    v.PARALLEL_MIN_TRIPLES = 0
    try:
        two = v.validate(graph, jobs=2)
    finally:
        v.PARALLEL_MIN_TRIPLES = saved
    assert not one.conforms and not two.conforms
    assert v.format_report(one) == v.format_report(two)


def test_progress_is_quiet_when_not_a_tty() -> None:
    """A pipe or file gets no progress line."""
    stream = io.StringIO()
    progress = Progress(3, stream=stream)
    for _ in range(3):
        progress.update(triples=10)
    progress.close()
    assert stream.getvalue() == ""


def test_progress_line_on_a_tty() -> None:
    """On a terminal the line shows done/total, triples, elapsed time and rate."""
    stream = io.StringIO()
    progress = Progress(2, stream=stream, enabled=True)
    progress.update(triples=1500)
    progress.update(triples=3000)
    progress.close()
    text = stream.getvalue()
    assert text.startswith("\r") and text.endswith("\n")
    assert "2/2 articles" in text and "3,000 triples" in text and "articles/s" in text
    progress.note("validating")
    assert stream.getvalue()[len(text) :].startswith("validating (")


def test_progress_notes_are_quiet_when_not_a_tty() -> None:
    stream = io.StringIO()
    Progress(2, stream=stream).note("validating")
    assert stream.getvalue() == ""


def test_build_shows_progress_on_a_pty(tmp_path: Path) -> None:
    """``reskg build`` of a batch draws the bar when stderr is a terminal, not when piped."""
    out = tmp_path / "g.nt"
    command = [sys.executable, "-m", "reskg.cli", "build", *CORPUS[:2], "-o", str(out)]
    piped = subprocess.run(command, capture_output=True, text=True, check=True)
    assert "articles/s" not in piped.stderr and "validating" not in piped.stderr
    leader, follower = pty.openpty()
    try:
        proc = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=follower, check=True)
    finally:
        os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.returncode == 0
    shown = b"".join(chunks)
    assert b"2/2 articles" in shown
    # the steps after the bar say what they do
    assert b"\nvalidating " in shown and b" triples (" in shown
    assert f"writing {out} (".encode() in shown
