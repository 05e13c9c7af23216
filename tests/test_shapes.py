"""The ontology, the action scheme and the SHACL shapes, and the validator that applies them.

Each shape constraint has a case below: the minimal conforming graph, patched to break exactly
that constraint, must produce a result naming the expected focus node, path, shape and
constraint component, and nothing about any other node or property.
"""

from __future__ import annotations

import ast
import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, SH, SKOS, XSD

from reskg.iris import ELI, OA, ORG, PROV, RESKG, SCHEMA, slugify
from reskg.paths import GAZETTEER_DIR, ONTOLOGY_DIR
from reskg.validate import (
    RESKGSH,
    ValidationResult,
    Violation,
    format_report,
    shapes_graph,
    validate,
)

PLACE_KINDS_FILE = GAZETTEER_DIR / "place_kinds.tsv"
ASSEMBLE_SOURCE = Path(__file__).resolve().parents[1] / "src" / "reskg" / "assemble.py"
B = "https://w3id.org/reskg"
R = URIRef(f"{B}/eli/oic/res/10-11")
DCT = Namespace("http://purl.org/dc/terms/")

PREFIXES = f"""
@prefix reskg: <https://w3id.org/reskg/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix void: <http://rdfs.org/ns/void#> .
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix res: <{B}/eli/oic/res/> .
@prefix un: <{B}/eli/un/res/> .
@prefix prv: <{B}/eli/oic/res/10-11/provision/> .
@prefix body: <{B}/org/> .
@prefix place: <{B}/place/> .
@prefix event: <{B}/event/> .
@prefix person: <{B}/person/> .
@prefix role: <{B}/role/> .
@prefix ms: <{B}/membership/> .
@prefix ev: <{B}/evidence/> .
@prefix art: <{B}/article/> .
@prefix x: <{B}/> .
@prefix sel: <{B}/article/a#char=> .
"""

# One node of every kind the shapes target, each with every property they constrain. Date
# ranges come in every precision, including a mixed one (gYear start, xsd:date end).
MINIMAL = """
x:dataset a void:Dataset ; rdfs:label "dataset" ; void:uriSpace "https://w3id.org/reskg/" .
art:a a schema:Article ; rdfs:label "Article A"@en .

body:un a org:Organization, schema:Organization ; rdfs:label "United Nations"@en .
body:oic a org:Organization, schema:Organization ;
    rdfs:label "Organisation of Islamic Cooperation"@en, "OIC"@en ;
    org:subOrganizationOf body:un ; owl:sameAs wd:Q47543 .

place:senegal a schema:Place, schema:Country ; rdfs:label "Senegal"@en ;
    reskg:placeKind "country" ; owl:sameAs wd:Q1041 .
place:dakar a schema:Place, schema:City ; rdfs:label "Dakar"@en ;
    reskg:placeKind "city", "place" ;
    schema:containedInPlace place:senegal ;
    reskg:geonamesId "2253354" ;
    skos:exactMatch <https://sws.geonames.org/2253354/> ;
    owl:sameAs wd:Q3718, <https://sws.geonames.org/2253354/> .

event:summit a schema:Event ; rdfs:label "11th Islamic Summit"@en ;
    schema:startDate "2008-03-13"^^xsd:date ; schema:endDate "2008-03-14"^^xsd:date ;
    schema:location place:dakar .
event:talks a schema:Event ; rdfs:label "talks"@en ;
    schema:startDate "1994-05"^^xsd:gYearMonth ; schema:endDate "1994-06"^^xsd:gYearMonth .

res:10-11 a reskg:Resolution ;
    rdfs:label "Organisation of Islamic Cooperation Resolution 10/11"@en ;
    eli:id_local "10/11" ;
    dcterms:title "On the situation"@en ;
    eli:passed_by body:oic ;
    reskg:adoptionStart "2008-03-13"^^xsd:date ;
    reskg:adoptionEnd "2008-03-14"^^xsd:date ;
    reskg:adoptedAt event:summit ;
    reskg:paragraphCount "25"^^xsd:integer ;
    reskg:votesFor "40"^^xsd:integer ;
    reskg:votesAgainst "0"^^xsd:integer ;
    reskg:votesAbstain "2"^^xsd:integer ;
    reskg:votesAbsent "1"^^xsd:integer ;
    eli:cites res:21-10-p-is ;
    reskg:relatedTo un:1514-xv .
res:21-10-p-is a reskg:Resolution ;
    rdfs:label "Organisation of Islamic Cooperation Resolution 21/10-P(IS)"@en ;
    eli:id_local "21/10-P(IS)" ;
    reskg:adoptionStart "2003"^^xsd:gYear ; reskg:adoptionEnd "2003-10-17"^^xsd:date .
un:1514-xv a reskg:Resolution ; rdfs:label "Resolution 1514 (XV)"@en ;
    eli:id_local "1514 (XV)" ;
    reskg:adoptionStart "1960"^^xsd:gYear ; reskg:adoptionEnd "1960"^^xsd:gYear ;
    eli:date_document "1960-12-14"^^xsd:date .

person:wade a schema:Person ; rdfs:label "Abdoulaye Wade"@en .
role:president a org:Role ; rdfs:label "President"@en .
ms:wade a org:Membership ; rdfs:label "Abdoulaye Wade, President, Senegal"@en ;
    org:member person:wade ; org:role role:president ; org:organization place:senegal .

prv:10-20 a reskg:Provision, eli:LegalResourceSubdivision ;
    rdfs:label "Resolution 10/11: condemns"@en ;
    eli:is_part_of res:10-11 ;
    reskg:action reskg:action-condemns ;
    reskg:span sel:10\\,20 ;
    reskg:paragraphNumber "1"^^xsd:integer .

sel:10\\,20 a oa:TextPositionSelector ;
    oa:start "10"^^xsd:integer ; oa:end "20"^^xsd:integer ;
    oa:exact "condemns x" ; reskg:inArticle art:a ; reskg:sentence sel:0\\,40 .
sel:0\\,40 a oa:TextPositionSelector ;
    oa:start "0"^^xsd:integer ; oa:end "40"^^xsd:integer ;
    oa:exact "The summit condemns x and urges y to z." ; reskg:inArticle art:a .

ev:e1 a reskg:Evidence ;
    rdf:subject res:10-11 ; rdf:predicate eli:id_local ; rdf:object "10/11" ;
    reskg:span sel:10\\,20 .
"""


