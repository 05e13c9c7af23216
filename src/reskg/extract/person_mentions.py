"""People named in an article, with role and affiliation; later short mentions resolved."""

from __future__ import annotations

import re
from functools import lru_cache

from reskg import gazetteer
from reskg.article import Article
from reskg.extract.mention_tokens import (
    ARABIC_PARTICLE,
    COMMON_CAPS,
    HONORIFICS,
    MONTHS,
    ORG_HEADS,
    PARTICLES,
    RANKS,
    SUFFIXES,
    PersonMention,
    Segment,
    Token,
    is_demonym,
    lowercase_words,
    match_role,
    role_words,
    segments,
    tokenize,
)
from reskg.extract.org_mentions import (
    organization_mentions,
)
from reskg.extract.place_mentions import (
    place_candidates,
)
from reskg.extract.role_phrases import (
    affiliation_at,
    role_at,
)


def _is_name_word(token: Token, article: Article | None = None, inner: bool = False) -> bool:
    """A capitalised word that can be part of a person's name."""
    t = token.text
    if not (t[:1].isupper() and t[:1].isalpha()):
        return False
    folded = t.casefold()
    if folded in COMMON_CAPS or folded in MONTHS or t in ORG_HEADS:
        return t == "Lord"
    if t.isupper() and len(t) > 1 and t not in SUFFIXES:
        return False  # abbreviations
    if article is not None and folded in lowercase_words(article):
        return False  # "Status of Palestine": a common noun at the start of a title
    if folded in role_words() and not inner:
        return False
    if not inner and t.endswith("ly") and t[:-2].isalpha():
        return False  # "Subsequently, ..."
    return not is_demonym(t)


def _particles_then_name(article: Article, tokens: tuple[Token, ...], j: int) -> bool:
    """True when particles from ``j`` on lead to a name word: "van der Berg"."""
    while j < len(tokens) and tokens[j].text in PARTICLES:
        j += 1
    return j < len(tokens) and _is_name_word(tokens[j], article)


_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")


def _name_at(
    article: Article, tokens: tuple[Token, ...], i: int, blocked: set[int]
) -> tuple[int, int] | None:
    """The token range of a person's name starting at ``i`` (after honorifics), else None."""
    while i < len(tokens) and (tokens[i].text in HONORIFICS or tokens[i].text in RANKS):
        i += 1
        if i < len(tokens) and tokens[i].text == ".":
            i += 1
    if i >= len(tokens) or i in blocked:
        return None
    first = tokens[i]
    # a month can be a given name before a surname: "April Glaspie"
    month_name = (
        first.text.casefold() in MONTHS
        and i + 1 < len(tokens)
        and i + 1 not in blocked
        and _is_name_word(tokens[i + 1], article)
    )
    initials = (
        _INITIALS.fullmatch(first.text) is not None
        and i + 1 < len(tokens)
        and _is_name_word(tokens[i + 1], article)
    )
    if not _is_name_word(first, article) and not month_name and not initials:
        return None
    j = i + 1
    while j < len(tokens) and j not in blocked:
        t = tokens[j]
        nxt = tokens[j + 1] if j + 1 < len(tokens) else None
        if re.fullmatch(r"[A-Z]", t.text) and nxt is not None and nxt.text == ".":
            j += 2  # an initial: "Nikita S. Khrushchev"
        elif t.text in SUFFIXES or _is_name_word(t, article):
            j += 1
        elif _is_name_word(t, article, inner=True) and (
            nxt is None or not nxt.is_cap or _is_name_word(nxt, article)
        ):
            j += 1  # a role word used as a name: "Abdul Amir al-Anbari", "Angela King"
        elif (
            t.text in PARTICLES and _particles_then_name(article, tokens, j)
        ) or ARABIC_PARTICLE.fullmatch(t.text):
            j += 1
        else:
            break
    while j > i + 1 and tokens[j - 1].text == ".":
        j -= 1
    if j - i > 5:
        return None
    return i, j


