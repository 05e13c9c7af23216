"""Decide which Wikidata item, if any, each entity of a graph is: score candidates, never guess.

Layout:

- ``graph_entities(graph)``: the places, organisations, people and resolutions of a graph
- ``load_classes(path)``: which Wikidata classes count as which group (data/wikidata-classes.tsv)
- ``score(entity, candidate, ...)``: a candidate's score, or None and the reason it is ruled out
- ``reconcile(entities, client)``: a ``Decision`` per entity, from two batched queries (three
  when entities have wiki pages)

A score adds up evidence: the name (our label equals the item's English label 2, an alias 1;
our abbreviation or former name equals its label 1, an alias 0.5), its type (an instance,
through subclasses, of a class of the entity's kind 3; structural evidence such as being the
capital of a country, for a city, 2) and its context (in the country the graph puts the place
in 2, in one of the article's countries 1). A candidate with no type evidence, a type of another
kind only, or in another country than the graph says is ruled out. The best candidate is linked
only when it scores at least ``MIN_SCORE`` and ``MARGIN`` more than the next one; otherwise the
entity stays unlinked and the decision lists the contenders (a tie or a near miss).

An entity that a wikitext link named by its page (``schema:sameAs`` a Wikipedia page) is linked
to the item that page's sitelink is about, first and without scoring: the exact path, not a
label search. Only entities without a page, or whose page has no sitelink, are searched for.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, Graph, URIRef
from rdflib.namespace import DCTERMS

from reskg import paths
from reskg.iris import DEFAULT_BASE, ORG, RESKG, SCHEMA, VOID
from reskg.link.wikidata import Candidate, WikidataClient

CLASSES_FILE = paths.DATA_DIR / "wikidata-classes.tsv"
MIN_SCORE = 3.0
MARGIN = 2.0

PLACE_GROUPS = frozenset({"country", "city", "settlement", "region"})
# Which groups of Wikidata classes fit each kind of entity the graph names.
KIND_GROUPS: dict[str, frozenset[str]] = {
    "country": frozenset({"country"}),
    "city": frozenset({"city"}),
    "town": frozenset({"city", "settlement"}),
    "village": frozenset({"settlement"}),
    "region": frozenset({"region"}),
    "district": frozenset({"region"}),
    "province": frozenset({"region"}),
    "state": frozenset({"region"}),
    "place": PLACE_GROUPS,
    "organization": frozenset({"organization"}),
    "person": frozenset({"human"}),
    "resolution": frozenset({"resolution"}),
}


@dataclass(frozen=True)
class Entity:
    """Something in our graph that may have a Wikidata item."""

    key: str  # the IRI relative to the graph's base: "place/dakar"
    iri: str
    label: str
    kind: str
    other_labels: tuple[str, ...] = ()  # abbreviations, former names, alternative titles
    container: str | None = None  # key of the place it lies in (schema:containedInPlace)
    container_label: str | None = None
    page: str | None = None  # the wiki page a link named it by (schema:sameAs)


@dataclass
class Decision:
    """What reconciliation concluded for one entity."""

    entity: Entity
    qid: str | None
    score: float | None
    status: str  # linked, tie, near-miss, ruled-out, not-found
    note: str
    contenders: list[tuple[str, float]] = field(default_factory=list)


@dataclass(frozen=True)
class ClassInfo:
    """A Wikidata class from data/wikidata-classes.tsv."""

    qid: str
    label: str
    group: str


def load_classes(path: Path = CLASSES_FILE) -> dict[str, ClassInfo]:
    """The known classes by QID."""
    with open(path, encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t")
    return {row["qid"]: ClassInfo(row["qid"], row["label"], row["group"]) for row in rows}


# -- the graph's entities ----------------------------------------------------------------------


def graph_base(graph: Graph) -> str:
    """The graph's IRI space (void:uriSpace), else the default base, with a trailing slash."""
    space = next((str(o) for o in graph.objects(None, VOID.uriSpace)), f"{DEFAULT_BASE}/")
    return space if space.endswith("/") else space + "/"


def entity_key(iri: str, base: str) -> str:
    """The IRI relative to ``base``, or the whole IRI when it lies elsewhere."""
    return iri[len(base) :] if iri.startswith(base) else iri


def _english(graph: Graph, node: URIRef, predicate: URIRef) -> list[str]:
    values = graph.objects(node, predicate)
    return sorted({str(v) for v in values if getattr(v, "language", None) in (None, "en")})


_WIKI_PAGE = re.compile(r"https://[a-z-]+\.wikipedia\.org/wiki/.")


