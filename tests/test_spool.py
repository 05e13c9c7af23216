"""Large builds: evidence and selectors spooled in batches give the same graph and the same
validation results as one in-memory graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef

from reskg import paths, spool
from reskg.assemble import ARTICLE_LOCAL_CLASSES, LocalTriples, assemble
from reskg.cli import main
from reskg.formats import FORMATS, serialize, write_graph
from reskg.iris import OA, RESKG
from reskg.pipeline import build, read_and_extract
from reskg.validate import (
    format_report,
    shapes_for_classes,
    shapes_graph,
    targeted_shapes,
    validate,
)

CORPUS = sorted(str(p) for p in paths.CORPUS_DIR.glob("*.txt"))
SH = "http://www.w3.org/ns/shacl#"


def assembled(count: int) -> tuple[Graph, list[LocalTriples]]:
    """The shared graph and the local triples of the first ``count`` corpus articles."""
    parts: list[LocalTriples] = []
    graph = assemble((read_and_extract(p) for p in CORPUS[:count]), local_sink=parts.append)
    return graph, parts


def whole(graph: Graph, parts: list[LocalTriples]) -> Graph:
    """The shared graph and the local triples as one graph."""
    full = Graph()
    full += graph
    for part in parts:
        full.addN((s, p, o, full) for s, p, o in part.triples)
    return full


def test_shared_graph_and_local_triples_make_the_in_memory_graph() -> None:
    """Nothing is lost or added by keeping the local triples apart."""
    graph, parts = assembled(4)
    assert set(whole(graph, parts)) == set(build(CORPUS[:4]).graph)
    local_subjects = {s for part in parts for s, _, _ in part.triples}
    assert not local_subjects & set(graph.subjects())
    assert sum(len(part.triples) for part in parts) > 4 * len(graph) // 10


def test_local_nodes_are_evidence_and_selectors_only() -> None:
    """Every local node is an instance of one of the article-local classes."""
    _, parts = assembled(3)
    for part in parts:
        types = {s: o for s, p, o in part.triples if p == RDF.type}
        assert types == part.types
        assert {s for s, _, _ in part.triples} == types.keys()
        assert set(types.values()) == set(ARTICLE_LOCAL_CLASSES)


def test_context_types_cross_the_boundary() -> None:
    """Provisions point at selectors (inside types); selectors at their article (outside)."""
    _, parts = assembled(1)
    inside = parts[0].inside_types
    assert inside and all(t[1:] == (RDF.type, OA.TextPositionSelector) for t in inside)
    outside = {(t[1], t[2]) for t in parts[0].outside_types}
    assert (RDF.type, URIRef("https://schema.org/Article")) in outside


def test_local_shapes_are_those_of_evidence_and_selectors() -> None:
    """The split is by target class; no other shape targets local nodes."""
    local = shapes_for_classes(ARTICLE_LOCAL_CLASSES)
    assert len(local) == 9
    shapes = shapes_graph()
    local_predicates = {p for part in assembled(2)[1] for _, p, _ in part.triples}
    for name in targeted_shapes() - local:
        node = URIRef(name)
        assert not set(shapes.objects(node, URIRef(SH + "targetClass"))) & set(
            ARTICLE_LOCAL_CLASSES
        )
        for kind in ("targetSubjectsOf", "targetObjectsOf"):
            assert not set(shapes.objects(node, URIRef(SH + kind))) & local_predicates


def broken(count: int) -> tuple[Graph, list[LocalTriples]]:
    """Corpus articles with a violation on each side: an evidence without its span, and a
    resolution with a second paragraph count."""
    graph, parts = assembled(count)
    part = parts[-1]
    evidence_span = next(t for t in part.triples if t[1] == RESKG.span)
    part.triples.remove(evidence_span)
    resolution = next(graph.subjects(RDF.type, RESKG.Resolution))
    graph.add((resolution, RESKG.paragraphCount, Literal("many")))
    return graph, parts


@pytest.mark.parametrize("jobs", [1, 2])
def test_spooled_validation_finds_what_whole_validation_finds(tmp_path: Path, jobs: int) -> None:
    """Batches plus the shared graph report exactly the results of the whole graph."""
    graph, parts = broken(5)
    expected = validate(whole(graph, parts))
    sink = spool.LocalSpool(tmp_path, jobs=jobs, batch_articles=2)
    for part in parts:
        sink(part)
    sink.finish()
    assert len(sink.files) == 3
    result = sink.validate(graph, jobs=jobs)
    assert not result.conforms
    assert {v.component for v in result.errors} >= {
        URIRef(SH + "MinCountConstraintComponent"),
        URIRef(SH + "DatatypeConstraintComponent"),
    }
    assert format_report(result) == format_report(expected)
    assert not any(t in graph for t in sink.inside_types)  # added for validation only


def test_spooled_validation_of_a_good_corpus_conforms(tmp_path: Path) -> None:
    """The provisions' spans and the selectors' articles are found across the boundary."""
    graph, parts = assembled(5)
    sink = spool.LocalSpool(tmp_path, batch_articles=2)
    for part in parts:
        sink(part)
    sink.finish()
    result = sink.validate(graph)
    assert result.conforms and not result.violations, format_report(result)


@pytest.mark.parametrize("jobs", [1, 2])
def test_unwritable_spool_is_an_error(tmp_path: Path, jobs: int) -> None:
    _, parts = assembled(2)
    sink = spool.LocalSpool(tmp_path / "gone", jobs=jobs, batch_articles=1)
    with pytest.raises(spool.SpoolError):
        for part in parts:
            sink(part)
        sink.finish()


@pytest.mark.parametrize("name", ["nt", "turtle", "json-ld"])
def test_write_graph_with_parts_is_the_whole_graph(tmp_path: Path, name: str) -> None:
    """Streaming the shared graph and the spooled files gives every triple once."""
    graph, parts = assembled(2)
    files = []
    for i, part in enumerate(parts):
        piece = Graph()
        piece.addN((s, p, o, piece) for s, p, o in part.triples)
        files.append(tmp_path / f"{i}.nt")
        files[-1].write_bytes(serialize(piece, FORMATS["nt"]))
    out = tmp_path / "out"
    with out.open("wb") as handle:
        write_graph(graph, FORMATS[name], handle, files)
    parsed = Graph().parse(out, format={"nt": "nt", "turtle": "turtle", "json-ld": "json-ld"}[name])
    assert set(parsed) == set(whole(graph, parts))


def test_large_cli_build_spools_and_writes_the_same_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``reskg build`` above the batch size writes the in-memory graph, for any --jobs."""
    monkeypatch.setattr(spool, "BATCH_ARTICLES", 4)
    articles = CORPUS[:9]
    one, two, ttl = tmp_path / "one.nt", tmp_path / "two.nt", tmp_path / "g.ttl.gz"
    assert main(["build", *articles, "--no-link", "-o", str(one), "--jobs", "1"]) == 0
    assert main(["build", *articles, "--no-link", "-o", str(two), "--jobs", "2"]) == 0
    assert main(["build", *articles, "--no-link", "-o", str(ttl), "--jobs", "2"]) == 0
    assert one.read_bytes() == two.read_bytes()
    expected = set(build(articles).graph)
    assert set(Graph().parse(one, format="nt")) == expected
    import gzip

    assert set(Graph().parse(data=gzip.decompress(ttl.read_bytes()), format="turtle")) == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.ttl.gz", "one.nt", "two.nt"]


def test_large_build_into_an_unwritable_place_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The spool goes beside the output: a parent that cannot be a directory is one error."""
    monkeypatch.setattr(spool, "BATCH_ARTICLES", 2)
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a directory")
    out = blocker / "g.nt"
    assert main(["build", *CORPUS[:3], "--no-link", "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"{blocker}: cannot write: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]
