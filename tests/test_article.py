"""The article reader: structure, offsets that round-trip, sentence splitting, bad input."""

from pathlib import Path

import pytest

from reskg.article import ArticleError, parse_article, read_article, split_sentences

CORPUS = sorted((Path(__file__).parent.parent / "data" / "corpus").glob("*.txt"))

SAMPLE = """= Sample Resolution 1/2 =

Infobox
- Document Name: Sample Resolution 1/2
- Date Ratified: 13—14 march 2008
- No colon here

Lead sentence one. Lead sentence two.

==Background==
Text under a heading without spaces.

=== Sub heading ===
More text.
- a list item
| a | table | row |
"""


def test_parses_title_infobox_sections_and_lists():
    article = parse_article(SAMPLE)
    assert article.title == "Sample Resolution 1/2"
    assert [(f.key, f.value) for f in article.infobox] == [
        ("Document Name", "Sample Resolution 1/2"),
        ("Date Ratified", "13—14 march 2008"),
    ]
    assert [(s.heading, s.level) for s in article.sections] == [
        ("Background", 2),
        ("Sub heading", 3),
    ]
    assert [p.text for p in article.paragraphs] == [
        "Lead sentence one. Lead sentence two.",
        "Text under a heading without spaces.",
        "More text.",
        "a list item",
    ]
    assert article.paragraphs[-1].is_list_item
    assert article.field("date ratified").line == 5


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_every_span_round_trips_on_the_corpus(path):
    article = read_article(path)
    text = article.text
    assert text[slice(*article.title_span)] == article.title
    for field in article.infobox:
        assert text[slice(*field.key_span)] == field.key
        assert text[slice(*field.value_span)] == field.value
    for paragraph in article.paragraphs:
        assert text[paragraph.start : paragraph.end] == paragraph.text
    for sentence in article.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
    for section in article.sections:
        assert text[slice(*section.heading_span)] == section.heading
    assert len(article.sentences) >= 20


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.N. Security Council met. It voted.",
            ["The U.N. Security Council met.", "It voted."],
        ),
        ("He met U.S. officials. Then he left.", ["He met U.S. officials.", "Then he left."]),
        ("See No. 5 of the list. Next.", ["See No. 5 of the list.", "Next."]),
        ("Frederick H. Boland presided. Then.", ["Frederick H. Boland presided.", "Then."]),
        ("It cost $2.4 billion. Later.", ["It cost $2.4 billion.", "Later."]),
        ('He said "stop now." They stopped.', ['He said "stop now."', "They stopped."]),
        ("A question? An answer!", ["A question?", "An answer!"]),
        ("Cut off in the mid", ["Cut off in the mid"]),
    ],
)
def test_sentence_splitting(text, expected):
    assert [text[s:e] for s, e in split_sentences(text)] == expected


def test_article_without_infobox_goes_straight_to_prose():
    article = parse_article("= A Declaration =\nThe declaration was adopted in 1960. It ended")
    assert article.infobox == []
    assert [s.text for s in article.sentences] == [
        "The declaration was adopted in 1960.",
        "It ended",
    ]


def test_crlf_and_cr_line_ends_are_normalised():
    article = parse_article("= T =\r\n\r\n== H ==\r\nOne. Two.\rThree.")
    assert article.sections[0].heading == "H"
    assert [s.text for s in article.sentences] == ["One.", "Two.", "Three."]


def test_utf16_with_bom_is_read(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("= Title =\n\nText here.".encode("utf-16"))
    assert read_article(path).title == "Title"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty article"),
        (b"   \n\n  ", "empty article"),
        (b"No title here.\nMore.", ":1: expected a title line"),
        (b"\n\n== Section ==\nText", ":3: expected a title line"),
        (b"= Title =\n\nbad \xff byte", ":3: not UTF-8"),
        (b"= Title =\n\nnul \x00 byte", ":3: contains a NUL byte"),
    ],
)
def test_bad_input_gets_one_line_naming_file_and_line(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError) as err:
        read_article(path, "flattened")
    text = str(err.value)
    assert text.startswith(str(path))
    assert message in text
    assert "\n" not in text


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        read_article(tmp_path / "missing.txt")
    with pytest.raises(ArticleError, match="is a directory"):
        read_article(tmp_path)


def test_a_text_file_without_a_title_line_is_read_as_plain_text(tmp_path):
    """Only the flattened format needs the ``= Title =`` line; by content, this is plain text."""
    path = tmp_path / "no_title_here.txt"
    path.write_bytes(b"No title here.\nMore.")
    article = read_article(path)
    assert article.title == "no title here"
    assert [s.text for s in article.sentences] == ["No title here.", "More."]
