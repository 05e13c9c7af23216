"""Outputs that are not plain files, full disks, closed pipes, and outputs that name an input.

The atomic writer renamed its temporary file over whatever the output path named: run as
root, ``-o /dev/full`` replaced the device node with a regular file. These tests never point
at a real device node with a path that could be renamed over: they use FIFOs and symlinks in
the test's directory (a symlink's target decides).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "data" / "articles" / "oic-resolution-10-11.txt"
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def reskg(*args: str, **kw: object) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reskg.cli", *args],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
        **kw,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bundled article's graph as N-Triples, written to a regular file."""
    path = tmp_path_factory.mktemp("reference") / "graph.nt"
    assert reskg("build", str(ARTICLE), "-o", str(path)).returncode == 0
    return path.read_bytes()


def assert_one_error_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if not line[0].isdigit()]
    assert len(errors) == 1, result.stderr
    return errors[0]


def test_a_fifo_output_is_written_through_not_replaced(tmp_path: Path, reference: bytes) -> None:
    fifo = tmp_path / "out.nt"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = reskg("build", str(ARTICLE), "-o", str(fifo))
    reader.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode), "the FIFO was replaced by a regular file"
    assert received == [reference]


def test_a_symlink_to_dev_null_is_written_through(tmp_path: Path) -> None:
    link = tmp_path / "out.ttl"
    link.symlink_to(os.devnull)
    result = reskg("build", str(ARTICLE), "-o", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and stat.S_ISCHR(Path(os.devnull).stat().st_mode)
    assert list(tmp_path.iterdir()) == [link], "a temporary file was left"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_device_is_one_line(tmp_path: Path) -> None:
    link = tmp_path / "out.ttl"
    link.symlink_to("/dev/full")
    line = assert_one_error_line(reskg("build", str(ARTICLE), "-o", str(link)))
    assert "No space left on device" in line
    assert link.is_symlink() and stat.S_ISCHR(Path("/dev/full").stat().st_mode)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", [["build", str(ARTICLE)], ["query", "evidence"]])
def test_stdout_on_a_full_device_is_one_line(command: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "reskg.cli", *command],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
            timeout=120,
        )
    assert "No space left on device" in assert_one_error_line(result)


def test_a_closed_pipe_ends_quietly() -> None:
    """``reskg query evidence | head -1``: exit 0, nothing on stderr."""
    process = subprocess.Popen(
        [sys.executable, "-m", "reskg.cli", "query", "evidence", "--format", "csv"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith(b"subject,")
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=60) == 0
    assert stderr == b""


def test_an_output_that_is_an_input_is_refused(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(ARTICLE.read_bytes())
    link = tmp_path / "a.ttl"
    link.symlink_to(article)
    for output in (article, link):
        line = assert_one_error_line(
            reskg("build", str(article), "-o", str(output), "--format", "nt")
        )
        assert "is the article" in line
    assert article.read_bytes() == ARTICLE.read_bytes()


def test_a_long_output_name_is_written(tmp_path: Path) -> None:
    output = tmp_path / ("x" * 246 + ".ttl")  # 250 characters: the temporary name was longer
    result = reskg("build", str(ARTICLE), "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert output.stat().st_size > 0 and len(list(tmp_path.iterdir())) == 1


def test_a_fifo_article_does_not_hang_the_batch(tmp_path: Path, reference: bytes) -> None:
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    output = tmp_path / "out.nt"
    result = reskg("build", str(fifo), str(ARTICLE), "-o", str(output), "--keep-going")
    assert result.returncode == 2
    assert f"{fifo}: not a regular file" in result.stderr
    assert output.read_bytes() == reference
