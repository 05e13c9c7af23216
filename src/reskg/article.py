"""The article model and readers under their old name: see ``reskg.read`` (kept for imports)."""

from __future__ import annotations

from reskg.read import read_article
from reskg.read.article import (
    MAX_ARTICLE_BYTES,
    Article,
    ArticleError,
    InfoboxField,
    LinkMention,
    PageInfo,
    Paragraph,
    Section,
    Sentence,
    decode_article,
    split_sentences,
)
from reskg.read.flattened import parse_article

__all__ = [
    "MAX_ARTICLE_BYTES",
    "Article",
    "ArticleError",
    "InfoboxField",
    "LinkMention",
    "PageInfo",
    "Paragraph",
    "Section",
    "Sentence",
    "decode_article",
    "parse_article",
    "read_article",
    "split_sentences",
]
