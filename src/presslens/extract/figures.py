"""Figures: counts of people or things, with what happened to them (the category),
their hedges, their attribution and whether they are denied.

The category comes from the counted noun ("52 bodies"), then from the words that
govern the number in the parse ("the killing of 52 residents", "7 remain missing"),
nearest first. Nouns that only say who the people are ("protesters", "refugees") give
a category only when nothing says what happened to them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from presslens.claims.attribution import DENIAL_VERBS, REPORTING_VERBS, attribution_for, count_setter, denier
from presslens.claims.hedges import MODALS, HedgeCue
from presslens.extract.numbers import NumberExpr, find_numbers
from presslens.model import Figure, Hedge
from presslens.nlp.spacy_model import doc_text
from presslens.registry import components

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from presslens.pipeline import AnalysisState

# Lemmas (verbs, nouns, adjectives) saying what happened to the people counted.
FATE: dict[str, str] = {}
for _cat, _words in {
    "killed": "kill killing death die dead murder massacre execute execution slay slain fatality body corpse "
              "behead assassinate perish lynch shoot-dead neutralise neutralize eliminate drown martyr liquidate",
    "injured": "injure injury injured wound wounded hurt maim treat hospitalise hospitalize",
    "missing": "missing disappear disappearance unaccounted trap",
    "abducted": "abduct abduction kidnap kidnapping kidnapped abducted",
    "arrested": "arrest arrested",
    "detained": "detain detention imprison imprisonment jail incarcerate custody detained sentence",
    "displaced": "displace displacement displaced flee evacuate homeless uproot shelter",
    "defected": "defect defection defector desert deserter",
    "transferred": "transfer transferred relocate relocation deport deportation expel expulsion",
    "resettled": "resettle resettlement resettled",
}.items():
    FATE.update({w: _cat for w in _words.split()})
# Released, escaped or rescued people have a fate that is none of the categories.
FATE.update({w: "other" for w in "release free escape exchange swap return rescue survive".split()})
# Who the people are, not what happened to them: used only as a last resort.
IDENTITY = {"protester": "protesters", "protestor": "protesters", "demonstrator": "protesters",
            "marcher": "protesters", "refugee": "displaced",
            "asylum-seeker": "displaced", "idp": "displaced", "evacuee": "displaced", "arrival": "displaced",
            # Who people are, until the text says what happened to them ("148 detainees were transferred").
            "detainee": "detained", "prisoner": "detained", "inmate": "detained", "captive": "abducted",
            "hostage": "abducted", "abductee": "abducted"}
IDENTITY_CONTEXT = {"protest": "protesters", "demonstration": "protesters", "rally": "protesters",
                    "march": "protesters", "sit-in": "protesters"}
# A number followed by these is a measure, not a count.
_MEASURE_AFTER = re.compile(
    r"^\s*(?:-?\s*(?:thirds?|quarters?|fifths?|tenths?)\b|-?\s*(?:year|month|week|day)s?[-\s]old|%|percent|per\s+cent|per\s+cent\b|km|kilomet|mile|met(?:re|er)|"
    r"hours?\b|days?\b|weeks?\b|months?\b|years?\b|minutes?\b|seconds?\b|times\b|a\.?m\.?\b|p\.?m\.?\b|"
    r"dollars?|euros?|pounds?\b|shillings?|dinars?|rupees?|nairas?|francs?|yen\b|yuan|roubles?|rubles?|"
    r"lira|riyals?|dirhams?|pesos?|crowns?|kronor|kronur|krona|°|degrees?|kg\b|tons?\b|tonnes?\b|litres?|liters?|acres?|hectares?|"
    r"(?:jan|febr)uary\b|march\b|april\b|(?-i:May)\b|june?\b|july\b|august\b|(?:septem|octo|novem|decem)ber\b|"
    r"square|sq\b|points?\b|votes?\b|st\b|nd\b|rd\b|th\b|:\d)", re.I)
_MEASURE_BEFORE = re.compile(
    r"(?:\btel(?:ephone)?\.?:?|\bphone:?|\bfax:?|\bno\.|\bnumber|\barticle|\bresolution|\bpage|\bsection|\bchapter|\broom|\broute|\bhighway|\baged?|"
    r"\bages|\bparagraph|\bcamp|\bblock|\bbuilding|\bplatform|\bgate|\bbrigade|\bunit|\bdivision|\bflight|"
    r"\bbus|\btrain|\bsector|\bzone|\bdistrict|\bbattalion|\bregiment|\bcell|\bward|\bbox|\bphase|\bstep|"
    r"\blevel|\bversion|\bgrade|\bclass|[$£€#]|\bscore of|\bpercent|\bupdate)\s*$", re.I)
# A numbered part of a document or a series, capitalised as a name ("Round 7", "Table 2"); in
# lower case these words may end a phrase before a count ("in the third wave 30 people were ...")
_LABEL_BEFORE = re.compile(r"\b(?:Round|Wave|Stage|Annex|Table|Chart|Volume|Vol\.|Edition|Episode)\s*$")
_NON_COUNT_NOUNS = frozenset(
    "year month week day hour minute second time percent kilometre kilometer km mile metre meter dollar euro "
    "pound point vote age decade century degree kilogram ton tonne litre liter acre hectare per cent "
    "o'clock pm am piece thing way reason question example side part kind sort form step".split())
# Things, not people: counted (category "other"), never given a people's fate by a verb
# they share with people ("47 were neutralised and 3 hideouts destroyed").
# Nouns of incidents: "two separate attacks killed 19", "at least five kidnappings" count incidents, not people.
INCIDENT_NOUNS = frozenset(
    "attack airstrike air-strike strike raid bombing explosion blast incident clash ambush shooting assault battle "
    "skirmish offensive operation protest demonstration rally sortie salvo barrage volley wave attempt kidnapping "
    "abduction massacre violation breach incursion".split())
# Weapons and vehicles: counted, they are things ("14 rifles"); before another noun, a kind of it.
EQUIPMENT_NOUNS = frozenset("vehicle car truck tank weapon gun rifle pistol grenade rocket missile shell drone "
                            "aircraft plane jet helicopter boat ship craft launcher mortar bomb mine magazine "
                            "cartridge explosive".split())
# places: counted ("across the three countries", "the two hamlets") they are no people
_PLACE_NOUNS = frozenset("country district province region village town city hamlet community municipality "
                         "governorate settlement neighbourhood neighborhood".split())
_THINGS = INCIDENT_NOUNS | EQUIPMENT_NOUNS | _PLACE_NOUNS | frozenset(
    "hideout base position house home building shop school hospital mosque church bridge "
    "road street round depot warehouse centre center facility site shelter camp clinic".split())
_NER_SKIP = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "PERSON", "ORG", "FAC",
                       "GPE", "LOC", "PRODUCT", "LAW", "WORK_OF_ART", "EVENT", "LANGUAGE"})
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
_PERIOD = re.compile(r"(?:from\s+|between\s+)?(?:1[89]\d\d|20\d\d)\s*(?:-|–|—|to|and)\s*(?:1[89]\d\d|20\d\d)", re.I)
_ODD_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})
# ("12 of the province's 15 districts": the whole's owner may stand between)
_OF_TOTAL = re.compile(r"^\s+(?:out\s+of|of)\s+(?:the\s+(?:[a-z]+['’]s?\s+)?|a\s+total\s+of\s+|all\s+|some\s+|"
                       r"about\s+|(?:its|their|his|her)\s+)?", re.I)
# "40 percent of the 2,000 residents fled", "half of the village's 300 families": the figure
# counts the whole group, not those the verb's fate befell
_SHARE_OF_BEFORE = re.compile(
    r"(?:\d+(?:\.\d+)?\s*(?:%|per\s*cent)|\b(?:half|(?:a|one|two)[\s-](?:third|quarter|fifth|tenth)s?|"
    r"(?:two|three)[\s-](?:thirds|quarters)|most|many|some|several|a\s+few|few|a\s+fraction|"
    r"(?:a|the)\s+majority|a\s+minority|a\s+share|part))\s+of\s+"
    r"(?:the\s+|its\s+|their\s+|his\s+|her\s+)?(?:[\w-]+(?:'s|’s)\s+)?(?:estimated\s+|some\s+|about\s+)?$",
    re.I)


# What people are trapped under or in when "trapped" means missing: "trapped under the rubble"
_BURIED = re.compile(r"(?i)\b(?:rubble|debris|wreckage|ruins|collapsed|collapse|landslide|mudslide|mud|"
                     r"flood\w*|mine|tunnel|cave|shaft|basement|cellar)\b")


def _fate_of(tok: Token) -> str | None:
    if tok.lemma_.lower() == "trap" and not _BURIED.search(tok.sent.text):
        return "other"  # "tens of thousands trapped in the besieged city": besieged, not missing
    for key in (tok.lemma_.lower(), tok.lower_):
        if key in FATE:
            return FATE[key]
    if tok.lemma_.lower() in ("switch", "change") and any(c.dep_ == "dobj" and c.lower_ in ("side", "sides")
                                                          for c in tok.children):
        return "defected"  # "officers who have switched sides"
    if tok.lemma_.lower() in ("go", "cross", "defect") and any(c.dep_ in ("prt", "advmod") and c.lower_ == "over"
                                                               for c in tok.children) and \
            any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children):
        return "defected"  # "seventeen police officers went over to the rebels"
    return None


def _anchor(tokens: list[Token]) -> Token:
    ids = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    return (heads or tokens)[-1]


_NOMINAL_ROLES = frozenset("dobj nsubj nsubjpass pobj appos attr".split())


def _counted_noun(anchor: Token) -> Token | None:
    if anchor.dep_ in ("nummod", "quantmod", "amod", "compound") and anchor.head.pos_ in ("NOUN", "PROPN", "ADJ"):
        return anchor.head
    if anchor.dep_ == "nummod" and anchor.head.pos_ == "VERB" and anchor.head.dep_ in _NOMINAL_ROLES:
        return anchor.head  # "shot down three Mbelan drones", where the tagger called "drones" a verb
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


# Clause boundaries: a fate word beyond one belongs to another clause ("... were wounded
# when police moved to clear thousands of demonstrators").
_CLAUSE_EDGES = frozenset({"conj", "advcl", "relcl", "ccomp", "parataxis", "xcomp"})
# Verbs and objects that make a crowd: "5,000 had taken part", "200 relatives held a vigil".
_CROWD_VERBS = frozenset("march rally gather demonstrate protest participate assemble".split())
_CROWD_OBJECTS = frozenset("part vigil protest rally demonstration march sit-in".split())
# "remained in custody", "flown to Country Z for resettlement": the fate sits in a prepositional object.
_FATE_PREPS = frozenset({"in", "into", "for", "under"})
_PARTITIVE_PRONOUNS = frozenset({"them", "those", "whom", "these"})
# Prepositions that set one event against another in time: a figure beyond one is not the main verb's.
_TIME_PREPS = frozenset("after before during since following amid until".split())
# Verbs that carry people somewhere: in the passive, with a destination, a transfer.
CARRY_VERBS = frozenset("move drive fly bus take put ship carry send".split())
_UPROOT_VERBS = frozenset("force drive chase push expel evict uproot".split())
_HOMES = frozenset("home house village town land area neighbourhood neighborhood district".split())
_CARRIED_TO = {"hospital": "injured", "clinic": "injured", "morgue": "killed", "mortuary": "killed"}


def _unseen_since(verb: Token) -> bool:
    """ "have never been seen again", "have not been heard from since", "have still not been
    located", "Nine fishermen have not been found": disappeared."""
    if not any(c.dep_ == "neg" for c in verb.children):
        return False
    lemma = verb.lemma_.lower()
    if lemma in ("locate", "find", "trace") and verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children):
        return True
    return lemma in ("see", "hear") and any(t.lower_ in ("again", "since") for t in verb.subtree)


