"""``reskg link``: reconcile a graph's entities with Wikidata, cache links, rewrite the graph."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from reskg import argtypes, paths
from reskg.formats import add_format_option

if TYPE_CHECKING:
    from reskg.link import LinkResult


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    from reskg.link.cache import CACHE_FILE
    from reskg.link.wikidata import WIKIDATA_ENDPOINT

    parser = subparsers.add_parser(
        "link",
        help="link places, organisations, people and resolutions to Wikidata and GeoNames",
        description="Find the Wikidata item of each place, organisation, person and resolution "
        "of GRAPH by exact English label, type and country (standard SPARQL, batched), link "
        "only clear winners with owl:sameAs, record every outcome in the link cache, add "
        "GeoNames IDs and ISO 3166 codes, and rewrite GRAPH if it still conforms to the shapes. "
        "Exit 0 on success, 1 if the linked graph does not conform, 2 on bad input or when the "
        "endpoint failed (the cache is then used as it is).",
    )
    parser.add_argument(
        "graph",
        nargs="?",
        type=argtypes.path,
        default=str(paths.PUBLISHED_GRAPH),
        metavar="GRAPH",
        help=f"graph file to link in place (default: data/{paths.PUBLISHED_GRAPH.name})",
    )
    add_format_option(parser)
    parser.add_argument(
        "--endpoint",
        type=argtypes.http_url,
        default=WIKIDATA_ENDPOINT,
        help=f"SPARQL endpoint shaped like Wikidata (default: {WIKIDATA_ENDPOINT})",
    )
    parser.add_argument(
        "--refresh", action="store_true", help="ask the endpoint again for every entity"
    )
    parser.add_argument(
        "--offline", action="store_true", help="use only the cache; send no request"
    )
    parser.add_argument(
        "--cache",
        type=argtypes.path,
        default=str(CACHE_FILE),
        help=f"link cache (default: data/{CACHE_FILE.name})",
    )
    parser.add_argument(
        "--source",
        type=argtypes.label,
        help="how the cache names the endpoint that answered (default: its URL)",
    )
    parser.add_argument(
        "--timeout", type=argtypes.seconds, default=30.0, help="seconds per request (default: 30)"
    )
    parser.add_argument(
        "--retries",
        type=argtypes.count(0),
        default=4,
        help="retries of a failed request (default: 4)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="report and update the cache; leave GRAPH alone"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from reskg.atomic import atomic_open
    from reskg.formats import RdfError, format_for_path, gzip_if, read_rdflib, write_graph
    from reskg.link import link_graph
    from reskg.link.cache import CacheError
    from reskg.link.wikidata import WikidataClient
    from reskg.validate import format_report, validate

    path = Path(args.graph)
    try:
        rdf_format = format_for_path(path, args.rdf_format)
        graph = read_rdflib([path], rdf_format)
    except RdfError as err:
        print(err, file=sys.stderr)
        return 2

    client = WikidataClient(args.endpoint, timeout=args.timeout, retries=args.retries)
    started = time.monotonic()
    try:
        result = link_graph(
            graph,
            client=client,
            cache_path=args.cache,
            refresh=args.refresh,
            offline=args.offline,
            source=args.source,
        )
    except CacheError as err:
        print(f"reskg link: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"{args.cache}: cannot write: {err.strerror or err}", file=sys.stderr)
        return 2
    elapsed = time.monotonic() - started
    print(summary(result, elapsed))
    if result.error:
        print(
            f"reskg link: {result.error}; used the cache as it is"
            f" ({result.unchecked} entities not checked)",
            file=sys.stderr,
        )

    if args.dry_run:
        return 2 if result.error else 0
    validation = validate(graph)
    if not validation.conforms:
        print(format_report(validation), file=sys.stderr)
        print(
            f"reskg link: the linked graph does not conform; {path} left as it was", file=sys.stderr
        )
        return 1
    try:
        with atomic_open(path, "wb") as handle, gzip_if(path, handle) as out:
            write_graph(graph, rdf_format, out)
    except OSError as err:
        print(f"{path}: cannot write: {err.strerror or err}", file=sys.stderr)
        return 2
    print(f"wrote {path} (+{result.added} triples)", file=sys.stderr)
    return 2 if result.error else 0


def summary(result: LinkResult, elapsed: float) -> str:
    """Linked N, unlinked M, ties K with their candidates; requests and time."""
    linked = [r for r in result.rows if r.qid]
    unlinked = [r for r in result.rows if not r.qid]
    doubtful = [r for r in unlinked if r.status in ("tie", "near-miss")]
    lines = [
        f"linked {len(linked)}, unlinked {len(unlinked)}, ties and near misses {len(doubtful)}; "
        f"{result.requests} request(s), {elapsed:.1f} s"
        + (f", {result.unchecked} not checked" if result.unchecked else "")
    ]
    lines += [f"  linked     {r.entity}  {r.label!r} -> {r.qid} ({r.note})" for r in linked]
    lines += [f"  {r.status:<10} {r.entity}  {r.label!r}: {r.note}" for r in doubtful]
    return "\n".join(lines)
