"""Files reskg writes appear whole or not at all, even when the process is killed mid-write."""

from __future__ import annotations

import os
import resource
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph

from reskg.atomic import atomic_open, atomic_write_bytes

OLD = b"# the old graph\n<urn:a> <urn:b> <urn:c> .\n"


def _large_article(path: Path, mentions: int = 400) -> Path:
    """An article whose graph is large (a resolution node and evidence per listed symbol)."""
    numbers = ", ".join(str(n) for n in range(1, mentions))
    path.write_text(
        f"= Resolution 1/1 =\n\nIt recalled resolutions {numbers} and 9999 of the Council.\n",
        encoding="utf-8",
    )
    return path


def _start_build(article: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "reskg.cli", "build", str(article), "-o", str(out), "--no-link"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _kill_when_the_temporary_file_appears(
    process: subprocess.Popen[bytes], out: Path, signum: int
) -> str | None:
    """Poll the output's directory; send ``signum`` the moment ``.NAME.*.tmp`` exists."""
    prefix = f".{out.name}."
    while process.poll() is None:
        temporary = [n for n in os.listdir(out.parent) if n.startswith(prefix)]
        if temporary:
            os.kill(process.pid, signum)
            process.wait(timeout=30)
            return temporary[0]
    return None


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_build_killed_mid_write_leaves_the_old_output_intact(tmp_path: Path, signum: int) -> None:
    article = _large_article(tmp_path / "many.txt")
    out = tmp_path / "out" / "graph.nt"
    out.parent.mkdir()
    out.write_bytes(OLD)
    for _attempt in range(8):
        process = _start_build(article, out)
        temporary = _kill_when_the_temporary_file_appears(process, out, signum)
        data = out.read_bytes()
        if temporary is not None and data == OLD:
            break  # the signal landed while the temporary file was being written
        # the build finished, or the signal landed just after the rename: the file is whole
        assert data == OLD or (
            data.endswith(b" .\n") and len(Graph().parse(data=data, format="nt"))
        )
        for name in os.listdir(out.parent):
            os.unlink(out.parent / name)
        out.write_bytes(OLD)
    else:
        pytest.fail("never caught the build while it was writing")
    assert process.returncode in (-signum, 128 + signum)
    leftovers = [n for n in os.listdir(out.parent) if n != out.name]
    if signum == signal.SIGKILL:
        # nothing can run after SIGKILL: a hidden, ignorable temporary file may remain
        assert all(n.startswith(f".{out.name}.") and n.endswith(".tmp") for n in leftovers)
    else:
        assert leftovers == [], "after SIGTERM the temporary file is removed"


def test_a_build_that_runs_to_the_end_replaces_the_output_whole(tmp_path: Path) -> None:
    article = _large_article(tmp_path / "many.txt", mentions=50)
    out = tmp_path / "graph.nt"
    out.write_bytes(OLD)
    process = _start_build(article, out)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err.decode()
    data = out.read_bytes()
    assert data != OLD and data.endswith(b" .\n")
    assert sorted(os.listdir(tmp_path)) == ["graph.nt", "many.txt"]


def test_a_write_that_fails_half_way_keeps_the_old_output(tmp_path: Path) -> None:
    """A file-size limit makes the write fail after 64 KiB, as a full disk would."""
    article = _large_article(tmp_path / "many.txt", mentions=100)
    out = tmp_path / "out" / "graph.nt"
    out.parent.mkdir()
    out.write_bytes(OLD)

    def limit_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    done = subprocess.run(
        [sys.executable, "-m", "reskg.cli", "build", str(article), "-o", str(out), "--no-link"],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit_file_size,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == f"{out}: cannot write: File too large"
    assert "Traceback" not in done.stderr
    assert out.read_bytes() == OLD
    assert os.listdir(out.parent) == ["graph.nt"]


def test_an_exception_inside_the_write_removes_the_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "cache.tsv"
    target.write_text("old\n")
    with pytest.raises(RuntimeError), atomic_open(target) as handle:
        handle.write("half of the new")
        raise RuntimeError("fault while writing")
    assert target.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["cache.tsv"]


def test_written_files_get_the_usual_permissions(tmp_path: Path) -> None:
    """Not the 0600 of a temporary file: a published graph must be readable like any file."""
    umask = os.umask(0o022)
    try:
        atomic_write_bytes(tmp_path / "new.ttl", b"x")
        existing = tmp_path / "existing.ttl"
        existing.write_bytes(b"old")
        existing.chmod(0o640)
        atomic_write_bytes(existing, b"new")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.ttl").stat().st_mode) == 0o644
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640


def test_concurrent_writers_never_mix(tmp_path: Path) -> None:
    """Two processes writing the same file: it is always one of them whole."""
    target = tmp_path / "graph.nt"
    script = (
        "import sys; from reskg.atomic import atomic_write_bytes as w\n"
        "for _ in range(200): w(sys.argv[1], sys.argv[2].encode() * 100_000)\n"
    )
    writers = [
        subprocess.Popen([sys.executable, "-c", script, str(target), letter])
        for letter in ("a", "b")
    ]
    seen = set()
    deadline = time.monotonic() + 60
    while any(w.poll() is None for w in writers) and time.monotonic() < deadline:
        if target.exists():
            data = target.read_bytes()
            assert data in (b"a" * 100_000, b"b" * 100_000), "a mixed or partial file was seen"
            seen.add(data[:1])
    for writer in writers:
        assert writer.wait(timeout=60) == 0
    assert seen


def test_a_large_build_stopped_by_sigterm_removes_its_spool(tmp_path: Path) -> None:
    """Above 100 articles evidence is spooled beside the output; SIGTERM leaves nothing behind."""
    from reskg import paths
    from reskg.spool import BATCH_ARTICLES

    sources = sorted(paths.CORPUS_DIR.glob("*.txt"))
    articles = tmp_path / "articles"
    articles.mkdir()
    for i in range(2 * BATCH_ARTICLES + 1):
        source = sources[i % len(sources)]
        (articles / f"{i:03d}-{source.name}").write_bytes(source.read_bytes())
    out = tmp_path / "out" / "graph.nt"
    out.parent.mkdir()
    out.write_bytes(OLD)
    command = [sys.executable, "-m", "reskg.cli", "build", "--no-link", "--jobs", "2"]
    process = subprocess.Popen(
        [*command, *sorted(map(str, articles.iterdir())), "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        spools = [out.parent / n for n in os.listdir(out.parent) if n.startswith(".reskg-build-")]
        if spools and any(spools[0].glob("local-*.nt")):
            os.kill(process.pid, signal.SIGTERM)
            break
        time.sleep(0.05)
    else:
        pytest.fail("the build ended before its first batch was written")
    process.wait(timeout=60)
    assert process.returncode in (-signal.SIGTERM, 128 + signal.SIGTERM)
    assert os.listdir(out.parent) == ["graph.nt"]
    assert out.read_bytes() == OLD


def _sigterm_is_default(*_args: object) -> bool:
    return signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def _write_sigterm_disposition(batch: object, path: Path, shapes: object) -> None:
    path.write_text(str(_sigterm_is_default()))


def _empty_report_if_default(group: object) -> bytes:
    assert _sigterm_is_default(), "a validation worker inherited the SystemExit handler"
    return b""


def test_forked_workers_die_on_sigterm_even_inside_sigterm_exits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker blocked on its pool's queue cannot run a Python handler, so Pool.terminate()
    would wait for it forever: every forked worker gets SIGTERM's default action back."""
    from rdflib import URIRef

    from reskg import pipeline, spool, validate
    from reskg.assemble import LocalTriples
    from reskg.atomic import sigterm_exits

    monkeypatch.setattr(pipeline, "_extract_one", _sigterm_is_default)
    monkeypatch.setattr(spool, "_write_and_validate", _write_sigterm_disposition)
    monkeypatch.setattr(validate, "_validate_group", _empty_report_if_default)
    monkeypatch.setattr(validate, "PARALLEL_MIN_TRIPLES", 0)
    with sigterm_exits():
        assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
        assert list(pipeline.extract_all(["a", "b", "c", "d"], jobs=2)) == [True] * 4
        sink = spool.LocalSpool(tmp_path, jobs=2, batch_articles=1)
        sink(LocalTriples())
        sink.finish()
        assert (tmp_path / "local-000000.nt").read_text() == "True"
        graph = Graph()
        graph.add((URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:c")))
        assert validate.validate(graph, jobs=2).conforms
