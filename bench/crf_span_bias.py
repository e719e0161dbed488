"""Tune-split SI of a CRF model's best path with a span bias: a constant added to the B and I
emission scores before the path is taken (above 0 flags more, below fewer). Prints SI
precision, recall and F1 for each bias of a fixed grid, on the tune split only (validation
never chooses). ``--write BIAS`` then stores that bias in the model's config.json
(``crf_span_bias``) and refits its Platt calibration for the flags it gives on tune.

    python bench/crf_span_bias.py runs/K
    python bench/crf_span_bias.py runs/K --write 0.5
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from presslens.rhetoric.model_detector import Runtime  # noqa: E402
from presslens.rhetoric.ptc import DEFAULT_PTC, load_articles, split  # noqa: E402
from presslens.rhetoric.scoring import si_score  # noqa: E402
from presslens.rhetoric.tune import article_masks, calibrate_crf  # noqa: E402

GRID = (-1.0, -0.5, -0.25, 0.0, 0.25, 0.5, 0.75, 1.0, 1.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model_dir", type=Path, help="an exported model trained with --crf")
    parser.add_argument("--data", type=Path, default=DEFAULT_PTC)
    parser.add_argument("--write", type=float, default=None, metavar="BIAS",
                        help="store this span bias in the model's config and refit its calibration on tune")
    args = parser.parse_args()

    rt = Runtime(args.model_dir)
    if rt.crf is None:
        sys.exit(f"{args.model_dir} has no CRF (trained without --crf): nothing to bias")
    articles = split(load_articles(args.data), "tune")
    masks = article_masks(articles)
    outputs = [rt._run(m.text, None) for m in masks]
    gold = {a.id: a.si_spans for a in articles}
    print(f"tune split: {len(articles)} articles; model {args.model_dir}")
    print(f"{'span bias':>9} {'flags':>6} {'SI P':>7} {'SI R':>7} {'SI F1':>7}")
    for bias in GRID:
        found = [rt.decode(o, span_bias=bias) for o in outputs]
        sub = {a.id: [m.to_original(b, e) for b, e, _ in spans]
               for a, m, spans in zip(articles, masks, found, strict=True)}
        score = si_score(sub, gold)
        print(f"{bias:9.2f} {sum(map(len, found)):6d} {score.precision:7.4f} {score.recall:7.4f} {score.f1:7.4f}")
    if args.write is not None:
        cfg_path = args.model_dir / "config.json"
        cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
        cfg["crf_span_bias"] = args.write
        cfg_path.write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")
        biased = Runtime(args.model_dir)
        calibrate_crf(biased, args.model_dir, articles, masks, outputs, log=print)
        print(f"span bias {args.write} written to {cfg_path}, calibration refitted on tune")


if __name__ == "__main__":
    main()
