"""Read a flattened encyclopedia article into its parts, each with character offsets.

The format (see DESIGN.md)::

    = Title =

    Infobox
    - Key: Value

    Lead paragraph ...

    == Section ==          (any level, with or without spaces inside the equals signs)
    Paragraph ...
    - list item

Every part keeps ``(start, end)`` offsets into ``Article.text`` (start inclusive, end exclusive),
so ``text[start:end]`` is exactly the part. The text is kept as decoded, with line ends
normalised to ``\\n`` (offsets refer to that normalised text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reskg.facts import Span
from reskg.furniture import scan_page

#: The largest article file read. Encyclopedia pages are far smaller (the longest run to about
#: 1 MB of markup); the limit bounds the time and memory one bad input can take.
MAX_ARTICLE_BYTES = 4 * 2**20


class ArticleError(ValueError):
    """An input that cannot be read as an article; the message names the file and line."""


@dataclass(frozen=True)
class InfoboxField:
    """One ``- Key: Value`` line of the infobox."""

    key: str
    value: str
    key_span: Span
    value_span: Span
    line: int


@dataclass(frozen=True)
class Sentence:
    """A sentence (or list item, or heading-free fragment) with its offsets."""

    start: int
    end: int
    text: str
    section: str
    paragraph: int


@dataclass(frozen=True)
class Paragraph:
    """A block of prose or one list item, inside a section ("" for the lead)."""

    start: int
    end: int
    text: str
    section: str
    is_list_item: bool = False


@dataclass(frozen=True)
class Section:
    """A heading and what follows it up to the next heading."""

    heading: str
    level: int
    heading_span: Span
    start: int
    end: int


@dataclass(eq=False)
class Article:
    """A parsed article: title, infobox, sections, paragraphs and sentences with offsets.

    Compared and hashed by identity, so per-article results can be cached.
    """

    name: str
    text: str
    title: str
    title_span: Span
    infobox: list[InfoboxField] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)

    def field(self, *keys: str) -> InfoboxField | None:
        """The first infobox field whose key is one of ``keys`` (case-insensitive)."""
        wanted = {k.casefold() for k in keys}
        return next((f for f in self.infobox if f.key.casefold() in wanted), None)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that contains ``offset``."""
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None

    def line_of(self, offset: int) -> int:
        """1-based line number of ``offset``."""
        return self.text.count("\n", 0, offset) + 1


_TITLE = re.compile(r"^[ \t]*=(?!=)[ \t]*(?P<title>[^=\n]*?\S)[ \t]*=[ \t]*$", re.M)
_HEADING = re.compile(r"^[ \t]*(?P<eq>={2,6})[ \t]*(?P<heading>[^=\n]*?)[ \t]*(?P=eq)[ \t]*$", re.M)
_INFOBOX = re.compile(r"^[ \t]*infobox\b.*$", re.IGNORECASE)
_FIELD = re.compile(
    r"^[ \t]*[-*][ \t]*(?P<key>[^:\n]{1,80}?)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$", re.M
)
_LIST_ITEM = re.compile(r"^[ \t]*[-*•][ \t]+(?P<item>.*?)[ \t]*$", re.M)
_TABLE_ROW = re.compile(r"^[ \t]*\|.*$")

# Abbreviations after which a period does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "st",
        "no",
        "nos",
        "art",
        "arts",
        "para",
        "paras",
        "vol",
        "pp",
        "p",
        "op",
        "cf",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "est",
        "approx",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "u.n",
        "u.s",
        "u.k",
        "u.s.s.r",
        "u.s.a",
        "e.u",
        "sen",
        "rep",
        "gov",
        "amb",
        "adm",
        "capt",
        "maj",
        "cmdr",
        "rev",
        "hon",
        "jr",
        "sr",
        "fig",
        "figs",
        "ch",
        "sec",
    ]
)
# A sentence ends at its punctuation, closing quotes and brackets, and any reference marks
# that follow ("... to justice.[1] It marked").
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?:\[[^\]\n]{1,30}\])*(?=\s+|$)")


