"""Place candidates: countries, cities, regions, districts, villages, in text order.

These are candidates: :func:`reskg.extract.mentions.place_mentions` removes the words of
people's names from them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reskg import gazetteer
from reskg.article import Article
from reskg.extract.mention_tokens import (
    ADMIN_KINDS,
    ARABIC_PARTICLE,
    CITY_NAMING,
    COMMON_CAPS,
    COMPASS,
    FEATURE_KINDS,
    HONORIFICS,
    NAME_TITLES,
    ORG_HEADS,
    PARTICLES,
    RANKS,
    PlaceMention,
    Token,
    country_by_iso2,
    country_trie,
    is_demonym,
    lowercase_words,
    region_trie,
    role_words,
    segments,
)
from reskg.extract.org_mentions import (
    organization_mentions,
)
from reskg.extract.role_phrases import (
    role_at,
)


def _country_hits(
    article: Article, tokens: tuple[Token, ...]
) -> list[tuple[int, int, gazetteer.Country]]:
    """Country mentions as (first token, end token, Country), longest match first."""
    trie = country_trie()
    out = []
    i = 0
    while i < len(tokens):
        hit = trie.match(tokens, i)
        if hit is not None:
            j, country = hit
            out.append((i, j, country))  # type: ignore[arg-type]
            i = j
        else:
            i += 1
    return out


@lru_cache(maxsize=32)
def place_candidates(article: Article) -> tuple[PlaceMention, ...]:
    """Places before the filter that removes words of people's names."""
    orgs = organization_mentions(article)
    org_spans = [o.span for o in orgs]
    found: list[PlaceMention] = []
    learnt: dict[tuple[str, ...], PlaceMention] = {}

    def inside_org(start: int, end: int) -> bool:
        # countries inside organisation names ("Council of Europe") are not places there,
        # but a country qualifying a body's office ("Ministry of Defense of the Republic of
        # Azerbaijan") still is
        return any(s <= start and end <= e for s, e in org_spans)

    for seg in segments(article):
        if seg.kind == "title":
            continue
        tokens = seg.tokens
        taken: set[int] = set()

        def add(i: int, j: int, mention: PlaceMention, taken: set[int] = taken) -> None:
            taken.update(range(i, j))
            found.append(mention)

        # named regions from the data file, then countries
        regions = region_trie()
        i = 0
        while i < len(tokens):
            hit = regions.match(tokens, i)
            if hit is not None and not inside_org(tokens[i].start, tokens[hit[0] - 1].end):
                j, region = hit
                s, e = tokens[i].start, tokens[j - 1].end
                add(i, j, PlaceMention((s, e), region.name, region.kind, region.iso2))  # type: ignore[attr-defined]
                i = j
            else:
                i += 1
        for i, j, country in _country_hits(article, tokens):
            if any(k in taken for k in range(i, j)):
                continue
            # "Republic of" before a bare country name belongs to it
            s = tokens[i].start
            if (
                i >= 2
                and tokens[i - 1].text == "of"
                and tokens[i - 2].text
                in (
                    "Republic",
                    "State",
                    "Kingdom",
                    "Federation",
                    "Commonwealth",
                    "Principality",
                    "Sultanate",
                )
            ):
                s = tokens[i - 2].start
                i -= 2
            e = tokens[j - 1].end
            if inside_org(s, e) and not _qualifies_office(article, s):
                continue
            add(
                i,
                j,
                PlaceMention(
                    (s, e), country.name, "country", country.iso2, country.geonames_id, None
                ),
            )
        # regions, districts, villages by place-kind words
        for k, token in enumerate(tokens):
            word = token.text
            kind = gazetteer.place_kind(word)
            if kind is None:
                continue
            lower = word.casefold()
            # "X region", "the Katamon quarter", "the Rumaila field", "Gaza Strip"
            j = k
            while (j > 0 and tokens[j - 1].is_cap and tokens[j - 1].text[:1].isalpha()) or (
                j > 0 and re.fullmatch(r"[A-Z]\d+", tokens[j - 1].text)
            ):
                j -= 1
            name_tokens = tokens[j:k]
            if name_tokens and name_tokens[0].text in ("The", "A", "An", "In", "On", "At"):
                name_tokens = name_tokens[1:]
                j += 1
            if (
                name_tokens
                and not any(t in taken for t in range(j, k))
                and all(is_demonym(t.text) or t.text.casefold() in COMMON_CAPS for t in name_tokens)
            ):
                name_tokens = ()
            if name_tokens and not any(t in taken for t in range(j, k)):
                feature = lower in FEATURE_KINDS or (
                    lower == "bank" and name_tokens[0].text in COMPASS
                )
                if token.is_cap and not feature and (lower == "bank" or word in ORG_HEADS):
                    name_tokens = ()
                if name_tokens and (feature or lower in ADMIN_KINDS):
                    end_tok = k + 1 if feature else k
                    s, e = tokens[j].start, tokens[end_tok - 1].end
                    name = article.text[s:e]
                    mention = PlaceMention((s, e), name, kind)
                    add(j, end_tok, mention)
                    learnt.setdefault(tuple(t.text for t in tokens[j:end_tok]), mention)
                    continue
            # "the village of Chilaburt", "the city of X"
            if (
                lower in ADMIN_KINDS
                and not token.is_cap
                and k + 2 < len(tokens)
                and tokens[k + 1].text == "of"
                and tokens[k + 2].is_cap
                and k + 2 not in taken
            ):
                e_k = k + 2
                while e_k < len(tokens) and tokens[e_k].is_cap and tokens[e_k].text[:1].isalpha():
                    e_k += 1
                if lower in ("quarter", "area", "zone", "suburb"):
                    continue  # "the Katamon quarter of Jerusalem" names the city after "of"
                s, e = tokens[k + 2].start, tokens[e_k - 1].end
                mention = PlaceMention((s, e), article.text[s:e], kind)
                add(k + 2, e_k, mention)
                learnt.setdefault(tuple(t.text for t in tokens[k + 2 : e_k]), mention)
        # cities
        for i in range(len(tokens)):
            if i in taken:
                continue
            for length in (3, 2, 1):
                j = i + length
                if j > len(tokens) or any(k in taken for k in range(i, j)):
                    continue
                if not all(t.is_cap or t.text in ("-", "'") for t in tokens[i:j]):
                    continue
                if length > 1 and tokens[i].text.casefold() in COMMON_CAPS:
                    continue  # "The Hague" is in the gazetteer; "The Abuja" is not a name
                surface = article.text[tokens[i].start : tokens[j - 1].end]
                city = gazetteer.find_city(surface)
                if city is None or not _city_context_ok(article, tokens, i, j, taken):
                    continue
                country = country_by_iso2().get(city.country_iso2)
                s, e = tokens[i].start, tokens[j - 1].end
                if inside_org(s, e):
                    continue
                # compass words before a city name a part of it ("East Jerusalem")
                if i > 0 and tokens[i - 1].text in COMPASS and i - 1 not in taken:
                    s = tokens[i - 1].start
                    add(i - 1, j, PlaceMention((s, e), article.text[s:e], "district",
                                               city.country_iso2, None,
                                               country.name if country else None))  # fmt: skip
                    break
                add(
                    i,
                    j,
                    PlaceMention(
                        (s, e),
                        article.text[s:e],  # as written: "New York", not "New York City"
                        "city",
                        city.country_iso2,
                        city.geonames_id,
                        country.name if country else None,
                    ),
                )
                break
    # every other occurrence of a name learnt from a place-kind word
    if learnt:
        spans = [m.span for m in found]
        for seg in segments(article):
            tokens = seg.tokens
            for i in range(len(tokens)):
                for name, mention in learnt.items():
                    j = i + len(name)
                    if tuple(t.text for t in tokens[i:j]) != name:
                        continue
                    s, e = tokens[i].start, tokens[j - 1].end
                    if any(a < e and s < b for a, b in spans):
                        continue
                    found.append(PlaceMention((s, e), mention.name, mention.kind, mention.iso2))
                    spans.append((s, e))
    return tuple(sorted(set(found), key=lambda m: (m.span, m.name)))


