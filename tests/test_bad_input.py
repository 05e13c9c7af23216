"""Bad and odd input, end to end through ``reskg build``: a graph that conforms or one clear error.

For every input: no traceback; exit 0 with a whole, parseable, conforming graph, or exit 2 with
an error line that names the file; on error no output file is written; never a temporary file
left behind. Batches: nothing is written when one article fails, unless ``--keep-going``.
"""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph

from reskg.article import MAX_ARTICLE_BYTES
from reskg.cli import main

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "data" / "articles" / "oic-resolution-10-11.txt"
GOOD = ARTICLE.read_text(encoding="utf-8")
HEAD = "= Resolution 12/3 =\n\nInfobox\n- Date: 4 May 2009\n- Location Of Document: Dakar\n\n"
LEAD = "Resolution 12/3 was adopted by the Organisation of Islamic Cooperation on 4 May 2009.\n"


def _article(body: str) -> bytes:
    return (HEAD + body + "\n").encode("utf-8")


def _fifty_megabytes(path: Path) -> None:
    """A well-formed article of 50 MB: the bundled article, then prose paragraphs."""
    paragraph = ("The delegates spoke at length and nothing was decided that day. " * 16).encode()
    with path.open("wb") as handle:
        handle.write(GOOD.encode("utf-8"))
        while handle.tell() < 50 * 2**20:
            handle.write(b"\n\n" + paragraph)


# Each kind: (bytes of the article file, or a function writing it; the outcomes allowed).
# OK: must build (exit 0); ERR: must be refused (exit 2); EITHER: either, but cleanly.
OK, ERR, EITHER = "ok", "error", "either"
KINDS: dict[str, tuple[bytes | Callable[[Path], None], str]] = {
    "empty": (b"", ERR),
    "whitespace-only": (b" \n\t\n   \n\r\n", ERR),
    "no-title": (b"Resolution 10/11 was adopted in Dakar.\n", OK),  # plain text
    "empty-title": (b"=  =\n\nText.\n", ERR),
    "two-titles": (b"= First =\n= Second =\n\nResolution 4/5 was adopted in 2001.\n", OK),
    "title-only": (b"= Resolution 1/2 =\n", OK),
    "title-with-iri-hostile-characters": (
        b'= Resolution <b>"7/8"</b> {x}|^`\\ =\n\nText.\n',
        OK,
    ),
    "title-100k-chars": (b"= " + b"Resolution " * 9_000 + b"=\n\nText.\n", EITHER),
    "infobox-keys-without-values": (
        b"= Resolution 3/4 =\n\nInfobox\n- Date:\n- Document Name:\n- :\n\nLead.\n",
        OK,
    ),
    "infobox-lines-without-colon": (
        b"= Resolution 3/4 =\n\nInfobox\n- Date 2008\n- just words\n-\n\nLead.\n",
        OK,
    ),
    "infobox-10000-lines": (
        b"= Resolution 3/4 =\n\nInfobox\n"
        + b"".join(b"- Key %d: value %d\n" % (i, i) for i in range(10_000))
        + b"\n"
        + LEAD.encode(),
        OK,
    ),
    "headings-without-text": (_article("== ==\n\n====\n\n==\n\n===   ===\nText.\n== =="), OK),
    "heading-of-100k-equals": (_article("=" * 100_000), OK),
    "fifty-megabytes": (_fifty_megabytes, ERR),
    "750-kilobyte-single-line": (_article(LEAD.strip() + " word" * 150_000), OK),
    "nul-byte": (_article(LEAD + "a\x00b"), ERR),
    "invalid-utf8": (_article(LEAD)[:-1] + b"\xff\xfe\xfa\n", ERR),
    "utf8-encoded-surrogate": (_article(LEAD) + b"\xed\xa0\x80\n", ERR),
    "utf8-truncated-at-end": (_article(LEAD) + "é".encode()[:1], ERR),
    "binary-junk": (bytes(range(256)) * 64, ERR),
    "utf8-with-bom": (codecs.BOM_UTF8 + _article(LEAD), OK),
    "utf16-le-with-bom": (codecs.BOM_UTF16_LE + (HEAD + LEAD).encode("utf-16-le"), OK),
    "utf16-be-with-bom": (codecs.BOM_UTF16_BE + (HEAD + LEAD).encode("utf-16-be"), OK),
    "utf16-lone-surrogate": (
        codecs.BOM_UTF16_LE + "= T =\n".encode("utf-16-le") + b"\x00\xd8",
        ERR,
    ),
    "crlf-line-ends": (GOOD.replace("\n", "\r\n").encode(), OK),
    "cr-line-ends": (GOOD.replace("\n", "\r").encode(), OK),
    "unicode-line-separators": (_article(LEAD.replace(" was ", "\u2028was\u0085 ")), OK),
    "right-to-left": (
        _article(LEAD + "قرار منظمة التعاون الإسلامي \u202eDakar\u202c في داكار 2008. עברית."),
        OK,
    ),
    "zero-width-characters": (
        _article("Reso\u200blution 12/3 was ado\u200dpted in Da\u200ckar on 4\ufeff May 2009."),
        OK,
    ),
    "control-characters": (_article(LEAD + "Text \x01\x07\x1b[31m red \x0b\x0c\x1f end."), OK),
    "html-left-in": (
        _article(
            '<div class="x"><b>Resolution 12/3</b> was adopted on <i>4 May 2009</i>.</div>\n'
            "<script>alert('x')</script><!-- comment --> &amp; &nbsp; &#x202e;"
        ),
        OK,
    ),
    "wiki-markup-left-in": (
        _article(
            "'''Resolution 12/3''' was adopted in [[Dakar|Dakar, Senegal]] on 4 May 2009."
            "<ref>{{cite web |url=http://example.org |title=x}}</ref>\n{| class=wikitable\n"
            "|-\n| a || b\n|}\n[[Category:Resolutions]] {{Infobox | Date = 2009}}"
        ),
        OK,
    ),
    "unbalanced-brackets": (_article("(" * 5_000 + "Resolution 12/3" + "[" * 5_000), OK),
    "date-31-february": (_article("Resolution 12/3 was adopted on 31 February 2008."), OK),
    "date-month-13": (_article("Resolution 12/3 was adopted on 2008-13-01."), OK),
    "date-march-32": (_article("Resolution 12/3 was adopted on March 32, 2008."), OK),
    "date-range-backwards": (
        _article("It met on 14–13 March 2008, from 2010 to 2008, and on March 20–3, 2009."),
        OK,
    ),
    "infobox-date-typo": (
        b"= Resolution 3/4 =\n\nInfobox\n- Date: 31 February 2008\n- Date Ratified: 2008-13-01\n"
        b"\nResolution 3/4 was adopted.\n",
        OK,
    ),
    "symbol-slash-only": (_article("Resolution / was recalled, and Resolution // too."), OK),
    "symbol-double-slash": (_article("It recalled Resolution 10//11 and resolutions 1/, /2."), OK),
    "symbol-huge-numbers": (
        _article("It recalled Resolution 99999/99999 and S/RES/ and resolution 0/0."),
        OK,
    ),
    "numbers-everywhere": (_article(" ".join(str(i) for i in range(20_000))), OK),
}


