"""Tests for the gazetteer data files and their loader."""

import csv

import pycountry
import pytest

from reskg import gazetteer as gz
from reskg.paths import GAZETTEER_DIR


def _rows(name: str) -> list[dict[str, str]]:
    """Read a gazetteer TSV file as dicts."""
    with (GAZETTEER_DIR / name).open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


# --- countries ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia", "Russia"),
        ("Russian Federation", "Russia"),
        ("Republic of Armenia", "Armenia"),
        ("Republic of Azerbaijan", "Azerbaijan"),
        ("U.S.", "United States"),
        ("USA", "United States"),
        ("United States of America", "United States"),
        ("Britain", "United Kingdom"),
        ("Iran", "Iran"),
        ("Syrian Arab Republic", "Syria"),
        ("Republic of Korea", "South Korea"),
        ("the Netherlands", "Netherlands"),
        ("Cote d'Ivoire", "Côte d'Ivoire"),
        ("Ivory Coast", "Côte d'Ivoire"),
        ("Türkiye", "Turkey"),
        ("former Yugoslav Republic of Macedonia", "North Macedonia"),
        ("Republic of Moldova", "Moldova"),
        ("State of Palestine", "Palestine"),
        ("Federated States of Micronesia", "Micronesia"),
        ("Holy See", "Holy See"),
        ("Vatican", "Holy See"),
        ("Burma", "Myanmar"),
        ("Kosovo", "Kosovo"),
        ("Union of South Africa", "South Africa"),
    ],
)
def test_find_country(text: str, expected: str) -> None:
    """Common, official, inverted-ISO and former names all resolve."""
    country = gz.find_country(text)
    assert country is not None, text
    assert country.name == expected


def test_country_fields() -> None:
    """A country carries ISO codes, GeoNames ID, official name and demonyms."""
    az = gz.find_country("Azerbaijan")
    assert az is not None
    assert (az.iso2, az.iso3, az.geonames_id) == ("AZ", "AZE", "587116")
    assert az.official_name == "Republic of Azerbaijan"
    assert "Azerbaijani" in az.demonyms
    assert not az.historical


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Soviet Union", "Soviet Union"),
        ("USSR", "Soviet Union"),
        ("Yugoslavia", "Yugoslavia"),
        ("Czechoslovakia", "Czechoslovakia"),
        ("East Germany", "East Germany"),
        ("West Germany", "West Germany"),
        ("German Democratic Republic", "East Germany"),
    ],
)
def test_historical_states(text: str, expected: str) -> None:
    """Former states resolve to historical countries, not to their successors."""
    country = gz.find_country(text)
    assert country is not None and country.name == expected
    assert country.historical


@pytest.mark.parametrize("text", ["us", "Us", "Korea", "Council", "Resolution", "Qwertyland", ""])
def test_find_country_misses(text: str) -> None:
    """Pronouns, ambiguous names and ordinary words are not countries."""
    assert gz.find_country(text) is None


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Azerbaijani", "Azerbaijan"),
        ("Azeri", "Azerbaijan"),
        ("Armenian", "Armenia"),
        ("Iraqi", "Iraq"),
        ("Kuwaiti", "Kuwait"),
        ("Saudi", "Saudi Arabia"),
        ("Egyptian", "Egypt"),
        ("Ukrainian", "Ukraine"),
        ("British", "United Kingdom"),
        ("American", "United States"),
        ("Soviet", "Soviet Union"),
        ("Israeli", "Israel"),
        ("Palestinian", "Palestine"),
        ("Yugoslav", "Yugoslavia"),
    ],
)
def test_country_by_demonym(word: str, expected: str) -> None:
    """Demonyms resolve to their country."""
    country = gz.country_by_demonym(word)
    assert country is not None and country.name == expected


def test_every_pycountry_country_has_demonyms() -> None:
    """demonyms.tsv covers every ISO 3166 country."""
    missing = [c.name for c in pycountry.countries if not gz.find_country(c.name).demonyms]
    assert missing == []


def test_every_demonym_row_resolves() -> None:
    """Every demonyms.tsv country resolves via find_country."""
    for row in _rows("demonyms.tsv"):
        assert gz.find_country(row["country"]) is not None, row["country"]


