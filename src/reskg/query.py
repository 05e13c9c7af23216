"""Run SPARQL over graph files or an endpoint, and show the results as a table, CSV or JSON.

Layout:

- ``canned_queries()``: name -> ``queries/NAME.rq``; ``query_description(path)`` its comment,
  ``query_summary(path)`` the comment's first sentences in one line
- ``resolve_query(text_or_name)``: a canned name, a ``.rq`` path or inline SPARQL -> query text
- ``bind_params(query, params)``: narrow a query by appending ``VALUES ?name { "value" }``
- ``run_query(query, graphs, rdf_format)``: load files (any format of :mod:`reskg.formats`)
  into an in-memory Oxigraph store and query it
- ``run_query_endpoint(query, url)``: the same query against a SPARQL 1.1 endpoint
- ``format_result(result, fmt)``: ``table`` (prefixed IRIs), ``csv`` (RFC 4180) or ``json``
  (SPARQL 1.1 Query Results JSON)

Result values are plain strings; IRIs and blank nodes are the str subclasses :class:`Iri` and
:class:`BlankNodeId`, so the formats that need the term type (JSON) still know it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from reskg import __version__
from reskg.formats import RdfError, RdfFormat, read_quads
from reskg.iris import PREFIXES
from reskg.isolate import Crashed, run_isolated
from reskg.paths import QUERIES_DIR
from reskg.remote import RemoteError, deadline, install_safe_redirects, read_bounded

FORMATS = ("table", "csv", "json")
DEFAULT_TIMEOUT = 60.0

#: Prefixes the graph binds (see reskg.assemble), used to shorten IRIs in the table view and
#: available in inline queries without a PREFIX declaration.
KNOWN_PREFIXES: dict[str, str] = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    **{prefix: str(namespace) for prefix, namespace in PREFIXES.items()},
}

_TABLE_CELL_WIDTH = 60
_SPARQL_START = re.compile(r"^\s*(#.*\n\s*)*(PREFIX|BASE|SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)


class QueryError(Exception):
    """A query that cannot be found, parsed or run; the message is one actionable line."""


class Iri(str):
    """An IRI in a result row: a plain string that remembers it is an IRI."""

    __slots__ = ()


class BlankNodeId(str):
    """A blank node label in a result row."""

    __slots__ = ()


@dataclass
class QueryResult:
    """Rows of a SELECT (every row has every variable, None where unbound), or an ASK answer."""

    vars: list[str]
    rows: list[dict[str, str | None]] = field(default_factory=list)
    boolean: bool | None = None


# -- finding queries --------------------------------------------------------------------------


def canned_queries() -> dict[str, Path]:
    """The shipped queries by name: ``{"resolutions": .../queries/resolutions.rq, ...}``."""
    if not QUERIES_DIR.is_dir():
        return {}
    return {path.stem: path for path in sorted(QUERIES_DIR.glob("*.rq"))}


def query_description(path: str | Path) -> str:
    """The comment at the top of a query file, without the ``#`` marks."""
    lines: list[str] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        text = stripped[1:]
        lines.append(text[1:] if text.startswith(" ") else text)
    return "\n".join(lines).strip()


def query_summary(path: str | Path) -> str:
    """What a query answers, in one line: its comment up to the first line that ends a sentence."""
    lines: list[str] = []
    for line in query_description(path).splitlines():
        if not line.strip():
            break
        lines.append(line.strip())
        if line.rstrip().endswith((".", "?", "!")):
            break
    return " ".join(lines)


def resolve_query(text_or_name: str) -> str:
    """The SPARQL text for a canned query name, a path to a query file, or inline SPARQL."""
    candidate = text_or_name.strip()
    canned = canned_queries()
    if candidate in canned:
        return canned[candidate].read_text(encoding="utf-8")
    if _SPARQL_START.match(text_or_name) or "{" in candidate:
        return text_or_name
    path = Path(candidate).expanduser()
    if path.is_file():
        return path.read_text(encoding="utf-8")
    if path.suffix in (".rq", ".sparql") or "/" in candidate or "\\" in candidate:
        raise QueryError(f"query file not found: {candidate}")
    names = ", ".join(canned) or "none installed"
    raise QueryError(
        f"unknown query {candidate!r}: not a canned query ({names}), a file, or SPARQL"
    )


def bind_params(query: str, params: Mapping[str, str]) -> str:
    """Append ``VALUES ?name { "value" }`` for each parameter, narrowing the query's results."""
    blocks = []
    for name, value in params.items():
        variable = name.lstrip("?$")
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", variable):
            raise QueryError(f"bad query parameter name {name!r}: use a SPARQL variable name")
        if value.startswith("<") and value.endswith(">"):
            term = value
        else:
            term = json.dumps(value, ensure_ascii=False)  # a valid SPARQL string literal
        blocks.append(f"VALUES ?{variable} {{ {term} }}")
    if not blocks:
        return query
    return query.rstrip() + "\n" + "\n".join(blocks) + "\n"


