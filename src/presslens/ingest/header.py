"""The lines above a plain-text article's first paragraph: a headline, a release label
("FOR IMMEDIATE RELEASE", "PRESS STATEMENT"), a date line ("14 June 2019").

Labels, issuer lines ("MINISTRY OF THE INTERIOR") and date lines are metadata: no claim, no
flag, no figure is read from them. A full date line is the publication date when the caller
gives none; the first headline-like line is the title when the caller gives none. HTML pages
say these things in their markup instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from presslens.extract.dates import find_dates

# Lines that label a release rather than say anything.
_LABEL = re.compile(
    r"(?i)^\s*(?:for immediate release|(?:joint |official )?(?:press|news|media) (?:release|statement|briefing|"
    r"advisory)|statement|embargoed(?: until [^\n]{0,40})?|for release[^\n]{0,40}|press office|communiqu[eé]|"
    r"flash update(?: no\.? ?\d+)?|situation report(?: no\.? ?\d+)?)\s*[:.]?\s*$")
_WORD = re.compile(r"[^\W\d_]+")
# "Issued by the UN Humanitarian Coordination Office, 7 February 2020", "Published: 3 March 2021"
_ISSUED = re.compile(r"(?i)^\s*(?:issued|published|released|posted|dated|(?:last )?updated)"
                     r"(?:\s+(?:by|on|at)\b|\s*[:,]|\s+\d)")


@dataclass
class Header:
    title: str | None = None
    published: str | None = None  # ISO date, from a date line with a year
    skip: list[tuple[int, int]] = field(default_factory=list)  # label and date lines
    issuer: str | None = None  # "MINISTRY OF THE INTERIOR - REPUBLIC OF VESHEN"
    release: bool = False  # a release label was seen ("FOR IMMEDIATE RELEASE", "PRESS STATEMENT")
    issuer_span: tuple[int, int] | None = None  # where the issuer line is, when it is a line of its own
    # the last day of a period a heading covers ("Weekly Incident Digest, Week 11: 8 to 14 March
    # 2025"): no publication date, but the year that the body's "Saturday, 8 March" is in
    period_end: str | None = None
    label_span: tuple[int, int] | None = None  # the first release label line


def _lines(text: str) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        if raw.strip():
            out.append((pos, pos + len(raw), raw.strip()))
        pos += len(raw) + 1
    return out


def _is_prose(line: str) -> bool:
    """A sentence of the body: long, or a full sentence ending in a full stop."""
    words = _WORD.findall(line)
    return len(words) > 20 or (len(words) >= 8 and line.rstrip().endswith((".", '."', ".”")))


def _date_line(line: str) -> str | None:
    """For a line that is only a date ("14 June 2019", "12 June", "Field Report | 8 November
    2021", "Issued by the Press Office, 7 February 2020"): its ISO date, or "" without a year
    or for a period ("Reporting period: 27 January - 5 February 2020"). None for any other line."""
    # "As of 18:00, Monday 22 September 2025": a time of day and "as of" say when, like the date
    line = re.sub(r"(?i)^\s*as (?:of|at)\s+|\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:hrs|local time|GMT|UTC))?,?|"
                  r"\b\d{1,2}\s*[ap]\.m\.,?", "", line)
    found = find_dates(line, None)
    if len(found) != 1 or found[0].value is None:
        return None
    rest = line[:found[0].start] + line[found[0].end:]
    if re.match(r"\s*:\s*\w", line[found[0].end:]):
        return None  # "Saturday, 8 March: Tornik (Tornik municipality)": a heading of the body
    if re.search(r"\d", rest) or (len(_WORD.findall(rest)) > 3 and not _ISSUED.match(line)):
        return None  # "- 42,000 people displaced since 2 August" is a key figure, not a date line
    if found[0].value.startswith("-") or found[0].last is not None:
        return ""
    try:
        return date.fromisoformat(found[0].value).isoformat()
    except ValueError:
        return None


# "Issued by the UN Humanitarian Coordination Office, 7 February 2020": who, before the date
# ("Issued by: Joint Humanitarian Coordination Cell (JHCC), Lumenne", "Compiled by the Regional
# Monitoring Desk. Editor: Priya Lannister")
_ISSUED_BY = re.compile(
    r"(?i)^\s*(?:issued|published|released|prepared|compiled)\s+by\s*:?\s+(?:the\s+)?([^,;\d]{3,80}?)\s*"
    r"(?:[,;]|\.\s|\bon\b|$)")
# A header's other fields: "Read by: Tomas Irving", "Editor: ...", "In this issue: ...", "Reporting
# period: 14-20 June": metadata, never the title
_FIELD = re.compile(r"(?i)^\s*(?:read|presented|edited|written|translated|reported)\s+by\s*:|"
                    r"^\s*(?:editor|editors|author|authors|reporting period|date of issue|in this issue|contacts?|"
                    r"distribution|classification|ref(?:erence)?(?:\s+no\.?)?)\s*:|"
                    r"^\s*ref(?:erence)?\.?\s*(?:no\.?\s*)?[A-Z0-9][\w/.-]*\d[\w/.-]*\s*$|"  # "Ref. DPO/PR/2023/118"
                    # "UPDATED 1840 GMT: Toll rises to 27; adds ...", "9812th meeting (AM)", "SC/16104"
                    r"^\s*(?:updated?|corrected|refiled|editor['’]?s note)\b[^:\n]{0,30}:|"
                    r"^\s*\d{1,5}(?:st|nd|rd|th)\s+meeting\b|^\s*[A-Z]{1,5}/\d{2,6}(?:/\S+)?\s*$|"
                    r"^\s*meetings coverage(?: and press releases)?\s*$")


def _is_label(line: str) -> bool:
    """A release label, or labels joined ("PRESS RELEASE - FOR IMMEDIATE RELEASE")."""
    return all(_LABEL.match(part) for part in re.split(r"\s+[-–|/]\s+", line))


_BODY_WORD = re.compile(
    r"\b(?:Office|Ministry|Command|Agency|Committee|Council|Authority|Department|Mission|Organi[sz]ation|Service|"
    r"Forces|Unit|Programme|Program|Fund|Secretariat|Commission|Bureau|Directorate|Society|Cluster|Centre|Center|"
    r"Guard)\b")
# Headings over a list that sums up the body ("KEY FIGURES", "Highlights"), and other section heads of a
# report: neither its issuer nor its title (the events read the first kind as a summary of the body)
SUMMARY_HEADINGS = ("key figures|key facts|highlights|key points|key messages|main points|at a glance|in numbers|"
                    "in brief|summary")
_SECTION_HEAD = re.compile(
    rf"(?i)^\s*(?:{SUMMARY_HEADINGS}|(?:situation )?overview|background|context|humanitarian (?:response|needs)|"
    r"access|contacts?|notes? to editors|media contacts?)\s*:?\s*$")
_ISSUED_VERB = re.compile(r"(?i)\s*(issued|published|released|prepared|compiled)\s+by\b")
_BULLET = re.compile(r"^\s*(?:[-–—•*·▪]|\d{1,2}[.)])\s+")
_REPORT_TITLE = re.compile(r"(?i)\b(?:flash update|situation report|sitrep|humanitarian update|bulletin)\b")


def _is_issuer(line: str, release: bool = False) -> bool:
    """ "MINISTRY OF THE INTERIOR - REPUBLIC OF VESHEN", "Ministry of Interior": who issues the
    release, not its headline (capitals, or a few words with no verb-like lower-case word);
    ``release``: a longer name ("Northern Command, Armed Forces of the Republic of Korvala")."""
    letters = [c for c in line if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.7:
        return True
    words = _WORD.findall(line)
    return len(words) <= (12 if release else 5) and all(
        w[0].isupper() or w in ("of", "for", "and", "the", "on") for w in words)


def read_header(text: str, max_lines: int = 6) -> Header:
    header = Header()
    issuer: str | None = None
    title_span: tuple[int, int] | None = None
    for start, end, line in _lines(text)[:max_lines]:
        if re.fullmatch(r"\[[^\[\]]+\]", line):
            header.skip.append((start, end))  # "[Translated from the original Arabic by ...]": a note
            continue
        if _is_prose(line):
            break
        parts = re.split(r"\s+[-–|]\s+", line)
        if len(parts) > 1 and _is_label(parts[0]) and all(_is_label(p) or _date_line(p) for p in parts[1:]):
            # "For immediate release - Wednesday, 19 March 2025"
            header.release = True
            header.label_span = header.label_span or (start, end)
            header.skip.append((start, end))
            header.published = header.published or next((_date_line(p) for p in parts[1:] if _date_line(p)), None)
            continue
        if len(parts) == 2 and _is_label(parts[0]) and issuer is None and _is_issuer(parts[1], release=True):
            # "PRESS RELEASE - Coast Guard of the Republic of Salvenne": the label, then who issues it
            header.release = True
            header.label_span = header.label_span or (start, start + len(parts[0]))
            issuer = parts[1].strip()
            offset = line.index(parts[1])
            header.issuer_span = (start + offset, start + offset + len(parts[1]))
            header.skip.append((start, end))
            continue
        header.period_end = header.period_end or next(
            (d.last for d in find_dates(line, None) if d.last and d.last[:1].isdigit()), None)
        if _is_label(line):
            header.release = True
            header.label_span = header.label_span or (start, end)
            header.skip.append((start, end))
            continue
        day = _date_line(line)
        by = _ISSUED_BY.match(line)
        if by:  # "Issued by the UN Humanitarian Coordination Office, 7 February 2020", "Prepared by the OHC"
            if issuer is not None and header.title is None and header.issuer_span is not None:
                # the capitals guessed to be the issuer ("CRISIS WATCH WEEKLY | Issue 214") name the report
                header.title = text[header.issuer_span[0]:header.issuer_span[1]].strip()
                header.skip = [s for s in header.skip if s != header.issuer_span]
            issuer = by.group(1).strip()  # said outright: over a line only guessed to be the issuer
            header.issuer_span = (start + by.start(1), start + by.end(1))
            verb = _ISSUED_VERB.match(line)
            if header.label_span is None and verb is not None:  # the cue: "Issued by"
                header.label_span = (start + verb.start(1), start + verb.end())
            header.release = True
            if day is None:
                header.skip.append((start, end))  # metadata, no claim
                continue
        if day is not None:
            header.published = header.published or day or None
            header.skip.append((start, end))
            continue
        if _FIELD.match(line):
            header.skip.append((start, end))
            continue
        if _BULLET.match(line):
            continue  # "- At least 41 civilians killed ...": a highlight, not the title
        if re.fullmatch(r"\s*[(\[].*[)\]]\s*", line):
            continue  # "(Questions from reporters have been shortened.)": an editor's note, not the title
        if re.match(r"\s*By\s+[A-Z]", line):
            # a byline: no issuer, no title; its date dates the story ("By Sara Lind | 9 September 2024")
            dated = [d.value for d in find_dates(line, None) if d.value and d.value[:1].isdigit()]
            header.published = header.published or (dated[0] if len(dated) == 1 else None)
            continue
        if _REPORT_TITLE.search(line) and header.title is None:
            header.title = line  # "NORTHERN PROVINCE: Flash Update No. 6" names the report, not who issued it
            continue
        if _SECTION_HEAD.match(line):
            continue  # "KEY FIGURES", "HIGHLIGHTS": a report's section, neither its issuer nor its title
        if 2 <= len(_WORD.findall(line)) <= 25 and not line.endswith(":"):
            # (a longer name under a report's title only with a word of an organisation in it:
            # "Humanitarian Coordination Office for Sarrowen (HCO)")
            named_body = header.release and issuer is None and header.title is not None and \
                bool(_BODY_WORD.search(line))
            under_issuer = issuer is not None and header.title is None and bool(_BODY_WORD.search(line)) and \
                _is_issuer(line, release=True)  # "Maritime Rescue Coordination Centre, Port Lirac" under it
            if _is_issuer(line, release=named_body) or under_issuer:
                if issuer is None:
                    issuer, header.issuer_span = line, (start, end)
                header.skip.append((start, end))
            elif header.title is None:
                header.title = line
                title_span = (start, end)
            elif issuer is None and header.release and title_span is not None and \
                    _is_issuer(header.title, release=True):
                # two headings under a release label, the first a long name: "Northern Command, Armed
                # Forces of the Republic of Korvala" issues "Troops neutralise terrorists in ..."
                issuer, header.issuer_span = header.title, title_span
                header.skip.append(title_span)
                header.title = line
    statement = _STATEMENT_TITLE.match(header.title or "")
    if not header.release and issuer is not None and title_span is not None and statement is not None:
        # "MINISTRY OF PUBLIC ORDER / Statement on the report of ...": a statement under its issuer's
        # name, with no release label: the title's first word is the cue
        at = text.find(header.title or "", title_span[0])
        header.release = True
        header.label_span = (at, at + statement.end())
    header.title = header.title or issuer
    header.issuer = issuer
    header.skip = _joined(text, header.skip)
    return header


_STATEMENT_TITLE = re.compile(r"(?i)(?:joint |official |press )?statement(?= (?:on|by|of|regarding|concerning)\b)")


# The line that closes a release: "- ENDS -", "###", "-30-", "END OF STATEMENT".
_END_MARK = re.compile(r"(?im)^(?:[-–—*# \t]*(?:ends?|end of (?:release|statement))[-–—*# \t]*|"
                       r"[ \t]*(?:###|-[ \t]?30[ \t]?-)[ \t]*)$")


def end_marks(text: str) -> list[tuple[int, int]]:
    """Where a release's end marks are: metadata, no claim. What follows the first one past the
    first third of the text (media contacts, "Notes to editors") is no part of the release's story
    either."""
    marks = [(m.start(), m.end()) for m in _END_MARK.finditer(text) if m.group().strip()]
    closing = next((start for start, _end in marks if start > len(text) / 3), None)
    if closing is None:
        return marks
    return [(a, b) for a, b in marks if a < closing] + [(closing, len(text))]


def _joined(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Neighbouring lines as one range, so that a sentence the splitter runs over both
    ("FOR IMMEDIATE RELEASE / 14 June 2019") is skipped whole."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and not text[out[-1][1]:start].strip():
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out
