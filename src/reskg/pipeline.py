"""The one entry point from article files to a validated graph: ``build(paths, base)``.

Layout:

- ``read_and_extract(path)``: one article file -> (Article, facts); raises ArticleError
- ``build(paths, base, ...)``: many files -> BuildResult (graph, failures, validation)
- ``entity_counts(graph)``: entities by type, for summaries
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph

from reskg.article import Article, ArticleError, read_article
from reskg.assemble import assemble
from reskg.extract import extract_facts
from reskg.facts import Fact
from reskg.iris import DEFAULT_BASE, ORG, RESKG, SCHEMA


@dataclass
class BuildResult:
    """What a build made: the graph, the articles read, and the inputs that failed."""

    graph: Graph
    articles: list[Article] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def read_and_extract(path: str | Path) -> tuple[Article, list[Fact]]:
    """Read one article and run every extractor on it."""
    article = read_article(path)
    return article, extract_facts(article)


def build(paths: Sequence[str | Path], base: str = DEFAULT_BASE) -> BuildResult:
    """Read and extract every article (collecting failures), then assemble one graph."""
    batches: list[tuple[Article, list[Fact]]] = []
    failures: list[str] = []
    for path in paths:
        try:
            batches.append(read_and_extract(path))
        except ArticleError as err:
            failures.append(str(err))
    graph = assemble(batches, base=base)
    return BuildResult(graph=graph, articles=[a for a, _ in batches], failures=failures)


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


def entity_counts(graph: Graph) -> dict[str, int]:
    """Number of nodes of each main type."""
    counts: Counter[str] = Counter()
    for name, cls in _SUMMARY_TYPES.items():
        counts[name] = len(set(graph.subjects(RDF.type, cls)))
    return dict(counts)
