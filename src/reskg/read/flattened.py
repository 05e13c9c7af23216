"""The flattened format: ``= Title =``, an ``Infobox`` of ``- Key: Value`` lines, sections.

::

    = Title =

    Infobox
    - Key: Value

    Lead paragraph ...

    == Section ==          (any level, with or without spaces inside the equals signs)
    Paragraph ...
    - list item

The other text readers render their input into this format and parse it here, so every
format yields the same structure. Line ends are normalised to ``\\n``.
"""

from __future__ import annotations

import re

from reskg.read.article import (
    Article,
    ArticleError,
    InfoboxField,
    Paragraph,
    Section,
    Sentence,
    clean_text,
    split_sentences,
)
from reskg.read.furniture import scan_page

TITLE_LINE = re.compile(r"^[ \t]*=(?!=)[ \t]*(?P<title>[^=\n]*?\S)[ \t]*=[ \t]*$", re.M)
_HEADING = re.compile(r"^[ \t]*(?P<eq>={2,6})[ \t]*(?P<heading>[^=\n]*?)[ \t]*(?P=eq)[ \t]*$", re.M)
_INFOBOX = re.compile(r"^[ \t]*infobox\b.*$", re.IGNORECASE)
_FIELD = re.compile(
    r"^[ \t]*[-*][ \t]*(?P<key>[^:\n]{1,80}?)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$", re.M
)
_LIST_ITEM = re.compile(r"^[ \t]*[-*•][ \t]+(?P<item>.*?)[ \t]*$", re.M)
_TABLE_ROW = re.compile(r"^[ \t]*\|.*$")


def parse_article(text: str, name: str = "<text>") -> Article:
    """Parse article text; the first non-blank line must be the ``= Title =`` line."""
    text = clean_text(text, name)

    lines = _lines_with_offsets(text)
    first = next(i for i, (_, s, e) in enumerate(lines) if text[s:e].strip())
    number, start, end = lines[first]
    match = TITLE_LINE.match(text, start, end)
    if not match:
        raise ArticleError(
            f"{name}:{number}: expected a title line '= Title =', found {text[start:end][:60]!r}"
        )
    article = Article(
        name=name,
        text=text,
        title=match.group("title"),
        title_span=(match.start("title"), match.end("title")),
    )
    _parse_body(article, lines[first + 1 :])
    return article


def _lines_with_offsets(text: str) -> list[tuple[int, int, int]]:
    """(line number, start, end) of every line, end excluding the newline."""
    out = []
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        out.append((number, start, start + len(line)))
        start += len(line) + 1
    return out


def _parse_body(article: Article, lines: list[tuple[int, int, int]]) -> None:
    """Fill infobox, sections, paragraphs and sentences from the lines after the title."""
    text = article.text
    heading = ""
    in_infobox = False
    block: list[tuple[int, int]] = []  # spans of the lines of the current prose paragraph

    def flush() -> None:
        if block:
            _add_paragraph(article, block[0][0], block[-1][1], heading, is_list_item=False)
            block.clear()

    page = scan_page(text, lines, article.title)
    page_fields = {f.line: f for f in page.fields}
    for _number, start, end in lines:
        line = text[start:end]
        if not line.strip():
            flush()
            in_infobox = False
            continue
        if _number in page.furniture:
            flush()
            row = page_fields.get(_number)
            if row is not None:
                value = text[row.value_span[0] : row.value_span[1]]
                article.infobox.append(
                    InfoboxField(row.key, value, row.key_span, row.value_span, _number)
                )
            continue
        head = not article.sections and not article.paragraphs
        if head and _INFOBOX.match(line):
            flush()
            in_infobox = True
            continue
        if head and not block and _FIELD.match(text, start, end):
            in_infobox = True  # "- Key: Value" rows before any prose: an infobox without its line
        if in_infobox:
            field_match = _FIELD.match(text, start, end)
            if field_match:
                _add_field(article, field_match, _number)
                continue
            if _LIST_ITEM.match(line):
                continue  # an infobox line without a colon carries no key
            in_infobox = False
        heading_match = _HEADING.match(text, start, end)
        if heading_match:
            flush()
            if article.sections:
                _close_section(article, start)
            heading = heading_match.group("heading")
            article.sections.append(
                Section(
                    heading=heading,
                    level=len(heading_match.group("eq")),
                    heading_span=(heading_match.start("heading"), heading_match.end("heading")),
                    start=start,
                    end=len(text),
                )
            )
            continue
        if _TABLE_ROW.match(line):
            flush()
            continue
        item = _LIST_ITEM.match(text, start, end)
        if item:
            flush()
            if item.group("item"):
                _add_paragraph(
                    article, item.start("item"), item.end("item"), heading, is_list_item=True
                )
            continue
        stripped_start = start + (len(line) - len(line.lstrip()))
        stripped_end = start + len(line.rstrip())
        block.append((stripped_start, stripped_end))
    flush()


def _close_section(article: Article, end: int) -> None:
    last = article.sections[-1]
    article.sections[-1] = Section(last.heading, last.level, last.heading_span, last.start, end)


def _add_field(article: Article, match: re.Match[str], line: int) -> None:
    key, value = match.group("key").strip(), match.group("value")
    article.infobox.append(
        InfoboxField(
            key=key,
            value=value,
            key_span=(match.start("key"), match.start("key") + len(key)),
            value_span=(match.start("value"), match.end("value")),
            line=line,
        )
    )


def _add_paragraph(
    article: Article, start: int, end: int, section: str, is_list_item: bool
) -> None:
    index = len(article.paragraphs)
    article.paragraphs.append(
        Paragraph(start, end, article.text[start:end], section, is_list_item=is_list_item)
    )
    spans = [(start, end)] if is_list_item else split_sentences(article.text, start, end)
    for s, e in spans:
        article.sentences.append(Sentence(s, e, article.text[s:e], section, index))