# What is held that is no one detained: "a counter-protest of 150 people was held on Mill Street"
# Gatherings: people counted in one are protesters ("a counter-protest of about 150 people"); one
# that is held is no one detained ("a counter-protest of 150 people was held on Mill Street")
_GATHERINGS = frozenset("protest counter-protest march rally demonstration vigil sit-in gathering crowd".split())
_HELD_EVENTS = _GATHERINGS | frozenset(
    "meeting election talks funeral ceremony conference session hearing trial referendum".split())
# What makes holding people a detention, not a stadium's or a camp's capacity
_HELD_AS_DETAINEES = re.compile(
    r"\b(?:in connection with|on suspicion|on charges?|without (?:charge|trial)|for questioning|in custody|"
    r"incommunicado|in detention|in pre-?trial|under (?:arrest|administrative detention))\b", re.I)


def _place_name(tok: Token) -> bool:
    # the tagger calls invented places anything from GPE to ORG; a proper noun that is no person's name
    return tok.pos_ == "PROPN" and tok.ent_type_ not in ("PERSON", "NORP", "DATE")


def _of_people(via: Token) -> Token | None:
    """The people a count stands for: the noun itself, or the "of" noun of "87 of our children"."""
    if via.lemma_.lower() in _PEOPLE:
        return via
    return next((g for p in via.children if p.dep_ == "prep" and p.lower_ == "of"
                 for g in p.children if g.dep_ == "pobj" and g.lemma_.lower() in _PEOPLE), None)


def _taken_by_force(verb: Token, via: Token) -> bool:
    """ "took 87 of our children", "took away three employees", "saw 43 pupils taken" (a
    participle with no auxiliary); not "took 40 wounded to hospital", "taken into custody",
    "took part", "took 30 minutes"."""
    if _of_people(via) is None or any(c.dep_ in ("oprd", "xcomp", "dative") or (
            c.dep_ == "prt" and c.lower_ not in ("away", "off")) or (
            c.dep_ == "prep" and c.lower_ in ("to", "into", "for", "in", "on", "under", "across", "over"))
            for c in verb.children):
        return False
    if via.dep_ == "dobj":
        return True
    return via.dep_ == "nsubj" and verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


# who holds people captive, as a subject of "hold" (not a camp or a prison, which only house them)
_HOLDERS = frozenset("rebel militant group army police force militia movement government authority gunman "
                     "kidnapper captor insurgent".split())
_LAW_FORCES = frozenset("police policeman officer authority force guard gendarme gendarmerie".split())


def _in_an_incident(prep: Token) -> bool:
    """ "in the raid", "during the attack", "on January 3": when, not where people were taken."""
    return prep.lower_ in ("in", "during", "on", "at") and any(
        g.lemma_.lower() in INCIDENT_NOUNS or g.ent_type_ in ("DATE", "TIME") for g in prep.children)


def _held_as_hostages(verb: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "as" and
               any(g.lemma_.lower() in ("hostage", "captive") for g in c.children) for c in verb.children)


def _after_an_arrest(verb: Token) -> bool:
    """A passive with no doer of its own, right after a sentence of the same paragraph that tells an
    arrest or detention."""
    if any(c.dep_ == "agent" for c in verb.children) or verb.sent.start == 0:
        return False
    before = verb.doc[verb.sent.start - 1].sent
    if "\n\n" in doc_text(verb.doc)[before.end_char:verb.sent.start_char + 1]:
        return False
    return any(t.pos_ == "VERB" and t.lemma_.lower() in ("arrest", "detain") for t in before)


def _qualifies_who(noun: Token | None, cue: HedgeCue) -> bool:
    """ "38 suspected NLF supporters had been detained": "suspected" says who they are said to be,
    not that the count or the detention is uncertain (but "the allegedly missing" is)."""
    return noun is not None and any(
        c.dep_ == "amod" and c.idx == cue.start and c.lower_ in ("suspected", "alleged", "presumed", "purported")
        for c in noun.children)


_FACILITIES = frozenset("hospital clinic facility centre center prison camp shelter".split())
_BAD_CONDITIONS = frozenset("critical serious grave stable life-threatening".split())


def _state_fate(noun: Token) -> str | None:
    """The fate of being "in" ``noun``: captivity (abducted), a critical condition (injured)."""
    if noun.lemma_.lower() == "captivity":
        return "abducted"
    if noun.lemma_.lower() == "condition" and any(a.lower_ in _BAD_CONDITIONS for a in noun.children):
        return "injured"
    return None


