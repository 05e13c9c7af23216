"""Time and peak memory of ``reskg build`` on name-dense articles of growing size.

An article in which every line names new people, places, organisations and resolution
symbols is the worst case for the mention scanner and the graph's size; the figures show
whether extraction stays linear in the article's size, and where ``MAX_ARTICLE_BYTES`` keeps
one article under 1 GB. Run: ``python benchmarks/dense_article.py [KB ...]`` (default 128 256
512 768); prints a Markdown table with the machine and date.
"""

from __future__ import annotations

import datetime
import os
import platform
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYLLABLES = ["ka", "lo", "mer", "dan", "vi", "sto", "rel", "ban", "qu", "zor", "pel", "tin"]


def dense_article(size: int, seed: int = 1) -> str:
    """A flattened article of about ``size`` bytes in which every line names new people,
    places, organisations and resolutions (made-up names, so each is a new entity)."""
    rnd = random.Random(seed)

    def name() -> str:
        return "".join(rnd.choice(SYLLABLES) for _ in range(3)).capitalize()

    lines = ["= Resolution 10/11 of the Islamic Summit =", "", "== Background =="]
    written, i = 0, 0
    while written < size:
        line = (
            f"{name()} {name()}, Foreign Minister of {name()}stan, met {name()} {name()} of "
            f"the {name()} Council and the Ministry of {name()} in {name()}, {name()}, "
            f"under Resolution {i}/{i % 50}."
        )
        lines.append(line)
        written += len(line) + 1
        i += 1
    return "\n".join(lines) + "\n"


def measure(kb: int) -> tuple[float, int, int]:
    """Seconds, peak resident MB and exit code of one ``reskg build`` of a ``kb`` KB article."""
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "dense.txt"
        article.write_text(dense_article(kb * 1024), encoding="utf-8")
        script = (
            "import resource, subprocess, sys, time\n"
            "t = time.perf_counter()\n"
            "r = subprocess.run(sys.argv[1:], capture_output=True)\n"
            "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
            "print(time.perf_counter() - t, peak, r.returncode)\n"
        )
        command = [sys.executable, "-m", "reskg.cli", "build", str(article), "--no-link"]
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        out = subprocess.run(
            [sys.executable, "-c", script, *command, "-o", str(Path(tmp) / "g.nt")],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout.split()
        return float(out[0]), int(out[1]) // 1024, int(out[2])


def main(sizes: list[int]) -> None:
    print(f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%dT%H:%M}+00:00")
    print(f"- machine: {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs")
    print(f"- Python {platform.python_version()}")
    print()
    print("| article KB | build s | s per 100 KB | peak MB | exit |")
    print("|---:|---:|---:|---:|---:|")
    for kb in sizes:
        seconds, peak, code = measure(kb)
        row = f"| {kb} | {seconds:.1f} | {seconds / kb * 100:.1f} | {peak} | {code} |"
        print(row, flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [128, 256, 512, 768])
