"""Provisions: what a resolution does in each statement the article makes about its text.

Layout:

- ``action_lexicon()``: every label of ``ontology/actions.ttl`` -> its action slug (read once)
- ``find_actions(text)``: the longest, non-overlapping label matches in a text
- ``extract_provisions(article)``: ProvisionFacts (registered as "provisions")

The verbs come from the SKOS labels of the action scheme, not from code. What code decides is
whether a verb in a sentence is something a resolution does, and which resolution:

- the verb's agent, the nearest candidate before it in its clause, must be the resolution
  ("the resolution", "the document", "it", "the preamble", "paragraph 3", "the first"), its
  adopting organ ("the Organization", "the Assembly", "the leaders", an organisation mention
  whose adopting body is the subject's) or a named resolution ("Resolution 664 ... demanded",
  which makes it a provision of that resolution); a person, a country or another organisation
  as agent is background prose, not a provision;
- organ and pronoun agents count only in the lead and in sections about the text ("Text",
  "Content", "Provisions"); elsewhere only a named resolution (or "the resolution") does;
- a passive ("are strongly condemned", "all states are called upon") has an implicit agent and
  counts in a section about the text, after a paragraph number, or with "in the resolution";
- a nominalisation ("the Council's alarm at") counts as the object of a reporting verb
  ("records", "contains", "expresses") whose agent is the resolution;
- an infinitive ("to condemn", "would recognise"), a negation ("recalls no"), the object of
  another action ("condemns calls for violence") and a gerund after a noun ("a statement
  reaffirming") are not provisions; a verb coordinated with the previous one ("..., and urges")
  shares its agent and paragraph;
- the lead summarises the body, so a lead provision whose action a later section also gives
  for the same resolution is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from reskg.article import Article, Sentence
from reskg.extract import extractor
from reskg.extract.mentions import organization_mentions, person_mentions, place_mentions
from reskg.extract.numbers import ORDINALS
from reskg.extract.resolution_context import adopting_body
from reskg.extract.resolutions import resolution_mentions, subject_ref
from reskg.facts import ProvisionFact, ResolutionRef
from reskg.paths import ONTOLOGY_DIR
from reskg.symbols import find_symbols

_INSTRUMENT = re.compile(
    r"\b(?:Charter|Treaty|Conventions?|Agreements?|Accords?|Protocol|Statute|Covenant|Pact|"
    r"Act|Rules)\b"
)

# -- the lexicon --------------------------------------------------------------------------------


@cache
def action_lexicon() -> dict[str, str]:
    """Every lower-case label of the action scheme (pref and alt) -> the prefLabel's slug."""
    import pyoxigraph as ox  # parses the scheme in a few ms; rdflib took 40

    in_scheme: set[object] = set()
    pref: dict[object, str] = {}  # concept -> its prefLabel
    labels: list[tuple[object, str]] = []  # (concept, prefLabel or altLabel)
    for triple in ox.parse(path=ONTOLOGY_DIR / "actions.ttl", format=ox.RdfFormat.TURTLE):
        predicate, subject = triple.predicate.value, triple.subject
        if predicate == _SKOS + "inScheme":
            in_scheme.add(subject)
        elif predicate in (_SKOS + "prefLabel", _SKOS + "altLabel"):
            labels.append((subject, triple.object.value))
            if predicate == _SKOS + "prefLabel":
                pref.setdefault(subject, triple.object.value)
    slugs = {c: re.sub(r"[^a-z0-9]+", "-", p.lower()).strip("-") for c, p in pref.items()}
    return {
        " ".join(label.lower().split()): slugs[concept]
        for concept, label in labels
        if concept in in_scheme and concept in slugs
    }


_SKOS = "http://www.w3.org/2004/02/skos/core#"