def _blocked_tokens(article: Article, seg: Segment) -> set[int]:
    """Token indexes covered by places or organisations (never part of a person's name)."""
    spans = [m.span for m in place_candidates(article)]
    spans += [o.span for o in organization_mentions(article)]
    spans = [s for s in spans if seg.start <= s[0] < seg.end]
    return {k for k, t in enumerate(seg.tokens) if any(a <= t.start < b for a, b in spans)}


@lru_cache(maxsize=32)
def person_mentions(article: Article) -> tuple[PersonMention, ...]:
    """People named in the article with role and affiliation, in text order.

    Patterns: "NAME, the ROLE of X"; "[DEMONYM|X's|ORG] ROLE[,] NAME [of X]"; "NAME of X";
    "NAME, representing X"; "NAME ... as ROLE"; a role-keyed infobox field. A later mention
    by surname (or first name) alone is the same person and takes the full name.
    """
    raw: list[PersonMention] = []
    for seg in segments(article):
        if seg.kind == "title":
            continue
        tokens = seg.tokens
        blocked = _blocked_tokens(article, seg)
        if seg.kind == "infobox":
            raw.extend(_infobox_people(article, seg, blocked))
            continue
        carried: tuple[str | None, str | None] = (None, None)
        i = 0
        while i < len(tokens):
            # ROLE [,] NAME [of X]
            role = role_at(article, tokens, i) if tokens[i].text != "," else None
            if role is not None and role.text in RANKS:
                role = None  # "General Odd Bull, Chief of Staff ...": the rank is a title
            if role is not None:
                k = role.end
                if k < len(tokens) and tokens[k].text == ",":
                    k += 1
                name = _name_at(article, tokens, k, blocked)
                if name is not None:
                    n_start, n_end = name
                    aff, kind = role.affiliation, role.affiliation_kind
                    after = n_end
                    if after + 1 < len(tokens) and tokens[after].text == "of":
                        got = affiliation_at(article, tokens, after + 1)
                        if got is not None:
                            aff, kind = got[1], got[2]
                    possessive = tokens[role.start - 1].text.casefold() if role.start > 0 else ""
                    if aff is None and (
                        possessive in ("his", "her", "its")
                        or (i > 0 and tokens[i - 1].text in (",", "and"))
                    ):
                        aff, kind = carried
                    if aff is None and possessive in ("its", "his", "her"):
                        aff, kind = _nearest_country(article, seg, tokens[i].start)
                    raw.append(_person(article, tokens, n_start, n_end, role.text, aff, kind))
                    carried = (aff, kind)
                    i = n_end
                    continue
            name = _name_at(article, tokens, i, blocked)
            if name is None or (i > 0 and _is_name_word(tokens[i - 1]) and i - 1 not in blocked):
                i += 1
                continue
            n_start, n_end = name
            k = n_end
            # NAME of X[, ROLE]
            if k + 1 < len(tokens) and tokens[k].text == "of":
                got = affiliation_at(article, tokens, k + 1)
                if got is not None:
                    end, aff, kind = got
                    role_text = None
                    if end < len(tokens) and tokens[end].text == ",":
                        r = role_at(article, tokens, end + 1)
                        if r is None and end + 1 < len(tokens) and tokens[end + 1].text == "as":
                            r = role_at(article, tokens, end + 2)
                        if r is not None:
                            role_text = r.text
                    raw.append(_person(article, tokens, n_start, n_end, role_text, aff, kind))
                    i = end
                    continue
            # NAME [,] representing X / speaking for X / spoke for X
            r_i = k + 1 if k < len(tokens) and tokens[k].text == "," else k
            if r_i < len(tokens) and tokens[r_i].text in ("representing", "speaking", "spoke"):
                a_i = r_i + 1 + (tokens[r_i].text != "representing")
                got = affiliation_at(article, tokens, a_i)
                if got is not None:
                    raw.append(
                        _person(article, tokens, n_start, n_end, "representative", got[1], got[2])
                    )
                    i = got[0]
                    continue
            # NAME, [then] (the|a) ROLE ...  /  NAME, COUNTRY's ROLE
            if k + 1 < len(tokens) and tokens[k].text == ",":
                r_i = k + 1
                if tokens[r_i].text in ("then", "now"):
                    r_i += 1
                if r_i < len(tokens) and tokens[r_i].text in ("representing", "speaking", "spoke"):
                    a_i = r_i + 1 + (tokens[r_i].text == "speaking")
                    got = affiliation_at(article, tokens, a_i)
                    if got is not None:
                        raw.append(
                            _person(
                                article, tokens, n_start, n_end, "representative", got[1], got[2]
                            )
                        )
                        i = got[0]
                        continue
                if r_i < len(tokens) and tokens[r_i].text == "who":
                    # "NAME, who had been ..., was Namibia's Minister of ..."
                    c = r_i
                    while c < len(tokens) and tokens[c].text != ",":
                        c += 1
                    if c + 2 < len(tokens) and tokens[c + 1].text in ("was", "is", "became"):
                        r_i = c + 2
                r = role_at(article, tokens, r_i)
                if r is not None and _name_at(article, tokens, r.end, blocked) is not None:
                    r = None  # "X, Colonial Secretary Y, and ...": the role is Y's, a list
                if r is not None:
                    aff, kind = r.affiliation, r.affiliation_kind
                    if aff is None and (
                        r.canonical
                        and gazetteer.role_kind(r.canonical) in ("government", "head-of-state")
                    ):
                        aff, kind = _nearest_country(article, seg, tokens[n_start].start)
                    raw.append(_person(article, tokens, n_start, n_end, r.text, aff, kind))
                    i = r.end
                    continue
            # NAME ... as ROLE (within the clause)
            for a in range(k, min(k + 7, len(tokens) - 1)):
                if tokens[a].text in (",", ";", "."):
                    break
                if tokens[a].text == "as":
                    r = role_at(article, tokens, a + 1)
                    if r is not None and tokens[a + 1].is_cap:
                        raw.append(
                            _person(
                                article,
                                tokens,
                                n_start,
                                n_end,
                                r.text,
                                r.affiliation,
                                r.affiliation_kind,
                            )
                        )
                    break
            # an honorific or a rank alone marks a person: "Sir Crispin Tickell", "Sen. X"
            title = _title_before(tokens, n_start)
            if title is not None:
                role_text = title if title in RANKS else _TITLE_ROLES.get(title)
                raw.append(_person(article, tokens, n_start, n_end, role_text, None, None))
            else:
                cued = _cued_person(article, tokens, n_start, n_end)
                if cued is not None:
                    raw.append(_person(article, tokens, n_start, n_end, *cued))
            i = n_end
    return tuple(_merge_people([p for p in raw if not _is_thing(article, p)]))


