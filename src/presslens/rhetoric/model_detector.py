"""The trained technique detector (component ``techniques.model``): onnxruntime + tokenizers only.

The model (``presslens/rhetoric/model/``: int8 ONNX encoder with the span-tagging head,
a small ONNX technique head, the WordPiece tokenizer and ``config.json``) is trained by
``presslens train techniques`` and loaded once per process. No PyTorch, no transformers,
no network: everything it reads ships inside the package.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presslens.errors import PresslensError
from presslens.model import Technique
from presslens.nlp.onnx import cpu_session
from presslens.registry import components
from presslens.rhetoric import features as F
from presslens.rhetoric.definitions import DEFINITIONS
from presslens.rhetoric.names import MaskedText, document_names, mask_names

if TYPE_CHECKING:
    from presslens.pipeline import AnalysisState

COMPONENT = "techniques.model"
MODEL_FILES = ("model.onnx", "tc_head.onnx", "tokenizer.json", "config.json")


def default_model_dir() -> Path:
    return Path(str(resources.files("presslens.rhetoric").joinpath("model")))


@dataclass
class SpanPrediction:
    begin: int
    end: int
    span_prob: float  # mean propaganda probability of the span's tokens
    technique_probs: list[tuple[str, float]]  # sorted, most likely first
    recurrences: int  # other occurrences of the same wording in the text


@dataclass
class _ArticleOutput:
    enc: F.Encoded
    p_span: Any  # [T] probability that the token is inside a technique span
    p_begin: Any  # [T] probability that it begins one
    hidden: Any  # [T, H]
    cls: Any  # [T, H] the [CLS] vector of each token's window
    gate: Any = None  # [T] the sentence gate's probability for each token's sentence (models with one)


class Runtime:
    """One loaded model. Use :func:`load_runtime` to share it within a process."""

    def __init__(self, model_dir: Path, threads: int = 0) -> None:
        missing = [f for f in MODEL_FILES if not (model_dir / f).is_file()]
        if missing:
            raise PresslensError("E303", path=model_dir)
        try:
            import numpy as np
            import onnxruntime  # noqa: F401  (cpu_session needs it)
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise PresslensError("E304") from exc
        self.np = np
        self.encoder = cpu_session(model_dir / "model.onnx", threads)
        self.tc_head = cpu_session(model_dir / "tc_head.onnx", threads)
        self.tok = F.prepare_tokenizer(Tokenizer.from_file(str(model_dir / "tokenizer.json")))
        self.config: dict[str, Any] = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        self.techniques: list[str] = list(self.config["techniques"])
        self.max_len = int(self.config["max_len"])
        self.threshold = float(self.config["threshold"])
        # hysteresis decoding (features.decode_spans); models tuned before it have neither key
        seed = self.config.get("seed_threshold")
        self.seed_threshold = float(seed) if seed is not None else None
        self.bridge_gap = int(self.config.get("bridge_gap", 0))
        # the sentence gate (models trained with --sentence-gate): spans of sentences it rules out are dropped
        gate = self.config.get("sentence_gate")
        self.gate_weight = np.asarray(gate["weight"], dtype=np.float32) if gate else None
        self.gate_bias = float(gate["bias"]) if gate else 0.0
        self.gate_threshold = float(self.config.get("gate_threshold", 0.0))
        # a model trained with a CRF over its tags (--crf) decodes by the best tag path instead
        self.crf = F.CrfScores.from_config(self.config.get("crf"))
        self.crf_span_bias = float(self.config.get("crf_span_bias", 0.0))
        # best-path spans whose mean span probability is below this floor are dropped (0: none)
        self.crf_min_span_score = float(self.config.get("crf_min_span_score", 0.0))
        # and then reshaped (features.reshape_spans); each step off unless the config turns it on
        self.crf_merge_gap = int(self.config.get("crf_merge_gap", 0))
        self.crf_min_words = int(self.config.get("crf_min_words", 1))
        self.crf_repeat_wording = bool(self.config.get("crf_repeat_wording", False))
        # windows per encoder run: int8 activations take one scale per run, so a window's outputs
        # depend on the windows it shares a run with (and their padding) unless this is 1
        self.windows_per_run = max(1, int(self.config.get("windows_per_run", 16)))
        cal = self.config.get("calibration") or {}
        self.cal_a = float(cal.get("a", 1.0))
        self.cal_b = float(cal.get("b", 0.0))

    # -- encoder ---------------------------------------------------------------------------
    def _run(self, text: str, sentences: list[tuple[int, int]] | None) -> _ArticleOutput:
        np = self.np
        enc = F.encode(self.tok, text, sentences, max_len=self.max_len)
        T = len(enc.ids)
        p_span = np.zeros(T, dtype=np.float32)
        p_begin = np.zeros(T, dtype=np.float32)
        hidden = np.zeros((T, int(self.config["hidden"])), dtype=np.float32)
        cls = np.zeros_like(hidden)
        order = sorted(range(len(enc.windows)), key=lambda k: enc.windows[k][1] - enc.windows[k][0])
        for s in range(0, len(order), self.windows_per_run):
            ks = order[s: s + self.windows_per_run]
            rows = [enc.window_inputs(k) for k in ks]
            L = max(len(r) for r in rows)
            ids = np.zeros((len(rows), L), dtype=np.int64)
            mask = np.zeros((len(rows), L), dtype=np.int64)
            for r, row in enumerate(rows):
                ids[r, : len(row)] = row
                mask[r, : len(row)] = 1
            probs, h = self.encoder.run(None, {"input_ids": ids, "attention_mask": mask})
            for r, k in enumerate(ks):
                a, b = enc.windows[k]
                n = b - a
                p_span[a:b] = probs[r, 1: n + 1, 1] + probs[r, 1: n + 1, 2]
                p_begin[a:b] = probs[r, 1: n + 1, 1]
                hidden[a:b] = h[r, 1: n + 1]
                cls[a:b] = h[r, 0]
        gate = F.sentence_gate_probs(enc, hidden, self.gate_weight, self.gate_bias) \
            if self.gate_weight is not None else None
        return _ArticleOutput(enc, p_span, p_begin, hidden, cls, gate)

    def _classify(self, out: _ArticleOutput, token_ranges: list[tuple[int, int]], char_ranges: list[tuple[int, int]]
                  ) -> tuple[Any, list[int]]:
        np = self.np
        text = out.enc.text
        fle = F.first_line_end(text)
        feats = np.zeros((len(token_ranges), 4 * out.hidden.shape[1] + F.N_EXTRA), dtype=np.float32)
        recurrences = []
        for n, ((i, j), (b, e)) in enumerate(zip(token_ranges, char_ranges, strict=True)):
            extra = F.extra_features(text, b, e, j - i, fle)
            recurrences.append(round(float(np.expm1(extra[0]))))
            feats[n] = np.concatenate([out.hidden[i:j].mean(0), out.hidden[i], out.hidden[j - 1], out.cls[i], extra])
        if not len(feats):
            return np.zeros((0, len(self.techniques)), dtype=np.float32), recurrences
        logits = self.tc_head.run(None, {"features": feats})[0]
        logits = logits - logits.max(1, keepdims=True)
        probs = np.exp(logits)
        return probs / probs.sum(1, keepdims=True), recurrences

    def _predictions(self, out: _ArticleOutput, spans: list[tuple[int, int, list[int]]]) -> list[SpanPrediction]:
        tr = [(toks[0], toks[-1] + 1) for _b, _e, toks in spans]
        probs, rec = self._classify(out, tr, [(b, e) for b, e, _ in spans])
        preds = []
        for n, (b, e, toks) in enumerate(spans):
            ranked = sorted(zip(self.techniques, probs[n].tolist(), strict=True), key=lambda x: -x[1])
            preds.append(SpanPrediction(b, e, float(out.p_span[toks].mean()), ranked, rec[n]))
        return preds

    def _run_name_blind(self, text: str, sentences: list[tuple[int, int]] | None,
                        names: list[tuple[int, int]] | None) -> tuple[MaskedText | None, _ArticleOutput]:
        """The encoder over ``text`` with ``names`` masked (sentences moved along); the mask
        maps the outputs' character offsets back to ``text``."""
        if not names:
            return None, self._run(text, sentences)
        masked = mask_names(text, names)
        if sentences is not None:
            sentences = [masked.to_masked(b, e) for b, e in sentences]
        return masked, self._run(masked.text, sentences)

    # -- public ----------------------------------------------------------------------------
    def detect(self, text: str, sentences: list[tuple[int, int]] | None = None,
               threshold: float | None = None, names: list[tuple[int, int]] | None = None,
               gate_threshold: float | None = None) -> list[SpanPrediction]:
        """Technique spans in ``text`` (sentences: char ranges; default: its lines). ``names``:
        char spans the model must not see (see :mod:`presslens.rhetoric.names`)."""
        masked, out = self._run_name_blind(text, sentences, names)
        preds = self._predictions(out, self.decode(out, threshold, gate_threshold))
        if masked is not None:
            for p in preds:
                p.begin, p.end = masked.to_original(p.begin, p.end)
        return preds

    def decode(self, out: _ArticleOutput, threshold: float | None = None, gate_threshold: float | None = None,
               span_bias: float | None = None, min_span_score: float | None = None, reshape: bool = True
               ) -> list[tuple[int, int, list[int]]]:
        """Spans from token probabilities with the model's tuned decoding (``threshold``
        overrides the extension threshold; the seed threshold is never below it;
        ``gate_threshold`` the sentence gate's, 0 turning it off). A model with a CRF takes
        the best tag path of each window, unless a ``threshold`` is given (``span_bias`` and
        ``min_span_score`` override the model's ``crf_span_bias`` and ``crf_min_span_score``;
        ``reshape=False`` leaves out the reshaping its config asks for, :func:`F.reshape_spans`)."""
        gate = out.gate.tolist() if out.gate is not None else None
        gate_th = self.gate_threshold if gate_threshold is None else gate_threshold
        if self.crf is not None and threshold is None:
            bias = self.crf_span_bias if span_bias is None else span_bias
            floor = self.crf_min_span_score if min_span_score is None else min_span_score
            in_span, begins = F.crf_decode_inputs(out.enc, out.p_span.tolist(), out.p_begin.tolist(), self.crf,
                                                  span_bias=bias)
            spans = F.decode_spans(out.enc, in_span, begins, 0.5, gate=gate, gate_threshold=gate_th)
            # the same mean as a flag's span score (_predictions), so the floor is on what users see
            if floor > 0:
                spans = [s for s in spans if float(out.p_span[s[2]].mean()) >= floor]
            if not reshape:
                return spans
            return F.reshape_spans(out.enc, spans, self.crf_merge_gap, self.crf_min_words, self.crf_repeat_wording)
        th = self.threshold if threshold is None else threshold
        seed = max(th, self.seed_threshold) if self.seed_threshold is not None else None
        return F.decode_spans(out.enc, out.p_span.tolist(), out.p_begin.tolist(), th,
                              seed_threshold=seed, bridge_gap=self.bridge_gap, gate=gate, gate_threshold=gate_th)

    def classify(self, text: str, spans: list[tuple[int, int]], sentences: list[tuple[int, int]] | None = None,
                 names: list[tuple[int, int]] | None = None) -> list[SpanPrediction]:
        """Technique probabilities for given char spans (the TC task: spans are known)."""
        masked, out = self._run_name_blind(text, sentences, names)
        given = []
        for b, e in spans:
            mb, me = masked.to_masked(b, e) if masked else (b, e)
            ts = F.token_span(out.enc, mb, me)
            if ts:
                toks = list(range(ts[0], ts[1]))
            else:  # a span with no token of its own (whitespace): the next token, else the last
                toks = [max(0, next((k for k, (_, te) in enumerate(out.enc.offsets) if te > mb),
                                    len(out.enc.ids) - 1))]
            given.append((mb, me, toks))
        preds = self._predictions(out, given)
        for p, (b, e) in zip(preds, spans, strict=True):  # the given spans, exactly
            p.begin, p.end = b, e
        return preds

    def calibrated(self, raw: float) -> float:
        """Platt-scaled probability that a flag is right (parameters fitted on held-out data, see MODEL_CARD)."""
        return platt_probability(self.cal_a, self.cal_b, raw)


