"""What the mention scanners share: mention types, tokens, segments, gazetteer tries, word sets.

``segments(article)`` gives the scanned parts (title, infobox values, sentences) as token lists;
the tries do longest-match lookup of gazetteer surface forms (countries, organisations,
regions, roles) over tokens. Knowledge of the world comes from :mod:`reskg.gazetteer`.
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


# Function words match in any case so "Former Yugoslav Republic" finds "former Yugoslav ...".
FOLDED_WORDS = frozenset(["the", "of", "and", "for", "on", "in", "former", "de", "des", "du"])


def _key(token: str) -> str:
    folded = token.casefold()
    return folded if folded in FOLDED_WORDS else token.replace("’", "'")


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
def country_trie() -> _Trie:
    trie = _Trie()
    for surface, country in gazetteer.country_names():
        for variant in _case_variants(surface):
            trie.add(variant, country)
    return trie


@cache
def organization_trie() -> _Trie:
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
def region_trie() -> _Trie:
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


def match_role(tokens: tuple[Token, ...], i: int) -> tuple[int, str] | None:
    """The end index and canonical role of the longest role variant starting at ``i``."""
    matches = match_roles(tokens, i)
    return matches[-1] if matches else None


def match_roles(tokens: tuple[Token, ...], i: int) -> list[tuple[int, str]]:
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
def role_words() -> frozenset[str]:
    """Every capitalised word that occurs in a role variant ("President", "Minister" ...)."""
    words: set[str] = set()
    for variant, _ in gazetteer.roles():
        for token in tokenize(variant):
            if (
                token.text[:1].isalpha()
                and not token.text.isupper()
                and token.text.casefold() not in FOLDED_WORDS
            ):
                words.add(token.text.casefold())
    return frozenset(words)


def words(text: str) -> list[str]:
    """The whitespace-separated words of a word-list literal."""
    return text.split()


MONTHS = frozenset(
    words(
        "january february march april may june july august september october november december "
        "monday tuesday wednesday thursday friday saturday sunday"
    )
)


# Capitalised words that start sentences or name documents and events, never people or places.
COMMON_CAPS = frozenset(
    words(
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


PARTICLES = frozenset(
    ["de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "bin", "ibn"]
)


ARABIC_PARTICLE = re.compile(r"(?:al|el|ad|as|ash|an|ar)-[A-Z]\w+")


SUFFIXES = frozenset(["II", "III", "IV", "Jr", "Sr"])


# Titles written before a name that are not part of it (kept apart from the role).
# Titles before a name that are not part of it ("Lord Caradon", "Archbishop Desmond Tutu" keep
# theirs; kings and presidents are roles).
HONORIFICS = frozenset(
    [
        "Sir",
        "Dame",
        "Count",
        "Countess",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Madame",
        "Sen",
        "Senator",
        "Ayatollah",
        "Emir",
        "Cardinal",
        "Pope",
        "Imam",
        "Rabbi",
        "Sultan",
        "Shah",
    ]
)


# Titles that stay part of a name ("Lord Caradon", "Archbishop Desmond Tutu"): no place follows.
NAME_TITLES = frozenset(
    ["Lord", "Lady", "Baron", "Baroness", "Earl", "Duke", "Duchess", "Archbishop", "Bishop"]
)


RANKS = frozenset(["General", "Colonel", "Sheikh", "Admiral", "Marshal", "Captain", "Major"])


COMPASS = frozenset(["North", "South", "East", "West", "Northern", "Southern", "Eastern",
                      "Western", "Upper", "Lower", "Central"])  # fmt: skip


ORG_HEADS = frozenset(
    words(
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
WEAK_HEADS = frozenset(["Government", "Cabinet", "Parliament", "Army", "Navy", "Police"])


FEATURE_KINDS = frozenset(
    words(
        """peninsula heights strip sea ocean gulf bay river valley mountains desert island islands
    lake canal basin plateau coast corridor strait straits field oilfield"""
    )
)


ADMIN_KINDS = frozenset(
    words(
        """village villages town city region district province governorate municipality oblast
    raion rayon quarter neighbourhood neighborhood area zone suburb county canton prefecture
    commune settlement"""
    )
)


# Words after a city name that keep it a city ("Lisbon Summit", "Dakar conference").
CITY_NAMING = frozenset(
    words(
        """summit declaration conference talks round communiqué meeting session airport
    university"""
    )
)


def is_demonym(text: str) -> bool:
    return gazetteer.country_by_demonym(text) is not None


_ORG_CONNECTORS = frozenset(["of", "on", "for"])


def cap_name_word(token: Token) -> bool:
    """A capitalised word or number that can sit inside an institution's name."""
    t = token.text
    return (t[:1].isupper() and t[:1].isalpha()) or t.isdigit()


def org_phrase_end(tokens: tuple[Token, ...], j: int, hits: dict[int, int]) -> int:
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
            if t.text.casefold() in MONTHS:
                break
            if t.text.isdigit() and not (k == start_k and tokens[end].text == "of"):
                break
            if cap_name_word(t) or (
                t.text == "and" and k + 1 < len(tokens) and cap_name_word(tokens[k + 1])
            ):
                k += 1
                continue
            break
        if k == start_k:
            break
        end = k
    return end


@cache
def country_by_iso2() -> dict[str, gazetteer.Country]:
    """Countries by ISO 3166 alpha-2 code (current states before historical ones)."""
    out: dict[str, gazetteer.Country] = {}
    for country in sorted(gazetteer.countries(), key=lambda c: c.historical):
        if country.iso2:
            out.setdefault(country.iso2, country)
    return out


def country_at(tokens: tuple[Token, ...], i: int) -> tuple[int, gazetteer.Country] | None:
    """The end index and country of a country name starting at token ``i``."""
    return country_trie().match(tokens, i)  # type: ignore[return-value]


@lru_cache(maxsize=32)
def lowercase_words(article: Article) -> frozenset[str]:
    """Words the article also writes in lower case: common words, not names."""
    return frozenset(m.group(0) for m in re.finditer(r"\b[a-z][a-z]+\b", article.text))