def _qualifies_office(article: Article, start: int) -> bool:
    """True when a country inside an institution name follows "of (the)" after the head."""
    before = article.text[max(0, start - 40) : start]
    return bool(
        re.search(
            r"\b(?:Ministry|Administration|Office|Government|Embassy)\b.*\bof (?:the )?$", before
        )
    )


def _city_context_ok(
    article: Article, tokens: tuple[Token, ...], i: int, j: int, taken: set[int]
) -> bool:
    """False where a city name is probably a word of a person's or thing's name, or no name.

    A one-word name that the article also writes in lower case ("To" opening a sentence,
    "Imperial", "Olympic") is a common word capitalised, unless "in" or "at" puts it as a
    place.
    """
    before = tokens[i - 1] if i > 0 else None
    after = tokens[j] if j < len(tokens) else None
    if (
        j == i + 1
        and tokens[i].text.casefold() in lowercase_words(article)
        and (before is None or before.text not in ("in", "at"))
    ):
        return False
    if (
        before is not None
        and before.text == "."
        and i > 1
        and re.fullmatch(r"[A-Z]", tokens[i - 2].text)
    ):
        return False  # "George W. Bush"
    if before is not None and i - 1 not in taken and before.is_cap and before.text[:1].isalpha():
        word = before.text.casefold()
        if word in role_words() or before.text in HONORIFICS | RANKS | NAME_TITLES:
            return False  # "President Tito", "Lord Birkenhead"
        # an unknown capitalised word before it makes it a surname, but an abbreviation
        # does not: "NATO Lisbon Summit" names the city
        if word not in COMMON_CAPS and not before.text.isupper():
            return False
    if after is not None and after.text == ",":
        role = role_at(article, tokens, j + 1)
        if role is not None and not (role.end < len(tokens) and tokens[role.end].is_cap):
            return False  # "Juan Diaz, the head of ...": a person described by a role
    if after is not None and (after.text in PARTICLES or ARABIC_PARTICLE.fullmatch(after.text)):
        return False  # "Ahmad al-Zubi"
    # "Geneva Convention", "Minsk Process": a thing named after the city
    return not (
        after is not None
        and after.is_cap
        and after.text[:1].isalpha()
        and j not in taken
        and after.text.casefold() not in CITY_NAMING
    )
