"""Held-out SI of CRF models' best path with a span bias: a constant added to the B and I
emission scores before the path is taken (above 0 flags more, below fewer). Prints SI
precision, recall and F1 for each bias of a fixed grid. Each model is scored on the articles
of train whose labels it did not learn (the tune split for a model trained on fit; fold N for
one trained with ``--train-on train-except-fold-N-of-K``); given several models, their
held-out articles are pooled into one score (cross-validation), and each bias's gain over
bias 0 gets a paired bootstrap over articles. Validation is never read. ``--write BIAS`` then
stores that bias in the (first) model's config.json (``crf_span_bias``) and refits its Platt
calibration for the flags it gives on its held-out articles.

    python bench/crf_span_bias.py runs/K --held-out tune
    python bench/crf_span_bias.py runs/CV1 runs/CV2
    python bench/crf_span_bias.py runs/CV1w runs/CV2w --against runs/CV1 runs/CV2
    python bench/crf_span_bias.py runs/K --held-out tune --write 0.5
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from presslens.rhetoric.model_detector import Runtime  # noqa: E402
from presslens.rhetoric.ptc import (  # noqa: E402
    DEFAULT_PTC,
    PtcArticle,
    held_out_of,
    load_articles,
    model_train_on,
    split,
)
from presslens.rhetoric.scoring import SICounts, si_article_counts, si_from_counts, si_score  # noqa: E402
from presslens.rhetoric.tune import article_masks, calibrate_crf  # noqa: E402

GRID = (-1.0, -0.5, -0.25, 0.0, 0.25, 0.5, 0.75, 1.0, 1.5)


def held_out_outputs(model_dir: Path, corpus: list[PtcArticle], held_out: str | None = None
                     ) -> tuple[Runtime, str, list[PtcArticle], list[Any], list[Any]]:
    """The model, and its outputs on the train articles whose labels it did not learn: by what
    its config records it learnt from (``presslens train``), or ``held_out`` given for a model
    whose config does not record it (models exported before 2026-12-02, e.g. K: ``tune``)."""
    rt = Runtime(model_dir)
    if held_out is None:
        learnt_from = model_train_on(json.loads((model_dir / "config.json").read_text(encoding="utf-8")))
        held_out = held_out_of(learnt_from)
        if not held_out:
            sys.exit(f"{model_dir} learnt from {learnt_from!r}: no held-out articles known "
                     "(give --held-out for a model whose config does not record it)")
    articles = split(corpus, held_out)
    masks = article_masks(articles)
    return rt, held_out, articles, masks, [rt._run(m.text, None) for m in masks]


@dataclass
class HeldOut:
    """A set of fold models' best paths on their held-out articles, at every bias of the grid."""
    runs: list[tuple[Path, Runtime, list[PtcArticle], list[Any], list[Any]]]  # dir, runtime, articles, masks, outputs
    ids: list[str]
    gold: dict[str, list[tuple[int, int]]]
    found: dict[float, dict[str, list[tuple[int, int]]]]  # bias -> article -> spans (original characters)
    flags: dict[float, int]
    counts: dict[float, dict[str, SICounts]]  # bias -> article -> the sums behind SI

    def f1(self, bias: float, sample: list[str]) -> float:
        return si_from_counts(self.counts[bias][a] for a in sample).f1

    def best_bias(self) -> float:
        """The bias with the highest pooled SI F1 (ties: the one nearer 0)."""
        return max(GRID, key=lambda b: (round(si_score(self.found[b], self.gold).f1, 12), -abs(b)))


