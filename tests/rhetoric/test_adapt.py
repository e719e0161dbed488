"""The masking and the extra texts of task-adaptive pretraining (no PyTorch needed)."""

import random
from pathlib import Path

import pytest

from presslens.errors import PresslensError
from presslens.rhetoric import features as F
from presslens.rhetoric.adapt import MASK_ID, mask_tokens, read_texts


def test_mask_tokens_follows_bert_masking_and_never_targets_special_tokens():
    ids = [F.CLS_ID] + [2000 + k % 5000 for k in range(20000)] + [F.SEP_ID, F.PAD_ID]
    inputs, targets = mask_tokens(ids, random.Random(3))
    assert len(inputs) == len(targets) == len(ids)
    assert targets[0] == targets[-2] == targets[-1] == -100  # [CLS], [SEP], [PAD]
    assert inputs[0] == F.CLS_ID and inputs[-2] == F.SEP_ID
    chosen = [k for k, t in enumerate(targets) if t != -100]
    assert all(targets[k] == ids[k] for k in chosen)  # the target is the original token
    assert 0.14 < len(chosen) / 20000 < 0.16
    masked = sum(inputs[k] == MASK_ID for k in chosen) / len(chosen)
    kept = sum(inputs[k] == ids[k] for k in chosen) / len(chosen)
    assert 0.77 < masked < 0.83 and 0.08 < kept < 0.12  # the rest became random tokens
    assert all(inputs[k] == ids[k] for k in range(len(ids)) if targets[k] == -100)  # others untouched


def test_mask_tokens_is_seeded():
    ids = list(range(2000, 2400))
    assert mask_tokens(ids, random.Random(5)) == mask_tokens(ids, random.Random(5))
    assert mask_tokens(ids, random.Random(5)) != mask_tokens(ids, random.Random(6))


def test_read_texts_walks_a_folder_in_order_and_skips_what_is_not_usable_text(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second article.", encoding="utf-8")
    (tmp_path / "1.txt").write_text("First article.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 article.".encode("latin-1"))
    (tmp_path / "notes.md").write_text("Not a .txt file.", encoding="utf-8")
    texts = read_texts(tmp_path)
    assert [(a.id, a.text) for a in texts] == [(f"{tmp_path.name}/1.txt", "First article."),
                                               (f"{tmp_path.name}/b/2.txt", "Second article.")]
    assert all(not a.si_spans and not a.tc_spans for a in texts)  # unlabelled: read for MLM only


def test_read_texts_refuses_a_folder_with_nothing_to_read(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(PresslensError) as err:
        read_texts(tmp_path)
    assert err.value.code == "E308"
