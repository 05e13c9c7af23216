"""The resolutions extractor: the subject's fields and the resolutions an article mentions."""

import pytest

from reskg.article import parse_article
from reskg.extract.resolutions import extract_resolutions, resolution_mentions, subject_ref
from reskg.facts import DateValue


def _article(body: str, title: str = "United Nations Security Council Resolution 660"):
    return parse_article(f"= {title} =\n\n{body}\n")


def _subject_fields(article) -> dict:
    merged: dict = {}
    for fact in extract_resolutions(article):
        if not fact.is_subject:
            continue
        for name in (
            "title",
            "date",
            "place",
            "country",
            "session",
            "paragraphs",
            "organ",
            "votes_for",
            "votes_against",
            "votes_abstain",
            "votes_absent",
        ):
            value = getattr(fact, name)
            if value is not None and name not in merged:
                merged[name] = value
    return merged


def _mentioned(article) -> set[tuple[str | None, str | None]]:
    return {(m.ref.number or m.ref.title, m.ref.body) for m in resolution_mentions(article)}


def test_subject_from_title_symbol_and_body():
    ref = subject_ref(_article("It was adopted on 2 August 1990."))
    assert (ref.number, ref.body) == ("660", "United Nations Security Council")


def test_subject_of_an_organ_takes_its_adopting_body():
    ref = subject_ref(_article("Text.", title="Islamic Summit Resolution 10/11"))
    assert (ref.number, ref.body) == ("10/11", "Organisation of Islamic Cooperation")
    # an assembly that adopts its own texts is their body, not its parent organisation
    ref = subject_ref(_article("Text.", title="PACE Resolution 1416 (2005)"))
    assert (ref.number, ref.body) == ("1416", "Parliamentary Assembly of the Council of Europe")


def test_an_organisation_named_as_the_topic_of_a_title_is_not_its_author():
    article = _article(
        "The Solemn Declaration on European Union was signed by the heads of government at "
        "the Stuttgart European Council.",
        title="Solemn Declaration on European Union",
    )
    assert subject_ref(article).body == "European Council"


def test_unnumbered_declaration_is_identified_by_title():
    ref = subject_ref(_article("The declaration was issued.", title="Riga Summit Declaration"))
    assert ref.number is None and ref.title == "Riga Summit Declaration"


def test_infobox_fields_of_a_un_resolution():
    article = _article(
        "Infobox\n- Organ: Security Council\n- Date: 30 April\n- Year: 1993\n- Meeting: 3,205\n"
        "- For: 14\n- Against: 0\n- Abstention: 1\n- Absent: 0\n- Location Of Document: "
        "Dakar, Senegal\n- Paragraphs: 12\n\nThe resolution was adopted at its 3,205th meeting."
    )
    fields = _subject_fields(article)
    assert fields["date"] == DateValue("1993-04-30", "1993-04-30")
    assert fields["organ"] == "Security Council"
    assert fields["session"] == "3,205th meeting"
    assert (fields["votes_for"], fields["votes_against"], fields["votes_abstain"]) == (14, 0, 1)
    assert fields["votes_absent"] == 0
    assert (fields["place"], fields["country"]) == ("Dakar", "Senegal")
    assert fields["paragraphs"] == 12


def test_lead_gives_title_dates_session_place_and_counts():
    article = _article(
        'OIC Resolution 10/11, titled "The aggression of X against Y", was adopted on '
        "March 13–14, 2008 during the OIC summit in Dakar, Senegal. "
        "The resolution consists of 23 paragraphs. It was carried by 89 votes to none, "
        "with 9 abstentions.",
        title="OIC Resolution 10/11",
    )
    fields = _subject_fields(article)
    assert fields["title"] == "The aggression of X against Y"
    assert fields["date"] == DateValue("2008-03-13", "2008-03-14")
    assert fields["session"] == "OIC summit in Dakar"
    assert fields["place"] == "Dakar"
    assert fields["paragraphs"] == 23
    assert (fields["votes_for"], fields["votes_against"], fields["votes_abstain"]) == (89, 0, 9)


def test_paragraph_count_in_words():
    fields = _subject_fields(_article("Text.\n\n== Text ==\nIt has four operative paragraphs."))
    assert fields["paragraphs"] == 4


