"""Dates in text, resolved against the publication date when the year is missing.

"September 1th" (sic) with published 2013-10-10 -> 2013-09-01; with no published date
-> "--09-01". Weekdays ("on Monday") and "yesterday" need the publication date. A range of
days ("between 2 and 6 May", "May 2-6") gives its first day as the value and its last as
``last``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from presslens.extract.numbers import UNITS

MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
          "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3,
          "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
MONTH_NAMES = tuple(MONTHS)[:12]  # the full names, January first
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_M = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|" \
     r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?:,?\s+(?P<year>(?:1[89]|20)\d\d))?"
_MONTH_ONLY = _M.replace("(?P<month>", "(?:")
_DAY_ONLY = r"[0-3]?\d(?:st|nd|rd|th)?"
DATE_RE = re.compile(
    # ranges of days first: "between 2 and 6 May", "from 2 to 6 May 2024", "2-6 May", "May 2-6",
    # "between May 2 and 6" ("May 2 and 6" alone may be two dates, so "and" needs "between")
    rf"\b(?:(?i:between)\s+(?P<ra1>{_DAY_ONLY})\s+and|(?:(?i:from)\s+)?(?P<rb1>{_DAY_ONLY})\s*(?:-|–|to))\s*"
    rf"(?P<r2>{_DAY_ONLY})\s+(?P<rmonth>{_MONTH_ONLY})\b(?:,?\s+(?P<ryear>(?:1[89]|20)\d\d))?|"
    rf"\b(?:(?i:between)\s+(?P<rmonth2>{_MONTH_ONLY})\s+(?P<rc1>{_DAY_ONLY})\s+and|"
    rf"(?:(?i:from)\s+)?(?P<rmonth3>{_MONTH_ONLY})\s+(?P<rd1>{_DAY_ONLY})\s*(?:-|–|to))\s*"
    rf"(?P<r4>{_DAY_ONLY})\b(?!\s*(?:{_MONTH_ONLY})\b)(?:,?\s+(?P<ryear2>(?:1[89]|20)\d\d))?|"
    rf"\b(?P<iso>(?:1[89]|20)\d\d-[01]\d-[0-3]\d)\b|"
    rf"\b{_M}\s+{_D}\b{_Y}|"
    rf"\b(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<month2>January|February|March|April|May|June|July|"
    rf"August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|"
    rf"Oct\.?|Nov\.?|Dec\.?)\b(?:,?\s+(?P<year2>(?:1[89]|20)\d\d))?|"
    # the prefix may open a sentence ("Last Tuesday, ..."); the weekday keeps its capital
    # ("in the early hours of Sunday", "on the night of Friday")
    rf"\b(?P<prefix>(?i:on|last|this|next|early on|late on|early|late|since|by|(?:early|small|wee) hours of|"
    rf"(?:morning|night|evening|afternoon) of))\s+"
    rf"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|"
    # "Monday's market blast", "Sunday’s vote": the last such day
    rf"\b(?P<possessive_day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?=['’]s\b)|"
    # "Yesterday, troops ..." opens many ledes; a sentence-initial "Today" more often opens comment
    rf"\b(?P<rel>(?i:yesterday|last night)|today)\b|"
    rf"\b(?P<ago>(?i:two|three|four|five|six|2|3|4|5|6))\s+(?i:days\s+ago)\b",
)


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    value: str | None  # ISO date, "--MM-DD", or None when it cannot be resolved
    last: str | None = None  # the last day of a range ("between 2 and 6 May"), in the same form


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def resolve_month_day(month: int, day: int, year: int | None, published: date | None) -> str | None:
    try:
        if year is not None:
            return date(year, month, day).isoformat()
        if published is not None:
            candidate = date(published.year, month, day)
            if candidate > published:
                # No year given: the most recent such date not after publication.
                candidate = date(published.year - 1, month, day)
            return candidate.isoformat()
        date(2000, month, day)  # validates the day (2000 is a leap year)
        return f"--{month:02d}-{day:02d}"
    except ValueError:
        return None


_TIME_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)\b")
_NEXT_WEEKDAY = re.compile(r"(?i)\bnext\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+$")


def _ahead(value: str, published: date) -> str:
    """The same day and month on or after publication."""
    day = date.fromisoformat(value)
    try:
        return day.replace(year=day.year + 1).isoformat() if day < published else value
    except ValueError:  # 29 February
        return value


def find_dates(text: str, published: date | None) -> list[DateMention]:
    out: list[DateMention] = []
    said_last: set[int] = set()  # the "last Sunday"s, by their place in ``out``
    for m in DATE_RE.finditer(text):
        value: str | None = None
        whole = m.group(0)
        start, end = m.start(), m.end()
        if m.group("rmonth") or m.group("rmonth2") or m.group("rmonth3"):
            value, end_value = _day_range(m, published)
            if value is None:
                continue
            out.append(DateMention(start, end, whole, value, end_value))
            continue
        if m.group("iso"):
            try:
                value = date.fromisoformat(m.group("iso")).isoformat()
            except ValueError:
                value = None
        elif m.group("month"):
            year = int(m.group("year")) if m.group("year") else None
            value = resolve_month_day(_month(m.group("month")), int(m.group("day")), year, published)
            if m.group("month").lower() == "may" and not m.group("day"):
                continue
        elif m.group("month2"):
            year = int(m.group("year2")) if m.group("year2") else None
            value = resolve_month_day(_month(m.group("month2")), int(m.group("day2")), year, published)
        yearless = (m.group("month") and not m.group("year")) or (m.group("month2") and not m.group("year2"))
        if yearless and value and value[0].isdigit() and published is not None and \
                _NEXT_WEEKDAY.search(text, max(0, start - 24), start):
            value = _ahead(value, published)  # "next Saturday, 25 May": ahead, not the last 25 May
        elif m.group("weekday"):
            if m.group("prefix").lower() == "by" and not _TIME_OF_DAY.match(text, m.end()):
                continue  # "must leave by Friday" may be ahead; "By Thursday evening the count had risen" is past
            start = m.start("weekday")
            whole = m.group("weekday")
            if published is not None and m.group("prefix").lower() == "next":
                ahead = (WEEKDAYS[whole.lower()] - published.weekday()) % 7 or 7
                value = (published + timedelta(days=ahead)).isoformat()  # "next Saturday": ahead
            elif published is not None:
                back = (published.weekday() - WEEKDAYS[whole.lower()]) % 7
                if back == 0 and m.group("prefix").lower() == "last":
                    back = 7  # "last Tuesday" written on a Tuesday: a week before
                value = _days_before(published, back)
                if m.group("prefix").lower() == "last":
                    said_last.add(len(out))
        elif m.group("possessive_day"):
            whole = m.group("possessive_day")
            if published is not None:
                value = _days_before(published, (published.weekday() - WEEKDAYS[whole.lower()]) % 7)
        elif m.group("ago"):
            if published is not None:
                word = m.group("ago").lower()
                value = _days_before(published, int(word) if word.isdigit() else UNITS[word])
        elif m.group("rel"):
            if published is not None:
                back = 0 if m.group("rel").lower() == "today" else 1
                value = _days_before(published, back)
        out.append(DateMention(start, end, text[start:end] if whole else whole, value))
    # "Police fired tear gas on Sunday ... Last Sunday, police detained 22 people in Belavo": where
    # the text's plain "Sunday" is the latest one, its "last Sunday" is the one a week before
    plain = {d.value for i, d in enumerate(out) if i not in said_last and d.text.lower() in WEEKDAYS}
    for i in said_last:
        d = out[i]
        if d.value is not None and d.value in plain:
            out[i] = DateMention(d.start, d.end, d.text, _days_before(date.fromisoformat(d.value), 7))
    out = _days_later(text, out)
    out = _day_of_told_month(text, out, published)
    # "on Thursday, 6 March": one day, and the date says which Thursday (not the last one before
    # publication)
    out = [d for i, d in enumerate(out) if not (
        d.text.lower() in WEEKDAYS and i + 1 < len(out) and re.fullmatch(r",?\s+", text[d.end:out[i + 1].start]))]
    return _join_ranges(text, out)


# "On 4 March, a bomb struck a minibus ... Two days later, police detained 14 people"
_DAYS_LATER = re.compile(r"(?i)\b(?:(?P<n>a|one|two|three|four|five|six|seven|[1-7])\s+days?\s+later|"
                         r"the\s+(?:next|following)\s+day)\b")
_LATER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _days_later(text: str, found: list[DateMention]) -> list[DateMention]:
    """Add "two days later", "the next day": so many days after the last full date told before
    it, within the same or the previous paragraph (no guess from far away)."""
    added: list[DateMention] = []
    for m in _DAYS_LATER.finditer(text):
        before = [d for d in sorted(found + added, key=lambda d: d.start)
                  if d.end <= m.start() and d.value and d.value[:1].isdigit()
                  and text.count("\n\n", d.end, m.start()) <= 1 and m.start() - d.end <= 600]
        if not before:
            continue
        word = (m.group("n") or "1").lower()
        days = int(word) if word.isdigit() else _LATER_WORDS[word]
        try:
            value = (date.fromisoformat(before[-1].value or "") + timedelta(days=days)).isoformat()
        except (ValueError, OverflowError):
            continue
        added.append(DateMention(m.start(), m.end(), m.group(0), value))
    return sorted(found + added, key=lambda d: d.start) if added else found


# "In April, two nurses were shot dead at a checkpoint outside Tarrin on the 11th"
_ORDINAL_DAY = re.compile(r"(?i)\bon the (?P<day>[1-3]?\d)(?:st|nd|rd|th)\b(?!\s+(?:of|day|anniversary|floor)\b)")
_MONTH_TOLD = re.compile(r"\b(?P<month>" + "|".join(m.capitalize() for m in MONTH_NAMES) +
                         r")\b(?:\s+(?P<year>(?:19|20)\d\d))?")


def _day_of_told_month(text: str, found: list[DateMention], published: date | None) -> list[DateMention]:
    """ "on the 11th": that day of the month named last before it in the same sentence."""
    added: list[DateMention] = []
    for m in _ORDINAL_DAY.finditer(text):
        if any(d.start <= m.start("day") < d.end for d in found):
            continue
        start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        months = list(_MONTH_TOLD.finditer(text, start, m.start()))
        if not months:
            continue
        told = months[-1]
        year = int(told.group("year")) if told.group("year") else None
        value = resolve_month_day(_month(told.group("month")), int(m.group("day")), year, published)
        if value is not None:
            added.append(DateMention(m.start("day") - len("the "), m.end(), m.group(0)[3:], value))
    return sorted(found + added, key=lambda d: d.start) if added else found


_RANGE_OPEN = re.compile(r"(?i)\b(?:between|from)\s+$")
_RANGE_JOIN = re.compile(r"(?i)\s*(?:and|to|until|till|through|-|–)\s*")
_RANGE_DASH = re.compile(r"\s*[-–]\s*")  # "27 January - 5 February 2020" needs no "from"


def _year_from(value: str, later: str) -> str:
    """A yearless first day ("--01-27") takes the year of the range's last day ("2020-02-05"),
    or the year before when it would fall after it ("28 December - 3 January 2020")."""
    if not value.startswith("--") or later.startswith("-"):
        return value
    year = int(later[:4])
    for y in (year, year - 1):
        try:
            candidate = date.fromisoformat(f"{y}{value[1:]}").isoformat()
        except ValueError:
            continue
        if candidate < later:
            return candidate
    return value


def _join_ranges(text: str, dates: list[DateMention]) -> list[DateMention]:
    """ "from 28 April to 3 May", "between May 2 and May 6": two dates that open and close one range."""
    out: list[DateMention] = []
    i = 0
    while i < len(dates):
        first = dates[i]
        second = dates[i + 1] if i + 1 < len(dates) else None
        before = text[max(0, first.start - 12):first.start]
        opener = _RANGE_OPEN.search(before)
        between = text[first.end:second.start] if second is not None else ""
        first_value = _year_from(first.value, second.value) if second is not None and first.value and \
            second.value else first.value
        if second is not None and (opener is not None or _RANGE_DASH.fullmatch(between)) \
                and first.last is None and second.last is None and first_value and second.value \
                and first_value[0].isdigit() == second.value[0].isdigit() and first_value < second.value \
                and _RANGE_JOIN.fullmatch(between):
            start = first.start - len(before) + opener.start() if opener is not None else first.start
            out.append(DateMention(start, second.end, text[start:second.end], first_value, second.value))
            i += 2
            continue
        out.append(first)
        i += 1
    return out


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group(0))  # type: ignore[union-attr]


def _day_range(m: re.Match[str], published: date | None) -> tuple[str | None, str | None]:
    """The first and last day of a range of days in one month; (None, None) if it is not one."""
    if m.group("rmonth"):
        month, first, last = m.group("rmonth"), m.group("ra1") or m.group("rb1"), m.group("r2")
        year_text = m.group("ryear")
    else:
        month = m.group("rmonth2") or m.group("rmonth3")
        first, last, year_text = m.group("rc1") or m.group("rd1"), m.group("r4"), m.group("ryear2")
    lo, hi = _day(first), _day(last)
    if not 1 <= lo < hi <= 31:
        return None, None
    # the year is the last day's, so that a range ending on the publication day stays in its year
    end_value = resolve_month_day(_month(month), hi, int(year_text) if year_text else None, published)
    if end_value is None:
        return None, None
    year = int(end_value[:4]) if not end_value.startswith("-") else None
    return resolve_month_day(_month(month), lo, year, None), end_value


def _days_before(published: date, days: int) -> str | None:
    """``published`` minus ``days`` as YYYY-MM-DD; None before the calendar's first day."""
    try:
        return (published - timedelta(days=days)).isoformat()
    except OverflowError:
        return None
