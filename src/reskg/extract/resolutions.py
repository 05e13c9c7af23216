"""Resolutions: the article's subject with its fields, and every resolution it mentions.

Layout:

- ``subject_ref(article)``: who the article is about (body + symbol, or title)
- ``resolution_mentions(article)``: every resolution named in the text, with its body
- ``extract_resolutions(article)``: ResolutionFacts for both (registered as "resolutions")

Where the body of a mentioned resolution comes from, in order: an organisation named just
before the word "resolution" ("UN Security Council resolutions 822 ..."); a document-code
prefix ("S/RES/..."); the nearest adopting organisation named before it in the sentence, then
after it; the subject's own body.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from reskg import gazetteer
from reskg.article import Article, InfoboxField, Sentence
from reskg.dates import find_dates, parse_date
from reskg.extract import extractor
from reskg.extract.mentions import organization_mentions, place_mentions
from reskg.extract.numbers import ORDINALS, parse_count
from reskg.facts import DateValue, ResolutionFact, ResolutionRef, Span
from reskg.symbols import SymbolMatch, find_symbols


@dataclass(frozen=True)
class ResolutionMention:
    """A resolution named in the text: its ref and the span of its symbol (or name)."""

    ref: ResolutionRef
    span: Span
    sentence: Sentence | None
    keyword_span: Span


# -- bodies -----------------------------------------------------------------------------------


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


def organization_by_symbol_prefix(prefix: str) -> gazetteer.Organization | None:
    """The organ whose documents carry ``prefix`` ("S" -> the Security Council)."""
    found = [o for o in gazetteer.organizations() if o.symbol_prefix == prefix]
    return found[0] if len(found) == 1 else None


def _orgs_in(article: Article, start: int, end: int) -> list:
    return [m for m in organization_mentions(article) if start <= m.span[0] and m.span[1] <= end]


_BETWEEN_ORG_AND_KEYWORD = re.compile(r"^[\s,]*(?:'s|’s)?\s*(?:the\s+)?(?:draft\s+)?$", re.I)


def _org_just_before(article: Article, position: int) -> gazetteer.Organization | None:
    """An organisation named immediately before ``position`` ("General Assembly Resolution")."""
    best = None
    for mention in organization_mentions(article):
        if mention.span[1] <= position and position - mention.span[1] <= 12:
            gap = article.text[mention.span[1] : position]
            if _BETWEEN_ORG_AND_KEYWORD.match(gap) and mention.organization is not None:
                best = mention.organization
    if best is None:
        best = _short_organ_before(article.text, position)
    return best


_SHORT_ORGAN = re.compile(r"((?:[A-Z][\w'’-]*\s+){0,4}[A-Z][\w'’-]*)\s*$")


def _short_organ_before(text: str, position: int) -> gazetteer.Organization | None:
    """A bare organ name of two words or more ("Security Council") right before ``position``."""
    match = _SHORT_ORGAN.search(text, max(0, position - 80), position)
    if not match:
        return None
    words = match.group(1).split()
    for i in range(len(words) - 1):
        organization = gazetteer.find_organ(" ".join(words[i:]))
        if organization is not None:
            return organization
    return None


# "the Council's resolutions", "Assembly resolution": the article's own organ, unnamed.
_GENERIC_NOUN = r"(?P<noun>Council|Assembly|Summit|Conference|Committee|Board)"
_GENERIC_ORGAN_BEFORE = re.compile(rf"\b{_GENERIC_NOUN}(?:'s|’s)?\s+$")
_GENERIC_ADOPTER = re.compile(
    rf"\bthe\s+{_GENERIC_NOUN}\s+(?:had\s+|has\s+|then\s+|also\s+|unanimously\s+)*"
    r"(?:adopted|passed|approved|endorsed)\b[^.;]{0,60}$"
)


def _antecedent(article: Article, noun: str, position: int) -> gazetteer.Organization | None:
    """The organ an unnamed "the Council" refers to: the last one named before ``position``
    whose name ends in that noun, else the subject's organ if its name does."""
    for mention in reversed(organization_mentions(article)):
        organization = mention.organization or gazetteer.find_organ(mention.name)
        if mention.span[1] > position or organization is None:
            continue
        names = (organization.name, organization.short_organ or "")
        if any(name.endswith(noun) for name in names):
            return organization
    return None


