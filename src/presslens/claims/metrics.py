"""Metrics for the claims tasks: binary precision/recall/F1 with per-class reports, and
exact / overlap span F1 with one-to-one matching (a predicted span is credited at most once)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass


@dataclass
class PRF:
    precision: float
    recall: float
    f1: float
    tp: int
    fp: int
    fn: int

    @property
    def support(self) -> int:
        return self.tp + self.fn

    def to_dict(self) -> dict[str, float | int]:
        out: dict[str, float | int] = {k: round(v, 4) if isinstance(v, float) else v for k, v in asdict(self).items()}
        out["support"] = self.support
        return out


def prf(tp: int, fp: int, fn: int) -> PRF:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return PRF(p, r, f, tp, fp, fn)


def binary_prf(gold: Sequence[int], pred: Sequence[int], positive: int = 1) -> PRF:
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold labels but {len(pred)} predictions")
    tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == positive and p == positive)
    fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != positive and p == positive)
    fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == positive and p != positive)
    return prf(tp, fp, fn)


def class_report(gold: Sequence[int], pred: Sequence[int], names: dict[int, str]) -> dict[str, dict[str, float | int]]:
    """Precision/recall/F1 of every class, plus accuracy and macro F1."""
    report: dict[str, dict[str, float | int]] = {names[c]: binary_prf(gold, pred, c).to_dict() for c in names}
    acc = sum(1 for g, p in zip(gold, pred, strict=True) if g == p) / len(gold) if gold else 0.0
    macro = sum(float(report[names[c]]["f1"]) for c in names) / len(names)
    report["overall"] = {"accuracy": round(acc, 4), "macro_f1": round(macro, 4), "n": len(gold)}
    return report


def best_threshold(labels: Sequence[int], probs: Sequence[float]) -> tuple[float, float]:
    """The threshold in 0.05..0.95 (step 0.05) with the best positive-class F1 (ties: closest to 0.5)."""
    best = (0.5, -1.0)
    for k in range(1, 20):
        thr = k / 20
        f1 = binary_prf(labels, [int(p >= thr) for p in probs]).f1
        if f1 > best[1] + 1e-12 or (abs(f1 - best[1]) <= 1e-12 and abs(thr - 0.5) < abs(best[0] - 0.5)):
            best = (thr, f1)
    return best


Span = tuple[int, int]


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def span_counts(gold: Sequence[Span], pred: Sequence[Span], mode: str) -> tuple[int, int, int]:
    """(tp, fp, fn) for one document. ``exact``: same start and end; ``overlap``: at least one
    character in common. Matching is one-to-one (greedy, by largest overlap first)."""
    if mode not in ("exact", "overlap"):
        raise ValueError(f"unknown mode {mode!r}")
    gold_u = sorted(set(gold))
    pred_u = sorted(set(pred))
    pairs = []
    for i, p in enumerate(pred_u):
        for j, g in enumerate(gold_u):
            if (mode == "exact" and p == g) or (mode == "overlap" and _overlaps(p, g)):
                pairs.append((min(p[1], g[1]) - max(p[0], g[0]), i, j))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
    tp = len(used_p)
    return tp, len(pred_u) - tp, len(gold_u) - tp


def span_prf(gold_docs: Sequence[Sequence[Span]], pred_docs: Sequence[Sequence[Span]], mode: str) -> PRF:
    tp = fp = fn = 0
    for g, p in zip(gold_docs, pred_docs, strict=True):
        a, b, c = span_counts(g, p, mode)
        tp, fp, fn = tp + a, fp + b, fn + c
    return prf(tp, fp, fn)
