"""Article readers, one per input format, found through one table (as rdflib's plugins are).

Layout:

- ``article``: the ``Article`` every reader produces, bounded file reading, sentences
- ``flattened``: reskg's own flattened format (``= Title =``, ``Infobox``, ``== Section ==``)
- ``text``: plain text or Markdown (title from a ``# Title`` heading or the file name)
- ``wikitext``: one page's MediaWiki wikitext (mwparserfromhell), with its links
- ``mediawiki``: MediaWiki XML exports and dumps (mwxml, ``.bz2`` too), many pages per file

``READERS`` maps each format's name, media types and file suffixes to its ``Reader``;
``reader_for(path, input_format)`` picks one by name, else by suffix, else (``.txt`` and
unknown suffixes) by content. ``inputs(path, ...)`` yields the articles a file holds, unread:
one ``FileInput`` for a single-article format, a ``Page`` per selected page of an export,
each with ``.name`` and ``.article()``. Callers never name a format.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from reskg.read.article import Article, ArticleError, read_text
from reskg.read.flattened import TITLE_LINE

if TYPE_CHECKING:
    from reskg.read.mediawiki import Page

__all__ = [
    "READERS",
    "Article",
    "ArticleError",
    "FileInput",
    "Page",
    "Reader",
    "Selection",
    "inputs",
    "read_article",
    "reader_for",
]


@dataclass(frozen=True)
class Selection:
    """Which pages of an export become articles: all, or those using a template / by title."""

    template: str | None = None
    title: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Reader:
    """One input format: how to parse a file's text, or how to stream an export's pages.

    ``parse`` and ``pages`` name functions as ``module:function``, imported on first use
    (the wikitext libraries take 170 ms to import, which a flattened build need not pay).
    """

    name: str
    media_types: tuple[str, ...]
    suffixes: tuple[str, ...]
    parse: str | None = None  # (text, name) -> Article
    pages: str | None = None  # (path, Selection) -> Iterator[Page], for exports

    @property
    def many(self) -> bool:
        """Whether a file of this format holds many articles (read as a stream)."""
        return self.pages is not None

    def parse_text(self, text: str, name: str) -> Article:
        """Parse one article's text (single-article formats)."""
        assert self.parse is not None
        return _function(self.parse)(text, name)

    def read_pages(self, path: Path, selection: Selection) -> Iterator[Page]:
        """Stream the selected pages of an export (many-article formats)."""
        assert self.pages is not None
        return _function(self.pages)(path, selection)


def _function(spec: str) -> Callable[..., Any]:
    """The function ``module:name`` names, imported now."""
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


FORMATS: dict[str, Reader] = {}  # by name
READERS: dict[str, Reader] = {}  # by name, media type and suffix


def register(reader: Reader) -> Reader:
    """Make ``reader`` findable under its name, media types and suffixes."""
    FORMATS[reader.name] = reader
    for key in (reader.name, *reader.media_types, *reader.suffixes):
        READERS[key] = reader
    return reader


_HERE = "reskg.read"
FLATTENED = register(
    Reader("flattened", ("text/x-reskg-article",), (), f"{_HERE}.flattened:parse_article")
)
TEXT = register(
    Reader(
        "text",
        ("text/plain", "text/markdown"),
        (".md", ".markdown", ".text"),
        f"{_HERE}.text:parse_text",
    )
)
WIKITEXT = register(
    Reader(
        "wikitext",
        ("text/x-wiki",),
        (".wiki", ".wikitext", ".mediawiki"),
        f"{_HERE}.wikitext:parse_wikitext",
    )
)
MEDIAWIKI_XML = register(
    Reader(
        "mediawiki-xml",
        ("application/mediawiki+xml", "application/xml"),
        (".xml", ".xml.bz2", ".bz2"),
        pages=f"{_HERE}.mediawiki:read_pages",
    )
)

_WIKI_MARKUP = re.compile(r"\{\{[^{}\n]*(?:\}\}|\|)|\[\[[^\[\]\n]+\]\]|'''|<ref[\s>/]")
_TITLE_LIKE = re.compile(r"^[ \t]*=[^=\n].*=[ \t]*$|^[ \t]*=[ \t]*=[ \t]*$")


def _suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    joined = "".join(suffixes)
    return joined if joined in READERS else (suffixes[-1] if suffixes else "")


def reader_for(path: str | Path, input_format: str | None = None) -> Reader | None:
    """The reader named ``input_format``, else the one of the file's suffix; None: sniff."""
    if input_format is not None:
        return READERS[input_format]
    reader = READERS.get(_suffix(Path(path)))
    return reader


def detect(text: str, name: str) -> Reader:
    """The format of a single article's text: wikitext, flattened, or plain text / Markdown."""
    head = text.lstrip("\ufeff \t\r\n")[:200]
    if head.startswith(("<mediawiki", "<?xml")):
        raise ArticleError(
            f"{name}: a MediaWiki XML export; name it .xml (or .xml.bz2), or use"
            " --input-format mediawiki-xml"
        )
    if _WIKI_MARKUP.search(text):
        return WIKITEXT
    first = next((line for line in text.splitlines() if line.strip()), "")
    if TITLE_LINE.match(first) or _TITLE_LIKE.match(first):
        return FLATTENED
    return TEXT


@dataclass(frozen=True)
class FileInput:
    """A file holding one article, in ``reader``'s format (None: by its content)."""

    path: Path
    reader: Reader | None = None

    @property
    def name(self) -> str:
        """How errors name the input: the file's path."""
        return str(self.path)

    def article(self) -> Article:
        """Read and parse the file; raise ArticleError naming the file (and line)."""
        text = read_text(self.path)
        reader = self.reader or detect(text, str(self.path))
        return reader.parse_text(text, str(self.path))


Input = Union[FileInput, "Page"]


def inputs(
    path: str | Path, input_format: str | None = None, selection: Selection | None = None
) -> Iterator[Input]:
    """The articles ``path`` holds, unread; an export's pages are streamed as they are read."""
    path = Path(path)
    reader = reader_for(path, input_format)
    if reader is not None and reader.many:
        yield from reader.read_pages(path, selection or Selection())
    else:
        yield FileInput(path, reader)


def read_article(path: str | Path, input_format: str | None = None) -> Article:
    """Read the one article of a file (of any single-article format)."""
    reader = reader_for(path, input_format)
    if reader is not None and reader.many:
        raise ArticleError(f"{path}: holds many pages; read it with reskg.read.inputs()")
    return FileInput(Path(path), reader).article()
