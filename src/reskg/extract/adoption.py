"""The subject's adoption statement in the lead: its date, place and session, in any voice and
order (see :func:`adoption_facts`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reskg import gazetteer
from reskg.article import Article, Sentence
from reskg.dates import find_dates, month_number
from reskg.extract.mention_tokens import lowercase_words
from reskg.extract.mentions import PlaceMention, organization_mentions, place_mentions
from reskg.extract.resolution_context import about_subject, base_symbol, year_of
from reskg.facts import DateValue, ResolutionFact, ResolutionRef, Span
from reskg.symbols import find_symbols

_ADOPTION_CUE = re.compile(
    r"\b(?:adopted|passed|approved|issued|signed|ratified|released|agreed|endorsed|proclaimed|"
    r"promulgated|concluded)\b",
    re.I,
)


# Verbs of making a document, weaker evidence of its date than its adoption: read when the lead
# has no adoption verb for the subject.
_MAKING_CUE = re.compile(r"\b(?:created|drawn up|drafted|produced|formulated)\b", re.I)


# Verbs of meeting, for a page about the summit or conference that adopted the subject.
_MEETING_CUE = re.compile(r"\b(?:held|took place|met|convened|gathered)\b", re.I)


# The clause before a cue speaks of the subject when it opens with it ("It", "The declaration",
# the subject's name or number), after any opening adverbial ("On 4 May 1975, ...").
_OPENING_ADVERBIAL = re.compile(r"^(?:(?:On|In|By|After|At|During|Following)\b[^,]{0,80},\s*)")


_DOCUMENT_NOUN = (
    r"(?:resolution|declaration|charter|convention|treaty|act|accords?|agreement|protocol|"
    r"manifesto|programme|program|plan|document|text|communiqu[ée]|statement|decision|pact|"
    r"consensus|compromise|rules|principles|concord|initiative|framework|code|covenant)"
)


_OBJECT_IS_SUBJECT = re.compile(rf"^\s+(?:unanimously\s+)?(?:the|this)\s+{_DOCUMENT_NOUN}\b", re.I)


_SUBJECT_OPENING = re.compile(
    rf"^(?:it\b|(?:the|this|that)\s+(?:[\w'’-]+\s+){{0,6}}?{_DOCUMENT_NOUN}\b)", re.I
)


SESSION = re.compile(
    r"\b(?:during|at|in the course of)\s+(?:the|its)\s+"
    r"(?P<session>(?:[\w’'‘,.\-]+\s+){0,5}?(?:summit|session|meeting|sitting|conference)"
    r"(?:\s+(?:in|of)\s+(?:the\s+)?[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,4})?)",
)


# The subject's own date after its symbol: "Resolution 1234 (2007) of 17 April 2007 is ...".
_OF_DATE = re.compile(r"^\s*(?:\(\d{4}\))?\s*,?\s*(?:of|dated)\s+$")


# How far from the adoption verb a date or place may stand and still be the adoption's.
_CUE_REACH = 160


# Where the clause of an adoption cue ends: a new clause after a comma, a semicolon, a dash.
_CLAUSE_BREAK = re.compile(
    r",\s+(?:after|before|while|whereas|which|who|and|but|it|the\s+(?:council|assembly|"
    r"resolution|declaration)|calling|recalling|noting|expressing|condemning|urging|"
    r"(?:also\s+)?[a-z]+(?:s|ed))\b|;|\s[—–]\s",
    re.I,
)


def adoption_facts(
    article: Article, ref: ResolutionRef, lead: list[Sentence]
) -> Iterator[ResolutionFact]:
    """The subject's adoption date, place and session from the lead's adoption statements.

    The statement may come in any voice and order ("The Foo Declaration was issued in Bartown
    on 4 May 1975 at the close of ..."; "It was signed on 2 June 1983, at Quxville, Norland";
    "On 4 May, the heads of government adopted ..."). Each of the three is taken from the
    first lead sentence that states it about the subject, so a first sentence that only names
    the document ("a declaration issued by the heads of government") does not hide the next.
    A cue that follows another resolution's number speaks of that one and is passed over.
    """
    date_done = place_done = session_done = False
    cues_of = {
        index: [
            m
            for m in _ADOPTION_CUE.finditer(sentence.text)
            if _speaks_of_subject(article, ref, sentence, m.start(), first=index == 0)
        ]
        for index, sentence in enumerate(lead[:5])
    }
    for weaker in (_MAKING_CUE, _MEETING_CUE):
        if any(cues_of.values()):
            break
        cues_of = {
            index: [
                m
                for m in weaker.finditer(sentence.text)
                if _speaks_of_subject(article, ref, sentence, m.start(), first=index == 0)
            ]
            for index, sentence in enumerate(lead[:5])
        }
    for index, sentence in enumerate(lead[:5]):
        cues = cues_of[index]
        if not date_done:
            found = _adoption_date(article, ref, sentence, cues, first=index == 0)
            if found is not None:
                span, date = found
                yield ResolutionFact(ref, span, is_subject=True, date=date)
                date_done = True
        if not cues:
            continue
        if not place_done:
            place, country = _adoption_place(article, sentence, cues)
            if place:
                yield ResolutionFact(
                    ref,
                    (sentence.start, sentence.end),
                    is_subject=True,
                    place=place,
                    country=country,
                )
                place_done = True
        if not session_done:
            match = SESSION.search(sentence.text)
            if match:
                session = match.group("session").strip()
                start, end = match.span("session")
                yield ResolutionFact(
                    ref,
                    (sentence.start + start, sentence.start + end),
                    is_subject=True,
                    session=trim_session(session),
                )
                session_done = True
        if date_done and place_done and session_done:
            break
    if not date_done and lead:
        found = _opening_date(article, ref, lead[0])
        if found is not None:
            yield ResolutionFact(ref, found[0], is_subject=True, date=found[1])


# A date that dates something else: "since 1 July 2002", "after 4 May 1975"
_OTHER_TIME = re.compile(
    r"\b(?:since|after|before|until|till|following|by|from|between)\s+(?:the\s+)?$", re.I
)


def _opening_date(
    article: Article, ref: ResolutionRef, sentence: Sentence
) -> tuple[Span, DateValue] | None:
    """The day a first sentence that opens with the subject dates it by, with no verb.

    "Resolution 2231 was a July 20th, 2015 resolution endorsing ...", "The Foo Declaration
    (4 May 1975) is ...": the first full date, unless "since", "after" ... make it another
    time's.
    """
    names = _subject_names(article, ref)
    opening = _OPENING_ADVERBIAL.sub("", sentence.text.lstrip(), count=1)[:120].casefold()
    if not any(n in opening for n in names):
        return None
    year = year_of(article, sentence.start) or _title_year(article)
    for (start, end), date in find_dates(sentence.text, default_year=year):
        if len(date.start) < 10:
            continue  # a year or a month dates the period, not the document
        if _OTHER_TIME.search(sentence.text, max(0, start - 20), start):
            continue
        return (sentence.start + start, sentence.start + end), date
    return None


def _subject_names(article: Article, ref: ResolutionRef) -> list[str]:
    """What the text may call the subject, folded: its title, the page title, its number."""
    names = [n.casefold() for n in (ref.title, article.title) if n]
    if ref.number:
        names.append(base_symbol(ref.number).split()[0])
    return names


def _speaks_of_subject(
    article: Article, ref: ResolutionRef, sentence: Sentence, cue_at: int, first: bool
) -> bool:
    """Whether the clause before an adoption cue has the subject as its theme.

    "The Declaration was adopted ...", "It was issued ...", "Resolution 1368, adopted ...",
    "The Harare Declaration was issued ..." do; "A follow-up outcome of the resolution was
    passed ...", "By mid-2012, the Commission had drafted ..." and a cue after another
    resolution's number do not. The lead's first sentence is about the subject unless it
    opens with an indefinite noun phrase.
    """
    text = sentence.text
    if not about_subject(text, cue_at, ref):
        return False
    before = _OPENING_ADVERBIAL.sub("", text[:cue_at].lstrip(), count=1)
    if _SUBJECT_OPENING.match(before):
        return True
    names = _subject_names(article, ref)

    def names_subject(part: str) -> bool:
        return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", part.casefold()) for n in names)

    if names_subject(before):
        return True
    # the subject as the cue's object: "On 4 May the leaders adopted the Foo Declaration"
    cue = _ADOPTION_CUE.match(text, cue_at) or _MAKING_CUE.match(text, cue_at)
    after = text[cue.end() : cue.end() + 80] if cue else ""
    if names_subject(after) or _OBJECT_IS_SUBJECT.match(after):
        return True
    return first and not re.match(r"(?:a|an)\s", before.casefold())


def _adoption_date(
    article: Article,
    ref: ResolutionRef,
    sentence: Sentence,
    cues: list[re.Match[str]],
    first: bool,
) -> tuple[Span, DateValue] | None:
    """The date an adoption cue governs: the first after it, else the nearest before it."""
    year = year_of(article, sentence.start) or _title_year(article)
    dates = find_dates(sentence.text, default_year=year)
    if not dates:
        return None
    chosen = None
    for cue in cues:
        after = [d for d in dates if d[0][0] >= cue.end() and d[0][0] - cue.end() <= _CUE_REACH]
        before = [d for d in dates if d[0][1] <= cue.start() and cue.start() - d[0][1] <= 60]
        chosen = after[0] if after else before[-1] if before else None
        if chosen is not None:
            break
    if chosen is None and first and ref.number:
        own = [
            span[1]
            for match in find_symbols(sentence.text)
            for span, number in match.numbers
            if base_symbol(number) == base_symbol(ref.number)
        ]
        chosen = next(
            (d for end in own for d in dates if _OF_DATE.match(sentence.text[end : d[0][0]])),
            None,
        )
    if chosen is None:
        return None
    (start, end), date = chosen
    return (sentence.start + start, sentence.start + end), date


def _title_year(article: Article) -> int | None:
    """A year the page title states ("1978 Arab League summit"): context for "November 2"."""
    match = re.search(r"\b(1[89]\d\d|20\d\d)\b", article.title)
    return int(match.group(1)) if match else None


def trim_session(session: str) -> str:
    return re.sub(r"\s+", " ", session).strip(" ,")


def _is_city_state(mention: PlaceMention) -> bool:
    """A country that is also its own city ("in Singapore", "in Luxembourg")."""
    return gazetteer.find_city(mention.name, mention.iso2) is not None


def _adoption_place(
    article: Article, sentence: Sentence, cues: list[re.Match[str]]
) -> tuple[str | None, str | None]:
    """The first city named with "in"/"at" near an adoption cue, and its country if given.

    Near: in the cue's clause, before or after it, so the
    subject matter ("adopted on 8 January 2009, after recalling ..., the Council called for a
    ceasefire in the Gaza Strip") is no place of adoption. A place the gazetteer does not know
    counts when the text gives its country: "at Langkawi, Malaysia".
    """
    first, last = min(c.start() for c in cues), max(c.end() for c in cues)
    opening = [b.end() for b in _CLAUSE_BREAK.finditer(sentence.text, 0, first)]
    stop = _CLAUSE_BREAK.search(sentence.text, last)
    begin = sentence.start + (opening[-1] if opening else 0)
    reach = sentence.start + (stop.start() if stop else len(sentence.text))
    mentions = [
        m
        for m in place_mentions(article)
        if begin <= m.span[0] < reach and (m.kind != "country" or _is_city_state(m))
    ]
    for mention in mentions:
        before = article.text[max(sentence.start, mention.span[0] - 40) : mention.span[0]]
        if re.search(r"\b(?:in|at)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,3}$", before):
            after = article.text[mention.span[1] : mention.span[1] + 40]
            country = mention.name if mention.kind == "country" else None  # a city-state
            following = re.match(
                r",\s*(?:the\s+)?([A-Z][\w\s-]{2,40}?)(?=[,.;)]|\s+(?:on|in|at|,))", after
            )
            if following:
                found = gazetteer.find_country(following.group(1))
                country = found.name if found else None
            return mention.name, country
    for match in _PLACE_THEN_COUNTRY.finditer(
        sentence.text, begin - sentence.start, reach - sentence.start
    ):
        country = gazetteer.find_country(match.group("country"))
        if country is not None and gazetteer.find_country(match.group("place")) is None:
            return match.group("place"), country.name
    for match in _IN_NAME.finditer(sentence.text, begin - sentence.start, reach - sentence.start):
        name = match.group("name")
        start = sentence.start + match.start("name")
        if _is_unknown_place(article, name, start):
            return name, None
    return None, None


# "issued in Bartown on 4 May 1975": a capitalised name after "in"/"at" in an adoption clause
_IN_NAME = re.compile(r"\b(?:in|at)\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\b")


# Words that make a name a gathering, an institution or a building, not a town
_NOT_A_TOWN = re.compile(
    r"\b(?:Summit|Conference|Meeting|Session|Congress|Council|Assembly|Committee|Headquarters|"
    r"Palace|Hall|House|Building|Centre|Center|Hotel|Castle|Kremlin|University|Church|Cathedral|"
    r"Parliament|Ministry|Embassy|War|Crisis|Revolution|Conflict|Accords?|Agreement|Treaty|"
    r"Declaration|Charter|Convention|Resolution)\b"
)


def _is_unknown_place(article: Article, name: str, start: int) -> bool:
    """Whether a name after "in"/"at" can be a town the gazetteer lacks.

    Not a country, a month, a year's name, an organisation, a gathering or a building, and
    none of its words a common word of the article.
    """
    if gazetteer.find_country(name) is not None or _NOT_A_TOWN.search(name):
        return False
    words = name.split()
    if month_number(words[0]) is not None or any(
        w.casefold() in lowercase_words(article) for w in words
    ):
        return False
    end = start + len(name)
    return not any(o.span[0] < end and start < o.span[1] for o in organization_mentions(article))


_PLACE_THEN_COUNTRY = re.compile(
    r"\b(?:in|at)\s+(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}),\s+(?:the\s+)?"
    r"(?P<country>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})(?=[,.;)]|\s+(?:on|in|at|during)\b)"
)
