"""The choice of a best-path setting (span bias, minimum span score) in bench/crf_span_bias.py:
highest SI F1, ties to the lower floor and then the bias nearer the baseline's, over any subset
of the held-out articles (the cross-fit chooses on one fold and scores on the other)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from presslens.rhetoric.scoring import si_article_counts

BENCH = Path(__file__).resolve().parents[2] / "bench" / "crf_span_bias.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("crf_span_bias", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["crf_span_bias"] = module
    spec.loader.exec_module(module)
    return module


def _held(found: dict[tuple[float, float], dict[str, list[tuple[int, int]]]], gold: dict[str, list[tuple[int, int]]]):
    bench = _bench()
    ids = list(gold)
    counts = {s: {a: si_article_counts(found[s][a], gold[a]) for a in ids} for s in found}
    flags = {s: sum(len(v) for v in found[s].values()) for s in found}
    return bench.HeldOut([], ids, gold, list(found), found, flags, counts)


GOLD = {"a": [(0, 10)], "b": [(20, 30)]}


def test_best_is_the_highest_f1_and_ties_go_to_the_lower_floor_then_the_nearer_bias() -> None:
    exact = {"a": [(0, 10)], "b": [(20, 30)]}
    half = {"a": [(0, 5)], "b": [(20, 30)]}
    held = _held({(0.0, 0.0, 0, 1, 0): half, (0.25, 0.0, 0, 1, 0): exact, (0.5, 0.0, 0, 1, 0): exact,
                  (0.25, 0.4, 0, 1, 0): exact, (0.25, 0.0, 1, 1, 0): exact}, GOLD)
    assert held.f1((0.25, 0.0, 0, 1, 0), held.ids) == 1.0 and held.f1((0.0, 0.0, 0, 1, 0), held.ids) < 1.0
    # four settings tie at 1.0: those with no floor and no reshaping win, then the bias nearer the baseline's
    assert held.best((0.25, 0.0, 0, 1, 0)) == (0.25, 0.0, 0, 1, 0)
    assert held.best((0.6, 0.0, 0, 1, 0)) == (0.5, 0.0, 0, 1, 0)


def test_best_among_a_subset_scores_only_those_articles() -> None:
    # setting X is right on article a only, Y on b only: each wins on its own fold
    x = {"a": [(0, 10)], "b": [(40, 50)]}
    y = {"a": [(40, 50)], "b": [(20, 30)]}
    held = _held({(0.0, 0.0, 0, 1, 0): x, (0.5, 0.3, 2, 2, 1): y}, GOLD)
    assert held.best(among=["a"]) == (0.0, 0.0, 0, 1, 0)
    assert held.best(among=["b"]) == (0.5, 0.3, 2, 2, 1)
    assert held.f1((0.5, 0.3, 2, 2, 1), ["a"]) == 0.0
