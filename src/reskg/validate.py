"""Check a graph against the SHACL shapes in ``ontology/shapes.ttl`` and report what is wrong.

Layout:

- ``shapes_graph()``: the shapes, parsed once per process
- ``validate(graph, jobs, shapes)``: pySHACL, SHACL Core, no inference -> ``ValidationResult``
  (large graphs: the shapes shared out among ``jobs`` forked processes); ``shapes`` limits
  the targets used to some shapes (``targeted_shapes()``, ``shapes_for_classes(classes)``)
- ``validate_report(graph, shapes)``: pySHACL's report graph alone (for batches)
- ``with_reports(result, reports)``: the results of other parts of the same data merged in
- ``format_report(result)``: a fixed-width table of the results and a summary line

Severity: only ``sh:Violation`` results make a graph non-conforming; ``sh:Warning`` and
``sh:Info`` results are reported but let it pass (the shapes use ``sh:Warning`` for
resolution IRIs that are not ELI-style).
"""

from __future__ import annotations

import functools
import multiprocessing
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import pyshacl
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDFS, SH, SKOS, XSD
from rdflib.term import Node

from reskg.atomic import default_sigterm
from reskg.iris import PREFIXES, VOID
from reskg.paths import ONTOLOGY_DIR

SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
RESKGSH = Namespace("https://w3id.org/reskg/shapes#")

_SEVERITY_NAMES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
_REPORT_PREFIXES = {
    **{prefix: str(namespace) for prefix, namespace in PREFIXES.items()},
    "reskgsh": str(RESKGSH),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "skos": str(SKOS),
    "xsd": str(XSD),
    "dcterms": str(DCTERMS),
    "sh": str(SH),
}


@dataclass(frozen=True)
class Violation:
    """One validation result: which node, which property, which value, and why."""

    focus: Node
    path: Node | None
    value: Node | None
    severity: str  # "Violation", "Warning" or "Info"
    message: str
    shape: Node | None
    component: URIRef | None = None  # e.g. sh:MinCountConstraintComponent

    def sort_key(self) -> tuple[int, str, str, str, str]:
        return (
            _SEVERITY_ORDER.get(self.severity, 3),
            str(self.focus),
            str(self.path or ""),
            str(self.value or ""),
            self.message,
        )


@dataclass
class ValidationResult:
    """The outcome of validating one graph; ``violations`` holds results of every severity."""

    conforms: bool
    violations: list[Violation]
    report_graph: Graph
    prefixes: dict[str, str] = field(default_factory=lambda: dict(_REPORT_PREFIXES))
    base: str | None = None  # the data's void:uriSpace, to show its IRIs relative

    @property
    def errors(self) -> list[Violation]:
        """The results that make the graph non-conforming."""
        return [v for v in self.violations if v.severity == "Violation"]

    @property
    def warnings(self) -> list[Violation]:
        """The results reported without failing the graph (sh:Warning, sh:Info)."""
        return [v for v in self.violations if v.severity != "Violation"]


@functools.cache
def shapes_graph() -> Graph:
    """The shapes graph, parsed once; callers must not modify it."""
    return Graph().parse(SHAPES_FILE, format="turtle")


# Below this size one process is quicker than starting workers.
PARALLEL_MIN_TRIPLES = 50_000
_TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
_FORKED_GRAPH: Graph | None = None  # the data graph, inherited by forked workers


def targeted_shapes() -> frozenset[str]:
    """The IRIs of the shapes that have targets (the others are only referred to)."""
    shapes = shapes_graph()
    return frozenset(str(s) for t in _TARGETS for s in shapes.subjects(t, None))


def shapes_for_classes(classes: Iterable[URIRef]) -> frozenset[str]:
    """The targeted shapes whose every target is ``sh:targetClass`` one of ``classes``."""
    shapes, wanted = shapes_graph(), set(classes)
    return frozenset(
        name
        for name in targeted_shapes()
        if all(p == SH.targetClass and o in wanted for p, o in _targets_of(shapes, URIRef(name)))
    )


def _targets_of(shapes: Graph, shape: URIRef) -> list[tuple[Node, Node]]:
    return [(p, o) for p in _TARGETS for o in shapes.objects(shape, p)]


