"""MediaWiki XML (Special:Export files and dumps, ``.xml`` or ``.xml.bz2``), streamed with mwxml.

Every main-namespace page that is not a redirect is one article; talk pages, templates and
other namespaces are skipped. A ``Selection`` narrows the pages further: a template the page
uses (``Infobox UN resolution``) and a regular expression its title must match. Pages are
yielded as ``Page`` values (title, wikitext, page and revision ids) while the file is read,
so a dump of any size takes the memory of one page; the wikitext is parsed by whoever reads
the page (``Page.article()``, in a worker process during builds).
"""

from __future__ import annotations

import bz2
import re
import xml.parsers.expat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from xml.etree.ElementTree import ParseError

import mwxml
from mwxml.errors import MalformedXML

from reskg.read import Selection
from reskg.read.article import (
    DEFAULT_SITE,
    MAX_ARTICLE_BYTES,
    MAX_ARTICLE_TEXT,
    Article,
    ArticleError,
    PageInfo,
)
from reskg.read.wikitext import normalise_title, parse_wikitext

_REDIRECT = re.compile(r"\s*#redirect\b", re.I)


def template_pattern(template: str | None) -> re.Pattern[str] | None:
    """``{{Name`` as MediaWiki matches it: first letter of either case, ``_`` or space."""
    if not template:
        return None
    name = normalise_title(template)
    words = [re.escape(word) for word in name.split(" ")]
    first = f"[{re.escape(name[0].upper())}{re.escape(name[0].lower())}]"
    body = "[ _]+".join(words)[len(re.escape(name[0])) :]
    return re.compile(r"\{\{\s*(?:Template:)?" + first + body + r"\s*(?:\||\}\}|<!--|\n)")


@dataclass(frozen=True)
class Page:
    """One page of an export, read but not parsed."""

    source: str  # the export file
    title: str
    text: str
    page_id: int | None
    revision_id: int | None
    site: str

    @property
    def name(self) -> str:
        """How errors and the article name the page: ``export.xml#Title``."""
        return f"{self.source}#{self.title}"

    def article(self) -> Article:
        """Parse the page's wikitext; raise ArticleError naming the file and page."""
        where = f"{self.source}: page {self.title!r}"
        if len(self.text.encode("utf-8")) > MAX_ARTICLE_BYTES:
            raise ArticleError(
                f"{where}: larger than {MAX_ARTICLE_TEXT}, the most one article may be"
            )
        try:
            article = parse_wikitext(self.text, name=self.name, title=self.title)
        except ArticleError as err:
            raise ArticleError(str(err).replace(self.name, where, 1)) from err
        article.key = self.title
        article.page = PageInfo(self.title, self.page_id, self.revision_id, self.site)
        return article


def site_of(base: str | None) -> str:
    """``https://en.wikipedia.org/`` from siteinfo's ``base`` (the main page's URL)."""
    match = re.match(r"(https?://[^/]+/)", base or "")
    return match.group(1) if match else DEFAULT_SITE


def _open(path: Path) -> BinaryIO:
    handle = path.open("rb")
    if handle.read(3) == b"BZh":
        handle.close()
        return bz2.open(path, "rb")  # type: ignore[return-value]
    handle.seek(0)
    return handle


def read_pages(path: str | Path, selection: Selection | None = None) -> Iterator[Page]:
    """The selected pages of an export, in file order; raise ArticleError for a broken file."""
    path = Path(path)
    if not path.is_file():
        raise ArticleError(f"{path}: {'is a directory' if path.is_dir() else 'no such file'}")
    selection = selection or Selection()
    pattern = template_pattern(selection.template)
    try:
        with _open(path) as handle:
            dump = mwxml.Dump.from_file(handle)
            site = site_of(dump.site_info.base if dump.site_info else None)
            for page in dump:
                if page.namespace != 0 or page.redirect:
                    for _ in page:  # the revisions must be read to reach the next page
                        pass
                    continue
                revision = None
                for revision in page:  # noqa: B007  (the last revision is the current text)
                    pass
                text = _text_of(revision)
                if text is None or _REDIRECT.match(text):
                    continue
                if selection.title is not None and not selection.title.search(page.title):
                    continue
                if pattern is not None and not pattern.search(text):
                    continue
                yield Page(
                    str(path),
                    page.title,
                    text,
                    page.id,
                    revision.id if revision is not None else None,
                    site,
                )
    except (MalformedXML, ParseError, xml.parsers.expat.ExpatError, ValueError, KeyError) as err:
        raise ArticleError(f"{path}: not a readable MediaWiki export: {err}") from err
    except (OSError, EOFError) as err:
        raise ArticleError(f"{path}: cannot read: {getattr(err, 'strerror', None) or err}") from err


def _text_of(revision: object) -> str | None:
    """The main slot's wikitext of a revision (None when deleted or not wikitext)."""
    slots = getattr(revision, "slots", None)
    main = slots.contents.get("main") if slots is not None and slots.contents else None
    if main is None or main.model not in (None, "wikitext"):
        return None
    return main.text