def test_counts_about_another_resolution_are_not_the_subjects():
    article = _article("Text.\n\n== Later ==\nResolution 678 was carried by 12 votes to 2.")
    assert "votes_for" not in _subject_fields(article)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "It recalls UN Security Council resolutions 822, 853 and 884.",
            {
                ("822", "United Nations Security Council"),
                ("853", "United Nations Security Council"),
                ("884", "United Nations Security Council"),
            },
        ),
        (
            "The United Nations General Assembly adopted Resolution 62/243 later.",
            {("62/243", "United Nations General Assembly")},
        ),
        (
            "See OIC Council of Foreign Ministers Resolution 10/37.",
            {("10/37", "Organisation of Islamic Cooperation")},
        ),
        ("It cites S/RES/2334 (2016).", {("2334", "United Nations Security Council")}),
        (
            "Meanwhile the Security Council had adopted resolution 62.",
            {("62", "United Nations Security Council")},
        ),
        (
            "The Security Council met. Then the Council adopted resolution 119 by 7 votes.",
            {("119", "United Nations Security Council")},
        ),
        (
            "It builds on the Universal Declaration of Human Rights.",
            {("Universal Declaration of Human Rights", None)},
        ),
        (
            "It produced the Windhoek Declaration and the Namibia Plan of Action.",
            {("Windhoek Declaration", None), ("Namibia Plan of Action", None)},
        ),
        ("The Khartoum Resolution of 1967 was recalled.", {("Khartoum Resolution", None)}),
    ],
)
def test_mentions_with_their_bodies(sentence, expected):
    assert _mentioned(_article(sentence)) == expected


def test_a_bare_resolution_takes_the_body_stated_elsewhere_in_the_article():
    article = _article(
        "The Assembly endorsed the demand made in Resolution 853. "
        "It recalls UN Security Council Resolutions 822 (1993) and 853 (1993).",
        title="PACE Resolution 1416 (2005)",
    )
    assert ("853", "United Nations Security Council") in _mentioned(article)


def test_fullest_written_symbol_is_used():
    article = _article(
        "Resolution 1654 (XVI) reaffirmed it.\n\n==See also==\n- General Assembly Resolution 1654",
        title="United Nations General Assembly Resolution 1514",
    )
    assert {number for number, _ in _mentioned(article)} == {"1654 (XVI)"}


@pytest.mark.parametrize(
    "sentence",
    [
        "The resolution is brief.",
        "The Council met on 16 November 1948 to discuss a resolution of the question.",
        "It was the Resolution on Nagorno-Karabakh conflict.",
        "The OIC Resolution was welcomed.",
        "It met at its 2,932nd meeting.",
        "Resolution 660 was adopted by 14 votes.",  # the subject itself, not a mention
    ],
)
def test_sentences_that_mention_no_other_resolution(sentence):
    assert _mentioned(_article(sentence)) == set()


def test_date_and_session_stated_after_a_mentioned_symbol():
    article = _article(
        "It reaffirms Resolution 21/10-P(IS) adopted during the 10th session of the Islamic "
        "Summit Conference held in Putrajaya on October 16-17, 2003.",
        title="OIC Resolution 10/11",
    )
    facts = [f for f in extract_resolutions(article) if f.ref.number == "21/10-P(IS)"]
    assert DateValue("2003-10-16", "2003-10-17") in {f.date for f in facts}
    assert "10th session of the Islamic Summit Conference" in {f.session for f in facts}


def test_a_later_date_governed_by_another_verb_is_not_the_adoption_date():
    article = _article("Resolution 678 gave Iraq until 15 January 1991 to withdraw.")
    facts = [f for f in extract_resolutions(article) if f.ref.number == "678"]
    assert all(f.date is None for f in facts)


def test_a_page_titles_bracketed_disambiguation_is_not_the_name():
    ref = subject_ref(_article("The declaration was issued.", title="Abu Dhabi Declaration (OIC)"))
    assert ref.title == "Abu Dhabi Declaration"


