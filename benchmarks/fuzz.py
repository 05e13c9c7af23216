"""Coverage-guided fuzzing of the reader and the extractors with atheris (libFuzzer).

Usage::

    python benchmarks/fuzz.py [--runs N] [--seconds T] [--assemble] [--corpus DIR]

Each input is decoded as an article file would be, parsed, and run through every extractor
(with ``--assemble`` also assembled and validated). The only allowed failure is ArticleError;
any other exception, a fact span outside the text or an empty one, or a non-conforming graph is
a crash: libFuzzer stops and writes the input to ``crash-*``. The seed corpus is the bundled
and corpus articles. At the end the figures are printed with the machine, date and versions.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parent.parent
CHILD = "RESKG_FUZZ_CHILD"

with atheris.instrument_imports(include=["reskg"]):
    from reskg.article import ArticleError, decode_article, parse_article
    from reskg.assemble import assemble
    from reskg.extract import extract_facts, registered_extractors
    from reskg.validate import validate

    registered_extractors()  # imports (and so instruments) every extractor module

STATS = {"inputs": 0, "articles": 0, "refused": 0, "facts": 0, "started": time.monotonic()}
ASSEMBLE = False


def one_input(data: bytes) -> None:
    """Read, parse and extract one input; raise on anything but a clean refusal."""
    STATS["inputs"] += 1
    if STATS["inputs"] % 500 == 0:
        report()
    try:
        article = parse_article(decode_article(data, "fuzz"), name="fuzz")
    except ArticleError as err:
        if not str(err).startswith("fuzz"):
            raise AssertionError(f"error does not name the input: {err}") from err
        STATS["refused"] += 1
        return
    STATS["articles"] += 1
    facts = extract_facts(article)
    STATS["facts"] += len(facts)
    for fact in facts:
        start, end = fact.span
        if not 0 <= start < end <= len(article.text):
            raise AssertionError(f"span {fact.span} outside the text or empty: {fact}")
    if ASSEMBLE:
        validation = validate(assemble([(article, facts)]))
        if not validation.conforms:
            raise AssertionError(f"graph does not conform: {validation}")


def _versions() -> str:
    from importlib.metadata import version

    names = ("reskg", "atheris", "rdflib", "pyshacl")
    return ", ".join(f"{n} {version(n)}" for n in names)


def report() -> None:
    """One line of what the child has seen so far (the parent prints the last one)."""
    print(
        f"fuzz: {STATS['inputs']} inputs: {STATS['articles']} parsed as articles, "
        f"{STATS['refused']} refused with ArticleError, {STATS['facts']} facts; "
        f"assemble+validate: {'yes' if ASSEMBLE else 'no'}",
        file=sys.stderr,
        flush=True,
    )


def _seed_corpus(directory: Path) -> None:
    """Copy the bundled and corpus articles (cut to 4 KB) as the starting inputs."""
    for path in sorted((ROOT / "data").glob("*/*.txt")):
        (directory / path.name).write_bytes(path.read_bytes()[:4096])


def _run_child(argv: list[str]) -> int:
    """Fuzz in a child process (libFuzzer ends its process abruptly), then report."""
    log = Path(tempfile.mkstemp(prefix="reskg-fuzz-", suffix=".log")[1])
    started = time.monotonic()
    with log.open("wb") as handle:
        code = subprocess.call(
            [sys.executable, __file__, *argv], stderr=handle, env={**os.environ, CHILD: "1"}
        )
    text = log.read_text(errors="replace")
    counts = dict(re.findall(r"^stat::(\w+):\s+(\d+)", text, re.M))
    done = re.search(r"^Done (\d+) runs in (\d+) second", text, re.M)
    crashes = re.findall(
        r"^(?:=== Uncaught Python exception.*|.*Test unit written to .*)$", text, re.M
    )
    coverage = re.findall(r" cov: (\d+) ft: (\d+)", text)
    print(next((line for line in reversed(text.splitlines()) if line.startswith("fuzz:")), ""))
    if coverage:
        print(f"coverage: {coverage[-1][0]} edges, {coverage[-1][1]} features")
    print(
        f"runs: {done.group(1) if done else counts.get('number_of_executed_units', '?')} in "
        f"{time.monotonic() - started:.0f} s ({counts.get('average_exec_per_sec', '?')}/s), "
        f"new corpus units: {counts.get('new_units_added', '?')}, "
        f"peak RSS: {counts.get('peak_rss_mb', '?')} MB, exit code {code}"
    )
    print(f"crashes: {len(crashes)}" + "".join(f"\n  {c}" for c in crashes))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}")
    print(f"Python {platform.python_version()}; {_versions()}")
    print(f"date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; log: {log}")
    return code


def main() -> None:
    """Parse options and hand over to libFuzzer (in a child process)."""
    global ASSEMBLE
    if not os.environ.get(CHILD):
        sys.exit(_run_child(sys.argv[1:]))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=0, help="stop after N inputs")
    parser.add_argument("--seconds", type=int, default=60, help="stop after T seconds")
    parser.add_argument("--assemble", action="store_true", help="also assemble and validate")
    parser.add_argument("--corpus", type=Path, help="corpus directory (default: a temporary one)")
    parser.add_argument("--max-len", type=int, default=4096, help="largest input in bytes")
    args = parser.parse_args()
    ASSEMBLE = args.assemble
    corpus = args.corpus or Path(tempfile.mkdtemp(prefix="reskg-fuzz-"))
    corpus.mkdir(parents=True, exist_ok=True)
    if not any(corpus.iterdir()):
        _seed_corpus(corpus)
    libfuzzer = [
        sys.argv[0],
        f"-max_total_time={args.seconds}",
        f"-max_len={args.max_len}",
        "-print_final_stats=1",
        str(corpus),
    ]
    if args.runs:
        libfuzzer.insert(1, f"-runs={args.runs}")
    extract_facts(parse_article("= Warm up =\nResolution 1/2 of 2008 in Dakar.\n"))
    STATS["started"] = time.monotonic()
    atheris.Setup(libfuzzer, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