def platt_probability(a: float, b: float, raw: float) -> float:
    """Platt scaling of a raw flag score (span x technique probability): sigmoid(a logit(raw) + b)."""
    raw = min(max(raw, 1e-6), 1 - 1e-6)
    return 1 / (1 + math.exp(-(a * math.log(raw / (1 - raw)) + b)))


@lru_cache(maxsize=4)
def load_runtime(model_dir: str | None = None) -> Runtime:
    """The model, loaded once per process and directory."""
    return Runtime(Path(model_dir) if model_dir else default_model_dir())


def _name(technique: str) -> str:
    return technique.replace("_", " ").replace(",", " / ")


def explain(technique: str, span: str, pred: SpanPrediction, prob: float) -> str:
    why = (f"“{span}” reads like passages that annotators of news articles marked as {_name(technique)}"
           f" (model confidence {prob:.0%})")
    if technique == "Repetition" and pred.recurrences:
        times = "once more" if pred.recurrences == 1 else f"{pred.recurrences} more times"
        why = f"the wording “{span}” occurs {times} in this text (model confidence {prob:.0%})"
    return f"{DEFINITIONS[technique]} Here {why}."


def to_techniques(preds: list[SpanPrediction], text: str, runtime: Runtime, min_score: float = 0.0,
                  second_label: float = 0.35) -> list[Technique]:
    """Result objects: the most likely technique per span, plus a second one if it is also likely."""
    found = []
    for p in preds:
        labels = [p.technique_probs[0]]
        if len(p.technique_probs) > 1 and p.technique_probs[1][1] >= second_label:
            labels.append(p.technique_probs[1])
        span = text[p.begin: p.end]
        for tech, prob in labels:
            score = round(runtime.calibrated(p.span_prob * prob), 3)
            if score < min_score:
                continue
            found.append(Technique(tech, p.begin, p.end, span, score, explain(tech, span, p, prob),
                                   component=COMPONENT))
    return found


