"""Neutrality: the same wording gets the same flags whoever uses it and whoever it targets.

Swapping the names of the parties must not change which words are flagged, how figures are
categorised or how firmly claims are asserted: nothing in presslens knows sides.
"""

from __future__ import annotations

import re

import pytest

from presslens.model import Analysis
from presslens.pipeline import Pipeline
from presslens.settings import load_settings

TEMPLATE = """{A} spokesman said on Monday that {B} terrorists had attacked the village of Deran, killing 14 civilians. "These cowardly thugs will pay," he said.

{B} leaders denied the claim and called {A} a criminal cult that allegedly tortured at least 30 prisoners. According to {B}, about 200 of its supporters were detained."""

# Each pair once one way round and once the other: the accuser becomes the accused.
PAIRS = [("the Northern Front", "the Southern Alliance"), ("the Government", "the Opposition"),
         ("the Movement", "the Army")]


def signature(result: Analysis, names: tuple[str, str]) -> dict[str, object]:
    def neutral(text: str) -> str:
        for i, name in enumerate(names):
            text = re.sub(re.escape(name), f"<P{i}>", text, flags=re.I)
        return text

    return {
        "techniques": sorted((t.technique, t.text.lower()) for t in result.techniques),
        "figures": [(f.value, f.category, f.approximate, sorted(h.text.lower() for h in f.hedges), f.negated)
                    for f in result.figures],
        "claims": [(c.negated, sorted(h.text.lower() for h in c.hedges),
                    neutral(c.attribution.source or "") if c.attribution else None) for c in result.claims],
        "checkworthy": [c.checkworthy for c in result.claims],
        "events": [(e.type, e.counts) for e in result.events],
    }


def test_swapping_parties_changes_nothing(rules_pipeline: Pipeline) -> None:
    for a, b in PAIRS:
        signatures = []
        for first, second in ((a, b), (b, a)):
            text = TEMPLATE.format(A=first[0].upper() + first[1:], B=second[0].upper() + second[1:])
            signatures.append(signature(rules_pipeline.analyze(text, published="2020-03-10"), (first, second)))
        assert ("Name_Calling,Labeling", "terrorists") in signatures[0]["techniques"]  # type: ignore[operator]
        one, two = (dict(sig) for sig in signatures)
        # Check-worthiness leans on the statistical tagger, which recognises some names as
        # organisations more readily than others: close, not identical.
        for x, y in zip(one.pop("checkworthy"), two.pop("checkworthy"), strict=True):  # type: ignore[call-overload]
            assert abs(x - y) <= 0.15, (a, b)
        assert one == two, (a, b)


# Real names too: a fine-tuned encoder has associations with them, which is what masking removes.
MODEL_PAIRS = [*PAIRS, ("Hamas", "Israel"), ("Russia", "Ukraine"), ("the Taliban", "the United States")]


def without_names(span: str, names: tuple[str, str]) -> str:
    """``span`` with the first name read as <P0> and the second as <P1>. A span may start
    inside a name ("Northern Front a criminal cult"), so the leading "the" is optional."""
    for i, name in enumerate(names):
        core = re.sub(r"^the ", "", name, flags=re.I)
        span = re.sub(r"(?:\bthe )?" + re.escape(core), f"<P{i}>", span, flags=re.I)
    return span


def test_the_technique_model_flags_the_same_wording_whoever_it_names(pipeline: Pipeline) -> None:
    for a, b in MODEL_PAIRS:
        flags = []
        for first, second in ((a, b), (b, a)):
            text = TEMPLATE.format(A=first[0].upper() + first[1:], B=second[0].upper() + second[1:])
            result = pipeline.analyze(text, published="2020-03-10")
            found = []
            for t in result.techniques:
                if t.component != "techniques.model":
                    continue
                found.append((t.technique, without_names(t.text, (first, second)), t.score))
            flags.append(sorted(found))
        assert flags[0], (a, b)  # the model does flag this text
        assert flags[0] == flags[1], (a, b)


