"""Turn extracted facts into one RDF graph: ontology terms, stable IRIs, labels, provenance.

The only module that writes RDF from facts. Layout:

- ``assemble(batches, base)``: facts of one or more articles -> one merged ``rdflib.Graph``
- ``GraphBuilder``: mints IRIs, adds triples, and records the evidence behind each triple

Provenance: every triple made from a fact gets an evidence node (``reskg:Evidence``, an
``rdf:Statement`` and ``prov:Entity``) naming the triple with ``rdf:subject`` / ``rdf:predicate``
/ ``rdf:object`` and pointing with ``reskg:span`` at a ``oa:TextPositionSelector`` whose IRI is
the RFC 5147 fragment ``{article}#char=START,END`` (start inclusive, end exclusive), with
``oa:exact`` holding the quoted text and ``reskg:sentence`` the selector of the whole sentence.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef

from reskg import gazetteer
from reskg.extract.numbers import ORDINALS
from reskg.facts import (
    CitationFact,
    DateValue,
    EventFact,
    Fact,
    OrganizationFact,
    PersonFact,
    PlaceFact,
    ProvisionFact,
    ResolutionFact,
    ResolutionRef,
    Span,
)
from reskg.iris import (
    DCTERMS,
    DEFAULT_BASE,
    ELI,
    OA,
    ORG,
    OWL,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    RESKG,
    SCHEMA,
    SKOS,
    VOID,
    XSD,
    mint_iri,
    short_hash,
    slugify,
)
from reskg.read.article import Article, PageInfo, page_url

ACTION = RESKG  # provision actions are SKOS concepts in the ontology: reskg:action-condemns

_PLACE_CLASSES = {
    "country": SCHEMA.Country,
    "city": SCHEMA.City,
    "region": SCHEMA.AdministrativeArea,
    "district": SCHEMA.AdministrativeArea,
    "province": SCHEMA.AdministrativeArea,
    "state": SCHEMA.AdministrativeArea,
    "village": RESKG.Village,
}


Triple = tuple[URIRef, URIRef, "URIRef | Literal"]

# The nodes made for one article alone (their IRIs include it): the builder keeps their
# triples apart, so that large builds can validate and write them article by article.
ARTICLE_LOCAL_CLASSES = (RESKG.Evidence, OA.TextPositionSelector)


@dataclass
class LocalTriples:
    """One article's evidence and text-selector triples, kept out of the shared graph.

    ``types``: the class of each of their nodes. ``outside_types``: the rdf:type triples of
    the nodes they point at in the shared graph (when the article was assembled);
    ``inside_types``: those of their nodes that shared triples point at (a provision's span).
    Each side needs these from the other to be validated exactly on its own.
    """

    triples: list[Triple] = field(default_factory=list)
    types: dict[URIRef, URIRef] = field(default_factory=dict)
    outside_types: list[Triple] = field(default_factory=list)
    inside_types: list[Triple] = field(default_factory=list)


@functools.lru_cache(maxsize=1 << 16)
def count_literal(value: int) -> Literal:
    """An xsd:integer, made once per value (text offsets repeat; rdflib takes 8 µs).

    Not xsd:nonNegativeInteger: stores give derived types back as xsd:integer (see the ontology).
    """
    return Literal(value, datatype=XSD.integer)


def date_literal(value: str) -> Literal:
    """An ISO date at its precision: xsd:date, xsd:gYearMonth or xsd:gYear."""
    datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(value), XSD.string)
    return Literal(value, datatype=datatype)


class GraphBuilder:
    """Accumulates entities from the facts of many articles into one graph."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = base.rstrip("/")
        self.graph = Graph()
        for prefix, namespace in PREFIXES.items():
            self.graph.bind(prefix, namespace)
        self.graph.bind("dcterms", str(DCTERMS))
        self.graph.bind("skos", str(SKOS))
        self.graph.bind("owl", str(OWL))
        self.article: Article | None = None
        self.article_iri: URIRef | None = None
        # Triples already added for the current article: most facts re-add their entities'
        # types and labels, and an rdflib add costs far more than a set lookup.
        self._added: set[Triple] = set()
        # The current article's evidence and selector triples, and their nodes' types.
        self._local: list[Triple] = []
        self._local_types: dict[URIRef, URIRef] = {}

    # -- IRIs ---------------------------------------------------------------------------------

    def iri(self, kind: str, *keys: str) -> URIRef:
        return URIRef(mint_iri(self.base, kind, *keys))

    def resolution_iri(self, ref: ResolutionRef) -> URIRef:
        """``{base}/eli/{body}/res/{number}``, or ``.../doc/{title}`` for unnumbered ones."""
        body = gazetteer.find_organization(ref.body) if ref.body else None
        body_slug = body.slug if body and body.slug else slugify(ref.body or "unknown")
        if ref.number:
            return URIRef(f"{self.base}/eli/{body_slug}/res/{slugify(ref.number)}")
        return URIRef(f"{self.base}/eli/{body_slug}/doc/{slugify(ref.title or 'untitled')}")

    def place_iri(self, name: str) -> URIRef:
        return self.iri("place", name)

    def organization_iri(self, name: str) -> URIRef:
        organization = gazetteer.find_organization(name)
        if organization and organization.slug:
            return self.iri("org", organization.slug)
        return self.iri("org", name)

    def person_iri(self, name: str) -> URIRef:
        return self.iri("person", name)

    def event_iri(self, label: str, date: DateValue) -> URIRef:
        return self.iri("event", date.start, label)

    def span_iri(self, span: Span) -> URIRef:
        return URIRef(f"{self.article_iri}#char={span[0]},{span[1]}")

    # -- triples with evidence ------------------------------------------------------------------

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal, span: Span | None = None) -> None:
        """Add a triple; with ``span``, also the evidence that the article states it."""
        if (s, p, o) not in self._added:
            self._added.add((s, p, o))
            self.graph.add((s, p, o))
        if span is None or self.article is None:
            return
        evidence = URIRef(f"{self.base}/evidence/{short_hash(s, p, o, self.article_iri, *span)}")
        if evidence in self._local_types:
            return
        self._local_types[evidence] = RESKG.Evidence
        self._local += (
            (evidence, RDF.type, RESKG.Evidence),
            (evidence, RDF.subject, s),
            (evidence, RDF.predicate, p),
            (evidence, RDF.object, o),
            (evidence, RESKG.span, self.selector(span)),
        )

    def selector(self, span: Span) -> URIRef:
        """The text-position selector of ``span`` (and of its sentence), added once."""
        node = self.span_iri(span)
        if node in self._local_types:
            return node
        self._local_types[node] = OA.TextPositionSelector
        assert self.article is not None and self.article_iri is not None
        self._local += (
            (node, RDF.type, OA.TextPositionSelector),
            (node, OA.start, count_literal(span[0])),
            (node, OA.end, count_literal(span[1])),
            (node, OA.exact, Literal(self.article.text[span[0] : span[1]])),
            (node, RESKG.inArticle, self.article_iri),
        )
        sentence = self.article.sentence_at(span[0])
        if sentence is not None and (sentence.start, sentence.end) != span:
            self._local.append(
                (node, RESKG.sentence, self.selector((sentence.start, sentence.end)))
            )
        return node

    def take_local(self) -> LocalTriples:
        """The evidence and selector triples made since the last call, with their context."""
        triples, self._local = self._local, []
        local_types, self._local_types = self._local_types, {}
        outside = {o for _, _, o in triples if type(o) is URIRef} - local_types.keys()
        g = self.graph
        return LocalTriples(
            triples=triples,
            types=local_types,
            outside_types=[
                (n, RDF.type, c) for n in sorted(outside) for c in g.objects(n, RDF.type)
            ],
            # ``_added`` holds only shared triples: the ones pointing at local nodes.
            inside_types=sorted(
                {(o, RDF.type, local_types[o]) for _, _, o in self._added if o in local_types}
            ),
        )

    def label(self, node: URIRef, text: str, span: Span | None = None) -> None:
        self.add(node, RDFS.label, Literal(text, lang="en"), span)

    def derived(self, node: URIRef) -> None:
        if self.article_iri is not None:
            self.add(node, PROV.wasDerivedFrom, self.article_iri)

    # -- entities -------------------------------------------------------------------------------

    def add_article(self, article: Article) -> None:
        self.article = article
        self._added.clear()
        self.article_iri = self.iri("article", article.key)
        g = self.graph
        g.add((self.article_iri, RDF.type, SCHEMA.Article))
        g.add((self.article_iri, RDFS.label, Literal(article.title, lang="en")))
        g.add((self.article_iri, SCHEMA.name, Literal(article.title, lang="en")))
        if article.page is not None:
            _add_page(g, self.article_iri, article.page)

    def add_place(self, name: str, span: Span | None, kind: str = "place") -> URIRef:
        node = self.place_iri(name)
        self.add(node, RDF.type, SCHEMA.Place)
        if kind in _PLACE_CLASSES:
            self.add(node, RDF.type, _PLACE_CLASSES[kind])
        self.add(node, RESKG.placeKind, Literal(kind))
        self.label(node, name, span)
        self.add(node, SCHEMA.name, Literal(name, lang="en"))
        self.derived(node)
        return node

    def add_organization(self, name: str, span: Span | None) -> URIRef:
        node = self.organization_iri(name)
        self.add(node, RDF.type, ORG.Organization)
        self.add(node, RDF.type, SCHEMA.Organization)
        self.label(node, name, span)
        self.add(node, SCHEMA.name, Literal(name, lang="en"))
        self.derived(node)
        return node

    def add_event(self, label: str, date: DateValue, span: Span, kind: str = "event") -> URIRef:
        node = self.event_iri(label, date)
        self.add(node, RDF.type, SCHEMA.Event)
        self.label(node, label, span)
        self.add(node, RESKG.eventKind, Literal(kind))
        self.add(node, SCHEMA.startDate, date_literal(date.start), span)
        self.add(node, SCHEMA.endDate, date_literal(date.end), span)
        self.derived(node)
        return node

    def add_resolution(self, ref: ResolutionRef, span: Span | None) -> URIRef:
        node = self.resolution_iri(ref)
        for cls in (RESKG.Resolution, ELI.LegalResource, SCHEMA.Legislation):
            self.add(node, RDF.type, cls)
        if ref.number:
            self.add(node, ELI.id_local, Literal(ref.number), span)
            self.add(node, SCHEMA.legislationIdentifier, Literal(ref.number))
        if ref.body:
            body = self.add_organization(ref.body, None)
            self.add(node, ELI.passed_by, body, span)
            self.add(node, SCHEMA.legislationPassedBy, body)
        if not ref.number and ref.title:
            self.add(node, DCTERMS.title, Literal(ref.title, lang="en"), span)
        self.label(node, resolution_label(ref))
        self.derived(node)
        if self.article_iri is not None:
            self.add(self.article_iri, SCHEMA.mentions, node)
        return node


