"""RDF serialisation formats: one table serves ``--format``, file extensions and HTTP conneg."""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Graph


@dataclass(frozen=True)
class RdfFormat:
    """A serialisation: short name, media type, file extension, rdflib plugin name."""

    name: str
    media_type: str
    extension: str
    rdflib_name: str


FORMATS: dict[str, RdfFormat] = {
    f.name: f
    for f in (
        RdfFormat("turtle", "text/turtle", ".ttl", "turtle"),
        RdfFormat("nt", "application/n-triples", ".nt", "nt"),
        RdfFormat("json-ld", "application/ld+json", ".jsonld", "json-ld"),
    )
}
ALIASES = {"ttl": "turtle", "ntriples": "nt", "n-triples": "nt", "jsonld": "json-ld"}


def get_format(name: str) -> RdfFormat:
    """The format named ``name`` (or an alias); KeyError lists the known names."""
    key = ALIASES.get(name.lower(), name.lower())
    if key not in FORMATS:
        raise KeyError(f"unknown format {name!r}; choose one of {', '.join(FORMATS)}")
    return FORMATS[key]


def format_for_path(path: str | Path) -> RdfFormat:
    """The format a file name implies (``.ttl``, ``.nt``, ``.jsonld``, optionally ``.gz``)."""
    suffixes = Path(path).suffixes
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    extension = suffixes[-1] if suffixes else ""
    for rdf_format in FORMATS.values():
        if rdf_format.extension == extension or (
            extension == ".json" and rdf_format.name == "json-ld"
        ):
            return rdf_format
    return FORMATS["turtle"]


def serialize(graph: Graph, rdf_format: RdfFormat) -> bytes:
    """Deterministic bytes: N-Triples as sorted lines; Turtle and JSON-LD sorted by subject.

    Turtle and JSON-LD are written by pyoxigraph (through ``reskg.publish.rdf``, as the server
    does): several times faster than rdflib's serialisers, with the same prefixes.
    """
    ntriples = graph.serialize(format="nt", encoding="utf-8")
    if rdf_format.name == "nt":
        lines = ntriples.decode("utf-8").splitlines()
        return ("\n".join(sorted(line for line in lines if line.strip())) + "\n").encode("utf-8")
    import pyoxigraph as ox

    from reskg.publish.rdf import serialize_triples

    triples = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    return serialize_triples(triples, rdf_format.media_type)  # type: ignore[arg-type]


def maybe_gzip(data: bytes, path: str | Path) -> bytes:
    """Gzip ``data`` (reproducibly: no timestamp) when ``path`` ends in ``.gz``."""
    if str(path).endswith(".gz"):
        return gzip.compress(data, mtime=0)
    return data