@functools.cache
def _shapes_with_targets(keep: frozenset[str]) -> Graph:
    """The shapes graph with the targets of only the shapes in ``keep`` (the others stay)."""
    shapes = Graph()
    for triple in shapes_graph():
        if triple[1] not in _TARGETS or str(triple[0]) in keep:
            shapes.add(triple)
    return shapes


def _pyshacl(graph: Graph, shapes: Graph | None = None) -> Graph:
    _, report_graph, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes if shapes is not None else shapes_graph(),
        inference="none",
        advanced=False,
        allow_warnings=True,
        allow_infos=True,
        abort_on_first=False,
    )
    assert isinstance(report_graph, Graph)
    return report_graph


def validate_report(graph: Graph, shapes: frozenset[str] | None = None) -> Graph:
    """pySHACL's report graph for ``graph``, with only the targets of ``shapes`` if given."""
    return _pyshacl(graph, None if shapes is None else _shapes_with_targets(shapes))


def validate(graph: Graph, jobs: int = 1, shapes: frozenset[str] | None = None) -> ValidationResult:
    """Validate ``graph`` with SHACL Core (no inference); the graph is not modified.

    ``shapes``: the IRIs of the shapes whose targets are used (default: all of them).
    With ``jobs`` > 1 and a large graph, these shapes are shared out among forked worker
    processes (each sees the whole graph); the results are merged, so the outcome is the
    same as in one process.
    """
    names = targeted_shapes() if shapes is None else shapes
    if jobs > 1 and len(graph) >= PARALLEL_MIN_TRIPLES and _can_fork():
        report_graph = _validate_in_parallel(graph, jobs, names)
    else:
        report_graph = validate_report(graph, shapes)
    return with_reports(_empty_result(graph), [report_graph])


def _empty_result(graph: Graph) -> ValidationResult:
    """A conforming result with no results, and the prefixes and base of ``graph``."""
    prefixes = dict(_REPORT_PREFIXES)
    for prefix, namespace in graph.namespaces():
        if prefix and str(namespace) not in prefixes.values():
            prefixes.setdefault(prefix, str(namespace))
    base = next((str(o) for o in graph.objects(None, VOID.uriSpace)), None)
    return ValidationResult(True, [], Graph(), prefixes=prefixes, base=base)


def with_reports(result: ValidationResult, reports: Iterable[Graph]) -> ValidationResult:
    """``result`` with the results of more report graphs (of parts of the same data) added."""
    merged = Graph()
    merged += result.report_graph
    violations = list(result.violations)
    for report in reports:
        merged += report
        violations += _read_results(report)
    violations.sort(key=Violation.sort_key)
    conforms = not any(v.severity == "Violation" for v in violations)
    for report_node in set(merged.subjects(SH.conforms, None)):
        merged.remove((report_node, SH.conforms, None))
        merged.add((report_node, SH.conforms, Literal(conforms)))
    return replace(result, conforms=conforms, violations=violations, report_graph=merged)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _shape_groups(graph: Graph, jobs: int, names: frozenset[str]) -> list[list[str]]:
    """``names`` in ``jobs`` groups of about equal work (target nodes x properties)."""
    shapes = shapes_graph()
    weights: dict[str, int] = {}
    for name in sorted(names):
        shape, nodes = URIRef(name), 0
        for target in shapes.objects(shape, SH.targetClass):
            nodes += sum(1 for _ in graph.subjects(RDF.type, target))
        for target in shapes.objects(shape, SH.targetSubjectsOf):
            nodes += sum(1 for _ in graph.subject_objects(target))
        for target in shapes.objects(shape, SH.targetObjectsOf):
            nodes += sum(1 for _ in graph.subject_objects(target))
        nodes += sum(1 for _ in shapes.objects(shape, SH.targetNode))
        weights[name] = (nodes + 1) * (1 + sum(1 for _ in shapes.objects(shape, SH.property)))
    groups: list[list[str]] = [[] for _ in range(jobs)]
    loads = [0] * jobs
    for shape in sorted(weights, key=lambda s: (-weights[s], s)):
        lightest = loads.index(min(loads))
        groups[lightest].append(shape)
        loads[lightest] += weights[shape]
    return [group for group in groups if group]


