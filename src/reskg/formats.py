"""RDF formats: one table serves every command's reading and writing, ``--format`` and conneg.

Layout:

- ``FORMATS``: Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML by short name; each knows its
  media type, file suffixes, rdflib and pyoxigraph names; ``get_format(name)``,
  ``format_for_path(path)`` (a ``.gz`` after the suffix means gzip) and ``format_for_media``
- ``read_rdf_bytes(path)``: a file's bytes, decompressed within bounds when it ends in ``.gz``
  (:mod:`reskg.rdfinput`)
- ``read_quads(path, rdf_format)``: its quads (triples are in the default graph), literals as
  written; every RDF file reskg reads goes through here (pyoxigraph's parsers; JSON-LD that
  would load another document is refused first)
- ``read_rdflib(paths, rdf_format)``: files merged into one rdflib ``Graph`` (graph names
  dropped), for SHACL validation and linking
- ``serialize(graph, rdf_format)`` / ``write_graph(...)``: deterministic output of an rdflib
  graph; ``gzip_if(path, out)`` compresses when the name ends in ``.gz``

Every problem is an :class:`RdfError` whose message is one line naming the file.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import itertools
import logging
import shutil
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

import pyoxigraph as ox

from reskg.rdfinput import InputError, read_bytes, refuse_remote_contexts

if TYPE_CHECKING:
    from rdflib import Graph


class RdfError(ValueError):
    """An RDF file or format that cannot be used; the message is one line naming it."""


@dataclass(frozen=True)
class RdfFormat:
    """A serialisation: short name, media type, file suffixes (first is the usual one)."""

    name: str
    label: str
    media_type: str
    extensions: tuple[str, ...]
    rdflib_name: str
    ox_format: ox.RdfFormat
    quads: bool = False

    @property
    def extension(self) -> str:
        return self.extensions[0]


FORMATS: dict[str, RdfFormat] = {
    f.name: f
    for f in (
        RdfFormat(
            "turtle", "Turtle", "text/turtle", (".ttl", ".turtle"), "turtle", ox.RdfFormat.TURTLE
        ),
        RdfFormat(
            "nt", "N-Triples", "application/n-triples", (".nt",), "nt", ox.RdfFormat.N_TRIPLES
        ),
        RdfFormat(
            "nquads",
            "N-Quads",
            "application/n-quads",
            (".nq", ".nquads"),
            "nquads",
            ox.RdfFormat.N_QUADS,
            quads=True,
        ),
        RdfFormat(
            "trig", "TriG", "application/trig", (".trig",), "trig", ox.RdfFormat.TRIG, quads=True
        ),
        RdfFormat(
            "json-ld",
            "JSON-LD",
            "application/ld+json",
            (".jsonld", ".json"),
            "json-ld",
            ox.RdfFormat.JSON_LD,
            quads=True,
        ),
        RdfFormat(
            "rdf-xml",
            "RDF/XML",
            "application/rdf+xml",
            (".rdf", ".owl", ".xml"),
            "xml",
            ox.RdfFormat.RDF_XML,
        ),
    )
}
ALIASES = {
    "ttl": "turtle",
    "ntriples": "nt",
    "n-triples": "nt",
    "nq": "nquads",
    "n-quads": "nquads",
    "jsonld": "json-ld",
    "rdf": "rdf-xml",
    "rdfxml": "rdf-xml",
    "xml": "rdf-xml",
}
FORMAT_NAMES = sorted([*FORMATS, *ALIASES])


def get_format(name: str) -> RdfFormat:
    """The format named ``name`` (or an alias); RdfError lists the known names."""
    key = ALIASES.get(name.lower(), name.lower())
    if key not in FORMATS:
        raise RdfError(f"unknown RDF format {name!r}; choose one of {', '.join(FORMATS)}")
    return FORMATS[key]


def format_for_media(media_type: str) -> RdfFormat | None:
    """The format of a media type (parameters ignored), or None."""
    media = media_type.split(";")[0].strip().lower()
    return next((f for f in FORMATS.values() if f.media_type == media), None)


def known_suffixes() -> str:
    return ", ".join(e for f in FORMATS.values() for e in f.extensions)


def format_for_path(path: str | Path, rdf_format: RdfFormat | None = None) -> RdfFormat:
    """``rdf_format`` if given, else the format of the file name (``.gz`` after it is allowed).

    A name without a known suffix is an RdfError: reskg never guesses.
    """
    if rdf_format is not None:
        return rdf_format
    name = Path(path).name
    if name.endswith(".gz"):  # as reskg.rdfinput.read_bytes decides to gunzip
        name = name[: -len(".gz")]
    name = name.lower()
    for candidate in FORMATS.values():
        if any(name.endswith(extension) for extension in candidate.extensions):
            return candidate
    raise RdfError(
        f"{path}: cannot tell the RDF format from the file name (known suffixes: "
        f"{known_suffixes()}, each optionally .gz); name the format with --format "
        "(--graph-format for reskg query)"
    )


# -- reading ------------------------------------------------------------------------------------


def read_rdf_bytes(path: str | Path) -> bytes:
    """The bytes of an RDF file, gunzipped within bounds when its name ends in ``.gz``."""
    path = Path(path)
    if path.is_dir():
        raise RdfError(f"{path}: is a directory, not a graph file")
    if not path.exists():
        raise RdfError(f"{path}: no such file")
    try:
        return read_bytes(path)
    except InputError as err:
        raise RdfError(str(err)) from None


def read_quads(path: str | Path, rdf_format: RdfFormat | None = None) -> list[ox.Quad]:
    """The quads of one RDF file, in its format (from the name unless ``rdf_format``)."""
    rdf_format = format_for_path(path, rdf_format)
    data = read_rdf_bytes(path)
    try:
        if rdf_format.name == "json-ld":
            refuse_remote_contexts(data, str(path))
    except InputError as err:
        raise RdfError(str(err)) from None
    try:
        return list(ox.parse(data, format=rdf_format.ox_format))
    except SyntaxError as err:
        line = f" line {err.lineno}" if err.lineno else ""
        message = (err.msg or str(err)).splitlines()[0] if (err.msg or str(err)) else "bad syntax"
        raise RdfError(f"{path}{line}: not valid {rdf_format.label}: {message}") from None
    except (ValueError, OSError) as err:
        raise RdfError(f"{path}: not valid {rdf_format.label}: {err}") from None


def read_rdflib(paths: Iterable[str | Path], rdf_format: RdfFormat | None = None) -> Graph:
    """The triples of every file in one rdflib Graph (named graphs merged into it)."""
    from rdflib import Graph

    graph = Graph()
    for path in paths:
        quads = read_quads(path, rdf_format)
        data = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES) or b""
        with quiet_ill_typed_literals():
            graph.parse(data=data, format="nt")
    return graph


@contextlib.contextmanager
def quiet_ill_typed_literals() -> Iterator[None]:
    """rdflib logs a traceback for each literal it cannot convert ("13 March 2008"^^xsd:date).

    Such a literal is kept (ill-typed) and the SHACL shapes report it; the traceback would
    only bury the report.
    """
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


# -- writing ------------------------------------------------------------------------------------
def serialize(graph: Graph, rdf_format: RdfFormat) -> bytes:
    """Deterministic bytes: N-Triples (and N-Quads) as sorted lines, the others sorted by subject.

    All but N-Triples are written by pyoxigraph (through ``reskg.publish.rdf``, as the server
    does): several times faster than rdflib's serialisers, with the same prefixes.
    """
    ntriples = graph.serialize(format="nt", encoding="utf-8")
    if rdf_format.name in ("nt", "nquads"):  # a triple's N-Triples line is its N-Quads line
        lines = ntriples.decode("utf-8").splitlines()
        return ("\n".join(sorted(line for line in lines if line.strip())) + "\n").encode("utf-8")
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
    if rdf_format.name in ("nt", "nquads"):
        out.write(head)
        for part in parts:
            with part.open("rb") as handle:
                shutil.copyfileobj(handle, out)
        return
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
    ox.serialize(triples(), out, format=rdf_format.ox_format, prefixes=used)


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


def add_format_option(parser: argparse.ArgumentParser, flag: str = "--format") -> None:
    """The option naming the format of a command's GRAPH files (else each file's suffix)."""
    parser.add_argument(
        flag,
        dest="rdf_format",
        type=_format_argument,
        metavar="FORMAT",
        help=f"format of the GRAPH files: {', '.join(FORMATS)} (default: from each file's "
        "suffix; a .gz suffix after it means gzip)",
    )


def _format_argument(name: str) -> RdfFormat:
    try:
        return get_format(name)
    except RdfError as err:
        raise argparse.ArgumentTypeError(str(err)) from None