def _verb_fate(verb: Token, via: Token) -> str | None:
    """What a governing verb says happened to its argument ``via``."""
    if verb.lemma_.lower() == "evacuate" and any(
            p.dep_ == "prep" and p.lower_ == "to" and any(g.lemma_.lower() in _FACILITIES for g in p.children)
            for p in verb.children):
        return "transferred"  # "around 200 patients and staff were evacuated to a hospital in Dunmere": moved, not fled
    fate = _fate_of(verb)
    if fate == "injured" and any(c.lower_ in ("fatally", "mortally") for c in verb.children):
        return "killed"  # "two others were fatally injured"
    if fate:
        return fate
    if _unseen_since(verb):
        return "missing"
    lemma = verb.lemma_.lower()
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
    # where people are: "Two children remain in a serious condition", "The other four remain in
    # captivity", also as hearsay ("One man is said to be in a critical condition")
    state_verbs = [verb, *(x for x in verb.children if x.dep_ == "xcomp" and x.lemma_ == "be")] \
        if via.dep_ in ("nsubj", "nsubjpass") else []
    held_in = next((f for v in state_verbs if v.lemma_.lower() in ("be", "remain", "stay", "lie")
                    for p in v.children if p.dep_ == "prep" and p.lower_ == "in"
                    for g in p.children for f in [_state_fate(g)] if f), None)
    if held_in:
        return held_in
    if lemma == "bury" and any(p.dep_ == "prep" and p.lower_ == "under" for p in verb.children):
        return "missing"  # "as many as nine people are believed to be buried under rubble"
    if lemma == "bury" and via.dep_ == "dobj":
        return "killed"  # "Since June we have buried 87 residents" (not the guess of "may have been buried")
    if lemma in ("be", "remain", "lie", "stay") and via.dep_ == "nsubj" and any(
            p.dep_ == "prep" and p.lower_ in ("under", "beneath") and
            any(g.lemma_.lower() in ("rubble", "debris", "ruin", "ruins", "wreckage") for g in p.children)
            for p in verb.children):
        return "missing"  # "Dozens more are still under the rubble", "12 people remain under the debris"
    if lemma in CARRY_VERBS and via.dep_ == "nsubjpass":
        # "148 detainees were put on buses and driven to a facility in Saltmoor"; "taken to hospital"
        # says they were hurt, "taken to the morgue" that they died
        places = [g for v in (verb, *(c for c in verb.children if c.dep_ == "conj")) for p in v.children
                  if p.dep_ == "prep" and p.lower_ in ("to", "onto") for g in p.children if g.dep_ == "pobj"]
        if places:
            return _CARRIED_TO.get(places[0].lemma_.lower(), "transferred")
    if lemma in _UPROOT_VERBS and (via.dep_ in ("dobj", "nsubjpass") or verb.dep_ == "acl") and any(
            p.dep_ == "prep" and p.lower_ in ("from", "out")
            and any(g.lemma_.lower() in _HOMES for g in p.children if g.dep_ == "pobj") for p in verb.children):
        return "displaced"  # "forced an estimated 42,000 people from their homes"
    if lemma in ("sustain", "suffer", "receive") and via.dep_ == "nsubj":
        for obj in objects:
            if obj.lemma_.lower() == "treatment":
                return "injured"  # "26 persons are receiving treatment"
            if _fate_of(obj) == "injured":  # "One officer sustained minor injuries"
                fatal = any(c.lower_ in ("fatal", "mortal") for c in obj.children)
                return "killed" if fatal else "injured"
    if lemma == "hold" and via.dep_ == "nsubjpass" and via.head.i == verb.i and verb.tag_ == "VBN" and not any(
            c.dep_ == "nsubjpass" and c.lemma_.lower() in _HELD_EVENTS for c in verb.children):
        # "more than 120 were held for up to three days", "were held hostage"
        return "abducted" if any(c.lemma_.lower() == "hostage" for c in verb.children) else "detained"
    if lemma == "hold" and via.dep_ == "dobj" and via.lemma_.lower() in _PEOPLE and any(
            c.dep_ == "nsubj" and (c.pos_ == "PRON" or c.lemma_.lower() in _HOLDERS) for c in verb.children):
        return "detained"  # "the rebels said they were holding 210 soldiers and civilians" (not "the camp holds")
    if lemma == "hold" and via.dep_ == "dobj" and _HELD_AS_DETAINEES.search(
            doc_text(verb.doc)[verb.idx:verb.sent.end_char]):
        return "detained"  # "it held 38 people in connection with terrorism investigations"
    if lemma in ("seize", "capture") and (via.dep_ in ("dobj", "nsubjpass") or verb.dep_ == "acl"):
        # taken by force: fighters are held ("23 fighters had been captured"), civilians abducted
        # ("21 people seized when gunmen stormed the camp"), whoever took them
        who = via.lemma_.lower()
        if _held_as_hostages(verb):
            return "abducted"  # "Inmates seized eight guards as hostages"
        if who in COMBATANT_NOUNS:
            return "detained"
        if via.pos_ == "NOUN" and who not in PERSON_NOUNS and who not in IDENTITY and who not in _PEOPLE:
            return "other"  # "seized two motorcycles and a quantity of explosives", "46 ballot boxes"
        return "abducted" if who in PERSON_NOUNS or lemma == "seize" else "detained"
    held_as = [c.lemma_.lower() for c in verb.children if c.dep_ in ("dobj", "oprd", "attr")
               and c.lemma_.lower() in ("hostage", "prisoner", "captive")] \
        if lemma == "take" and via.dep_ != "nsubj" else []  # (not who took them)
    if held_as:
        # "took 30 villagers hostage"; "Five soldiers were taken prisoner": fighters captured, others abducted
        held = _of_people(via) or next((g for g in via.children if g.dep_ == "compound"), via)
        return "detained" if held_as[0] != "hostage" and held.lemma_.lower() in COMBATANT_NOUNS else "abducted"
    agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if lemma == "take" and via.dep_ == "nsubjpass" and via.lemma_.lower() in _PEOPLE and agent is not None and \
            not any(c.dep_ == "prep" and c.lower_ in ("to", "into") for c in verb.children):
        # "112 residents were taken from their homes by fighters": taken by force, by someone named
        return "detained" if agent.lemma_.lower() in _LAW_FORCES else "abducted"
    if lemma == "take" and via.dep_ == "nsubjpass" and via.lemma_.lower() in _PEOPLE and not any(
            c.dep_ in ("prt", "oprd", "xcomp") or (c.dep_ == "prep" and not _in_an_incident(c)) for c in verb.children):
        # "seven workers were taken" (not "taken to hospital", "taken into custody")
        return "detained" if _after_an_arrest(verb) else "abducted"
    if lemma == "take" and _taken_by_force(verb, via):
        # "They took 87 of our children", "a raid ... saw 43 pupils taken": civilians abducted,
        # fighters captured, whoever took them
        taken = _of_people(via)
        if taken is not None and taken.lemma_.lower() in COMBATANT_NOUNS:
            return "detained"
        # "Security forces detained 14 men in a raid ... Relatives said at least 20 men had been taken
        # away": taken in the arrest the sentence before tells, by no one else named
        return "detained" if _after_an_arrest(verb) else "abducted"
    if lemma == "hand" and any(c.dep_ == "prt" and c.lower_ == "over" for c in verb.children):
        return "transferred"  # "115 captives had been handed over"
    if lemma == "cross" and via.dep_ == "nsubj":
        if any(c.dep_ == "prt" and c.lower_ == "over" for c in verb.children) and \
                any(p.dep_ == "prep" and p.lower_ == "to" for p in verb.children):
            return "defected"  # "12 more had crossed over to the side of the lawful government"
        if via.lemma_.lower() in PERSON_NOUNS and any(
                p.dep_ == "prep" and p.lower_ == "into" and any(_place_name(g) for g in p.children)
                for p in verb.children):
            return "displaced"  # "212,400 people had crossed into Meridia" (not "troops crossed into")
    if lemma == "leave" and via.dep_ == "nsubj" and any(
            o.lemma_.lower() in _HOMES or (_place_name(o) and via.lemma_.lower() in PERSON_NOUNS)
            for o in objects):
        return "displaced"  # "40,000 people had left their homes", "300 families have left Vetrin"
    if lemma == "destroy" and via.dep_ == "dobj" and any(
            w.lemma_.lower() in _PEOPLE for w in (via, *(g for p in via.children
                                                                        if p.dep_ == "prep" and p.lower_ == "of"
                                                                        for g in p.children))):
        return "killed"  # "our army has destroyed more than 15,000 of their soldiers" (not "destroyed 300 tanks")
    if lemma == "fall" and via.dep_ == "nsubj" and via.lemma_.lower() in COMBATANT_NOUNS:
        return "killed"  # "four servicemen had fallen heroically"
    if lemma in ("pay", "make") and via.dep_ == "nsubj" and any(
            o.lemma_.lower() in ("price", "sacrifice") and any(a.lower_ in ("supreme", "ultimate") for a in o.children)
            for o in objects):
        return "killed"  # "two soldiers paid the supreme price", "made the ultimate sacrifice"
    if lemma == "lose" and (via.dep_ == "dobj" or any(o.lemma_.lower() == "life" for o in objects)):
        return "killed"  # "lost four men", "officers who lost their lives"
    if lemma == "surrender" and via.dep_ == "nsubj" and not objects:
        return "detained"  # "Thirty-one soldiers surrendered to us": now held (not "surrendered their weapons")
    if lemma == "mourn" and via.dep_ == "dobj":
        return "killed"  # "The Front mourns three of its fighters, who fell as martyrs"
    if lemma == "march" and any(c.dep_ == "auxpass" for c in verb.children):
        return "other"  # "men in uniform being marched through the town": led off, not a protest
    if lemma in _CROWD_VERBS or (lemma in ("take", "hold", "stage") and
                                 any(o.lemma_.lower() in _CROWD_OBJECTS for o in objects)):
        return "protesters"
    if lemma == "estimate" and any(o.lemma_.lower() == "crowd" for o in objects):
        return "protesters"  # "estimated the crowd at about 800 people"
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in _FATE_PREPS:
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and _fate_of(pobj):
                    return _fate_of(pobj)
        if prep.dep_ == "prep" and prep.lower_ == "with" and (via.dep_ in ("nsubjpass", "dobj") or verb.dep_ == "acl") \
                and any(g.dep_ in ("pobj", "conj") and g.lemma_.lower() in _INJURIES for g in prep.subtree):
            return "injured"  # "Nineteen more were carried out with burns", "airlifted with hypothermia and injuries"
    return None


def _among_fate(subject: Token) -> str | None:
    """ "two teenagers were among those detained", "Two journalists are among the dead". """
    verb = subject.head
    if subject.dep_ != "nsubj" or verb.lemma_.lower() != "be":
        return None
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "among":
            for group in prep.children:
                if group.dep_ != "pobj":
                    continue
                fate = _fate_of(group)
                for child in group.children:
                    if fate is None and child.dep_ in ("acl", "amod", "relcl"):
                        fate = _verb_fate(child, group) if child.dep_ != "amod" else _fate_of(child)
                if fate:
                    return fate
    return None


def _next_word_fate(anchor: Token) -> str | None:
    """ "and some 40 injured", "7 missing": a fate word right after the number."""
    doc = anchor.doc
    for i in range(anchor.i + 1, min(anchor.i + 3, len(doc))):
        tok = doc[i]
        if tok.pos_ in ("ADJ", "VERB") and tok.tag_ in ("JJ", "VBN", "VBD") and _fate_of(tok):
            return _fate_of(tok)
        if tok.lower_ == "held" and tok.tag_ in ("VBN", "VBD") and not any(c.dep_ == "dobj" for c in tok.children):
            return "detained"  # "Police say 23 held after clashes" (not "200 held a vigil")
        if tok.lower_ == "in" and i + 1 < len(doc) and doc[i + 1].lower_ in ("hospital", "hospitals"):
            return "injured"  # "5 of our people dead, 8 in hospital"
        if tok.pos_ not in ("ADV", "ADJ"):
            break
    return None


_SAMPLE_VERBS = frozenset("interview survey poll question meet visit photograph film".split())


def _category(anchor: Token, noun: Token | None, has_total: bool) -> str:
    weak: str | None = None
    if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "of" and \
            noun.head.head.lemma_.lower() in ("remains", "remain", "body", "corpse") and noun.head.head.pos_ == "NOUN":
        # (not the verb: "Of the 37 people arrested, 29 remain in custody")
        if _unseen_since(noun.head.head.head):
            return "missing"  # "the remains of 14 people from the village have never been found"
        return "killed"  # "recovered the remains of 143 people"
    if noun is not None and noun.lemma_.lower() == "case":
        # "87 cases of enforced disappearance", "61 cases of arbitrary detention": a person each
        fate = next((_fate_of(g) for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                     for g in p.children if g.dep_ == "pobj" and _fate_of(g)), None)
        if fate:
            return fate
    if noun is not None and noun.dep_ == "nsubj" and noun.head.lemma_.lower() == "return" and \
            not any(c.dep_ == "dobj" for c in noun.head.children):
        return "other"  # "1,150 displaced persons returned to villages": returnees (not "returned fire")
    for prep in (noun.children if noun is not None else ()):
        if prep.dep_ == "prep" and prep.lower_ == "among":
            fate = next((_fate_of(g) for g in prep.children if g.dep_ == "pobj" and _fate_of(g)), None)
            if fate:
                return fate  # "including at least 6 children among the dead"
    if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.i == anchor.i and \
            anchor.dep_ in ("nsubj", "nsubjpass") and anchor.head.pos_ == "VERB" and _fate_of(anchor.head):
        # "Two of the wounded died", "around 40 of those arrested had been released": what happened
        # to the part, not what the whole was
        return str(_fate_of(anchor.head))
    if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.i == anchor.i and \
            anchor.dep_ == "nsubjpass" and anchor.head.lemma_.lower() in ("believe", "think", "fear", "say", "report"):
        # "at least four of the missing were believed to have been killed": the fate the hearsay tells
        told = next((f for c in anchor.head.children if c.dep_ == "xcomp" for f in [_fate_of(c)] if f), None)
        if told is not None:
            return told
    holder = anchor
    while holder.dep_ in ("quantmod", "nummod") and holder.head.i != holder.i:
        holder = holder.head  # "three of seven foreign engineers": the parse hangs the part on the total's noun
    if has_total and holder.dep_ in ("nsubj", "nsubjpass", "dobj") and holder.head.pos_ == "VERB" and \
            _fate_of(holder.head):
        # "Gunmen released three of seven foreign engineers kidnapped last month": what befell the
        # part, not what the whole was
        return str(_fate_of(holder.head))
    if noun is not None and noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ == "VERB" and \
            _fate_of(noun.head) in ("transferred", "resettled", "killed") and _fate_of(noun) is None:
        # "14 wounded prisoners were transferred", "12 wounded soldiers later died": what happened, not who they are
        return str(_fate_of(noun.head))
    if noun is not None:
        fate = _fate_of(noun)
        if fate:
            return fate
        weak = IDENTITY.get(noun.lemma_.lower())
    if noun is not None and noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_.lower() in ("free", "release"):
        return "other"  # "We freed nine wounded soldiers": set free, whatever they had suffered before
    for holder in (h for h in (noun, anchor) if h is not None):
        for child in holder.children:
            if child.dep_ == "relcl" and any(
                    s.dep_ in ("nsubj", "nsubjpass") and any(p.lower_ == "of" for p in s.children)
                    for s in child.children):
                continue  # "displaced 120,000 people, many of whom have never returned": a part's fate
            if child.dep_ in ("amod", "acl") or (child.dep_ == "relcl" and not has_total):
                fate = _verb_fate(child, holder) if child.dep_ in ("relcl", "acl") else _fate_of(child)
                if fate:
                    return fate
                if child.dep_ in ("acl", "relcl"):
                    for g in child.children:
                        if g.dep_ in ("acomp", "oprd") and _fate_of(g):
                            return _fate_of(g) or "other"
    fate = _next_word_fate(anchor) or _among_fate(noun if noun is not None else anchor)
    if fate:
        return fate
    node = noun if noun is not None and noun.i > anchor.i else anchor
    if noun is not None and noun.dep_ == "pobj" and noun.head.head.i == anchor.i:
        node = anchor  # "three of the strikers": the clause is governed through the number
    for _ in range(6):
        if node.head.i == node.i:
            break
        edge = node.dep_
        if edge in _CLAUSE_EDGES and node.pos_ in ("VERB", "AUX"):
            break
        if edge == "prep" and node.lower_ in _TIME_PREPS:
            break  # "arrested 23 people after fans of two rival clubs fought": the clubs were not arrested
        head = node.head
        if head.lemma_ in REPORTING_VERBS and head.pos_ == "VERB":
            if edge == "nsubjpass":  # "52 residents were reported missing", "are believed to be buried under rubble"
                for c in head.children:
                    if c.dep_ in ("oprd", "xcomp", "acomp", "ccomp"):
                        fate = _fate_of(c) or (_verb_fate(c, node) if c.pos_ in ("VERB", "AUX") else None)
                        if fate:
                            return fate
            break
        fate = _verb_fate(head, node) if head.pos_ in ("VERB", "AUX") else _fate_of(head)
        if fate is None and head.pos_ == "VERB" and edge == "nsubj":
            # "200 of their soldiers laid down their arms and crossed over to our side": the verbs
            # joined to the subject's own
            fate = next((f for c in head.children if c.dep_ == "conj" and c.pos_ == "VERB"
                         for f in [_verb_fate(c, node)] if f), None)
        if fate:
            return fate
        for child in head.children:
            if child.dep_ in ("acomp", "oprd", "attr", "xcomp") and child.i != node.i and _fate_of(child):
                return _fate_of(child) or "other"
            if weak is None and child.dep_ in ("nsubj", "dobj", "pobj") and \
                    child.lemma_.lower() in IDENTITY_CONTEXT:
                weak = IDENTITY_CONTEXT[child.lemma_.lower()]
        if weak is None and head.lemma_.lower() in IDENTITY_CONTEXT:
            weak = IDENTITY_CONTEXT[head.lemma_.lower()]
        node = head
    return weak or "other"


