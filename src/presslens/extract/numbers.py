"""Number expressions in text: digits, number words, ranges, bounds and vague amounts.

``find_numbers`` returns what the text says about a count, not yet what it counts:
"about 70" -> value 70, approximate; "between 20 and 30" -> low 20, high 30;
"dozens" -> low 24; "fifty-two" -> 52.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
# Vague plurals: the smallest count the word allows (two dozen, two score, two hundred...).
VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "millions": 2_000_000,
         "tens of thousands": 20_000, "hundreds of thousands": 200_000}

_U = "|".join(sorted(UNITS, key=len, reverse=True))
_T = "|".join(TENS)
_S = "|".join(SCALES)
_WORD = rf"(?:(?:{_T})(?:[\s-](?:{_U}))?|{_U})"
# thousands grouped by commas, or by the no-break or thin spaces of UN and European style ("1\u00a0200")
_DIGIT = r"(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+|\d+(?:\.\d+)?)(?![\d,]*\d)"
_BASE = (rf"(?:(?:half\s+an?(?=\s+(?:{_S}|dozen))|{_DIGIT}|{_WORD}|an?(?=\s+(?:{_S}|dozen)))"
         # ("one thousand and two hundred": a second scale, with its own word before it)
         rf"(?:[\s-]+(?:(?:and\s+)?{_WORD}[\s-]+)?(?:{_S}|dozen)(?:\s+(?:and\s+)?{_WORD}(?!\s*(?:{_S})))?)*)")
_NUM = rf"(?:{_BASE})"
_VAGUE = r"(?:tens of thousands|hundreds of thousands|dozens|scores|hundreds|thousands|millions)"

APPROX = ("about", "around", "approximately", "roughly", "nearly", "almost", "some", "an estimated",
          "estimated", "close to", "circa", "approx.", "around about", "more or less", "maybe", "perhaps",
          "possibly")
# after the number: "a dozen or so" (about), "40 or more" (at least), "ten or fewer" (at most)
_TAIL = re.compile(r"\s+or\s+(?P<tail>so|more|fewer|less)\b(?!\s+than\b)", re.IGNORECASE)
LOWER = ("at least", "more than", "over", "upwards of", "in excess of", "no fewer than", "no less than",
         "well over", "just over", "not less than", "a minimum of")
UPPER = ("up to", "as many as", "fewer than", "less than", "under", "at most", "no more than", "just under",
         "a maximum of", "not more than")
_MOD = "|".join(re.escape(m) for m in sorted(APPROX + LOWER + UPPER, key=len, reverse=True))

NUMBER_RE = re.compile(
    rf"(?<![\w.,:$£€#/-])(?:(?P<mod>{_MOD})\s+)?(?:"
    rf"(?:between\s+(?P<b1>{_NUM})\s+and\s+(?P<b2>{_NUM}))|"
    rf"(?:from\s+(?P<f1>{_NUM})\s+to\s+(?P<f2>{_NUM}))|"
    rf"(?:(?P<r1>{_DIGIT})\s*(?:-|–|—)\s*(?P<r2>{_DIGIT})(?![\w:]))|"
    rf"(?:(?P<r3>{_NUM})\s+(?:to|or)\s+(?P<r4>{_NUM})(?![\w:]))|"
    rf"(?P<vague>{_VAGUE})|"
    rf"(?P<num>{_NUM}))(?![\w:%])",
    re.IGNORECASE,
)


@dataclass
class NumberExpr:
    start: int
    end: int
    text: str
    value: int | None
    low: int | None
    high: int | None
    approximate: bool
    modifier: str | None  # the approximator/bound as written ("about", "at least")
    modifier_span: tuple[int, int] | None
    number_start: int  # where the number itself starts (after the modifier)


def parse_number(text: str) -> float | None:
    """"3,000" -> 3000, "fifty-two" -> 52, "1.5 million" -> 1500000, "a dozen" -> 12,
    "half a million" -> 500000."""
    t = re.sub(r"(?<=\d)[,\u00a0\u202f\u2009](?=\d{3})", "", text.lower()).replace(",", "").replace("-", " ").strip()
    if t.startswith("half "):  # "half a million", "half a dozen"
        whole = parse_number(t[5:])
        return None if whole is None else whole / 2
    if re.fullmatch(r"\d+(\.\d+)?", t):
        return float(t)
    total = 0.0
    current = 0.0
    seen = False
    for word in t.split():
        if word == "and":
            continue
        if re.fullmatch(r"\d+(\.\d+)?", word):
            current += float(word)
        elif word in ("a", "an"):
            current += 1
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word in SCALES:
            scale = SCALES[word]
            current = (current or 1) * scale
            if scale >= 1000:
                total += current
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


# A word just before a bare "estimated" that makes it a verb: its subject ("police estimated").
_VERB_SUBJECT_BEFORE = re.compile(
    r"(?<![\w'])(?!(?:an|the|some|of|to|by|with|for|and|or|at|about|from|in|on)\s+\Z)[A-Za-z][\w'’-]*\s+\Z",
    re.IGNORECASE)


# a count that changed: "raising the toll from 9 to 14", "the number of dead rose from 9 to 14"
_CHANGE_BEFORE = re.compile(
    r"(?i)\b(?:rais|rose|ris|climb|increas|jump|went|go|goes|push|bring|brought|revis|fell|fall|drop|lower|"
    r"correct|amend|up|down)\w*(?:\s+[\w'’-]+){0,4}\s+\Z")


# verbs whose particle is "over": "handed over", "turned over", "taken over"
_PARTICLE_OVER = re.compile(r"\b(?:hand|turn|tak|took|giv|gave|pass|sign)\w*\s+\Z", re.IGNORECASE)


def find_numbers(text: str) -> list[NumberExpr]:
    out: list[NumberExpr] = []
    for m in NUMBER_RE.finditer(text):
        if text[m.start() - 1:m.start()] == "[" and text[m.end():m.end() + 1] == "]" and m.group(0).isdigit():
            continue  # a footnote mark: "according to the UN[3]", "[4] IOM, ..."
        mod = m.group("mod")
        mod_l = mod.lower() if mod else None
        if mod_l == "estimated" and _VERB_SUBJECT_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            # "police estimated 3,500": a verb whose subject is the source (the attribution's
            # cue), not "an estimated 3,500"
            m = NUMBER_RE.match(text, m.start("mod") + len(mod) + 1) or m
            mod = m.group("mod")
            mod_l = mod.lower() if mod else None
        if mod_l == "over" and _PARTICLE_OVER.search(text, max(0, m.start() - 20), m.start()):
            # "it handed over 64 captured fighters": the verb's particle, not "more than 64"
            m = NUMBER_RE.match(text, m.start("mod") + len(mod) + 1) or m
            mod = m.group("mod")
            mod_l = mod.lower() if mod else None
        value: float | None
        low: float | None
        high: float | None
        approximate = plus = False
        if m.group("f1") and mod is None and _CHANGE_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            # "raising the toll from 9 to 14", "rose from 9 to 14": what it was and what it is, two counts
            for part in ("f1", "f2"):
                value = parse_number(m.group(part))
                if value is not None:
                    out.append(NumberExpr(
                        start=m.start(part), end=m.end(part), text=m.group(part), value=int(round(value)),
                        low=int(round(value)), high=int(round(value)), approximate=False, modifier=None,
                        modifier_span=None, number_start=m.start(part)))
            continue
        pair = next(((m.group(a), m.group(b)) for a, b in (("b1", "b2"), ("f1", "f2"), ("r1", "r2"), ("r3", "r4"))
                     if m.group(a)), None)
        if pair:
            a, b = pair
            low, high = parse_number(a), parse_number(b)
            scale = re.search(rf"[\s-]({_S}|dozen)$", b, re.I)
            if low is not None and scale and not re.search(rf"\b(?:{_S}|dozen)\b", a, re.I):
                # "between two and three hundred": the scale is said once for both ends
                low *= 12 if scale.group(1).lower() == "dozen" else SCALES[scale.group(1).lower()]
            if low is None or high is None or high <= low:
                # "2-1" is a score, "10-12" a time: only ascending pairs are ranges.
                continue
            value, approximate = None, True
        elif m.group("vague"):
            value, low, high, approximate = None, float(VAGUE[m.group("vague").lower()]), None, True
        else:
            value = parse_number(m.group("num"))
            if value is None:
                continue
            low = high = value
            if mod_l in APPROX:
                low = high = None
                approximate = True
            elif mod_l in LOWER:
                high, approximate = None, True
            elif mod_l in UPPER:
                low, approximate = None, True
            if re.fullmatch(r"(?:half\s+)?an?\s+dozen", m.group("num"), re.I):
                low = high = None
                approximate = True
            if mod is None and re.match(r"\+(?![\d+])", text[m.end():m.end() + 2]) and \
                    re.fullmatch(r"[\d,]+", m.group("num")):
                high, approximate, plus = None, True, True  # "50+ civilians": at least 50
            tail = _TAIL.match(text, m.end()) if mod is None and not plus else None
            if tail is not None:
                word = tail.group("tail").lower()
                if word == "so":
                    low = high = None
                elif word == "more":
                    high = None
                else:
                    low = None
                approximate = True
        num_start = m.start("mod") + len(mod) + 1 if mod else m.start()
        while num_start < m.end() and text[num_start].isspace():
            num_start += 1

        def as_int(x: float | None) -> int | None:
            return None if x is None else int(round(x))

        tail = None if pair or m.group("vague") or mod or plus else _TAIL.match(text, m.end())
        end = tail.end() if tail is not None else m.end() + (1 if plus else 0)
        modifier_span = (m.start("mod"), m.end("mod")) if mod else \
            (tail.end() - len(tail.group(0).lstrip()), tail.end()) if tail is not None else None
        out.append(NumberExpr(
            start=m.start(), end=end, text=text[m.start():end], value=as_int(value), low=as_int(low),
            high=as_int(high), approximate=approximate,
            modifier=text[modifier_span[0]:modifier_span[1]] if modifier_span else None,
            modifier_span=modifier_span, number_start=num_start,
        ))
    return out
