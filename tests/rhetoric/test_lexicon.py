"""The rule detector (techniques.lexicon): patterns flag the wording, whoever it speaks for."""

from __future__ import annotations

import pytest

from presslens.pipeline import Pipeline


@pytest.fixture(scope="module")
def lexicon() -> Pipeline:
    return Pipeline(components=["entities.rules", "techniques.lexicon"])


@pytest.mark.parametrize("dilemma", [
    "Either you stand with the nation's security or you stand with chaos.",
    "Either we stand by the resistance or we stand with the occupiers.",
    "Either you are with the government or you are against the people.",
])
def test_a_two_sided_choice_is_black_and_white(lexicon: Pipeline, dilemma: str) -> None:
    text = f"The statement ended with a warning to the city's residents. {dilemma}"
    result = lexicon.analyze(text, published="2026-06-12")
    flags = [t for t in result.techniques if t.technique == "Black-and-White_Fallacy"]
    assert len(flags) == 1
    assert flags[0].text == dilemma.rstrip(".")  # both sides of the choice


def test_either_or_of_facts_is_not_flagged(lexicon: Pipeline) -> None:
    text = "Either the bridge or the tunnel will reopen on Monday, the transport ministry said in a statement."
    result = lexicon.analyze(text, published="2026-06-12")
    assert not [t for t in result.techniques if t.technique == "Black-and-White_Fallacy"]