# Head nouns that end the name of a thing, never of a person: "... Armistice Agreement".
_THING_HEADS = frozenset(
    [
        "Agreement",
        "Agreements",
        "Treaty",
        "Convention",
        "Accord",
        "Accords",
        "Act",
        "Charter",
        "Commission",
        "Committee",
        "Assembly",
        "Council",
        "Staff",
        "Headquarters",
        "Declaration",
    ]
)


def _is_thing(article: Article, person: PersonMention) -> bool:
    """A name without a role that reads as a thing's: "the Empire of Japan", "a New Europe",
    "Central African States", "the Principles of the Charter".

    An article before it, a demonym in it, or only words the article also writes in lower case.
    """
    words = person.name.split()
    lowercase = lowercase_words(article)
    following = re.match(r"\s+([A-Z]\w+)", article.text[person.span[1] : person.span[1] + 30])
    if person.role in RANKS and (
        all(w.casefold() in lowercase for w in words)
        or (following is not None and following.group(1) in _THING_HEADS)
    ):
        return True  # "the General Armistice Agreement": a rank word before a thing's name
    if person.role is not None:
        return False
    before = article.text[max(0, person.span[0] - 5) : person.span[0]]
    if re.search(r"(?:^|\s)(?:the|a|an)\s+$", before, re.I):
        return True
    return any(is_demonym(w) for w in words) or all(w.casefold() in lowercase for w in words)


# Verbs that say a person spoke or acted: "NAME said", "NAME, called for ...".
_ACTS = frozenset(
    [
        "said",
        "says",
        "stated",
        "told",
        "wrote",
        "argued",
        "called",
        "declared",
        "announced",
        "warned",
        "urged",
        "proposed",
        "noted",
        "added",
        "insisted",
        "claimed",
        "described",
        "praised",
        "criticised",
        "criticized",
        "accused",
        "signed",
        "visited",
        "met",
        "resigned",
        "replied",
        "responded",
        "suggested",
        "asked",
        "demanded",
        "rejected",
        "welcomed",
    ]
)
_BE = frozenset(["was", "is", "became", "remained"])


