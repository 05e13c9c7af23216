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
