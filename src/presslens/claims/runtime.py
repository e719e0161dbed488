"""The shipped claims model at run time: onnxruntime + ``tokenizers`` only (no torch).

One encoder pass per sentence gives three outputs: the check-worthiness probability, the
probability that the sentence is hedged (uncertain), and BIO tags for attribution spans
(Source / Cue / Content) over its word pieces. The ONNX session is created once per process.
"""

from __future__ import annotations

import functools
import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from presslens.claims.tagging import decode_tags
from presslens.errors import PresslensError
from presslens.nlp.onnx import cpu_session
from presslens.rhetoric.names import mask_names

MODEL_DIR = Path(__file__).parent / "model"


@dataclass
class SentencePrediction:
    checkworthy: float
    hedge: float
    # (type, start, end), character offsets relative to the sentence text
    spans: list[tuple[str, int, int]] = field(default_factory=list)


def _sigmoid_pair(row: Any) -> float:
    d = float(row[1]) - float(row[0])
    return 1.0 / (1.0 + math.exp(-d)) if d > -60 else 0.0


class ClaimsModel:
    def __init__(self, model_dir: Path = MODEL_DIR, threads: int | None = None) -> None:
        config_path = model_dir / "config.json"
        if not config_path.is_file():
            raise PresslensError("E404", path=model_dir)
        try:
            import numpy as np
            import onnxruntime  # noqa: F401  (cpu_session needs it)
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise PresslensError("E405", module=exc.name or "onnxruntime") from exc
        self.np = np
        self.config = json.loads(config_path.read_text(encoding="utf-8"))
        self.thresholds: dict[str, float] = self.config["thresholds"]
        self.max_len = int(self.config["max_len"])
        self.tokenizer = Tokenizer.from_file(str(model_dir / self.config["tokenizer"]))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=self.max_len)
        self.session = cpu_session(model_dir / self.config["model"], threads)

    def predict(self, texts: list[str], batch_size: int = 32) -> list[SentencePrediction]:
        """One prediction per sentence. Sentences are batched by length, so little is padding: 32 a
        run take 15-18% less time than 8 (`python3 bench/claims.py --articles 30 --batch-sizes 8,32`),
        with scores within int8 noise (hedges 0.642 both; PolNeAR source 0.701 against 0.699,
        check-worthiness 0.923 against 0.919: int8 activations are scaled per run)."""
        np = self.np
        encs = self.tokenizer.encode_batch(texts) if texts else []
        out: list[SentencePrediction | None] = [None] * len(texts)
        order = sorted(range(len(texts)), key=lambda i: len(encs[i].ids))
        for b in range(0, len(order), batch_size):
            idx = order[b:b + batch_size]
            width = max(len(encs[i].ids) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for r, i in enumerate(idx):
                n = len(encs[i].ids)
                ids[r, :n] = encs[i].ids
                mask[r, :n] = 1
            cw, hd, tags = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
            best = tags.argmax(-1)
            for r, i in enumerate(idx):
                enc = encs[i]
                n = len(enc.ids)
                keep = [not s for s in enc.special_tokens_mask]
                spans = decode_tags(enc.offsets, [int(t) for t in best[r, :n]], keep)
                out[i] = SentencePrediction(_sigmoid_pair(cw[r]), _sigmoid_pair(hd[r]), spans)
        return [p for p in out if p is not None]


def predict_name_blind(model: ClaimsModel, text: str, bounds: list[tuple[int, int]],
                       names: list[tuple[int, int]]) -> list[SentencePrediction]:
    """Predictions for the sentences ``bounds`` (character ranges of ``text``), read with every
    name in ``names`` replaced by one placeholder (``presslens.rhetoric.names``), so that
    check-worthiness, hedging and attribution spans do not depend on which party a sentence
    names. Span offsets come back relative to each original sentence; a span that covers a
    placeholder covers the whole name."""
    masked = mask_names(text, names)
    masked_bounds = [masked.to_masked(s, e) for s, e in bounds]
    preds = model.predict([masked.text[a:b] for a, b in masked_bounds])
    out = []
    for (start, _), (m_start, _), pred in zip(bounds, masked_bounds, preds, strict=True):
        spans = []
        for tag, a, b in pred.spans:
            oa, ob = masked.to_original(m_start + a, m_start + b)
            spans.append((tag, oa - start, ob - start))
        out.append(SentencePrediction(pred.checkworthy, pred.hedge, spans))
    return out


def get_model(model_dir: str | None = None) -> ClaimsModel:
    """The model in ``model_dir`` (default: ``$PRESSLENS_CLAIMS_MODEL`` or the shipped one),
    loaded once per process."""
    return _load(model_dir or os.environ.get("PRESSLENS_CLAIMS_MODEL") or str(MODEL_DIR))


@functools.lru_cache(maxsize=4)
def _load(model_dir: str) -> ClaimsModel:
    return ClaimsModel(Path(model_dir))
