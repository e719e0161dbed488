"""HTML pages: main text and metadata with trafilatura (offline; it never fetches)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from presslens.errors import PresslensError

_HTML_SNIFF = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<article|<!--|<meta|<div|<p[\s>])", re.I)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_SNIFF.match(text[:1000])) or bool(re.search(r"</(p|div|html|body)>", text[:20000], re.I))


@dataclass
class HtmlArticle:
    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    source: str | None = None
    url: str | None = None


def extract_html(markup: str) -> HtmlArticle:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except Exception as exc:  # lxml raises many types on malformed markup
        raise PresslensError("E005") from exc
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise PresslensError("E005")
    authors = [a.strip() for a in re.split(r";|\band\b", doc.author or "") if a.strip()]
    published = doc.date if doc.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.date) else None
    return HtmlArticle(text=text, title=doc.title or None, authors=authors, published=published,
                       source=doc.sitename or doc.hostname or None, url=doc.url or None)
