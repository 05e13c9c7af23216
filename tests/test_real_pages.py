"""The real pages of data/corpus (dev and heldout): every one builds into a conforming graph."""

from reskg import paths
from reskg.pipeline import build
from reskg.validate import validate

REAL_PARTS = ("dev", "heldout")


def _pages():
    return sorted(p for part in REAL_PARTS for p in (paths.CORPUS_DIR / part).glob("*.txt"))


def test_the_real_set_has_its_size_and_sources():
    pages = _pages()
    heldout = [p for p in pages if p.parent.name == "heldout"]
    assert len(pages) >= 100 and len(heldout) >= 40
    listed = (paths.CORPUS_DIR / "SOURCES.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert sorted(f"{row.split(chr(9))[1]}/{row.split(chr(9))[0]}" for row in listed) == sorted(
        f"{p.parent.name}/{p.name}" for p in pages
    )
    assert all(p.with_suffix("").with_suffix(".gold.json").exists() for p in pages)


def test_every_real_page_builds_and_conforms():
    result = build(_pages())
    assert result.failures == []
    assert validate(result.graph).conforms