def test_demonyms_are_unique() -> None:
    """No demonym is claimed by two countries."""
    seen: dict[str, str] = {}
    for row in _rows("demonyms.tsv"):
        for demonym in row["demonyms"].split("|"):
            key = gz.normalize(demonym)
            assert seen.get(key, row["country"]) == row["country"], (demonym, seen[key])
            seen[key] = row["country"]


def test_country_names_longest_first() -> None:
    """Scanning forms come longest first and each resolves to its country."""
    forms = gz.country_names()
    lengths = [len(form) for form, _ in forms]
    assert lengths == sorted(lengths, reverse=True)
    assert ("Republic of Azerbaijan", gz.find_country("Azerbaijan")) in forms
    assert all(gz.find_country(form) is country for form, country in forms[:200])


# --- organisations --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OIC", "Organisation of Islamic Cooperation"),
        ("Organization of Islamic Cooperation", "Organisation of Islamic Cooperation"),
        ("Organisation of the Islamic Conference", "Organisation of Islamic Cooperation"),
        ("Organization of the Islamic Conference", "Organisation of Islamic Cooperation"),
        ("UN Security Council", "United Nations Security Council"),
        ("U.N. Security Council", "United Nations Security Council"),
        ("UNSC", "United Nations Security Council"),
        ("UN", "United Nations"),
        ("U.N.", "United Nations"),
        ("UNGA", "United Nations General Assembly"),
        ("PACE", "Parliamentary Assembly of the Council of Europe"),
        ("NATO", "North Atlantic Treaty Organization"),
        ("OSCE", "Organization for Security and Co-operation in Europe"),
        ("CSCE", "Organization for Security and Co-operation in Europe"),
        ("Minsk Group", "OSCE Minsk Group"),
        ("Arab League", "League of Arab States"),
        ("UNAVEM II", "United Nations Angola Verification Mission II"),
        ("Islamic Summit Conference", "Islamic Summit"),
    ],
)
def test_find_organization(text: str, expected: str) -> None:
    """Names, abbreviations, aliases and former names resolve."""
    org = gz.find_organization(text)
    assert org is not None, text
    assert org.name == expected


@pytest.mark.parametrize("text", ["un", "who", "Security Council", "General Assembly", "Council"])
def test_find_organization_misses(text: str) -> None:
    """Lowercase words and bare organ names are not organisations by themselves."""
    assert gz.find_organization(text) is None


def test_organization_fields() -> None:
    """Organs know their parent, symbol prefix, slug and the body they adopt for."""
    unsc = gz.find_organization("UNSC")
    assert unsc is not None
    assert (unsc.parent, unsc.symbol_prefix, unsc.slug) == ("United Nations", "S", "unsc")
    assert unsc.adopts_resolutions and unsc.resolution_body == unsc.name
    pace = gz.find_organization("PACE")
    assert pace is not None and pace.resolution_body == pace.name  # not its parent
    summit = gz.find_organization("Islamic Summit")
    assert summit is not None and summit.resolution_body == "Organisation of Islamic Cooperation"


def test_find_organ() -> None:
    """Bare organ names resolve within a parent; the UN organ wins without one."""
    organ = gz.find_organ("Security Council")
    assert organ is not None and organ.name == "United Nations Security Council"
    organ = gz.find_organ("Parliamentary Assembly", "Council of Europe")
    assert organ is not None and organ.abbreviations == ("PACE",)
    organ = gz.find_organ("Council of Foreign Ministers", "OIC")
    assert organ is not None and organ.parent == "Organisation of Islamic Cooperation"


def test_organizations_file_sanity() -> None:
    """Names and slugs are unique, parents and resolution bodies exist, cells are well formed."""
    rows = _rows("organizations.tsv")
    assert len(rows) >= 150
    names = [row["name"] for row in rows]
    slugs = [row["slug"] for row in rows]
    assert len(set(names)) == len(names)
    assert len(set(slugs)) == len(slugs)
    for row in rows:
        assert row["parent"] in ("", *names), row["name"]
        assert row["resolution_body"] in ("", *names), row["name"]
        assert row["adopts_resolutions"] in ("yes", "no", "titled"), row["name"]
        assert row["slug"] == row["slug"].lower() and " " not in row["slug"]
        assert row["wikidata"] == "" or row["wikidata"].startswith("Q")


