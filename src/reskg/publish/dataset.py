"""The RDF dataset ``reskg serve`` answers: the inputs' graphs by name, their union as default.

Layout:

- ``read_dataset(files, base, rdf_format)``: a file whose format carries graph names (N-Quads,
  TriG, JSON-LD) keeps them; a file of triples (Turtle, N-Triples, RDF/XML) becomes the named
  graph ``{base}/graph/{file name}``; the default graph is the RDF merge of everything
- ``write_query_dump(dataset, path)``: the N-Quads the query workers load

Why the union is written out as the default graph, not asked for with Oxigraph's
``use_default_graph_as_union``: that flag overrides a query's ``FROM`` and counts a triple once
per graph holding it, where the protocol's default graph is a merge (each triple once). The
workers hold each triple twice (union and named graph) for it.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from reskg.formats import RdfError, RdfFormat, format_for_path, read_quads


class DatasetError(Exception):
    """The inputs cannot be served as one dataset; the message is one line naming a file."""


@dataclass
class ServedDataset:
    """The union of every input (default graph only, literals as written) and the named graphs."""

    union: ox.Dataset = field(default_factory=ox.Dataset)
    named: ox.Dataset = field(default_factory=ox.Dataset)

    @property
    def graph_names(self) -> list[str]:
        return sorted({q.graph_name.value for q in self.named})  # type: ignore[union-attr]


def graph_name_for(path: Path, base: str) -> str:
    """The name a file of triples gets as a graph: ``{base}/graph/{file name without .gz}``."""
    name = path.name[: -len(".gz")] if path.name.endswith(".gz") else path.name
    return f"{base.rstrip('/')}/graph/{urllib.parse.quote(name)}"


def read_dataset(
    files: list[Path], base: str, rdf_format: RdfFormat | None = None
) -> ServedDataset:
    """Read ``files`` into one dataset (see the module's layout); DatasetError on bad input."""
    dataset = ServedDataset()
    named_by: dict[str, Path] = {}
    for path in files:
        try:
            quads = read_quads(path, rdf_format)
            carries_names = format_for_path(path, rdf_format).quads
        except RdfError as err:
            raise DatasetError(str(err)) from None
        graph: ox.NamedNode | None = None
        if not carries_names:
            name = graph_name_for(path, base)
            if name in named_by:
                raise DatasetError(
                    f"{path}: would be graph <{name}> like {named_by[name]}; rename one of them"
                )
            named_by[name] = path
            graph = ox.NamedNode(name)
        for quad in quads:
            dataset.union.add(ox.Quad(quad.subject, quad.predicate, quad.object))
            target = quad.graph_name if carries_names else graph
            if isinstance(target, (ox.NamedNode, ox.BlankNode)):
                dataset.named.add(ox.Quad(quad.subject, quad.predicate, quad.object, target))
    return dataset


def write_query_dump(dataset: ServedDataset, path: Path) -> None:
    """N-Quads of the union (default graph) followed by the named graphs."""
    with path.open("wb") as out:
        ox.serialize(iter(dataset.union), out, format=ox.RdfFormat.N_QUADS)
        ox.serialize(iter(dataset.named), out, format=ox.RdfFormat.N_QUADS)
