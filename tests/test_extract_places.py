"""Place extraction: crafted sentences that must and must not match, and the corpus."""

from __future__ import annotations

import pytest
from test_extract_scoring import aggregate_f1, corpus, place_key

from reskg.article import parse_article
from reskg.extract.mentions import place_mentions
from reskg.extract.places import extract_places


def places(sentence: str) -> dict[str, str]:
    """Place name -> kind found in one crafted sentence."""
    article = parse_article("= T =\n\n" + sentence)
    return {fact.name: fact.kind for fact in extract_places(article)}


@pytest.mark.parametrize(
    ("sentence", "name", "kind"),
    [
        ("The talks took place in the Republic of Moldova last year.", "Moldova", "country"),
        ("It condemned Estonia's position.", "Estonia", "country"),
        ("Fighting broke out near the occupied village of Berdzor.", "Berdzor", "village"),
        ("Shelling hit the Lachin region again.", "Lachin", "region"),
        ("Troops crossed into the Sinai Peninsula.", "Sinai Peninsula", "peninsula"),
        ("Settlements in the West Bank grew.", "West Bank", "territory"),
        ("The ministers met in Nairobi on Monday.", "Nairobi", "city"),
        ("- NATO Madrid Summit Declaration", "Madrid", "city"),
        ("The Abuja conference was a success.", "Abuja", "city"),
        ("Both sides claim South Ossetia.", "South Ossetia", "region"),
    ],
)
def test_places_found(sentence: str, name: str, kind: str) -> None:
    assert places(sentence).get(name) == kind


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("The report by Terry Davis was adopted.", "Davis"),
        ("President Carter Houston spoke first.", "Houston"),
        ("The Geneva Conventions apply to the territory.", "Geneva"),
        ("Resolution 242 was adopted in May 1968.", "May"),
        ("The Council of Europe met.", "Europe"),
        ("Armenian villages were shelled.", "Armenian"),
    ],
)
def test_places_not_found(sentence: str, absent: str) -> None:
    assert absent not in places(sentence)


def test_learnt_region_name_found_again_without_its_kind_word() -> None:
    article = parse_article("= T =\n\nThe Lachin region was shelled. Later Lachin was calm.")
    assert [m.name for m in place_mentions(article)] == ["Lachin", "Lachin"]


def test_city_carries_geonames_id_and_country() -> None:
    article = parse_article("= T =\n\nThe summit met in Dakar, Senegal.")
    dakar = next(f for f in extract_places(article) if f.name == "Dakar")
    assert dakar.geonames_id and dakar.country == "Senegal"


def test_output_is_deterministic() -> None:
    article, _ = corpus()[0]
    assert list(extract_places(article)) == list(extract_places(article))


def test_corpus_places_f1() -> None:
    found = [[f.name for f in extract_places(article)] for article, _ in corpus()]
    gold = [g["places"] for _, g in corpus()]
    assert aggregate_f1(found, gold, place_key) >= 0.93


@pytest.mark.parametrize(
    "text",
    [
        "To encourage cooperation, the members agreed to meet.",  # "To" is a town's name too
        "Lord Birkenhead spoke for the government.",
    ],
)
def test_common_words_and_titled_names_are_not_places(text):
    assert places(text) == {}


def test_a_common_word_after_in_is_still_a_place():
    assert "To" in places("The summit was held in To, and the leaders went to the talks.")
