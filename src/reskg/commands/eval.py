"""``reskg eval``: extraction quality against gold answer keys."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reskg import argtypes, paths
from reskg.atomic import atomic_write_text


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval",
        help="measure extraction against gold answer keys",
        description="Build every NAME.txt that has a NAME.gold.json in DIR and in each folder "
        "below it, ask the canned queries, and print per folder (a part: the original corpus, "
        "dev, heldout) precision, recall and F1 per field, macro-F1, and the accuracy of the "
        "subject resolution's fields.",
    )
    parser.add_argument(
        "directory",
        nargs="?",
        type=argtypes.path,
        default=str(paths.CORPUS_DIR),
        metavar="DIR",
        help="folder of articles and gold files (default: data/corpus)",
    )
    parser.add_argument(
        "--json", type=argtypes.path, metavar="OUT", help="also write the scores as JSON to OUT"
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list every miss and extra per article"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from reskg.evaluate import evaluate_parts, format_scores

    directory = Path(args.directory)
    if not directory.is_dir():
        print(f"{directory}: not a folder", file=sys.stderr)
        return 2
    parts = evaluate_parts(directory)
    if not parts:
        print(f"{directory}: no NAME.txt with a NAME.gold.json", file=sys.stderr)
        return 2
    blocks = []
    for name, report in parts:
        heading = [f"== part {name}"] if len(parts) > 1 else []
        blocks.append("\n".join([*heading, format_scores(report, verbose=args.verbose)]))
    print("\n\n".join(blocks))
    if args.json:
        figures = {name: report.as_dict() for name, report in parts}
        document = figures[parts[0][0]] if len(parts) == 1 else {"parts": figures}
        atomic_write_text(args.json, json.dumps(document, indent=2, ensure_ascii=False))
    errors = [a.error for _, report in parts for a in report.errors]
    for error in errors:
        print(error, file=sys.stderr)
    return 2 if errors else 0
