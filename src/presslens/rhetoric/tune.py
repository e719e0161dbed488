"""Post-training choices made on the ``tune`` articles (carved from train, never validation).

* the span decoding: the extension threshold, the seed threshold and the gap bridged
  (hysteresis decoding, see ``features.decode_spans``), and for a model with a sentence
  gate the gate's threshold, with the best SI F1 on a fixed grid;
* the score calibration: Platt scaling of (span probability x technique probability)
  to the probability that the flag overlaps a gold span of the same technique.

Both are written into the model's ``config.json``. Runs the exported ONNX model
(the same runtime ``presslens analyze`` uses).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presslens.rhetoric import features as F
from presslens.rhetoric.names import MaskedText, find_names, mask_names
from presslens.rhetoric.ptc import PtcArticle
from presslens.rhetoric.scoring import si_score

if TYPE_CHECKING:
    from presslens.rhetoric.model_detector import Runtime, SpanPrediction

THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
SEED_THRESHOLDS = (None, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8)  # None: the extension threshold itself
BRIDGE_GAPS = (0, 1, 2, 3, 4)
GATE_THRESHOLDS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)  # 0: the gate is not used


def fit_platt(pairs: list[tuple[float, int]], iters: int = 50) -> tuple[float, float]:
    """Logistic regression of correctness on logit(raw score), by Newton's method."""
    if not pairs or len({y for _, y in pairs}) < 2:
        return 1.0, 0.0
    xs = [math.log(max(r, 1e-6) / max(1 - r, 1e-6)) for r, _ in pairs]
    ys = [y for _, y in pairs]
    a, b = 1.0, 0.0
    for _ in range(iters):
        ga = gb = haa = hab = hbb = 0.0
        for x, y in zip(xs, ys, strict=True):
            p = 1 / (1 + math.exp(-(a * x + b)))
            ga += (p - y) * x
            gb += p - y
            w = p * (1 - p) + 1e-9
            haa += w * x * x
            hab += w * x
            hbb += w
        det = haa * hbb - hab * hab
        if abs(det) < 1e-12:
            break
        a -= (hbb * ga - hab * gb) / det
        b -= (haa * gb - hab * ga) / det
    return a, b


def expected_calibration_error(probs: list[float], ys: list[int], bins: int = 10) -> float:
    total = 0.0
    for k in range(bins):
        idx = [i for i, p in enumerate(probs) if k / bins <= p < (k + 1) / bins or (k == bins - 1 and p >= 1.0)]
        if idx:
            total += len(idx) * abs(sum(probs[i] for i in idx) / len(idx) - sum(ys[i] for i in idx) / len(idx))
    return total / max(1, len(probs))


def flag_outcomes(art: PtcArticle, preds: list[SpanPrediction]) -> list[tuple[float, int]]:
    """(raw score, 1 if the flag's top technique overlaps a gold span with that technique) per flag."""
    out = []
    for p in preds:
        tech, prob = p.technique_probs[0]
        hit = any(t == tech and b < p.end and p.begin < e for t, b, e in art.tc_spans)
        out.append((p.span_prob * prob, int(hit)))
    return out


def article_names(articles: list[PtcArticle]) -> list[list[tuple[int, int]]]:
    """The names (rhetoric.names) in each article, found by the pinned spaCy pipeline."""
    return find_names([a.text for a in articles])


def article_masks(articles: list[PtcArticle]) -> list[MaskedText]:
    return [mask_names(a.text, names) for a, names in zip(articles, article_names(articles), strict=True)]


def tune(model_dir: Path, articles: list[PtcArticle], log: object = print) -> dict[str, float]:
    from presslens.rhetoric.model_detector import Runtime

    rt = Runtime(model_dir)
    # the model reads the texts name-blind, as in the analysis pipeline (rhetoric.names)
    masks = article_masks(articles)
    outputs = [rt._run(m.text, None) for m in masks]
    gold = {a.id: a.si_spans for a in articles}
    if rt.crf is not None:  # the best tag path: nothing to choose, only the calibration to fit
        return calibrate_crf(rt, model_dir, articles, masks, outputs, log)
    gates = GATE_THRESHOLDS if rt.gate_weight is not None else (0.0,)
    grid = [(th, seed, gap, gt) for th in THRESHOLDS for seed in SEED_THRESHOLDS for gap in BRIDGE_GAPS
            for gt in gates if seed is None or seed > th]
    scores: dict[tuple[float, float | None, int, float], float] = {}
    for th, seed, gap, gt in grid:
        sub = {a.id: [m.to_original(b, e) for b, e, _ in F.decode_spans(
                   o.enc, o.p_span.tolist(), o.p_begin.tolist(), th, seed_threshold=seed, bridge_gap=gap,
                   gate=None if o.gate is None else o.gate.tolist(), gate_threshold=gt)]
               for a, m, o in zip(articles, masks, outputs, strict=True)}
        scores[(th, seed, gap, gt)] = si_score(sub, gold).f1
    # ties: the plainest decoding (no gate, no seed, smallest gap, threshold nearest 0.5)
    th, seed, gap, gt = max(grid, key=lambda g: (round(scores[g], 4), -g[3], g[1] is None, -g[2], -abs(g[0] - 0.5)))
    ca, cb, pairs = _fit_calibration(rt, articles, masks, outputs, [F.decode_spans(
        o.enc, o.p_span.tolist(), o.p_begin.tolist(), th, seed_threshold=seed, bridge_gap=gap,
        gate=None if o.gate is None else o.gate.tolist(), gate_threshold=gt) for o in outputs])
    cfg_path = model_dir / "config.json"
    cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
    cfg["threshold"] = th
    cfg["seed_threshold"] = seed
    cfg["bridge_gap"] = gap
    if rt.gate_weight is not None:
        cfg["gate_threshold"] = gt
    plain = {str(t): round(scores[(t, None, 0, 0.0)], 4) for t in THRESHOLDS}
    cfg["tune_si_f1"] = {"plain threshold": plain, "chosen decoding": round(scores[(th, seed, gap, gt)], 4)}
    cfg["calibration"] = _calibration_entry(ca, cb, len(pairs), len(articles))
    cfg_path.write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")
    if callable(log):
        log(f"tune split: SI F1 {cfg['tune_si_f1']}; chose threshold {th}, seed {seed}, gap {gap}, gate {gt}; "
            f"calibration a={ca:.3f} b={cb:.3f}")
    return {"threshold": th, "seed_threshold": seed if seed is not None else th, "bridge_gap": gap,
            "gate_threshold": gt, "a": ca, "b": cb}


