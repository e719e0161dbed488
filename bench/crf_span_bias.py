"""Held-out SI of CRF models' best path with a span bias (a constant added to the B and I
emission scores before the path is taken: above 0 flags more, below fewer) and a minimum span
score (best-path spans whose mean span probability is below it are dropped), then the spans'
reshaping (merge gap, minimum words, repeated wording: ``features.reshape_spans``). Prints SI
precision, recall and F1 for each setting of a grid. Each model is scored on the articles of
train whose labels it did not learn (the tune split for a model trained on fit; fold N for one
trained with ``--train-on train-except-fold-N-of-K``); given several models, their held-out
articles are pooled into one score (cross-validation), each setting's gain over ``--baseline``
gets a paired bootstrap over articles, and a cross-fit shows how much choosing the best of the
grid flatters it: the setting best on one model's articles, scored against the baseline on the
other models' articles. Validation is never read. ``--write BIAS[,FLOOR[,GAP,WORDS,REPEATS]]``
then stores that setting in the (first) model's config.json (``crf_span_bias``, ``crf_min_span_score``,
``crf_merge_gap``, ``crf_min_words``, ``crf_repeat_wording``) and
refits its Platt calibration for the flags it gives on its held-out articles.

    python bench/crf_span_bias.py runs/K --held-out tune
    python bench/crf_span_bias.py runs/CV1 runs/CV2
    python bench/crf_span_bias.py runs/CV1 runs/CV2 --biases 0,0.25,0.5,0.75,1 \\
        --min-span-scores 0,0.3,0.4,0.5,0.6,0.7 --baseline 0.25,0
    python bench/crf_span_bias.py runs/CV1 runs/CV2 --biases 0.25,0.5 --merge-gaps 0,1,2 --min-words 1,2,3 \\
        --repeats 0,1 --baseline 0.25,0
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

from presslens.rhetoric.features import reshape_spans  # noqa: E402
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
Setting = tuple[float, float, int, int, int]  # span bias, minimum span score (0: none), then reshaping:
# merge gap (0: none), minimum words (1: none), repeated wording (0/1); see features.reshape_spans


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
    """A set of fold models' best paths on their held-out articles, at every setting of the grid."""
    runs: list[tuple[Path, Runtime, list[PtcArticle], list[Any], list[Any]]]  # dir, runtime, articles, masks, outputs
    ids: list[str]
    gold: dict[str, list[tuple[int, int]]]
    settings: list[Setting]
    found: dict[Setting, dict[str, list[tuple[int, int]]]]  # setting -> article -> spans (original characters)
    flags: dict[Setting, int]
    counts: dict[Setting, dict[str, SICounts]]  # setting -> article -> the sums behind SI

    def f1(self, setting: Setting, sample: list[str]) -> float:
        return si_from_counts(self.counts[setting][a] for a in sample).f1

    def best(self, near: Setting = (0.0, 0.0, 0, 1, 0), among: list[str] | None = None) -> Setting:
        """The setting with the highest SI F1 over ``among`` (default: all the articles; ties:
        the fewest options turned on, then the bias nearer ``near``'s, then the lower floor)."""
        ids = self.ids if among is None else among
        return max(self.settings, key=lambda s: (round(self.f1(s, ids), 12), -options_on(s),
                                                 -abs(s[0] - near[0]), -s[1]))


def options_on(s: Setting) -> int:
    """How many of a setting's floor and reshaping steps are turned on."""
    return int(s[1] > 0) + int(s[2] > 0) + int(s[3] > 1) + int(s[4] > 0)


