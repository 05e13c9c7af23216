"""HTML pages of the linked-data server: plain markup, a little CSS, everything escaped.

Every function takes already-gathered data (no store access here) and returns a ``str``;
every text that came from the graph or the request passes through :func:`esc`.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

CSS = """
body{font:16px/1.5 system-ui,sans-serif;max-width:64rem;margin:0 auto;padding:0 1rem 3rem;
color:#1d232a;background:#fff}
header{border-bottom:1px solid #dde;padding:.6rem 0;margin-bottom:1rem;display:flex;gap:1rem;
align-items:baseline;flex-wrap:wrap}
header a{color:#334;text-decoration:none;font-weight:600}
h1{font-size:1.6rem;margin:.4rem 0}h2{font-size:1.2rem;margin-top:2rem;
border-bottom:1px solid #eee}
a{color:#0b5cad}code,.iri{font:13px ui-monospace,monospace;color:#555;word-break:break-all}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #eee}
th{background:#f6f7f9;font-weight:600}
td.p{white-space:nowrap;width:12rem}
.type{display:inline-block;background:#eef3fb;border-radius:.3rem;padding:0 .4rem;
margin-right:.3rem;font-size:.85rem}
.lang,.dt{color:#889;font-size:.8rem;margin-left:.2rem}
blockquote{margin:.3rem 0 .3rem 1rem;padding:.2rem .6rem;border-left:3px solid #dfe3ea;
color:#333;font-size:.92rem}
blockquote cite{display:block;color:#778;font-size:.8rem;font-style:normal}
mark{background:#ffe98a;padding:0 .1rem}
ol.timeline{list-style:none;padding-left:0;border-left:3px solid #b9c7dc;margin-left:.5rem}
ol.timeline li{position:relative;padding:.2rem 0 .6rem 1rem}
ol.timeline li::before{content:"";position:absolute;left:-.5rem;top:.55rem;width:.7rem;height:.7rem;
border-radius:50%;background:#0b5cad}
ol.timeline time{font-weight:600;margin-right:.5rem;font-variant-numeric:tabular-nums}
.links a{margin-right:.8rem}
textarea{width:100%;font:13px ui-monospace,monospace}
.muted{color:#778}
svg a text{fill:#0b5cad}svg rect{fill:#f6f8fc;stroke:#8aa2c8}svg rect.center{fill:#fff4c2;
stroke:#c9a400}
"""


def esc(text: object) -> str:
    """HTML-escape any value (quotes too, so it is safe in attributes)."""
    return html.escape(str(text), quote=True)


@dataclass
class Link:
    """A term shown as a link (or as text when ``href`` is None)."""

    label: str
    href: str | None = None
    title: str = ""

    def html(self) -> str:
        title = f' title="{esc(self.title)}"' if self.title else ""
        if self.href is None:
            return f"<span{title}>{esc(self.label)}</span>"
        return f'<a href="{esc(self.href)}"{title}>{esc(self.label)}</a>'


@dataclass
class Evidence:
    """A sentence of an article, with the span that states the fact inside it."""

    sentence: str
    mark_start: int
    mark_end: int
    article: Link | None
    where: str

    def html(self) -> str:
        s = self.sentence
        a, b = max(0, self.mark_start), min(len(s), self.mark_end)
        text = f"{esc(s[:a])}<mark>{esc(s[a:b])}</mark>{esc(s[b:])}" if a < b else esc(s)
        source = f"{self.article.html()}, " if self.article else ""
        return f"<blockquote>{text}<cite>{source}{esc(self.where)}</cite></blockquote>"


@dataclass
class Value:
    """One object of a property: a link or a literal, with the evidence for the triple."""

    link: Link | None = None
    literal: str | None = None
    language: str | None = None
    datatype: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def html(self) -> str:
        if self.link is not None:
            out = self.link.html()
        else:
            out = esc(self.literal or "")
            if self.language:
                out += f'<span class="lang">@{esc(self.language)}</span>'
            elif self.datatype:
                out += f'<span class="dt">{esc(self.datatype)}</span>'
        return out + "".join(e.html() for e in self.evidence)


@dataclass
class TimelineEntry:
    """A dated thing on a resolution's timeline."""

    start: str
    end: str
    what: Link
    note: str = ""


@dataclass
class ResourceView:
    """Everything the page of one resource shows."""

    iri: str
    label: str
    types: list[Link]
    properties: list[tuple[Link, list[Value]]]
    incoming: list[tuple[Link, Link]]
    matches: list[Link]
    alternates: list[tuple[str, str]]
    timeline: list[TimelineEntry] | None = None
    cites: list[tuple[Link, str]] = field(default_factory=list)
    cited_by: list[tuple[Link, str]] = field(default_factory=list)
    short_label: str = ""
    mentioned: dict[str, list[Link]] = field(default_factory=dict)


def page(title: str, body: str, head: str = "") -> str:
    """A complete HTML document."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}</style>{head}</head><body>"
        '<header><a href="/">reskg</a><a href="/sparql">SPARQL</a>'
        '<a href="/.well-known/void">VoID</a><a href="/dump.ttl">dump</a></header>'
        f"<main>{body}</main></body></html>\n"
    )


def resource_page(view: ResourceView) -> str:
    """The page of one resource: label, types, properties with evidence, links in and out."""
    parts = [f"<h1>{esc(view.label)}</h1>", f'<p class="iri">{esc(view.iri)}</p>']
    if view.types:
        parts.append("<p>" + "".join(f'<span class="type">{t.html()}</span>' for t in view.types))
        parts.append("</p>")
    if view.matches:
        parts.append('<p class="links">Same as: ' + " ".join(m.html() for m in view.matches))
        parts.append("</p>")
    if view.timeline:
        parts.append("<h2>Timeline</h2>" + timeline_html(view.timeline))
    if view.cites or view.cited_by:
        parts.append("<h2>Citations</h2>")
        parts.append(citation_svg(view.short_label or view.label, view.cites, view.cited_by))
    if view.mentioned:
        parts.append('<h2>Named in the article</h2><table class="mentioned"><tbody>')
        for kind, links in view.mentioned.items():
            cells = ", ".join(link.html() for link in links)
            parts.append(f'<tr><td class="p">{esc(kind)}</td><td>{cells}</td></tr>')
        parts.append("</tbody></table>")
    if view.properties:
        parts.append("<h2>Properties</h2><table><tbody>")
        for predicate, values in view.properties:
            cells = "".join(f"<div>{v.html()}</div>" for v in values)
            parts.append(f'<tr><td class="p">{predicate.html()}</td><td>{cells}</td></tr>')
        parts.append("</tbody></table>")
    if view.incoming:
        parts.append("<h2>Links to this</h2><table><tbody>")
        for subject, predicate in view.incoming:
            parts.append(f'<tr><td>{subject.html()}</td><td class="p">{predicate.html()}</td></tr>')
        parts.append("</tbody></table>")
    formats = " ".join(f'<a href="{esc(href)}">{esc(name)}</a>' for name, href in view.alternates)
    parts.append(f'<p class="links muted">Also as: {formats}</p>')
    head = "".join(
        f'<link rel="alternate" type="{esc(media)}" href="{esc(href)}">'
        for media, href in view.alternates
        if "/" in media
    )
    return page(view.label, "".join(parts), head)


def timeline_html(entries: Sequence[TimelineEntry]) -> str:
    """Dated entries as a vertical timeline."""
    items = []
    for entry in entries:
        when = entry.start if entry.end in ("", entry.start) else f"{entry.start} – {entry.end}"
        note = f' <span class="muted">{esc(entry.note)}</span>' if entry.note else ""
        items.append(f'<li><time datetime="{esc(entry.start)}">{esc(when)}</time>')
        items.append(f"{entry.what.html()}{note}</li>")
    return '<ol class="timeline">' + "".join(items) + "</ol>"


def _svg_box(x: int, y: int, link: Link, width: int, css: str = "") -> str:
    label = link.label if len(link.label) <= 38 else link.label[:36] + "…"
    box = (
        f'<rect x="{x}" y="{y}" width="{width}" height="30" rx="5"{css}/>'
        f'<text x="{x + 8}" y="{y + 20}" font-size="13">{esc(label)}</text>'
        f"<title>{esc(link.label)}</title>"
    )
    if link.href:
        return f'<a href="{esc(link.href)}">{box}</a>'
    return f"<g>{box}</g>"


def citation_svg(
    label: str, cites: list[tuple[Link, str]], cited_by: list[tuple[Link, str]]
) -> str:
    """What cites this resolution (left) and what it cites (right), as an inline SVG."""
    width, box, gap = 900, 270, 44
    rows = max(len(cites), len(cited_by), 1)
    height = rows * gap + 20
    center_y = height // 2 - 15
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="citations of {esc(label)}">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" fill="#6a7f9f"/></marker></defs>',
    ]
    center_x = (width - box) // 2
    for column, items, x in ((0, cited_by, 10), (1, cites, width - box - 10)):
        top = (height - len(items) * gap) // 2 + 7
        for i, (link, relation) in enumerate(items):
            y = top + i * gap
            if column == 0:
                x1, y1, x2, y2 = x + box, y + 15, center_x, center_y + 15
            else:
                x1, y1, x2, y2 = center_x + box, center_y + 15, x, y + 15
            dash = ' stroke-dasharray="5,4"' if relation != "cites" else ""
            parts.append(
                f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#6a7f9f"{dash} '
                f'marker-end="url(#arrow)"><title>{esc(relation)}</title></line>'
            )
            parts.append(_svg_box(x, y, link, box))
    parts.append(_svg_box(center_x, center_y, Link(label), box, ' class="center"'))
    parts.append("</svg>")
    legend = (
        '<p class="muted">Left: what cites or relates to this; right: what it cites '
        "(solid: cites, dashed: related to).</p>"
    )
    return "".join(parts) + legend


def results_table(
    variables: list[str], bindings: list[dict[str, dict[str, str]]], link: Callable[[str], Link]
) -> str:
    """SPARQL JSON bindings as an HTML table; IRIs become links."""
    head = "".join(f"<th>{esc(v)}</th>" for v in variables)
    body = []
    for row in bindings:
        cells = []
        for name in variables:
            term = row.get(name)
            if term is None:
                cells.append("<td></td>")
            elif term.get("type") == "uri":
                cells.append(f"<td>{link(term['value']).html()}</td>")
            else:
                cells.append(f"<td>{esc(term.get('value', ''))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    rows = "".join(body)
    return f'<table class="results"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def sparql_form(query: str) -> str:
    """A form that runs a query through ``/sparql`` and shows the rows here."""
    return (
        '<form method="get" action="/sparql"><textarea name="query" rows="12">'
        f'{esc(query)}</textarea><p><button type="submit">Run query</button> '
        '<span class="muted">results as an HTML table; machines get JSON, XML, CSV or TSV '
        "by Accept</span></p></form>"
    )


def error_page(status: int, reason: str, message: str) -> str:
    """A short error page."""
    body = f'<h1>{status} {esc(reason)}</h1><p>{esc(message)}</p><p><a href="/">Home</a></p>'
    return page(f"{status} {reason}", body)
