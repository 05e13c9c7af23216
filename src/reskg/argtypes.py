"""Argument types that refuse nonsense with one clear line (argparse ``type=`` callables).

Numbers are ASCII digits only: Python's ``int()`` and ``float()`` also take "١٢" and "１.５",
and ``float()`` takes "nan" and "inf", none of which is a port, a count or a timeout.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable

MAX_SECONDS = 1_000_000.0  # about 11 days: beyond it timers overflow (setitimer, time_t)
MAX_COUNT = 1_000_000_000
_INTEGER = re.compile(r"[+-]?[0-9]+", re.ASCII)
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
# characters an IRI (and a SPARQL IRIREF) cannot hold
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f-\x9f\ud800-\udfff]')


def _shown(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:60] + "…")


def port(text: str) -> int:
    """A TCP port, 0-65535 (0: the system picks one)."""
    if not _INTEGER.fullmatch(text) or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"not a port (0-65535): {_shown(text)}")
    return int(text)


def seconds(text: str) -> float:
    """A duration: a finite number of seconds above 0 and at most ``MAX_SECONDS``."""
    if not _DECIMAL.fullmatch(text):
        raise argparse.ArgumentTypeError(f"not a number of seconds: {_shown(text)}")
    value = float(text)
    if not 0 < value <= MAX_SECONDS:
        raise argparse.ArgumentTypeError(
            f"must be more than 0 and at most {MAX_SECONDS:g} seconds: {_shown(text)}"
        )
    return value


def count(minimum: int) -> Callable[[str], int]:
    """A whole number from ``minimum`` up to ``MAX_COUNT``."""

    def parse(text: str) -> int:
        if not _INTEGER.fullmatch(text):
            raise argparse.ArgumentTypeError(f"not a whole number: {_shown(text)}")
        value = int(text)
        if not minimum <= value <= MAX_COUNT:
            raise argparse.ArgumentTypeError(
                f"must be from {minimum} to {MAX_COUNT}: {_shown(text)}"
            )
        return value

    parse.__name__ = f"count>={minimum}"
    return parse


def is_absolute_iri(text: str) -> bool:
    """True for an absolute IRI (a scheme, no spaces, controls or ``<>"{}|^`\\``)."""
    return bool(_SCHEME.match(text)) and not _NOT_IN_IRI.search(text) and len(text) > 1


def absolute_iri(text: str) -> str:
    """An absolute IRI, such as ``https://example.org/graph`` or ``urn:x:y``."""
    if not is_absolute_iri(text) or text.endswith(":"):
        raise argparse.ArgumentTypeError(f"not an absolute IRI: {_shown(text)}")
    return text


def http_iri(text: str) -> str:
    """An absolute http(s) IRI with a host (a base IRI that a server can answer for)."""
    iri = absolute_iri(text)
    if not re.match(r"https?://[^/?#]+", iri, re.ASCII | re.IGNORECASE):
        raise argparse.ArgumentTypeError(f"not an http(s) IRI with a host: {_shown(text)}")
    return iri


def http_url(text: str) -> str:
    """An http(s) URL with a host, for an endpoint or a store."""
    if not re.match(r"https?://[^/?#@]+", text, re.ASCII | re.IGNORECASE) or _NOT_IN_IRI.search(
        text
    ):
        shown = "(not shown: it holds user-info)" if "@" in text else _shown(text)
        raise argparse.ArgumentTypeError(f"not an http(s) URL with a host: {shown}")
    return text


def host(text: str) -> str:
    """A host name or address to bind; empty would mean every interface, so it is refused."""
    if not re.fullmatch(r"[A-Za-z0-9.\-:%\[\]]+", text, re.ASCII):
        raise argparse.ArgumentTypeError(f"not a host name or address: {_shown(text)}")
    return text.strip("[]")


def path(text: str) -> str:
    """A file name: not empty, no NUL byte."""
    if not text or "\x00" in text:
        raise argparse.ArgumentTypeError(f"not a file name: {_shown(text)}")
    return text


def label(text: str) -> str:
    """A short name without control characters (it goes into tab-separated files)."""
    if not text.strip() or re.search(r"[\x00-\x1f\x7f]", text) or len(text) > 200:
        raise argparse.ArgumentTypeError(f"not a name (1-200 printable characters): {_shown(text)}")
    return text


def regex(text: str) -> re.Pattern[str]:
    """A regular expression (Python's syntax), not empty, without control characters."""
    if not text or re.search(r"[\x00-\x1f\x7f]", text) or len(text) > 1000:
        raise argparse.ArgumentTypeError(f"not a regular expression: {_shown(text)}")
    try:
        return re.compile(text)
    except (re.error, OverflowError, RecursionError) as err:
        raise argparse.ArgumentTypeError(
            f"not a regular expression: {_shown(text)} ({err})"
        ) from None


def secret(text: str) -> str:
    """A user name, password or token: no control characters (never echoed)."""
    if re.search(r"[\x00-\x1f\x7f]", text):
        raise argparse.ArgumentTypeError("contains a control character (the value is not shown)")
    return text
