"""The linked-data server: resource pages with content negotiation, /sparql, VoID and dumps.

Layout:

- ``Site``: the graph (an in-memory ``pyoxigraph.Dataset``, literals exactly as written), the
  base IRI, the query worker pool, and every view: ``resource(path, media)``, ``landing``,
  ``void(server_url, media)``, the dumps
- ``Handler``: HTTP routing, limits and headers on a stdlib ``ThreadingHTTPServer``
- ``serve(...)``: start the workers, bind, serve until SIGINT or SIGTERM, stop the workers

The graph does not change while it is served, so a rendered resource response is cached (LRU);
resource pages are answered from the dataset in the server process with pattern lookups, while
SPARQL from the outside runs in killable worker processes (see :mod:`reskg.publish.sparql`).
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from reskg import paths
from reskg.formats import FORMATS, RdfFormat
from reskg.iris import DEFAULT_BASE
from reskg.publish import html
from reskg.publish.conneg import HTML, format_parameter, negotiate
from reskg.publish.dataset import read_dataset, write_query_dump
from reskg.publish.html import Evidence, Link, ResourceView, TimelineEntry, Value, esc
from reskg.publish.httpbase import (
    IDLE_TIMEOUT,
    ByteLRU,
    CappedServer,
    GuardedHandler,
    security_headers,
)
from reskg.publish.rdf import PREFIXES, RDF_TYPE, XSD_STRING, serialize_triples, shorten
from reskg.publish.sparql import (
    FORMAT_NAMES,
    GRAPH_TYPES,
    MAX_QUERY_BYTES,
    QUERY_MEMORY,
    RESULT_ALIASES,
    RESULT_TYPES,
    ProtocolError,
    QueryOutcome,
    QueryPool,
    SparqlRequest,
    parse_request,
)
from reskg.query import query_description, query_summary

RDF = PREFIXES["rdf"]
RDFS = PREFIXES["rdfs"]
SCHEMA = PREFIXES["schema"]
RESKG = PREFIXES["reskg"]
OA = PREFIXES["oa"]
ELI = PREFIXES["eli"]
VOID = PREFIXES["void"]
PROV = PREFIXES["prov"]
OWL_SAME_AS = PREFIXES["owl"] + "sameAs"
SKOS_EXACT_MATCH = PREFIXES["skos"] + "exactMatch"
LABEL_PREDICATES = (RDFS + "label", SCHEMA + "name", PREFIXES["dcterms"] + "title")
# Provenance plumbing: shown as evidence beside each fact, not as links of its own.
PLUMBING = frozenset(
    {RDF + "subject", RDF + "object", RESKG + "span", RESKG + "sentence", RESKG + "inArticle"}
)
RESOURCE_OFFERS = [HTML, *(f.media_type for f in FORMATS.values())]
RDF_OFFERS = [f.media_type for f in FORMATS.values()]
MAX_BODY_BYTES = MAX_QUERY_BYTES
MAX_TARGET_CHARS = 2 * MAX_QUERY_BYTES  # a GET query, percent-encoded
_NOT_IN_IRI_PATH = re.compile(r'[\x00-\x20<>"{}|^`\x7f]')
_CANNED_NAME = re.compile(r"^[A-Za-z0-9_-]+$")
_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")


def _nn(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


class Site:
    """The served graph and every view of it."""

    def __init__(
        self,
        graph: ox.Dataset,
        base: str = DEFAULT_BASE,
        pool: QueryPool | None = None,
        bind_url: str = "http://127.0.0.1:8000",
    ) -> None:
        self.graph = graph
        self.base = base.rstrip("/")
        self.pool = pool
        self.bind_url = bind_url
        self.triples = len(graph)
        self.canned = (
            {p.stem: p for p in sorted(paths.QUERIES_DIR.glob("*.rq"))}
            if paths.QUERIES_DIR.is_dir()
            else {}
        )
        # bounded in bytes: keys are request paths, which a client chooses
        self.resource = ByteLRU(self._resource, 64 << 20, lambda answer: len(answer[1]) + 64)
        self.label = ByteLRU(self._label, 16 << 20)
        self.exists = ByteLRU(self._exists, 16 << 20, lambda _: 8)

    # -- graph access -----------------------------------------------------------------------

    def match(
        self, subject: object = None, predicate: object = None, obj: object = None
    ) -> Iterator[ox.Quad]:
        """Quads matching a pattern (None is a wildcard), using the most selective index."""
        if subject is not None:
            quads = self.graph.quads_for_subject(subject)  # type: ignore[arg-type]
        elif obj is not None:
            quads = self.graph.quads_for_object(obj)  # type: ignore[arg-type]
        elif predicate is not None:
            quads = self.graph.quads_for_predicate(predicate)  # type: ignore[arg-type]
        else:
            quads = iter(self.graph)
        for quad in quads:
            if (
                (subject is None or quad.subject == subject)
                and (predicate is None or quad.predicate == predicate)
                and (obj is None or quad.object == obj)
            ):
                yield quad

    def objects(self, subject: str, predicate: str) -> list[object]:
        return [q.object for q in self.match(_nn(subject), _nn(predicate), None)]

    def value(self, subject: str, predicate: str) -> str | None:
        for term in self.objects(subject, predicate):
            return term.value  # type: ignore[attr-defined]
        return None

    def _exists(self, iri: str) -> bool:
        node = _nn(iri)
        for _ in self.match(node, None, None):
            return True
        for _ in self.match(None, None, node):
            return True
        return False

    def _label(self, iri: str) -> str:
        for predicate in LABEL_PREDICATES:
            literals = [t for t in self.objects(iri, predicate) if isinstance(t, ox.Literal)]
            if literals:
                english = [t for t in literals if (t.language or "").startswith("en")]
                return min(english or literals, key=lambda t: t.value).value
        if iri.startswith(self.base + "/"):
            return iri[len(self.base) + 1 :]
        return shorten(iri)

    def local_path(self, iri: str) -> str | None:
        """The path this server gives ``iri`` when it lies under the base, else None."""
        if iri == self.base:
            return "/"
        if iri.startswith(self.base + "/"):
            return iri[len(self.base) :]
        return None

    def link(self, iri: str, label: str | None = None) -> Link:
        """A link to ``iri``: local when this server has it, else to the IRI itself."""
        path = self.local_path(iri)
        href = iri
        if path is not None and self.exists(iri.split("#", 1)[0]):
            href = path
        return Link(label if label is not None else self.label(iri), href, iri)

    def short_link(self, term: object) -> Link:
        """A link labelled briefly: "OIC 10/11" for a numbered resolution of a known body."""
        link = self.term_link(term)
        if not isinstance(term, ox.NamedNode):
            return link
        number = self.value(term.value, ELI + "id_local")
        body = self.value(term.value, ELI + "passed_by")
        abbreviation = self.value(body, PREFIXES["skos"] + "altLabel") if body else None
        if number:
            link.label = f"{abbreviation or 'Resolution'} {number}"
        return link

    def term_link(self, term: object) -> Link:
        if isinstance(term, ox.NamedNode):
            return self.link(term.value)
        return Link(str(term))

    # -- resources --------------------------------------------------------------------------

    def _resource(self, path: str, media_type: str) -> tuple[int, bytes]:
        """Status and body of the resource at ``path`` in ``media_type`` (cached)."""
        iri = self.base + path
        if path == "/" or not self.exists(iri):
            return 404, b""
        if media_type == HTML:
            return 200, html.resource_page(self.view(iri)).encode("utf-8")
        return 200, serialize_triples(self.description(iri), media_type)

    def description(self, iri: str) -> Iterator[ox.Triple]:
        """Triples about ``iri``: out, in, its hash IRIs, and the evidence of its statements."""
        node = _nn(iri)
        for quad in self.match(node, None, None):
            yield quad.triple
        for quad in self.match(None, None, node):
            yield quad.triple
            subject = quad.subject
            if isinstance(subject, ox.NamedNode) and subject.value.startswith(iri + "#"):
                for inner in self.match(subject, None, None):
                    yield inner.triple
        for quad in self.match(None, _nn(RDF + "subject"), node):
            evidence = quad.subject
            for inner in self.match(evidence, None, None):
                yield inner.triple
                if inner.predicate.value == RESKG + "span":
                    yield from self._selector_triples(inner.object)

    def _selector_triples(self, selector: object) -> Iterator[ox.Triple]:
        for quad in self.match(selector, None, None):  # type: ignore[arg-type]
            yield quad.triple
            if quad.predicate.value == RESKG + "sentence":
                for inner in self.match(quad.object, None, None):  # type: ignore[arg-type]
                    yield inner.triple

    def evidence_index(self, iri: str) -> dict[tuple[str, str], list[Evidence]]:
        """(predicate, object) of the statements about ``iri`` -> the sentences stating them."""
        index: dict[tuple[str, str], list[Evidence]] = {}
        seen: set[tuple[str, str, str]] = set()
        for quad in self.match(None, _nn(RDF + "subject"), _nn(iri)):
            e = quad.subject.value  # type: ignore[union-attr]
            predicate = self.value(e, RDF + "predicate")
            objects = self.objects(e, RDF + "object")
            selector = self.value(e, RESKG + "span")
            if predicate is None or not objects or selector is None:
                continue
            key = (predicate, str(objects[0]))
            if (key[0], key[1], selector) in seen:
                continue
            seen.add((key[0], key[1], selector))
            evidence = self.evidence(selector)
            if evidence is not None:
                index.setdefault(key, []).append(evidence)
        return index

    def evidence(self, selector: str) -> Evidence | None:
        """The sentence around a text-position selector, with the selected span marked."""
        start, end = self.value(selector, OA + "start"), self.value(selector, OA + "end")
        exact = self.value(selector, OA + "exact")
        if start is None or end is None or exact is None:
            return None
        article = self.value(selector, RESKG + "inArticle")
        sentence = self.value(selector, RESKG + "sentence")
        text, mark_start, mark_end = exact, 0, len(exact)
        if sentence is not None:
            sentence_text = self.value(sentence, OA + "exact")
            sentence_start = self.value(sentence, OA + "start")
            if sentence_text is not None and sentence_start is not None:
                offset = int(start) - int(sentence_start)
                text, mark_start, mark_end = sentence_text, offset, offset + len(exact)
        where = f"characters {start}–{end}"
        return Evidence(text, mark_start, mark_end, self.link(article) if article else None, where)

    def view(self, iri: str) -> ResourceView:
        """What the HTML page of ``iri`` shows."""
        node = _nn(iri)
        evidence = self.evidence_index(iri)
        types: list[Link] = []
        matches: list[Link] = []
        grouped: dict[str, list[Value]] = {}
        for quad in sorted(self.match(node, None, None), key=str):
            predicate, obj = quad.predicate.value, quad.object
            if predicate == RDF_TYPE:
                types.append(self.link(obj.value, shorten(obj.value)))  # type: ignore[union-attr]
                continue
            if predicate in (OWL_SAME_AS, SKOS_EXACT_MATCH) and isinstance(obj, ox.NamedNode):
                matches.append(_match_link(obj.value))
            value = self._value(obj)
            value.evidence = evidence.get((predicate, str(obj)), [])
            grouped.setdefault(predicate, []).append(value)
        order = {p: i for i, p in enumerate(LABEL_PREDICATES)}
        properties = [
            (self.link(p, shorten(p)), grouped[p])
            for p in sorted(grouped, key=lambda p: (order.get(p, 99), shorten(p)))
        ]
        incoming = []
        for quad in self.match(None, None, node):
            if quad.predicate.value in PLUMBING:
                continue
            predicate = quad.predicate.value
            incoming.append(
                (self.term_link(quad.subject), self.link(predicate, shorten(predicate)))
            )
        incoming.sort(key=lambda pair: (pair[1].label, pair[0].label))
        view = ResourceView(
            iri=iri,
            label=self.label(iri),
            types=types,
            properties=properties,
            incoming=incoming,
            matches=matches,
            alternates=[(f.media_type, f"?format={f.name}") for f in FORMATS.values()],
        )
        if any(True for _ in self.match(node, _nn(RDF_TYPE), _nn(RESKG + "Resolution"))):
            self._add_resolution_views(iri, view)
        return view

    def _value(self, term: object) -> Value:
        if isinstance(term, ox.Literal):
            datatype = term.datatype.value
            shown = None if datatype == XSD_STRING or term.language else shorten(datatype)
            return Value(literal=term.value, language=term.language, datatype=shown)
        return Value(link=self.term_link(term))

    def _add_resolution_views(self, iri: str, view: ResourceView) -> None:
        """A resolution's timeline and what it cites and is cited by."""
        relations = ((ELI + "cites", "cites"), (RESKG + "relatedTo", "related to"))
        for predicate, relation in relations:
            for term in self.objects(iri, predicate):
                view.cites.append((self.short_link(term), relation))
            for quad in self.match(None, _nn(predicate), _nn(iri)):
                view.cited_by.append((self.short_link(quad.subject), relation))
        view.cites.sort(key=lambda pair: pair[0].label)
        view.cited_by.sort(key=lambda pair: pair[0].label)
        view.timeline = self.timeline(iri)
        view.mentioned = self.mentioned(iri)
        view.short_label = self.short_link(_nn(iri)).label

    def mentioned(self, iri: str) -> dict[str, list[Link]]:
        """People, organisations and places taken from the articles about a resolution."""
        kinds = {
            "People": SCHEMA + "Person",
            "Organisations": PREFIXES["org"] + "Organization",
            "Places": SCHEMA + "Place",
        }
        found: dict[str, list[Link]] = {}
        for about in self.match(None, _nn(SCHEMA + "about"), _nn(iri)):
            for derived in self.match(None, _nn(PROV + "wasDerivedFrom"), about.subject):
                node = derived.subject
                for kind, cls in kinds.items():
                    if any(True for _ in self.match(node, _nn(RDF_TYPE), _nn(cls))):
                        found.setdefault(kind, []).append(self.term_link(node))
        return {
            kind: sorted(
                {link.href or link.label: link for link in links}.values(), key=lambda x: x.label
            )
            for kind, links in found.items()
        }

    def timeline(self, iri: str) -> list[TimelineEntry]:
        """Dated events of a resolution: its adoption, its sessions, and its articles' events."""
        entries: list[TimelineEntry] = []
        start = self.value(iri, RESKG + "adoptionStart") or self.value(iri, ELI + "date_document")
        if start:
            end = self.value(iri, RESKG + "adoptionEnd") or start
            entries.append(TimelineEntry(start, end, Link(self.label(iri)), "adopted"))
        events = {t.value for t in self.objects(iri, RESKG + "adoptedAt")}  # type: ignore[attr-defined]
        for quad in self.match(None, _nn(SCHEMA + "about"), _nn(iri)):
            for derived in self.match(None, _nn(PROV + "wasDerivedFrom"), quad.subject):
                events.add(derived.subject.value)  # type: ignore[union-attr]
        for event in sorted(events):
            date = self.value(event, SCHEMA + "startDate")
            if date is None:
                continue
            end = self.value(event, SCHEMA + "endDate") or date
            note = (
                "adopted here"
                if event
                in {
                    t.value
                    for t in self.objects(iri, RESKG + "adoptedAt")  # type: ignore[attr-defined]
                }
                else ""
            )
            entries.append(TimelineEntry(date, end, self.link(event), note))
        entries.sort(key=lambda e: (e.start, e.end, e.what.label))
        return entries

    # -- dataset views ----------------------------------------------------------------------

    @functools.cached_property
    def summary(self) -> dict[str, object]:
        """Counts and lists for the landing page."""
        classes = {
            "Resolutions": RESKG + "Resolution",
            "People": SCHEMA + "Person",
            "Places": SCHEMA + "Place",
            "Organisations": PREFIXES["org"] + "Organization",
            "Events": SCHEMA + "Event",
            "Articles": SCHEMA + "Article",
            "Evidence statements": RESKG + "Evidence",
        }
        counts = {
            name: sum(1 for _ in self.match(None, _nn(RDF_TYPE), _nn(cls)))
            for name, cls in classes.items()
        }
        article_type = _nn(SCHEMA + "Article")
        subjects = {  # what articles are about (provisions are schema:about things too)
            q.object.value  # type: ignore[union-attr]
            for q in self.match(None, _nn(SCHEMA + "about"), None)
            if any(True for _ in self.match(q.subject, _nn(RDF_TYPE), article_type))
        }
        resolutions = sorted(
            (
                q.subject.value  # type: ignore[union-attr]
                for q in self.match(None, _nn(RDF_TYPE), _nn(RESKG + "Resolution"))
            ),
            key=lambda r: (r not in subjects, self.label(r)),
        )
        articles = sorted(
            q.subject.value  # type: ignore[union-attr]
            for q in self.match(None, _nn(RDF_TYPE), _nn(SCHEMA + "Article"))
        )
        return {
            "counts": counts,
            "resolutions": resolutions,
            "subjects": subjects,
            "articles": articles,
        }

    def dataset_iri(self) -> str:
        for quad in self.match(None, _nn(RDF_TYPE), _nn(VOID + "Dataset")):
            return quad.subject.value  # type: ignore[union-attr]
        return f"{self.base}/dataset"

    @functools.cached_property
    def landing(self) -> bytes:
        """The landing page: summary, resolutions, canned queries, SPARQL form, downloads."""
        summary = self.summary
        dataset = self.dataset_iri()
        title = self.label(dataset) if self.exists(dataset) else "reskg knowledge graph"
        parts = [f"<h1>{esc(title)}</h1>"]
        parts.append(
            f"<p>{self.triples:,} triples. Base IRI <code>{esc(self.base)}/</code>. "
            f"Dataset description: {self.link(dataset, 'dataset').html()}, "
            '<a href="/.well-known/void">VoID</a>; dumps: <a href="/dump.nt">N-Triples</a>, '
            '<a href="/dump.ttl">Turtle</a>; SPARQL endpoint: <a href="/sparql">/sparql</a>.</p>'
        )
        counts = summary["counts"]
        assert isinstance(counts, dict)
        parts.append("<table><tbody>")
        for name, n in counts.items():
            parts.append(f"<tr><td>{esc(name)}</td><td>{n:,}</td></tr>")
        parts.append("</tbody></table>")
        resolutions = summary["resolutions"]
        subjects = summary["subjects"]
        assert isinstance(resolutions, list) and isinstance(subjects, set)
        if resolutions:
            parts.append("<h2>Resolutions</h2><ul>")
            for iri in resolutions[:500]:
                note = (
                    ' <span class="muted">(an article is about it)</span>'
                    if iri in subjects
                    else ""
                )
                parts.append(f"<li>{self.link(iri).html()}{note}</li>")
            parts.append("</ul>")
        articles = summary["articles"]
        assert isinstance(articles, list)
        if articles:
            parts.append("<h2>Articles</h2><ul>")
            parts += [f"<li>{self.link(a).html()}</li>" for a in articles[:500]]
            parts.append("</ul>")
        parts.append('<h2>Canned queries</h2><table class="queries"><tbody>')
        for name, path in self.canned.items():
            description = query_summary(path)
            parts.append(
                f'<tr><td><a href="/query/{esc(name)}">{esc(name)}</a></td>'
                f"<td>{esc(description)}</td></tr>"
            )
        parts.append("</tbody></table><h2>Ask your own</h2>")
        example = (
            "SELECT ?resolution ?label WHERE {\n  ?resolution a reskg:Resolution ; "
            "rdfs:label ?label .\n} ORDER BY ?label LIMIT 50"
        )
        parts.append(html.sparql_form(example))
        return html.page(title, "".join(parts)).encode("utf-8")

    def void(self, server_url: str, media_type: str) -> bytes:
        """The VoID description, with this server's endpoint and dumps."""
        dataset = _nn(self.dataset_iri())
        triples = [
            q.triple
            for q in self.match(dataset, None, None)
            if q.predicate.value != VOID + "triples"
        ]
        xsd_integer = _nn(PREFIXES["xsd"] + "integer")
        triples += [
            ox.Triple(dataset, _nn(RDF_TYPE), _nn(VOID + "Dataset")),
            ox.Triple(
                dataset, _nn(VOID + "triples"), ox.Literal(str(self.triples), datatype=xsd_integer)
            ),
            ox.Triple(dataset, _nn(VOID + "sparqlEndpoint"), _nn(f"{server_url}/sparql")),
            ox.Triple(dataset, _nn(VOID + "dataDump"), _nn(f"{server_url}/dump.nt")),
            ox.Triple(dataset, _nn(VOID + "dataDump"), _nn(f"{server_url}/dump.ttl")),
            ox.Triple(dataset, _nn(VOID + "uriSpace"), ox.Literal(f"{self.base}/")),
            ox.Triple(dataset, _nn(VOID + "feature"), _nn("http://www.w3.org/ns/formats/Turtle")),
        ]
        return serialize_triples(triples, media_type)

    @functools.cached_property
    def dump_nt(self) -> bytes:
        triples = sorted((q.triple for q in self.graph), key=str)
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""

    @functools.cached_property
    def dump_ttl(self) -> bytes:
        triples = sorted((q.triple for q in self.graph), key=str)
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""