def turtle(text: str) -> Graph:
    return Graph().parse(data=PREFIXES + text, format="turtle")


def minimal_graph() -> Graph:
    return turtle(MINIMAL)


def iri(path: str) -> URIRef:
    return URIRef(f"{B}/{path}")


UN = iri("eli/un/res/1514-xv")
PROVISION = iri("eli/oic/res/10-11/provision/10-20")
SELECTOR = URIRef(f"{B}/article/a#char=10,20")
EVIDENCE = iri("evidence/e1")
EVENT = iri("event/summit")
TALKS = iri("event/talks")
DAKAR = iri("place/dakar")
OIC = iri("org/oic")
MEMBERSHIP = iri("membership/wade")
PERSON = iri("person/wade")
ROLE = iri("role/president")
DATASET = iri("dataset")

# -- the cases --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One broken constraint: the patch to the minimal graph and the result it must produce."""

    id: str
    shape: str  # local name in reskgsh:
    component: str  # local name in sh:, without "ConstraintComponent"
    focus: URIRef | None  # None: a blank node
    path: URIRef | None  # None: a node-level constraint, no sh:resultPath
    add: str = ""
    remove: str = ""
    severity: str = "Violation"


NNI = "xsd:integer"
VOTES = ["paragraphCount", "votesFor", "votesAgainst", "votesAbstain", "votesAbsent"]
STATEMENT = [
    ("subject", "res:10-11", "body:oic"),
    ("predicate", "eli:id_local", "rdfs:label"),
    ("object", '"10/11"', '"10/12"'),
]

