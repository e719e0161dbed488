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
    assert cfg["decoding_from"].startswith("decoding and calibration")


def test_a_crf_model_is_told_only_its_calibration_was_carried_over(tmp_path: Path) -> None:
    source = _config(tmp_path / "k", threshold=0.5, calibration={"a": 0.49, "b": -1.46}, crf={"start": [0.1]})
    target = _config(tmp_path / "kf", threshold=0.5, crf={"start": [0.2]})
    carry_decoding(source, target, log=None)
    cfg = json.loads((target / "config.json").read_text(encoding="utf-8"))
    assert cfg["calibration"] == {"a": 0.49, "b": -1.46}
    assert cfg["crf"] == {"start": [0.2]}  # its own transition scores stay
    assert cfg["decoding_from"].startswith("calibration carried over from the model in k/")


def test_training_on_the_tune_articles_needs_a_decoding_to_carry_over(tmp_path: Path) -> None:
    result = CliRunner().invoke(train_command, ["--out", str(tmp_path / "run"), "--train-on", "train"])
    assert result.exit_code == 2
    assert "--decoding-from" in result.output


def test_a_crf_model_is_scored_by_its_best_path_and_only_calibrated(tmp_path: Path) -> None:
    from presslens.rhetoric.model_detector import MODEL_FILES, default_model_dir
    from presslens.rhetoric.ptc import PtcArticle
    from presslens.rhetoric.tune import tune

    shipped = json.loads((default_model_dir() / "config.json").read_text(encoding="utf-8"))
    assert "crf" in shipped  # the shipped model decodes by its best tag path
    model = tmp_path / "model"
    model.mkdir()
    for f in MODEL_FILES:
        if f != "config.json":
            (model / f).symlink_to(default_model_dir() / f)
    cfg = {k: v for k, v in shipped.items() if k not in ("calibration", "tune_si_f1")}
    (model / "config.json").write_text(json.dumps(cfg), encoding="utf-8")
    texts = ["Only traitors and cowards would betray the nation like this.\n\nThe council met on Monday.",
             "This is the worst disaster in the history of mankind, a total catastrophe.\n\nRoads reopened."]
    articles = []
    for n, text in enumerate(texts):
        end = text.index("\n")
        articles.append(PtcArticle(str(n), text, [(0, end)], [("Loaded_Language", 0, end)]))
    chosen = tune(model, articles, log=None)
    written = json.loads((model / "config.json").read_text(encoding="utf-8"))
    assert set(written["tune_si_f1"]) == {"crf best path"}
    assert 0.0 <= written["tune_si_f1"]["crf best path"] <= 1.0
    assert written["tune_si_f1"]["crf best path"] == round(chosen["si_f1"], 4)
    assert written["calibration"]["fitted_on"] == "PTC tune split (2 articles)"
    # nothing of the threshold decoding was chosen or written
    assert written["threshold"] == cfg["threshold"] and "seed_threshold" not in written
