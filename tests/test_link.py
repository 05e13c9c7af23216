"""Linking to Wikidata against a real SPARQL server holding the Wikidata-shaped fixture."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, SKOS, Graph, Literal, URIRef

from reskg import paths
from reskg.assemble import GraphBuilder
from reskg.cli import main
from reskg.facts import OrganizationFact, PersonFact, PlaceFact
from reskg.iris import DEFAULT_BASE, RESKG, WD
from reskg.link import apply_cached_links, link_graph
from reskg.link.cache import read_cache
from reskg.link.reconcile import graph_entities
from reskg.link.wikidata import WikidataClient, user_agent

# The fixture README's correct items and decoys.
DECOYS = {"Q856268", "Q1384", "Q244165", "Q851756", "Q41550", "Q7888319", "Q226316"}
VERIFIED = {
    "Q227", "Q399", "Q1041", "Q3718", "Q843", "Q833", "Q60", "Q47543", "Q1065", "Q37470",
    "Q47423", "Q81299", "Q41230", "Q7184", "Q159", "Q171328", "Q30",
}  # fmt: skip


def crafted_graph(places: list[PlaceFact], organizations: list[OrganizationFact] = ()) -> Graph:
    """A graph made by the assembler from hand-written facts."""
    builder = GraphBuilder()
    for fact in places:
        node = builder.add_place(fact.name, None, fact.kind)
        if fact.country:
            country = builder.add_place(fact.country, None, "country")
            builder.add(node, URIRef("https://schema.org/containedInPlace"), country)
    for fact in organizations:
        node = builder.add_organization(fact.name, None)
        if fact.abbreviation:
            builder.add(node, SKOS.altLabel, Literal(fact.abbreviation))
    return builder.graph


def article_graph() -> Graph:
    """The entities of the OIC Resolution 10/11 article, with the names it uses."""
    places = [
        PlaceFact("Azerbaijan", (0, 1), "country"),
        PlaceFact("Armenia", (0, 1), "country"),
        PlaceFact("Dakar", (0, 1), "city", country="Senegal"),
        PlaceFact("New York", (0, 1), "city"),
        PlaceFact("Nagorno-Karabakh", (0, 1), "region"),
    ]
    organizations = [
        OrganizationFact("Organization for Security and Co-operation in Europe", (0, 1), "OSCE"),
        OrganizationFact("United Nations", (0, 1), "UN"),
        OrganizationFact("United Nations Security Council", (0, 1), "UNSC"),
        OrganizationFact("Security Council", (0, 1)),
    ]
    graph = crafted_graph(places, organizations)
    person = URIRef(f"{DEFAULT_BASE}/person/elmar-mammadyarov")
    builder = GraphBuilder()
    builder.graph = graph
    builder.label(person, PersonFact("Elmar Mammadyarov", (0, 1)).name)
    graph.add((person, RDF.type, URIRef("https://schema.org/Person")))
    return graph


def links(graph: Graph) -> dict[str, str]:
    """Entity key -> QID of every owl:sameAs Wikidata link in ``graph``."""
    found = {}
    for s, o in graph.subject_objects(OWL.sameAs):
        if str(o).startswith(str(WD)):
            found[str(s).removeprefix(DEFAULT_BASE + "/")] = str(o).removeprefix(str(WD))
    return found


@pytest.fixture
def client(wikidata_server) -> WikidataClient:
    return WikidataClient(wikidata_server.query_url, timeout=10, retries=1, backoff=0.01)


def test_correct_items_are_linked(client: WikidataClient, tmp_path: Path) -> None:
    graph = article_graph()
    link_graph(graph, client=client, cache_path=tmp_path / "links.tsv")
    assert links(graph) == {
        "place/azerbaijan": "Q227",
        "place/armenia": "Q399",
        "place/senegal": "Q1041",
        "place/dakar": "Q3718",
        "place/new-york": "Q60",
        "org/osce": "Q81299",
        "org/un": "Q1065",
        "org/unsc": "Q37470",
        "org/security-council": "Q37470",
    }


def test_decoys_are_never_linked(client: WikidataClient, tmp_path: Path) -> None:
    graph = article_graph()
    result = link_graph(graph, client=client, cache_path=tmp_path / "links.tsv")
    assert not set(links(graph).values()) & DECOYS
    rows = {row.entity: row for row in result.rows}
    assert rows["place/nagorno-karabakh"].qid == ""  # not the Republic of Artsakh
    assert rows["person/elmar-mammadyarov"].status == "not-found"
    assert "Q856268" in rows["place/dakar"].note  # the region was seen and ruled out
    assert "Q7888319" in rows["org/un"].note


def test_two_equally_good_candidates_stay_unlinked_and_reported(
    client: WikidataClient, tmp_path: Path
) -> None:
    # "Dakar" with no kind may be the city (capital of Senegal) or the region (its subdivision)
    graph = crafted_graph([PlaceFact("Dakar", (0, 1), "place", country="Senegal")])
    result = link_graph(graph, client=client, cache_path=tmp_path / "links.tsv")
    row = {r.entity: r for r in result.rows}["place/dakar"]
    assert row.qid == "" and row.status == "tie"
    assert "Q3718" in row.note and "Q856268" in row.note
    assert "place/dakar" not in links(graph)


def test_an_article_costs_a_few_batched_requests(client: WikidataClient, tmp_path: Path) -> None:
    graph = article_graph()
    entities = graph_entities(graph)
    link_graph(graph, client=client, cache_path=tmp_path / "links.tsv")
    assert len(entities) >= 10
    assert client.requests == 2  # one VALUES query for labels, one for the candidates


def test_the_cache_is_reviewable_and_used_offline(client: WikidataClient, tmp_path: Path) -> None:
    cache = tmp_path / "links.tsv"
    link_graph(article_graph(), client=client, cache_path=cache, source="fixture")
    text = cache.read_text()
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    assert lines[0].split("\t")[:4] == ["entity", "label", "kind", "qid"]
    assert lines[1:] == sorted(lines[1:])  # stable order, small diffs
    assert all(line.endswith("\tfixture") for line in lines[1:])

    offline = article_graph()
    silent = WikidataClient("http://127.0.0.1:9/never", retries=0)
    result = link_graph(offline, client=silent, cache_path=cache, offline=True)
    assert silent.requests == 0 and result.error is None
    assert links(offline)["place/dakar"] == "Q3718"
    assert apply_cached_links(article_graph(), cache) > 0

    # a second online run asks nothing: every entity is cached
    again = WikidataClient(client.endpoint)
    link_graph(article_graph(), client=again, cache_path=cache)
    assert again.requests == 0


def test_refresh_asks_again(client: WikidataClient, tmp_path: Path) -> None:
    cache = tmp_path / "links.tsv"
    link_graph(article_graph(), client=client, cache_path=cache)
    again = WikidataClient(client.endpoint)
    link_graph(article_graph(), client=again, cache_path=cache, refresh=True)
    assert again.requests == 2


def test_geonames_and_iso_codes_are_added_once(client: WikidataClient, tmp_path: Path) -> None:
    graph = article_graph()
    cache = tmp_path / "links.tsv"
    link_graph(graph, client=client, cache_path=cache)
    azerbaijan = URIRef(f"{DEFAULT_BASE}/place/azerbaijan")
    dakar = URIRef(f"{DEFAULT_BASE}/place/dakar")
    assert {str(o) for o in graph.objects(azerbaijan, RESKG.iso3166Code)} == {"AZ"}
    assert {str(o) for o in graph.objects(azerbaijan, RESKG.geonamesId)} == {"587116"}
    assert {str(o) for o in graph.objects(dakar, RESKG.geonamesId)} == {"2253354"}
    assert URIRef("https://sws.geonames.org/2253354/") in set(graph.objects(dakar, SKOS.exactMatch))
    size = len(graph)
    apply_cached_links(graph, cache)
    assert len(graph) == size  # applying twice adds nothing


def test_user_agent_follows_wikimedia_policy() -> None:
    pattern = (
        r"^reskg/\S+ \(https://github\.com/reskg/reskg; reskg@example\.org\) SPARQLWrapper/\S+$"
    )
    assert re.match(pattern, user_agent())


def test_cli_links_a_built_graph_and_it_still_conforms(
    wikidata_server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    built = tmp_path / "oic.ttl"
    assert main(["build", str(paths.BUNDLED_ARTICLE), "-o", str(built), "--no-link"]) == 0
    cache = tmp_path / "links.tsv"
    code = main(
        ["link", str(built), "--endpoint", wikidata_server.query_url, "--cache", str(cache)]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.startswith("linked ")
    graph = Graph().parse(built)
    linked = links(graph)
    assert linked.get("place/dakar") == "Q3718"
    assert linked.get("place/azerbaijan") == "Q227"
    assert set(linked.values()) <= VERIFIED
    assert not set(linked.values()) & DECOYS


def test_committed_cache_holds_only_fixture_verified_links() -> None:
    rows = read_cache()
    assert rows, "data/wikidata-links.tsv is missing"
    qids = {row.qid for row in rows.values() if row.qid}
    assert qids <= VERIFIED
    assert not qids & DECOYS
    assert all(row.source for row in rows.values())


def test_published_graph_carries_the_cached_links() -> None:
    graph = Graph().parse(paths.PUBLISHED_GRAPH)
    cached = {k: r.qid for k, r in read_cache().items() if r.qid}
    present = {str(s).removeprefix(DEFAULT_BASE + "/") for s in graph.subjects()}
    expected = {k: q for k, q in cached.items() if k in present}
    assert expected and links(graph) == expected
