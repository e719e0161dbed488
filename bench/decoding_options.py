"""Decoding options beyond the tuned grid, scored for one model on one PTC split.

The third plan of 2026-12-01 (model card, "Tried on 2026-12-01 (third plan)"): the tune
grid (``presslens.rhetoric.tune``) extended with higher seed thresholds, a minimum span
length in word pieces, and repeated wording (every other occurrence, in the same article,
of a kept span's exact wording of at least 2 words becomes a span too). Prints the model's
own decoding, the best of the original grid and the best of the extended one, each with SI
F1 / precision / recall. Choose on ``--split tune``; ``--decoding TH,SEED,GAP`` scores one
setting's minimum-length and repetition variants on another split (``validation``) for the record.

    python bench/decoding_options.py --split tune
    python bench/decoding_options.py --split validation --decoding 0.45,0.7,1
"""

from __future__ import annotations

import argparse
from pathlib import Path

from presslens.rhetoric import features as F
from presslens.rhetoric.model_detector import Runtime, default_model_dir
from presslens.rhetoric.ptc import load_articles, split
from presslens.rhetoric.scoring import Span, si_score
from presslens.rhetoric.tune import BRIDGE_GAPS, SEED_THRESHOLDS, THRESHOLDS, article_masks

EXTRA_SEEDS = (0.75, 0.85, 0.9)
MIN_PIECES = (1, 2, 3)

Setting = tuple[float, float | None, int, int, bool]  # threshold, seed, gap, min pieces, repeated wording


def with_repeats(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` plus every other occurrence of a span's exact wording (2 words or more; the
    runtime's ``crf_repeat_wording``). Since 2026-12-06 occurrences must be whole words, which the
    third plan's figures (measured before) did not require."""
    return list(spans) + F.repeated_wording(text, spans)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="../shared/data/ptc")
    parser.add_argument("--split", default="tune", choices=("tune", "validation"))
    parser.add_argument("--model", default=None, help="model directory (default: the shipped model)")
    parser.add_argument("--decoding", default=None, help="TH,SEED,GAP: score only this setting's variants")
    args = parser.parse_args()
    rt = Runtime(default_model_dir() if args.model is None else Path(args.model))
    articles = split(load_articles(args.data), args.split)
    masks = article_masks(articles)
    outputs = [rt._run(m.text, None) for m in masks]
    gold = {a.id: a.si_spans for a in articles}
    if args.decoding:
        th, seed, gap = args.decoding.split(",")
        base = [(float(th), None if seed == "None" else float(seed), int(gap))]
    else:
        base = [(th, seed, gap) for th in THRESHOLDS for seed in SEED_THRESHOLDS + EXTRA_SEEDS
                for gap in BRIDGE_GAPS if seed is None or seed > th]
    scores: dict[Setting, tuple[float, float, float]] = {}
    for th, seed, gap in base:
        decoded = [F.decode_spans(o.enc, o.p_span.tolist(), o.p_begin.tolist(), th, seed_threshold=seed,
                                  bridge_gap=gap) for o in outputs]
        for pieces in MIN_PIECES:
            for repeats in (False, True):
                sub = {}
                for a, m, spans in zip(articles, masks, decoded, strict=True):
                    kept = [m.to_original(b, e) for b, e, toks in spans if len(toks) >= pieces]
                    sub[a.id] = with_repeats(a.text, kept) if repeats else kept
                r = si_score(sub, gold)
                scores[(th, seed, gap, pieces, repeats)] = (r.f1, r.precision, r.recall)

    def plainest(k: Setting) -> tuple[float, bool, int, float, int, bool]:
        # the tune rule's tie-break, then the fewest extra options
        return round(scores[k][0], 4), k[1] is None, -k[2], -abs(k[0] - 0.5), -k[3], not k[4]

    def show(label: str, k: Setting) -> None:
        f1, p, r = scores[k]
        print(f"{label:<22} threshold {k[0]} seed {k[1]} gap {k[2]} min pieces {k[3]} repeats {k[4]}: "
              f"SI F1 {f1:.4f} (P {p:.4f} R {r:.4f})")

    print(f"{rt.config.get('training', 'model')[:60]}... on the {args.split} split ({len(articles)} articles)")
    if args.decoding:  # every variant of the one setting, none singled out
        for k in sorted(scores, key=lambda k: (k[3], k[4])):
            show("", k)
        return
    show("model's own decoding", (rt.threshold, rt.seed_threshold, rt.bridge_gap, 1, False))
    original = [k for k in scores if k[1] in SEED_THRESHOLDS and k[3] == 1 and not k[4]]
    show("best, original grid", max(original, key=plainest))
    show("best, extended grid", max(scores, key=plainest))


if __name__ == "__main__":
    main()
