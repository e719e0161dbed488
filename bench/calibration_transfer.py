"""Does a score calibration carry over to a model it was not fitted for? For CRF models trained on
different folds of train (``--train-on train-except-fold-N-of-K``), each model's held-out flags are
scored under (a) the Platt fit on the other models' held-out flags and (b) a reference model's
calibration (e.g. the shipped one), and the expected calibration error (10 bins, as ``presslens
evaluate techniques``) of each is printed. ``--write DIR`` stores the Platt fit on all the models'
pooled held-out flags in DIR's config.json. Validation is never read.

    python bench/calibration_transfer.py runs/CV1 runs/CV2 --reference runs/Kb --span-bias 0.25
    python bench/calibration_transfer.py runs/CV1 runs/CV2 --reference src/presslens/rhetoric/model \\
        --span-bias 0.5 --min-span-score 0.4
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from crf_span_bias import held_out_outputs

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from presslens.rhetoric.model_detector import platt_probability  # noqa: E402
from presslens.rhetoric.ptc import DEFAULT_PTC, PtcArticle, load_articles  # noqa: E402
from presslens.rhetoric.tune import (  # noqa: E402
    _fit_calibration,
    expected_calibration_error,
    fit_platt,
)


def held_out_flags(model_dir: Path, corpus: list[PtcArticle], span_bias: float,
                   min_span_score: float = 0.0) -> list[tuple[float, int]]:
    """(raw score, right or not) of each flag the model gives on the train articles it did not learn."""
    rt, held_out, articles, masks, outputs = held_out_outputs(model_dir, corpus)
    spans = [rt.decode(o, span_bias=span_bias, min_span_score=min_span_score) for o in outputs]
    *_, pairs = _fit_calibration(rt, articles, masks, outputs, spans)
    print(f"{model_dir}: {len(pairs)} flags on {held_out} ({len(articles)} articles), {sum(y for _, y in pairs)} right")
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model_dirs", type=Path, nargs="+", metavar="MODEL_DIR", help="CRF models of distinct folds")
    parser.add_argument("--reference", type=Path, required=True, help="a model whose calibration is compared")
    parser.add_argument("--span-bias", type=float, default=0.0, help="the best path's span bias for every model")
    parser.add_argument("--min-span-score", type=float, default=0.0,
                        help="the best path's minimum span score for every model (0: none)")
    parser.add_argument("--data", type=Path, default=DEFAULT_PTC)
    parser.add_argument("--write", type=Path, default=None, metavar="DIR",
                        help="store the Platt fit on all the models' held-out flags in DIR/config.json")
    args = parser.parse_args()
    if len(args.model_dirs) < 2:
        sys.exit("give at least two models of distinct folds")

    ref = json.loads((args.reference / "config.json").read_text(encoding="utf-8"))["calibration"]
    corpus = load_articles(args.data)
    flags = {d: held_out_flags(d, corpus, args.span_bias, args.min_span_score) for d in args.model_dirs}
    print(f"reference calibration ({args.reference}): a {ref['a']:.3f} b {ref['b']:.3f}")
    print(f"{'model':<16} {'flags':>6} {'right':>6} {'ECE other folds':>16} {'ECE reference':>14}")
    for d, pairs in flags.items():
        others = [p for o, ps in flags.items() if o != d for p in ps]
        a, b = fit_platt(others)
        ys = [y for _, y in pairs]
        ece_other = expected_calibration_error([platt_probability(a, b, r) for r, _ in pairs], ys)
        ece_ref = expected_calibration_error([platt_probability(ref["a"], ref["b"], r) for r, _ in pairs], ys)
        print(f"{str(d):<16} {len(pairs):6d} {sum(ys) / len(ys):6.3f} {ece_other:16.4f} {ece_ref:14.4f}"
              f"   (other folds' fit: a {a:.3f} b {b:.3f})")
    pooled = [p for ps in flags.values() for p in ps]
    a, b = fit_platt(pooled)
    print(f"pooled fit on {len(pooled)} held-out flags: a {a:.3f} b {b:.3f}")
    if args.write is not None:
        cfg_path = args.write / "config.json"
        cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
        cfg["calibration"] = {"a": round(a, 5), "b": round(b, 5), "flags": len(pooled),
                              "fitted_on": ("the held-out flags of " + ", ".join(d.name for d in args.model_dirs)
                                            + f" (cross-validation folds of train), span bias {args.span_bias}"
                                            + (f", minimum span score {args.min_span_score}"
                                               if args.min_span_score > 0 else "")),
                              "target": "the flag overlaps a gold span of the same technique"}
        cfg_path.write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")
        print(f"pooled calibration written to {cfg_path}")


if __name__ == "__main__":
    main()