# fmt: off
CASES = [
    # resolutions
    Case("resolution end before start (dates)", "ResolutionShape", "Not", R, None,
         add='res:10-11 reskg:adoptionEnd "2008-03-12"^^xsd:date .',
         remove='res:10-11 reskg:adoptionEnd "2008-03-14"^^xsd:date .'),
    Case("resolution end before start (years)", "ResolutionShape", "Not", UN, None,
         add='un:1514-xv reskg:adoptionStart "1961"^^xsd:gYear .',
         remove='un:1514-xv reskg:adoptionStart "1960"^^xsd:gYear .'),
    Case("resolution without label", "Resolution-label", "MinCount", R, RDFS.label,
         remove='res:10-11 rdfs:label "Organisation of Islamic Cooperation Resolution 10/11"@en .'),
    Case("resolution with two labels", "Resolution-label", "MaxCount", R, RDFS.label,
         add='res:10-11 rdfs:label "OIC Resolution 10/11"@en .'),
    Case("two native symbols", "Resolution-idLocal", "MaxCount", R, ELI.id_local,
         add='res:10-11 eli:id_local "10/12" .'),
    Case("native symbol not a string", "Resolution-idLocal", "Datatype", R, ELI.id_local,
         add='res:10-11 eli:id_local "1011"^^xsd:integer .',
         remove='res:10-11 eli:id_local "10/11" .'),
    Case("native symbol not a symbol", "Resolution-idLocal", "Pattern", R, ELI.id_local,
         add='res:10-11 eli:id_local "res. 10/11" .', remove='res:10-11 eli:id_local "10/11" .'),
    Case("two titles", "Resolution-title", "MaxCount", R, DCT.title,
         add='res:10-11 dcterms:title "Another title"@en .'),
    Case("passed by a literal", "Resolution-passedBy", "NodeKind", R, ELI.passed_by,
         add='res:10-11 eli:passed_by "OIC" .'),
    Case("passed by a place", "Resolution-passedBy", "Class", R, ELI.passed_by,
         add="res:10-11 eli:passed_by place:dakar ."),
    Case("two document dates", "Resolution-dateDocument", "MaxCount", UN, ELI.date_document,
         add='un:1514-xv eli:date_document "1960-12-15"^^xsd:date .'),
    Case("document date not a day", "Resolution-dateDocument", "Datatype", UN, ELI.date_document,
         add='un:1514-xv eli:date_document "1960"^^xsd:gYear .',
         remove='un:1514-xv eli:date_document "1960-12-14"^^xsd:date .'),
    Case("two adoption starts", "Resolution-adoptionStart", "MaxCount", R, RESKG.adoptionStart,
         add='res:10-11 reskg:adoptionStart "2008-03-12"^^xsd:date .'),
    Case("adoption start a string", "Resolution-adoptionStart", "Node", R, RESKG.adoptionStart,
         add='res:10-11 reskg:adoptionStart "13 March 2008" .',
         remove='res:10-11 reskg:adoptionStart "2008-03-13"^^xsd:date .'),
    Case("adoption start an ill-formed year", "Resolution-adoptionStart", "Node", UN,
         RESKG.adoptionStart,
         add='un:1514-xv reskg:adoptionStart "196"^^xsd:gYear .',
         remove='un:1514-xv reskg:adoptionStart "1960"^^xsd:gYear .'),
    Case("two adoption ends", "Resolution-adoptionEnd", "MaxCount", R, RESKG.adoptionEnd,
         add='res:10-11 reskg:adoptionEnd "2008-03-15"^^xsd:date .'),
    Case("adoption end a dateTime", "Resolution-adoptionEnd", "Node", R, RESKG.adoptionEnd,
         add='res:10-11 reskg:adoptionEnd "2008-03-14T00:00:00"^^xsd:dateTime .',
         remove='res:10-11 reskg:adoptionEnd "2008-03-14"^^xsd:date .'),
    Case("adopted at a place", "Resolution-adoptedAt", "Class", R, RESKG.adoptedAt,
         add="res:10-11 reskg:adoptedAt place:dakar ."),
    *[Case(f"two {name}", f"Resolution-{name}", "MaxCount", R, RESKG[name],
           add=f'res:10-11 reskg:{name} "99"^^{NNI} .') for name in VOTES],
    # xsd:nonNegativeInteger comes back from a store as xsd:integer, so it is not used
    *[Case(f"{name} a nonNegativeInteger", f"Resolution-{name}", "Datatype", R, RESKG[name],
           add=f'res:10-11 reskg:{name} "1"^^xsd:nonNegativeInteger .') for name in VOTES],
    *[Case(f"{name} negative", f"Resolution-{name}", "MinInclusive", R, RESKG[name],
           add=f'res:10-11 reskg:{name} "-1"^^{NNI} .') for name in VOTES],
    Case("votes ill-typed", "Resolution-votesFor", "Datatype", R, RESKG.votesFor,
         add=f'res:10-11 reskg:votesFor "forty"^^{NNI} .',
         remove=f'res:10-11 reskg:votesFor "40"^^{NNI} .'),
    Case("cites a literal", "Resolution-cites", "NodeKind", R, ELI.cites,
         add='res:10-11 eli:cites "21/10-P(IS)" .'),
    Case("cites an organisation", "Resolution-cites", "Class", R, ELI.cites,
         add="res:10-11 eli:cites body:oic ."),
    Case("related to a literal", "Resolution-relatedTo", "NodeKind", R, RESKG.relatedTo,
         add='res:10-11 reskg:relatedTo "1514 (XV)" .'),
    Case("related to an event", "Resolution-relatedTo", "Class", R, RESKG.relatedTo,
         add="res:10-11 reskg:relatedTo event:summit ."),
    Case("resolution IRI not ELI-style", "ResolutionEliIriShape", "Pattern", iri("res/x"), None,
         add='<https://w3id.org/reskg/res/x> a reskg:Resolution ; rdfs:label "X"@en .',
         severity="Warning"),
    # provisions
    Case("provision of nothing", "Provision-isPartOf", "MinCount", PROVISION, ELI.is_part_of,
         remove="prv:10-20 eli:is_part_of res:10-11 ."),
    Case("provision of two", "Provision-isPartOf", "MaxCount", PROVISION, ELI.is_part_of,
         add="prv:10-20 eli:is_part_of un:1514-xv ."),
    Case("provision of an event", "Provision-isPartOf", "Class", PROVISION, ELI.is_part_of,
         add="prv:10-20 eli:is_part_of event:summit .",
         remove="prv:10-20 eli:is_part_of res:10-11 ."),
    Case("provision without action", "Provision-action", "MinCount", PROVISION, RESKG.action,
         remove="prv:10-20 reskg:action reskg:action-condemns ."),
    Case("provision with two actions", "Provision-action", "MaxCount", PROVISION, RESKG.action,
         add="prv:10-20 reskg:action reskg:action-urges ."),
    Case("action outside the scheme", "Provision-action", "In", PROVISION, RESKG.action,
         add="prv:10-20 reskg:action reskg:action-strongly-condemns .",
         remove="prv:10-20 reskg:action reskg:action-condemns ."),
    Case("provision without span", "Provision-span", "MinCount", PROVISION, RESKG.span,
         remove="prv:10-20 reskg:span sel:10\\,20 ."),
    Case("provision with two spans", "Provision-span", "MaxCount", PROVISION, RESKG.span,
         add="prv:10-20 reskg:span sel:0\\,40 ."),
    Case("provision span not a selector", "Provision-span", "Class", PROVISION, RESKG.span,
         add="prv:10-20 reskg:span art:a .", remove="prv:10-20 reskg:span sel:10\\,20 ."),
    Case("two paragraph numbers", "Provision-paragraphNumber", "MaxCount", PROVISION,
         RESKG.paragraphNumber, add=f'prv:10-20 reskg:paragraphNumber "2"^^{NNI} .'),
    Case("paragraph number a string", "Provision-paragraphNumber", "Datatype", PROVISION,
         RESKG.paragraphNumber, add='prv:10-20 reskg:paragraphNumber "one" .',
         remove=f'prv:10-20 reskg:paragraphNumber "1"^^{NNI} .'),
    Case("paragraph number negative", "Provision-paragraphNumber", "MinInclusive", PROVISION,
         RESKG.paragraphNumber, add=f'prv:10-20 reskg:paragraphNumber "-1"^^{NNI} .',
         remove=f'prv:10-20 reskg:paragraphNumber "1"^^{NNI} .'),
    # events
    Case("event end before start (dates)", "EventShape", "Not", EVENT, None,
         add='event:summit schema:endDate "2008-03-12"^^xsd:date .',
         remove='event:summit schema:endDate "2008-03-14"^^xsd:date .'),
    Case("event end before start (months)", "EventShape", "Not", TALKS, None,
         add='event:talks schema:endDate "1994-04"^^xsd:gYearMonth .',
         remove='event:talks schema:endDate "1994-06"^^xsd:gYearMonth .'),
    Case("event without label", "Event-label", "MinCount", EVENT, RDFS.label,
         remove='event:summit rdfs:label "11th Islamic Summit"@en .'),
    Case("event with two labels", "Event-label", "MaxCount", EVENT, RDFS.label,
         add='event:summit rdfs:label "Dakar summit"@en .'),
    Case("event with two starts", "Event-startDate", "MaxCount", EVENT, SCHEMA.startDate,
         add='event:summit schema:startDate "2008-03-12"^^xsd:date .'),
    Case("event start a string", "Event-startDate", "Node", EVENT, SCHEMA.startDate,
         add='event:summit schema:startDate "13 March 2008" .',
         remove='event:summit schema:startDate "2008-03-13"^^xsd:date .'),
    Case("event with two ends", "Event-endDate", "MaxCount", EVENT, SCHEMA.endDate,
         add='event:summit schema:endDate "2008-03-15"^^xsd:date .'),
    Case("event end an ill-formed month", "Event-endDate", "Node", TALKS, SCHEMA.endDate,
         add='event:talks schema:endDate "1994-13"^^xsd:gYearMonth .',
         remove='event:talks schema:endDate "1994-06"^^xsd:gYearMonth .'),
    Case("event located at an organisation", "Event-location", "Class", EVENT, SCHEMA.location,
         add="event:summit schema:location body:oic ."),
    # people
    Case("person without label", "Person-label", "MinCount", PERSON, RDFS.label,
         remove='person:wade rdfs:label "Abdoulaye Wade"@en .'),
    Case("person with two labels", "Person-label", "MaxCount", PERSON, RDFS.label,
         add='person:wade rdfs:label "Wade"@en .'),
    Case("membership without member", "Membership-member", "MinCount", MEMBERSHIP, ORG.member,
         remove="ms:wade org:member person:wade ."),
    Case("membership with two members", "Membership-member", "MaxCount", MEMBERSHIP, ORG.member,
         add='ms:wade org:member person:x . person:x a schema:Person ; rdfs:label "X"@en .'),
    Case("member not a person", "Membership-member", "Class", MEMBERSHIP, ORG.member,
         add="ms:wade org:member body:oic .", remove="ms:wade org:member person:wade ."),
    Case("membership with two roles", "Membership-role", "MaxCount", MEMBERSHIP, ORG.role,
         add='ms:wade org:role role:x . role:x a org:Role ; rdfs:label "X"@en .'),
    Case("role not a role", "Membership-role", "Class", MEMBERSHIP, ORG.role,
         add="ms:wade org:role person:wade .", remove="ms:wade org:role role:president ."),
    Case("membership of two", "Membership-organization", "MaxCount", MEMBERSHIP,
         ORG.organization, add="ms:wade org:organization body:oic ."),
    Case("membership of an event", "Membership-organization", "Or", MEMBERSHIP,
         ORG.organization, add="ms:wade org:organization event:summit .",
         remove="ms:wade org:organization place:senegal ."),
    # organisations and places
    Case("sub-organisation of a place", "Organization-subOrganizationOf", "Class", OIC,
         ORG.subOrganizationOf, add="body:oic org:subOrganizationOf place:dakar ."),
    Case("unknown place kind", "Place-placeKind", "In", DAKAR, RESKG.placeKind,
         add='place:dakar reskg:placeKind "hamlet" .'),
    Case("contained in an organisation", "Place-containedInPlace", "Class", DAKAR,
         SCHEMA.containedInPlace, add="place:dakar schema:containedInPlace body:oic ."),
    Case("two GeoNames IDs", "Place-geonamesId", "MaxCount", DAKAR, RESKG.geonamesId,
         add='place:dakar reskg:geonamesId "2253355" .'),
    Case("GeoNames ID not a number", "Place-geonamesId", "Pattern", DAKAR, RESKG.geonamesId,
         add='place:dakar reskg:geonamesId "gn:2253354" .',
         remove='place:dakar reskg:geonamesId "2253354" .'),
    # evidence
    *[Case(f"evidence without {name}", f"Evidence-{name}", "MinCount", EVIDENCE, RDF[name],
           remove=f"ev:e1 rdf:{name} {value} .") for name, value, _ in STATEMENT],
    *[Case(f"evidence with two {name}s", f"Evidence-{name}", "MaxCount", EVIDENCE, RDF[name],
           add=f"ev:e1 rdf:{name} {other} .") for name, _, other in STATEMENT],
    Case("evidence subject a literal", "Evidence-subject", "NodeKind", EVIDENCE, RDF.subject,
         add='ev:e1 rdf:subject "10/11" .', remove="ev:e1 rdf:subject res:10-11 ."),
    Case("evidence predicate a literal", "Evidence-predicate", "NodeKind", EVIDENCE,
         RDF.predicate, add='ev:e1 rdf:predicate "id_local" .',
         remove="ev:e1 rdf:predicate eli:id_local ."),
    Case("evidence without span", "Evidence-span", "MinCount", EVIDENCE, RESKG.span,
         remove="ev:e1 reskg:span sel:10\\,20 ."),
    Case("evidence with two spans", "Evidence-span", "MaxCount", EVIDENCE, RESKG.span,
         add="ev:e1 reskg:span sel:0\\,40 ."),
    Case("evidence span not a selector", "Evidence-span", "Class", EVIDENCE, RESKG.span,
         add="ev:e1 reskg:span art:a .", remove="ev:e1 reskg:span sel:10\\,20 ."),
    # text position selectors
    Case("selector without start", "TextPositionSelector-start", "MinCount", SELECTOR, OA.start,
         remove=f'sel:10\\,20 oa:start "10"^^{NNI} .'),
    Case("selector with two starts", "TextPositionSelector-start", "MaxCount", SELECTOR,
         OA.start, add=f'sel:10\\,20 oa:start "11"^^{NNI} .'),
    Case("selector start a string", "TextPositionSelector-start", "Datatype", SELECTOR, OA.start,
         add='sel:10\\,20 oa:start "10" .', remove=f'sel:10\\,20 oa:start "10"^^{NNI} .'),
    Case("selector start negative", "TextPositionSelector-start", "MinInclusive", SELECTOR,
         OA.start, add=f'sel:10\\,20 oa:start "-1"^^{NNI} .',
         remove=f'sel:10\\,20 oa:start "10"^^{NNI} .'),
    Case("selector start at its end", "TextPositionSelector-start", "LessThan", SELECTOR,
         OA.start, add=f'sel:10\\,20 oa:start "20"^^{NNI} .',
         remove=f'sel:10\\,20 oa:start "10"^^{NNI} .'),
    Case("selector without end", "TextPositionSelector-end", "MinCount", SELECTOR, OA.end,
         remove=f'sel:10\\,20 oa:end "20"^^{NNI} .'),
    Case("selector with two ends", "TextPositionSelector-end", "MaxCount", SELECTOR, OA.end,
         add=f'sel:10\\,20 oa:end "21"^^{NNI} .'),
    Case("selector end a decimal", "TextPositionSelector-end", "Datatype", SELECTOR, OA.end,
         add='sel:10\\,20 oa:end "20.0"^^xsd:decimal .',
         remove=f'sel:10\\,20 oa:end "20"^^{NNI} .'),
    Case("selector without exact", "TextPositionSelector-exact", "MinCount", SELECTOR, OA.exact,
         remove='sel:10\\,20 oa:exact "condemns x" .'),
    Case("selector with two exacts", "TextPositionSelector-exact", "MaxCount", SELECTOR,
         OA.exact, add='sel:10\\,20 oa:exact "condemns y" .'),
    Case("selector without article", "TextPositionSelector-inArticle", "MinCount", SELECTOR,
         RESKG.inArticle, remove="sel:10\\,20 reskg:inArticle art:a ."),
    Case("selector in two articles", "TextPositionSelector-inArticle", "MaxCount", SELECTOR,
         RESKG.inArticle,
         add='sel:10\\,20 reskg:inArticle art:b . art:b a schema:Article ; rdfs:label "B"@en .'),
    Case("selector in a non-article", "TextPositionSelector-inArticle", "Class", SELECTOR,
         RESKG.inArticle, add="sel:10\\,20 reskg:inArticle body:oic .",
         remove="sel:10\\,20 reskg:inArticle art:a ."),
    Case("selector in two sentences", "TextPositionSelector-sentence", "MaxCount", SELECTOR,
         RESKG.sentence, add="sel:10\\,20 reskg:sentence sel:10\\,20 ."),
    Case("sentence not a selector", "TextPositionSelector-sentence", "Class", SELECTOR,
         RESKG.sentence, add="sel:10\\,20 reskg:sentence art:a .",
         remove="sel:10\\,20 reskg:sentence sel:0\\,40 ."),
    # links
    Case("sameAs a literal", "ExternalLink-sameAs", "NodeKind", DAKAR, OWL.sameAs,
         add='place:dakar owl:sameAs "Q3718" .'),
    Case("sameAs DBpedia", "ExternalLink-sameAs", "Node", DAKAR, OWL.sameAs,
         add="place:dakar owl:sameAs <http://dbpedia.org/resource/Dakar> ."),
    Case("sameAs a Wikidata page", "ExternalLink-sameAs", "Node", DAKAR, OWL.sameAs,
         add="place:dakar owl:sameAs <https://www.wikidata.org/wiki/Q3718> .",
         remove="place:dakar owl:sameAs wd:Q3718 ."),
    Case("two Wikidata entities", "ExternalLink-sameAs", "QualifiedMaxCount", DAKAR, OWL.sameAs,
         add="place:dakar owl:sameAs wd:Q1 ."),
    Case("exactMatch a literal", "ExternalLink-exactMatch", "NodeKind", DAKAR, SKOS.exactMatch,
         add='place:dakar skos:exactMatch "2253354" .'),
    Case("exactMatch GeoNames without slash", "ExternalLink-exactMatch", "Node", DAKAR,
         SKOS.exactMatch, add="place:dakar skos:exactMatch <https://sws.geonames.org/2253354> .",
         remove="place:dakar skos:exactMatch <https://sws.geonames.org/2253354/> ."),
    # labels
    Case("blank node person", "LabelledShape", "NodeKind", None, None,
         add='[] a schema:Person ; rdfs:label "Somebody"@en .'),
    Case("role without label", "Labelled-label", "MinCount", ROLE, RDFS.label,
         remove='role:president rdfs:label "President"@en .'),
    Case("dataset label an IRI", "Labelled-label", "NodeKind", DATASET, RDFS.label,
         add="x:dataset rdfs:label art:a ."),
]
# fmt: on