_ADOPTED_BY = re.compile(
    r"(?:\s+(?:had|has|have|unanimously))*\s+(?:adopted|passed|approved|endorsed)\s+"
    r"(?:(?:\w+\s+){0,2}|[^.;,]{0,50}\s(?:in|by|through)\s+)$"
)


def _adopter_in_sentence(
    article: Article, sentence: Sentence | None, position: int
) -> gazetteer.Organization | None:
    """The organisation that "adopted" the resolution named at ``position`` in its sentence."""
    if sentence is None:
        return None
    generic = _GENERIC_ADOPTER.search(article.text, sentence.start, position)
    if generic:
        return _antecedent(article, generic.group("noun"), generic.start())
    if not _ADOPTED_BY.search(article.text, sentence.start, position):
        return None
    mentions = [
        m
        for m in _orgs_in(article, sentence.start, position)
        if m.organization is not None and adopting_body(m.organization).adopts_resolutions
    ]
    if mentions:
        return mentions[-1].organization
    verb = _ADOPTED_BY.search(article.text, sentence.start, position)
    return _short_organ_before(article.text, verb.start()) if verb else None


# -- the subject --------------------------------------------------------------------------------


@lru_cache(maxsize=32)
def subject_ref(article: Article) -> ResolutionRef:
    """The resolution the article is about, from its title, infobox and lead."""
    title_start, title_end = article.title_span
    symbols = find_symbols(article.title)
    number_field = article.field("Number", "Resolution number", "Resolution")
    number = None
    if symbols and symbols[0].numbers:
        number = symbols[0].numbers[0][1]
        number = _full_symbol(article, number)
    elif number_field is not None:
        found = find_symbols("Resolution " + number_field.value)
        number = found[0].numbers[0][1] if found and found[0].numbers else None
    body = _subject_body(article, title_start, title_end)
    body_name = adopting_body(body).name if body else None
    if number:
        return ResolutionRef(body=body_name, number=number)
    # The infobox's document name is the document's own name; a page title may add a bracketed
    # disambiguation ("Abu Dhabi Declaration (OIC)") that is not part of it.
    name = article.field("Document Name", "Name")
    if name is not None and name.value.strip() and not find_symbols(name.value):
        return ResolutionRef(body=body_name, number=None, title=_unquote(name.value))
    title = re.sub(r"\s*\([^()]*\)$", "", article.title) or article.title
    return ResolutionRef(body=body_name, number=None, title=_lead_name(article, title) or title)


# The name a lead sentence opens with: "The Harare Commonwealth Declaration was ...".
_LEAD_NAME = re.compile(
    r"^(?:The\s+)?(?P<name>[A-Z][\w'’-]*(?:\s+(?:(?:of|on|for|and|the|to|in)\s+)*[A-Z][\w'’-]*)*)"
    r"(?=\s*(?:\(|,|\s(?:was|is|were|are|has|had)\b))"
)


def _lead_name(article: Article, title: str) -> str | None:
    """The fuller name the first sentence gives the page's subject, as the text writes it.

    Names are written as the article first writes them in full: a page titled "Harare
    Declaration" whose lead opens "The Harare Commonwealth Declaration was ..." is about the
    latter. Only a longer variant of the page title counts.
    """
    first = next((s for s in article.sentences if s.section == ""), None)
    match = _LEAD_NAME.match(first.text) if first is not None else None
    if match is None:
        return None
    name = match.group("name")
    if len(name.split()) > len(title.split()) and _name_variant(title.casefold(), name.casefold()):
        return name
    return None


def _full_symbol(article: Article, number: str) -> str:
    """Prefer the fullest form the text gives ("1514 (XV)" over a title's "1514")."""
    for match in find_symbols(article.text):
        for _, symbol in match.numbers:
            if symbol != number and symbol.startswith(number + " "):
                return symbol
    return number


