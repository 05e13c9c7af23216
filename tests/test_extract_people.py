"""Person extraction: crafted sentences that must and must not match, and the corpus."""

from __future__ import annotations

import pytest
from test_extract_scoring import aggregate_f1, corpus, person_key, prf, role_match

from reskg.article import parse_article
from reskg.extract.people import extract_people


def people(text: str) -> dict[str, tuple[str | None, str | None]]:
    """Person name -> (role, affiliation) found in crafted text."""
    article = parse_article("= T =\n\n" + text)
    return {fact.name: (fact.role, fact.affiliation) for fact in extract_people(article)}


@pytest.mark.parametrize(
    ("text", "name", "role", "affiliation"),
    [
        (
            "Jane Roe, the Permanent Representative of Chile to the United Nations and the head "
            "of the group, spoke.",
            "Jane Roe",
            "Permanent Representative to the United Nations",
            "Chile",
        ),
        ("Chilean Foreign Minister Pedro Soto arrived.", "Pedro Soto", "Foreign Minister", "Chile"),
        ("Peru's President, Ana Gomez, agreed.", "Ana Gomez", "President", "Peru"),
        ("The Saudi King, Faisal, agreed.", "Faisal", "King", "Saudi Arabia"),
        ("King Baudouin of Belgium arrived.", "Baudouin", "King", "Belgium"),
        (
            "NATO Secretary General Hans van der Berg spoke.",
            "Hans van der Berg",
            "Secretary General",
            "North Atlantic Treaty Organization",
        ),
        ("Speakers included Okonkwo of Nigeria.", "Okonkwo", None, "Nigeria"),
        (
            "Harry S. Truman, the President of the United States, spoke.",
            "Harry S. Truman",
            "President",
            "United States",
        ),
        (
            "Ahmad al-Zubi, representing Jordan, abstained.",
            "Ahmad al-Zubi",
            "representative",
            "Jordan",
        ),
        (
            "Protests were led by Aram Sargsyan, a presidential candidate and former president "
            "of the Republic of Armenia.",
            "Aram Sargsyan",
            "presidential candidate, former president",
            "Armenia",
        ),
    ],
)
def test_people_found(text: str, name: str, role: str | None, affiliation: str | None) -> None:
    assert people(text).get(name) == (role, affiliation)


def test_role_of_an_organ_takes_the_full_organisation() -> None:
    found = people(
        "The Ministry of Health of the Republic of Chile issued a note. Juan Diaz, the head of "
        "the press service of the Ministry of Health, confirmed it."
    )
    assert found["Juan Diaz"] == (
        "head of the press service of the Ministry of Health",
        "Ministry of Health of the Republic of Chile",
    )


def test_surname_only_later_mention_is_the_same_person() -> None:
    found = people(
        "Tomas Berg, a spokesperson for the Government of Chile, spoke. "
        "According to Berg, all was calm."
    )
    assert list(found) == ["Tomas Berg"]


@pytest.mark.parametrize(
    "text",
    [
        "The report by the Council was adopted in May 1968.",
        "Subsequently, member states of the organization voted.",
        "Resolution 660 condemned the invasion of Kuwait.",
        "Status of Palestine in the United Nations: the status changed.",
        "The Geneva Conventions apply.",
    ],
)
def test_no_person_invented(text: str) -> None:
    assert people(text) == {}


def test_corpus_people_and_roles_f1() -> None:
    found = [[f.name for f in extract_people(article)] for article, _ in corpus()]
    gold = [[p["name"] for p in g["people"]] for _, g in corpus()]
    assert aggregate_f1(found, gold, person_key) >= 0.93
    tp = predicted = expected = 0
    for article, g in corpus():
        mine = {person_key(f.name): f.role for f in extract_people(article) if f.role}
        wanted = {person_key(p["name"]): p["role"] for p in g["people"] if p["role"]}
        tp += sum(1 for k, role in wanted.items() if k in mine and role_match(mine[k], role))
        predicted += len(mine)
        expected += len(wanted)
    # Regression floor over the whole corpus, held-out articles included; the target
    # (0.80 with reskg eval's matching) is kept by tests/test_eval.py.
    assert prf(tp, predicted, expected)[2] >= 0.78


def test_a_sentence_opening_adverbial_is_not_a_person() -> None:
    found = people(
        "Outside Europe, the Chairperson of the African Union, President Macky Sall of Senegal, "
        "called on Russia to respect international law."
    )
    assert "Outside Europe" not in found
    assert "Macky Sall" in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The summit followed Norland's Omar Vell's visit to the capital.", "Omar Vell"),
        ("Norland under Prime Minister B.J. Vorst developed a new policy.", "B.J. Vorst"),
        ("It was opposed only by Norland under Kenneth Kalda.", "Kenneth Kalda"),
        ("It was first drafted by the senator, Sen. Jose W. Dilo.", "Jose W. Dilo"),
        ("Famously, Ayatollah Ruhollah Khomar felt otherwise.", "Ruhollah Khomar"),
        ("For example, Winston Churling, called for a council.", "Winston Churling"),
        ("In June, James Bakes (US Secretary of State) called for talks.", "James Bakes"),
        ("The dams were built when Heydar Alev was the First Secretary.", "Heydar Alev"),
    ],
)
def test_people_named_with_general_cues(text, name):
    assert name in people(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Suez Canal's status was discussed.",  # a place's possessive
        "Bartown under heavy rain was calm.",  # one word after "under"
        "The Quiet Revolution said little.",  # lower-case word after a name: not one act
        "Under Article Five, members consult.",
    ],
)
def test_cues_do_not_make_people_of_other_names(text):
    assert people(text) == {}


def test_an_infobox_list_of_participants_gives_each_person():
    article = parse_article(
        "= T =\n\nInfobox\n- Participants: Helmut Kohl, Margaret Thatcher, Canada and Ion Iliescu"
        "\n\nThe charter was signed.\n"
    )
    names = {fact.name for fact in extract_people(article)}
    assert names == {"Helmut Kohl", "Margaret Thatcher", "Ion Iliescu"}


def test_a_person_called_by_the_surname_later_is_a_person():
    text = "The motion came from Nicos Emilor and others. It passed, and Emilor was glad."
    assert "Nicos Emilor" in people(text)


@pytest.mark.parametrize(
    "text",
    [
        "The peninsula had been occupied by the Empire of Japan.",
        "It was signed as the Charter of Paris for a New Europe.",
        "It recalls the Constitutive Act of the African Union.",
        "Quiet Harbour was built in 1900. Later Harbour grew.",  # words the text also writes
    ],
)
def test_things_named_like_people_are_not_people(text):
    assert people(text + " The harbour was quiet.") == {}


def test_office_titles_give_roles():
    assert people("It was first drafted by Sen. Jose W. Dilo.")["Jose W. Dilo"][0] == "Senator"
    assert people("Famously, Ayatollah Ruhollah Khomar felt otherwise.")[
        "Ruhollah Khomar"
    ][0] == "Ayatollah"


def test_a_role_before_the_next_name_in_a_list_is_that_persons():
    found = people("It was led by Hertzig, Colonial Secretary Leo Amory, and others.")
    assert found["Leo Amory"][0] == "Colonial Secretary"
    assert found.get("Hertzig", (None,))[0] != "Colonial Secretary"


def test_a_rank_before_a_things_name_is_no_person():
    assert people("They had obligations under the General Armistice Agreement.") == {}
