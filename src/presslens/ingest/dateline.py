"""Wire datelines: "KHARAN, March 3 (Wire) -", "PARIS, June 3 -", "TAL SAFI -".

A dateline is metadata about the report (where it was filed), not prose: no claim,
attribution or entity is read from it, while events may still take their place from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# the date of a dateline ("Monday 17 March 2025", "Feb 10") and what closes it ("(Wire) -")
_DATE = (r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
         r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s+(?:19|20)\d\d)?")
# (the lead may open with an acronym: "UNITED NATIONS, March 18 - UN envoy Ingrid Solberg told ...")
_CLOSE = r"(?:\s*\((?P<agency>[^)\n]{1,30})\))?\s*[-–—]{1,2}\s+(?=[\"“‘]?[A-Z][a-z]|[\"“‘]?[A-Z]{1,5}\s+[a-z]|\d)"
_DATELINE = re.compile(
    r"(?m)^(?P<place>[A-Z][A-Z.'\- ]{1,40}[A-Z])"
    # "KESH-AMAR, Tarvesh district, Monday 17 March 2025 -": a region, and a weekday before the date;
    # "BEYT SAHRAN, Lorvan province - An air strike ...": a region and no date
    r"(?:,\s*[A-Z][a-z'\-]+(?:\s+(?:[a-z]+|[A-Z][a-z'\-]+)){0,2}(?=,\s*(?:[A-Z][a-z]+day\b|\d|[A-Z][a-z]{2,8}\.?\s+\d)|\s+[-–—]{1,2}\s))?"
    rf"(?:,\s*(?P<date>{_DATE}))?{_CLOSE}")
# "Port Lirac, 7 September 2023 -": a place in title case is a dateline only with its date
_TITLE_DATELINE = re.compile(
    rf"(?m)^(?P<place>[A-Z][a-z'\-]+(?:\s+[A-Z][a-z'\-]+){{0,3}}),\s*(?P<date>{_DATE}){_CLOSE}")

# Capitals before a dash that label the text, not where it was filed: "PRESS RELEASE - Coast Guard of ..."
_LABELS = frozenset({"PRESS RELEASE", "NEWS RELEASE", "MEDIA RELEASE", "FOR IMMEDIATE RELEASE", "MEDIA ADVISORY",
                     "STATEMENT", "PRESS STATEMENT", "BREAKING", "BREAKING NEWS", "UPDATE", "UPDATED", "EXCLUSIVE",
                     "OPINION", "ANALYSIS", "COMMENT", "EDITORIAL", "CORRECTION", "URGENT", "FLASH", "ALERT",
                     "LIVE", "FACT CHECK", "FACT-CHECK", "EXPLAINER", "INTERVIEW", "FEATURE", "REPORT"})


@dataclass
class Dateline:
    place: str
    start: int
    end: int  # end of the dateline, before the lead sentence


def find_dateline(text: str, window: int = 600) -> Dateline | None:
    """The first dateline that opens a paragraph within the first ``window`` characters."""
    head = text[:window]
    found = [m for m in _DATELINE.finditer(head) if m.group("place").strip().upper() not in _LABELS]
    found += list(_TITLE_DATELINE.finditer(head))
    if not found:
        return None
    m = min(found, key=lambda m: m.start())
    return Dateline(m.group("place").strip().title(), m.start(), m.end())
