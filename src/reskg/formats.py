"""RDF serialisation formats: one table serves ``--format``, file extensions and HTTP conneg."""

from __future__ import annotations

import contextlib
import gzip
import itertools
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

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


def write_graph(
    graph: Graph, rdf_format: RdfFormat, out: IO[bytes], parts: Sequence[Path] = ()
) -> None:
    """Write ``graph`` and the triples of the N-Triples files ``parts`` as one document.

    With no ``parts`` this writes ``serialize(graph)``. Otherwise the graph's triples come
    first (sorted), then each part's as they are (the triples of a subject must not be split
    between them); the output is streamed, so memory does not grow with the parts.
    """
    head = serialize(graph, FORMATS["nt"] if parts else rdf_format)
    if not parts:
        out.write(head)
        return
    if rdf_format.name == "nt":
        out.write(head)
        for part in parts:
            with part.open("rb") as handle:
                shutil.copyfileobj(handle, out)
        return
    import pyoxigraph as ox

    from reskg.publish.rdf import PREFIXES, jsonld_chunks

    def triples() -> Iterator[ox.Triple]:
        yield from ox.parse(head, format=ox.RdfFormat.N_TRIPLES)  # type: ignore[misc]
        for part in parts:
            yield from ox.parse(path=part, format=ox.RdfFormat.N_TRIPLES)  # type: ignore[misc]

    used = _used(PREFIXES, head, parts)
    if rdf_format.name == "json-ld":
        for chunk in jsonld_chunks(triples(), used):
            out.write(chunk.encode("utf-8"))
        return
    ox.serialize(triples(), out, format=ox.RdfFormat.TURTLE, prefixes=used)


def _used(prefixes: dict[str, str], head: bytes, parts: Sequence[Path]) -> dict[str, str]:
    """The ``prefixes`` whose namespace occurs in ``head`` or in one of the files ``parts``."""
    found: set[str] = set()
    for data in itertools.chain([head], (part.read_bytes() for part in parts)):
        found.update(p for p, ns in prefixes.items() if p not in found and ns.encode() in data)
        if len(found) == len(prefixes):
            break
    return {p: ns for p, ns in prefixes.items() if p in found}


@contextlib.contextmanager
def gzip_if(path: str | Path, out: IO[bytes]) -> Iterator[IO[bytes]]:
    """``out``, gzipped reproducibly (no name, no timestamp) when ``path`` ends in ``.gz``."""
    if not str(path).endswith(".gz"):
        yield out
        return
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as zipped:
        yield zipped  # type: ignore[misc]
