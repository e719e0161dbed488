"""Events: what happened, where, when, to how many, merged within the article.

An event mention is a trigger word ("clashes", "raid", "arrested") or a figure with a
category ("52 killed") in a sentence. Mentions merge into one event when their types
are compatible (attack / armed clash / killing describe one violent incident) and
neither their dates nor their places disagree; so "the clashes" ... "the death of 52
residents" is one event.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from presslens.claims.attribution import REPORTING_VERBS, attribution_for, reported
from presslens.extract.dates import MONTH_NAMES, MONTHS, WEEKDAYS, DateMention, find_dates
from presslens.extract.entities import named
from presslens.extract.figures import (
    CARRY_VERBS,
    COMBATANT_NOUNS,
    EQUIPMENT_NOUNS,
    FATE,
    INCIDENT_NOUNS,
    PERSON_NOUNS,
    RETRACTED,
    counted_out_of,
    is_state_verb,
    whole_category,
)
from presslens.extract.numbers import UNITS
from presslens.extract.places import country_name
from presslens.ingest.dateline import Dateline, find_dateline
from presslens.ingest.header import SUMMARY_HEADINGS
from presslens.model import PLACE_TYPES, Event, EventDate, EventLocation, Evidence, Figure
from presslens.nlp.spacy_model import doc_text
from presslens.registry import components
from presslens.rhetoric.names import PEOPLES_ENDING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from presslens.pipeline import AnalysisState

TRIGGERS: dict[str, str] = {}
for _type, _words in {
    "attack": "attack assault raid strike airstrike air-strike bombing bomb shelling shell artillery explosion blast "
              "ambush storm shooting shoot gunfire rocket missile",
    "armed_clash": "clash fighting battle skirmish firefight gunfight confrontation hostilities hostility crossfire "
                   "cross-fire",
    "killing": "kill killing massacre murder execute execution assassinate assassination liquidate neutralise "
               "neutralize",
    "abduction": "abduct abduction kidnap kidnapping",
    "arrest": "arrest detain detention round-up crackdown",
    "protest": "protest demonstration demonstrate rally march sit-in vigil",
    "relocation": "relocate relocation transfer deport deportation evacuate evacuation resettle resettlement "
                  "displace displacement flee exodus",
    "defection": "defect defection",
    # no one's violence, but the incident its dead and missing belong to: a boat that capsized on Tuesday
    "other": "capsize capsizing shipwreck flood flooding landslide mudslide earthquake cyclone hurricane typhoon",
}.items():
    TRIGGERS.update({w: _type for w in _words.split()})
# What event a figure implies when no trigger word is nearby.
CATEGORY_EVENT = {"killed": "killing", "injured": "attack", "missing": "other", "abducted": "abduction",
                  "arrested": "arrest", "detained": "arrest", "displaced": "relocation",
                  "transferred": "relocation", "resettled": "relocation", "defected": "defection",
                  "protesters": "protest"}
# When one incident is described with several words, the first that applies names it:
# fighting between armed parties is a clash even where a raid or shooting is mentioned.
VIOLENT = ("armed_clash", "attack", "killing")
# Which figure categories an event type can count.
COMPATIBLE = {
    "attack": {"killed", "injured", "missing", "abducted", "displaced", "other"},
    "armed_clash": {"killed", "injured", "missing", "abducted", "displaced", "other"},
    "killing": {"killed", "injured", "missing", "other"},
    "abduction": {"abducted", "missing", "killed", "other"},
    "arrest": {"arrested", "detained", "injured", "other"},
    "protest": {"protesters", "other", "injured"},
    "hunger_strike": {"detained", "other", "protesters"},
    "relocation": {"transferred", "resettled", "displaced", "injured", "other"},
    "defection": {"defected", "other"},
    "other": {"missing", "killed", "injured", "other"},
}
GENERIC_ACTORS = frozenset(
    "gunman gunmen militant militants soldier soldiers troops police policeman policemen forces army militia "
    "militiamen rebels rebel fighters insurgents attackers guards security-forces settlers mob".split())


# (text, name, country, broad): broad places (a province, a country) yield to specific ones.
Place = tuple[str, str, "str | None", bool]


@dataclass
class _Mention:
    type: str
    sent: Span
    triggers: list[Token] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    released: bool = False  # people set free: part of the abduction or arrest that held them


@dataclass
class _Draft:
    type: str
    date: DateMention | None = None
    location: Place | None = None
    mentions: list[_Mention] = field(default_factory=list)
    # the year or month of an undated incident told as background ("a decade ago ... murdered 118")
    period: tuple[int | None, int | None] | None = None


_KIND_HEADS = EQUIPMENT_NOUNS | frozenset("squad unit force team dog".split())
_PLACE_HEADS = frozenset("camp centre center facility site shelter zone area route corridor ground".split())


_LEGAL_WORDS = frozenset("charge accuse convict suspect acquit indict sentence try guilty prosecute jail "
                         "arrest detain".split())
_REPELLED = frozenset("repel repulse".split())
_DURATIONS = frozenset("day week month year decade".split())
_HUNGER_STRIKE = re.compile(r"\bhunger[- ]strik|\brefus(?:e|es|ed|ing) (?:food|meals)\b", re.I)


def _tells_of_hunger_strike(doc: Any) -> bool:
    """Whether the text speaks of a hunger strike (looked up once per document)."""
    if "presslens_hunger_strike" not in doc.user_data:
        doc.user_data["presslens_hunger_strike"] = bool(_HUNGER_STRIKE.search(doc_text(doc)))
    return bool(doc.user_data["presslens_hunger_strike"])


def _first_word_noun(tok: Token) -> bool:
    """A sentence's first word that the tagger takes for a name or an auxiliary only because it
    is capitalised ("Shelling hit the market on Sunday"), not a name of several words ("Storm
    Shadow missiles")."""
    return bool(tok.is_sent_start) and tok.pos_ in ("PROPN", "AUX") and tok.lower_ in TRIGGERS and \
        tok.text[1:].islower() and not (tok.i + 1 < len(tok.doc) and tok.nbor(1).pos_ == "PROPN")


def _trigger_type(tok: Token) -> str | None:
    lemma = tok.lemma_.lower()
    if _first_word_noun(tok):
        lemma = tok.lower_
    elif tok.pos_ not in ("NOUN", "VERB") or (tok.text[:1].isupper() and tok.pos_ == "PROPN"):
        return None
    if lemma == "strike" and tok.i > 0 and tok.nbor(-1).lower_ == "hunger":
        return "hunger_strike"
    if lemma in ("striker", "strike") and tok.i > 0 and tok.nbor(-1).lower_ == "hunger":
        return "hunger_strike"
    if lemma == "march" and tok.text == "March":
        return None
    if lemma == "march" and any(c.dep_ == "auxpass" for c in tok.children):
        return None  # "scores of men in uniform being marched through the town": led off, no protest
    if any(a.lemma_.lower() == "protest" and a.pos_ == "NOUN" and a.head.lower_ in ("in", "as")
           for a in [tok, *tok.ancestors]):
        return None  # "on hunger strike ... in protest at their detention": why, not another incident
    if tok.pos_ == "NOUN" and tok.head.lower_ in ("with", "of", "for") and \
            tok.head.head.lemma_.lower() in _LEGAL_WORDS:
        return None  # "charged with assault", "convicted of murder": the charge, not an incident told here
    if lemma == "refuse" and any(c.dep_ == "dobj" and c.lemma_.lower() in ("food", "meal") for c in tok.children):
        return "hunger_strike"  # "have refused food since May 2"
    if lemma == "strike" and tok.pos_ == "NOUN" and not any(c.dep_ in ("compound", "amod") for c in tok.children) \
            and _tells_of_hunger_strike(tok.doc):
        return "hunger_strike"  # "The strike began with 40 men in Block C": the hunger strike told of again
    if TRIGGERS.get(lemma) == "attack" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _REPELLED:
        return "armed_clash"  # "our units repelled three attacks": both sides fought
    if tok.pos_ == "NOUN" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in _DURATIONS:
        return None  # "damaged in months of fighting": background, not an incident told here
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in ("see", "witness", "experience") and \
            any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in tok.head.children):
        return None  # "The valley has seen intermittent fighting ... since the spring": background
    if tok.tag_ == "NNS" and lemma in INCIDENT_NOUNS and any(c.dep_ == "nummod" for c in tok.children):
        return None  # "responsible for at least five kidnappings since January": a tally, not an incident
    if tok.dep_ in ("compound", "amod") and tok.head.lemma_.lower() in _KIND_HEADS:
        return None  # "14 assault rifles", "attack helicopters", "a strike force": a kind of thing
    if tok.dep_ == "compound" and tok.head.lemma_.lower() in _PLACE_HEADS:
        return None  # "a displacement camp", "the detention centre": a kind of place, not an incident
    if tok.dep_ == "amod" and TRIGGERS.get(lemma) == "relocation":
        return None  # "9,000 displaced families", "evacuated residents": who people are, not an incident
    if TRIGGERS.get(lemma) == "relocation" and any(
            p.dep_ == "prep" and p.lower_ == "to" and
            any(g.lemma_.lower() in ("hospital", "clinic") for g in p.children) for p in tok.children):
        return None  # "three soldiers sustained wounds and were transferred to the military hospital": the wounded
    if lemma == "shoot" and tok.tag_ not in ("VBD", "VBN"):
        return None  # "were shot dead", "shot two men"; not "an order to shoot"
    if lemma in ("fire", "blaze") and tok.pos_ == "NOUN":
        # "A fire tore through the camp": the incident of its dead, like a flood; not "opened fire",
        # "mortar fire" or "an exchange of fire"
        return "other" if tok.dep_ in ("nsubj", "nsubjpass") and not any(
            c.dep_ in ("compound", "amod", "nmod") and c.lower_ not in ("huge", "large", "big", "massive", "major")
            for c in tok.children) else None
    if lemma == "fight" and tok.pos_ == "VERB":
        # "Brigade fighters and Guard troops fought for three hours at a checkpoint"; not "fled fighting",
        # "vowed to fight on" or "fought corruption"
        return "armed_clash" if tok.tag_ in ("VBD", "VBN") and any(c.dep_ == "nsubj" for c in tok.children) and \
            not any(c.dep_ == "dobj" for c in tok.children) else None
    by_object = _object_trigger(tok, lemma)
    if by_object is not None:
        return by_object
    if lemma == "exchange" and tok.i + 2 < len(tok.doc) and tok.nbor(1).lower_ == "of" and \
            tok.nbor(2).lower_ in ("fire", "gunfire"):
        return "armed_clash"  # "an exchange of fire with gunmen"
    return TRIGGERS.get(lemma)


# Words that tell an incident only with what they act on: "took several staff members hostage",
# "The engineers were seized" (not "seized 14 rifles"), "exchanged prisoners", "a prisoner swap",
# "exchanged small-arms fire", "a drone dropped an explosive device"
_HOSTAGE = (frozenset({"hostage", "captive"}), "abduction")
_PEOPLE_TAKEN = (PERSON_NOUNS, "abduction")
_HANDED_OVER = (frozenset("prisoner detainee captive hostage body remains".split()), "relocation")
_SIDES = (frozenset({"side", "sides"}), "defection")  # "officers who have switched sides"
_WITH_OBJECT: dict[str, tuple[tuple[frozenset[str], str], ...]] = {
    "take": (_HOSTAGE,), "hold": (_HOSTAGE,), "seize": (_PEOPLE_TAKEN, _HOSTAGE), "capture": (_PEOPLE_TAKEN,),
    "exchange": (_HANDED_OVER, (frozenset({"fire", "gunfire", "shot"}), "armed_clash")), "swap": (_HANDED_OVER,),
    "drop": ((frozenset("bomb device explosive grenade munition shell barrel mine".split()), "attack"),),
    "switch": (_SIDES,), "change": (_SIDES,), "open": ((frozenset({"fire"}), "attack"),),  # "opened fire on"
}


def _object_trigger(tok: Token, lemma: str) -> str | None:
    """The event type of a word of ``_WITH_OBJECT`` by what it acts on (its object, the subject of its
    passive, the noun before it, or the noun it describes: "engineers seized last month")."""
    kinds = _WITH_OBJECT.get(lemma)
    if kinds is None:
        return None
    acted_on = [c.lemma_.lower() for c in tok.children
                if c.dep_ in ("dobj", "oprd", "npadvmod", "attr", "nsubjpass", "compound")]
    if tok.dep_ == "acl":
        acted_on.append(tok.head.lemma_.lower())
    # "seized eight guards as hostages"
    acted_on += [g.lemma_.lower() for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children]
    return next((kind for words, kind in kinds for word in acted_on if word in words), None)
_DEPLOY_VERBS = frozenset("deploy send dispatch mobilise mobilize station reinforce".split())


def _deployed(state: AnalysisState, fig: Figure) -> bool:
    """ "the army had deployed 200 additional troops to the area": a response, not a count of victims."""
    verb = _governing_verb(state, fig.start, fig.end)
    return fig.category == "other" and verb is not None and verb.lemma_.lower() in _DEPLOY_VERBS


def _figure_noun(state: AnalysisState, fig: Figure) -> Token | None:
    """The word a figure counts ("about 15 armed men": men), else the number itself."""
    span = state.doc.char_span(fig.start, fig.end, alignment_mode="expand")
    if span is None:
        return None
    return span.root.head if span.root.dep_ == "nummod" else span.root


def _perpetrators(state: AnalysisState, fig: Figure) -> bool:
    """ "when about 15 armed men stormed the site, killing two guards": who did it, no count of what
    befell anyone in the incident."""
    noun = _figure_noun(state, fig) if fig.category == "other" else None
    return noun is not None and noun.dep_ == "nsubj" and noun.head.pos_ == "VERB" and \
        _trigger_type(noun.head) is not None and any(c.dep_ == "dobj" for c in noun.head.children)


def _counts_incidents(fig: Figure) -> bool:
    unit = (fig.unit or "").lower()
    return any(w in INCIDENT_NOUNS for w in (unit, unit[:-1], unit[:-2])) if unit.endswith("s") else False


def _group(event_type: str) -> str:
    return "violent" if event_type in VIOLENT else event_type


def _figure_event_type(fig: Figure, triggers: list[Token]) -> tuple[str, Token | None]:
    compatible = [t for t in triggers if fig.category in COMPATIBLE[_trigger_type(t) or "other"]]
    if compatible:
        nearest = min(compatible, key=lambda t: abs(t.idx - fig.start))
        return _trigger_type(nearest) or "other", nearest
    return CATEGORY_EVENT.get(fig.category, "other"), None


