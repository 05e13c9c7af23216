"""Link mentions and sitelinks: a wikitext link names a page, and the page names the item.

The wikitext form of the bundled article is built for real (readers, extractors, the link
stage, the assembler) and linked against the Oxigraph server holding the Wikidata-shaped
fixture, whose tests' copy carries sitelink triples (``schema:about`` / ``schema:isPartOf``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, Graph, URIRef
from rdflib.namespace import SDO

from reskg.extract import extract_facts
from reskg.extract.links import link_facts
from reskg.facts import OrganizationFact, PersonFact, PlaceFact
from reskg.iris import DEFAULT_BASE, WD
from reskg.link import link_graph
from reskg.link.wikidata import WikidataClient
from reskg.pipeline import build
from reskg.read import read_article
from reskg.read.wikitext import parse_wikitext

ROOT = Path(__file__).resolve().parent.parent
WIKI = ROOT / "tests" / "fixtures" / "pages" / "oic-resolution-10-11.wiki"
FLATTENED = ROOT / "data" / "articles" / "oic-resolution-10-11.txt"
FIXTURE = ROOT / "tests" / "fixtures" / "wikidata-entities.ttl"
SAME_AS = URIRef("https://schema.org/sameAs")
EN = "https://en.wikipedia.org/wiki/"
OIC_PAGE = "Organisation_of_Islamic_Cooperation"


def _pages(graph: Graph) -> dict[str, str]:
    """Entity key -> the wiki page it is ``schema:sameAs``."""
    return {
        str(s).removeprefix(DEFAULT_BASE + "/"): str(o) for s, o in graph.subject_objects(SAME_AS)
    }


def test_every_linked_person_place_and_organisation_gets_its_page() -> None:
    article = read_article(WIKI)
    graph = build([WIKI]).graph
    pages = _pages(graph)
    kinds = {"person", "place", "org"}
    linked = {k: v for k, v in pages.items() if k.split("/")[0] in kinds}
    assert linked["place/dakar"] == EN + "Dakar"
    assert linked["place/new-york"] == EN + "New_York_City"
    assert linked["org/oic"] == EN + "Organisation_of_Islamic_Cooperation"
    assert linked["person/elmar-mammadyarov"] == EN + "Elmar_Mammadyarov"
    assert linked["place/tartar"] == EN + "Tartar_District"
    # Every link but the one to a conflict (not a person, place or organisation) is an entity.
    targets = {EN + link.target.replace(" ", "_") for link in article.links}
    assert targets - set(pages.values()) == {EN + "Nagorno-Karabakh_conflict"}
    # A place inside a longer link is not what the link names.
    assert "place/nagorno-karabakh" not in pages
    # The cited resolution the link names gets its page too.
    assert pages["eli/unga/res/62-243"] == EN + "United_Nations_General_Assembly_Resolution_62/243"


def test_the_flattened_form_has_no_pages() -> None:
    assert _pages(build([FLATTENED]).graph) == {}


def test_variants_linked_to_one_page_merge_under_its_title() -> None:
    article = parse_wikitext(
        "'''Resolution 12/3''' was adopted in [[Dakar]]. The Foreign Minister of Senegal, "
        "[[Cheikh Tidiane Gadio]], spoke. Later [[Cheikh Tidiane Gadio|Mr. Gadio]] left, and "
        "[[Cheikh Tidiane Gadio|Tidiane Gadio]] returned to [[Dakar]].",
        name="x.wiki",
    )
    facts = link_facts(article, extract_facts(article))
    people = {f.name: f.page for f in facts if isinstance(f, PersonFact)}
    assert people == {"Cheikh Tidiane Gadio": EN + "Cheikh_Tidiane_Gadio"}
    places = {f.name: f.page for f in facts if isinstance(f, PlaceFact)}
    assert places["Dakar"] == EN + "Dakar"


def test_a_linked_name_the_extractors_passed_over_comes_from_the_gazetteer() -> None:
    article = parse_wikitext(
        "The text was welcomed by [[Organisation of Islamic Cooperation|its members]] and "
        "by [[Senegal|the host]].",
        name="x.wiki",
    )
    facts = link_facts(article, extract_facts(article))
    found = [
        (type(f).__name__, f.name, f.page.removeprefix(EN))
        for f in facts
        if isinstance(f, (PlaceFact, OrganizationFact)) and f.page
    ]
    assert found == [
        ("OrganizationFact", "Organisation of Islamic Cooperation", OIC_PAGE),
        ("PlaceFact", "Senegal", "Senegal"),
    ]


@pytest.fixture
def client(wikidata_server) -> WikidataClient:
    return WikidataClient(wikidata_server.query_url, timeout=10, retries=1, backoff=0.01)


def _sitelinks() -> dict[str, str]:
    """Page IRI -> QID of every English sitelink in the fixture."""
    fixture = Graph().parse(FIXTURE)
    is_part_of = SDO.isPartOf.replace("https://", "http://")
    about = SDO.about.replace("https://", "http://")
    return {
        str(page): str(item).removeprefix(str(WD))
        for page, item in fixture.subject_objects(URIRef(about))
        if (page, URIRef(is_part_of), URIRef("https://en.wikipedia.org/")) in fixture
    }


def test_reskg_link_takes_the_sitelink_path_for_every_linked_entity(
    client: WikidataClient, tmp_path: Path
) -> None:
    graph = build([WIKI]).graph
    pages = _pages(graph)
    sitelinks = _sitelinks()
    result = link_graph(graph, client=client, cache_path=tmp_path / "links.tsv")
    decisions = {d.entity.key: d for d in result.decisions}
    with_sitelink = {key for key, page in pages.items() if page in sitelinks}
    assert len(with_sitelink) >= 10
    for key in with_sitelink:
        decision = decisions[key]
        assert decision.status == "linked", key
        assert decision.qid == sitelinks[pages[key]], key
        assert decision.note == f"sitelink {pages[key]}", key
    # Linked by a page without a sitelink: searched by label, and the note says so.
    for key, page in pages.items():
        if page not in sitelinks and key in decisions:
            assert decisions[key].note.startswith(f"no sitelink for {page}; ")
    same_as = {
        str(s).removeprefix(DEFAULT_BASE + "/"): str(o).removeprefix(str(WD))
        for s, o in graph.subject_objects(OWL.sameAs)
    }
    assert {key: same_as[key] for key in with_sitelink} == {
        key: sitelinks[pages[key]] for key in with_sitelink
    }
    assert "Q856268" not in same_as.values()  # Dakar Region: another page of the label
    assert client.requests == 3  # sitelinks, labels, candidates: one batched query each


def test_a_cached_label_answer_is_asked_again_once_the_entity_has_a_page(
    client: WikidataClient, tmp_path: Path
) -> None:
    cache = tmp_path / "links.tsv"
    link_graph(build([FLATTENED]).graph, client=client, cache_path=cache)
    assert "sitelink" not in cache.read_text()
    result = link_graph(build([WIKI]).graph, client=client, cache_path=cache)
    assert {d.entity.key for d in result.decisions if d.note.startswith("sitelink ")} >= {
        "place/dakar",
        "org/oic",
    }
    again = link_graph(build([WIKI]).graph, client=client, cache_path=cache)
    assert again.decisions == []  # every answer is in the cache now


def test_unnumbered_documents_get_the_page_their_title_links() -> None:
    wiki = WIKI.with_name("United_Nations_Security_Council_Resolution_242.wiki")
    graph = build([wiki]).graph
    titled = {str(o) for s, o in graph.subject_objects(SAME_AS) if "/doc/" in str(s)}
    assert {EN + "Khartoum_Resolution", EN + "Camp_David_Accords"} <= titled


def test_a_see_also_link_gives_a_resolution_named_earlier_its_page(tmp_path: Path) -> None:
    page = tmp_path / "page.wiki"
    page.write_text(
        "= OIC Resolution 12/3 =\nOIC Resolution 12/3 was adopted by the [[Organisation "
        "of Islamic Cooperation]] in 2009. It recalls OIC Resolution 10/11.\n"
        "== See also ==\n* [[OIC Resolution 10/11]]\n"
    )
    graph = build([page]).graph
    assert (
        URIRef(f"{DEFAULT_BASE}/eli/oic/res/10-11"),
        SAME_AS,
        URIRef(EN + "OIC_Resolution_10/11"),
    ) in graph
