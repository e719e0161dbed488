#!/usr/bin/env python3
"""Validate the hand-annotated gold files in tests/gold/.

Standard library only.  Usage:

    python3 tests/gold/check_gold.py            # validate, exit 1 on any error
    python3 tests/gold/check_gold.py --numbers  # also list number-like tokens of
                                                # each article that no figure
                                                # covers (manual completeness review)

Checks, per NN_name.gold.json:
  * valid JSON with the required keys and value types;
  * the article file exists (NN_name.txt or NN_name.html) and has 150-500 words;
  * every figure text, attribution source/cue, technique text, event location
    and author occurs verbatim in the article text (for .html: the text of the
    <article> element, i.e. the visible story without nav/ads/footer);
  * a figure text is not annotated more often than it occurs;
  * value/low/high/approximate follow the conventions (the number expression is
    re-parsed independently here) and bound/approximation modifiers imply hedged;
  * of_total, when set, occurs in the article next to the figure;
  * categories, event types and technique labels come from the allowed lists;
  * event dates are ISO (YYYY-MM-DD or --MM-DD) and not after `published`;
  * every event count equals the value (or lower bound) of some figure of that
    category in the same article;
  * an attribution's source and cue occur close to each other (same passage).
"""
import json
import os
import re
import sys
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))

CATEGORIES = {
    "killed", "injured", "missing", "abducted", "arrested", "detained",
    "displaced", "defected", "transferred", "resettled", "protesters", "other",
}
EVENT_TYPES = {
    "attack", "armed_clash", "killing", "abduction", "arrest", "protest",
    "hunger_strike", "relocation", "defection", "statement", "other",
}
TECHNIQUES = {
    "Loaded_Language", "Name_Calling,Labeling", "Repetition", "Doubt",
    "Exaggeration,Minimisation", "Appeal_to_fear-prejudice", "Flag-Waving",
    "Causal_Oversimplification", "Appeal_to_Authority", "Slogans",
    "Black-and-White_Fallacy", "Whataboutism,Straw_Men,Red_Herring",
    "Thought-terminating_Cliches", "Bandwagon,Reductio_ad_hitlerum",
}
TOP_KEYS = {"file", "kind", "published", "authors", "figures", "events",
            "attributions", "techniques"}
FIGURE_KEYS = {"text", "value", "low", "high", "approximate", "category",
               "of_total", "hedged", "negated"}
EVENT_KEYS = {"type", "date", "location", "counts"}

# ---------------------------------------------------------------- numbers

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90}
VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000}
APPROX_MODS = ["an estimated", "approximately", "roughly", "around", "about",
               "nearly", "almost", "some", "circa"]
LOWER_MODS = ["at least", "more than", "upwards of", "over"]
UPPER_MODS = ["no more than", "as many as", "fewer than", "less than", "up to"]


def parse_number(s):
    """Parse a bare number ('1,500', '52', 'seven', 'fifty-two', 'two hundred')."""
    s = s.strip().lower()
    if re.fullmatch(r"\d{1,3}(,\d{3})+|\d+", s):
        return int(s.replace(",", ""))
    words = re.split(r"[\s-]+", s)
    total, cur = 0, 0
    for w in words:
        if w == "and":
            continue
        if w in UNITS:
            cur += UNITS[w]
        elif w in TENS:
            cur += TENS[w]
        elif w == "hundred":
            cur = (cur or 1) * 100
        elif w == "thousand":
            total += (cur or 1) * 1000
            cur = 0
        else:
            return None
    return total + cur