def _tagged_places(state: AnalysisState) -> list[tuple[int, int, str]]:
    """(start, end, text) of the spans the tagger calls places, sorted; once per document
    (``Span.ents`` walks every entity of the document on each call)."""
    cached: list[tuple[int, int, str]] | None = state.extras.get("tagged_places")
    if cached is None:
        # not where the entities found a person ("the governor, Leyla Darin": "Darin" tagged a place)
        persons = [(m.start, m.end) for ent in state.entities if ent.type == "PERSON" for m in ent.mentions]
        cached = sorted((e.start_char, e.end_char, e.text) for e in state.doc.ents
                        if e.label_ in PLACE_TYPES and named(e.text)
                        and not any(a < e.end_char and e.start_char < b for a, b in persons))
        state.extras["tagged_places"] = cached
    return cached


def _places_in(state: AnalysisState, sent: Span) -> list[tuple[int, str, str, bool]]:
    """(start, text as written, name, broad) of every place named in the sentence."""
    places: list[tuple[int, str, str, bool]] = []
    for ent in state.entities:
        if ent.type not in PLACE_TYPES or ent.name.lower() in GENERIC_ACTORS:
            continue  # the tagger sometimes calls "Gunmen" a place
        for m in ent.mentions:
            if sent.start_char <= m.start < sent.end_char:
                places.append((m.start, m.text, ent.name, _is_broad(state, ent.name, m.start, m.end)))
    # the document's entity may be typed by another mention ("residents of Warda" read as a group),
    # while the tagger calls this one a place ("In Warda, ...")
    tagged = _tagged_places(state)
    first = bisect.bisect_left(tagged, (sent.start_char, -1, ""))
    for start, end, text in tagged[first:]:
        if start >= sent.end_char:
            break
        if text.lower() not in GENERIC_ACTORS and not any(p[0] == start for p in places):
            places.append((start, text, text, _is_broad(state, text, start, end)))
    # a name told as a place by its preposition, whatever the tagger typed it as ("in northern Mbela", where
    # "Mbela" is tagged a person and "Harzan" a place)
    for tok in sent:
        # (not "from": "organisers from the Citizens' Assembly"; not a word of a longer organisation's name)
        if tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE - {"from"} and tok.pos_ == "PROPN" and \
                tok.text[:1].isupper() and tok.ent_type_ not in ("DATE", "TIME") and not tok.text.isupper() and \
                not (tok.ent_type_ == "ORG" and (tok.ent_iob_ == "I" or tok.i + 1 < len(tok.doc)
                                                 and tok.doc[tok.i + 1].ent_iob_ == "I")) and \
                tok.text.lower() not in GENERIC_ACTORS:
            first_tok = min((c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"),
                            key=lambda c: c.i, default=tok)
            start = first_tok.idx
            if not any(p[0] <= start < p[0] + len(p[1]) or start <= p[0] < tok.idx + len(tok) for p in places):
                text = state.text[start:tok.idx + len(tok)]
                places.append((start, text, text, _is_broad(state, text, start, tok.idx + len(tok))))
    pattern = _pattern_place(state, sent)
    if pattern and not any(p[0] == pattern[0] for p in places):
        places.append((pattern[0], pattern[1], pattern[1],
                       _is_broad(state, pattern[1], pattern[0], pattern[0] + len(pattern[1]))))
    for start, text in _fled_places(sent):
        if not any(p[0] <= start < p[0] + len(p[1]) for p in places):
            places.append((start, text, text, _is_broad(state, text, start, start + len(text))))
    # "in Kesh province": the province as written, so that it is not read as Kesh city
    # a country's name that says whose troops they are ("The Dalmira army said") or that the sentence tells as
    # anything but a place ("Ruvania said", "Harzani airstrikes") is no place of the event
    return [(p[0], p[1] + _province_word(state, p[0] + len(p[1])), p[2], p[3]) for p in places
            if not _names_an_institution(state, p[0]) and _group_of(state, p[0], p[0] + len(p[1])) is None
            and not _told_as_no_place(state, p[0], p[0] + len(p[1]))]


# Nouns a place's name may qualify and still be the place: "the Kharan market", "Kharan residents"
_PLACE_NOUNS = frozenset("outskirts area residents people villagers inhabitants".split())
# Prepositions that tell a place: "in", "near", "on" ("the strike on Hollin"), "over" ("over Marrow")
_PLACE_PREPS = frozenset("on over onto off past toward towards beyond under via".split())
# What "of" a place may follow: "the island of Valessa", "the port of Ardo"
_GEO_NOUNS = frozenset("island islands coast shore shores port bay gulf lake river mountains hills valley plain "
                       "state capital municipality commune parish oblast north south east west northeast northwest "
                       "southeast southwest edge heart centre center".split())
_DEED_NOUNS = frozenset("shelling bombing bombardment siege storming encirclement blockade sacking sack razing".split())


def _common_noun(tok: Token) -> bool:
    """A noun, whatever the tagger says of a lower-case word inside a name ("defence ministry" as PROPN)."""
    return tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.text.islower())


def _told_as_no_place(state: AnalysisState, start: int, end: int) -> bool:
    """A name the sentence tells as something other than a place, whatever the tagger typed it as: a word of a
    thing ("a Harzani strike", "Harzani airstrikes", "two Dalmiran drones"), whom something is for, by, with
    or to ("spies for Harzan", "claims by Dalmira", "defected to Harzan"), or one of the parties ("Harzan and
    Dalmira exchanged 95 prisoners"). Tagged places are read so; so are untagged names, which never were."""
    root = _name_root(state, start, end)
    span = state.doc.char_span(start, end, alignment_mode="expand")
    if span is not None and len(span) == 1 and PEOPLES_ENDING.search(span.text) and span.end < len(state.doc) \
            and _owned_word(state.doc[span.end]):
        return True  # "killed in Harzani airstrikes", "a Mbelan drone attack", however parsed
    if span is not None and span.end + 1 < len(state.doc) and state.doc[span.end].text == "-" and \
            not span[-1].whitespace_ and state.doc[span.end + 1].is_lower:
        return True  # "Ukrainian-backed militias", "Harzan-led forces": a word of whose they are
    while root is not None and root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    if root is None or root.head.i == root.i:
        return False
    head = root.head
    if root.dep_ in ("amod", "compound", "nmod", "poss") and _common_noun(head):
        # (a word of the deed itself may be the place or whose deed it is: "Camp X clashes", "a Harzani
        # strike"; a told place is preferred to it, below)
        lemma = head.lemma_.lower()
        if _trigger_type(head) or lemma in _DEED_NOUNS:
            return root.dep_ == "amod" or root.pos_ == "ADJ"  # "Harzani airstrikes", not "Camp X clashes"
        return lemma not in _AREA_HEADS | _SITE_WORDS | _PLACE_OF_HEADS | _PLACE_NOUNS and \
            head.lower_ not in _PLACE_NOUNS
    if root.dep_ == "pobj":
        prep = head.lower_
        if prep == "of":  # (by word and lemma: "outskirts" has the lemma "outskirt")
            where = _PLACE_OF_HEADS | _AREA_HEADS | _DEED_NOUNS | _PLACE_NOUNS | _GEO_NOUNS
            return head.head.lemma_.lower() not in where and head.head.lower_ not in where and \
                not _trigger_type(head.head)
        # whom something is for, by or with; the side people went over to ("defected to Harzan"; people
        # "transferred to Country Y" are there)
        return prep in ("for", "by", "with", "against", "between") or (
            prep == "to" and head.head.lemma_.lower() == "defect")  # ("the war between Harzan and Dalmira")
    if root.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX"):
        return head.lemma_.lower() not in _PLACE_SUBJECT_VERBS
    # "Rebels accused Dalmira of killing villagers": whom a party blames or calls on is a party
    return root.dep_ == "dobj" and head.lemma_.lower() in _BLAMING_VERBS


_BLAMING_VERBS = frozenset("accuse blame condemn urge warn call criticise criticize denounce praise thank ask "
                           "support back arm fund".split())


# What a party owns or sends, before a deed ("a Mbelan drone attack", "Harzani aircraft bombed")
_ARMS = frozenset("drone drones aircraft warplane warplanes jet jets artillery missile missiles rocket rockets "
                  "helicopter helicopters tank tanks gunboat gunboats navy".split())


# Deeds told by a noun, which the tagger may call a verb ("killed in Harzani airstrikes")
_DEED_WORDS = _DEED_NOUNS | frozenset("airstrike strike attack raid ambush assault offensive incursion".split())


def _owned_word(tok: Token) -> bool:
    """A noun of arms or of a deed, which a name before it says whose it is (not a verb: "in Harzan killed")."""
    return tok.lower_ in _ARMS or tok.lemma_.lower() in _DEED_WORDS or (
        tok.pos_ == "NOUN" and bool(_trigger_type(tok)))


def _qualifies_a_word(state: AnalysisState, start: int, end: int) -> bool:
    """A name that qualifies a word other than a place's ("a Harzani strike", not "the Kuluma camp")."""
    root = _name_root(state, start, end)
    return root is not None and root.dep_ in ("amod", "compound", "nmod", "poss") and root.head.i != root.i and \
        root.head.lemma_.lower() not in _AREA_HEADS | _SITE_WORDS | _PLACE_OF_HEADS | _PLACE_NOUNS | _GEO_NOUNS


# Verbs whose subject is still a place: "Kesh saw heavy fighting", "the town fell"
# (not "be": "Harzan is an aggressor state" describes a party)
_PLACE_SUBJECT_VERBS = frozenset("fall lie remain see witness experience suffer host sit stand".split())


def _province_word(state: AnalysisState, end: int) -> str:
    m = _BROAD_AFTER.match(state.text[end:end + 20])
    return m.group(0) if m is not None else ""


_TELLING_VERBS = REPORTING_VERBS | frozenset("speak talk brief".split())
_AUDIENCES = frozenset("reporter journalist correspondent press media agency council".split())
# Institutions that a place's name qualifies: "The Harun district health office said ...", "the
# Teska city council" speak for the place; the incident may have happened elsewhere in it
_INSTITUTION_HEADS = frozenset("office ministry authority authorities council department directorate administration "
                               "hospital police governorate municipality government court committee".split())


_GOVERNING_BODIES = frozenset("government ministry administration parliament regime authorities".split())


def _names_an_institution(state: AnalysisState, start: int) -> bool:
    """Whether the place named at ``start`` is part of an institution's name, or where something was
    told ("told reporters in Kormali on Thursday", "speaking in Geneva"), not where it happened."""
    span = state.doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return False
    tok = span[0]
    if tok.dep_ == "det" and tok.i + 1 < len(tok.doc):
        tok = tok.doc[tok.i + 1]  # "the Saint Lorin general hospital": the tagger's place starts at "the"
    name_head = tok
    while name_head.dep_ in ("compound", "flat") and name_head.head is not name_head:
        name_head = name_head.head
    if name_head.dep_ == "pobj" and name_head.head.lower_ in ("in", "at", "from"):
        told = name_head.head.head
        if told.dep_ in ("dobj", "dative") and told.lemma_.lower() in _AUDIENCES:
            told = told.head  # "told reporters in Kormali"
        if told.pos_ == "VERB" and told.lemma_.lower() in _TELLING_VERBS:
            return True
        if told.pos_ in ("NOUN", "PROPN") and told.lemma_.lower() in _INSTITUTION_HEADS and \
                told.dep_ in ("nsubj", "nsubjpass") and told.head.lemma_.lower() in _TELLING_VERBS:
            return True  # "The Defense Ministry in Serak said the strike targeted ...": where the speaker sits
        if told.lemma_.lower() in _GOVERNING_BODIES:
            return True  # "the so-called government in Dalmira lies": where a government sits
    for _ in range(5):
        if tok.dep_ not in ("compound", "nmod", "amod", "poss") or tok.head is tok:
            return False
        tok = tok.head
        if tok.lemma_.lower() in _INSTITUTION_HEADS:
            return True
    return False


# the head noun of a named place the tagger may miss: "Ruvo district", "the Hawra camp"
_AREA_HEADS = frozenset("district province region village town city valley camp county governorate".split())


def _fled_places(sent: Span) -> list[tuple[int, str]]:
    """(start, text) of what people fled, when it is a name: the object of "flee" or of "flee
    from" ("fled Qasr Nadim and nearby villages", "fled from Ruvo district"); the tagger often
    reads such a name as a person or misses it."""
    out: list[tuple[int, str]] = []
    for tok in sent:
        if tok.lemma_.lower() != "flee":
            continue
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        objects += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"
                    for g in c.children if g.dep_ == "pobj"]
        for head in objects:
            if head.pos_ != "PROPN" and head.lower_ not in _AREA_HEADS:
                continue
            words = [t for t in head.lefts if t.dep_ == "compound" and t.i >= head.i - 3] + [head]
            while words and not words[0].text[:1].isupper():  # a name starts with a capital
                words.pop(0)
            if words and (len(words) > 1 or head.pos_ == "PROPN"):
                if head.lower_ not in _AREA_HEADS and any(t.ent_type_ in ("ORG", "NORP") for t in words):
                    continue  # "fled Hamas", "fled the Army": a group, not a place ("the Lahan valley" is one)
                start, end = words[0].idx, words[-1].idx + len(words[-1].text)
                out.append((start, doc_text(sent.doc)[start:end]))
    return out


def _location_in(state: AnalysisState, sent: Span) -> Place | None:
    places = _places_in(state, sent)
    if not places:
        return None
    # Prefer a specific place over a province or country: "Camp X in Iraq" -> Camp X, country Iraq.
    specific = [p for p in places if not p[3]]
    # a settlement told as one ("the market town of Belkor") over a bare name that may be a region or a
    # country the gazetteer does not know ("In Marvenia, ... a drone strike on the market town of Belkor")
    settled = [p for p in specific if _SETTLEMENT_BEFORE.search(state.text, max(0, p[0] - 30), p[0])
               and not _goes_to(state, p[0], p[1])]  # (not where people went: "sheltered in the city of Tessaly")
    # a road is where, between towns: the town it runs by places the incident ("on the Route 9 road south of
    # Tolmak": Tolmak), as conflict data codes the nearest named place
    towns = [p for p in specific if not _ROAD_NAME.search(p[2])]
    # a place told by a preposition ("a Harzani strike on a market in Qassel": Qassel) over a name that only
    # qualifies the deed, which may say whose it was
    told = [p for p in towns if not _qualifies_a_word(state, p[0], p[0] + len(p[1]))]
    countries = [country_name(p[2]) for p in places if country_name(p[2])]
    start, text, name, broad = min(settled or told or towns or specific or places)
    country = country_name(name) or (countries[0] if countries else None)
    return text, name, country, broad


