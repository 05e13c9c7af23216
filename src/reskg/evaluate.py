"""Measure extraction against gold answer keys, through the canned queries on built Turtle.

Layout:

- ``evaluate_article(txt, gold)``: build one article, ask the canned queries, score each field
- ``evaluate_corpus(directory)``: every ``NAME.txt`` with a ``NAME.gold.json``; micro-averaged
- ``format_scores(report, verbose)``: the table ``reskg eval`` prints

Matching is lenient on spelling and strict on facts: names compare after case folding,
removing diacritics, punctuation and a leading "the", expanding "UN"/"U.N." to "United
Nations", and folding a country's variants ("Republic of Azerbaijan" = "Azerbaijan") and an
organisation's abbreviations and former names onto one name; a name also matches a longer
name that contains it word for word ("King Hussein" ~ "Hussein"). Symbols, dates, numbers and
counts must be equal.
"""

from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reskg import gazetteer
from reskg.formats import FORMATS, serialize
from reskg.pipeline import build
from reskg.query import QueryResult, resolve_query, run_query

FIELDS = [
    "resolutions",
    "citations",
    "related",
    "people",
    "roles",
    "places",
    "organizations",
    "events",
    "provisions",
]


@dataclass
class Score:
    """Counts of true positives, false positives and false negatives, with the items."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ArticleReport:
    """Scores of one article: per field, and the subject resolution's field checks."""

    name: str
    scores: dict[str, Score]
    subject: dict[str, tuple[bool, object, object]]  # field -> (correct, expected, found)
    error: str | None = None


@dataclass
class CorpusReport:
    """All articles' reports and their micro-averaged totals."""

    articles: list[ArticleReport]

    def total(self, name: str) -> Score:
        total = Score()
        for article in self.articles:
            if name in article.scores:
                total.add(article.scores[name])
        return total

    def subject_accuracy(self) -> float:
        checks = [ok for a in self.articles for ok, _, _ in a.subject.values()]
        return sum(checks) / len(checks) if checks else 0.0

    def subject_stated(self) -> dict[str, tuple[int, int]]:
        """Per subject field: (right, total) over the articles whose gold states a value."""
        out: dict[str, tuple[int, int]] = {}
        for article in self.articles:
            for key, (ok, expected, _) in article.subject.items():
                if expected not in (None, ""):
                    right, total = out.get(key, (0, 0))
                    out[key] = (right + ok, total + 1)
        return out

    def macro_f1(self) -> float:
        """The mean of the fields' micro-averaged F1."""
        return sum(self.total(name).f1 for name in FIELDS) / len(FIELDS)

    @property
    def errors(self) -> list[ArticleReport]:
        return [a for a in self.articles if a.error]

    def as_dict(self) -> dict:
        return {
            "fields": {
                name: {
                    "precision": round(self.total(name).precision, 4),
                    "recall": round(self.total(name).recall, 4),
                    "f1": round(self.total(name).f1, 4),
                    "tp": self.total(name).tp,
                    "fp": self.total(name).fp,
                    "fn": self.total(name).fn,
                }
                for name in FIELDS
            },
            "subject_accuracy": round(self.subject_accuracy(), 4),
            "subject_where_stated": {
                k: {"right": r, "total": t} for k, (r, t) in self.subject_stated().items()
            },
            "macro_f1": round(self.macro_f1(), 4),
            "articles": {
                a.name: {
                    "error": a.error,
                    "fields": {n: round(s.f1, 4) for n, s in a.scores.items()},
                    "subject": {
                        k: {"ok": ok, "expected": exp, "found": got}
                        for k, (ok, exp, got) in a.subject.items()
                    },
                    "misses": {n: s.misses for n, s in a.scores.items() if s.misses},
                    "extras": {n: s.extras for n, s in a.scores.items() if s.extras},
                }
                for a in self.articles
            },
        }


# -- normalisation --------------------------------------------------------------------------


def normalize(text: object) -> str:
    """Fold case, diacritics, punctuation, "the" and "UN" for "United Nations"."""
    if text is None:
        return ""
    value = unicodedata.normalize("NFKD", str(text))
    value = "".join(c for c in value if not unicodedata.combining(c)).casefold()
    value = value.replace("u.n.", "un").replace("u.s.", "us").replace("’", "'")
    value = re.sub(r"'s\b", "", value)
    value = re.sub(r"[^\w\s/()-]", " ", value)
    value = re.sub(r"\bun\b", "united nations", value)
    value = re.sub(r"\b(the|a|an)\b", " ", value)
    value = re.sub(r"[-–—]", " ", value)
    return " ".join(value.split())