def within_paragraph(state: AnalysisState, pred: SpanPrediction) -> SpanPrediction | None:
    """The span cut where a paragraph ends or metadata begins: "engulfs Kholm Central Prison" of a
    headline the model read on into the dateline ("... Prison\n\nKHOLM"), "Yours, in anger and in
    grief," without the signature under it. None when nothing worded is left."""
    text = state.text
    begin, end = pred.begin, pred.end
    brk = text.find("\n\n", begin, end)
    if brk >= 0:  # the first part with a word in it
        if F.has_content_word(text[begin:brk]):
            end = brk
        else:
            begin = brk + 2
    for s, e in state.skip_ranges:
        if begin < s < end:
            end = s
        elif s <= begin < e < end:
            begin = e
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    if (begin, end) == (pred.begin, pred.end):
        return pred
    return replace(pred, begin=begin, end=end) if F.has_content_word(text[begin:end]) else None


@components.register(COMPONENT)
def make_model_detector(config: dict[str, Any]) -> Callable[[AnalysisState], None]:
    min_score = float(config.get("min_score", 0.0))
    runtime = load_runtime(config.get("techniques_model_dir"))

    def run(state: AnalysisState) -> None:
        doc = state.doc
        sents = [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else None
        # name-blind: the model reads "Smith" wherever the text names a person, group or place
        preds = [p for p in runtime.detect(state.text, sents, names=document_names(state))
                 if not state.in_skip_range(p.begin, p.end)]
        preds = [kept for p in preds if (kept := within_paragraph(state, p)) is not None]
        state.techniques.extend(to_techniques(preds, state.text, runtime, min_score))

    return run
