"""Resolution symbols in prose: "Resolution 10/11", "resolutions 822, 853 and 884", "S/RES/660".

A symbol is the native number without the body's document prefix: "10/11", "21/10-P(IS)",
"1514 (XV)", "377 A (V)", "ES-11/2". A parenthesised year after a number ("1325 (2000)") is
part of the mention but not of the symbol. Dashes and odd spaces are normalised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reskg.dates import MONTH_PATTERN
from reskg.facts import Span

__all__ = ["SymbolMatch", "find_symbols", "normalize_symbol"]

_DASH_CHARS = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_D = f"[{_DASH_CHARS}]"
_WS = r"[^\S\r\n]"

# Head of a mention: the keyword (optionally with a document code) or a bare document code.
_CODE = r"(?P<code>[A-Z]{1,4}(?:/[A-Z]{1,6})?)/RES/"
_HEAD = re.compile(
    rf"(?P<kw>(?<![\w/])(?i:resolution(?P<plural>s)?)(?!\w))"
    rf"(?:{_WS}+(?i:nos?\.|numbers?))?{_WS}+(?:{_CODE})?"
    rf"|(?<![\w/])(?P<code2>[A-Z]{{1,4}}(?:/[A-Z]{{1,6}})?)/RES/"
)

_ROMAN = r"[IVXLC]{1,7}"
_SESSION = rf"(?:{_ROMAN}|E?S{_D}(?:\d{{1,2}}|{_ROMAN}))"
# One symbol: number (or ES-n/m, S-n/m of special sessions), optional "-P(IS)" suffix,
# " A" letter, "(XV)" session.
_ITEM = re.compile(
    rf"(?P<sym>"
    rf"(?:E?S{_D}\d{{1,2}}/\d{{1,4}}|\d{{1,4}}(?:/\d{{1,4}}){{0,2}})"
    rf"(?![\w/])(?![.,]\d)"
    rf"(?:{_D}[A-Z]{{1,4}}(?:\([A-Z]{{1,6}}\))?(?![\w(]))?"
    rf"(?:{_WS}?[A-Z](?={_WS}?\({_SESSION}\)))?"
    rf"(?:{_WS}?\({_SESSION}\))?"
    rf")"
    rf"(?:{_WS}?\((?P<year>(?:1\d|2[01])\d\d)\))?"
    rf"(?![\w])"
)
_DATEISH = (
    rf"(?:\d{{1,2}}{_WS}+{MONTH_PATTERN}(?:{_WS}+\d{{4}})?"
    rf"|{MONTH_PATTERN}{_WS}+\d{{1,2}}(?:,?{_WS}+\d{{4}})?|\d{{4}})"
)
# Between items of a list: "822, 853, 874, and 884"; an "of <date>" may follow each item.
_SEP = re.compile(
    rf"(?:{_WS}+of{_WS}+{_DATEISH})?"
    rf"(?:,{_WS}+(?:(?:and|&){_WS}+)?|{_WS}+(?:and|&){_WS}+|,?{_WS}+as{_WS}+well{_WS}+as{_WS}+)",
    re.IGNORECASE,
)
_LIST_END = re.compile(rf"{_WS}*(?:[,.;:)]|$|{_WS}+(?:and|of|in|on|were|was|respectively)\b)")
_DASH_RE = re.compile(_D)
_SPACE_RE = re.compile(r"\s+")
_PAREN_SPACE_RE = re.compile(r"(?:(?<=\d)|(?<=\s[A-Z]))\s*\((?=" + _SESSION + r"\))")
_LETTER_RE = re.compile(r"(?<=\d)\s*([A-Z])(?=\s*\()")
_NORMALIZE_RE = re.compile(
    r"^(?:(?i:resolution)\s+)?(?:[A-Z]{1,4}(?:/[A-Z]{1,6})?/RES/)?(?P<rest>.+)$"
)


@dataclass(frozen=True)
class SymbolMatch:
    """A mention of one or more resolution symbols, with the span of each symbol."""

    span: Span
    numbers: tuple[tuple[Span, str], ...]
    keyword_span: Span
    prefix_code: str | None


def _clean(sym: str) -> str:
    """Canonical spelling of a matched symbol: ASCII dashes, single spaces, "181 (II)"."""
    s = _DASH_RE.sub("-", sym)
    s = _SPACE_RE.sub(" ", s).strip()
    s = _LETTER_RE.sub(r" \1", s)
    return _PAREN_SPACE_RE.sub(" (", s)


def normalize_symbol(raw: str) -> str | None:
    """Normalised symbol for a raw one ("S/RES/2334 (2016)" -> "2334"); None if malformed."""
    text = _SPACE_RE.sub(" ", raw).strip().rstrip(".,;:")
    head = _NORMALIZE_RE.match(text)
    if head is None:
        return None
    start = head.start("rest")
    m = _ITEM.match(text, start)
    if m is None or m.end() != len(text):
        return None
    return _clean(m.group("sym"))


def find_symbols(text: str) -> list[SymbolMatch]:
    """Every resolution-symbol mention in `text`, left to right and non-overlapping."""
    out: list[SymbolMatch] = []
    last_end = 0
    for head in _HEAD.finditer(text):
        if head.start() < last_end:
            continue
        if head.group("kw") is not None:
            keyword_span = head.span("kw")
            code = head.group("code")
            plural = head.group("plural") is not None
        else:
            keyword_span = head.span()
            code = head.group("code2")
            plural = False
        item = _ITEM.match(text, head.end())
        if item is None:
            continue
        items = [item]
        while True:
            sep = _SEP.match(text, items[-1].end())
            if sep is None:
                break
            nxt = _ITEM.match(text, sep.end())
            # after a singular keyword ("Resolution 582 and 588"), a bare number continues the
            # list only where the phrase ends after it (not "resolution 1325 and 2000 women")
            if nxt is None or (not plural and not _LIST_END.match(text, nxt.end())):
                break
            items.append(nxt)
        numbers = tuple((it.span("sym"), _clean(it.group("sym"))) for it in items)
        span = (head.start(), items[-1].end())
        out.append(SymbolMatch(span, numbers, keyword_span, code))
        last_end = span[1]
    return out
