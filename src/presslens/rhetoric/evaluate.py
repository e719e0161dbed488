"""``presslens evaluate techniques``: the shipped ONNX model scored on the PTC with the official measures.

SI: the model finds spans in each article of the split. TC: the model labels the gold
spans (a span with k gold labels gets its k most likely techniques), as in the task.
Predictions are written in the task's submission formats.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import click

from presslens.errors import PresslensError
from presslens.rhetoric.ptc import DEFAULT_PTC, TECHNIQUES, PtcArticle, load_articles, split
from presslens.rhetoric.scoring import PRF, TCResult, bootstrap_si_f1, si_score, tc_score
from presslens.rhetoric.tune import article_names, expected_calibration_error, flag_outcomes

PUBLISHED_BEST = {"si_f1": 0.52, "tc_micro_f1": 0.637}


SISub = dict[str, list[tuple[int, int]]]
TCSub = dict[str, list[tuple[str, int, int]]]


def predict(articles: list[PtcArticle], model_dir: Path | None, threshold: float | None = None,
            see_names: bool = False, no_gate: bool = False) -> tuple[SISub, TCSub, list[tuple[float, int]]]:
    """SI spans, TC labels on gold spans, and (calibrated score, correct?) of every flag.
    The model reads the articles name-blind, as ``presslens analyze`` does, unless ``see_names``;
    ``no_gate``: a model's sentence gate is not applied (its other decoding settings are)."""
    from presslens.rhetoric.model_detector import load_runtime

    rt = load_runtime(str(model_dir) if model_dir else None)
    si: SISub = {}
    tc: TCSub = {}
    flags: list[tuple[float, int]] = []
    names = [None] * len(articles) if see_names else article_names(articles)
    for art, art_names in zip(articles, names, strict=True):
        preds = rt.detect(art.text, threshold=threshold, names=art_names, gate_threshold=0.0 if no_gate else None)
        si[art.id] = [(p.begin, p.end) for p in preds]
        flags.extend((rt.calibrated(raw), hit) for raw, hit in flag_outcomes(art, preds))
        groups: dict[tuple[int, int], int] = defaultdict(int)
        for _t, b, e in art.tc_spans:
            groups[(b, e)] += 1
        spans = sorted(groups)
        labelled = rt.classify(art.text, spans, names=art_names)
        tc[art.id] = [(tech, p.begin, p.end) for p in labelled
                      for tech, _ in p.technique_probs[: groups[(p.begin, p.end)]]]
    return si, tc, flags


def write_submission(out: Path, si: SISub, tc: TCSub) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (out / "si-predictions.txt").open("w", encoding="utf-8") as fh:
        for art in sorted(si):
            for b, e in sorted(si[art]):
                fh.write(f"{art}\t{b}\t{e}\n")
    with (out / "tc-predictions.txt").open("w", encoding="utf-8") as fh:
        for art in sorted(tc):
            for tech, b, e in sorted(tc[art], key=lambda x: (x[1], x[2], x[0])):
                fh.write(f"{art}\t{tech}\t{b}\t{e}\n")


def report(si_res: PRF, tc_res: TCResult, n_articles: int, which: str) -> str:
    lines = [f"PTC {which} split: {n_articles} articles (by-article split of train, seeded)",
             f"SI  precision {si_res.precision:.4f}  recall {si_res.recall:.4f}  F1 {si_res.f1:.4f}"
             f"   (published best on the task's test set: {PUBLISHED_BEST['si_f1']})",
             f"TC  micro-F1 {tc_res.micro.f1:.4f}   (published best on the task's test set: "
             f"{PUBLISHED_BEST['tc_micro_f1']})",
             "TC per technique (F1, gold spans):"]
    for t in TECHNIQUES:
        lines.append(f"  {t:<36} {tc_res.per_technique[t]:.3f}  ({tc_res.support[t]})")
    return "\n".join(lines)


@click.command("techniques")
@click.option("--data", "data", type=click.Path(path_type=Path), default=DEFAULT_PTC, show_default=True,
              help="PTC corpus directory (with train/).")
@click.option("--split", "which", type=click.Choice(["validation", "tune", "fit", "train", "all"]),
              default="validation",
              show_default=True)
@click.option("--model", "model_dir", type=click.Path(path_type=Path), default=None,
              help="Model directory (default: the one shipped in presslens).")
@click.option("--out", "out", type=click.Path(path_type=Path), default=Path("runs/eval/techniques"), show_default=True,
              help="Where to write si-predictions.txt and tc-predictions.txt (task submission formats).")
@click.option("--threshold", type=float, default=None, help="Span probability threshold (default: the model's).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--see-names", is_flag=True,
              help="Let the model read names (presslens analyze masks them); measures what masking costs.")
@click.option("--bootstrap", "resamples", type=click.IntRange(0, 100000), default=1000, show_default=True,
              help="Resample the split's articles this many times for a 95% interval of SI F1 (0: off).")
@click.option("--no-gate", is_flag=True,
              help="Decode without the model's sentence gate (models trained with --sentence-gate); "
                   "measures what the gate does.")
def evaluate_command(data: Path, which: str, model_dir: Path | None, out: Path, threshold: float | None,
                     as_json: bool, see_names: bool, no_gate: bool, resamples: int) -> None:
    """Score the technique model on a PTC split: SI P/R/F1, TC micro-F1, per-technique F1."""
    from presslens.cli import fail

    try:
        articles = split(load_articles(data), which)
        si, tc, flags = predict(articles, model_dir, threshold, see_names, no_gate)
    except PresslensError as exc:
        fail(str(data), exc)
        raise SystemExit(1) from exc
    si_res = si_score(si, {a.id: a.si_spans for a in articles})
    tc_res = tc_score(tc, {a.id: a.tc_spans for a in articles}, TECHNIQUES)
    write_submission(out, si, tc)
    scores = [p for p, _ in flags]
    ys = [y for _, y in flags]
    ece = expected_calibration_error(scores, ys)
    interval = bootstrap_si_f1(si, {a.id: a.si_spans for a in articles}, resamples) if resamples else None
    cal_lines = [f"flags: {len(flags)}, share right {sum(ys) / max(1, len(ys)):.3f}, mean score "
                 f"{sum(scores) / max(1, len(scores)):.3f}, expected calibration error {ece:.3f}"]
    if as_json:
        click.echo(json.dumps({"split": which, "articles": len(articles), "names_masked": not see_names,
                               "si": si_res.__dict__,
                               "tc_micro": tc_res.micro.__dict__, "tc_per_technique": tc_res.per_technique,
                               "calibration_ece": ece,
                               "si_f1_interval_95": None if interval is None else [interval.low, interval.high]},
                              indent=2))
    else:
        click.echo(report(si_res, tc_res, len(articles), which))
        if interval is not None:
            click.echo(f"SI F1 95% interval over the split's articles (bootstrap, {resamples} resamples): "
                       f"{interval.low:.3f}-{interval.high:.3f}")
        for line in cal_lines:
            click.echo(line)
        click.echo(f"predictions written to {out}/si-predictions.txt and {out}/tc-predictions.txt")
