"""How closely int8 exports of one checkpoint follow its fp32 export, without reading any label:
each variant detects technique spans on the 90 unlabelled PTC articles as ``presslens analyze``
does (names masked), and its flags are scored against the fp32 model's flags as if those were
gold (the task's SI scorer: agreement 1.0 means the same flags). Also printed: the mean absolute
difference of the token span probabilities from fp32, the share of the fp32 flags whose top
technique the variant names alike, the encoder file's size and the model's time on the articles.
Variants (the shipped tokenizer, TC head and config.json go with each; only model.onnx and
``windows_per_run`` differ):
  shipped          the package's model.onnx, batches of 16 windows per encoder run
  shipped-w1       the same, one window per run (a window's activation scale is its own)
  int8             the checkpoint quantised as before the twenty-sixth plan, batches of 16
  int8-ffn32       the same with the six FFN output projections left in fp32, batches of 16
  int8-ffn32-w1    the same, one window per run (what ``presslens train`` exports since that plan)
Twenty-sixth plan of the model card. Needs the [train] extra.

    python3 bench/export_fidelity.py runs/KKF.pt --out runs/fid
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from machine import describe  # noqa: E402
from presslens.rhetoric import train  # noqa: E402
from presslens.rhetoric.model_detector import Runtime, default_model_dir  # noqa: E402
from presslens.rhetoric.names import mask_names  # noqa: E402
from presslens.rhetoric.ptc import DEFAULT_PTC, load_articles  # noqa: E402
from presslens.rhetoric.scoring import si_score  # noqa: E402
from presslens.rhetoric.tune import article_names  # noqa: E402


def make_variants(checkpoint: Path, out: Path, shipped: Path, max_len: int) -> dict[str, Path]:
    torch, transformers = train._imports()
    model = train.build_model(torch, transformers)
    train.load_weights(model, torch, checkpoint)
    fp32 = out / "encoder_fp32.onnx"
    exported = out / "export"
    exported.mkdir(parents=True, exist_ok=True)
    train.export(model, torch, exported, max_len, keep_fp32=fp32)
    ffn32 = exported / "model.onnx"  # the kind `presslens train` exports (train.FP32_NODES in fp32)
    int8 = out / "encoder_int8.onnx"
    train.quantise(fp32, int8)  # the kind shipped before the twenty-sixth plan
    encoders = {"fp32": (fp32, 16), "shipped": (shipped / "model.onnx", 16), "shipped-w1": (shipped / "model.onnx", 1),
                "int8": (int8, 16), "int8-ffn32": (ffn32, 16), "int8-ffn32-w1": (ffn32, 1)}
    dirs = {}
    for name, (encoder, per_run) in encoders.items():
        d = out / name
        d.mkdir(parents=True, exist_ok=True)
        for f in ("tokenizer.json", "tc_head.onnx"):
            shutil.copy(shipped / f, d / f)
        shutil.copy(encoder, d / "model.onnx")
        config = json.loads((shipped / "config.json").read_text(encoding="utf-8"))
        config["windows_per_run"] = per_run
        (d / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        dirs[name] = d
    return dirs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkpoint", type=Path, help="the shipped model's weights (bench/recover_checkpoint.py)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--data", type=Path, default=DEFAULT_PTC)
    parser.add_argument("--shipped", type=Path, default=default_model_dir())
    parser.add_argument("--max-len", type=int, default=160)
    args = parser.parse_args()

    dirs = make_variants(args.checkpoint, args.out, args.shipped, args.max_len)
    articles = load_articles(args.data, "unlabelled", labelled=False)
    names = article_names(articles)
    masked = [mask_names(a.text, n).text for a, n in zip(articles, names, strict=True)]
    results = {}
    for name, d in dirs.items():
        rt = Runtime(d)
        t = time.perf_counter()
        flags = {a.id: rt.detect(a.text, names=n) for a, n in zip(articles, names, strict=True)}
        seconds = time.perf_counter() - t
        p_span = [rt._run(m, None).p_span for m in masked]
        results[name] = (rt, flags, p_span, seconds)
    _, ref_flags, ref_p, _ = results["fp32"]
    gold = {k: [(p.begin, p.end) for p in v] for k, v in ref_flags.items()}
    n_ref = sum(len(v) for v in gold.values())
    print(f"machine: {describe()}")
    print(f"{len(articles)} unlabelled PTC articles; fp32 flags {n_ref}")
    print(f"{'variant':<15} {'MB':>6} {'flags':>6} {'agreement F1':>13} {'(P / R)':>15} "
          f"{'mean |p-p32|':>13} {'same top technique':>19} {'seconds':>8}")
    for name, (rt, flags, p_span, seconds) in results.items():
        sub = {k: [(p.begin, p.end) for p in v] for k, v in flags.items()}
        agree = si_score(sub, gold)
        diff = sum(float(abs(p - r).mean()) for p, r in zip(p_span, ref_p, strict=True)) / len(p_span)
        same = total = 0
        for a, n in zip(articles, names, strict=True):
            ref = ref_flags[a.id]
            if not ref:
                continue
            labelled = rt.classify(a.text, [(p.begin, p.end) for p in ref], names=n)
            same += sum(x.technique_probs[0][0] == y.technique_probs[0][0] for x, y in zip(labelled, ref, strict=True))
            total += len(ref)
        size = (dirs[name] / "model.onnx").stat().st_size / 1e6
        n_flags = sum(len(v) for v in sub.values())
        pr = f"({agree.precision:.3f} / {agree.recall:.3f})"
        print(f"{name:<15} {size:6.1f} {n_flags:6d} {agree.f1:13.4f} {pr:>15} {diff:13.4f} "
              f"{same / max(total, 1):19.3f} {seconds:8.1f}")


if __name__ == "__main__":
    main()
