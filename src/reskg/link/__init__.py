"""Link a graph's entities to Wikidata, GeoNames and ISO 3166: reconciled, cached, never guessed.

Layout (one module, one job):

- ``wikidata``: SPARQL queries and a polite SPARQLWrapper client (User-Agent, retries, 429)
- ``reconcile``: the graph's entities, candidate scoring, clear winners, ties and near misses
- ``cache``: ``data/wikidata-links.tsv``, read and written atomically
- ``apply``: cache rows -> ``owl:sameAs`` / GeoNames / ISO triples in a graph

``link_graph(graph, ...)`` is the one entry point: reconcile what the cache does not hold (or
everything, with ``refresh``), update the cache, and add the cached links to the graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from reskg.link.apply import apply_links, decision_rows
from reskg.link.cache import CACHE_FILE, LinkRow, merge, read_cache, write_cache
from reskg.link.reconcile import Decision, Entity, graph_entities, reconcile
from reskg.link.wikidata import WIKIDATA_ENDPOINT, EndpointError, WikidataClient

__all__ = ["WIKIDATA_ENDPOINT", "LinkResult", "apply_cached_links", "link_graph"]


@dataclass
class LinkResult:
    """What a linking run did."""

    rows: list[LinkRow]  # the cache rows of the graph's entities, as applied
    decisions: list[Decision] = field(default_factory=list)  # made in this run
    added: int = 0  # triples added to the graph
    requests: int = 0  # HTTP requests sent to the endpoint
    error: str | None = None  # why the endpoint could not be used (the cache was)
    unchecked: int = 0  # entities neither in the cache nor reconciled (endpoint failed)
    cache_written: bool = False


def _current(row: LinkRow | None, entity: Entity) -> bool:
    """Whether the cache's row still answers for ``entity`` (a new wiki page asks again)."""
    if row is None or row.label != entity.label or row.kind != entity.kind:
        return False
    return entity.page is None or entity.page in row.note


def link_graph(
    graph: Graph,
    *,
    client: WikidataClient | None = None,
    cache_path: str | Path = CACHE_FILE,
    refresh: bool = False,
    offline: bool = False,
    source: str | None = None,
) -> LinkResult:
    """Reconcile the entities the cache lacks (all, with ``refresh``), cache, and apply links."""
    entities = graph_entities(graph)
    cached = read_cache(cache_path)
    stale = [e for e in entities if refresh or not _current(cached.get(e.key), e)]
    result = LinkResult(rows=[])
    if stale and not offline:
        client = client or WikidataClient()
        known = {
            key: (row.qid, row.kind)
            for key, row in cached.items()
            if row.qid and key not in {e.key for e in stale}
        }
        try:
            result.decisions = reconcile(stale, client, known=known)
        except EndpointError as err:
            result.error = str(err)
        result.requests = client.requests
        if result.decisions:
            new_rows = decision_rows(result.decisions, source or client.endpoint)
            merged = merge(cached, new_rows)
            if merged != cached:
                write_cache(cache_path, merged.values())
                result.cache_written = True
            cached = merged
    result.rows = [cached[e.key] for e in entities if e.key in cached]
    result.unchecked = sum(1 for e in entities if e.key not in cached)
    result.added = apply_links(graph, result.rows)
    return result


def apply_cached_links(graph: Graph, cache_path: str | Path = CACHE_FILE) -> int:
    """Add the links the cache holds for the graph's entities (offline); returns triples added."""
    return link_graph(graph, cache_path=cache_path, offline=True).added
