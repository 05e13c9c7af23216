"""The SPARQL 1.1 Protocol, read-only, with a time limit that really stops a runaway query.

Layout:

- ``parse_request(method, url_query, content_type, body)``: the query text and dataset of a
  GET, a form POST or a direct POST; :class:`ProtocolError` (status + message) otherwise
- ``refuse_service(query)``: SERVICE (federated queries to outside endpoints) is refused, on
  the parse tree, in the worker
- ``QueryPool``: worker processes, each with its own in-memory pyoxigraph store; ``run()``
  sends one query to an idle worker and waits until the deadline, watching its memory
- ``serialize_solutions`` / ``serialize_boolean``: SPARQL results JSON, XML, CSV, TSV

Why processes: pyoxigraph evaluates a query inside one native call that cannot be cancelled,
and a thread stuck in it can neither be stopped nor be trusted to release its memory. A worker
process can: when the deadline passes the server kills the worker (SIGKILL, by its PID),
answers 503, and starts a fresh worker in the background while the others keep serving. The
same happens when the worker's resident memory grows by more than ``memory`` bytes during a
query (checked every 20 ms). Results beyond ``max_rows`` rows or ``max_bytes`` of values are cut
off and the header ``X-SPARQL-MaxRows`` or ``X-SPARQL-MaxBytes`` says so. The workers run
under a seccomp filter that refuses network sockets (:mod:`reskg.publish.sandbox`).

The workers' stores are ``pyoxigraph.Store``s, which keep literals by value: SPARQL answers give
``"23"^^xsd:nonNegativeInteger`` as ``"23"^^xsd:integer`` (as the Oxigraph server does). Pages,
RDF descriptions and dumps come from the server's ``Dataset`` and keep every literal as written.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import queue
import re
import signal
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox

from reskg.formats import FORMATS
from reskg.publish.rdf import PREFIXES, RDF_LANG_STRING, XSD_STRING, serialize_triples
from reskg.publish.sandbox import deny_network

MAX_QUERY_BYTES = 1_000_000

RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
RESULT_ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
}
GRAPH_TYPES = [f.media_type for f in FORMATS.values()]
FORMAT_NAMES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "srj": "application/sparql-results+json",
    "srx": "application/sparql-results+xml",
}


class ProtocolError(Exception):
    """A request the endpoint refuses: an HTTP status and a one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class SparqlRequest:
    """One query with its RDF dataset (``default-graph-uri`` / ``named-graph-uri``)."""

    query: str
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    params: dict[str, list[str]] = field(default_factory=dict)
    #: The request's URL, against which the query's relative IRIs are resolved.
    base_iri: str | None = None


@dataclass
class QueryOutcome:
    """What to send back: status, media type, body and extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def parse_request(
    method: str, url_query: str, content_type: str | None, body: bytes
) -> SparqlRequest:
    """The query of a SPARQL 1.1 Protocol request; refuses updates (403) and odd requests."""
    params = _parse_qs(url_query, "the URL")
    media = (content_type or "").split(";")[0].strip().lower()
    if method == "POST":
        if media == "application/sparql-update":
            raise ProtocolError(403, "this endpoint is read-only: SPARQL Update is refused")
        if media == "application/x-www-form-urlencoded":
            for name, values in _parse_qs(_utf8_body(body, content_type), "the form").items():
                params.setdefault(name, []).extend(values)
        elif media == "application/sparql-query":
            if "query" in params:
                raise ProtocolError(400, "a direct POST carries the query in the body only")
            params["query"] = [_utf8_body(body, content_type)]
        else:
            raise ProtocolError(
                415,
                "POST a query as application/sparql-query or application/x-www-form-urlencoded",
            )
    if "update" in params:
        raise ProtocolError(403, "this endpoint is read-only: SPARQL Update is refused")
    queries = params.get("query", [])
    if len(queries) != 1:
        raise ProtocolError(400, "give exactly one 'query' parameter")
    query = queries[0]
    if len(query.encode("utf-8")) > MAX_QUERY_BYTES:
        raise ProtocolError(413, f"the query is longer than {MAX_QUERY_BYTES} bytes")
    return SparqlRequest(
        query=query,
        default_graphs=params.get("default-graph-uri", []),
        named_graphs=params.get("named-graph-uri", []),
        params=params,
    )


def _utf8_body(body: bytes, content_type: str | None) -> str:
    """The text of a POSTed body: the protocol's bodies are UTF-8 (415 for another charset)."""
    charset = "utf-8"
    for param in (content_type or "").split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    if charset not in ("utf-8", "utf8", "us-ascii", "ascii"):
        raise ProtocolError(
            415, f"the body must be UTF-8 (SPARQL 1.1 Protocol), not charset={charset}"
        )
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ProtocolError(400, f"the body is not valid UTF-8 (byte {err.start})") from None


