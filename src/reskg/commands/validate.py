"""``reskg validate``: the SHACL report of graph files, as a readable table."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check graph files against the SHACL shapes",
        description="Validate graph files (merged) against ontology/shapes.ttl with SHACL Core. "
        "Exit 0 if the graph conforms, 1 if it does not, 2 if a file cannot be read.",
    )
    parser.add_argument("graphs", nargs="+", metavar="GRAPH", help="Turtle, N-Triples or JSON-LD")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from rdflib import Graph

    from reskg.formats import format_for_path
    from reskg.rdfinput import InputError, check_jsonld_file
    from reskg.validate import format_report, validate

    graph = Graph()
    for name in args.graphs:
        path = Path(name)
        if not path.is_file():
            print(f"{path}: no such file", file=sys.stderr)
            return 2
        try:
            rdf_format = format_for_path(path)
            if rdf_format.name == "json-ld":
                check_jsonld_file(path)
            graph.parse(path, format=rdf_format.rdflib_name)
        except InputError as err:
            print(err, file=sys.stderr)
            return 2
        except Exception as err:  # rdflib raises many parser-specific types
            print(f"{path}: cannot parse: {str(err).splitlines()[0]}", file=sys.stderr)
            return 2
    result = validate(graph)
    print(format_report(result))
    return 0 if result.conforms else 1