def _add_page(g: Graph, article_iri: URIRef, page: PageInfo) -> None:
    """The wiki page and revision an article was read from, as its provenance."""
    g.add((article_iri, SCHEMA.url, URIRef(page_url(page.site, page.title))))
    revision = page.revision_url
    if revision is not None:
        g.add((article_iri, PROV.wasDerivedFrom, URIRef(revision)))
        if page.page_id is not None:
            by_id = URIRef(f"{page.site}w/index.php?curid={page.page_id}")
            g.add((URIRef(revision), DCTERMS.isVersionOf, by_id))


def resolution_label(ref: ResolutionRef) -> str:
    """A readable label: "Organisation of Islamic Cooperation Resolution 10/11"."""
    if ref.number:
        return f"{ref.body} Resolution {ref.number}" if ref.body else f"Resolution {ref.number}"
    return ref.title or "untitled document"


def assemble(
    batches: Iterable[tuple[Article, list[Fact]]],
    base: str = DEFAULT_BASE,
    on_article: Callable[[int], None] | None = None,
    local_sink: Callable[[LocalTriples], None] | None = None,
) -> Graph:
    """Build one graph from the facts of each article; shared entities get one IRI.

    ``batches`` is consumed one article at a time (it may be a generator); ``on_article`` is
    called after each with the number of triples so far. With ``local_sink``, each article's
    evidence and selector triples go to it instead of into the graph (most of a graph's
    triples; see ``reskg.spool``).
    """
    builder = GraphBuilder(base)
    streamed = 0
    for article, facts in batches:
        builder.add_article(article)
        _add_facts(builder, facts)
        local = builder.take_local()
        if local_sink is None:
            builder.graph.addN((s, p, o, builder.graph) for s, p, o in local.triples)
        else:
            local_sink(local)
            streamed += len(local.triples)
        if on_article is not None:
            on_article(len(builder.graph) + streamed)
    _add_dataset(builder, streamed)
    return builder.graph


