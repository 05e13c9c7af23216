"""Resolutions: the article's subject with its fields, and every resolution it mentions.

Layout:

- ``subject_ref(article)``: who the article is about (body + symbol, or title)
- ``resolution_mentions(article)``: every resolution named in the text, with its body
- ``extract_resolutions(article)``: ResolutionFacts for both (registered as "resolutions")

The lead's adoption statement is read in :mod:`.adoption`, counts and votes in :mod:`.votes`,
unnumbered documents in :mod:`.documents`; what they share is in :mod:`.resolution_context`.

Where the body of a mentioned resolution comes from, in order: an organisation named just
before the word "resolution" ("UN Security Council resolutions 822 ..."); a document-code
prefix ("S/RES/..."); the nearest adopting organisation named before it in the sentence, then
after it; the subject's own body.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from reskg import gazetteer
from reskg.article import Article, InfoboxField, Sentence
from reskg.dates import find_dates, parse_date
from reskg.extract import extractor
from reskg.extract.adoption import SESSION, adoption_facts, trim_session
from reskg.extract.documents import CHAPTER_OF, name_variant, named_documents, same_title
from reskg.extract.mentions import organization_mentions, place_mentions
from reskg.extract.numbers import ORDINALS, parse_count
from reskg.extract.resolution_context import adopting_body, base_symbol, orgs_in, year_of
from reskg.extract.votes import count_facts
from reskg.facts import DateValue, ResolutionFact, ResolutionRef, Span
from reskg.symbols import SymbolMatch, find_symbols


@dataclass(frozen=True)
class ResolutionMention:
    """A resolution named in the text: its ref and the span of its symbol (or name)."""

    ref: ResolutionRef
    span: Span
    sentence: Sentence | None
    keyword_span: Span


def organization_by_symbol_prefix(prefix: str) -> gazetteer.Organization | None:
    """The organ whose documents carry ``prefix`` ("S" -> the Security Council)."""
    found = [o for o in gazetteer.organizations() if o.symbol_prefix == prefix]
    return found[0] if len(found) == 1 else None


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
        for m in orgs_in(article, sentence.start, position)
        if m.organization is not None and adopting_body(m.organization).adopts_resolutions
    ]
    if mentions:
        return mentions[-1].organization
    verb = _ADOPTED_BY.search(article.text, sentence.start, position)
    return _short_organ_before(article.text, verb.start()) if verb else None


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
    if len(name.split()) > len(title.split()) and name_variant(title.casefold(), name.casefold()):
        return name
    # "The Helsinki Final Act, also known as Helsinki Accords, was ..." on a page "Helsinki
    # Accords": the lead names the subject first and gives the page title as another name
    rest = first.text[match.end() : match.end() + 120]
    if _DOCUMENT_HEAD.search(name) and re.match(
        rf"\s*(?:\(|,)\s*(?:also\s+|better\s+|formally\s+)?(?:known\s+as|called|or)\s+(?:the\s+)?"
        rf"(?:[\w'’-]+\s+){{0,5}}?{re.escape(title)}\b",
        rest,
        re.I,
    ):
        return name
    return None


_DOCUMENT_HEAD = re.compile(
    r"\b(?:Declaration|Charter|Treaty|Convention|Agreement|Accords?|Act|Protocol|Statute|"
    r"Resolution|Communiqu[eé]|Manifesto|Plan|Programme|Consensus|Covenant|Pact)\b"
)


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
    for mention in orgs_in(article, title_start, title_end):
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
        for mention in orgs_in(article, *field.value_span):
            if mention.organization is not None:
                return mention.organization
        organ = gazetteer.find_organ(field.value)
        if organ is not None:
            return organ
    lead = [s for s in article.sentences if s.section == ""][:3]
    candidates = [
        mention
        for sentence in lead
        for mention in orgs_in(article, sentence.start, sentence.end)
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
    for mention in orgs_in(article, *article.title_span):
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
        for mention in orgs_in(article, start, end):
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
    yield from adoption_facts(article, ref, lead or article.sentences[:3])
    yield from count_facts(article, ref)


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
                known.setdefault(base_symbol(number), body)
    for match, body in zip(matches, stated, strict=True):
        sentence = article.sentence_at(match.span[0])
        if sentence is None or _LIST_PAGE.match(sentence.text):
            continue  # page furniture, a heading, or a list page's title ("List of ... 101 to 200")
        for span, written in match.numbers:
            number = re.sub(r"^0+(?=\d)", "", fullest.get(base_symbol(written), written))
            found = body or known.get(base_symbol(number)) or subject.body
            if _is_subject_symbol(number, found, subject):
                continue
            ref = ResolutionRef(body=found, number=number)
            mentions.append(ResolutionMention(ref, span, sentence, match.keyword_span))
    for span, title, body in named_documents(article):
        if span[0] < body_start or same_title(title, subject, subject_title, article.title):
            continue
        sentence = article.sentence_at(span[0])
        if sentence is None:
            continue  # page furniture or a heading
        if _is_alias(article, sentence, span[0]):
            continue  # "The Kampala Convention (formally, the African Union Convention ...)"
        mentions.append(ResolutionMention(ResolutionRef(body, None, title), span, sentence, span))
    mentions.extend(_bare_charters(article, subject, body_start))
    return tuple(sorted(mentions, key=lambda m: m.span))


# "the Charter" alone, not "the Charter of ..." nor "the UN Charter"
_BARE_CHARTER = re.compile(
    r"(?<![A-Z][\w.]\s)\b(?:the|its)\s+(?P<name>Charter)\b(?!\s+(?:of|for)\b)"
)


def _bare_charters(
    article: Article, subject: ResolutionRef, body_start: int
) -> Iterator[ResolutionMention]:
    """ "The Charter" alone, in a sentence: the charter of the subject's organisation.

    A United Nations organ's resolution that "reaffirms the principles of the Charter" speaks
    of the Charter of the United Nations; the root of the adopting body's parents names it.
    """
    if subject.title and "Charter" in subject.title:
        return  # on a charter's own page, "the Charter" is the subject
    body = gazetteer.find_organization(subject.body) if subject.body else None
    seen: set[str] = set()
    while body is not None and body.parent and body.name not in seen:
        seen.add(body.name)
        body = gazetteer.find_organization(body.parent) or body
    if body is None:
        return
    ref = ResolutionRef(body.name, None, f"Charter of the {body.name}")
    for match in _BARE_CHARTER.finditer(article.text, body_start):
        start = match.start("name")
        sentence = article.sentence_at(start)
        if sentence is None or CHAPTER_OF.search(article.text, max(0, start - 40), start - 4):
            continue  # furniture, or "under Article 39 of the Charter": a legal basis
        yield ResolutionMention(ref, match.span("name"), sentence, match.span("name"))


# What introduces another name of the thing just named: "(formally, the ...", "also known as"
_ALIAS_CUE = re.compile(
    r"(?:\(\s*(?:(?:formally|officially|originally|in full|full title)[,:]?\s+)?(?:the\s+)?"
    r"|\b(?:also|better|formally|officially|originally|sometimes)\s+(?:known\s+as|called|titled|"
    r"named|referred\s+to\s+as)\s+(?:the\s+)?|\bknown\s+as\s+(?:the\s+)?)"
    r"(?:[\w'’-]+\s+){0,5}$",
    re.I,
)


def _is_alias(article: Article, sentence: Sentence, start: int) -> bool:
    """Whether a name in the lead's first sentence is one of the subject's other names."""
    first = next((s for s in article.sentences if s.section == ""), None)
    if first is None or sentence.start != first.start:
        return False
    return bool(_ALIAS_CUE.search(article.text, max(first.start, start - 50), start))


_LIST_PAGE = re.compile(r"^Lists? of\b")


def _fullest_symbols(matches: list[SymbolMatch]) -> dict[str, str]:
    """Each symbol's fullest written form: "1654" -> "1654 (XVI)" when the text gives both."""
    fullest: dict[str, str] = {}
    for match in matches:
        for _, number in match.numbers:
            base = base_symbol(number)
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