def test_title_from_widely_known_as_the_quoted_name():
    article = _article(
        'Resolution 377 A (V), widely known as the "Uniting for Peace" resolution, was adopted.',
        title="United Nations General Assembly Resolution 377",
    )
    assert _subject_fields(article)["title"] == "Uniting for Peace"
    assert subject_ref(article).number == "377 A (V)"


def test_a_result_value_that_holds_the_date():
    article = _article("Infobox\n- Organ: SC\n- Result: Adopted on 23 December 2016\n\nText.")
    assert _subject_fields(article)["date"] == DateValue("2016-12-23", "2016-12-23")


def test_a_result_without_a_date_gives_no_date():
    article = _article("Infobox\n- Organ: SC\n- Result: Adopted\n\nText.")
    assert "date" not in _subject_fields(article)


def test_special_session_symbols():
    article = _article(
        "It followed resolutions S-2/1 and S-3/1.", title="Human Rights Council Resolution S-1/1"
    )
    assert subject_ref(article).number == "S-1/1"
    assert {number for number, _ in _mentioned(article)} == {"S-2/1", "S-3/1"}


def test_unanimous_adoption_by_the_members():
    article = _article(
        "United Nations Security Council Resolution 242 was adopted unanimously by the fifteen "
        "members of the Security Council on November 22, 1967.",
        title="United Nations Security Council Resolution 242",
    )
    fields = _subject_fields(article)
    assert (fields["votes_for"], fields["votes_against"], fields["votes_abstain"]) == (15, 0, 0)


def test_an_unnumbered_document_is_named_by_its_infobox_document_name():
    article = _article(
        "Infobox\n- Document Name: European Parliament resolution of 1 March 2022 on X\n\nText.",
        title="European Parliament resolution on X",
    )
    assert subject_ref(article).title == "European Parliament resolution of 1 March 2022 on X"


def test_a_plural_numbered_reference_is_not_a_named_document():
    article = _article("Paragraph 3 recalls UN Security Council Resolutions 822 (1993) and 853.")
    assert _mentioned(article) == {
        ("822", "United Nations Security Council"),
        ("853", "United Nations Security Council"),
    }


# -- the subject's adoption statement, in any voice and order ------------------------------------


def _adoption(text: str) -> dict:
    out: dict = {}
    for fact in extract_resolutions(parse_article(text)):
        if fact.is_subject:
            for key in ("date", "place", "country", "session"):
                value = getattr(fact, key)
                if value is not None and key not in out:
                    out[key] = value.start if key == "date" else value
    return out


def test_a_naming_first_sentence_does_not_hide_the_adoption_statement_after_it():
    text = (
        "= Foo Declaration =\n\nThe Foo Declaration was a landmark declaration issued by the "
        "assembled heads of government of the Commonwealth. It was issued on 2 June 1983, at "
        "Quxville, Norway, during the ninth Heads of Government Meeting.\n"
    )
    fields = _adoption(text)
    assert fields["date"] == "1983-06-02"
    assert (fields["place"], fields["country"]) == ("Quxville", "Norway")


def test_place_before_date_and_session_after():
    text = (
        "= Foo Declaration =\n\nThe Foo Declaration was issued in Dakar on 4 May 1975 at the "
        "close of the first summit of the heads of government.\n"
    )
    fields = _adoption(text)
    assert fields["date"] == "1975-05-04"
    assert fields["place"] == "Dakar"


def test_the_date_after_the_subject_symbol_with_of():
    text = (
        "= Resolution 1234 =\n\nResolution 1234 (2007) of 17 April 2007 is a resolution of the "
        "Parliamentary Assembly of the Council of Europe.\n"
    )
    assert _adoption(text)["date"] == "2007-04-17"


def test_a_cue_about_another_resolution_gives_the_subject_no_date():
    # Must not match: the date belongs to Resolution 242, named before the verb.
    text = (
        "= Resolution 338 =\n\nResolution 338 called for a ceasefire. It recalled that "
        "Resolution 242 was adopted on 22 November 1967.\n"
    )
    assert "date" not in _adoption(text)


def test_a_name_and_a_word_that_is_no_country_give_no_country():
    # Must not match: "at Bar, Tuesday" names no country.
    text = "= Foo Accord =\n\nThe Foo Accord was signed at Bar, Tuesday, in 1990.\n"
    assert "country" not in _adoption(text)