@cache
def _label_pattern() -> re.Pattern[str]:
    labels = sorted(action_lexicon(), key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in label.split()) for label in labels)
    return re.compile(rf"(?<![\w'’-])(?:{body})(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class ActionMatch:
    """A label of the action scheme found in a text: its offsets, label, action and form."""

    start: int
    end: int
    label: str
    action: str
    form: str  # finite, past, base, ing, adj, noun, passive


def find_actions(text: str, offset: int = 0) -> list[ActionMatch]:
    """The longest, non-overlapping label matches in ``text``, offsets shifted by ``offset``."""
    lexicon = action_lexicon()
    found = []
    for match in _label_pattern().finditer(text):
        label = " ".join(match.group(0).lower().split())
        found.append(
            ActionMatch(
                offset + match.start(), offset + match.end(), label, lexicon[label], _form(label)
            )
        )
    return found


_ADVERBS = frozenset(
    [
        "also",
        "further",
        "once",
        "again",
        "strongly",
        "firmly",
        "deeply",
        "gravely",
        "seriously",
        "urgently",
        "warmly",
        "solemnly",
        "formally",
        "unequivocally",
        "unreservedly",
        "vigorously",
        "categorically",
        "totally",
        "cordially",
        "greatly",
        "hereby",
        "expressly",
        "explicitly",
        "then",
        "therefore",
        "thus",
        "now",
    ]
)
_IRREGULAR_PAST = frozenset(
    ["made", "paid", "took", "stood", "upheld", "found", "held", "sought", "set", "led", "built"]
)
_ADJECTIVES = frozenset(
    ["concerned", "alarmed", "disturbed", "worried", "convinced", "mindful", "aware"]
)
_NOUN_HEADS = frozenset(
    ["a", "an", "full", "strong", "grave", "deep", "serious", "solidarity", "in", "null", "alarm"]
)


def _form(label: str) -> str:
    """The grammatical form of a label, from its first word after adverbs."""
    words = label.split()
    if " is " in f" {label} " and words[0] != "is":
        return "passive"  # "deep concern is expressed"
    i = 0
    while i < len(words) - 1 and (words[i] in _ADVERBS or words[i].endswith("ly")):
        i += 1
    word = words[i]
    if word in ("is", "being") or word in _ADJECTIVES:
        return "adj"
    if word in _NOUN_HEADS or re.search(r"(tion|tions|ment|ance|ence)$", word):
        return "noun"
    if word.endswith("ing"):
        return "ing"
    if word.endswith("ed") or word in _IRREGULAR_PAST:
        return "past"
    if word.endswith("s") and not word.endswith("ss"):
        return "finite"
    return "base"


# -- agents -------------------------------------------------------------------------------------

_ORD = "|".join(ORDINALS)
_DOC = r"(?:resolution|document|text|declaration|communiqu[ée]|statement)"

_KIND = r"(?:operative\s+|preambular\s+)?"
_PARAGRAPH_REFS = [
    re.compile(rf"\b{_KIND}paragraph\s+(?P<num>\d{{1,3}})\b(?!\s*(?:,|and)\s*\d)", re.I),
    re.compile(rf"\b(?:the|its)\s+(?P<ord>{_ORD})\s+{_KIND}paragraph\b", re.I),
]
_PARAGRAPH_OF_OTHER = re.compile(
    r"\s+of\s+(?:the\s+(?:latter|former)|(?:the\s+)?(?:\w+\s+){0,4}resolutions?\s+\d)", re.I
)
_ORDINAL_ALONE = re.compile(
    rf"(?:^|[;,]\s*(?:and\s+)?|\band\s+)(?:in\s+)?the\s+(?P<ord>{_ORD})\b\s*,?\s*", re.I
)

_OTHER_DOC = r"(?:a|an|another|one|each|every|earlier|later|previous|separate|subsequent|draft)"
_PARTS = r"(?:passages|paragraphs|provisions|clauses)"
_BODIES = r"(?:organi[sz]ation|assembly|council|summit|conference|alliance|league|union)"
_AGENT_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("other", re.compile(rf"\b{_OTHER_DOC}\s+(?:\w+\s+)?{_DOC}\b", re.I)),
    (
        "subject",
        re.compile(
            rf"\b(?:the|this|its|the\s+present)\s+(?:(?:final|whole|adopted|original)\s+)?"
            rf"{_DOC}\b(?!\s+(?:of|to|by)\s+(?:the\s+)?[A-Z])",
            re.I,
        ),
    ),
    ("subject", re.compile(rf"(?:'s|’s)\s+{_DOC}\b", re.I)),
    ("subject", re.compile(r"\b(?:the|its)\s+(?:preamble|operative\s+part)\b", re.I)),
    # "Section B establishes ...", "Part II calls ...": a lettered or numbered part of the text
    ("subject", re.compile(r"\b(?:Section|Part|Chapter|Annex)\s+(?:[A-Z]|[IVX]+|\d+)\b")),
    (
        "plural",
        re.compile(
            rf"\b(?:the\s+)?(?:other|later|remaining|several|further|its|operative|preambular)"
            rf"\s+{_PARTS}\b",
            re.I,
        ),
    ),
    (
        "plural",
        re.compile(
            rf"\b(?:(?:the|its)\s+)?member\s+states\s+of\s+the\s+{_BODIES}\b"
            r"|\bits\s+member\s+states\b",
            re.I,
        ),
    ),
    (
        "plural",
        re.compile(
            r"\b(?:the\s+)?(?:\w+\s+)?(?:heads\s+of\s+state(?:\s+and\s+government)?"
            r"|leaders|allies|signatories|participants|ministers|delegates|delegations)\b",
            re.I,
        ),
    ),
    ("organ", re.compile(rf"\bthe\s+{_BODIES}\b", re.I)),
    ("pronoun", re.compile(r"\b(?:it|they)\b(?!['’]s)", re.I)),
]
_INSTRUMENT = re.compile(r"\b(?:in|by|through|with|under)\s+(?:its\s+)?$", re.I)
_ORDINAL_NOUN = re.compile(r"\s*(?:paragraph|[a-z]+\s+(?:paragraph|session|time|day))", re.I)
_PLURAL_PRONOUN = re.compile(r"^they$", re.I)


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    kind: str  # subject, other, plural, organ, pronoun, resolution, org, foreign, place, person
    ref: ResolutionRef | None = None


