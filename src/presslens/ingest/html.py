"""HTML pages: main text and metadata with trafilatura (offline; it never fetches)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from presslens.errors import PresslensError
from presslens.ingest.byline import page_authors

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
    from trafilatura.settings import set_date_params

    try:
        # dates from the page's markup only (meta tags, <time>, date elements): a date found in the
        # body's prose ("a written response dated 3 August 2023") is not when the page was published
        doc = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True,
                                          date_extraction_params=set_date_params(extensive=False))
    except Exception as exc:  # lxml raises many types on malformed markup
        raise PresslensError("E005") from exc
    meta: dict[str, Any] = doc if isinstance(doc, dict) else (doc.as_dict() if doc is not None else {})
    # trafilatura ends each block (heading, paragraph) with one newline; a blank line between
    # them, as in plain-text articles, keeps a headline with no full stop out of the next sentence
    text = "\n\n".join(line.strip() for line in str(meta.get("text") or "").split("\n") if line.strip())
    if not text:
        raise PresslensError("E005")
    authors = page_authors(str(meta.get("author") or ""))
    date = str(meta.get("date") or "")
    published = date if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None
    return HtmlArticle(text=text, title=meta.get("title") or None, authors=authors, published=published,
                       source=meta.get("sitename") or meta.get("hostname") or None, url=meta.get("url") or None)
