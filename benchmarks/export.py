"""Synthetic MediaWiki export, and what reading and building it costs against flattened input.

Usage: ``python benchmarks/export.py [--n 10000] [--jobs 2] [--out benchmarks/READERS.md]``.
The export holds the synthetic corpus of ``synth.py`` as wikitext pages (each article's
infobox as ``{{Infobox UN resolution}}``, its places and people linked, references,
categories), with a redirect and a talk page after every 20th, bzip2-compressed and written
page by page. The script measures reading it as a stream (mwxml alone, then with the wikitext
parsed), building it with ``reskg build export.xml.bz2 --jobs N``, and building the same
articles as flattened files first, each build's wall time, CPU time (of all its processes,
less sensitive than wall time to a busy machine) and peak memory (the largest process);
it prints the figures with the machine and date and writes them to ``--out``.
"""

from __future__ import annotations

import argparse
import bz2
import re
import resource
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run
import synth

HEAD = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="en">
  <siteinfo>
    <sitename>Wikipedia</sitename>
    <dbname>enwiki</dbname>
    <base>https://en.wikipedia.org/wiki/Main_Page</base>
    <generator>MediaWiki 1.43.0-wmf.1</generator>
    <case>first-letter</case>
    <namespaces>
      <namespace key="0" case="first-letter" />
      <namespace key="1" case="first-letter">Talk</namespace>
    </namespaces>
  </siteinfo>
