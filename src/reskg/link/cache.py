"""The reviewable link cache, ``data/wikidata-links.tsv``: one row per entity, sorted by key.

Layout:

- ``LinkRow``: one entity's outcome: its QID or empty, the score, how it was found or why not,
  its GeoNames ID and ISO 3166 code (from the gazetteer), and which endpoint answered
- ``read_cache(path)`` / ``write_cache(path, rows)``: TSV in and out; writing is atomic, so a
  failed run never leaves the file half-written
- ``merge(old, new)``: new rows replace old rows of the same entity; the others are kept

A reviewer may edit the file by hand: clear a QID to unlink, or set one and write the reason in
``note``; ``reskg build`` and ``reskg link --offline`` apply whatever the file says.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from reskg import paths
from reskg.atomic import atomic_write_text

CACHE_FILE = paths.DATA_DIR / "wikidata-links.tsv"
HEADER = (
    "# Links of reskg entities to Wikidata (QID) and GeoNames/ISO 3166, written by `reskg link`.\n"
    "# One row per entity (its IRI relative to the graph's base). An empty qid means not linked;\n"
    "# note says how the item was found or why none was linked; source names the endpoint.\n"
)
_QID = re.compile(r"^Q[1-9][0-9]*$")
_GEONAMES = re.compile(r"^[1-9][0-9]*$")


class CacheError(Exception):
    """The cache file cannot be read as a link table."""


@dataclass(frozen=True)
class LinkRow:
    """One entity's line in the cache."""

    entity: str
    label: str
    kind: str
    qid: str = ""
    score: str = ""
    status: str = ""
    note: str = ""
    geonames: str = ""
    iso3166: str = ""
    source: str = ""


COLUMNS = tuple(f.name for f in fields(LinkRow))


def read_cache(path: str | Path = CACHE_FILE) -> dict[str, LinkRow]:
    """The cached rows by entity key; an absent file is an empty cache."""
    path = Path(path)
    if not path.exists():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise CacheError(f"{path}: cannot read: {err}") from err
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    if not lines:
        return {}
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [c for c in ("entity", "qid") if c not in (reader.fieldnames or [])]
    if missing:
        raise CacheError(f"{path}: not a link table (no column {', '.join(missing)})")
    rows: dict[str, LinkRow] = {}
    for number, record in enumerate(reader, start=2):
        row = LinkRow(**{c: (record.get(c) or "").strip() for c in COLUMNS})
        if row.qid and not _QID.match(row.qid):
            raise CacheError(f"{path}: row {number}: {row.qid!r} is not a Wikidata QID")
        if row.geonames and not _GEONAMES.match(row.geonames):
            raise CacheError(f"{path}: row {number}: {row.geonames!r} is not a GeoNames ID")
        rows[row.entity] = row
    return rows


def _clean(value: str) -> str:
    return " ".join(value.replace("\t", " ").split())


def format_cache(rows: Iterable[LinkRow]) -> str:
    """The TSV text of ``rows``, sorted by entity key, so that diffs stay small."""
    out = io.StringIO()
    out.write(HEADER)
    out.write("\t".join(COLUMNS) + "\n")
    for row in sorted(rows, key=lambda r: r.entity):
        out.write("\t".join(_clean(v) for v in asdict(row).values()) + "\n")
    return out.getvalue()


def write_cache(path: str | Path, rows: Iterable[LinkRow]) -> None:
    """Write the cache atomically: the old file stays whole until the new one is complete."""
    atomic_write_text(path, format_cache(rows))


def merge(old: dict[str, LinkRow], new: Iterable[LinkRow]) -> dict[str, LinkRow]:
    """``old`` with the rows of ``new`` replacing those of the same entity."""
    merged = dict(old)
    for row in new:
        merged[row.entity] = row
    return merged
