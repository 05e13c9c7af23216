"""Load test of ``reskg serve`` with wrk: a resource page and a canned SPARQL query.

Usage::

    python benchmarks/load_test.py [--seconds 30] [--connections 16] [GRAPH]

Starts ``reskg serve`` on 127.0.0.1 (a free port), runs wrk against each target for the given
time, and prints requests/s, latency percentiles (p50, p90, p99), non-2xx/3xx responses and
socket errors, with the machine, date and versions. Exits 1 if any target saw a 5xx (wrk
counts every non-2xx/3xx) or a socket error.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = ROOT / "data" / "oic-resolution-10-11.ttl"
RESOURCE_PATH = "/eli/oic/res/10-11"
CANNED_QUERY = ROOT / "queries" / "resolutions.rq"


@dataclass
class WrkResult:
    """What wrk measured for one target."""

    target: str
    requests: int
    seconds: float
    requests_per_second: float
    latency_ms: dict[str, float]
    non_2xx_3xx: int
    socket_errors: dict[str, int]

    def line(self) -> str:
        """One line of figures."""
        percentiles = ", ".join(f"p{k} {v:.1f} ms" for k, v in self.latency_ms.items())
        errors = sum(self.socket_errors.values())
        return (
            f"{self.target}: {self.requests} requests in {self.seconds:.1f} s, "
            f"{self.requests_per_second:.0f} req/s; {percentiles}; "
            f"non-2xx/3xx: {self.non_2xx_3xx}; socket errors: {errors}"
        )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(graph: Path, port: int, *extra: str) -> subprocess.Popen[bytes]:
    """Start ``reskg serve`` on 127.0.0.1:port and wait until it answers."""
    process = subprocess.Popen(
        [sys.executable, "-m", "reskg.cli", "serve", str(graph), "--port", str(port), *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"reskg serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                return process
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("reskg serve did not answer within 60 s")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    """Stop the server by its PID."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def parse_wrk(target: str, output: str) -> WrkResult:
    """Figures from wrk's text output (run with --latency)."""
    done = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", output)
    if done is None:
        raise RuntimeError(f"unexpected wrk output:\n{output}")
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    latency = {
        p: _ms(v)
        for p, v in re.findall(r"^\s+(50|75|90|99)%\s+([\d.]+(?:us|ms|s|m))", output, re.M)
    }
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return WrkResult(
        target=target,
        requests=int(done.group(1)),
        seconds=_ms(done.group(2) + done.group(3)) / 1000,
        requests_per_second=float(rate.group(1)) if rate else 0.0,
        latency_ms=latency,
        non_2xx_3xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=dict(
            zip(("connect", "read", "write", "timeout"), map(int, errors.groups()), strict=True)
        )
        if errors
        else {},
    )


def run_wrk(
    url: str, seconds: float, connections: int = 16, threads: int = 2, accept: str | None = None
) -> WrkResult:
    """Run wrk against ``url``; raise if wrk is missing."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise RuntimeError("wrk is not installed (Debian: apt-get install wrk)")
    command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s"]
    command += ["--latency", "--timeout", "10s"]
    if accept:
        command += ["-H", f"Accept: {accept}"]
    done = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=seconds + 60, check=True
    )
    return parse_wrk(url, done.stdout)


def targets(base_url: str) -> dict[str, tuple[str, str | None]]:
    """The two targets: a resource page (HTML) and a canned SPARQL query (JSON results)."""
    query = urllib.parse.quote(CANNED_QUERY.read_text(encoding="utf-8"))
    return {
        "resource page": (f"{base_url}{RESOURCE_PATH}", "text/html"),
        "canned SPARQL query": (
            f"{base_url}/sparql?query={query}",
            "application/sparql-results+json",
        ),
    }


def _versions() -> str:
    from importlib.metadata import version

    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("\n")[0]
    names = ("reskg", "pyoxigraph")
    return ", ".join(f"{n} {version(n)}" for n in names) + f"; {wrk.strip()}"


def main(argv: list[str] | None = None) -> int:
    """Serve the graph, load each target with wrk, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", nargs="?", type=Path, default=PUBLISHED)
    parser.add_argument("--seconds", type=float, default=30.0, help="per target (default 30)")
    parser.add_argument("--connections", type=int, default=16, help="wrk -c (default 16)")
    args = parser.parse_args(argv)
    port = free_port()
    with tempfile.TemporaryDirectory():
        server = start_server(args.graph, port)
        try:
            results = [
                run_wrk(url, args.seconds, args.connections, accept=accept)
                for url, accept in targets(f"http://127.0.0.1:{port}").values()
            ]
            still_up = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).status
        finally:
            stop_server(server)
    for name, result in zip(targets("").keys(), results, strict=True):
        print(f"{name}: {result.line().split(': ', 1)[1]}")
    print(f"server answered afterwards: HTTP {still_up}")
    print(
        f"wrk -c{args.connections} -t2 -d{args.seconds:g}s per target; "
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}; "
        f"Python {platform.python_version()}; {_versions()}; "
        f"date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC"
    )
    failed = any(r.non_2xx_3xx or sum(r.socket_errors.values()) for r in results)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