def _validate_group(group: list[str]) -> bytes:
    """Validate with only the targets of the shapes in ``group`` (the others stay referable)."""
    assert _FORKED_GRAPH is not None
    report = validate_report(_FORKED_GRAPH, frozenset(group))
    return report.serialize(format="nt", encoding="utf-8")


def _validate_in_parallel(graph: Graph, jobs: int, names: frozenset[str]) -> Graph:
    """Run the shape groups in forked workers; one merged report graph."""
    global _FORKED_GRAPH
    groups = _shape_groups(graph, jobs, names)
    shapes_graph()  # parsed once, before forking
    _FORKED_GRAPH = graph
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(max(1, len(groups)), initializer=default_sigterm) as pool:
            reports = pool.map(_validate_group, groups, chunksize=1)
    finally:
        _FORKED_GRAPH = None
    merged = Graph()
    for report in reports:
        merged.parse(data=report, format="nt")
    return merged


def _read_results(report: Graph) -> list[Violation]:
    results = []
    # Only the report's own results: nested ones (sh:detail) explain these and are not counted.
    for node in report.objects(None, SH.result):
        severity = report.value(node, SH.resultSeverity)
        component = report.value(node, SH.sourceConstraintComponent)
        messages = sorted(str(m) for m in report.objects(node, SH.resultMessage))
        results.append(
            Violation(
                focus=report.value(node, SH.focusNode),
                path=report.value(node, SH.resultPath),
                value=report.value(node, SH.value),
                severity=_SEVERITY_NAMES.get(severity, str(severity)),
                message="; ".join(messages),
                shape=report.value(node, SH.sourceShape),
                component=component if isinstance(component, URIRef) else None,
            )
        )
    return results


# -- the table ---------------------------------------------------------------------------------

_COLUMNS = ("severity", "focus", "path", "value", "message")
_MAX_WIDTH = {"severity": 9, "focus": 48, "path": 28, "value": 36, "message": 90}


def format_report(result: ValidationResult) -> str:
    """A sorted fixed-width table of the results, then "N violations (K warnings)"."""
    rows = [_row(v, result) for v in sorted(result.violations, key=Violation.sort_key)]
    lines = []
    if rows:
        widths = {c: min(_MAX_WIDTH[c], max(len(c), *(len(r[c]) for r in rows))) for c in _COLUMNS}
        lines.append("  ".join(c.upper().ljust(widths[c]) for c in _COLUMNS).rstrip())
        lines.append("  ".join("-" * widths[c] for c in _COLUMNS))
        for row in rows:
            cells = (_fit(row[c], widths[c]).ljust(widths[c]) for c in _COLUMNS)
            lines.append("  ".join(cells).rstrip())
    errors, warnings = len(result.errors), len(result.warnings)
    lines.append(f"{errors} violations ({warnings} warnings)")
    return "\n".join(lines)


def _row(violation: Violation, result: ValidationResult) -> dict[str, str]:
    cells = {
        "severity": violation.severity,
        "focus": _short(violation.focus, result),
        "path": _short(violation.path, result),
        "value": _short(violation.value, result),
        "message": violation.message,
    }
    return {column: " ".join(text.split()) for column, text in cells.items()}


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _short(node: Node | None, result: ValidationResult) -> str:
    """A node in Turtle-like shorthand: ``prefix:name``, ``<relative>`` under the base, or N3."""
    if node is None:
        return "-"
    if isinstance(node, URIRef):
        iri = str(node)
        best = max(
            ((p, ns) for p, ns in result.prefixes.items() if iri.startswith(ns)),
            key=lambda item: len(item[1]),
            default=None,
        )
        if best is not None and _is_local_name(iri[len(best[1]) :]):
            return f"{best[0]}:{iri[len(best[1]) :]}"
        if result.base and iri.startswith(result.base):
            return f"<{iri[len(result.base) :]}>"
        return f"<{iri}>"
    if isinstance(node, Literal):
        if node.datatype is not None:
            datatype = _short(node.datatype, result)
            return f'"{node}"^^{datatype}'
        return f'"{node}"@{node.language}' if node.language else f'"{node}"'
    return node.n3()


def _is_local_name(name: str) -> bool:
    return bool(name) and all(ch.isalnum() or ch in "-_." for ch in name) and name[-1] != "."