# Titles that are offices, so the person's role: "Sen. X" is a Senator, "Ayatollah X" one.
_TITLE_ROLES = {
    "Sen": "Senator", "Senator": "Senator", "Ayatollah": "Ayatollah", "Emir": "Emir",
    "Cardinal": "Cardinal", "Pope": "Pope", "Imam": "Imam", "Rabbi": "Rabbi", "Sultan": "Sultan",
    "Shah": "Shah",
}  # fmt: skip


def _title_before(tokens: tuple[Token, ...], start: int) -> str | None:
    """An honorific or rank right before a name, its dot passed over ("Sen. X")."""
    k = start - 1
    if k > 0 and tokens[k].text == ".":
        k -= 1
    if k >= 0 and tokens[k].text in HONORIFICS | RANKS:
        return tokens[k].text
    return None


def _cued_person(
    article: Article, tokens: tuple[Token, ...], start: int, end: int
) -> tuple[str | None, str | None, str | None] | None:
    """(role, affiliation, kind) where the context marks a name as a person's, else None.

    Cues: an apposition with a role ("NAME (US Secretary of State)"); "NAME was the ROLE of X";
    and for names of two words or more, a possessive ("Egypt's NAME's visit"), "under NAME",
    or an act that only people do ("NAME said", "NAME, called for").
    """
    after = tokens[end].text if end < len(tokens) else ""
    if after == "(":
        role = role_at(article, tokens, end + 1)
        if role is not None:
            return role.text, role.affiliation, role.affiliation_kind
    k = end
    if k < len(tokens) and tokens[k].text in _BE:
        k += 1
        if k < len(tokens) and tokens[k].text in ("the", "a", "an"):
            k += 1
        role = role_at(article, tokens, k)
        if role is not None:
            return role.text, role.affiliation, role.affiliation_kind
    words = [t.text for t in tokens[start:end] if len(t.text) > 1]
    if len(words) < 2:
        return None
    lowercase = lowercase_words(article)
    if any(w.casefold() in lowercase or is_demonym(w) for w in words):
        return None  # "Constitutive Act", "Basic Duties", "Central African": common words
    before = tokens[start - 1].text if start > 0 else ""
    if before.casefold() == "the":
        return None  # "The Quiet Revolution said ...": a named thing, not a person
    if after in ("'s", "’s") or before == "under":
        return None, None, None
    verb = tokens[end + 1].text if after == "," and end + 1 < len(tokens) else after
    if verb in _ACTS:
        return None, None, None
    surname = tokens[end - 1].text
    if (
        len(surname) > 2
        and tokens[start].text.casefold() not in MONTHS  # "In July Saddam accused ..."
        and _alone_count(article).get(surname, 0) > 0
    ):
        return None, None, None  # the text goes on to call the person by the surname alone
    return None


@lru_cache(maxsize=32)
def _alone_count(article: Article) -> dict[str, int]:
    """Capitalised words standing alone (no capitalised word beside them), inside a sentence.

    A person named in full is called by the surname later ("Nicos Emiliou ... Emiliou urged");
    the words of organisations and places rarely stand alone so.
    """
    counts: dict[str, int] = {}
    for seg in segments(article):
        if seg.kind != "text":
            continue
        tokens = seg.tokens
        for k in range(1, len(tokens)):
            t = tokens[k]
            if not (t.is_cap and t.text[:1].isalpha()) or tokens[k - 1].is_cap:
                continue
            if k + 1 < len(tokens) and tokens[k + 1].is_cap:
                continue
            counts[t.text] = counts.get(t.text, 0) + 1
    return counts


