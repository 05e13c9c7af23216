"""Places: countries, cities, regions, districts and villages the article names."""

from __future__ import annotations

from collections.abc import Iterator

from reskg.article import Article
from reskg.extract import extractor
from reskg.extract.mentions import place_mentions
from reskg.facts import PlaceFact


@extractor("places")
def extract_places(article: Article) -> Iterator[PlaceFact]:
    """One PlaceFact per distinct place, with the span of its first mention."""
    seen: set[str] = set()
    for mention in place_mentions(article):
        if mention.name in seen:
            continue
        seen.add(mention.name)
        is_country = mention.kind == "country"
        yield PlaceFact(
            name=mention.name,
            span=mention.span,
            kind=mention.kind,
            country=None if is_country else mention.country,
            geonames_id=mention.geonames_id,
            iso_code=mention.iso2 if is_country else None,
        )