def canonical_name(text: object) -> str:
    """A name folded onto its country's or organisation's canonical name, then normalised."""
    if text is None:
        return ""
    country = gazetteer.find_country(str(text))
    if country is not None:
        return normalize(country.name)
    organization = gazetteer.find_organization(str(text))
    if organization is not None:
        return normalize(organization.name)
    return normalize(text)


def names_match(expected: object, found: object) -> bool:
    """Equal after folding, or one name contained word for word in the other."""
    a, b = canonical_name(expected), canonical_name(found)
    if not a or not b:
        return False
    if a == b:
        return True
    return bool(re.search(rf"\b{re.escape(a)}\b", b) or re.search(rf"\b{re.escape(b)}\b", a))


def _symbol(value: object) -> str:
    return re.sub(r"\s+", "", str(value or "")).upper().replace("‑", "-")


def _score(
    expected: Iterable[object],
    found: Iterable[object],
    same: Callable[[object, object], bool],
    exact: Callable[[object, object], bool] | None = None,
) -> Score:
    """One-to-one greedy matching of expected against found items.

    With ``exact``, exact pairs are matched first, so a lenient match ("United Nations" in
    "United Nations Security Council") cannot take an item that another one names exactly.
    """
    expected = list(expected)
    remaining = list(found)
    matched: dict[int, object] = {}
    for predicate in [p for p in (exact, same) if p is not None]:
        for index, item in enumerate(expected):
            if index in matched:
                continue
            match = next((f for f in remaining if predicate(item, f)), None)
            if match is not None:
                matched[index] = match
                remaining.remove(match)
    score = Score(tp=len(matched), fp=len(remaining))
    score.fn = len(expected) - len(matched)
    score.misses = [str(item) for i, item in enumerate(expected) if i not in matched]
    score.extras = [str(f) for f in remaining]
    return score


def names_equal(expected: object, found: object) -> bool:
    """Equal after folding (no containment)."""
    a, b = canonical_name(expected), canonical_name(found)
    return bool(a) and a == b


# -- one article -------------------------------------------------------------------------------


def _rows(query_name: str, graph_path: Path) -> list[dict[str, str | None]]:
    result: QueryResult = run_query(resolve_query(query_name), [graph_path])
    return result.rows


def _same_resolution(expected: object, found: object) -> bool:
    e, f = expected, found
    assert isinstance(e, dict) and isinstance(f, dict)
    if e.get("number"):
        if _symbol(e["number"]) != _symbol(f.get("number")):
            return False
        return not (e.get("body") and f.get("body")) or names_match(e["body"], f["body"])
    title = f.get("title")
    return bool(title) and names_match(e.get("title"), title)


def _date_value(value: object) -> tuple[str, str]:
    if isinstance(value, dict):
        return (str(value.get("start")), str(value.get("end")))
    return (str(value), str(value))


def evaluate_article(text_path: Path, gold_path: Path) -> ArticleReport:
    """Build one article to Turtle, run the canned queries on it, and score every field.

    An article that does not build scores as if nothing was found, so it lowers the figures
    instead of dropping out of them; a gold file that cannot be read is reported as an error.
    """
    try:
        gold = _read_gold(gold_path)
    except ValueError as exc:
        return ArticleReport(text_path.stem, {}, {}, error=f"{gold_path}: {exc}")
    result = build([text_path])
    if result.failures:
        report = _compare(text_path.stem, gold, {name: [] for name in _QUERIES})
        report.error = result.failures[0]
        return report
    with tempfile.TemporaryDirectory() as tmp:
        graph_path = Path(tmp) / f"{text_path.stem}.ttl"
        graph_path.write_bytes(serialize(result.graph, FORMATS["turtle"]))
        rows = {name: _rows(name, graph_path) for name in _QUERIES}
    try:
        return _compare(text_path.stem, gold, rows)
    except (AttributeError, TypeError, KeyError, ValueError, AssertionError) as exc:
        # a gold entry of the wrong shape (a string where an object belongs, a missing key)
        shape = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        error = f"{gold_path}: gold does not have the shape GOLD-FORMAT.md describes ({shape})"
        return ArticleReport(text_path.stem, {}, {}, error=error)


_QUERIES = (
    "resolutions",
    "citations",
    "related",
    "people",
    "places",
    "organizations",
    "events",
    "provisions",
)
_GOLD_LISTS = ("resolutions", "cites", "related", "people", "places", "organizations", "events")


