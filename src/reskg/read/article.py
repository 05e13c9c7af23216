"""The article every reader produces, and what all readers share.

An ``Article`` keeps ``(start, end)`` offsets into ``Article.text`` for each part (start
inclusive, end exclusive), so ``text[start:end]`` is exactly the part; the text is the one the
evidence quotes. Layout:

- ``Article`` and its parts: ``InfoboxField``, ``Section``, ``Paragraph``, ``Sentence``,
  ``LinkMention`` (a wikitext link), ``PageInfo`` (the export page it came from)
- ``page_url(site, title)``: a wiki page's IRI, as Wikidata's sitelinks write it
- ``read_text(path)``: a file's text, bounded and decoded (UTF-8, or UTF-16 with a BOM)
- ``clean_text(text, name)``: line ends normalised; NUL bytes and blank text refused
- ``split_sentences(text, start, end)``: sentence spans
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from reskg.facts import Span

#: The largest article read. The limit bounds the time and memory one input can take: an
#: article naming new people, places and resolutions in every line (the worst case,
#: ``benchmarks/dense_article.py``) took 57 s and 907 MB at 768 KiB, 197 s and 1.15 GB at
#: 1 MiB (the graph grows with the names; extraction is still superlinear on such text).
MAX_ARTICLE_BYTES = 768 * 2**10
MAX_ARTICLE_TEXT = f"{MAX_ARTICLE_BYTES // 2**10} KiB"


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


@dataclass(frozen=True)
class LinkMention:
    """A wikitext link ``[[target|label]]``: ``text[start:end]`` is its label, naming a page."""

    start: int
    end: int
    label: str
    target: str  # the page title, normalised: "Dakar", "United Nations Security Council"


DEFAULT_SITE = "https://en.wikipedia.org/"  # the wiki of pages read from files
_WIKI_SAFE = ";@$!*(),/~:"  # what MediaWiki leaves unescaped in page URLs


def page_url(site: str, title: str) -> str:
    """A page's IRI as Wikidata's sitelinks write it: ``{site}wiki/Title_with_underscores``."""
    return f"{site}wiki/{quote(title.replace(' ', '_'), safe=_WIKI_SAFE)}"


@dataclass(frozen=True)
class PageInfo:
    """The page of a MediaWiki export an article was read from."""

    title: str
    page_id: int | None
    revision_id: int | None
    site: str  # "https://en.wikipedia.org/"

    @property
    def revision_url(self) -> str | None:
        """The URL of the revision read (``.../w/index.php?oldid=N``)."""
        if self.revision_id is None:
            return None
        return f"{self.site}w/index.php?oldid={self.revision_id}"


@dataclass(eq=False)
class Article:
    """A parsed article: title, infobox, sections, paragraphs and sentences with offsets.

    Compared and hashed by identity, so per-article results can be cached. ``links``: the
    wikitext links of the text (none in other formats); ``page``: where a page of a MediaWiki
    export came from; ``key``: what the article's IRI is minted from (the file name's stem, or
    a page's title).
    """

    name: str
    text: str
    title: str
    title_span: Span
    infobox: list[InfoboxField] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    links: list[LinkMention] = field(default_factory=list)
    page: PageInfo | None = None
    key: str = ""

    def __post_init__(self) -> None:
        self.key = self.key or Path(self.name).stem

    def field(self, *keys: str) -> InfoboxField | None:
        """The first infobox field whose key is one of ``keys`` (case-insensitive)."""
        wanted = {k.casefold() for k in keys}
        return next((f for f in self.infobox if f.key.casefold() in wanted), None)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that contains ``offset`` (sentences are in text order)."""
        starts = self.__dict__.get("_sentence_starts")
        if starts is None or len(starts) != len(self.sentences):
            starts = [s.start for s in self.sentences]
            self.__dict__["_sentence_starts"] = starts
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and offset < self.sentences[index].end:
            return self.sentences[index]
        return None

    def line_of(self, offset: int) -> int:
        """1-based line number of ``offset``."""
        return self.text.count("\n", 0, offset) + 1


def read_text(path: str | Path) -> str:
    """The decoded text of an article file; raise ArticleError naming the file (and line)."""
    path = Path(path)
    if not path.exists():
        raise ArticleError(f"{path}: no such file")
    if path.is_dir():
        raise ArticleError(f"{path}: is a directory, not an article file")
    if not path.is_file():  # a FIFO would block the whole batch, a device never ends
        raise ArticleError(f"{path}: not a regular file (a FIFO, device or socket)")
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_ARTICLE_BYTES + 1)
    except OSError as err:
        raise ArticleError(f"{path}: cannot read: {err.strerror or err}") from err
    if len(raw) > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"{path}: larger than {MAX_ARTICLE_TEXT}, the most one article may be"
            " (split it into articles)"
        )
    return decode_article(raw, str(path))


def clean_text(text: str, name: str) -> str:
    """``text`` with line ends normalised to ``\\n``; refuse NUL bytes and blank text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ArticleError(f"{name}:{line}: contains a NUL byte; not a text article")
    if not text.strip():
        raise ArticleError(f"{name}: empty article (no title line)")
    return text


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
