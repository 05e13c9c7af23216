"""Lenient name matching for scoring extractors against the corpus gold, and its own tests.

The gold writes names as the article does; extractors write canonical names. Matching forgives
case, diacritics, a leading "the", "Republic of X" for X, "UN" for "United Nations" and any two
surface forms the gazetteer knows as one entity; it does not forgive different entities.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from reskg import gazetteer
from reskg.article import Article, read_article

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"

_PREFIX = re.compile(
    r"^(?:the |(?:republic|state|kingdom|federation|commonwealth|principality) of (?:the )?)"
)
_HONORIFIC = re.compile(r"^(?:sir|dame|count|colonel|general|sheikh|dr|mr|mrs|ms) ")


def fold(text: str) -> str:
    """Casefolded, diacritic-free, hyphen- and space-normalised text."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("’", "'").replace("-", " ").replace("–", " ")
    text = re.sub(r"\bu\.?n\.?(?= |$)", "united nations", text)
    return re.sub(r"\s+", " ", text).strip()


def place_key(name: str) -> str:
    """Matching key of a place name: the gazetteer country it names, else its folded form."""
    country = gazetteer.find_country(name)
    if country is not None:
        return "country:" + country.name
    return _PREFIX.sub("", fold(name))


def org_key(name: str) -> str:
    """Matching key of an organisation name: its gazetteer entry, else its folded form."""
    organization = gazetteer.find_organization(name)
    if organization is not None:
        return "org:" + organization.name
    return _PREFIX.sub("", fold(name))


def person_key(name: str) -> str:
    """Matching key of a person's name: folded, without a leading honorific."""
    return _HONORIFIC.sub("", fold(name))


def _role_norm(role: str) -> str:
    return fold(role).replace("defense", "defence").removeprefix("the ")


def role_match(mine: str | None, gold: str | None) -> bool:
    """True when a role equals the gold role or one of its parts (split at ; , and brackets)."""
    if not mine or not gold:
        return mine == gold
    parts = {_role_norm(p) for p in re.split(r"[;,()]", gold) if p.strip()}
    return _role_norm(mine) in parts | {_role_norm(gold)}


def prf(tp: int, predicted: int, expected: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (1.0 for an empty prediction of an empty answer)."""
    precision = tp / predicted if predicted else float(not expected)
    recall = tp / expected if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@lru_cache(maxsize=1)
def corpus() -> list[tuple[Article, dict]]:
    """The corpus articles with their gold keys."""
    return [
        (read_article(path), json.loads(path.with_suffix(".gold.json").read_text("utf-8")))
        for path in sorted(CORPUS.glob("*.txt"))
    ]


def aggregate_f1(extracted: list[list[str]], expected: list[list[str]], key) -> float:
    """Micro-averaged F1 of distinct matching keys over articles."""
    tp = predicted = total = 0
    for mine, gold in zip(extracted, expected, strict=False):
        mine_keys, gold_keys = {key(x) for x in mine}, {key(x) for x in gold}
        tp += len(mine_keys & gold_keys)
        predicted += len(mine_keys)
        total += len(gold_keys)
    return prf(tp, predicted, total)[2]


def test_fold_forgives_case_diacritics_and_un() -> None:
    assert fold("Traian Băsescu") == fold("traian basescu")
    assert fold("U.N. Security Council") == fold("United Nations Security Council")


def test_place_key_forgives_republic_of() -> None:
    assert place_key("Republic of Azerbaijan") == place_key("Azerbaijan")
    assert place_key("Azerbaijan") != place_key("Armenia")


def test_role_match_accepts_a_part_of_a_compound_gold_role() -> None:
    assert role_match("Secretary of State", "Secretary of State; President of the Council")
    assert role_match("Defense Minister", "Defence Minister")
    assert not role_match("President", "Prime Minister")