def test_organization_names_resolve() -> None:
    """Every scanning form resolves back to its organisation, longest first."""
    forms = gz.organization_names()
    lengths = [len(form) for form, _ in forms]
    assert lengths == sorted(lengths, reverse=True)
    for form, org in forms:
        assert gz.find_organization(form) is org, form


# --- cities ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("Dakar", "SN", "Dakar"),
        ("Putrajaya", "MY", "Putrajaya"),
        ("New York", "US", "New York City"),
        ("Kyiv", "UA", "Kyiv"),
        ("Kiev", "UA", "Kyiv"),
        ("Strasbourg", "FR", "Strasbourg"),
        ("Jeddah", "SA", "Jeddah"),
        ("Khartoum", "SD", "Khartoum"),
        ("Bucharest", "RO", "Bucharest"),
        ("Singapore", "SG", "Singapore"),
    ],
)
def test_find_city(text: str, country: str, expected: str) -> None:
    """Cities resolve to the most populous GeoNames city, with its ID."""
    city = gz.find_city(text)
    assert city is not None, text
    assert (city.name, city.country_iso2) == (expected, country)
    assert city.geonames_id.isdigit()


def test_find_city_ids() -> None:
    """GeoNames IDs are the real ones."""
    dakar = gz.find_city("Dakar")
    assert dakar is not None and dakar.geonames_id == "2253354"
    nyc = gz.find_city("New York")
    assert nyc is not None and nyc.geonames_id == "5128581"


@pytest.mark.parametrize(
    "text",
    ["Hussein", "Of", "Resolution", "Council", "March", "Nice", "Mobile", "Reading", "Split",
     "Marks", "Jordan", "Kuwait", "Georgia", "Qwzxtown", "dakar", ""],
)  # fmt: skip
def test_find_city_misses(text: str) -> None:
    """Words, person names, country names and lowercase text are not cities."""
    assert gz.find_city(text) is None


def test_find_city_with_country() -> None:
    """A country narrows the choice and admits stoplisted names."""
    city = gz.find_city("Nice", "FR")
    assert city is not None and city.country_iso2 == "FR"
    city = gz.find_city("Washington", "GB")
    assert city is not None and city.country_iso2 == "GB"
    assert gz.find_city("Dakar", "FR") is None
    assert gz.is_ambiguous_city("March") and not gz.is_ambiguous_city("Dakar")


def test_city_stoplist_sorted() -> None:
    """The stoplist is sorted and free of duplicates."""
    lines = (GAZETTEER_DIR / "city_stoplist.txt").read_text(encoding="utf-8").splitlines()
    names = [line for line in lines if line and not line.startswith("#")]
    assert names == sorted(set(names))


# --- roles and place words ------------------------------------------------------------------


def test_roles() -> None:
    """Role variants map to canonical roles, longest first."""
    table = dict(gz.roles())
    assert len({canonical for canonical in table.values()}) >= 80
    assert table["Minister of Foreign Affairs"] == "Foreign Minister"
    assert table["Secretary General"] == "Secretary-General"
    assert table["spokesman"] == "Spokesperson"
    assert table["Permanent Representative"] == "Permanent Representative"
    assert gz.role_kind("Permanent Representative") == "diplomatic"
    lengths = [len(variant) for variant, _ in gz.roles()]
    assert lengths == sorted(lengths, reverse=True)


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("district", "district"),
        ("Heights", "heights"),
        ("village", "village"),
        ("oblast", "region"),
    ],
)
def test_place_kind(word: str, kind: str) -> None:
    """Place words give their kind."""
    assert gz.place_kind(word) == kind


def test_place_kind_miss() -> None:
    """Ordinary words are not place words."""
    assert gz.place_kind("resolution") is None


@pytest.mark.parametrize(
    "name",
    ["organizations.tsv", "country_aliases.tsv", "demonyms.tsv", "roles.tsv", "place_kinds.tsv",
     "city_aliases.tsv"],
)  # fmt: skip
def test_tsv_sorted(name: str) -> None:
    """Data rows are sorted by their first column."""
    keys = [next(iter(row.values())) for row in _rows(name)]
    assert keys == sorted(keys, key=str.casefold)
