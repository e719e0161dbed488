"""Does a second look at the best path's flags raise held-out SI? For CRF models of distinct folds
of train (``--train-on train-except-fold-N-of-K``), each model's flags on its held-out articles get
the numbers of ``presslens.rhetoric.flag_filter`` and, as target, the share of the flag that
overlaps gold. Cross-fit: a logistic model is fitted on one fold's flags at each span bias, the
bias and the keep threshold are chosen by SI F1 on that fold's articles, and the choice is scored on
the other fold's articles, against the shipped decoding (``--baseline`` bias, no filter), with a
paired bootstrap over the pooled articles; then the filter fitted on all the folds' flags is
described (its bias, threshold and largest weights). Validation is never read. (The thirty-first
plan, which this measured, lost, so the runtime has no filter and this bench writes nothing.)

    python bench/flag_filter.py runs/CV1 runs/CV2 --biases 0.25,0.5,0.75,1
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from crf_span_bias import held_out_outputs

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from presslens.rhetoric import features as F  # noqa: E402
from presslens.rhetoric.flag_filter import feature_names, flag_features  # noqa: E402
from presslens.rhetoric.ptc import DEFAULT_PTC, load_articles  # noqa: E402
from presslens.rhetoric.scoring import SICounts, merge_overlapping, si_article_counts, si_from_counts  # noqa: E402

THRESHOLDS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)
L2 = 1.0


@dataclass
class Flags:
    """One fold's held-out flags at one span bias."""
    article: list[str]  # article id of each flag
    span: list[tuple[int, int]]  # original characters
    x: np.ndarray  # [n, features]
    y: np.ndarray  # [n] share of the flag overlapping gold


def overlap_share(span: tuple[int, int], gold: list[tuple[int, int]]) -> float:
    b, e = span
    inside = sum(max(0, min(e, ge) - max(b, gb)) for gb, ge in merge_overlapping(gold))
    return inside / max(1, e - b)


Gold = dict[str, list[tuple[int, int]]]


def fold_flags(model_dir: Path, corpus: list[Any], biases: tuple[float, ...]
               ) -> tuple[list[str], dict[float, Flags], Gold]:
    rt, part, articles, masks, outputs = held_out_outputs(model_dir, corpus)
    print(f"{model_dir}: {len(articles)} held-out articles ({part})")
    gold = {a.id: a.si_spans for a in articles}
    out: dict[float, Flags] = {}
    for bias in biases:
        ids, spans, rows, ys = [], [], [], []
        for a, m, o in zip(articles, masks, outputs, strict=True):
            path = rt.decode(o, span_bias=bias)
            tr = [(toks[0], toks[-1] + 1) for _b, _e, toks in path]
            probs, rec = rt._classify(o, tr, [(b, e) for b, e, _ in path])
            rows.extend(flag_features(o.enc, o.p_span, o.p_begin, path, probs, rec, F.first_line_end(o.enc.text)))
            for b, e, _ in path:
                span = m.to_original(b, e)
                ids.append(a.id)
                spans.append(span)
                ys.append(overlap_share(span, gold[a.id]))
        out[bias] = Flags(ids, spans, np.asarray(rows, dtype=np.float64), np.asarray(ys, dtype=np.float64))
    return [a.id for a in articles], out, gold


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """Logistic regression on soft targets (Newton steps, L2 on the weights); standardised inputs."""
    mean, scale = x.mean(0), x.std(0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    reg = np.full(z.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-z @ w))
        grad = z.T @ (p - y) + reg * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(reg) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1]), mean, scale


def predict(model: tuple[np.ndarray, float, np.ndarray, np.ndarray], x: np.ndarray) -> np.ndarray:
    w, b, mean, scale = model
    return 1 / (1 + np.exp(-(((x - mean) / scale) @ w + b)))


def counts(flags: Flags, keep: np.ndarray, ids: list[str], gold: dict[str, list[tuple[int, int]]]
           ) -> dict[str, SICounts]:
    found: dict[str, list[tuple[int, int]]] = {a: [] for a in ids}
    for a, span, k in zip(flags.article, flags.span, keep, strict=True):
        if k:
            found[a].append(span)
    return {a: si_article_counts(found[a], gold[a]) for a in ids}


def f1(c: dict[str, SICounts], sample: list[str]) -> float:
    return si_from_counts(c[a] for a in sample).f1


