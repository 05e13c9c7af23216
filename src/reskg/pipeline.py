"""The one entry point from article files to a validated graph: ``build(paths, base)``.

Layout:

- ``read_and_extract(path)``: one article file -> (Article, facts); raises ArticleError
- ``extract_all(paths, jobs)``: each file -> (Article, facts) or its error, in input order,
  in ``jobs`` worker processes
- ``build(paths, base, jobs, progress)``: many files -> BuildResult (graph, articles, failures)
- ``entity_counts(graph)``: entities by type, for summaries
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import RDF, Graph, URIRef

from reskg.article import Article, ArticleError, read_article
from reskg.assemble import LocalTriples, assemble
from reskg.atomic import default_sigterm
from reskg.extract import extract_facts
from reskg.facts import Fact
from reskg.iris import DEFAULT_BASE, ORG, RESKG, SCHEMA, mint_iri
from reskg.progress import Progress

_START_METHODS = multiprocessing.get_all_start_methods()


@dataclass
class BuildResult:
    """What a build made: the graph, the articles read (name and title), the inputs that failed."""

    graph: Graph
    articles: list[Article] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def read_and_extract(path: str | Path) -> tuple[Article, list[Fact]]:
    """Read one article and run every extractor on it."""
    article = read_article(path)
    return article, extract_facts(article)


def _extract_one(path: str | Path) -> tuple[Article, list[Fact]] | str:
    """Read and extract one article in a worker; an unreadable one becomes its error text."""
    try:
        return read_and_extract(path)
    except ArticleError as err:
        return str(err)


def extract_all(
    paths: Sequence[str | Path], jobs: int = 1
) -> Iterator[tuple[Article, list[Fact]] | str]:
    """Read and extract each article, in input order; ``jobs`` > 1 uses worker processes."""
    if jobs <= 1 or len(paths) < 2:
        yield from map(_extract_one, paths)
        return
    # Warm the gazetteer once so forked workers inherit it instead of each loading it.
    from reskg import gazetteer

    gazetteer.organization_names()
    gazetteer.find_city("London")
    context = multiprocessing.get_context("fork" if "fork" in _START_METHODS else None)
    chunksize = max(1, min(32, len(paths) // (jobs * 8)))
    with context.Pool(min(jobs, len(paths)), initializer=default_sigterm) as pool:
        # imap keeps the input order, so the graph is the same for every jobs value.
        yield from pool.imap(_extract_one, paths, chunksize=chunksize)


def _light(article: Article) -> Article:
    """The article without its text and structure: what a BuildResult keeps of it."""
    return replace(article, text="", infobox=[], sections=[], paragraphs=[], sentences=[])


def _unique_articles(
    paths: Sequence[str | Path], base: str, failures: list[str]
) -> list[str | Path]:
    """``paths`` without those whose article IRI (made of the file name) an earlier one has.

    Two files with one name would share their evidence and selector IRIs; each later one
    becomes a failure naming the first.
    """
    first: dict[str, str | Path] = {}
    unique = []
    for path in paths:
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
) -> BuildResult:
    """Read and extract every article (collecting failures), then assemble one graph.

    Articles stream through: each is assembled as soon as it is extracted and its text is
    not kept beyond that, so memory grows with the graph, not with the corpus. With
    ``local_sink`` (a ``reskg.spool.LocalSpool``), evidence and selectors go there instead.
    """
    articles: list[Article] = []
    failures: list[str] = []
    unique = _unique_articles(paths, base, failures)

    def batches() -> Iterator[tuple[Article, list[Fact]]]:
        if progress is not None and failures:
            progress.update(len(failures))
        for outcome in extract_all(unique, jobs):
            if isinstance(outcome, str):
                failures.append(outcome)
                if progress is not None:
                    progress.update()
                continue
            articles.append(_light(outcome[0]))
            yield outcome

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