def patched(case: Case) -> Graph:
    graph = minimal_graph()
    if case.remove:
        removed = turtle(case.remove)
        missing = [t for t in removed if t not in graph]
        assert not missing, f"case removes triples the minimal graph lacks: {missing}"
        graph -= removed
    if case.add:
        graph += turtle(case.add)
    return graph


@functools.cache
def result_of(case: Case) -> ValidationResult:
    return validate(patched(case))


def test_minimal_graph_conforms_without_any_result() -> None:
    result = validate(minimal_graph())
    assert result.conforms, format_report(result)
    assert result.violations == []
    assert format_report(result) == "0 violations (0 warnings)"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_each_constraint_reports_its_focus_node_and_path(case: Case) -> None:
    result = result_of(case)
    report = format_report(result)
    shape, component = RESKGSH[case.shape], SH[f"{case.component}ConstraintComponent"]
    hits = [v for v in result.violations if v.shape == shape and v.component == component]
    assert hits, f"no {case.component} result from {case.shape}:\n{report}"
    for v in result.violations:
        if case.focus is None:
            assert isinstance(v.focus, BNode), report
        else:
            assert v.focus == case.focus, report
        assert v.path == case.path, report
        assert v.severity == case.severity, report
    assert result.conforms is (case.severity != "Violation")