def _parse_qs(text: str, where: str) -> dict[str, list[str]]:
    """Percent-decoded parameters; 400 when a value is not UTF-8 once decoded."""
    try:
        return urllib.parse.parse_qs(text, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise ProtocolError(400, f"a parameter in {where} is not UTF-8 once decoded") from None


_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _unescape(query: str) -> str:
    """``query`` with ``\\uXXXX`` and ``\\UXXXXXXXX`` replaced, as SPARQL reads them first."""

    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else ""

    return _CODEPOINT_ESCAPE.sub(char, query)


def refuse_service(query: str) -> None:
    """Refuse federated queries (SERVICE): the endpoint calls no other server for anyone.

    Decided on the parse tree, not the text: a query whose text (escapes undone) contains
    "service" in any case is parsed with rdflib's SPARQL grammar and refused (403) if the tree
    holds a SERVICE pattern, or (400) if that grammar cannot read it, since then nobody can
    tell what the engine would make of it (``?o 23SERVICE <x> {}`` is read by Oxigraph as
    ``23`` and a SERVICE). Slow for long queries, so it runs in the killable worker. The
    workers cannot open network sockets either (:mod:`reskg.publish.sandbox`).
    """
    if "service" not in _unescape(query).casefold():
        return
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    try:
        tree = parseQuery(query)
    except (ParseBaseException, RecursionError, ValueError) as err:
        message = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise ProtocolError(
            400, f"a query that mentions SERVICE must be standard SPARQL 1.1: {message}"
        ) from None
    pending: list[object] = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                raise ProtocolError(
                    403, "SERVICE (federated query) is not allowed on this endpoint"
                )
            pending.extend(node.values())
        elif isinstance(node, (list, tuple)) or hasattr(node, "asList"):
            pending.extend(node)  # type: ignore[arg-type]


# -- result serialisation -----------------------------------------------------------------------


def _json_term(term: object) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        value = {"type": "literal", "value": term.value}
        if term.language:
            value["xml:lang"] = term.language
        elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            value["datatype"] = term.datatype.value
        return value
    return {"type": "literal", "value": str(term)}


def _xml_term(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{xml_escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{xml_escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return (
                f"<literal xml:lang={quoteattr(term.language)}>{xml_escape(term.value)}</literal>"
            )
        if term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            return (
                f"<literal datatype={quoteattr(term.datatype.value)}>"
                f"{xml_escape(term.value)}</literal>"
            )
        return f"<literal>{xml_escape(term.value)}</literal>"
    return f"<literal>{xml_escape(str(term))}</literal>"


def _csv_cell(term: object) -> str:
    if term is None:
        return ""
    text = f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value  # type: ignore[attr-defined]
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _tsv_cell(term: object) -> str:
    if term is None:
        return ""
    return str(term).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def serialize_solutions(variables: list[str], rows: list[list[object | None]], kind: str) -> bytes:
    """SELECT results as SPARQL results JSON, XML, CSV or TSV (``kind``)."""
    if kind == "json":
        bindings = [
            {n: _json_term(t) for n, t in zip(variables, row, strict=False) if t is not None}
            for row in rows
        ]
        document = {"head": {"vars": variables}, "results": {"bindings": bindings}}
        return json.dumps(document, ensure_ascii=False).encode("utf-8")
    if kind == "xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
        out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in variables))
        out.append("</head>\n<results>")
        for row in rows:
            cells = "".join(
                f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>"
                for name, term in zip(variables, row, strict=False)
                if term is not None
            )
            out.append(f"<result>{cells}</result>")
        out.append("</results>\n</sparql>\n")
        return "\n".join(out).encode("utf-8")
    if kind == "csv":
        lines = [",".join(variables)] + [",".join(_csv_cell(t) for t in row) for row in rows]
        return ("\r\n".join(lines) + "\r\n").encode("utf-8")
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join(_tsv_cell(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def serialize_boolean(value: bool, kind: str) -> bytes:
    """An ASK answer in the results format ``kind``."""
    text = "true" if value else "false"
    if kind == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if kind == "xml":
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{text}</boolean></sparql>\n"
        ).encode()
    return f"_askResult\n{text}\n".encode()


# -- the worker side ----------------------------------------------------------------------------


def execute(
    store: ox.Store,
    request: SparqlRequest,
    results_type: str | None,
    graph_type: str | None,
    max_rows: int,
    max_bytes: int = 1 << 62,
) -> QueryOutcome:
    """Run one query on ``store`` and serialise at most ``max_rows`` rows or triples.

    The store's default graph is the union of the served graphs (see
    :mod:`reskg.publish.dataset`), so ``FROM`` and ``FROM NAMED`` work as Oxigraph has them; a
    dataset in the request (``default-graph-uri``, ``named-graph-uri``) replaces the query's,
    and a part it leaves out is empty, as the protocol says.
    """
    options: dict[str, object] = {"prefixes": PREFIXES, "base_iri": request.base_iri}
    try:
        if request.default_graphs or request.named_graphs:
            options["default_graph"] = [ox.NamedNode(g) for g in request.default_graphs]
            options["named_graphs"] = [ox.NamedNode(g) for g in request.named_graphs]
        refuse_service(request.query)
        result = store.query(request.query, **options)  # type: ignore[arg-type]
    except ProtocolError as err:
        return QueryOutcome(err.status, "text/plain; charset=utf-8", f"{err.message}\n".encode())
    except SyntaxError as err:
        return QueryOutcome(400, "text/plain; charset=utf-8", f"malformed query: {err}\n".encode())
    except ValueError as err:
        return QueryOutcome(400, "text/plain; charset=utf-8", f"bad request: {err}\n".encode())
    headers: dict[str, str] = {}
    try:
        if isinstance(result, ox.QueryBoolean):
            if results_type is None:
                return _not_acceptable("ASK results")
            kind = RESULT_TYPES[results_type]
            return QueryOutcome(200, results_type, serialize_boolean(bool(result), kind))
        if isinstance(result, ox.QuerySolutions):
            if results_type is None:
                return _not_acceptable("SELECT results")
            variables = [v.value for v in result.variables]
            rows: list[list[object | None]] = []
            size = 0
            for solution in result:
                if len(rows) >= max_rows:
                    headers["X-SPARQL-MaxRows"] = str(max_rows)
                    break
                row = [solution[i] for i in range(len(variables))]
                size += sum(len(t.value) + 16 for t in row if t is not None)  # type: ignore[attr-defined]
                if size > max_bytes:
                    headers["X-SPARQL-MaxBytes"] = str(max_bytes)
                    break
                rows.append(row)
            body = serialize_solutions(variables, rows, RESULT_TYPES[results_type])
            return QueryOutcome(200, _with_charset(results_type), body, headers)
        if graph_type is None:
            return _not_acceptable("graph results")
        triples: list[ox.Triple] = []
        size = 0
        for triple in result:
            if len(triples) >= max_rows:
                headers["X-SPARQL-MaxRows"] = str(max_rows)
                break
            size += len(str(triple))
            if size > max_bytes:
                headers["X-SPARQL-MaxBytes"] = str(max_bytes)
                break
            triples.append(triple)
        body = serialize_triples(triples, graph_type)
        return QueryOutcome(200, _with_charset(graph_type), body, headers)
    except OSError as err:
        return QueryOutcome(500, "text/plain; charset=utf-8", f"query failed: {err}\n".encode())


def _with_charset(media_type: str) -> str:
    return media_type if media_type.endswith("+json") else f"{media_type}; charset=utf-8"


def _not_acceptable(what: str) -> QueryOutcome:
    offers = ", ".join([*RESULT_TYPES, *GRAPH_TYPES])
    message = f"cannot give {what} in the requested media type; available: {offers}\n"
    return QueryOutcome(406, "text/plain; charset=utf-8", message.encode())


def _worker_main(conn: Connection, dump: str, max_rows: int, max_bytes: int) -> None:
    """A worker process: load the dump, then answer queries until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server decides when workers end
    deny_network()
    store = ox.Store()
    store.bulk_load(path=dump, format=ox.RdfFormat.N_QUADS)
    conn.send(("ready", os.getpid()))
    while True:
        try:
            request, results_type, graph_type = conn.recv()
        except (EOFError, OSError):
            return
        try:
            outcome = execute(store, request, results_type, graph_type, max_rows, max_bytes)
        except Exception as err:  # one bad query must not take the worker down
            outcome = QueryOutcome(
                500, "text/plain; charset=utf-8", f"query failed: {err}\n".encode()
            )
        conn.send(outcome)


# -- the server side ----------------------------------------------------------------------------


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    baseline: int = 0  # resident bytes once the graph is loaded


def _rss(pid: int | None) -> int:
    """Resident memory of process ``pid`` in bytes (0 where /proc cannot tell)."""
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
MAX_RESULT_BYTES = 32 << 20
QUERY_MEMORY = 512 << 20
_WATCH_SECONDS = 0.02


class QueryPool:
    """Worker processes that answer queries; a query past its deadline gets its worker killed."""

    def __init__(
        self,
        dump: Path,
        size: int = 2,
        timeout: float = 10.0,
        max_rows: int = 10_000,
        memory: int = QUERY_MEMORY,
        max_bytes: int = MAX_RESULT_BYTES,
    ):
        self.dump, self.size, self.timeout, self.max_rows = dump, max(1, size), timeout, max_rows
        self.memory, self.max_bytes = memory, max_bytes
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.killed = 0

    def start(self) -> None:
        """Start every worker (in parallel) and wait until each has loaded the graph."""
        starting = [self._launch() for _ in range(self.size)]
        for worker in starting:
            self._idle.put(self._wait_ready(worker))

    def _spawn(self) -> _Worker:
        return self._wait_ready(self._launch())

    def _launch(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main,
            args=(child, str(self.dump), self.max_rows, self.max_bytes),
            daemon=True,
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._all.add(worker)
        return worker

    def _wait_ready(self, worker: _Worker) -> _Worker:
        if not worker.conn.poll(120):
            self._kill(worker)
            raise RuntimeError("a query worker did not start within 120 s")
        worker.conn.recv()
        worker.baseline = _rss(worker.process.pid)
        return worker

    def _replace(self) -> None:
        try:
            worker = self._spawn()
        except (RuntimeError, OSError, EOFError):
            return
        if self._closed:
            self._kill(worker)
        else:
            self._idle.put(worker)

    def _kill(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        pid = worker.process.pid
        if pid is not None and worker.process.is_alive():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        worker.process.join(timeout=5)
        worker.conn.close()

    def run(
        self, request: SparqlRequest, results_type: str | None, graph_type: str | None
    ) -> QueryOutcome:
        """Run ``request`` on an idle worker; 503 when none frees up or the deadline passes."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return QueryOutcome(
                503,
                "text/plain; charset=utf-8",
                b"all query workers are busy; try again shortly\n",
                {"Retry-After": "5"},
            )
        message = f"the query did not finish within the time limit of {self.timeout:g} s\n"
        try:
            worker.conn.send((request, results_type, graph_type))
            deadline = time.monotonic() + self.timeout
            while (left := deadline - time.monotonic()) > 0:
                if worker.conn.poll(min(_WATCH_SECONDS, left)):
                    outcome: QueryOutcome = worker.conn.recv()
                    self._idle.put(worker)
                    return outcome
                if self.memory and _rss(worker.process.pid) - worker.baseline > self.memory:
                    message = f"the query used more than {self.memory >> 20} MiB of memory\n"
                    break
        except (EOFError, OSError):
            message = "the query worker crashed (a query nested too deeply?)\n"
        self.killed += 1
        self._kill(worker)
        threading.Thread(target=self._replace, daemon=True).start()
        return QueryOutcome(
            503, "text/plain; charset=utf-8", message.encode(), {"Retry-After": "5"}
        )

    def close(self) -> None:
        """Kill every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            self._kill(worker)
