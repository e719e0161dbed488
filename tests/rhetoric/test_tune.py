"""Carrying a model's decoding and calibration over to a model trained on the tune articles too."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from presslens.rhetoric.train import train_command
from presslens.rhetoric.tune import carry_decoding


def _config(folder: Path, **values: object) -> Path:
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps(values), encoding="utf-8")
    return folder


def test_decoding_and_calibration_are_carried_over(tmp_path: Path) -> None:
    source = _config(tmp_path / "shipped", threshold=0.4, seed_threshold=0.7, bridge_gap=1,
                     calibration={"a": 0.54, "b": -1.42}, max_len=160, tune_si_f1={"chosen decoding": 0.4})
    target = _config(tmp_path / "new", threshold=0.5, max_len=128, epochs_trained=8,
                     tune_si_f1={"chosen decoding": 0.3})
    carry_decoding(source, target, log=None)
    cfg = json.loads((target / "config.json").read_text(encoding="utf-8"))
    assert (cfg["threshold"], cfg["seed_threshold"], cfg["bridge_gap"]) == (0.4, 0.7, 1)
    assert cfg["calibration"] == {"a": 0.54, "b": -1.42}
    # what belongs to the new model stays its own; no tune score is claimed for it
    assert cfg["max_len"] == 128 and cfg["epochs_trained"] == 8
    assert "tune_si_f1" not in cfg
    assert "shipped/" in cfg["decoding_from"]


def test_training_on_the_tune_articles_needs_a_decoding_to_carry_over(tmp_path: Path) -> None:
    result = CliRunner().invoke(train_command, ["--out", str(tmp_path / "run"), "--train-on", "train"])
    assert result.exit_code == 2
    assert "--decoding-from" in result.output
