"""The citations extractor: what the subject cites, and what it is only related to."""

import pytest

from reskg.article import parse_article
from reskg.extract.citations import extract_citations

TITLE = "OIC Resolution 10/11"


def _relations(body: str) -> dict[str, str]:
    article = parse_article(f"= {TITLE} =\n\n{body}\n")
    return {(f.cited.number or f.cited.title): f.relation for f in extract_citations(article)}


@pytest.mark.parametrize(
    "sentence",
    [
        "It demands withdrawal in accordance with UN Security Council resolutions 822 and 853.",
        "The resolution recalls Resolution 21/10-P(IS).",
        "It reaffirms the obligations as stipulated in Resolution 21/10-P(IS).",
        "The preamble recalls Council resolutions 1261 (1999) of 25 August 1999.",
        "It asks all states to abide by the Universal Declaration of Human Rights.",
        "KFOR will stay in Kosovo under Resolution 1244.",
    ],
)
def test_citing_sentences_in_the_text_section(sentence):
    relations = _relations(f"Lead.\n\n== The text of the resolution ==\n{sentence}")
    assert relations and set(relations.values()) == {"cites"}


def test_the_resolution_itself_says_it_referred_to_a_document():
    relations = _relations(
        "Lead.\n\n==Background==\nIt produced the Windhoek Declaration, to which the "
        "resolution later referred."
    )
    assert relations == {"Windhoek Declaration": "cites"}


@pytest.mark.parametrize(
    "body",
    [
        "Lead.\n\n==See also==\n- OIC Council of Foreign Ministers Resolution 10/37",
        "Lead.\n\n== The importance ==\nThe General Assembly adopted Resolution 62/243 later.",
        "Lead.\n\n==Background==\nIn 1993 the UN Security Council recalled resolution 822.",
        "Lead.\n\n== Aftermath ==\nResolution 687 of 3 April 1991 set the terms.",
    ],
)
def test_other_mentions_are_related_not_cited(body):
    relations = _relations(body)
    assert relations and set(relations.values()) == {"related"}


def test_cites_wins_over_related_for_the_same_resolution():
    relations = _relations(
        "Lead.\n\n== Text ==\nIt recalls Resolution 21/10-P(IS).\n\n"
        "==See also==\n- OIC Resolution 21/10-P(IS)"
    )
    assert relations == {"21/10-P(IS)": "cites"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Article 10 directly affirms the rights in the Universal Declaration of Human Rights.",
        "It is a resolution endorsing the Joint Comprehensive Plan of Action.",
        "It is designed to implement and uphold the Harare Declaration.",
        "It urges cooperation, taking account of the Universal Declaration of Human Rights.",
    ],
)
def test_verbs_of_reference_make_citations(sentence):
    assert set(_relations(sentence).values()) == {"cites"}


def test_a_document_only_named_beside_the_subject_is_related():
    # Must not match: nothing says the subject refers to it.
    relations = _relations("The resolution came two years after the Harare Declaration.")
    assert set(relations.values()) == {"related"}


def test_an_observations_section_is_about_the_text():
    body = "Lead.\n\n== Observations ==\nIt acted in accordance with Resolution 1484 (2003)."
    assert _relations(body) == {"1484": "cites"}


def test_a_sentence_telling_what_the_text_says_cites_in_a_content_section():
    body = (
        "Lead.\n\n== Content ==\nIt begins by restating the allies' attachment to the "
        "Washington Treaty.\nParagraph 9 asks parties to keep in mind the Rome Statute."
    )
    assert _relations(body) == {"Washington Treaty": "cites", "Rome Statute": "cites"}


def test_history_in_a_content_section_is_no_citation():
    # Must not match: the sentence tells history, not what the text says.
    body = "Lead.\n\n== Content ==\nEarlier, the states had signed the Washington Treaty."
    assert _relations(body) == {"Washington Treaty": "related"}


@pytest.mark.parametrize(
    "sentence",
    [
        "They based the declaration on Security Council Resolution 242 and Resolution 338.",
        "It called upon Israel to respect the Fourth Geneva Convention.",
        "Echoing the Taif Agreement, the resolution called for withdrawal.",
    ],
)
def test_more_verbs_of_reference(sentence):
    assert set(_relations(sentence).values()) == {"cites"}


def test_a_numbered_article_of_the_text_cites_what_it_names():
    assert _relations(
        "Article 2 states that force in contravention of the UN Charter is aggression."
    ) == {"UN Charter": "cites"}


def test_a_sentence_outside_the_text_sections_that_tells_what_the_text_says_cites():
    body = (
        "Lead.\n\n== Aftermath ==\nEchoing the Taif Agreement, the resolution calls upon all "
        "forces to withdraw.\nThe declaration is also cited in the Rome Statute."
    )
    assert _relations(body) == {"Taif Agreement": "cites", "Rome Statute": "related"}


def test_a_body_established_by_a_resolution_cites_it():
    relations = _relations("It enlarged the Commission established by Resolution 39 (1948).")
    assert relations == {"39": "cites"}
