"""A wheel installed into a fresh venv outside the checkout runs every README command.

The wheel is built from the checkout (setup.py maps data/, ontology/ and queries/ into the
package); the venv gets it and its dependencies from pip's configured index, and the commands
run in a directory of their own, with no PYTHONPATH, so nothing can come from the checkout.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import free_port

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "data" / "corpus" / "unsc-resolution-242.txt"


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh venv holding the wheel built from this checkout; its bin directory."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # a copy, so the build leaves nothing in the checkout
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(".git", ".venv", "build", "*.egg-info", "__pycache__", ".*"),
    )
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", str(source), "--no-deps", "-w", str(work)], check=True)
    (wheel,) = work.glob("reskg-*.whl")
    subprocess.run([sys.executable, "-m", "venv", str(work / "venv")], check=True)
    bin_dir = work / "venv" / "bin"
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "-q", "--disable-pip-version-check", "install",
         str(wheel)],
        check=True,
    )  # fmt: skip
    yield bin_dir


def test_the_wheel_carries_the_data_files(venv: Path) -> None:
    (wheel,) = venv.parent.parent.glob("reskg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in [
        "reskg/ontology/shapes.ttl",
        "reskg/ontology/reskg.ttl",
        "reskg/ontology/actions.ttl",
        "reskg/data/gazetteer/organizations.tsv",
        "reskg/data/articles/oic-resolution-10-11.txt",
        "reskg/data/oic-resolution-10-11.ttl",
        "reskg/data/wikidata-links.tsv",
        "reskg/queries/citations.rq",
    ]:
        assert path in names, f"{path} is not in the wheel"


def reskg(venv: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "RESKG_HOME")}
    env["PATH"] = f"{venv}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(
        [str(venv / "reskg"), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def test_every_readme_command_runs_from_the_wheel(venv: Path, tmp_path: Path) -> None:
    shutil.copy(ARTICLE, tmp_path / "a.txt")
    where = subprocess.run(
        [str(venv / "python"), "-c", "import reskg.paths as p; print(p.ROOT, p.INSTALLED)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert Path(where[0]).is_relative_to(venv.parent) and where[1] == "True"

    done = reskg(venv, tmp_path, "build", "a.txt", "-o", "a.ttl")
    assert done.returncode == 0, done.stderr
    assert "conforms: yes" in done.stderr
    done = reskg(venv, tmp_path, "build")  # the bundled article, into the current directory
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "oic-resolution-10-11.ttl").stat().st_size > 100_000
    done = reskg(venv, tmp_path, "validate", "a.ttl")
    assert done.returncode == 0 and "0 violations" in done.stdout, done.stdout + done.stderr
    done = reskg(venv, tmp_path, "query", "citations")  # the published graph in the package
    assert done.returncode == 0 and "822" in done.stdout, done.stderr
    done = reskg(venv, tmp_path, "query", "resolutions", "a.ttl", "--format", "csv")
    assert done.returncode == 0 and "242" in done.stdout, done.stderr
    done = reskg(venv, tmp_path, "why", "*", "reskg:paragraphCount", "*")
    assert done.returncode == 0 and "[[consists of 23 paragraphs]]" in done.stdout, done.stderr
    done = reskg(venv, tmp_path, "eval", "--json", "scores.json")
    assert done.returncode == 0 and "citations" in done.stdout, done.stderr
    assert (tmp_path / "scores.json").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "a.ttl",
        "a.txt",
        "oic-resolution-10-11.ttl",
        "scores.json",
    ]


def test_serve_runs_from_the_wheel(venv: Path, tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "RESKG_HOME")}
    process = subprocess.Popen(
        [str(venv / "reskg"), "serve", "--port", str(port), "--workers", "1"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as answer:
                    landing = answer.read().decode("utf-8")
                break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode()  # type: ignore[union-attr]
                assert time.monotonic() < deadline, "reskg serve did not answer in 60 s"
                time.sleep(0.2)
        assert "/query/citations" in landing  # the canned queries came with the wheel
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/query/citations", timeout=30) as page:
            assert "822" in page.read().decode("utf-8")
    finally:
        os.kill(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