PERSON_NOUNS = frozenset(
    "person people resident civilian child man woman family passenger villager student member refugee "
    "worker farmer fisherman pilgrim pupil schoolchild schoolgirl schoolboy girl boy teenager employee teacher "
    "nurse doctor journalist driver volunteer engineer contractor tourist missionary priest trader traveller "
    "traveler guest worshipper shepherd miner".split())
# who "falls" in battle ("four servicemen had fallen heroically"), not a city or a price
COMBATANT_NOUNS = frozenset("soldier serviceman servicemen fighter officer troop comrade guard policeman "
                        "militant combatant member hero".split())
_PEOPLE = PERSON_NOUNS | COMBATANT_NOUNS


# "the death toll rose to 57", "bringing the death toll to 21", "put the number of dead at 48"
# "the number of those abducted is five", "the toll of injured stands at 63"
_TOLL = re.compile(
    r"(?i)\b(?:(?P<death>death|fatality)\s+toll|(?:number|toll|tally|count)\s+of\s+(?:the\s+|those\s+)?"
    r"(?:people\s+)?(?P<what>dead|deaths|fatalities|killed|injured|wounded|missing|displaced|detained|arrested|"
    r"abducted|kidnapped|defectors|defections|hostages|detainees|arrests)\b)")
_INJURIES = frozenset("burn injury wound fracture hypothermia".split())
_NUMBER_WHO = re.compile(r"(?i)\bnumber\s+of\s+(?:[\w-]+\s+){1,3}?(?:who|that)\s+(?:had\s+|have\s+|has\s+|were\s+|"
                         r"was\s+)?(?:been\s+)?(?P<verb>[a-z]+)\b")
_TOLL_VERBS = frozenset("rise climb reach bring put stand increase jump hit mount soar raise push take revise be "
                        "estimate place set".split())
# Objects that stand for a count: "put the number of protesters at 3,000", "put the toll higher, at 40"
_COUNT_OBJECTS = frozenset("number count tally total toll loss".split())
_CROWD_COUNTS = frozenset("crowd turnout attendance".split())
# "casualty toll" may count the wounded too; "injury toll" is not the dead
_NOT_DEATH_TOLL = frozenset("casualty injury damage".split())
_TOLL_WHAT = {"dead": "killed", "deaths": "killed", "fatalities": "killed", "killed": "killed", "injured": "injured",
              "wounded": "injured", "missing": "missing", "displaced": "displaced", "detained": "detained",
              "arrested": "arrested", "abducted": "abducted", "kidnapped": "abducted", "defectors": "defected",
              "defections": "defected", "hostages": "abducted", "detainees": "detained", "arrests": "arrested"}


def _toll_category(state: AnalysisState, anchor: Token, expr: NumberExpr) -> str | None:
    """A bare number that a toll rises to or stands at takes the toll's category. A
    "casualty toll" is left alone: casualties may be the wounded too."""
    if anchor.dep_ == "nummod" and anchor.head.dep_ == "pobj" and \
            anchor.head.lemma_.lower() in _PEOPLE:
        anchor = anchor.head  # "estimated the crowd at around 4,000 people": the people are the count
    verb = anchor.head.head if anchor.dep_ == "pobj" else anchor.head
    while verb.dep_ == "prep" and verb.head.i != verb.i:
        verb = verb.head  # "raising the toll from 9 to 14": the parser hangs "to 14" on "from"
    if verb.dep_ == "relcl" and anchor.dep_ == "pobj" and anchor.head.lower_ == "to":
        # "bringing the total number of defectors it has received since August to 212": the parser hangs
        # "to 212" on the relative clause
        above = next((a for a in verb.ancestors if a.pos_ == "VERB"), None)
        if above is not None and above.lemma_.lower() in _TOLL_VERBS:
            verb = above
    if verb.lemma_.lower() not in _TOLL_VERBS or anchor.dep_ not in ("pobj", "dobj", "attr"):
        return None
    sent = anchor.sent
    base, before = sent.start_char, state.text[sent.start_char:expr.start]
    # the count named after its number: "bringing to five the number of officers who have switched sides"
    named_after = next((o for o in verb.children
                        if o.dep_ == "dobj" and o.i > anchor.i and o.lemma_.lower() in _COUNT_OBJECTS), None)
    if named_after is not None:
        base = named_after.left_edge.idx
        before = state.text[base:named_after.right_edge.idx + len(named_after.right_edge)]
    found = list(_TOLL.finditer(before))
    if not found:
        who = list(_NUMBER_WHO.finditer(before))
        if who:  # "the number of soldiers who had defected was fewer than ten"
            at = base + who[-1].start("verb")
            span = state.doc.char_span(at, at + len(who[-1].group("verb")), alignment_mode="expand")
            fate = _fate_of(span[0]) if span is not None and len(span) else None
            if fate is not None and fate != "other":
                return fate
        return _count_object_category(verb)
    last = found[-1]
    return "killed" if last.group("death") else _TOLL_WHAT[last.group("what").lower()]


_GATHERING_OF = re.compile(r"(?i)\b(?:" + "|".join(sorted(_GATHERINGS)) + r")s?\s+of\s+$")


def _crowd_of(text: str, start: int, noun: Token | None) -> str | None:
    """ "A separate counter-protest of about 150 people": the people a gathering is made of."""
    if noun is None or noun.lemma_.lower() not in PERSON_NOUNS:
        return None
    return "protesters" if _GATHERING_OF.search(text, max(0, start - 40), start) else None


_AMONG_THEM = r"among them|of whom|of them"
_AMONG_BEFORE = re.compile(rf"(?i),\s*(?:{_AMONG_THEM}|including)\s+$")
_AMONG_THEM_BEFORE = re.compile(rf"(?i),\s*(?:{_AMONG_THEM})\s+$")  # ("including" leaves the parse to say)


def _whole_told_before(of_total: int | None, noun: Token | None, figures: list[Figure]) -> str | None:
    """ "Police arrested four suspected smugglers ... Three of the four are Sorvian nationals": a part
    of a bare number counted before keeps that count's fate ("Five of those arrested")."""
    if of_total is None or (noun is not None and noun.pos_ != "NUM"):
        return None
    earlier = [f for f in figures if f.value == of_total and f.category != "other"]
    return earlier[-1].category if earlier else None


def _among_previous(text: str, start: int, anchor: Token, figures: list[Figure]) -> str | None:
    """ "killed at least 23 civilians, among them at least eight children": a part of the figure
    just before in the sentence takes its category, however the parser hung "among"."""
    if not _AMONG_BEFORE.search(text, max(0, start - 20), start) or not figures:
        return None
    last = figures[-1]
    sent = anchor.sent
    return last.category if sent.start_char <= last.start < start and last.category != "other" else None


def _fate_subject(anchor: Token) -> bool:
    """ "40 were arrested", "12 died": a bare number that is the subject of a fate verb."""
    return anchor.dep_ in ("nsubj", "nsubjpass") and anchor.head.lemma_.lower() in FATE


def _sets_bare_count(anchor: Token) -> bool:
    """ "a teacher put the number at between 50 and 60", "The police figure is 11": a count with no
    word of what it counts."""
    if anchor.dep_ == "attr" and anchor.head.lemma_ == "be" and any(
            s.dep_ == "nsubj" and s.lemma_.lower() in _COUNT_OBJECTS | {"figure"} and
            not any(g.dep_ == "prep" and g.lower_ == "of" for g in s.children) for s in anchor.head.children):
        return True
    if anchor.dep_ != "pobj" or anchor.head.lower_ != "at":
        return False
    verb = anchor.head.head
    return verb.lemma_.lower() in _TOLL_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _COUNT_OBJECTS - {"toll"}
        and not any(g.dep_ == "prep" and g.lower_ == "of" for g in c.children) for c in verb.children)


