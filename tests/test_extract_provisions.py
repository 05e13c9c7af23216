"""Provisions: action families, paragraph numbers, passives and nominalisations must be found;
background prose, infinitives, negations and other resolutions' provisions must not be."""

from __future__ import annotations

import pytest

from reskg.article import Article, parse_article
from reskg.extract.provisions import action_lexicon, extract_provisions, find_actions
from reskg.facts import ProvisionFact

SUBJECT = "999"


def crafted(body: str, section: str = "Content", background: str = "") -> Article:
    """A small Security Council resolution article with ``body`` under ``section``."""
    text = (
        f"= United Nations Security Council Resolution {SUBJECT} =\n\n"
        "Infobox\n- Organ: United Nations Security Council\n- Date: 1 March 2001\n\n"
        f"United Nations Security Council Resolution {SUBJECT} was adopted by the United "
        "Nations Security Council on 1 March 2001.\n\n"
        + (f"==Background==\n{background}\n\n" if background else "")
        + f"== {section} ==\n{body}\n"
    )
    return parse_article(text, "crafted.txt")


def subject_provisions(article: Article) -> list[ProvisionFact]:
    return [f for f in extract_provisions(article) if f.resolution.number == SUBJECT]


def actions(body: str, **kwargs: str) -> list[tuple[int | None, str]]:
    return [(f.paragraph, f.action) for f in subject_provisions(crafted(body, **kwargs))]


# -- the lexicon comes from the ontology --------------------------------------------------------


def test_lexicon_is_read_from_the_action_scheme():
    lexicon = action_lexicon()
    assert lexicon["condemns"] == "condemns"
    assert lexicon["strongly condemned"] == "condemns"
    assert lexicon["calls on"] == "calls-upon"
    assert lexicon["deep concern is expressed"] == "expresses-concern"
    assert len(set(lexicon.values())) == 26


def test_longest_label_wins():
    found = find_actions("it reaffirms its full solidarity with the people")
    assert [(m.label, m.action) for m in found] == [
        ("reaffirms its full solidarity", "expresses-solidarity")
    ]


# -- must match ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "action"),
    [
        ("The resolution condemns the attack on the village.", "condemns"),
        ("It demands the immediate withdrawal of all forces.", "demands"),
        ("The Council urges the parties to exercise restraint.", "urges"),
        ("It calls on member states to provide assistance.", "calls-upon"),
        ("The resolution calls for an immediate ceasefire.", "calls-upon"),
        ("The Council requests the Secretary-General to report.", "requests"),
        ("It expresses serious concern over the situation in the region.", "expresses-concern"),
        ("The document reaffirms the territorial integrity of the country.", "reaffirms"),
        ("The Council welcomes the agreement between the parties.", "welcomes"),
        ("It invites the Secretary-General to study the question.", "invites"),
        ("The resolution recalls its earlier decisions.", "recalls"),
        ("The Council decides to remain seized of the matter.", "decides"),
        ("The text deplores the loss of life.", "deplores"),
        ("It rejects any change to the borders by force.", "rejects"),
        ("The Council stresses that impunity must end.", "emphasizes"),
        ("The resolution extends gratitude to the host country.", "expresses-gratitude"),
        ("The document also expresses profound sorrow over the suffering.", "regrets"),
    ],
)
def test_each_action_family(sentence: str, action: str):
    assert actions(sentence) == [(None, action)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Paragraph 3 recalls the earlier resolutions of the Council.", [(3, "recalls")]),
        ("Paragraph 7 urges all parties to comply.", [(7, "urges")]),
        ("In the seventh paragraph, all states are called upon to refrain.", [(7, "calls-upon")]),
        ("Its second paragraph declares that the territory is occupied.", [(2, "declares")]),
        (
            "According to the second paragraph of the resolution, the Council considers the "
            "attacks a threat to peace.",
            [(2, "considers")],
        ),
        (
            "Paragraph 10 calls for special measures, and paragraph 11 stresses that impunity "
            "must end.",
            [(10, "calls-upon"), (11, "emphasizes")],
        ),
        (
            "It has four operative paragraphs. The first condemns the invasion. The second "
            "demands a withdrawal. In the fourth, the Council commits itself to meet again.",
            [(1, "condemns"), (2, "demands"), (4, "decides")],
        ),
    ],
)
def test_paragraph_numbers(sentence: str, expected: list[tuple[int | None, str]]):
    assert actions(sentence) == expected


