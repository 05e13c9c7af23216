"""People the article names, with the role and affiliation the text gives them."""

from __future__ import annotations

from collections.abc import Iterator

from reskg.article import Article
from reskg.extract import extractor
from reskg.extract.mentions import person_mentions
from reskg.facts import PersonFact


@extractor("people")
def extract_people(article: Article) -> Iterator[PersonFact]:
    """One PersonFact per person (short later mentions merged), span of the first mention."""
    seen: set[str] = set()
    for mention in person_mentions(article):
        if mention.name in seen:
            continue
        seen.add(mention.name)
        yield PersonFact(
            name=mention.name,
            span=mention.span,
            role=mention.role,
            affiliation=mention.affiliation,
            affiliation_kind=mention.affiliation_kind,
        )
