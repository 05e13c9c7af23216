"""Figures for the standards work: the query workers' dataset, the wheel, Virtuoso, the formats.

Usage: ``python benchmarks/standards.py [GRAPH]`` (default: the corpus graph, built first).
Prints, with machine and date:

- the memory of a query worker's store holding the served graph as before (triples in the
  default graph) and as now (the union as the default graph plus one named graph per file):
  the price of a default graph that is a merge (reskg.publish.dataset);
- the time ``reskg serve`` needs to load each way;
- reading and writing the graph in every format of the table (reskg.formats).
"""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_WORKER = """
import sys, pyoxigraph as ox
store = ox.Store()
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
print(len(store))
for line in open("/proc/self/status"):
    if line.startswith("VmRSS:"):
        print(int(line.split()[1]) // 1024)
"""


def worker_rss(dump: Path) -> tuple[int, int, float]:
    """Quads, resident MiB and seconds of a fresh process loading ``dump`` into a Store."""
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", _WORKER, str(dump)], capture_output=True, text=True, check=True
    ).stdout.split()
    return int(out[0]), int(out[1]), time.perf_counter() - started


def main() -> None:
    import pyoxigraph as ox

    from reskg.formats import FORMATS, read_quads, read_rdflib, write_graph
    from reskg.publish.dataset import read_dataset, write_query_dump

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if len(sys.argv) > 1:
            graph = Path(sys.argv[1])
        else:
            graph = tmp / "corpus.ttl"
            corpus = sorted((ROOT / "data" / "corpus").glob("**/*.txt"))
            subprocess.run(
                [sys.executable, "-m", "reskg.cli", "build", "--keep-going", "--jobs", "2",
                 *map(str, corpus), "-o", str(graph)],
                check=False,
                capture_output=True,
            )  # fmt: skip
        print(f"# reskg standards figures, {datetime.date.today()}")
        print(f"- machine: {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs")
        print(f"- Python {platform.python_version()}, pyoxigraph {ox.__version__}")
        print(f"- graph: {graph.name}, {graph.stat().st_size / 1e6:.1f} MB")

        triples_only = tmp / "triples.nq"
        quads = read_quads(graph)
        ox.serialize((q.triple for q in quads), str(triples_only), format=ox.RdfFormat.N_QUADS)
        started = time.perf_counter()
        dataset = read_dataset([graph], "https://w3id.org/reskg")
        union_dump = tmp / "dataset.nq"
        write_query_dump(dataset, union_dump)
        prepare = time.perf_counter() - started
        print("\n| worker store | quads | RSS MiB | load s |\n|---|---:|---:|---:|")
        for name, dump in (("triples only (before)", triples_only), ("union + named", union_dump)):
            count, rss, seconds = worker_rss(dump)
            print(f"| {name} | {count:,} | {rss} | {seconds:.2f} |")
        print(f"\nread_dataset + write_query_dump: {prepare:.2f} s")

        graph_rdflib = read_rdflib([graph])
        print("\n| format | bytes | write s | read s |\n|---|---:|---:|---:|")
        for rdf_format in FORMATS.values():
            path = tmp / f"g{rdf_format.extension}"
            started = time.perf_counter()
            with path.open("wb") as out:
                write_graph(graph_rdflib, rdf_format, out)
            written = time.perf_counter() - started
            started = time.perf_counter()
            read = len(read_quads(path))
            seconds = time.perf_counter() - started
            assert read == len(graph_rdflib), rdf_format.name
            size = path.stat().st_size
            print(f"| {rdf_format.label} | {size:,} | {written:.2f} | {seconds:.2f} |")


if __name__ == "__main__":
    main()