_ROAD_NAME = re.compile(r"^(?:Route|Highway|Road|Motorway|Interstate|Autoroute)\b|\b(?:Road|Highway|Motorway)$")
_SETTLEMENT_BEFORE = re.compile(r"\b(?:village|town|city|hamlet|settlement)\s+of\s+\Z")


def _doc_country(state: AnalysisState) -> str | None:
    counts: Counter[str] = Counter()
    for ent in state.entities:
        c = country_name(ent.name)
        if c:
            counts[c] += len(ent.mentions)
    return counts.most_common(1)[0][0] if counts else None


def _dateline(state: AnalysisState, found: Dateline | None) -> tuple[DateMention | None, str | None]:
    """Wire datelines: "KHARAN, March 3 (Reuters) -" give the main event's date and place."""
    if found is None:
        return None, None
    date = next((d for d in find_dates(state.text[:found.end], state.published)
                 if d.start >= found.start and d.value), None)
    return date, found.place


# Sites inside a settlement: "Liberty Square" does not contradict "Port Selim".
_SITE_WORDS = frozenset(
    "square street road avenue market camp hospital prison school mosque church bridge checkpoint crossing gate "
    "park stadium station airport port quarter neighbourhood neighborhood compound outpost base depot warehouse "
    "factory bakery hotel".split())


def _is_site(place: Place) -> bool:
    return place[1].split()[-1].lower() in _SITE_WORDS if place[1].split() else False


def _conflicting_places(a: Place, b: Place) -> bool:
    # A province or country does not contradict a town inside it, nor a town a square in it.
    return a[1] != b[1] and not a[3] and not b[3] and _is_site(a) == _is_site(b)


def find_events(state: AnalysisState) -> list[Event]:
    text = state.text
    # the dateline's day is the report's: it dates the story's first incident only where no sentence
    # does ("TAVRIN, Sept 12 (Wire) - ... exchanged prisoners on Tuesday"), in _finish
    filed = find_dateline(text)
    dates = [d for d in find_dates(text, state.published) if not state.in_skip_range(d.start, d.end)
             and not (filed is not None and filed.start <= d.start < filed.end) and not _quoted_today(text, d)]
    figures_by_sent: dict[int, list[Figure]] = {}
    denied_figures: dict[int, list[Figure]] = {}
    for fig in state.figures:
        sent = state.doc.char_span(fig.start, fig.end, alignment_mode="expand")
        if sent is not None:
            (denied_figures if fig.negated else figures_by_sent).setdefault(sent.sent.start_char, []).append(fig)
    drafts: list[_Draft] = []
    pending: list[tuple[_Mention, DateMention | None, Place | None]] = []
    voices = _voices(state)
    published_iso = state.published.isoformat() if state.published else None
    headline_end = _headline_end(text)
    summaries = _summary_ranges(text)
    subheadings = _subheadings(text, headline_end)

    def repeats(sent: Span) -> bool:
        return sent.end_char <= headline_end or any(a <= sent.start_char < b for a, b in summaries)

    # Headlines and "Key figures" lists repeat the body: they only add to events the body reports.
    # A subheading ("WEDNESDAY - Families flee shelling in Hennet") heads its own paragraph, which
    # tells it in full: it adds nothing, and would join the story's first event as a headline does.
    sentences = [s for s in state.doc.sents if not repeats(s)
                 and not any(a <= s.start_char < b for a, b in subheadings)]
    sentences += [s for s in state.doc.sents if repeats(s)]
    # the last sentence's date and place, for the next one
    carried: tuple[Span, DateMention, Place | None] | None = None
    # the year or month a paragraph named in a sentence of its own ("In 2013 it was the army's turn.
    # Soldiers shelled the market at Orrin's Bridge"): (paragraph start, period)
    para_period: tuple[int, tuple[int | None, int | None]] | None = None
    for sent in sentences:
        if state.in_skip_range(sent.start_char, sent.end_char):
            continue
        headline = repeats(sent)
        in_sent = [d for d in dates if sent.start_char <= d.start < sent.end_char]  # (looked up once)
        if not headline:
            named = _period_in(sent.text, state.published)
            if any(d.value and not d.last for d in in_sent):
                para_period = None  # a day told: the paragraph's sentences go on with it
            elif named is not None and _period_is_when(sent.text) and not re.search(r"\b[Ss]ince\b", sent.text):
                para_period = (_paragraph_start(state.text, sent.start_char), named)  # (not "since January")
        # a "Highlights" bullet with a date of its own that no event told so far has may tell
        # what the body does not
        in_summary = any(a <= sent.start_char < b for a, b in summaries)
        # the verb of a denied count tells no incident ("the story that two protesters were killed is
        # simply false")
        denied = {v.i for f in denied_figures.get(sent.start_char, [])
                  for v in [_governing_verb(state, f.start, f.end)] if v is not None}
        triggers = [t for t in sent if _trigger_type(t) and not (t.pos_ == "VERB" and _planned_verb(t))
                    and t.i not in denied]
        mentions: dict[str, _Mention] = {}
        # Questions ("what about the hundreds who disappeared?") report no incident. Running
        # totals ("more than 300 ... since 2014") are background, not this incident: in their
        # own clause only ("300 killed so far this year, and 14 more died on Sunday").
        question = sent.text.rstrip().rstrip('"”’').endswith("?")
        if _CORRECTION.search(state.text, _paragraph_start(state.text, sent.start_char), sent.end_char) or \
                RETRACTED.search(sent.text):
            continue  # "Correction, 10 September: An earlier version of this story said ...": no incident
        # a sentence whose every date is after publication tells a plan ("a second march for next
        # Saturday, 25 May, and say they expect 30,000 people"), not an incident
        ahead = [d.value for d in in_sent if d.value]
        if ahead and published_iso and all(v[:1].isdigit() and v > published_iso for v in ahead):
            continue
        # "Between 1 July and 30 September 2023, the monitor documented 187 civilian deaths": a quarter's
        # tally, not one incident (a span of weeks: "between 10 and 14 March" is one round of fighting)
        quarter = any(d.last and d.value and _SPAN_WORDS.match(d.text) and _days_apart(d.value, d.last) > 31
                      for d in in_sent)
        figures = [] if question or quarter else [f for f in figures_by_sent.get(sent.start_char, [])
                                                  if not _state_figure(state, f) and not _running_total(state, sent, f)
                                                  and not _planned(state, f)]
        if not figures and (quarter or any(_running_total(state, sent, f)
                                           for f in figures_by_sent.get(sent.start_char, []))):
            continue  # "312 civilians had been killed since 1 January": a total, and its verb no incident
        for fig in figures:
            if _counts_incidents(fig) or _deployed(state, fig) or _perpetrators(state, fig):
                continue  # "repelled three attacks", "deployed 200 additional troops": no count in an incident
            etype, trig = _figure_event_type(fig, triggers)
            if etype == "other" and fig.category == "other":
                if trig is None and _released(state, fig):
                    mentions.setdefault("release", _Mention("other", sent, released=True)).figures.append(fig)
                elif trig is None and _damage_figure(state, fig):
                    mentions.setdefault("damage", _Mention("other", sent)).figures.append(fig)
                continue
            key = _group(etype)
            mention = mentions.setdefault(key, _Mention(etype, sent))
            mention.figures.append(fig)
            if trig is not None and trig not in mention.triggers:
                mention.triggers.append(trig)
        for trig in triggers:
            etype = _trigger_type(trig) or "other"
            mention = mentions.setdefault(_group(etype), _Mention(etype, sent))
            if trig not in mention.triggers:
                mention.triggers.append(trig)
        _fold_raid_into_abduction(mentions)
        _fold_raid_into_arrest(mentions)
        _fold_deaths_into_disaster(mentions)
        sent_dates = [d for d in in_sent if not _is_report_date(state, d) and not _planned_date(state, d)]
        own_date = bool(sent_dates)
        sent_place = _location_in(state, sent)
        own_place = sent_place is not None
        previous = carried if carried is not None and _next_in_paragraph(state, carried[0], sent) else None
        if not sent_dates and not headline:
            before = _earlier_date(state, dates, sent, carried)
            sent_dates = [before] if before is not None else []
            if sent_place is None and carried is not None and before is carried[1]:
                sent_place = carried[2]  # "... held a vigil outside Gorran Central Prison. Police detained six"
        # a paragraph goes on telling its date until a sentence names another time ("Yesterday our
        # units repelled three attacks ... Enemy losses amounted to ... On our side, four were killed")
        carried = (sent, sent_dates[0], sent_place) if sent_dates and not headline and \
            (own_date or (carried is not None and sent_dates[0] is carried[1])) else None
        told_before = bool(sent_dates) and not own_date and not own_place
        sent_date = sent_dates[0] if sent_dates else None
        # each date to the event word it modifies ("sentenced ... on May 20 ... for the killing of 31
        # villagers in Darvish on 14 March 2012"); the others share the sentence's first free date
        owned: dict[int, DateMention] = {}
        if len(mentions) > 1:
            for d in sent_dates:
                owner = _date_owner(state, list(mentions.values()), d)
                if owner is not None:
                    owned.setdefault(id(owner), d)
            if len(sent_dates) > 1:  # the parse gave no owner: each date to the nearest event word
                for d in sent_dates:
                    if any(d is o for o in owned.values()):
                        continue
                    near = _nearest_mention(state, [m for m in mentions.values() if id(m) not in owned], d)
                    if near is not None:
                        owned[id(near)] = d
        free = next((d for d in sent_dates if all(d is not o for o in owned.values())), None)
        for mention in mentions.values():
            if mention.triggers:
                # Type from the strongest trigger: attack > armed_clash > killing.
                types = [_trigger_type(t) or "other" for t in mention.triggers]
                mention.type = min(types, key=lambda t: VIOLENT.index(t) if t in VIOLENT else 0)
            date = owned.get(id(mention), free)
            if id(mention) not in owned and any(_told_as_earlier(t) for t in mention.triggers):
                date = None  # "Gunmen released three of seven engineers kidnapped last month, ... said on Sunday"
            # with no event word, the day of another verb is another happening's ("Survivors said the boat
            # had left Karnak Bay on Saturday ..., suggesting that more than 200 could still be missing"),
            # and so is the place told with it
            elsewhere = own_date and date is not None and not mention.triggers and \
                _dates_another_verb(state, date, mention.figures)
            if elsewhere:
                date = None
            told_at = [t.idx for t in mention.triggers] + [f.start for f in mention.figures]
            if date is not None and mention.type in VIOLENT and told_at and date.start < min(told_at) and \
                    _court_date(state, date):
                # "sentenced ... on Friday for his role in the massacre": not the massacre's day (but
                # "for the killing of 14 prisoners at Kesh on 3 May 2015" is the killing's)
                date = None
            only_none = _only_none(state, mention)
            # "11 of the 61 wounded had been taken to hospital in Tessaly": a part of a counted
            # incident belongs to it, wherever the part went
            subset = bool(mention.figures) and all(f.of_total for f in mention.figures) and all(
                f.of_total in {g.value for d in drafts for m in d.mentions for g in m.figures} for f in mention.figures)
            # "It said 3 of the defectors had been wounded in an exchange of fire ... as they left": a part of
            # the people an incident counted, hurt in it, whatever event word tells how
            out_of = {counted_out_of(state, f) for f in mention.figures}
            whole = None if not mention.figures or None in out_of else next(
                (d for d in reversed(drafts) if any(g.category in out_of for m in d.mentions for g in m.figures)), None)
            if whole is not None:
                whole.mentions.append(mention)
                continue
            place, destination = (None if elsewhere else sent_place), _is_destination(state, sent_place, sent)
            taken_to = mention.type == "relocation" and _takes_people_to(mention)
            if destination and mention.type in VIOLENT:
                # "were transferred to the military hospital in Tesk": where the wounded went, not
                # where they were hurt
                place, destination = None, False
            if mention.type == "relocation" and destination and not taken_to and previous is not None \
                    and previous[2] is not None and place is not None and previous[2][1] != place[1]:
                # "Militiamen attacked the village of Harun ... Dozens of families have since fled to
                # Basra Wells": they fled from the place just told, and are placed there
                place, destination = previous[2], False
            if taken_to:  # "163 residents of the Tal Safi camp landed in Country Z": Country Z
                place = _destination_in(state, sent) or place
                destination = destination or place is not sent_place
            news = own_date and bool(mention.figures) and in_summary and date is not None and not any(
                d.date is not None and d.date.value == date.value for d in drafts)
            # (a month or a year with no day gives a period, not a date: "In July 2021, ...")
            period = None if sent_date and sent_date.value else _period_in(sent.text, state.published)
            if period is None and not (sent_date and sent_date.value) and para_period is not None and \
                    para_period[0] == _paragraph_start(state.text, sent.start_char):
                period = para_period[1]
            placed = _place_mention(drafts, mention, date, None if subset else place,
                                    merge_only=(headline and not news) or only_none or subset,
                                    period=period,
                                    destination=destination, taken_to=taken_to, told_before=told_before,
                                    separate=_told_as_separate(sent, mention), voices=voices)
            if only_none and not placed and not headline:
                pending.append((mention, date, sent_place))
    # "No protester was killed. ... Seventeen officers were injured": a count of none read
    # before the incident it belongs to joins it once the incident is known
    for mention, date, place in pending:
        _place_mention(drafts, mention, date, place, merge_only=True)
    events = _finish(state, drafts, filed)
    return events


_SAME_DAY = re.compile(r"\b(?:on )?(?:the same|that same|that) (?:day|night|evening|morning|afternoon)\b|"
                       r"\blater (?:that|the same) (?:day|night|evening)\b", re.I)


# (re.M: "^" at the paragraph's first line, not only at the text's)
_CORRECTION = re.compile(r"(?im)^\W*(?:correction|clarification|editor['’]?s note)\b")


def _paragraph_start(text: str, pos: int) -> int:
    """Where the paragraph holding ``pos`` starts (after the last blank line before it)."""
    cut = text.rfind("\n\n", 0, pos)
    return cut + 2 if cut >= 0 else 0


