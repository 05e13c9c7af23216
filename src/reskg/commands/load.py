"""``reskg load``: put graph files into a triple store (SPARQL 1.1 Graph Store Protocol)."""

from __future__ import annotations

import argparse
import os
import sys
import urllib.parse
from pathlib import Path

from reskg import argtypes
from reskg.formats import add_format_option

ENV_USER, ENV_PASSWORD, ENV_TOKEN = "RESKG_STORE_USER", "RESKG_STORE_PASSWORD", "RESKG_STORE_TOKEN"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "load",
        help="load graph files into a triple store (Graph Store Protocol)",
        description="Replace a graph in a triple store with the triples of GRAPH files (HTTP PUT "
        "of N-Triples, SPARQL 1.1 Graph Store Protocol), then count the triples through the "
        "store's SPARQL endpoint. Loading twice leaves the store the same. Connection errors "
        "and HTTP 502/503/504 are retried (see --retries); other errors are reported at once.",
        epilog=f"Credentials may also come from {ENV_USER}, {ENV_PASSWORD} and {ENV_TOKEN}; "
        "they are never printed. Exit codes: 0 loaded, 2 bad input or the store failed.",
    )
    parser.add_argument(
        "graphs",
        nargs="+",
        type=argtypes.path,
        metavar="GRAPH",
        help="graph files (.ttl, .nt, .nq, ...)",
    )
    add_format_option(parser)
    parser.add_argument(
        "--store",
        required=True,
        metavar="URL",
        help="Graph Store Protocol URL (Oxigraph: http://HOST:7878/store)",
    )
    parser.add_argument(
        "--graph",
        type=argtypes.absolute_iri,
        metavar="IRI",
        help="named graph to replace (default: the default graph)",
    )
    parser.add_argument(
        "--query-endpoint",
        type=argtypes.http_url,
        metavar="URL",
        help="SPARQL query endpoint for the count (default: derived from --store)",
    )
    parser.add_argument(
        "--user", type=argtypes.secret, help=f"user for HTTP Basic auth (or {ENV_USER})"
    )
    parser.add_argument(
        "--password", type=argtypes.secret, help=f"password for HTTP Basic auth (or {ENV_PASSWORD})"
    )
    parser.add_argument("--token", type=argtypes.secret, help=f"bearer token (or {ENV_TOKEN})")
    parser.add_argument(
        "--timeout",
        type=argtypes.seconds,
        default=60.0,
        help="seconds one request may take, start to end (default 60)",
    )
    parser.add_argument(
        "--retries",
        type=argtypes.count(0),
        default=2,
        help="retries after a refused connection or HTTP 502/503/504 (default 2)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from reskg.publish.store import Auth, LoadError, load_graph, redact

    if not args.store.startswith(("http://", "https://")):
        shown = redact(args.store)  # never echo credentials, whatever the scheme
        print(f"reskg load: --store must be an http(s) URL, not {shown!r}", file=sys.stderr)
        return 2
    problem = _url_problem(args.store)
    if problem:
        print(f"reskg load: --store: {problem}", file=sys.stderr)
        return 2
    user = args.user if args.user is not None else os.environ.get(ENV_USER)
    password = args.password if args.password is not None else os.environ.get(ENV_PASSWORD)
    token = args.token if args.token is not None else os.environ.get(ENV_TOKEN)
    if token and user is not None:
        print("reskg load: give either a user and password or a token, not both", file=sys.stderr)
        return 2
    auth = Auth(user=user, password=password, token=token or None)
    try:
        result = load_graph(
            [Path(g) for g in args.graphs],
            args.store,
            graph=args.graph,
            auth=auth,
            query_endpoint=args.query_endpoint,
            timeout=args.timeout,
            retries=max(0, args.retries),
            rdf_format=args.rdf_format,
        )
    except LoadError as err:
        print(f"reskg load: {err}", file=sys.stderr)
        return 2
    target = f"graph <{result.graph}>" if result.graph else "the default graph"
    print(
        f"loaded {result.sent} triples into {target} at {redact(args.store)} "
        f"in {result.seconds_put:.2f} s; the store holds {result.stored} triples there",
        file=sys.stderr,
    )
    if result.stored != result.sent:
        print(
            f"reskg load: the store reports {result.stored} triples, {result.sent} were sent",
            file=sys.stderr,
        )
        return 2
    return 0


def _url_problem(url: str) -> str | None:
    """Why ``url`` cannot be used as the store's URL (None if it can)."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError as err:
        return f"not a valid URL ({err})"
    if "@" in parts.netloc:
        return "credentials in the URL are not used; give them with --user and --password"
    if not parts.hostname:
        return "no host in the URL"
    return None