def test_the_claims_model_reads_the_same_wording_alike_whoever_it_names(pipeline: Pipeline) -> None:
    # check-worthiness, hedges and attribution sources of the default pipeline: identical,
    # not merely close (the claims model reads names as one placeholder, as the technique model)
    for a, b in MODEL_PAIRS:
        signatures = []
        for first, second in ((a, b), (b, a)):
            text = TEMPLATE.format(A=first[0].upper() + first[1:], B=second[0].upper() + second[1:])
            sig = signature(pipeline.analyze(text, published="2020-03-10"), (first, second))
            sig.pop("techniques")  # name-bearing spans: compared, names neutralised, above
            signatures.append(sig)
        assert signatures[0]["claims"], (a, b)
        claims = signatures[0]["claims"]
        assert isinstance(claims, list) and any(claim[-1] for claim in claims), (a, b)  # someone's word
        assert signatures[0] == signatures[1], (a, b)


# Words for the people of both sides of several conflicts: a pattern must not catch some by
# their spelling (a "-ian" suffix caught Palestinian and Armenian, not Israeli or Azerbaijani).
DEMONYMS = ["Israeli", "Palestinian", "Armenian", "Azerbaijani", "Russian", "Ukrainian", "Serb", "Croat",
            "Kurd", "Turk", "Tutsi", "Hutu", "Sudanese", "Yemeni"]


def test_the_lexicon_flags_appeals_to_every_people_alike() -> None:
    lexicon = Pipeline(components=["entities.rules", "techniques.lexicon"])
    flagged = {}
    for people in DEMONYMS:
        text = (f"The rally went on late into the night in the square. Every true {people} must stand up now "
                f"against the enemies of the nation, the speaker told the crowd of several thousand people.")
        result = lexicon.analyze(text, published="2020-03-10")
        flagged[people] = sorted(t.technique for t in result.techniques if people in t.text)
    assert len({tuple(v) for v in flagged.values()}) == 1, flagged
    assert "Flag-Waving" in flagged["Israeli"]


def test_an_institution_reads_alike_whether_or_not_the_tagger_takes_its_name_in(pipeline: Pipeline) -> None:
    # the tagger takes "Gaza health ministry" as one organisation, but only "Israeli" of
    # "Israeli health ministry": the models must still read the same words, and the source
    # must be described the same way
    results = {}
    for side in ("Gaza", "Israeli", "Russian", "Ukrainian"):
        text = (f"According to the {side} health ministry, 27 people were killed in the strike on Monday. "
                f"The {side} health ministry said 27 people were killed.")
        result = pipeline.analyze(text, published="2024-03-05")
        results[side] = [(c.checkworthy, c.attribution.named if c.attribution else None,
                          (c.attribution.source or "").replace(side, "X") if c.attribution else None)
                         for c in result.claims]
    assert len({tuple(v) for v in results.values()}) == 1, results
    assert results["Gaza"][0][2] == "the X health ministry"