"""
NAMES = sorted({*synth.COUNTRIES, *(city for city, _ in synth.CITIES)}, key=len, reverse=True)


def to_wikitext(flattened: str) -> tuple[str, str]:
    """The title and wikitext of a synthetic flattened article (links, refs, templates)."""
    head, _, rest = flattened.partition("\n")
    title = head.strip("= ")
    lines = rest.split("\n")
    fields = [line[2:].split(":", 1) for line in lines if re.match(r"- [A-Z][a-z]+: ", line)]
    infobox_end = next(i for i, line in enumerate(lines) if line.startswith("- Place:")) + 1
    body = "\n".join(lines[infobox_end:])
    for name in NAMES:
        body = re.sub(rf"(?<![\[\w]){re.escape(name)}(?![\w\]])", f"[[{name}]]", body, count=1)
    body = re.sub(r"(?m)^- ", "* ", body)
    body = re.sub(
        r"(?m)^([^=*\n].*[.:;])$", r"\1<ref>{{cite web |url=https://example.org}}</ref>", body
    )
    infobox = "\n".join(f"| {k.lower()} = {v.strip()}" for k, v in fields)
    text = (
        "{{Short description|Resolution}}\n{{Infobox UN resolution\n"
        f"{infobox}\n| image = Example.jpg\n}}}}\n{body.strip()}\n\n== References ==\n"
        "{{Reflist}}\n\n[[Category:Resolutions]]\n"
    )
    return title, text


def _page(title: str, namespace: int, page_id: int, text: str, redirect: str = "") -> str:
    red = f'    <redirect title="{escape(redirect)}" />\n' if redirect else ""
    return (
        f"  <page>\n    <title>{escape(title)}</title>\n    <ns>{namespace}</ns>\n"
        f"    <id>{page_id}</id>\n{red}    <revision>\n      <id>{page_id + 10**8}</id>\n"
        "      <timestamp>2024-03-01T10:00:00Z</timestamp>\n"
        "      <contributor><username>Example</username><id>1</id></contributor>\n"
        "      <model>wikitext</model>\n      <format>text/x-wiki</format>\n"
        f'      <text xml:space="preserve">{escape(text)}</text>\n    </revision>\n  </page>\n'
    )


def write_export(n: int, path: Path, corpus: Path | None = None) -> int:
    """Write ``n`` synthetic articles as a bz2 export (and as flattened files into ``corpus``).

    Returns the number of pages written (with the redirects and talk pages).
    """
    pages = 0
    seen: set[str] = set()
    with bz2.open(path, "wt", encoding="utf-8") as out:
        out.write(HEAD)
        for index in range(n):
            name, flattened = synth.article(index)
            title, text = to_wikitext(flattened)
            if title in seen:  # two synthetic articles can share a heading: as on a wiki,
                title = f"{title} ({index})"  # the later page is disambiguated
                flattened = flattened.replace(flattened.split("\n", 1)[0], f"= {title} =", 1)
            seen.add(title)
            if corpus is not None:
                (corpus / name).write_text(flattened, encoding="utf-8")
            out.write(_page(title, 0, 3 * index + 1, text))
            pages += 1
            if index % 20 == 0:
                out.write(_page(f"Res {index}", 0, 3 * index + 2, f"#REDIRECT [[{title}]]", title))
                out.write(_page(f"Talk:{title}", 1, 3 * index + 3, "== Sources ==\nMore needed."))
                pages += 2
        out.write("</mediawiki>\n")
    return pages


def _children_cpu() -> float:
    """User and system seconds of the child processes waited for so far (with theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def read_rates(path: Path) -> tuple[float, float, int]:
    """Pages per second streamed (mwxml alone), and with their wikitext parsed; articles."""
    from reskg.read import inputs

    start = time.perf_counter()
    count = sum(1 for _ in inputs(path))
    streamed = time.perf_counter() - start
    start = time.perf_counter()
    for page in inputs(path):
        page.article()
    parsed = time.perf_counter() - start
    return count / streamed, count / parsed, count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles (default 10000)")
    parser.add_argument("--jobs", type=int, default=2, help="build processes (default 2)")
    parser.add_argument("--out", type=Path, help="write the report here too")
    args = parser.parse_args(argv)
    lines = ["# Readers: a synthetic MediaWiki export against flattened input", "", *run.machine()]
    with tempfile.TemporaryDirectory(prefix="reskg-export-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        corpus.mkdir()
        export = work / "export.xml.bz2"
        start = time.perf_counter()
        pages = write_export(args.n, export, corpus)
        made = time.perf_counter() - start
        size = export.stat().st_size / 2**20
        streamed, parsed, articles = read_rates(export)
        builds = {}
        names = sorted(p.name for p in corpus.iterdir())
        for label, inputs in (("flattened", names), ("export", [str(export)])):
            cpu = _children_cpu()
            wall, rss, stderr = run.timed_child(
                [run.reskg_command(), "build", *inputs, "-o", str(work / f"{label}.nt"),
                 "--jobs", str(args.jobs), "--no-link"],
                cwd=corpus,
            )  # fmt: skip
            triples = re.search(r"(\d+) triples", stderr)
            count = int(triples.group(1)) if triples else 0
            builds[label] = (wall, rss, count, _children_cpu() - cpu)
    lines += [
        f"- load average at end: {run.load()}; other processes: {run.busy_processes()}",
        "",
        f"Export: {args.n:,} articles, {pages:,} pages with the redirects and talk pages, "
        f"{size:.1f} MB bzip2, written in {made:.1f} s.",
        "",
        "| step | figure |",
        "|---|---|",
        f"| read, stream only (mwxml, bz2) | {streamed:,.0f} pages/s ({articles:,} articles) |",
        f"| read and parse the wikitext | {parsed:,.0f} pages/s |",
    ]
    for label, (wall, rss, triples, cpu) in builds.items():
        lines.append(
            f"| build {label}, --jobs {args.jobs} | {wall:.1f} s, {args.n / wall:.1f} articles/s, "
            f"{cpu:.0f} s CPU, peak {rss:.0f} MB, {triples:,} triples |"
        )
    ratio = builds["export"][0] / builds["flattened"][0]
    cpu_ratio = builds["export"][3] / builds["flattened"][3]
    lines += [
        "",
        f"Export / flattened: build time {ratio:.2f}, CPU time (all processes) {cpu_ratio:.2f}.",
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