def _earlier_date(state: AnalysisState, dates: list[DateMention], sent: Span,
                  carried: tuple[Span, DateMention, Place | None] | None) -> DateMention | None:
    """The date a sentence without one takes from before it: "In a separate incident on the same
    day" (the last date told before), or the date of the sentence just before in the same
    paragraph ("On June 3, the regime showed the world its true face. Its tanks rolled into the
    village at dawn ..."), which a sentence that names no time of its own goes on telling (and,
    where it names no place, its place)."""
    if _SAME_DAY.search(sent.text):
        before = [d for d in dates if d.end <= sent.start_char and d.value and not _is_report_date(state, d)]
        return before[-1] if before else None
    if carried is None:
        return None
    prev, date, _place = carried
    if not _next_in_paragraph(state, prev, sent):
        return None
    if _period_in(sent.text, state.published) is not None or _ACCUMULATION.search(sent.text):
        return None  # "In 2017, ...": a time of its own
    return date


def _next_in_paragraph(state: AnalysisState, prev: Span, sent: Span) -> bool:
    """Whether ``sent`` follows ``prev`` directly, with no paragraph break between them."""
    gap = state.text[prev.end_char:sent.start_char]
    trailing = prev.text_with_ws[len(prev.text_with_ws.rstrip()):]
    if prev.end != sent.start or sent.text_with_ws[:1].isspace():
        return False
    if "\n" not in gap and "\n" not in trailing:
        return True
    # a heading line over its paragraph: "Saturday, 8 March: Tornik (Tornik municipality)" then
    # "Armed clash. Fighters of the Ostrel Front attacked ..."
    line = prev.text.strip()
    return (gap + trailing).count("\n") == 1 and not line.endswith((".", "!", "?", '"', "”")) and \
        len(line.split()) <= 10


# ("another attack" may be one more of a series, this one: "Another cowardly attack by the Sentinels")
_SEPARATE_WORDS = frozenset({"separate"})
_SEPARATE_INCIDENT = re.compile(
    r"(?i)\bin (?:a|another) separate (?:incident|attack)\b|\bin another (?:incident|attack)\b|"
    r"^\W*(?:earlier|later) (?:on |that |the same )?(?:day|morning|afternoon|evening|night|"
    + "|".join(WEEKDAYS) + r")\b")  # "Earlier on Saturday, gunmen attacked a checkpoint"


def _told_as_separate(sent: Span, mention: _Mention) -> bool:
    """ "A separate counter-protest ...", "In a separate incident, ...", "Earlier on Saturday,
    ...": not more of an event told before."""
    doc = sent.doc
    return bool(_SEPARATE_INCIDENT.search(sent.text)) or any(
        w.lower_ in _SEPARATE_WORDS and w.pos_ in ("ADJ", "DET")
        for t in mention.triggers for w in doc[max(sent.start, t.i - 4):t.i])


def _fold_raid_into_abduction(mentions: dict[str, _Mention]) -> None:
    """ "Gunmen stormed a boarding school and abducted scores of pupils": the raid is how the
    abduction was done, one incident, unless the sentence counts dead or wounded of its own. Those
    too belong to the abduction when the same attackers did both in one chain of verbs ("Gunmen
    killed two guards and abducted 17 students", "abducted 17 students, killing two guards")."""
    violent, abduction = mentions.get("violent"), mentions.get("abduction")
    together = violent is not None and abduction is not None and all(
        any(_one_deed(v, a) for a in abduction.triggers) for v in violent.triggers) and bool(violent.triggers)
    _fold_violence_into(mentions, "abduction", () if together else ("killed", "injured"))


def _one_deed(a: Token, b: Token) -> bool:
    """Two verbs of one doer: conjoined ("killed ... and abducted") or one a participle clause of the
    other ("abducted ..., killing two"), with no subject of its own between them."""
    if a.pos_ != "VERB" or b.pos_ != "VERB":
        return False
    for x, y in ((a, b), (b, a)):
        if y.head == x and y.dep_ in ("conj", "advcl") and \
                not any(c.dep_ in ("nsubj", "nsubjpass") for c in y.children):
            return True
    return False


_RAID_WORDS = frozenset("raid storm".split())


def _fold_raid_into_arrest(mentions: dict[str, _Mention]) -> None:
    """ "arrested eleven suspects and seized 14 rifles during a raid on a farm": the raid is the
    operation the arrests were made in, and what was seized in it is the operation's, unless the
    sentence counts dead, wounded or missing (a raid that killed is an attack of its own)."""
    raid = mentions.get("violent")
    if raid is not None and raid.triggers and all(t.lemma_.lower() in _RAID_WORDS for t in raid.triggers):
        _fold_violence_into(mentions, "arrest", ("killed", "injured", "missing"))


def _fold_deaths_into_disaster(mentions: dict[str, _Mention]) -> None:
    """ "Flash floods swept through villages ..., killing at least 14 people": the flood killed them,
    one incident and no one's violence, unless the sentence tells an attack or fighting too."""
    deaths, disaster = mentions.get("violent"), mentions.get("other")
    if deaths is not None and disaster is not None and disaster.triggers and \
            all(_trigger_type(t) == "killing" for t in deaths.triggers):
        _fold_violence_into(mentions, "other", ())


def _fold_violence_into(mentions: dict[str, _Mention], key: str, casualties: tuple[str, ...]) -> None:
    """The sentence's violent mention becomes part of its ``key`` mention (how that incident was
    done), unless it counts casualties of its own."""
    violent, other = mentions.get("violent"), mentions.get(key)
    if violent is None or other is None or any(f.category in casualties for f in violent.figures):
        return
    other.triggers.extend(t for t in violent.triggers if t not in other.triggers)
    other.figures.extend(violent.figures)
    del mentions["violent"]


def _only_none(state: AnalysisState, mention: _Mention) -> bool:
    """A mention that says only what did not happen ("No arrests have been made", "Nobody was
    killed"): it adds its 0 to an incident reported before, but is no incident of its own. Its
    trigger words are the counted noun or the verb of the count of none; "No one was hurt in the
    bombing" still reports a bombing."""
    if not mention.figures or any(f.value != 0 for f in mention.figures):
        return False
    void: set[int] = set()
    for fig in mention.figures:
        span = state.doc.char_span(fig.start, fig.end, alignment_mode="expand")
        if span is not None:
            void.update(t.i for t in span)
            void.add(span.root.head.i)
    return all(t.i in void for t in mention.triggers)


def _is_destination(state: AnalysisState, place: Place | None, sent: Span) -> bool:
    """Whether the sentence's place is where people went ("to the district of Keffa")."""
    if place is None:
        return False
    start = sent.text.find(place[0])
    return start >= 0 and _goes_to(state, sent.start_char + start, place[0])


# verbs of arriving: "landed in Country Z", "arrived at the reception centre in Deran", and of where the
# displaced stay: "registered at a camp on the outskirts of Deran", "were sheltering in schools"
_ARRIVAL_VERBS = frozenset({"land", "arrive", "register", "shelter", "stay", "sleep", "live"})
_WAYS = frozenset("road route way highway motorway street entrance gate checkpoint bridge approach crossing "
                  "border".split())
# (the figures' verbs of carrying people, and more that take the wounded somewhere)
_CARRYING_VERBS = CARRY_VERBS | frozenset("rush bring admit airlift evacuate transport transfer".split())
# event words whose place is where people were taken, not where they were taken from (displacement
# is placed where people fled from); tests/gold/README.md has the convention
_TAKEN_TO = frozenset({"transfer", "deport", "deportation", "resettle", "resettlement", "relocate", "relocation"})


def _goes_to(state: AnalysisState, start: int, text: str) -> bool:
    """Whether the place written at ``start`` is where people went: the object of "to" or
    "into" ("to the district of Keffa"), or of "in", "at" or "on" after a verb of arriving."""
    span = state.doc.char_span(start, start + len(text), alignment_mode="expand")
    node = span.root if span is not None else None
    for _ in range(6):
        if node is None or node.head.i == node.i:
            return False
        node = node.head
        if (node.dep_ == "prep" or node.pos_ == "ADP") and node.lower_ != "of":  # "to the district of Keffa"
            if node.lower_ in ("to", "towards", "toward", "into"):
                # ("on the main road into the city of Tessaly": where the road leads, not where anyone went)
                before = node.doc[node.i - 1] if node.i > 0 else node
                return node.head.lemma_.lower() not in _WAYS and before.lemma_.lower() not in _WAYS
            if node.lower_ in ("in", "at", "on"):
                if node.head.lemma_.lower() in _ARRIVAL_VERBS and node.head.pos_ == "VERB":
                    return True  # (not "a school used as a shelter in Pelna")
                if node.head.lemma_.lower() in _CARRYING_VERBS and any(
                        c.dep_ == "prep" and c.lower_ == "to" for c in node.head.children):
                    return True  # "had been taken to hospital in Mirosk" (the parser hangs "in" on the verb)
                continue  # "to a prison in Deran": the prison's own preposition decides
            return False
    return False


def _takes_people_to(mention: _Mention) -> bool:
    """A transfer, deportation or resettlement (by its words or its figures), placed at its destination."""
    return any(t.lemma_.lower() in _TAKEN_TO for t in mention.triggers) or (
        not mention.triggers and bool(mention.figures) and
        all(f.category in ("transferred", "resettled") for f in mention.figures))


def _destination_in(state: AnalysisState, sent: Span) -> Place | None:
    """The first place of the sentence that people went to, if any."""
    for start, text, name, broad in sorted(_places_in(state, sent)):
        if _goes_to(state, start, text):
            return text, name, country_name(name), broad
    return None


def _nearest_mention(state: AnalysisState, mentions: list[_Mention], date: DateMention) -> _Mention | None:
    """The mention with an event word or figure nearest the date, in words."""
    span = state.doc.char_span(date.start, date.end, alignment_mode="expand")
    if span is None or not mentions:
        return None

    def distance(m: _Mention) -> int:
        words = [t.i for t in m.triggers]
        for f in m.figures:
            fig = state.doc.char_span(f.start, f.end, alignment_mode="expand")
            if fig is not None:
                words.append(fig.start)
        return min((abs(i - span.start) for i in words), default=len(state.doc))

    return min(mentions, key=distance)


def _date_owner(state: AnalysisState, mentions: list[_Mention], date: DateMention | None) -> _Mention | None:
    """The one mention whose event word the date modifies ("arrested 14 suspects ... responsible
    for the 28 April bombing": the bombing's date, not the arrests'), or None."""
    if date is None:
        return None
    span = state.doc.char_span(date.start, date.end, alignment_mode="expand")
    if span is None:
        return None
    owners = [m for m in mentions if any(span.root.head.i == t.i or span.root.i in {c.i for c in t.children}
                                         for t in m.triggers)]
    return owners[0] if len(owners) == 1 else None


_ACCUMULATION = re.compile(
    # (not "since 27 January": an ongoing displacement or strike dates from its start)
    r"\bsince (?:the (?:war|conflict|offensive|siege|crisis|uprising) (?:began|started|erupted)|last year)\b|"
    # "Since the Dorval massacre, more than 2,400 civilians have been killed"
    r"\bsince the (?:[A-Z][\w'’-]+ )?(?:massacre|war|invasion|coup|uprising|revolution|ceasefire|truce)\b|"
    r"\bsince (?:19|20)\d\d\b|\bsince then\b|\bso far\b|"
    r"\bsince the (?:start|beginning) of (?:the|this) (?:year|month)\b|"
    # "since the beginning of the conspiracy in 2019" (not "since the start of the week": this week's flight)
    r"\bsince the (?:start|beginning|outbreak|onset) of (?!(?:the|this|last) (?:week|weekend|day)\b)|"
    r"\bsince (?:1 January|January 1(?:st)?|January)\b|"  # the year to date
    # "140 civilians have been killed in air and drone strikes in the province this year"
    r"\b(?:have|has|had) been \w+\b[^.;]{0,80}?\b(?:so far )?this year\b|\b(?:so far )?this year alone\b|"
    r"\byear to date\b|"
    # "Across the three attacks, the clinic has recorded at least 37 deaths"; "put their own losses in
    # that period at 14"
    r"\bacross (?:the|all|these|those) (?:\w+ )?(?:attacks|incidents|raids|strikes|assaults)\b|"
    r"\b(?:in|over|during) (?:that|this|the same) period\b|"
    r"\b(?:in|over|during) the (?:quarter|reporting period|(?:first|second|third|fourth|last) quarter)\b|"
    # "bringing the total number of defectors it has received since August to 212" (not "bringing the
    # death toll to 63", the toll of one incident)
    r"\b(?:bringing|taking|raising|pushing|brings|takes|raises|pushes) the (?:total|overall|cumulative)\b|"
    # "At least 27 people were killed across the province during the week, according to a tally"
    r"\bacross the (?:province|country|region|state|governorate|district|county)\b|"
    r"\b(?:during|over) the (?:past |last )?(?:week|month)(?![\w-])|"
    r"\b(?:in|over|during) (?:the )?(?:past|last) (?:few |two |three |four |five |six |ten |several |\d+ )?"
    r"(?:years|months|decades?)\b|\bin recent (?:years|months)\b|"
    # a casualty table's last row ("Total: 11 killed, 34 injured"): the sum of the rows above
    r"^\s*(?:grand\s+)?totals?\s*:", re.I)
# a date told as a span ("Between 1 July and 30 September 2023"): a tally's period when longer than a month
_SPAN_WORDS = re.compile(r"(?i)(?:between|from)\b")
# (", which would make it the largest demonstration since 2011": a comment on the count, not a total)
# (", bringing the total to ...": what a count adds up to is a clause of its own)
_CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while|whereas|as|which)\s+|;\s*|\s+but\s+|"
                           r",\s+(?=(?:bringing|taking|raising|pushing)\b)|"
                           # "312 civilians have been killed since the beginning of the year, ..., including 41
                           # in a drone strike on Belkor on March 9": the incident is told in a clause of its own
                           r",\s+(?=including\s+[^,.;]{0,30}?\b(?:in|during)\s+(?:a|an|the)\b)")