def _add_facts(b: GraphBuilder, facts: list[Fact]) -> None:
    ordered = sorted(facts, key=lambda f: (f.span, type(f).__name__))
    for fact in ordered:
        if isinstance(fact, PlaceFact):
            _add_place_fact(b, fact)
        elif isinstance(fact, OrganizationFact):
            _add_organization_fact(b, fact)
    for fact in ordered:
        if isinstance(fact, ResolutionFact):
            _add_resolution_fact(b, fact)
    for fact in ordered:
        if isinstance(fact, CitationFact):
            _add_citation_fact(b, fact)
        elif isinstance(fact, PersonFact):
            _add_person_fact(b, fact)
        elif isinstance(fact, EventFact):
            _add_event_fact(b, fact)
        elif isinstance(fact, ProvisionFact):
            _add_provision_fact(b, fact)


def _same_as_page(b: GraphBuilder, node: URIRef, page: str | None, span: Span) -> None:
    """``schema:sameAs`` the wiki page a link names the entity by, with the link as evidence."""
    if page:
        b.add(node, SCHEMA.sameAs, URIRef(page), span)


def _add_place_fact(b: GraphBuilder, fact: PlaceFact) -> None:
    node = b.add_place(fact.name, fact.span, fact.kind)
    _same_as_page(b, node, fact.page, fact.span)
    if fact.country and fact.country != fact.name:
        country = b.add_place(fact.country, None, "country")
        b.add(node, SCHEMA.containedInPlace, country, fact.span)
    if fact.geonames_id:
        b.add(node, RESKG.geonamesId, Literal(fact.geonames_id))
        b.add(node, SKOS.exactMatch, URIRef(f"https://sws.geonames.org/{fact.geonames_id}/"))
    if fact.iso_code:
        b.add(node, RESKG.iso3166Code, Literal(fact.iso_code))


