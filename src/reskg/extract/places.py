"""Places: countries, cities, regions, districts and villages the article names."""

from __future__ import annotations

from collections.abc import Iterator

from reskg.article import Article
from reskg.extract import extractor
from reskg.extract.mentions import place_mentions
from reskg.facts import PlaceFact


@extractor("places")
def extract_places(article: Article) -> Iterator[PlaceFact]:
    """One PlaceFact per distinct place, with the span of its first mention.

    A city or region is put in its country only where the article names that country too:
    the graph holds the places the text names, not the gazetteer's.
    """
    mentions = place_mentions(article)
    named_countries = {m.name for m in mentions if m.kind == "country"}
    seen: set[str] = set()
    for mention in mentions:
        if mention.name in seen:
            continue
        seen.add(mention.name)
        is_country = mention.kind == "country"
        yield PlaceFact(
            name=mention.name,
            span=mention.span,
            kind=mention.kind,
            country=mention.country if mention.country in named_countries else None,
            geonames_id=mention.geonames_id,
            iso_code=mention.iso2 if is_country else None,
        )
