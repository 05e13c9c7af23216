"""``reskg eval``: extraction quality against gold answer keys."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reskg import paths
from reskg.atomic import atomic_write_text


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval",
        help="measure extraction against gold answer keys",
        description="Build every NAME.txt that has a NAME.gold.json in DIR, ask the canned "
        "queries, and print precision, recall and F1 per field and the accuracy of the subject "
        "resolution's fields.",
    )
    parser.add_argument(
        "directory",
        nargs="?",
        default=str(paths.CORPUS_DIR),
        metavar="DIR",
        help="folder of articles and gold files (default: data/corpus)",
    )
    parser.add_argument("--json", metavar="OUT", help="also write the scores as JSON to OUT")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list every miss and extra per article"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from reskg.evaluate import evaluate_corpus, format_scores

    directory = Path(args.directory)
    if not directory.is_dir():
        print(f"{directory}: not a folder", file=sys.stderr)
        return 2
    report = evaluate_corpus(directory)
    if not report.articles:
        print(f"{directory}: no NAME.txt with a NAME.gold.json", file=sys.stderr)
        return 2
    print(format_scores(report, verbose=args.verbose))
    if args.json:
        atomic_write_text(args.json, json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    return 0