def _match_link(iri: str) -> Link:
    if iri.startswith("http://www.wikidata.org/entity/"):
        return Link(f"Wikidata {iri.rsplit('/', 1)[1]}", iri, iri)
    match = re.match(r"^https?://sws\.geonames\.org/(\d+)", iri)
    if match:
        return Link(f"GeoNames {match.group(1)}", iri, iri)
    return Link(iri, iri, iri)


# -- HTTP ---------------------------------------------------------------------------------------


class Handler(GuardedHandler):
    """Routes: /, /sparql, /query/NAME, /.well-known/void, /dump.nt, /dump.ttl, resources."""

    protocol_version = "HTTP/1.1"
    # Headers and body leave in two writes; with Nagle on, the second waits ~40 ms for an ACK.
    disable_nagle_algorithm = True
    server_version = "reskg"
    sys_version = ""
    server: ReskgHTTPServer

    def log_message(self, format: str, *args: object) -> None:
        if self.server.verbose:
            sys.stderr.write(f"{self.address_string()} {format % args}\n")

    # -- responses --------------------------------------------------------------------------

    def respond(
        self,
        status: int,
        content_type: str,
        body: bytes,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        for name, value in {**security_headers(content_type), **(headers or {})}.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def fail(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        """An error: an HTML page for browsers, one line of text for everyone else."""
        reason = self.responses.get(status, ("Error",))[0]
        if negotiate(self.headers.get("Accept"), ["text/plain", HTML]) == HTML:
            body = html.error_page(status, reason, message).encode("utf-8")
            self.respond(status, "text/html; charset=utf-8", body, headers)
        else:
            self.respond(status, "text/plain; charset=utf-8", f"{message}\n".encode(), headers)

    # -- methods ----------------------------------------------------------------------------

    def do_GET(self) -> None:
        self.route(b"")

    def do_HEAD(self) -> None:
        self.route(b"")

    def do_POST(self) -> None:
        path, _ = self.split_target()
        if path is None:
            return
        if path != "/sparql":
            self.fail(405, "only /sparql accepts POST", {"Allow": "GET, HEAD"})
            return
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self.close_connection = True
            self.fail(411, "a POST needs a Content-Length")
            return
        if int(length) > MAX_BODY_BYTES:
            self.close_connection = True
            self.discard_body(int(length))
            self.fail(413, f"the request body is larger than {MAX_BODY_BYTES} bytes")
            return
        self.route(self.rfile.read(int(length)))

    def do_OPTIONS(self) -> None:
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Accept, Content-Type")
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _refuse_method(self) -> None:
        self.fail(405, "this server is read-only", {"Allow": "GET, HEAD, POST, OPTIONS"})

    do_PUT = do_DELETE = do_PATCH = _refuse_method

    # -- routing ----------------------------------------------------------------------------

    def split_target(self) -> tuple[str | None, str]:
        """The request path and query string; None (after a 400) for a hostile path."""
        target = urllib.parse.urlsplit(self.path)
        path, query = target.path or "/", target.query
        decoded = urllib.parse.unquote(path)
        if len(self.path) > MAX_TARGET_CHARS:
            self.close_connection = True
            self.fail(414, f"the request target is longer than {MAX_TARGET_CHARS} characters")
            return None, query
        if (
            _NOT_IN_IRI_PATH.search(path)
            or not path.startswith("/")
            or ".." in decoded.split("/")
            or "\\" in decoded
            or "\x00" in decoded
            or "//" in path
        ):
            self.fail(400, "bad path")
            return None, query
        return path, query

    def route(self, body: bytes) -> None:
        path, query = self.split_target()
        if path is None:
            return
        site = self.server.site
        try:
            if path == "/":
                self.respond(200, "text/html; charset=utf-8", site.landing)
            elif path == "/sparql":
                self.sparql(query, body)
            elif path.startswith("/query/"):
                self.canned(path[len("/query/") :], query)
            elif path == "/.well-known/void":
                self.void(query)
            elif path == "/dump.nt":
                self.respond(200, "application/n-triples; charset=utf-8", site.dump_nt)
            elif path == "/dump.ttl":
                self.respond(200, "text/turtle; charset=utf-8", site.dump_ttl)
            elif path == "/favicon.ico":
                self.respond(404, "text/plain; charset=utf-8", b"")
            else:
                self.resource(path, query)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception:  # a bug must cost one request, not the connection
            traceback.print_exc(file=sys.stderr)
            self.close_connection = True
            self.fail(500, "internal error; the server log has the details")

    def choose(self, query: str, offers: list[str]) -> str | None:
        """The media type to answer with: ``?format=`` if given, else by Accept."""
        params = urllib.parse.parse_qs(query)
        if "format" in params:
            wanted = format_parameter(params["format"][0])
            return wanted if wanted in offers else None
        return negotiate(self.headers.get("Accept"), offers)

    def resource(self, path: str, query: str) -> None:
        media = self.choose(query, RESOURCE_OFFERS)
        vary = {"Vary": "Accept"}
        if media is None:
            offers = ", ".join(RESOURCE_OFFERS)
            self.fail(
                406, f"cannot give this resource in that media type; available: {offers}", vary
            )
            return
        status, body = self.server.site.resource(path, media)
        if status == 404:
            self.fail(404, f"nothing is known about {self.server.site.base + path}", vary)
            return
        content_type = media if media.endswith("+json") else f"{media}; charset=utf-8"
        self.respond(status, content_type, body, vary)

    def void(self, query: str) -> None:
        media = self.choose(query, RDF_OFFERS)
        if media is None:
            self.fail(406, f"VoID is available as {', '.join(RDF_OFFERS)}", {"Vary": "Accept"})
            return
        content_type = media if media.endswith("+json") else f"{media}; charset=utf-8"
        body = self.server.site.void(self.server_url(), media)
        self.respond(200, content_type, body, {"Vary": "Accept"})

    def server_url(self) -> str:
        host = self.headers.get("Host", "")
        if _HOST.match(host):
            return f"http://{host}"
        return self.server.site.bind_url

    # -- SPARQL -----------------------------------------------------------------------------

    def sparql(self, query: str, body: bytes) -> None:
        site = self.server.site
        params = urllib.parse.parse_qs(query)
        if self.command in ("GET", "HEAD") and "query" not in params and "update" not in params:
            if negotiate(self.headers.get("Accept"), [HTML, "text/plain"]) == HTML:
                form = "<h1>SPARQL</h1>" + html.sparql_form("SELECT * WHERE { ?s ?p ?o } LIMIT 20")
                self.respond(200, "text/html; charset=utf-8", html.page("SPARQL", form).encode())
            else:
                self.fail(400, "give a SPARQL query in the 'query' parameter")
            return
        try:
            request = parse_request(self.command, query, self.headers.get("Content-Type"), body)
        except ProtocolError as err:
            self.fail(err.status, err.message)
            return
        request.base_iri = f"{self.server_url()}/sparql"
        results_type, graph_type, as_html = self.sparql_types(params)
        if results_type is None and graph_type is None:
            offers = ", ".join([*RESULT_TYPES, *GRAPH_TYPES, HTML])
            self.fail(
                406, f"cannot answer in that media type; available: {offers}", {"Vary": "Accept"}
            )
            return
        assert site.pool is not None
        started = time.perf_counter()
        outcome = site.pool.run(request, results_type, graph_type)
        headers = {"Vary": "Accept", **outcome.headers}
        if as_html and outcome.status == 200:
            seconds = time.perf_counter() - started
            page = self.results_page(request.query, outcome, seconds, "SPARQL results")
            self.respond(200, "text/html; charset=utf-8", page, headers)
        elif outcome.status != 200:
            self.fail(outcome.status, outcome.body.decode("utf-8", "replace").strip(), headers)
        else:
            self.respond(outcome.status, outcome.content_type, outcome.body, headers)

    def sparql_types(self, params: dict[str, list[str]]) -> tuple[str | None, str | None, bool]:
        """Results and graph media types for this request, and whether to show HTML."""
        result_offers = [*RESULT_TYPES, HTML]
        graph_offers = [*GRAPH_TYPES, HTML]
        if "format" in params:
            name = params["format"][0].strip().lower()
            wanted = FORMAT_NAMES.get(name) or RESULT_ALIASES.get(name) or format_parameter(name)
            if wanted is None and name in RESULT_TYPES:
                wanted = name
            results = wanted if wanted in result_offers else None
            graph = wanted if wanted in graph_offers else None
        else:
            accept = self.headers.get("Accept")
            results = negotiate(accept, [*RESULT_TYPES, *RESULT_ALIASES, HTML])
            results = RESULT_ALIASES.get(results or "", results)
            graph = negotiate(accept, graph_offers)
        if HTML in (results, graph):
            return "application/sparql-results+json", "text/turtle", True
        return results, graph, False

    def results_page(self, query: str, outcome: QueryOutcome, seconds: float, title: str) -> bytes:
        """Query results as an HTML page with the query above them."""
        site = self.server.site
        parts = [f"<h1>{esc(title)}</h1>", html.sparql_form(query)]
        parts.append(self._result_body(outcome, site))
        note = f"{seconds * 1000:.0f} ms"
        if "X-SPARQL-MaxRows" in outcome.headers:
            note += f"; cut off at {outcome.headers['X-SPARQL-MaxRows']} rows"
        encoded = urllib.parse.quote(query)
        downloads = " ".join(
            f'<a href="/sparql?query={encoded}&amp;format={name}">{name.upper()}</a>'
            for name in ("json", "xml", "csv", "tsv")
        )
        parts.append(f'<p class="muted">{esc(note)}. Download: {downloads}</p>')
        return html.page(title, "".join(parts)).encode("utf-8")

    def _result_body(self, outcome: QueryOutcome, site: Site) -> str:
        if outcome.content_type.startswith("application/sparql-results+json"):
            document = json.loads(outcome.body)
            if "boolean" in document:
                return f"<p>Answer: <strong>{'yes' if document['boolean'] else 'no'}</strong></p>"
            variables = document["head"]["vars"]
            bindings = document["results"]["bindings"]
            table = html.results_table(variables, bindings, site.link)
            return f'<p class="muted">{len(bindings)} row(s)</p>{table}'
        return f"<pre>{esc(outcome.body.decode('utf-8', 'replace'))}</pre>"

    def canned(self, name: str, query: str) -> None:
        site = self.server.site
        if not _CANNED_NAME.match(name) or name not in site.canned:
            self.fail(404, f"no canned query named {name!r}")
            return
        text = site.canned[name].read_text(encoding="utf-8")
        request = SparqlRequest(query=text)
        assert site.pool is not None
        started = time.perf_counter()
        outcome = site.pool.run(request, "application/sparql-results+json", "text/turtle")
        if outcome.status != 200:
            self.fail(outcome.status, outcome.body.decode("utf-8", "replace").strip())
            return
        description = query_description(site.canned[name])
        intro = f'<pre class="muted">{esc(description)}</pre>'
        body = self.results_page(text, outcome, time.perf_counter() - started, f"Query: {name}")
        body = body.replace(b"</h1>", b"</h1>" + intro.encode("utf-8"), 1)
        self.respond(200, "text/html; charset=utf-8", body)


class ReskgHTTPServer(CappedServer):
    """A threaded HTTP server carrying the site, with a cap on open connections."""

    def __init__(
        self,
        address: tuple[str, int],
        site: Site,
        verbose: bool = False,
        idle_timeout: float = IDLE_TIMEOUT,
    ) -> None:
        self.site = site
        self.verbose = verbose
        super().__init__(address, type("Handler", (Handler,), {"timeout": idle_timeout}))


def serve(
    graphs: list[Path],
    host: str = "127.0.0.1",
    port: int = 8000,
    base: str = DEFAULT_BASE,
    workers: int = 2,
    timeout: float = 10.0,
    max_rows: int = 10_000,
    verbose: bool = False,
    rdf_format: RdfFormat | None = None,
    idle_timeout: float = IDLE_TIMEOUT,
    query_memory: int = QUERY_MEMORY,
) -> int:
    """Serve ``graphs`` until interrupted; returns the exit code."""
    started = time.perf_counter()
    dataset = read_dataset(graphs, base, rdf_format)
    graph = dataset.union
    workdir = Path(tempfile.mkdtemp(prefix="reskg-serve-"))
    pool: QueryPool | None = None
    try:
        dump = workdir / "dataset.nq"
        write_query_dump(dataset, dump)
        pool = QueryPool(
            dump, size=workers, timeout=timeout, max_rows=max_rows, memory=query_memory
        )
        pool.start()
        httpd = ReskgHTTPServer((host, port), Site(graph, base, pool), verbose, idle_timeout)
        bound_host, bound_port = httpd.server_address[:2]
        shown_host = f"[{bound_host}]" if ":" in str(bound_host) else bound_host
        httpd.site.bind_url = f"http://{shown_host}:{bound_port}"
        if not any(
            q.subject.value.startswith(httpd.site.base + "/")  # type: ignore[union-attr]
            for q in _first(graph, 2000)
        ):
            print(
                f"reskg serve: warning: no IRI in the graph starts with {httpd.site.base}/; "
                "give the base the graph was built with (--base)",
                file=sys.stderr,
            )
        print(
            f"reskg serve: {len(graph)} triples, {workers} query worker(s), ready in "
            f"{time.perf_counter() - started:.2f} s at {httpd.site.bind_url}/ "
            f"(base {httpd.site.base})",
            file=sys.stderr,
            flush=True,
        )

        def stop(signum: int, frame: object) -> None:
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, stop)
        with contextlib.suppress(KeyboardInterrupt):
            httpd.serve_forever(poll_interval=0.2)
        httpd.server_close()
        return 0
    finally:
        if pool is not None:
            pool.close()
        shutil.rmtree(workdir, ignore_errors=True)


def _first(graph: ox.Dataset, n: int) -> Iterator[ox.Quad]:
    for i, quad in enumerate(graph):
        if i >= n:
            return
        yield quad
