"""The article splits: validation never moves, and cross-validation folds partition train."""

from __future__ import annotations

import pytest

from presslens.errors import PresslensError
from presslens.rhetoric.ptc import PtcArticle, checkpoint_train_on, held_out_of, model_train_on, split

ARTICLES = [PtcArticle(id=str(700000000 + 37 * n), text=f"Article {n}.") for n in range(120)]


def _ids(which: str) -> set[str]:
    return {a.id for a in split(ARTICLES, which)}


def test_folds_partition_train_and_never_touch_validation() -> None:
    train, validation = _ids("train"), _ids("validation")
    folds = [_ids(f"fold-{n}-of-3") for n in (1, 2, 3)]
    assert set().union(*folds) == train
    assert sum(map(len, folds)) == len(train)
    assert [len(fold) for fold in folds] == [34, 34, 34]  # 120 articles: 18 validation, 102 train
    assert not set().union(*folds) & validation
    for n, fold in enumerate(folds, start=1):
        assert _ids(f"train-except-fold-{n}-of-3") == train - fold


def test_folds_are_the_same_whatever_the_order_of_the_articles() -> None:
    shuffled = list(reversed(ARTICLES))
    assert {a.id for a in split(shuffled, "fold-2-of-2")} == _ids("fold-2-of-2")


@pytest.mark.parametrize("which", ["fold-0-of-2", "fold-3-of-2", "fold-1-of-1", "fold-1", "train-except-tune"])
def test_impossible_folds_are_refused(which: str) -> None:
    with pytest.raises(PresslensError, match="E302"):
        split(ARTICLES, which)


def test_each_training_set_names_its_held_out_articles() -> None:
    assert held_out_of("fit") == "tune"
    assert held_out_of("train-except-fold-2-of-5") == "fold-2-of-5"
    assert held_out_of("train") == ""


def test_what_a_checkpoint_learnt_from_is_read_from_its_recipe_or_its_training_command() -> None:
    assert checkpoint_train_on({"train_on": "train"}) == "train"
    # saved before train_on was recorded: the training command says it, or it was the default
    assert checkpoint_train_on({"command": "presslens train techniques --train-on train-except-fold-2-of-2 "
                                           "--crf 1.0"}) == "train-except-fold-2-of-2"
    assert checkpoint_train_on({"command": "presslens train techniques --crf 1.0"}) == "fit"
    # weights recovered from an exported model, or no recipe at all: nobody can tell
    assert checkpoint_train_on({"command": "python3 bench/recover_checkpoint.py runs/KF runs/KF.pt"}) == "unknown"
    assert checkpoint_train_on(None) == "unknown"


def test_what_a_model_learnt_from_follows_its_checkpoints() -> None:
    fold = {"command": "presslens train techniques --train-on train-except-fold-1-of-2"}
    assert model_train_on({"recipe": {"train_on": "fit"}}) == "fit"
    assert model_train_on({"recipe": {"checkpoints": [{"recipe": fold}, {"recipe": fold}]}}) \
        == "train-except-fold-1-of-2"
    # an average across folds has no held-out articles; a model with no recipe is not guessed at
    assert model_train_on({"recipe": {"checkpoints": [{"recipe": fold}, {"recipe": {"train_on": "fit"}}]}}) == "mixed"
    assert held_out_of(model_train_on({"recipe": {"checkpoints": [{"recipe": fold}, {"recipe": None}]}})) == ""
    assert model_train_on({}) == "unknown"
