"""Time and peak memory of ``reskg build`` on name-dense articles of growing size.

An article made of sentences that name a country, an organisation, a person with a role and a
resolution symbol in every line is the worst case for the mention scanner; the figures show
whether extraction stays linear in the article's size, and where ``MAX_ARTICLE_BYTES`` keeps
one article under 1 GB. Run: ``python benchmarks/dense_article.py [KB ...]`` (default 25 50
100 200); prints a Markdown table with the machine and date.
"""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES = ["Armenia", "Azerbaijan", "Senegal", "Turkey", "Iran", "France", "Russia", "Egypt"]
BODIES = ["United Nations Security Council", "Organisation of Islamic Cooperation", "NATO"]
PEOPLE = ["Elmar Mammadyarov", "Ali Hasanov", "Aqshin Mehdiyev", "Levon Ter-Petrosyan"]


def dense_article(size: int) -> str:
    """A flattened article of about ``size`` bytes, dense with names and symbols."""
    lines = ["= Resolution 10/11 of the Islamic Summit =", "", "== Background =="]
    i = 0
    while sum(len(line) + 1 for line in lines) < size:
        country, other = COUNTRIES[i % 8], COUNTRIES[(i + 3) % 8]
        body, person = BODIES[i % 3], PEOPLE[i % 4]
        lines.append(
            f"On {1 + i % 28} March 2008 the {body} recalled resolution {800 + i % 97} on "
            f"{country} and {other}; {person}, Foreign Minister of {country}, met the "
            f"Permanent Representative of {other} in Dakar, Senegal."
        )
        i += 1
    return "\n".join(lines) + "\n"


def measure(kb: int) -> tuple[float, int]:
    """Seconds and peak resident MB of one ``reskg build`` of a ``kb`` KB dense article."""
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
        return float(out[0]), int(out[1]) // 1024


def main(sizes: list[int]) -> None:
    print(f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%dT%H:%M}+00:00")
    print(f"- machine: {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs")
    print(f"- Python {platform.python_version()}")
    print()
    print("| article KB | build s | s per 100 KB | peak MB |")
    print("|---:|---:|---:|---:|")
    for kb in sizes:
        seconds, peak = measure(kb)
        print(f"| {kb} | {seconds:.1f} | {seconds / kb * 100:.1f} | {peak} |", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [25, 50, 100, 200])