def expected_numbers(text):
    """Return (value, low, high, approximate, modifier_kind) implied by a
    figure text, or None if the expression cannot be parsed."""
    t = text.strip().lower()
    if t in VAGUE:
        return (None, VAGUE[t], None, True, "vague")
    if t == "a dozen":
        return (12, None, None, True, "vague")
    if t in ("no one", "nobody", "none", "no") or t.startswith("any ") or (t.startswith("no ") and parse_number(t[3:]) is None
                                                   and not any(t.startswith(m + " ") for m in UPPER_MODS + LOWER_MODS)):
        # a count of none: "No one died", "no deaths", "denied that any protesters were killed"
        return (0, 0, 0, False, "exact")
    m = re.fullmatch(r"between (.+) and (.+)", t) or \
        re.fullmatch(r"(.+?) (?:to|-) (.+)", t) or \
        re.fullmatch(r"(\d[\d,]*)-(\d[\d,]*)", t)
    if m:
        a, b = parse_number(m.group(1)), parse_number(m.group(2))
        if a is not None and b is not None:
            return (None, a, b, True, "range")
    for mods, kind in ((UPPER_MODS, "upper"), (LOWER_MODS, "lower"),
                       (APPROX_MODS, "approx")):
        for mod in mods:
            if t.startswith(mod + " "):
                n = parse_number(t[len(mod) + 1:])
                if n is None:
                    return None
                if kind == "approx":
                    return (n, None, None, True, kind)
                if kind == "lower":
                    return (n, n, None, True, kind)
                return (n, None, n, True, kind)
    n = parse_number(t)
    if n is None:
        return None
    return (n, n, n, False, "exact")


def number_forms(n):
    """Ways an integer may be written in the text."""
    forms = {str(n), f"{n:,}"}
    inv_units = {v: k for k, v in UNITS.items()}
    inv_tens = {v: k for k, v in TENS.items()}
    if n in inv_units:
        forms.add(inv_units[n])
    elif n < 100 and n in inv_tens:
        forms.add(inv_tens[n])
    elif n < 100 and n // 10 * 10 in inv_tens:
        forms.add(f"{inv_tens[n // 10 * 10]}-{inv_units[n % 10]}")
    return forms

# ---------------------------------------------------------------- text


class _ArticleText(HTMLParser):
    """Collects the text of <article> (the visible story) and of the whole
    visible page (body without script/style), plus <meta> tags."""
    BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "li", "ul", "article",
             "section", "header", "footer", "nav", "aside", "br", "time"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.in_article = 0
        self.in_body = False
        self.article, self.visible = [], []
        self.meta = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta":
            key = a.get("name") or a.get("property")
            if key:
                self.meta[key] = a.get("content", "")
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "body":
            self.in_body = True
        if tag == "article":
            self.in_article += 1
        if tag in self.BLOCK:
            self.article.append("\n")
            self.visible.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        if tag == "article":
            self.in_article -= 1
        if tag in self.BLOCK:
            self.article.append("\n")
            self.visible.append("\n")

    def handle_data(self, data):
        if self.skip:
            return
        if self.in_body:
            self.visible.append(data)
        if self.in_article:
            self.article.append(data)


def _norm(s):
    lines = [re.sub(r"[ \t\r\f\v]+", " ", ln).strip() for ln in s.split("\n")]
    return "\n".join(ln for ln in lines if ln)


def load_article(path):
    """Return (article_text, meta_dict)."""
    with open(path, encoding="utf-8") as fh:
        raw = fh.read()
    if path.endswith((".html", ".htm")):
        p = _ArticleText()
        p.feed(raw)
        return _norm("".join(p.article)), p.meta, _norm("".join(p.visible))
    return raw, {}, raw


def occurrences(needle, hay):
    """Occurrences of needle in hay, not inside a longer word/number.
    Whitespace (including line breaks) in the needle matches any whitespace."""
    pat = r"\s+".join(re.escape(p) for p in needle.split())
    pat = r"(?<![\w,.-])" + pat + r"(?![\w-]|[.,]\d)"
    return [m.start() for m in re.finditer(pat, hay)]

# ---------------------------------------------------------------- checks


