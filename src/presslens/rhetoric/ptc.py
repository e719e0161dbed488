"""Reader for the Propaganda Techniques Corpus (SemEval-2020 Task 11) and its by-article split.

The corpus is never copied into the repository: every command takes its directory
(default ``../shared/data/ptc`` relative to the repository root). The validation split
is derived deterministically from the sorted article ids and a fixed seed, so anyone
re-running training or evaluation gets the same articles in each part.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from presslens.errors import PresslensError

DEFAULT_PTC = Path("../shared/data/ptc")
SPLIT_SEED = 20200911
VALIDATION_SHARE = 0.15
# Carved from the training part (never from validation): picks the span threshold and
# fits the score calibration, so the validation split is used for reporting only.
TUNE_SHARE = 0.08

TECHNIQUES: tuple[str, ...] = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)

_ID = re.compile(r"article(\d+)")


@dataclass
class PtcArticle:
    id: str
    text: str
    # (begin, end) of the SI file, end exclusive; may overlap.
    si_spans: list[tuple[int, int]] = field(default_factory=list)
    # (technique, begin, end) of the TC file; a span with two labels is two entries.
    tc_spans: list[tuple[str, int, int]] = field(default_factory=list)


def _read_text(path: Path) -> str:
    # newline="" keeps "\r\n" as two characters: the offsets count them.
    with path.open(encoding="utf-8", newline="") as fh:
        return fh.read()


def _rows(path: Path, columns: int) -> list[list[str]]:
    rows = []
    for n, line in enumerate(_read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        row = line.rstrip("\n").split("\t")
        if len(row) != columns:
            raise PresslensError("E301", path=path, line=n, reason=f"expected {columns} tab-separated columns")
        rows.append(row)
    return rows


def load_articles(data_dir: str | Path, part: str = "train", labelled: bool = True) -> list[PtcArticle]:
    """All articles of ``part`` (``train`` or ``unlabelled``), sorted by id, with labels if present."""
    root = Path(data_dir) / part
    art_dir = root / "articles"
    if not art_dir.is_dir():
        raise PresslensError("E300", path=art_dir)
    articles = []
    for path in sorted(art_dir.glob("article*.txt")):
        m = _ID.match(path.name)
        if not m:
            continue
        art = PtcArticle(id=m.group(1), text=_read_text(path))
        if labelled:
            si = root / "labels-si" / f"article{art.id}.task-si.labels"
            tc = root / "labels-tc" / f"article{art.id}.task-flc-tc.labels"
            if si.exists():
                art.si_spans = [(int(b), int(e)) for _id, b, e in _rows(si, 3)]
            if tc.exists():
                for _id, tech, b, e in _rows(tc, 4):
                    if tech not in TECHNIQUES:
                        raise PresslensError("E301", path=tc, line=0, reason=f"unknown technique {tech!r}")
                    art.tc_spans.append((tech, int(b), int(e)))
        articles.append(art)
    if not articles:
        raise PresslensError("E300", path=art_dir)
    return articles


def validation_ids(all_ids: list[str], seed: int = SPLIT_SEED, share: float = VALIDATION_SHARE) -> set[str]:
    """The validation articles: a seeded shuffle of the sorted ids, first ``share`` of them."""
    ids = sorted(all_ids)
    random.Random(seed).shuffle(ids)
    return set(ids[: max(1, round(len(ids) * share))])


FOLD_SPLIT = re.compile(r"(train-except-)?fold-(\d+)-of-(\d+)")


def held_out_of(train_on: str) -> str:
    """The split a model trained on ``train_on`` has not seen labels of, outside validation:
    tune for fit, fold N of K for train-except-fold-N-of-K, nothing (empty) for train."""
    if train_on == "fit":
        return "tune"
    if train_on.startswith("train-except-"):
        return train_on.removeprefix("train-except-")
    return ""


def checkpoint_train_on(recipe: dict[str, Any] | None) -> str:
    """What a checkpoint learnt from: its recipe's ``train_on``; for one saved before that was
    recorded, the ``--train-on`` of the ``presslens train techniques`` command that trained it
    (``fit`` if not given); ``unknown`` otherwise (no recipe, or weights recovered from a model)."""
    if not recipe:
        return "unknown"
    if "train_on" in recipe:
        return str(recipe["train_on"])
    command = str(recipe.get("command", ""))
    if not command.startswith("presslens train techniques") or "--export-from" in command:
        return "unknown"
    given = re.search(r"--train-on (\S+)", command)
    return given[1] if given else "fit"


def model_train_on(config: dict[str, Any]) -> str:
    """What an exported model learnt from, by its config's ``recipe``: ``train_on`` as recorded,
    else its checkpoints' (``mixed`` if they differ), else ``unknown``."""
    recipe = config.get("recipe") or {}
    if "train_on" in recipe:
        return str(recipe["train_on"])
    learnt_from = {checkpoint_train_on(c.get("recipe")) for c in recipe.get("checkpoints", [])}
    if not learnt_from:
        return "unknown"
    return learnt_from.pop() if len(learnt_from) == 1 else "mixed"


def split(articles: list[PtcArticle], which: str) -> list[PtcArticle]:
    """``validation`` (held out, for reporting), ``train`` (everything else), which is
    ``fit`` (what the model is trained on) plus ``tune`` (threshold and calibration), or ``all``.
    For cross-validation over train: ``fold-N-of-K`` (the N-th of K seeded folds of train) and
    ``train-except-fold-N-of-K`` (the rest of train)."""
    if which == "all":
        return list(articles)
    val = validation_ids([a.id for a in articles])
    if which == "validation":
        return [a for a in articles if a.id in val]
    rest = [a for a in articles if a.id not in val]
    if which == "train":
        return rest
    fold = FOLD_SPLIT.fullmatch(which)
    if fold and 1 <= int(fold[2]) <= int(fold[3]) and int(fold[3]) >= 2:
        ids = sorted(a.id for a in rest)
        random.Random(SPLIT_SEED + 2).shuffle(ids)
        k, n = int(fold[3]), int(fold[2])
        in_fold = {i for pos, i in enumerate(ids) if pos % k == n - 1}
        return [a for a in rest if (a.id in in_fold) != bool(fold[1])]
    tune = validation_ids([a.id for a in rest], seed=SPLIT_SEED + 1, share=TUNE_SHARE)
    if which == "tune":
        return [a for a in rest if a.id in tune]
    if which == "fit":
        return [a for a in rest if a.id not in tune]
    raise PresslensError("E302", split=which)