def choose(flags: dict[float, Flags], ids: list[str], gold: dict[str, list[tuple[int, int]]]
           ) -> tuple[float, float, tuple[np.ndarray, float, np.ndarray, np.ndarray], float]:
    """The bias and threshold with the best SI F1 on these articles, the filter fitted on their flags."""
    best: tuple[float, float, Any, float] | None = None
    for bias, fl in flags.items():
        model = fit_logistic(fl.x, fl.y)
        p = predict(model, fl.x)
        for th in THRESHOLDS:
            score = f1(counts(fl, p >= th, ids, gold), ids)
            if best is None or score > best[3] + 1e-12:
                best = (bias, th, model, score)
    assert best is not None
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model_dirs", type=Path, nargs="+", metavar="MODEL_DIR", help="CRF models of distinct folds")
    parser.add_argument("--biases", type=lambda s: tuple(float(x) for x in s.split(",")),
                        default=(0.25, 0.5, 0.75, 1.0))
    parser.add_argument("--baseline", type=float, default=0.25, help="the shipped span bias, unfiltered")
    parser.add_argument("--data", type=Path, default=DEFAULT_PTC)
    parser.add_argument("--bootstrap", type=int, default=1000)
    args = parser.parse_args()
    if len(args.model_dirs) < 2:
        sys.exit("give at least two models of distinct folds")
    biases = tuple(sorted(set(args.biases) | {args.baseline}))
    corpus = load_articles(args.data)
    folds = [fold_flags(d, corpus, biases) for d in args.model_dirs]
    gold = {a: g for _, _, gd in folds for a, g in gd.items()}
    all_ids = [a for ids, _, _ in folds for a in ids]

    base: dict[str, SICounts] = {}
    crossfit: dict[str, SICounts] = {}
    for ids, flags, _ in folds:
        base.update(counts(flags[args.baseline], np.ones(len(flags[args.baseline].y), bool), ids, gold))
    for k, (ids, flags, _) in enumerate(folds):  # fit on fold k, score on the others
        bias, th, model, in_sample = choose(flags, ids, gold)
        others = [(oi, of) for j, (oi, of, _) in enumerate(folds) if j != k]
        gains = []
        for oi, of in others:
            fl = of[bias]
            c = counts(fl, predict(model, fl.x) >= th, oi, gold)
            gains.append(f1(c, oi) - f1(base, oi))
            if len(folds) == 2:
                crossfit.update(c)
        print(f"fitted on {args.model_dirs[k]}: bias {bias}, keep >= {th} (in-sample SI F1 {in_sample:.4f}); "
              f"on the other folds' articles gain {gains[0]:+.4f} over bias {args.baseline} unfiltered")
    if len(folds) == 2:
        rng = random.Random(13)
        samples = [[rng.choice(all_ids) for _ in all_ids] for _ in range(args.bootstrap)]
        diffs = [f1(crossfit, s) - f1(base, s) for s in samples]
        pooled_c = si_from_counts(crossfit.values())
        pooled_b = si_from_counts(base.values())
        print(f"pooled over {len(all_ids)} articles: baseline SI F1 {pooled_b.f1:.4f} (P {pooled_b.precision:.3f} "
              f"R {pooled_b.recall:.3f}); cross-fit filter {pooled_c.f1:.4f} (P {pooled_c.precision:.3f} "
              f"R {pooled_c.recall:.3f}); gain {pooled_c.f1 - pooled_b.f1:+.4f}, above 0 in "
              f"{sum(d > 0 for d in diffs) / len(diffs):.3f} of {args.bootstrap} paired resamples, at least "
              f"+0.005 in {sum(d >= 0.005 for d in diffs) / len(diffs):.3f}")
    pooled = {b: Flags(sum((f[b].article for _, f, _ in folds), []), sum((f[b].span for _, f, _ in folds), []),
                       np.vstack([f[b].x for _, f, _ in folds]), np.concatenate([f[b].y for _, f, _ in folds]))
              for b in biases}
    bias, th, model, score = choose(pooled, all_ids, gold)
    names = feature_names(json.loads((args.model_dirs[0] / "config.json").read_text(encoding="utf-8"))["techniques"])
    w = model[0]
    print(f"fitted on all folds: bias {bias}, keep >= {th}, in-sample SI F1 {score:.4f}; largest weights: " +
          ", ".join(f"{names[i]} {w[i]:+.2f}" for i in np.argsort(-np.abs(w))[:8]))

if __name__ == "__main__":
    main()