def _constraint_components(shapes: Graph) -> set[tuple[URIRef, URIRef]]:
    """(shape, component) for each constraint of each targeted shape and its property shapes."""
    parameters = {
        SH.minCount: "MinCount",
        SH.maxCount: "MaxCount",
        SH.datatype: "Datatype",
        SH["class"]: "Class",
        SH.nodeKind: "NodeKind",
        SH.pattern: "Pattern",
        SH["in"]: "In",
        SH["or"]: "Or",
        SH["not"]: "Not",
        SH.node: "Node",
        SH.lessThan: "LessThan",
        SH.lessThanOrEquals: "LessThanOrEquals",
        SH.qualifiedMaxCount: "QualifiedMaxCount",
        SH.qualifiedMinCount: "QualifiedMinCount",
        SH.hasValue: "HasValue",
        SH.minLength: "MinLength",
        SH.maxLength: "MaxLength",
        SH.equals: "Equals",
        SH.disjoint: "Disjoint",
        SH["and"]: "And",
        SH.xone: "Xone",
        SH.closed: "Closed",
        SH.uniqueLang: "UniqueLang",
        SH.languageIn: "LanguageIn",
        SH.minInclusive: "MinInclusive",
        SH.maxInclusive: "MaxInclusive",
        SH.minExclusive: "MinExclusive",
        SH.maxExclusive: "MaxExclusive",
    }
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    targeted = {s for t in targets for s in shapes.subjects(t, None)}
    checked = targeted | {p for s in targeted for p in shapes.objects(s, SH.property)}
    return {
        (shape, SH[f"{name}ConstraintComponent"])
        for shape in checked
        for parameter, name in parameters.items()
        if (shape, parameter, None) in shapes
    }


