"""The one entry point from article files to a validated graph: ``build(paths, base)``.

Layout:

- ``read_and_extract(path)``: one article file -> (Article, facts); raises ArticleError
- ``extract_all(paths, jobs, input_format, selection)``: each article the files hold (a file,
  or each selected page of an export) -> (Article, facts) or its error, in input order, in
  ``jobs`` worker processes; exports are streamed, with a bounded number of pages in flight
- ``build(paths, base, jobs, progress, ...)``: many files -> BuildResult (graph, articles,
  failures)
- ``entity_counts(graph)``: entities by type, for summaries
"""

from __future__ import annotations

import multiprocessing
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import RDF, Graph, URIRef

from reskg.assemble import LocalTriples, assemble
from reskg.atomic import default_sigterm
from reskg.extract import extract_facts
from reskg.extract.links import link_facts
from reskg.facts import Fact
from reskg.iris import DEFAULT_BASE, ORG, RESKG, SCHEMA, mint_iri
from reskg.progress import Progress
from reskg.read import Article, ArticleError, Input, Selection, inputs, read_article, reader_for

_START_METHODS = multiprocessing.get_all_start_methods()


@dataclass
class BuildResult:
    """What a build made: the graph, the articles read (name and title), the inputs that failed."""

    graph: Graph
    articles: list[Article] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def read_and_extract(path: str | Path) -> tuple[Article, list[Fact]]:
    """Read one article file and run every extractor on it."""
    article = read_article(path)
    return article, link_facts(article, extract_facts(article))


def _extract_one(item: Input | str) -> tuple[Article, list[Fact]] | str:
    """Read and extract one article in a worker; an unreadable one becomes its error text.

    A ``str`` is an error met while reading an export, passed through in its place.
    """
    if isinstance(item, str):
        return item
    try:
        article = item.article()
    except ArticleError as err:
        return str(err)
    return article, link_facts(article, extract_facts(article))


def _inputs(
    paths: Iterable[str | Path], input_format: str | None, selection: Selection | None
) -> Iterator[Input | str]:
    """Every article the files hold, unread, in order; a broken export ends as its error."""
    for path in paths:
        try:
            yield from inputs(path, input_format, selection)
        except ArticleError as err:
            yield str(err)


