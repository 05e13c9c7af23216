"""Typed facts that extractors produce and the assembler turns into RDF.

Every fact carries ``span``: (start, end) character offsets into the article text, start
inclusive, end exclusive, so ``article.text[start:end]`` is the evidence. Facts know nothing of
RDF or IRIs; entities are identified by their names, and the assembler mints IRIs from them.

Dates are :class:`DateValue` ranges of ISO 8601 strings at the precision the text gives
("2008-03-13", "1994-05", "2008"); a single day has ``start == end``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int]


@dataclass(frozen=True, order=True)
class DateValue:
    """A date or date range at the precision the text gives (ISO 8601 strings)."""

    start: str
    end: str

    @property
    def is_range(self) -> bool:
        return self.start != self.end


@dataclass(frozen=True)
class ResolutionRef:
    """Identifies a resolution: its adopting body (canonical name) and native symbol, or title.

    ``number`` is the native symbol without the body's prefix ("10/11", "822", "21/10-P(IS)",
    "1514 (XV)"); unnumbered documents (declarations) are identified by ``title`` instead.
    """

    body: str | None
    number: str | None
    title: str | None = None

    def key(self) -> tuple[str, str]:
        """Identity used to merge facts about one resolution."""
        return (self.body or "", self.number or (self.title or "").casefold())


@dataclass(frozen=True)
class ResolutionFact:
    """Something the text says about one resolution; several facts about one ref are merged.

    Only the fields the evidence in ``span`` supports are set; the rest stay None.
    """

    ref: ResolutionRef
    span: Span
    is_subject: bool = False
    organ: str | None = None
    title: str | None = None
    alternative_title: str | None = None
    purpose: str | None = None
    date: DateValue | None = None
    place: str | None = None
    country: str | None = None
    session: str | None = None
    paragraphs: int | None = None
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None
    votes_absent: int | None = None
    page: str | None = None  # the wiki page a link names it by (reskg.extract.links)


@dataclass(frozen=True)
class CitationFact:
    """``citing`` cites (relation "cites") or is related to (relation "related") ``cited``."""

    citing: ResolutionRef
    cited: ResolutionRef
    span: Span
    relation: str = "cites"


@dataclass(frozen=True)
class PlaceFact:
    """A named geographic place; ``kind`` is country, city, region, district, village, ..."""

    name: str
    span: Span
    kind: str = "place"
    country: str | None = None
    geonames_id: str | None = None
    iso_code: str | None = None
    page: str | None = None  # the wiki page a link names it by (reskg.extract.links)


@dataclass(frozen=True)
class OrganizationFact:
    """A named organisation, organ or institution, under its canonical name."""

    name: str
    span: Span
    abbreviation: str | None = None
    former_names: tuple[str, ...] = ()
    parent: str | None = None
    page: str | None = None  # the wiki page a link names it by (reskg.extract.links)


@dataclass(frozen=True)
class PersonFact:
    """A named person with the role and affiliation the text states (None where it does not)."""

    name: str
    span: Span
    role: str | None = None
    affiliation: str | None = None
    affiliation_kind: str | None = None  # "country" or "organization"
    page: str | None = None  # the wiki page a link names it by (reskg.extract.links)


@dataclass(frozen=True)
class EventFact:
    """A dated event: a summit or session (kind "session"), a clash, a vote, an election..."""

    label: str
    date: DateValue
    span: Span
    kind: str = "event"
    place: str | None = None
    resolution: ResolutionRef | None = None


@dataclass(frozen=True)
class ProvisionFact:
    """What a resolution does in one statement: an action, its addressee and its objects."""

    resolution: ResolutionRef
    action: str
    span: Span
    paragraph: int | None = None
    addressee: str | None = None
    objects: tuple[str, ...] = field(default_factory=tuple)
    text: str = ""


Fact = (
    ResolutionFact
    | CitationFact
    | PlaceFact
    | OrganizationFact
    | PersonFact
    | EventFact
    | ProvisionFact
)