def test_every_constraint_has_a_case() -> None:
    declared = _constraint_components(shapes_graph())
    covered = {(RESKGSH[c.shape], SH[f"{c.component}ConstraintComponent"]) for c in CASES}
    assert declared - covered == set(), "constraints without a test case"
    assert covered - declared == set(), "cases for constraints the shapes do not have"
    assert all(isinstance(shape, URIRef) for shape, _ in declared), "anonymous checked shape"


def test_property_shapes_carry_their_own_targets() -> None:
    # A property shape listed by a targeted node shape with sh:property is evaluated once per
    # focus node by pySHACL (2.9 times slower on a corpus graph); see the header of shapes.ttl.
    shapes = shapes_graph()
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    targeted = {s for t in targets for s in shapes.subjects(t, None)}
    listing = sorted(str(s) for s in targeted if (s, SH.property, None) in shapes)
    assert listing == [], "targeted node shapes that list property shapes"
    named = {s for s in shapes.subjects(RDF.type, SH.PropertyShape) if isinstance(s, URIRef)}
    assert named and named <= targeted, "named property shapes without a target"


def test_date_ranges_of_mixed_precision_are_not_ordered() -> None:
    # pySHACL orders literals of different datatypes by datatype IRI; the shapes skip them.
    graph = minimal_graph()
    graph.set((R, RESKG.adoptionStart, Literal("2009", datatype=XSD.gYear)))
    assert validate(graph).conforms


@pytest.mark.parametrize(
    "symbol",
    [
        "10/11",
        "822",
        "21/10-P(IS)",
        "1514 (XV)",
        "377 A (V)",
        "ES-11/1",
        "186 (S-2)",
        "62/243",
        "5",
    ],
)
def test_native_symbols_are_accepted(symbol: str) -> None:
    graph = minimal_graph()
    graph.set((R, ELI.id_local, Literal(symbol)))
    result = validate(graph)
    assert result.conforms, format_report(result)


@pytest.mark.parametrize("symbol", ["", "10/11 ", " 10/11", "res. 10/11", "(1)", "a/b"])
def test_non_symbols_are_rejected(symbol: str) -> None:
    graph = minimal_graph()
    graph.set((R, ELI.id_local, Literal(symbol)))
    result = validate(graph)
    assert [(v.focus, v.path) for v in result.violations] == [(R, ELI.id_local)]


# -- the validator and its report ---------------------------------------------------------------


def test_validate_leaves_the_graph_alone_and_loads_shapes_once() -> None:
    graph = minimal_graph()
    before = set(graph)
    validate(graph)
    assert set(graph) == before
    assert shapes_graph() is shapes_graph()


def test_report_is_a_sorted_table_with_a_summary() -> None:
    graph = Graph()  # without the test's prefixes: IRIs show relative to void:uriSpace
    graph += patched(CASES[0])
    graph += turtle('x:res\\/x a reskg:Resolution ; rdfs:label "Resolution X"@en .')
    graph += turtle('place:dakar reskg:placeKind "hamlet" .')
    graph.bind("eli", ELI)
    result = validate(graph)
    report = format_report(result).splitlines()
    assert report[0].split() == ["SEVERITY", "FOCUS", "PATH", "VALUE", "MESSAGE"]
    assert set(report[1]) <= {"-", " "}
    assert report[-1] == "2 violations (1 warnings)"
    body = report[2:-1]
    assert [line.split()[0] for line in body] == ["Violation", "Violation", "Warning"]
    assert "<eli/oic/res/10-11>" in body[0]  # relative to the data's void:uriSpace
    assert "reskg:placeKind" in body[1] and '"hamlet"' in body[1]
    columns = [line.index(line.split()[1]) for line in body]
    assert len(set(columns)) == 1, "columns are not aligned"
    assert isinstance(result.violations[0], Violation)
    assert not result.conforms