def score_held_out(model_dirs: list[Path], corpus: list[PtcArticle], held_out: str | None = None) -> HeldOut:
    runs = []
    for model_dir in model_dirs:
        rt, part, articles, masks, outputs = held_out_outputs(model_dir, corpus, held_out)
        if rt.crf is None:
            sys.exit(f"{model_dir} has no CRF (trained without --crf): nothing to bias")
        runs.append((model_dir, rt, articles, masks, outputs))
        print(f"{model_dir}: scored on {part}, {len(articles)} articles")
    ids = [a.id for r in runs for a in r[2]]
    if len(set(ids)) != len(ids):
        sys.exit("the models' held-out articles overlap: give models of distinct folds")
    gold = {a.id: a.si_spans for r in runs for a in r[2]}
    found: dict[float, dict[str, list[tuple[int, int]]]] = {}
    flags: dict[float, int] = {}
    for bias in GRID:
        found[bias], flags[bias] = {}, 0
        for _, rt, articles, masks, outputs in runs:
            for a, m, o in zip(articles, masks, outputs, strict=True):
                spans = rt.decode(o, span_bias=bias)
                flags[bias] += len(spans)
                found[bias][a.id] = [m.to_original(b, e) for b, e, _ in spans]
    counts = {bias: {a: si_article_counts(found[bias][a], gold[a]) for a in ids} for bias in GRID}
    return HeldOut(runs, ids, gold, found, flags, counts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model_dirs", type=Path, nargs="+", metavar="MODEL_DIR",
                        help="exported models trained with --crf (several: their held-out articles are pooled)")
    parser.add_argument("--against", type=Path, nargs="+", default=None, metavar="MODEL_DIR",
                        help="another set of fold models on the same articles: the two sets are compared, each "
                             "at its own best bias, with the same paired resamples")
    parser.add_argument("--data", type=Path, default=DEFAULT_PTC)
    parser.add_argument("--held-out", default=None, metavar="SPLIT",
                        help="score on this split (e.g. tune) instead of the one the models' configs record")
    parser.add_argument("--bootstrap", type=int, default=1000, help="paired resamples of the articles")
    parser.add_argument("--write", type=float, default=None, metavar="BIAS",
                        help="store this span bias in the first model's config and refit its calibration")
    args = parser.parse_args()

    corpus = load_articles(args.data)
    held = score_held_out(args.model_dirs, corpus, args.held_out)
    rng = random.Random(13)
    samples = [[rng.choice(held.ids) for _ in held.ids] for _ in range(args.bootstrap)]
    base = [held.f1(0.0, s) for s in samples]
    print(f"{len(held.ids)} held-out articles; gain over bias 0 with a paired bootstrap of {args.bootstrap} resamples")
    print(f"{'span bias':>9} {'flags':>6} {'SI P':>7} {'SI R':>7} {'SI F1':>7} {'gain':>7} {'P(gain>0)':>9}")
    for bias in GRID:
        score = si_score(held.found[bias], held.gold)
        gains = [held.f1(bias, s) - b for s, b in zip(samples, base, strict=True)] if bias else []
        share = sum(g > 0 for g in gains) / len(gains) if gains else float("nan")
        gain = score.f1 - si_score(held.found[0.0], held.gold).f1
        print(f"{bias:9.2f} {held.flags[bias]:6d} {score.precision:7.4f} {score.recall:7.4f} {score.f1:7.4f} "
              f"{gain:+7.4f} {share:9.3f}")
    if args.against:
        other = score_held_out(args.against, corpus)
        if sorted(other.ids) != sorted(held.ids):
            sys.exit("the two sets of models are not scored on the same held-out articles")
        mine, theirs = held.best_bias(), other.best_bias()
        diffs = [held.f1(mine, s) - other.f1(theirs, s) for s in samples]
        diff = si_score(held.found[mine], held.gold).f1 - si_score(other.found[theirs], other.gold).f1
        print(f"against {' '.join(map(str, args.against))}: best bias {mine} here, {theirs} there; "
              f"SI F1 difference {diff:+.4f}; in {args.bootstrap} paired resamples above 0: "
              f"{sum(d > 0 for d in diffs) / len(diffs):.3f}, at least +0.005: "
              f"{sum(d >= 0.005 for d in diffs) / len(diffs):.3f}")
    if args.write is not None:
        model_dir, _, articles, masks, outputs = held.runs[0]
        cfg_path = model_dir / "config.json"
        cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
        cfg["crf_span_bias"] = args.write
        cfg_path.write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")
        biased = Runtime(model_dir)
        calibrate_crf(biased, model_dir, articles, masks, outputs, log=print)
        print(f"span bias {args.write} written to {cfg_path}, calibration refitted on its held-out articles")


if __name__ == "__main__":
    main()
