"""One regression test per bug found, named after it."""

from pathlib import Path

from reskg.cli import main


def test_provisions_of_one_resolution_at_equal_offsets_in_two_articles_conform(tmp_path: Path):
    # Found by the 10,000-article benchmark: the provision IRI was the resolution, action and
    # offsets, so two articles describing resolution 12/10 at the same offsets made one node
    # with two spans, and the merged graph did not conform.
    body = (
        "The resolution recalls Resolution 12/10.\n\n== Text ==\n"
        "In resolution 12/10 the Council recalls Resolution 9/9.\n"
    )
    for name, number in (("a", "1/1"), ("b", "2/2")):
        (tmp_path / f"{name}.txt").write_text(f"= OIC Resolution {number} =\n\n{body}")
    out = tmp_path / "merged.ttl"
    code = main(["build", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(out)])
    assert code == 0
    assert out.exists()


def test_why_names_an_unknown_prefix(capsys) -> None:
    """``reskg why '*' foo:bar '*'`` once said "no extracted triple matches"."""
    assert main(["why", "*", "foo:bar", "*"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "unknown prefix 'foo:'" in err[0] and "reskg" in err[0]
    assert main(["why", "*", "<urn:x:y>", "*"]) == 1  # an IRI, just not in the graph