@dataclass(frozen=True)
class _Paragraph:
    start: int
    end: int
    number: int


@lru_cache(maxsize=32)
def _candidates(article: Article) -> tuple[_Candidate, ...]:
    """Every phrase in the article that can be the agent of an action, in text order."""
    text = article.text
    subject = subject_ref(article)
    found: list[_Candidate] = []
    for kind, pattern in _AGENT_PATTERNS:
        for match in pattern.finditer(text):
            found.append(_Candidate(match.start(), match.end(), kind))
    for mention in resolution_mentions(article):
        if mention.ref.title and _INSTRUMENT.search(mention.ref.title):
            continue  # a treaty or charter the text names acts in no provision of its own
        start = min(mention.keyword_span[0], mention.span[0])
        found.append(_Candidate(start, mention.span[1], "resolution", mention.ref))
    for match in find_symbols(text):
        if match.span[0] < _body_start(article):
            continue
        for _, number in match.numbers:
            if subject.number and number.split(" (")[0] == subject.number.split(" (")[0]:
                found.append(_Candidate(match.span[0], match.span[1], "resolution", subject))
    for org in organization_mentions(article):
        body = adopting_body(org.organization).name if org.organization else org.name
        kind = "org" if subject.body and body == subject.body else "foreign"
        found.append(_Candidate(org.span[0], org.span[1], kind))
    for place in place_mentions(article):
        found.append(_Candidate(place.span[0], place.span[1], "place"))
    for person in person_mentions(article):
        found.append(_Candidate(person.span[0], person.span[1], "person"))
    return tuple(sorted(found, key=lambda c: (c.start, -c.end)))


def _body_start(article: Article) -> int:
    if article.infobox:
        return article.infobox[-1].value_span[1]
    return article.title_span[1]


def _before(article: Article, start: int, end: int) -> list[_Candidate]:
    """Candidates within [start, end), nearest to ``end`` first, possessors ("X's") left out."""
    found = [
        c
        for c in _candidates(article)
        if start <= c.start
        and c.end <= end
        and not re.match(r"['’]s\b", article.text[c.end : c.end + 2])
    ]
    return sorted(found, key=lambda c: (c.end, c.end - c.start), reverse=True)


def _rightmost(article: Article, start: int, end: int) -> _Candidate | None:
    """The candidate nearest before ``end`` within [start, end)."""
    found = _before(article, start, end)
    return found[0] if found else None


def _agent_before(article: Article, start: int, end: int) -> _Candidate | None:
    """The nearest candidate before ``end`` with only adverbs or parentheticals between."""
    for candidate in _before(article, start, end):
        if _gap_ok(article.text[candidate.end : end]):
            return candidate
    return None


def _paragraph_refs(article: Article, start: int, end: int) -> list[_Paragraph]:
    """Singular paragraph references in [start, end) that are not another resolution's."""
    text = article.text
    refs = []
    for pattern in _PARAGRAPH_REFS:
        for match in pattern.finditer(text, start, end):
            if _PARAGRAPH_OF_OTHER.match(text, match.end()):
                continue
            number = (
                int(match.group("num"))
                if match.groupdict().get("num")
                else ORDINALS[match.group("ord").lower()]
            )
            refs.append(_Paragraph(match.start(), match.end(), number))
    return sorted(refs, key=lambda p: p.start)


