"""Stable, readable IRIs: the same entity gets the same IRI in every run and every article."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import Namespace

DEFAULT_BASE = "https://w3id.org/reskg"
RESKG = Namespace("https://w3id.org/reskg/ontology#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
TIME = Namespace("http://www.w3.org/2006/time#")
OA = Namespace("http://www.w3.org/ns/oa#")
VOID = Namespace("http://rdfs.org/ns/void#")
WD = Namespace("http://www.wikidata.org/entity/")

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