def _add_organization_fact(b: GraphBuilder, fact: OrganizationFact) -> None:
    node = b.add_organization(fact.name, fact.span)
    _same_as_page(b, node, fact.page, fact.span)
    if fact.abbreviation:
        b.add(node, SKOS.altLabel, Literal(fact.abbreviation, lang="en"))
    for former in fact.former_names:
        b.add(node, RESKG.formerName, Literal(former, lang="en"))
    if fact.parent:
        b.add(node, ORG.subOrganizationOf, b.add_organization(fact.parent, None))


def _add_resolution_fact(b: GraphBuilder, fact: ResolutionFact) -> None:
    node = b.add_resolution(fact.ref, fact.span)
    span = fact.span
    _same_as_page(b, node, fact.page, span)
    if fact.is_subject and b.article_iri is not None:
        b.add(b.article_iri, SCHEMA.about, node, span)
    if fact.title and not _has(b, node, DCTERMS.title):
        b.add(node, DCTERMS.title, Literal(fact.title, lang="en"), span)
    if fact.alternative_title:
        b.add(node, DCTERMS.alternative, Literal(fact.alternative_title, lang="en"), span)
    if fact.purpose and not _has(b, node, RESKG.purpose):
        b.add(node, RESKG.purpose, Literal(fact.purpose, lang="en"), span)
    if fact.organ and not _has(b, node, RESKG.organ):
        b.add(node, RESKG.organ, Literal(fact.organ), span)
    if fact.date and not _has(b, node, RESKG.adoptionStart):
        b.add(node, RESKG.adoptionStart, date_literal(fact.date.start), span)
        b.add(node, RESKG.adoptionEnd, date_literal(fact.date.end), span)
        if not fact.date.is_range and len(fact.date.start) == 10:
            b.add(node, ELI.date_document, date_literal(fact.date.start), span)
    if fact.place and not _has(b, node, SCHEMA.locationCreated):
        place = b.add_place(fact.place, None, "city")
        b.add(node, SCHEMA.locationCreated, place, span)
        if fact.country and fact.country != fact.place:
            country = b.add_place(fact.country, None, "country")
            b.add(place, SCHEMA.containedInPlace, country, span)
    if fact.session and not _has(b, node, RESKG.adoptedAt):
        _link_session(b, node, fact)
    if fact.paragraphs is not None and not _has(b, node, RESKG.paragraphCount):
        count = count_literal(fact.paragraphs)
        b.add(node, RESKG.paragraphCount, count, span)
    for field_name, predicate in _VOTES.items():
        value = getattr(fact, field_name)
        if value is not None and not _has(b, node, predicate):
            b.add(node, predicate, count_literal(value), span)


