"""Evidence: every extracted triple can be traced to the words of the article that state it.

The corpus check reads every ``reskg:Evidence`` node of the graph built from the corpus and asks
whether the quoted span (``oa:exact``) contains what the triple says: the literal (a date in
any spelling the date grammar reads, a count as digits or words) or a name of the IRI (its
labels, its native symbol, the names the gazetteer knows for it). Predicates whose object is
not a word of the span by design are exempt, each for the reason given in ``EXEMPT``.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from reskg import gazetteer, paths
from reskg.cli import main
from reskg.dates import find_dates
from reskg.evaluate import names_match, normalize
from reskg.extract.numbers import ORDINALS as _ORDINALS
from reskg.extract.numbers import parse_count
from reskg.pipeline import build

ELI = Namespace("http://data.europa.eu/eli/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
RESKG = Namespace("https://w3id.org/reskg/ontology#")
SCHEMA = Namespace("https://schema.org/")

# predicate -> why its evidence span need not contain the object
EXEMPT = {
    RDF.type: "a class comes from the kind of mention, not from a word of the text",
    ELI.is_part_of: "a provision's resolution comes from the agent and section, which the "
    "statement need not name ('The organization demands ...')",
    ELI.passed_by: "a body comes from the symbol's context (the organ named earlier in the "
    "article, a document code, the subject's body), not from the symbol's span",
    ORG.role: "the membership's span is the person's name; the role is stated around it",
    ORG.organization: "the membership's span is the person's name; the affiliation is stated "
    "around it",
    SCHEMA.location: "an event's span is its date; the place is stated elsewhere in the sentence",
    RESKG.adoptedAt: "the session's span is the infobox value or the date that dates it",
    RESKG.organ: "the organ is read from the title or the infobox, whichever names it",
    SCHEMA.containedInPlace: "a city's country may come from the gazetteer, not the text",
    SCHEMA.locationCreated: "the adoption place is stated in the adoption sentence, whose "
    "span may be the session's",
    DCTERMS.title: "an unnumbered document's title is its name, recorded with each fact's span",
}
# (predicate, class of the subject) pairs exempt for the same kind of reason
EXEMPT_ON = {
    (SCHEMA.about, SCHEMA.Article): "the article is about its subject as a whole; the span is "
    "that of one fact about the subject",
    (RDFS.label, SCHEMA.Event): "an event's span is its date; its label is the event as the "
    "sentence describes it",
    (ELI.id_local, RESKG.Resolution): "a subject's symbol is recorded with the span of each "
    "infobox or lead fact about it",
}
# a session's dates are the resolution's adoption date (infobox or lead); its span is its name
SESSION_DATES = {SCHEMA.startDate, SCHEMA.endDate}
ACTIONS = Graph().parse(paths.ONTOLOGY_DIR / "actions.ttl")


@pytest.fixture(scope="module")
def corpus_graph() -> Graph:
    result = build(sorted(paths.CORPUS_DIR.glob("*.txt")))
    assert not result.failures
    return result.graph


def _aliases(name: str) -> set[str]:
    """``name`` and the other names the gazetteer knows for the same country or organisation."""
    names = {name}
    organization = gazetteer.find_organization(name)
    if organization is not None:
        names |= set(organization.surface_forms())
        names |= {n for n in (organization.short_organ,) if n}
    country = gazetteer.find_country(name)
    if country is not None:
        names |= {country.name, *country.aliases, *country.demonyms}
        names |= {n for n in (country.official_name,) if n}
    return names


def _names(graph: Graph, node: URIRef) -> set[str]:
    """Every name the graph, the action scheme or the gazetteer knows for ``node``."""
    names: set[str] = set()
    for predicate in (
        RDFS.label,
        SKOS.altLabel,
        SKOS.prefLabel,
        SCHEMA.name,
        RESKG.formerName,
        DCTERMS.alternative,
    ):
        names |= {str(o) for o in graph.objects(node, predicate)}
        names |= {str(o) for o in ACTIONS.objects(node, predicate)}
    for symbol in graph.objects(node, ELI.id_local):
        names |= {str(symbol), str(symbol).split(" (")[0]}  # "194 (III)" is also "194"
    return {alias for name in names for alias in _aliases(name)}


def _contains(exact: str, names: set[str]) -> bool:
    """True when ``exact`` contains one of ``names``, compared as the evaluation compares."""
    folded, normal = exact.casefold(), normalize(exact)
    return any(
        name.casefold() in folded
        or (normalize(name) and normalize(name) in normal)
        or names_match(name, exact)  # a short mention of a longer name: "Sinai"
        or _short_form_in(name, exact)
        for name in names
    )


def _short_form_in(name: str, exact: str) -> bool:
    """True when two or more consecutive capitalised words of ``name`` occur in ``exact``
    ("Conciliation Commission" for the United Nations Conciliation Commission for Palestine)."""
    words = name.split()
    for i in range(len(words)):
        j = i
        while j < len(words) and words[j][:1].isupper():
            j += 1
        if j - i >= 2 and re.search(rf"\b{re.escape(' '.join(words[i:j]))}\b", exact):
            return True
    return False


def _states(graph: Graph, exact: str, obj: object) -> bool:
    """True when the quoted text ``exact`` contains what ``obj`` says."""
    if isinstance(obj, Literal):
        value = str(obj)
        if _contains(exact, _aliases(value)):
            return True
        if re.fullmatch(r"\d{4}(?:-\d\d){0,2}", value):
            found = find_dates(exact, default_year=int(value[:4]))
            return any(value in (d.start, d.end) for _, d in found)
        if value.isdigit():
            number = int(value)
            words = re.findall(r"[\w-]+", exact.casefold())
            if number == 0 and "unanimously" in words:
                return True  # a unanimous vote: none against, none abstaining
            return any(parse_count(w) == number or _ORDINALS.get(w) == number for w in words)
        return False
    return _contains(exact, _names(graph, obj))  # type: ignore[arg-type]


def test_every_evidence_span_states_its_triple(corpus_graph: Graph):
    g = corpus_graph
    checked: Counter[str] = Counter()
    failures: list[str] = []
    for evidence in sorted(g.subjects(RDF.type, RESKG.Evidence)):
        subject = g.value(evidence, RDF.subject)
        predicate = g.value(evidence, RDF.predicate)
        obj = g.value(evidence, RDF.object)
        if predicate in EXEMPT:
            continue
        if any((subject, RDF.type, cls) in g for p, cls in EXEMPT_ON if p == predicate):
            continue
        if predicate in SESSION_DATES and (subject, RESKG.eventKind, Literal("session")) in g:
            continue
        exact = str(g.value(g.value(evidence, RESKG.span), OA.exact))
        checked[str(predicate)] += 1
        if not _states(g, exact, obj):
            failures.append(f"{predicate} {obj!s} <- {exact!r}")
    assert sum(checked.values()) > 1000
    assert str(RESKG.action) in checked and str(RESKG.paragraphNumber) in checked
    assert not failures, f"{len(failures)} spans do not state their triple:\n" + "\n".join(
        failures[:40]
    )


def test_provision_triples_all_have_evidence(corpus_graph: Graph):
    g = corpus_graph
    stated = {
        (g.value(e, RDF.subject), g.value(e, RDF.predicate), g.value(e, RDF.object))
        for e in g.subjects(RDF.type, RESKG.Evidence)
    }
    provisions = set(g.subjects(RDF.type, RESKG.Provision))
    assert len(provisions) > 80
    for provision in provisions:
        for predicate in (ELI.is_part_of, RESKG.action, RESKG.paragraphNumber, RESKG.addressee):
            for obj in g.objects(provision, predicate):
                assert (provision, predicate, obj) in stated, (provision, predicate, obj)


# -- reskg why ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def oic_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("why") / "oic.ttl"
    assert main(["build", str(paths.CORPUS_DIR / "oic-resolution-10-11.txt"), "-o", str(out)]) == 0
    return out


def _condemnation(graph_path: Path) -> URIRef:
    g = Graph().parse(graph_path)
    (provision,) = g.subjects(RESKG.action, RESKG["action-condemns"])
    return provision  # type: ignore[return-value]


def test_why_prints_the_sentence_with_the_span_marked(oic_graph: Path, capsys):
    provision = _condemnation(oic_graph)
    code = main(["why", str(provision), "reskg:action", "reskg:action-condemns", str(oic_graph)])
    out = capsys.readouterr().out
    assert code == 0
    assert "[[In the third paragraph, the looting and destruction" in out
    assert "are strongly condemned]]" in out
    assert str(provision) in out


def test_why_on_a_literal_object(oic_graph: Path, capsys):
    provision = _condemnation(oic_graph)
    assert main(["why", str(provision), "reskg:paragraphNumber", "3", str(oic_graph)]) == 0
    assert "[[In the third paragraph" in capsys.readouterr().out


def test_why_exits_1_for_a_triple_nobody_stated(oic_graph: Path, capsys):
    provision = _condemnation(oic_graph)
    code = main(["why", str(provision), "reskg:action", "reskg:action-welcomes", str(oic_graph)])
    assert code == 1
    assert "no extracted triple matches" in capsys.readouterr().err
