"""Every canned query gives the same rows on three engines, over the graph of the whole corpus.

pyoxigraph in process (what ``reskg query`` uses), rdflib's own engine through ``Graph.query``
(the most common Python way), and a real Oxigraph server asked through SPARQLWrapper (what
``reskg query --endpoint`` does). Rows are compared in order: each query's ORDER BY is total.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import rdflib
from conftest import OxigraphServer, start_oxigraph

from reskg.cli import main
from reskg.query import canned_queries, run_query, run_query_endpoint

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "data" / "corpus").glob("*.txt"))
Row = tuple[str | None, ...]


@pytest.fixture(scope="module")
def corpus_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("portable") / "corpus.ttl"
    assert main(["build", *map(str, CORPUS), "-o", str(path)]) == 0
    return path


@pytest.fixture(scope="module")
def rdflib_graph(corpus_graph: Path) -> rdflib.Graph:
    return rdflib.Graph().parse(corpus_graph, format="turtle")


@pytest.fixture(scope="module")
def endpoint(
    corpus_graph: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[OxigraphServer]:
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph"), corpus_graph)
    yield server
    server.stop()


def normalised(name: str, variables: list[str], rows: list[Row]) -> list[Row]:
    """Rows as comparable tuples; GROUP_CONCAT's order is the engine's (SPARQL leaves it open)."""
    if name != "organizations":
        return rows
    at = variables.index("formerName")
    return [
        (*row[:at], None if row[at] is None else "; ".join(sorted(row[at].split("; "))),
         *row[at + 1 :])
        for row in rows
    ]  # fmt: skip


def with_pyoxigraph(text: str, graph: Path) -> tuple[list[str], list[Row]]:
    result = run_query(text, [graph])
    return result.vars, [tuple(row[v] for v in result.vars) for row in result.rows]


def with_rdflib(text: str, graph: rdflib.Graph) -> tuple[list[str], list[Row]]:
    result = graph.query(text)
    variables = [str(v) for v in result.vars or []]
    rows = [tuple(None if row[v] is None else str(row[v]) for v in variables) for row in result]
    return variables, rows


def with_endpoint(text: str, server: OxigraphServer) -> tuple[list[str], list[Row]]:
    result = run_query_endpoint(text, server.query_url)
    return result.vars, [tuple(row.get(v) for v in result.vars) for row in result.rows]


@pytest.mark.parametrize("name", sorted(canned_queries()))
def test_the_canned_query_agrees_on_three_engines(
    name: str, corpus_graph: Path, rdflib_graph: rdflib.Graph, endpoint: OxigraphServer
) -> None:
    text = canned_queries()[name].read_text(encoding="utf-8")
    engines: dict[str, Callable[[], tuple[list[str], list[Row]]]] = {
        "rdflib": lambda: with_rdflib(text, rdflib_graph),
        "Oxigraph server": lambda: with_endpoint(text, endpoint),
    }
    variables, expected = with_pyoxigraph(text, corpus_graph)
    assert expected, f"{name}.rq has no rows on the corpus: the comparison would be empty"
    expected = normalised(name, variables, expected)
    for engine, run in engines.items():
        their_vars, rows = run()
        assert their_vars == variables, engine
        rows = normalised(name, their_vars, rows)
        assert len(rows) == len(expected), engine
        for index, (mine, theirs) in enumerate(zip(expected, rows, strict=True)):
            assert mine == theirs, f"{name}.rq row {index}: pyoxigraph {mine} != {engine} {theirs}"