# -- the subject under one node ------------------------------------------------------------------


def _mentioned_titles(text: str) -> set[str | None]:
    return {m.ref.title for m in resolution_mentions(parse_article(text)) if m.ref.title}


def test_name_variants_of_the_subject_are_the_subject():
    text = (
        "= Harare Declaration =\n\nThe Harare Commonwealth Declaration was a declaration of the "
        "Commonwealth of Nations. The Harare Declaration reaffirmed the Singapore Declaration.\n"
    )
    article = parse_article(text)
    assert subject_ref(article).title == "Harare Commonwealth Declaration"
    assert _mentioned_titles(text) == {"Singapore Declaration"}


def test_a_document_named_inside_the_subjects_name_stays_another_document():
    # Must not match: the head nouns differ (Programme, Declaration).
    text = (
        "= Millbrook Commonwealth Action Programme =\n\nThe Millbrook Commonwealth Action "
        "Programme on the Harare Declaration is a programme designed to uphold the Harare "
        "Declaration.\n"
    )
    assert "Harare Declaration" in _mentioned_titles(text)


def test_the_subject_number_under_the_parent_body_is_the_subject():
    text = (
        "= United Nations General Assembly Resolution 273 =\n\nUnited Nations General Assembly "
        "Resolution 273 admitted Israel. United Nations Resolution 273 followed resolution 181.\n"
    )
    numbers = {m.ref.number for m in resolution_mentions(parse_article(text))}
    assert numbers == {"181"}


def test_the_subject_matter_after_a_new_clause_is_no_place_of_adoption():
    # Must not match: Gaza is what the resolution is about, not where it was adopted.
    for lead in (
        "Resolution 2728, adopted on 25 March 2024, demands a ceasefire in Gaza.",
        "Resolution 2728, adopted on 25 March 2024, after recalling resolution 1860, the "
        "Council called for a ceasefire in Gaza.",
    ):
        assert "place" not in _adoption("= Resolution 2728 =\n\n" + lead + "\n")


def test_the_place_of_the_adoption_meeting_is_the_place():
    text = (
        "= Resolution 377 =\n\nResolution 377 was adopted on November 3, 1950, at the 302nd "
        "plenary meeting of its fifth session, held at the temporary home of the Assembly at "
        "Flushing Meadow in New York.\n"
    )
    assert _adoption(text)["place"] == "New York"


def test_a_cue_whose_clause_speaks_of_something_else_gives_no_date():
    # Must not match: a follow-up passed later, a draft made before.
    text = (
        "= Millennium Declaration =\n\nThe Millennium Declaration set some goals. A follow-up "
        "outcome of the resolution was passed by the General Assembly on 14 December 2000.\n"
    )
    assert "date" not in _adoption(text)


def test_an_infobox_signing_date_yields_to_the_leads_adoption_date():
    text = (
        "= Foo Declaration =\n\nInfobox\n- Signed: April 1948\n\nThe Declaration was adopted "
        "by the nations at the Ninth Conference in Dakar, Senegal, on 2 May 1948.\n"
    )
    assert _adoption(text)["date"] == "1948-05-02"
    bare = "= Foo Declaration =\n\nInfobox\n- Date Presented: 9 May 1950\n\nIt is a plan.\n"
    assert _adoption(bare)["date"] == "1950-05-09"


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("It recalled the Charter of the United Nations.", "Charter of the United Nations"),
        ("The parties signed the Taif Agreement.", "Taif Agreement"),
        ("It was cited in the Camp David Accords of September 1978.", "Camp David Accords"),
        ("They applied the Helsinki Rules on Waters.", "Helsinki Rules on Waters"),
        ("It invoked the Fourth Geneva Convention.", "Fourth Geneva Convention"),
    ],
)
def test_treaties_charters_and_rules_are_named_documents(sentence, title):
    assert title in _mentioned_titles("= Resolution 1 =\n\n" + sentence + "\n")


