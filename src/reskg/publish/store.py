"""Load a graph into any triple store that speaks the SPARQL 1.1 Graph Store HTTP Protocol.

Layout:

- ``merge_graphs(files)``: RDF files -> one in-memory ``pyoxigraph.Dataset``, literals as written
- ``read_graphs(files)``: RDF files (any format the format table knows, optionally gzipped) ->
  N-Triples bytes and the number of distinct triples
- ``query_endpoint_for(store_url)``: the SPARQL query endpoint that goes with a GSP URL
- ``put_graph(data, store_url, graph, auth)``: one HTTP PUT (replaces the graph), with retries
- ``count_triples(endpoint, graph, auth)``: the triple count, asked through SPARQLWrapper
- ``load_graph(...)``: all of the above; raises :class:`LoadError` with one readable line

Retry policy: a PUT replaces the whole graph, so it is idempotent and safe to repeat. Refused or
reset connections and HTTP 502/503/504 are retried ``retries`` times (default 2) after 0.5 s,
then 1.5 s; other HTTP errors (401, 403, 404, 400, 500) and timeouts are reported at once, since
repeating them only repeats the answer (or piles a second upload on a store still busy with
the first). Credentials are sent only in the Authorization header and never appear in a
message: URLs are shown without their user-info part.
"""

from __future__ import annotations

import base64
import http.client
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from reskg import __version__
from reskg.argtypes import is_absolute_iri
from reskg.formats import RdfError, RdfFormat, read_quads
from reskg.remote import MAX_REDIRECTS, RemoteError, deadline, install_safe_redirects, sparql_select

USER_AGENT = f"reskg/{__version__} (load; Graph Store Protocol)"
RETRY_STATUSES = frozenset({502, 503, 504})
BACKOFF_SECONDS = (0.5, 1.5, 3.0, 6.0)


class LoadError(Exception):
    """Loading failed; the message is one line a user can act on."""


@dataclass(frozen=True)
class Auth:
    """Credentials for the store: HTTP Basic (user and password) or a bearer token."""

    user: str | None = None
    password: str | None = None
    token: str | None = None

    def header(self) -> str | None:
        """The Authorization header value, or None without credentials."""
        if self.token:
            return f"Bearer {self.token}"
        if self.user is not None:
            pair = f"{self.user}:{self.password or ''}".encode()
            return "Basic " + base64.b64encode(pair).decode("ascii")
        return None

    def scrub(self, text: str) -> str:
        """``text`` with every form of the credentials (header, base64, plain) as ``***``."""
        header = self.header()
        forms = [header, header.split(" ", 1)[1] if header else None, self.token, self.password]
        for form in sorted(filter(None, forms), key=len, reverse=True):
            text = text.replace(form, "***")
        return text

    def __repr__(self) -> str:  # never show secrets, even in a traceback
        return f"Auth(user={self.user!r}, password=***, token=***)"


@dataclass(frozen=True)
class LoadResult:
    """What was sent and what the store holds afterwards."""

    sent: int
    stored: int
    graph: str | None
    seconds_put: float
    seconds_total: float


def redact(url: str) -> str:
    """``url`` without any ``user:password@`` part."""
    parts = urllib.parse.urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def merge_graphs(files: list[Path], rdf_format: RdfFormat | None = None) -> ox.Dataset:
    """The triples of ``files`` (named graphs too), merged into the default graph, as written.

    An ``ox.Dataset``, not an ``ox.Store``: the store keeps literals by value, so it would
    turn ``"23"^^xsd:nonNegativeInteger`` into ``"23"^^xsd:integer`` and ``"1.50"`` into ``"1.5"``.
    """
    dataset = ox.Dataset()
    for path in files:
        try:
            quads = read_quads(path, rdf_format)
        except RdfError as err:
            raise LoadError(str(err)) from None
        for quad in quads:
            dataset.add(ox.Quad(quad.subject, quad.predicate, quad.object))
    return dataset


def read_graphs(files: list[Path], rdf_format: RdfFormat | None = None) -> tuple[bytes, int]:
    """All triples of ``files`` (merged, deduplicated) as N-Triples bytes, and their count."""
    dataset = merge_graphs(files, rdf_format)
    data = ox.serialize((quad.triple for quad in dataset), format=ox.RdfFormat.N_TRIPLES)
    return data or b"", len(dataset)


def query_endpoint_for(store_url: str) -> str:
    """The query endpoint of the well-known stores' GSP URLs; LoadError when it cannot tell."""
    parts = urllib.parse.urlsplit(store_url)
    path = parts.path.rstrip("/")
    rules = (
        ("/store", "/query"),  # Oxigraph
        ("/data", "/sparql"),  # Fuseki: /{dataset}/data -> /{dataset}/sparql
        ("/rdf-graphs/service", ""),  # GraphDB (RDF4J): /repositories/{id}/rdf-graphs/service
        ("/statements", ""),  # RDF4J-style /repositories/{id}/statements
        ("/sparql-graph-crud-auth", "/sparql-auth"),  # Virtuoso
        ("/sparql-graph-crud", "/sparql"),  # Virtuoso
    )
    for suffix, replacement in rules:
        if path.endswith(suffix):
            new_path = path[: -len(suffix)] + replacement
            return urllib.parse.urlunsplit(parts._replace(path=new_path, query="", fragment=""))
    raise LoadError(
        f"cannot tell the query endpoint of {redact(store_url)}; give it with --query-endpoint"
    )


def gsp_url(store_url: str, graph: str | None) -> str:
    """``store_url?graph=IRI`` for a named graph, ``store_url?default`` for the default graph."""
    separator = "&" if urllib.parse.urlsplit(store_url).query else "?"
    if graph is None:
        return f"{store_url}{separator}default"
    return f"{store_url}{separator}{urllib.parse.urlencode({'graph': graph})}"


