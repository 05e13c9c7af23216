"""Tests for resolution-symbol recognition in reskg.symbols."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reskg.symbols import SymbolMatch, find_symbols, normalize_symbol

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def numbers(text: str) -> list[list[str]]:
    """The normalised symbols of each mention in ``text``."""
    return [[sym for _, sym in m.numbers] for m in find_symbols(text)]


def mentions(text: str) -> list[str]:
    """The text of each whole mention."""
    return [text[m.span[0] : m.span[1]] for m in find_symbols(text)]


# (text, expected mention texts, expected symbols per mention, prefix code per mention)
MATCH_CASES = [
    ("OIC Resolution 10/11, titled", ["Resolution 10/11"], [["10/11"]], [None]),
    ("General Assembly resolution 67/19", ["resolution 67/19"], [["67/19"]], [None]),
    ("adopted Resolution 62/243 under", ["Resolution 62/243"], [["62/243"]], [None]),
    (
        "stipulated in Resolution 21/10-P(IS) adopted",
        ["Resolution 21/10-P(IS)"],
        [["21/10-P(IS)"]],
        [None],
    ),
    (
        "- OIC Council of Foreign Ministers Resolution 10/37",
        ["Resolution 10/37"],
        [["10/37"]],
        [None],
    ),
    (
        "UN Security Council resolutions 822, 853, 874, and 884, as well as the respect",
        ["resolutions 822, 853, 874, and 884"],
        [["822", "853", "874", "884"]],
        [None],
    ),
    (
        "resolutions 822, 853, 874 and 884 on",
        ["resolutions 822, 853, 874 and 884"],
        [["822", "853", "874", "884"]],
        [None],
    ),
    (
        "Security Council resolutions 242 and 338",
        ["resolutions 242 and 338"],
        [["242", "338"]],
        [None],
    ),
    (
        "Resolutions 822 (1993), 853 (1993), 874 (1993) and 884 (1993) and urges",
        ["Resolutions 822 (1993), 853 (1993), 874 (1993) and 884 (1993)"],
        [["822", "853", "874", "884"]],
        [None],
    ),
    (
        "Resolutions 1960 (2010), 2106 (2013) and 2122 (2013) followed",
        ["Resolutions 1960 (2010), 2106 (2013) and 2122 (2013)"],
        [["1960", "2106", "2122"]],
        [None],
    ),
    (
        "Resolutions 1960 (2010), 2106 (2013) and",
        ["Resolutions 1960 (2010), 2106 (2013)"],
        [["1960", "2106"]],
        [None],
    ),
    ("PACE Resolution 1416 (2005)", ["Resolution 1416 (2005)"], [["1416"]], [None]),
    ("Resolution 1325 (2000) on women", ["Resolution 1325 (2000)"], [["1325"]], [None]),
    ("in resolution 181 (II), which", ["resolution 181 (II)"], [["181 (II)"]], [None]),
    ("Resolution 1514 (XV), better known", ["Resolution 1514 (XV)"], [["1514 (XV)"]], [None]),
    ("Resolution 194 (III) was adopted", ["Resolution 194 (III)"], [["194 (III)"]], [None]),
    ("when resolution 3237 (XXIX) invited", ["resolution 3237 (XXIX)"], [["3237 (XXIX)"]], [None]),
    ("resolution 186 (S-2) of 14 May 1948", ["resolution 186 (S-2)"], [["186 (S-2)"]], [None]),
    ("resolution 186 (S\u20112)", ["resolution 186 (S\u20112)"], [["186 (S-2)"]], [None]),
    ("Resolution 377 A (V), Uniting for Peace", ["Resolution 377 A (V)"], [["377 A (V)"]], [None]),
    ("Resolution 1514(XV)", ["Resolution 1514(XV)"], [["1514 (XV)"]], [None]),
    ("S/RES/2334 (2016) condemned", ["S/RES/2334 (2016)"], [["2334"]], ["S"]),
    ("A/RES/ES-11/2 demanded", ["A/RES/ES-11/2"], [["ES-11/2"]], ["A"]),
    ("- Code: A/RES/67/19", ["A/RES/67/19"], [["67/19"]], ["A"]),
    ("- Code: A/RES/1514 (XV)", ["A/RES/1514 (XV)"], [["1514 (XV)"]], ["A"]),
    ("- Code: S/RES/660", ["S/RES/660"], [["660"]], ["S"]),
    ("A/HRC/RES/7/15 was", ["A/HRC/RES/7/15"], [["7/15"]], ["A/HRC"]),
    ("Resolution S/RES/660 of", ["Resolution S/RES/660"], [["660"]], ["S"]),
    ("resolution ES-11/1", ["resolution ES-11/1"], [["ES-11/1"]], [None]),
    ("Resolution ES-10/23 on", ["Resolution ES-10/23"], [["ES-10/23"]], [None]),
    ("resolution ES\u201111/1", ["resolution ES\u201111/1"], [["ES-11/1"]], [None]),
    ("resolution ES\u201311/1", ["resolution ES\u201311/1"], [["ES-11/1"]], [None]),
    ("Resolution\u00a0660 was", ["Resolution\u00a0660"], [["660"]], [None]),
    ("Kosovo under Resolution 1244.", ["Resolution 1244"], [["1244"]], [None]),
    ("resolution 43/47 of 22 November 1988 the", ["resolution 43/47"], [["43/47"]], [None]),
    ("Resolution 660 was adopted", ["Resolution 660"], [["660"]], [None]),
    ("Resolution 338 of 1973, which", ["Resolution 338"], [["338"]], [None]),
    ("RESOLUTION 242", ["RESOLUTION 242"], [["242"]], [None]),
    ("Resolution No. 5", ["Resolution No. 5"], [["5"]], [None]),
    (
        "Resolutions 2467 and 2493, both of 2019",
        ["Resolutions 2467 and 2493"],
        [["2467", "2493"]],
        [None],
    ),
    (
        "recalls resolutions 1261 (1999) of 25 August 1999, 1265 (1999) of 17 September 1999 "
        "and 1314 (2000) of 11 August 2000, as well as a statement",
        [
            "resolutions 1261 (1999) of 25 August 1999, 1265 (1999) of 17 September 1999 "
            "and 1314 (2000)"
        ],
        [["1261", "1265", "1314"]],
        [None],
    ),
    (
        "Recalling resolution 212 (III) of 19 November 1948 and resolution 194, and",
        ["resolution 212 (III)", "resolution 194"],
        [["212 (III)"], ["194"]],
        [None, None],
    ),
    (
        "reaffirms resolution 3236 (XXIX), resolution 66/146 of 19 December 2011",
        ["resolution 3236 (XXIX)", "resolution 66/146"],
        [["3236 (XXIX)"], ["66/146"]],
        [None, None],
    ),
    ("to implement resolutions 181 and 194", ["resolutions 181 and 194"], [["181", "194"]], [None]),
    ("S/RES/660, S/RES/661", ["S/RES/660", "S/RES/661"], [["660"], ["661"]], ["S", "S"]),
]


@pytest.mark.parametrize(("text", "spans", "syms", "codes"), MATCH_CASES)
def test_find_symbols_matches(
    text: str, spans: list[str], syms: list[list[str]], codes: list[str | None]
) -> None:
    found = find_symbols(text)
    assert mentions(text) == spans
    assert numbers(text) == syms
    assert [m.prefix_code for m in found] == codes


@pytest.mark.parametrize(("text", "spans", "syms", "codes"), MATCH_CASES)
def test_find_symbols_number_spans(
    text: str, spans: list[str], syms: list[list[str]], codes: list[str | None]
) -> None:
    for m in find_symbols(text):
        for (s, e), sym in m.numbers:
            assert m.span[0] <= s < e <= m.span[1]
            assert normalize_symbol(text[s:e]) == sym


@pytest.mark.parametrize(
    ("text", "keyword"),
    [
        ("OIC Resolution 10/11", "Resolution"),
        ("Council resolutions 822 and 853", "resolutions"),
        ("S/RES/2334 (2016)", "S/RES/"),
        ("A/RES/ES-11/2", "A/RES/"),
        ("Resolution S/RES/660", "Resolution"),
    ],
)
def test_keyword_span(text: str, keyword: str) -> None:
    (m,) = find_symbols(text)
    assert text[m.keyword_span[0] : m.keyword_span[1]] == keyword
    assert m.span[0] == m.keyword_span[0]


def test_number_spans_in_list() -> None:
    text = "Resolutions 822 (1993), 853 (1993) and 884"
    (m,) = find_symbols(text)
    assert [text[s:e] for (s, e), _ in m.numbers] == ["822", "853", "884"]
    assert m == SymbolMatch(
        span=(0, len(text)),
        numbers=(((12, 15), "822"), ((24, 27), "853"), ((39, 42), "884")),
        keyword_span=(0, 11),
        prefix_code=None,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Resolution /",
        "Resolution 10//11",
        "resolution of 16 November 1948 so as to settle",
        "the resolution is brief",
        "Resolution on Nagorno-Karabakh conflict",
        "the 2,932nd meeting",
        "resolution 2,932",
        "resolution 12345",
        "resolution 1066th",
        "the 10th session",
        "10/11",
        "822, 853",
        "Resolutions",
        "resolutions under Chapter VII",
        "irresolution 5",
        "Resolutionary 5",
        "aS/RES/5",
        "s/res/660",
        "Resolution 3.5",
        "",
    ],
)
def test_find_symbols_no_match(text: str) -> None:
    assert find_symbols(text) == []


def test_singular_keyword_takes_a_list_only_where_the_phrase_ends() -> None:
    assert numbers("Resolution 660 and 2 others") == [["660"]]
    assert numbers("Resolution 660, 661") == [["660", "661"]]


def test_list_stops_at_non_symbol() -> None:
    assert numbers("resolutions 242 and 1,000 others") == [["242"]]
    assert numbers("resolutions 822, 853, and the others") == [["822", "853"]]
    assert mentions("resolutions 822, 853, and the others") == ["resolutions 822, 853"]


def test_suffix_needs_capitals() -> None:
    assert numbers("Resolution 1325-Women") == [["1325"]]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("10/11", "10/11"),
        ("21/10-P(IS)", "21/10-P(IS)"),
        ("21/10\u2011P(IS)", "21/10-P(IS)"),
        ("1416 (2005)", "1416"),
        ("Resolution 1325 (2000)", "1325"),
        ("181 (II)", "181 (II)"),
        ("181(II)", "181 (II)"),
        ("181\u00a0 (II)", "181 (II)"),
        ("1514 (XV)", "1514 (XV)"),
        ("3237 (XXIX)", "3237 (XXIX)"),
        ("186 (S-2)", "186 (S-2)"),
        ("186 (S\u20112)", "186 (S-2)"),
        ("377 A (V)", "377 A (V)"),
        ("377A (V)", None),
        ("S/RES/2334 (2016)", "2334"),
        ("A/RES/ES-11/2", "ES-11/2"),
        ("A/RES/67/19", "67/19"),
        ("ES-11/1", "ES-11/1"),
        ("ES-10/23", "ES-10/23"),
        ("ES\u201111/1", "ES-11/1"),
        ("ES\u201411/1", "ES-11/1"),
        ("  660 ", "660"),
        ("1244.", "1244"),
        ("10//11", None),
        ("/", None),
        ("", None),
        ("abc", None),
        ("2,932", None),
        ("43/47 of 22 November 1988", None),
        ("660 was adopted", None),
    ],
)
def test_normalize_symbol(raw: str, expected: str | None) -> None:
    assert normalize_symbol(raw) == expected


# --- the corpus ------------------------------------------------------------------------

CORPUS_FILES = sorted(CORPUS.glob("*.txt"))


def _all_symbols(text: str) -> set[str]:
    return {sym for m in find_symbols(text) for _, sym in m.numbers}


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_corpus_sanity(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = find_symbols(text)
    _check_result(text, found)
    for m in found:
        for _, sym in m.numbers:
            assert sym == sym.strip()
            assert "," not in sym


def test_corpus_oic_symbols() -> None:
    text = (CORPUS / "oic-resolution-10-11.txt").read_text(encoding="utf-8")
    assert {"10/11", "21/10-P(IS)", "822", "853", "874", "884", "62/243", "10/37"} <= (
        _all_symbols(text)
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("unga-resolution-1514", {"1514 (XV)", "1654 (XVI)", "1810 (XVII)", "43/47", "55/146"}),
        ("unga-resolution-194", {"194 (III)", "181 (II)", "186 (S-2)", "212 (III)", "302 (IV)"}),
        ("unga-resolution-67-19", {"67/19", "43/177", "ES-10/23", "3237 (XXIX)", "1397"}),
        ("unsc-resolution-1325", {"1325", "1261", "1265", "1296", "1314", "2122", "2493"}),
        ("unsc-resolution-660", {"660", "661", "678", "687"}),
        ("pace-resolution-1416", {"1416", "822", "853", "874", "884"}),
    ],
)
def test_corpus_symbols(name: str, expected: set[str]) -> None:
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    symbols = _all_symbols(text)
    assert expected <= symbols
    years_as_symbols = {s for s in symbols if s.isdigit() and 1900 <= int(s) <= 2030}
    # A parenthesised year is never a symbol of its own ("1325 (2000)" gives "1325").
    assert "2000" not in symbols and "1993" not in symbols
    assert years_as_symbols <= {"1960", "2106", "2122", "2242", "2467", "2493", "1990", "2005"}


# --- properties ------------------------------------------------------------------------


def _check_result(text: str, found: list[SymbolMatch]) -> None:
    last_end = 0
    for m in found:
        s, e = m.span
        assert 0 <= last_end <= s < e <= len(text)
        last_end = e
        ks, ke = m.keyword_span
        assert s == ks < ke <= e
        assert m.numbers
        prev = ks
        for (ns, ne), sym in m.numbers:
            assert prev <= ns < ne <= e
            prev = ne
            assert sym
            assert normalize_symbol(text[ns:ne]) == sym
            assert "\u2011" not in sym and "–" not in sym
        if m.prefix_code is not None:
            assert m.prefix_code + "/RES/" in text[s:e]


_FRAGMENTS = st.sampled_from(
    [
        " ",
        "\u00a0",
        "\n",
        ",",
        ", ",
        ".",
        "(",
        ")",
        "/",
        "//",
        "-",
        "\u2011",
        " and ",
        " of ",
        ", and ",
        " as well as ",
        "Resolution ",
        "resolutions ",
        "RESOLUTION",
        "S/RES/",
        "A/RES/",
        "ES-",
        "(II)",
        "(XV)",
        "(S-2)",
        "-P(IS)",
        " A ",
        "(2000)",
        "No. ",
        "March",
        "th",
    ]
)
_NUMBERS = st.integers(min_value=0, max_value=30000).map(str)
_TEXTS = st.lists(st.one_of(_FRAGMENTS, _NUMBERS), max_size=25).map("".join)


@settings(max_examples=500, deadline=None)
@given(text=_TEXTS)
def test_find_symbols_properties_structured(text: str) -> None:
    _check_result(text, find_symbols(text))


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200))
def test_find_symbols_properties_any_text(text: str) -> None:
    _check_result(text, find_symbols(text))


@settings(max_examples=300, deadline=None)
@given(text=_TEXTS)
def test_normalize_symbol_properties(text: str) -> None:
    sym = normalize_symbol(text)
    if sym is not None:
        assert sym == sym.strip()
        assert normalize_symbol(sym) == sym  # idempotent


@settings(max_examples=200, deadline=None)
@given(
    nums=st.lists(st.integers(1, 9999), min_size=1, max_size=6),
    years=st.booleans(),
)
def test_list_round_trip(nums: list[int], years: bool) -> None:
    items = [f"{n} (1993)" if years else str(n) for n in nums]
    body = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
    text = f"the Council recalled resolutions {body}."
    (m,) = find_symbols(text)
    assert [sym for _, sym in m.numbers] == [str(n) for n in nums]
    assert text[m.span[0] : m.span[1]] == "resolutions " + body


def test_a_second_number_after_a_singular_keyword_continues_the_list():
    numbers = [
        n for m in find_symbols("after recalling Resolution 582 and 588, it") for _, n in m.numbers
    ]
    assert numbers == ["582", "588"]
    # Must not match: a count after "and", not a resolution.
    numbers = [n for m in find_symbols("resolution 1325 and 2000 women") for _, n in m.numbers]
    assert numbers == ["1325"]
