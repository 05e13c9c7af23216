"""Unnumbered documents named in the text ("Universal Declaration of Human Rights", "Taif
Agreement"), and whether a name is one of the subject's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reskg import gazetteer
from reskg.article import Article
from reskg.dates import MONTH_PATTERN
from reskg.extract.mentions import place_mentions
from reskg.extract.resolution_context import adopting_body, orgs_in
from reskg.facts import ResolutionRef, Span


def same_title(title: str, subject: ResolutionRef, subject_title: str | None, *more: str) -> bool:
    """True where ``title`` names the subject: a name variant of its title or page title.

    "Harare Declaration" is "the Harare Commonwealth Declaration", "Millennium Declaration" the
    "United Nations Millennium Declaration", "Langkawi Declaration" the "Langkawi Declaration on
    the Environment": one name's words hold the other's and both have the same head noun (the
    last word before "on"/"of"), so "Harare Declaration" is not the "Millbrook ... Programme on
    the Harare Declaration".
    """
    name = re.sub(r"^the\s+", "", title.casefold())
    for known in (subject.title, subject_title, *more):
        if not known:
            continue
        known = re.sub(r"^the\s+", "", known.casefold())
        if known.startswith(name) or name_variant(name, known):
            return True
    return False


_QUALIFIER = re.compile(r"\s+(?:on|of|for|concerning|regarding|against)\s+")


_NAME_STOP = frozenset(["the", "a", "an", "and", "of", "on", "for", "in", "to"])


def name_variant(a: str, b: str) -> bool:
    def words(text: str) -> set[str]:
        return {w for w in re.findall(r"[\w'’-]+", text) if w not in _NAME_STOP}

    core_a, core_b = _QUALIFIER.split(a, maxsplit=1)[0], _QUALIFIER.split(b, maxsplit=1)[0]
    head_a, head_b = core_a.split()[-1:], core_b.split()[-1:]
    if not head_a or head_a != head_b or len(words(core_a) | words(core_b)) < 2:
        return False
    wa, wb = words(a), words(b)
    return wa <= wb or wb <= wa


_DOCUMENT_NAME = re.compile(
    r"(?P<name>(?:(?:[A-Z][\w’'–-]*|of|on|the|for|and)\s+){0,8}?"
    r"(?:Declaration|Plan of Action|Programme of Action|Platform for Action|Initiative|"
    r"Road ?[Mm]ap|Final Act|Memorandum|Communiqu[eé]|Charter|Treaty|Conventions?|"
    r"Agreements?|Accords?|Protocol|Statute|Covenant|Pact|Act|Rules|Manifesto|Consensus|"
    r"Resolution(?![\s\xa0]*(?:No\.?\s*)?\d))\b"
    r"(?:\s+(?:of|on|for|and)\s+(?:the\s+)?(?:[A-Z][\w’'–-]*)"
    r"(?:\s+(?:[A-Z][\w’'–-]*|(?:of|on|for)\s+the(?=\s+[A-Z])|of|for|and))*)?)"
)


def named_documents(article: Article) -> Iterator[tuple[Span, str, str | None]]:
    """Unnumbered documents named in the text: "Universal Declaration of Human Rights"."""
    for match in _DOCUMENT_NAME.finditer(article.text):
        yield from _split_documents(article, match)


def _split_documents(
    article: Article, match: re.Match[str]
) -> Iterator[tuple[Span, str, str | None]]:
    """One or two documents: "the Windhoek Declaration and the Namibia Plan of Action"."""
    whole = match.group("name")
    parts = re.split(r"\s+and\s+the\s+(?=[A-Z])", whole)
    offset = match.start("name")
    for part in parts:
        start = offset + whole.find(part)
        yield from _document(article, part, start)


def _document(article: Article, name: str, at: int) -> Iterator[tuple[Span, str, str | None]]:
    """A named document's span, cleaned name and body (an organisation inside its name)."""
    raw = name
    if _CHAPTER_PREFIX.match(raw):
        return  # "Chapter VII of the UN Charter": a legal basis, not a reference
    # an opening participle is the sentence's verb, not the name's: "Echoing the Taif Agreement"
    name = re.sub(r"^[A-Z][a-z]+ing\s+(?=the\s)", "", raw)
    name = re.sub(r"^(?:(?:of|on|the|The|for|and)\s+)+", "", name)
    name = _TRAILING_DATE.sub("", name)
    name = re.sub(r"(?:\s+(?:of|on|the|for|and))+$", "", name)
    words = name.split()
    if len(words) < 2 or not words[0][:1].isupper():
        return
    start = at + raw.find(name)
    if CHAPTER_OF.search(article.text, max(0, start - 40), start):
        return  # "acting under Chapter VII of the UN Charter": a legal basis, not a reference
    if "Resolution" in words and (
        words[-1] != "Resolution" or not _named_after_place(article, start, start + len(name))
    ):
        return  # "the OIC Resolution" is a reference, "the Khartoum Resolution" a name
    body = None
    for mention in orgs_in(article, start, start + len(name)):
        if mention.organization is not None:
            body = adopting_body(mention.organization).name
            break
    yield (start, start + len(name)), name, body


_NUMERAL = r"(?:[IVXLC]+|\d+[a-z]?)"


CHAPTER_OF = re.compile(rf"\b(?i:chapter|article)\s+(?:{_NUMERAL}\s+of\s+(?:the\s+)?)?$")


_CHAPTER_PREFIX = re.compile(rf"^(?:(?:of|the)\s+)*(?:(?i:chapter|article)\s+)?{_NUMERAL}\s+of\b")


# "the Camp David Accords of September 1978": the date is not part of the name
_TRAILING_DATE = re.compile(rf"\s+of\s+(?i:{MONTH_PATTERN}).*$")


def _named_after_place(article: Article, start: int, end: int) -> bool:
    """True where a place is named inside ``start:end`` ("Khartoum Resolution")."""
    if any(start <= m.span[0] and m.span[1] <= end for m in place_mentions(article)):
        return True
    words = article.text[start:end].split()[:-1]
    return any(
        gazetteer.find_city(" ".join(words[i:j])) or gazetteer.find_country(" ".join(words[i:j]))
        for i in range(len(words))
        for j in range(i + 1, len(words) + 1)
    )
