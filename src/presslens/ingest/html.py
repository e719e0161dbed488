"""HTML pages: main text and metadata with trafilatura (offline; it never fetches)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from presslens.errors import PresslensError
from presslens.ingest.byline import find_byline, page_authors

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
                                          include_tables=True, favor_precision=True,
                                          date_extraction_params=set_date_params(extensive=False))
    except Exception as exc:  # lxml raises many types on malformed markup
        raise PresslensError("E005") from exc
    meta: dict[str, Any] = doc if isinstance(doc, dict) else (doc.as_dict() if doc is not None else {})
    # trafilatura ends each block (heading, paragraph) with one newline; a blank line between
    # them, as in plain-text articles, keeps a headline with no full stop out of the next sentence
    text = "\n\n".join(line.strip() for line in casualty_tables(str(meta.get("text") or "")).split("\n")
                       if line.strip())
    if not text:
        raise PresslensError("E005")
    authors = page_authors(str(meta.get("author") or ""))
    shown = byline_authors(markup)
    if shown and set(authors) <= set(shown):
        authors = shown  # "By Samir Haddou and Noor Castell" where the author tag names only the first
    date = str(meta.get("date") or "")
    published = date if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None
    title = meta.get("title") or None
    source = meta.get("sitename") or meta.get("hostname") or title_site(markup, title)
    return HtmlArticle(text=text, title=title, authors=authors, published=published, source=source,
                       url=meta.get("url") or None)


_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
# an element the page marks as its byline: <p class="byline">By ... | 20 February 2025</p>
_BYLINE_ELEMENT = re.compile(r"<(?P<tag>p|div|span|address)\b[^>]*\bclass=[\"'][^\"']*\bbyline\b[^\"']*[\"'][^>]*>"
                            r"(?P<body>.*?)</(?P=tag)>", re.I | re.S)


def byline_authors(markup: str) -> list[str]:
    """The names of the byline the page shows, which trafilatura leaves out of the text."""
    m = _BYLINE_ELEMENT.search(markup[:200000])
    if m is None:
        return []
    line = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", m.group("body"))).split())
    found = find_byline(line) if 0 < len(line) <= 120 else None
    return found.authors if found is not None else []


def title_site(markup: str, title: str | None) -> str | None:
    """The outlet a page's <title> names after its headline ("Eleven killed ... - The Pellan
    Courier"), when the headline is the title the page gives: a page read from a file has no host
    name, and many have no site-name tag."""
    m = _TITLE.search(markup[:50000])
    if m is None or not title:
        return None
    full = " ".join(html.unescape(m.group(1)).split())
    for sep in (" | ", " - ", " – ", " — "):
        head, found, site = full.rpartition(sep)
        if found and head.strip() == title.strip() and 0 < len(site.split()) <= 6 and not re.search(r"\d", site):
            return site.strip()
    return None


# Column heads that say what a table counts ("District | Killed | Injured | Displaced")
_COUNT_HEADS = re.compile(
    r"(?i)^(?:killed|dead|deaths?|fatalities|injured|wounded|injuries|missing|abducted|kidnapped|detained|"
    r"arrested|arrests|displaced|idps|refugees|returnees|evacuated)$")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def casualty_tables(text: str) -> str:
    """A table of counts ("| Varn | 14 | 39 | 2,300 |" under "| District | Killed | Injured |
    Displaced |") as one line per row that reads as a sentence: "Varn: 14 killed, 39 injured, 2,300
    displaced." Cells with no number ("n/a") are left out, "~900" is "about 900". Other tables,
    whose columns count nothing, are left out of the text, as before tables were read."""
    out: list[str] = []
    block: list[str] = []

    def flush() -> None:
        rows = [_cells(r) for r in block if not re.fullmatch(r"[\s|:-]+", r)]
        block.clear()
        # tables one after the other: a new one where the number of columns changes
        start = 0
        for i in range(1, len(rows) + 1):
            if i == len(rows) or len(rows[i]) != len(rows[start]):
                render(rows[start:i])
                start = i

    def render(rows: list[list[str]]) -> None:
        head_at = next((i for i, row in enumerate(rows[:3])
                        if len(row) > 1 and sum(bool(_COUNT_HEADS.match(c)) for c in row[1:]) >= 1), None)
        if head_at is None:
            return
        heads = rows[head_at]
        out.extend(" ".join(c for c in row if c) + "." for row in rows[:head_at] if any(row))  # a caption
        for row in rows[head_at + 1:]:
            parts = []
            for head, cell in zip(heads[1:], row[1:], strict=False):
                cell = re.sub(r"^~\s*", "about ", cell.strip())
                if re.search(r"\d", cell) and _COUNT_HEADS.match(head):
                    parts.append(f"{cell} {head.lower()}")
            if row and row[0] and parts:
                out.append(f"{row[0].rstrip('*')}: {', '.join(parts)}.")

    for line in text.split("\n"):
        if line.lstrip().startswith("|"):
            block.append(line)
            continue
        if block:
            flush()
        out.append(line)
    if block:
        flush()
    return "\n".join(out)
