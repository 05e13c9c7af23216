"""``reskg build``: articles -> one validated graph file."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from reskg import paths
from reskg.atomic import atomic_write_bytes
from reskg.formats import FORMATS, format_for_path, get_format, maybe_gzip, serialize
from reskg.iris import DEFAULT_BASE
from reskg.progress import Progress


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "build",
        help="build articles into one validated graph",
        description="Read articles, extract facts, assemble one graph, validate it with SHACL "
        "and write it. With no ARTICLE, builds the bundled article into "
        f"data/{paths.PUBLISHED_GRAPH.name}.",
    )
    parser.add_argument("articles", nargs="*", metavar="ARTICLE", help="article text files")
    parser.add_argument(
        "-o", "--output", help="output file ('-' for stdout); a '.gz' suffix compresses"
    )
    parser.add_argument(
        "--format", choices=sorted(FORMATS), help="output format (default: from the file name)"
    )
    parser.add_argument("--base", default=DEFAULT_BASE, help=f"base IRI (default {DEFAULT_BASE})")
    parser.add_argument(
        "--keep-going",
        action="store_true",
        help="write the graph of the good articles even when some fail (exit code is still 2)",
    )
    parser.add_argument(
        "--link",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="add the Wikidata, GeoNames and ISO 3166 links held in data/wikidata-links.tsv "
        "(offline; refresh them with 'reskg link') (default: --link)",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="extract articles and validate large graphs in N processes; the output is the "
        "same for every N (default 1; 0 means one per CPU)",
    )
    parser.set_defaults(run=run)


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of processes: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("--jobs must be 0 or more")
    return value or (os.cpu_count() or 1)


def run(args: argparse.Namespace) -> int:
    from reskg.pipeline import build, entity_counts
    from reskg.validate import format_report, validate

    articles = [Path(a) for a in args.articles] or [paths.BUNDLED_ARTICLE]
    output = args.output or (None if args.articles else str(paths.PUBLISHED_GRAPH))
    try:
        rdf_format = get_format(args.format) if args.format else format_for_path(output or ".ttl")
    except KeyError as err:
        print(f"reskg build: {err.args[0]}", file=sys.stderr)
        return 2

    # A progress bar on a terminal for batches (quiet when stderr is a pipe or a file).
    progress = Progress(len(articles)) if len(articles) > 1 else None
    result = build(articles, base=args.base, jobs=args.jobs, progress=progress)
    for failure in result.failures:
        print(failure, file=sys.stderr)
    if result.failures and not args.keep_going:
        print(
            f"reskg build: {len(result.failures)} of {len(articles)} article(s) could not be read;"
            " nothing written (use --keep-going to write the others)",
            file=sys.stderr,
        )
        return 2
    if not result.articles:
        print("reskg build: no article could be read; nothing written", file=sys.stderr)
        return 2

    if args.link:
        from reskg.link import apply_cached_links
        from reskg.link.cache import CacheError

        try:
            apply_cached_links(result.graph)
        except CacheError as err:
            print(f"reskg build: {err}", file=sys.stderr)
            return 2
    validation = validate(result.graph, jobs=args.jobs)
    counts = entity_counts(result.graph)
    summary = ", ".join(f"{n} {name}" for name, n in counts.items() if n)
    unread = f"{len(result.failures)} could not be read, " if result.failures else ""
    print(
        f"{len(result.articles)} article(s), {unread}{len(result.graph)} triples: {summary}; "
        f"conforms: {'yes' if validation.conforms else 'no'}",
        file=sys.stderr,
    )
    if not validation.conforms:
        print(format_report(validation), file=sys.stderr)
        print("reskg build: the graph does not conform; nothing written", file=sys.stderr)
        return 1

    data = serialize(result.graph, rdf_format)
    if output in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        try:
            atomic_write_bytes(output, maybe_gzip(data, output))
        except OSError as err:
            print(f"{output}: cannot write: {err.strerror or err}", file=sys.stderr)
            return 2
        print(f"wrote {output}", file=sys.stderr)
    return 2 if result.failures else 0