def test_warnings_alone_conform() -> None:
    graph = minimal_graph() + turtle('x:res\\/x a reskg:Resolution ; rdfs:label "X"@en .')
    result = validate(graph)
    assert result.conforms
    assert [v.severity for v in result.violations] == ["Warning"]
    assert format_report(result).endswith("0 violations (1 warnings)")


# -- what the assembler writes ------------------------------------------------------------------


def test_graph_builder_output_conforms() -> None:
    from reskg.article import parse_article
    from reskg.assemble import GraphBuilder, assemble
    from reskg.facts import (
        CitationFact,
        DateValue,
        EventFact,
        OrganizationFact,
        PersonFact,
        PlaceFact,
        ProvisionFact,
        ResolutionFact,
        ResolutionRef,
    )

    builder = GraphBuilder()
    dakar = builder.add_place("Dakar", None, "city")
    builder.add_organization("Organisation of Islamic Cooperation", None)
    ref = ResolutionRef("Organisation of Islamic Cooperation", "10/11")
    builder.add_resolution(ref, None)
    event = builder.add_event("11th Islamic Summit", DateValue("2008-03-13", "2008-03-14"), (0, 5))
    builder.add(event, SCHEMA.location, dakar)
    result = validate(builder.graph)
    assert result.conforms and not result.violations, format_report(result)

    text = (
        "= OIC Resolution 10/11 =\n\n"
        "OIC Resolution 10/11 was adopted in Dakar, Senegal, on 13-14 March 2008. "
        "It condemns the attacks and urges all states to act. "
        "President Abdoulaye Wade of Senegal welcomed it. It recalls resolution 21/10-P(IS).\n"
    )
    article = parse_article(text, name="oic-resolution-10-11.txt")

    def span(phrase: str) -> tuple[int, int]:
        start = text.index(phrase)
        return start, start + len(phrase)

    cited = ResolutionRef("Organisation of Islamic Cooperation", "21/10-P(IS)")
    dates = DateValue("2008-03-13", "2008-03-14")
    facts = [
        PlaceFact("Dakar", span("Dakar"), "city", country="Senegal", geonames_id="2253354"),
        PlaceFact("Senegal", span("Senegal"), "country", iso_code="SN"),
        OrganizationFact("Organisation of Islamic Cooperation", span("OIC"), abbreviation="OIC"),
        ResolutionFact(
            ref,
            span("OIC Resolution 10/11 was adopted"),
            is_subject=True,
            date=dates,
            place="Dakar",
            country="Senegal",
            session="11th Islamic Summit",
            paragraphs=25,
            votes_for=40,
        ),
        CitationFact(ref, cited, span("recalls resolution 21/10-P(IS)")),
        PersonFact(
            "Abdoulaye Wade",
            span("Abdoulaye Wade"),
            role="President",
            affiliation="Senegal",
            affiliation_kind="country",
        ),
        EventFact("11th Islamic Summit", dates, span("13-14 March 2008"), "session", "Dakar"),
        ProvisionFact(
            ref,
            "condemns",
            span("condemns the attacks"),
            paragraph=1,
            objects=("the attacks",),
            text="condemns the attacks",
        ),
        ProvisionFact(
            ref,
            "urges",
            span("urges all states to act"),
            addressee="all states",
            objects=("to act",),
        ),
    ]
    graph = assemble([(article, facts)])
    assert (None, RDF.type, RESKG.Evidence) in graph
    assert (None, RDF.type, RESKG.Provision) in graph
    result = validate(graph)
    assert result.conforms and not result.violations, format_report(result)


# -- the ontology and the action scheme -----------------------------------------------------------


def _reskg_terms_in_assemble() -> set[str]:
    source = ASSEMBLE_SOURCE.read_text(encoding="utf-8")
    names = set(re.findall(r"\bRESKG\.([A-Za-z_][A-Za-z0-9_]*)", source))
    names |= set(re.findall(r"\bRESKG\[\s*[\"']([^\"']+)[\"']\s*\]", source))
    return names


def test_ontology_files_parse() -> None:
    files = sorted(ONTOLOGY_DIR.glob("*.ttl"))
    assert {f.name for f in files} >= {"reskg.ttl", "actions.ttl", "shapes.ttl"}
    for file in files:
        assert len(Graph().parse(file, format="turtle")) > 0, file


def test_ontology_declares_every_term_the_assembler_uses() -> None:
    terms = _reskg_terms_in_assemble()
    assert {"Resolution", "Provision", "Evidence", "adoptionStart", "span"} <= terms
    ontology = Graph().parse(ONTOLOGY_DIR / "reskg.ttl", format="turtle")
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
    for name in sorted(terms):
        term = RESKG[name]
        assert set(ontology.objects(term, RDF.type)) & kinds, f"reskg:{name} is not declared"
        assert ontology.value(term, RDFS.label) is not None, f"reskg:{name} has no label"
        assert ontology.value(term, RDFS.comment) is not None, f"reskg:{name} has no comment"


def test_ontology_declares_only_what_it_uses() -> None:
    ontology = Graph().parse(ONTOLOGY_DIR / "reskg.ttl", format="turtle")
    declared = {
        str(s)[len(str(RESKG)) :]
        for s in ontology.subjects(RDFS.isDefinedBy, URIRef("https://w3id.org/reskg/ontology"))
    }
    assert declared == _reskg_terms_in_assemble()


