"""Stable, readable IRIs: the same entity gets the same IRI in every run and every article."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import Namespace, URIRef
from rdflib import namespace as rdflib_namespaces


class _Namespace(Namespace):
    """An rdflib ``Namespace`` that makes each term once: ``SCHEMA.Place`` is a cached attribute.

    rdflib builds a new ``URIRef`` on every attribute access (3 µs); the assembler does that
    hundreds of thousands of times in a corpus build.
    """

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)
        self.__dict__[name] = term
        return term


class _ClosedTerms:
    """A closed rdflib namespace (``RDF``, ``XSD``...) whose terms are made once, likewise.

    Unknown names still raise AttributeError; ``str()`` is the namespace IRI.
    """

    def __init__(self, namespace: type[rdflib_namespaces.DefinedNamespace]) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = getattr(self._namespace, name)
        self.__dict__[name] = term
        return term

    def __str__(self) -> str:
        return str(self._namespace)


RDF = _ClosedTerms(rdflib_namespaces.RDF)
RDFS = _ClosedTerms(rdflib_namespaces.RDFS)
XSD = _ClosedTerms(rdflib_namespaces.XSD)
OWL = _ClosedTerms(rdflib_namespaces.OWL)
SKOS = _ClosedTerms(rdflib_namespaces.SKOS)
DCTERMS = _ClosedTerms(rdflib_namespaces.DCTERMS)

DEFAULT_BASE = "https://w3id.org/reskg"
RESKG = _Namespace("https://w3id.org/reskg/ontology#")
ELI = _Namespace("http://data.europa.eu/eli/ontology#")
SCHEMA = _Namespace("https://schema.org/")
ORG = _Namespace("http://www.w3.org/ns/org#")
PROV = _Namespace("http://www.w3.org/ns/prov#")
TIME = _Namespace("http://www.w3.org/2006/time#")
OA = _Namespace("http://www.w3.org/ns/oa#")
VOID = _Namespace("http://rdfs.org/ns/void#")
WD = _Namespace("http://www.wikidata.org/entity/")

PREFIXES = {
    "reskg": RESKG,
    "eli": ELI,
    "schema": SCHEMA,
    "org": ORG,
    "prov": PROV,
    "time": TIME,
    "oa": OA,
    "void": VOID,
    "wd": WD,
}


def slugify(text: str) -> str:
    """Lowercase ASCII words joined by hyphens: "21/10-P(IS)" -> "21-10-p-is"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if slug:
        return slug
    return "x" + hashlib.sha1(text.encode()).hexdigest()[:10]


def short_hash(*parts: object) -> str:
    """A short deterministic hash of ``parts``, for IRIs of nodes that have no readable key."""
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def mint_iri(base: str, kind: str, *keys: str) -> str:
    """``{base}/{kind}/{slug}/{slug}...``; ``base`` has no trailing slash."""
    return "/".join([base.rstrip("/"), kind, *(slugify(k) for k in keys)])
