"""HTTP content negotiation: pick one of the offered media types for an Accept header.

The RDF media types come from the format table in :mod:`reskg.formats`, so ``--format`` names,
file extensions and ``Accept`` headers all mean the same formats.
"""

from __future__ import annotations

from reskg.formats import FORMATS, RdfError, get_format

HTML = "text/html"
RDF_MEDIA_TYPES = {f.media_type: f.name for f in FORMATS.values()}
# Media types some clients send for the same formats.
MEDIA_ALIASES = {
    "application/x-turtle": "text/turtle",
    "application/ntriples": "application/n-triples",
    "text/plain": "application/n-triples",  # the N-Triples of RDF 1.0
    "application/json": "application/ld+json",
    "application/x-trig": "application/trig",
    "text/x-nquads": "application/n-quads",
    "application/xhtml+xml": HTML,
}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """``(media range, q)`` pairs of an Accept header; malformed entries are dropped."""
    ranges: list[tuple[str, float]] = []
    for item in (header or "").split(","):
        parts = [p.strip() for p in item.split(";")]
        media = parts[0].lower()
        if media.count("/") != 1 or not all(media.split("/")) or " " in media:
            continue
        q = 1.0
        for param in parts[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = -1.0
        if 0.0 <= q <= 1.0:
            ranges.append((media, q))
    return ranges


def negotiate(header: str | None, offers: list[str]) -> str | None:
    """The offer the client prefers most (ties: the first offered); None when none is acceptable.

    No Accept header, or one with no well-formed entry, accepts anything: the first offer.
    """
    ranges = parse_accept(header)
    if not ranges:
        return offers[0] if offers else None
    best: tuple[float, int] | None = None
    chosen: str | None = None
    for index, offer in enumerate(offers):
        q = _quality(offer, ranges)
        if q > 0 and (best is None or (q, -index) > best):
            best, chosen = (q, -index), offer
    return chosen


def _quality(offer: str, ranges: list[tuple[str, float]]) -> float:
    """The q of the most specific range matching ``offer`` (or an alias of it)."""
    kind = offer.split("/")[0]
    names = {offer} | {alias for alias, target in MEDIA_ALIASES.items() if target == offer}
    specificity, quality = -1, 0.0
    for media, q in ranges:
        if media in names:
            level = 2
        elif media == f"{kind}/*" or any(media == f"{n.split('/')[0]}/*" for n in names):
            level = 1
        elif media == "*/*":
            level = 0
        else:
            continue
        if level > specificity:
            specificity, quality = level, q
    return quality


def format_parameter(value: str) -> str | None:
    """The media type a ``?format=`` value names (``html``, ``ttl``, ``nt``, ``rdf``...)."""
    name = value.strip().lower()
    if name in ("html", "htm", HTML):
        return HTML
    if name in RDF_MEDIA_TYPES:
        return name
    if name in MEDIA_ALIASES:
        return MEDIA_ALIASES[name]
    try:
        return get_format(name).media_type
    except RdfError:
        return None