def _running_total(state: AnalysisState, sent: Span, fig: Figure) -> bool:
    """Whether the clause holding ``fig`` speaks of an accumulation over time."""
    begin, finish = fig.start - sent.start_char, fig.end - sent.start_char
    start, end = 0, len(sent.text)
    for brk in _CLAUSE_BREAK.finditer(sent.text):
        if brk.end() <= begin:
            start = brk.end()
        elif brk.start() >= finish:
            end = brk.start()
            break
    clause = sent.text[start:end]
    # "have treated seventeen people with gunshot wounds since Wednesday": a tally over days (people
    # displaced since a day are that day's displacement, and stay one)
    return bool(_ACCUMULATION.search(clause)) or (fig.category != "displaced" and bool(_TALLY_SINCE_DAY.search(clause)))


# (and "the number of officers who have switched sides this month": a tally of the month)
_TALLY_SINCE_DAY = re.compile(r"(?i)\b(?:have|has|had)\s+(?:been\s+)?\w+\b[^.;]{0,80}?\b(?:since\s+(?:" +
                              "|".join(WEEKDAYS) + r")|(?<!earlier )(?<!later )this\s+(?:month|year))\b")


# Things destroyed or seized in an incident belong to it even with no event word nearby.
_DAMAGE_VERBS = frozenset("destroy damage burn loot seize confiscate raze demolish flatten recover".split())


def _governing_verb(state: AnalysisState, start: int, end: int) -> Token | None:
    """The nearest verb above the words at [start, end) in the parse (at most four steps up)."""
    span = state.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    node = span.root
    for _ in range(4):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


_HOME_TO = re.compile(
    r"(?i)\b(?:home to|hosting|housing|accommodating|(?:a|the) (?:town|city|village|community|camp) of)\s+$")


def _state_figure(state: AnalysisState, fig: Figure) -> bool:
    """A standing population ("the camp hosts 2,100 people", "Camp Hope, home to some 9,000
    displaced families"), not what happened in an incident."""
    if _HOME_TO.search(state.text, max(0, fig.start - 20), fig.start):
        return True
    verb = _governing_verb(state, fig.start, fig.end)
    if verb is not None and verb.lemma_.lower() in ("hold", "keep") and any(
            (c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP")) or c.lower_ == "still" for c in verb.children):
        # "at least 400 people are still held by the movement", "15 others were still being held in
        # Dorvek prison": how many, then and now
        return True
    noun = _figure_noun(state, fig)
    if noun is not None and any(c.dep_ == "acl" and c.tag_ == "VBG" and c.lemma_.lower() in _DWELLING_VERBS
                                for c in noun.children):
        return True  # "roughly 40 families sheltering in a school in Harnau": where people are, not a flight
    if verb is not None and verb.tag_ == "VBG" and verb.lemma_.lower() in _DWELLING_VERBS:
        return True  # "Some 40 families are sheltering in the school"
    return verb is not None and is_state_verb(verb)


_DWELLING_VERBS = frozenset("shelter live stay reside sleep squat camp".split())


# (and what is only offered, threatened or demanded: "offered to exchange 40 prisoners")
_PLAN_WORDS = frozenset("due expect set schedule slate plan intend offer propose threaten demand vow".split())
# What a toll may yet do: "the death toll could rise to 12" is a forecast, not a count.
_PROJECTION_VERBS = frozenset("rise climb reach increase exceed top grow double mount soar surpass".split())


def _planned(state: AnalysisState, fig: Figure) -> bool:
    """What is to happen is no incident yet: "40 detainees are due to be transferred next week",
    "300 families are expected to be relocated", "50 prisoners will be released"."""
    span = state.doc.char_span(fig.start, fig.end, alignment_mode="expand")
    if span is None:
        return False
    node = span.root
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            break
        node = node.head
    return node.pos_ in ("VERB", "AUX") and (_planned_verb(node) or _projected(node))


def _projected(verb: Token) -> bool:
    return verb.tag_ == "VB" and verb.lemma_.lower() in _PROJECTION_VERBS and any(
        c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)


def _planned_verb(verb: Token) -> bool:
    """ "will be released", "are due to be transferred", "expect 5,000 people to march"."""
    if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in verb.children):
        return True
    if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in _PLAN_WORDS:
        return True
    if verb.dep_ == "xcomp" and verb.head.dep_ == "acomp" and verb.head.lemma_.lower() in _PLAN_WORDS:
        return True  # "are due to be transferred"
    planned = [verb] + [c for c in verb.children if c.dep_ == "acomp"]
    return any(p.lemma_.lower() in _PLAN_WORDS and any(g.dep_ == "xcomp" for g in p.children) for p in planned)


def _dates_another_verb(state: AnalysisState, date: DateMention, figures: list[Figure]) -> bool:
    """Whether the verb a date hangs on tells another happening than every figure's own verb: the
    figure's verb is not it, nor one of the actions it goes on with ("entered the staff house ... and
    took away three employees"), but, say, what that action suggests ("had left ... on Saturday,
    suggesting that more than 200 could still be missing")."""
    verb = _governing_verb(state, date.start, date.end)
    if verb is None:
        return False
    for fig in figures:
        node = _governing_verb(state, fig.start, fig.end)
        if node is None:
            return False  # (no verb of its own to tell)
        while node is not None and node.i != verb.i:
            if node.dep_ in ("ccomp", "parataxis") or node.head.i == node.i:
                node = None
            else:
                node = node.head
        if node is not None:
            return False
    return True


def _damage_figure(state: AnalysisState, fig: Figure) -> bool:
    verb = _governing_verb(state, fig.start, fig.end)
    return verb is not None and verb.lemma_ in _DAMAGE_VERBS


def _released(state: AnalysisState, fig: Figure) -> bool:
    """People set free ("Two of the three were released the next morning"): no incident of their
    own, but part of the abduction or arrest that held them, wherever and whenever they were freed."""
    verb = _governing_verb(state, fig.start, fig.end)
    return verb is not None and verb.lemma_ in ("release", "free")


# who is set free after an arrest, not an abduction
_HELD_BY_LAW = frozenset("detainee prisoner inmate protester demonstrator suspect activist".split())


# a court's verbs: the charges and verdicts of _LEGAL_WORDS, not the police's arrest nor a suspicion
_COURT_VERBS = (_LEGAL_WORDS | {"imprison"}) - {"arrest", "detain", "suspect", "accuse", "guilty"}


def _court_date(state: AnalysisState, date: DateMention) -> bool:
    """ "was sentenced to 25 years in prison on Friday for his role in the massacre": the day of
    the sentence, not of the massacre."""
    verb = _governing_verb(state, date.start, date.end)
    if verb is not None and verb.lemma_.lower() == "find" and any(
            c.lower_ in ("guilty", "responsible", "innocent", "liable") for c in verb.children):
        return True  # "A special court on Wednesday found X guilty ... over the massacre ... in 2011"
    return verb is not None and verb.lemma_.lower() in _COURT_VERBS


def _planned_date(state: AnalysisState, date: DateMention) -> bool:
    """ "will appear in court on Tuesday": when something is to happen, not when it did. Nor is
    the day a clause after "since" tells ("the deadliest breach of the ceasefire since it took
    effect on 1 April") when the incident happened (but "have refused food since May 2" dates the
    strike from its start)."""
    verb = _governing_verb(state, date.start, date.end)
    if verb is not None and any(c.dep_ == "mark" and c.lower_ == "since" for c in verb.children):
        return True
    return verb is not None and _planned_verb(verb)


# (and a count's "as of": "As of 14:00 today, ... have rescued 79 people" is when it was counted)
_DOCUMENT_DATED = re.compile(r"\b(?:dated|(?:issued|published|released|posted|updated|sent) on|as of"
                             r"(?:\s+\d{1,2}[:.]\d{2}(?:\s*(?:[ap]\.?m\.?|hrs|GMT|UTC|local time))?,?)?)\s+$", re.I)


_ACCOUNT_NOUNS = frozenset("account statement figure detail version briefing update toll".split())


def _gives_account(verb: Token) -> bool:
    """ "gave sharply different accounts on Monday of a drone strike": telling, not the strike."""
    return verb.lemma_ in ("give", "issue", "provide", "release", "offer", "publish") and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _ACCOUNT_NOUNS for c in verb.children)


def _is_report_date(state: AnalysisState, date: DateMention) -> bool:
    """ "the ministry said on April 15": the date of the statement, not of the event; so is the
    date of a document ("in a written response dated 3 August 2023", "a report published on ...")."""
    if _DOCUMENT_DATED.search(state.text, max(0, date.start - 24), date.start):
        return True
    verb = _governing_verb(state, date.start, date.end)
    if verb is not None and verb.dep_ == "xcomp" and verb.head.lemma_ in REPORTING_VERBS:
        verb = verb.head  # "told Verify Desk on Wednesday that ...", the name parsed as a verb
    if verb is None or not (verb.lemma_ in REPORTING_VERBS or verb.lemma_ in ("repeat", "hear", "learn")
                            or _gives_account(verb)):
        return False
    # "Gunmen abducted 287 pupils ... on Thursday, the governor said": the parser may hang the
    # date on the verb that closes the sentence, but it sits inside what was reported
    reported_before = any(c.dep_ in ("ccomp", "parataxis") and c.idx < date.start for c in verb.children)
    # "Five days later, on Sunday, a device detonated outside a mosque ..., police said": what
    # happens between the date and the closing verb is what was reported, and the date is its own
    told_between = verb.idx > date.end and any(
        t.pos_ == "VERB" and date.end <= t.idx < verb.idx for t in verb.sent)
    return not (verb.idx > date.end and (reported_before or told_between))


_PLACE_PATTERN = re.compile(
    r"\b(?:village|town|city|districts?|camp|province|region|area|neighbourhoods?|neighborhoods?|suburbs?|settlement|"
    r"quarters?|outskirts|centre|center|streets)"  # ("the northern districts of Hennet", "the Kelso quarter of Brisca")
    r" of ((?:[A-Z][\w'-]+)(?:[ -](?:[A-Z][\w'-]+|al|el|de))*)")
# "the school at Orvel", "a market in Pell": a site and the place it is in
_SITE_AT = re.compile(
    r"\b(?:" + "|".join(sorted(_SITE_WORDS | {"clinic", "college"})) + r")"
    r" (?:at|in) ((?:[A-Z][\w'-]+)(?:[ -](?:[A-Z][\w'-]+|al|el|de))*)")
# "the shelling of Ulm", "the siege of Kessa": deeds done to a place (never to a person, as "the capture of"
# or "the killing of" may be)
_DEED_ON_PLACE = re.compile(
    r"\b(?:" + "|".join(sorted(_DEED_NOUNS, key=len, reverse=True)) + r") of "
    r"((?:[A-Z][\w'-]+)(?:[ -](?:[A-Z][\w'-]+|al|el|de))*)")
# "the Valdorian Republic", "Republic of Korvala" (not "Republic Square")
_STATE_NAME = re.compile(r"\b(?:Republic|Kingdom|Federation|Emirates|Confederation|Commonwealth)(?:\s+of\b.*)?$")
_BROAD_AFTER = re.compile(r"^\s+(?:province|region|state|governorate|county)\b", re.I)


# "the Al-Noor displacement camp", "Kakuma refugee camp": the tagger often calls the name a group
_CAMP_PATTERN = re.compile(
    r"\b((?:[A-Z][\w'-]+[ -])+(?:(?:displacement|refugee|IDP|transit|detention)\s+)?[Cc]amp|"
    r"(?:[A-Z][\w'-]+[ -])+(?:Prison|Jail|Penitentiary))\b")  # "Merrow High Security Prison", "Dalsk Prison"
_NOT_NAMES = frozenset("The A An This That Its Their His Her Our One".split())


def _pattern_place(state: AnalysisState, sent: Span) -> tuple[int, str] | None:
    """ "the border town of Sarvan", "the village of Umm Tawil", "the Al-Noor displacement
    camp": places NER misses."""
    m = _PLACE_PATTERN.search(sent.text) or _SITE_AT.search(sent.text) or _DEED_ON_PLACE.search(sent.text)
    if m and m.group(1).split()[0] not in _NOT_NAMES:
        return sent.start_char + m.start(1), m.group(1)
    for m in _CAMP_PATTERN.finditer(sent.text):
        words = m.group(1).split()
        while words and words[0] in _NOT_NAMES:
            words = words[1:]
        if len(words) > 1 and words[0][:1].isupper():
            name = " ".join(words)
            return sent.start_char + m.end(1) - len(name), name
    return None


def _is_broad(state: AnalysisState, name: str, start: int, end: int) -> bool:
    return country_name(name) is not None or bool(_province_word(state, end)) or \
        bool(_STATE_NAME.search(name))  # "the Valdorian Republic": a country, not where it happened


_SUMMARY_HEADING = re.compile(rf"(?im)^[ \t]*(?:{SUMMARY_HEADINGS})[ \t]*:?[ \t]*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-–•*▪●]|\d{1,2}[.)])\s+")


def _summary_ranges(text: str) -> list[tuple[int, int]]:
    """The list under a "Key figures" or "HIGHLIGHTS" heading: (start, end) of its items."""
    out: list[tuple[int, int]] = []
    for m in _SUMMARY_HEADING.finditer(text):
        pos, end = m.end() + 1, m.end()
        for line in text[m.end() + 1:].split("\n"):
            if line.strip() and not _LIST_ITEM.match(line):
                break
            pos += len(line) + 1
            if line.strip():
                end = pos - 1
        if end > m.end():
            out.append((m.end(), end))
    return out


_DATED_HEADING = re.compile(r"^(?:[A-Z][a-z]+day,?\s+)?(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2})\s*:\s+\S")


