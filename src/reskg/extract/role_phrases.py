"""Role phrases ("Foreign Minister of X", "the Azerbaijani ambassador") and their affiliations."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reskg import gazetteer
from reskg.article import Article
from reskg.extract.mention_tokens import (
    COMMON_CAPS,
    ORG_HEADS,
    OrgMention,
    Token,
    country_at,
    match_role,
    match_roles,
    words,
)
from reskg.extract.org_mentions import (
    organization_mentions,
)
from reskg.facts import Span


@dataclass(frozen=True)
class _Role:
    """A role phrase: its text, the token range it covers, and the affiliation it states."""

    text: str
    start: int  # token index
    end: int  # token index (exclusive)
    affiliation: str | None = None
    affiliation_kind: str | None = None
    canonical: str | None = None


def affiliation_at(
    article: Article, tokens: tuple[Token, ...], i: int
) -> tuple[int, str, str] | None:
    """A country or organisation mentioned at token ``i`` (after an optional "the")."""
    if i < len(tokens) and tokens[i].text == "the":
        i += 1
    if i >= len(tokens):
        return None
    start = tokens[i].start
    org = _orgs_by_start(article).get(start)
    if org is not None and org.span:
        j = i
        while j < len(tokens) and tokens[j].end <= org.span[1]:
            j += 1
        country = _country_at_span(article, org.span)
        if country is not None:
            return j, country, "country"
        return j, org.name, "organization"
    hit = country_at(tokens, i)
    if hit is not None:
        return hit[0], hit[1].name, "country"
    if (
        tokens[i].text in ("Republic", "State", "Kingdom")
        and i + 2 < len(tokens)
        and tokens[i + 1].text == "of"
    ):
        inner = affiliation_at(article, tokens, i + 2)
        if inner is not None and inner[2] == "country":
            return inner
    return None


@lru_cache(maxsize=32)
def _orgs_by_start(article: Article) -> dict[int, OrgMention]:
    """Organisation mentions by start offset (the longest at each offset)."""
    out: dict[int, OrgMention] = {}
    for org in organization_mentions(article):
        known = out.get(org.span[0])
        if known is None or known.span[1] < org.span[1]:
            out[org.span[0]] = org
    return out


@lru_cache(maxsize=128)
def _body_for_head(article: Article, head: str) -> str | None:
    """The short name of the most-mentioned body whose name ends in ``head`` ("Council")."""
    counts: dict[str, int] = {}
    for org in organization_mentions(article):
        short = org.organization.short_organ if org.organization else org.name
        if short and short.split()[-1] == head and len(short.split()) > 1:
            counts[short] = counts.get(short, 0) + 1
    if not counts:
        return None
    return max(sorted(counts), key=lambda name: counts[name])


def _country_at_span(article: Article, span: Span) -> str | None:
    """The country an organisation span names exactly (a country alias that is also a body)."""
    country = gazetteer.find_country(article.text[span[0] : span[1]])
    return country.name if country else None


def _premodifier_affiliation(token: Token) -> tuple[str, str] | None:
    """A demonym, a country or an organisation abbreviation written before a role."""
    country = gazetteer.country_by_demonym(token.text)
    if country is None and token.is_cap:
        country = gazetteer.find_country(token.text)
    if country is not None:
        return country.name, "country"
    if token.text.isupper() and len(token.text) >= 2:
        organization = gazetteer.find_organization(token.text)
        if organization is not None:
            country = gazetteer.find_country(token.text)
            return organization.name, "organization"
    return None


_ROLE_MODIFIERS = frozenset(
    words(
        "former then acting incumbent senior junior deputy interim outgoing newly long-serving "
        "chief principal first second"
    )
)


_RELATIONAL = frozenset(["head", "member", "leader"])


_NOT_AFTER_ROLE = frozenset(
    words("states state countries country nations governments organizations organisations parties")
)


_CLAUSE_END = frozenset(
    words(
        ", ; . ( ) who which that and was were is are had has have said says did would will "
        "could may might"
    )
)


def role_at(article: Article, tokens: tuple[Token, ...], i: int) -> _Role | None:
    """A role phrase at token ``i``: modifiers, affiliation premodifier, role, complements."""
    k = i
    affiliation: tuple[str, str] | None = None
    words: list[str] = []
    while k < len(tokens) and tokens[k].text.casefold() in ("the", "a", "an", "its", "his", "her"):
        k += 1
    begin = k
    # premodifiers: "former", "Israel's", "Azerbaijani", "NATO", "United States"
    while k < len(tokens):
        t = tokens[k]
        if t.text.casefold() in _ROLE_MODIFIERS and match_role(tokens, k) is None:
            if t.text.casefold() not in ("then", "long-serving"):
                words.append(t.text)
            k += 1
            continue
        if match_role(tokens, k) is not None:
            pre = _premodifier_affiliation(t)
            rest = match_role(tokens, k + 1)
            if pre is None or rest is None or not tokens[k + 1].is_cap:
                break
        hit = country_at(tokens, k)
        if hit is not None:
            end = hit[0]
            if end < len(tokens) and tokens[end].text in ("'s", "’s"):
                end += 1
            affiliation = (hit[1].name, "country")
            k = end
            continue
        pre = _premodifier_affiliation(t)
        if pre is not None:
            affiliation = pre
            k += 1
            if k < len(tokens) and tokens[k].text in ("'s", "’s"):
                k += 1
            continue
        if (
            t.is_cap
            and k > begin
            and k + 1 < len(tokens)
            and match_role(tokens, k + 1) is not None
            and t.text.casefold() not in COMMON_CAPS
        ):
            k += 1  # a party or body qualifying the role: "a British Labour MP"
            continue
        break
    role = match_role(tokens, k)
    if role is None:
        return None
    j, canonical = role
    for short_end, short_canonical in match_roles(tokens, k)[:-1]:
        # "president of the Republic of Armenia": the shorter role and a country after it
        if short_end < len(tokens) and tokens[short_end].text == "of":
            country = affiliation_at(article, tokens, short_end + 1)
            if country is not None and country[2] == "country" and country[0] > j:
                j, canonical = short_end, short_canonical
                break
    while j > k + 1 and tokens[j - 1].text.casefold() in ("for", "of", "to", "at", "on"):
        j -= 1  # "spokesperson for": the complement is read below
    if j < len(tokens) and tokens[j].text.casefold() in _NOT_AFTER_ROLE:
        return None  # "member states"
    role = (j, canonical)
    role_start = k
    # complements: "of Pakistan", "to the United Nations", "of the Ministry of Defense", ...
    parts: list[str] = []
    head = tokens[role_start].text.casefold()
    keep_org = head in _RELATIONAL
    while j < len(tokens):
        word = tokens[j].text
        if (
            word in ("of", "on")
            and j + 2 < len(tokens)
            and tokens[j + 1].text == "the"
            and tokens[j + 2].text in ORG_HEADS
            and not (j + 3 < len(tokens) and tokens[j + 3].is_cap)
        ):
            # "President of the Council": the body of that kind the article is about
            short = _body_for_head(article, tokens[j + 2].text)
            if short is not None:
                parts.append(f"{word} the {short}")
                j += 3
                continue
        if word in ("of", "for", "at", "on") or (word == "to" and j + 1 < len(tokens)):
            aff = affiliation_at(article, tokens, j + 1)
            if aff is not None:
                end, name, kind = aff
                if word == "to" or (kind == "organization" and keep_org):
                    parts.append(article.text[tokens[j].start : tokens[end - 1].end])
                    if kind == "organization" and keep_org:
                        affiliation = (name, kind)
                elif kind == "country" or affiliation is None or word in ("for", "at", "of"):
                    affiliation = (name, kind)
                j = end
                continue
            if word == "of" and keep_org and tokens[j + 1].text in ("the", "a", "an"):
                # "head of the Armenian delegation": the complement of a relational role
                k3 = j + 2
                e3 = k3
                while (
                    e3 < len(tokens)
                    and e3 - k3 < 6
                    and tokens[e3].text not in _CLAUSE_END
                    and e3 not in _org_token_starts(article, tokens)
                ):
                    demonym = gazetteer.country_by_demonym(tokens[e3].text)
                    if demonym is not None and affiliation is None:
                        affiliation = (demonym.name, "country")
                    e3 += 1
                if e3 > k3 and e3 < len(tokens) and e3 in _org_token_starts(article, tokens):
                    e3 -= 1  # leave "of" before an organisation to the loop
                    while e3 > k3 and tokens[e3].text in ("of", "the"):
                        e3 -= 1
                    e3 += 1
                if e3 > k3:
                    parts.append(article.text[tokens[j].start : tokens[e3 - 1].end])
                    j = e3
                    continue
            # "of International Relations", "of the press service", "on Gender Issues and ..."
            k2 = j + 1
            if k2 < len(tokens) and tokens[k2].text == "the" and word != "at":
                k2 += 1
            e2 = k2
            while e2 < len(tokens) and (
                (tokens[e2].is_cap and tokens[e2].text[:1].isalpha())
                or (
                    tokens[e2].text in ("and", "of")
                    and e2 + 1 < len(tokens)
                    and tokens[e2 + 1].is_cap
                )
            ):
                e2 += 1
            if e2 > k2 and word in ("of", "on"):
                parts.append(article.text[tokens[j].start : tokens[e2 - 1].end])
                j = e2
                continue
            break
        if word == "on" and j + 2 < len(tokens) and tokens[j + 1].text == "the":
            org = affiliation_at(article, tokens, j + 1)
            if org is not None:
                end = org[0]
                parts.append(article.text[tokens[j].start : tokens[end - 1].end])
                j = end
                continue
        break
    text = article.text[tokens[role_start].start : tokens[role[0] - 1].end]
    words.append(text)
    role_text = " ".join(words)
    if parts:
        role_text += " " + " ".join(parts)
    # "a presidential candidate and former president of X": one person, two roles; "and the
    # head of ..." starts another description and is left out
    if (
        j + 1 < len(tokens)
        and tokens[j].text == "and"
        and tokens[j + 1].text.casefold() not in ("the", "a", "an", "his", "her", "its")
    ):
        second = role_at(article, tokens, j + 1)
        if second is not None:
            role_text += ", " + second.text
            j = second.end
            if affiliation is None and second.affiliation:
                affiliation = (second.affiliation, second.affiliation_kind or "country")
    return _Role(
        role_text,
        begin if begin < role_start else role_start,
        j,
        affiliation[0] if affiliation else None,
        affiliation[1] if affiliation else None,
        canonical,
    )


def _org_token_starts(article: Article, tokens: tuple[Token, ...]) -> frozenset[int]:
    """Indexes of tokens where an organisation mention starts."""
    starts = _orgs_by_start(article)
    return frozenset(k for k, t in enumerate(tokens) if t.start in starts)
