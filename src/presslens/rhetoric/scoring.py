"""The official SemEval-2020 Task 11 measures, re-implemented without the scorer's GPL code.

SI (span identification), as ``task-SI_scorer.py`` defines it: spans are sets of
character offsets; overlapping spans are merged first (gold always; the submission
too, as the scorer's ``-m`` option does). With S the submitted and T the gold spans,
C(s, t, h) = |s ∩ t| / h,

    P = sum_{s, t} C(s, t, |s|) / |S|,   R = sum_{s, t} C(s, t, |t|) / |T|,

F1 their harmonic mean (1.0 when both S and T are empty).

TC (technique classification), as ``task-TC_scorer.py`` defines it: the submission
gives one label per gold line, on the gold spans. Lines with the same article and
span (a span with several gold labels) are aligned so that matches are maximised,
then micro-averaged precision, recall and F1 are computed over all lines (each line
has exactly one prediction, so the three are equal); per-technique F1 uses the same
alignment.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

Span = tuple[int, int]


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p > 0 and r > 0 else 0.0


def merge_overlapping(spans: Iterable[Span]) -> list[Span]:
    """Merge spans that share at least one character (touching spans stay apart), as the scorer does."""
    merged: list[list[int]] = []
    for b, e in sorted(s for s in spans if s[1] > s[0]):
        if merged and b < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([b, e])
    return [(b, e) for b, e in merged]


@dataclass(frozen=True)
class SICounts:
    """One article's share of the SI measure: the sums behind precision and recall and their
    denominators. They add over articles, so a resample of articles needs no rescoring."""
    prec_num: float
    n_sub: int
    rec_num: float
    n_gold: int


def si_article_counts(submitted: Iterable[Span], gold: Iterable[Span]) -> SICounts:
    """The task's partial-overlap credit for one article (overlapping spans merged first)."""
    subs, golds = merge_overlapping(submitted), merge_overlapping(gold)
    prec_num = rec_num = 0.0
    for sb, se in subs:
        for gb, ge in golds:
            inter = max(0, min(se, ge) - max(sb, gb))
            if inter:
                prec_num += inter / (se - sb)
                rec_num += inter / (ge - gb)
    return SICounts(prec_num, len(subs), rec_num, len(golds))


def si_from_counts(counts: Iterable[SICounts]) -> PRF:
    prec_num = rec_num = 0.0
    n_sub = n_gold = 0
    for c in counts:
        prec_num, n_sub, rec_num, n_gold = (prec_num + c.prec_num, n_sub + c.n_sub,
                                            rec_num + c.rec_num, n_gold + c.n_gold)
    if n_sub == 0 and n_gold == 0:
        return PRF(0.0, 0.0, 1.0)
    p = prec_num / n_sub if n_sub else 0.0
    r = rec_num / n_gold if n_gold else 0.0
    return PRF(p, r, _f1(p, r))


def si_score(submission: Mapping[str, Iterable[Span]], gold: Mapping[str, Iterable[Span]]) -> PRF:
    """SI precision/recall/F1 over articles; articles absent from ``submission`` count as no spans."""
    return si_from_counts(si_article_counts(submission.get(art, ()), gold.get(art, ()))
                          for art in set(submission) | set(gold))


@dataclass(frozen=True)
class TCResult:
    micro: PRF
    per_technique: dict[str, float]
    support: dict[str, int]


def tc_score(submission: Mapping[str, Iterable[tuple[str, int, int]]],
             gold: Mapping[str, Iterable[tuple[str, int, int]]], techniques: Iterable[str]) -> TCResult:
    """TC micro P/R/F1 and per-technique F1. Every gold line needs one submitted line on the same span."""
    correct: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    total_gold = total_sub = 0
    for art in set(submission) | set(gold):
        g_by_span: dict[Span, list[str]] = defaultdict(list)
        s_by_span: dict[Span, list[str]] = defaultdict(list)
        for tech, b, e in gold.get(art, ()):
            g_by_span[(b, e)].append(tech)
        for tech, b, e in submission.get(art, ()):
            s_by_span[(b, e)].append(tech)
        if {k: len(v) for k, v in g_by_span.items()} != {k: len(v) for k, v in s_by_span.items()}:
            raise ValueError(f"article {art}: the submission must give one label per gold line, on the gold spans")
        for span, g_labels in g_by_span.items():
            s_labels = s_by_span[span]
            matched = Counter(g_labels) & Counter(s_labels)
            correct.update(matched)
            n_gold.update(g_labels)
            n_pred.update(s_labels)
            total_gold += len(g_labels)
            total_sub += len(s_labels)
    hits = sum(correct.values())
    p = hits / total_sub if total_sub else 0.0
    r = hits / total_gold if total_gold else 0.0
    per = {}
    for t in techniques:
        denom = n_pred[t] + n_gold[t]
        per[t] = 2 * correct[t] / denom if denom else 0.0
    return TCResult(PRF(p, r, _f1(p, r)), per, {t: n_gold[t] for t in techniques})


@dataclass(frozen=True)
class Interval:
    low: float
    high: float


def bootstrap_si_f1(submission: Mapping[str, Iterable[Span]], gold: Mapping[str, Iterable[Span]],
                    resamples: int = 1000, seed: int = 0, level: float = 0.95) -> Interval:
    """A percentile bootstrap interval for SI F1 over articles: the articles are drawn with
    replacement, ``resamples`` times. It says how far the F1 of a validation split this size
    moves with the choice of its articles."""
    ids = sorted(set(submission) | set(gold))
    counts = {a: si_article_counts(submission.get(a, ()), gold.get(a, ())) for a in ids}
    rng = random.Random(seed)
    f1s = []
    for _ in range(resamples):
        drawn = [rng.choice(ids) for _ in ids]
        f1s.append(si_from_counts(counts[a] for a in drawn).f1)
    f1s.sort()
    tail = (1 - level) / 2
    return Interval(f1s[int(tail * (resamples - 1))], f1s[int(round((1 - tail) * (resamples - 1)))])