def _subject_body(article: Article, title_start: int, title_end: int):
    """The subject's adopting body: named in the title, the infobox, or the lead.

    An organisation the title names as its topic ("Solemn Declaration on European Union") is
    not its author; in the lead, one named as the agent ("adopted by the X", "at the X")
    comes before others.
    """
    topic = None
    for mention in _orgs_in(article, title_start, title_end):
        if mention.organization is None:
            continue
        if _TOPIC_BEFORE.search(article.text, title_start, mention.span[0]):
            topic = topic or mention.organization
            continue
        return mention.organization
    for key in ("Organ", "Issued By", "Adopted By", "Body", "Organization", "Organisation"):
        field = article.field(key)
        if field is None:
            continue
        for mention in _orgs_in(article, *field.value_span):
            if mention.organization is not None:
                return mention.organization
        organ = gazetteer.find_organ(field.value)
        if organ is not None:
            return organ
    lead = [s for s in article.sentences if s.section == ""][:3]
    candidates = [
        mention
        for sentence in lead
        for mention in _orgs_in(article, sentence.start, sentence.end)
        if mention.organization is not None
        and (mention.organization.adopts_resolutions or mention.organization.parent)
    ]
    for mention in candidates:
        if _AGENT_BEFORE.search(article.text, max(0, mention.span[0] - 60), mention.span[0]):
            return mention.organization
    return candidates[0].organization if candidates else topic


# "... Declaration on European Union": an organisation after "on" is the topic
_TOPIC_BEFORE = re.compile(r"\s(?:on|concerning|regarding|about|against|with)\s+(?:the\s+)?$")
# "adopted by the X", "issued at the X", "during the X": the organisation that acted
_AGENT_BEFORE = re.compile(r"\b(?:by|at|during)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$")


def _subject_organ(article: Article, ref: ResolutionRef, session: str | None) -> str | None:
    field = article.field("Organ")
    if field is not None:
        organization = gazetteer.find_organization(field.value) or gazetteer.find_organ(field.value)
        if organization is not None and organization.short_organ:
            return organization.short_organ
        return field.value
    for mention in _orgs_in(article, *article.title_span):
        if mention.organization is not None and mention.organization.short_organ:
            return mention.organization.short_organ
    candidates: list[tuple[int, int]] = []
    if session:
        for sentence in article.sentences[:6]:
            at = sentence.text.find(session)
            if at >= 0:
                candidates.append((sentence.start + at, sentence.start + at + len(session)))
    candidates += [(s.start, s.end) for s in article.sentences if s.section == ""][:2]
    for start, end in candidates:
        for mention in _orgs_in(article, start, end):
            organization = mention.organization
            if (
                organization is not None
                and organization.short_organ
                and ref.body
                and adopting_body(organization).name == ref.body
            ):
                return organization.short_organ
    return None


_DATE_KEYS = ("Date", "Date Ratified", "Date Adopted", "Adopted", "Issued", "Date Issued")
# Infobox dates of other steps in a document's life: its adoption date only where the lead
# states none ("Signed: April 1948" beside "adopted ... on 2 May 1948").
_OTHER_DATE_KEYS = (
    "Signed",
    "Date Signed",
    "Date Created",
    "Created",
    "Date Presented",
    "Presented",
    "Drafted",
    "Date Drafted",
)
_PLACE_KEYS = ("Location Of Document", "Location", "Place", "Venue", "Adopted At")
_SESSION_KEYS = ("Meeting", "Sitting", "Summit", "Session", "Conference")
_VOTE_KEYS = {
    "votes_for": ("For", "Votes For", "In Favour", "In Favor"),
    "votes_against": ("Against", "Votes Against"),
    "votes_abstain": ("Abstention", "Abstentions", "Abstain", "Abstaining"),
    "votes_absent": ("Absent", "Not Voting", "Not Present"),
}
_LEADING_INT = re.compile(r"^\s*(\d[\d,]*)")


