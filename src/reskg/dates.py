"""Date expressions in English prose: a small regex grammar producing :class:`DateValue` ranges.

Handles single dates and ranges at day, month or year precision ("13—14 march 2008",
"March 13–14, 2008", "2nd August 1990", "May 1994", "August 29 to September 1, 1967",
"between January and June 1990", "1980–88", "2008-03-13"). Bare years are only reported by
:func:`find_dates` in safe contexts ("in 2008", "since 1990", "mid-2008"), never after a
resolution keyword or as the parenthesised year of a symbol ("S/RES/2334 (2016)").
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable

from reskg.facts import DateValue, Span

__all__ = ["MONTH_PATTERN", "find_dates", "month_number", "parse_date"]

_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_BY_NAME: dict[str, int] = {name: i for i, name in enumerate(_MONTHS, 1)}
_MONTH_BY_NAME.update({name[:3]: i for i, name in enumerate(_MONTHS, 1)})
_MONTH_BY_NAME["sept"] = 9

_DASH_CHARS = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_WS = r"[^\S\r\n]"  # whitespace that does not cross a line

#: A month name or abbreviation ("March", "mar", "Sept."), usable inside other patterns.
MONTH_PATTERN = (
    r"(?:" + "|".join(_MONTHS) + r"|(?:sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)\.?)"
    r"(?![a-z])"
)

_YEAR_MIN, _YEAR_MAX = 1000, 2199

# Building blocks; the digit 1/2 suffix names the start or end part of a range.
_BLOCKS = {
    "D": r"(?P<d{n}>(?<![\w,./])\d{{1,2}})(?:st|nd|rd|th)?(?!\w)(?![.,/]\d)",
    "M": r"(?P<m{n}>(?<!\w)" + MONTH_PATTERN.replace("{", "{{").replace("}", "}}") + ")",
    "Y": r"(?P<y{n}>(?<![\w,./])\d{{4}})(?!\w)(?![.,/]\d)",
}
_C = rf"(?P<c>{_WS}*[{_DASH_CHARS}]{{1,2}}{_WS}*|{_WS}+(?:to|until|till|through|and){_WS}+)"
_S = rf"{_WS}+"  # separator between parts of one date
_SC = rf",?{_WS}+"  # separator that may carry a comma ("March 14, 2008", "2 August, 1990")


def _block(kind: str, n: int) -> str:
    return _BLOCKS[kind].format(n=n)


def _compile(template: str) -> re.Pattern[str]:
    """Compile a template such as "{D1}_{M1}_{Y1}" ("_" = separator, "~" = range connector)."""
    out = template
    for kind in "DMY":
        for n in (1, 2):
            out = out.replace("{" + kind + str(n) + "}", _block(kind, n))
    out = out.replace("~", _C).replace(",_", _SC).replace("_", _S)
    return re.compile(out, re.IGNORECASE)


_OF = rf"(?:{_WS}+of)?"  # "2nd of August 1990"

# Ordered longest form first; ties are resolved in this order.
_TEMPLATES: tuple[str, ...] = (
    r"{D1}" + _OF + r"_{M1},_{Y1}~{D2}" + _OF + r"_{M2},_{Y2}",  # 2 August 1990 – 15 January 1991
    r"{M1}_{D1},_{Y1}~{M2}_{D2},_{Y2}",  # August 2, 1990 – January 15, 1991
    r"{D1}" + _OF + r"_{M1}~{D2}" + _OF + r"_{M2},_{Y2}",  # 29 August – 1 September 1967
    r"{M1}_{D1}~{M2}_{D2},_{Y2}",  # August 29 to September 1, 1967
    r"{D1}~{D2}" + _OF + r"_{M2},_{Y2}",  # 13—14 march 2008
    r"{M1}_{D1}~{D2},_{Y2}",  # March 13–14, 2008
    r"{M1},_{Y1}~{M2},_{Y2}",  # December 1999 – January 2000
    r"{M1}~{M2},_{Y2}",  # January to June 1990
    r"{D1}" + _OF + r"_{M1},_{Y1}",  # 2 August 1990
    r"{M1}_{D1},_{Y1}",  # August 2, 1990
    r"{M1},_{Y1}",  # May 1994
    r"{D1}" + _OF + r"_{M1}~{D2}" + _OF + r"_{M2}",  # 29 August – 1 September (default year)
    r"{M1}_{D1}~{M2}_{D2}",  # August 29 – September 1 (default year)
    r"{D1}~{D2}" + _OF + r"_{M2}",  # 8–9 March (default year)
    r"{M1}_{D1}~{D2}",  # March 8-9 (default year)
    r"{D1}" + _OF + r"_{M1}",  # 30 April (default year)
    r"{M1}_{D1}",  # July 17 (default year)
    r"{Y1}~(?P<y2>(?<![\w,./])\d{4}|(?<=[" + _DASH_CHARS + r"])\d{2})(?!\w)(?![.,/]\d)",
    r"{Y1}",  # 2008 (safe contexts only)
)
_ISO = re.compile(
    r"(?<![\w,./])(?P<y1>\d{4})-(?P<mn>\d{2})-(?P<d1>\d{2})(?![\w\-])(?![.,/]\d)",
)
_PATTERNS: tuple[re.Pattern[str], ...] = (_ISO, *(_compile(t) for t in _TEMPLATES))

# Where a date may start: a digit or a month-like word, not inside a word or number.
_START = re.compile(
    r"(?<![\w,./])(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))", re.IGNORECASE
)
_SAFE_YEAR_BEFORE = re.compile(
    r"\b(?:in|of|since|by|during|from|until|till|through|before|after|early|late|mid|year|"
    r"between|around|circa|spring|summer|autumn|fall|winter)(?:" + _WS + r"+|-|:" + _WS + r"*)$",
    re.IGNORECASE,
)
_RESOLUTION_BEFORE = re.compile(
    r"(?:\bres(?:olutions?|\.)|/RES/\S*|\bnos?\.|\bnumbers?)" + _WS + r"*$", re.IGNORECASE
)
_BETWEEN_BEFORE = re.compile(r"\bbetween" + _WS + r"+$", re.IGNORECASE)
_LEADING_WORD = re.compile(
    r"^(?:(?P<w>on|in|of|from|between|since|during|by|until)" + _WS + r"+)?", re.IGNORECASE
)

_VALID, _REJECT, _INVALID = 0, 1, 2


def month_number(name: str) -> int | None:
    """Month number 1-12 for a month name or abbreviation ("March", "mar.", "Sept"), else None."""
    return _MONTH_BY_NAME.get(name.strip().rstrip(".").casefold())


def _iso(year: int, month: int | None, day: int | None) -> str | None:
    """ISO 8601 string at the given precision, or None if it is not a calendar date."""
    if not _YEAR_MIN <= year <= _YEAR_MAX:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _evaluate(
    m: re.Match[str],
    default_year: int | None,
    before: Callable[[], str] | None,
) -> tuple[int, DateValue | None]:
    """Turn a pattern match into a DateValue; ``before`` gives the preceding text (find mode)."""
    g = m.groupdict()
    d1 = int(g["d1"]) if g.get("d1") else None
    d2 = int(g["d2"]) if g.get("d2") else None
    if g.get("mn"):
        m1: int | None = int(g["mn"])
    else:
        m1 = month_number(g["m1"]) if g.get("m1") else None
    m2 = month_number(g["m2"]) if g.get("m2") else None
    y1 = int(g["y1"]) if g.get("y1") else None
    raw_y2 = g.get("y2")
    y2 = int(raw_y2) if raw_y2 else None
    connector = (g.get("c") or "").strip().casefold()
    is_range = "c" in g and g["c"] is not None

    if connector == "and":
        prefix = before() if before is not None else ""
        consecutive_days = d1 is not None and d2 is not None and d2 == d1 + 1 and m1 is None
        if not consecutive_days and not _BETWEEN_BEFORE.search(prefix):
            return _REJECT, None

    if raw_y2 is not None and len(raw_y2) == 2 and y1 is not None:
        y2 = y1 // 100 * 100 + int(raw_y2)
        if y2 <= y1:
            return _INVALID, None

    bare_year = m1 is None and m2 is None
    if bare_year and before is not None:
        prefix = before()
        if _RESOLUTION_BEFORE.search(prefix):
            return _REJECT, None
        if not is_range and not _SAFE_YEAR_BEFORE.search(prefix):
            return _REJECT, None

    shared_year = y1 is None and y2 is not None
    if y1 is None and y2 is None:
        if default_year is None:
            return _REJECT, None
        if before is not None:
            month_text = (g.get("m1") or g.get("m2") or "").strip()
            if month_text == "may":  # the verb, not the month
                return _REJECT, None
        y1 = y2 = default_year
    sy = y1 if y1 is not None else y2
    ey = y2 if y2 is not None else y1
    sm = m1 if m1 is not None else m2
    em = m2 if m2 is not None else m1
    assert sy is not None and ey is not None
    if not is_range:
        start = _iso(sy, sm, d1)
        return (_VALID, DateValue(start, start)) if start else (_INVALID, None)
    sd, ed = d1, d2
    if shared_year and sm is not None and em is not None and sm > em and m1 is not None:
        sy -= 1  # "28 December – 3 January 2000" crosses the year boundary
    start, end = _iso(sy, sm, sd), _iso(ey, em, ed)
    if start is None or end is None or start > end:
        return _INVALID, None
    return _VALID, DateValue(start, end)


def parse_date(text: str, default_year: int | None = None) -> DateValue | None:
    """Parse one whole date expression; None if it is not a valid date."""
    s = text.strip().rstrip(".,;:").strip()
    lead = _LEADING_WORD.match(s)
    between = bool(lead and (lead.group("w") or "").casefold() == "between")
    if lead:
        s = s[lead.end() :]

    def before() -> str:
        return "between " if between else ""

    for pattern in _PATTERNS:
        m = pattern.fullmatch(s)
        if m is None:
            continue
        connector = (m.groupdict().get("c") or "").strip().casefold()
        status, value = _evaluate(m, default_year, before if connector == "and" else None)
        if status == _VALID:
            return value
        if status == _INVALID:
            return None
    return None


def find_dates(text: str, default_year: int | None = None) -> list[tuple[Span, DateValue]]:
    """Every date expression in `text` with its span: left to right, non-overlapping, longest."""
    found: list[tuple[Span, DateValue]] = []
    pos = 0
    n = len(text)
    while pos < n:
        s = _START.search(text, pos)
        if s is None:
            break
        at = s.start()
        matches = [m for p in _PATTERNS if (m := p.match(text, at)) is not None]
        if not matches:
            pos = at + 1
            continue
        # Longest first; ties keep pattern order (sort is stable).
        matches.sort(key=lambda m: m.start() - m.end())

        def before(at: int = at) -> str:
            return text[max(0, at - 40) : at]

        # A valid reading is taken; an invalid one (31 February) hides its whole text; a
        # rejected one (no year, unsafe context) lets a later start be tried.
        pos = at + 1
        for m in matches:
            status, value = _evaluate(m, default_year, before)
            if status == _VALID and value is not None:
                found.append(((m.start(), m.end()), value))
                pos = m.end()
                break
            if status == _INVALID:
                pos = matches[0].end()
                break
    return found
