"""Reading RDF files safely: gzip expanded under a cap, JSON-LD without remote contexts.

Layout:

- ``read_bytes(path)``: the file's bytes, gunzipped (bounded) when the name ends in ``.gz``
- ``gunzip_bounded(data, name)``: a gzip stream expanded up to ``MAX_EXPANDED_BYTES``, refused
  early when it expands more than ``MAX_RATIO`` times (a bomb)
- ``refuse_remote_contexts(data, name)``: a JSON-LD document whose ``@context`` names a
  document (a URL or a relative reference) or uses ``@import`` is refused, since a JSON-LD
  processor would fetch it: reading a file must never touch the network (or another file)

Every refusal is :class:`InputError` with one line naming the file.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path

#: Largest expanded size of a gzip input (bytes).
MAX_EXPANDED_BYTES = 1 << 30
#: A gzip input that expands more than this many times once past ``RATIO_FROM`` is refused.
MAX_RATIO = 100
RATIO_FROM = 8 << 20
_CHUNK = 1 << 20


class InputError(Exception):
    """An input file that is refused; the message is one line naming it."""


def read_bytes(path: str | Path) -> bytes:
    """The bytes of ``path``, expanded (within the bounds) when it ends in ``.gz``."""
    path = Path(path)
    if path.exists() and not path.is_file() and not path.is_dir():
        raise InputError(f"{path}: not a regular file (a FIFO, device or socket)")
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read: {err.strerror or err}") from err
    if path.suffix == ".gz":
        return gunzip_bounded(raw, str(path))
    return raw


def gunzip_bounded(data: bytes, name: str) -> bytes:
    """``data`` gunzipped (concatenated members too); InputError for a bomb or a bad stream."""
    out = bytearray()
    offset = 0
    while offset < len(data):
        inflater = zlib.decompressobj(wbits=31)
        pending = memoryview(data)[offset:]
        while True:
            try:
                chunk = inflater.decompress(pending, _CHUNK)
            except zlib.error as err:
                raise InputError(f"{name}: not a valid gzip stream: {err}") from None
            out += chunk
            pending = inflater.unconsumed_tail
            read = len(data) - offset - len(inflater.unused_data) - len(pending)
            if len(out) > MAX_EXPANDED_BYTES:
                raise InputError(
                    f"{name}: expands to more than {MAX_EXPANDED_BYTES >> 20} MiB; refused"
                )
            if len(out) > RATIO_FROM and len(out) > MAX_RATIO * max(read + offset, 1):
                raise InputError(
                    f"{name}: expands more than {MAX_RATIO} times (a decompression bomb?); refused"
                )
            if inflater.eof or (not chunk and not pending):
                break
        if not inflater.eof:
            raise InputError(f"{name}: the gzip stream is cut short")
        offset = len(data) - len(inflater.unused_data)
        if inflater.unused_data.strip(b"\x00") == b"":
            break  # trailing zero padding, as some tools write
    return bytes(out)


def refuse_remote_contexts(data: bytes, name: str) -> None:
    """InputError if the JSON-LD in ``data`` would make a processor load another document."""
    try:
        document = json.loads(data)
    except RecursionError:
        raise InputError(f"{name}: JSON nested too deeply") from None
    except ValueError as err:
        raise InputError(f"{name}: not valid JSON: {err}") from None
    pending = [document]
    while pending:
        node = pending.pop()
        if isinstance(node, list):
            pending.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key == "@context":
                    _check_context(value, name)
                pending.append(value)


def _check_context(context: object, name: str) -> None:
    for entry in context if isinstance(context, list) else [context]:
        if isinstance(entry, str):
            raise InputError(
                f"{name}: JSON-LD @context {entry[:200]!r} names another document; remote and "
                "linked contexts are not fetched (put the context in the file)"
            )
        if isinstance(entry, dict) and "@import" in entry:
            raise InputError(f"{name}: JSON-LD @import is not fetched (put the context inline)")