@pytest.mark.parametrize(
    "sentence",
    [
        "Acting under Chapter VII of the UN Charter, the Council demanded a withdrawal.",
        "Three states took part in the Membership Action Plan.",  # "Action" is no "Act"
        "An item entitled United Action for Peace was proposed.",
    ],
)
def test_legal_bases_and_words_that_begin_like_heads_are_no_documents(sentence):
    assert _mentioned_titles("= Resolution 1 =\n\n" + sentence + "\n") == set()


def test_navboxes_and_list_page_titles_name_no_resolutions():
    text = (
        "= United Nations Security Council Resolution 794 =\n\n"
        "← 793 Lists of resolutions 795 →\n\n"
        "United Nations Security Council Resolution 794 was adopted on 3 December 1992.\n\n"
        "== See also ==\n- List of United Nations Security Council Resolutions 701 to 800\n"
        "- United Nations Security Council Resolution 751\n"
    )
    numbers = {m.ref.number for m in resolution_mentions(parse_article(text))}
    assert numbers == {"751"}


def test_a_symbol_with_leading_zeros_is_the_plain_number():
    text = "= Resolution 600 =\n\nIt recalled resolution S/RES/0598 (1987) on the war.\n"
    assert {m.ref.number for m in resolution_mentions(parse_article(text))} == {"598"}


def test_a_general_assembly_resolution_is_titled_by_its_subject():
    infobox = "Infobox\n- Number: 10/19\n- Subject: Status of Jerusalem\n\nIt was adopted.\n"
    ga = parse_article("= United Nations General Assembly Resolution ES-10/19 =\n\n" + infobox)
    titles = {f.title for f in extract_resolutions(ga) if f.is_subject and f.title}
    assert titles == {"Status of Jerusalem"}
    # Must not match: a Security Council resolution's subject is no title.
    sc = parse_article("= United Nations Security Council Resolution 2334 =\n\n" + infobox)
    assert not {f.title for f in extract_resolutions(sc) if f.is_subject and f.title}


def test_a_town_the_gazetteer_lacks_is_the_place_after_in_in_the_adoption_clause():
    text = "= Foo Declaration =\n\nThe Foo Declaration was issued in Bartown on 4 May 1975.\n"
    assert _adoption(text)["place"] == "Bartown"


@pytest.mark.parametrize(
    "lead",
    [
        "The Foo Declaration was issued at the Foo Summit on 4 May 1975.",  # a gathering
        "The Foo Declaration was signed in the Kremlin on 4 May 1975.",  # a building
        "The Foo Declaration was adopted in May 1975.",  # a month
        "The Foo Declaration was adopted in Norway on 4 May 1975.",  # a country is no town
        "The Foo Declaration was adopted in the Korean War.",
    ],
)
def test_names_after_in_that_are_no_towns(lead):
    assert "place" not in _adoption("= Foo Declaration =\n\n" + lead + "\n")


def test_a_summit_page_dates_its_document_by_the_meeting():
    text = (
        "= 1978 Arab League summit =\n\nThe 1978 Arab League summit was held on November 2 "
        "in Baghdad as the 9th summit.\n"
    )
    fields = _adoption(text)
    assert (fields["date"], fields["place"]) == ("1978-11-02", "Baghdad")


def test_the_subject_as_the_object_of_the_adoption_verb():
    text = (
        "= Foo Declaration =\n\nThe summit was long. On 4 May 1975 the heads of government "
        "adopted the Foo Declaration in Bartown.\n"
    )
    fields = _adoption(text)
    assert (fields["date"], fields["place"]) == ("1975-05-04", "Bartown")
    # Must not match: another document as the object.
    other = (
        "= Foo Declaration =\n\nThe summit was long. On 4 May 1975 the heads of government "
        "adopted a budget in Bartown.\n"
    )
    assert "date" not in _adoption(other)


def test_a_first_sentence_that_dates_the_subject_without_a_verb():
    text = (
        "= Resolution 2231 =\n\nResolution 2231 was a July 20th, 2015 resolution endorsing "
        "the plan.\n"
    )
    assert _adoption(text)["date"] == "2015-07-20"
    # Must not match: the date is of another time; a year alone dates no document.
    for lead in (
        "Resolution 2231 concerns the situation since 1 July 2002.",
        "Resolution 2231 concerns the war of 2015.",
    ):
        assert "date" not in _adoption("= Resolution 2231 =\n\n" + lead + "\n")