def _quoted_today(text: str, date: DateMention) -> bool:
    """ "today" or "yesterday" inside a quotation is the speaker's or the post's day, which the story
    need not say ('The post ... reads: "300 civilians massacred ... in Marvessa today."'): no date."""
    if date.text.lower() not in ("today", "yesterday", "last night", "tonight"):
        return False
    para = text.rfind("\n\n", 0, date.start) + 1
    before = text[para:date.start]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _subheadings(text: str, after: int) -> list[tuple[int, int]]:
    """Lines after the headline that head the paragraph under them ("WEDNESDAY - Families flee
    shelling in Hennet"): short, with no closing stop, after a blank line and right above a line of
    text. Like the headline they sum up what the paragraph tells."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"(?m)^[^\S\n]*(\S[^\n]*?)[^\S\n]*\n(?=[^\S\n]*\S)", text):
        line = m.group(1)
        start = m.start(1)
        if start < after or (start > 0 and not text[:start].endswith("\n\n")):
            continue
        if line[-1] in ".!?:;,\"'”’)" or len(line.split()) > 12 or _LIST_ITEM.match(line):
            continue
        out.append((start, m.end(1)))
    return out


def _headline_end(text: str) -> int:
    """End of a headline block: short first lines with no closing full stop."""
    end = 0
    for line in text.split("\n")[:4]:
        stripped = line.strip()
        if stripped and (stripped[-1] in ".!?\"'" or len(stripped.split()) > 20 or _DATED_HEADING.match(stripped)):
            break  # ("Saturday, 8 March: Tornik": a digest's first entry, not the headline)
        end += len(line) + 1
    return end


def _just_before(draft: _Draft, mention: _Mention) -> bool:
    """Whether the draft's last mention is the sentence right before ``mention``, with no
    paragraph break between them."""
    last = draft.mentions[-1].sent
    return last.end == mention.sent.start and "\n\n" not in last.text_with_ws[-4:] and \
        not mention.sent.text_with_ws.startswith("\n")


def _side(unit: str | None) -> str | None:
    """Whether a count's noun names fighters or civilians; None for anyone ("people", "men")."""
    word = (unit or "").lower()
    for lemma in (word, word[:-1], word[:-2], "man" if word == "men" else word):
        if lemma in COMBATANT_NOUNS:
            return "fighters"
        if lemma in PERSON_NOUNS - {"person", "people", "man", "member"}:
            return "civilians"
    return None


_SOURCE_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})


def _voices(state: AnalysisState) -> dict[str, str]:
    """Each attributed figure's source, as a key that two tellings by one source share: "the army"
    and "The army" alike, and a pronoun ("it said") read as the last source named before it."""
    named: list[tuple[int, str]] = []
    for rel in state.attributions:
        if rel.source_start is not None and rel.source_end is not None:
            key = _voice_key(state.text[rel.source_start:rel.source_end])
            if key not in _SOURCE_PRONOUNS:
                named.append((rel.source_start, key))
    named.sort()
    voices = {}
    for fig in state.figures:
        if fig.attribution is None or fig.attribution.source is None or fig.attribution.source_span is None:
            continue
        key = _voice_key(fig.attribution.source)
        if key in _SOURCE_PRONOUNS:
            before = [k for at, k in named if at < fig.attribution.source_span[0]]
            if not before:
                continue
            key = before[-1]
        voices[fig.id] = key
    return voices


def _voice_key(source: str) -> str:
    words = source.lower().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _other_victims(draft: _Draft, mention: _Mention, voices: dict[str, str]) -> bool:
    """Whether an event word's own count of dead or wounded is, on the same source's word, of other
    people than the draft's count of the same kind: the army's "Three soldiers were killed ... in the
    clashes" then its "the HLM had shelled a residential district, killing four civilians" is another
    incident. A second telling repeats the number or the kind of people, or points back ("lost no more
    than four men in that battle"); and where two sources count different people ("The army said 14
    militants were killed in the raid ... Residents said 15 civilians were killed"), their counts
    stand side by side in one incident."""
    if not mention.triggers or any(c.dep_ == "det" and c.lower_ in ("the", "that", "this")
                                   for t in mention.triggers for c in t.children):
        return False
    for fig in mention.figures:
        side = _side(fig.unit)
        if fig.category not in ("killed", "injured") or side is None or fig.id not in voices:
            continue
        told = [f for m in draft.mentions for f in m.figures if f.category == fig.category]
        if told and all(_side(f.unit) not in (None, side) and _amount(f) != _amount(fig) and
                        voices.get(f.id) == voices[fig.id] for f in told):
            return True
    return False


def _fits(draft: _Draft, mention: _Mention) -> bool:
    if _group(draft.type) == _group(mention.type):
        return True
    if draft.type == "abduction" and _group(mention.type) == "violent" and mention.figures and all(
            f.category in ("missing", "abducted", "other") for f in mention.figures):
        return True  # "39 students were missing after the attack on the college": the raid of the abduction
    # A figure with no event word of its own ("27 were treated in hospital") joins the
    # latest event that can count it.
    return not mention.triggers and bool(mention.figures) and all(
        f.category in COMPATIBLE[draft.type] for f in mention.figures)


_PERIOD = re.compile(
    # ("since March 2019, when 34 people were killed in a bus bombing": that March's incident)
    r"\b(?:[Ii]n|[Ss]ince) (?:early |late |mid-?)?(?P<month>" + "|".join(m.capitalize() for m in MONTH_NAMES) +
    r")(?:,?\s+(?P<year>(?:19|20)\d\d))?\b|\b[Ii]n (?P<only_year>(?:19|20)\d\d)\b|"  # "In March, ..." too
    # "during the 2016 offensive": the year of a named campaign
    r"\b(?:during|in|since) the (?P<campaign_year>(?:19|20)\d\d) (?:offensive|war|conflict|uprising|campaign|siege|"
    r"massacre|crackdown|fighting)\b|"
    # "The first war, which lasted until 1998, killed ...", "Her 2019 series on the siege of Tellan, in
    # which an estimated 3,000 civilians died": a year of its own
    r"\b(?:until|till|through) (?P<until_year>(?:19|20)\d\d)\b|"
    r"\b(?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir) (?P<adj_year>(?:19|20)\d\d) [a-z]")


# "two years ago", "a decade has passed since": an incident of another year
_YEARS_AGO = re.compile(
    r"(?i)\b(?:(?P<n>\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
    r"\s+years?\s+(?:ago|have passed|has passed)|(?:a|one)\s+(?P<d>decade)\s+(?:ago|has passed))")


_LAST_YEAR = re.compile(r"(?i)\blast year\b")
_ROUGHLY_BEFORE = re.compile(r"(?i)\b(?:nearly|almost|about|around|some|over|more than|roughly)\s+$")


def _period_in(text: str, published: dt.date | None) -> tuple[int | None, int | None] | None:
    """ "was also shelled in March", "in 2019": (year, month) of a sentence that names a month
    or a year but no day; a month with no year is the latest one not after publication."""
    m = _PERIOD.search(text)
    if m is None and published is not None and _LAST_YEAR.search(text):
        return published.year - 1, None  # "Last year a similar raid on a school in Tuburi saw 43 pupils taken"
    if m is None:
        ago = _YEARS_AGO.search(text)
        if ago is None or published is None or _ROUGHLY_BEFORE.search(text, max(0, ago.start() - 12), ago.start()):
            return None  # "nearly a decade ago" gives no year to hold an incident to
        word = (ago.group("n") or "").lower()
        years = 10 if ago.group("d") else int(word) if word.isdigit() else 1 if word == "a" else UNITS.get(word, 0)
        return (published.year - years, None) if years else None
    year_only = m.group("only_year") or m.group("campaign_year") or m.group("until_year") or m.group("adj_year")
    if year_only:
        return int(year_only), None
    month = MONTHS[m.group("month").lower()]
    if m.group("year"):
        return int(m.group("year")), month
    if published is None:
        return None, month
    return (published.year if month <= published.month else published.year - 1), month


def _outside_period(value: str | None, period: tuple[int | None, int | None] | None) -> bool:
    if period is None or not value or value.startswith("-"):
        return False
    year, month = period
    return (year is not None and int(value[:4]) != year) or (month is not None and int(value[5:7]) != month)


# how long after an incident a count with no event word of its own may still be its follow-up
_FOLLOW_UP_DAYS = 31


def _days_apart(first: str | None, later: str | None) -> int:
    """Days from ``first`` to ``later`` (ISO dates); 0 where either is not a full date."""
    try:
        return (dt.date.fromisoformat(later or "") - dt.date.fromisoformat(first or "")).days
    except ValueError:
        return 0


def _place_mention(drafts: list[_Draft], mention: _Mention, date: DateMention | None,
                   place: Place | None, merge_only: bool = False,
                   period: tuple[int | None, int | None] | None = None, destination: bool = False,
                   taken_to: bool = False, told_before: bool = False, separate: bool = False,
                   voices: dict[str, str] | None = None) -> bool:
    """Add the mention to the draft it belongs to, or start one; False when it went nowhere.
    ``separate``: the text says it is another incident ("A separate counter-protest ...").
    ``destination``: the place is where people went; ``taken_to``: the mention is a transfer or
    resettlement, which that place locates (a displacement keeps the place fled from)."""
    main = next((d for d in drafts if d.date), None)
    if period is not None and not mention.figures and main is not None and main.date is not None and \
            _outside_period(main.date.value, period):
        return False  # background: "most of them were detained during protests in 2017"; "Kelem was shelled in 2019"
    # a date or place taken from the sentence before dates the mention but is no news of its own
    anchored = (bool(mention.figures) or (date is not None or place is not None) and not told_before) and \
        not merge_only
    if not mention.triggers and mention.type == "other" and all(f.category == "other" for f in mention.figures):
        anchored = False  # damage with no event word only adds to an event
    # A headline sums up the lead: it belongs to the first event it fits, not the latest.
    order = list(drafts) if merge_only else list(reversed(drafts))
    if not mention.triggers and any(f.category in ("killed", "injured") for f in mention.figures):
        if re.search(r"(?i)\b(?:death|casualty) toll\b", mention.sent.text):
            # "The interior ministry put the death toll lower, at 58": the toll of the story's own
            # incident, the first violent one told, not of a later incident told in passing
            order = list(drafts)
        # stable: the incident of the sentence just before in the same paragraph, then the latest
        # violent one ("Guards beat men who refused to board, and at least five were injured")
        order.sort(key=lambda d: (not _just_before(d, mention), d.type not in VIOLENT))
    if mention.released:
        # hostages freed belong to the abduction, prisoners to the arrest, whatever was told between
        held = "arrest" if any((f.unit or "").lower().rstrip("s") in _HELD_BY_LAW for f in mention.figures) \
            else "abduction"
        order.sort(key=lambda d: (d.type != held, d.type not in ("abduction", "arrest")))
    told = {t.lemma_.lower() for t in mention.triggers
            if any(c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in t.children)}
    if told and date is None and place is None:
        # "Three of our soldiers are missing after the fighting": the incident whose fighting was told
        order.sort(key=lambda d: not any(t.lemma_.lower() in told for m in d.mentions for t in m.triggers))
    wholes = {f.of_total for f in mention.figures if f.of_total is not None}
    if wholes:
        # "Two of the three were released the next morning": the incident that counted the three
        order.sort(key=lambda d: not any(_amount(f) in wholes for m in d.mentions for f in m.figures))
    for draft in order:
        if separate and anchored:
            break
        if not _fits(draft, mention) or _other_victims(draft, mention, voices or {}):
            continue
        follow_up = not mention.triggers  # "Nine people remained in custody on May 14"
        # a count with no event word, time or place of its own takes the sentence before's to start
        # an incident, but does not give them to an undated one it joins: "The three men were freed
        # late on Saturday near the town of Kelbo ... The other four remain in captivity" is still
        # the abduction of last month
        at, where = (None, None) if mention.released or (follow_up and told_before and draft.date is None) \
            else (date, place)
        if draft.date and _outside_period(draft.date.value, period):
            continue  # "The camp was also shelled in March, when four people were killed"
        if period is not None and draft.date is None and draft.period != period:
            continue  # "since March 2019, when 34 people were killed": not this story's undated blast
        if draft.period is not None and ((at is not None and _outside_period(at.value, draft.period)) or
                                         (period is not None and period != draft.period)):
            continue  # "A decade ago ... murdered 118" does not take in "On March 9, gunmen killed seven"
        if draft.period is not None and draft.period[1] is None and draft.date is None and anchored and \
                at is not None and (at.value or "")[:1].isdigit():
            continue  # "In 2023, at least 17 of them were killed": a year's toll, not the 4 February bombing told next
        if at and draft.date and at.value != draft.date.value and not (
                follow_up and (at.value or "") > (draft.date.value or "") and
                _days_apart(draft.date.value, at.value) <= _FOLLOW_UP_DAYS):
            continue  # (a count three months on, "On the night of 17 July ... took away three employees", is news)
        has_figures = bool(mention.figures) and any(m.figures for m in draft.mentions)
        # where people fled to does not contradict where they fled from ("18,000 people have fled
        # Ruvo district" ... "have been displaced, most of them to the district of Keffa")
        moved_to = destination and mention.type == "relocation" and draft.type == "relocation"
        if where and draft.location and has_figures and not moved_to and _conflicting_places(where, draft.location):
            continue
        counted = any(m.figures for m in draft.mentions)
        draft.mentions.append(mention)
        draft.date = draft.date or at
        # A specific place wins over a broad one, and the place of the counted incident over
        # the place of a passing mention.
        keep_origin = moved_to and draft.location is not None and not taken_to
        # a quotation that counts nothing ('"My brother was killed at Kettle Ford," said Mara Tolen') speaks
        # of other incidents as often as of this one: it does not move an incident already placed
        remembered = not mention.figures and draft.location is not None and mention.sent.text[:1] in '"“'
        if where and not keep_origin and not remembered and (
                draft.location is None or (draft.location[3] and not where[3]) or
                (_is_site(where) and not _is_site(draft.location)) or
                (mention.figures and not counted and not merge_only)):
            draft.location = where
        # a passing sentence with nothing of its own ("Fighting has intensified across the
        # province in recent weeks") does not rename a counted incident; "since the attack" does
        passing = counted and not mention.figures and (told_before or at is None and where is None) and not any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for t in mention.triggers for c in t.children)
        # (a headline that lists several incidents, "roadside bomb, night raid, shelling and a checkpoint
        # battle", does not retype the first one, which its own sentences typed)
        summed_up = merge_only and len(mention.triggers) > 1 and any(
            m.triggers for m in draft.mentions if m is not mention)
        if mention.type in VIOLENT and draft.type in VIOLENT and not passing and not summed_up:
            draft.type = min(draft.type, mention.type, key=VIOLENT.index)
        return True
    if anchored:
        drafts.append(_Draft(mention.type, date, place, [mention], period=None if date and date.value else period))
        return True
    return False


def _period_is_when(text: str) -> bool:
    """Whether the period a sentence names is when it happened ("In 2014, ...", "during the 2016
    offensive"), not only a bound ("which lasted until 1998") or a rough distance ("two years ago")."""
    m = _PERIOD.search(text)
    if m is None and _LAST_YEAR.search(text):
        return not re.search(r"\b(?:19|20)\d\d\b", text)  # "Last year a similar raid ...": last year's
    # (one year only: "set up in 2019 to try crimes of the 2010-2013 war, in which 45,000 were killed")
    return m is not None and not m.group("until_year") and len(set(re.findall(r"\b(?:19|20)\d\d\b", text))) <= 1


