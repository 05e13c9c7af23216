"""Link mentions: a wikitext link names a page, so the entity it marks gets that page.

A stage of its own, run after the extractors (``link_facts(article, facts)``): every link
``[[target|label]]`` of the article is matched to the mention of a place, organisation or
person whose span it overlaps; that entity's facts get ``page``, the target page's IRI
(``https://en.wikipedia.org/wiki/Target``), which the assembler writes as ``schema:sameAs``.
Names the text spells differently but links to one page merge under one name (the one that
is the page's title, else the first linked). A link no extractor found a mention under is
still an entity when the gazetteer knows its target or label as a country, an organisation
or an unambiguous city. A link whose label holds a resolution's symbol (one stated over the
link, or the only resolution of that symbol) or an unnumbered document's title gives that
resolution the page; an export's page is the subject resolution's own.

The extractors do not know about links; this stage only adds pages and merges names.
"""

from __future__ import annotations

import re
from dataclasses import replace

from reskg import gazetteer
from reskg.extract.mentions import organization_mentions, person_mentions, place_mentions
from reskg.facts import (
    CitationFact,
    EventFact,
    Fact,
    OrganizationFact,
    PersonFact,
    PlaceFact,
    ResolutionFact,
    ResolutionRef,
)
from reskg.read.article import DEFAULT_SITE, Article, LinkMention, page_url

_DISAMBIGUATION = re.compile(r"\s*\([^)]*\)$")
Key = tuple[str, str]  # (kind: "place", "organization" or "person"; canonical name)


def _mentions(article: Article) -> list[tuple[tuple[int, int], Key]]:
    """Every mention's span and entity, as the extractors found them."""
    found: list[tuple[tuple[int, int], Key]] = []
    found += [(m.span, ("place", m.name)) for m in place_mentions(article)]
    found += [(m.span, ("organization", m.name)) for m in organization_mentions(article)]
    found += [(m.span, ("person", m.name)) for m in person_mentions(article)]
    return found


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _entity_of(link: LinkMention, mentions: list[tuple[tuple[int, int], Key]]) -> Key | None:
    """The entity whose mention is the link's label (None: no mention covers it).

    Beside the mention the label may hold only place words ("Tartar region" for the mention
    "Tartar"): the place "Nagorno-Karabakh" inside ``[[Nagorno-Karabakh conflict]]`` is not
    what the link names. The label must also cover most of the mention.
    """
    span = (link.start, link.end)
    best = max(mentions, key=lambda m: _overlap(m[0], span), default=None)
    if best is None:
        return None
    (start, end), key = best
    shared = _overlap((start, end), span)
    if shared <= 0 or shared < 0.5 * (end - start):
        return None
    rest = link.label[: max(0, start - link.start)] + " " + link.label[end - link.start :]
    words = re.findall(r"\w+", rest)
    if any(w.casefold() not in _FILLERS and gazetteer.place_kind(w) is None for w in words):
        return None
    return key


_FILLERS = frozenset({"the", "of"})


def _gazetteer_fact(link: LinkMention, page: str) -> Fact | None:
    """A fact for a linked name the extractors passed over, if the gazetteer knows it."""
    span = (link.start, link.end)
    for name in dict.fromkeys((_DISAMBIGUATION.sub("", link.target), link.label)):
        country = gazetteer.find_country(name)
        if country is not None and not country.historical:
            return PlaceFact(
                country.name,
                span,
                "country",
                geonames_id=country.geonames_id,
                iso_code=country.iso2,
                page=page,
            )
        organization = gazetteer.find_organization(name)
        if organization is not None:
            return OrganizationFact(
                organization.name,
                span,
                abbreviation=organization.abbreviations[0] if organization.abbreviations else None,
                former_names=organization.former_names,
                parent=organization.parent,
                page=page,
            )
        city = gazetteer.find_city(name)
        if city is not None and not gazetteer.is_ambiguous_city(name):
            return PlaceFact(city.name, span, "city", geonames_id=city.geonames_id, page=page)
    return None


def _cited_refs(facts: list[Fact]) -> list[tuple[tuple[int, int], ResolutionRef]]:
    """The span and reference of every resolution the facts name."""
    refs: list[tuple[tuple[int, int], ResolutionRef]] = []
    for fact in facts:
        if isinstance(fact, ResolutionFact):
            refs.append((fact.span, fact.ref))
        elif isinstance(fact, CitationFact):
            refs.append((fact.span, fact.cited))
    return refs


