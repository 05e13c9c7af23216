"""Plain text or Markdown with no ``= Title =`` line: rendered into the flattened format.

The title is the first heading (``# Title``, or a line underlined with ``===``) when it
comes before any prose, else the file name (``un_resolution-242.txt``: "un resolution-242").
Markdown headings become sections (``## X`` is ``== X ==``), ``-``/``*``/``+``/``1.`` items
list items; emphasis, inline code and links are reduced to their text, images and tables
dropped. Offsets refer to the rendered text, which is what the evidence quotes.
"""

from __future__ import annotations

import re
from pathlib import Path

from reskg.read.article import Article, clean_text
from reskg.read.flattened import parse_article

_ATX = re.compile(r"^[ \t]{0,3}(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)[ \t#]*$")
_SETEXT = re.compile(r"^[ \t]{0,3}(?P<rule>=+|-+)[ \t]*$")
_ITEM = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+(?P<text>.*)$")
_RULE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$")
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_TABLE = re.compile(r"^[ \t]*\|")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[(?P<label>[^\]\n]+)\]\([^)\n]*\)")
_EMPHASIS = re.compile(
    r"(\*\*|__)(?=\S)(?P<text>.+?)(?<=\S)\1|(?<!\w)([*_])(?=\S)(?P<one>[^*_\n]+?)(?<=\S)\3(?!\w)"
)
_CODE = re.compile(r"`([^`\n]+)`")
_EQUALS = re.compile(r"=+")


def title_from_name(name: str) -> str:
    """A title made of a file name: its stem, with underscores as spaces."""
    return " ".join(Path(name).stem.replace("_", " ").split()) or "Untitled"


def _inline(line: str) -> str:
    line = _IMAGE.sub("", line)
    line = _LINK.sub(lambda m: m.group("label"), line)
    line = _CODE.sub(r"\1", line)
    return _EMPHASIS.sub(lambda m: m.group("text") or m.group("one"), line)


def _heading(level: int, text: str) -> str:
    marks = "=" * max(2, min(level, 6))
    return f"{marks} {_EQUALS.sub('-', _inline(text)).strip() or '-'} {marks}"


def render_text(text: str, name: str) -> str:
    """The flattened-format rendering of plain text or Markdown."""
    lines = clean_text(text, name).split("\n")
    out: list[str] = []
    title = None
    fenced = False
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if _FENCE.match(line):
            fenced = not fenced
            out.append("")
            continue
        if fenced:
            out.append(line)
            continue
        if _SETEXT.match(line) and out and out[-1] == "\0heading":
            out.pop()
            continue
        atx = _ATX.match(line)
        setext = _SETEXT.match(following) if line.strip() and not _ITEM.match(line) else None
        if atx or setext:
            level = len(atx.group("hashes")) if atx else (1 if "=" in following else 2)
            words = atx.group("text") if atx else line.strip()
            if title is None and level == 1 and not any(x.strip() for x in out):
                title = _EQUALS.sub("-", _inline(words)).strip()
                out = []
            else:
                out += ["", _heading(level, words), ""]
            if setext:
                out.append("\0heading")  # the underline that follows is part of it
            continue
        if _RULE.match(line) or _TABLE.match(line):
            out.append("")
            continue
        line = _QUOTE.sub("", line)
        item = _ITEM.match(line)
        out.append(f"- {_inline(item.group('text')).strip()}" if item else _inline(line))
    body = "\n".join(line for line in out if line != "\0heading")
    return f"= {title or title_from_name(name)} =\n\n{body.strip()}\n"


def parse_text(text: str, name: str = "<text>") -> Article:
    """Parse plain text or Markdown (see the module's description)."""
    return parse_article(render_text(text, name), name=name)
