"""HTTP Digest authentication for ``reskg load``, as Virtuoso's Graph Store endpoint asks for it.

Layout:

- ``probe(url, headers, timeout, method)``: the HTTP error (and the start of its text) a bodiless
  ``HEAD`` or ``GET`` of ``url`` gets (None if it is answered, or if the store cannot be
  reached: the upload itself reports that)
- ``digest_challenge(error)``: the Digest challenge of a 401 answer, or None
- ``DigestSigner(user, password, challenge)``: ``authorization(method, url)`` is the header
  value for one request (RFC 7616 through urllib's implementation; the nonce count goes up
  with every request, so a retried upload is not a replay)

Why a probe: a store that wants Digest answers the first request with 401 and closes the
connection, before reading an upload of megabytes; the client then sees "connection reset by
peer", not the 401. A ``HEAD`` has no body, so its answer arrives, and the upload goes once,
already signed.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request

from reskg.remote import deadline


def probe(
    url: str, headers: dict[str, str], timeout: float, method: str = "HEAD"
) -> tuple[urllib.error.HTTPError, str] | None:
    """The HTTP error (401, 403, ...) a bodiless request gets, with the start of its text."""
    request = urllib.request.Request(url, headers=headers, method=method)
    try:
        with deadline(timeout), urllib.request.urlopen(request, timeout=timeout):
            return None
    except urllib.error.HTTPError as err:
        try:
            text = err.read(4000).decode("utf-8", "replace")
        except OSError:
            text = ""
        err.close()
        return err, text
    except (OSError, http.client.HTTPException, TimeoutError):
        return None


def digest_challenge(error: urllib.error.HTTPError) -> str | None:
    """The parameters of the ``WWW-Authenticate: Digest ...`` challenge of a 401, or None."""
    if error.code != 401:
        return None
    for value in error.headers.get_all("WWW-Authenticate") or []:
        scheme, _, params = value.strip().partition(" ")
        if scheme.lower() == "digest":
            return params
    return None


class _OnePassword(urllib.request.HTTPPasswordMgr):
    """The one user and password given, for whatever realm the store names."""

    def __init__(self, user: str, password: str) -> None:
        super().__init__()
        self._pair = (user, password)

    def find_user_password(self, realm: object, authuri: object) -> tuple[str, str]:
        return self._pair


class DigestSigner:
    """Signs requests for one Digest challenge with one user's password."""

    def __init__(self, user: str, password: str, challenge: str) -> None:
        self._challenge = urllib.request.parse_keqv_list(
            filter(None, urllib.request.parse_http_list(challenge))
        )
        self._handler = urllib.request.AbstractDigestAuthHandler(_OnePassword(user, password))

    def authorization(self, method: str, url: str) -> str:
        """The ``Authorization`` header value for ``method url``."""
        request = urllib.request.Request(url, method=method)
        value = self._handler.get_authorization(request, self._challenge)
        if value is None:
            raise ValueError("the store's Digest challenge cannot be answered")
        return f"Digest {value}"