def extract_all(
    paths: Sequence[str | Path],
    jobs: int = 1,
    input_format: str | None = None,
    selection: Selection | None = None,
) -> Iterator[tuple[Article, list[Fact]] | str]:
    """Read and extract each article, in input order; ``jobs`` > 1 uses worker processes."""
    items = _inputs(paths, input_format, selection)
    many = any(_streamed(p, input_format) for p in paths)
    if jobs <= 1 or (len(paths) < 2 and not many):
        yield from map(_extract_one, items)
        return
    # Warm the gazetteer once so forked workers inherit it instead of each loading it.
    from reskg import gazetteer

    gazetteer.organization_names()
    gazetteer.find_city("London")
    context = multiprocessing.get_context("fork" if "fork" in _START_METHODS else None)
    chunksize = 8 if many else max(1, min(32, len(paths) // (jobs * 8)))
    # The pool's feeder thread would read a whole export ahead: hold it to a few chunks.
    in_flight = threading.BoundedSemaphore(chunksize * jobs * 4)

    stopped = threading.Event()

    def fed() -> Iterator[Input | str]:
        for item in items:
            # Poll, so that a build stopped early (an error, SIGTERM) frees the feeder thread,
            # which the pool's terminate() waits for.
            while not in_flight.acquire(timeout=0.1):
                if stopped.is_set():
                    return
            yield item

    workers = jobs if many else min(jobs, len(paths))
    with context.Pool(workers, initializer=default_sigterm) as pool:
        try:
            # imap keeps the input order, so the graph is the same for every jobs value.
            for outcome in pool.imap(_extract_one, fed(), chunksize=chunksize):
                in_flight.release()
                yield outcome
        finally:
            stopped.set()


def _streamed(path: str | Path, input_format: str | None) -> bool:
    """Whether ``path`` is an export, read page by page."""
    reader = reader_for(path, input_format)
    return reader is not None and reader.many


def _light(article: Article) -> Article:
    """The article without its text and structure: what a BuildResult keeps of it."""
    return replace(article, text="", infobox=[], sections=[], paragraphs=[], sentences=[], links=[])


def _unique_articles(
    paths: Sequence[str | Path], base: str, failures: list[str], input_format: str | None
) -> list[str | Path]:
    """``paths`` without those whose article IRI (made of the file name) an earlier one has.

    Two files with one name would share their evidence and selector IRIs; each later one
    becomes a failure naming the first.
    """
    first: dict[str, str | Path] = {}
    unique = []
    for path in paths:
        if _streamed(path, input_format):
            unique.append(path)  # its pages are checked as they are read
            continue
        key = mint_iri(base, "article", Path(path).stem)
        if key in first:
            failures.append(
                f"{path}: the same article name as {first[key]} (article IRIs are made of the"
                " file name, so each article needs its own)"
            )
            continue
        first[key] = path
        unique.append(path)
    return unique


def build(
    paths: Sequence[str | Path],
    base: str = DEFAULT_BASE,
    jobs: int = 1,
    progress: Progress | None = None,
    local_sink: Callable[[LocalTriples], None] | None = None,
    input_format: str | None = None,
    selection: Selection | None = None,
) -> BuildResult:
    """Read and extract every article (collecting failures), then assemble one graph.

    Articles stream through: each is assembled as soon as it is extracted and its text is
    not kept beyond that, so memory grows with the graph, not with the corpus. With
    ``local_sink`` (a ``reskg.spool.LocalSpool``), evidence and selectors go there instead.
    ``input_format`` forces a reader; ``selection`` picks the pages of exports.
    """
    articles: list[Article] = []
    failures: list[str] = []
    unique = _unique_articles(paths, base, failures, input_format)
    seen: dict[str, str] = {}

    def batches() -> Iterator[tuple[Article, list[Fact]]]:
        if progress is not None and failures:
            progress.update(len(failures))
        for outcome in extract_all(unique, jobs, input_format, selection):
            if isinstance(outcome, str) or _clashes(outcome[0]):
                failures.append(outcome if isinstance(outcome, str) else _clash(outcome[0]))
                if progress is not None:
                    progress.update()
                continue
            articles.append(_light(outcome[0]))
            yield outcome

    def _clashes(article: Article) -> bool:
        key = mint_iri(base, "article", article.key)
        if key in seen:
            return True
        seen[key] = article.name
        return False

    def _clash(article: Article) -> str:
        first = seen[mint_iri(base, "article", article.key)]
        return (
            f"{article.name}: the same article name as {first} (article IRIs are made of the"
            " file name or page title, so each article needs its own)"
        )

    def on_article(triples: int) -> None:
        if progress is not None:
            progress.update(triples=triples)

    graph = assemble(batches(), base=base, on_article=on_article, local_sink=local_sink)
    if progress is not None:
        progress.close()
    return BuildResult(graph=graph, articles=articles, failures=failures)


_SUMMARY_TYPES = {
    "resolutions": RESKG.Resolution,
    "provisions": RESKG.Provision,
    "people": SCHEMA.Person,
    "roles": ORG.Membership,
    "places": SCHEMA.Place,
    "organizations": ORG.Organization,
    "events": SCHEMA.Event,
    "evidence": RESKG.Evidence,
}


def entity_counts(graph: Graph, elsewhere: Mapping[URIRef, int] | None = None) -> dict[str, int]:
    """Number of nodes of each main type; ``elsewhere``: more instances per class (a spool's)."""
    counts: Counter[str] = Counter()
    for name, cls in _SUMMARY_TYPES.items():
        counts[name] = len(set(graph.subjects(RDF.type, cls))) + (elsewhere or {}).get(cls, 0)
    return dict(counts)
