"""Talking to remote servers defensively: deadlines, bounded bodies, safe redirects, checked JSON.

Layout:

- ``deadline(seconds)``: a context manager that raises :class:`DeadlineExceeded` when the
  whole block (connect, send, every read) takes longer; a socket timeout alone is per read, so
  a server sending one byte a second never tripped it
- ``install_safe_redirects()``: urllib (and so SPARQLWrapper) follows at most
  ``MAX_REDIRECTS`` redirects, and drops ``Authorization`` and ``Cookie`` on a redirect to
  another origin (scheme, host or port), as curl does: the credentials are for one server
- ``read_bounded(response, what)``: a body of at most ``MAX_ANSWER_BYTES``
- ``sparql_select(wrapper, what)``: run a SPARQLWrapper SELECT, read the answer bounded and
  check it is SPARQL 1.1 JSON results before use; rows map names to values
- ``retry_after(value)``: seconds from a ``Retry-After`` header as RFC 9110 defines it (ASCII
  digits or an HTTP date); anything else is None (the caller's default applies)

Every failure is :class:`RemoteError` (one line).
"""

from __future__ import annotations

import contextlib
import email.utils
import json
import math
import re
import signal
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

MAX_ANSWER_BYTES = 64 << 20
MAX_REDIRECTS = 3
_TERM_TYPES = frozenset({"uri", "literal", "typed-literal", "bnode", "triple"})
_DIGITS = re.compile(r"[0-9]+", re.ASCII)


class RemoteError(Exception):
    """A remote server's answer cannot be used; the message is one line."""


class DeadlineExceeded(TimeoutError):
    """The whole request took longer than its deadline."""


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise DeadlineExceeded if the block runs longer than ``seconds`` (main thread only).

    Uses SIGALRM, so it interrupts a blocking read; in other threads the block runs with only
    its sockets' own timeouts. An alarm set before is put back afterwards with its time left.
    """
    if threading.current_thread() is not threading.main_thread() or not math.isfinite(seconds):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise DeadlineExceeded(f"timed out: no complete answer within {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    started = time.monotonic()
    outer, interval = signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # someone else's alarm (a test runner's timeout): give it back its time
            left = outer - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001), interval)


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urllib.parse.urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = -1
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), port or default


class SafeRedirects(urllib.request.HTTPRedirectHandler):
    """Bounded redirects that never carry credentials to another origin."""

    max_redirections = MAX_REDIRECTS
    max_repeats = 1

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and _origin(newurl) != _origin(req.full_url):
            for name in ("Authorization", "Cookie", "Proxy-Authorization"):
                new.headers.pop(name, None)
                new.headers.pop(name.capitalize(), None)
                new.unredirected_hdrs.pop(name.capitalize(), None)
        return new


def install_safe_redirects() -> None:
    """Make urllib's default opener (SPARQLWrapper uses it) follow redirects safely."""
    urllib.request.install_opener(urllib.request.build_opener(SafeRedirects()))


def read_bounded(response: Any, what: str, limit: int = MAX_ANSWER_BYTES) -> bytes:
    """At most ``limit`` bytes of ``response``; RemoteError if there are more."""
    body = response.read(limit + 1)
    if len(body) > limit:
        raise RemoteError(f"{what}: the answer is larger than {limit >> 20} MiB; refused")
    return body


def sparql_select(wrapper: Any, what: str) -> list[dict[str, str]]:
    """Rows of a SELECT sent through SPARQLWrapper, checked to be SPARQL JSON results."""
    result = wrapper.query()
    try:
        body = read_bounded(result.response, what)
    finally:
        result.response.close()
    return parse_select_json(body, what)


def parse_select_json(body: bytes, what: str) -> list[dict[str, str]]:
    """The rows of SPARQL 1.1 JSON results; RemoteError naming what is wrong with them."""
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        raise RemoteError(f"{what}: the answer is not JSON") from None
    if not isinstance(document, dict):
        raise RemoteError(f"{what}: the answer is not a SPARQL JSON result (not an object)")
    results = document.get("results")
    bindings = results.get("bindings") if isinstance(results, dict) else None
    if not isinstance(bindings, list):
        raise RemoteError(f"{what}: the answer is not a SPARQL JSON result (no results.bindings)")
    rows = []
    for number, binding in enumerate(bindings, 1):
        if not isinstance(binding, dict):
            raise RemoteError(f"{what}: result {number} is not an object")
        row = {}
        for name, term in binding.items():
            if (
                not isinstance(term, dict)
                or term.get("type") not in _TERM_TYPES
                or not isinstance(term.get("value"), str)
            ):
                raise RemoteError(f"{what}: result {number}: ?{name} is not an RDF term")
            row[str(name)] = term["value"]
        rows.append(row)
    return rows


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value, or None when it is not RFC 9110's form."""
    if not value:
        return None
    value = value.strip()
    if _DIGITS.fullmatch(value):
        return float(int(value))
    if not value.isascii():
        return None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))
