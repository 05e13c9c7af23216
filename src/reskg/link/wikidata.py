"""Ask a Wikidata-shaped SPARQL endpoint for candidate items, politely and in batches.

Layout:

- ``user_agent()``: the descriptive User-Agent that Wikimedia's policy asks for
- ``WikidataClient.select(query, variables)``: one SELECT through SPARQLWrapper, with a
  deadline, retries, exponential backoff and HTTP 429 ``Retry-After`` honoured; the answer is
  checked (:mod:`reskg.remote`) before use; raises ``EndpointError``
- ``WikidataClient.find_candidates(labels)``: items whose English label or alias is exactly
  one of ``labels`` (batched with VALUES)
- ``WikidataClient.find_by_sitelinks(pages)``: the item each wiki page is about (sitelinks:
  ``schema:about`` / ``schema:isPartOf``), batched with VALUES
- ``WikidataClient.describe(qids, classes)``: what reconciliation needs to know of each item
  (labels, description, known classes via ``wdt:P31/wdt:P279*``, countries, capital-of ...)

Only standard SPARQL 1.1 is sent (no ``wikibase:label`` or ``mwapi`` services), so the same
queries run on the Wikidata Query Service and on a local server loaded with Wikidata's RDF.
"""

from __future__ import annotations

import http.client
import json
import time
import urllib.error
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import SPARQLWrapper
from SPARQLWrapper import JSON, POST
from SPARQLWrapper import SPARQLWrapper as Wrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from reskg import __version__
from reskg.remote import RemoteError, deadline, install_safe_redirects, retry_after, sparql_select

WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"
ENTITY = "http://www.wikidata.org/entity/"
PROJECT_URL = "https://github.com/reskg/reskg"
CONTACT = "reskg@example.org"

_PREFIXES = """PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
"""
_RETRY_STATUS = {429, 500, 502, 503, 504}


def user_agent() -> str:
    """``reskg/<version> (<project>; <contact>) SPARQLWrapper/<version>``."""
    return (
        f"reskg/{__version__} ({PROJECT_URL}; {CONTACT}) SPARQLWrapper/{SPARQLWrapper.__version__}"
    )


class EndpointError(Exception):
    """The endpoint could not answer (down, timing out, rate limiting, or refusing the query)."""


@dataclass
class Candidate:
    """A Wikidata item and the facts about it that reconciliation weighs."""

    qid: str
    labels: set[str] = field(default_factory=set)  # English rdfs:label
    aliases: set[str] = field(default_factory=set)  # English skos:altLabel
    description: str = ""
    classes: set[str] = field(default_factory=set)  # known classes reached by P31/P279*
    direct_classes: set[str] = field(default_factory=set)  # P31
    countries: set[str] = field(default_factory=set)  # P17
    country_labels: set[str] = field(default_factory=set)  # English labels of P17 values
    capital_of: set[str] = field(default_factory=set)  # items whose P36 is this one
    subdivision_of: set[str] = field(default_factory=set)  # items whose P150 holds this one
    whole_classes: set[str] = field(default_factory=set)  # known classes of what it is part of
    geonames: set[str] = field(default_factory=set)  # P1566


def qid_of(iri: str) -> str | None:
    """``Q60`` for ``http://www.wikidata.org/entity/Q60``; None for other IRIs."""
    if iri.startswith(ENTITY) and iri[len(ENTITY) :].startswith("Q"):
        local = iri[len(ENTITY) :]
        return local if local[1:].isdigit() else None
    return None


def _literal(text: str) -> str:
    """A SPARQL English string literal."""
    return json.dumps(text, ensure_ascii=False) + "@en"


def _retry_after(err: urllib.error.HTTPError) -> float | None:
    """Seconds to wait from a ``Retry-After`` header; None when absent or not RFC 9110's form."""
    return retry_after(err.headers.get("Retry-After") if err.headers else None)