# -- sentences ----------------------------------------------------------------------------------

_CONTENT_HEADING = re.compile(
    r"\b(?:text|content|contents|provisions?|operative|preamble|summary|terms|clauses)\b", re.I
)
_OTHER_HEADING = re.compile(
    r"\b(?:background|aftermath|reception|reaction|legacy|debate|vote|implementation|history)\b",
    re.I,
)
_ACCORDING = re.compile(
    rf"^\W*according\s+to\s+(?:the|its)\s+(?:(?:{_ORD})\s+paragraph\s+of\s+the\s+)?{_DOC}\b[^,]*,",
    re.I,
)
_BE = re.compile(
    r"\b(?:is|are|was|were|be|been|being)\s+(?:(?:\w+ly|also|further|again|not)\s+)*$", re.I
)
_TO_BE = re.compile(
    r"\b(?:to|will|would|should|shall|may|might|must|could|can)\s+be\s+\S*\s*$", re.I
)
_TO_OR_MODAL = re.compile(
    r"\b(?:to|would|should|will|shall|may|might|must|could|can|cannot|did|does|do|let|lets)\s+"
    r"(?:(?:\w+ly|not|also|further)\s+)*$",
    re.I,
)
_NEGATION_BEFORE = re.compile(r"\b(?:not|never|nor|no)\s+(?:\w+ly\s+)?$", re.I)
_NEGATION_AFTER = re.compile(r"^\s+(?:no|none|neither)\b", re.I)
_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|its|their|his|her|these|those|such|any|this|of|whose)|['’]s)\s+$", re.I
)
_CARRIER = re.compile(
    r"\b(?:contains?|includes?|expresses|voices|records|issues|makes|sets\s+out|features|"
    r"registers|conveys)\s+(?:\S+\s+){0,3}$",
    re.I,
)
_COORDINATION = re.compile(
    r"(?:^|,|\band\b|\bbut\b|\bwhile\b|\bas\s+well\s+as\b|\bthereby\b)\s*"
    r"(?:(?:\w+ly|also|further|then|again|expressly|in\s+addition)\s+)*$",
    re.I,
)
_GERUND_LEAD = re.compile(r"\b(?:by|for|while|thereby)\s+(?:(?:\w+ly|also|further)\s+)*$", re.I)
_GAP_WORDS = frozenset(
    [
        "also",
        "further",
        "then",
        "again",
        "therefore",
        "thus",
        "now",
        "hereby",
        "which",
        "that",
        "who",
        "once",
        "in",
        "turn",
        "itself",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
    ]
)
_VERB_LIST_GAP = re.compile(r"^\s*(?:\w+ly\s+|also\s+)?[a-z]+(?:s|ed)\b[^;:]*(?:,|\band)\s*$")
_DATE_IN_GAP = re.compile(
    r"\bof\s+(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2})(?:,?\s+\d{4})?|\bof\s+\d{4}\b"
)


def _zone(sentence: Sentence) -> str:
    """The kind of section: "lead", "content" (about the text) or "other"."""
    if not sentence.section:
        return "lead"
    if _CONTENT_HEADING.search(sentence.section) and not _OTHER_HEADING.search(sentence.section):
        return "content"
    return "other"


def _gap_ok(gap: str) -> bool:
    """True when only adverbs, relative words and parentheticals lie between agent and verb."""
    if _VERB_LIST_GAP.match(gap):
        return True  # "the signatories excluded ..., refused ..."
    cleaned = _DATE_IN_GAP.sub(" ", gap)
    cleaned = re.sub(r"\([^)]*\)|\"[^\"]*\"|“[^”]*”", " ", cleaned)
    cleaned = re.sub(r",[^,]*,", " ", cleaned)
    cleaned = re.sub(r",\s*(?:which|who)\s*$", " ", cleaned)
    if "," in cleaned:
        return False
    words = re.findall(r"[\w'’-]+", cleaned.lower())
    return all(w in _GAP_WORDS or w.endswith("ly") for w in words) and len(words) <= 4


@dataclass
class _Decision:
    """What one action match in a sentence turned out to be."""

    match: ActionMatch
    accepted: bool
    ref: ResolutionRef | None = None
    paragraph: _Paragraph | None = None
    start: int = 0
    agent_kind: str = ""
    addressee_np: tuple[int, int] | None = None
    verbal: bool = True  # False for a nominalisation that is not a provision


