"""Bylines at the top or the bottom of a text: "By: A. Name", "By Staff Writer", "Name, Reuters"."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Wire services and outlets that appear in "Name, Outlet" bylines. Generic, not partisan.
AGENCIES = (
    "Reuters", "AP", "Associated Press", "AFP", "Agence France-Presse", "Bloomberg", "dpa", "ANSA",
    "EFE", "Xinhua", "TASS", "Anadolu", "UPI", "BBC News", "Al Jazeera", "CNN", "Staff", "PA",
)
_NAME = r"[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|van|von|de|del|der|da|al|bin|ibn|la|le)){0,4}"
_BY = re.compile(rf"^\s*(?:[-–—]\s*)?(?:(?:interview|interviewed|text|words|photos?)\s+)?by\s*[:\-–—]?\s+"
                 rf"(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)"
                 r"(?:\s*[,|/]\s*(?P<agency>[A-Z][\w .&'\-]{1,40}))?\s*\.?\s*$", re.I)
_NAME_AGENCY = re.compile(rf"^\s*(?:[-–—]\s*)?(?P<names>{_NAME})\s*,\s*(?P<agency>{'|'.join(map(re.escape, AGENCIES))})"
                          r"\s*\.?\s*$")


@dataclass
class Byline:
    authors: list[str]
    agency: str | None
    start: int  # character offsets of the byline line in the text
    end: int


_ROLE = re.compile(
    r"(?i)\b(?:desk|correspondent|editor|reporter|staff|bureau|writer|columnist|contributor|team|"
    r"newsroom|producer|analyst|coordinator|director|officer|manager|adviser|advisor|spokesperson|"
    r"researcher|specialist)s?$")


def _split_names(names: str) -> list[str]:
    # "By Sofia Marchetti and Daniel Okafor, in Kolvar": where they wrote from, not a third author
    names = re.split(r",\s*(?:in|from|at|reporting from)\s+(?=[A-Z])", names)[0]
    # "Reporting by Mira Halloran in Torvel and Sven Ostrik in Kaleva": where each wrote from
    names = re.sub(r"\s+(?:in|from)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*(?=\s*(?:,|\band\b|&|$))", "", names)
    parts = re.split(r"\s*(?:,|\band\b|&)\s*", names.strip())
    out = [p.strip(" .") if not re.search(r"\b[A-Z]\.$", p.strip()) else p.strip() for p in parts if p.strip()]
    # wire bylines write names in capitals: "By JANE DOE" -> "Jane Doe"
    out = [n.title() if n.isupper() and len(n) > 3 else n for n in out]
    # "By Sophie Aldane, City Desk", "By Jonas Erwin, Legal Affairs Correspondent": a role, no author;
    # and what follows a role is where the writer works ("By Marta Kellner, Field Coordinator, Clear
    # Ground Initiative")
    role = next((i for i, n in enumerate(out) if _ROLE.search(n)), None)
    if role:
        return out[:role]
    return [n for n in out if not _ROLE.search(n)] or out


_AGENCY_NAMES = {a.lower(): a for a in AGENCIES}


# Words that name an outlet, not a person: "Maria Lenz, Continental Press"
_OUTLET_WORDS = re.compile(
    r"\b(?:Press|News|Times|Post|Agency|Media|Network|Daily|Herald|Tribune|Journal|Gazette|Radio|TV|Television|"
    r"Wire|Ledger|Chronicle|Observer|Review|Magazine|Online|Today|Express|Telegraph|Courier|Dispatch|Bulletin|"
    r"Monitor|Service|Channel|Broadcasting)$")
_CAMEL_CASE = re.compile(r"^[A-Z][a-z]+(?:[A-Z][a-z]+)+$")  # "CheckDesk", "NewsWire"


def _authors_and_agency(names: str, agency: str | None) -> tuple[list[str], str | None]:
    """ "By Jane Doe and John Roe, Reuters": the outlet is not an author; nor is what follows a
    list closed by "and" ("By Irena Kostal and Daud Fenner, CheckDesk"), nor an outlet's name."""
    authors = _split_names(names)
    while authors and authors[-1].lower() in _AGENCY_NAMES and agency is None:
        agency = _AGENCY_NAMES[authors.pop().lower()]
    closed = re.search(r"\s(?:and|&)\s[^,]+,\s*([^,]+)$", names.strip())
    if agency is None and len(authors) > 1 and (
            (closed is not None and closed.group(1).strip(" .") == authors[-1]) or
            _OUTLET_WORDS.search(authors[-1]) or _CAMEL_CASE.match(authors[-1])):
        agency = authors.pop()
    return authors, agency


# Reuters' footer: "Reporting by Jane Doe; Additional reporting by ...; Editing by John Roe" (editors are
# not authors)
_REPORTING_BY = re.compile(rf"^\s*\(?\s*(?:Additional\s+)?reporting by (?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)"
                           r"(?:\s*(?:;|,)\s*(?:additional reporting|writing|editing) by [^)]*)*\)?\s*\.?\s*$", re.I)


