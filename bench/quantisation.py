"""What int8 quantisation costs the technique model: one checkpoint exported as fp32, int8
with one scale per weight matrix, and int8 with one scale per output channel (the shipped
kind); for each, the tune split's SI F1 with its own chosen decoding and the mean absolute
difference of the token probabilities from fp32 on the tune articles. Needs the [train] extra.

    python bench/quantisation.py runs/ema/epoch8.pt --out runs/quantisation
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from presslens.rhetoric import train  # noqa: E402
from presslens.rhetoric.model_detector import Runtime  # noqa: E402
from presslens.rhetoric.ptc import DEFAULT_PTC, load_articles, split  # noqa: E402
from presslens.rhetoric.tune import article_masks, tune  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkpoint", type=Path, help="checkpoint.pt or epochN.pt of `presslens train techniques`")
    parser.add_argument("--out", type=Path, required=True, help="directory for the three exported models")
    parser.add_argument("--data", type=Path, default=DEFAULT_PTC)
    parser.add_argument("--max-len", type=int, default=160)
    args = parser.parse_args()

    torch, transformers = train._imports()
    model = train.build_model(torch, transformers)
    train.load_weights(model, torch, args.checkpoint)
    fp32 = args.out / "encoder_fp32.onnx"
    per_channel = args.out / "int8-per-channel"
    per_channel.mkdir(parents=True, exist_ok=True)
    train.export(model, torch, per_channel, args.max_len, keep_fp32=fp32)
    variants = {"fp32": args.out / "fp32", "int8-per-matrix": args.out / "int8-per-matrix",
                "int8-per-channel": per_channel}
    for d in (variants["fp32"], variants["int8-per-matrix"]):
        shutil.copytree(per_channel, d, dirs_exist_ok=True)
    shutil.copy(fp32, variants["fp32"] / "model.onnx")
    train.quantise(fp32, variants["int8-per-matrix"] / "model.onnx", per_channel=False)

    articles = split(load_articles(args.data), "tune")
    masks = article_masks(articles)
    reference = [Runtime(variants["fp32"])._run(m.text, None).p_span for m in masks]
    print(f"{'variant':<18} {'MB':>6} {'tune SI F1':>11} {'mean |p - p_fp32|':>18}")
    for name, d in variants.items():
        tune(d, articles, log=lambda _m: None)
        runtime = Runtime(d)
        diff = sum(float(abs(runtime._run(m.text, None).p_span - r).mean())
                   for m, r in zip(masks, reference, strict=True)) / len(masks)
        f1 = json.loads((d / "config.json").read_text(encoding="utf-8"))["tune_si_f1"]["chosen decoding"]
        size = (d / "model.onnx").stat().st_size / 1e6
        print(f"{name:<18} {size:6.1f} {f1:11.4f} {diff:18.4f}")


if __name__ == "__main__":
    main()