# Parties named by a country or its people. The tagger types such names unevenly ("Harzani" a
# nationality, "Dalmiran" a person, "Mbelan" nothing at all), so events must read them by their part in
# the sentence, never by the tag: each text with the names both ways round, for five pairs of names.
PARTY_TEXTS = [
    ("KELVAR, March 3 - {Aadj} troops shelled the village of Ostrin on Sunday, killing nine civilians, local "
     "officials said. {Badj} forces said they returned fire.\n\nA {Aadj} army spokesman denied targeting civilians "
     "and said {Badj} fighters had used the village as a base.",
     [("attack", ["<Aadj> troops"], {"killed": 9}, "Ostrin")]),
    ("{A} launched a drone strike on a fuel depot in the border town of Mirek on Saturday, {B}'s defence ministry "
     "said, adding that three workers were killed and 11 wounded. {A}'s military said it had hit \"legitimate "
     "military targets\".",
     [("attack", ["<A>"], {"killed": 3, "injured": 11}, "Mirek")]),
    ("Gunmen from the {Aadj} Liberation Front abducted 23 passengers from a bus near Tolvar on Tuesday, police "
     "said. The {Badj} government condemned the attack. The group later released five of them.",
     [("abduction", ["Gunmen", "<Aadj> Liberation Front"], {"abducted": 23, "other": 5}, "Tolvar")]),
    ("About 3,000 people fled their homes in the Hadir district after {Aadj} militias attacked three villages over "
     "the weekend, the UN said. {Badj} officials accused {A} of ethnic cleansing.",
     [("relocation", ["<Aadj> militias"], {"displaced": 3000}, "Hadir"),
      ("attack", ["<Aadj> militias"], {"other": 3}, "Hadir")]),
    ("A {Aadj} soldier was killed and two others were wounded when their patrol hit a roadside bomb planted by "
     "{Badj} insurgents near Kesh on Thursday, the {A} Defence Ministry said.",
     [("attack", ["<Aadj> soldier", "<Badj> insurgents"], {"injured": 2}, "Kesh")]),
    ("{A}'s air force bombed a market in Lisca on Friday, killing at least 20 people, according to medics. {B} "
     "condemned the raid.",
     [("attack", ["<A>'s air force"], {"killed": 20}, "Lisca")]),
    ("Clashes erupted between {Aadj} and {Badj} fighters in the hills outside Dorn on Sunday. Six fighters were "
     "killed, a local official said.",
     [("armed_clash", ["<Aadj> fighters", "<Badj> fighters"], {"killed": 6}, "Dorn")]),
    ("The {Badj} militia claimed responsibility for the attack on a checkpoint in Yarrow, which killed four "
     "{Aadj} policemen on Saturday.",
     [("attack", ["<Badj> militia", "<Aadj> policemen"], {"killed": 4}, "Yarrow")]),
    ("Pro-{A} militiamen set fire to 30 homes in the village of Kett on Tuesday, displacing about 200 people, "
     "residents said.",
     [("relocation", ["Pro-<A> militiamen"], {"other": 30, "displaced": 200}, "Kett")]),
    ("The {A} army said its forces had killed 17 {Badj} soldiers in fighting near Sarn on Monday. {B} denied the "
     "figure, saying only four of its soldiers were wounded.",
     [("armed_clash", ["<A> army", "forces", "<Badj> soldiers"], {"killed": 17, "injured": 4}, "Sarn")]),
    ("{Aadj} soldiers arrested 15 men in a dawn raid on the village of Sela on 4 March, the village head said. "
     "{Badj} media called the raid an abduction.",
     [("arrest", ["<Aadj> soldiers"], {"arrested": 15}, "Sela")]),
    # whose arms, deeds and people a name says, however the name is parsed or tagged
    ("Two {Aadj} pilots defected.", [("defection", ["<Aadj>"], {"defected": 2}, None)]),
    ("Thirty fighters were killed when {Aadj} aircraft bombed them.", [("attack", ["<Aadj>"], {"killed": 30}, None)]),
    ("54 people were killed in {Aadj} airstrikes.", [("attack", ["<Aadj>"], {"killed": 54}, None)]),
    ("KORVA, March 5 (Reuters) - A {Aadj} soldier was killed and three others were wounded in a {Badj} drone attack "
     "on a checkpoint near Korva, the {Aadj} army said in a statement.",
     [("attack", ["<Aadj> soldier", "<Badj>"], {"injured": 3}, "Korva")]),
    # names that are neither party nor place: whom something is for, whose president, whose capital
    ("Police arrested 23 spies for {A}.", [("arrest", ["Police"], {"arrested": 23}, None)]),
    ("{A}'s president spoke after a rocket killed four children in the town of Gellan.",
     [("attack", [], {"killed": 4}, "Gellan")]),
    ("Protesters clashed with police in the {Badj} capital, and 12 people were injured.",
     [("armed_clash", ["Protesters"], {"injured": 12}, None)]),
    # a title-case headline's words are no parties, and its source does not run into the next paragraph
    ("Death Toll In {Aadj} Strike On {Badj} Market Rises To 27\n\nThe death toll from a {Aadj} strike on a market "
     "in the {Badj} city of Qassel rose to 27.", [("attack", ["<Aadj>"], {"killed": 27}, "Qassel")]),
    ("{Aadj} Forces Seize Morrow, Says {A}'s Defence Ministry\n\n{Aadj} forces have taken Morrow.", None),
    # a country told as the place, as a party, or as neither, by its part in the sentence
    ("Rebels in northern {A} killed 9 villagers.", [("killing", ["Rebels"], {"killed": 9}, "<A>")]),
    ("{A} is an aggressor, and its war has left 2,000 civilians dead.", [("killing", [], {"killed": 2000}, None)]),
    ("{Badj}-backed militias killed 9 villagers.", [("killing", ["<Badj>-backed militias"], {"killed": 9}, None)]),
    ("{B} said its forces had shot down 14 drones.", [("attack", ["<B>", "forces"], {"other": 14}, None)]),
    ("The war between {A} and {B} has left 80,000 dead.", [("killing", [], {"killed": 80000}, None)]),
]
PARTY_NAMES = [("Harzan", "Harzani", "Dalmira", "Dalmiran"), ("Ruvania", "Ruvanian", "Mbela", "Mbelan"),
               ("Ostrava", "Ostravan", "Sendo", "Sendese"), ("Pakistan", "Pakistani", "India", "Indian"),
               ("Armenia", "Armenian", "Azerbaijan", "Azerbaijani")]


