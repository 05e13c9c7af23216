"""Organisations, organs and institutions the article names, under their canonical names."""

from __future__ import annotations

from collections.abc import Iterator

from reskg.article import Article
from reskg.extract import extractor
from reskg.extract.mentions import organization_mentions
from reskg.facts import OrganizationFact


@extractor("organizations")
def extract_organizations(article: Article) -> Iterator[OrganizationFact]:
    """One OrganizationFact per distinct organisation, with the span of its first mention.

    The abbreviation is the one the text gives in brackets, else the gazetteer's first; former
    names come from the gazetteer and from any other surface the text uses for a known body.
    """
    mentions = organization_mentions(article)
    by_name: dict[str, list] = {}
    for mention in mentions:
        by_name.setdefault(mention.name, []).append(mention)
    for name, group in by_name.items():
        first = group[0]
        organization = first.organization
        abbreviation = next((m.abbreviation for m in group if m.abbreviation), None)
        former: list[str] = []
        parent = None
        if organization is not None:
            if abbreviation is None and organization.abbreviations:
                abbreviation = organization.abbreviations[0]
            former.extend(organization.former_names)
            parent = organization.parent
        yield OrganizationFact(
            name=name,
            span=first.span,
            abbreviation=abbreviation,
            former_names=tuple(dict.fromkeys(former)),
            parent=parent,
        )
