"""``reskg serve``: the graph as linked data (HTML + content negotiation) with a SPARQL endpoint."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reskg import argtypes, paths
from reskg.formats import add_format_option
from reskg.iris import DEFAULT_BASE


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve the graph as linked data with a SPARQL endpoint",
        description="Serve GRAPH files: every IRI under the base dereferences (HTML for "
        "browsers; Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML by Accept or ?format=), "
        "/sparql answers the SPARQL 1.1 Protocol read-only with a time limit, / lists the "
        "canned queries, "
        "/.well-known/void describes the dataset, /dump.nt and /dump.ttl hold all of it. "
        f"With no GRAPH, serves data/{paths.PUBLISHED_GRAPH.name}.",
        epilog="The path of a request is the IRI minus the base: with the default base, "
        f"/eli/oic/res/10-11 serves <{DEFAULT_BASE}/eli/oic/res/10-11>. Exit codes: 0 stopped, "
        "2 bad input or the server could not start.",
    )
    parser.add_argument(
        "graphs",
        nargs="*",
        type=argtypes.path,
        metavar="GRAPH",
        help="graph files (.ttl, .nt, .nq, .trig, ...)",
    )
    add_format_option(parser)
    parser.add_argument(
        "--host",
        type=argtypes.host,
        default="127.0.0.1",
        help="address to bind (default 127.0.0.1)",
    )
    parser.add_argument(
        "--port", type=argtypes.port, default=8000, help="port (default 8000; 0 picks one)"
    )
    parser.add_argument(
        "--base",
        type=argtypes.http_iri,
        default=DEFAULT_BASE,
        help=f"base IRI of the graph (default {DEFAULT_BASE})",
    )
    parser.add_argument(
        "--query-timeout",
        type=argtypes.seconds,
        default=10.0,
        metavar="SECONDS",
        help="time limit of one SPARQL query; the worker running it is killed (default 10)",
    )
    parser.add_argument(
        "--max-rows",
        type=argtypes.count(1),
        default=10_000,
        help="most rows or triples one query returns (default 10000)",
    )
    parser.add_argument(
        "--workers", type=argtypes.count(1), default=2, help="SPARQL worker processes (default 2)"
    )
    parser.add_argument(
        "--query-memory",
        type=argtypes.count(16),
        default=512,
        metavar="MB",
        help="memory one SPARQL query may take beyond the loaded graph; the worker running a "
        "query that takes more is killed (default 512)",
    )
    parser.add_argument(
        "--idle-timeout",
        type=argtypes.seconds,
        default=20.0,
        metavar="SECONDS",
        help="close a connection that sends nothing for this long (default 20); at most 256 "
        "connections are served at once, the next get 503",
    )
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from reskg.publish.dataset import DatasetError
    from reskg.publish.server import serve

    graphs = [Path(g) for g in args.graphs] or [paths.PUBLISHED_GRAPH]
    missing = [g for g in graphs if not g.is_file()]
    if missing:
        hint = " (build it with: reskg build)" if missing[0] == paths.PUBLISHED_GRAPH else ""
        print(f"{missing[0]}: no such file{hint}", file=sys.stderr)
        return 2
    try:
        return serve(
            graphs,
            host=args.host,
            port=args.port,
            base=args.base,
            workers=args.workers,
            timeout=args.query_timeout,
            max_rows=args.max_rows,
            verbose=args.verbose,
            rdf_format=args.rdf_format,
            idle_timeout=args.idle_timeout,
            query_memory=args.query_memory << 20,
        )
    except DatasetError as err:
        print(f"reskg serve: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(
            f"reskg serve: cannot listen on {args.host}:{args.port}: {err.strerror or err}",
            file=sys.stderr,
        )
        return 2
