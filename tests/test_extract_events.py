"""The events extractor: one event per distinct date, with a label, kind and place."""

from reskg.article import parse_article
from reskg.extract.events import extract_events
from reskg.facts import DateValue


def _events(body: str, title: str = "OIC Resolution 10/11"):
    return list(extract_events(parse_article(f"= {title} =\n\n{body}\n")))


def test_dates_at_the_precision_the_text_gives():
    events = _events(
        "Lead.\n\n==Background==\nA ceasefire was achieved in May 1994. "
        "The first clash occurred on March 4, 2008. Tension escalated near the Aghdam region "
        "on March 8-9."
    )
    assert [e.date for e in events] == [
        DateValue("1994-05", "1994-05"),
        DateValue("2008-03-04", "2008-03-04"),
        DateValue("2008-03-08", "2008-03-09"),  # year from the sentence before
    ]
    assert events[1].label == "The first clash occurred"
    assert events[2].place == "Aghdam"


def test_a_session_is_labelled_by_its_name():
    (event,) = _events(
        "Lead.\n\n== Text ==\nIt reaffirms Resolution 21/10-P(IS) adopted during the 10th "
        "session of the Islamic Summit Conference held in Putrajaya on October 16-17, 2003."
    )
    assert event.kind == "session"
    assert event.label == "10th session of the Islamic Summit Conference"
    assert event.place == "Putrajaya"


def test_the_adoption_date_and_repeated_dates_make_no_new_event():
    events = _events(
        "Infobox\n- Date Ratified: 13—14 march 2008\n\nIt was adopted on March 13–14, 2008. "
        "A clash occurred on March 4, 2008. On March 4, 2008 the front was quiet again."
    )
    assert [e.date for e in events] == [DateValue("2008-03-04", "2008-03-04")]


def test_no_event_without_a_date_or_in_lists():
    assert _events("Lead with no date at all.\n\n==See also==\n- Summit of 2008") == []


def test_symbols_and_numbers_are_not_dates():
    assert _events("It recalls S/RES/2334 (2016) and met at its 2,932nd meeting.") == []


def test_a_numbered_meeting_is_no_event_of_the_timeline_but_a_summit_is(tmp_path):
    from reskg.pipeline import build
    from reskg.query import resolve_query, run_query

    def timeline(lead: str) -> list[str | None]:
        article = tmp_path / "a.txt"
        article.write_text(f"= Resolution 242 =\n\n{lead}\n", encoding="utf-8")
        graph = tmp_path / "a.nt"
        graph.write_text(build([article]).graph.serialize(format="nt"), encoding="utf-8")
        return [row["label"] for row in run_query(resolve_query("events"), [graph]).rows]

    meeting = "Resolution 242 was adopted on 22 November 1967, at its 1382nd meeting."
    assert timeline(meeting) == []
    summit = "Resolution 242 was adopted on 22 November 1967, during the Khartoum summit."
    assert timeline(summit) == ["Khartoum summit"]


def test_a_year_before_an_event_noun_dates_an_event():
    text = "It followed the 2003 invasion of Iraq. The 2011 peace agreement held."
    assert [str(e.date.start) for e in _events(text)] == ["2003", "2011"]


def test_dates_that_date_no_event_of_their_own():
    # Must not match: a resolution's date counted from, an open range's end, a year before a
    # noun that names no event.
    text = (
        "Mediation ran since Resolution 452 in 1979. It lasted from the early 1970s to June "
        "1985. The 1990 budget was large."
    )
    assert _events(text) == []


def test_deadlines_and_yearless_event_names_are_no_events():
    # Must not match: a mandate's end, a deadline, an event named by a date without its year.
    text = (
        "In 2004 it extended the mission until 30 July 2004. It asked for a report no later "
        "than 20 January 1988. Hostages taken during the October 7 attacks were freed."
    )
    assert [e.date.start for e in _events(text)] == ["2004"]


def test_a_yearless_date_after_a_verb_takes_the_year_of_the_context():
    text = "Strikes began on 17 January 1991. A ground offensive launched on 24 February freed it."
    assert [e.date.start for e in _events(text)] == ["1991-01-17", "1991-02-24"]


def test_until_a_year_may_end_a_state():
    assert [e.date.start for e in _events("It was known as the Foo Conference until 2011.")] == [
        "2011"
    ]
