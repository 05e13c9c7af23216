"""Serialise pyoxigraph triples in any format of the table (JSON-LD with a context); short IRIs."""

from __future__ import annotations

import itertools
import json
import re
import textwrap
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from reskg.iris import PREFIXES as RESKG_PREFIXES

PREFIXES: dict[str, str] = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    **{prefix: str(namespace) for prefix, namespace in RESKG_PREFIXES.items()},
}
RDF_TYPE = PREFIXES["rdf"] + "type"
XSD_STRING = PREFIXES["xsd"] + "string"
RDF_LANG_STRING = PREFIXES["rdf"] + "langString"

_LOCAL_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")


def shorten(iri: str) -> str:
    """``prefix:local`` when a known prefix covers ``iri`` with a plain local name, else ``iri``."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and _LOCAL_NAME.match(iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def serialize_triples(triples: Iterable[ox.Triple], media_type: str) -> bytes:
    """``triples`` in the RDF format of ``media_type`` (sorted, so output is stable)."""
    from reskg.formats import format_for_media

    ordered = sorted(set(triples), key=str)
    rdf_format = format_for_media(media_type)
    if rdf_format is None:
        raise ValueError(f"not an RDF media type: {media_type}")
    if rdf_format.name == "json-ld":
        return to_jsonld(ordered)
    if rdf_format.name in ("nt", "nquads"):  # a triple's N-Triples line is its N-Quads line
        return ox.serialize(ordered, format=ox.RdfFormat.N_TRIPLES) or b""
    return (
        ox.serialize(ordered, format=rdf_format.ox_format, prefixes=_used_prefixes(ordered)) or b""
    )


def to_jsonld(triples: Iterable[ox.Triple]) -> bytes:
    """Compacted JSON-LD: one node object per subject, keys and types as prefixed names.

    The triples of a subject must come together (sorted triples do).
    """
    ordered = list(triples)
    return "".join(jsonld_chunks(ordered, _used_prefixes(ordered))).encode("utf-8")


def jsonld_chunks(triples: Iterable[ox.Triple], context: dict[str, str]) -> Iterator[str]:
    """``to_jsonld``'s text in pieces, one node object at a time (for streaming)."""
    yield '{\n "@context": ' + _indented(context, " ")[1:] + ',\n "@graph": ['
    first = True
    for _, group in itertools.groupby(triples, key=lambda t: t.subject):
        yield ("\n" if first else ",\n") + _indented(_node(list(group)), "  ")
        first = False
    yield "]\n}" if first else "\n ]\n}"


def _indented(value: object, prefix: str) -> str:
    return textwrap.indent(json.dumps(value, ensure_ascii=False, indent=1), prefix)


def _node(triples: list[ox.Triple]) -> dict[str, object]:
    """The node object of one subject's triples."""
    node: dict[str, object] = {"@id": _node_id(triples[0].subject)}
    for triple in triples:
        predicate = triple.predicate.value
        if predicate == RDF_TYPE and isinstance(triple.object, ox.NamedNode):
            types = node.setdefault("@type", [])
            assert isinstance(types, list)
            types.append(shorten(triple.object.value))
            continue
        values = node.setdefault(shorten(predicate), [])
        assert isinstance(values, list)
        values.append(_jsonld_value(triple.object))
    return node


def _node_id(term: object) -> str:
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value  # type: ignore[attr-defined]


def _jsonld_value(term: object) -> dict[str, str]:
    if isinstance(term, ox.Literal):
        value: dict[str, str] = {"@value": term.value}
        if term.language:
            value["@language"] = term.language
        elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            value["@type"] = term.datatype.value
        return value
    return {"@id": _node_id(term)}


def _used_prefixes(triples: list[ox.Triple]) -> dict[str, str]:
    text = " ".join(str(t) for t in triples)
    return {prefix: ns for prefix, ns in PREFIXES.items() if ns in text}
