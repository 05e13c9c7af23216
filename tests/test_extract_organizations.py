"""Organisation extraction: crafted sentences that must and must not match, and the corpus."""

from __future__ import annotations

import pytest
from test_extract_scoring import aggregate_f1, corpus, org_key

from reskg.article import parse_article
from reskg.extract.mentions import organization_mentions
from reskg.extract.organizations import extract_organizations


def orgs(sentence: str) -> set[str]:
    """Organisation names found in one crafted sentence."""
    article = parse_article("= T =\n\n" + sentence)
    return {fact.name for fact in extract_organizations(article)}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("The U.N. stayed silent.", "United Nations"),
        (
            "It was an Organisation of the Islamic Conference resolution.",
            "Organisation of Islamic Cooperation",
        ),
        (
            "A statement by the Ministry of Foreign Affairs of the Republic of Chile followed.",
            "Ministry of Foreign Affairs of the Republic of Chile",
        ),
        ("The Water Resources Committee rejected it.", "Water Resources Committee"),
        ("The Liberal Reform Group abstained.", "Liberal Reform Group"),
        ("The Committee on Migration and Refugees met.", "Committee on Migration and Refugees"),
        ("She studied at the University of Ghana.", "University of Ghana"),
        (
            "He chaired the African Union's Addis Ababa group.",
            "African Union's Addis Ababa group",
        ),
    ],
)
def test_organizations_found(sentence: str, name: str) -> None:
    assert name in orgs(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The Council met on Monday.",
        "Resolution 242 was adopted in May 1968.",
        "The Namibian Government hosted it.",
        "Member states voted in favour.",
        "The President of the Security Council read it.",
    ],
)
def test_nothing_invented(sentence: str) -> None:
    assert not {name for name in orgs(sentence) if "Security Council" not in name}


def test_short_later_mention_resolves_to_full_name() -> None:
    article = parse_article(
        "= T =\n\nThe Ministry of Health of the Republic of Chile said so. "
        "Later the Ministry of Health denied it."
    )
    names = {m.name for m in organization_mentions(article)}
    assert names == {"Ministry of Health of the Republic of Chile"}


def test_bracketed_abbreviation_is_learnt() -> None:
    article = parse_article("= T =\n\nThe Joint Monitoring Commission (JMC) met. The JMC reported.")
    facts = list(extract_organizations(article))
    assert [(f.name, f.abbreviation) for f in facts] == [("Joint Monitoring Commission", "JMC")]
    assert len(organization_mentions(article)) == 2


def test_corpus_organizations_f1() -> None:
    found = [[f.name for f in extract_organizations(article)] for article, _ in corpus()]
    gold = [g["organizations"] for _, g in corpus()]
    # Regression floor over the whole corpus, held-out articles included (target: 0.85).
    assert aggregate_f1(found, gold, org_key) >= 0.90