def _write_input(tmp_path: Path, kind: str) -> Path:
    content = KINDS[kind][0]
    path = tmp_path / f"{kind}.txt"
    if callable(content):
        content(path)
    else:
        path.write_bytes(content)
    return path


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run the CLI in this process; a traceback of any kind fails the test."""
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 2
    except BaseException:
        pytest.fail(f"reskg {' '.join(argv)} raised:\n{traceback.format_exc()}")
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return code, captured.err


def test_there_are_at_least_thirty_kinds() -> None:
    assert len(KINDS) >= 30


@pytest.mark.parametrize("kind", list(KINDS))
def test_bad_input_builds_or_fails_cleanly(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = _write_input(tmp_path, kind)
    out = tmp_path / "out" / "graph.ttl"
    started = time.monotonic()
    code, err = _run(["build", str(article), "-o", str(out)], capsys)
    seconds = time.monotonic() - started
    expected = KINDS[kind][1]
    assert code in (0, 2), f"exit {code} (1 = a graph that does not conform):\n{err[-3000:]}"
    if code == 0:
        assert expected in (OK, EITHER), f"{kind} was built but should be refused:\n{err}"
        graph = Graph().parse(out, format="turtle")
        assert len(graph) > 0
        assert "conforms: yes" in err
    else:
        assert expected in (ERR, EITHER), f"{kind} was refused:\n{err}"
        first = err.splitlines()[0]
        assert first.startswith(str(article)), f"the first error line must name the file: {first}"
        assert len(first) < 300, "one readable line, not a dump of the input"
        assert not out.exists()
    leftovers = [p.name for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
    assert seconds < 30, f"{kind} took {seconds:.1f} s"


def test_fifty_megabytes_are_refused_without_reading_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = _write_input(tmp_path, "fifty-megabytes")
    assert article.stat().st_size >= 50 * 2**20 > MAX_ARTICLE_BYTES
    started = time.monotonic()
    code, err = _run(["build", str(article), "-o", str(tmp_path / "g.ttl")], capsys)
    assert code == 2
    assert "larger than 768 KiB" in err.splitlines()[0]
    assert time.monotonic() - started < 5


def test_the_real_command_prints_one_line_and_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"= T =\n\nText \xff here.\n")
    out = tmp_path / "g.ttl"
    done = subprocess.run(
        [sys.executable, "-m", "reskg.cli", "build", str(bad), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[0] == f"{bad}:3: not UTF-8 text (byte 0xff at offset 12)"
    assert done.stdout == ""
    assert not out.exists()


def test_missing_file_and_directory_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for path, words in ((tmp_path / "nope.txt", "no such file"), (tmp_path, "is a directory")):
        code, err = _run(["build", str(path), "-o", str(tmp_path / "g.ttl")], capsys)
        assert code == 2
        assert err.splitlines()[0] == f"{path}: {words}" + (
            ", not an article file" if words == "is a directory" else ""
        )
    assert not (tmp_path / "g.ttl").exists()


@pytest.fixture
def batch(tmp_path: Path) -> list[Path]:
    """Two good articles and two bad ones."""
    files = []
    for name, data in (
        ("good1.txt", GOOD.encode()),
        ("bad1.txt", b""),
        ("good2.txt", _article(LEAD)),
        ("bad2.txt", b"= T =\n\xff\n"),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        files.append(path)
    return files


def test_batch_with_a_bad_article_writes_nothing(
    batch: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "graph.ttl"
    out.write_text("old\n")
    code, err = _run(["build", *map(str, batch), "-o", str(out)], capsys)
    assert code == 2
    lines = err.splitlines()
    assert lines[0].startswith(str(batch[1])) and lines[1].startswith(str(batch[3]))
    assert "2 of 4 article(s) could not be read; nothing written" in err
    assert out.read_text() == "old\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_batch_with_keep_going_writes_the_good_ones_and_counts_the_bad(
    batch: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "graph.ttl"
    code, err = _run(["build", *map(str, batch), "-o", str(out), "--keep-going"], capsys)
    assert code == 2, "some input was bad: the exit code says so even though a graph was written"
    summary = next(line for line in err.splitlines() if "triples" in line)
    assert summary.startswith("2 article(s), 2 could not be read,"), summary
    graph = Graph().parse(out)
    sources = {str(o).split("#")[0] for o in graph.objects() if "/article/" in str(o)}
    assert {s.rsplit("/", 1)[1] for s in sources} == {"good1", "good2"}


def test_keep_going_with_only_bad_articles_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    out = tmp_path / "graph.ttl"
    code, err = _run(["build", str(bad), "-o", str(out), "--keep-going"], capsys)
    assert code == 2
    assert "no article could be read; nothing written" in err
    assert not out.exists()


def test_two_articles_with_one_name_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Article IRIs are made of file names: a second ``res.txt`` would share the first one's
    evidence and selector IRIs, so it is refused, naming both."""
    first, second = tmp_path / "a" / "res.txt", tmp_path / "b" / "res.txt"
    for path, day in ((first, "4 May"), (second, "5 May")):
        path.parent.mkdir()
        path.write_bytes(_article(LEAD.replace("4 May", day)))
    out = tmp_path / "graph.ttl"
    code, err = _run(["build", str(first), str(second), "-o", str(out)], capsys)
    assert code == 2
    assert err.splitlines()[0].startswith(f"{second}: the same article name as {first} (")
    assert not out.exists()
    code, err = _run(["build", str(first), str(second), "-o", str(out), "--keep-going"], capsys)
    assert code == 2 and "1 article(s), 1 could not be read" in err
    dates = {str(o) for o in Graph().parse(out).objects() if str(o).startswith("2009-05")}
    assert dates == {"2009-05-04"}


def test_unwritable_output_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if os.geteuid() == 0:
        target = Path("/proc/version/graph.ttl")  # root may write anywhere else
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        target = locked / "graph.ttl"
    code, err = _run(["build", str(ARTICLE), "-o", str(target)], capsys)
    assert code == 2
    assert err.splitlines()[-1].startswith(f"{target}: cannot write")
