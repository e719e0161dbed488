"""Data loaders on small files written here (the real corpora are not in the repository)."""

from __future__ import annotations

from pathlib import Path

import pytest

from presslens.claims import data as D
from presslens.errors import PresslensError


def test_checkworthy_glued_rows_are_split(tmp_path: Path) -> None:
    (tmp_path / D.CHECKWORTHY_FILES["dev"]).write_text(
        "Sentence_id\tText\tclass_label\n"
        "1\tTaxes rose by 4 percent last year.\tYes\n"
        "2\tWe've got to invest and grow.\tNo3\tYou can't bring back jobs.\tNo\n"
        "4\t\"Quoted, with a tab-free text.\"\tNo\n", encoding="utf-8")
    rows = D.load_checkworthy(tmp_path, "dev")
    assert [(r.id, r.label) for r in rows] == [("1", 1), ("2", 0), ("3", 0), ("4", 0)]
    assert rows[2].text == "You can't bring back jobs."


def test_checkworthy_bad_line_is_a_coded_error(tmp_path: Path) -> None:
    (tmp_path / D.CHECKWORTHY_FILES["dev"]).write_text(
        "Sentence_id\tText\tclass_label\n1\ttext\tMaybe\n", encoding="utf-8")
    with pytest.raises(PresslensError) as err:
        D.load_checkworthy(tmp_path, "dev")
    assert err.value.code == "E403"


def test_hedge_splits_are_disjoint_seeded_and_complete(tmp_path: Path) -> None:
    lines = ["text,label"] + [f'"Sentence number {i}.",{i % 3 == 0:d}' for i in range(200)]
    (tmp_path / D.HEDGES_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    parts = {s: D.load_hedges(tmp_path, s) for s in D.HEDGE_SPLITS}
    ids = [r.id for s in parts.values() for r in s]
    assert len(ids) == len(set(ids)) == 200
    assert len(parts["val"]) == 30
    assert [r.id for r in D.load_hedges(tmp_path, "val")] == [r.id for r in parts["val"]]
    with pytest.raises(PresslensError):
        D.load_hedges(tmp_path, "test")


def test_brat_relations_and_discontinuous_spans() -> None:
    text = "Officials said 6 were killed, and more may die, they added."
    ann = ("T1\tSource 0 9\tOfficials\nT2\tCue 10 14\tsaid\nT3\tContent 15 28;34 46\t6 were killed more may die\n"
           "T4\tAttribution 10 14\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n")
    doc = D.read_ann(text, ann, "d")
    assert ("Content", 15, 46) in doc.spans
    assert ("Content", 15, 28) in doc.fragments and ("Content", 34, 46) in doc.fragments
    assert len(doc.relations) == 1
    rel = doc.relations[0]
    assert rel.cue == (10, 14) and rel.source == (0, 9) and rel.content == (15, 46)


def test_sentence_bounds() -> None:
    text = "He said “it is over.” Then he left.\n\nNew paragraph here"
    bounds = D.sentence_bounds(text)
    assert [text[a:b] for a, b in bounds] == ["He said “it is over.”", "Then he left.", "New paragraph here"]
