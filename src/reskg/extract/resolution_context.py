"""What the resolution extractors share: adopting bodies, the organisations in a span, which
resolution a clause speaks of, a symbol's base form, and the year a date without one takes.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from reskg import gazetteer
from reskg.article import Article
from reskg.dates import find_dates
from reskg.extract.mentions import organization_mentions
from reskg.facts import ResolutionRef


def adopting_body(organization: gazetteer.Organization) -> gazetteer.Organization:
    """The organisation that counts as a resolution's body (the gazetteer's resolution_body
    column: "Islamic Summit" -> the OIC), else the organ itself or its nearest adopting parent."""
    if organization.resolution_body:
        return gazetteer.find_organization(organization.resolution_body) or organization
    seen = set()
    current = organization
    while not current.adopts_resolutions and current.parent and current.name not in seen:
        seen.add(current.name)
        parent = gazetteer.find_organization(current.parent)
        if parent is None:
            break
        current = parent
    return current


def orgs_in(article: Article, start: int, end: int) -> list:
    return [m for m in organization_mentions(article) if start <= m.span[0] and m.span[1] <= end]


_OTHER_RESOLUTION = re.compile(r"\b[Rr]esolutions?\s+(?P<number>\d[\w/-]*)")


def about_subject(text: str, position: int, ref: ResolutionRef | None = None) -> bool:
    """False where the clause before ``position`` names another resolution by number.

    Numbers compare by their first part, so "Resolution 377" is "377 A (V)".
    """
    own = base_symbol(ref.number).split()[0] if ref is not None and ref.number else None
    return all(
        own is not None and base_symbol(m.group("number")).split()[0] == own
        for m in _OTHER_RESOLUTION.finditer(text[:position])
    )


def base_symbol(number: str) -> str:
    """The symbol without a parenthesised session: "1654 (XVI)" -> "1654"."""
    return number.split(" (")[0]


def year_of(article: Article, position: int) -> int | None:
    """The last full year stated before ``position``: context for "March 8-9"."""
    ends, years = _stated_years(article)
    index = bisect.bisect_right(ends, position)
    return years[index - 1] if index else None


@lru_cache(maxsize=32)
def _stated_years(article: Article) -> tuple[list[int], list[int]]:
    """End offsets of the article's full dates, in order, and the year each ends in.

    Found once per article: scanning the text before every mention was quadratic.
    """
    found = find_dates(article.text)
    return [end for (_start, end), _date in found], [int(date.end[:4]) for _span, date in found]
