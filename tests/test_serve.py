"""``reskg serve`` run for real in a subprocess: conneg, pages, SPARQL protocol, limits, VoID."""

from __future__ import annotations

import csv
import http.client
import io
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape as html_escape
from pathlib import Path

import pytest
import rdflib
from conftest import free_port
from rdflib import OWL, RDF, SKOS, URIRef
from rdflib.compare import isomorphic

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = ROOT / "data" / "oic-resolution-10-11.ttl"
ARTICLE = ROOT / "data" / "articles" / "oic-resolution-10-11.txt"
BASE = "https://w3id.org/reskg"
RESKG = rdflib.Namespace("https://w3id.org/reskg/ontology#")
SCHEMA = rdflib.Namespace("https://schema.org/")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
WIKIDATA_TEST_ITEM = "http://www.wikidata.org/entity/Q4115189"
GEONAMES_TEST_PLACE = "https://sws.geonames.org/2253354/"
QUERY_TIMEOUT = 2.0
CROSS_JOIN = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
)


def built_graph(tmp_dir: Path) -> Path:
    """The published graph, else one built from the bundled article (RESKG_TEST_GRAPH overrides)."""
    if os.environ.get("RESKG_TEST_GRAPH"):
        return Path(os.environ["RESKG_TEST_GRAPH"])
    if PUBLISHED.exists():
        return PUBLISHED
    out = tmp_dir / "built.ttl"
    done = subprocess.run(
        [sys.executable, "-m", "reskg.cli", "build", str(ARTICLE), "-o", str(out)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.fail(f"reskg build failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return out


def served_graph(tmp_dir: Path) -> tuple[Path, rdflib.Graph]:
    """The built graph plus one Wikidata and one GeoNames link, so the pages can show them."""
    graph = rdflib.Graph().parse(built_graph(tmp_dir))
    subject = subject_resolution(graph)
    graph.add((subject, OWL.sameAs, URIRef(WIKIDATA_TEST_ITEM)))
    places = sorted(graph.subjects(RDF.type, SCHEMA.Place))
    if places:
        graph.add((places[0], SKOS.exactMatch, URIRef(GEONAMES_TEST_PLACE)))
    path = tmp_dir / "served.ttl"
    graph.serialize(path, format="turtle")
    return path, graph


def subject_resolution(graph: rdflib.Graph) -> URIRef:
    """The resolution an article is about."""
    about = sorted(graph.objects(None, SCHEMA.about))
    resolutions = set(graph.subjects(RDF.type, RESKG.Resolution))
    found = [r for r in about if r in resolutions]
    if not found:
        pytest.fail("the graph has no resolution that an article is about")
    return found[0]  # type: ignore[return-value]


@dataclass
class Served:
    """A running ``reskg serve``."""

    url: str
    process: subprocess.Popen
    graph: rdflib.Graph
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)


def start_server(tmp_dir: Path, *extra: str) -> Served:
    """Start ``python -m reskg.cli serve`` on a free port and wait until it answers."""
    graph_path, graph = served_graph(tmp_dir)
    port = free_port()
    log = tmp_dir / "serve.log"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "reskg.cli",
            "serve",
            str(graph_path),
            "--port",
            str(port),
            "--query-timeout",
            str(QUERY_TIMEOUT),
            *extra,
        ],
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )
    served = Served(f"http://127.0.0.1:{port}", process, graph, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"reskg serve exited with {process.returncode}: {log.read_text()}")
        try:
            with urllib.request.urlopen(f"{served.url}/", timeout=2):
                return served
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    served.stop()
    pytest.fail("reskg serve did not answer within 60 s")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    served = start_server(tmp_path_factory.mktemp("serve"))
    yield served
    served.stop()


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def type(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0]

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def fetch(
    url: str,
    accept: str | None = None,
    method: str = "GET",
    data: bytes | None = None,
    content_type: str | None = None,
) -> Reply:
    headers = {}
    if accept is not None:
        headers["Accept"] = accept
    if content_type is not None:
        headers["Content-Type"] = content_type
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Reply(response.status, response.headers, response.read())
    except urllib.error.HTTPError as err:
        return Reply(err.code, err.headers, err.read())


