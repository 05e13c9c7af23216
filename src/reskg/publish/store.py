"""Load a graph into any triple store that speaks the SPARQL 1.1 Graph Store HTTP Protocol.

Layout:

- ``merge_graphs(files)``: RDF files -> one in-memory ``pyoxigraph.Dataset``, literals as written
- ``read_graphs(files)``: RDF files (any format the format table knows, optionally gzipped) ->
  N-Triples bytes and the number of distinct triples
- ``query_endpoint_for(store_url)``: the SPARQL query endpoint that goes with a GSP URL
- ``digest_signer(url, auth)``: HTTP Digest when the store asks for it (Virtuoso), found by a
  bodiless probe, so an upload never meets a 401 it cannot read
- ``put_graph(data, store_url, graph, auth)``: one HTTP PUT (replaces the graph), with retries;
  a connection cut mid-upload is probed, so the store's real answer (401, 403 ...) is reported
- ``count_triples(endpoint, graph, auth)``: the triple count, asked through SPARQLWrapper
- ``load_graph(...)``: all of the above; raises :class:`LoadError` with one readable line

Retry policy: a PUT replaces the whole graph, so it is idempotent and safe to repeat. Refused or
reset connections and HTTP 502/503/504 are retried ``retries`` times (default 2) after 0.5 s,
then 1.5 s; other HTTP errors (401, 403, 404, 400, 500) and timeouts are reported at once, since
repeating them only repeats the answer (or piles a second upload on a store still busy with
the first). Credentials are sent only in the Authorization header and never appear in a
message: URLs are shown without their user-info part, and an error body that echoes the
request's headers is scrubbed (``Auth.scrub``). Each request has a deadline from start to end
(a store dripping one byte a second is stopped), redirects to another origin lose the
credentials, and the count's answer is read bounded and checked (:mod:`reskg.remote`).
"""

from __future__ import annotations

import base64
import html
import http.client
import re
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
from reskg.publish.digest import DigestSigner, digest_challenge, probe
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
        ("/sparql-graph-crud-auth", "/sparql"),  # Virtuoso: its public endpoint reads graphs
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
    signer: DigestSigner | None = None,
) -> int:
    """PUT ``data`` (N-Triples) to replace the graph; returns the HTTP status.

    ``signer`` signs each attempt with HTTP Digest (see ``digest_signer``) instead of sending
    ``auth`` as Basic or Bearer.
    """
    url = gsp_url(store_url, graph)
    headers = _headers(auth)
    headers["Content-Type"] = "application/n-triples"
    attempt = 0
    while True:
        if signer is not None:
            headers["Authorization"] = signer.authorization("PUT", url)
        request = urllib.request.Request(url, data=data, headers=headers, method="PUT")
        try:
            with deadline(timeout), urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status
        except urllib.error.HTTPError as err:
            if err.code in RETRY_STATUSES and attempt < retries:
                err.close()
            else:
                raise LoadError(_put_refused(err, None, url, graph, auth)) from None
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
            refused = (
                _probe_after_cut(url, graph, auth, signer, timeout) if _was_cut(reason) else None
            )
            if refused is not None:  # the store answered before it read the upload
                raise LoadError(
                    _put_refused(*refused, url, graph, auth) + " (it answered before reading "
                    "the upload)"
                ) from None
            if attempt >= retries:
                raise LoadError(
                    f"{redact(store_url)}: cannot connect ({_reason_text(reason)}) "
                    f"after {attempt + 1} attempt(s); is the store running?"
                ) from err
        time.sleep(BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS) - 1)])
        attempt += 1


def digest_signer(url: str, auth: Auth, timeout: float) -> DigestSigner | None:
    """With a user and password: a signer if a bodiless probe of ``url`` meets a Digest
    challenge (Virtuoso), else None (Basic it is)."""
    if auth.user is None or auth.token:
        return None
    refused = probe(url, _headers(auth), timeout)
    if refused is None or refused[0].code != 401:
        return None  # Basic is taken (or the upload will tell what is wrong)
    challenge = digest_challenge(refused[0])
    if challenge is None:  # Virtuoso answers Basic with a 401 that has no challenge: ask bare
        refused = probe(url, {"User-Agent": USER_AGENT}, timeout)
        challenge = digest_challenge(refused[0]) if refused is not None else None
    if challenge is None:
        return None
    return DigestSigner(auth.user, auth.password or "", challenge)