def _resolution_of(
    link: LinkMention, refs: list[tuple[tuple[int, int], ResolutionRef]]
) -> ResolutionRef | None:
    """The resolution a link names: one whose symbol the label holds (stated over the link, or
    the only one of that symbol), or an unnumbered document whose title is the label's."""
    names = {link.label.casefold(), _DISAMBIGUATION.sub("", link.target).casefold()}
    span = (link.start, link.end)
    over = [ref for where, ref in refs if _overlap(where, span) > 0]
    for ref in over:
        if not ref.number and ref.title and ref.title.casefold() in names:
            return ref
    numbered = [ref for ref in over if ref.number and _holds(link.label, ref.number)]
    if not numbered:  # a later mention (a See also item) of a resolution stated earlier
        numbered = list({ref for _, ref in refs if ref.number and _holds(link.label, ref.number)})
    return numbered[0] if len(set(numbered)) == 1 else None


def _holds(label: str, number: str) -> bool:
    return re.search(rf"(?<![\w/]){re.escape(number)}(?![\w/])", label) is not None


def _site(article: Article) -> str:
    return article.page.site if article.page is not None else DEFAULT_SITE


def link_facts(article: Article, facts: list[Fact]) -> list[Fact]:
    """``facts`` with the pages the article's links name (unchanged when it has no links)."""
    if not article.links and article.page is None:
        return facts
    mentions = _mentions(article)
    refs = _cited_refs(facts)
    page_of: dict[Key, str] = {}  # entity -> page IRI (the first link to it wins)
    target_of: dict[Key, str] = {}
    extra: list[Fact] = []
    unmatched: list[LinkMention] = []
    for link in article.links:
        page = page_url(_site(article), link.target)
        ref = _resolution_of(link, refs)
        if ref is not None:
            extra.append(ResolutionFact(ref, (link.start, link.end), page=page))
            continue
        key = _entity_of(link, mentions)
        if key is None:
            unmatched.append(link)
        elif key not in page_of:
            page_of[key] = page
            target_of[key] = link.target
    rename = _merged_names(target_of)
    known = set(page_of) | {(kind, rename.get((kind, name), name)) for kind, name in page_of}
    for link in unmatched:
        fact = _gazetteer_fact(link, page_url(_site(article), link.target))
        if fact is None:
            continue
        key = ("place" if isinstance(fact, PlaceFact) else "organization", fact.name)
        if key not in known:
            known.add(key)
            extra.append(fact)
    if article.page is not None:
        subject = next((f for f in facts if isinstance(f, ResolutionFact) and f.is_subject), None)
        if subject is not None:
            page = page_url(article.page.site, article.page.title)
            extra.append(ResolutionFact(subject.ref, subject.span, is_subject=True, page=page))
    return [_with_page(fact, page_of, rename) for fact in facts] + extra


def _merged_names(target_of: dict[Key, str]) -> dict[Key, str]:
    """New names for entities of one kind whose links name one page: all take one name."""
    by_target: dict[tuple[str, str], list[Key]] = {}
    for key, target in target_of.items():
        by_target.setdefault((key[0], target), []).append(key)
    rename: dict[Key, str] = {}
    for (kind, target), keys in by_target.items():
        if len(keys) < 2 or kind == "organization":  # organisations merge in the gazetteer
            continue
        title = _DISAMBIGUATION.sub("", target)
        name = next((k[1] for k in keys if k[1] == title), keys[0][1])
        rename.update({k: name for k in keys if k[1] != name})
    return rename


def _with_page(fact: Fact, page_of: dict[Key, str], rename: dict[Key, str]) -> Fact:
    """``fact`` with its entity's page and merged name, and merged names where it refers."""
    if isinstance(fact, PlaceFact):
        key = ("place", fact.name)
        country = rename.get(("place", fact.country), fact.country) if fact.country else None
        return replace(
            fact, name=rename.get(key, fact.name), country=country, page=page_of.get(key)
        )
    if isinstance(fact, OrganizationFact):
        return replace(fact, page=page_of.get(("organization", fact.name)))
    if isinstance(fact, PersonFact):
        key = ("person", fact.name)
        affiliation = fact.affiliation
        if affiliation and fact.affiliation_kind == "country":
            affiliation = rename.get(("place", affiliation), affiliation)
        return replace(
            fact, name=rename.get(key, fact.name), affiliation=affiliation, page=page_of.get(key)
        )
    if isinstance(fact, EventFact) and fact.place:
        return replace(fact, place=rename.get(("place", fact.place), fact.place))
    if isinstance(fact, ResolutionFact) and (fact.place or fact.country):
        place = rename.get(("place", fact.place), fact.place) if fact.place else None
        country = rename.get(("place", fact.country), fact.country) if fact.country else None
        return replace(fact, place=place, country=country)
    return fact
