"""Dated events: one per distinct date the prose states, labelled by the clause holding it.

The first sentence that states a date describes its event; later mentions of the same date
usually refer back to it. The subject's adoption date is left to the resolution node.

A date without a year ("on March 8-9") takes the last year stated before it. The event's
place is the most specific place named in its clause (a city or region before a country).
Sessions, summits and meetings are marked ``kind="session"``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from reskg import gazetteer
from reskg.article import Article, Sentence
from reskg.dates import find_dates
from reskg.extract import extractor
from reskg.extract.mentions import place_mentions
from reskg.extract.resolutions import subject_date
from reskg.facts import DateValue, EventFact, Span

_SESSION_WORD = re.compile(r"\b(?:summit|session|meeting|sitting|conference|congress)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?=(?:and|but|while|when|where|which|who|after|before)\b)")
_LEADING_FILLER = re.compile(
    r"^(?:and|but|while|when|then|after|before|finally|subsequently|additionally|however|on|in|"
    r"by|from|at|during|since|until|of|following|along|towards?|with|as|for)\b[\s,]*",
    re.I,
)
_DANGLING = re.compile(
    r"(?:[\s,]+(?:on|in|of|at|by|from|to|until|since|during|the|and|between))+$", re.I
)
_MAX_LABEL_WORDS = 14
_LONG_LEAD_WORDS = 18
_NEAR_WORDS = 10


@extractor("events")
def extract_events(article: Article) -> Iterator[EventFact]:
    """An EventFact for every distinct date in each prose sentence."""
    year: int | None = None
    places = place_mentions(article)
    # The adoption itself is described by the resolution node (and its session's event).
    seen: set[DateValue] = {d for d in [subject_date(article)] if d is not None}
    for sentence in article.sentences:
        if _is_skipped(article, sentence):
            continue
        stated = find_dates(sentence.text, default_year=year)
        for (start, end), date in _dates(sentence.text, year):
            span = (sentence.start + start, sentence.start + end)
            if date not in seen:
                seen.add(date)
                clause = _clause(sentence, start, end)
                yield EventFact(
                    label=_label(sentence, clause, (start, end)),
                    date=date,
                    span=span,
                    kind="session" if _SESSION_WORD.search(_text(sentence, clause)) else "event",
                    place=_place(places, sentence, clause),
                )
        if stated:  # every stated date, an event's or not, sets the year for what follows
            year = int(stated[-1][1].end[:4])


def _dates(text: str, year: int | None) -> list[tuple[Span, DateValue]]:
    """The sentence's dates that date an event of their own, with year-fronted events.

    Passed over: the date of a resolution that a span of time is counted from ("since
    Resolution 452 in 1979"), the end of a range whose start is no date ("from the early
    1970s to June 1985"), a deadline ("until 30 July 2004"), and a date without its year that
    names an event ("the October 7 attacks"). A year before an event noun is the sentence's
    year context. Added: "the 2003
    invasion of Iraq", a year before an event noun, dated by that year.
    """
    found = []
    fronted = _YEAR_EVENT.search(text)
    if fronted is not None:  # "the 2023 Gaza war ceasefire took effect from 24 to 30 November"
        year = int(fronted.group("year"))
    for span, date in find_dates(text, default_year=year):
        before = text[max(0, span[0] - 40) : span[0]]
        if _SINCE.search(before) or _OPEN_RANGE.search(before):
            continue
        if _DEADLINE.search(before) and (len(date.start) > 4 or before.rstrip().endswith("by")):
            continue  # "until 30 July 2004" is a time limit; "until 2011" may end a state
        if (
            not re.search(r"\d{4}", text[span[0] : span[1]])
            and re.search(r"\bthe\s+$", before, re.I)
            and _MODIFIER.match(text, span[1])
        ):
            continue  # "the October 7 attacks": a name for the event, its year not stated
        found.append((span, date))
    for match in _YEAR_EVENT.finditer(text):
        if not any(w.casefold() in _event_nouns() for w in match.group("words").split()):
            continue
        span = match.span("year")
        if not any(a <= span[0] < b for (a, b), _ in found):
            year_value = match.group("year")
            found.append((span, DateValue(year_value, year_value)))
    return sorted(found, key=lambda item: item[0])


# A date a time limit runs to: "until 30 July 2004", "no later than 20 January 1988"
_DEADLINE = re.compile(
    r"\b(?:until|till|no\s+later\s+than|not\s+later\s+than|by\s+the\s+end\s+of|by)\s+(?:mid-?\s*)?$",
    re.I,
)
# A date used as a modifier of a noun: "the October 7 attacks", "the March 31st Plenary Meeting"
_MODIFIER = re.compile(
    r"(?:st|nd|rd|th)?\s+(?!(?:the|a|an|and|or|of|in|on|at|to|for|with|by|when|while|after|before|"
    r"as|it|its|his|her|their|they|he|she|was|were|is|are|had|has|that|which|who)\b)"
    r"(?:[a-z]+|[A-Z][a-z]+\s+[A-Z])"
)
_SINCE = re.compile(r"\bsince\s+[Rr]esolutions?\s+[\w/().-]+\s+(?:of|in|on)\s+$")
_OPEN_RANGE = re.compile(
    r"\bfrom\s+the\s+(?:early\s+|late\s+|mid-?\s*)?\d{4}s\s+(?:to|until|till)\s+$", re.I
)
_YEAR_EVENT = re.compile(
    r"\b[Tt]he\s+(?P<year>1[6-9]\d\d|20\d\d)\s+(?P<words>[\w'’–-]+(?:\s+[\w'’–-]+){0,3})"
)


@cache
def _event_nouns() -> frozenset[str]:
    return gazetteer.word_list("event_nouns.txt")


def _is_skipped(article: Article, sentence: Sentence) -> bool:
    """Titles, infobox lines and list items (See also) state no events."""
    paragraph = article.paragraphs[sentence.paragraph]
    return paragraph.is_list_item


def _text(sentence: Sentence, clause: Span) -> str:
    return sentence.text[clause[0] : clause[1]]


def _clause(sentence: Sentence, start: int, end: int) -> Span:
    """The clause (between semicolons or conjunction commas) that holds ``start``."""
    clause_start, clause_end = 0, len(sentence.text)
    for match in _CLAUSE_BREAK.finditer(sentence.text):
        if match.end() <= start:
            clause_start = match.end()
        elif match.start() >= end:
            clause_end = match.start()
            break
    return clause_start, clause_end


# "the 10th session of the Islamic Summit Conference", "an extraordinary Arab summit"
_NAMED_SESSION = re.compile(
    r"\b(?:(?:\d+(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?|[A-Z][\w-]*)\s+){0,3}"
    r"(?:[Ss]ession|[Ss]ummit|[Cc]onference|[Mm]eeting|[Ss]itting|[Cc]ongress)"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4})?"
)
_LEADING_WORDS = re.compile(
    r"^(?:(?:the|a|an|its|their|this|that|during|at|in|on|of|by|after|before)\s+)+", re.I
)


def _label(sentence: Sentence, clause: Span, date_span: Span) -> str:
    """The session named in the clause, else the clause without its date, trimmed."""
    text = sentence.text
    sessions = list(_NAMED_SESSION.finditer(text, clause[0], clause[1]))
    if sessions:
        nearest = min(sessions, key=lambda m: abs(m.start() - date_span[0]))
        return _LEADING_WORDS.sub("", nearest.group(0).strip())
    before = text[clause[0] : date_span[0]]
    after = text[date_span[1] : clause[1]]
    if len(before.split()) > _LONG_LEAD_WORDS:
        # A long lead-in: the words just before the date say what happened then.
        before = " ".join(before.split()[-_NEAR_WORDS:])
        after = ""
    label = re.sub(r"\s+", " ", f"{before} {after}").strip(' ,.;:"“”')
    label = _DANGLING.sub("", label)
    previous = None
    while previous != label:
        previous = label
        label = _LEADING_FILLER.sub("", label).strip(" ,")
    words = label.split()
    if len(words) > _MAX_LABEL_WORDS:
        label = " ".join(words[:_MAX_LABEL_WORDS])
        label = _DANGLING.sub("", label)
    return label or text[date_span[0] : date_span[1]]


def _place(places: list, sentence: Sentence, clause: Span) -> str | None:
    """The most specific place named in the clause: a city or region before a country."""
    start, end = sentence.start + clause[0], sentence.start + clause[1]
    inside = [m for m in places if start <= m.span[0] and m.span[1] <= end]
    specific = [m for m in inside if m.kind != "country"]
    if specific:
        return specific[0].name
    countries = {m.name for m in inside}
    return next(iter(countries)) if len(countries) == 1 else None