def _headers(auth: Auth) -> dict[str, str]:
    headers = {"User-Agent": USER_AGENT}
    authorization = auth.header()
    if authorization:
        headers["Authorization"] = authorization
    return headers


def _probe_after_cut(
    url: str, graph: str | None, auth: Auth, signer: DigestSigner | None, timeout: float
) -> tuple[urllib.error.HTTPError, str] | None:
    """What the store answers the same request without a body (a GET for the default graph,
    whose refusal Virtuoso explains only in a body)."""
    method = "GET" if graph is None else "HEAD"
    headers = _headers(auth)
    if signer is not None:
        headers["Authorization"] = signer.authorization(method, url)
    return probe(url, headers, timeout, method)


def _was_cut(reason: object) -> bool:
    """A reset or broken connection: what an upload meets when the store answered early."""
    return isinstance(reason, (ConnectionResetError, BrokenPipeError, ConnectionAbortedError))


def _put_refused(
    err: urllib.error.HTTPError,
    body: str | None,
    url: str,
    graph: str | None,
    auth: Auth,
) -> str:
    """The one line for a refused PUT (``body``: its text if read), naming the usual causes."""
    if err.code == 401 and auth.user is None and not auth.token:
        return (
            f"{redact(url)}: HTTP 401: the store asks for credentials "
            "(give --user and --password, or --token)"
        )
    if graph is None and err.code in (400, 403, 404, 500):
        if body is None:
            try:
                body = err.read(4000).decode("utf-8", "replace")
            except OSError:
                body = ""
        if "default" in body.lower() and "graph" in body.lower():
            return (
                f"{redact(url)}: HTTP {err.code}: the store has no default graph to replace "
                "(Virtuoso's Graph Store endpoint needs one named); give a graph IRI with --graph"
            )
    return _http_message(err, url, body)


def count_triples(
    endpoint: str, graph: str | None, auth: Auth, timeout: float = 60.0, digest: bool = False
) -> int:
    """The number of triples in ``graph`` (or the default graph), asked with SPARQLWrapper
    (HTTP Digest with ``digest``, as the store asked for the upload)."""
    from SPARQLWrapper import BASIC, DIGEST, JSON, SPARQLWrapper

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
        sparql.setHTTPAuth(DIGEST if digest else BASIC)
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
        signer = digest_signer(gsp_url(store_url, graph), auth, timeout)
        put_graph(data, store_url, graph, auth, timeout=timeout, retries=retries, signer=signer)
        put_seconds = time.perf_counter() - put_started
        stored = count_triples(endpoint, graph, auth, timeout=timeout, digest=signer is not None)
    except LoadError as err:  # an error body may echo the request headers
        raise LoadError(auth.scrub(str(err))) from None
    return LoadResult(sent, stored, graph, put_seconds, time.perf_counter() - started)


def _http_message(err: urllib.error.HTTPError, url: str, body: str | None = None) -> str:
    """One line for an HTTP error (``body``: its text when already read)."""
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
        if body is None:
            try:
                body = err.read(300).decode("utf-8", "replace")
            except OSError:
                body = ""
        body = _text_of(body)
        detail = " ".join(body.split())[:200] or "the store reported an error"
    reason = " ".join(str(err.reason).split())[:80]
    return f"{redact(url)}: HTTP {err.code} {reason}: {detail}"


def _text_of(body: str) -> str:
    """An error page's text: an HTML page's markup dropped, so the message is readable."""
    if "<" not in body:
        return body
    return html.unescape(re.sub(r"(?s)<(script|style)\b.*?</\1>|<[^>]*>", " ", body))


def _reason_text(reason: object) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    return str(reason) or type(reason).__name__
