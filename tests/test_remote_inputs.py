"""Reading a file never touches the network, and a gzip bomb is refused within a bounded memory.

JSON-LD inputs whose ``@context`` names a document (or uses ``@import``) made ``validate``,
``query``, ``why``, ``link``, ``load`` and ``serve`` fetch it, with no timeout; each is now one
line and exit 2, and the fake server on 127.0.0.1 sees no request.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fakeserver import Answer, FakeServer

from reskg.rdfinput import (
    MAX_EXPANDED_BYTES,
    InputError,
    gunzip_bounded,
    refuse_remote_contexts,
)

ROOT = Path(__file__).resolve().parent.parent
TRIPLE = {"@id": "urn:a", "http://example.org/p": "x"}


def reskg(*args: str, cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "reskg.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=cwd,
    )


def contexts(url: str) -> dict[str, object]:
    """JSON-LD documents that would load another document, by kind."""
    return {
        "url": {"@context": url, **TRIPLE},
        "list": {"@context": [{"ex": "http://example.org/"}, url], **TRIPLE},
        "import": {"@context": {"@import": url}, **TRIPLE},
        "scoped": {
            "@context": {"p": {"@id": "http://example.org/p", "@context": url}},
            **TRIPLE,
        },
        "nested": {"@graph": [{"@context": url, **TRIPLE}]},
        "relative": {"@context": "context.jsonld", **TRIPLE},
    }


@pytest.fixture
def hanging(fake_server: FakeServer) -> FakeServer:
    """A context host that accepts and never answers (it hung the command before)."""
    fake_server.default = Answer(hang=True)
    return fake_server


COMMANDS = {
    "validate": lambda g: ["validate", g],
    "query": lambda g: ["query", "ASK { ?s ?p ?o }", g],
    "why": lambda g: ["why", "*", "*", "*", g],
    "link": lambda g: ["link", g, "--offline", "--dry-run"],
    "load": lambda g: ["load", g, "--store", "http://127.0.0.1:1/store", "--retries", "0"],
    "serve": lambda g: ["serve", g, "--port", "0"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("kind", ["url", "list", "import", "scoped", "nested", "relative"])
def test_remote_jsonld_context_is_refused_without_fetching(
    hanging: FakeServer, tmp_path: Path, command: str, kind: str
) -> None:
    graph = tmp_path / "g.jsonld"
    graph.write_text(json.dumps(contexts(f"{hanging.url}/context.jsonld")[kind]))
    result = reskg(*COMMANDS[command](str(graph)), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert str(graph) in lines[0] and ("@context" in lines[0] or "@import" in lines[0])
    assert hanging.seen == [], "the command fetched the context"


def test_inline_jsonld_context_still_reads(tmp_path: Path) -> None:
    graph = tmp_path / "g.jsonld"
    graph.write_text(json.dumps({"@context": {"ex": "http://example.org/"}, **TRIPLE}))
    result = reskg("query", "SELECT ?o WHERE { ?s ?p ?o }", str(graph), "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines() == ["o", "x"]


def test_deeply_nested_json_is_one_line() -> None:
    with pytest.raises(InputError, match="nested too deeply"):
        refuse_remote_contexts(b"[" * 100_000 + b"]" * 100_000, "deep.jsonld")


# -- gzip ---------------------------------------------------------------------------------------


def test_gunzip_reads_concatenated_members_and_refuses_broken_streams() -> None:
    data = gzip.compress(b"<urn:a> <urn:b> <urn:c> .\n") + gzip.compress(b"<urn:d> <urn:e> 1 .\n")
    assert gunzip_bounded(data, "g.nt.gz").count(b"\n") == 2
    with pytest.raises(InputError, match="cut short"):
        gunzip_bounded(data[:-12], "g.nt.gz")
    with pytest.raises(InputError, match="not a valid gzip"):
        gunzip_bounded(b"not gzip at all", "g.nt.gz")


def test_a_real_graph_compresses_far_below_the_ratio_limit() -> None:
    published = (ROOT / "data" / "oic-resolution-10-11.ttl").read_bytes()
    assert len(published) / len(gzip.compress(published)) < 20


def _bomb(path: Path, expanded: int) -> Path:
    """About ``expanded`` bytes of one repeated N-Triples line, gzipped (ratio ~250:1).

    One 16 MiB member compressed once and written again and again (gzip allows concatenated
    members), so making a 4 GiB bomb takes a second, not a minute.
    """
    line = b'<urn:a> <urn:b> "' + b"x" * 200 + b'" .\n'
    block = line * ((16 << 20) // len(line))
    member = gzip.compress(block, compresslevel=9, mtime=0)
    with path.open("wb") as out:
        for _ in range(expanded // len(block)):
            out.write(member)
    return path


@pytest.mark.parametrize("command", ["load", "serve", "validate", "query", "why", "link"])
def test_gzip_bomb_is_refused_within_300_mb(tmp_path: Path, command: str) -> None:
    bomb = _bomb(tmp_path / "bomb.nt.gz", 4 << 30)  # 4 GiB expanded, about 16 MB on disk
    assert bomb.stat().st_size < 32 << 20
    args = COMMANDS[command](str(bomb))
    script = (
        "import resource, subprocess, sys\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(r.returncode, peak, repr(r.stderr))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    probe = subprocess.run(
        [sys.executable, "-c", script, sys.executable, "-m", "reskg.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    code, peak_kib, stderr = probe.stdout.split(" ", 2)
    assert code == "2", stderr
    assert "decompression bomb" in stderr and "Traceback" not in stderr
    assert int(peak_kib) < 300 * 1024, f"peak {int(peak_kib) // 1024} MB"


def test_the_expanded_size_cap_is_stated() -> None:
    assert MAX_EXPANDED_BYTES == 1 << 30