def _read_gold(path: Path) -> dict:
    """The gold file's JSON, checked for the lists the scoring reads."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"cannot read gold: {exc}") from None
    if not isinstance(gold, dict):
        raise ValueError("gold is not a JSON object")
    for key in _GOLD_LISTS:
        value = gold.setdefault(key, [])
        if not isinstance(value, list):
            raise ValueError(f"gold {key!r} is not a list")
        if key not in ("places", "organizations") and not all(isinstance(v, dict) for v in value):
            raise ValueError(f"gold {key!r} has an entry that is not an object")
    if not isinstance(gold.setdefault("provisions", []), list):
        raise ValueError("gold 'provisions' is not a list")
    return gold


def _compare(name: str, gold: dict, rows: dict[str, list[dict]]) -> ArticleReport:
    scores: dict[str, Score] = {}
    found_resolutions = [
        {"number": r.get("number"), "title": r.get("title"), "body": r.get("body")}
        for r in rows["resolutions"]
    ]
    # resolutions.rq has one row per resolution node: the subject and every one it mentions,
    # so the gold set is its resolutions with the cited and related ones.
    expected_resolutions: list[dict] = []
    for item in [*gold["resolutions"], *gold["cites"], *gold["related"]]:
        if not any(_same_resolution(item, seen) for seen in expected_resolutions):
            expected_resolutions.append(item)
    scores["resolutions"] = _score(expected_resolutions, found_resolutions, _same_resolution)
    subject_rows = [r for r in rows["resolutions"] if str(r.get("isSubject")).lower() == "true"]
    subject_iris = {r["resolution"] for r in subject_rows}
    for field_name, query in (("citations", "citations"), ("related", "related")):
        found = [
            {
                "number": r.get("citedNumber"),
                "title": r.get("citedTitle"),
                "body": r.get("citedBody"),
            }
            for r in rows[query]
            if r.get("resolution") in subject_iris
        ]
        scores[field_name] = _score(
            gold["cites" if query == "citations" else "related"], found, _same_resolution
        )
    people = {r["person"]: r.get("name") for r in rows["people"]}
    scores["people"] = _score(
        [p["name"] for p in gold["people"]], list(people.values()), names_match, names_equal
    )
    gold_roles = [(p["name"], p["role"]) for p in gold["people"] if p.get("role")]
    found_roles = [(r.get("name"), r.get("role")) for r in rows["people"] if r.get("role")]
    scores["roles"] = _score(
        gold_roles,
        found_roles,
        lambda e, f: names_match(e[0], f[0]) and _roles_match(e[1], f[1]),  # type: ignore[index]
    )
    scores["places"] = _score(
        gold["places"], [r.get("name") for r in rows["places"]], names_match, names_equal
    )
    scores["organizations"] = _score(
        gold["organizations"],
        [r.get("name") for r in rows["organizations"]],
        names_match,
        names_equal,
    )
    scores["events"] = _score(
        [_date_value(e["date"]) for e in gold["events"]],
        [(r.get("dateStart"), r.get("dateEnd") or r.get("dateStart")) for r in rows["events"]],
        lambda e, f: e == f,
    )
    if "provisions" in gold:  # gold keys without the field are not scored on it
        found_provisions = [
            {
                "paragraph": r.get("paragraph"),
                "action": r.get("action"),
                "addressee": r.get("addressee"),
            }
            for r in rows.get("provisions", [])
            if r.get("resolution") in subject_iris
        ]
        scores["provisions"] = _score(gold["provisions"], found_provisions, _same_provision)
    return ArticleReport(name, scores, _subject_checks(gold, subject_rows))


def _same_provision(expected: object, found: object) -> bool:
    """Same action, same paragraph where the gold gives one, and no two different addressees."""
    e, f = expected, found
    assert isinstance(e, dict) and isinstance(f, dict)
    if e.get("action") != f.get("action"):
        return False
    if e.get("paragraph") is not None and str(e["paragraph"]) != str(f.get("paragraph")):
        return False
    if e.get("addressee") and f.get("addressee"):
        return names_match(e["addressee"], f["addressee"])
    return True


def _roles_match(expected: object, found: object) -> bool:
    """Roles match when one contains the other after folding ("Foreign Minister")."""
    a, b = normalize(expected), normalize(found)
    return bool(a and b) and (a == b or a in b or b in a)


def _subject_checks(gold: dict, subject_rows: list[dict]) -> dict[str, tuple[bool, object, object]]:
    expected = next((r for r in gold["resolutions"] if r.get("role") == "subject"), None)
    if expected is None:
        return {}
    found = subject_rows[0] if subject_rows else {}
    votes = expected.get("votes") or {}
    wanted = {
        "number": expected.get("number"),
        "body": expected.get("body"),
        "title": expected.get("title"),
        "date_start": expected.get("date_start"),
        "date_end": expected.get("date_end"),
        "place": expected.get("place"),
        "paragraphs": expected.get("paragraphs"),
        "votes_for": votes.get("for"),
        "votes_against": votes.get("against"),
        "votes_abstain": votes.get("abstain"),
        "votes_absent": votes.get("absent"),
    }
    got = {
        "number": found.get("number"),
        "body": found.get("body"),
        "title": found.get("title"),
        "date_start": found.get("dateStart"),
        "date_end": found.get("dateEnd"),
        "place": found.get("place"),
        "paragraphs": found.get("paragraphs"),
        "votes_for": found.get("votesFor"),
        "votes_against": found.get("votesAgainst"),
        "votes_abstain": found.get("votesAbstain"),
        "votes_absent": found.get("votesAbsent"),
    }
    checks: dict[str, tuple[bool, object, object]] = {}
    for key, value in wanted.items():
        checks[key] = (_field_ok(key, value, got[key]), value, got[key])
    return checks


def _field_ok(key: str, expected: object, found: object) -> bool:
    if expected is None or expected == "":
        return found in (None, "")
    if found in (None, ""):
        return False
    if key == "number":
        return _symbol(expected) == _symbol(found)
    if key in ("body", "place"):
        return names_match(expected, found)
    if key == "title":
        return normalize(expected) == normalize(found)
    if key.startswith("date"):
        return str(expected) == str(found)
    return str(expected) == str(found)


# -- the corpus ---------------------------------------------------------------------------------


def evaluate_corpus(directory: Path) -> CorpusReport:
    """Every article in ``directory`` that has a gold file, in name order."""
    reports = []
    for gold_path in sorted(directory.glob("*.gold.json")):
        text_path = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
        if text_path.exists():
            reports.append(evaluate_article(text_path, gold_path))
    return CorpusReport(reports)


def evaluate_parts(directory: Path) -> list[tuple[str, CorpusReport]]:
    """The articles of ``directory`` and of each folder below it, one report per folder.

    A part is named by its folder relative to ``directory`` (the folder itself by its own
    name), so ``data/corpus`` reports the original corpus, ``dev`` and ``heldout`` apart.
    """
    folders = sorted({p.parent for p in directory.rglob("*.gold.json")})
    parts = []
    for folder in folders:
        report = evaluate_corpus(folder)
        if report.articles:
            name = folder.relative_to(directory).as_posix()
            parts.append((directory.name if name == "." else name, report))
    return parts


_SUBJECT_KEYS = ("number", "body", "title", "date_start", "date_end", "place", "paragraphs")


def format_scores(report: CorpusReport, verbose: bool = False) -> str:
    """The per-field table (micro-averaged), subject accuracy, and with ``verbose`` the misses."""
    lines = [f"{'field':<14} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}"]
    for name in FIELDS:
        s = report.total(name)
        figures = f"{s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5d} {s.fp:5d} {s.fn:5d}"
        lines.append(f"{name:<14} {figures}")
    lines.append(f"{'macro-F1':<14} {report.macro_f1():.3f}")
    lines.append(f"{'subject fields':<14} accuracy {report.subject_accuracy():.3f}")
    stated = report.subject_stated()
    where = [f"{k} {stated[k][0]}/{stated[k][1]}" for k in _SUBJECT_KEYS if k in stated]
    votes = [stated[k] for k in stated if k.startswith("votes_")]
    if votes:
        where.append(f"votes {sum(r for r, _ in votes)}/{sum(t for _, t in votes)}")
    if where:
        lines.append(f"{'  where stated':<14} " + ", ".join(where))
    lines.append(f"articles: {len(report.articles)}")
    if verbose:
        for article in report.articles:
            lines.append("")
            lines.append(
                f"== {article.name}" + (f"  ERROR: {article.error}" if article.error else "")
            )
            for key, (ok, expected, found) in article.subject.items():
                if not ok:
                    lines.append(f"  subject {key}: expected {expected!r}, found {found!r}")
            for name, score in article.scores.items():
                for miss in score.misses:
                    lines.append(f"  {name} miss:  {miss}")
                for extra in score.extras:
                    lines.append(f"  {name} extra: {extra}")
    return "\n".join(lines)
