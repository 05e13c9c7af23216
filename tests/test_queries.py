"""The canned queries keep their contract (names, columns, values) on a hand-assembled graph."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import OxigraphServer, free_port
from rdflib import OWL, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from reskg.article import Article, parse_article
from reskg.assemble import assemble
from reskg.facts import (
    CitationFact,
    DateValue,
    EventFact,
    Fact,
    OrganizationFact,
    PersonFact,
    PlaceFact,
    ResolutionFact,
    ResolutionRef,
    Span,
)
from reskg.query import (
    BlankNodeId,
    Iri,
    QueryError,
    QueryResult,
    bind_params,
    canned_queries,
    format_result,
    query_description,
    resolve_query,
    result_from_json,
    run_query,
    run_query_endpoint,
    shorten_iri,
    user_agent,
)

TEXT = """= OIC Resolution 10/11 =

Infobox
- Document Name: Resolution 10/11
- Date Ratified: 13-14 March 2008

Resolution 10/11 was adopted at the OIC summit in Dakar, Senegal, on 13-14 March 2008. \
It recalls United Nations Security Council Resolution 822. \
See also General Assembly Resolution 62/243, adopted on 14 March 2008 by 39 votes to 7.

== Reactions ==
Foreign Minister Elmar Mammadyarov of Azerbaijan welcomed the resolution. \
The Organization for Security and Co-operation in Europe (OSCE) took note. \
A ceasefire was agreed in May 1994 in Aghdam. Kofi Annan did not comment.
"""

OIC = "Organisation of Islamic Cooperation"
UNSC = "United Nations Security Council"
UNGA = "United Nations General Assembly"
SUBJECT = ResolutionRef(OIC, "10/11")
CITED = ResolutionRef(UNSC, "822")
RELATED = ResolutionRef(UNGA, "62/243")
WIKIDATA_DAKAR = "http://www.wikidata.org/entity/Q3718"

CONTRACT = {
    "resolutions": (
        "?resolution ?number ?title ?body ?organ ?dateStart ?dateEnd ?place ?country ?session"
        " ?paragraphs ?votesFor ?votesAgainst ?votesAbstain ?votesAbsent ?isSubject"
    ),
    "citations": "?resolution ?number ?cited ?citedNumber ?citedTitle ?citedBody ?relation",
    "related": "?resolution ?number ?cited ?citedNumber ?citedTitle ?citedBody ?relation",
    "people": "?person ?name ?role ?affiliation",
    "places": "?place ?name ?type ?wikidata",
    "organizations": "?organization ?name ?wikidata ?abbreviation ?formerName",
    "events": "?event ?label ?dateStart ?dateEnd ?place",
    "evidence": "?subject ?predicate ?object ?exact ?start ?end ?sentence ?article",
    "timeline": "?event ?label ?dateStart ?dateEnd ?place ?resolution ?number",
    "who-said-what": "?person ?name ?role ?affiliation ?sentence ?article",
    "cites-graph": "?citing ?relation ?cited ?citedNumber ?citedBody",
    "about-place": "?place ?placeName ?relation ?item ?itemLabel",
    "dataset": "?type ?count",
}


def span_of(text: str, needle: str) -> Span:
    start = TEXT.index(needle)
    return (start, start + len(needle))


def make_facts() -> list[Fact]:
    return [
        ResolutionFact(
            SUBJECT,
            span_of(TEXT, "Resolution 10/11 was adopted"),
            is_subject=True,
            organ="Islamic Summit",
            title="The aggression of the Republic of Armenia against the Republic of Azerbaijan",
            date=DateValue("2008-03-13", "2008-03-14"),
            place="Dakar",
            country="Senegal",
            session="OIC summit in Dakar",
            paragraphs=23,
        ),
        ResolutionFact(
            RELATED,
            span_of(TEXT, "General Assembly Resolution 62/243"),
            organ="General Assembly",
            date=DateValue("2008-03-14", "2008-03-14"),
            votes_for=39,
            votes_against=7,
        ),
        CitationFact(SUBJECT, CITED, span_of(TEXT, "Security Council Resolution 822")),
        CitationFact(
            SUBJECT, RELATED, span_of(TEXT, "General Assembly Resolution 62/243"), "related"
        ),
        PersonFact(
            "Elmar Mammadyarov",
            span_of(TEXT, "Foreign Minister Elmar Mammadyarov of Azerbaijan"),
            role="Foreign Minister",
            affiliation="Azerbaijan",
            affiliation_kind="country",
        ),
        PersonFact("Kofi Annan", span_of(TEXT, "Kofi Annan")),
        PlaceFact("Aghdam", span_of(TEXT, "Aghdam"), kind="city", country="Azerbaijan"),
        PlaceFact("Azerbaijan", span_of(TEXT, "Azerbaijan welcomed"), kind="country"),
        OrganizationFact(
            "Organization for Security and Co-operation in Europe",
            span_of(TEXT, "Organization for Security and Co-operation in Europe"),
            abbreviation="OSCE",
            former_names=("Conference on Security and Co-operation in Europe",),
        ),
        EventFact(
            "ceasefire",
            DateValue("1994-05", "1994-05"),
            span_of(TEXT, "A ceasefire was agreed in May 1994 in Aghdam"),
            place="Aghdam",
        ),
    ]


def find_node(graph: Graph, label: str) -> URIRef:
    node = next(graph.subjects(RDFS.label, Literal(label, lang="en")))
    assert isinstance(node, URIRef)
    return node


@pytest.fixture(scope="module")
def article() -> Article:
    return parse_article(TEXT, "oic-resolution-10-11.txt")


@pytest.fixture(scope="module")
def graph(article: Article) -> Graph:
    graph = assemble([(article, make_facts())])
    subject = find_node(graph, f"{OIC} Resolution 10/11")
    # A second label and title (two articles naming it differently) must not add rows.
    graph.add((subject, RDFS.label, Literal("OIC Resolution 10/11", lang="en")))
    graph.add((subject, DCTERMS.title, Literal("Aggression against Azerbaijan", lang="en")))
    dakar = find_node(graph, "Dakar")
    graph.add((dakar, OWL.sameAs, URIRef(WIKIDATA_DAKAR)))
    graph.add((dakar, OWL.sameAs, URIRef("https://sws.geonames.org/2253354/")))
    return graph


@pytest.fixture(scope="module")
def graph_file(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("graph") / "graph.ttl"
    graph.serialize(path, format="turtle")
    return path


def run(name: str, graph_file: Path) -> QueryResult:
    return run_query(resolve_query(name), [graph_file])


def by(result: QueryResult, key: str) -> dict[str | None, dict[str, str | None]]:
    rows = {row[key]: row for row in result.rows}
    assert len(rows) == len(result.rows), f"duplicate {key} in {result.rows}"
    return rows


# -- the contract -------------------------------------------------------------------------------


def test_every_contract_query_exists_and_describes_itself() -> None:
    queries = canned_queries()
    assert set(CONTRACT) <= set(queries)
    for name, path in queries.items():
        assert path.suffix == ".rq"
        assert path.read_text(encoding="utf-8").startswith("# "), name
        assert query_description(path), name


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_contract_columns(name: str, graph_file: Path) -> None:
    result = run(name, graph_file)
    expected = CONTRACT[name].replace("?", "").split()
    assert result.vars[: len(expected)] == expected or set(expected) <= set(result.vars)
    assert result.rows, f"{name} returned no rows"


def test_resolutions(graph_file: Path) -> None:
    result = run("resolutions", graph_file)
    assert result.vars[:16] == CONTRACT["resolutions"].replace("?", "").split()
    rows = by(result, "number")
    assert set(rows) == {"10/11", "822", "62/243"}
    subject = rows["10/11"]
    assert subject["isSubject"] == "true"
    assert subject["dateStart"] == "2008-03-13"
    assert subject["dateEnd"] == "2008-03-14"
    assert subject["body"] == OIC
    assert subject["organ"] == "Islamic Summit"
    assert subject["place"] == "Dakar"
    assert subject["country"] == "Senegal"
    assert subject["session"] == "OIC summit in Dakar"
    assert subject["paragraphs"] == "23"
    assert subject["title"] in {
        "The aggression of the Republic of Armenia against the Republic of Azerbaijan",
        "Aggression against Azerbaijan",
    }
    assert subject["votesFor"] is None
    assert result.rows[0]["number"] == "10/11"  # the subject comes first

    related = rows["62/243"]
    assert related["isSubject"] == "false"
    assert (related["dateStart"], related["dateEnd"]) == ("2008-03-14", "2008-03-14")
    assert (related["votesFor"], related["votesAgainst"]) == ("39", "7")
    assert related["votesAbstain"] is None
    assert related["body"] == UNGA
    assert rows["822"]["isSubject"] == "false"
    assert rows["822"]["body"] == UNSC
    assert rows["822"]["dateStart"] is None
    assert isinstance(subject["resolution"], Iri)


def test_citations_and_related(graph_file: Path) -> None:
    cites = run("citations", graph_file).rows
    assert len(cites) == 1
    assert cites[0]["number"] == "10/11"
    assert cites[0]["citedNumber"] == "822"
    assert cites[0]["citedBody"] == UNSC
    assert cites[0]["relation"] == "cites"

    related = run("related", graph_file).rows
    assert [(r["number"], r["citedNumber"], r["citedBody"]) for r in related] == [
        ("10/11", "62/243", UNGA)
    ]
    assert related[0]["relation"] == "related"

    both = run("cites-graph", graph_file).rows
    assert sorted((r["relation"], r["citedNumber"]) for r in both) == [
        ("cites", "822"),
        ("related", "62/243"),
    ]
    assert all(r["citingNumber"] == "10/11" for r in both)


def test_people(graph_file: Path) -> None:
    rows = by(run("people", graph_file), "name")
    assert set(rows) == {"Elmar Mammadyarov", "Kofi Annan"}
    assert rows["Elmar Mammadyarov"]["role"] == "Foreign Minister"
    assert rows["Elmar Mammadyarov"]["affiliation"] == "Azerbaijan"
    assert rows["Kofi Annan"]["role"] is None
    assert rows["Kofi Annan"]["affiliation"] is None


def test_places(graph_file: Path) -> None:
    rows = by(run("places", graph_file), "name")
    assert {"Dakar", "Senegal", "Azerbaijan", "Aghdam"} <= set(rows)
    assert rows["Dakar"]["type"] == "city"
    assert rows["Senegal"]["type"] == "country"
    assert rows["Azerbaijan"]["type"] == "country"
    assert rows["Dakar"]["wikidata"] == WIKIDATA_DAKAR
    assert rows["Senegal"]["wikidata"] is None
    assert rows["Aghdam"]["country"] == "Azerbaijan"


def test_organizations(graph_file: Path) -> None:
    rows = by(run("organizations", graph_file), "name")
    assert {OIC, UNSC, UNGA, "Organization for Security and Co-operation in Europe"} <= set(rows)
    osce = rows["Organization for Security and Co-operation in Europe"]
    assert osce["abbreviation"] == "OSCE"
    assert osce["formerName"] == "Conference on Security and Co-operation in Europe"
    assert osce["wikidata"] is None
    assert rows[UNSC]["formerName"] is None


def test_events_in_date_order(graph_file: Path) -> None:
    rows = run("events", graph_file).rows
    dated = [(r["label"], r["dateStart"], r["dateEnd"], r["place"]) for r in rows]
    assert dated == [
        ("ceasefire", "1994-05", "1994-05", "Aghdam"),
        ("OIC summit in Dakar", "2008-03-13", "2008-03-14", "Dakar"),
    ]


def test_timeline_links_resolutions_to_events(graph_file: Path) -> None:
    rows = run("timeline", graph_file).rows
    summit = [r for r in rows if r["label"] == "OIC summit in Dakar"]
    assert len(summit) == 1
    assert summit[0]["number"] == "10/11"
    assert summit[0]["country"] == "Senegal"
    assert rows[0]["label"] == "ceasefire"
    assert rows[0]["resolution"] is None


def test_evidence_gives_the_sentence(graph_file: Path) -> None:
    query = bind_params(
        resolve_query("evidence"), {"predicate": "<http://www.w3.org/ns/org#member>"}
    )
    rows = run_query(query, [graph_file]).rows
    assert len(rows) == 1
    row = rows[0]
    start, end = span_of(TEXT, "Foreign Minister Elmar Mammadyarov of Azerbaijan")
    assert (row["start"], row["end"]) == (str(start), str(end))
    assert row["exact"] == TEXT[start:end]
    assert row["sentence"] == (
        "Foreign Minister Elmar Mammadyarov of Azerbaijan welcomed the resolution."
    )
    assert row["article"] is not None and row["article"].endswith("oic-resolution-10-11")

    all_rows = run("evidence", graph_file).rows
    assert all(r["exact"] == TEXT[int(r["start"] or 0) : int(r["end"] or 0)] for r in all_rows)


def test_who_said_what(graph_file: Path) -> None:
    rows = by(run("who-said-what", graph_file), "name")
    minister = rows["Elmar Mammadyarov"]
    assert minister["role"] == "Foreign Minister"
    assert minister["sentence"] is not None and "welcomed the resolution" in minister["sentence"]
    assert rows["Kofi Annan"]["sentence"] == "Kofi Annan did not comment."


def test_about_place_narrowed_by_param(graph_file: Path) -> None:
    query = bind_params(resolve_query("about-place"), {"placeName": "Senegal"})
    rows = run_query(query, [graph_file]).rows
    assert {r["placeName"] for r in rows} == {"Senegal"}
    found = {(r["relation"], r["itemLabel"], r["via"]) for r in rows}
    assert ("resolution adopted", f"{OIC} Resolution 10/11", "Dakar") in found or (
        "resolution adopted",
        "OIC Resolution 10/11",
        "Dakar",
    ) in found
    assert ("contains place", "Dakar", None) in found

    azerbaijan = run_query(
        bind_params(resolve_query("about-place"), {"placeName": "Azerbaijan"}), [graph_file]
    ).rows
    relations = {(r["relation"], r["itemLabel"]) for r in azerbaijan}
    assert ("person affiliated", "Elmar Mammadyarov") in relations
    assert ("event", "ceasefire") in relations


def test_dataset_counts(graph_file: Path) -> None:
    rows = by(run("dataset", graph_file), "type")
    assert rows["https://w3id.org/reskg/ontology#Resolution"]["count"] == "3"
    assert rows["https://schema.org/Person"]["count"] == "2"


# -- finding and running queries ------------------------------------------------------------------


def test_resolve_query_accepts_names_files_and_inline(tmp_path: Path) -> None:
    assert "reskg:Resolution" in resolve_query("resolutions")
    path = tmp_path / "mine.rq"
    path.write_text("SELECT * WHERE { ?s ?p ?o }", encoding="utf-8")
    assert resolve_query(str(path)) == "SELECT * WHERE { ?s ?p ?o }"
    inline = "PREFIX ex: <http://example.org/>\nASK { ?s ex:p ?o }"
    assert resolve_query(inline) == inline


def test_resolve_query_errors_name_the_problem(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match=r"unknown query 'citatons'.*citations"):
        resolve_query("citatons")
    missing = tmp_path / "nope.rq"
    with pytest.raises(QueryError, match=r"query file not found: .*nope\.rq"):
        resolve_query(str(missing))


def test_sparql_syntax_error(graph_file: Path) -> None:
    with pytest.raises(QueryError, match="SPARQL syntax error") as info:
        run_query("SELECT ?x WHERE { ?x ?p }", [graph_file])
    assert "\n" not in str(info.value)


def test_bad_graph_file_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n')
    with pytest.raises(QueryError, match=r"bad\.ttl line 3"):
        run_query("ASK {}", [bad])
    with pytest.raises(QueryError, match=r"missing\.ttl: no such file"):
        run_query("ASK {}", [tmp_path / "missing.ttl"])
    with pytest.raises(QueryError, match="RDF format"):
        run_query("ASK {}", [tmp_path / "graph.xyz"])


def test_other_formats_load(graph: Graph, tmp_path: Path) -> None:
    everything = "SELECT * WHERE { ?s ?p ?o }"
    expected = len(run_query(everything, [_write(graph, tmp_path, "nt", "nt11")]).rows)
    assert len(run_query(everything, [_write(graph, tmp_path, "jsonld", "json-ld")]).rows) == (
        expected
    )
    dataset = Dataset()
    named = dataset.graph(URIRef("https://w3id.org/reskg/graph/test"))
    for triple in graph:
        named.add(triple)
    quads = tmp_path / "graph.nq"
    dataset.serialize(quads, format="nquads")
    assert len(run_query(everything, [quads]).rows) == expected  # named graphs are queried too


def test_json_ld_with_a_remote_context_is_refused_not_fetched(tmp_path: Path) -> None:
    remote = tmp_path / "remote.jsonld"
    remote.write_text('{"@context": "http://127.0.0.1:9/ctx", "@id": "http://e/a", "n": "x"}')
    with pytest.raises(QueryError, match=r"remote\.jsonld: JSON-LD @context"):
        run_query("ASK {}", [remote])
    broken = tmp_path / "broken.jsonld"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(QueryError, match=r"broken\.jsonld"):
        run_query("ASK {}", [broken])


def _write(graph: Graph, tmp_path: Path, suffix: str, fmt: str) -> Path:
    path = tmp_path / f"graph.{suffix}"
    graph.serialize(path, format=fmt, encoding="utf-8")
    return path


def test_inline_queries_know_the_graph_prefixes(graph_file: Path) -> None:
    result = run_query("SELECT (COUNT(*) AS ?n) WHERE { ?r a reskg:Resolution }", [graph_file])
    assert result.rows == [{"n": "3"}]
    assert run_query("ASK { ?r a reskg:Resolution }", [graph_file]).boolean is True


# -- SPARQL endpoints -----------------------------------------------------------------------------


@pytest.fixture
def endpoint(oxigraph_factory: Callable[..., OxigraphServer], graph_file: Path) -> str:
    """The SPARQL query URL of an Oxigraph server holding the test graph."""
    return oxigraph_factory(graph_file).query_url


def test_endpoint_gives_the_same_rows_as_files(endpoint: str, graph_file: Path) -> None:
    for name in ("resolutions", "citations", "places"):
        query = resolve_query(name)
        remote = run_query_endpoint(query, endpoint)
        local = run_query(query, [graph_file])
        assert remote.vars == local.vars
        assert remote.rows == local.rows
    inline = run_query_endpoint("SELECT ?r WHERE { ?r a reskg:Resolution }", endpoint)
    assert len(inline.rows) == 3 and all(isinstance(r["r"], Iri) for r in inline.rows)
    assert run_query_endpoint("ASK { ?r a reskg:Resolution }", endpoint).boolean is True


def test_endpoint_errors_are_query_errors(endpoint: str) -> None:
    with pytest.raises(QueryError, match="SPARQL endpoint"):
        run_query_endpoint("SELECT ?x WHERE { ?x ?p }", endpoint)
    with pytest.raises(QueryError, match=r"SPARQL endpoint http://127\.0\.0\.1:"):
        run_query_endpoint("ASK {}", f"http://127.0.0.1:{free_port()}/query", timeout=2)


def test_user_agent_is_descriptive() -> None:
    agent = user_agent()
    assert agent.startswith("reskg/")
    assert "(https://github.com/reskg/reskg)" in agent
    assert "SPARQLWrapper/" in agent


# -- showing results ----------------------------------------------------------------------------

SAMPLE = QueryResult(
    vars=["place", "name", "note"],
    rows=[
        {"place": Iri("https://schema.org/Place"), "name": "Dakar", "note": 'a "quoted", text'},
        {"place": Iri("https://w3id.org/reskg/place/x"), "name": "Aghdam", "note": None},
        {"place": BlankNodeId("b0"), "name": "line\nbreak", "note": "é"},
    ],
)


def test_format_table() -> None:
    lines = format_result(SAMPLE, "table").splitlines()
    assert lines[0].split() == ["place", "name", "note"]
    assert lines[2].startswith("schema:Place")
    assert "<https://w3id.org/reskg/place/x>" in lines[3]
    assert lines[2].index("Dakar") == lines[3].index("Aghdam") == lines[0].index("name")
    assert lines[-1] == "3 rows"


def test_format_csv_round_trips() -> None:
    text = format_result(SAMPLE, "csv")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["place", "name", "note"]
    assert rows[1] == ["https://schema.org/Place", "Dakar", 'a "quoted", text']
    assert rows[2][2] == ""
    assert rows[3][1] == "line\nbreak"


def test_format_json_is_sparql_results() -> None:
    document = json.loads(format_result(SAMPLE, "json"))
    assert document["head"]["vars"] == ["place", "name", "note"]
    first, second, third = document["results"]["bindings"]
    assert first["place"] == {"type": "uri", "value": "https://schema.org/Place"}
    assert first["name"] == {"type": "literal", "value": "Dakar"}
    assert "note" not in second
    assert third["place"]["type"] == "bnode"
    again = result_from_json(document)
    assert again.vars == SAMPLE.vars
    assert again.rows == SAMPLE.rows
    assert isinstance(again.rows[0]["place"], Iri)


def test_format_boolean_and_unknown_format() -> None:
    answer = QueryResult(vars=[], boolean=True)
    assert json.loads(format_result(answer, "json")) == {"head": {}, "boolean": True}
    assert format_result(answer, "table") == "true"
    with pytest.raises(QueryError, match="unknown result format 'xml'"):
        format_result(SAMPLE, "xml")


def test_shorten_iri() -> None:
    assert shorten_iri("http://data.europa.eu/eli/ontology#cites") == "eli:cites"
    assert shorten_iri("http://www.wikidata.org/entity/Q3718") == "wd:Q3718"
    assert shorten_iri("https://example.org/a/b") == "<https://example.org/a/b>"