def score_held_out(model_dirs: list[Path], corpus: list[PtcArticle], held_out: str | None = None,
                   biases: tuple[float, ...] = GRID, floors: tuple[float, ...] = (0.0,),
                   reshapes: list[tuple[int, int, int]] | None = None) -> HeldOut:
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
    reshapes = reshapes or [(0, 1, 0)]
    settings = [(b, f, *r) for b in biases for f in floors for r in reshapes]
    found: dict[Setting, dict[str, list[tuple[int, int]]]] = {s: {} for s in settings}
    flags = dict.fromkeys(settings, 0)
    for bias in biases:
        for _, rt, articles, masks, outputs in runs:
            for a, m, o in zip(articles, masks, outputs, strict=True):
                # one best path per bias; each floor then keeps the spans whose score reaches it
                path = rt.decode(o, span_bias=bias, min_span_score=0.0, reshape=False)
                scores = [float(o.p_span[toks].mean()) for _, _, toks in path]
                for floor in floors:
                    kept = [span for span, score in zip(path, scores, strict=True) if score >= floor] \
                        if floor > 0 else path
                    for gap, words, repeats in reshapes:
                        shaped = [m.to_original(b, e) for b, e, _ in
                                  reshape_spans(o.enc, kept, gap, words, bool(repeats))]
                        flags[(bias, floor, gap, words, repeats)] += len(shaped)
                        found[(bias, floor, gap, words, repeats)][a.id] = shaped
    counts = {s: {a: si_article_counts(found[s][a], gold[a]) for a in ids} for s in settings}
    return HeldOut(runs, ids, gold, settings, found, flags, counts)


def describe(s: Setting) -> str:
    return f"bias {s[0]}, floor {s[1]}, merge gap {s[2]}, min words {s[3]}, repeated wording {bool(s[4])}"


def write_setting(cfg: dict[str, Any], s: Setting) -> None:
    """Store a setting in a model's config (keys at their defaults are left out)."""
    cfg["crf_span_bias"] = s[0]
    for key, value, default in (("crf_min_span_score", s[1], 0.0), ("crf_merge_gap", s[2], 0),
                                ("crf_min_words", s[3], 1), ("crf_repeat_wording", bool(s[4]), False)):
        if value != default:
            cfg[key] = value
        else:
            cfg.pop(key, None)


def _numbers(text: str) -> tuple[float, ...]:
    return tuple(float(x) for x in text.split(","))


def _setting(text: str) -> Setting:
    values = _numbers(text)
    if len(values) not in (1, 2, 5):
        raise argparse.ArgumentTypeError("give BIAS, BIAS,FLOOR or BIAS,FLOOR,GAP,WORDS,REPEATS")
    if len(values) < 5:
        return values[0], values[1] if len(values) == 2 else 0.0, 0, 1, 0
    return values[0], values[1], int(values[2]), int(values[3]), int(values[4])