def _period_date(period: tuple[int | None, int | None] | None) -> EventDate | None:
    """An event told only by its year or month ("In 2014, some 3,000 people were killed", "In July
    2021, a bomb ..."): the period's first and last days, so that ACLED's time precision says 3."""
    if period is None or period[0] is None:
        return None
    year: int = period[0]
    month = period[1]
    if month is None:
        return EventDate(str(year), f"{year}-01-01", f"{year}-12-31")
    last = calendar.monthrange(year, month)[1]
    return EventDate(f"{calendar.month_name[month]} {year}", f"{year}-{month:02d}-01", f"{year}-{month:02d}-{last:02d}")


def _amount(fig: Figure) -> int | None:
    return fig.value if fig.value is not None else fig.low if fig.low is not None else fig.high


# between two counts of one phrase: "eleven children and two teachers", "five fighters and two children"
_AND_BETWEEN = re.compile(r"^\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?,?\s+(?:and|as well as)\s+$")


def _joined_counts(state: AnalysisState, figures: list[Figure]) -> dict[str, int]:
    """Counts of people joined by "and" in one phrase add up ("killing eleven children and two
    teachers": 13 killed); a part of a count ("19 people, among them seven children") does not, nor do
    things ("17 vehicles, 340 rifles and more than 2,000 rounds")."""
    totals: dict[str, int] = {}
    ordered = sorted(figures, key=lambda f: f.start)
    run: list[Figure] = []
    for fig in [*ordered, None]:
        joined = fig is not None and bool(run) and fig.category == run[-1].category != "other" and \
            fig.of_total is None and \
            bool(_AND_BETWEEN.match(state.text[run[-1].end:fig.start]))
        if joined and fig is not None:
            run.append(fig)
            continue
        if len(run) > 1:
            amounts = [_amount(f) for f in run]
            if all(a is not None for a in amounts):
                total = sum(a for a in amounts if a is not None)
                totals[run[0].category] = max(totals.get(run[0].category, 0), total)
        run = [fig] if fig is not None else []
    return totals


_TIME_UNITS = frozenset("day week weekend month year".split())


def _told_as_earlier(trigger: Token) -> bool:
    """Whether an event word carries a time of its own before the story's day: "kidnapped last
    month", "abducted earlier this week", "attacked two weeks ago"."""
    for c in trigger.children:
        if c.lower_ == "ago" and c.dep_ in ("advmod", "npadvmod"):
            return True
        if c.dep_ == "npadvmod" and c.lemma_.lower() in _TIME_UNITS and any(
                g.lower_ in ("last", "earlier", "previous", "ago") for g in c.children):
            return True
    return False


# what is done for the dead and the hurt after the fact (humanitarian response: no incident of its own)
_AFTERCARE = frozenset("hand evacuate transfer remain receive treat identify bury return repatriate airlift".split())


def _finish(state: AnalysisState, drafts: list[_Draft], filed: Dateline | None) -> list[Event]:
    dateline_date, dateline_place = _dateline(state, filed)
    headline_end = _headline_end(state.text)
    doc_country = _doc_country(state)
    reporters = _reporters(state)
    events: list[Event] = []
    for n, draft in enumerate(drafts):
        figures = [f for m in draft.mentions for f in m.figures]
        if not figures and draft.date is None and draft.location is None:
            continue
        if draft.type in VIOLENT and not any(m.triggers for m in draft.mentions) and all(
                (verb := _governing_verb(state, f.start, f.end)) is not None and verb.lemma_.lower() in _AFTERCARE
                for f in figures):
            # "the remains of 14 people were handed over", "evacuated 23 wounded people", "the bodies of 20 more
            # remained in a field morgue": care for the dead and hurt, told with no word of how they came to it
            continue
        counts: dict[str, int] = {}
        supplier: dict[str, Figure] = {}  # the figure each count comes from
        # a headline sums up the body: where the body gives a count of the same kind, the body's counts
        # ("Forty Dead As Gunmen Raid Market Town" over "killing 36 people, a local official said")
        told_in_body = {f.category for f in figures if f.start >= headline_end}
        for fig in figures:
            amount = _amount(fig)
            if fig.end <= headline_end and fig.category in told_in_body:
                continue
            if amount is not None and amount > counts.get(fig.category, -1):
                counts[fig.category] = amount
                supplier[fig.category] = fig
        for category, total in _joined_counts(state, figures).items():
            counts[category] = max(counts.get(category, -1), total)
        for fig in figures:
            # the whole a part is counted out of is a count of the incident too: "Nine of the 37
            # wounded were children" tells 37 wounded
            whole = whole_category(state, fig)
            if whole is None or whole not in COMPATIBLE[draft.type] or fig.of_total is None or (
                    fig.end <= headline_end and whole in told_in_body):
                continue
            if fig.of_total > counts.get(whole, -1):
                counts[whole] = fig.of_total
                supplier[whole] = fig
        # the dateline dates the story's first incident, unless it is told as of another year
        # ("executed during the 2016 offensive")
        elsewhen = draft.period is not None and dateline_date is not None and \
            _outside_period(dateline_date.value, draft.period)
        # nor an incident told as of before it ("engineers kidnapped last month")
        earlier = any(_told_as_earlier(t) for m in draft.mentions for t in m.triggers)
        date = draft.date or (dateline_date if n == 0 and not elsewhen and not earlier else None)
        location = draft.location
        if location is None and n == 0 and dateline_place:
            location = (dateline_place, dateline_place, country_name(dateline_place) or doc_country, False)
        triggers = [t for m in draft.mentions for t in m.triggers]
        # the source of the death count first, then of the largest: when the army says 14 were
        # killed and residents say 15, the event's 15 is the residents' word
        by_count = sorted(supplier.values(), key=lambda f: (f.category != "killed", -counts[f.category]))
        attribution = next((f.attribution for f in [*by_count, *figures] if f.attribution), None)
        if attribution is None and triggers:
            rel = attribution_for(state, triggers[0].idx, triggers[0].idx + len(triggers[0]))
            attribution = rel.to_public(state.text) if rel else None
        hedged = any(f.hedges for f in figures) or any(
            c.scope[0] <= t.idx < c.scope[1] and c.kind != "approximator" for t in triggers for c in state.hedge_cues)
        evidence = sorted({(m.sent.start_char, m.sent.end_char) for m in draft.mentions})
        first = draft.mentions[0].sent
        before = state.doc[first.start - 1].sent if first.start > 0 else None
        # (or the sentence before it in its paragraph: "In 2013 it was the army's turn. Soldiers shelled ...")
        told_when = draft.period is not None and (_period_is_when(first.text) or (
            before is not None and "\n\n" not in state.text[before.start_char:first.start_char]
            and _period_is_when(before.text)))
        event_date = EventDate(date.text, date.value, date.last) if date else \
            _period_date(draft.period) if told_when else None
        events.append(Event(
            id=f"ev{len(events) + 1}", type=draft.type,
            date=event_date,
            location=EventLocation(location[0], location[1], location[2] or
                                   (doc_country if country_name(location[1]) is None else None))
            if location else None,
            actors=_actors(state, draft, reporters), counts=counts, figures=[f.id for f in figures], hedged=hedged,
            attribution=attribution, evidence=[Evidence(s, e) for s, e in evidence],
        ))
    return events


_ACRONYM_AFTER = re.compile(r"\s*\([^()]{1,40}\)")


def _past_acronym(text: str, end: int) -> int:
    """A source's end moved past its acronym: "the Office for ... Affairs (OCHA)"."""
    m = _ACRONYM_AFTER.match(text, end)
    return m.end() if m else end


# "its" and "their" speak of the source itself only before what a party has ("The army said its artillery had
# responded", "the rebels said their fighters ..."), not in "fled their homes" or "their patrol hit a bomb"
_SELF_REFERENCE = re.compile(
    r"(?i)\b(?:our|we|us|responsibility|the (?:group|organi[sz]ation|movement|force)|"
    r"(?:its|their)(?:\s+own)?(?:\s+[\w-]+)?\s+"
    r"(?:forces|troops|fighters|men|soldiers|artillery|units?|aircraft|jets|warplanes|drones|members|army|police|"
    r"officers|guards|militants|gunmen|militia|positions|ranks|personnel|commanders?|side|own))\b")


# A body that speaks of its own counting is still a reporter: "its hospitals recorded 41 deaths", "it
# had recorded 143 violations", "our teams verified 38 deaths"
_COUNTS_ITSELF = re.compile(r"(?i)\b(?:its|it|their|they|our|we)\b(?:\s+\w+){0,2}\s+(?:had\s+|has\s+|have\s+)?"
                            r"(?:(?:could|can)\s+)?(?:recorded|verified|documented|counted|registered|treated|received|"
                            r"confirmed|confirm|verify|visited|logged|tallied)\b")


def _reporters(state: AnalysisState) -> list[tuple[int, int]]:
    """The character ranges of sources that report on others (computed once per document)."""
    return [(r.source_start, _past_acronym(state.text, r.source_end)) for r in reported(state)
            if r.source_start is not None and r.source_end is not None
            and (not _SELF_REFERENCE.search(state.text, r.content[0], r.content[1])
                 or _COUNTS_ITSELF.search(state.text, r.content[0], r.content[1]))]


_COURT_NAME = re.compile(r"\b(?:Court|Tribunal)\b")
_LOCATIVE = frozenset("at in near outside inside around from into across beside along alongside behind within".split())
_PLACE_OF_HEADS = _AREA_HEADS | frozenset("neighbourhood neighborhood outskirts suburb centre center quarter".split())


def _where(state: AnalysisState, start: int, end: int) -> bool:
    """A name told as a place ("the dam at Velka gave way"), whatever the tagger typed it as."""
    span = state.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    while root.dep_ == "compound" and root.head.i != root.i:  # "in the Dunmere Forest area of ..."
        root = root.head
    if root.dep_ != "pobj":
        return False
    prep = root.head
    if prep.lower_ == "from" and _is_group_noun(prep.head):
        return False  # "Gunmen from the Harzani Liberation Front": whose they are, not where
    # "in the Al-Karama neighbourhood of Beit Amra", "the outskirts of Burqa"
    return prep.lower_ in _LOCATIVE or (prep.lower_ == "of" and prep.head.lemma_.lower() in _PLACE_OF_HEADS)


def _headline_only_names(state: AnalysisState) -> set[str]:
    """Names of entities written only in title-case headline lines (once per document)."""
    cached: set[str] | None = state.extras.get("headline_only_names")
    if cached is None:
        cached = {ent.name for ent in state.entities
                  if all(_title_case(_line_of(state.text, m.start()))
                         for m in re.finditer(re.escape(ent.name), state.text))}
        state.extras["headline_only_names"] = cached
    return cached


def _line_of(text: str, pos: int) -> str:
    end = text.find("\n", pos)
    return text[text.rfind("\n", 0, pos) + 1:end if end >= 0 else len(text)]


def _title_case(text: str) -> bool:
    """A headline in title case ("Speakers Warn of Rising Toll as Council Members Trade Figures")."""
    if text.rstrip().endswith("."):
        return False
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) / len(words) > 0.7


def _describes_a_thing(state: AnalysisState, start: int, end: int) -> bool:
    """A name before a noun that names no one who acts ("the Qarvenian city", "a Sendese weapons store"),
    whatever the tagger typed the name as."""
    root = _name_root(state, start, end)
    while root is not None and root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    return root is not None and root.dep_ in ("amod", "compound", "nmod", "poss") and _common_noun(root.head) \
        and not _is_group_noun(root.head)  # ("Harzan's president spoke": not the party to the killing)


def _whom_for(state: AnalysisState, start: int, end: int) -> bool:
    """A name that something is for, about, by or with, where that is no deed ("spies for Harzan",
    "claims by Dalmira"); "clashes with the Front" and "an attack by the Front" are the Front's."""
    root = _name_root(state, start, end)
    if root is None or root.dep_ != "pobj" or \
            root.head.lower_ not in ("for", "about", "by", "with", "against", "between"):
        return False
    return root.head.dep_ != "agent" and (root.head.lower_ in ("for", "about") or not _trigger_type(root.head.head))


def _reacts(state: AnalysisState, start: int, end: int) -> bool:
    """The name itself is the subject of a verb that is no deed and no telling ("condemned", "denied",
    "urged"); telling is left to the reporters' test, which keeps a source that speaks of its own men."""
    root = _name_root(state, start, end)
    if root is None or root.dep_ != "nsubj" or root.head.pos_ not in ("VERB", "AUX"):
        return False  # ("Harzan is an aggressor": no deed either)
    verb = root.head
    return verb.lemma_ not in REPORTING_VERBS and not _trigger_type(verb) and \
        FATE.get(verb.lemma_.lower(), "other") == "other" and verb.lemma_.lower() not in _DOING_VERBS


def _acted_verb(state: AnalysisState, start: int, end: int) -> Token | None:
    """The verb of which the name at [start, end) is the subject, or the agent of a passive ("by X")."""
    span = state.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    while root.dep_ == "compound" and root.head.i != root.i:
        root = root.head
    while root.dep_ == "conj" and root.head.i != root.i and root.head.dep_ in ("nsubj", "pobj"):
        root = root.head  # "Harzan and Dalmira exchanged 95 prisoners": both did
    if root.dep_ == "nsubj":
        return root.head
    return root.head.head if root.dep_ == "pobj" and root.head.dep_ == "agent" else None


def _acts(state: AnalysisState, start: int, end: int) -> bool:
    """A name that does something: the subject of a verb, or the agent of a passive."""
    return _acted_verb(state, start, end) is not None


def _acts_violently(state: AnalysisState, start: int, end: int) -> bool:
    """A name that is the subject or agent of an event word ("the army shelled", "killed by the Front")."""
    verb = _acted_verb(state, start, end)
    return verb is not None and (bool(_trigger_type(verb)) or FATE.get(verb.lemma_.lower(), "other") != "other")


_RECORD_NOUNS = frozenset("footage video videos image images camera cameras recording recordings report reports "
                          "record records data figures statement website channel broadcast".split())


