"""Mentions of places, organisations and people, each kind from its own scanner.

- ``place_mentions(article)``: countries, cities, regions, districts, villages ... in text order
- ``organization_mentions(article)``: organisations under their canonical names, in text order
- ``person_mentions(article)``: people with role and affiliation, later short mentions resolved

Every mention has ``span`` (start inclusive, end exclusive) into ``article.text`` and is cached
per article object. The kinds are scanned in :mod:`.org_mentions`, :mod:`.place_mentions` and
:mod:`.person_mentions` over the tokens of :mod:`.mention_tokens`; this module reconciles them
(a place word inside a person's name is not a place).
"""

from __future__ import annotations

from functools import lru_cache

from reskg.article import Article
from reskg.extract.mention_tokens import (  # noqa: F401 (re-exported)
    OrgMention,
    PersonMention,
    PlaceMention,
)
from reskg.extract.org_mentions import organization_mentions  # noqa: F401 (re-exported)
from reskg.extract.person_mentions import (
    person_mentions,
)
from reskg.extract.place_mentions import (
    place_candidates,
)


@lru_cache(maxsize=32)
def place_mentions(article: Article) -> tuple[PlaceMention, ...]:
    """Places named in the article, in text order; words of people's names are not places."""
    people = person_mentions(article)
    person_spans = [p.span for p in people]
    person_words = {w for p in people for w in p.name.split()}
    out = []
    for mention in place_candidates(article):
        s, e = mention.span
        if any(a <= s and e <= b for a, b in person_spans):
            continue
        if mention.kind == "city" and article.text[s:e] in person_words:
            continue
        out.append(mention)
    return tuple(out)
