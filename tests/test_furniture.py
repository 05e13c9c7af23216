"""The page-furniture stage: web-page frame lines skipped, a rendered infobox read as fields."""

from reskg.article import parse_article

WEB_PAGE = """= United Nations Security Council Resolution 1999 =

United Nations Security Council Resolution 1999

From Wikipedia, the free encyclopedia
Jump to navigation Jump to search

UN Security Council
Resolution 1999
Rally in Bartown 21 March 1960.jpg
Map of Norland highlighted in red
Date12 September 2001
Meeting no.4,370
CodeS/RES/1999 (Document)
SubjectThreats to international peace
Voting summary
  • 14 voted for
  • None voted against
  • 1 abstained
ResultAdopted
Security Council composition
Permanent members
Non-permanent members
← 1998 Lists of resolutions 2000 →

United Nations Security Council resolution 1999, adopted on 12 September 2001, condemned the \
attacks.[1] It was proposed by Norland.[2]

  1. ^ "Security Council condemns attacks". United Nations. 12 September 2001.
"""

TABLE_PAGE = """= Resolution 1998 =

Resolution 1998, adopted on 30 March 2005, extended the mission.
UN Security Council Resolution 1998 | ||
---|---|---|
Date | 30 March 2005 | |
Meeting no. | 5,155 | |
Result | Adopted | |
The council noted the report.
"""


def _fields(article):
    return {f.key: f.value for f in article.infobox}


def test_rendered_infobox_rows_become_fields_with_spans_into_the_text():
    article = parse_article(WEB_PAGE)
    fields = _fields(article)
    assert fields == {
        "Date": "12 September 2001",
        "Meeting": "4,370",
        "Code": "S/RES/1999 (Document)",
        "Subject": "Threats to international peace",
        "For": "14",
        "Against": "None",
        "Abstention": "1",
        "Result": "Adopted",
    }
    for f in article.infobox:
        assert article.text[f.value_span[0] : f.value_span[1]] == f.value


def test_furniture_lines_are_not_sentences():
    article = parse_article(WEB_PAGE)
    texts = [s.text for s in article.sentences]
    assert texts == [
        "United Nations Security Council resolution 1999, adopted on 12 September 2001, "
        "condemned the attacks.[1]",
        "It was proposed by Norland.[2]",
    ]


def test_table_rows_anywhere_become_fields_and_rules_are_dropped():
    article = parse_article(TABLE_PAGE)
    assert _fields(article) == {"Date": "30 March 2005", "Meeting": "5,155", "Result": "Adopted"}
    assert [s.text for s in article.sentences] == [
        "Resolution 1998, adopted on 30 March 2005, extended the mission.",
        "The council noted the report.",
    ]


def test_a_repeated_title_line_does_not_hide_the_infobox():
    text = (
        "= Foo Declaration =\n\n= Foo Declaration =\n\nInfobox\n- Date: 4 May 1975\n\n"
        "The Foo Declaration was issued in 1975.\n"
    )
    article = parse_article(text)
    assert _fields(article) == {"Date": "4 May 1975"}
    assert [s.text for s in article.sentences] == ["The Foo Declaration was issued in 1975."]


def test_key_value_rows_before_any_prose_are_an_infobox():
    text = (
        "= Paris Charter =\n\nCharter of Paris\n- Date: 19–21 November 1990\n- Cities: Paris\n\n"
        "The Charter was adopted by a summit in Paris.\n"
    )
    article = parse_article(text)
    assert _fields(article) == {"Date": "19–21 November 1990", "Cities": "Paris"}


def test_prose_and_article_lines_are_kept():
    # Must not match: a short lead that ends in a colon, a list after it, a caption-like
    # line inside the body, and words that begin like infobox labels.
    text = (
        "= Bar Declaration =\n\n"
        "The Bar Declaration announced decisions to:\n"
        "- establish the Union\n\n"
        "== History ==\n"
        "Dateline reports followed.\n"
        "Subjects of the talks were many, and the Code of Conduct was signed.\n"
    )
    article = parse_article(text)
    assert article.infobox == []
    assert [s.text for s in article.sentences] == [
        "The Bar Declaration announced decisions to:",
        "establish the Union",
        "Dateline reports followed.",
        "Subjects of the talks were many, and the Code of Conduct was signed.",
    ]


def test_the_flattened_format_is_untouched():
    text = "= T =\n\nInfobox\n- Date: 1 May 2000\n- Location: Dakar\n\nIt was adopted.\n"
    article = parse_article(text)
    assert _fields(article) == {"Date": "1 May 2000", "Location": "Dakar"}
    assert [s.text for s in article.sentences] == ["It was adopted."]
