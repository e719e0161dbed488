"""Certainty levels, and the evaluate commands on tiny data sets written here."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from presslens.claims.certainty import certainty_level
from presslens.claims.metrics import binary_prf
from presslens.cli import main
from presslens.model import Hedge


def test_certainty_levels() -> None:
    assert certainty_level("allegedly", "evidential") == "low"
    assert certainty_level("may", "epistemic") == "low"
    assert certainty_level("probably", "epistemic") == "medium"
    assert certainty_level("up to", "approximator") == "medium"
    assert certainty_level("At least", "approximator") == "high"
    assert certainty_level("about", "approximator") == "high"
    # Every public hedge carries one, whoever built it.
    assert Hedge("reportedly", 0, 10, "evidential").certainty == "low"
    assert Hedge("nearly", 0, 6, "approximator").certainty == "high"


def test_evaluate_checkworthy_writes_report_and_predictions(tmp_path: Path) -> None:
    data = tmp_path / "cw"
    data.mkdir()
    (data / "CT24_checkworthy_english_dev.tsv").write_text(
        "Sentence_id\tText\tclass_label\n"
        "1\tUnemployment fell to 4.1 percent in March, the lowest level in ten years.\tYes\n"
        "2\tThe army said 43 people were killed in the strike on Tuesday.\tYes\n"
        "3\tThank you very much, it is great to be here tonight.\tNo\n"
        "4\tI think we can do better than that.\tNo\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["evaluate", "checkworthy", "--data", str(data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text())
    rows = [json.loads(line) for line in (out / "predictions.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == ["1", "2", "3", "4"]
    assert report["n"] == 4 and set(report["per_class"]) == {"Yes", "No", "overall"}
    assert report["f1"] == round(binary_prf([r["gold"] for r in rows], [r["pred"] for r in rows]).f1, 4)
    assert all(r["pred"] == int(r["score"] >= report["threshold"]) for r in rows)


def test_evaluate_attribution_on_one_brat_document(tmp_path: Path) -> None:
    root = tmp_path / "polnear" / "dev"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    text = "The mayor said the bridge was closed on Monday.\n"
    (root / "text" / "a1.txt").write_text(text, encoding="utf-8")
    (root / "attributions" / "a1_x.ann").write_text(
        "T1\tSource 0 9\tThe mayor\nT2\tCue 10 14\tsaid\nT3\tContent 15 46\tthe bridge was closed on Monday\n"
        "T4\tAttribution 10 14\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["evaluate", "attribution", "--data", str(tmp_path / "polnear"),
                                       "--component", "rules", "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text())
    assert report["cue"]["exact"]["tp"] == 1 and report["cue"]["exact"]["f1"] == 1.0
    assert report["source"]["overlap"]["tp"] == 1
    (row,) = [json.loads(line) for line in (out / "predictions.jsonl").read_text().splitlines()]
    assert row["cue"] == [[10, 14, "said"]]


def test_evaluate_unknown_data_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["evaluate", "hedges", "--data", str(tmp_path)])
    assert result.exit_code == 1
    assert "[E402]" in result.output and "Traceback" not in result.output