def _fit_calibration(rt: Runtime, articles: list[PtcArticle], masks: list[MaskedText], outputs: list[Any],
                     spans: list[list[tuple[int, int, list[int]]]]) -> tuple[float, float, list[tuple[float, int]]]:
    """Platt parameters (a, b) from the flags of the decoded ``spans`` (per article), and the flags' outcomes."""
    pairs: list[tuple[float, int]] = []
    for a, m, o, found in zip(articles, masks, outputs, spans, strict=True):
        preds = rt._predictions(o, found)
        for pred in preds:
            pred.begin, pred.end = m.to_original(pred.begin, pred.end)
        pairs.extend(flag_outcomes(a, preds))
    ca, cb = fit_platt(pairs)
    if ca <= 0:  # a model whose scores do not rank flags at all: keep the raw score
        ca, cb = 1.0, 0.0
    return ca, cb, pairs


def _calibration_entry(a: float, b: float, flags: int, articles: int) -> dict[str, Any]:
    return {"a": round(a, 5), "b": round(b, 5), "flags": flags,
            "fitted_on": f"PTC tune split ({articles} articles)",
            "target": "the flag overlaps a gold span of the same technique"}


def calibrate_crf(rt: Runtime, model_dir: Path, articles: list[PtcArticle], masks: list[MaskedText],
                  outputs: list[Any], log: object = print) -> dict[str, float]:
    """For a model with a CRF: its tune SI F1 with the best tag path, and the calibration."""
    spans = [rt.decode(o) for o in outputs]
    sub = {a.id: [m.to_original(b, e) for b, e, _ in found]
           for a, m, found in zip(articles, masks, spans, strict=True)}
    f1 = si_score(sub, {a.id: a.si_spans for a in articles}).f1
    ca, cb, pairs = _fit_calibration(rt, articles, masks, outputs, spans)
    cfg_path = model_dir / "config.json"
    cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
    cfg["tune_si_f1"] = {"crf best path": round(f1, 4)}
    cfg["calibration"] = _calibration_entry(ca, cb, len(pairs), len(articles))
    cfg_path.write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")
    if callable(log):
        log(f"tune split: SI F1 {f1:.4f} (CRF best path); calibration a={ca:.3f} b={cb:.3f}")
    return {"a": ca, "b": cb, "si_f1": f1}


DECODING_KEYS = ("threshold", "seed_threshold", "bridge_gap", "gate_threshold", "crf_span_bias", "crf_min_span_score",
                 "crf_merge_gap", "crf_min_words", "crf_repeat_wording", "calibration")


def carry_decoding(source_dir: Path, model_dir: Path, log: object = print) -> None:
    """Give the model in ``model_dir`` the decoding and calibration of the model in
    ``source_dir`` instead of choosing them. For a model trained on the tune articles too
    (``--train-on train``): nothing is left to choose them on, and validation must not."""
    src = json.loads((source_dir / "config.json").read_text(encoding="utf-8"))
    cfg_path = model_dir / "config.json"
    cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
    for key in DECODING_KEYS:
        if key in src:
            cfg[key] = src[key]
    cfg.pop("tune_si_f1", None)
    if "crf" in cfg and "crf_span_bias" in src:  # best path with a span bias chosen on tune
        cfg["decoding_from"] = (f"span bias and calibration carried over from the model in {source_dir.name}/ "
                                "(chosen and fitted on its tune split), not chosen for this model")
    elif "crf" in cfg:  # best-path decoding: no threshold was chosen, only the calibration fitted
        cfg["decoding_from"] = (f"calibration carried over from the model in {source_dir.name}/ (fitted on "
                                "its tune split), not fitted for this model; best-path decoding chooses nothing")
    else:
        cfg["decoding_from"] = (f"decoding and calibration carried over from the model in {source_dir.name}/ "
                                "(chosen on its tune split), not chosen for this model")
    cfg_path.write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")
    if callable(log):
        log(f"decoding and calibration carried over from {source_dir}: threshold {cfg.get('threshold')}, "
            f"seed {cfg.get('seed_threshold')}, gap {cfg.get('bridge_gap')}")
