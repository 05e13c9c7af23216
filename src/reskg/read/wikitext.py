"""MediaWiki wikitext, parsed with mwparserfromhell and rendered into the flattened format.

What a reader of the page sees is kept, the markup is not: the first ``{{Infobox …}}``
template becomes the infobox (``Infobox UN resolution``'s ``organ``, ``number``, ``date`` …
become ``Organ``, ``Number``, ``Date`` …; images and captions are left out); headings,
paragraphs and lists stay; ``<ref>``, files, categories, tables, comments and templates are
dropped, except the few that put words into the text (``{{lang}}``, ``{{nowrap}}``,
``{{flag}}``, ``{{start date}}`` …). ``[[target|label]]`` becomes its label and a
``LinkMention`` of the target page. Sections of references and external links are left out.

The title is the page's (an export's), else a leading ``= Title =`` heading, else the file
name. Unclosed templates and links, stray table rows and other broken markup are dropped
with the line they are on, never passed into sentences.
"""

from __future__ import annotations

import re

import mwparserfromhell
from mwparserfromhell.nodes import (
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from reskg.read.article import Article, ArticleError, LinkMention, clean_text
from reskg.read.flattened import parse_article
from reskg.read.text import title_from_name

# Private-use characters that mark links and line kinds while rendering (removed from input).
_LINK_OPEN, _LINK_MID, _LINK_CLOSE, _ITEM, _HEAD, _HEAD_MID = (chr(0xE000 + i) for i in range(6))
_MARKERS = re.compile("[\ue000-\ue005]")
_LINK = re.compile(f"{_LINK_OPEN}(\\d+){_LINK_MID}(.*?){_LINK_CLOSE}", re.S)

# Tags whose content is not part of the article's text (<noinclude> content shows on the page).
_DROPPED_TAGS = frozenset({
    "ref", "references", "gallery", "table", "math", "chem", "score", "timeline", "imagemap",
    "syntaxhighlight", "source", "templatestyles", "graph", "mapframe", "maplink", "inputbox",
    "categorytree", "includeonly", "section", "indicator", "hiero", "ce",
})  # fmt: skip
_BLOCK_TAGS = frozenset({"p", "div", "blockquote", "center", "poem", "dl", "ul", "ol", "hr"})
# Link prefixes that name no article: namespaces and sister projects.
_NON_ARTICLE_NAMESPACES = frozenset({
    "file", "image", "media", "category", "template", "wikipedia", "wp", "help", "portal",
    "user", "talk", "special", "draft", "module", "mediawiki", "wikt", "wiktionary", "s",
    "wikisource", "commons", "q", "wikiquote", "n", "wikinews", "meta", "species", "d",
    "wikidata",
})  # fmt: skip
_SECTIONS_DROPPED = frozenset({
    "references", "notes", "footnotes", "citations", "sources", "bibliography",
    "external links", "further reading", "notes and references", "references and notes",
    "works cited",
})  # fmt: skip
_SKIPPED_FIELDS = re.compile(
    r"^(image|img|caption|alt|map|logo|flag|seal|emblem|signature|coat|width|size|style|"
    r"imagesize|image_size|upright|pushpin|module|embed|child|bodystyle|abovestyle)",
    re.I,
)
_MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
_MAGIC_WORD = re.compile(r"__[A-Z]+__")
_SPACES = re.compile(r"[ \t\u00a0]+")
_SPACE_BEFORE_PUNCT = re.compile(r" +(?=[.,;)])")
_UNCLOSED = re.compile(r"\{[{|][^\n]*|<ref\b[^\n]*", re.I)
_STRAY_TAG = re.compile(r"</?[a-zA-Z][^<>\n]*/?>")
_STRAY_BRACKETS = re.compile(r"\[\[|\]\]|\}\}|\|\}")
_LANGUAGE_PREFIX = re.compile(r"^[a-z]{2,3}(-[a-z]+)?$")


def normalise_title(title: str) -> str:
    """A page title as MediaWiki stores it: spaces for underscores, the first letter upper."""
    title = " ".join(title.replace("_", " ").split())
    return title[:1].upper() + title[1:]


def _template_name(template: Template) -> str:
    return normalise_title(_MARKERS.sub("", str(template.name)).strip()).casefold()


def is_infobox(template: Template) -> bool:
    """``{{Infobox …}}`` of any kind."""
    return _template_name(template).startswith("infobox")


class _Renderer:
    """Renders wikicode into text with link and line-kind markers; collects link targets."""

    def __init__(self) -> None:
        self.targets: list[str] = []

    def render(self, code: Wikicode) -> str:
        return "".join(self._node(node) for node in code.nodes)

    def _node(self, node: object) -> str:
        if isinstance(node, Text):
            return _text(node.value)
        if isinstance(node, Wikilink):
            return self._wikilink(node)
        if isinstance(node, Template):
            return self._template(node)
        if isinstance(node, Tag):
            return self._tag(node)
        if isinstance(node, Heading):
            title = _MARKERS.sub("", self.render(node.title)).replace("=", "-")
            return f"\n{_HEAD}{node.level}{_HEAD_MID}{' '.join(title.split())}\n"
        if isinstance(node, HTMLEntity):
            return node.normalize()
        if isinstance(node, ExternalLink):
            return self.render(node.title) if node.title else ""
        if isinstance(node, Comment):
            return ""
        return ""  # arguments {{{x}}} and anything else

    def _wikilink(self, link: Wikilink) -> str:
        title = _MARKERS.sub("", str(link.title)).strip()
        label = " ".join(_MARKERS.sub("", self.render(link.text)).split()) if link.text else ""
        visible_colon = title.startswith(":")
        title = title.lstrip(":")
        prefix = title.split(":", 1)[0].strip().casefold() if ":" in title else ""
        if prefix in _NON_ARTICLE_NAMESPACES:
            if prefix in {"file", "image", "media", "category"} and not visible_colon:
                return ""  # a picture, or the page's category: not part of the text
            return label or title.split(":", 1)[1].strip()  # shown, but names no article
        if prefix and _LANGUAGE_PREFIX.match(prefix):
            return label if visible_colon else ""  # the same page in another language
        page, _, _fragment = title.partition("#")
        shown = label or " ".join(title.split())
        if not page.strip() or not shown:
            return shown
        self.targets.append(normalise_title(page))
        return f"{_LINK_OPEN}{len(self.targets) - 1}{_LINK_MID}{shown}{_LINK_CLOSE}"

    def _template(self, template: Template) -> str:
        name = _template_name(template)
        args = [self.render(p.value).strip() for p in template.params if not p.showkey]
        if name in {"lang", "transl", "transliteration"} and args:
            return args[-1]
        if name.startswith("lang-") and args:
            return args[0]
        if name in {"nowrap", "nobr", "small", "big", "abbr", "nowrap begin", "keep together"}:
            return args[0] if args else ""
        if name in {"flag", "flagcountry", "flagu", "flag country", "ill", "interlanguage link"}:
            if not args or not args[0]:
                return ""
            link = mwparserfromhell.parse(f"[[{_MARKERS.sub('', args[0])}]]").nodes[0]
            return self._wikilink(link) if isinstance(link, Wikilink) else ""
        if name == "convert" and len(args) >= 2:
            return f"{args[0]} {args[1]}"
        if name in {"nbsp", "space"}:
            return " "
        if name in {"ndash", "en dash", "snd", "spaced ndash", "spnd"}:
            return " – " if name.startswith("s") else "–"
        if name in {"mdash", "em dash"}:
            return "—"
        if name in {"start date", "end date", "date", "start date and age", "birth date"}:
            return _date(args)
        return ""

    def _tag(self, tag: Tag) -> str:
        name = str(tag.tag).strip().casefold()
        markup = tag.wiki_markup
        if markup in ("*", "#"):
            return _ITEM
        if markup in (";", ":"):
            return "\n\n"
        if name in _DROPPED_TAGS:
            return ""
        if name == "br":
            return " "
        if name == "li":
            return f"\n{_ITEM}{self.render(tag.contents) if tag.contents else ''}\n"
        if name == "nowiki":
            return _text(str(tag.contents or ""))
        inner = self.render(tag.contents) if tag.contents is not None else ""
        return f"\n\n{inner}\n\n" if name in _BLOCK_TAGS else inner


def _text(value: str) -> str:
    """Plain text, with the remains of broken markup dropped."""
    value = _MAGIC_WORD.sub("", _MARKERS.sub("", value))
    if "{{" in value or "{|" in value or "<" in value:
        # An unclosed template, table or reference: its parameters run to the end of the line.
        value = _UNCLOSED.sub("", value)
        value = _STRAY_TAG.sub("", value)
    return _STRAY_BRACKETS.sub("", value)


def _date(args: list[str]) -> str:
    """``{{start date|2008|3|13}}`` -> "13 March 2008"."""
    parts = [a for a in args if a.isdigit()][:3]
    if not parts:
        return args[0] if args else ""
    year = parts[0]
    month = _MONTHS[int(parts[1]) - 1] if len(parts) > 1 and 1 <= int(parts[1]) <= 12 else ""
    day = str(int(parts[2])) if len(parts) > 2 else ""
    return " ".join(p for p in (day, month, year) if p)


def _infobox_fields(renderer: _Renderer, template: Template) -> list[str]:
    """``- Key: Value`` lines of an infobox template (with link markers in the values)."""
    lines = []
    for param in template.params:
        if not param.showkey:
            continue
        key = " ".join(str(param.name).replace("_", " ").split()).replace(":", " ")
        if not key or _SKIPPED_FIELDS.match(key) or len(key) > 80:
            continue
        value = renderer.render(param.value)
        value = ", ".join(
            _SPACES.sub(" ", part.replace(_ITEM, "")).strip(" ,")
            for part in value.split("\n")
            if part.replace(_ITEM, "").strip(" ,")
        )
        if _MARKERS.sub("", value).strip():
            lines.append(f"- {key[:1].upper()}{key[1:]}: {value}")
    return lines


def _body_lines(rendered: str) -> tuple[list[str], str | None]:
    """The flattened lines of the rendered body, and a leading ``= Title =`` heading's text."""
    lines: list[str] = []
    leading_title = None
    skip_level = 0  # inside a references section of this level
    for raw in rendered.split("\n"):
        line = _SPACE_BEFORE_PUNCT.sub("", _SPACES.sub(" ", raw)).strip()
        if line.startswith(_HEAD):
            level_text, _, heading = line[1:].partition(_HEAD_MID)
            level = int(level_text)
            if skip_level and level > skip_level:
                continue
            skip_level = 0
            if level == 1 and leading_title is None and not any(lines):
                leading_title = heading
                continue
            if heading.casefold() in _SECTIONS_DROPPED:
                skip_level = level
                continue
            marks = "=" * max(2, level)
            lines += ["", f"{marks} {heading or '-'} {marks}", ""]
            continue
        if skip_level:
            continue
        if line.startswith(_ITEM):
            item = line.lstrip(_ITEM + " ")
            if _MARKERS.sub("", item).strip():
                lines.append(f"- {item}")
            continue
        if line.startswith(("|", "!", "{|")):
            continue  # the rows of a broken table
        lines.append(line)
    return lines, leading_title


def render_wikitext(text: str, name: str, title: str | None = None) -> tuple[str, list[str]]:
    """The flattened rendering of ``text`` with link markers, and the link targets in order."""
    text = _MARKERS.sub("", clean_text(text, name))
    try:
        code = mwparserfromhell.parse(text)
        renderer = _Renderer()
        fields: list[str] = []
        for node in code.nodes:
            if isinstance(node, Template) and is_infobox(node):
                fields = _infobox_fields(renderer, node)
                code.remove(node)
                break
        body, leading_title = _body_lines(renderer.render(code))
    except RecursionError as err:
        raise ArticleError(f"{name}: wikitext nested too deeply to read") from err
    title = title or (_MARKERS.sub("", leading_title) if leading_title else title_from_name(name))
    title = " ".join(title.replace("=", "-").split()) or "Untitled"
    head = f"= {title} =\n\n" + ("Infobox\n" + "\n".join(fields) + "\n\n" if fields else "")
    return head + re.sub(r"\n{3,}", "\n\n", "\n".join(body)).strip() + "\n", renderer.targets


def parse_wikitext(text: str, name: str = "<text>", title: str | None = None) -> Article:
    """Parse a page's wikitext into an Article with its links (see the module's description)."""
    rendered, targets = render_wikitext(text, name, title)
    out: list[str] = []
    links: list[tuple[int, int, str, str]] = []
    position = 0
    length = 0
    for match in _LINK.finditer(rendered):
        before = rendered[position : match.start()]
        out.append(before)
        length += len(before)
        label = match.group(2)
        out.append(label)
        links.append((length, length + len(label), label, targets[int(match.group(1))]))
        length += len(label)
        position = match.end()
    out.append(rendered[position:])
    article = parse_article(_MARKERS.sub("", "".join(out)), name=name)
    article.links = [LinkMention(s, e, label, target) for s, e, label, target in links]
    return article
