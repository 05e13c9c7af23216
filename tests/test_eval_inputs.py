"""``reskg eval`` with gold files of the wrong shape and articles that cannot be read."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "data" / "articles" / "oic-resolution-10-11.txt"


def evaluate(folder: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "reskg.cli", "eval", str(folder)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize(
    "gold",
    [
        '{"resolutions": [{"role": "subject", "votes": "x"}]}',
        '{"events": [{"date_start": {}}]}',
        '{"resolutions": "none"}',
        '{"people": [1, 2]}',
        "[]",
        "{",
        '{"provisions": {}}',
    ],
)
def test_a_gold_file_of_the_wrong_shape_is_one_line(tmp_path: Path, gold: str) -> None:
    (tmp_path / "a.txt").write_bytes(ARTICLE.read_bytes())
    (tmp_path / "a.gold.json").write_text(gold)
    result = evaluate(tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and errors[0].startswith(str(tmp_path / "a.gold.json")), errors


@pytest.mark.parametrize("kind", ["directory", "fifo", "not utf-8"])
def test_an_article_that_cannot_be_read_is_an_error_not_a_score(tmp_path: Path, kind: str) -> None:
    article = tmp_path / "a.txt"
    if kind == "directory":
        article.mkdir()
    elif kind == "fifo":
        os.mkfifo(article)
    else:
        article.write_bytes(b"= Title =\n\n\xc3\x28 broken\n")
    (tmp_path / "a.gold.json").write_text('{"resolutions": [], "places": []}')
    result = evaluate(tmp_path)
    assert result.returncode == 2, result.stdout
    assert str(article) in result.stderr and "Traceback" not in result.stderr