def _nearest_country(article: Article, seg: Segment, offset: int) -> tuple[str | None, str | None]:
    """The nearest country named before ``offset`` in the sentence or the one before it."""
    places = [m for m in place_candidates(article) if m.kind == "country"]
    before = [m for m in places if seg.start <= m.span[0] < offset]
    if before:
        return before[-1].name, "country"
    after = [m for m in places if offset <= m.span[0] < seg.end]
    if after:
        return after[0].name, "country"
    previous = [s for s in segments(article) if s.end <= seg.start and s.kind == "text"]
    if previous and previous[-1].paragraph == seg.paragraph:
        prev = previous[-1]
        inside = [m for m in places if prev.start <= m.span[0] < prev.end]
        if inside:
            return inside[-1].name, "country"
    return None, None


def _infobox_people(article: Article, seg: Segment, blocked: set[int]) -> list[PersonMention]:
    """People in role-keyed infobox fields: "- Rapporteur: NAME (Country, Group)"."""
    tokens = seg.tokens
    if seg.key.casefold() in _PEOPLE_KEYS:
        return _listed_people(article, tokens, blocked)
    key_tokens = tokenize(seg.key)
    role = match_role(key_tokens, 0)
    if role is None or role[0] != len(key_tokens):
        return []
    name = _name_at(article, tokens, 0, blocked)
    if name is None:
        return []
    aff = kind = None
    if name[1] + 1 < len(tokens) and tokens[name[1]].text == "(":
        got = affiliation_at(article, tokens, name[1] + 1)
        if got is not None:
            aff, kind = got[1], got[2]
    return [_person(article, tokens, name[0], name[1], seg.key, aff, kind)]


# Infobox keys whose value lists people: "- Participants: A, B, C", "- Writer: A, B".
_PEOPLE_KEYS = frozenset(
    [
        "writer",
        "writers",
        "author",
        "authors",
        "participants",
        "signatories",
        "signers",
        "drafters",
        "sponsors",
        "leaders",
        "presenters",
        "signed by",
        "drafted by",
        "presented by",
        "written by",
    ]
)


def _listed_people(
    article: Article, tokens: tuple[Token, ...], blocked: set[int]
) -> list[PersonMention]:
    """Every item of a comma-separated list that is a name from its first token to its last."""
    out = []
    i = 0
    while i < len(tokens):
        end = i
        while end < len(tokens) and tokens[end].text not in (",", ";", "and"):
            end += 1
        name = _name_at(article, tokens, i, blocked)
        if name is not None and name[1] == end and name[1] - name[0] >= 2:
            out.append(_person(article, tokens, name[0], name[1], None, None, None))
        i = end + 1
    return out


def _person(
    article: Article,
    tokens: tuple[Token, ...],
    start: int,
    end: int,
    role: str | None,
    affiliation: str | None,
    kind: str | None,
) -> PersonMention:
    span = (tokens[start].start, tokens[end - 1].end)
    name = article.text[span[0] : span[1]]
    return PersonMention(span, name, role, affiliation, kind)


def _merge_people(raw: list[PersonMention]) -> list[PersonMention]:
    """Resolve short later (or earlier) mentions to the full name; keep the first role found."""
    raw = sorted(raw, key=lambda p: p.span)
    full_names = sorted({p.name for p in raw}, key=lambda n: -len(n.split()))
    canonical: dict[str, str] = {}
    for name in full_names:
        words = name.split()
        target = next(
            (
                other
                for other in full_names
                if len(other.split()) > len(words)
                and (
                    other.split()[-len(words) :] == words
                    or (len(words) == 1 and words[0] in other.split())
                )
            ),
            name,
        )
        canonical[name] = canonical.get(target, target)
    best: dict[str, PersonMention] = {}
    out = []
    for p in raw:
        name = canonical[p.name]
        known = best.get(name)
        role = p.role or (known.role if known else None)
        if known and known.role:
            role = known.role
        affiliation = (known.affiliation if known and known.affiliation else None) or p.affiliation
        kind = (
            known.affiliation_kind if known and known.affiliation else None
        ) or p.affiliation_kind
        merged = PersonMention(p.span, name, role, affiliation, kind)
        best[name] = merged
        out.append(merged)
    # every mention carries the person's merged role and affiliation
    return [PersonMention(p.span, p.name, best[p.name].role, best[p.name].affiliation,
                          best[p.name].affiliation_kind) for p in out]  # fmt: skip
