"""Large builds: evidence and selector triples validated and written to disk batch by batch.

Evidence nodes and their text selectors are about 90% of a graph's triples, and each belongs
to one article (its IRI includes the article). ``assemble(..., local_sink=spool)`` hands them
to a ``LocalSpool`` instead of the shared graph; every ``batch_articles`` articles the spool
forks a process that puts the batch into an rdflib graph, writes it as sorted N-Triples and
validates it with the shapes that target those nodes. The main process keeps only the shared
entities, so a build's memory grows with them, not with the evidence.

Exactness: every shape looks one hop from its focus node (its values, and the types of IRI
values), and the shapes for evidence and selectors target nothing else; so the batches, each
with the types of the shared nodes it points at, and the shared graph, with the types of the
local nodes it points at (``inside_types``), validate exactly as the whole graph would.

Layout:

- ``LocalSpool(directory, jobs)``: the sink; ``finish()`` waits for the batches
- ``LocalSpool.validate(graph, jobs)``: the shared graph's validation merged with the batches'
- ``LocalSpool.files``: the batch files (sorted N-Triples), in article order
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import Counter
from multiprocessing.process import BaseProcess
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SH

from reskg.assemble import ARTICLE_LOCAL_CLASSES, LocalTriples, Triple
from reskg.atomic import default_sigterm
from reskg.formats import FORMATS, serialize
from reskg.validate import (
    ValidationResult,
    shapes_for_classes,
    targeted_shapes,
    validate,
    validate_report,
    with_reports,
)

BATCH_ARTICLES = 100


class SpoolError(RuntimeError):
    """A batch could not be written or validated."""


class LocalSpool:
    """Collects article-local triples; validates and writes them in batches (forked if jobs > 1)."""

    def __init__(self, directory: Path, jobs: int = 1, batch_articles: int | None = None) -> None:
        self.directory = directory
        self.jobs = jobs
        self.batch_articles = batch_articles or BATCH_ARTICLES
        self.files: list[Path] = []
        self.triples = 0
        self.types: Counter[URIRef] = Counter()  # instances per class among the local nodes
        self.inside_types: set[Triple] = set()
        self._batch: list[LocalTriples] = []
        self._running: list[BaseProcess] = []
        self._fork = jobs > 1 and "fork" in multiprocessing.get_all_start_methods()
        self._shapes = shapes_for_classes(ARTICLE_LOCAL_CLASSES)

    def __call__(self, local: LocalTriples) -> None:
        """Take one article's local triples."""
        self._batch.append(local)
        self.inside_types.update(local.inside_types)
        self.triples += len(local.triples)
        self.types.update(local.types.values())
        if len(self._batch) >= self.batch_articles:
            self._flush()

    def _flush(self) -> None:
        if not self._batch:
            return
        path = self.directory / f"local-{len(self.files):06d}.nt"
        self.files.append(path)
        batch, self._batch = self._batch, []
        if not self._fork:
            try:
                _write_and_validate(batch, path, self._shapes)
            except OSError as err:
                raise SpoolError(f"{path}: cannot write: {err.strerror or err}") from err
            return
        while len(self._running) >= self.jobs:
            self._join(self._running.pop(0))
        # The child inherits the batch by fork: nothing is pickled.
        process = multiprocessing.get_context("fork").Process(
            target=_batch_process, args=(batch, path, self._shapes), daemon=True
        )
        process.start()
        self._running.append(process)

    def _join(self, process: BaseProcess) -> None:
        process.join()
        if process.exitcode != 0:
            raise SpoolError(f"a batch process failed (exit code {process.exitcode})")

    def finish(self) -> None:
        """Write and validate the last batch; wait for all of them."""
        self._flush()
        while self._running:
            self._join(self._running.pop(0))

    def close(self) -> None:
        """Stop the batches still running (after an error or a signal); wait for them."""
        for process in self._running:
            process.terminate()
        for process in self._running:
            process.join()
        self._running.clear()

    def validate(self, graph: Graph, jobs: int = 1) -> ValidationResult:
        """The shared ``graph``'s validation and the batches' results (after ``finish``)."""
        shared = targeted_shapes() - self._shapes
        added = [t for t in self.inside_types if t not in graph]
        graph.addN((s, p, o, graph) for s, p, o in added)
        try:
            result = validate(graph, jobs=jobs, shapes=shared)
        finally:
            for triple in added:
                graph.remove(triple)
        reports = [
            Graph().parse(p, format="nt") for p in map(_report_path, self.files) if p.exists()
        ]
        return with_reports(result, reports)


def _report_path(path: Path) -> Path:
    return path.with_suffix(".report.nt")


def _batch_process(batch: list[LocalTriples], path: Path, shapes: frozenset[str]) -> None:
    """``_write_and_validate`` in a forked process: an unwritable file is one line, exit code 2."""
    default_sigterm()
    try:
        _write_and_validate(batch, path, shapes)
    except OSError as err:
        print(f"{path}: cannot write: {err.strerror or err}", file=sys.stderr)
        sys.exit(2)


def _write_and_validate(batch: list[LocalTriples], path: Path, shapes: frozenset[str]) -> None:
    """Write one batch as sorted N-Triples; validate it; write the report if it has results."""
    graph = Graph()
    for local in batch:
        graph.addN((s, p, o, graph) for s, p, o in local.triples)
    path.write_bytes(serialize(graph, FORMATS["nt"]))
    for local in batch:
        graph.addN((s, p, o, graph) for s, p, o in local.outside_types)
    report = validate_report(graph, shapes)
    if (None, SH.result, None) in report:
        _report_path(path).write_bytes(report.serialize(format="nt", encoding="utf-8"))
