"""Where articles come from: a string, a file, a directory, or stdin."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from presslens.errors import PresslensError
from presslens.extract.dates import find_dates
from presslens.ingest.byline import Byline, find_byline
from presslens.ingest.dateline import find_dateline
from presslens.ingest.decode import blank_controls, clean_text, decode_bytes
from presslens.ingest.header import read_header
from presslens.ingest.html import extract_html, looks_like_html
from presslens.ingest.language import detect_language, english_ratio
from presslens.ingest.pdf_text import unwrap_pdf_text
from presslens.settings import Settings

ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")


@dataclass
class RawArticle:
    """A decoded, checked article text with whatever metadata came with it."""

    text: str
    origin: str = "<text>"
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    source: str | None = None
    url: str | None = None
    byline: Byline | None = None
    # where no publication date is known, the day that dates with no year are read from (the end
    # of the period a digest's heading covers); never shown as the publication date
    dates_from: str | None = None


def parse_published(value: str | date | None) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError as exc:
        raise PresslensError("E010", value=value) from exc


def check_size(size: int, settings: Settings) -> None:
    """Refuse an input of more than ``settings.max_bytes`` bytes (E004)."""
    if size > settings.max_bytes:
        raise PresslensError("E004", size=size, limit=settings.max_bytes)


def read_source(arg: str | Path, settings: Settings) -> tuple[str, str]:
    """Read a path or ``-`` (stdin) into text; return (text, origin)."""
    if str(arg) == "-":
        data = sys.stdin.buffer.read(settings.max_bytes + 1)
        check_size(len(data), settings)
        return decode_bytes(data), "<stdin>"
    path = Path(arg)
    if not path.is_file():
        raise PresslensError("E007", path=path)
    try:
        check_size(path.stat().st_size, settings)
        with path.open("rb") as fh:
            data = fh.read(settings.max_bytes + 1)
    except OSError as exc:  # permissions, a vanished file, an I/O error
        raise PresslensError("E011", path=path, reason=exc.strerror or type(exc).__name__) from exc
    check_size(len(data), settings)
    return decode_bytes(data), str(path)


def iter_inputs(args: list[str]) -> Iterator[str]:
    """Expand directories into their article files (sorted); pass files and ``-`` through."""
    for arg in args:
        path = Path(arg)
        if arg != "-" and path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            if not files:
                raise PresslensError("E008", path=path)
            yield from (str(p) for p in files)
        else:
            yield arg


def _is_path_like(value: str) -> bool:
    if len(value) >= 1024 or "\n" in value:
        return False
    if Path(value).suffix.lower() in ARTICLE_SUFFIXES:
        return True
    try:
        return Path(value).exists()
    except (OSError, ValueError):  # a one-line article is not a file name
        return False


def _dateline_date(text: str) -> str | None:
    """The date of a dateline that gives its year ("KESSEL, 14 August 2023 -"): the day the report
    or release was filed, which relative days ("on Sunday") are counted from."""
    line = find_dateline(text)
    if line is None:
        return None
    found = [d.value for d in find_dates(text[line.start:line.end], None) if d.value and d.value[:1].isdigit()]
    return found[0] if found else None


def load_article(text_or_path: str | Path, settings: Settings, *, published: str | date | None = None,
                 title: str | None = None, source: str | None = None) -> RawArticle:
    """Decode, extract (HTML), find the byline, and refuse unusable input with a coded error.

    A ``Path``, ``-`` or a one-line string naming an existing article file is read; anything
    else is the article text itself."""
    if isinstance(text_or_path, Path) or text_or_path == "-" or _is_path_like(text_or_path):
        text, origin = read_source(text_or_path, settings)
        return article_from_text(text, settings, origin=origin, published=published, title=title, source=source)
    return article_from_text(text_or_path, settings, published=published, title=title, source=source)


def article_from_text(text: str, settings: Settings, *, origin: str = "<text>", published: str | date | None = None,
                      title: str | None = None, source: str | None = None, url: str | None = None) -> RawArticle:
    """The checks of :func:`load_article` for text that is never read as a file path (a table
    row or an HTTP body saying "/etc/passwd" is analysed as text, not opened). Explicit
    arguments win over what an HTML page says about itself."""
    published_iso = parse_published(published)
    check_size(len(text.encode("utf-8", errors="replace")), settings)
    text = clean_text(text)
    if not looks_like_html(text):
        text = unwrap_pdf_text(text)  # a report copied out of a PDF: its paragraphs put back together
    article = RawArticle(text=text, origin=origin)
    if looks_like_html(text):
        page = extract_html(text)
        article = RawArticle(text=page.text, origin=origin, title=page.title, authors=page.authors,
                             published=page.published, source=page.source, url=page.url)
        if len(re.findall(r"[^\W\d_]+", page.text)) < settings.min_words:
            raise PresslensError("E005")  # only navigation or boilerplate survived extraction
    if not article.text.strip():
        raise PresslensError("E001")
    words = re.findall(r"[^\W\d_]+", article.text)
    if len(words) < settings.min_words:
        raise PresslensError("E009", words=len(words), minimum=settings.min_words)
    if english_ratio(article.text) < settings.min_english_ratio:
        language, share = detect_language(article.text)
        # A short text may have no function word at all ("Russia's defence ministry denied
        # targeting civilians."): refused only when another language shows, or at length. One
        # word another language shares is no sign of it ("No one saw 12 soldiers die": "die").
        shows = language != "English" and (len(words) >= 20 or share * len(words) >= 2)
        if shows or len(words) >= 20:
            reason = f"it looks like {language}" if language != "English" else "too few common English words"
            raise PresslensError("E006", reason=reason)
    article.byline = find_byline(article.text)
    if article.byline and not article.authors:
        article.authors = article.byline.authors
    if article.byline and article.byline.agency and not article.source:
        article.source = article.byline.agency
    # a plain-text release's own headline and date line, where the caller gives none
    header = read_header(article.text)
    article.title = article.title or header.title
    # a release is published by its issuer: "MINISTRY OF THE INTERIOR" above "FOR IMMEDIATE RELEASE"
    if header.release and header.issuer and not article.source:
        article.source = header.issuer
    article.published = published_iso or article.published or header.published or _dateline_date(article.text)
    article.dates_from = None if article.published else header.period_end
    # a caller's fields (a table row's title) are as untrusted as the text: no escape sequences
    article.title, article.source, article.url = (
        blank_controls(v) if v else v for v in (title or article.title, source or article.source, url or article.url))
    return article
