"""Claims, hedges and attribution from the rule components: who said what, how firmly."""

from __future__ import annotations

import pytest

from presslens.model import Analysis, Claim
from presslens.pipeline import Pipeline

STORY = """Government denies security forces killed protesters in Port Selim

The Coastal Rights Observatory said 12 protesters were shot dead in Liberty Square on November 17. According to the UN mission, at least 60 people were wounded.

Provincial officials denied that any protesters were killed. The governor's office described the claim as fabrications.

"We will never allow chaos in our streets," the governor said.

Unconfirmed reports suggest that up to 12 people may still be trapped under rubble. It is believed that the militia was behind the attack.

This is a disgrace and a betrayal of everything we stand for."""


@pytest.fixture(scope="module")
def story(rules_pipeline: Pipeline) -> Analysis:
    return rules_pipeline.analyze(STORY, published="2018-11-20")


def claim(analysis: Analysis, start: str) -> Claim:
    return next(c for c in analysis.claims if c.text.startswith(start))


def test_named_and_unnamed_sources(story: Analysis) -> None:
    named = claim(story, "The Coastal Rights Observatory said")
    assert named.attribution is not None and named.attribution.named
    assert named.attribution.source == "The Coastal Rights Observatory" and named.attribution.cue == "said"
    unnamed = claim(story, "Provincial officials denied")
    assert unnamed.attribution is not None and not unnamed.attribution.named
    assert unnamed.attribution.source == "Provincial officials"
    reports = claim(story, "Unconfirmed reports suggest")
    assert reports.attribution is not None and reports.attribution.cue == "suggest"
    according = claim(story, "According to the UN mission")
    assert according.attribution is not None
    assert (according.attribution.source, according.attribution.cue) == ("the UN mission", "According to")


def test_denials_are_negated(story: Analysis) -> None:
    assert claim(story, "Provincial officials denied").negated
    assert not claim(story, "The Coastal Rights Observatory said").negated


def test_hedges_with_their_words(story: Analysis) -> None:
    hedged = claim(story, "Unconfirmed reports suggest")
    words = {h.text.lower() for h in hedged.hedges}
    assert {"unconfirmed", "suggest", "may"} <= words
    believed = claim(story, "It is believed")
    assert any(h.text.lower().startswith("is believed") or h.text.lower() == "believed" for h in believed.hedges)
    assert claim(story, "The Coastal Rights Observatory said").hedges == []


def test_quote_attributed_to_its_speaker(story: Analysis) -> None:
    quote = next(c for c in story.claims if "chaos in our streets" in c.text)
    assert quote.attribution is not None and quote.attribution.source == "the governor"


def test_checkworthy_facts_above_opinion(story: Analysis) -> None:
    fact = claim(story, "The Coastal Rights Observatory said")
    opinion = claim(story, "This is a disgrace")
    assert fact.checkworthy > 0.6 > opinion.checkworthy
    for c in story.claims:
        assert 0.0 <= c.checkworthy <= 1.0
        assert story.document.text[c.start:c.end] == c.text


@pytest.mark.parametrize(("text", "negated"), [
    ('"We did not fire a single shell at the village," said Colonel Ahmed Hassan.', True),
    ("The colonel said his unit had not fired a single shell.", True),
    ('A navy official said: "Not a single ship was hit."', True),
    ("The army rejected the claim that 12 civilians were killed.", True),
    ("Russia's defence ministry denied targeting civilians.", True),
    ("The ministry did not deny that its forces had struck the hospital.", False),
    ("Officials refused to deny that the camp was shelled.", False),
    ("Residents rejected the army's offer of safe passage.", False),
    ("Troops killed 12 people in the raid on Monday.", False),
    # a part disclaimed, and in a briefing's reply, what was just put to the speaker
    ('A spokesman said its fighters had "no involvement whatsoever" in the collapse of the dam.', True),
    ("The group said it had nothing to do with the attack on the convoy.", True),
    ("We categorically reject that.", True),
    ("The army said it had no role in the evacuation plan.", True),
    ("The council said it had a role in the evacuation plan.", False),
])
def test_denials_are_told_from_refusals_and_undenied_claims(rules_pipeline: Pipeline, text: str,
                                                            negated: bool) -> None:
    (claim,) = rules_pipeline.analyze(text, published="2024-03-05").claims
    assert claim.negated is negated


@pytest.mark.parametrize(("text", "cue", "figure_hedged"), [
    ("The ministry said 40 people were killed, a figure that could not be independently verified.",
     "could not be independently verified", True),
    ("The toll of 40 dead could not be verified.", "could not be verified", True),
    ("Reuters could not independently verify the ministry's count of 40 dead.",
     "could not independently verify", True),
    ("Officials have not confirmed that 40 people were killed.", "have not confirmed", True),
    ("The army confirmed that 40 people were killed.", None, False),
    ("Doctors verified that 40 people were killed.", None, False),
])
def test_unverified_claims_are_hedged(rules_pipeline: Pipeline, text: str, cue: str | None,
                                      figure_hedged: bool) -> None:
    analysis = rules_pipeline.analyze(text, published="2024-03-05")
    (claim,) = analysis.claims
    assert [h.text for h in claim.hedges if h.kind == "evidential"] == ([cue] if cue else [])
    (figure,) = [f for f in analysis.figures if f.value == 40]
    # the doubt reaches the figure itself (its hedges), not only the sentence
    assert any(h.kind == "evidential" for h in figure.hedges) is figure_hedged


def test_an_outlet_that_could_not_verify_hedges_and_denies_nothing(rules_pipeline: Pipeline) -> None:
    """A live page's "We have not been able to verify these figures" says the figures are
    unchecked: a hedge, not a denial; a label alone ("Live:") is no claim."""
    text = ("Live: Flooding in Marosh province\n\nAccording to unconfirmed reports, as many as 300 people may "
            "still be missing. We have not been able to verify these figures. Reuters was unable to verify the "
            "reports. The army did not fire on the crowd.")
    claims = {c.text: c for c in rules_pipeline.analyze(text).claims}
    assert "Live:" not in claims
    ours, reuters = claims["We have not been able to verify these figures."], claims[
        "Reuters was unable to verify the reports."]
    assert [h.text for h in ours.hedges] == ["have not been able to verify"] and not ours.negated
    assert [h.text for h in reuters.hedges] == ["was unable to verify"] and not reuters.negated
    assert claims["The army did not fire on the crowd."].negated


def test_a_list_of_sources_and_their_counts(rules_pipeline: Pipeline) -> None:
    """An investigation lists each source's toll: each count rests on the source named before
    its colon; a sector of a situation report ("- Food: ...") is no source."""
    text = ("Three sources, three death tolls\n\nThe figures that the three sides have given for the attack on "
            "the market in Morsk on 22 August differ widely, and none of them can be checked on the ground:\n\n"
            "- Ministry of Health: 34 dead, 112 injured\n- Morsk Civil Monitor: 41 dead, including 9 children\n"
            "- Northern Defence Council: \"fewer than ten\" dead, all of them fighters\n\nRESPONSE\n"
            "- Food: 41,000 people received rations this week.\n")
    sources = {f.text: (f.attribution.source, f.attribution.cue) if f.attribution else None
               for f in rules_pipeline.analyze(text, published="2024-09-10").figures}
    assert sources["34"] == sources["112"] == ("Ministry of Health", ":")
    assert sources["41"] == ("Morsk Civil Monitor", ":")
    assert sources["fewer than ten"] == ("Northern Defence Council", ":")
    assert sources["41,000"] is None
