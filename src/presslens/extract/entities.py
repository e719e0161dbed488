"""Named entities with their aliases merged within one document.

Merged: a surname with the full name ("Rajavi" -> "Maryam Rajavi"), an acronym with its
expansion ("PMOI" / "People's Mojahedin Organization of Iran", also when defined as
"Name (ACR)"), and a capitalised definite description ("the Organization") with the
one organisation of that kind the text is about (the most mentioned one).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from presslens.model import PLACE_TYPES, Entity, Mention
from presslens.registry import components

if TYPE_CHECKING:
    from presslens.pipeline import AnalysisState

LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "FAC", "NORP": "NORP",
          "EVENT": "EVENT", "PRODUCT": "OTHER", "LAW": "OTHER", "WORK_OF_ART": "OTHER", "LANGUAGE": "OTHER"}
GENERIC_HEADS = frozenset(
    "Organization Organisation Movement Group Party Front Council Ministry Agency Army Mission Committee "
    "Commission Company Alliance Coalition Union Association Foundation Institute Court Authority Bureau "
    "Office Department Forces Force Brigade Brigades Network Society Church League Federation Government "
    "Camp Centre Center Tribunal Parliament Assembly Service Services Corps Guard Militia".split())
_SMALL = frozenset("of the and for de du la al el in on to a an".split())


# Titles, ranks and offices before a name, one or several ("Deputy Police Commissioner"): a
# short form ("Superintendent Hill") finds its full form ("Superintendent Rose Hill") without them.
_TITLE_WORDS = (r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sheikh|Gen|General|Col|Colonel|Capt|Captain|President|"
                r"Vice|Prime|Minister|Judge|Imam|Father|Sister|Superintendent|Supt|Inspector|Insp|"
                r"Commissioner|Sergeant|Sgt|Lieutenant|Lt|Major|Maj|Brigadier|Brig|Commander|Cmdr|Admiral|"
                r"Adm|Marshal|Governor|Gov|Mayor|Senator|Sen|Ambassador|Chief|Deputy|Secretary|Police|"
                r"Foreign|Defence|Defense|Interior|King|Queen|Bishop|Archbishop|Rev|Reverend|Rabbi|"
                r"Ayatollah)\.?\s+)+")
_TITLE = re.compile("^" + _TITLE_WORDS)
# what may stand between a title tagged alone and its person: "Col" | ". " | "Samir Daoud"
_TITLES_BETWEEN = re.compile(r"\.?\s+(?:" + _TITLE_WORDS + ")?")
# (Not "Sultan", "Emir", "Prince" or "Justice": they are also given names, and taking one for a title
# would join "Sultan Ahmed" to another person named Ahmed.)


def _generic_head_target(head: str, clusters: list[_Cluster]) -> _Cluster | None:
    variants = {head.lower(), head.lower().replace("isation", "ization"), head.lower().replace("ization", "isation")}
    candidates = [c for c in clusters if c.label in ("ORG", "FAC", "OTHER") and
                  any(set(n.lower().split()) & variants for n in c.names if n != head)]
    return max(candidates, key=lambda c: sum(c.names.values())) if candidates else None


def _surname_key(words: list[str]) -> list[str]:
    """ "al-Rashid" and "Rashid" are one surname (Arabic article), as are "el-Sayed" / "Sayed"."""
    return [re.sub(r"^(?:al|el|ad|an|as|ash|at|az|ar)-", "", w, flags=re.I).lower() for w in words]


# "the town of Sarvan", "in Sarvan": a place, whatever the tagger guessed elsewhere.
# Evidence strong enough for a name of several words or an organisation ("Saleh Wells", "Burqa"):
# "the town of Saleh Wells", "on the outskirts of Burqa" ("in" is not: "in Darius Kovan's view").
_PLACE_OF = r"\b(?:town|village|city|district|province|region|outskirts|suburbs?) of"
_PLACE_BEFORE_STRONG = re.compile(_PLACE_OF + r"\s+$")
_PLACE_BEFORE = re.compile(r"(?:" + _PLACE_OF + r"|\b(?:camp|capital) of|\b(?:in|near|outside|across))\s+$")


def _norm(name: str) -> str:
    name = re.sub(r"^(the|The)\s+", "", name.strip())
    name = re.sub(r"['’]s$", "", name)
    return re.sub(r"\s+", " ", name).strip(" .,;:")


def _initials(name: str, *, skip_small: bool) -> str:
    words = re.findall(r"[A-Za-z][\w'’\-]*", name)
    return "".join(w[0].upper() for w in words if not (skip_small and w.lower() in _SMALL))


def _is_acronym(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Z&\-.]{1,7}", name))


def _acronym_of(acr: str, name: str) -> bool:
    acr = acr.replace(".", "").replace("-", "").replace("&", "")
    return len(acr) >= 2 and acr in (_initials(name, skip_small=True), _initials(name, skip_small=False))


class _Cluster:
    def __init__(self, name: str, label: str) -> None:
        self.names: Counter[str] = Counter()
        self.labels: Counter[str] = Counter()
        self.mentions: list[Mention] = []
        self.place_evidence = False
        self.add_name(name, label)

    def add_name(self, name: str, label: str) -> None:
        self.names[name] += 1
        self.labels[label] += 1

    @property
    def label(self) -> str:
        if self.place_evidence:
            return "GPE"
        if self.labels["PERSON"]:
            return "PERSON"
        return self.labels.most_common(1)[0][0]

    @property
    def canonical(self) -> str:
        full = [n for n in self.names if not _is_acronym(n)]
        pool = full or list(self.names)
        return max(pool, key=lambda n: (len(n.split()), len(n), self.names[n]))


# Places anonymised in sanitised reports ("transferred to Country Y").
_PLACEHOLDER_PLACE = re.compile(r"\b(?:Country|State|Province|Region|District|City|Town|Village) [A-Z]\b")


def named(text: str) -> bool:
    """Whether ``text`` reads as a name: it has a capital letter or a digit ("Camp 4", "Deran";
    not "mosques")."""
    return any(c.isupper() or c.isdigit() for c in text)


# A channel's or a site's alert words, in capitals before a headline ("🔴 URGENT | ..."): no name
_ALERT_WORDS = frozenset("URGENT BREAKING EXCLUSIVE UPDATE UPDATED LIVE WATCH ALERT FLASH DEVELOPING".split())


# Nouns of people's trades and roles: a name right after one is a person's ("the freelance
# photographer Emil Raska"), whatever the tagger typed it as
_ROLE_NOUNS = frozenset(
    "photographer journalist reporter cameraman correspondent editor writer poet doctor nurse surgeon teacher "
    "lawyer judge activist student farmer driver engineer spokesman spokeswoman spokesperson minister governor "
    "mayor colonel general commander officer soldier priest imam pastor rabbi professor researcher director "
    "son daughter brother sister father mother husband wife cousin uncle aunt".split())


def _given_names(ent: Any) -> int | None:
    """Where a person's name starts when the tagger took only its last word for a place: a name
    in apposition to a common noun ("the governor, Leyla Darin"), with a proper noun before it.
    A name of two or three words right after a noun of a trade ("the freelance photographer Emil
    Raska") is a person's whole name."""
    root = ent.root
    doc = ent.doc
    if 2 <= len(ent) <= 3 and ent.start > 0 and doc[ent.start - 1].lower_ in _ROLE_NOUNS and \
            all(t.pos_ == "PROPN" for t in ent):
        return int(ent.start_char)
    before = [c for c in root.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == ent.start - 1]
    if len(ent) != 1 or not before or root.dep_ != "appos" or root.head.pos_ != "NOUN":
        return None
    return int(before[0].idx)


def find_entities(state: AnalysisState) -> list[Entity]:
    doc, text = state.doc, state.text
    clusters: list[_Cluster] = []
    by_norm: dict[str, _Cluster] = {}
    raw: list[tuple[str, str, int, int]] = []
    for ent in doc.ents:
        label = LABELS.get(ent.label_)
        if label is None or state.in_skip_range(ent.start_char, ent.end_char):
            continue
        start, end = ent.start_char, ent.end_char
        # NER runs across a sentence break now and then ("Country Y. Maryam Rajavi"): keep the last part.
        if ". " in text[start:end]:
            start = start + text[start:end].rindex(". ") + 2
        if text[start:end].lower().startswith("the "):
            start += 4
        first = doc.char_span(start, end, alignment_mode="expand")
        if first is not None and len(first) > 1 and first[0].tag_ == "VBG" and \
                first[1].pos_ in ("DET", "PROPN", "NOUN"):
            # "Briefing the Council", "Citing Government figures": a participle opens the phrase
            start = first[1].idx + (4 if first[1].lower_ == "the" else 0)
        if label in ("GPE", "LOC"):
            given = _given_names(ent)
            if given is not None:  # "The provincial governor, Leyla Darin, said": a person, not a place
                label, start = "PERSON", given
        name = _norm(text[start:end])
        if not named(name) or name.upper() in _ALERT_WORDS:
            continue  # "a minibus" (ORG now and then), a channel's "URGENT": no name
        if _PLACEHOLDER_PLACE.fullmatch(name):
            label = "GPE"  # "Country Y", "Province B": an anonymised place, which NER calls an ORG
        if label in PLACE_TYPES and not named(name):
            continue  # the tagger calls "schools and mosques" a facility now and then: no name, no place
        if name:
            raw.append((name, label, start, end))
    # The tagger now and then takes a title alone for a name of its own, "Police" of "Police Commissioner
    # Nadia Stone" (ORG), "Col" of "Col. Samir Daoud" (PERSON): titles of the person who follows are no entity.
    persons = [s for _n, label, s, _e in raw if label == "PERSON"]
    raw = [r for r in raw if not (_TITLE.fullmatch(r[0] + " ") and any(
        p >= r[3] and _TITLES_BETWEEN.fullmatch(text[r[3]:p]) for p in persons))]
    # ... and one NER did not tag at all
    for found in _PLACEHOLDER_PLACE.finditer(text):
        if not state.in_skip_range(found.start(), found.end()) and \
                not any(s < found.end() and found.start() < e for _n, _l, s, e in raw):
            raw.append((found.group(), "GPE", found.start(), found.end()))
    # Explicit definitions "Long Name (ACR)" pair an acronym with the entity just before it.
    defined: dict[str, str] = {}
    for name, _label, _s, end in raw:
        m = re.match(r"\s*\(([A-Z][A-Za-z&.\-]{1,9})\)", text[end:end + 14])
        if m and len(name.split()) > 1:
            defined[m.group(1)] = name
    # Longest names first, so short forms find their full form.
    for name, label, _s, _e in sorted(raw, key=lambda r: (-len(r[0].split()), -len(r[0]))):
        key = name.lower()
        if key in by_norm:
            by_norm[key].add_name(name, label)
            continue
        target: _Cluster | None = None
        if _is_acronym(name):
            expansion = defined.get(name)
            target = next((c for c in clusters if (expansion and expansion in c.names) or
                           any(_acronym_of(name, n) for n in c.names)), None)
        elif name in GENERIC_HEADS:
            # NER sometimes tags "the Organization" itself: it still refers back.
            target = _generic_head_target(name, clusters)
        elif len(_TITLE.sub("", name).split()) <= 2:
            bare = _surname_key(_TITLE.sub("", name).split())
            target = next((c for c in clusters if c.label == "PERSON" and c.canonical != name and
                           _surname_key(c.canonical.split())[-len(bare):] == bare), None)
        if target is None:
            target = _Cluster(name, label)
            clusters.append(target)
        else:
            target.add_name(name, label)
        by_norm[key] = target
    # Mentions: every occurrence of every known surface form (NER misses repeats).
    taken: list[tuple[int, int]] = []
    forms = sorted(((n, c) for c in clusters for n in c.names), key=lambda nc: -len(nc[0]))
    for acr, full in defined.items():
        target = next((c for c in clusters if full in c.names), None)
        if target is not None and acr not in target.names:
            target.names[acr] += 1
            forms.append((acr, target))
            forms.sort(key=lambda nc: -len(nc[0]))
    for form, cluster in forms:
        for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
            s, e = m.start(), m.end()
            if state.in_skip_range(s, e) or any(s < te and e > ts for ts, te in taken):
                continue
            taken.append((s, e))
            cluster.mentions.append(Mention(s, e, text[s:e]))
    for cluster in clusters:
        if cluster.label not in ("PERSON", "ORG") or len(cluster.names) != 1:
            continue
        weak = cluster.labels["PERSON"] and len(next(iter(cluster.names)).split()) == 1
        cluster.place_evidence = any(
            (_PLACE_BEFORE if weak else _PLACE_BEFORE_STRONG).search(text[max(0, m.start - 24):m.start])
            for m in cluster.mentions)
    _add_definite_descriptions(state, clusters, taken)
    entities: list[Entity] = []
    for cluster in sorted((c for c in clusters if c.mentions), key=lambda c: min(m.start for m in c.mentions)):
        cluster.mentions.sort(key=lambda m: m.start)
        canonical = cluster.canonical
        aliases = sorted(({m.text for m in cluster.mentions} | set(cluster.names)) - {canonical})
        entities.append(Entity(id=f"e{len(entities) + 1}", name=canonical, type=cluster.label,
                               aliases=aliases, mentions=cluster.mentions))
    return entities


def _add_definite_descriptions(state: AnalysisState, clusters: list[_Cluster],
                               taken: list[tuple[int, int]]) -> None:
    """"the Organization" -> the most mentioned ORG whose name has that head word."""
    text = state.text
    for m in re.finditer(r"\b[Tt]he ([A-Z][a-z]+)\b", text):
        head = m.group(1)
        if head not in GENERIC_HEADS:
            continue
        s, e = m.start(1), m.end(1)
        if state.in_skip_range(s, e) or any(s < te and e > ts for ts, te in taken):
            continue
        # "the Organization of X" is a name, not a back-reference.
        if re.match(r"\s+(of|for)\s+[A-Z]", text[e:e + 8]):
            continue
        variants = {head.lower(), head.lower().replace("isation", "ization"), head.lower().replace("ization",
                                                                                                 "isation")}
        candidates = [c for c in clusters if c.label in ("ORG", "FAC", "OTHER") and
                      any(set(n.lower().split()) & variants for n in c.names)]
        if not candidates:
            continue
        best = max(candidates, key=lambda c: len(c.mentions))
        taken.append((m.start(), e))
        best.mentions.append(Mention(m.start(), e, text[m.start():e]))


@components.register("entities.rules")
def make_entities(config: dict[str, Any]) -> Callable[[AnalysisState], None]:
    def run(state: AnalysisState) -> None:
        state.entities.extend(find_entities(state))

    return run