def graph_entities(graph: Graph) -> list[Entity]:
    """Places, organisations, people and resolutions, each once, in a stable order."""
    base = graph_base(graph)
    found: dict[str, Entity] = {}

    def add(node: URIRef, kind: str, other: Iterable[str] = (), container: URIRef | None = None):
        labels = _english(graph, node, RDFS.label) or _english(graph, node, SCHEMA.name)
        if not labels or str(node) in found:
            return
        label = labels[0]
        extra = tuple(sorted({t for t in (*labels[1:], *other) if t != label}))
        container_label = None
        if container is not None:
            container_label = next(iter(_english(graph, container, RDFS.label)), None)
        pages = sorted(
            str(o) for o in graph.objects(node, SCHEMA.sameAs) if _WIKI_PAGE.match(str(o))
        )
        found[str(node)] = Entity(
            key=entity_key(str(node), base),
            iri=str(node),
            label=label,
            kind=kind,
            other_labels=extra,
            container=entity_key(str(container), base) if container is not None else None,
            container_label=container_label,
            page=pages[0] if len(pages) == 1 else None,
        )

    for node in sorted(set(graph.subjects(RDF.type, SCHEMA.Place))):
        assert isinstance(node, URIRef)
        kinds = sorted(str(k) for k in graph.objects(node, RESKG.placeKind))
        specific = [k for k in kinds if k != "place"]
        kind = specific[0] if len(specific) == 1 else "place"
        if (node, RDF.type, SCHEMA.Country) in graph:
            kind = "country"
        containers = sorted(graph.objects(node, SCHEMA.containedInPlace))
        container = containers[0] if len(containers) == 1 else None
        add(node, kind, container=container if isinstance(container, URIRef) else None)
    for node in sorted(set(graph.subjects(RDF.type, ORG.Organization))):
        assert isinstance(node, URIRef)
        other = [*_english(graph, node, SKOS.altLabel), *_english(graph, node, RESKG.formerName)]
        add(node, "organization", other)
    for node in sorted(set(graph.subjects(RDF.type, SCHEMA.Person))):
        assert isinstance(node, URIRef)
        add(node, "person")
    for node in sorted(set(graph.subjects(RDF.type, RESKG.Resolution))):
        assert isinstance(node, URIRef)
        other = [*_english(graph, node, DCTERMS.title), *_english(graph, node, DCTERMS.alternative)]
        add(node, "resolution", other)
    return sorted(found.values(), key=lambda e: e.key)


# -- scoring -----------------------------------------------------------------------------------


def _name_score(entity: Entity, candidate: Candidate) -> float:
    scores = [0.0]
    if entity.label in candidate.labels:
        scores.append(2.0)
    if entity.label in candidate.aliases:
        scores.append(1.0)
    for other in entity.other_labels:
        if other in candidate.labels:
            scores.append(1.0)
        if other in candidate.aliases:
            scores.append(0.5)
    return max(scores)


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def candidate_groups(candidate: Candidate, classes: dict[str, ClassInfo]) -> dict[str, str]:
    """The groups a candidate belongs to, each with its evidence ("class Q515", "capital of")."""
    groups: dict[str, str] = {}
    for qid in sorted(candidate.classes):
        info = classes.get(qid)
        if info is not None:
            groups.setdefault(info.group, f"class:{qid}")
    if candidate.capital_of:
        groups.setdefault("city", f"capital-of:{min(candidate.capital_of)}")
    if candidate.subdivision_of:
        groups.setdefault("region", f"subdivision-of:{min(candidate.subdivision_of)}")
    for qid in sorted(candidate.whole_classes):
        info = classes.get(qid)
        if info is not None and info.group == "organization":
            groups.setdefault("organization", f"part-of:{qid}")
    return groups


def score(
    entity: Entity,
    candidate: Candidate,
    classes: dict[str, ClassInfo],
    container_qid: str | None = None,
    article_countries: frozenset[str] = frozenset(),
) -> tuple[float | None, str]:
    """The candidate's score and how it was reached, or None and why it is ruled out."""
    name = _name_score(entity, candidate)
    if name == 0:
        return None, "no exact English label or alias"
    evidence = [f"name {name:g}"]
    wanted = KIND_GROUPS.get(entity.kind, frozenset())
    groups = candidate_groups(candidate, classes)
    fitting = {g: why for g, why in groups.items() if g in wanted}
    if not fitting:
        if groups:
            return None, f"a {'/'.join(sorted(groups))}, not {_a(entity.kind)}"
        return None, f"no type evidence for {_a(entity.kind)}"
    group, why = min(fitting.items(), key=lambda item: (not item[1].startswith("class"), item))
    total = name + (3.0 if why.startswith("class") else 2.0)
    evidence.append(f"{group} ({why})")
    if entity.kind != "country" and candidate.countries and wanted <= PLACE_GROUPS:
        if container_qid is not None:
            if container_qid not in candidate.countries:
                return None, f"in {'/'.join(sorted(candidate.countries))}, not {container_qid}"
            total += 2.0
            evidence.append(f"in {container_qid}")
        elif entity.container_label in candidate.country_labels:
            # the container has no item of its own: its name may agree, it cannot disagree
            total += 2.0
            evidence.append(f"in {entity.container_label}")
        elif candidate.countries & article_countries:
            total += 1.0
            evidence.append(f"in article country {min(candidate.countries & article_countries)}")
    return total, "; ".join(evidence)