def _nonempty_lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, line) of every line with text in it."""
    lines: list[tuple[int, int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        if raw.strip():
            lines.append((pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return lines


# An opinion piece's last line on its writer: "Amal Rahman is a human rights researcher based in
# Sirra." Only with a word of the trade, so that "Maryam Rajavi is the leader of ..." is not one.
_BIO = re.compile(
    r"^\s*(?:[-–—*_]\s*)?(?!(?:The|This|That|These|Those|Our|Their|His|Her|Its|An?|Every|Each)\s)"
    r"(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms)\.?\s+)?(?P<names>[A-Z][\w'’.\-]+(?:\s+(?:[A-Z][\w'’.\-]*|van|von|de|del|al|bin|ibn|el)){1,3})"
    r"\s+(?:is|was)\s+(?:a|an|the)\s+(?=[^.]{0,80}\b(?:writer|journalist|reporter|researcher|professor|lecturer|"
    r"analyst|fellow|editor|columnist|author|correspondent|contributor|commentator|campaigner|scholar|"
    r"student|lawyer|consultant|novelist|poet|historian|economist|blogger)s?\b)[^\n]{3,200}$")


_BAR_DATE = re.compile(r"\s*(?:[|•·]|\s[-–—])\s*(?:(?:updated|published|posted)\b.*|"
                       r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:\d{1,2}\s+[A-Z][a-z]+|"
                       r"[A-Z][a-z]+\s+\d{1,2})(?:,?\s+\d{4})?\b.*)$", re.I)
# "By Anika Sorrel, Pell (Varesh)": where the writer filed from, not an outlet
_FILED_FROM = re.compile(r"\(")
# A letter's close: "Yours, in anger and in grief," then the writer's name
_CLOSE = re.compile(r"(?i)^\s*(?:yours\b|sincerely\b|regards\b|kind regards\b|respectfully\b)[^\n]{0,60},?\s*$")
_LETTER_NAME = re.compile(r"^\s*(?P<names>[A-Z][\w'’.\-]+(?:\s+(?:[A-Z][\w'’.\-]*|van|von|de|del|al|bin|ibn|el)){1,3})"
                          r"\s*$")


_CREDIT = re.compile(r"(?i)^\s*(?:writing|editing|edited|photos?|photographs|graphics|translation|translated)"
                     r"\s+by\b")
_REPORTING_PREFIX = re.compile(r"(?i)^\s*(?:(?:additional\s+)?reporting\s+)?by\s+")


def page_authors(meta_author: str) -> list[str]:
    """A page's author field as names: "Petra Renko, Local Affairs Reporter · · Updated" is Petra
    Renko (the role and the page's time stamp are no names)."""
    out: list[str] = []
    parts = []
    for chunk in re.split(r"[;·|•]", meta_author):
        # a wire footer in the author field: "Reporting by Tessa Vane and Idris Molle; editing by Karl
        # Brun" (the reporters are the authors, editors and photographers are not)
        if _CREDIT.match(chunk):
            continue
        parts.extend(re.split(r"\band\b|&", _REPORTING_PREFIX.sub("", chunk)))
    for part in parts:
        name = part.strip(" ,")
        if "," in name and _ROLE.search(name.split(",", 1)[1].strip()):
            name = name.split(",", 1)[0].strip()
        if name and not re.search(r"(?i)\b(?:updated|published|posted)\b|\d", name) and not _ROLE.search(name):
            out.append(name)
    return out


def find_byline(text: str, window: int = 3) -> Byline | None:
    """Look at the first and last ``window`` non-empty lines for a byline, and at the last line
    for an opinion piece's note on its writer."""
    lines = _nonempty_lines(text)
    if len(lines) > 1:
        start, end, line = lines[-1]
        m = _BIO.match(line) if len(line) <= 240 else None
        if m:
            return Byline(_split_names(m.group("names")), None, start, end)
    for (_s, _e, close), (start, end, line) in zip(lines[-4:], lines[-3:], strict=False):
        signed = _LETTER_NAME.match(line)
        if _CLOSE.match(close) and signed:
            return Byline([signed.group("names")], None, start, end)  # a letter's signature
    candidates = lines[:window] + lines[-window:][::-1]
    for start, end, line in candidates:
        if len(line) > 120:
            continue
        # "By Sara Lind | Updated 10 September 2024": the date after the bar is no name
        m = _BY.match(_BAR_DATE.sub("", line))
        if m is None and _FILED_FROM.search(line):
            m = _BY.match(re.sub(r",[^,]*\([^)]*\)\s*$", "", _BAR_DATE.sub("", line)))
        if m:
            agency = m.group("agency")
            authors, agency = _authors_and_agency(m.group("names"), agency.strip() if agency else None)
            if authors:
                return Byline(authors, agency, start, end)
        m = _REPORTING_BY.match(line)
        if m:
            return Byline(_split_names(m.group("names")), None, start, end)
        m = _NAME_AGENCY.match(line)
        if m:
            return Byline(_split_names(m.group("names")), m.group("agency"), start, end)
    return None


# An opinion piece's closing note on its author: metadata, not a claim or a persuasion technique.
_TAGLINE = re.compile(r"^\s*(?:[-–—*_]\s*)?(?:The|This) (?:writer|author|columnist)s? (?:is|are|was|were)\b.{0,200}$",
                      re.I)


def find_tagline(text: str, window: int = 2) -> tuple[int, int] | None:
    """The character range of "The writer is a human rights campaigner." among the last lines."""
    lines = _nonempty_lines(text)
    for start, end, line in lines[-window:][::-1]:
        if _TAGLINE.match(line):
            return start, end
    return None
