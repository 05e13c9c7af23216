"""``reskg why``: the sentence behind a triple, with the span that states it marked."""

from __future__ import annotations

import argparse
import sys

from reskg import argtypes, paths
from reskg.formats import add_format_option

_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
}


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "why",
        help="show the sentence that states a triple",
        description="Print the article sentence behind each matching extracted triple, with the "
        "supporting span marked [[like this]]. SUBJECT and PREDICATE are IRIs (<...> optional) "
        "or prefixed names (eli:cites, rdfs:label); OBJECT is an IRI, a prefixed name or literal "
        "text; '*' matches anything. Exit 1 if no evidence matches.",
    )
    parser.add_argument("subject", metavar="SUBJECT")
    parser.add_argument("predicate", metavar="PREDICATE")
    parser.add_argument("object", metavar="OBJECT")
    parser.add_argument(
        "graphs",
        nargs="*",
        type=argtypes.path,
        metavar="GRAPH",
        help=f"graph files (default: data/{paths.PUBLISHED_GRAPH.name})",
    )
    add_format_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from reskg.iris import PREFIXES
    from reskg.query import QueryError, resolve_query, run_query

    prefixes = {**_PREFIXES, **{k: str(v) for k, v in PREFIXES.items()}}
    for term in (args.subject, args.predicate):
        problem = _unknown_prefix(term, prefixes)
        if problem:
            print(f"reskg why: {problem}", file=sys.stderr)
            return 2
    try:
        graphs = args.graphs or [paths.PUBLISHED_GRAPH]
        result = run_query(resolve_query("evidence"), graphs, args.rdf_format)
    except QueryError as err:
        print(f"reskg why: {err}", file=sys.stderr)
        return 2
    wanted = [_expand(term, prefixes) for term in (args.subject, args.predicate, args.object)]
    shown = 0
    for row in result.rows:
        values = (row["subject"], row["predicate"], row["object"])
        if all(w is None or w == str(v) for w, v in zip(wanted, values, strict=True)):
            print(_render(row))
            shown += 1
    if not shown:
        print("reskg why: no extracted triple matches", file=sys.stderr)
        return 1
    return 0


def _expand(term: str, prefixes: dict[str, str]) -> str | None:
    """An IRI, a prefixed name expanded, a literal's text, or None for '*'."""
    if term == "*":
        return None
    if term.startswith("<") and term.endswith(">"):
        return term[1:-1]
    prefix, sep, local = term.partition(":")
    if sep and prefix in prefixes and not local.startswith("//"):
        return prefixes[prefix] + local
    return term


def _unknown_prefix(term: str, prefixes: dict[str, str]) -> str | None:
    """Why a SUBJECT or PREDICATE is a prefixed name with an unknown prefix (None if it is not).

    Those two are IRIs, never literal text, so ``foo:bar`` is a typo, not an IRI of scheme foo;
    IRIs with an authority (``//``) and URNs pass.
    """
    if term == "*" or term.startswith("<"):
        return None
    prefix, sep, local = term.partition(":")
    if not sep or prefix in prefixes or local.startswith("//") or prefix.lower() == "urn":
        return None
    return f"unknown prefix {prefix + ':'!r} in {term!r}; known: {', '.join(sorted(prefixes))}"


def _render(row: dict) -> str:
    sentence, exact = row.get("sentence") or "", row.get("exact") or ""
    at = sentence.find(exact) if exact else -1
    marked = f"{sentence[:at]}[[{exact}]]{sentence[at + len(exact) :]}" if at >= 0 else sentence
    triple = f"{row['subject']} {row['predicate']} {row['object']}"
    return f"{triple}\n  {row.get('article')} chars {row.get('start')}-{row.get('end')}: {marked}"