# -- running queries --------------------------------------------------------------------------


def load_store(graphs: Iterable[str | Path], rdf_format: RdfFormat | None = None) -> ox.Store:
    """An in-memory Oxigraph store holding every graph file (format by suffix or ``rdf_format``)."""
    store = ox.Store()
    for graph in graphs:
        try:
            store.extend(read_quads(graph, rdf_format))
        except RdfError as error:
            raise QueryError(str(error)) from None
    return store


def run_query(
    query: str, graphs: Iterable[str | Path], rdf_format: RdfFormat | None = None
) -> QueryResult:
    """Run SPARQL over the union of the graph files (named graphs included).

    The query runs in a forked child (:mod:`reskg.isolate`): a crash of the engine (a segfault
    on a deeply nested query, a Rust panic) is one QueryError, and Ctrl-C stops a runaway.
    """
    store = load_store(graphs, rdf_format)
    try:
        return run_isolated(lambda: _evaluate(store, query))
    except Crashed as error:
        raise QueryError(str(error)) from None


def _evaluate(store: ox.Store, query: str) -> QueryResult:
    try:
        answer = store.query(query, prefixes=KNOWN_PREFIXES, use_default_graph_as_union=True)
        return _oxigraph_result(answer)
    except SyntaxError as error:
        raise QueryError(f"SPARQL syntax error: {error.msg}") from error
    except (OSError, RuntimeError, ValueError) as error:
        raise QueryError(f"query failed: {error}") from error


def _oxigraph_result(answer: object) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(vars=[], rows=[], boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        names = [variable.value for variable in answer.variables]
        rows = [{name: _oxigraph_value(solution[name]) for name in names} for solution in answer]
        return QueryResult(vars=names, rows=rows)
    names = ["subject", "predicate", "object"]
    rows = [
        {
            "subject": _oxigraph_value(triple.subject),
            "predicate": _oxigraph_value(triple.predicate),
            "object": _oxigraph_value(triple.object),
        }
        for triple in answer  # type: ignore[attr-defined]
    ]
    return QueryResult(vars=names, rows=rows)


def _oxigraph_value(term: object) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return Iri(term.value)
    if isinstance(term, ox.BlankNode):
        return BlankNodeId(term.value)
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)  # an RDF-star triple term


def user_agent() -> str:
    """The User-Agent sent to SPARQL endpoints (Wikidata's policy asks for a descriptive one)."""
    import SPARQLWrapper

    return (
        f"reskg/{__version__} (https://github.com/reskg/reskg) "
        f"SPARQLWrapper/{SPARQLWrapper.__version__}"
    )


def run_query_endpoint(query: str, url: str, timeout: float = DEFAULT_TIMEOUT) -> QueryResult:
    """Run SPARQL against a SPARQL 1.1 endpoint and read its JSON results."""
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    client = SPARQLWrapper(url, agent=user_agent())
    client.setQuery(_declare_prefixes(query))
    # SPARQLWrapper guesses the form by keyword anywhere ("reskg:addressee" reads as ADD, an
    # update, sent as update=); the form is the first keyword outside comments, strings, IRIs.
    client.queryType = query_form(query)
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.setTimeout(max(1, round(timeout)))
    install_safe_redirects()
    try:
        with deadline(timeout):  # the whole request, not each read
            response = client.query().response
            try:
                body = read_bounded(response, f"SPARQL endpoint {url}")
            finally:
                response.close()
        data = json.loads(body)
    except RemoteError as error:
        raise QueryError(str(error)) from None
    except Exception as error:  # SPARQLWrapper and urllib raise many types; all mean "failed"
        message = " ".join(str(error).split())[:300] or type(error).__name__
        raise QueryError(f"SPARQL endpoint {url} failed: {message}") from None
    if not isinstance(data, dict):
        raise QueryError(f"SPARQL endpoint {url} did not answer with SPARQL JSON results")
    try:
        return result_from_json(data)
    except QueryError as error:
        raise QueryError(f"SPARQL endpoint {url}: {error}") from None


_NOT_CODE = re.compile(
    r'<[^<>"{}|^`\\\s]*>|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*',
    re.S,
)
_FORM = re.compile(r"(?<![\w:?$])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:])", re.I)


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the query's first form keyword (SELECT if none)."""
    match = _FORM.search(_NOT_CODE.sub(" ", query))
    return match.group(1).upper() if match else "SELECT"