def test_passives_are_provisions_in_a_section_about_the_text():
    assert actions(
        "In the third paragraph, the destruction of monuments is strongly condemned."
    ) == [(3, "condemns")]
    assert actions("Deep concern is expressed about the humanitarian situation.") == [
        (None, "expresses-concern")
    ]
    assert actions("The attack was strongly condemned.", section="Reception") == []


def test_nominalisations_after_a_reporting_verb():
    assert actions("Its preamble records the Council's alarm at the escalation.") == [
        (None, "expresses-concern")
    ]
    assert actions("The resolution contains a strong condemnation of the attacks.") == [
        (None, "condemns")
    ]


def test_coordinated_verbs_share_agent_and_paragraph():
    assert actions(
        "Paragraph 3 recalls resolutions 822 and 853 and urges the parties to comply with them."
    ) == [(3, "recalls"), (3, "urges")]


def test_addressees():
    facts = subject_provisions(
        crafted(
            "In the seventh paragraph, all states are called upon to refrain from arms sales. "
            "The Council urges the UN Security Council to act. "
            "The second demands that Iraq withdraw its forces."
        )
    )
    assert [f.addressee for f in facts] == ["all states", "UN Security Council", "Iraq"]


def test_objects_name_places_and_organisations():
    (fact,) = subject_provisions(crafted("The resolution condemns the invasion of Kuwait by Iraq."))
    assert fact.objects == ("Kuwait", "Iraq")
    assert fact.text == "The resolution condemns the invasion of Kuwait by Iraq"


# -- must not match -----------------------------------------------------------------------------


def test_background_prose_about_a_person_is_not_a_provision():
    article = crafted(
        "The resolution condemns the invasion.",
        background="Saddam Hussein demanded that Kuwait cancel the debts.",
    )
    assert [(f.paragraph, f.action) for f in subject_provisions(article)] == [(None, "condemns")]
    assert actions("Saddam Hussein demanded that Kuwait cancel the debts.") == []


def test_another_resolution_gets_its_own_provisions():
    # outside the sections about the text, an organ's act is an event, not a provision
    assert actions("The Council condemned the invasion.", section="Aftermath") == []
    article = crafted(
        "Resolution 662 of 9 August declared the annexation null and void. In resolution 664 "
        "the Council condemned the taking of hostages. Resolution 661, which reaffirmed "
        "resolution 999, imposed an embargo.",
        section="Aftermath",
    )
    found = {(f.resolution.number, f.action) for f in extract_provisions(article)}
    assert found == {("662", "declares"), ("664", "condemns"), ("661", "reaffirms")}


def test_infinitives_negations_and_objects_are_not_provisions():
    assert actions(
        "The Council urges the Security Council to recognize the aggression and condemn it."
    ) == [(None, "urges")]
    assert actions("As the first decision on the crisis, it recalls no earlier resolution.") == []
    assert actions("It condemns calls for violence in the media.") == [(None, "condemns")]
    assert actions("The Council was unable to condemn the attack.") == []


def test_gerund_after_a_noun_and_other_documents():
    assert actions("The President read a statement reaffirming the text.", section="Legacy") == []
    assert actions("A separate declaration welcomed the guests.") == []


def test_lead_summaries_are_not_counted_twice():
    text = (
        f"= United Nations Security Council Resolution {SUBJECT} =\n\n"
        f"United Nations Security Council Resolution {SUBJECT} was adopted by the United "
        "Nations Security Council on 1 March 2001. The Council condemned the invasion.\n\n"
        "== Text ==\nIt has two operative paragraphs. The first condemns the invasion.\n"
    )
    found = subject_provisions(parse_article(text, "crafted.txt"))
    assert [(f.action, f.paragraph) for f in found] == [("condemns", 1)]


def test_the_ministers_acting_for_the_body_in_a_section_about_the_text():
    found = actions(
        "On Palestine, the ministers undertake to work for a State, and condemn the measures."
    )
    assert [action for _, action in found] == ["decides", "condemns"]


def test_a_lettered_section_of_the_text_is_the_resolution_speaking():
    found = actions(
        "Section B establishes a Peace Observation Commission. "
        "Section C invites each Member to maintain units."
    )
    assert [action for _, action in found] == ["decides", "invites"]


def test_the_ministers_in_background_prose_are_not_the_resolution():
    assert actions("The ministers condemned the attack.", section="Background") == []
