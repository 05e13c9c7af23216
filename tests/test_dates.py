"""Tests for the date grammar in reskg.dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reskg.dates import find_dates, month_number, parse_date
from reskg.facts import DateValue

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def dv(start: str, end: str | None = None) -> DateValue:
    """Shorthand for a DateValue (single date when ``end`` is omitted)."""
    return DateValue(start, end if end is not None else start)


# --- parse_date: valid forms -------------------------------------------------------------

PARSE_CASES = [
    # day ranges within one month
    ("13—14 march 2008", dv("2008-03-13", "2008-03-14")),
    ("March 13–14, 2008", dv("2008-03-13", "2008-03-14")),
    ("October 16-17, 2003", dv("2003-10-16", "2003-10-17")),
    ("16–17 October 2003", dv("2003-10-16", "2003-10-17")),
    ("16\u201117 October 2003", dv("2003-10-16", "2003-10-17")),
    ("April 2–4, 2008", dv("2008-04-02", "2008-04-04")),
    ("5 to 12 March 2008", dv("2008-03-05", "2008-03-12")),
    ("2 and 3 August 1990", dv("1990-08-02", "1990-08-03")),
    ("between 5 and 12 March 2008", dv("2008-03-05", "2008-03-12")),
    # single days
    ("2 August 1990", dv("1990-08-02")),
    ("August 2, 1990", dv("1990-08-02")),
    ("August 2 1990", dv("1990-08-02")),
    ("2 August, 1990", dv("1990-08-02")),
    ("2nd August 1990", dv("1990-08-02")),
    ("1st May 2000", dv("2000-05-01")),
    ("3rd June 2001", dv("2001-06-03")),
    ("4th July 1976", dv("1976-07-04")),
    ("the 2nd of August 1990".removeprefix("the "), dv("1990-08-02")),
    ("March 14, 2008", dv("2008-03-14")),
    ("on March 14, 2008", dv("2008-03-14")),
    ("Sept. 5, 2008", dv("2008-09-05")),
    ("5 Sept 2008", dv("2008-09-05")),
    ("5 Sep. 2008", dv("2008-09-05")),
    ("Jan 25, 2005", dv("2005-01-25")),
    ("25 DEC 1999", dv("1999-12-25")),
    ("29 February 2008", dv("2008-02-29")),
    ("2008-03-13", dv("2008-03-13")),
    # months
    ("May 1994", dv("1994-05")),
    ("in May 1994", dv("1994-05")),
    ("January 1990", dv("1990-01")),
    ("Sept. 2001", dv("2001-09")),
    # ranges across months and years
    ("August 29 to September 1, 1967", dv("1967-08-29", "1967-09-01")),
    ("29 August – 1 September 1967", dv("1967-08-29", "1967-09-01")),
    ("27 April to 12 September 1949", dv("1949-04-27", "1949-09-12")),
    ("28 December – 3 January 2000", dv("1999-12-28", "2000-01-03")),
    ("2 August 1990 – 15 January 1991", dv("1990-08-02", "1991-01-15")),
    ("August 2, 1990 until January 15, 1991", dv("1990-08-02", "1991-01-15")),
    ("between January and June 1990", dv("1990-01", "1990-06")),
    ("January to June 1990", dv("1990-01", "1990-06")),
    ("December 1999 – January 2000", dv("1999-12", "2000-01")),
    # years
    ("2008", dv("2008")),
    ("in 2008", dv("2008")),
    ("from 1980 to 1988", dv("1980", "1988")),
    ("1980–1988", dv("1980", "1988")),
    ("1980-88", dv("1980", "1988")),
    ("1990 until 1995", dv("1990", "1995")),
    ("between 1990 and 1995", dv("1990", "1995")),
    ("1000", dv("1000")),
    ("2199", dv("2199")),
    # surrounding whitespace and sentence punctuation are not part of the date
    ("  2 August 1990. ", dv("1990-08-02")),
]


@pytest.mark.parametrize(("text", "expected"), PARSE_CASES)
def test_parse_date_valid(text: str, expected: DateValue) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "31 February 2008",
        "29 February 2007",
        "March 32, 2008",
        "2008-13-01",
        "2008-02-30",
        "14–13 March 2008",
        "from 1990 to 1980",
        "1990–1980",
        "1988-80",
        "0 May 2008",
        "00 May 2008",
        "the late 1980s",
        "1980s",
        "999",
        "0999",
        "2200",
        "2,932",
        "822",
        "10/11",
        "S/RES/2334 (2016)",
        "(2008)",
        "March",
        "Marching 2008",
        "Mayor 12",
        "January and June 1990",  # "and" ranges need "between"
        "1990 and 1995",
        "",
        "   ",
        "2 August 1990 and something",
        "December 2008 – January 2008",
        "March 8-9",  # no year and no default
        "on July 17",
        "30 April",
    ],
)
def test_parse_date_invalid(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 8-9", dv("2008-03-08", "2008-03-09")),
        ("on July 17", dv("2008-07-17")),
        ("30 April", dv("2008-04-30")),
        ("25 July", dv("2008-07-25")),
        ("29 August – 1 September", dv("2008-08-29", "2008-09-01")),
        ("August 29 to September 1", dv("2008-08-29", "2008-09-01")),
        ("8–9 March", dv("2008-03-08", "2008-03-09")),
        ("2 August 1990", dv("1990-08-02")),  # an explicit year wins
        ("31 April", None),
    ],
)
def test_parse_date_default_year(text: str, expected: DateValue | None) -> None:
    assert parse_date(text, default_year=2008) == expected


def test_parse_date_leap_day_with_default_year() -> None:
    assert parse_date("29 February", default_year=2007) is None
    assert parse_date("29 February", default_year=2008) == dv("2008-02-29")


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("January", 1),
        ("jan", 1),
        ("Jan.", 1),
        ("MARCH", 3),
        ("May", 5),
        ("Sept", 9),
        ("Sept.", 9),
        ("sep", 9),
        ("December", 12),
        ("Dec", 12),
        ("Marchh", None),
        ("", None),
        ("13", None),
    ],
)
def test_month_number(name: str, number: int | None) -> None:
    assert month_number(name) == number


# --- find_dates ------------------------------------------------------------------------

FIND_CASES = [
    ("adopted on March 13–14, 2008 during the summit", ["March 13–14, 2008"]),
    ("- Date Ratified: 13—14 march 2008", ["13—14 march 2008"]),
    ("a ceasefire was achieved in May 1994.", ["May 1994"]),
    ("The first clash occurred on March 4, 2008.", ["March 4, 2008"]),
    ("held in Putrajaya on October 16-17, 2003.", ["October 16-17, 2003"]),
    (
        "invaded on 2 August 1990, and on 6 August 1990 the Council",
        ["2 August 1990", "6 August 1990"],
    ),
    ("it ran from August 29 to September 1, 1967.", ["August 29 to September 1, 1967"]),
    ("from 27 April to 12 September 1949", ["27 April to 12 September 1949"]),
    ("the war fought from 1980 to 1988", ["1980 to 1988"]),
    ("the Assembly declared 1990–2000 the Decade", ["1990–2000"]),
    ("the Iran–Iraq War (1980–88)", ["1980–88"]),
    ("between January and June 1990 the talks", ["January and June 1990"]),
    ("from December 1999 – January 2000", ["December 1999 – January 2000"]),
    ("In mid-January 2008 the", ["January 2008"]),
    ("in late October 1967", ["October 1967"]),
    ("the elections held in Armenia in 2008.", ["2008"]),
    ("in 1993 and in 2000,", ["1993", "2000"]),
    ("fighting since 1992", ["1992"]),
    ("the summer of 2004", ["2004"]),
    ("by mid-2008 the", ["2008"]),
    ("during 1990,", ["1990"]),
    ("- Year: 1990", ["1990"]),
    ("the year 2008 was", ["2008"]),
    ("existed before 1967.", ["1967"]),
    ("the Yom Kippur War of 1973.", ["1973"]),
    ("later accepted Resolution 338 of 1973, which", ["1973"]),
    ("resolution 43/47 of 22 November 1988 the Assembly", ["22 November 1988"]),
    ("the ISO date 2008-03-13 here", ["2008-03-13"]),
    ("on 2 and 3 August 1990", ["2 and 3 August 1990"]),
    ("from 5 to 12 March 2008", ["5 to 12 March 2008"]),
    ("Sept. 5, 2008 and 5 Sept 2008", ["Sept. 5, 2008", "5 Sept 2008"]),
    # bare years outside safe contexts are not dates
    ("Resolution 1325 (2000) on women", []),
    ("S/RES/2334 (2016) condemned", []),
    ("the 2,932nd meeting", []),
    ("resolutions 822, 853, 874 and 884", []),
    ("Resolution 10/11 of the OIC", []),
    ("the 1947 partition plan", []),
    ("Resolutions 1960 (2010), 2106 (2013) and 2122 (2013) followed", []),
    ("in resolution 1325", []),
    ("resolutions 1325–1820", []),
    ("Release (2008)", []),
    ("the late 1980s and the 1990s", []),
    ("1990 and 1995", []),
    ("the 1066th plenary meeting", []),
    ("12 soldiers were killed and 15 were injured", []),
    # invalid dates are not found, not even in part
    ("on 31 February 2008 it", []),
    ("on March 32, 2008 it", []),
    ("on 2008-13-01 it", []),
    ("on 14–13 March 2008 it", []),
    ("from 1990 to 1980", []),
    ("on 0 May 2008", []),
    # day and month without a year need a default year
    ("escalated again on March 8-9.", []),
    ("on July 17 the", []),
    ("Resolution 662 of 9 August declared", []),
]


def _found_texts(text: str, default_year: int | None = None) -> list[str]:
    return [text[s:e] for (s, e), _ in find_dates(text, default_year)]


@pytest.mark.parametrize(("text", "expected"), FIND_CASES)
def test_find_dates_spans(text: str, expected: list[str]) -> None:
    assert _found_texts(text) == expected


@pytest.mark.parametrize(("text", "expected"), FIND_CASES)
def test_find_dates_values_agree_with_parse_date(text: str, expected: list[str]) -> None:
    for (s, e), value in find_dates(text):
        prefix = "between " if text[:s].rstrip().endswith("between") else ""
        assert parse_date(prefix + text[s:e]) == value


def test_find_dates_values() -> None:
    text = "adopted on March 13–14, 2008, after a ceasefire in May 1994 and clashes in 2008."
    assert [v for _, v in find_dates(text)] == [
        dv("2008-03-13", "2008-03-14"),
        dv("1994-05"),
        dv("2008"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("escalated again on March 8-9.", [("March 8-9", dv("2008-03-08", "2008-03-09"))]),
        ("on July 17 the", [("July 17", dv("2008-07-17"))]),
        (
            "On 30 April and 25 July",
            [("30 April", dv("2008-04-30")), ("25 July", dv("2008-07-25"))],
        ),
        ("Resolution 662 of 9 August declared", [("9 August", dv("2008-08-09"))]),
        ("states may 12 times", []),  # the verb "may"
        ("in May 12", [("May 12", dv("2008-05-12"))]),
        ("on 2 August 1990", [("2 August 1990", dv("1990-08-02"))]),
    ],
)
def test_find_dates_default_year(text: str, expected: list[tuple[str, DateValue]]) -> None:
    got = [(text[s:e], v) for (s, e), v in find_dates(text, default_year=2008)]
    assert got == expected


def test_find_dates_does_not_cross_lines() -> None:
    assert _found_texts("- Date: 13 March\n2008 was a year") == []


def test_find_dates_empty() -> None:
    assert find_dates("") == []


def test_date_value_ordering_across_precisions() -> None:
    values = [dv("2008-03-13"), dv("2008"), dv("1994-05"), dv("2008-03")]
    assert sorted(values) == [dv("1994-05"), dv("2008"), dv("2008-03"), dv("2008-03-13")]


# --- the corpus ------------------------------------------------------------------------

CORPUS_FILES = sorted(CORPUS.glob("*.txt"))


def test_corpus_present() -> None:
    assert len(CORPUS_FILES) >= 9


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("default_year", [None, 2000])
def test_corpus_sanity(path: Path, default_year: int | None) -> None:
    text = path.read_text(encoding="utf-8")
    found = find_dates(text, default_year)
    assert found
    _check_result(text, found)
    for (s, e), _ in found:
        assert "\n" not in text[s:e]


def test_corpus_oic_dates() -> None:
    text = (CORPUS / "oic-resolution-10-11.txt").read_text(encoding="utf-8")
    values = {text[s:e]: v for (s, e), v in find_dates(text)}
    assert values["13—14 march 2008"] == dv("2008-03-13", "2008-03-14")
    assert values["March 13–14, 2008"] == dv("2008-03-13", "2008-03-14")
    assert values["May 1994"] == dv("1994-05")
    assert values["October 16-17, 2003"] == dv("2003-10-16", "2003-10-17")
    assert values["March 14, 2008"] == dv("2008-03-14")
    assert "1980s" not in " ".join(values)
    for symbol_like in ("10/11", "822", "853", "874", "884", "62/243", "10/37"):
        assert symbol_like not in values
    with_default = {text[s:e]: v for (s, e), v in find_dates(text, 2008)}
    assert with_default["March 8-9"] == dv("2008-03-08", "2008-03-09")


def test_corpus_no_resolution_years() -> None:
    text = (CORPUS / "unsc-resolution-1325.txt").read_text(encoding="utf-8")
    for (s, _e), _ in find_dates(text):
        assert not text[:s].rstrip().endswith("(")


# --- properties ------------------------------------------------------------------------


def _valid_iso(value: str) -> bool:
    parts = [int(p) for p in value.split("-")]
    if not 1000 <= parts[0] <= 2199:
        return False
    if len(parts) == 1:
        return len(value) == 4
    if len(parts) == 2:
        return 1 <= parts[1] <= 12 and len(value) == 7
    try:
        dt.date(*parts)
    except ValueError:
        return False
    return len(value) == 10


def _check_result(text: str, found: list[tuple[tuple[int, int], DateValue]]) -> None:
    last_end = 0
    for (s, e), value in found:
        assert 0 <= last_end <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        last_end = e
        assert _valid_iso(value.start) and _valid_iso(value.end)
        assert len(value.start) == len(value.end)
        assert value.start <= value.end


_FRAGMENTS = st.sampled_from(
    [
        " ",
        "\n",
        ",",
        ".",
        "(",
        ")",
        "/",
        "-",
        "–",
        "—",
        "\u2011",
        " to ",
        " and ",
        " until ",
        "between ",
        "from ",
        "in ",
        "on ",
        "of ",
        "mid-",
        "Resolution ",
        "S/RES/",
        "March",
        "march",
        "May",
        "may",
        "Sept.",
        "Feb",
        "December",
        "st",
        "th",
    ]
)
_NUMBERS = st.integers(min_value=0, max_value=2300).map(str)
_TEXTS = st.lists(st.one_of(_FRAGMENTS, _NUMBERS), max_size=25).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=_TEXTS, default_year=st.one_of(st.none(), st.integers(1000, 2199)))
def test_find_dates_properties_structured(text: str, default_year: int | None) -> None:
    _check_result(text, find_dates(text, default_year))


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200), default_year=st.one_of(st.none(), st.integers(0, 3000)))
def test_find_dates_properties_any_text(text: str, default_year: int | None) -> None:
    _check_result(text, find_dates(text, default_year))


@settings(max_examples=300, deadline=None)
@given(text=_TEXTS, default_year=st.one_of(st.none(), st.integers(1000, 2199)))
def test_parse_date_properties(text: str, default_year: int | None) -> None:
    value = parse_date(text, default_year)
    if value is not None:
        assert _valid_iso(value.start) and _valid_iso(value.end)
        assert value.start <= value.end


@settings(max_examples=300, deadline=None)
@given(day=st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2199, 12, 31)))
def test_round_trip_real_dates(day: dt.date) -> None:
    iso = day.isoformat()
    month = day.strftime("%B")
    for text in (f"{day.day} {month} {day.year}", f"{month} {day.day}, {day.year}", iso):
        assert parse_date(text) == dv(iso)
        sentence = f"It happened on {text}."
        assert find_dates(sentence) == [((15, 15 + len(text)), dv(iso))]
