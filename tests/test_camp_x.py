"""The opinion piece of the core issue, end to end (the issue's "Done when")."""

from __future__ import annotations

import pytest

from presslens.model import Analysis
from presslens.pipeline import Pipeline
from tests.conftest import EXAMPLE


@pytest.fixture(scope="module")
def camp_x(rules_pipeline: Pipeline) -> Analysis:
    return rules_pipeline.analyze(str(EXAMPLE), published="2013-10-10")


def test_main_event_date_place_and_counts(camp_x: Analysis) -> None:
    main = camp_x.events[0]
    assert main.date is not None and main.date.value == "2013-09-01"  # "September 1th", year from --published
    assert main.date.text == "September 1th"
    assert main.location is not None and main.location.name == "Camp X"
    assert main.counts["killed"] == 52
    assert main.counts["missing"] == 7


def test_missing_figure_hedged_killed_figure_not(camp_x: Analysis) -> None:
    killed = next(f for f in camp_x.figures if f.value == 52)
    missing = next(f for f in camp_x.figures if f.value == 7)
    assert killed.category == "killed" and killed.hedges == []
    assert missing.category == "missing"
    assert [h.text for h in missing.hedges] == ["allegedly"]


def test_defection_figure_approximate_with_total_source_and_hedge(camp_x: Analysis) -> None:
    fig = next(f for f in camp_x.figures if f.category == "defected")
    assert (fig.text, fig.value, fig.approximate, fig.of_total) == ("about 70", 70, True, 159)
    assert fig.attribution is not None
    assert fig.attribution.source == "The reports" and fig.attribution.cue == "suggest"
    assert not fig.attribution.named
    assert {h.text for h in fig.hedges} >= {"about"}
    assert not any(f.value == 159 for f in camp_x.figures)  # the total is not a figure of its own


def test_byline_at_the_bottom_is_the_author(camp_x: Analysis) -> None:
    assert camp_x.document.authors == ["A. Name"]
    assert not any("Name" in e.name for e in camp_x.entities)


def test_labels_flagged_and_neutral_opening_untouched(camp_x: Analysis) -> None:
    flagged = {(t.technique, t.text.lower()) for t in camp_x.techniques}
    assert ("Name_Calling,Labeling", "cult leaders") in flagged
    assert ("Name_Calling,Labeling", "terrorists") in flagged
    opening_end = camp_x.document.text.index(".") + 1
    assert not [t for t in camp_x.techniques if t.start < opening_end]
    for t in camp_x.techniques:
        assert camp_x.document.text[t.start:t.end] == t.text
        assert t.explanation and t.text in t.explanation


def test_denial_is_a_negated_claim(camp_x: Analysis) -> None:
    claim = next(c for c in camp_x.claims if "deny any involvement" in c.text)
    assert claim.negated
    assert claim.attribution is not None and claim.attribution.cue == "deny"


def test_opening_claim_more_checkworthy_than_rhetorical_question(camp_x: Analysis) -> None:
    opening = camp_x.claims[0]
    question = next(c for c in camp_x.claims if c.text.rstrip().endswith("?"))
    assert opening.checkworthy > 0.7
    assert opening.checkworthy > question.checkworthy
