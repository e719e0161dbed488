"""``presslens evaluate techniques`` on a tiny corpus in the PTC layout, with the shipped model."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from presslens.rhetoric.evaluate import evaluate_command

ARTICLES = {
    "111": ("Lawmakers voted on Tuesday to extend the curfew by a week.\n\n"
            "Critics called the measure a shameful betrayal of every hard-working family.\n",
            [("Loaded_Language", 89, 106)]),
    "222": ("The minister said the camp would be rebuilt.\n\n"
            "Only a fool would believe that these thugs want peace. Enough is enough.\n",
            [("Name_Calling,Labeling", 83, 88), ("Thought-terminating_Cliches", 101, 117)]),
}


def _corpus(root: Path) -> Path:
    train = root / "train"
    for folder in ("articles", "labels-si", "labels-tc"):
        (train / folder).mkdir(parents=True)
    for art_id, (text, spans) in ARTICLES.items():
        (train / "articles" / f"article{art_id}.txt").write_text(text, encoding="utf-8")
        (train / "labels-si" / f"article{art_id}.task-si.labels").write_text(
            "".join(f"{art_id}\t{b}\t{e}\n" for _t, b, e in spans), encoding="utf-8")
        (train / "labels-tc" / f"article{art_id}.task-flc-tc.labels").write_text(
            "".join(f"{art_id}\t{t}\t{b}\t{e}\n" for t, b, e in spans), encoding="utf-8")
    return root


def test_spans_of_the_fixture_are_the_words_meant() -> None:
    text, spans = ARTICLES["222"]
    assert [text[b:e] for _t, b, e in spans] == ["thugs", "Enough is enough"]
    assert ARTICLES["111"][0][89:106] == "shameful betrayal"


def test_evaluate_prints_scores_an_interval_and_writes_submissions(tmp_path: Path) -> None:
    data = _corpus(tmp_path / "ptc")
    out = tmp_path / "eval"
    result = CliRunner().invoke(evaluate_command, ["--data", str(data), "--split", "all", "--out", str(out),
                                                   "--bootstrap", "50", "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["articles"] == 2 and scores["names_masked"] is True
    low, high = scores["si_f1_interval_95"]
    assert 0.0 <= low <= scores["si"]["f1"] <= high <= 1.0
    # TC labels every gold span once: as many lines as gold lines, on the gold spans
    tc_lines = (out / "tc-predictions.txt").read_text(encoding="utf-8").splitlines()
    assert sorted((line.split("\t")[0], line.split("\t")[2], line.split("\t")[3]) for line in tc_lines) == sorted(
        (art_id, str(b), str(e)) for art_id, (_text, spans) in ARTICLES.items() for _t, b, e in spans)
    assert (out / "si-predictions.txt").exists()
