"""Recognise a saved web page's furniture and its rendered infobox, so only the article is read.

Pages copied from an encyclopedia's web view carry more than the article: the skin's tool lines
("From Wikipedia, the free encyclopedia", "Jump to navigation"), the page title repeated,
image file names and captions, the infobox rendered as rows ("Date12 September 2001",
"Meeting no.4,370", "Date | 30 March 2005 | |", "• 11 voted for"), table headings ("Security
Council composition"), navigation boxes ("← 1592 Lists of resolutions 1594 →") and the
reference list ("1. ^ ..."). :func:`scan_page` sorts the lines: furniture is skipped, infobox
rows become fields; every span stays an offset into the original text.

The head of the page, from the title to the first line of prose, is where a rendered infobox
and its captions stand: there, every line that is neither a field nor prose is furniture.
The skin's lines and the infobox labels are data (``data/gazetteer/page_furniture.tsv`` and
``infobox_labels.tsv``); the structural rules (file names, arrows, reference carets, table
rows) are general.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from reskg import gazetteer
from reskg.facts import Span

Line = tuple[int, int, int]  # (line number, start, end) with end before the newline


@dataclass(frozen=True)
class PageField:
    """An infobox row read off the rendered page: the key reskg reads it under, and spans."""

    key: str
    key_span: Span
    value_span: Span
    line: int


@dataclass
class PageScan:
    """Which lines are furniture (by line number) and the infobox rows found."""

    furniture: set[int] = field(default_factory=set)
    fields: list[PageField] = field(default_factory=list)


@cache
def _furniture_line() -> re.Pattern[str]:
    patterns = [row["pattern"] for row in gazetteer.rows("page_furniture.tsv")]
    return re.compile(r"\s*(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\s*", re.I)


@cache
def _labels() -> tuple[tuple[str, str], ...]:
    """(label, key), longest label first, so "Meeting no." is tried before "Meeting"."""
    rows = [(row["label"], row["key"]) for row in gazetteer.rows("infobox_labels.tsv")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


_FILE_NAME = re.compile(r".*\.(?:jpe?g|png|svg|gif|tiff?|webp|webm|ogg|ogv|pdf)\s*$", re.I)
_NAVBOX = re.compile(r"^\s*←.*→\s*$|^\s*←\s|\s→\s*$")
_REFERENCE = re.compile(r"^\s*(?:\d{1,3}\s*[.)]\s*)?[\^↑]")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_TABLE_CELLS = re.compile(r"\s*\|\s*")
_KEY_VALUE_ITEM = re.compile(r"^\s*[-*]\s*[^:\n]{1,40}:\s*\S")
_VOTE_ROW = re.compile(
    r"^\s*[•·*-]?\s*(?P<count>\d[\d,]*|none|no|nil|zero)\s+"
    r"(?P<what>voted\s+for|voted\s+in\s+favou?r|voted\s+against|abstained|abstentions?|absent|"
    r"not\s+voting|present\s+and\s+not\s+voting)\s*$",
    re.I,
)
_PROSE_END = re.compile(r"[.!?…:;][\"'”’)\]]*(?:\[[^\]\n]{1,20}\])*\s*$")


def scan_page(text: str, lines: list[Line], title: str) -> PageScan:
    """Sort the lines after the title into furniture, infobox rows and the rest."""
    scan = PageScan()
    head: list[int] = []  # lines of the page's head that are neither rows nor furniture
    in_head, has_rows = True, False
    for number, start, end in lines:
        line = text[start:end]
        if not line.strip():
            continue
        row = _field_row(text, number, start, end) if in_head or "|" in line else None
        if row is not None:
            scan.fields.append(row)
            scan.furniture.add(number)
            continue
        if _is_furniture(line, title) or _TABLE_RULE.match(line):
            scan.furniture.add(number)
            continue
        if in_head:
            if _is_prose(line):
                in_head = False
            elif _KEY_VALUE_ITEM.match(line):
                has_rows = True
            elif not _is_article_line(line):
                head.append(number)
        elif _is_table_line(line):
            scan.furniture.add(number)
    if scan.furniture or has_rows:
        # an infobox stands in the head: the captions and headings around it are furniture
        scan.furniture.update(head)
    return scan


def _is_furniture(line: str, title: str) -> bool:
    stripped = line.strip()
    if _furniture_line().fullmatch(stripped):
        return True
    if _FILE_NAME.match(stripped) or _NAVBOX.search(stripped) or _REFERENCE.match(stripped):
        return True
    return _same_title(stripped, title)


def _same_title(line: str, title: str) -> bool:
    """The page title repeated on a line of its own, bare or as ``= Title =``.

    A bracketed qualifier may differ ("Resolution 3314 (XXIX)" for "Resolution 3314").
    """
    return _fold_title(line.strip("= \t")) == _fold_title(title)


def _fold_title(text: str) -> str:
    return re.sub(r"\s*\([^)]*\)\s*$", "", text).casefold().replace("_", " ").strip()


def _is_prose(line: str) -> bool:
    """A line of running text: words ending as a sentence or clause ends, or 15 words."""
    words = len(line.split())
    return words >= 15 or (words >= 2 and bool(_PROSE_END.search(line)))


def _is_table_line(line: str) -> bool:
    """A row of a rendered table: two or more bars and no sentence ending."""
    return line.count("|") >= 2 and not _PROSE_END.search(line.replace("|", " ").rstrip())


def _is_article_line(line: str) -> bool:
    """Lines the article format itself gives meaning to, kept in the head of the page."""
    stripped = line.lstrip()
    return stripped.startswith(("=", "- ", "* ")) or stripped.casefold().startswith("infobox")


def _field_row(text: str, number: int, start: int, end: int) -> PageField | None:
    """An infobox row: "LabelValue", "Label | Value | |", "Label: Value", or a vote count."""
    line = text[start:end]
    vote = _VOTE_ROW.match(line)
    if vote:
        key = _vote_key(vote.group("what"))
        span = (start + vote.start("count"), start + vote.end("count"))
        return PageField(key, (start + vote.start("what"), start + vote.end("what")), span, number)
    lead = len(line) - len(line.lstrip())
    body = line[lead:]
    for label, key in _labels():
        if body[: len(label)].casefold() != label.casefold():
            continue
        rest = body[len(label) :]
        separator = re.match(r"\s*[|:]\s*|\t+\s*", rest)
        if separator:
            value_at = separator.end()
        elif rest[:1].isupper() or rest[:1].isdigit():
            value_at = 0  # glued: "Date12 September 2001", "SubjectThe situation ..."
        else:
            continue
        value = rest[value_at:]
        cells = [c for c in _TABLE_CELLS.split(value) if c]
        if not cells:
            continue
        value_start = start + lead + len(label) + value_at + (len(value) - len(value.lstrip()))
        value_end = value_start + len(cells[0].strip())
        if "|" not in value:
            value_end = start + len(line.rstrip())
        key_span = (start + lead, start + lead + len(label))
        return PageField(key, key_span, (value_start, value_end), number)
    return None


def _vote_key(what: str) -> str:
    what = what.casefold()
    if "against" in what:
        return "Against"
    if what.startswith("abst"):
        return "Abstention"
    if what.startswith("voted"):
        return "For"
    return "Absent"
