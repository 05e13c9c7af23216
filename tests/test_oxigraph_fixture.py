"""The Oxigraph fixtures start real servers that answer SPARQL."""

import json
import urllib.parse
import urllib.request


def _select(url: str, query: str) -> list[dict]:
    request = urllib.request.Request(
        f"{url}?{urllib.parse.urlencode({'query': query})}",
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["results"]["bindings"]


def test_wikidata_fixture_is_loaded(wikidata_server):
    rows = _select(
        wikidata_server.query_url,
        'SELECT ?item WHERE { ?item <http://www.w3.org/2000/01/rdf-schema#label> "Dakar"@en }',
    )
    assert {r["item"]["value"] for r in rows} >= {"http://www.wikidata.org/entity/Q3718"}


def test_empty_server_is_stopped_after_the_test(oxigraph_server):
    assert _select(oxigraph_server.query_url, "SELECT * WHERE { ?s ?p ?o }") == []
    assert oxigraph_server.process.poll() is None