@pytest.fixture(scope="module")
def without_techniques() -> Pipeline:
    """The default components but the technique model (compared above): the claims model reads sources."""
    return Pipeline(components=[c for c in load_settings().components if c != "techniques.model"])


def test_parties_named_by_country_or_people_read_alike_whatever_the_tagger_calls_them(
        without_techniques: Pipeline) -> None:
    for template, expected in PARTY_TEXTS:
        sources = set()
        for a, a_adj, b, b_adj in PARTY_NAMES:
            for (x, x_adj), (y, y_adj) in (((a, a_adj), (b, b_adj)), ((b, b_adj), (a, a_adj))):
                text = template.replace("{Aadj}", x_adj).replace("{Badj}", y_adj).replace("{A}", x).replace("{B}", y)
                result = without_techniques.analyze(text, published="2024-03-04")

                def neutral(s: str, x: str = x, y: str = y, x_adj: str = x_adj, y_adj: str = y_adj) -> str:
                    for name, tag in ((x_adj, "<Aadj>"), (y_adj, "<Badj>"), (x, "<A>"), (y, "<B>")):
                        s = s.replace(name, tag)
                    return s

                events = [(e.type, [neutral(actor) for actor in e.actors], e.counts,
                           neutral(e.location.name) if e.location else None) for e in result.events]
                # (None: the events are not what this text is about; the sources are compared below)
                assert expected is None or events == expected, (x, y, template[:40])
                sources.add(tuple((neutral(c.attribution.source or ""), c.attribution.named) if c.attribution
                                  else None for c in result.claims))
        # the same sentences, on the same word, named or not alike ("Mbelan media" is as unnamed as "Harzani media")
        assert len(sources) == 1, (template[:40], sources)


def test_names_joined_to_words_or_left_untyped_are_masked_whole() -> None:
    # what the models read must not depend on how the tagger typed a name: a people's adjective it left
    # untyped, a name joined by a hyphen, an "anti-" the tagger took into the name, a name in two pieces
    from presslens.rhetoric.names import find_names

    text = ("I have never seen anything as barbaric as what the Mbelan thugs did. The pro-Sendo Liberation Front "
            "and Harzani-backed militias joined the anti-Russian protest. Statement of the pro-Ruvania Liberation "
            "Front. Mbela's defence ministry said it had shot down 14 drones.")
    names = find_names([text])[0]
    # (a hyphen the tagger took into "-Ruvania Liberation Front" stays out; "defence ministry" tagged alone is no name)
    assert [text[a:b] for a, b in names] == ["Mbelan", "Sendo Liberation Front", "Harzani", "Russian",
                                             "Ruvania Liberation Front", "Mbela"]


def test_the_technique_model_reads_a_hyphened_name_alike(pipeline: Pipeline) -> None:
    flags = set()
    for name in ("Harzan", "Israel", "Azerbaijan", "Armenia", "India", "Sendo", "Chad"):
        text = (f'Columnist\'s note: I have covered wars for thirty years. The pro-{name} press calls it an '
                f'"incident". I call it genocide.')
        result = pipeline.analyze(text, published="2024-03-04")
        flags.add(tuple(sorted((t.technique, t.text.replace(name, "<B>")) for t in result.techniques
                               if t.component == "techniques.model")))
    assert len(flags) == 1, flags
    assert next(iter(flags)), "the model flags this text"