def _names_a_record(state: AnalysisState, start: int, end: int) -> bool:
    """A name that only says whose footage or report it is ("CCTV footage", "a BBC report")."""
    span = state.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and span.root.dep_ == "compound" and span.root.head.lemma_.lower() in _RECORD_NOUNS


_FACILITY_WORDS = _SITE_WORDS - {"camp", "base", "outpost", "compound"} | {
    "clinic", "college", "university", "centre", "center", "hotel", "mall", "academy"}


# Nouns for armed or organised groups that a name before them makes a party: "Harzani troops", "the
# Kastish army", "Mbelan activists". Matched by lemma too ("militias").
_GROUP_NOUNS = GENERIC_ACTORS | frozenset("activist activists protester protesters demonstrator demonstrators "
                                          "insurgent fighter attacker settler guard force navy military".split())
# Whatever the tagger calls a name, it is read the same way by its part in the sentence: the tagger types
# "Harzani" a nationality and "Dalmiran" a person in the same text, and a party must not be listed or left
# out for that (neutrality: the same wording, the same reading, whoever it names).
_NAME_TYPES = frozenset("ORG NORP GPE PERSON".split())


def _is_group_noun(tok: Token) -> bool:
    return tok.lower_ in _GROUP_NOUNS or tok.lemma_.lower() in _GROUP_NOUNS


_NAME_MODS = ("compound", "amod", "poss", "nmod")


def _group_phrases(noun: Token) -> list[str]:
    """A group noun with the words that say whose it is: "Harzani troops", "Security forces", "Harzan's
    army"; one phrase for each of coordinated names ("Harzani and Dalmiran fighters": two groups)."""
    doc = noun.doc
    if noun.i >= 3 and _paired_group(doc[noun.i - 3]) == noun and doc[noun.i - 3].text[:1].isupper():
        return [f"{doc[noun.i - 3].text} {noun.text}", f"{doc[noun.i - 1].text} {noun.text}"]
    mods = [c for c in noun.children if c.dep_ in _NAME_MODS and c.i < noun.i
            and c.pos_ not in ("PRON", "DET")]  # "its forces" says no more than "forces"
    coord = next((m for m in mods if any(c.dep_ == "conj" for c in m.children)), None)
    if coord is None:
        if not mods:
            return [noun.text]
        start = min(t.i for m in mods for t in m.subtree)
        return [doc[start:noun.i + 1].text]  # as written: "Pro-Harzan militiamen"
    alternatives = [coord, *(c for c in coord.children if c.dep_ == "conj")]
    phrases = []
    for alt in alternatives:
        parts: list[tuple[int, str]] = []
        for m in mods:
            if m.i == coord.i:
                words = [alt, *(c for c in alt.children if c.dep_ in ("compound", "flat") and c.i < alt.i)]
                parts.append((min(t.i for t in words), doc[min(t.i for t in words):alt.i + 1].text))
            else:
                ids = [t.i for t in m.subtree]
                parts.append((min(ids), doc[min(ids):max(ids) + 1].text))
        phrases.append(" ".join([text for _, text in sorted(parts)] + [noun.text]))
    return phrases


def _name_root(state: AnalysisState, start: int, end: int) -> Token | None:
    span = state.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    while root.dep_ == "compound" and root.head.i != root.i and root.head.i < span.end:
        root = root.head
    return root


def _named_group(noun: Token) -> bool:
    """A group noun a name says whose it is: a proper noun or a capitalised word inside the sentence
    before it ("Harzani troops", "the Kastia army"), not only a capital at the sentence's start."""
    doc = noun.doc
    if noun.i >= 3 and _paired_group(doc[noun.i - 3]) == noun and doc[noun.i - 3].text[:1].isupper() and \
            doc[noun.i - 3].i > doc[noun.i - 3].sent.start:
        return True
    return any(c.dep_ in _NAME_MODS and c.i < noun.i and c.text[:1].isupper()
               and (c.pos_ == "PROPN" or c.ent_type_ in _NAME_TYPES or c.i > c.sent.start
                    or PEOPLES_ENDING.search(c.text) is not None)
               for c in noun.children)


def _a_party_name(tok: Token) -> bool:
    """A word that names a people or a country, however tagged: capitalised inside the sentence, or with the
    form of a people's name at its start; not a tagged place, time or number."""
    return tok.text[:1].isupper() and tok.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "FAC", "LOC") \
        and (tok.i > tok.sent.start or PEOPLES_ENDING.search(tok.text) is not None) and tok.is_alpha


def _name_words(tok: Token) -> str:
    """The name a modifier starts or ends: "Harzani", "Northern Front" (its compounds), "Harzan" of "Harzan's"."""
    words = sorted([tok, *(c for c in tok.children if c.dep_ in ("compound", "flat") and c.i < tok.i)],
                   key=lambda t: t.i)
    return tok.doc[words[0].i:tok.i + 1].text


def _paired_group(tok: Token) -> Token | None:
    """The group noun after "<tok> and <Name>" ("between Harzani and Dalmiran fighters"), where the parser
    often hangs the first name on "between" instead of on the noun both names qualify."""
    doc = tok.doc
    i = tok.i
    if i + 3 < len(doc) and doc[i + 1].lower_ in ("and", "or") and doc[i + 2].text[:1].isupper() and \
            _is_group_noun(doc[i + 3]):
        return doc[i + 3]
    return None


def _group_of(state: AnalysisState, start: int, end: int) -> Token | None:
    """The group noun a name says whose it is ("Harzani troops", "Harzan's army"), if any."""
    root = _name_root(state, start, end)
    span = state.doc.char_span(start, end, alignment_mode="expand")
    if span is not None and (paired := _paired_group(span[-1])) is not None:
        return paired
    if span is not None and span.end < len(state.doc) and _is_group_noun(state.doc[span.end]) and \
            state.doc[span.end].pos_ == "NOUN":
        return state.doc[span.end]  # a name right before a group noun qualifies it, however it is parsed
    while root is not None and root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "Harzani and Dalmiran fighters"
    if root is None or root.dep_ not in _NAME_MODS or root.head.i == root.i:
        return None
    head = root.head
    while head.dep_ == "compound" and head.head.i > head.i:  # "Harzani army units"
        if _is_group_noun(head):
            break
        head = head.head
    return head if _is_group_noun(head) else None


def _owns_a_deed(state: AnalysisState, start: int, end: int, triggers: list[Token]) -> bool:
    """A name that says whose the event's deed is ("a Harzani airstrike", "Kastia's shelling of the town"),
    or that did it ("Harzan launched a drone strike", "Kastia carried out raids")."""
    root = _name_root(state, start, end)
    if root is None:
        return False
    if root.dep_ in ("compound", "amod", "poss"):
        return any(root.head.i == t.i for t in triggers)
    if root.dep_ != "nsubj":
        return False
    verb = root.head
    # "The Front claimed responsibility for the attack"
    claimed = verb.lemma_.lower() in ("claim", "admit", "accept") and any(
        c.dep_ == "dobj" and c.lower_ == "responsibility" for c in verb.children)
    done = verb.lemma_.lower() in _DOING_VERBS  # "launched a drone strike", not "condemned the raid"
    return any((done and t.head.i == verb.i and t.dep_ == "dobj") or (claimed and t.i in {d.i for d in verb.subtree})
               for t in triggers)


_DOING_VERBS = frozenset("launch carry conduct stage mount execute perpetrate commit unleash wage "
                         "order".split())


def _actors(state: AnalysisState, draft: _Draft, reporters: list[tuple[int, int]]) -> list[str]:
    # (where first told, name): listed in the order the text names them, whichever test found them
    found: dict[str, int] = {}

    def add(name: str, at: int) -> None:
        if name and at < found.get(name, len(state.text)):
            found[name] = at

    spans = [(m.sent.start_char, m.sent.end_char) for m in draft.mentions]
    first, last = min(s for s, _ in spans), max(e for _, e in spans)
    triggers = [t for m in draft.mentions for t in m.triggers]
    # Who reports the event is not a party to it ("according to OCHA", "hospital officials said"),
    # unless it speaks of itself ("The army said its artillery had responded", "the group had lost
    # four men") or organised the protest it counts.
    sources = [] if draft.type == "protest" else [(a, b) for a, b in reporters if a < last and b > first]
    # a title-case headline's words are parsed as names of anything ("Death Toll In Harzani Strike On Dalmiran
    # Market Rises"): the incident's parties are read from its sentences
    headline = [(s, e) for s, e in spans if _title_case(_line_of(state.text, s))]
    if len(headline) < len(spans):
        spans = [span for span in spans if span not in headline]
    for ent in sorted(state.entities, key=lambda e: e.mentions[0].start):
        here = [m for m in ent.mentions for s, e in spans
                if s <= m.start < e and not any(a <= m.start < b for a, b in sources)]
        if ent.type not in _NAME_TYPES or not here or ent.name in _headline_only_names(state):
            continue  # (headline: "Council Members Trade Figures" is a title-case line's words, no name)
        # First what the sentence makes of the name, the same for every kind of name.
        if any(_group_of(state, m.start, m.end) is not None for m in here):
            continue  # "Harzani troops": the party is the troops, told whose (below)
        if any(_acts_violently(state, m.start, m.end) or _owns_a_deed(state, m.start, m.end, triggers)
               for m in here) and not _COURT_NAME.search(ent.name):
            # "Harzan launched a drone strike", "shelled by Dalmira", "a Harzani airstrike"
            add(ent.name, here[0].start)
            continue
        if any((r := _name_root(state, m.start, m.end)) is not None and r.dep_ == "nsubj" and
               r.head.lemma_ in REPORTING_VERBS for m in here) and \
                not any(a <= m.start < b for m in ent.mentions for a, b in reporters):
            # a source that speaks of its own men ("Dalmira said its forces had shot down 14 drones"), whatever
            # the tagger calls it
            add(ent.name, here[0].start)
            continue
        # Then names in other parts: organisations and groups, as the tagger types them.
        if ent.type not in ("ORG", "NORP") or all(_where(state, m.start, m.end) for m in here) or \
                _COURT_NAME.search(ent.name):  # a court that tries a case is no party to it
            continue
        if any(_where(state, m.start, m.end) for m in ent.mentions) and not any(_acts(state, m.start, m.end)
                                                                               for m in here):
            continue  # "the airstrike on Orlech" where Orlech is told elsewhere as a place ("in Orlech")
        if all(_goes_to(state, m.start, m.text) for m in here):
            continue  # "were taken to Ambrel General Hospital": where the wounded went, no party
        if ent.name.split()[-1].lower() in _FACILITY_WORDS:
            continue  # "An air strike hit Al-Karima General Hospital": a building is no party
        if all(_names_a_record(state, m.start, m.end) for m in here):
            continue  # "reviewing more than 200 hours of CCTV footage": whose record it is, no party
        if all(_describes_a_thing(state, m.start, m.end) for m in here):
            continue  # "the Qarvenian city of Tessaly": a word of the place, no party
        if all(_whom_for(state, m.start, m.end) for m in here):
            continue  # "spies for Harzan", "contradicting claims by Dalmira"
        if all(_reacts(state, m.start, m.end) for m in here):
            continue  # "Ruvania condemned the raid": whoever condemns or denies it does not do it
        if any(a <= m.start < b for m in ent.mentions for a, b in reporters):
            # a source of the story that only counts ("The health office told Verify Desk ..."; "Local health
            # authorities recorded 41 deaths") is no party to it
            continue
        add(ent.name, here[0].start)
    # Named groups, whether or not the tagger saw the name: "Mbelan insurgents" where "Mbelan" has no tag
    for sent in sorted({m.sent.start: m.sent for m in draft.mentions}.values(), key=lambda x: x.start):
        if (sent.start_char, sent.end_char) not in spans:
            continue  # (a headline's)
        for tok in sent:
            if _is_group_noun(tok) and _named_group(tok) and not any(a <= tok.idx < b for a, b in sources):
                for phrase in _group_phrases(tok):
                    add(phrase, tok.left_edge.idx)
    # Whose deed or whose doers, named by a word the tagger may or may not have typed: "Harzani airstrikes",
    # "Mbelan aircraft bombed them", "two Dalmiran pilots defected"
    for trig in triggers:
        if not any(s <= trig.idx < e for s, e in spans):
            continue
        owned = [trig, *(c for c in trig.children if c.dep_ in ("nsubj", "nsubjpass") and trig.pos_ == "VERB"
                         and not _is_group_noun(c) and c.pos_ == "NOUN" and not c.ent_type_)]
        for noun in owned:
            # (and of what it was done with: "a Dalmiran drone attack")
            with_arms = (noun, *(c for c in noun.children if c.dep_ == "compound" and c.lower_ in _ARMS))
            mods = [m for n in with_arms for m in n.children
                    if m.dep_ in ("amod", "compound", "poss") and m.i < n.i and m.lower_ not in _ARMS]
            before = noun.i - 1
            while before > 0 and noun.doc[before].lower_ in _ARMS:
                before -= 1
            if before >= 0 and _owned_word(noun) and _a_party_name(noun.doc[before]) and \
                    noun.doc[before].dep_ not in ("nsubj", "nsubjpass") and \
                    PEOPLES_ENDING.search(noun.doc[before].text):
                mods.append(noun.doc[before])  # "killed in Harzani airstrikes", parsed as anything
            for mod in mods:
                if _a_party_name(mod) and not any(a <= mod.idx < b for a, b in sources):
                    add(_name_words(mod), mod.idx)
    for trig in triggers:
        doers = list(trig.children)
        if trig.dep_ in ("advcl", "conj", "xcomp") and trig.tag_ == "VBG" and \
                not any(c.dep_ in ("nsubj", "nsubjpass") for c in doers):
            # "Harzani forces had fired first, shelling the village of Kresna": the doer of the verb
            # the participle goes with
            doers += [c for c in trig.head.children if c.dep_ == "nsubj"]
        for child in doers:
            if child.dep_ == "agent":  # "planted by Harzani insurgents"
                child = next((c for c in child.children if c.dep_ == "pobj"), child)
            elif child.dep_ != "nsubj":
                continue
            if _is_group_noun(child):
                # "Security forces" of "Security forces of the Valdorian Republic": its own modifiers only
                for phrase in _group_phrases(child):
                    add(phrase, child.left_edge.idx)
    return sorted(found, key=lambda name: found[name])[:4]


@components.register("events.rules")
def make_events(config: dict[str, Any]) -> Callable[[AnalysisState], None]:
    def run(state: AnalysisState) -> None:
        state.events.extend(find_events(state))

    return run
