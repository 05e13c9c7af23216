"""``reskg eval``: the matching rules, and the corpus targets kept by a test that can fail."""

import json
from pathlib import Path

import pytest

from reskg.cli import main
from reskg.evaluate import (
    Score,
    _compare,
    evaluate_corpus,
    format_scores,
    names_match,
    normalize,
)

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"

# The targets; the corpus must not fall below them.
TARGETS = {
    "resolutions": 0.90,
    "citations": 0.90,
    "people": 0.85,
    "places": 0.85,
    "organizations": 0.85,
    "roles": 0.80,
    "events": 0.80,
}


@pytest.fixture(scope="module")
def corpus_report():
    return evaluate_corpus(CORPUS)


@pytest.mark.parametrize(("field", "target"), sorted(TARGETS.items()))
def test_corpus_meets_the_f1_target(corpus_report, field, target):
    assert corpus_report.total(field).f1 >= target, format_scores(corpus_report, verbose=True)


def test_subject_fields_accuracy_target(corpus_report):
    assert corpus_report.subject_accuracy() >= 0.95, format_scores(corpus_report, verbose=True)


def test_every_corpus_article_was_evaluated(corpus_report):
    golds = sorted(p.name.removesuffix(".gold.json") for p in CORPUS.glob("*.gold.json"))
    assert [a.name for a in corpus_report.articles] == golds
    assert all(a.error is None for a in corpus_report.articles)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Republic of Azerbaijan", "Azerbaijan"),
        ("UN Security Council", "United Nations Security Council"),
        ("U.N. Security Council", "United Nations Security Council"),
        ("Traian Basescu", "Traian Băsescu"),
        ("the OSCE Minsk Group", "OSCE Minsk Group"),
        ("Hussein", "King Hussein"),
        ("Organisation of the Islamic Conference", "Organisation of Islamic Cooperation"),
    ],
)
def test_names_match_leniently_on_spelling(a, b):
    assert names_match(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Armenia", "Azerbaijan"),
        ("United Nations Security Council", "United Nations General Assembly"),
        ("Dakar", "Senegal"),
        ("", "Dakar"),
    ],
)
def test_names_do_not_match_other_entities(a, b):
    assert not names_match(a, b)


def test_normalize_folds_case_diacritics_and_the():
    assert normalize("The Ministry of Defense") == normalize("ministry of defense")
    assert normalize("Meleșcanu") == "melescanu"


def test_facts_are_strict_a_wrong_date_or_symbol_is_wrong():
    gold = {
        "resolutions": [
            {
                "role": "subject",
                "number": "10/11",
                "body": "OIC",
                "title": None,
                "date_start": "2008-03-13",
                "date_end": "2008-03-14",
                "place": None,
                "paragraphs": None,
                "votes": {},
            },
        ],
        "cites": [{"number": "822", "body": "United Nations Security Council"}],
        "related": [],
        "people": [],
        "places": [],
        "organizations": [],
        "events": [{"label": "x", "date": "1994-05", "place": None}],
    }
    rows = {
        "resolutions": [
            {
                "resolution": "r",
                "number": "10/12",
                "body": "Organisation of Islamic Cooperation",
                "dateStart": "2008-03-13",
                "dateEnd": "2008-03-13",
                "isSubject": "true",
            },
        ],
        "citations": [
            {
                "resolution": "r",
                "citedNumber": "823",
                "citedBody": "United Nations Security Council",
            }
        ],
        "related": [],
        "people": [],
        "places": [],
        "organizations": [],
        "events": [{"dateStart": "1994-06", "dateEnd": "1994-06"}],
    }
    report = _compare("t", gold, rows)
    assert report.scores["citations"].tp == 0
    assert report.scores["events"].tp == 0
    assert report.subject["number"][0] is False
    assert report.subject["body"][0] is True
    assert report.subject["date_start"][0] is True
    assert report.subject["date_end"][0] is False


def test_score_arithmetic():
    score = Score(tp=8, fp=2, fn=2)
    assert score.precision == pytest.approx(0.8)
    assert score.recall == pytest.approx(0.8)
    assert score.f1 == pytest.approx(0.8)