class _Scanner:
    """Decides, sentence by sentence, which action matches are provisions and of what."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.subject = subject_ref(article)
        self.other_mentions = [
            c for c in _candidates(article) if c.kind == "resolution" and c.ref != self.subject
        ]
        self.carried: _Paragraph | None = None  # a topic sentence's paragraph ("The fourth ...")
        self.paragraph_agent: _Paragraph | None = None  # "Paragraph 23 welcomes ..." -> "It ..."

    def sentence(self, sentence: Sentence, previous: Sentence | None) -> list[_Decision]:
        """The decisions for every action match in ``sentence``."""
        if previous is None or previous.paragraph != sentence.paragraph:
            self.carried = self.paragraph_agent = None
        zone = _zone(sentence)
        matches = find_actions(sentence.text, sentence.start)
        according = _ACCORDING.match(sentence.text)
        decisions: list[_Decision] = []
        for match in matches:
            decisions.append(self._decide(sentence, zone, match, decisions, according))
        accepted = [d for d in decisions if d.accepted]
        refs = _paragraph_refs(self.article, sentence.start, sentence.end)
        if accepted and accepted[-1].agent_kind == "paragraph" and accepted[-1].paragraph:
            self.paragraph_agent = accepted[-1].paragraph
        elif accepted:
            self.paragraph_agent = None
        self.carried = refs[-1] if refs and not accepted else None
        return decisions

    def _decide(
        self,
        sentence: Sentence,
        zone: str,
        match: ActionMatch,
        before: list[_Decision],
        according: re.Match[str] | None,
    ) -> _Decision:
        text = self.text
        reject = _Decision(match, False)
        nominal = _Decision(match, False, verbal=False)
        previous = before[-1] if before else None
        clause_start = self._boundary(sentence, match.start)
        if previous is not None:
            clause_start = max(clause_start, previous.match.end)
        head = text[clause_start : match.start]
        after = text[match.end : match.end + 12]
        form = match.form
        if form != "noun" and _DETERMINER_BEFORE.search(text, sentence.start, match.start):
            form = "noun"
        if form == "past" and _BE.search(text, sentence.start, match.start):
            if _TO_BE.search(text, sentence.start, match.start):
                return reject  # "a solution to be agreed upon": not done by the text
            form = "passive"
        if _NEGATION_BEFORE.search(text, max(sentence.start, match.start - 12), match.start):
            return reject
        if _NEGATION_AFTER.match(after) and not match.label.endswith("that"):
            return reject
        if previous is not None and not text[previous.match.end : match.start].strip(" "):
            return nominal  # the object of the previous action: "condemns calls for violence"
        if form == "base" and _TO_OR_MODAL.search(text, sentence.start, match.start):
            return reject
        if form == "noun":
            carrier = _CARRIER.search(text, clause_start, match.start)
            if carrier is None:
                return nominal
            return self._agent(sentence, zone, match, carrier.start(), "finite", before, according)
        if form == "passive":
            return self._passive(sentence, zone, match, clause_start, according)
        if form == "ing":
            return self._gerund(sentence, zone, match, before, according)
        verbal = [d for d in before if d.verbal]
        if verbal and _COORDINATION.search(head):
            return self._coordinated(match, verbal[-1], form, clause_start)
        return self._agent(sentence, zone, match, match.start, form, before, according)

    def _boundary(self, sentence: Sentence, position: int) -> int:
        cut = max(self.text.rfind(mark, sentence.start, position) for mark in ";:")
        return cut + 1 if cut >= 0 else sentence.start

    def _coordinated(
        self, match: ActionMatch, previous: _Decision, form: str, clause_start: int
    ) -> _Decision:
        """A verb coordinated with the previous one shares its agent and paragraph."""
        if not previous.accepted:
            return _Decision(match, False)
        if form == "base" and previous.match.form not in ("base",):
            return _Decision(match, False)  # "urges X to recognize ..., and condemn"
        paragraph = previous.paragraph
        refs = _paragraph_refs(self.article, clause_start, match.start)
        if refs:
            paragraph = refs[-1]
        start = paragraph.start if paragraph and paragraph.start < match.start else match.start
        return _Decision(match, True, previous.ref, paragraph, start, previous.agent_kind)

    def _gerund(
        self,
        sentence: Sentence,
        zone: str,
        match: ActionMatch,
        before: list[_Decision],
        according: re.Match[str] | None,
    ) -> _Decision:
        """A gerund: "X, reaffirming" after a resolution; "by affirming" after a verb."""
        text = self.text
        lead_in = text[sentence.start : match.start]
        comma = re.search(r",\s*(?:(?:\w+ly|also|further)\s+)*$", lead_in)
        if comma:
            owner = _rightmost(self.article, sentence.start, sentence.start + comma.start())
            near = owner is not None and owner.end >= sentence.start + comma.start() - 8
            if owner is not None and owner.kind == "resolution" and near:
                return _Decision(match, True, owner.ref, None, owner.start, "resolution")
        if not (_GERUND_LEAD.search(lead_in) or comma):
            return _Decision(match, False)
        accepted = [d for d in before if d.accepted]
        if accepted:
            last = accepted[-1]
            return _Decision(match, True, last.ref, last.paragraph, match.start, last.agent_kind)
        if comma:
            return _Decision(match, False)
        return self._agent(sentence, zone, match, match.start, "ing", before, according)

    def _passive(
        self,
        sentence: Sentence,
        zone: str,
        match: ActionMatch,
        clause_start: int,
        according: re.Match[str] | None,
    ) -> _Decision:
        """A passive with the resolution as implicit agent, or "by"/"in" a resolution."""
        text = self.text
        tail = text[match.end : sentence.end]
        refs = [
            r
            for r in _paragraph_refs(self.article, sentence.start, match.start)
            if r.end <= match.start
        ]
        paragraph = refs[-1] if refs else self.carried
        by_resolution = re.match(rf"\s+(?:by|in)\s+(?:the|this)\s+{_DOC}\b", tail, re.I)
        if not (by_resolution or according or zone == "content" or refs):
            return _Decision(match, False)
        subject_np = self._passive_subject(sentence, clause_start, match.start)
        start = min(x for x in (clause_start, paragraph.start if paragraph else clause_start))
        return _Decision(match, True, self.subject, paragraph, start, "passive", subject_np)

    def _passive_subject(
        self, sentence: Sentence, clause_start: int, position: int
    ) -> tuple[int, int] | None:
        """The span of a passive's subject: "all states" in "..., all states are called upon"."""
        text = self.text
        be = _BE.search(text, clause_start, position)
        if be is None:
            return None
        head = text[clause_start : be.start()]
        comma = head.rfind(",")
        start = clause_start + comma + 1 if comma >= 0 else clause_start
        refs = [r for r in _paragraph_refs(self.article, start, be.start())]
        if refs:
            start = refs[-1].end
        while start < be.start() and not text[start].isalnum():
            start += 1
        return (start, be.start()) if be.start() - start > 1 else None

    def _agent(
        self,
        sentence: Sentence,
        zone: str,
        match: ActionMatch,
        position: int,
        form: str,
        before: list[_Decision],
        according: re.Match[str] | None,
    ) -> _Decision:
        """Accept an active verb at ``position`` when its agent is a resolution or its organ."""
        text = self.text
        reject = _Decision(match, False)
        refs = [r for r in _paragraph_refs(self.article, sentence.start, position)]
        paragraph = refs[-1] if refs else None
        if according:
            start = sentence.start
            return _Decision(match, True, self.subject, paragraph, start, "according")
        clause_start = self._boundary(sentence, position)
        if before:
            clause_start = max(clause_start, before[-1].match.end)
        ordinal = self._ordinal_agent(sentence, clause_start, position)
        if form == "ing":
            candidate = _rightmost(self.article, clause_start, position)
        else:
            candidate = _agent_before(self.article, clause_start, position)
        if ordinal is not None and (candidate is None or candidate.end <= ordinal.end):
            if zone == "other":
                return reject
            return _Decision(match, True, self.subject, ordinal, ordinal.start, "paragraph")
        if ordinal is not None:
            paragraph = ordinal
        if refs and (candidate is None or candidate.end <= refs[-1].end):
            agent_ref = refs[-1]
            if form == "base" or zone == "other" or not _gap_ok(text[agent_ref.end : position]):
                return reject
            return _Decision(match, True, self.subject, agent_ref, agent_ref.start, "paragraph")
        if candidate is None:
            return reject
        kind = candidate.kind
        if kind == "pronoun" and _PLURAL_PRONOUN.match(text[candidate.start : candidate.end]):
            kind = "plural-pronoun"
        if form == "base" and kind not in ("plural", "plural-pronoun"):
            return reject
        ref: ResolutionRef | None
        named = None
        if kind in ("organ", "org", "plural", "pronoun", "plural-pronoun"):
            named = self._named_instrument(sentence.start, candidate.start)
        if named is not None:
            kind, ref = "resolution", named  # "In resolution 662 the Council condemned ..."
        elif kind == "resolution":
            ref = candidate.ref
        elif kind in ("subject", "plural", "org", "organ"):
            in_focus = kind == "subject" and self._subject_in_focus(sentence, position)
            if zone == "other" and not in_focus:
                return reject
            ref = self.subject
        elif kind in ("pronoun", "plural-pronoun"):
            if zone == "other" and not self._pronoun_to_subject(sentence, candidate.start):
                return reject
            ref = self.subject
            if paragraph is None and self.paragraph_agent is not None:
                paragraph = self.paragraph_agent
        else:
            return reject
        if paragraph is None and self.carried is not None and ref == self.subject:
            paragraph = self.carried
        start = min(candidate.start, paragraph.start if paragraph else candidate.start)
        return _Decision(match, True, ref, paragraph, start, kind)

    def _named_instrument(self, start: int, end: int) -> ResolutionRef | None:
        """A resolution named as the instrument before the agent: "In resolution 662, ..."."""
        for candidate in _before(self.article, start, end):
            lead_in = self.text[max(start, candidate.start - 12) : candidate.start]
            if candidate.kind == "resolution" and _INSTRUMENT.search(lead_in):
                return candidate.ref
        return None

    def _ordinal_agent(
        self, sentence: Sentence, clause_start: int, position: int
    ) -> _Paragraph | None:
        """An ordinal as agent ("The first condemns", "In the fourth,") after counted paragraphs."""
        text = self.text
        head = text[clause_start:position]
        for match in _ORDINAL_ALONE.finditer(head):
            rest = head[match.end() :]
            if _ORDINAL_NOUN.match(head, match.end("ord")):
                continue
            if rest.strip() and not re.fullmatch(r"(?:the\s+)?[A-Z]\w*\s*", rest):
                continue
            block = self.article.paragraphs[sentence.paragraph]
            if not re.search(r"\bparagraphs?\b", text[block.start : sentence.start], re.I):
                continue
            number = ORDINALS[match.group("ord").lower()]
            start = clause_start + match.start("ord")
            return _Paragraph(start, start + len(match.group("ord")), number)
        return None

    def _subject_in_focus(self, sentence: Sentence, position: int) -> bool:
        """True where no other resolution is named in the paragraph before ``position``."""
        block = self.article.paragraphs[sentence.paragraph]
        return not any(block.start <= c.start < position for c in self.other_mentions)

    def _pronoun_to_subject(self, sentence: Sentence, position: int) -> bool:
        """True where "it" refers back to the subject ("the body's resolution is that it ...")."""
        head_start = sentence.start
        for candidate in _candidates(self.article):
            if head_start <= candidate.start < position and candidate.kind == "subject":
                between = find_actions(self.text[candidate.end : position])
                if not between and self._subject_in_focus(sentence, position):
                    return True
        return False