class WikidataClient:
    """A polite SPARQL client for the Wikidata Query Service (or a server shaped like it)."""

    def __init__(
        self,
        endpoint: str = WIKIDATA_ENDPOINT,
        *,
        timeout: float = 30.0,
        retries: int = 4,
        backoff: float = 1.0,
        max_wait: float = 120.0,
        batch_size: int = 50,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.endpoint = endpoint
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.batch_size = batch_size
        self.sleep = sleep
        self.requests = 0  # HTTP requests sent, retries included
        self.waited = 0.0  # seconds slept before retries

    def select(self, query: str, variables: Sequence[str] = ()) -> list[dict[str, str]]:
        """Run a SELECT; rows map variable names to values. Retries transient failures.

        The answer is checked before use: SPARQL JSON results, at most 64 MiB, every row
        binding each of ``variables``; anything else is an EndpointError (not retried).
        """
        attempt = 0
        while True:
            wait, problem = None, ""
            try:
                with deadline(self.timeout):
                    rows = self._select_once(query)
                for row in rows:
                    missing = [v for v in variables if v not in row]
                    if missing:
                        raise RemoteError(f"{self.endpoint}: a result row lacks ?{missing[0]}")
                return rows
            except RemoteError as err:
                raise EndpointError(str(err)) from None
            except urllib.error.HTTPError as err:
                problem = f"HTTP {err.code} {err.reason}"
                if err.code not in _RETRY_STATUS:
                    raise EndpointError(f"{self.endpoint}: {problem}") from err
                if err.code == 429:
                    wait = _retry_after(err)
            except SPARQLWrapperException as err:
                # 500 (EndPointInternalError) may be transient; 400/401/404/414 are not
                if type(err).__name__ != "EndPointInternalError":
                    raise EndpointError(f"{self.endpoint}: {err.msg}") from err
                problem = "HTTP 500 internal error"
            except (urllib.error.URLError, TimeoutError, ConnectionError) as err:
                reason = getattr(err, "reason", err)
                problem = "timed out" if "timed out" in str(reason) else f"unreachable ({reason})"
            except (http.client.HTTPException, ValueError) as err:
                problem = f"bad answer ({err})"
            attempt += 1
            if attempt > self.retries:
                raise EndpointError(f"{self.endpoint}: {problem} after {attempt} attempt(s)")
            if wait is None:
                wait = self.backoff * 2 ** (attempt - 1)
            if wait > self.max_wait:
                raise EndpointError(f"{self.endpoint}: {problem}; asked to wait {wait:.0f} s")
            self.waited += wait
            self.sleep(wait)

    def _select_once(self, query: str) -> list[dict[str, str]]:
        self.requests += 1
        wrapper = Wrapper(self.endpoint, agent=user_agent())
        wrapper.setQuery(query)
        wrapper.setReturnFormat(JSON)
        wrapper.setMethod(POST)  # long VALUES blocks would make GET URLs too long
        wrapper.setTimeout(max(1, round(self.timeout)))
        install_safe_redirects()
        return sparql_select(wrapper, self.endpoint)

    def find_candidates(self, labels: Iterable[str]) -> dict[str, dict[str, str]]:
        """For each label, the items that carry it: ``{label: {qid: "label" | "alias"}}``."""
        found: dict[str, dict[str, str]] = {}
        for batch in _batches(sorted(set(labels)), self.batch_size):
            values = " ".join(_literal(label) for label in batch)
            query = (
                _PREFIXES
                + "SELECT ?text ?item ?how WHERE {\n"
                + f"  VALUES ?text {{ {values} }}\n"
                + '  { ?item rdfs:label ?text BIND("label" AS ?how) }\n'
                + '  UNION { ?item skos:altLabel ?text BIND("alias" AS ?how) }\n'
                + '  FILTER(STRSTARTS(STR(?item), "http://www.wikidata.org/entity/Q"))\n'
                + "}"
            )
            for row in self.select(query, ("text", "item", "how")):
                qid = qid_of(row["item"])
                if qid is None:
                    continue
                hits = found.setdefault(row["text"], {})
                if hits.get(qid) != "label":
                    hits[qid] = row["how"]
        return found

    def find_by_sitelinks(self, pages: Iterable[str]) -> dict[str, str]:
        """The item each wiki page is about, through its sitelink: ``{page IRI: qid}``.

        Wikidata's RDF states ``<page> schema:about wd:Q… ; schema:isPartOf <wiki>``; the
        page's own wiki is asked for, so a title on another wiki cannot answer.
        """
        found: dict[str, str] = {}
        for batch in _batches(sorted(set(pages)), self.batch_size):
            values = " ".join(f"(<{page}> <{_wiki_of(page)}>)" for page in batch)
            query = (
                _PREFIXES
                + "SELECT ?page ?item WHERE {\n"
                + f"  VALUES (?page ?wiki) {{ {values} }}\n"
                + "  ?page schema:about ?item ; schema:isPartOf ?wiki .\n"
                + '  FILTER(STRSTARTS(STR(?item), "http://www.wikidata.org/entity/Q"))\n'
                + "}"
            )
            items: dict[str, set[str]] = {}
            for row in self.select(query, ("page", "item")):
                qid = qid_of(row["item"])
                if qid is not None:
                    items.setdefault(row["page"], set()).add(qid)
            # A page is about one item; an answer naming several is not a sitelink to trust.
            found.update({page: min(qids) for page, qids in items.items() if len(qids) == 1})
        return found

    def describe(self, qids: Iterable[str], classes: Sequence[str]) -> dict[str, Candidate]:
        """Labels, description, known classes, countries and context of each item."""
        known = " ".join(f"wd:{qid}" for qid in sorted(classes))
        described: dict[str, Candidate] = {}
        for batch in _batches(sorted(set(qids)), self.batch_size):
            items = " ".join(f"wd:{qid}" for qid in batch)
            query = (
                _PREFIXES
                + "SELECT ?item ?rel ?value WHERE {\n"
                + f"  VALUES ?item {{ {items} }}\n"
                + '  { ?item rdfs:label ?value FILTER(LANG(?value) = "en")'
                + ' BIND("label" AS ?rel) }\n'
                + '  UNION { ?item skos:altLabel ?value FILTER(LANG(?value) = "en")'
                + ' BIND("alias" AS ?rel) }\n'
                + "  UNION { ?item schema:description ?value"
                + ' FILTER(LANG(?value) = "en") BIND("description" AS ?rel) }\n'
                + f"  UNION {{ VALUES ?value {{ {known} }} ?item wdt:P31/wdt:P279* ?value"
                + ' BIND("class" AS ?rel) }\n'
                + '  UNION { ?item wdt:P31 ?value BIND("P31" AS ?rel) }\n'
                + '  UNION { ?item wdt:P17 ?value BIND("P17" AS ?rel) }\n'
                + "  UNION { ?item wdt:P17 ?country . ?country rdfs:label ?value"
                + ' FILTER(LANG(?value) = "en") BIND("P17label" AS ?rel) }\n'
                + '  UNION { ?value wdt:P36 ?item BIND("capitalOf" AS ?rel) }\n'
                + '  UNION { ?value wdt:P150 ?item BIND("subdivisionOf" AS ?rel) }\n'
                + f"  UNION {{ VALUES ?value {{ {known} }} ?item wdt:P361|^wdt:P527 ?whole ."
                + ' ?whole wdt:P31/wdt:P279* ?value BIND("wholeClass" AS ?rel) }\n'
                + '  UNION { ?item wdt:P1566 ?value BIND("geonames" AS ?rel) }\n'
                + "}"
            )
            for row in self.select(query, ("item", "rel", "value")):
                qid = qid_of(row["item"])
                if qid is None:
                    continue
                candidate = described.setdefault(qid, Candidate(qid))
                _record(candidate, row["rel"], row["value"])
        return described


def _record(candidate: Candidate, rel: str, value: str) -> None:
    item = qid_of(value) or ""
    if rel == "label":
        candidate.labels.add(value)
    elif rel == "alias":
        candidate.aliases.add(value)
    elif rel == "description":
        candidate.description = min(filter(None, (candidate.description, value)))
    elif rel == "P17label":
        candidate.country_labels.add(value)
    elif rel == "geonames":
        candidate.geonames.add(value)
    elif item:
        attribute = {
            "class": candidate.classes,
            "P31": candidate.direct_classes,
            "P17": candidate.countries,
            "capitalOf": candidate.capital_of,
            "subdivisionOf": candidate.subdivision_of,
            "wholeClass": candidate.whole_classes,
        }.get(rel)
        if attribute is not None:
            attribute.add(item)


def _wiki_of(page: str) -> str:
    """``https://en.wikipedia.org/`` of ``https://en.wikipedia.org/wiki/Dakar``."""
    return page.split("/wiki/", 1)[0] + "/"


def _batches(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), max(1, size)):
        yield items[start : start + size]
