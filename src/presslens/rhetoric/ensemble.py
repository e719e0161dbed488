"""Ensembles of exported technique models in one ONNX graph (``presslens train techniques --ensemble``).

Averaging the token probabilities of independently trained models is what the best
SemEval-2020 Task 11 systems did; a weight average ("soup") of runs from one
initialisation, which costs nothing at analysis time, did not reach it here (model card).
The members are merged into one ``model.onnx`` with the runtime's inputs and outputs, so
the analysis code does not change:

* ``si_probs``: the mean of the members' SI probabilities;
* ``hidden``: the first member's token vectors, read by its TC head (and sentence gate),
  so technique classification is the first member's.

To stay under the package's size budget the members share one word-embedding matrix, the
first member's (about 11.7 MB of a member's 23 MB, 34 MB for exports since 2026-12-07, whose FFN
output projections are fp32): the others' own matrices are dropped.
That changes those members; the ensemble is measured as merged (model card).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from presslens.errors import PresslensError

INPUTS = ("input_ids", "attention_mask")
OUTPUTS = ("si_probs", "hidden")
MEMBER_FILES = ("model.onnx", "tc_head.onnx", "tokenizer.json", "config.json")
# the initializers of the (int8) word-embedding lookup, shared by all members
WORD_EMBEDDINGS = "word_embeddings.weight"


def _onnx() -> Any:
    try:
        import onnx
    except ImportError as exc:
        raise PresslensError("E309", reason=f"it needs onnx: pip install 'presslens[train]' ({exc})") from exc
    return onnx


def _prefix_member(graph: Any, prefix: str, shared: set[str]) -> None:
    """Rename every value, node and initializer of ``graph`` with ``prefix``, except the
    graph inputs and the ``shared`` initializers (which the first member provides)."""
    keep = set(INPUTS) | shared

    def ren(name: str) -> str:
        return name if not name or name in keep else prefix + name

    for node in graph.node:
        node.name = prefix + node.name
        for i, name in enumerate(node.input):
            node.input[i] = ren(name)
        for i, name in enumerate(node.output):
            node.output[i] = ren(name)
    for init in graph.initializer:
        init.name = ren(init.name)
    for vi in list(graph.value_info) + list(graph.output):
        vi.name = ren(vi.name)


def merge_encoders(member_dirs: list[Path], out: Path) -> None:
    """Write to ``out`` one model whose encoder graph averages the SI probabilities of the
    exported models in ``member_dirs``; TC head, tokenizer and config come from the first."""
    onnx = _onnx()
    from onnx import helper

    if len(member_dirs) < 2:
        raise PresslensError("E309", reason="give at least two exported model directories")
    for d in member_dirs:
        missing = [f for f in MEMBER_FILES if not (d / f).is_file()]
        if missing:
            raise PresslensError("E309", reason=f"{d} lacks {', '.join(missing)}")
    models = [onnx.load(str(d / "model.onnx")) for d in member_dirs]
    for d, m in zip(member_dirs, models, strict=True):
        if tuple(i.name for i in m.graph.input) != INPUTS or tuple(o.name for o in m.graph.output) != OUTPUTS:
            raise PresslensError("E309", reason=f"{d}/model.onnx is not a technique model "
                                 "(inputs input_ids, attention_mask; outputs si_probs, hidden)")
    first = models[0]
    shared = {i.name for i in first.graph.initializer if WORD_EMBEDDINGS in i.name}
    if not shared:
        raise PresslensError("E309", reason="no word-embedding matrix found in the first member")
    first_dims = {i.name: list(i.dims) for i in first.graph.initializer if i.name in shared}
    graph = first.graph
    # the first member too gets a prefix on its SI output, which the mean replaces
    _rename_output(graph, "si_probs", "m0/si_probs")
    means = ["m0/si_probs"]
    for k, m in enumerate(models[1:], start=1):
        g = m.graph
        dims = {i.name: list(i.dims) for i in g.initializer if i.name in shared}
        if dims != first_dims:
            raise PresslensError("E309", reason=f"{member_dirs[k]}: its word embeddings differ in shape")
        kept = [i for i in g.initializer if i.name not in shared]
        del g.initializer[:]
        g.initializer.extend(kept)
        _prefix_member(g, f"m{k}/", shared)
        graph.node.extend(g.node)
        graph.initializer.extend(g.initializer)
        graph.value_info.extend(g.value_info)
        means.append(f"m{k}/si_probs")
    graph.node.append(helper.make_node("Mean", means, ["si_probs"], name="ensemble/mean"))
    domains = {(o.domain, o.version) for m in models for o in m.opset_import}
    if len({d for d, _ in domains}) != len(domains):
        raise PresslensError("E309", reason="the members were exported with different opsets")
    have = {o.domain for o in first.opset_import}
    first.opset_import.extend(helper.make_opsetid(d, v) for d, v in sorted(domains) if d not in have)
    out.mkdir(parents=True, exist_ok=True)
    onnx.checker.check_model(first)
    onnx.save(first, str(out / "model.onnx"))
    if member_dirs[0].resolve() != out.resolve():
        for f in MEMBER_FILES[1:]:
            shutil.copy(member_dirs[0] / f, out / f)
    cfg_path = out / "config.json"
    cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
    members = []
    for d in member_dirs:
        mc = json.loads((d / "config.json").read_text(encoding="utf-8"))
        members.append({"training": mc.get("training", ""),
                        "tune_si_f1": mc.get("tune_si_f1", {}).get("chosen decoding")})
    cfg["training"] = (f"an ensemble of {len(members)} exported models (see 'ensemble'); "
                       f"the first: {members[0]['training']}")
    cfg["ensemble"] = {
        "members": members,
        "si": "mean of the members' token probabilities; TC head and token vectors of the first member",
        "word_embeddings": "the first member's matrix, shared by all members",
    }
    cfg_path.write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")


def _rename_output(graph: Any, old: str, new: str) -> None:
    for node in graph.node:
        for i, name in enumerate(node.output):
            if name == old:
                node.output[i] = new
        for i, name in enumerate(node.input):
            if name == old:
                node.input[i] = new
