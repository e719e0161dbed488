"""The article splits: validation never moves, and cross-validation folds partition train."""

from __future__ import annotations

import pytest

from presslens.errors import PresslensError
from presslens.rhetoric.ptc import PtcArticle, held_out_of, split

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
