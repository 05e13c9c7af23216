"""The readers: the format table, plain text / Markdown, wikitext and MediaWiki XML exports."""

from __future__ import annotations

import bz2
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reskg.cli import main
from reskg.read import (
    FORMATS,
    READERS,
    ArticleError,
    FileInput,
    Selection,
    inputs,
    read_article,
    reader_for,
)
from reskg.read.text import parse_text
from reskg.read.wikitext import parse_wikitext

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
EXPORT = PAGES / "export.xml"
MARKUP = re.compile(r"\{\{|\}\}|\[\[|\]\]|<ref|</|\{\||^\|", re.M)


def _bz2_export(tmp_path: Path, data: bytes | None = None) -> Path:
    path = tmp_path / "enwiki-pages-articles.xml.bz2"
    path.write_bytes(bz2.compress(data if data is not None else EXPORT.read_bytes()))
    return path


# -- the table ---------------------------------------------------------------------------------


def test_one_table_finds_readers_by_name_media_type_and_suffix() -> None:
    assert set(FORMATS) == {"flattened", "text", "wikitext", "mediawiki-xml"}
    assert READERS["text/x-wiki"] is READERS["wikitext"] is READERS[".wiki"]
    assert READERS["text/markdown"] is READERS[".md"] is READERS["text"]
    assert reader_for("a/b.xml.bz2") is reader_for("c.xml") is READERS["mediawiki-xml"]
    assert reader_for("page.WIKITEXT") is READERS["wikitext"]
    assert reader_for("notes.txt") is None  # by content
    assert reader_for("notes.txt", "wikitext") is READERS["wikitext"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"= T =\n\nInfobox\n- Date: 2008\n\nText.\n", "flattened"),
        (b"{{Short description|x}}\n'''T''' was adopted in [[Dakar]].\n", "wikitext"),
        (b"= T =\n\n'''T''' was adopted in [[Dakar]].<ref>x</ref>\n", "wikitext"),
        (b"# Notes\n\nResolution 1/2 was adopted.\n", "text"),
        (b"Resolution 1/2 was adopted in Dakar.\n", "text"),
    ],
)
def test_a_txt_file_is_read_by_its_content(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(content)
    article = read_article(path)
    assert article.title in {"T", "Notes", "page"}
    assert bool(article.links) == (expected == "wikitext")


def test_an_export_under_a_txt_name_is_named_not_misread(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_bytes(EXPORT.read_bytes())
    with pytest.raises(ArticleError, match=r"export\.txt: a MediaWiki XML export; name it \.xml"):
        read_article(path)


# -- plain text and Markdown -------------------------------------------------------------------


def test_markdown_title_sections_lists_and_inline_markup() -> None:
    article = parse_text(
        "# Resolution 12/3\n\nAdopted **unanimously** in [Dakar](https://x.org) on `4 May`."
        "\n\n## See also\n\n* Resolution 10/11\n1. Resolution 9/8\n\n| a | b |\n",
        name="notes.md",
    )
    assert article.title == "Resolution 12/3"
    assert [s.heading for s in article.sections] == ["See also"]
    assert article.sentences[0].text == "Adopted unanimously in Dakar on 4 May."
    items = [p.text for p in article.paragraphs if p.is_list_item]
    assert items == ["Resolution 10/11", "Resolution 9/8"]


def test_plain_text_takes_its_title_from_the_file_name() -> None:
    article = parse_text("Resolution 12/3 was adopted.\nIt was the last.", name="a/un_notes.txt")
    assert article.title == "un notes"
    assert [s.text for s in article.sentences] == [
        "Resolution 12/3 was adopted.",
        "It was the last.",
    ]
    underlined = parse_text("Resolution 12/3\n===\n\nText.\n\nPart\n---\nMore.", name="x.txt")
    assert underlined.title == "Resolution 12/3"
    assert [s.heading for s in underlined.sections] == ["Part"]


# -- wikitext ----------------------------------------------------------------------------------

UN_PAGE = """{{Short description|United Nations resolution}}
{{Infobox UN resolution
| number = 242
| organ = Security Council
| date = {{Start date|1967|11|22}}
| meeting = 1,382
| code = S/RES/242 ([https://undocs.org/S/RES/242(1967) document])
| subject = The situation in the [[Middle East]]
| for = 15
| abstention = 0
| against = 0
| image = UN Security Council.jpg
| caption = The Council in session
| result = Adopted
}}
'''Resolution 242''' was adopted by the [[United Nations Security Council|Security Council]] \
in [[New York City|New York]] on 22 November 1967.<ref>{{cite web |url=http://x.org |title=T}}\
</ref> It followed the [[Six-Day War]].{{citation needed|date=May 2024}}
[[File:Map.png|thumb|A map with [[Israel]]]]
<!-- a comment -->
== Background ==
{| class="wikitable"
|-
| [[Egypt]] || 1967
|}
* [[Lord Caradon]] drafted it in {{lang|fr|la langue}}.
== References ==
{{Reflist}}
* [[Nowhere]]
{{Arab–Israeli conflict}}
[[Category:United Nations Security Council resolutions]]
[[fr:Résolution 242]]
"""


def test_wikitext_infobox_un_resolution_fields_become_the_infobox() -> None:
    article = parse_wikitext(UN_PAGE, name="UNSC_242.wiki")
    assert article.title == "UNSC 242"
    assert [(f.key, f.value) for f in article.infobox] == [
        ("Number", "242"),
        ("Organ", "Security Council"),
        ("Date", "22 November 1967"),
        ("Meeting", "1,382"),
        ("Code", "S/RES/242 (document)"),
        ("Subject", "The situation in the Middle East"),
        ("For", "15"),
        ("Abstention", "0"),
        ("Against", "0"),
        ("Result", "Adopted"),
    ]
    for f in article.infobox:
        assert article.text[f.value_span[0] : f.value_span[1]] == f.value


def test_wikitext_links_become_labels_and_link_mentions() -> None:
    article = parse_wikitext(UN_PAGE, name="UNSC_242.wiki")
    links = [(article.text[m.start : m.end], m.label, m.target) for m in article.links]
    assert links == [
        ("Middle East", "Middle East", "Middle East"),
        ("Security Council", "Security Council", "United Nations Security Council"),
        ("New York", "New York", "New York City"),
        ("Six-Day War", "Six-Day War", "Six-Day War"),
        ("Lord Caradon", "Lord Caradon", "Lord Caradon"),
    ]
    assert article.sentences[0].text == (
        "Resolution 242 was adopted by the Security Council in New York on 22 November 1967."
    )


def test_wikitext_drops_refs_files_categories_tables_templates_and_reference_sections() -> None:
    article = parse_wikitext(UN_PAGE, name="UNSC_242.wiki")
    assert not MARKUP.search(article.text), article.text
    for gone in ("cite web", "map with", "comment", "Egypt", "Nowhere", "Category", "Résolution"):
        assert gone not in article.text
    assert [s.heading for s in article.sections] == ["Background"]
    assert [p.text for p in article.paragraphs if p.is_list_item] == [
        "Lord Caradon drafted it in la langue."
    ]


@pytest.mark.parametrize(
    "wikitext",
    [
        "{{Infobox UN resolution\n| number = 1\n\nText [[Dakar|Da",
        "Text [[Dakar and more text.\n\n== H ==\n[[ [[ ]] {{ {{ }}",
        "{|\n|-\n| {|\n|-\n| a\n|}\n| b\n|}\n{| unclosed\n| c\nText after.",
        "<ref>never closed {{cite\n\nA sentence.",
        "{{a|" * 300 + "x" + "}}" * 300 + " Text.",
        "[[" * 2000 + "Text." + "]]" * 1000,
        "'''''" * 500 + "Text.",
        "<div>" * 400 + "Text." + "</div>" * 100,
    ],
)
def test_broken_wikitext_gives_an_article_without_markup(wikitext: str) -> None:
    article = parse_wikitext(wikitext, name="broken.wiki")
    assert not MARKUP.search(article.text), article.text[:300]


def test_a_leading_title_heading_names_a_wikitext_page() -> None:
    article = parse_wikitext("= OIC Resolution 10/11 =\n'''Text''' [[Dakar]].", name="x.wiki")
    assert article.title == "OIC Resolution 10/11"
    assert [s.text for s in article.sentences] == ["Text Dakar."]


# -- MediaWiki XML -----------------------------------------------------------------------------


def test_an_export_streams_its_main_namespace_pages_without_redirects(tmp_path: Path) -> None:
    pages = list(inputs(_bz2_export(tmp_path)))
    assert [p.title for p in pages] == [
        "OIC Resolution 10/11",
        "United Nations Security Council Resolution 242",
        "Dakar",
        "United Nations Security Council Resolution 2334",
    ]
    article = pages[0].article()
    assert article.key == "OIC Resolution 10/11"
    assert article.page is not None and article.page.page_id == 31000001
    assert article.page.revision_url == "https://en.wikipedia.org/w/index.php?oldid=1200000001"


def test_template_and_title_select_pages() -> None:
    def titles(selection: Selection) -> list[str]:
        return [p.title for p in inputs(EXPORT, selection=selection)]

    assert titles(Selection(template="Infobox UN resolution")) == [
        "United Nations Security Council Resolution 2334"
    ]
    assert titles(Selection(template="infobox_UN_resolution")) == titles(
        Selection(template="Infobox UN resolution")
    )
    assert titles(Selection(template="Infobox settlement")) == ["Dakar"]
    assert titles(Selection(title=re.compile(r"Resolution 2\d\d\b"))) == [
        "United Nations Security Council Resolution 242"
    ]


def test_an_export_is_read_as_a_stream(tmp_path: Path) -> None:
    """The first pages come out before a broken end is reached: nothing reads ahead."""
    data = EXPORT.read_bytes()
    cut = data.index(b"<title>Dakar</title>")
    broken = _bz2_export(tmp_path, data[:cut] + b"<title>no end")
    stream = inputs(broken)
    assert next(stream).title == "OIC Resolution 10/11"
    assert next(stream).title == "United Nations Security Council Resolution 242"
    with pytest.raises(ArticleError, match="not a readable MediaWiki export"):
        next(stream)


def test_a_ten_megabyte_page_is_one_line_and_the_others_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = EXPORT.read_bytes()
    at = data.index(b"</text>", data.index(b"<title>Dakar</title>"))
    huge = data[:at] + b" Dakar grew." * 100_000 + data[at:]  # 1.2 MB of text
    export = _bz2_export(tmp_path, huge)
    out = tmp_path / "out.ttl"
    assert main(["build", str(export), "--keep-going", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{export}: page 'Dakar': larger than 768 KiB" in err
    assert "Traceback" not in err
    assert err.startswith("3 article(s), 1 could not be read") or "3 article(s)" in err
    assert out.exists()


def test_a_broken_export_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    truncated = tmp_path / "cut.xml.bz2"
    truncated.write_bytes(bz2.compress(EXPORT.read_bytes())[:500])
    not_xml = tmp_path / "notes.xml"
    not_xml.write_text("plain words, not XML")
    for path in (truncated, not_xml):
        assert main(["build", str(path), "-o", str(tmp_path / "o.ttl")]) == 2
        lines = capsys.readouterr().err.splitlines()
        assert lines[0].startswith(f"{path}: ") and "Traceback" not in "\n".join(lines)
        assert not (tmp_path / "o.ttl").exists()


# -- the commands the README shows -------------------------------------------------------------


def test_build_page_wiki_export_with_template_and_notes_txt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.wiki"
    page.write_text(UN_PAGE)
    notes = tmp_path / "notes.txt"
    notes.write_text("Resolution 12/3 was adopted by the Organisation of Islamic Cooperation.")
    export = _bz2_export(tmp_path)
    for argv, articles in (
        ([str(page)], 1),
        ([str(export), "--template", "Infobox UN resolution"], 1),
        ([str(export), "--title", "^United Nations", "-j", "2"], 2),
        ([str(notes)], 1),
    ):
        out = tmp_path / "out.ttl"
        assert main(["build", *argv, "-o", str(out)]) == 0
        assert capsys.readouterr().err.startswith(f"{articles} article(s), ")
        out.unlink()
    assert main(["build", str(export), "--template", "No such template", "-o", "x.ttl"]) == 2
    assert "no page of the export(s)" in capsys.readouterr().err


def test_bad_selection_and_format_options_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["build", str(EXPORT), "--title", "("])
    assert exit_.value.code == 2
    assert "not a regular expression" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["build", str(EXPORT), "--input-format", "docx"])


def test_forced_input_format(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("Resolution 12/3 was adopted in [[Dakar]].")
    assert FileInput(path, READERS["text"]).article().sentences[0].text.endswith("[[Dakar]].")
    assert read_article(path, "wikitext").links[0].target == "Dakar"
    with pytest.raises(ArticleError, match="expected a title line"):
        read_article(path, "flattened")


def test_export_pages_go_to_the_workers_as_they_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With --jobs, the first articles come back before the export is read to its end, in
    order, and no more than a few chunks of pages are ever read ahead."""
    from reskg import pipeline
    from reskg.read import mediawiki

    page = "<page><title>Dakar {n}</title><ns>0</ns><id>{n}</id><revision><id>{n}</id>"
    page += "<text>Dakar {n} is a city in [[Senegal]].</text></revision></page>\n"
    head = EXPORT.read_text().split("<page>", 1)[0]
    export = tmp_path / "many.xml"
    export.write_text(head + "".join(page.format(n=n) for n in range(1, 401)) + "</mediawiki>\n")
    read = []
    streamed = mediawiki.read_pages

    def counted(path: Path, selection: Selection | None = None) -> Iterator[mediawiki.Page]:
        for item in streamed(path, selection):
            read.append(item.title)
            yield item

    monkeypatch.setattr(mediawiki, "read_pages", counted)
    outcomes = pipeline.extract_all([export], jobs=2)
    first = next(outcomes)
    assert not isinstance(first, str) and first[0].title == "Dakar 1"
    assert len(read) <= 8 * 2 * 4 + 8 < 400  # the bound: four chunks of eight per worker
    titles = [first[0].title] + [o[0].title for o in outcomes if not isinstance(o, str)]
    assert titles == [f"Dakar {n}" for n in range(1, 401)]


def test_a_build_stopped_while_an_export_streams_ends_its_workers(tmp_path: Path) -> None:
    """The feeder thread waits for room in the read-ahead; stopping early must not hang it."""
    import time

    from reskg import pipeline

    page = "<page><title>Dakar {n}</title><ns>0</ns><id>{n}</id><revision><id>{n}</id>"
    page += "<text>Dakar {n} is a city in [[Senegal]].</text></revision></page>\n"
    head = EXPORT.read_text().split("<page>", 1)[0]
    export = tmp_path / "many.xml"
    export.write_text(head + "".join(page.format(n=n) for n in range(1, 401)) + "</mediawiki>\n")
    outcomes = pipeline.extract_all([export], jobs=2)
    next(outcomes)
    time.sleep(1)  # let the feeder fill the read-ahead and wait
    started = time.monotonic()
    outcomes.close()
    assert time.monotonic() - started < 10


_PIECES = [
    "{{", "}}", "[[", "]]", "|", "{|", "|}", "|-", "<ref>", "</ref>", "<ref name=x/>", "'''",
    "''", "==", "\n", "\n\n", "* ", "# ", ": ", "; ", "<!--", "-->", "<div>", "</div>", "<br>",
    "&nbsp;", "&amp;", "[http://x.org y]", "File:", "Category:", "Infobox UN resolution",
    "Dakar", "Resolution 12/3", " was adopted ", ".", " ", "=", "\ue000", "<nowiki>",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60), st.text(max_size=20))
def test_any_mix_of_wikitext_markup_reads_or_fails_in_one_line(pieces: list[str], noise: str):
    text = "".join(pieces) + noise
    try:
        article = parse_wikitext(text, name="fuzz.wiki")
    except ArticleError as err:
        assert str(err).startswith("fuzz.wiki") and "\n" not in str(err)
        return
    for link in article.links:
        assert article.text[link.start : link.end] == link.label
    for sentence in article.sentences:
        assert "{{" not in sentence.text and "[[" not in sentence.text
