"""Citations: which resolutions the subject cites, and which it is only related to.

A mention is a citation when its sentence tells what the subject's text does with it
("recalls", "reaffirms", "in accordance with", "as stipulated in" ...) and that sentence is in
the lead or a section about the text; every other mention (later resolutions, "See also"
items, background) is a relation. One fact per cited resolution: "cites" wins over "related".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reskg.article import Article
from reskg.extract import extractor
from reskg.extract.resolutions import ResolutionMention, resolution_mentions, subject_ref
from reskg.facts import CitationFact, ResolutionRef

_CITING_CUE = re.compile(
    r"\b(?:recall\w*|reaffirm\w*|affirm\w*|reiterat\w*|in accordance with|accordance with|"
    r"endors\w*|implement\w*|uphold\w*|(?:taking\s+(?:due\s+)?)?account\s+of|"
    r"respect(?:s|ing)?|echo\w*|based\s+(?:\w+\s+){0,4}?on|in\s+contravention\s+of|contrary\s+to|"
    r"(?:established|created|set\s+up|appointed)\s+(?:by|under|in)|"
    r"as (?:stipulated|set out|laid down|provided|called for|envisaged) in|stipulated in|"
    r"pursuant to|in line with|consistent with|in conformity with|on the basis of|"
    r"cites?|citing|cited|refers? to|referring to|referred to|invok\w*|"
    r"bearing in mind|guided by|takes? note of|noting|build(?:s|ing)? on|"
    r"based on|under the terms of|in implementation of|implementation of|abide by|"
    r"comply with|compliance with|respect for|observance of|"
    r"under(?:\s+the\s+(?:mandate|terms|authority)\s+of)?(?=\s+(?:[A-Z][\w.]*\s+){0,5}"
    r"[Rr]esolutions?\b))\b",
    re.I,
)
# A sentence elsewhere that still tells what the text says: "Echoing the Taif Agreement, the
# resolution calls upon ..."
_NAMES_THE_TEXT = re.compile(
    r"\b(?:the|this)\s+(?:resolution|declaration|document|text)\s+(?:also\s+)?"
    r"(?!(?:is|has|was|does)\b)[a-z]+s\b",
    re.I,
)
_TEXT_SECTION = re.compile(
    r"text|content|provision|summary|operative|preamble|resolution|declaration|substance|terms|"
    r"observations|acts|aims|objectives|principles|purposes|articles|content",
    re.I,
)


# "..., to which the resolution later referred": the subject itself says it cites.
_CITED_AFTER = re.compile(
    r"\b(?:the|this|that)\s+(?:resolution|declaration|document|text|preamble)\s+(?:\w+\s+){0,2}"
    r"(?:referred|refers|recalls|recalled|cites|cited|invokes|invoked|endorses|endorsed)\b",
    re.I,
)


# A sentence that tells what the subject's text says: "It begins by restating ...", "Paragraph 9
# calls on ...", "The preamble expresses ...".
_TEXT_TELLS = re.compile(
    r"^(?:it|its|this|the\s+(?:resolution|declaration|preamble|text|document|charter|treaty|"
    r"convention|communiqu[ée]|statement|act|final\s+act|operative\s+part)|"
    r"(?:the\s+)?(?:operative\s+|preambular\s+)?(?:paragraphs?|articles?|clauses?)\s+\d+|"
    r"the\s+\w+\s+(?:operative\s+|preambular\s+)?(?:paragraph|article|clause|part))\b",
    re.I,
)


# A numbered part of the subject's text telling what it says: "Article 2 states that ...".
_TEXT_PART_TELLS = re.compile(
    r"^(?:(?:operative\s+|preambular\s+)?(?:paragraph|article|clause)\s+\d+\w*)\s+"
    r"(?:states?|says?|provides?|declares?|affirms?|reaffirms?|recalls?|notes?|calls?|"
    r"demands?|requests?|urges?|decides?|condemns?|defines?)\b",
    re.I,
)


def _is_citation(mention: ResolutionMention) -> bool:
    """The subject cites what its text is said to do something with.

    In the lead, a verb of reference must say so ("recalls", "in accordance with"); in a section
    about the text, a sentence telling what the text says ("It begins by restating the
    allies' attachment to the Washington Treaty") is enough.
    """
    sentence = mention.sentence
    if sentence is None or not sentence.text:
        return False
    if _CITED_AFTER.search(sentence.text, mention.span[1] - sentence.start):
        return True
    if (
        sentence.section
        and not _TEXT_SECTION.search(sentence.section)
        and not _NAMES_THE_TEXT.search(sentence.text)
    ):
        return False
    if sentence.section.casefold().startswith(("see also", "later", "subsequent")):
        return False
    before = sentence.text[: mention.span[0] - sentence.start]
    if _CITING_CUE.search(before):
        return True
    if _TEXT_PART_TELLS.match(sentence.text):
        return True  # "Article 2 states that ... the UN Charter", in any section
    return bool(sentence.section) and bool(_TEXT_TELLS.match(sentence.text))


@extractor("citations")
def extract_citations(article: Article) -> Iterator[CitationFact]:
    """One CitationFact per resolution the article mentions, relation "cites" or "related"."""
    subject = subject_ref(article)
    chosen: dict[ResolutionRef, tuple[ResolutionMention, str]] = {}
    for mention in resolution_mentions(article):
        relation = "cites" if _is_citation(mention) else "related"
        previous = chosen.get(mention.ref)
        if previous is None or (relation == "cites" and previous[1] == "related"):
            chosen[mention.ref] = (mention, relation)
    for ref, (mention, relation) in sorted(chosen.items(), key=lambda item: item[1][0].span):
        yield CitationFact(subject, ref, mention.span, relation)
