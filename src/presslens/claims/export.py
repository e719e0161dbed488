"""Export the trained claims model to ONNX, quantise it (dynamic int8) and tune the two
sentence thresholds on the ``tune`` splits (held out from training, not the validation
splits the README reports). Needs torch (``presslens[train]``); run time does not."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import click

from presslens.claims import data as D
from presslens.claims.metrics import best_threshold
from presslens.claims.tagging import TAGS

MODEL_FILE = "claims.int8.onnx"


def export_model(run_dir: Path, data_root: Path, ship: Path | None = None, max_len: int = 128) -> Path:
    import torch

    from presslens.claims.train import build_model, encoder_dir

    enc = encoder_dir()
    model = build_model(enc)
    model.load_state_dict(torch.load(run_dir / "model.pt", map_location="cpu"))
    model.eval()
    out = run_dir / "export"
    out.mkdir(parents=True, exist_ok=True)
    fp32 = run_dir / "claims.fp32.onnx"
    ids = torch.ones((2, 12), dtype=torch.long)
    mask = torch.ones((2, 12), dtype=torch.long)
    torch.onnx.export(
        model, (ids, mask), str(fp32), input_names=["input_ids", "attention_mask"],
        output_names=["checkworthy", "hedge", "tags"], opset_version=17, dynamo=False,
        dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                      "checkworthy": {0: "batch"}, "hedge": {0: "batch"}, "tags": {0: "batch", 1: "seq"}})
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(fp32), str(out / MODEL_FILE), weight_type=QuantType.QInt8)
    shutil.copy(enc / "tokenizer.json", out / "tokenizer.json")
    train_cfg = json.loads((run_dir / "train_config.json").read_text())
    config = {"model": MODEL_FILE, "tokenizer": "tokenizer.json", "max_len": max_len, "tags": list(TAGS),
              "thresholds": {"checkworthy": 0.5, "hedges": 0.5}, "training": train_cfg}
    (out / "config.json").write_text(json.dumps(config, indent=1))

    from presslens.claims.runtime import ClaimsModel

    runtime = ClaimsModel(out)
    for task, rows in (("checkworthy", D.load_checkworthy(data_root / "checkworthy", "tune")),
                       ("hedges", D.load_hedges(data_root / "hedges", "tune"))):
        texts = [r.text for r in rows]
        if train_cfg.get("name_blind"):  # tuned as it will run: names masked
            from presslens.claims.evaluate import name_blind_texts

            texts = name_blind_texts(texts)
        preds = runtime.predict(texts)
        probs = [p.checkworthy if task == "checkworthy" else p.hedge for p in preds]
        thr, f1 = best_threshold([r.label for r in rows], probs)
        config["thresholds"][task] = thr
        click.echo(f"{task}: threshold {thr:.2f} (tune F1 {f1:.3f})")
    (out / "config.json").write_text(json.dumps(config, indent=1))
    if ship is not None:
        ship.mkdir(parents=True, exist_ok=True)
        for name in (MODEL_FILE, "tokenizer.json", "config.json"):
            shutil.copy(out / name, ship / name)
        click.echo(f"shipped to {ship}")
    return out


@click.command("export")
@click.option("--run", "run_dir", default="runs/claims", show_default=True, type=click.Path())
@click.option("--data", "data_root", default="../shared/data", show_default=True, type=click.Path())
@click.option("--ship", type=click.Path(), default=None)
def export_command(run_dir: str, data_root: str, ship: str | None) -> None:
    """Export a finished run to ONNX int8 and tune its thresholds."""
    export_model(Path(run_dir), Path(data_root), ship=Path(ship) if ship else None)
