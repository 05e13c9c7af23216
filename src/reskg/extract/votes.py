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


# A count: digits or a number word (checked with parse_count).
_N = r"\d[\d,]*|[A-Za-z]+(?:-[a-z]+)?"
# "by 14 votes to none", "by a recorded vote of 141 to 5", "adopted 13–0"
_PAIR = re.compile(
    rf"\b(?:by\s+(?:a\s+(?:recorded\s+|roll-call\s+)?vote\s+of\s+)?|a\s+(?:recorded\s+)?vote\s+of\s+|"
    rf"(?:adopted|passed|approved|carried)\s+(?:by\s+)?)(?P<for>{_N})\s*(?:votes?\s+)?"
    rf"(?:to\b|[–-])\s*(?P<against>{_N})\b"
)
_WHO = r"(?:votes?|members|states|countries|nations|delegations|MEPs|members\s+of\s+parliament)\s+"
_FOR = re.compile(
    rf"\b(?P<for>{_N})\s+(?:{_WHO})?(?:(?:voted|voting)\s+(?:for\b|in\s+favou?r)|in\s+favou?r)"
    rf"|\bapproval\s+(?:from|of)\s+(?P<from>{_N})\s+members\b"
)
_AGAINST = re.compile(rf"\b(?P<n>{_N})\s+(?:{_WHO})?(?:(?:voted|voting)\s+)?against\b")
_ABSTAIN = re.compile(rf"\b(?P<n>{_N})\s+(?:{_WHO})?(?:abstentions?|abstaining|abstained)\b")
_ABSENT = re.compile(
    rf"\b(?P<n>{_N})\s+(?:{_WHO})?(?:were\s+)?(?:absent|not\s+voting|did\s+not\s+vote)\b"
)


def _votes_in(text: str) -> tuple[tuple[int, int], dict[str, int]] | None:
    """The vote a sentence states: its span and counts, or None if it states none for."""
    pair = _PAIR.search(text)
    counts: dict[str, int] = {}
    span = None
    if pair and parse_count(pair.group("for")) is not None:
        counts["for"] = parse_count(pair.group("for"))  # type: ignore[assignment]
        against = parse_count(pair.group("against"))
        if against is not None:
            counts["against"] = against
        span = pair.span()
    else:
        for match in _FOR.finditer(text):
            value = parse_count(match.group("for") or match.group("from"))
            if value is not None:
                counts["for"], span = value, match.span()
                break
    if span is None:
        return None
    for key, pattern in (("against", _AGAINST), ("abstain", _ABSTAIN), ("absent", _ABSENT)):
        if key in counts:
            continue
        for match in pattern.finditer(text):
            value = parse_count(match.group("n"))
            if value is not None:
                counts[key] = value
                span = (min(span[0], match.start()), max(span[1], match.end()))
                break
    return span, counts


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
            vote = _votes_in(sentence.text)
            unanimous = _UNANIMOUS.search(sentence.text)
            if vote is None and unanimous and about_subject(sentence.text, unanimous.start(), ref):
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
            bare = _UNANIMOUS_BARE.search(sentence.text)
            # the object may name the resolution: "unanimously adopted Resolution 242"
            if vote is None and bare and about_subject(sentence.text, bare.end() + 40, ref):
                span = (sentence.start + bare.start(), sentence.start + bare.end())
                yield ResolutionFact(ref, span, is_subject=True, votes_against=0, votes_abstain=0)
                votes_done = True
                continue
            if vote is not None and about_subject(sentence.text, vote[0][0], ref):
                (start, end), counts = vote
                yield ResolutionFact(
                    ref,
                    (sentence.start + start, sentence.start + end),
                    is_subject=True,
                    votes_for=counts.get("for"),
                    votes_against=counts.get("against"),
                    votes_abstain=counts.get("abstain"),
                    votes_absent=counts.get("absent"),
                )
                votes_done = True


# "adopted unanimously by the fifteen members", "unanimously passed by the seventy-seven
# national delegations": every member for, none against or abstaining.
_UNANIMOUS = re.compile(
    r"\bunanimously\s+(?:(?:adopted|passed|approved|agreed|endorsed)\s+)?(?:by|with|of)\s+"
    r"(?:all\s+)?(?:the\s+|its\s+)?(?:votes\s+of\s+(?:the\s+|its\s+)?)?"
    r"(?P<members>\d+|[a-z]+(?:-[a-z]+)?)\s+(?:[a-z]+\s+)?"
    r"(?:members|votes|states|delegations|nations|countries)\b",
    re.I,
)
# "was adopted unanimously", "unanimously adopted": none against or abstaining, a count unknown
_UNANIMOUS_BARE = re.compile(
    r"\b(?:(?:adopted|passed|approved|agreed|endorsed)\s+unanimously|unanimously\s+"
    r"(?:adopted|passed|approved|agreed|endorsed))\b",
    re.I,
)
