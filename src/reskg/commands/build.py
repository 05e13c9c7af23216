"""``reskg build``: articles -> one validated graph file."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from reskg import argtypes, paths
from reskg.atomic import atomic_open, sigterm_exits
from reskg.formats import (
    FORMAT_NAMES,
    FORMATS,
    RdfError,
    RdfFormat,
    format_for_path,
    get_format,
    gzip_if,
    write_graph,
)
from reskg.iris import DEFAULT_BASE
from reskg.progress import Progress
from reskg.read import FORMATS as FORMATS_READ
from reskg.read import reader_for

if TYPE_CHECKING:
    from reskg.spool import LocalSpool


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "build",
        help="build articles into one validated graph",
        description="Read articles, extract facts, assemble one graph, validate it with SHACL "
        "and write it. With no ARTICLE, builds the bundled article into "
        f"data/{paths.PUBLISHED_GRAPH.name} in a checkout, or into "
        f"./{paths.PUBLISHED_GRAPH.name} when reskg is installed from a wheel.",
    )
    parser.add_argument(
        "articles",
        nargs="*",
        type=argtypes.path,
        metavar="ARTICLE",
        help="article files: flattened, plain text or Markdown, wikitext (.wiki), MediaWiki XML "
        "exports and dumps (.xml, .xml.bz2); the format follows the suffix, else the content",
    )
    parser.add_argument(
        "--input-format",
        choices=sorted(FORMATS_READ),
        help="read every ARTICLE in this format (default: from the suffix, else the content)",
    )
    parser.add_argument(
        "--template",
        type=argtypes.label,
        metavar="NAME",
        help="of exports, read only the pages that use this template "
        "(e.g. 'Infobox UN resolution')",
    )
    parser.add_argument(
        "--title",
        type=argtypes.regex,
        metavar="REGEX",
        help="of exports, read only the pages whose title matches this regular expression",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=argtypes.path,
        help="output file ('-' for stdout); a '.gz' suffix compresses",
    )
    parser.add_argument(
        "--format",
        choices=FORMAT_NAMES,
        metavar="FORMAT",
        help=f"output format: {', '.join(FORMATS)} (default: from the file name; Turtle on stdout)",
    )
    parser.add_argument(
        "--base",
        type=argtypes.absolute_iri,
        default=DEFAULT_BASE,
        help=f"base IRI (default {DEFAULT_BASE})",
    )
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
    value = argtypes.count(0)(text)
    if value > 1024:
        raise argparse.ArgumentTypeError(f"at most 1024 processes, not {value}")
    return value or (os.cpu_count() or 1)


def run(args: argparse.Namespace) -> int:
    articles = [Path(a) for a in args.articles] or [paths.BUNDLED_ARTICLE]
    output = args.output or (None if args.articles else str(paths.DEFAULT_BUILD_OUTPUT))
    try:
        if args.format:
            rdf_format = get_format(args.format)
        elif output in (None, "-"):
            rdf_format = FORMATS["turtle"]
        else:
            rdf_format = format_for_path(output)
    except RdfError as err:
        print(f"reskg build: {err}", file=sys.stderr)
        return 2
    clash = _output_is_an_input(output, articles)
    if clash is not None:
        print(f"reskg build: the output {output} is the article {clash}; refused", file=sys.stderr)
        return 2
    from reskg.spool import BATCH_ARTICLES, LocalSpool

    if len(articles) <= BATCH_ARTICLES and not _exports(articles, args.input_format):
        return _build(args, articles, output, rdf_format, None)
    # Large builds spool evidence and selectors beside the output (or in the temp directory).
    spool_dir = Path(output).parent if output not in (None, "-") else None
    try:
        if spool_dir is not None:
            spool_dir.mkdir(parents=True, exist_ok=True)
        tmp = tempfile.TemporaryDirectory(prefix=".reskg-build-", dir=spool_dir)
    except OSError as err:
        where = spool_dir or tempfile.gettempdir()
        print(f"{where}: cannot write: {err.strerror or err}", file=sys.stderr)
        return 2
    # SIGTERM and errors stop the batches and remove the directory.
    with sigterm_exits(), tmp:
        spool = LocalSpool(Path(tmp.name), jobs=args.jobs)
        try:
            return _build(args, articles, output, rdf_format, spool)
        finally:
            spool.close()


def _exports(articles: list[Path], input_format: str | None) -> bool:
    """Whether any input is an export, whose number of pages is not known before reading."""
    return any((r := reader_for(a, input_format)) is not None and r.many for a in articles)


def _output_is_an_input(output: str | None, articles: list[Path]) -> Path | None:
    """The article that ``output`` names (through links too), if any."""
    if output in (None, "-") or not Path(output).is_file():
        return None
    for article in articles:
        with contextlib.suppress(OSError):
            if os.path.samefile(output, article):
                return article
    return None


def _build(
    args: argparse.Namespace,
    articles: list[Path],
    output: str | None,
    rdf_format: RdfFormat,
    spool: LocalSpool | None,
) -> int:
    """Build, validate and write; with ``spool``, evidence and selectors go there."""
    from reskg.pipeline import build, entity_counts
    from reskg.read import Selection
    from reskg.spool import SpoolError
    from reskg.validate import format_report, validate

    # A progress bar on a terminal for batches (quiet when stderr is a pipe or a file); the
    # number of an export's pages is not known before they are read.
    exports = _exports(articles, args.input_format)
    progress = Progress(0 if exports else len(articles)) if len(articles) > 1 or exports else None
    selection = Selection(args.template, args.title)
    try:
        result = build(
            articles,
            args.base,
            args.jobs,
            progress,
            local_sink=spool,
            input_format=args.input_format,
            selection=selection,
        )
        if spool is not None:
            spool.finish()
    except SpoolError as err:
        print(f"reskg build: {err}; nothing written", file=sys.stderr)
        return 2
    for failure in result.failures:
        print(failure, file=sys.stderr)
    if result.failures and not args.keep_going:
        print(
            f"reskg build: {len(result.failures)} of {len(result.failures) + len(result.articles)}"
            " article(s) could not be read;"
            " nothing written (use --keep-going to write the others)",
            file=sys.stderr,
        )
        return 2
    if not result.articles:
        none = "no article could be read"
        if exports and not result.failures:
            none = "no page of the export(s) is an article that --template and --title select"
        print(f"reskg build: {none}; nothing written", file=sys.stderr)
        return 2

    if args.link:
        from reskg.link import apply_cached_links
        from reskg.link.cache import CacheError

        try:
            apply_cached_links(result.graph)
        except CacheError as err:
            print(f"reskg build: {err}", file=sys.stderr)
            return 2
    triples = len(result.graph) + (spool.triples if spool is not None else 0)
    if progress is not None:
        progress.note(f"validating {triples:,} triples")
    if spool is None:
        validation = validate(result.graph, jobs=args.jobs)
        counts = entity_counts(result.graph)
    else:
        validation = spool.validate(result.graph, jobs=args.jobs)
        counts = entity_counts(result.graph, spool.types)
    summary = ", ".join(f"{n} {name}" for name, n in counts.items() if n)
    unread = f"{len(result.failures)} could not be read, " if result.failures else ""
    print(
        f"{len(result.articles)} article(s), {unread}{triples} triples: {summary}; "
        f"conforms: {'yes' if validation.conforms else 'no'}",
        file=sys.stderr,
    )
    if not validation.conforms:
        print(format_report(validation), file=sys.stderr)
        print("reskg build: the graph does not conform; nothing written", file=sys.stderr)
        return 1

    parts = spool.files if spool is not None else []
    if progress is not None:
        progress.note(f"writing {output if output not in (None, '-') else 'to stdout'}")
    if output in (None, "-"):
        write_graph(result.graph, rdf_format, sys.stdout.buffer, parts)
        sys.stdout.flush()
    else:
        try:
            with atomic_open(output, "wb") as handle, gzip_if(output, handle) as out:
                write_graph(result.graph, rdf_format, out, parts)
        except OSError as err:
            print(f"{output}: cannot write: {err.strerror or err}", file=sys.stderr)
            return 2
        print(f"wrote {output}", file=sys.stderr)
    return 2 if result.failures else 0
