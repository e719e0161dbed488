"""The masking of task-adaptive pretraining (no PyTorch needed)."""

import random

from presslens.rhetoric import features as F
from presslens.rhetoric.adapt import MASK_ID, mask_tokens


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
