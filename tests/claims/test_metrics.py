"""Metrics on hand-built cases (numbers worked out by hand)."""

from __future__ import annotations

import pytest

from presslens.claims.metrics import best_threshold, binary_prf, class_report, span_counts, span_prf
from presslens.claims.tagging import TAGS, decode_tags, encode_tags


def test_binary_prf_by_hand() -> None:
    gold = [1, 1, 1, 0, 0, 0]
    pred = [1, 1, 0, 1, 0, 0]
    m = binary_prf(gold, pred)
    assert (m.tp, m.fp, m.fn) == (2, 1, 1)
    assert m.precision == pytest.approx(2 / 3) and m.recall == pytest.approx(2 / 3)
    assert m.f1 == pytest.approx(2 / 3)
    neg = binary_prf(gold, pred, positive=0)
    assert (neg.tp, neg.fp, neg.fn) == (2, 1, 1)


def test_no_positive_predictions_is_zero_not_error() -> None:
    m = binary_prf([1, 0], [0, 0])
    assert m.precision == 0.0 and m.f1 == 0.0
    with pytest.raises(ValueError):
        binary_prf([1], [1, 0])


def test_class_report() -> None:
    rep = class_report([1, 0, 0, 1], [1, 0, 1, 1], {1: "Yes", 0: "No"})
    assert rep["Yes"]["precision"] == pytest.approx(0.6667, abs=1e-4)
    assert rep["Yes"]["recall"] == 1.0
    assert rep["No"]["recall"] == 0.5
    assert rep["overall"]["accuracy"] == 0.75
    assert rep["overall"]["n"] == 4


def test_best_threshold_picks_the_separating_cut() -> None:
    thr, f1 = best_threshold([0, 0, 1, 1], [0.1, 0.3, 0.62, 0.9])
    assert f1 == 1.0 and 0.3 < thr <= 0.6


def test_span_exact_and_overlap() -> None:
    gold = [(0, 10), (20, 30)]
    pred = [(0, 10), (25, 40), (50, 55)]
    assert span_counts(gold, pred, "exact") == (1, 2, 1)
    assert span_counts(gold, pred, "overlap") == (2, 1, 0)


def test_overlap_matching_is_one_to_one() -> None:
    # One long prediction covering two gold spans is credited once.
    assert span_counts([(0, 5), (6, 10)], [(0, 10)], "overlap") == (1, 0, 1)
    # Touching spans (end == start) do not overlap.
    assert span_counts([(0, 5)], [(5, 9)], "overlap") == (0, 1, 1)


def test_span_prf_sums_over_documents() -> None:
    m = span_prf([[(0, 4)], [(3, 8)]], [[(0, 4)], []], "exact")
    assert (m.tp, m.fp, m.fn) == (1, 0, 1)
    assert m.precision == 1.0 and m.recall == 0.5


def test_bio_round_trip() -> None:
    # "he said it" as word pieces with offsets; [CLS]/[SEP] are special.
    offsets = [(0, 0), (0, 2), (3, 7), (8, 10), (0, 0)]
    special = [1, 0, 0, 0, 1]
    frags = [("Source", 0, 2), ("Cue", 3, 7), ("Content", 8, 10)]
    tags = encode_tags(offsets, special, frags)
    assert tags[0] == -100 and tags[-1] == -100
    assert [TAGS[t] for t in tags[1:4]] == ["B-Source", "B-Cue", "B-Content"]
    decoded = decode_tags(offsets, [0 if t < 0 else t for t in tags], [not s for s in special])
    assert decoded == frags


def test_bio_decoding_joins_inside_pieces_and_starts_on_stray_inside() -> None:
    offsets = [(0, 3), (3, 5), (6, 9), (10, 12)]
    tags = [TAGS.index("B-Cue"), TAGS.index("I-Cue"), TAGS.index("O"), TAGS.index("I-Source")]
    assert decode_tags(offsets, tags) == [("Cue", 0, 5), ("Source", 10, 12)]
