"""Loaders for the claim, hedge and attribution corpora (read in place, never copied).

- check-worthiness: CheckThat! 2024 English TSV (``Sentence_id<TAB>Text<TAB>class_label``);
  one physical line of the train file holds two rows glued together ("No29286"), which the
  loader splits and then checks the row count against the number of distinct ids.
- hedges: CoNLL-2010 Wikipedia weasel sentences (``text,label``), train only; the
  validation and threshold-tuning splits are carved by sentence with a fixed seed.
- attribution: PolNeAR BRAT standoff (``train``/``dev``), Source / Cue / Content spans.
"""

from __future__ import annotations

import csv
import glob
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from presslens.errors import PresslensError

SEED = 13
_GLUED = re.compile(r"^(Yes|No)(\d+)$")


@dataclass
class Sentence:
    id: str
    text: str
    label: int


def _split(items: list[Sentence], split: str, fractions: dict[str, float], seed: int = SEED) -> list[Sentence]:
    """Deterministic by-item split: shuffle ids with ``seed`` and cut by ``fractions`` (in key order)."""
    if split not in fractions:
        raise PresslensError("E401", split=split, known=", ".join(fractions))
    order = list(range(len(items)))
    random.Random(seed).shuffle(order)
    out: dict[str, list[Sentence]] = {}
    start = 0
    names = list(fractions)
    for k, name in enumerate(names):
        end = len(order) if k == len(names) - 1 else start + round(fractions[name] * len(order))
        out[name] = [items[i] for i in sorted(order[start:end])]
        start = end
    return out[split]


# -- check-worthiness ----------------------------------------------------------------------------

CHECKWORTHY_FILES = {"train": "CT24_checkworthy_english_train.tsv", "dev": "CT24_checkworthy_english_dev.tsv"}
# The dev file is the validation split; "tune" (5% of train, seeded) picks the decision threshold.
CHECKWORTHY_SPLITS = ("train", "tune", "dev")


def read_checkworthy_file(path: Path) -> list[Sentence]:
    if not path.is_file():
        raise PresslensError("E402", path=path)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    if not rows or [c.lower() for c in rows[0][:3]] != ["sentence_id", "text", "class_label"]:
        raise PresslensError("E403", path=path, reason="header is not Sentence_id, Text, class_label")
    out: list[Sentence] = []
    for n, row in enumerate(rows[1:], start=2):
        fields = list(row)
        while len(fields) > 3:  # two rows on one line: "...<TAB>No29286<TAB>text<TAB>No"
            m = _GLUED.match(fields[2])
            if not m:
                raise PresslensError("E403", path=path, reason=f"line {n} has {len(row)} fields")
            out.append(Sentence(fields[0], fields[1], int(m.group(1) == "Yes")))
            fields = [m.group(2), *fields[3:]]
        if len(fields) != 3 or fields[2] not in ("Yes", "No"):
            raise PresslensError("E403", path=path, reason=f"line {n} is not id, text, Yes/No")
        out.append(Sentence(fields[0], fields[1], int(fields[2] == "Yes")))
    if len({s.id for s in out}) != len(out):
        raise PresslensError("E403", path=path, reason="duplicate sentence ids (a row was mis-split)")
    return out


def load_checkworthy(data: str | Path, split: str) -> list[Sentence]:
    root = Path(data)
    if split == "dev":
        return read_checkworthy_file(root / CHECKWORTHY_FILES["dev"])
    rows = read_checkworthy_file(root / CHECKWORTHY_FILES["train"])
    return _split(rows, split, {"train": 0.95, "tune": 0.05})


# -- hedges --------------------------------------------------------------------------------------

HEDGES_FILE = "wiki_weasel_train.csv"
HEDGE_SPLITS = ("train", "tune", "val")


def load_hedges(data: str | Path, split: str) -> list[Sentence]:
    path = Path(data) / HEDGES_FILE
    if not path.is_file():
        raise PresslensError("E402", path=path)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames is None or not {"text", "label"} <= set(reader.fieldnames):
            raise PresslensError("E403", path=path, reason="columns text,label missing")
        rows = [Sentence(str(i), r["text"].strip(), int(r["label"])) for i, r in enumerate(reader)]
    return _split(rows, split, {"train": 0.75, "tune": 0.1, "val": 0.15})


# -- attribution (PolNeAR) -----------------------------------------------------------------------

SPAN_TYPES = ("Source", "Cue", "Content")
ATTRIBUTION_SPLITS = ("train", "dev")


@dataclass
class Relation:
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    content: tuple[int, int] | None


@dataclass
class AttrDoc:
    id: str
    text: str
    # (type, start, end) per fragment; discontinuous spans give one fragment per piece.
    fragments: list[tuple[str, int, int]] = field(default_factory=list)
    # (type, start, end) per annotated span, the full extent of its fragments.
    spans: list[tuple[str, int, int]] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


def read_ann(text: str, ann: str, doc_id: str) -> AttrDoc:
    doc = AttrDoc(doc_id, text)
    ents: dict[str, tuple[str, int, int]] = {}
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            head = parts[1].split(" ", 1)
            if len(head) != 2 or head[0] not in SPAN_TYPES:
                continue
            frags = []
            for piece in head[1].split(";"):
                lo, hi = piece.split()
                frags.append((int(lo), int(hi)))
            for a, b in frags:
                doc.fragments.append((head[0], a, b))
            span = (head[0], frags[0][0], frags[-1][1])
            ents[parts[0]] = span
            doc.spans.append(span)
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("E") and len(parts) >= 2:
            roles: dict[str, tuple[int, int]] = {}
            for arg in parts[1].split()[1:]:
                role, _, tid = arg.partition(":")
                if tid in ents and role in SPAN_TYPES:
                    roles[role] = ents[tid][1:]
            if "Cue" in roles:
                doc.relations.append(Relation(roles.get("Cue"), roles.get("Source"), roles.get("Content")))
    return doc


def load_polnear(data: str | Path, split: str, limit: int | None = None) -> list[AttrDoc]:
    if split not in ATTRIBUTION_SPLITS:
        raise PresslensError("E401", split=split, known=", ".join(ATTRIBUTION_SPLITS))
    root = Path(data) / split
    texts = sorted((root / "text").glob("*.txt")) if (root / "text").is_dir() else []
    if not texts:
        raise PresslensError("E402", path=root / "text")
    docs = []
    for path in texts[:limit]:
        # "<stem>_<annotator>.ann"; a few articles were annotated twice: the first file is used.
        anns = sorted((root / "attributions").glob(glob_escape(path.stem) + "_*.ann"))
        ann = anns[0].read_text(encoding="utf-8") if anns else ""
        docs.append(read_ann(path.read_text(encoding="utf-8"), ann, path.stem))
    return docs


def glob_escape(name: str) -> str:
    return glob.escape(name)


_SENT_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """A plain regex sentence splitter for training items (analysis uses spaCy's sentences)."""
    out = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.start()
        # keep closing quotes with the sentence they close
        while end < len(text) and text[end] in "\"”’)":
            end += 1
        if text[start:end].strip():
            out.append((start, end))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    # strip whitespace at both ends
    res = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        res.append((s, e))
    return res
