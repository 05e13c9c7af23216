"""Ctrl-C and SIGTERM to the whole process group during a parallel, spooled build.

What a terminal's Ctrl-C does: every process of the group gets SIGINT. Each pool worker
printed a KeyboardInterrupt traceback before ``reskg: interrupted``. Now the workers leave
SIGINT to the parent, which stops them; the exit code is 130 (SIGINT) or 143 (SIGTERM), the old
output is intact and no temporary file or spool directory is left.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "data" / "articles" / "oic-resolution-10-11.txt"


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("articles")
    text = ARTICLE.read_bytes()
    paths = [folder / f"a{i:03}.txt" for i in range(110)]  # more than one spool batch
    for path in paths:
        path.write_bytes(text)
    return paths


@pytest.mark.parametrize(("name", "code"), [("SIGINT", 130), ("SIGTERM", 143)])
@pytest.mark.parametrize("after", [2.0, 6.0])
def test_a_signal_to_the_group_stops_a_parallel_build_cleanly(
    articles: list[Path], tmp_path: Path, name: str, code: int, after: float
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    old = out / "graph.nt"
    old.write_text("old\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "reskg.cli",
            "build",
            *map(str, articles),
            "-j",
            "2",
            "-o",
            str(old),
        ],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    time.sleep(after)
    if process.poll() is not None:
        pytest.skip("the build finished before the signal")
    os.killpg(process.pid, getattr(signal, name))
    started = time.monotonic()
    try:
        _, stderr = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail(f"still running 60 s after {name}")
    assert process.returncode == code, stderr
    assert time.monotonic() - started < 20
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert old.read_text() == "old\n"
    assert [p.name for p in out.iterdir()] == ["graph.nt"], "a temporary file was left"