_VOTES = {
    "votes_for": RESKG.votesFor,
    "votes_against": RESKG.votesAgainst,
    "votes_abstain": RESKG.votesAbstain,
    "votes_absent": RESKG.votesAbsent,
}


# A standing organ's numbered meeting: "1382nd meeting", "86th Plenary", "the 4,117th plenary
# meeting of its fifth session". (A session, a summit or a conference is a gathering the text
# may tell as history, and stays an event.)
_ORDINAL = r"(?:\d[\d,]*(?:st|nd|rd|th)|" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + ")"
_NUMBERED_MEETING = re.compile(
    rf"^(?:the\s+)?{_ORDINAL}\b(?:\s+[\w()-]+){{0,4}}?\s+(?:plenary|meeting|sitting)s?\b"
    rf"|^(?:the\s+)?{_ORDINAL}\s+plenary\b",
    re.I,
)
_GATHERING = re.compile(r"\b(?:summit|conference|congress|heads of (?:state|government))\b", re.I)


def _link_session(b: GraphBuilder, node: URIRef, fact: ResolutionFact) -> None:
    """The session or summit a resolution was adopted at, as an event node.

    A standing organ's numbered meeting is the resolution's own metadata, not an event the text
    tells as history: its node keeps the label, the place and the date in its IRI, but has no
    dates of its own, so the timeline (``events.rq``) lists summits and sessions, not meetings.
    """
    assert fact.session is not None
    date = fact.date or _adoption_date(b, node)
    if (
        date is not None
        and _NUMBERED_MEETING.match(fact.session)
        and not _GATHERING.search(fact.session)
    ):
        session = b.event_iri(fact.session, date)
        b.add(session, RDF.type, SCHEMA.Event)
        b.label(session, fact.session, fact.span)
        b.add(session, RESKG.eventKind, Literal("meeting"))
        b.derived(session)
    elif date is None:
        session = b.iri("event", fact.session)
        b.add(session, RDF.type, SCHEMA.Event)
        b.label(session, fact.session, fact.span)
        b.add(session, RESKG.eventKind, Literal("session"))
    else:
        session = b.add_event(fact.session, date, fact.span, "session")
    place = b.place_iri(fact.place) if fact.place else b.graph.value(node, SCHEMA.locationCreated)
    if place is not None:
        b.add(session, SCHEMA.location, place, fact.span if fact.place else None)
    b.add(node, RESKG.adoptedAt, session, fact.span)


def _adoption_date(b: GraphBuilder, node: URIRef) -> DateValue | None:
    """The adoption date already recorded for a resolution (from an earlier fact)."""
    start = b.graph.value(node, RESKG.adoptionStart)
    end = b.graph.value(node, RESKG.adoptionEnd)
    return DateValue(str(start), str(end or start)) if start is not None else None


def _has(b: GraphBuilder, node: URIRef, predicate: URIRef) -> bool:
    return (node, predicate, None) in b.graph


def _add_citation_fact(b: GraphBuilder, fact: CitationFact) -> None:
    citing = b.add_resolution(fact.citing, None)
    cited = b.add_resolution(fact.cited, fact.span)
    if fact.relation == "cites":
        b.add(citing, ELI.cites, cited, fact.span)
        b.add(citing, SCHEMA.citation, cited)
    else:
        b.add(citing, RESKG.relatedTo, cited, fact.span)


