"""What int8 quantisation costs the technique model: one checkpoint exported as fp32, int8
with one scale per weight matrix, int8 with one scale per output channel (as ``presslens
train`` exports it; since the twenty-sixth plan with the FFN output projections in fp32),
and the same with 7-bit weights (onnxruntime's ``reduce_range``, which keeps the AVX2 kernel's
16-bit intermediate sums from saturating); for each, the tune split's SI F1 with its own chosen
decoding (a CRF model: its best path) and the mean and largest absolute difference of the token
probabilities from fp32 on the tune articles. The differences depend on the CPU kind, which is
printed. Needs the [train] extra.

    python bench/quantisation.py runs/ema/epoch8.pt --out runs/quantisation
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from machine import describe  # noqa: E402
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
                "int8-per-channel": per_channel, "int8-per-channel-7bit": args.out / "int8-per-channel-7bit"}
    for d in (variants["fp32"], variants["int8-per-matrix"], variants["int8-per-channel-7bit"]):
        shutil.copytree(per_channel, d, dirs_exist_ok=True)
    shutil.copy(fp32, variants["fp32"] / "model.onnx")
    train.quantise(fp32, variants["int8-per-matrix"] / "model.onnx", per_channel=False)
    train.quantise(fp32, variants["int8-per-channel-7bit"] / "model.onnx", reduce_range=True)

    articles = split(load_articles(args.data), "tune")
    masks = article_masks(articles)
    reference = [Runtime(variants["fp32"])._run(m.text, None).p_span for m in masks]
    print(f"machine: {describe()}")
    print(f"{'variant':<22} {'MB':>6} {'tune SI F1':>11} {'mean |p - p_fp32|':>18} {'max':>7}")
    for name, d in variants.items():
        tune(d, articles, log=lambda _m: None)
        runtime = Runtime(d)
        diffs = [abs(runtime._run(m.text, None).p_span - r) for m, r in zip(masks, reference, strict=True)]
        mean = sum(float(x.mean()) for x in diffs) / len(diffs)
        largest = max(float(x.max()) for x in diffs)
        f1 = list(json.loads((d / "config.json").read_text(encoding="utf-8"))["tune_si_f1"].values())[-1]
        size = (d / "model.onnx").stat().st_size / 1e6
        print(f"{name:<22} {size:6.1f} {f1:11.4f} {mean:18.4f} {largest:7.3f}")


if __name__ == "__main__":
    main()