def _ints(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split(","))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model_dirs", type=Path, nargs="+", metavar="MODEL_DIR",
                        help="exported models trained with --crf (several: their held-out articles are pooled)")
    parser.add_argument("--against", type=Path, nargs="+", default=None, metavar="MODEL_DIR",
                        help="another set of fold models on the same articles: the two sets are compared, each "
                             "at its own best setting, with the same paired resamples")
    parser.add_argument("--data", type=Path, default=DEFAULT_PTC)
    parser.add_argument("--held-out", default=None, metavar="SPLIT",
                        help="score on this split (e.g. tune) instead of the one the models' configs record")
    parser.add_argument("--biases", type=_numbers, default=GRID, metavar="B,B,...", help="span biases of the grid")
    parser.add_argument("--min-span-scores", type=_numbers, default=(0.0,), metavar="F,F,...",
                        help="minimum span scores of the grid (0: no floor)")
    parser.add_argument("--merge-gaps", type=_ints, default=(0,), metavar="G,G,...",
                        help="merge gaps of the grid, in tokens (0: none)")
    parser.add_argument("--min-words", type=_ints, default=(1,), metavar="N,N,...",
                        help="minimum words per span of the grid (1: none)")
    parser.add_argument("--repeats", type=_ints, default=(0,), metavar="0,1",
                        help="repeated wording off (0) and/or on (1)")
    parser.add_argument("--baseline", type=_setting, default=(0.0, 0.0, 0, 1, 0),
                        metavar="BIAS[,FLOOR[,GAP,WORDS,REPEATS]]",
                        help="the setting every gain is measured against (default 0,0)")
    parser.add_argument("--bootstrap", type=int, default=1000, help="paired resamples of the articles")
    parser.add_argument("--write", type=_setting, default=None, metavar="BIAS[,FLOOR[,GAP,WORDS,REPEATS]]",
                        help="store this setting in the first model's config and refit its calibration")
    args = parser.parse_args()
    reshapes = [(g, w, r) for g in args.merge_gaps for w in args.min_words for r in args.repeats]
    if args.baseline[0] not in args.biases or args.baseline[1] not in args.min_span_scores or \
            tuple(args.baseline[2:]) not in reshapes:
        parser.error("the baseline must be a setting of the grid")

    corpus = load_articles(args.data)
    held = score_held_out(args.model_dirs, corpus, args.held_out, args.biases, args.min_span_scores, reshapes)
    rng = random.Random(13)
    samples = [[rng.choice(held.ids) for _ in held.ids] for _ in range(args.bootstrap)]
    base = [held.f1(args.baseline, s) for s in samples]
    base_f1 = held.f1(args.baseline, held.ids)
    print(f"{len(held.ids)} held-out articles; gain over {describe(args.baseline)} "
          f"with a paired bootstrap of {args.bootstrap} resamples")
    print(f"{'span bias':>9} {'floor':>6} {'gap':>4} {'words':>5} {'rep':>4} {'flags':>6} {'SI P':>7} {'SI R':>7} "
          f"{'SI F1':>7} {'gain':>7} {'P(gain>0)':>9} {'P(gain>=.005)':>13}")
    for setting in held.settings:
        score = si_score(held.found[setting], held.gold)
        gains = [held.f1(setting, s) - b for s, b in zip(samples, base, strict=True)] \
            if setting != args.baseline else []
        share = sum(g > 0 for g in gains) / len(gains) if gains else float("nan")
        # the bar the plans use: a gain of at least 0.005 (about one seed's spread)
        share_bar = sum(g >= 0.005 for g in gains) / len(gains) if gains else float("nan")
        print(f"{setting[0]:9.2f} {setting[1]:6.2f} {setting[2]:4d} {setting[3]:5d} {setting[4]:4d} "
              f"{held.flags[setting]:6d} {score.precision:7.4f} {score.recall:7.4f} {score.f1:7.4f} "
              f"{score.f1 - base_f1:+7.4f} {share:9.3f} {share_bar:13.3f}")
    best = held.best(args.baseline)
    print(f"best setting: {describe(best)} (SI F1 {held.f1(best, held.ids):.4f})")
    if len(held.runs) > 1:  # cross-fit: choose on one model's articles, score on the others'
        for model_dir, _, articles, _, _ in held.runs:
            mine = [a.id for a in articles]
            others = [a for a in held.ids if a not in set(mine)]
            chosen = held.best(args.baseline, among=mine)
            gain = held.f1(chosen, others) - held.f1(args.baseline, others)
            print(f"cross-fit: chosen on {model_dir}'s articles: {describe(chosen)}; "
                  f"on the other {len(others)} articles SI F1 {held.f1(chosen, others):.4f}, "
                  f"gain over the baseline {gain:+.4f}")
    if args.against:
        other = score_held_out(args.against, corpus, None, args.biases, args.min_span_scores, reshapes)
        if sorted(other.ids) != sorted(held.ids):
            sys.exit("the two sets of models are not scored on the same held-out articles")
        theirs = other.best(args.baseline)
        diffs = [held.f1(best, s) - other.f1(theirs, s) for s in samples]
        diff = held.f1(best, held.ids) - other.f1(theirs, other.ids)
        print(f"against {' '.join(map(str, args.against))}: best setting {best} here, {theirs} there; "
              f"SI F1 difference {diff:+.4f}; in {args.bootstrap} paired resamples above 0: "
              f"{sum(d > 0 for d in diffs) / len(diffs):.3f}, at least +0.005: "
              f"{sum(d >= 0.005 for d in diffs) / len(diffs):.3f}")
    if args.write is not None:
        model_dir, _, articles, masks, outputs = held.runs[0]
        cfg_path = model_dir / "config.json"
        cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
        write_setting(cfg, args.write)
        cfg_path.write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")
        calibrate_crf(Runtime(model_dir), model_dir, articles, masks, outputs, log=print)
        print(f"{describe(args.write)} written to {cfg_path}, calibration refitted on its held-out articles")


if __name__ == "__main__":
    main()
