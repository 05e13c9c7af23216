"""Paragraph counts and votes that the prose states about the subject resolution."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reskg.article import Article
from reskg.extract.numbers import parse_count
from reskg.extract.resolution_context import about_subject
from reskg.facts import ResolutionFact, ResolutionRef

_PARAGRAPHS = re.compile(
    r"\b(?:consists? of|has|had|contains?|comprises?|sets out|with|of)\s+"
    r"(?P<count>\d+|[a-z]+(?:-[a-z]+)?)\s+(?:operative\s+|numbered\s+|preambular\s+)?"
    r"(?:paragraphs|clauses|articles|points|provisions)\b",
    re.I,
)


_VOTES_BY = re.compile(
    r"\bby\s+(?P<for>\d+|[a-z]+(?:-[a-z]+)?)\s+votes?\s+to\s+(?P<against>\d+|none|[a-z]+(?:-[a-z]+)?)"
    r"(?:\s*,?\s*with\s+(?P<abstain>\d+|no|[a-z]+(?:-[a-z]+)?)\s+abstentions?)?",
    re.I,
)


_VOTES_IN_FAVOUR = re.compile(
    r"\b(?P<for>\d+|[A-Za-z]+(?:-[a-z]+)?)\s+(?:members\s+|states\s+|countries\s+)?"
    r"(?:voted\s+)?in\s+favou?r\b"
    r"(?:[^.;]*?\b(?P<against>\d+|none|no|[a-z]+)\s+(?:voted\s+)?against)?"
    r"(?:[^.;]*?\b(?P<abstain>\d+|no|[a-z]+)\s+abstentions?)?",
)


def count_facts(article: Article, ref: ResolutionRef) -> Iterator[ResolutionFact]:
    """Paragraph counts and votes the prose states about the subject."""
    paragraphs_done = votes_done = False
    for sentence in article.sentences:
        if not paragraphs_done:
            match = _PARAGRAPHS.search(sentence.text)
            if match and about_subject(sentence.text, match.start(), ref):
                count = parse_count(match.group("count"))
                if count is not None:
                    span = (sentence.start + match.start(), sentence.start + match.end())
                    yield ResolutionFact(ref, span, is_subject=True, paragraphs=count)
                    paragraphs_done = True
        if not votes_done:
            match = _VOTES_BY.search(sentence.text) or _VOTES_IN_FAVOUR.search(sentence.text)
            unanimous = _UNANIMOUS.search(sentence.text)
            if match is None and unanimous and about_subject(sentence.text, unanimous.start(), ref):
                count = parse_count(unanimous.group("members"))
                if count is not None:
                    span = (sentence.start + unanimous.start(), sentence.start + unanimous.end())
                    yield ResolutionFact(
                        ref,
                        span,
                        is_subject=True,
                        votes_for=count,
                        votes_against=0,
                        votes_abstain=0,
                    )
                    votes_done = True
                    continue
            if match and about_subject(sentence.text, match.start(), ref):
                values = {
                    key: parse_count(match.group(key))
                    for key in ("for", "against", "abstain")
                    if match.group(key)
                }
                if values.get("for") is not None:
                    span = (sentence.start + match.start(), sentence.start + match.end())
                    yield ResolutionFact(
                        ref,
                        span,
                        is_subject=True,
                        votes_for=values.get("for"),
                        votes_against=values.get("against"),
                        votes_abstain=values.get("abstain"),
                    )
                    votes_done = True


# "adopted unanimously by the fifteen members": every member for, none against or abstaining.
_UNANIMOUS = re.compile(
    r"\bunanimously\s+(?:by|with|of)\s+(?:all\s+)?(?:the\s+|its\s+)?(?:votes\s+of\s+(?:the\s+|its\s+)?)?"
    r"(?P<members>\d+|[a-z]+(?:-[a-z]+)?)\s+(?:members|votes|states)\b",
    re.I,
)