def _count_object_category(verb: Token) -> str | None:
    """The category of a count the verb sets: "Activists put the toll higher, at between 40
    and 50" (a bare toll is the dead), "Organisers put the number of protesters at around 3,000"."""
    for obj in verb.children:
        lemma = obj.lemma_.lower()
        if obj.dep_ in ("dobj", "nsubj", "nsubjpass") and lemma in _CROWD_COUNTS:
            return "protesters"  # "Organisers put the crowd at 8,000"
        if obj.dep_ not in ("dobj", "nsubj", "nsubjpass") or lemma not in _COUNT_OBJECTS:
            continue
        if lemma == "loss":
            return "killed"  # "The army put its own losses at two soldiers"
        if lemma == "toll":
            modifiers = {c.lemma_.lower() for c in obj.children if c.dep_ in ("compound", "amod")}
            return None if modifiers & _NOT_DEATH_TOLL else "killed"
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        return _fate_of(pobj) or IDENTITY.get(pobj.lemma_.lower())
    return None


# "The prison holds more than 1,400 detainees", "the camp still hosts 2,100 people": a standing
# population, not what happened in an incident.
STATE_VERBS = frozenset("hold house host have contain number accommodate shelter".split())


def whole_category(state: AnalysisState, figure: Figure) -> str | None:
    """What befell the whole a part is counted out of, where its own phrase says so: "Nine of the 37
    wounded" (injured), "three of seven foreign engineers kidnapped last month" (abducted), "3 of the 10
    hostages" (abducted); None for "nine of the 17 students"."""
    if figure.of_total is None:
        return None
    m = _OF_TOTAL.match(state.text[figure.end:figure.end + 40])
    if m is None:
        return None
    span = state.doc.char_span(figure.end + m.end(), figure.end + m.end() + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    noun = _counted_noun(span[0]) or span[0]  # "Nine of the 37 wounded": the number heads its phrase
    # (who the whole are is no fate: "96 out of 130 refugees accepted for resettlement"; but hostages
    # are the abducted)
    fate = _fate_of(noun) or ("abducted" if IDENTITY.get(noun.lemma_.lower()) == "abducted" else None)
    if fate is None:
        fate = next((f for c in noun.children if c.dep_ in ("amod", "acl", "relcl")
                     for f in [_fate_of(c)] if f), None)
    return None if fate == "other" else fate


def counted_out_of(state: AnalysisState, figure: Figure) -> str | None:
    """What befell the people a part is counted out of when no number gives the whole: "3 of the
    defectors" (defected), "two of the hostages" (abducted); None for "two of the students"."""
    if figure.of_total is not None:
        return None
    m = re.match(r"\s+of\s+(?:the|these|those)\s+(?=[a-z])", state.text[figure.end:figure.end + 24])
    if m is None:
        return None
    span = state.doc.char_span(figure.end + m.end(), figure.end + m.end() + 1, alignment_mode="expand")
    if span is None or len(span) == 0 or span[0].pos_ not in ("NOUN", "ADJ", "VERB"):
        return None
    noun = span[0]
    fate = _fate_of(noun) or IDENTITY.get(noun.lemma_.lower()) or IDENTITY.get(noun.lower_.rstrip("s"))
    return None if fate in (None, "other", "protesters") else fate


def is_state_verb(verb: Token) -> bool:
    """ "holds 38 detainees", "are holding an estimated 1,200 people", "were holding 210 soldiers": what is
    so, not what happened."""
    if verb.lemma_.lower() not in STATE_VERBS:
        return False
    return verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP", "VBD") for c in verb.children))


def _sentence_theme(anchor: Token, noun: Token | None) -> str | None:
    """ "A chartered aircraft carrying 163 residents ... the first flight under a resettlement
    agreement": people with no fate of their own take the one fate the sentence speaks of.
    Not people a place holds ("the camp, which hosts 12,000 people, was shelled ...")."""
    if noun is None or noun.lemma_.lower() not in PERSON_NOUNS:
        return None
    if noun.dep_ in ("dobj", "nsubj") and is_state_verb(noun.head):
        return None
    if noun.dep_ == "nsubj" and noun.head.pos_ == "VERB" and any(c.dep_ == "dobj" for c in noun.head.children):
        return None  # "when about 20 armed men stormed their camp, killing two guards": who acted, not whom it befell
    doc = anchor.doc
    fates = {_fate_of(t) for t in anchor.sent if t.pos_ in ("NOUN", "VERB", "ADJ") and _fate_of(t)
             and not (t.pos_ == "NOUN" and t.lemma_.lower() == "shelter")  # a shelter is a place
             # ("children walked out of the camp after a commander was killed": another clause's fate)
             and not any(w.lower_ in _SUBORDINATORS for w in doc[min(t.i, noun.i) + 1:max(t.i, noun.i)])}
    return fates.pop() if len(fates) == 1 else None


_SUBORDINATORS = frozenset("after before when because since until while although though".split())


# "a town of about 60,000 people", "a population of 60,000", "home to 4,300 people": who lives there
_SETTLEMENTS = _PLACE_NOUNS | frozenset("camp nation population".split())


def _population(anchor: Token, noun: Token | None) -> bool:
    node = noun if noun is not None else anchor
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_.lower() in _SETTLEMENTS:
        return True
    return node.dep_ == "pobj" and node.head.lower_ == "to" and node.head.head.lower_ == "home"


def _carried(noun: Token | None) -> bool:
    """ "the boat had left ... with between 350 and 400 people on board": who it carried."""
    return noun is not None and any(c.lower_ == "aboard" or (c.dep_ == "prep" and c.lower_ == "on" and any(
        g.lower_ == "board" for g in c.children)) for c in noun.children)


def _elliptic_part(text: str, anchor: Token, noun: Token | None, start: int, figures: list[Figure]) -> str | None:
    """ "27 police officers had been injured, four of them seriously", "fourteen people were killed,
    among them three children, and more than fifty were wounded": a part set off by a comma, with no
    verb of its own, is of the figure just before it, whichever verb the parser hung it on."""
    among = _AMONG_THEM_BEFORE.search(text, max(0, start - 20), start) is not None  # ", among them three children,"
    set_off = noun is not None and noun.lower_ in _PARTITIVE_PRONOUNS and \
        text[max(0, start - 3):start].rstrip().endswith(",")  # "..., four of them seriously"
    after = anchor.doc[noun.i + 1] if set_off and noun is not None and noun.i + 1 < len(anchor.doc) else None
    if after is not None and after.lower_ in ("fatal", "deadly"):
        return "killed"  # "41 casualties from landmines, 17 of them fatal" (the parser may make it a clause)
    if not (among or set_off) or anchor.dep_ in ("nsubj", "nsubjpass"):
        return None
    return _previous_category(anchor.sent, start, figures)


def _previous_category(sent: Span, start: int, figures: list[Figure]) -> str | None:
    """The category of the last figure with one before ``start`` in the sentence."""
    previous = [f for f in figures if sent.start_char <= f.start < start and f.category != "other"]
    return previous[-1].category if previous else None


def _partitive_category(state: AnalysisState, anchor: Token, noun: Token | None,
                        figures: list[Figure]) -> str | None:
    """ "12 officers were injured, two of them seriously"; "nine of the 37 wounded ... and
    that three were in a critical condition": the subset or the elliptic count takes the
    category of the figure before it in the same sentence."""
    sent = anchor.sent
    if _sets_bare_count(anchor):
        # the count last given in this paragraph: "Police said 39 students were missing, while a
        # teacher put the number at between 50 and 60"
        earlier = [f for f in figures if f.start < anchor.idx and f.category != "other"
                   and "\n\n" not in state.text[f.start:anchor.idx]]
        return earlier[-1].category if earlier else None
    previous = _previous_category(sent, anchor.idx, figures)
    if previous is None:
        return None
    if noun is not None and noun.lower_ in _PARTITIVE_PRONOUNS:
        return previous
    if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "including":
        return previous  # "a toll of between 38 and 45, including at least 11 children"
    if noun is None and anchor.dep_ in ("nsubj", "nsubjpass"):
        return previous
    if noun is None and anchor.dep_ == "dobj" and anchor.head.lemma_.lower() in _ESTIMATE_VERBS:
        return previous  # "Organisers put the number at 3,000; police estimated 800"
    if noun is None and _elliptic_count(anchor):
        return previous  # "raised the death toll to nine, up from six", "212 violations, compared with 158"
    return None


def _elliptic_count(anchor: Token) -> bool:
    """A bare number that stands for the count told before it: "up from six this morning", "compared
    with 158", "40 were arrested yesterday and another 12 this morning". The tagger may read the
    number and the time after it as one TIME ("six this morning"); a clock time is none of these."""
    nxt = anchor.nbor(1) if anchor.i + 1 < len(anchor.doc) else None
    # (the document's text from the cache: Doc.text joins every token again on each call)
    end = anchor.idx + len(anchor)
    after = doc_text(anchor.doc)[end:end + 8]
    if (nxt is not None and nxt.lower_ in _CLOCK_WORDS) or re.match(r"[:.]\d", after):
        return False
    if any(c.dep_ == "det" and c.lower_ == "another" for c in anchor.children):
        return True
    if anchor.dep_ == "conj" and re.match(r"\s+(?:were|was|are|is)\b", after):
        return True  # "Eleven of the dead were women and four were children" (the parser joins "four" to "women")
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "to" and anchor.head.head.lemma_.lower() in _TOLL_VERBS and \
            any(o.dep_ in ("dobj", "nsubj") and o.lemma_.lower() in ("total", "tally") and
                not any(g.dep_ == "prep" for g in o.children) for o in anchor.head.head.children):
        return True  # "Another 9 soldiers defected ..., bringing the total to more than 200"
    return anchor.dep_ == "pobj" and (
        (anchor.head.lower_ == "from" and anchor.head.head.lower_ in ("up", "down")) or
        (anchor.head.lower_ in ("with", "to") and anchor.head.head.lemma_.lower() == "compare"))


_CLOCK_WORDS = frozenset("am pm a.m. p.m. o'clock gmt utc hours hrs h".split())


_ESTIMATE_VERBS = frozenset("estimate count put give report record".split())


# What a denial verb can reject in place of a clause: "rejected reports that 43 people died".
_REPORT_NOUNS = frozenset("report claim accusation allegation suggestion rumour rumor assertion".split())


_DENIED_REPORTS = _REPORT_NOUNS | frozenset("fabrication lie falsehood story version".split())
_FALSITY_VERBS = frozenset("fabricate invent fake falsify concoct".split())
_FALSITY_WORDS = frozenset("false baseless untrue unfounded fabricated fake groundless lie lies fabrication "
                           "fabrications fiction fantasy".split())


def _called_false(verb: Token) -> bool:
    """ "were fabricated", "are false", "are lies": what a report's subject is said to be."""
    if verb.lemma_.lower() in _FALSITY_VERBS:
        return True
    if verb.lemma_.lower() in ("support", "back", "substantiate", "corroborate") and \
            any(c.dep_ == "neg" for c in verb.children):
        return True  # "The claim that 300 civilians were killed is not supported by any source"
    return verb.lemma_.lower() == "be" and any(
        c.dep_ in ("acomp", "attr") and c.lower_ in _FALSITY_WORDS for c in verb.children)


def _as_false(report: Token) -> bool:
    """Whether a claim is called false with "as": "described the claim ... as pure fantasy", "dismissed
    the report as lies" (the parser hangs "as" on the claim, its clause or the verb)."""
    holders = [report, report.head, *(c for c in report.children if c.dep_ in ("acl", "relcl"))]
    for holder in holders:
        if any(c.lower_ in _FALSITY_WORDS and any(g.lower_ == "as" for g in c.children) for c in holder.children):
            return True  # "dismissed the report of 40 civilian deaths as baseless" ("as baseless" a clause)
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ == "as" and any(
                    g.lower_ in _FALSITY_WORDS or any(a.lower_ in _FALSITY_WORDS | {"pure", "complete", "utter"} and
                                                      g.lower_ in ("fantasy", "fiction", "invention", "nonsense")
                                                      for a in g.children)
                    for g in prep.children if g.dep_ == "pobj"):
                return True
    return False


_NO_COMMENT_VERBS = frozenset("comment elaborate respond speculate".split())
# What has not been done to people who are still counted: "not yet identified", "not released"
_NOT_YET_DONE = frozenset("identify name recover release return bury".split())
_UNCONFIRMED = frozenset("verify confirm corroborate substantiate".split())


# A correction's retracted figure: "An earlier version of this story said 8 people were killed"
# (also a live page's "An earlier version of the 15:20 entry said 81")
RETRACTED = re.compile(r"(?i)\bearlier version of (?:this|the|our) (?:[\w:.-]+ )?"
                       r"(?:story|article|report|piece|entry|post|update|blog)\b")


def _negated(anchor: Token, noun: Token | None) -> bool:
    if RETRACTED.search(anchor.sent.text):
        return True  # superseded by the outlet itself: no toll of anyone's
    node = noun if noun is not None else anchor
    if any(c.dep_ == "neg" for c in node.children):
        return True
    child = node
    while child.head.i != child.i:
        head = child.head
        if _unseen_since(head):
            return False  # "never seen again" says they disappeared, it denies nothing
        if head.lemma_.lower() in _NOT_YET_DONE and any(c.dep_ == "auxpass" for c in head.children):
            return False  # "Nine further victims have not yet been identified": they are not denied
        if head.lemma_.lower() in _UNCONFIRMED:
            return False  # "The figure of 23 dead could not be independently verified": unconfirmed, not denied
        if head.pos_ in ("VERB", "AUX") and child.dep_ in ("dobj", "attr") and any(
                s.dep_ == "nsubj" and (s.lower_ in ("none", "nobody", "neither") or any(
                    d.dep_ in ("det", "preconj") and d.lower_ in ("neither", "no") for d in s.children))
                for s in head.children):
            return True  # "Neither source recorded anything close to 5,000 deaths"
        if child.dep_ == "pobj" and (head.lower_ in ("about", "regarding", "concerning") or (
                head.lower_ == "on" and head.head.lemma_.lower() in _NO_COMMENT_VERBS)):
            # "did not respond to questions about the seven uncounted bodies", "did not comment on
            # the two other deaths": the "not" is the reply's
            break
        lo, hi = sorted((child.i, head.i))
        if any(t.text in (";", ":") for t in node.doc[lo + 1:hi]):
            # "12 of its fighters had died; the army has not released figures": another clause;
            # "Hospital records contradict that account: they list at least nine children among the
            # dead": what follows the colon is the evidence, not what is denied
            break
        if head.lemma_ in DENIAL_VERBS and child.dep_ in ("ccomp", "xcomp", "dobj"):
            return True
        if child.dep_ == "conj" and head.lemma_ in DENIAL_VERBS and \
                any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
            return True  # "denies allegations that detainees were mistreated, and that 40 civilians were killed"
        if child.dep_ == "relcl" and head.pos_ == "NOUN" and head.lemma_.lower() in _DENIED_REPORTS and \
                head.dep_ in ("nsubj", "nsubjpass") and _called_false(head.head) and \
                any(c.lower_ == "that" and c.dep_ in ("mark", "dobj") for c in child.children):
            return True  # "the story that two protesters were killed is simply false" (the parser's relcl)
        if child.dep_ in ("conj", "parataxis", "advcl", "relcl"):
            break
        if head.pos_ == "NOUN" and head.lemma_.lower() in _REPORT_NOUNS and child.dep_ in ("acl", "ccomp") \
                and head.dep_ in ("dobj", "nsubjpass") and head.head.lemma_.lower() in DENIAL_VERBS:
            return True  # "rejected reports that 43 people died"
        if head.pos_ == "NOUN" and head.lemma_.lower() in _DENIED_REPORTS and child.dep_ in ("acl", "pobj", "prep") \
                and _as_false(head):
            return True  # "described Harzan's claim of 30 dead soldiers as 'pure fantasy'"
        if head.pos_ == "NOUN" and head.lemma_.lower() in _REPORT_NOUNS and head.dep_ in ("nsubj", "nsubjpass") \
                and _called_false(head.head):
            return True  # "reports of dozens of dead civilians were fabricated"
        if head.lemma_ in REPORTING_VERBS:
            if head.dep_ == "relcl" and any(
                    a.lemma_.lower() in _DENIED_REPORTS and a.dep_ in ("dobj", "nsubjpass")
                    and a.head.lemma_.lower() in DENIAL_VERBS for a in head.ancestors):
                # "denied the fabrications circulated by ... the so-called Observatory, which claimed
                # that 16 civilians were killed"
                return True
            if head.dep_ == "acl" and head.head.dep_ in ("nsubj", "nsubjpass") and _called_false(head.head.head):
                return True  # "Viral post claiming 300 killed in Marvessa is false"
            # "Reports ... alleging that 30 villagers were killed ... are false" (the parser may hang
            # "are false" on "alleging")
            if any(c.dep_ in ("ccomp", "conj") and c.i > child.i and _called_false(c) for c in head.children) and \
                    any(s.dep_ == "nsubj" and s.lemma_.lower() in _REPORT_NOUNS for s in head.children):
                return True
            break  # "did not say how the 12 soldiers died": the "not" is about the saying
        if any(c.dep_ == "neg" for c in head.children):
            if head.pos_ == "VERB" and _fate_of(head) is None and noun is not None and \
                    noun.lemma_.lower() not in _PEOPLE and noun.lemma_.lower() not in IDENTITY:
                return False  # "Two of the four photographs do not show Marvessa": no fate denied
            # (not "..., many of whom have never returned", whatever the parser hung it on)
            return not any(s.dep_ in ("nsubj", "nsubjpass") and any(
                p.lower_ == "of" and any(g.lower_ in ("whom", "which") for g in p.children) for p in s.children)
                for s in head.children)
        child = head
    return False


_CALENDAR = re.compile(
    r"(?i)\b(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)\b|"
    r"\b(?:day|week|month|year|decade|century|ago|season|spring|summer|autumn|fall|winter|today|tonight|"
    r"yesterday|tomorrow|night|morning|evening|weekend|19\d\d|20\d\d)s?\b")


def _calendar_words(token: Token) -> bool:
    """Whether the DATE entity holding ``token`` has any word of the calendar in it."""
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return bool(_CALENDAR.search(ent.text))
    return True


# "one in four children", "children under five", "built in 1962 for 800 inmates", "capacity for
# 20,000": a ratio, an age, a capacity
_RATIO_BEFORE = re.compile(r"(?i)\b(?:one|\d+)\s+in\s*$")
_AGE_GROUP_BEFORE = re.compile(r"(?i)\b(?:children|boys|girls|babies|infants|adults|those|people|men|women)\s+$")
_CAPACITY_BEFORE = re.compile(
    r"(?i)(?:\b(?:built|designed|intended|meant|planned)\b[^.;\n]{0,24}\bfor|\bcapacity\s+(?:for|of))\s*$")
# "♻ 2.1K  ❤ 3.4K", "1.4K reposts": a social post's counts
_SOCIAL_COUNT_AFTER = re.compile(r"^(?:\.\d+)?[KkM]\b")


def _list_number(text: str, expr: NumberExpr) -> bool:
    """ "1. Harbour Aid International is ...": a numbered note, not a count."""
    line_start = text.rfind("\n", 0, expr.start) + 1
    return not text[line_start:expr.start].strip() and expr.modifier is None and \
        bool(re.match(r"[.)]\s", text[expr.end:expr.end + 2]))


def _range_noun(tokens: list[Token]) -> Token | None:
    """ "between 40 and 50 of the mercenaries": the parser hangs the noun on a number inside the
    range, not on "between"."""
    if not tokens or tokens[0].lower_ not in ("between", "from"):
        return None
    return next((n for t in tokens if t.like_num for n in [_counted_noun(t)] if n is not None), None)


def _is_measure(state: AnalysisState, expr: NumberExpr, tokens: list[Token], noun_hint: Token | None = None) -> bool:
    text = state.text
    if _MEASURE_AFTER.match(text[expr.end:expr.end + 24]) or _SOCIAL_COUNT_AFTER.match(text[expr.end:expr.end + 6]):
        return True
    before = text[max(0, expr.start - 40):expr.start]
    if _RATIO_BEFORE.search(before[-12:]) or _CAPACITY_BEFORE.search(before) or _list_number(text, expr):
        return True
    if expr.modifier in ("under", "over") and _AGE_GROUP_BEFORE.search(before):
        return True  # "children under five"
    line_end = text.find("\n", expr.end)
    line = text[text.rfind("\n", 0, expr.start) + 1:line_end if line_end >= 0 else len(text)]
    if not re.search(r"[^\W\dKkM]{2}", line):
        return True  # a line of bare numbers and signs: "♻ 640  ❤ 1.1K"
    if _MEASURE_BEFORE.search(text[max(0, expr.start - 24):expr.start]) or \
            _LABEL_BEFORE.search(text[max(0, expr.start - 12):expr.start]):
        return True
    if any(t.ent_type_ in _NER_SKIP for t in tokens if not t.like_num or t.ent_type_ != "CARDINAL"):
        # NER calls "3 March" a DATE and "Camp 7" a FAC: neither is a count. It also calls
        # "Between 30 and 40" a DATE: a date with no word of the calendar is not taken as one.
        # "Between 30 and 40 fighters", "put the death toll at 45", not "Saleh, 17,"
        # ... and "40" of "said 40 were arrested on Monday" a DATE: the subject of a fate verb is a count
        anchor = _anchor(tokens)
        noun = _counted_noun(anchor) or _range_noun(tokens) or noun_hint
        counted = noun is not None or _toll_category(state, anchor, expr) is not None or \
            _sets_bare_count(anchor) or _fate_subject(anchor) or _elliptic_count(anchor)
        people = noun is not None and (noun.lemma_.lower() in _PEOPLE or noun.lemma_.lower() in IDENTITY
                                       or _fate_of(noun) is not None)
        if any(t.ent_type_ in _NER_SKIP and not (t.ent_type_ in ("DATE", "TIME") and counted
                                                 and (not _calendar_words(t) or (people and t.like_num
                                                                                 and not _YEAR.fullmatch(t.text))
                                                      or (t.like_num and _elliptic_count(anchor))))
               # the tagger's odd label on a count of people: "210 detainees" as a PRODUCT, and
               # "Another 1.5 million fled" as a QUANTITY (units are caught before: "5 km")
               and not (t.like_num and t.ent_type_ in _ODD_LABELS and people)
               and not (t.ent_type_ == "QUANTITY" and (t.like_num or t.lower_ in ("another", "a", "an"))
                        and _fate_subject(anchor))
               for t in tokens):
            return True
    number = text[expr.number_start:expr.end]
    if re.search(r"\d[ -]$", text[max(0, expr.start - 2):expr.start]):
        return True  # one group of a phone or reference number: "01632 960 482"
    if re.fullmatch(r"0\d+", number):
        return True  # part of a phone or reference number
    if re.fullmatch(r"1[89]\d\d|20\d\d", number) and expr.modifier is None:
        return True  # a bare year
    if _PERIOD.fullmatch(expr.text) and expr.low is not None and expr.high is not None and \
            expr.high - expr.low <= 100 and (not expr.text.lower().startswith("between")
                                             or _counted_noun(_anchor(tokens)) is None):
        return True  # a period: "(2021–2023)", "from 2019 to 2022", not "between 1500 and 2000 protesters"
    first = tokens[0] if tokens else None
    if number.lower() == "one" and first is not None:
        nxt = first.nbor(1) if first.i + 1 < len(first.doc) else None
        prev = first.nbor(-1) if first.i > 0 else None
        if _fate_subject(first) and (prev is None or prev.lower_ not in ("no", "any", "every", "the", "this", "that")):
            return False  # "one was killed", "only one was arrested"
        if first.dep_ != "nummod" or (nxt is not None and nxt.lower_ in ("of", "another")) or \
                (prev is not None and prev.lower_ in ("no", "any", "every", "the", "this", "that")):
            return True
    return False


def _modal_over(anchor: Any) -> Any:
    """The "may", "might" or "could" of the verb a figure hangs from, unless negated ("could not
    be verified" is a hedge of its own)."""
    node = anchor
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") and node.dep_ != "aux":
            break
        if node.head.i == node.i:
            return None
        node = node.head
    if node.pos_ not in ("VERB", "AUX") or any(c.dep_ == "neg" for c in node.children):
        return None
    return next((c for c in node.children if c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in MODALS), None)


# "47 (forty-seven) deaths", "seized five (5) aid workers": one count written twice
_RESTATED_OPEN = re.compile(r"\s*\(\s*$")
_RESTATED_CLOSE = re.compile(r"^\s*\)")


def _restatements(text: str, exprs: list[NumberExpr]) -> dict[int, tuple[int, int]]:
    """Each number followed by the same number in brackets: its index -> (the bracketed
    number's index, the end of the closing bracket)."""
    out: dict[int, tuple[int, int]] = {}
    for i in range(len(exprs) - 1):
        a, b = exprs[i], exprs[i + 1]
        if a.value is None or a.value != b.value or b.modifier or a.start >= b.start:
            continue
        close = _RESTATED_CLOSE.match(text[b.end:b.end + 4])
        if _RESTATED_OPEN.fullmatch(text[a.end:b.start]) and close:
            out[i] = (i + 1, b.end + close.end())
    return out


def _restated_figure(text: str, expr: NumberExpr, end: int, first: Figure | None,
                     second: Figure | None) -> Figure | None:
    """One figure for a count written twice: the reading that says more (a category, then a
    counted noun), over the span of both, with the bounds of the first ("at least 14 (fourteen)")."""
    found = [f for f in (first, second) if f is not None]
    if not found:
        return None
    best = max(found, key=lambda f: (f.category != "other", f.unit is not None))
    hedges = {(h.start, h.end): h for f in found for h in f.hedges}
    return Figure(
        id="", text=text[expr.start:end], start=expr.start, end=end, value=expr.value, low=expr.low,
        high=expr.high, approximate=expr.approximate, category=best.category, of_total=best.of_total,
        hedges=sorted(hedges.values(), key=lambda h: h.start), attribution=best.attribution,
        negated=best.negated, unit=best.unit)


def find_figures(state: AnalysisState) -> list[Figure]:
    doc, text = state.doc, state.text
    exprs = find_numbers(text)
    cue_spans = {(c.start, c.end) for c in state.hedge_cues}
    consumed: set[int] = set()
    figures: list[Figure] = []
    restated = _restatements(text, exprs)

    def build(idx: int, noun_hint: Token | None = None) -> Figure | None:
        expr = exprs[idx]
        if state.in_skip_range(expr.start, expr.end):
            return None
        span = doc.char_span(expr.number_start, expr.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        tokens = list(span)
        if tokens[0].i > 0 and _not_one(doc[tokens[0].i - 1]) or \
                re.search(r"(?i)\bnot one of (?:the|these|those) $", text[max(0, expr.start - 24):expr.start]):
            return None  # "not one of the 40": a count of none, of 40 (_zero_figures)
        if _is_measure(state, expr, tokens, noun_hint):
            return None
        anchor = _anchor(tokens)
        if expr.modifier_span and anchor.dep_ == "pobj" and _counted_noun(anchor) is None and \
                expr.modifier_span[0] <= anchor.head.idx < expr.modifier_span[1]:
            anchor = anchor.head  # 'said "around a dozen" are still inside': the parser hangs the number on "around"
        of_total: int | None = None
        total_noun: Token | None = None
        m = _OF_TOTAL.match(text[expr.end:expr.end + 40])
        if m and idx + 1 < len(exprs) and exprs[idx + 1].start == expr.end + m.end() and \
                exprs[idx + 1].value is not None:
            total = exprs[idx + 1]
            of_total = total.value
            consumed.add(idx + 1)
            total_span = doc.char_span(total.start, total.end, alignment_mode="expand")
            if total_span is not None:
                total_noun = _counted_noun(_anchor(list(total_span)))
        noun = total_noun or _counted_noun(anchor) or _range_noun(tokens)
        if noun_hint is not None and (noun is None or noun.pos_ == "NUM"):
            noun = noun_hint  # "47 (forty-seven) deaths": the parser may hang the noun on either number
        if noun is not None and noun.lemma_.lower() in _NON_COUNT_NOUNS:
            return None
        category = _elliptic_part(text, anchor, noun, expr.start, figures) or \
            _category(anchor, noun, of_total is not None)
        if noun is not None and (noun.lemma_.lower() in _THINGS or (
                noun.dep_ == "dobj" and noun.head.lemma_.lower() in _SAMPLE_VERBS) or any(
                c.dep_ == "acl" and c.lemma_.lower() in _SAMPLE_VERBS for c in noun.children)):
            # things; and "she interviewed more than 200 displaced families", "two former detainees
            # interviewed by the organisation": who was asked, not what befell them
            category = "other"
        elif _SHARE_OF_BEFORE.search(text[max(0, expr.start - 60):expr.start]):
            category = "other"
        elif _population(anchor, noun) or (of_total is None and _carried(noun)):
            category = "other"
        elif category == "other" and _fate_of(anchor.head) != "other":
            # (not for "40 of them were later released": a fate, though none of the categories)
            category = (_partitive_category(state, anchor, noun, figures) or _whole_told_before(of_total, noun, figures)
                        or _sentence_theme(anchor, noun)
                        or _toll_category(state, anchor, expr) or _crowd_of(text, expr.start, noun)
                        or _among_previous(text, expr.start, anchor, figures) or "other")
        if noun is None and re.search(r"(?i)\bnot\s+$", text[max(0, expr.start - 6):expr.start]):
            # "12 killed and around 20 wounded, not 32 as reported earlier": the count it replaces
            told = [f for f in figures if f.value == expr.value and f.value is not None and f.category != "other"]
            category = told[-1].category if told else category
        if category == "other" and noun is None and anchor.dep_ not in ("nsubj", "nsubjpass", "dobj") \
                and idx not in restated.values() and idx not in restated:
            return None
        if _speakers(noun):
            return None
        hedges: list[Hedge] = []
        if expr.modifier and expr.modifier_span:
            s, e = expr.modifier_span
            cue = HedgeCue(s, e, text[s:e], "approximator", (expr.start, expr.end))
            if (s, e) not in cue_spans:  # "some" found by the hedges too
                state.hedge_cues.append(cue)
                cue_spans.add((s, e))
            hedges.append(Hedge(cue.text, s, e, cue.kind))
        for cue in state.hedge_cues:
            if cue.scope[0] <= expr.start and expr.end <= cue.scope[1] and cue.kind != "approximator" and \
                    not _qualifies_who(noun, cue):
                hedges.append(Hedge(cue.text, cue.start, cue.end, cue.kind))
        modal = _modal_over(anchor)
        if modal is not None and all(h.start != modal.idx for h in hedges):
            # "the toll could rise to 12", "as many as 40 may have died": whatever the sentence's
            # tone, a number under "may", "might" or "could" is a possibility, not a count
            hedges.append(Hedge(modal.text, modal.idx, modal.idx + len(modal), "epistemic"))
        # who set the count ("while a teacher put the number at 50") before whose sentence holds it
        rel = count_setter(anchor) or attribution_for(state, expr.start, expr.end)
        return Figure(
            id="", text=expr.text, start=expr.start, end=expr.end, value=expr.value,
            low=expr.low, high=expr.high, approximate=expr.approximate, category=category, of_total=of_total,
            # (one cue once: "Perhaps 200" is the number's approximator and the sentence's hedge)
            hedges=sorted({(h.start, h.end): h for h in reversed(hedges)}.values(), key=lambda h: h.start),
            attribution=rel.to_public(text) if rel else None,
            negated=_negated(anchor, noun), unit=noun.text if noun is not None else None,
        )

    for idx in range(len(exprs)):
        if idx in consumed:
            continue
        if idx in restated:
            second, end = restated[idx]
            consumed.add(second)
            after = doc.char_span(end, min(len(text), end + 40), alignment_mode="expand")  # the word after ")"
            hint = after[0] if after is not None and len(after) and after[0].pos_ == "NOUN" else None
            figure = _restated_figure(text, exprs[idx], end, build(idx, hint), build(second, hint))
            fate = _fate_of(after[0]) if after is not None and len(after) and after[0].pos_ in ("ADJ", "VERB") \
                else None
            if figure is not None and figure.category == "other" and fate:
                figure.category = fate  # "21 (twenty-one) dead, including 3 children"
        else:
            figure = build(idx)
        if figure is not None:
            figures.append(figure)
    figures.extend(_zero_figures(state))
    figures.sort(key=lambda f: f.start)
    _denied_after(state, figures)
    _denied_by_relative(state, figures)
    _denied_by_owner(state, figures)
    for n, figure in enumerate(figures, 1):
        figure.id = f"f{n}"
    return figures


_THESE = frozenset("these this such those that".split())
# what "We categorically reject these figures" rejects of the sentence before
_DENIED_AFTER_NOUNS = _DENIED_REPORTS | frozenset("figure number toll account statistic".split())
_REPORT_VERBS_OF_RUMOUR = frozenset("allege claim circulate rumour rumor".split())


# "accused by the mission of using at least 23 children ..., which the Ministry of Defence denied"
_WHICH_DENIED = re.compile(r",\s*(?:which|a (?:figure|claim|charge|number|toll) (?:that )?)\s*(?:the\s+)?"
                           r"(?:[\w.'’-]+\s+){1,6}?(?:has\s+|have\s+|had\s+)?(?:categorically\s+|strongly\s+)?"
                           r"(?:denied|denies|rejected|rejects|dismissed|dismisses|refuted|refutes|disputed|disputes)\b")


def _denied_by_relative(state: AnalysisState, figures: list[Figure]) -> None:
    """A figure that a relative clause closing its sentence denies: "..., which the Ministry of
    Defence denied", "..., a figure the Prison Service denied"."""
    for figure in figures:
        span = state.doc.char_span(figure.start, figure.end, alignment_mode="expand")
        if span is None:
            continue
        sent = span.sent
        tail = state.text[figure.end:sent.end_char]
        m = _WHICH_DENIED.search(tail)
        if m is not None and ";" not in tail[:m.start()]:
            figure.negated = True


def _denied_after(state: AnalysisState, figures: list[Figure]) -> None:
    """ "Rumours have circulated alleging that seven workers were taken and that one of them was
    killed. The Governorate categorically denies these rumours.": the sentence after denies the
    reports just told, and their figures with them."""
    sents = list(state.doc.sents)
    for before, sent in zip(sents, sents[1:], strict=False):
        if "\n\n" in state.text[before.end_char - 1:sent.start_char + 1]:
            continue
        denied = any(
            t.lemma_ in DENIAL_VERBS and any(
                o.dep_ in ("dobj", "nsubjpass") and o.lemma_.lower() in _DENIED_AFTER_NOUNS
                and any(d.lower_ in _THESE for d in o.children if d.dep_ == "det") for o in t.children)
            for t in sent)
        # "The army says around fifteen militants were killed." - "That is false."
        called_false = _called_false(sent.root) and any(
            s.dep_ == "nsubj" and s.lower_ in _THESE | {"it"} for s in sent.root.children)
        told = any(t.lemma_.lower() in _REPORT_NOUNS | _REPORT_VERBS_OF_RUMOUR or t.lemma_ in REPORTING_VERBS
                   for t in before)
        if not (denied or called_false) or not told:
            continue
        for figure in figures:
            if before.start_char <= figure.start < before.end_char:
                figure.negated = True


def _denied_by_owner(state: AnalysisState, figures: list[Figure]) -> None:
    """ "the HLM ... said the army's figures were 'pure fantasy'", "rejected the ministry's toll": the
    figures told before on that owner's word are denied, however far back they were told."""
    for tok in state.doc:
        if tok.lemma_.lower() not in _DENIED_AFTER_NOUNS:
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")), None)
        verb = tok.head
        if owner is None or not ((tok.dep_ in ("dobj", "nsubjpass") and verb.lemma_ in DENIAL_VERBS) or
                                 (tok.dep_ == "nsubj" and _called_false(verb))):
            continue
        word = re.compile(rf"\b{re.escape(owner.lower_)}\b")
        for figure in figures:
            source = figure.attribution.source if figure.attribution is not None else None
            if figure.start < tok.sent.start_char and source and word.search(source.lower()):
                figure.negated = True


def _speakers(noun: Token | None) -> bool:
    """ "one protester said", "two witnesses told Reuters": who speaks, not a count of what happened."""
    return noun is not None and noun.dep_ == "nsubj" and noun.head.lemma_ in REPORTING_VERBS \
        and noun.head.pos_ == "VERB" and _fate_of(noun) is None


_ZERO_WORDS = frozenset({"nobody", "none", "no-one"})
_BEYOND = frozenset("other further more additional new".split())


def _zero_figures(state: AnalysisState) -> list[Figure]:
    """Counts of none: "No protester was killed", "no one was hurt", "None of the passengers was
    injured", "There were no deaths". A figure of 0 only where the text says what did not happen
    to whom (a fate), so that a government's "no one died" stands against a rights group's 34."""
    text = state.text
    out: list[Figure] = []
    for tok in state.doc:
        noun: Token | None
        if tok.lower_ == "no" and tok.dep_ == "det" and tok.head.i > tok.i and tok.head.pos_ in ("NOUN", "PROPN"):
            anchor, noun = tok, tok.head
        elif tok.lower_ in _ZERO_WORDS and tok.dep_ in ("nsubj", "nsubjpass", "dobj"):
            anchor, noun = tok, _counted_noun(tok)
        elif tok.lower_ == "any" and tok.dep_ == "det" and tok.head.pos_ == "NOUN" and _denying_verb(tok.head):
            anchor, noun = tok, tok.head  # "The ministry denied that any soldiers had been killed": none were
        elif _not_one(tok):
            # "Not one officer has gone over", "not one of the 40 protesters", "Not a single civilian"
            one = tok.nbor(1)
            if one.lower_ == "one":
                anchor, noun = one, _counted_noun(one)
            elif tok.head.pos_ in ("NOUN", "PROPN"):
                anchor, noun = tok, tok.head
            else:
                continue
        else:
            continue
        if state.in_skip_range(tok.idx, tok.idx + len(tok)):
            continue
        if noun is not None and noun.lemma_.lower() == "body" and noun.tag_ != "NNS":
            continue  # "no independent body has been allowed to visit them": an organisation
        if noun is not None and any(c.lower_ in _BEYOND for c in noun.children if c.dep_ == "amod"):
            continue  # "no other injuries were reported": none beyond those counted, not a count of 0
        if noun is not None and (noun.lemma_.lower() in _THINGS or noun.lemma_.lower() in _NON_COUNT_NOUNS):
            continue
        category = _category(anchor, noun, False)
        weak = IDENTITY.get(noun.lemma_.lower()) if noun is not None else None
        if category in ("other", "protesters") or (category == weak and noun is not None and _fate_of(noun) is None):
            continue
        end = noun.idx + len(noun) if noun is not None and noun.i == tok.i + 1 else tok.idx + len(tok)
        if _not_one(tok):
            end = max(end, anchor.idx + len(anchor), noun.idx + len(noun) if noun is not None and
                      noun.i <= tok.i + 3 else 0)
        if noun is not None and noun.lower_ == "one" and noun.i == tok.i + 1:
            noun = None  # "no one": nobody, not a counted noun
        denying = _denying_verb(noun) if tok.lower_ == "any" and noun is not None else None
        rel = (denier(denying, tok) if denying is not None else None) or attribution_for(state, tok.idx, end)
        hedges = [Hedge(c.text, c.start, c.end, c.kind) for c in state.hedge_cues
                  if c.scope[0] <= tok.idx and end <= c.scope[1] and c.kind != "approximator"]
        # the denial is what says none: the count of 0 is asserted, not denied
        negated = False if denying is not None or _not_one(tok) else _negated(anchor, noun)
        whole = _NOT_ONE_OF.match(text, tok.idx) if _not_one(tok) else None
        out.append(Figure(
            id="", text=text[tok.idx:end], start=tok.idx, end=end, value=0, low=0,
            high=0, approximate=False, category=category,
            of_total=int(whole.group(1).replace(",", "")) if whole else None,
            hedges=sorted(hedges, key=lambda h: h.start),
            attribution=rel.to_public(text) if rel else None, negated=negated,
            unit=noun.text if noun is not None else None,
        ))
    return out


# "not one of the 40 protesters": 0 of 40, and the 40 no figure of its own
_NOT_ONE_OF = re.compile(r"(?i)not one of (?:the|these|those) (\d{1,3}(?:,\d{3})*|\d+)\b")


def _not_one(tok: Token) -> bool:
    """ "not one", "not a single": none."""
    doc = tok.doc
    if tok.lower_ != "not" or tok.i + 1 >= len(doc):
        return False
    return doc[tok.i + 1].lower_ == "one" or (
        tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "a" and doc[tok.i + 2].lower_ == "single")


def _denying_verb(noun: Token) -> Token | None:
    """The verb of denial that governs the clause ``noun`` is an argument of ("denied that any
    soldiers had been killed"), if any."""
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass", "dobj") or verb.pos_ not in ("VERB", "AUX"):
        return None
    return verb.head if verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_.lower() in DENIAL_VERBS else None


@components.register("figures.rules")
def make_figures(config: dict[str, Any]) -> Callable[[AnalysisState], None]:
    def run(state: AnalysisState) -> None:
        state.figures.extend(find_figures(state))

    return run