def test_ontology_header_and_alignments() -> None:
    ontology = Graph().parse(ONTOLOGY_DIR / "reskg.ttl", format="turtle")
    header = URIRef("https://w3id.org/reskg/ontology")
    assert (header, RDF.type, OWL.Ontology) in ontology
    for prop in (DCT.title, DCT.description, DCT.license, OWL.versionInfo):
        assert ontology.value(header, prop) is not None, prop
    expected = [
        (RESKG.Resolution, RDFS.subClassOf, ELI.LegalResource),
        (RESKG.Resolution, RDFS.subClassOf, SCHEMA.Legislation),
        (RESKG.Provision, RDFS.subClassOf, ELI.LegalResourceSubdivision),
        (RESKG.Evidence, RDFS.subClassOf, RDF.Statement),
        (RESKG.Evidence, RDFS.subClassOf, PROV.Entity),
        (RESKG.Village, RDFS.subClassOf, SCHEMA.Place),
        (RESKG.relatedTo, RDFS.subPropertyOf, DCT.relation),
        (RESKG.adoptionStart, RDFS.subPropertyOf, DCT.date),
        (RESKG.adoptionEnd, RDFS.subPropertyOf, DCT.date),
        (RESKG.formerName, RDFS.subPropertyOf, SKOS.hiddenLabel),
        (RESKG.inArticle, SKOS.closeMatch, OA.hasSource),
    ]
    for triple in expected:
        assert triple in ontology, triple
    # Others' terms are reused, never redefined.
    foreign = {s for s in ontology.subjects() if isinstance(s, URIRef)}
    foreign -= {header} | {RESKG[n] for n in _reskg_terms_in_assemble()}
    assert foreign == set()


ACTION_SLUGS = [
    *("condemns", "demands", "urges", "calls-upon", "requests", "reaffirms"),
    *("expresses-concern", "recognizes", "decides", "considers", "welcomes", "notes"),
    *("supports", "invites", "recalls", "affirms", "declares", "deplores", "regrets"),
    *("appeals", "encourages", "expresses-gratitude", "expresses-solidarity", "rejects"),
    *("emphasizes", "acknowledges"),
]


@functools.cache
def actions_graph() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "actions.ttl", format="turtle")


def test_action_scheme_has_the_agreed_concepts() -> None:
    graph = actions_graph()
    scheme = RESKG.ActionScheme
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert concepts == {RESKG[f"action-{slug}"] for slug in ACTION_SLUGS}
    for concept in concepts:
        assert (concept, SKOS.inScheme, scheme) in graph
        assert graph.value(concept, SKOS.definition) is not None, concept
        labels = list(graph.objects(concept, SKOS.prefLabel))
        assert len(labels) == 1, concept
        # The assembler mints RESKG[f"action-{slugify(action)}"] from the action's name.
        assert RESKG[f"action-{slugify(str(labels[0]))}"] == concept
        assert len(list(graph.objects(concept, SKOS.altLabel))) >= 5, concept


def test_action_labels_name_one_concept_each() -> None:
    graph = actions_graph()
    owner: dict[str, URIRef] = {}
    for prop in (SKOS.prefLabel, SKOS.altLabel):
        for concept, label in graph.subject_objects(prop):
            key = str(label).casefold()
            assert key == str(label) and key.strip() == key, f"label {label!r} is not normalised"
            assert owner.setdefault(key, concept) == concept, f"{label!r} names two concepts"
    assert {
        "condemnation",
        "strongly condemned",
        "calls on",
        "called upon",
        "expresses serious concern",
        "deep concern is expressed",
    } <= set(owner)


def test_shapes_accept_exactly_the_action_scheme() -> None:
    shapes = shapes_graph()
    listed = set(Collection(shapes, shapes.value(RESKGSH["Provision-action"], SH["in"])))
    assert listed == set(actions_graph().subjects(RDF.type, SKOS.Concept))


def test_place_kinds_are_those_the_assembler_and_gazetteer_write() -> None:
    tree = ast.parse(ASSEMBLE_SOURCE.read_text(encoding="utf-8"))
    kinds = {"place"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "_PLACE_CLASSES" for t in node.targets
        ):
            assert isinstance(node.value, ast.Dict)
            kinds |= {k.value for k in node.value.keys if isinstance(k, ast.Constant)}
    assert "village" in kinds, "_PLACE_CLASSES not found in assemble.py"
    lines = PLACE_KINDS_FILE.read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader((line for line in lines if line and line[0] != "#"), delimiter="\t")
    kinds |= {row["kind"] for row in rows}
    assert "territory" in kinds, f"no kinds read from {PLACE_KINDS_FILE}"
    shapes = shapes_graph()
    listed = {
        str(v) for v in Collection(shapes, shapes.value(RESKGSH["Place-placeKind"], SH["in"]))
    }
    assert listed == kinds, "update reskgsh:Place-placeKind in ontology/shapes.ttl"


def test_every_branch_of_the_partial_date_shape_checks_the_lexical_form() -> None:
    """The xsd:date branch had no sh:pattern: an engine that does not check lexical forms took
    "13 March 2008"^^xsd:date."""
    shapes = shapes_graph()
    branches = Collection(shapes, shapes.value(RESKGSH.PartialDate, SH["or"]))
    patterns = {shapes.value(b, SH.datatype): shapes.value(b, SH.pattern) for b in branches}
    assert set(patterns) == {XSD.date, XSD.gYearMonth, XSD.gYear}
    assert all(patterns.values()), patterns
    date = re.compile(str(patterns[XSD.date]))
    assert date.search("2008-03-13") and date.search("1994-12-31")
    for bad in ("13 March 2008", "2008-3-13", "2008-13-01", "2008-03-32", "2008-03"):
        assert not date.search(bad), bad
