"""Property-based tests of the reader and the extractors on generated article-like text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reskg.article import Article, ArticleError, decode_article, parse_article
from reskg.assemble import assemble
from reskg.extract import extract_facts
from reskg.validate import validate

# Pieces real articles are made of, and pieces that break naive patterns.
FRAGMENTS = [
    "Resolution 10/11",
    "resolutions 822, 853 and 884",
    "S/RES/2334 (2016)",
    "Resolution /",
    "Resolution 10//11",
    "21/10-P(IS)",
    "13—14 march 2008",
    "March 13–14, 2008",
    "31 February 2008",
    "2008-13-01",
    "March 32",
    "14–13 March 2008",
    "May 1994",
    "the late 1980s",
    "Dakar",
    "Senegal",
    "Azerbaijan",
    "Armenia",
    "the Organisation of Islamic Cooperation",
    "the United Nations Security Council",
    "Permanent Representative",
    "Foreign Minister Elmar Mammadyarov",
    "U.N.",
    "No. 5",
    "Mr. Smith",
    '"quoted title"',
    "recalls",
    "condemns",
    "adopted",
    "held in",
    "on",
    "of",
    "the",
    ",",
    ".",
    ";",
    "(",
    ")",
    "\n",
    "\n\n",
    "\n== See also ==\n",
    "\n==History==\n",
    "\n== ==\n",
    "\nInfobox\n",
    "\n- Date: ",
    "\n- Document Name: ",
    "\n- Location Of Document: ",
    "\n- Purpose: ",
    "\n- ",
    "\n| a || b\n",
    "<b>",
    "[[",
    "]]",
    "{{",
    "}}",
    "\u200b",
    "\u202e",
    "\ufeff",
    "\u2028",
    "\r\n",
    "\r",
    "\t",
    "é",
    "قرار",
]

article_body = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=60
).map(" ".join)
titles = st.one_of(
    st.sampled_from(["Resolution 10/11", "United Nations Security Council Resolution 822", "X"]),
    st.text(alphabet=st.characters(blacklist_characters="=\n\r\x00"), min_size=1, max_size=30),
).filter(
    lambda t: (
        t.strip() == t and t and not any(c in t for c in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
    )
)


def _parse(title: str, body: str) -> Article:
    return parse_article(f"= {title} =\n{body}", name="fuzz")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_after_a_title_line_parses(body: str) -> None:
    text = "= Title =\n" + body
    if "\x00" in body:
        try:
            parse_article(text)
        except ArticleError as err:
            assert "NUL" in str(err)
        return
    article = parse_article(text)
    assert article.title == "Title"


@settings(max_examples=300, deadline=None)
@given(titles, article_body)
def test_every_part_of_an_article_round_trips_to_its_span(title: str, body: str) -> None:
    article = _parse(title, body.replace("\x00", ""))
    text = article.text
    assert text[slice(*article.title_span)] == article.title
    for field in article.infobox:
        assert text[slice(*field.key_span)] == field.key
        assert text[slice(*field.value_span)] == field.value
    for part in (*article.paragraphs, *article.sentences):
        assert text[part.start : part.end] == part.text
        assert part.text and part.text == part.text.strip(" \t\n")
    for section in article.sections:
        assert text[slice(*section.heading_span)] == section.heading
        assert 0 <= section.start <= section.end <= len(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(titles, article_body)
def test_every_fact_span_lies_within_the_text_and_is_not_empty(title: str, body: str) -> None:
    article = _parse(title, body.replace("\x00", ""))
    for fact in extract_facts(article):
        start, end = fact.span
        assert 0 <= start < end <= len(article.text), fact


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(titles, article_body)
def test_assembled_graphs_always_conform(title: str, body: str) -> None:
    article = _parse(title, body.replace("\x00", ""))
    graph = assemble([(article, extract_facts(article))])
    report = validate(graph)
    assert report.conforms, report


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_decode_or_raise_article_error(raw: bytes) -> None:
    try:
        text = decode_article(raw, "fuzz")
    except ArticleError as err:
        assert str(err).startswith("fuzz")
        return
    try:
        parse_article(text, name="fuzz")
    except ArticleError as err:
        assert str(err).startswith("fuzz")