def test_eval_command_prints_table_and_writes_json(tmp_path, capsys):
    folder = tmp_path / "c"
    folder.mkdir()
    for name in ("oic-resolution-10-11.txt", "oic-resolution-10-11.gold.json"):
        (folder / name).write_bytes((CORPUS / name).read_bytes())
    out = tmp_path / "scores.json"
    assert main(["eval", str(folder), "--json", str(out), "-v"]) == 0
    printed = capsys.readouterr().out
    assert printed.splitlines()[0].split() == ["field", "P", "R", "F1", "TP", "FP", "FN"]
    assert "== oic-resolution-10-11" in printed
    data = json.loads(out.read_text())
    assert set(data["fields"]) >= set(TARGETS)


def test_eval_on_a_folder_without_gold_exits_2(tmp_path, capsys):
    assert main(["eval", str(tmp_path)]) == 2
    assert "no NAME.txt with a NAME.gold.json" in capsys.readouterr().err


def test_exact_names_are_matched_before_lenient_containment():
    from reskg.evaluate import _score, names_equal

    gold = ["United Nations Security Council", "United Nations", "United Nations General Assembly"]
    found = ["United Nations", "United Nations General Assembly", "United Nations Security Council"]
    score = _score(gold, found, names_match, names_equal)
    assert (score.tp, score.fp, score.fn) == (3, 0, 0)


def _copy_article(folder, name):
    folder.mkdir(parents=True, exist_ok=True)
    for suffix in (".txt", ".gold.json"):
        (folder / f"{name}{suffix}").write_bytes((CORPUS / f"{name}{suffix}").read_bytes())


def test_eval_reports_each_folder_as_a_part(tmp_path, capsys):
    _copy_article(tmp_path / "corpus", "oic-resolution-10-11")
    _copy_article(tmp_path / "corpus" / "dev", "unsc-resolution-242")
    _copy_article(tmp_path / "corpus" / "heldout", "unsc-resolution-660")
    out = tmp_path / "scores.json"
    assert main(["eval", str(tmp_path / "corpus"), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert [line for line in printed.splitlines() if line.startswith("== part")] == [
        "== part corpus",
        "== part dev",
        "== part heldout",
    ]
    assert printed.count("macro-F1") == 3
    data = json.loads(out.read_text())
    assert set(data["parts"]) == {"corpus", "dev", "heldout"}
    assert data["parts"]["dev"]["subject_where_stated"]["date_start"] == {"right": 1, "total": 1}


def test_an_article_that_does_not_build_counts_as_all_missed(tmp_path, capsys):
    _copy_article(tmp_path, "unsc-resolution-242")
    (tmp_path / "unsc-resolution-242.txt").write_bytes(b"= Title =\n\nBad \xff byte.\n")
    assert main(["eval", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert "unsc-resolution-242.txt:3: not UTF-8 text" in captured.err
    people = next(line for line in captured.out.splitlines() if line.startswith("people"))
    assert people.split()[1:4] == ["1.000", "0.000", "0.000"]  # precision 1, recall 0, F1 0


def test_a_malformed_gold_file_is_one_line_and_exit_2(tmp_path, capsys):
    _copy_article(tmp_path, "oic-resolution-10-11")
    _copy_article(tmp_path, "unsc-resolution-242")
    (tmp_path / "unsc-resolution-242.gold.json").write_text('{"people": "x"}', encoding="utf-8")
    assert main(["eval", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.err.strip().splitlines() == [
        f"{tmp_path / 'unsc-resolution-242.gold.json'}: gold 'people' is not a list"
    ]
    assert "Traceback" not in captured.err
    assert "resolutions     1.000" in captured.out  # the good article is still scored


# Floors under the real pages' figures at the end of the round that built their mechanisms
# (dev macro-F1 0.815, subject 0.951; held-out 0.747, 0.937): a change that loses more than a
# little on pages nobody tuned for fails here. The held-out part is only ever scored, never read.
REAL_FLOORS = {"dev": (0.79, 0.93), "heldout": (0.72, 0.91)}


@pytest.mark.parametrize("part", sorted(REAL_FLOORS))
def test_the_real_pages_hold_their_figures(part):
    report = evaluate_corpus(CORPUS / part)
    macro, subject = REAL_FLOORS[part]
    assert not report.errors
    assert report.macro_f1() >= macro, format_scores(report)
    assert report.subject_accuracy() >= subject, format_scores(report)