def _infobox_facts(article: Article, ref: ResolutionRef) -> Iterator[ResolutionFact]:
    year_field = article.field("Year")
    default_year = int(year_field.value) if year_field and year_field.value.isdigit() else None
    # A UN infobox may give the date only in its result: "Result: Adopted on 23 December 2016".
    field = article.field(*_DATE_KEYS) or article.field("Result", "Outcome")
    if field is not None:
        date = parse_date(field.value, default_year=default_year)
        if date is None:
            found = find_dates(field.value, default_year=default_year)
            date = found[0][1] if found else None
        if date is not None:
            yield ResolutionFact(ref, field.value_span, is_subject=True, date=date)
    field = article.field(*_PLACE_KEYS)
    if field is not None:
        place, country = _place_and_country(article, field.value_span)
        if place or country:
            yield ResolutionFact(
                ref, field.value_span, is_subject=True, place=place or country, country=country
            )
    titled = False
    for key in ("Title", "Full Title", "Official Title"):
        field = article.field(key)
        if field is not None and field.value:
            titled = True
            yield ResolutionFact(
                ref, field.value_span, is_subject=True, title=_unquote(field.value)
            )
    body = gazetteer.find_organization(ref.body) if ref.body else None
    field = article.field("Subject")
    if not titled and body is not None and body.titled_resolutions and field and field.value:
        # a General Assembly resolution's title is its subject ("Status of Jerusalem")
        yield ResolutionFact(ref, field.value_span, is_subject=True, title=_unquote(field.value))
    field = article.field("Document Name", "Name")
    if field and field.value and not find_symbols(field.value) and field.value != article.title:
        yield ResolutionFact(ref, field.value_span, is_subject=True, title=_unquote(field.value))
    field = article.field("Purpose")
    if field is not None and field.value:
        yield ResolutionFact(ref, field.value_span, is_subject=True, purpose=field.value)
    field = article.field(*_SESSION_KEYS)
    if field is not None and field.value:
        session = _session_from_field(article, field)
        if session:
            yield ResolutionFact(ref, field.value_span, is_subject=True, session=session)
    field = article.field("Paragraphs", "Paragraph count", "Number of paragraphs")
    if field is not None:
        count = parse_count(field.value)
        if count is not None:
            yield ResolutionFact(ref, field.value_span, is_subject=True, paragraphs=count)
    for attribute, keys in _VOTE_KEYS.items():
        field = article.field(*keys)
        if field is None:
            continue
        match = _LEADING_INT.match(field.value)
        count = int(match.group(1).replace(",", "")) if match else parse_count(field.value)
        if count is not None:
            yield ResolutionFact(ref, field.value_span, is_subject=True, **{attribute: count})


def _unquote(text: str) -> str:
    return text.strip().strip("\"“”'‘’").strip()


def _session_from_field(article: Article, field: InfoboxField) -> str | None:
    """A session label from an infobox value: "2,932" -> "2,932nd meeting"; dates dropped."""
    value = field.value
    for (start, _end), _ in find_dates(value):
        value = value[:start]
    value = value.strip().rstrip(",;–—-").strip()
    if not value:
        return None
    if re.fullmatch(r"\d[\d,]*", value):
        ordinal = re.search(
            rf"\b{re.escape(value)}(?:st|nd|rd|th)\s+[a-z ]*?(?:meeting|sitting)\b", article.text
        )
        if ordinal:
            return ordinal.group(0)
        return f"{value}{_ordinal_suffix(int(value.replace(',', '')))} meeting"
    return value[0].lower() + value[1:] if _is_common_start(value) else value


def _is_common_start(value: str) -> bool:
    first = value.split()[0]
    return first.lower() in ORDINALS


def _ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _place_and_country(article: Article, span: Span) -> tuple[str | None, str | None]:
    """The city (or most specific place) and the country named in ``span``."""
    place = country = None
    for mention in place_mentions(article):
        if span[0] <= mention.span[0] and mention.span[1] <= span[1]:
            if mention.kind == "country":
                country = country or mention.name
            else:
                place = place or mention.name
    return place, country


_TITLED = re.compile(
    r"\b(?i:titled|entitled|under the title|called|named|known as)\s*,?\s*(?:the\s+)?"
    r"[\"“](?P<title>[^\"”]{3,300}?)[,.]?[\"”]"
)
_BETTER_KNOWN = re.compile(
    r"\b(?:better known as|also known as|known as)\s+(?:the\s+)?"
    r"(?P<title>[A-Z][^,.;()]{3,200}?)(?=[,.;(]| was| is)"
)
_QUOTED_AFTER_SYMBOL = re.compile(r"\s*,\s*[\"“](?P<title>[^\"”]{3,300}?)[,.]?[\"”]")
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
_SESSION = re.compile(
    r"\b(?:during|at|in the course of)\s+(?:the|its)\s+"
    r"(?P<session>(?:[\w’'‘,.\-]+\s+){0,5}?(?:summit|session|meeting|sitting|conference)"
    r"(?:\s+(?:in|of)\s+(?:the\s+)?[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,4})?)",
)
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