def put_graph(
    data: bytes,
    store_url: str,
    graph: str | None,
    auth: Auth,
    timeout: float = 60.0,
    retries: int = 2,
) -> int:
    """PUT ``data`` (N-Triples) to replace the graph; returns the HTTP status."""
    url = gsp_url(store_url, graph)
    headers = {"Content-Type": "application/n-triples", "User-Agent": USER_AGENT}
    authorization = auth.header()
    if authorization:
        headers["Authorization"] = authorization
    attempt = 0
    while True:
        request = urllib.request.Request(url, data=data, headers=headers, method="PUT")
        try:
            with deadline(timeout), urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status
        except urllib.error.HTTPError as err:
            if err.code in RETRY_STATUSES and attempt < retries:
                err.close()
            else:
                raise LoadError(_http_message(err, url)) from None
        except TimeoutError as err:
            raise LoadError(
                f"{redact(url)}: no answer within {timeout:g} s (see --timeout)"
            ) from err
        except http.client.HTTPException as err:
            raise LoadError(
                f"{redact(url)}: the store's answer is not HTTP ({err!r:.80})"
            ) from None
        except (urllib.error.URLError, ConnectionError) as err:
            reason = getattr(err, "reason", err)
            if isinstance(reason, TimeoutError):
                raise LoadError(
                    f"{redact(url)}: no answer within {timeout:g} s (see --timeout)"
                ) from err
            if attempt >= retries:
                raise LoadError(
                    f"{redact(store_url)}: cannot connect ({_reason_text(reason)}) "
                    f"after {attempt + 1} attempt(s); is the store running?"
                ) from err
        time.sleep(BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS) - 1)])
        attempt += 1


def count_triples(endpoint: str, graph: str | None, auth: Auth, timeout: float = 60.0) -> int:
    """The number of triples in ``graph`` (or the default graph), asked with SPARQLWrapper."""
    from SPARQLWrapper import BASIC, JSON, SPARQLWrapper

    if graph is not None and not is_absolute_iri(graph):
        raise LoadError(f"not an absolute IRI: {graph!r}")
    pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    sparql = SPARQLWrapper(endpoint, agent=USER_AGENT)
    sparql.setQuery(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
    sparql.setReturnFormat(JSON)
    sparql.setTimeout(max(1, int(timeout)))
    if auth.token:
        sparql.addCustomHttpHeader("Authorization", f"Bearer {auth.token}")
    elif auth.user is not None:
        sparql.setHTTPAuth(BASIC)
        sparql.setCredentials(auth.user, auth.password or "")
    try:
        with deadline(timeout):
            rows = sparql_select(sparql, redact(endpoint))
    except RemoteError as err:
        raise LoadError(str(err)) from None
    except TimeoutError:
        raise LoadError(
            f"{redact(endpoint)}: no answer within {timeout:g} s (see --timeout)"
        ) from None
    except urllib.error.HTTPError as err:
        raise LoadError(_http_message(err, endpoint)) from None
    except urllib.error.URLError as err:
        raise LoadError(
            f"{redact(endpoint)}: cannot count the triples ({_reason_text(err.reason)})"
        ) from None
    except Exception as err:  # SPARQLWrapper wraps HTTP errors in its own exception types
        first_line = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise LoadError(f"{redact(endpoint)}: cannot count the triples: {first_line}") from None
    try:
        return int(rows[0]["n"])
    except (KeyError, IndexError, ValueError) as err:
        raise LoadError(f"{redact(endpoint)}: unexpected answer to the count query") from err


def load_graph(
    files: list[Path],
    store_url: str,
    graph: str | None = None,
    auth: Auth | None = None,
    query_endpoint: str | None = None,
    timeout: float = 60.0,
    retries: int = 2,
    rdf_format: RdfFormat | None = None,
) -> LoadResult:
    """Replace ``graph`` in the store with the triples of ``files`` and count them back."""
    auth = auth or Auth()
    started = time.perf_counter()
    endpoint = query_endpoint or query_endpoint_for(store_url)
    data, sent = read_graphs(files, rdf_format)
    install_safe_redirects()
    put_started = time.perf_counter()
    try:
        put_graph(data, store_url, graph, auth, timeout=timeout, retries=retries)
        put_seconds = time.perf_counter() - put_started
        stored = count_triples(endpoint, graph, auth, timeout=timeout)
    except LoadError as err:  # an error body may echo the request headers
        raise LoadError(auth.scrub(str(err))) from None
    return LoadResult(sent, stored, graph, put_seconds, time.perf_counter() - started)


def _http_message(err: urllib.error.HTTPError, url: str) -> str:
    hints = {
        401: "the store refused the credentials (check --user/--password or --token)",
        403: "the store forbids this (do the credentials allow writing?)",
        404: "no such endpoint (check the URL)",
        405: "the URL does not accept this method (is it the Graph Store Protocol URL?)",
        413: "the store refused the upload as too large; bulk-load a dump instead",
    }
    detail = hints.get(err.code)
    if 300 <= err.code < 400:
        return f"{redact(url)}: HTTP {err.code}: too many redirects (at most {MAX_REDIRECTS})"
    if detail is None:
        try:
            body = err.read(300).decode("utf-8", "replace")
        except OSError:
            body = ""
        detail = " ".join(body.split())[:200] or "the store reported an error"
    reason = " ".join(str(err.reason).split())[:80]
    return f"{redact(url)}: HTTP {err.code} {reason}: {detail}"


def _reason_text(reason: object) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    return str(reason) or type(reason).__name__
