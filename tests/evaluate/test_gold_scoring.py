"""The gold scorer on hand-computed cases, and the hand-made gold set as a regression floor."""

from __future__ import annotations

import pytest

from presslens.evaluate.gold import PRF, GoldReport, evaluate_gold, score_article
from presslens.settings import RULE_COMPONENTS
from tests.conftest import GOLD_DIR


def test_prf_counts_multisets() -> None:
    prf = PRF()
    # gold {a, a, b}, predicted {a, c}: tp 1 (one a), fp 1 (c), fn 2 (a, b).
    prf.add(["a", "a", "b"], ["a", "c"])
    assert (prf.tp, prf.fp, prf.fn) == (1, 1, 2)
    assert prf.precision == pytest.approx(0.5)
    assert prf.recall == pytest.approx(1 / 3)
    assert prf.f1 == pytest.approx(0.4)


def _fig(value: int, category: str, hedges: list[dict[str, object]] | None = None) -> dict[str, object]:
    return {"text": str(value), "value": value, "low": value, "high": value, "category": category,
            "hedges": hedges or [], "attribution": None}


def test_score_article_figures_events_attributions() -> None:
    gold = {
        "authors": ["A. Name"],
        "figures": [{**_fig(52, "killed"), "hedged": False}, {**_fig(7, "missing"), "hedged": True}],
        "events": [{"type": "armed_clash", "date": "2013-09-01", "location": "Camp X",
                    "counts": {"killed": 52, "missing": 7}}],
        "attributions": [{"source": "The reports", "cue": "suggest"}],
        "techniques": [{"technique": "Name_Calling,Labeling", "text": "terrorists"}],
    }
    result = {
        "document": {"authors": ["A. Name"]},
        "figures": [_fig(52, "killed"), _fig(7, "other", [{"text": "allegedly"}])],
        "events": [{"type": "attack", "date": {"text": "September 1th", "value": "2013-09-01"},
                    "location": {"text": "Camp X", "name": "Camp X"}, "counts": {"killed": 52, "missing": 7}}],
        "claims": [{"attribution": {"source": "The reports", "cue": "suggest", "cue_span": [10, 17]}},
                   {"attribution": {"source": "the reports", "cue": "suggest", "cue_span": [10, 17]}}],
        "techniques": [{"technique": "Name_Calling,Labeling", "text": "Terrorists"},
                       {"technique": "Loaded_Language", "text": "cult"}],
    }
    report = GoldReport()
    detail = score_article(gold, result, report)
    assert (report.figures.tp, report.figures.fp, report.figures.fn) == (1, 1, 1)  # 7 has the wrong category
    assert report.figure_spans.f1 == 1.0
    assert report.hedged_figures.f1 == 1.0
    assert (report.attributions.tp, report.attributions.fp) == (1, 0)  # one relation, counted once
    assert (report.techniques.tp, report.techniques.fp, report.techniques.fn) == (1, 1, 0)
    assert report.event_counts.value == 1.0 and report.event_type.value == 0.0
    assert report.event_date.value == 1.0 and report.event_location.value == 1.0
    assert detail["event errors"] == ["armed_clash {'killed': 52, 'missing': 7}: type"]


def test_gold_set_floor() -> None:
    """The hand-made gold set (tests/gold) stays at or above the figures the README reports."""
    report = evaluate_gold(GOLD_DIR, RULE_COMPONENTS)
    assert report.figures.f1 >= 0.85
    assert report.attribution_cues.f1 >= 0.9
    assert report.event_type.value >= 0.75
    assert report.authors.value >= 0.9


def test_the_gold_files_follow_their_guideline() -> None:
    """tests/gold/check_gold.py, the gold's own validator (values re-parsed from the figure texts,
    counts matched to figures), passes: a revision of the guideline must revise the validator too."""
    import subprocess
    import sys
    from pathlib import Path

    checker = Path(__file__).resolve().parents[1] / "gold" / "check_gold.py"
    done = subprocess.run([sys.executable, str(checker)], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout[-2000:]
