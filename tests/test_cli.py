"""The ``reskg`` command line: exit codes, outputs, summaries and the published graph."""

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from reskg import paths
from reskg.cli import main, make_parser

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "data" / "articles" / "oic-resolution-10-11.txt"


def test_build_writes_a_conforming_graph_and_a_summary(tmp_path, capsys):
    out = tmp_path / "oic.ttl"
    assert main(["build", str(ARTICLE), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "conforms: yes" in err
    assert "triples" in err and "resolutions" in err and "people" in err
    graph = Graph().parse(out)
    assert len(graph) > 500


def test_same_input_gives_byte_identical_turtle(tmp_path):
    first, second = tmp_path / "a.ttl", tmp_path / "b.ttl"
    assert main(["build", str(ARTICLE), "-o", str(first)]) == 0
    assert main(["build", str(ARTICLE), "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()


def test_published_graph_is_what_build_produces_now(tmp_path):
    out = tmp_path / "published.ttl"
    assert main(["build", str(ARTICLE), "-o", str(out)]) == 0
    assert paths.PUBLISHED_GRAPH.read_bytes() == out.read_bytes(), (
        "data/oic-resolution-10-11.ttl is stale: run `reskg build` and commit it"
    )


@pytest.mark.parametrize(
    ("fmt", "suffix", "rdflib_format"),
    [("nt", ".nt", "nt"), ("json-ld", ".jsonld", "json-ld"), ("turtle", ".ttl", "turtle")],
)
def test_build_formats_parse_to_the_same_graph(tmp_path, fmt, suffix, rdflib_format):
    reference = tmp_path / "ref.ttl"
    out = tmp_path / f"out{suffix}"
    assert main(["build", str(ARTICLE), "-o", str(reference)]) == 0
    assert main(["build", str(ARTICLE), "--format", fmt, "-o", str(out)]) == 0
    assert len(Graph().parse(out, format=rdflib_format)) == len(Graph().parse(reference))


def test_gzip_output(tmp_path):
    import gzip

    out = tmp_path / "oic.nt.gz"
    assert main(["build", str(ARTICLE), "-o", str(out)]) == 0
    lines = gzip.decompress(out.read_bytes()).decode().splitlines()
    assert lines == sorted(lines)


def test_base_iri_is_configurable(tmp_path):
    out = tmp_path / "oic.nt"
    assert main(["build", str(ARTICLE), "--base", "http://example.org/kg", "-o", str(out)]) == 0
    assert "<http://example.org/kg/eli/oic/res/10-11>" in out.read_text()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty article"),
        (b"=  =\n\nText.\n", "expected a title line"),
        (b"= T =\n\n\xff\xfe bad", "not UTF-8"),
    ],
)
def test_bad_article_exit_2_one_line_and_nothing_written(tmp_path, capsys, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = tmp_path / "out.ttl"
    assert main(["build", str(bad), "-o", str(out)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(str(bad)) and message in err[0]
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [bad]


def test_missing_file_and_directory_exit_2(tmp_path, capsys):
    assert main(["build", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "o.ttl")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["build", str(tmp_path), "-o", str(tmp_path / "o.ttl")]) == 2
    assert "is a directory" in capsys.readouterr().err


def test_batch_reports_every_bad_article_and_writes_nothing(tmp_path, capsys):
    bad1, bad2 = tmp_path / "bad1.txt", tmp_path / "bad2.txt"
    bad1.write_bytes(b"")
    bad2.write_bytes(b"\xff not UTF-8")
    out = tmp_path / "out.ttl"
    assert main(["build", str(bad1), str(ARTICLE), str(bad2), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(bad1) in err and str(bad2) in err and "2 of 3" in err
    assert not out.exists()


def test_keep_going_writes_the_good_articles_and_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out.ttl"
    assert main(["build", str(bad), str(ARTICLE), "--keep-going", "-o", str(out)]) == 2
    assert "1 article(s)" in capsys.readouterr().err
    assert len(Graph().parse(out)) > 500


def test_failed_build_keeps_the_old_output(tmp_path):
    out = tmp_path / "out.ttl"
    out.write_text("old\n")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    assert main(["build", str(bad), "-o", str(out)]) == 2
    assert out.read_text() == "old\n"


def test_validate_exit_codes(tmp_path, capsys):
    good = tmp_path / "good.ttl"
    assert main(["build", str(ARTICLE), "-o", str(good)]) == 0
    assert main(["validate", str(good)]) == 0
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix reskg: <https://w3id.org/reskg/ontology#> .\n"
        "<http://example.org/eli/x> a reskg:Resolution .\n"
    )
    capsys.readouterr()
    assert main(["validate", str(bad)]) == 1
    assert "violation" in capsys.readouterr().out.lower()
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle")
    assert main(["validate", str(broken)]) == 2
    assert main(["validate", str(tmp_path / "missing.ttl")]) == 2


def test_query_canned_inline_and_formats(tmp_path, capsys):
    graph = tmp_path / "g.ttl"
    assert main(["build", str(ARTICLE), "-o", str(graph)]) == 0
    capsys.readouterr()
    assert main(["query", "citations", str(graph), "--format", "csv"]) == 0
    header = capsys.readouterr().out.splitlines()[0].split(",")
    assert header[:6] == ["resolution", "number", "cited", "citedNumber", "citedTitle", "citedBody"]
    assert main(["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", str(graph)]) == 0
    assert main(["query", "no-such-query", str(graph)]) == 2
    assert "unknown query" in capsys.readouterr().err
    assert main(["query", "SELECT WHERE {", str(graph)]) == 2


def test_why_prints_the_sentence_with_the_span_marked(tmp_path, capsys):
    graph = tmp_path / "g.ttl"
    assert main(["build", str(ARTICLE), "-o", str(graph)]) == 0
    capsys.readouterr()
    code = main(
        [
            "why",
            "https://w3id.org/reskg/eli/oic/res/10-11",
            "reskg:paragraphCount",
            "23",
            str(graph),
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "[[" in out and "23 paragraphs" in out
    assert main(["why", "*", "reskg:paragraphCount", "999", str(graph)]) == 1


def test_usage_errors_exit_2():
    result = subprocess.run(
        [sys.executable, "-m", "reskg.cli", "build", "--format", "yaml"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
    assert "Traceback" not in result.stderr


def test_options_may_come_between_positional_arguments(tmp_path, capsys):
    corpus = Path(__file__).resolve().parent.parent / "data" / "corpus"
    first, second = corpus / "unsc-resolution-242.txt", corpus / "unsc-resolution-660.txt"
    out = tmp_path / "two.nt"
    assert main(["build", str(first), "-o", str(out), str(second), "--no-link"]) == 0
    assert "2 article(s)" in capsys.readouterr().err
    assert main(["query", "people", "--format", "csv", str(out)]) == 0
    assert capsys.readouterr().out.startswith("person,name,role")


def test_top_level_help_is_for_users():
    text = make_parser().format_help()
    assert "reskg.commands" not in text and "module" not in text
    assert "knowledge graph of international resolutions" in text
    assert "Exit codes" in text