def _lead_facts(article: Article, ref: ResolutionRef) -> Iterator[ResolutionFact]:
    lead = [s for s in article.sentences if s.section == ""]
    titles_seen: list[str] = []
    for sentence in lead[:4]:
        for match in _TITLED.finditer(sentence.text):
            titles_seen.append(match.group("title"))
            span = (sentence.start + match.start("title"), sentence.start + match.end("title"))
            if len(titles_seen) == 1:
                yield ResolutionFact(ref, span, is_subject=True, title=match.group("title"))
            else:
                yield ResolutionFact(
                    ref, span, is_subject=True, alternative_title=match.group("title")
                )
        if not titles_seen:
            match = _BETTER_KNOWN.search(sentence.text)
            if match:
                span = (sentence.start + match.start("title"), sentence.start + match.end("title"))
                yield ResolutionFact(ref, span, is_subject=True, title=match.group("title").strip())
    first = lead[0] if lead else None
    if first is not None and ref.number:
        for match in find_symbols(first.text):
            quoted = _QUOTED_AFTER_SYMBOL.match(first.text, match.span[1])
            if quoted and not titles_seen:
                span = (first.start + quoted.start("title"), first.start + quoted.end("title"))
                yield ResolutionFact(ref, span, is_subject=True, title=quoted.group("title"))
                titles_seen.append(quoted.group("title"))
    yield from _adoption_facts(article, ref, lead or article.sentences[:3])
    yield from _count_facts(article, ref)


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


