"""Benchmarks of the measured path; writes benchmarks/RESULTS.md (figures, not timed tests).

Usage: ``python benchmarks/run.py`` (N = 1, 100, 1,000, 10,000) or ``--quick`` (N = 1, 100).
For each N it builds a synthetic corpus (benchmarks/synth.py) with ``reskg build --jobs 2``
and records wall time, peak memory (child maxrss), triples, extraction rate, SHACL time and
canned-query latency; on the largest graph of at most 1,000 articles (rdflib-endpoint needs
minutes to parse the 10,000-article graph) it runs ``wrk`` against ``reskg serve``,
the Oxigraph server and rdflib-endpoint serving the same file in the same run.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import importlib.metadata
import os
import platform
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402

RESULTS = HERE / "RESULTS.md"
SERVED_MAX_N = 1000  # the servers are compared on the largest graph of at most this many articles
BASE = "https://w3id.org/reskg"
CANNED = ["resolutions", "citations", "people", "places", "organizations", "events"]
JOIN_QUERY = """PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX reskg: <https://w3id.org/reskg/ontology#>
SELECT ?r ?body ?cited WHERE { ?r a reskg:Resolution ; eli:passed_by ?b ; eli:cites ?cited .
  ?b rdfs:label ?body } LIMIT 100"""


def reskg_command() -> str:
    """The ``reskg`` script beside this Python (a version manager's shim on PATH adds ~0.1 s)."""
    script = Path(sys.executable).with_name("reskg")
    return str(script) if script.exists() else "reskg"


def lookup_query(iri: str) -> str:
    """A one-subject IRI lookup."""
    return f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}"


# -- helpers -----------------------------------------------------------------------------------


def machine() -> list[str]:
    """Lines describing the machine, the date, the versions and what else was running."""
    versions = []
    for name in ("rdflib", "pyshacl", "pyoxigraph", "oxigraph", "rdflib-endpoint", "uvicorn"):
        try:
            versions.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = ""
    with contextlib.suppress(OSError):
        total = int(Path("/proc/meminfo").read_text().split()[1]) // 1024
        mem = f", {total:,} MB RAM"
    return [
        f"- date: {datetime.datetime.now().astimezone().isoformat(timespec='minutes')}",
        f"- machine: {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs ({cpu}){mem}",
        f"- Python {platform.python_version()}; {', '.join(versions)}",
        f"- load average at start: {load()}",
    ]


