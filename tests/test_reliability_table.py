"""docs/reliability.md's table of cases: every row names a test that exists (or a benchmark),
and every bad-input kind has a row. The named tests run in the suite; this keeps the table true.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from test_bad_input import KINDS

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "reliability.md"


def _rows() -> list[list[str]]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Every case", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        if re.match(r"\| \d+ \|", line):
            rows.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]])
    return rows


def test_every_row_names_a_real_test() -> None:
    rows = _rows()
    assert len(rows) >= 49 + 42
    references = [row[-1].strip("`") for row in rows]
    files = sorted({r.split("::")[0] for r in references if r.startswith("tests/")})
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *files],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    ).stdout.splitlines()
    missing = []
    for reference in references:
        if reference.startswith("benchmarks/"):
            if not (ROOT / reference).is_file():
                missing.append(reference)
        elif not any(c == reference or c.startswith(reference + "[") for c in collected):
            missing.append(reference)
    assert not missing, f"rows naming no collected test: {missing}"


def test_every_bad_input_kind_has_a_row() -> None:
    cases = {row[1] for row in _rows()}
    assert {f"article: {kind}" for kind in KINDS} <= cases


def test_rows_are_numbered_in_order() -> None:
    assert [int(row[0]) for row in _rows()] == list(range(1, len(_rows()) + 1))
