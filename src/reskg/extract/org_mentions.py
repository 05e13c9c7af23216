"""Organisations named in an article, under canonical names (gazetteer entry if known)."""

from __future__ import annotations

import re
from functools import lru_cache

from reskg import gazetteer
from reskg.article import Article
from reskg.extract.mention_tokens import (
    COMMON_CAPS,
    FOLDED_WORDS,
    MONTHS,
    ORG_HEADS,
    WEAK_HEADS,
    OrgMention,
    cap_name_word,
    is_demonym,
    match_role,
    org_phrase_end,
    organization_trie,
    region_trie,
    segments,
)
from reskg.facts import Span


@lru_cache(maxsize=32)
def organization_mentions(article: Article) -> tuple[OrgMention, ...]:
    """Organisations named in the article, in text order, under canonical names.

    Gazetteer forms (names, aliases, abbreviations, former names mapped to the current name)
    come first; then institution patterns ("Ministry of Defense of the Republic of X",
    "Political Affairs Committee", "X's New York group"); an abbreviation given in brackets
    is learnt for the rest of the article; a short later mention ("the Ministry of Defense")
    resolves to the longer name that contains it.
    """
    trie = organization_trie()
    found: list[OrgMention] = []
    learnt: dict[str, OrgMention] = {}
    bracketed: list[Span] = []
    for seg in segments(article):
        tokens = seg.tokens
        taken: set[int] = set()
        hits: dict[int, int] = {}
        # gazetteer forms
        i = 0
        while i < len(tokens):
            hit = trie.match(tokens, i)
            if hit is not None and not any(
                t.text[:1].islower() and t.text not in FOLDED_WORDS for t in tokens[i : hit[0]]
            ):
                j, organization = hit
                start, end = tokens[i].start, tokens[j - 1].end
                hits[i] = j
                found.append(
                    OrgMention(
                        (start, end),
                        organization.name,  # type: ignore[attr-defined]
                        organization,  # type: ignore[arg-type]
                        article.text[start:end],
                    )
                )
                taken.update(range(i, j))
                i = j
            else:
                i += 1
        # institution patterns: [modifiers] HEAD [complements]
        for h, token in enumerate(tokens):
            if token.text not in ORG_HEADS:
                continue
            if h in taken:
                # a known one-word body ("Congress") with a qualifier of its own before it
                if hits.get(h) != h + 1 or h == 0 or not tokens[h - 1].is_cap or h - 1 in taken:
                    continue
                found = [f for f in found if f.span != (token.start, token.end)]
            m = h
            while m > 0 and (
                (cap_name_word(tokens[m - 1]) and tokens[m - 1].text.casefold() not in MONTHS)
                or tokens[m - 1].text in ("'s", "’s")
                or (tokens[m - 1].text == "hoc" and m > 1 and tokens[m - 2].text == "Ad")
            ):
                m -= 1
            while m < h and tokens[m].text.casefold() in COMMON_CAPS - {
                "national",
                "international",
                "united",
                "general",
                "special",
                "security",
                "first",
                "second",
                "third",
                "fourth",
                "fifth",
                "sixth",
                "permanent",
                "human",
                "rights",
            }:
                m += 1
            # a possessive of a known organisation stays outside ("General Assembly's Third
            # Committee") when the head is capitalised
            for k in range(m, h):
                if tokens[k].text in ("'s", "’s") and k - 1 in taken:
                    m = k + 1
            end = org_phrase_end(tokens, h + 1, hits)
            while m < h and tokens[m].text.isdigit():
                m += 1  # "1967 Arab League summit": a year is not part of a name
            modifiers = tokens[m:h]
            if any(k in taken for k in range(m, h)) and m < h:
                # modifiers that are a known organisation ("OSCE Minsk Group", "UN Department")
                pass
            qualifying = [
                t
                for t in modifiers
                if t.text not in ("'s", "’s")
                and not is_demonym(t.text)
                and gazetteer.find_country(t.text) is None
            ]
            if token.text in WEAK_HEADS and not qualifying:
                continue
            if not modifiers and end == h + 1:
                continue  # "the Council": a bare head names nothing
            if not qualifying and end == h + 1 and token.text not in ("Service",):
                continue
            role = match_role(tokens, m) if modifiers else None
            if role is not None and role[0] > h:
                continue  # a role that ends in a head word names a post, not a body
            previous = tokens[h - 1] if h > 0 else None
            if (
                m == h
                and previous is not None
                and (
                    (previous.is_cap and previous.text.casefold() not in COMMON_CAPS)
                    or previous.text == "and"
                )
            ):
                continue  # "Heads of State and Government of ...": part of a longer phrase
            start, stop = tokens[m].start, tokens[end - 1].end
            surface = article.text[start:stop]
            region = region_trie().match(tokens, m)
            if gazetteer.find_country(surface) is not None or (region and region[0] == end):
                continue  # "Union of South Africa" is a state, "West Bank" a territory
            # drop spans already covered by gazetteer hits entirely inside the phrase
            found = [f for f in found if not (start <= f.span[0] and f.span[1] <= stop)]
            organization = gazetteer.find_organization(surface)
            name = organization.name if organization else surface
            found.append(OrgMention((start, stop), name, organization, surface))
            taken.update(range(m, end))
        # possessive groups: "the Organization of Islamic Cooperation's New York group"
        for k, token in enumerate(tokens):
            if token.text not in ("'s", "’s") or k - 1 not in taken:
                continue
            owner = next((f for f in found if f.span[1] == tokens[k - 1].end), None)
            if owner is None:
                continue
            j = k + 1
            while j < len(tokens) and tokens[j].is_cap and tokens[j].text not in ORG_HEADS:
                j += 1
            if j == k + 1 or j >= len(tokens):
                continue
            if (
                tokens[j].text.casefold() in {h.casefold() for h in ORG_HEADS}
                and not tokens[j].is_cap
            ):
                start, stop = owner.span[0], tokens[j].end
                surface = article.text[start:stop]
                found.append(OrgMention((start, stop), surface, None, surface))
        # abbreviations given in brackets: "Palestine Liberation Organization (PLO)"
        for k in range(len(tokens) - 2):
            if tokens[k].text != "(" or tokens[k + 2].text != ")":
                continue
            abbr = tokens[k + 1].text
            if not (abbr.isupper() and len(abbr) >= 2 and abbr.isalpha()):
                continue
            owner = next((f for f in found if f.span[1] == tokens[k - 1].end), None) if k else None
            if owner is not None:
                learnt[abbr] = owner
                bracketed.append((tokens[k + 1].start, tokens[k + 1].end))
                found[found.index(owner)] = OrgMention(
                    owner.span, owner.name, owner.organization, owner.surface, abbr
                )
    # learnt abbreviations elsewhere in the article
    if learnt:
        covered = [f.span for f in found] + bracketed
        for seg in segments(article):
            for token in seg.tokens:
                owner = learnt.get(token.text)
                if owner is None or any(s <= token.start < e for s, e in covered):
                    continue
                found.append(
                    OrgMention((token.start, token.end), owner.name, owner.organization, token.text)
                )
    return tuple(_resolve_short_orgs(sorted(set(found), key=lambda f: (f.span, f.name))))


def _resolve_short_orgs(found: list[OrgMention]) -> list[OrgMention]:
    """Give a pattern name contained in a longer name of the article that longer name."""
    names = sorted({f.name for f in found}, key=len, reverse=True)
    out = []
    for f in found:
        if f.organization is None:
            pattern = re.compile(r"(?:^|\s)" + re.escape(f.name) + r"(?:\s|$)")
            longer = next((n for n in names if len(n) > len(f.name) and pattern.search(n)), None)
            if longer is not None and "'s" not in longer:
                owner = next(g for g in found if g.name == longer)
                f = OrgMention(f.span, longer, owner.organization, f.surface)
        out.append(f)
    return out
