"""Ensembles of exported technique models (presslens.rhetoric.ensemble), on tiny hand-built ONNX members."""

import json
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import TensorProto, helper, numpy_helper

from presslens.errors import PresslensError
from presslens.rhetoric.ensemble import merge_encoders

EMB = "m.encoder.embeddings.word_embeddings.weight"
VOCAB, HIDDEN = 10, 4


def write_member(d: Path, emb_q: np.ndarray, w: np.ndarray, training: str, outputs=("si_probs", "hidden")) -> Path:
    """A member with the runtime's interface: int8 word embeddings -> dequantised -> hidden (ReLU)
    and si_probs (softmax of hidden-free logits emb @ w)."""
    inits = [numpy_helper.from_array(emb_q, EMB + "_quantized"),
             numpy_helper.from_array(np.array(0.5, dtype=np.float32), EMB + "_scale"),
             numpy_helper.from_array(np.array(0, dtype=np.uint8), EMB + "_zero_point"),
             numpy_helper.from_array(w.astype(np.float32), "si_head.weight")]
    nodes = [helper.make_node("Gather", [EMB + "_quantized", "input_ids"], ["emb_q"], name="gather"),
             helper.make_node("DequantizeLinear", ["emb_q", EMB + "_scale", EMB + "_zero_point"], ["emb"], name="deq"),
             helper.make_node("MatMul", ["emb", "si_head.weight"], ["logits"], name="matmul"),
             helper.make_node("Softmax", ["logits"], [outputs[0]], axis=-1, name="softmax"),
             helper.make_node("Relu", ["emb"], [outputs[1]], name="relu")]
    graph = helper.make_graph(
        nodes, "member",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["b", "t"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["b", "t"])],
        [helper.make_tensor_value_info(outputs[0], TensorProto.FLOAT, ["b", "t", 3]),
         helper.make_tensor_value_info(outputs[1], TensorProto.FLOAT, ["b", "t", HIDDEN])],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    d.mkdir(parents=True)
    onnx.save(model, str(d / "model.onnx"))
    (d / "tc_head.onnx").write_bytes(b"tc head of " + d.name.encode())
    (d / "tokenizer.json").write_text("{}", encoding="utf-8")
    (d / "config.json").write_text(json.dumps({"training": training, "tune_si_f1": {"chosen decoding": 0.4}}),
                                   encoding="utf-8")
    return d


def softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


@pytest.fixture()
def members(tmp_path):
    rng = np.random.default_rng(0)
    e1 = rng.integers(0, 255, (VOCAB, HIDDEN), dtype=np.uint8)
    e2 = rng.integers(0, 255, (VOCAB, HIDDEN), dtype=np.uint8)
    w1, w2 = rng.normal(size=(HIDDEN, 3)) / 30, rng.normal(size=(HIDDEN, 3)) / 30
    return (write_member(tmp_path / "a", e1, w1, "run a"), write_member(tmp_path / "b", e2, w2, "run b"),
            e1, w1, w2)


def test_merged_model_averages_span_probabilities_and_keeps_the_first_members_vectors(members, tmp_path):
    a, b, e1, w1, w2 = members
    out = tmp_path / "ens"
    merge_encoders([a, b], out)
    sess = ort.InferenceSession(str(out / "model.onnx"), providers=["CPUExecutionProvider"])
    assert [o.name for o in sess.get_outputs()] == ["si_probs", "hidden"]
    ids = np.array([[1, 5, 9, 0]], dtype=np.int64)
    probs, hidden = sess.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})
    emb = (e1.astype(np.float32) * 0.5)[ids]  # both members read the first member's embeddings
    np.testing.assert_allclose(probs, (softmax(emb @ w1) + softmax(emb @ w2)) / 2, rtol=1e-5)
    np.testing.assert_allclose(hidden, np.maximum(emb, 0), rtol=1e-6)
    # one word-embedding matrix in the merged graph, not two
    names = [i.name for i in onnx.load(str(out / "model.onnx")).graph.initializer]
    assert sum(EMB in n for n in names) == 3
    assert (out / "tc_head.onnx").read_bytes() == b"tc head of a"
    cfg = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert [m["training"] for m in cfg["ensemble"]["members"]] == ["run a", "run b"]
    assert cfg["training"].startswith("an ensemble of 2 exported models")


def test_an_ensemble_can_be_a_member(members, tmp_path):
    a, b, e1, w1, w2 = members
    merge_encoders([a, b], tmp_path / "ab")
    merge_encoders([a, tmp_path / "ab"], tmp_path / "a_ab")
    sess = ort.InferenceSession(str(tmp_path / "a_ab" / "model.onnx"), providers=["CPUExecutionProvider"])
    ids = np.array([[2, 3]], dtype=np.int64)
    probs, _ = sess.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})
    emb = (e1.astype(np.float32) * 0.5)[ids]
    p1, p2 = softmax(emb @ w1), softmax(emb @ w2)
    np.testing.assert_allclose(probs, (p1 + (p1 + p2) / 2) / 2, rtol=1e-5)


def test_bad_members_are_refused_with_a_coded_error(members, tmp_path):
    a, b, *_ = members
    with pytest.raises(PresslensError, match="E309.*at least two"):
        merge_encoders([a], tmp_path / "x")
    (b / "tc_head.onnx").unlink()
    with pytest.raises(PresslensError, match="E309.*lacks tc_head.onnx"):
        merge_encoders([a, b], tmp_path / "x")
    rng = np.random.default_rng(1)
    small = write_member(tmp_path / "small", rng.integers(0, 255, (VOCAB - 1, HIDDEN), dtype=np.uint8),
                         rng.normal(size=(HIDDEN, 3)), "small vocabulary")
    with pytest.raises(PresslensError, match="E309.*differ in shape"):
        merge_encoders([a, small], tmp_path / "x")
    other = write_member(tmp_path / "other", rng.integers(0, 255, (VOCAB, HIDDEN), dtype=np.uint8),
                         rng.normal(size=(HIDDEN, 3)), "other outputs", outputs=("probs", "vectors"))
    with pytest.raises(PresslensError, match="E309.*not a technique model"):
        merge_encoders([a, other], tmp_path / "x")
    assert not (tmp_path / "x").exists()