def check_file(gold_path, list_numbers=False):
    errors, notes = [], []
    name = os.path.basename(gold_path)

    def err(msg):
        errors.append(f"{name}: {msg}")

    try:
        with open(gold_path, encoding="utf-8") as fh:
            g = json.load(fh)
    except (OSError, json.JSONDecodeError) as e:
        err(f"invalid JSON: {e}")
        return errors, notes
    if not isinstance(g, dict):
        err("top level is not an object")
        return errors, notes
    missing = TOP_KEYS - set(g)
    if missing:
        err(f"missing keys {sorted(missing)}")
        return errors, notes
    extra = set(g) - TOP_KEYS
    if extra:
        err(f"unexpected keys {sorted(extra)}")

    stem = name[: -len(".gold.json")]
    if g["file"] not in (stem + ".txt", stem + ".html"):
        err(f"'file' {g['file']!r} does not match gold file name")
    apath = os.path.join(HERE, g["file"])
    if not os.path.exists(apath):
        err(f"article {g['file']} not found")
        return errors, notes
    text, meta, visible = load_article(apath)
    nwords = len(re.findall(r"\S+", text))
    if not 150 <= nwords <= 500:
        err(f"article has {nwords} words (want 150-500)")

    if not isinstance(g["kind"], str) or not g["kind"]:
        err("'kind' must be a non-empty string")
    pub = g["published"]
    if pub is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(pub)):
        err(f"published {pub!r} is not ISO YYYY-MM-DD or null")
    if apath.endswith(".html"):
        mdate = (meta.get("date") or meta.get("article:published_time", ""))[:10]
        if pub != mdate:
            err(f"published {pub!r} != meta date {mdate!r}")
        if sorted(g["authors"]) != sorted(a for a in [meta.get("author")] if a):
            err(f"authors {g['authors']} != meta author {meta.get('author')!r}")
    if not isinstance(g["authors"], list):
        err("'authors' must be a list")
    else:
        for a in g["authors"]:
            if not occurrences(a, text):
                err(f"author {a!r} not in article text")

    # ---- figures
    used = {}
    spans = []
    figs_by_cat = {}
    for i, f in enumerate(g["figures"]):
        where = f"figure[{i}] {f.get('text')!r}"
        if set(f) != FIGURE_KEYS:
            err(f"{where}: keys {sorted(set(f))} != {sorted(FIGURE_KEYS)}")
            continue
        t = f["text"]
        occ = occurrences(t, text)
        if not occ:
            err(f"{where}: text not found verbatim")
        used[t] = used.get(t, 0) + 1
        if used[t] > len(occ) and occ:
            err(f"{where}: annotated {used[t]} times but occurs {len(occ)} times")
        for o in occ:
            spans.append((o, o + len(t)))
        if f["category"] not in CATEGORIES:
            err(f"{where}: bad category {f['category']!r}")
        for k in ("value", "low", "high", "of_total"):
            if f[k] is not None and (not isinstance(f[k], int) or isinstance(f[k], bool)):
                err(f"{where}: {k} must be int or null")
        for k in ("approximate", "hedged", "negated"):
            if not isinstance(f[k], bool):
                err(f"{where}: {k} must be boolean")
        exp = expected_numbers(t)
        if exp is None:
            err(f"{where}: cannot parse the number expression")
        else:
            v, lo, hi, ap, kind = exp
            got = (f["value"], f["low"], f["high"], f["approximate"])
            if got != (v, lo, hi, ap):
                err(f"{where}: (value, low, high, approximate)={got}, "
                    f"convention gives {(v, lo, hi, ap)}")
            if kind in ("approx", "lower", "upper") and f["hedged"] is not True:
                err(f"{where}: modifier implies hedged=true")
        if f["of_total"] is not None:
            tot_forms = number_forms(f["of_total"])
            ok = False
            for o in occ:
                window = text[o: o + len(t) + 40]
                if any(re.search(r"\b(?:out )?of (?:the )?" + re.escape(x) + r"\b", window)
                       for x in tot_forms):
                    ok = True
            if not ok:
                err(f"{where}: of_total {f['of_total']} not found after the figure")
        key = f["value"] if f["value"] is not None else f["low"]
        figs_by_cat.setdefault(f["category"], set()).add(key)

    # ---- events
    for i, e in enumerate(g["events"]):
        where = f"event[{i}] {e.get('type')}"
        if set(e) != EVENT_KEYS:
            err(f"{where}: keys {sorted(set(e))} != {sorted(EVENT_KEYS)}")
            continue
        if e["type"] not in EVENT_TYPES:
            err(f"{where}: bad type")
        d = e["date"]
        if d is not None:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d):
                if pub and d > pub:
                    err(f"{where}: date {d} after published {pub}")
            elif not re.fullmatch(r"--\d{2}-\d{2}", d):
                err(f"{where}: bad date {d!r}")
            elif pub:
                err(f"{where}: date {d!r} lacks a year although published is known")
        if e["location"] is not None and not occurrences(e["location"], text):
            err(f"{where}: location {e['location']!r} not in text")
        if not isinstance(e["counts"], dict):
            err(f"{where}: counts must be an object")
            continue
        for c, n in e["counts"].items():
            if c not in CATEGORIES:
                err(f"{where}: bad count category {c!r}")
            # (or counts of people joined by "and", which add up: "abducted 17 students and two teachers")
            elif not isinstance(n, int) or (n not in figs_by_cat.get(c, set()) and n not in {
                    a + b for a in figs_by_cat.get(c, set()) for b in figs_by_cat.get(c, set())
                    if isinstance(a, int) and isinstance(b, int)}):
                err(f"{where}: count {c}={n} matches no {c} figure")
        if e["date"] is None and e["location"] is None and not e["counts"]:
            err(f"{where}: an event needs a figure, a date or a place")

    # ---- attributions
    for i, a in enumerate(g["attributions"]):
        where = f"attribution[{i}] {a.get('source')!r}/{a.get('cue')!r}"
        if set(a) != {"source", "cue"}:
            err(f"{where}: keys must be source, cue")
            continue
        so, cu = occurrences(a["source"], text), occurrences(a["cue"], text)
        if not so:
            err(f"{where}: source not found verbatim")
        if not cu:
            err(f"{where}: cue not found verbatim")
        if so and cu and not any(abs(x - y) < 250 for x in so for y in cu):
            err(f"{where}: source and cue are not near each other")
    pairs = [(a.get("source"), a.get("cue")) for a in g["attributions"]]
    for p in set(pairs):
        n = pairs.count(p)
        so = occurrences(p[0] or "", text)
        if n > len(so):
            err(f"attribution {p} listed {n} times, source occurs {len(so)} times")

    # ---- techniques
    tech_used = {}
    for i, t in enumerate(g["techniques"]):
        where = f"technique[{i}] {t.get('text')!r}"
        if set(t) != {"technique", "text"}:
            err(f"{where}: keys must be technique, text")
            continue
        if t["technique"] not in TECHNIQUES:
            err(f"{where}: bad technique {t['technique']!r}")
        occ = occurrences(t["text"], text)
        if not occ:
            err(f"{where}: text not found verbatim")
        tech_used[t["text"]] = tech_used.get(t["text"], 0) + 1
        if occ and tech_used[t["text"]] > len(occ):
            err(f"{where}: annotated more often than it occurs")

    # ---- completeness aid
    if list_numbers:
        num_re = re.compile(
            r"\b(?:\d[\d,.]*|(?:{})(?:-(?:{}))?|dozens?|scores|hundreds|thousands)\b".format("|".join(list(UNITS) + list(TENS)), "|".join(UNITS)), re.I)
        for m in num_re.finditer(text):
            if not any(s <= m.start() < e for s, e in spans):
                ctx = text[max(0, m.start() - 30): m.end() + 30].replace("\n", " ")
                notes.append(f"{name}: not a figure: {m.group(0)!r} in ...{ctx}...")
    return errors, notes


def main(argv):
    list_numbers = "--numbers" in argv
    golds = sorted(f for f in os.listdir(HERE) if f.endswith(".gold.json"))
    articles = sorted(f for f in os.listdir(HERE)
                      if re.match(r"\d\d_.*\.(txt|html)$", f))
    errors, notes = [], []
    for a in articles:
        stem = a.rsplit(".", 1)[0]
        if stem + ".gold.json" not in golds:
            errors.append(f"{a}: no gold file")
    totals = dict(figures=0, events=0, attributions=0, techniques=0)
    for gname in golds:
        e, n = check_file(os.path.join(HERE, gname), list_numbers)
        errors += e
        notes += n
        try:
            with open(os.path.join(HERE, gname), encoding="utf-8") as fh:
                g = json.load(fh)
            for k in totals:
                totals[k] += len(g.get(k, []))
        except (OSError, ValueError):
            pass
    for n in notes:
        print("NOTE", n)
    for e in errors:
        print("ERROR", e)
    print(f"{len(golds)} gold files, {len(articles)} articles; totals: "
          + ", ".join(f"{k}={v}" for k, v in totals.items()))
    if errors:
        print(f"FAILED: {len(errors)} error(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
