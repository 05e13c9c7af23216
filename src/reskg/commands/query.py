"""``reskg query``: run a canned query, a .rq file or inline SPARQL on graphs or an endpoint."""

from __future__ import annotations

import argparse
import sys

from reskg import argtypes, paths
from reskg.formats import add_format_option


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "query",
        help="run a SPARQL query on graph files or an endpoint",
        description="QUERY is a canned query name (see queries/), a path to a .rq file, or inline "
        "SPARQL. Graphs default to the published graph; --endpoint sends the query to a remote "
        "SPARQL endpoint instead.",
    )
    parser.add_argument("query", metavar="QUERY", help="canned query name, .rq file or SPARQL")
    parser.add_argument(
        "graphs",
        nargs="*",
        type=argtypes.path,
        metavar="GRAPH",
        help=f"graph files (default: data/{paths.PUBLISHED_GRAPH.name})",
    )
    parser.add_argument(
        "--endpoint",
        type=argtypes.http_url,
        metavar="URL",
        help="a SPARQL endpoint to query instead",
    )
    add_format_option(parser, "--graph-format")
    parser.add_argument(
        "--format",
        choices=["table", "csv", "json"],
        default="table",
        help="result format (default table)",
    )
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind ?NAME to a literal VALUE (repeatable), e.g. --param placeName=Dakar",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from reskg.query import (
        QueryError,
        bind_params,
        format_result,
        resolve_query,
        run_query,
        run_query_endpoint,
    )

    try:
        query = resolve_query(args.query)
        params = dict(_split_param(p) for p in args.param)
        if params:
            query = bind_params(query, params)
        if args.endpoint:
            if args.graphs:
                print("reskg query: give graphs or --endpoint, not both", file=sys.stderr)
                return 2
            result = run_query_endpoint(query, args.endpoint)
        else:
            result = run_query(query, args.graphs or [paths.PUBLISHED_GRAPH], args.rdf_format)
    except (QueryError, ValueError) as err:
        print(f"reskg query: {err}", file=sys.stderr)
        return 2
    print(format_result(result, args.format))
    return 0


def _split_param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise ValueError(f"--param wants NAME=VALUE, got {text!r}")
    return name.lstrip("?$"), value
