from dataclasses import astuple

import pytest

from presslens.rhetoric.scoring import (
    SICounts,
    bootstrap_si_f1,
    merge_overlapping,
    si_article_counts,
    si_from_counts,
    si_score,
    tc_score,
)


def test_merge_overlapping_keeps_touching_spans_apart():
    assert merge_overlapping([(5, 10), (0, 3), (8, 12), (12, 14)]) == [(0, 3), (5, 12), (12, 14)]


def test_si_partial_overlap_by_hand():
    # gold: [0,10) and [20,30); submission: [5,15) and [40,50).
    # |s1 ∩ g1| = 5: precision credit 5/10 = 0.5, recall credit 5/10 = 0.5; s2 matches nothing.
    # P = 0.5 / 2 = 0.25, R = 0.5 / 2 = 0.25, F1 = 0.25.
    r = si_score({"a": [(5, 15), (40, 50)]}, {"a": [(0, 10), (20, 30)]})
    assert r.precision == pytest.approx(0.25)
    assert r.recall == pytest.approx(0.25)
    assert r.f1 == pytest.approx(0.25)


def test_si_one_long_prediction_over_two_gold_spans():
    # gold [0,4) and [6,10); one submission [0,10) (length 10).
    # precision credits: 4/10 + 4/10 = 0.8 over 1 span -> P = 0.8
    # recall credits: 4/4 + 4/4 = 2 over 2 spans -> R = 1.0; F1 = 2*0.8*1/(1.8) = 0.8889
    r = si_score({"a": [(0, 10)]}, {"a": [(0, 4), (6, 10)]})
    assert (r.precision, r.recall) == (pytest.approx(0.8), pytest.approx(1.0))
    assert r.f1 == pytest.approx(16 / 18)


def test_si_overlapping_gold_merged_and_missing_article():
    # gold in "a": [0,10) and [5,20) overlap -> merged to [0,20); gold in "b": [0,5), nothing submitted.
    # submission "a": [0,10): P credit 10/10 = 1, R credit 10/20 = 0.5.
    # P = 1/1 = 1.0, R = 0.5/2 = 0.25, F1 = 2*0.25/1.25 = 0.4
    r = si_score({"a": [(0, 10)]}, {"a": [(0, 10), (5, 20)], "b": [(0, 5)]})
    assert r.precision == pytest.approx(1.0)
    assert r.recall == pytest.approx(0.25)
    assert r.f1 == pytest.approx(0.4)


def test_si_empty_both_is_perfect_and_empty_submission_is_zero():
    assert si_score({}, {}).f1 == 1.0
    assert si_score({}, {"a": [(0, 3)]}).f1 == 0.0


def test_tc_micro_with_multi_label_span():
    techs = ["A", "B", "C"]
    # span (0,5) has gold labels A and B (two lines); span (7,9) gold C; span (10,12) gold A.
    gold = {"x": [("A", 0, 5), ("B", 0, 5), ("C", 7, 9), ("A", 10, 12)]}
    # submission: (0,5) -> B, A (order differs: alignment gives 2 matches); (7,9) -> A (wrong); (10,12) -> A.
    sub = {"x": [("B", 0, 5), ("A", 0, 5), ("A", 7, 9), ("A", 10, 12)]}
    r = tc_score(sub, gold, techs)
    # 3 correct of 4 lines: P = R = F1 = 0.75
    assert r.micro.f1 == pytest.approx(0.75)
    assert r.micro.precision == pytest.approx(0.75)
    # per class: A predicted 3, gold 2, correct 2 -> 4/5; B 1,1,1 -> 1; C predicted 0, gold 1 -> 0
    assert r.per_technique == {"A": pytest.approx(0.8), "B": pytest.approx(1.0), "C": 0.0}


def test_tc_duplicate_prediction_on_multi_label_span_gets_one_credit():
    gold = {"x": [("A", 0, 5), ("B", 0, 5)]}
    sub = {"x": [("A", 0, 5), ("A", 0, 5)]}
    assert tc_score(sub, gold, ["A", "B"]).micro.f1 == pytest.approx(0.5)


def test_tc_rejects_submission_on_other_spans():
    with pytest.raises(ValueError):
        tc_score({"x": [("A", 0, 4)]}, {"x": [("A", 0, 5)]}, ["A"])


def test_bootstrap_interval_is_a_point_when_every_article_scores_alike_and_wide_when_they_differ():
    gold = {"a": [(0, 10)], "b": [(0, 10)], "c": [(0, 10)]}
    perfect = bootstrap_si_f1(gold, gold, resamples=200)
    assert (perfect.low, perfect.high) == (1.0, 1.0)
    # one article found whole, one half, one missed: P 1, R 1.5 / 3 = 0.5, F1 2/3; resampling spreads it
    sub = {"a": [(0, 10)], "b": [(0, 5)], "c": []}
    point = si_score(sub, gold).f1
    assert point == pytest.approx(2 / 3)
    interval = bootstrap_si_f1(sub, gold, resamples=500, seed=1)
    assert interval.low < point < interval.high
    assert interval.low >= 0.0 and interval.high <= 1.0
    # seeded: the same interval twice
    assert bootstrap_si_f1(sub, gold, resamples=500, seed=1) == interval


def test_per_article_counts_add_up_to_the_score_of_a_resample_with_repeats():
    sub = {"a": [(0, 10), (20, 25)], "b": [(5, 8)], "c": []}
    gold = {"a": [(0, 5)], "b": [(0, 10), (30, 40)], "c": [(3, 4)]}
    counts = {art: si_article_counts(sub[art], gold[art]) for art in sub}
    # article "a": precision credit 5/10 + 0, recall credit 5/5, from 2 flags and 1 gold span
    assert counts["a"] == SICounts(0.5, 2, 1.0, 1)
    drawn = ["a", "b", "b", "c"]
    by_copy = si_score({f"{art}#{k}": sub[art] for k, art in enumerate(drawn)},
                       {f"{art}#{k}": gold[art] for k, art in enumerate(drawn)})
    # (approx: the scorer adds articles in set order, which varies between runs)
    assert astuple(si_from_counts(counts[art] for art in drawn)) == pytest.approx(astuple(by_copy))
    assert astuple(si_from_counts(counts.values())) == pytest.approx(astuple(si_score(sub, gold)))