def raw_get(server: Served, target: str, headers: dict[str, str] | None = None) -> int:
    """GET a request target exactly as written (no client-side normalisation)."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", int(server.url.rsplit(":", 1)[1]), timeout=30
    )
    connection.putrequest("GET", target, skip_accept_encoding=True)
    for name, value in (headers or {}).items():
        connection.putheader(name, value)
    connection.endheaders()
    status = connection.getresponse().status
    connection.close()
    return status


def sparql_url(server: Served, query: str, **params: str) -> str:
    return f"{server.url}/sparql?" + urllib.parse.urlencode({"query": query, **params})


def path_of(iri: URIRef) -> str:
    return str(iri)[len(BASE) :]


# -- resources and content negotiation ------------------------------------------------------------


def test_resource_as_html_for_browsers(server: Served) -> None:
    resolution = subject_resolution(server.graph)
    reply = fetch(
        server.url + path_of(resolution), accept="text/html,application/xhtml+xml,*/*;q=0.8"
    )
    assert reply.status == 200 and reply.type == "text/html"
    assert reply.headers["Vary"] == "Accept"
    label = str(server.graph.value(resolution, rdflib.RDFS.label))
    assert label.replace("&", "&amp;") in reply.text
    assert "<mark>" in reply.text  # the span inside its sentence
    assert WIKIDATA_TEST_ITEM in reply.text
    assert "<svg" in reply.text and "Timeline" in reply.text


@pytest.mark.parametrize(
    ("accept", "media", "rdflib_format"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/n-quads", "application/n-quads", "nquads"),
        ("application/trig;q=0.9, text/html;q=0.1", "application/trig", "trig"),
    ],
)
def test_resource_in_each_rdf_format(server: Served, accept: str, media: str, rdflib_format: str):
    resolution = subject_resolution(server.graph)
    reply = fetch(server.url + path_of(resolution), accept=accept)
    assert reply.status == 200 and reply.type == media
    assert reply.headers["Vary"] == "Accept"
    graph = rdflib.Graph().parse(data=reply.body, format=rdflib_format)
    assert (resolution, RDF.type, RESKG.Resolution) in graph
    assert set(graph.predicate_objects(resolution)) == set(
        server.graph.predicate_objects(resolution)
    )
    if rdflib_format == "json-ld":
        assert "@context" in json.loads(reply.body)


def test_every_rdf_format_says_the_same(server: Served) -> None:
    path = path_of(subject_resolution(server.graph))
    graphs = [
        rdflib.Graph().parse(data=fetch(f"{server.url}{path}?format={name}").body, format=fmt)
        for name, fmt in (
            ("turtle", "turtle"),
            ("nt", "nt"),
            ("jsonld", "json-ld"),
            ("rdf", "xml"),
            ("nq", "nquads"),
            ("trig", "trig"),
        )
    ]
    assert all(isomorphic(graphs[0], other) for other in graphs[1:])


def test_format_parameter_overrides_accept(server: Served) -> None:
    path = path_of(subject_resolution(server.graph))
    assert fetch(f"{server.url}{path}?format=ttl", accept="text/html").type == "text/turtle"
    assert fetch(f"{server.url}{path}?format=html", accept="text/turtle").type == "text/html"


def test_not_acceptable(server: Served) -> None:
    path = path_of(subject_resolution(server.graph))
    assert fetch(server.url + path, accept="image/png").status == 406
    assert fetch(f"{server.url}{path}?format=pdf").status == 406


def test_malformed_accept_is_handled(server: Served) -> None:
    path = path_of(subject_resolution(server.graph))
    for accept in ("garbage", ";;;,,", "text/turtle;q=abc", "*/*;q=2"):
        assert fetch(server.url + path, accept=accept).status == 200


def test_unknown_resource_is_404(server: Served) -> None:
    assert fetch(f"{server.url}/no/such/thing", accept="text/turtle").status == 404


def test_dotdot_paths_are_refused(server: Served) -> None:
    assert raw_get(server, "/eli/../../etc/passwd") == 400
    assert raw_get(server, "/eli/%2e%2e/%2e%2e/etc/passwd") == 400


def test_every_resource_page_links_locally(server: Served) -> None:
    resolution = subject_resolution(server.graph)
    page = fetch(server.url + path_of(resolution), accept="text/html").text
    local_links = {link.split('"')[0] for link in page.split('href="')[1:] if link.startswith("/")}
    resources = [
        link for link in local_links if not link.startswith(("/sparql", "/.well", "/dump"))
    ]
    assert len(resources) > 3
    for link in sorted(resources)[:40]:
        target = link.split("#")[0].split("?")[0]
        if target == "/":
            continue
        assert fetch(server.url + target, accept="text/html").status == 200, link


def test_person_page_shows_the_sentence(server: Served) -> None:
    people = sorted(server.graph.subjects(RDF.type, SCHEMA.Person))
    if not people:
        pytest.fail("the graph names no person")
    page = fetch(server.url + path_of(people[0]), accept="text/html").text
    assert "<mark>" in page and "<blockquote>" in page


def test_place_page_links_geonames(server: Served) -> None:
    places = sorted(server.graph.subjects(RDF.type, SCHEMA.Place))
    if not places:
        pytest.fail("the graph names no place")
    page = fetch(server.url + path_of(places[0]), accept="text/html").text
    assert GEONAMES_TEST_PLACE in page and "GeoNames 2253354" in page


def test_html_is_escaped(server: Served) -> None:
    reply = fetch(
        sparql_url(server, 'SELECT ("<script>alert(1)</script>" AS ?x) {}'), accept="text/html"
    )
    assert reply.status == 200
    assert "<script>alert(1)" not in reply.text and "&lt;script&gt;" in reply.text


def test_read_only_methods(server: Served) -> None:
    path = path_of(subject_resolution(server.graph))
    assert (
        fetch(server.url + path, method="PUT", data=b"x", content_type="text/turtle").status == 405
    )
    assert fetch(server.url + path, method="DELETE").status == 405
    assert fetch(server.url + path, method="HEAD").status == 200


# -- the landing page, VoID and dumps -----------------------------------------------------------


def test_landing_page_links_every_canned_query(server: Served) -> None:
    page = fetch(server.url + "/", accept="text/html").text
    names = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))
    assert names
    for name in names:
        assert f'href="/query/{name}"' in page
        reply = fetch(f"{server.url}/query/{name}", accept="text/html")
        assert reply.status == 200, (name, reply.text[:300])
        assert "<table" in reply.text


def test_landing_page_marks_only_what_articles_are_about(server: Served) -> None:
    """Provisions are schema:about resolutions too; those resolutions were once marked."""
    page = fetch(server.url + "/", accept="text/html").text
    about = {
        str(o)
        for s, o in server.graph.subject_objects(SCHEMA.about)
        if (s, RDF.type, SCHEMA.Article) in server.graph
    }
    assert about and page.count("(an article is about it)") == len(about)
    marked = [line for line in page.split("<li>") if "(an article is about it)" in line]
    assert all(any(path_of(URIRef(iri)) in line for iri in about) for line in marked)


def test_landing_page_gives_each_query_its_whole_first_sentence(server: Served) -> None:
    from reskg.query import canned_queries, query_summary

    page = fetch(server.url + "/", accept="text/html").text
    for name, path in canned_queries().items():
        summary = query_summary(path)
        assert summary.endswith(("?", ".", "!")), (name, summary)
        assert html_escape(summary, quote=False) in page or html_escape(summary) in page, name


def test_void_parses_and_describes_the_service(server: Served) -> None:
    reply = fetch(f"{server.url}/.well-known/void", accept="text/turtle")
    assert reply.status == 200
    void = rdflib.Graph().parse(data=reply.body, format="turtle")
    dataset = void.value(None, RDF.type, VOID.Dataset, any=False)
    assert dataset is not None
    assert int(void.value(dataset, VOID.triples)) == len(server.graph)
    assert void.value(dataset, VOID.sparqlEndpoint) == URIRef(f"{server.url}/sparql")
    assert URIRef(f"{server.url}/dump.nt") in set(void.objects(dataset, VOID.dataDump))
    assert str(void.value(dataset, VOID.uriSpace)) == f"{BASE}/"


def test_dumps_hold_the_whole_graph(server: Served) -> None:
    nt = rdflib.Graph().parse(data=fetch(f"{server.url}/dump.nt").body, format="nt")
    ttl = rdflib.Graph().parse(data=fetch(f"{server.url}/dump.ttl").body, format="turtle")
    assert len(nt) == len(ttl) == len(server.graph)
    assert isomorphic(nt, server.graph)


# -- SPARQL 1.1 Protocol --------------------------------------------------------------------------

LABELS = "SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?s ?label LIMIT 5"


def test_sparql_results_json(server: Served) -> None:
    reply = fetch(sparql_url(server, LABELS), accept="application/sparql-results+json")
    assert reply.status == 200 and reply.type == "application/sparql-results+json"
    document = json.loads(reply.body)
    assert document["head"]["vars"] == ["s", "label"]
    assert len(document["results"]["bindings"]) == 5
    assert document["results"]["bindings"][0]["s"]["type"] == "uri"
    assert reply.headers["Access-Control-Allow-Origin"] == "*"


def test_sparql_results_xml(server: Served) -> None:
    reply = fetch(sparql_url(server, LABELS), accept="application/sparql-results+xml")
    assert reply.status == 200 and reply.type == "application/sparql-results+xml"
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(reply.body)
    assert len(root.findall("r:results/r:result", ns)) == 5


def test_sparql_results_csv_and_tsv(server: Served) -> None:
    reply = fetch(sparql_url(server, LABELS), accept="text/csv")
    assert reply.status == 200 and reply.type == "text/csv"
    rows = list(csv.reader(io.StringIO(reply.text)))
    assert rows[0] == ["s", "label"] and len(rows) == 6
    reply = fetch(sparql_url(server, LABELS), accept="text/tab-separated-values")
    assert reply.status == 200 and reply.type == "text/tab-separated-values"
    lines = reply.text.strip().split("\n")
    assert lines[0] == "?s\t?label" and len(lines) == 6 and lines[1].startswith("<")


def test_sparql_ask_and_construct(server: Served) -> None:
    ask = fetch(sparql_url(server, "ASK { ?s a reskg:Resolution }"), accept="application/json")
    assert json.loads(ask.body)["boolean"] is True
    construct = "CONSTRUCT { ?s a reskg:Resolution } WHERE { ?s a reskg:Resolution }"
    reply = fetch(sparql_url(server, construct), accept="text/turtle")
    assert reply.status == 200 and reply.type == "text/turtle"
    graph = rdflib.Graph().parse(data=reply.body, format="turtle")
    assert len(graph) == len(set(server.graph.subjects(RDF.type, RESKG.Resolution)))
    assert fetch(sparql_url(server, construct), accept="text/csv").status == 406


def test_sparql_post_form_and_direct(server: Served) -> None:
    form = urllib.parse.urlencode({"query": LABELS}).encode()
    reply = fetch(
        f"{server.url}/sparql",
        accept="application/sparql-results+json",
        method="POST",
        data=form,
        content_type="application/x-www-form-urlencoded",
    )
    assert reply.status == 200 and len(json.loads(reply.body)["results"]["bindings"]) == 5
    reply = fetch(
        f"{server.url}/sparql",
        accept="text/csv",
        method="POST",
        data=LABELS.encode(),
        content_type="application/sparql-query",
    )
    assert reply.status == 200 and reply.text.startswith("s,label")


def test_malformed_query_is_400_with_the_parser_message(server: Served) -> None:
    reply = fetch(sparql_url(server, "SELECT ?s WHERE { ?s ?p "), accept="application/json")
    assert reply.status == 400
    assert "malformed query" in reply.text and "error at" in reply.text


def test_updates_are_refused(server: Served) -> None:
    update = "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }"
    direct = fetch(
        f"{server.url}/sparql",
        method="POST",
        data=update.encode(),
        content_type="application/sparql-update",
    )
    assert direct.status == 403
    form = fetch(
        f"{server.url}/sparql",
        method="POST",
        data=urllib.parse.urlencode({"update": update}).encode(),
        content_type="application/x-www-form-urlencoded",
    )
    assert form.status == 403
    assert fetch(sparql_url(server, update)).status == 400  # not a query
    count = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    reply = fetch(sparql_url(server, count), accept="application/json")
    assert int(json.loads(reply.body)["results"]["bindings"][0]["n"]["value"]) == len(server.graph)


def test_service_is_refused(server: Served) -> None:
    query = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    reply = fetch(sparql_url(server, query))
    assert reply.status == 403 and "SERVICE" in reply.text
    # the word in a string or an IRI is no federated query
    harmless = (
        'SELECT ("SERVICE" AS ?x) WHERE { OPTIONAL { ?s <http://e.org/SERVICE> ?o } } LIMIT 1'
    )
    assert fetch(sparql_url(server, harmless), accept="application/json").status == 200


def test_huge_requests_are_refused(server: Served) -> None:
    huge = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 1_100_000
    reply = fetch(
        f"{server.url}/sparql",
        method="POST",
        data=huge.encode(),
        content_type="application/sparql-query",
    )
    assert reply.status == 413
    assert raw_get(server, "/sparql?query=" + "x" * 70_000) == 414


def test_result_size_limit(server: Served) -> None:
    query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
    reply = fetch(sparql_url(server, query), accept="application/json")
    assert reply.status == 200
    assert reply.headers["X-SPARQL-MaxRows"] == "10000"
    assert len(json.loads(reply.body)["results"]["bindings"]) == 10000


def test_time_limit_stops_a_runaway_query_and_the_server_still_answers(server: Served) -> None:
    for _ in range(3):  # more runaways than workers: each killed worker is replaced
        started = time.monotonic()
        reply = fetch(sparql_url(server, CROSS_JOIN), accept="application/json")
        assert reply.status == 503 and "time limit" in reply.text
        assert time.monotonic() - started < QUERY_TIMEOUT + 3
    deadline = time.monotonic() + 30
    while True:
        reply = fetch(sparql_url(server, LABELS), accept="application/json")
        if reply.status == 200 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert reply.status == 200
    assert fetch(server.url + "/", accept="text/html").status == 200


def test_options_preflight(server: Served) -> None:
    reply = fetch(f"{server.url}/sparql", method="OPTIONS")
    assert reply.status == 204
    assert "GET" in reply.headers["Access-Control-Allow-Methods"]


# -- the command line ----------------------------------------------------------------------------


def test_missing_graph_is_a_clear_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "reskg.cli", "serve", str(tmp_path / "nope.ttl")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip().endswith("no such file")
