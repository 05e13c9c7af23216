"""``reskg validate``: the SHACL report of graph files, as a readable table."""

from __future__ import annotations

import argparse
import sys

from reskg import argtypes
from reskg.formats import add_format_option


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check graph files against the SHACL shapes",
        description="Validate graph files (merged) against ontology/shapes.ttl with SHACL Core. "
        "Exit 0 if the graph conforms, 1 if it does not, 2 if a file cannot be read.",
    )
    parser.add_argument(
        "graphs",
        nargs="+",
        type=argtypes.path,
        metavar="GRAPH",
        help="graph files in any RDF format of the table",
    )
    add_format_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from reskg.formats import RdfError, quiet_ill_typed_literals, read_rdflib
    from reskg.validate import format_report, validate

    try:
        graph = read_rdflib(args.graphs, args.rdf_format)
    except RdfError as err:
        print(err, file=sys.stderr)
        return 2
    with quiet_ill_typed_literals():
        result = validate(graph)
    print(format_report(result))
    return 0 if result.conforms else 1