def read_article(path: str | Path) -> Article:
    """Read and parse an article file; raise ArticleError naming the file (and line)."""
    path = Path(path)
    if not path.exists():
        raise ArticleError(f"{path}: no such file")
    if path.is_dir():
        raise ArticleError(f"{path}: is a directory, not an article file")
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_ARTICLE_BYTES + 1)
    except OSError as err:
        raise ArticleError(f"{path}: cannot read: {err.strerror or err}") from err
    if len(raw) > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"{path}: larger than {MAX_ARTICLE_BYTES // 2**20} MiB, the most one article may be"
            " (split it into articles)"
        )
    return parse_article(decode_article(raw, str(path)), name=str(path))


def decode_article(raw: bytes, name: str) -> str:
    """Decode UTF-8 (or UTF-16 with a BOM); name the line of the first undecodable byte."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as err:
            raise ArticleError(f"{name}: not valid UTF-16 text: {err.reason}") from err
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise ArticleError(
            f"{name}:{line}: not UTF-8 text (byte 0x{raw[err.start]:02x} at offset {err.start})"
        ) from err


def parse_article(text: str, name: str = "<text>") -> Article:
    """Parse article text; the first non-blank line must be the ``= Title =`` line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ArticleError(f"{name}:{line}: contains a NUL byte; not a text article")
    if not text.strip():
        raise ArticleError(f"{name}: empty article (no title line)")

    lines = _lines_with_offsets(text)
    first = next(i for i, (_, s, e) in enumerate(lines) if text[s:e].strip())
    number, start, end = lines[first]
    match = _TITLE.match(text, start, end)
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


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans in ``text[start:end]``; survives "U.N.", "No. 5", initials and decimals."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    sentence_start = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if _is_false_end(text, match, end):
            continue
        spans.append((sentence_start, match.end()))
        sentence_start = match.end()
        while sentence_start < end and text[sentence_start].isspace():
            sentence_start += 1
    if sentence_start < end and text[sentence_start:end].strip():
        tail_end = end
        while tail_end > sentence_start and text[tail_end - 1].isspace():
            tail_end -= 1
        spans.append((sentence_start, tail_end))
    return spans


def _is_false_end(text: str, match: re.Match[str], end: int) -> bool:
    """True where a period closes an abbreviation, an initial or a number, not a sentence."""
    if text[match.start()] != ".":
        return False
    word_start = match.start()
    while (
        word_start > 0
        and not text[word_start - 1].isspace()
        and text[word_start - 1] not in "(\"“'"
    ):
        word_start -= 1
    word = text[word_start : match.start()]
    following = text[match.end() : end].lstrip()
    if not following:
        return False
    if word.casefold().rstrip(".") in _ABBREVIATIONS:
        # "U.S." may still end a sentence; treat it as an end when a capitalised word follows
        # that is not a name-like continuation. Keep it simple: abbreviations of countries
        # rarely end sentences in these texts, titles never do.
        return not (
            word.casefold() in {"u.s", "u.n", "u.k", "etc"}
            and following[:1].isupper()
            and _next_word(following) in _SENTENCE_STARTERS
        )
    if (len(word) == 1 and word.isupper()) or re.fullmatch(r"(?:[A-Z]\.)+[A-Z]", word):
        return True  # initials: "Frederick H. Boland", "B.J. Vorster"
    return not following[:1].isupper() and following[:1] not in "\"“'(["


_SENTENCE_STARTERS = frozenset(
    [
        "The",
        "A",
        "An",
        "It",
        "In",
        "On",
        "At",
        "This",
        "That",
        "These",
        "Those",
        "He",
        "She",
        "They",
        "We",
        "His",
        "Her",
        "Its",
        "Their",
        "After",
        "Before",
        "However",
        "When",
        "While",
        "Following",
        "According",
    ]
)


def _next_word(text: str) -> str:
    match = re.match(r"\w+", text)
    return match.group(0) if match else ""
