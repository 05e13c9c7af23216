"""One article in three formats (flattened, wikitext, a page of an export) gives the same facts.

The facts are the rows of the canned queries, without IRIs and offsets (which differ with the
text each format renders); the subject resolution's row must be identical and every other
field must reach F1 0.98 between formats. The wikitext forms also carry links.
"""

from __future__ import annotations

import bz2
import re
from pathlib import Path

import pytest

from reskg.formats import FORMATS, serialize
from reskg.pipeline import build
from reskg.query import resolve_query, run_query
from reskg.read import Selection, inputs, read_article

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "fixtures" / "pages"
QUERIES = ("citations", "related", "people", "places", "organizations", "events", "provisions")
# (the flattened article, its wikitext fixture, its page title in the export)
ARTICLES = [
    (
        ROOT / "data" / "articles" / "oic-resolution-10-11.txt",
        PAGES / "oic-resolution-10-11.wiki",
        "OIC Resolution 10/11",
    ),
    (
        ROOT / "data" / "corpus" / "unsc-resolution-2334.txt",
        PAGES / "United_Nations_Security_Council_Resolution_2334.wiki",
        "United Nations Security Council Resolution 2334",
    ),
    (
        ROOT / "data" / "corpus" / "unsc-resolution-242.txt",
        PAGES / "United_Nations_Security_Council_Resolution_242.wiki",
        "United Nations Security Council Resolution 242",
    ),
]
Rows = dict[str, set[tuple[tuple[str, str], ...]]]


def _facts(paths: list[Path], tmp: Path, selection: Selection | None = None) -> Rows:
    result = build(paths, selection=selection)
    assert not result.failures and len(result.articles) == 1
    graph = tmp / "graph.ttl"
    graph.write_bytes(serialize(result.graph, FORMATS["turtle"]))
    rows: Rows = {}
    for name in ("resolutions", *QUERIES):
        rows[name] = {
            tuple(
                sorted(
                    (k, v)
                    for k, v in row.items()
                    if v and k not in {"start", "end"} and not v.startswith("https://w3id.org/")
                )
            )
            for row in run_query(resolve_query(name), [graph]).rows
        }
    return rows


def _f1(expected: set, found: set) -> float:
    if not expected and not found:
        return 1.0
    both = len(expected & found)
    return 2 * both / (len(expected) + len(found))


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "pages.xml.bz2"
    path.write_bytes(bz2.compress((PAGES / "export.xml").read_bytes()))
    return path


@pytest.mark.parametrize(("flattened", "wikitext", "title"), ARTICLES, ids=lambda v: str(v)[-24:])
def test_three_formats_give_the_same_facts(
    flattened: Path, wikitext: Path, title: str, export: Path, tmp_path: Path
) -> None:
    selection = Selection(title=re.compile(f"^{re.escape(title)}$"))
    forms = {
        "flattened": _facts([flattened], tmp_path),
        "wikitext": _facts([wikitext], tmp_path),
        "export": _facts([export], tmp_path, selection),
    }
    base = forms["flattened"]
    subject = {row for row in base["resolutions"] if ("isSubject", "true") in row}
    assert subject, "the flattened article has a subject resolution"
    for name, rows in forms.items():
        assert {r for r in rows["resolutions"] if ("isSubject", "true") in r} == subject, name
        for field in ("resolutions", *QUERIES):
            score = _f1(base[field], rows[field])
            assert score >= 0.98, f"{name} {field}: F1 {score:.3f}"


@pytest.mark.parametrize(("flattened", "wikitext", "title"), ARTICLES, ids=lambda v: str(v)[-24:])
def test_the_wikitext_forms_carry_links(
    flattened: Path, wikitext: Path, title: str, export: Path
) -> None:
    assert read_article(flattened).links == []
    page = next(p for p in inputs(export) if p.title == title)
    for article in (read_article(wikitext), page.article()):
        assert len(article.links) >= 10
        for link in article.links:
            assert article.text[link.start : link.end] == link.label
