"""Extractors: pure functions ``Article -> Iterable[Fact]``, registered with ``@extractor``.

Layout (one module, one job):

- ``resolutions``: resolution mentions, symbols and bodies; the subject resolution's fields
- ``citations``: what the subject cites (recalls, in accordance with) and what it relates to
- ``places``: countries, cities, regions, districts, villages
- ``organizations``: organisations, organs and institutions under their canonical names
- ``people``: named people with the role and affiliation the text gives
- ``events``: dated events and sessions
- ``provisions``: what a resolution does (condemns, demands, urges ...) and to whom

``extract_facts(article)`` runs them all in registration order. Extractors never write RDF.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reskg.article import Article
    from reskg.facts import Fact

Extractor = Callable[["Article"], Iterable["Fact"]]
_REGISTRY: dict[str, Extractor] = {}


def extractor(name: str) -> Callable[[Extractor], Extractor]:
    """Register an extractor under ``name`` (later registrations of a name replace earlier)."""

    def register(function: Extractor) -> Extractor:
        _REGISTRY[name] = function
        return function

    return register


def registered_extractors() -> dict[str, Extractor]:
    """The registered extractors, importing the built-in modules on first use."""
    from reskg.extract import (  # noqa: F401  (imported for their registrations)
        citations,
        events,
        organizations,
        people,
        places,
        provisions,
        resolutions,
    )

    return dict(_REGISTRY)


def extract_facts(article: Article, only: Iterable[str] | None = None) -> list[Fact]:
    """All facts the registered extractors find in ``article``, in a stable order."""
    extractors = registered_extractors()
    names = list(only) if only is not None else list(extractors)
    facts: list[Fact] = []
    for name in names:
        facts.extend(extractors[name](article))
    return facts