# -- addressees and objects ---------------------------------------------------------------------

_ADDRESSED = frozenset(
    [
        "calls-upon",
        "urges",
        "requests",
        "invites",
        "encourages",
        "appeals",
        "demands",
        "expresses-gratitude",
    ]
)
_INFINITIVE = re.compile(
    r"\s+(?:not\s+)?to\s+(?!(?:the|a|an|all|its|their|his|her|this|these|those)\b)[a-z]"
)
_NP_STOP = re.compile(r",|;|\.|\s(?:for|in|on|with|that|which|who|whose|providing|and\s+to)\s")


def _addressee(article: Article, decision: _Decision, end: int) -> str | None:
    """Whom a provision addresses, as the text names them (None where it does not)."""
    match = decision.match
    if match.action not in _ADDRESSED or match.label.endswith(" for"):
        return None
    text = article.text
    if decision.addressee_np is not None:
        return _clean_np(text[decision.addressee_np[0] : decision.addressee_np[1]])
    rest = text[match.end : end]
    if match.action == "demands":
        that = re.match(r"\s+(?:(?:that|of)\s+)?", rest)
        names = [
            m
            for m in (*place_mentions(article), *organization_mentions(article))
            if that and m.span[0] == match.end + that.end()
        ]
        return names[0].name if names else None
    if re.search(r"(?:gratitude|thanks|appreciation)$", match.label):
        to = re.match(r"\s+to\s+", rest)
        if not to:
            return None
        rest = rest[to.end() :]
        cut = _NP_STOP.search(rest) or re.search(r"\s\w+ing\b", rest)
        return _clean_np(rest[: cut.start()] if cut else rest)
    infinitive = _INFINITIVE.search(rest)
    if infinitive and len(rest[: infinitive.start()].split()) <= 12:
        np = rest[: infinitive.start()]
        if not re.search(r"[,;]", np):
            return _clean_np(np)
    source = re.search(r"\s+from\s+", rest)
    if match.action == "requests" and source:
        tail = rest[source.end() :]
        cut = _NP_STOP.search(tail)
        return _clean_np(tail[: cut.start()] if cut else tail)
    return None


