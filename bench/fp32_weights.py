"""The shipped technique model computed in fp32: its int8 weights dequantised
(``bench/recover_checkpoint.py``), exported again without quantisation, and run with the shipped
decoding, calibration and technique head (``config.json``, ``tc_head.onnx``). What int8 arithmetic
does to the validation scores, apart from the weights' rounding. Needs the [train] extra.

    python bench/fp32_weights.py runs/fp32-weights
    presslens evaluate techniques --split validation --model runs/fp32-weights/fp32
    presslens evaluate techniques --split validation          # the shipped int8 files, for comparison
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from presslens.rhetoric import train  # noqa: E402
from presslens.rhetoric.model_detector import default_model_dir  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="working directory; the fp32 model goes to OUT/fp32")
    parser.add_argument("--model", type=Path, default=None, help="the int8 model (default: the shipped one)")
    args = parser.parse_args()
    args.model = args.model or default_model_dir()
    args.out.mkdir(parents=True, exist_ok=True)
    checkpoint = args.out / "recovered.pt"
    subprocess.run([sys.executable, str(ROOT / "bench" / "recover_checkpoint.py"), str(args.model), str(checkpoint)],
                   check=True)
    torch, transformers = train._imports()
    model = train.build_model(torch, transformers)
    train.load_weights(model, torch, checkpoint)
    fp32 = args.out / "fp32"
    scratch = args.out / "int8-again"
    fp32.mkdir(exist_ok=True)
    scratch.mkdir(exist_ok=True)
    train.export(model, torch, scratch, 160, keep_fp32=fp32 / "model.onnx", crf=True)
    # the shipped decoding, calibration and technique head, so that only the encoder's arithmetic differs
    for name in ("config.json", "tokenizer.json", "tc_head.onnx"):
        shutil.copy(args.model / name, fp32 / name)
    print(f"wrote {fp32}: score it with presslens evaluate techniques --split validation --model {fp32}")


if __name__ == "__main__":
    main()
