"""Recover a PyTorch checkpoint (``epochN.pt`` format) from an exported technique model, so
that a shipped model whose training checkpoints are gone can still be averaged with new runs
(``presslens train techniques --export-from OUT.pt --export-from runs/x/epoch8.pt``).

The int8 encoder's weights are dequantised (weight x scale, per output channel), so the
recovered weights differ from the trained fp32 ones by the rounding of int8; re-exported,
the shipped model scores the same tune SI F1 (0.4061). A CRF model's start, end and
transition scores are read from its ``config.json``. Each PyTorch parameter is matched to
its ONNX initializer by exporting a model with distinct random weights and comparing values.
Needs the [train] extra.

    python bench/recover_checkpoint.py src/presslens/rhetoric/model runs/shipped.pt
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from presslens.rhetoric import train  # noqa: E402


def initializers(path: Path) -> dict[str, Any]:
    import onnx
    from onnx import numpy_helper

    return {i.name: numpy_helper.to_array(i) for i in onnx.load(str(path)).graph.initializer}


def dequantised(weights: dict[str, Any]) -> dict[str, Any]:
    """fp32 arrays under the unquantised names: (q - zero_point) x scale, per channel where
    the scale is a vector (along the axis of its length; the output axis of MatMul weights)."""
    import numpy as np

    out = {k: v for k, v in weights.items() if not k.endswith(("_quantized", "_scale", "_zero_point"))}
    for k in weights:
        if not k.endswith("_quantized"):
            continue
        name = k[: -len("_quantized")]
        q = weights[k].astype(np.float32)
        scale, zero = weights[name + "_scale"], weights[name + "_zero_point"].astype(np.float32)
        if scale.ndim == 1 and scale.size > 1:
            axis = [a for a in range(q.ndim) if q.shape[a] == scale.size][-1]
            shape = [1] * q.ndim
            shape[axis] = scale.size
            scale, zero = scale.reshape(shape), zero.reshape(shape)
        out[name] = (q - zero) * scale
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model_dir", type=Path, help="an exported model: model.onnx, tc_head.onnx, ...")
    parser.add_argument("out", type=Path, help="checkpoint to write (epochN.pt format)")
    args = parser.parse_args()

    import numpy as np

    torch, transformers = train._imports()
    torch.manual_seed(0)
    probe = train.build_model(torch, transformers)
    with torch.no_grad():  # distinct values, so that every parameter is found by value
        for p in probe.parameters():
            p.copy_(torch.randn_like(p))
    tmp = Path(tempfile.mkdtemp())
    train.export(probe, torch, tmp, 160, keep_fp32=tmp / "fp32.onnx")
    pairs = [(initializers(tmp / "fp32.onnx"), dequantised(initializers(args.model_dir / "model.onnx"))),
             (initializers(tmp / "tc_head.onnx"), initializers(args.model_dir / "tc_head.onnx"))]
    state, unused = {}, []
    for name, p in probe.state_dict().items():
        a = p.numpy()
        found = None
        for fresh, real in pairs:
            for k, v in fresh.items():
                if v.shape == a.shape and np.array_equal(v, a):
                    found = real[k].copy()
                elif v.ndim == 2 and v.shape == a.shape[::-1] and np.array_equal(v.T, a):
                    found = real[k].T.copy()
                if found is not None:
                    break
            if found is not None:
                break
        if found is None:  # not in the exported graphs: the pooler, the training-only token head
            unused.append(name)
            state[name] = p.clone()
        else:
            state[name] = torch.from_numpy(np.ascontiguousarray(found, dtype=np.float32))
    # a CRF model keeps its start, end and transition scores in config.json, not in the graphs
    config = json.loads((args.model_dir / "config.json").read_text(encoding="utf-8"))
    crf = config.get("crf")
    if crf:
        for key in ("start", "end", "transitions"):
            state[f"crf_{key}"] = torch.tensor(crf[key], dtype=torch.float32)
        unused = [n for n in unused if not n.startswith("crf_")]
    # what made these weights, for the recipe of a model exported from them
    recipe = {"command": f"python3 bench/recover_checkpoint.py {args.model_dir} {args.out}",
              "recovered_from": {k: config[k] for k in ("training", "recipe") if k in config}}
    torch.save({"model": state, "epoch": 7, "crf": bool(crf), "recipe": recipe}, args.out)
    print(f"wrote {args.out}; not in the exported model (left random): {', '.join(unused)}")


if __name__ == "__main__":
    main()