def _add_person_fact(b: GraphBuilder, fact: PersonFact) -> None:
    person = b.person_iri(fact.name)
    b.add(person, RDF.type, SCHEMA.Person)
    b.label(person, fact.name, fact.span)
    b.add(person, SCHEMA.name, Literal(fact.name, lang="en"))
    b.derived(person)
    _same_as_page(b, person, fact.page, fact.span)
    if not fact.role and not fact.affiliation:
        return
    keys = [fact.name, fact.role or "member", *([fact.affiliation] if fact.affiliation else [])]
    membership = b.iri("membership", *keys)
    b.add(membership, RDF.type, ORG.Membership)
    b.label(membership, _membership_label(fact))
    b.add(membership, ORG.member, person, fact.span)
    if fact.role:
        role = b.iri("role", fact.role)
        b.add(role, RDF.type, ORG.Role)
        b.label(role, fact.role)
        b.add(membership, ORG.role, role, fact.span)
    if fact.affiliation:
        if fact.affiliation_kind == "country":
            affiliation = b.add_place(fact.affiliation, None, "country")
        else:
            affiliation = b.add_organization(fact.affiliation, None)
        b.add(membership, ORG.organization, affiliation, fact.span)


def _membership_label(fact: PersonFact) -> str:
    parts = [fact.name, fact.role, fact.affiliation]
    return ", ".join(p for p in parts if p)


def _add_event_fact(b: GraphBuilder, fact: EventFact) -> None:
    node = b.add_event(fact.label, fact.date, fact.span, fact.kind)
    if fact.place:
        b.add(node, SCHEMA.location, b.place_iri(fact.place), fact.span)
    if fact.resolution is not None:
        b.add(b.resolution_iri(fact.resolution), RESKG.adoptedAt, node, fact.span)


def _add_provision_fact(b: GraphBuilder, fact: ProvisionFact) -> None:
    resolution = b.add_resolution(fact.resolution, None)
    # the action is part of the key: one sentence can state several provisions over one span
    # The article is part of the key: two articles may describe a resolution at equal offsets.
    article = b.article.key if b.article is not None else "text"
    span = f"{fact.span[0]}-{fact.span[1]}"
    node = URIRef(f"{resolution}/provision/{slugify(article)}/{slugify(fact.action)}-{span}")
    b.add(node, RDF.type, RESKG.Provision)
    b.add(node, RDF.type, ELI.LegalResourceSubdivision)
    b.add(node, ELI.is_part_of, resolution, fact.span)
    b.add(resolution, ELI.has_part, node)
    b.label(node, f"{resolution_label(fact.resolution)}: {fact.action}")
    b.add(node, RESKG.action, ACTION[f"action-{slugify(fact.action)}"], fact.span)
    if fact.paragraph is not None:
        number = count_literal(fact.paragraph)
        b.add(node, RESKG.paragraphNumber, number, fact.span)
    if fact.addressee:
        b.add(node, RESKG.addressee, Literal(fact.addressee, lang="en"), fact.span)
        addressee = _known_entity(b, fact.addressee)
        if addressee is not None:
            b.add(node, SCHEMA.recipient, addressee, fact.span)
    for obj in fact.objects:
        entity = _known_entity(b, obj)
        if entity is not None:
            b.add(node, SCHEMA.about, entity, fact.span)
        else:
            b.add(node, RESKG.about, Literal(obj, lang="en"), fact.span)
    if fact.text:
        b.add(node, RESKG.text, Literal(fact.text, lang="en"))
    b.selector(fact.span)
    b.add(node, RESKG.span, b.span_iri(fact.span))


def _known_entity(b: GraphBuilder, name: str) -> URIRef | None:
    """The place, organisation or resolution node already in the graph under ``name``."""
    g = b.graph
    for node, cls in (
        (b.place_iri(name), SCHEMA.Place),
        (b.organization_iri(name), ORG.Organization),
    ):
        if (node, RDF.type, cls) in g:
            return node
    for node in g.subjects(RDFS.label, Literal(name, lang="en")):
        if isinstance(node, URIRef) and (node, RDF.type, RESKG.Resolution) in g:
            return node
    return None


def _add_dataset(b: GraphBuilder, streamed: int) -> None:
    """A VoID description of the graph itself; ``void:triples`` counts the whole graph.

    ``streamed``: the triples sent to a local sink, part of the graph but not in ``b.graph``.
    """
    g = b.graph
    dataset = URIRef(f"{b.base}/dataset")
    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, RDFS.label, Literal("reskg knowledge graph of international resolutions")))
    g.add((dataset, VOID.uriSpace, Literal(f"{b.base}/")))
    for article in sorted(set(g.subjects(RDF.type, SCHEMA.Article))):
        g.add((dataset, DCTERMS.source, article))
    total = len(g) + streamed + 1
    g.add((dataset, VOID.triples, count_literal(total)))