def _mentioned_facts(article: Article) -> Iterator[ResolutionFact]:
    for mention in resolution_mentions(article):
        written = article.text[mention.span[0] : mention.span[1]]
        other = written if mention.ref.title and written != mention.ref.title else None
        # "the Charter" names the Charter of the United Nations: an alternative title, as written
        yield ResolutionFact(
            mention.ref, mention.span, title=mention.ref.title, alternative_title=other
        )
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
    for (start, end), date in find_dates(rest, default_year=year_of(article, mention.span[0])):
        if _BEFORE_DATE.fullmatch(rest[:start]):
            span = (rest_start + start, rest_start + end)
            yield ResolutionFact(mention.ref, span, date=date)
        break
    match = _TITLED.search(rest)
    if match:
        span = (rest_start + match.start("title"), rest_start + match.end("title"))
        yield ResolutionFact(mention.ref, span, title=match.group("title"))
    match = SESSION.search(rest)
    if match:
        span = (rest_start + match.start("session"), rest_start + match.end("session"))
        session = trim_session(match.group("session"))
        held = re.match(r"\s+held\s+in\s+", rest[match.end() :])
        place = None
        if held:
            after = rest_start + match.end() + held.end()
            place = next((m.name for m in place_mentions(article) if m.span[0] == after), None)
        yield ResolutionFact(mention.ref, span, session=session, place=place)


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
