"""One format table: every command reads and writes every RDF format, by suffix or --format."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from reskg.cli import main
from reskg.formats import FORMATS, RdfError, format_for_path, read_quads, read_rdflib, write_graph
from reskg.publish.store import read_graphs

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = ROOT / "data" / "oic-resolution-10-11.ttl"
ARTICLE = ROOT / "data" / "articles" / "oic-resolution-10-11.txt"
CASES = [(name, gz) for name in FORMATS for gz in (False, True)]


@pytest.fixture(scope="module")
def graph() -> Graph:
    return read_rdflib([PUBLISHED])


def written(graph: Graph, tmp_path: Path, name: str, gz: bool) -> Path:
    """The graph written as reskg build writes it, in format ``name`` (gzipped if ``gz``)."""
    rdf_format = FORMATS[name]
    path = tmp_path / f"graph{rdf_format.extension}{'.gz' if gz else ''}"
    buffer = io.BytesIO()
    write_graph(graph, rdf_format, buffer)
    path.write_bytes(gzip.compress(buffer.getvalue()) if gz else buffer.getvalue())
    return path


def published_terms() -> set[ox.Triple]:
    return {q.triple for q in ox.parse(path=str(PUBLISHED), format=ox.RdfFormat.TURTLE)}


@pytest.mark.parametrize(("name", "gz"), CASES)
def test_every_format_writes_and_reads_back_the_same_triples(
    graph: Graph, tmp_path: Path, name: str, gz: bool
) -> None:
    path = written(graph, tmp_path, name, gz)
    assert format_for_path(path) is FORMATS[name]
    assert {q.triple for q in read_quads(path)} == published_terms()  # literals as written
    assert set(read_rdflib([path])) == set(graph)


@pytest.mark.parametrize(("name", "gz"), CASES)
def test_every_command_reads_every_format(
    graph: Graph, tmp_path: Path, name: str, gz: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    path = written(graph, tmp_path, name, gz)
    assert main(["validate", str(path)]) == 0
    capsys.readouterr()
    assert main(["query", "resolutions", str(PUBLISHED), "--format", "csv"]) == 0
    published = capsys.readouterr().out
    assert main(["query", "resolutions", str(path), "--format", "csv"]) == 0
    assert capsys.readouterr().out == published
    assert main(["why", "*", "reskg:paragraphCount", "*", str(path)]) == 0
    assert "[[consists of 23 paragraphs]]" in capsys.readouterr().out
    assert read_graphs([path])[1] == len(graph)  # what reskg load and reskg serve read
    assert main(["link", "--offline", "--cache", str(tmp_path / "cache.tsv"), str(path)]) == 0
    assert set(read_rdflib([path])) >= set(graph)  # rewritten in its own format


@pytest.mark.parametrize("suffix", [".rdf", ".nq.gz", ".trig", ".jsonld.gz"])
def test_build_writes_the_format_its_output_names(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"graph{suffix}"
    assert main(["build", str(ARTICLE), "-o", str(out)]) == 0
    data = out.read_bytes()
    if suffix.endswith(".gz"):
        assert data[:2] == b"\x1f\x8b"
    if suffix == ".rdf":
        assert data.startswith(b"<?xml")  # once silently Turtle
    assert {q.triple for q in read_quads(out)} == published_terms()
    assert main(["query", "ASK { ?r a reskg:Resolution }", str(out)]) == 0


def test_the_format_option_overrides_the_suffix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "graph.data"
    data.write_bytes(gzip.decompress(gzip.compress(PUBLISHED.read_bytes())))
    assert main(["validate", "--format", "turtle", str(data)]) == 0
    assert main(["query", "--graph-format", "ttl", "ASK { ?r a reskg:Resolution }", str(data)]) == 0
    assert main(["why", "--format", "turtle", "*", "reskg:paragraphCount", "*", str(data)]) == 0
    out = tmp_path / "graph.out"
    assert main(["build", str(ARTICLE), "-o", str(out), "--format", "nt"]) == 0
    assert {q.triple for q in read_quads(out, FORMATS["nt"])} == published_terms()
    capsys.readouterr()
    assert main(["validate", "--format", "nt", str(data)]) == 2  # Turtle is not N-Triples
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"{data} line ") and "N-Triples" in err[0]


UNKNOWN = [
    ["build", str(ARTICLE), "-o", "{f}"],
    ["validate", "{f}"],
    ["query", "resolutions", "{f}"],
    ["why", "*", "*", "*", "{f}"],
    ["serve", "--port", "0", "{f}"],
    ["load", "{f}", "--store", "http://127.0.0.1:9/store"],
    ["link", "--offline", "{f}"],
]


@pytest.mark.parametrize("command", UNKNOWN, ids=[c[0] for c in UNKNOWN])
def test_an_unknown_suffix_is_one_line_and_exit_2(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "graph.txt"
    path.write_bytes(PUBLISHED.read_bytes())
    before = sorted(tmp_path.iterdir())
    code = main([part.format(f=path) for part in command])
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert f"{path}: cannot tell the RDF format from the file name" in err[0]
    assert sorted(tmp_path.iterdir()) == before  # nothing written, nothing guessed


def test_an_unknown_format_name_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--format", "yaml", str(PUBLISHED)])
    assert exit_info.value.code == 2
    assert "unknown RDF format 'yaml'" in capsys.readouterr().err
    with pytest.raises(RdfError, match="cannot tell the RDF format"):
        format_for_path("graph")


def test_broken_gzip_and_a_directory_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "graph.nt.gz"
    broken.write_bytes(b"not gzip at all")
    assert main(["validate", str(broken)]) == 2
    assert capsys.readouterr().err.strip().startswith(f"{broken}: not a valid gzip stream")
    folder = tmp_path / "folder.ttl"
    folder.mkdir()
    assert main(["query", "resolutions", str(folder)]) == 2
    assert f"{folder}: is a directory" in capsys.readouterr().err


def test_an_ill_typed_date_is_reported_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.ttl"
    text = PUBLISHED.read_text(encoding="utf-8")
    assert '"2008-03-13"^^xsd:date' in text
    bad.write_text(text.replace('"2008-03-13"^^xsd:date', '"13 March 2008"^^xsd:date'), "utf-8")
    assert main(["validate", str(bad)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert "13 March 2008" in captured.out