def decide(
    entity: Entity,
    candidates: list[Candidate],
    classes: dict[str, ClassInfo],
    container_qid: str | None = None,
    article_countries: frozenset[str] = frozenset(),
) -> Decision:
    """Link the clear winner among ``candidates``, or say why there is none."""
    if not candidates:
        return Decision(entity, None, None, "not-found", "no item with this English label")
    scored: list[tuple[float, str, str]] = []
    ruled_out: list[str] = []
    for candidate in candidates:
        value, how = score(entity, candidate, classes, container_qid, article_countries)
        if value is None:
            ruled_out.append(f"{candidate.qid}: {how}")
        else:
            scored.append((value, candidate.qid, how))
    scored.sort(key=lambda s: (-s[0], int(s[1][1:])))
    contenders = [(qid, value) for value, qid, _ in scored]
    rejected = f" (ruled out {', '.join(ruled_out)})" if ruled_out else ""
    if not scored:
        return Decision(entity, None, None, "ruled-out", "ruled out " + ", ".join(ruled_out))
    best, qid, how = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    listing = ", ".join(f"{q} {v:g}" for q, v in contenders)
    if len(scored) > 1 and best == runner_up:
        return Decision(entity, None, best, "tie", f"tie: {listing}{rejected}", contenders)
    if best < MIN_SCORE:
        note = f"best {qid} scores {best:g} < {MIN_SCORE:g}: {how}{rejected}"
        return Decision(entity, None, best, "near-miss", note, contenders)
    if best - runner_up < MARGIN:
        note = f"no clear winner ({listing}; margin < {MARGIN:g}){rejected}"
        return Decision(entity, None, best, "near-miss", note, contenders)
    return Decision(entity, qid, best, "linked", f"{how}{rejected}", contenders)


# -- the whole graph ---------------------------------------------------------------------------


def reconcile(
    entities: list[Entity],
    client: WikidataClient,
    classes: dict[str, ClassInfo] | None = None,
    known: dict[str, tuple[str, str]] | None = None,
) -> list[Decision]:
    """One decision per entity; countries first, so that places can be checked against them.

    ``known`` maps keys of entities linked earlier (the cache) to (QID, kind), as context.
    """
    classes = classes if classes is not None else load_classes()
    decisions: dict[str, Decision] = {}
    pages = {e.page for e in entities if e.page}
    if pages:
        items = client.find_by_sitelinks(pages)
        for entity in entities:
            if entity.page in items:
                note = f"sitelink {entity.page}"
                decisions[entity.key] = Decision(entity, items[entity.page], None, "linked", note)
    searched = [e for e in entities if e.key not in decisions]
    labels = {text for e in searched for text in (e.label, *e.other_labels)}
    found = client.find_candidates(labels) if labels else {}
    qids = {qid for hits in found.values() for qid in hits}
    described = client.describe(qids, sorted(classes)) if qids else {}

    def candidates_of(entity: Entity) -> list[Candidate]:
        qids = {q for text in (entity.label, *entity.other_labels) for q in found.get(text, {})}
        return [described.get(q) or Candidate(q) for q in sorted(qids, key=lambda q: int(q[1:]))]

    for entity in searched:
        if entity.kind == "country":
            decisions[entity.key] = decide(entity, candidates_of(entity), classes)
    linked = {key: qid for key, (qid, _) in (known or {}).items()}
    linked.update({key: d.qid for key, d in decisions.items() if d.qid})
    countries = {e.key for e in entities if e.kind == "country"}
    countries |= {key for key, (_, kind) in (known or {}).items() if kind == "country"}
    article_countries = frozenset(q for key, q in linked.items() if key in countries)
    for entity in entities:
        if entity.key in decisions:
            continue
        container_qid = linked.get(entity.container) if entity.container else None
        decisions[entity.key] = decide(
            entity, candidates_of(entity), classes, container_qid, article_countries
        )
    for entity in searched:
        if entity.page:  # say the page was asked for, so the cache keeps the answer
            decision = decisions[entity.key]
            decision.note = f"no sitelink for {entity.page}; {decision.note}"
    return [decisions[e.key] for e in entities]