def _votes(text: str) -> dict:
    out: dict = {}
    for fact in extract_resolutions(parse_article("= Resolution 1234 =\n\n" + text + "\n")):
        if fact.is_subject:
            for key in ("votes_for", "votes_against", "votes_abstain", "votes_absent"):
                if getattr(fact, key) is not None:
                    out.setdefault(key.removeprefix("votes_"), getattr(fact, key))
    return out


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        (
            "The resolution was adopted with 412 votes in favour, 57 against and 30 abstentions.",
            {"for": 412, "against": 57, "abstain": 30},
        ),
        (
            "It passed by a vote of 141 to 5, with 35 abstentions.",
            {"for": 141, "against": 5, "abstain": 35},
        ),
        ("It was adopted 13–0, with 2 abstentions.", {"for": 13, "against": 0, "abstain": 2}),
        (
            "The vote was 100 in favour, 11 against, 58 abstaining and 24 absent.",
            {"for": 100, "against": 11, "abstain": 58, "absent": 24},
        ),
    ],
)
def test_votes_in_prose(text, counts):
    assert _votes(text) == counts


def test_another_resolutions_vote_is_not_the_subjects():
    # Must not match: the clause names resolution 242.
    assert _votes("Resolution 242 was adopted by 15 votes to none.") == {}


def test_a_bare_unanimous_adoption_means_none_against_or_abstaining():
    assert _votes("The Declaration was adopted unanimously by ASEAN members.") == {
        "against": 0,
        "abstain": 0,
    }
    # Must not match: another resolution adopted unanimously.
    assert _votes("The Council unanimously adopted Resolution 242 in November.") == {}


def test_a_city_ending_in_ing_is_part_of_a_documents_name():
    titles = _mentioned_titles("= Resolution 1 =\n\nIt recalls the Beijing Declaration.\n")
    assert titles == {"Beijing Declaration"}


def test_the_subjects_other_names_in_the_first_sentence_are_no_other_documents():
    text = (
        "= Kampala Convention =\n\nThe Kampala Convention (formally, the African Union "
        "Convention for the Protection of Displaced Persons) is a treaty, also known as the "
        "Displaced Persons Accord. It recalls the Geneva Conventions.\n"
    )
    assert _mentioned_titles(text) == {"Geneva Conventions"}


def test_the_lead_names_the_subject_first_and_the_page_title_as_another_name():
    text = (
        "= Helsinki Accords =\n\nThe Helsinki Final Act, also known as Helsinki Accords or "
        "Helsinki Declaration, was the document signed in 1975. All states signed the Final "
        "Act. It applied the Helsinki Rules on the Uses of the Waters of International Rivers.\n"
    )
    assert subject_ref(parse_article(text)).title == "Helsinki Final Act"
    assert _mentioned_titles(text) == {
        "Helsinki Rules on the Uses of the Waters of International Rivers"
    }


def test_the_charter_alone_is_the_charter_of_the_subjects_organisation():
    text = (
        "= United Nations Security Council Resolution 1 =\n\nIt reaffirms the principles of the "
        "Charter. Acting under Article 39 of the Charter, it decides.\n"
    )
    assert _mentioned_titles(text) == {"Charter of the United Nations"}
    # Must not match: no organisation to own the charter; a charter's own page.
    assert _mentioned_titles("= Foo Declaration =\n\nIt reaffirms the Charter.\n") == set()
    own = "= Charter of the Arab League =\n\nThe Charter was signed in Cairo. The Charter binds.\n"
    assert _mentioned_titles(own) == set()


def test_a_city_state_is_the_place_and_the_country():
    text = (
        "= Singapore Declaration =\n\nThe Singapore Declaration was issued on 22 January 1971 "
        "at the Commonwealth Heads of Government Meeting in Singapore.\n"
    )
    fields = _adoption(text)
    assert (fields["place"], fields["country"]) == ("Singapore", "Singapore")
    # Must not match: a country that is no city.
    other = "= Foo Declaration =\n\nThe Foo Declaration was issued on 2 May 1971 in Brazil.\n"
    assert "place" not in _adoption(other)