def _adoption_facts(
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
            match = _SESSION.search(sentence.text)
            if match:
                session = match.group("session").strip()
                start, end = match.span("session")
                yield ResolutionFact(
                    ref,
                    (sentence.start + start, sentence.start + end),
                    is_subject=True,
                    session=_trim_session(session),
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
    names = [n.casefold() for n in (ref.title, article.title) if n]
    if ref.number:
        names.append(_base_symbol(ref.number).split()[0])
    opening = _OPENING_ADVERBIAL.sub("", sentence.text.lstrip(), count=1)[:120].casefold()
    if not any(n in opening for n in names):
        return None
    year = _year_of(article, sentence.start) or _title_year(article)
    for (start, end), date in find_dates(sentence.text, default_year=year):
        if len(date.start) < 10:
            continue  # a year or a month dates the period, not the document
        if _OTHER_TIME.search(sentence.text, max(0, start - 20), start):
            continue
        return (sentence.start + start, sentence.start + end), date
    return None


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
    if not _about_subject(text, cue_at, ref):
        return False
    before = _OPENING_ADVERBIAL.sub("", text[:cue_at].lstrip(), count=1)
    if _SUBJECT_OPENING.match(before):
        return True
    names = [n.casefold() for n in (ref.title, article.title) if n]
    if ref.number:
        names.append(_base_symbol(ref.number).split()[0])

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
    year = _year_of(article, sentence.start) or _title_year(article)
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
            if _base_symbol(number) == _base_symbol(ref.number)
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


def _trim_session(session: str) -> str:
    return re.sub(r"\s+", " ", session).strip(" ,")


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
        m for m in place_mentions(article) if begin <= m.span[0] < reach and m.kind != "country"
    ]
    for mention in mentions:
        before = article.text[max(sentence.start, mention.span[0] - 40) : mention.span[0]]
        if re.search(r"\b(?:in|at)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,3}$", before):
            after = article.text[mention.span[1] : mention.span[1] + 40]
            country = None
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
    if words[0].casefold() in _MONTH_NAMES or any(
        w.casefold() in _common_words(article) for w in words
    ):
        return False
    end = start + len(name)
    return not any(o.span[0] < end and start < o.span[1] for o in organization_mentions(article))


_MONTH_NAMES = frozenset(
    [
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
    ]
)


@lru_cache(maxsize=32)
def _common_words(article: Article) -> frozenset[str]:
    """Words the article also writes in lower case."""
    return frozenset(m.group(0) for m in re.finditer(r"\b[a-z][a-z]+\b", article.text))


_PLACE_THEN_COUNTRY = re.compile(
    r"\b(?:in|at)\s+(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}),\s+(?:the\s+)?"
    r"(?P<country>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})(?=[,.;)]|\s+(?:on|in|at|during)\b)"
)


def _count_facts(article: Article, ref: ResolutionRef) -> Iterator[ResolutionFact]:
    """Paragraph counts and votes the prose states about the subject."""
    paragraphs_done = votes_done = False
    for sentence in article.sentences:
        if not paragraphs_done:
            match = _PARAGRAPHS.search(sentence.text)
            if match and _about_subject(sentence.text, match.start(), ref):
                count = parse_count(match.group("count"))
                if count is not None:
                    span = (sentence.start + match.start(), sentence.start + match.end())
                    yield ResolutionFact(ref, span, is_subject=True, paragraphs=count)
                    paragraphs_done = True
        if not votes_done:
            match = _VOTES_BY.search(sentence.text) or _VOTES_IN_FAVOUR.search(sentence.text)
            unanimous = _UNANIMOUS.search(sentence.text)
            if (
                match is None
                and unanimous
                and _about_subject(sentence.text, unanimous.start(), ref)
            ):
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
            if match and _about_subject(sentence.text, match.start(), ref):
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
_OTHER_RESOLUTION = re.compile(r"\b[Rr]esolutions?\s+(?P<number>\d[\w/-]*)")


def _about_subject(text: str, position: int, ref: ResolutionRef | None = None) -> bool:
    """False where the clause before ``position`` names another resolution by number.

    Numbers compare by their first part, so "Resolution 377" is "377 A (V)".
    """
    own = _base_symbol(ref.number).split()[0] if ref is not None and ref.number else None
    return all(
        own is not None and _base_symbol(m.group("number")).split()[0] == own
        for m in _OTHER_RESOLUTION.finditer(text[:position])
    )


# -- mentioned resolutions ----------------------------------------------------------------------


@lru_cache(maxsize=32)
def resolution_mentions(article: Article) -> tuple[ResolutionMention, ...]:
    """Every numbered or named resolution in the article body (title and infobox excluded)."""
    subject = subject_ref(article)
    subject_title = next((f.title for f in _subject_facts(article, subject) if f.title), None)
    body_start = _body_start(article)
    mentions: list[ResolutionMention] = []
    matches = [m for m in find_symbols(article.text) if m.span[0] >= body_start]
    fullest = _fullest_symbols(matches)
    stated = [_stated_body(article, m) for m in matches]
    known: dict[str, str] = {}
    for match, body in zip(matches, stated, strict=True):
        for _, number in match.numbers:
            if body is not None:
                known.setdefault(_base_symbol(number), body)
    for match, body in zip(matches, stated, strict=True):
        sentence = article.sentence_at(match.span[0])
        if sentence is None or _LIST_PAGE.match(sentence.text):
            continue  # page furniture, a heading, or a list page's title ("List of ... 101 to 200")
        for span, written in match.numbers:
            number = re.sub(r"^0+(?=\d)", "", fullest.get(_base_symbol(written), written))
            found = body or known.get(_base_symbol(number)) or subject.body
            if _is_subject_symbol(number, found, subject):
                continue
            ref = ResolutionRef(body=found, number=number)
            mentions.append(ResolutionMention(ref, span, sentence, match.keyword_span))
    for span, title, body in _named_documents(article):
        if span[0] < body_start or _same_title(title, subject, subject_title, article.title):
            continue
        sentence = article.sentence_at(span[0])
        if sentence is None:
            continue  # page furniture or a heading
        mentions.append(ResolutionMention(ResolutionRef(body, None, title), span, sentence, span))
    return tuple(sorted(mentions, key=lambda m: m.span))


_LIST_PAGE = re.compile(r"^Lists? of\b")


def _fullest_symbols(matches: list[SymbolMatch]) -> dict[str, str]:
    """Each symbol's fullest written form: "1654" -> "1654 (XVI)" when the text gives both."""
    fullest: dict[str, str] = {}
    for match in matches:
        for _, number in match.numbers:
            base = _base_symbol(number)
            if len(number) > len(fullest.get(base, "")):
                fullest[base] = number
    return fullest


def _body_start(article: Article) -> int:
    if article.infobox:
        return article.infobox[-1].value_span[1]
    return article.title_span[1]


def _is_subject_symbol(number: str, body: str | None, subject: ResolutionRef) -> bool:
    if subject.number is None:
        return False
    same = number == subject.number or number.split(" (")[0] == subject.number.split(" (")[0]
    return same and (body is None or subject.body is None or _same_body(body, subject.body))


def _same_body(body: str, subject_body: str) -> bool:
    """Equal, or ``body`` is the subject's body's parent ("United Nations" for its Assembly)."""
    if body == subject_body:
        return True
    organ = gazetteer.find_organization(subject_body)
    return organ is not None and organ.parent is not None and organ.parent == body


def _same_title(title: str, subject: ResolutionRef, subject_title: str | None, *more: str) -> bool:
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
        if known.startswith(name) or _name_variant(name, known):
            return True
    return False


_QUALIFIER = re.compile(r"\s+(?:on|of|for|concerning|regarding|against)\s+")
_NAME_STOP = frozenset(["the", "a", "an", "and", "of", "on", "for", "in", "to"])


def _name_variant(a: str, b: str) -> bool:
    def words(text: str) -> set[str]:
        return {w for w in re.findall(r"[\w'’-]+", text) if w not in _NAME_STOP}

    core_a, core_b = _QUALIFIER.split(a, maxsplit=1)[0], _QUALIFIER.split(b, maxsplit=1)[0]
    head_a, head_b = core_a.split()[-1:], core_b.split()[-1:]
    if not head_a or head_a != head_b or len(words(core_a) | words(core_b)) < 2:
        return False
    wa, wb = words(a), words(b)
    return wa <= wb or wb <= wa


def _stated_body(article: Article, match: SymbolMatch) -> str | None:
    """The body the text states for a symbol: named just before it ("General Assembly
    resolution"), by its code prefix ("S/RES/"), as the article's own unnamed organ ("the
    Council's resolution"), or as the organisation that "adopted" it in the sentence."""
    keyword = match.keyword_span[0]
    organization = _org_just_before(article, keyword)
    if organization is None and match.prefix_code:
        organization = organization_by_symbol_prefix(match.prefix_code)
    generic = _GENERIC_ORGAN_BEFORE.search(article.text, max(0, keyword - 40), keyword)
    if organization is None and generic:
        organization = _antecedent(article, generic.group("noun"), keyword)
        if organization is None:
            return subject_ref(article).body
    if organization is None:
        organization = _adopter_in_sentence(article, article.sentence_at(keyword), keyword)
    return adopting_body(organization).name if organization is not None else None


def _base_symbol(number: str) -> str:
    """The symbol without a parenthesised session: "1654 (XVI)" -> "1654"."""
    return number.split(" (")[0]


_DOCUMENT_NAME = re.compile(
    r"(?P<name>(?:(?:[A-Z][\w’'–-]*|of|on|the|for|and)\s+){0,8}?"
    r"(?:Declaration|Plan of Action|Programme of Action|Platform for Action|Initiative|"
    r"Road ?[Mm]ap|Final Act|Memorandum|Communiqu[eé]|Charter|Treaty|Conventions?|"
    r"Agreements?|Accords?|Protocol|Statute|Covenant|Pact|Act|Rules|Manifesto|Consensus|"
    r"Resolution(?![\s\xa0]*(?:No\.?\s*)?\d))\b"
    r"(?:\s+(?:of|on|for|and)\s+(?:the\s+)?(?:[A-Z][\w’'–-]*)(?:\s+(?:[A-Z][\w’'–-]*|of|for|and))*)?)"
)


def _named_documents(article: Article) -> Iterator[tuple[Span, str, str | None]]:
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
    name = re.sub(r"^(?:(?:of|on|the|The|for|and)\s+)+", "", raw)
    name = _TRAILING_DATE.sub("", name)
    name = re.sub(r"(?:\s+(?:of|on|the|for|and))+$", "", name)
    words = name.split()
    if len(words) < 2 or not words[0][:1].isupper():
        return
    start = at + raw.find(name)
    if _CHAPTER_OF.search(article.text, max(0, start - 40), start):
        return  # "acting under Chapter VII of the UN Charter": a legal basis, not a reference
    if "Resolution" in words and (
        words[-1] != "Resolution" or not _named_after_place(article, start, start + len(name))
    ):
        return  # "the OIC Resolution" is a reference, "the Khartoum Resolution" a name
    body = None
    for mention in _orgs_in(article, start, start + len(name)):
        if mention.organization is not None:
            body = adopting_body(mention.organization).name
            break
    yield (start, start + len(name)), name, body


_NUMERAL = r"(?:[IVXLC]+|\d+[a-z]?)"
_CHAPTER_OF = re.compile(rf"\b(?i:chapter|article)\s+(?:{_NUMERAL}\s+of\s+(?:the\s+)?)?$")
_CHAPTER_PREFIX = re.compile(rf"^(?:(?:of|the)\s+)*(?:(?i:chapter|article)\s+)?{_NUMERAL}\s+of\b")
# "the Camp David Accords of September 1978": the date is not part of the name
_TRAILING_DATE = re.compile(
    r"\s+of\s+(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b.*$"
)


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


def _mentioned_facts(article: Article) -> Iterator[ResolutionFact]:
    for mention in resolution_mentions(article):
        yield ResolutionFact(mention.ref, mention.span, title=mention.ref.title)
        if mention.sentence is None:
            continue
        yield from _details_after(article, mention)


# What may stand between a symbol and its adoption date: "adopted during the 10th session of
# the Islamic Summit Conference held in Putrajaya on", "(XVI), adopted on", "of".
_BEFORE_DATE = re.compile(
    r"(?:\s*\([^)]{1,12}\))?[\s,]*"
    r"(?:(?:adopted|passed|approved|held|during|at|in|by|the|its|of|\d+\w*|[A-Z][\w'’-]*|"
    r"session|summit|conference|meeting|sitting|plenary|regular|special|emergency)[\s,]+)*?"
    r"(?:of|on|dated)\s*"
)


def _details_after(article: Article, mention: ResolutionMention) -> Iterator[ResolutionFact]:
    """A date, title, session and place stated right after a mentioned resolution's symbol."""
    sentence = mention.sentence
    assert sentence is not None
    rest_start = mention.span[1]
    rest = article.text[rest_start : sentence.end]
    next_symbol = re.search(r"\b[Rr]esolutions?\b|;", rest)
    if next_symbol:
        rest = rest[: next_symbol.start()]
    for (start, end), date in find_dates(rest, default_year=_year_of(article, mention.span[0])):
        if _BEFORE_DATE.fullmatch(rest[:start]):
            span = (rest_start + start, rest_start + end)
            yield ResolutionFact(mention.ref, span, date=date)
        break
    match = _TITLED.search(rest)
    if match:
        span = (rest_start + match.start("title"), rest_start + match.end("title"))
        yield ResolutionFact(mention.ref, span, title=match.group("title"))
    match = _SESSION.search(rest)
    if match:
        span = (rest_start + match.start("session"), rest_start + match.end("session"))
        session = _trim_session(match.group("session"))
        held = re.match(r"\s+held\s+in\s+", rest[match.end() :])
        place = None
        if held:
            after = rest_start + match.end() + held.end()
            place = next((m.name for m in place_mentions(article) if m.span[0] == after), None)
        yield ResolutionFact(mention.ref, span, session=session, place=place)


def _year_of(article: Article, position: int) -> int | None:
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


@lru_cache(maxsize=32)
def _subject_facts(article: Article, ref: ResolutionRef) -> tuple[ResolutionFact, ...]:
    facts = (*_infobox_facts(article, ref), *_lead_facts(article, ref))
    if not any(f.date for f in facts):
        facts = (*facts, *_other_infobox_date(article, ref))
    return facts


def _other_infobox_date(article: Article, ref: ResolutionRef) -> Iterator[ResolutionFact]:
    field = article.field(*_OTHER_DATE_KEYS)
    if field is not None:
        found = find_dates(field.value)
        if found:
            yield ResolutionFact(ref, field.value_span, is_subject=True, date=found[0][1])


@extractor("resolutions")
def extract_resolutions(article: Article) -> Iterator[ResolutionFact]:
    """The subject resolution's fields and every resolution the article mentions."""
    ref = subject_ref(article)
    yield ResolutionFact(ref, article.title_span, is_subject=True, title=ref.title)
    facts = _subject_facts(article, ref)
    yield from facts
    session = next((f.session for f in facts if f.session), None)
    organ = _subject_organ(article, ref, session)
    if organ:
        yield ResolutionFact(ref, article.title_span, is_subject=True, organ=organ)
    yield from _mentioned_facts(article)


def subject_date(article: Article) -> DateValue | None:
    """The adoption date of the subject, as extracted (for events and sessions)."""
    for fact in extract_resolutions(article):
        if fact.is_subject and fact.date is not None:
            return fact.date
    return None