def _clean_np(np: str) -> str | None:
    np = re.sub(r"^\s*(?:(?:on|upon|for)\s+)?(?:the\s+)?", "", np.strip(), flags=re.I).strip(" ,")
    return np if np and len(np.split()) <= 12 else None


def _objects(article: Article, start: int, end: int, own: ResolutionRef) -> tuple[str, ...]:
    """Places, organisations and resolutions named in [start, end), as names or labels."""
    names: list[tuple[int, str]] = []
    for place in place_mentions(article):
        if start <= place.span[0] and place.span[1] <= end:
            names.append((place.span[0], place.name))
    for org in organization_mentions(article):
        if start <= org.span[0] and org.span[1] <= end:
            names.append((org.span[0], org.name))
    for candidate in _candidates(article):
        inside = start <= candidate.start and candidate.end <= end
        if candidate.kind == "resolution" and candidate.ref and candidate.ref != own and inside:
            names.append((candidate.start, _resolution_label(candidate.ref)))
    seen: list[str] = []
    for _, name in sorted(names):
        if name not in seen:
            seen.append(name)
    return tuple(seen)


def _objects_from(decision: _Decision) -> int:
    """Where a provision's objects begin: after its verb, or at a passive's subject."""
    if decision.agent_kind == "passive":
        return min(decision.start, decision.match.start)
    return decision.match.end