def load() -> str:
    """The 1, 5 and 15 minute load averages."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def busy_processes() -> str:
    """The other processes using CPU right now (command names)."""
    out = subprocess.run(
        ["ps", "-eo", "pcpu,comm", "--sort=-pcpu", "--no-headers"], capture_output=True, text=True
    ).stdout
    busy = []
    for line in out.splitlines()[:8]:
        pcpu, _, comm = line.strip().partition(" ")
        if float(pcpu) >= 5 and os.getpid() != 0:
            busy.append(f"{comm.strip()} ({pcpu}%)")
    return ", ".join(busy) or "nothing else"


def timed_child(command: list[str], cwd: Path | None = None) -> tuple[float, float, str]:
    """Run a command; wall seconds, its peak memory (MB, maxrss of the largest process), stderr."""
    start = time.perf_counter()
    proc = subprocess.run(
        ["/usr/bin/time", "-f", "MAXRSS %M", *command], cwd=cwd, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    if proc.returncode not in (0,):
        raise RuntimeError(f"{command[:3]} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    match = re.search(r"MAXRSS (\d+)", proc.stderr)
    rss = int(match.group(1)) / 1024 if match else float("nan")
    return wall, rss, proc.stderr


def children_rss_mb() -> float:
    """Peak RSS of any child process waited for so far (MB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def free_port() -> int:
    """A free TCP port on localhost."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_http(url: str, timeout: float = 120) -> None:
    """Wait until ``url`` answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except Exception:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not come up")


@contextlib.contextmanager
def server(command: list[str], probe: str, cwd: Path | None = None) -> Iterator[None]:
    """Run a server process until the block ends; stopped by its process id."""
    proc = subprocess.Popen(
        command,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_http(probe)
        yield
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def wrk(url: str, seconds: int, accept: str = "") -> float:
    """Requests per second under wrk (4 connections, 2 threads)."""
    command = ["/usr/bin/wrk", "-t2", "-c4", f"-d{seconds}s"]
    if accept:
        command += ["-H", f"Accept: {accept}"]
    out = subprocess.run([*command, url], capture_output=True, text=True).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        return -1.0
    return float(match.group(1)) if match else float("nan")


def sparql_url(endpoint: str, query: str) -> str:
    """A SPARQL protocol GET URL."""
    return f"{endpoint}?{urllib.parse.urlencode({'query': query})}"


# -- measurements ------------------------------------------------------------------------------


def cold_build(runs: int = 5) -> dict[str, float]:
    """Process start to exit of ``reskg build`` of the bundled article (validation included)."""
    times, rss = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            wall, mem, _ = timed_child([reskg_command(), "build", "-o", f"{tmp}/g.ttl"])
            times.append(wall)
            rss.append(mem)
    return {"min": min(times), "median": statistics.median(times), "rss": max(rss)}


def extraction_rate(paths: list[Path]) -> float:
    """Articles per second through read + extract, in this process, warm."""
    from reskg.pipeline import read_and_extract

    read_and_extract(paths[0])
    sample = paths[: min(len(paths), 300)]
    start = time.perf_counter()
    for path in sample:
        read_and_extract(path)
    return len(sample) / (time.perf_counter() - start)


def shacl_time(nt: Path) -> tuple[float, int]:
    """Seconds for one validation of the graph (pySHACL, SHACL Core, no inference; 1 process)."""
    from rdflib import Graph

    from reskg.validate import shapes_graph, validate

    graph = Graph().parse(nt, format="nt")
    shapes_graph()
    start = time.perf_counter()
    result = validate(graph)
    assert result.conforms
    return time.perf_counter() - start, len(graph)


def query_latency(nt: Path, repeat: int) -> dict[str, tuple[float, float]]:
    """p50 and p99 ms of each canned query in pyoxigraph (fewer runs when a query is slow)."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
    out = {}
    for name in CANNED:
        text = (ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8")
        times = []
        spent = 0.0
        while len(times) < repeat and (len(times) < 3 or spent < 20):
            start = time.perf_counter()
            list(store.query(text))
            times.append((time.perf_counter() - start) * 1000)
            spent += times[-1] / 1000
        times.sort()
        out[name] = (statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))])
    return out


def some_resolution(nt: Path) -> str:
    """The IRI of a resolution in the graph (for lookups and pages)."""
    needle = "<https://w3id.org/reskg/ontology#Resolution>"
    with nt.open(encoding="utf-8") as handle:
        for line in handle:
            if needle in line and "rdf-syntax-ns#type" in line:
                return line.split(" ", 1)[0].strip("<>")
    raise RuntimeError("no resolution in graph")


def query_rates(endpoint: str, lookup: str, join: str, seconds: int) -> dict[str, float | str]:
    """wrk requests/s of a SPARQL endpoint for the lookup and the join (no resource pages)."""
    return {
        "page": "n/a",
        "lookup": wrk(sparql_url(endpoint, lookup), seconds),
        "join": wrk(sparql_url(endpoint, join), seconds),
    }


def servers(nt: Path, seconds: int) -> dict[str, dict[str, float | str]]:
    """wrk requests/s for a resource page, an IRI lookup and a join, on three servers."""
    iri = some_resolution(nt)
    lookup, join = lookup_query(iri), JOIN_QUERY
    results: dict[str, dict[str, float | str]] = {}
    port = free_port()
    with server(
        [reskg_command(), "serve", str(nt), "--port", str(port)], f"http://127.0.0.1:{port}/dataset"
    ):
        base = f"http://127.0.0.1:{port}"
        results["reskg serve"] = {
            "page": wrk(base + iri[len(BASE) :], seconds, "text/html"),
            "lookup": wrk(sparql_url(base + "/sparql", lookup), seconds),
            "join": wrk(sparql_url(base + "/sparql", join), seconds),
        }
    with tempfile.TemporaryDirectory() as store:
        subprocess.run(
            ["oxigraph", "load", "--location", store, "--file", str(nt)],
            check=True,
            capture_output=True,
        )
        port = free_port()
        with server(
            ["oxigraph", "serve", "--location", store, "--bind", f"127.0.0.1:{port}"],
            f"http://127.0.0.1:{port}/query?query=ASK%7B%7D",
        ):
            endpoint = f"http://127.0.0.1:{port}/query"
            results["Oxigraph server"] = query_rates(endpoint, lookup, join, seconds)
    try:
        importlib.metadata.version("rdflib-endpoint")
    except importlib.metadata.PackageNotFoundError:
        results["rdflib-endpoint"] = {"page": "n/a", "lookup": "unavailable", "join": "unavailable"}
        return results
    port = free_port()
    app = (
        "import sys, uvicorn; from rdflib import Graph; "
        "from rdflib_endpoint import SparqlEndpoint; "
        "g = Graph().parse(sys.argv[1], format='nt'); "
        "uvicorn.run(SparqlEndpoint(graph=g), host='127.0.0.1', port=int(sys.argv[2]), "
        "log_level='warning')"
    )
    with server(
        [sys.executable, "-c", app, str(nt), str(port)],
        f"http://127.0.0.1:{port}/?query=ASK%7B%7D",
    ):
        endpoint = f"http://127.0.0.1:{port}/"
        results["rdflib-endpoint"] = query_rates(endpoint, lookup, join, seconds)
    return results


def build_size(n: int, workdir: Path, jobs: int) -> dict[str, float]:
    """Generate N articles and build them into one validated N-Triples graph."""
    corpus = workdir / f"corpus-{n}"
    paths = synth.write_corpus(n, corpus)
    out = workdir / f"graph-{n}.nt"
    names = [p.name for p in paths]
    wall, rss, stderr = timed_child(
        [reskg_command(), "build", *names, "-o", str(out), "--jobs", str(jobs), "--no-link"],
        cwd=corpus,
    )
    match = re.search(r"(\d+) triples", stderr)
    row: dict[str, float] = {
        "n": n,
        "wall": wall,
        "rss": rss,
        "triples": int(match.group(1)) if match else 0,
        "rate": n / wall,
        "extract": extraction_rate(paths),
    }
    return row


# -- the report ----------------------------------------------------------------------------------


def fmt(value: float | str, digits: int = 0) -> str:
    """A number with thousands separators, or the text as is."""
    if isinstance(value, str):
        return value
    if value != value:  # NaN
        return "-"
    if value < 0:
        return "errors"
    return f"{value:,.{digits}f}"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and write RESULTS.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N = 1 and 100 only, short wrk runs")
    parser.add_argument("--sizes", help="comma-separated N values (overrides the default)")
    parser.add_argument("--jobs", type=int, default=2, help="reskg build --jobs (default 2)")
    parser.add_argument("--budget", type=float, default=25 * 60, help="seconds for the whole run")
    parser.add_argument("--output", type=Path, default=RESULTS, help="report file")
    args = parser.parse_args(argv)
    sizes = [1, 100] if args.quick else [1, 100, 1000, 10000]
    if args.sizes:
        sizes = [int(s) for s in args.sizes.split(",")]
    seconds = 3 if args.quick else 10
    started = time.monotonic()
    lines = [
        "# Benchmarks",
        "",
        "Regenerate with `python benchmarks/run.py` (`--quick`: small N).",
        "",
    ]
    lines += machine()
    print("\n".join(lines), file=sys.stderr)

    cold = cold_build(3 if args.quick else 5)
    print(f"cold build: {cold}", file=sys.stderr)
    rows: list[dict[str, float]] = []
    skipped: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for n in sizes:
            spent = time.monotonic() - started
            if rows and rows[-1]["n"] > 1:
                # Everything measured at the last size (build, SHACL, queries), scaled linearly.
                projected = rows[-1]["total"] * n / rows[-1]["n"]
                if spent + projected > args.budget:
                    skipped.append(
                        f"N = {n:,} not run: projected {projected:,.0f} s from N = "
                        f"{int(rows[-1]['n']):,} (linear) would exceed the "
                        f"{args.budget:,.0f} s budget"
                    )
                    print(skipped[-1], file=sys.stderr)
                    continue
            size_start = time.monotonic()
            row = build_size(n, workdir, args.jobs)
            nt = workdir / f"graph-{n}.nt"
            if n <= 1000:
                row["shacl"], _ = shacl_time(nt)
            latency = query_latency(nt, 20 if n >= 1000 else 50)
            row.update({f"q:{k}": v[0] for k, v in latency.items()})
            row.update({f"q99:{k}": v[1] for k, v in latency.items()})
            row["total"] = time.monotonic() - size_start
            rows.append(row)
            print(f"N={n}: {row}", file=sys.stderr)
        # rdflib-endpoint parses the graph into rdflib first: minutes for 10,000 articles.
        largest = max((r for r in rows if r["n"] <= SERVED_MAX_N), key=lambda r: r["n"])
        served = servers(workdir / f"graph-{int(largest['n'])}.nt", seconds)
        print(f"servers: {served}", file=sys.stderr)
    during = busy_processes()

    lines += [
        f"- other processes using CPU at the end: {during}",
        f"- load average at end: {load()}",
    ]
    lines += ["", "## Cold build of the bundled article", ""]
    lines += [
        "`reskg build -o g.ttl` (process start to exit; extract, assemble, link, validate, write):",
        f"min {cold['min']:.2f} s, median {cold['median']:.2f} s, peak memory {cold['rss']:.0f} MB "
        f"(target <= 1.0 s).",
    ]
    lines += ["", f"## Corpus builds (`reskg build --jobs {args.jobs} --no-link -o graph.nt`)", ""]
    lines += [
        "| N | triples | wall s | articles/s | peak MB | extraction articles/s (1 process) "
        "| SHACL s (1 process) |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {int(row['n']):,} | {int(row['triples']):,} | {row['wall']:.1f} | "
            f"{row['rate']:.1f} | {row['rss']:.0f} | {row['extract']:.1f} | "
            f"{fmt(row.get('shacl', float('nan')), 1)} |"
        )
    lines += [f"- {s}" for s in skipped]
    by_n = {int(r["n"]): r for r in rows}
    if 1000 in by_n and 10000 in by_n:
        ratio = by_n[10000]["wall"] / by_n[1000]["wall"]
        lines.append(f"- time(10,000) / time(1,000) = {ratio:.1f} (target <= 11)")
    lines += ["", "## Canned queries (pyoxigraph, ms: p50 / p99)", ""]
    lines += ["| N | " + " | ".join(CANNED) + " |", "|---:|" + "---:|" * len(CANNED)]
    for row in rows:
        cells = [f"{row[f'q:{q}']:.1f} / {row[f'q99:{q}']:.1f}" for q in CANNED]
        lines.append(f"| {int(row['n']):,} | " + " | ".join(cells) + " |")
    lines += [
        "",
        f"## Servers under wrk ({seconds} s, 4 connections) on the N = {int(largest['n']):,} graph",
        "",
        "| server | resource page req/s | IRI lookup req/s | join req/s |",
        "|---|---:|---:|---:|",
    ]
    for name, figures in served.items():
        lines.append(
            f"| {name} | {fmt(figures['page'])} | {fmt(figures['lookup'])} | "
            f"{fmt(figures['join'])} |"
        )
    text = "\n".join(lines) + "\n"
    notes = args.output.with_name("NOTES.md")
    if notes.exists():
        text += "\n" + notes.read_text(encoding="utf-8")
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