def _declare_prefixes(query: str) -> str:
    """Prepend PREFIX declarations for known prefixes the query uses but does not declare."""
    missing = [
        f"PREFIX {prefix}: <{namespace}>"
        for prefix, namespace in KNOWN_PREFIXES.items()
        if re.search(rf"(?<![\w:<]){prefix}:", query)
        and not re.search(rf"(?i)\bPREFIX\s+{prefix}:", query)
    ]
    return "\n".join([*missing, query]) if missing else query


def result_from_json(data: Mapping[str, object]) -> QueryResult:
    """Read a SPARQL 1.1 Query Results JSON document."""
    if "boolean" in data:
        return QueryResult(vars=[], rows=[], boolean=bool(data["boolean"]))
    head = data.get("head")
    results = data.get("results")
    if not isinstance(head, dict) or not isinstance(results, dict):
        raise QueryError("not a SPARQL JSON results document: no head or results")
    names = [str(name) for name in head.get("vars", []) if isinstance(name, str)]
    bindings = results.get("bindings", [])
    if not isinstance(bindings, list):
        raise QueryError("not a SPARQL JSON results document: results.bindings is not a list")
    rows: list[dict[str, str | None]] = []
    for number, binding in enumerate(bindings, 1):
        if not isinstance(binding, dict):
            raise QueryError(f"result {number} is not a JSON object")
        row: dict[str, str | None] = dict.fromkeys(names)
        for name, term in binding.items():
            if (
                not isinstance(term, dict)
                or term.get("type") not in ("uri", "literal", "typed-literal", "bnode")
                or not isinstance(term.get("value"), str)
            ):
                raise QueryError(f"result {number}: ?{name} is not an RDF term")
            if name not in row:
                names.append(name)
                for earlier in rows:
                    earlier[name] = None
            row[name] = _json_value(term)
        rows.append(row)
    return QueryResult(vars=names, rows=rows)


def _json_value(term: Mapping[str, str]) -> str:
    kind, value = term.get("type"), str(term.get("value", ""))
    if kind == "uri":
        return Iri(value)
    if kind == "bnode":
        return BlankNodeId(value)
    return value


# -- showing results --------------------------------------------------------------------------


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """The result as an aligned ``table``, RFC 4180 ``csv`` or SPARQL 1.1 results ``json``."""
    if fmt == "table":
        return _format_table(result)
    if fmt == "csv":
        return _format_csv(result)
    if fmt == "json":
        return _format_json(result)
    raise QueryError(f"unknown result format {fmt!r}: use one of {', '.join(FORMATS)}")


def shorten_iri(iri: str) -> str:
    """``schema:Place`` for ``https://schema.org/Place``; other IRIs as ``<...>``."""
    best = ""
    for prefix, namespace in KNOWN_PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(KNOWN_PREFIXES.get(best, "")):
            local = iri[len(namespace) :]
            if re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*", local) and not local.endswith("."):
                best = prefix
    if best:
        return f"{best}:{iri[len(KNOWN_PREFIXES[best]) :]}"
    return f"<{iri}>"


def _table_cell(value: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Iri):
        text = shorten_iri(value)
    elif isinstance(value, BlankNodeId):
        text = f"_:{value}"
    else:
        text = " ".join(value.split())
    if len(text) > _TABLE_CELL_WIDTH:
        text = text[: _TABLE_CELL_WIDTH - 1] + "…"
    return text


def _format_table(result: QueryResult) -> str:
    if result.boolean is not None:
        return "true" if result.boolean else "false"
    cells = [[_table_cell(row.get(name)) for name in result.vars] for row in result.rows]
    widths = [len(name) for name in result.vars]
    for line in cells:
        widths = [max(width, len(cell)) for width, cell in zip(widths, line, strict=True)]

    def render(values: list[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    lines = [render(result.vars), render(["-" * w for w in widths])]
    lines.extend(render(line) for line in cells)
    count = len(result.rows)
    lines.append(f"{count} row{'' if count == 1 else 's'}")
    return "\n".join(lines)


def _format_csv(result: QueryResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if result.boolean is not None:
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
        return buffer.getvalue()
    writer.writerow(result.vars)
    for row in result.rows:
        writer.writerow(["" if row.get(name) is None else row[name] for name in result.vars])
    return buffer.getvalue()


def _format_json(result: QueryResult) -> str:
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean}, indent=2)
    bindings = []
    for row in result.rows:
        binding = {}
        for name in result.vars:
            value = row.get(name)
            if value is None:
                continue
            if isinstance(value, Iri):
                binding[name] = {"type": "uri", "value": str(value)}
            elif isinstance(value, BlankNodeId):
                binding[name] = {"type": "bnode", "value": str(value)}
            else:
                binding[name] = {"type": "literal", "value": str(value)}
        bindings.append(binding)
    document = {"head": {"vars": result.vars}, "results": {"bindings": bindings}}
    return json.dumps(document, indent=2, ensure_ascii=False)