def _resolution_label(ref: ResolutionRef) -> str:
    """The label the assembler gives a resolution node (kept in step with assemble)."""
    if ref.number:
        return f"{ref.body} Resolution {ref.number}" if ref.body else f"Resolution {ref.number}"
    return ref.title or "untitled document"


# -- the extractor ------------------------------------------------------------------------------


@extractor("provisions")
def extract_provisions(article: Article) -> Iterator[ProvisionFact]:
    """What each resolution does, statement by statement, with paragraph, addressee, objects."""
    scanner = _Scanner(article)
    facts: list[tuple[str, ProvisionFact]] = []
    previous: Sentence | None = None
    for sentence in article.sentences:
        if sentence.start < _body_start(article):
            continue
        decisions = scanner.sentence(sentence, previous)
        previous = sentence
        accepted = [d for d in decisions if d.accepted and d.ref is not None]
        for i, decision in enumerate(accepted):
            following = accepted[i + 1] if i + 1 < len(accepted) else None
            end = _statement_end(article, sentence, decision, following)
            start = min(decision.start, decision.match.start)
            assert decision.ref is not None
            fact = ProvisionFact(
                resolution=decision.ref,
                action=decision.match.action,
                span=(start, end),
                paragraph=decision.paragraph.number if decision.paragraph else None,
                addressee=_addressee(article, decision, end),
                objects=_objects(article, _objects_from(decision), end, decision.ref),
                text=article.text[start:end],
            )
            facts.append((_zone(sentence), fact))
    yield from _without_lead_repeats(facts)


_TRAILING = re.compile(r"(?:[\s,;.:]+|\s+(?:and|but|while|by|in)(?:\s+(?:also|further|then))?)$")


def _statement_end(
    article: Article, sentence: Sentence, decision: _Decision, following: _Decision | None
) -> int:
    """Where a provision's statement ends: before the next provision's verb, or the sentence."""
    end = sentence.end
    if following is not None:
        end = following.match.start
        if decision.match.end < following.start < end:
            end = following.start
    text = article.text
    while True:
        trimmed = _TRAILING.sub("", text[sentence.start : end])
        if len(trimmed) == end - sentence.start:
            return end
        end = sentence.start + len(trimmed)


def _without_lead_repeats(facts: list[tuple[str, ProvisionFact]]) -> Iterator[ProvisionFact]:
    """Drop lead provisions that the body gives again, and exact repeats."""
    body = {(f.resolution, f.action) for zone, f in facts if zone != "lead"}
    seen = set()
    for zone, fact in facts:
        key = (fact.resolution, fact.action, fact.span)
        if key in seen or (zone == "lead" and (fact.resolution, fact.action) in body):
            continue
        seen.add(key)
        yield fact
