"""Provisions: what a resolution does in each statement the article makes about its text."""

from __future__ import annotations

from collections.abc import Iterator

from reskg.article import Article
from reskg.extract import extractor
from reskg.facts import ProvisionFact


@extractor("provisions")
def extract_provisions(article: Article) -> Iterator[ProvisionFact]:
    """Not built yet: yields nothing."""
    return iter(())
