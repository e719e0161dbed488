"""``presslens evaluate checkworthy|hedges|attribution``: score a component on a split of the
public data, print the report (JSON) and write the predictions next to it.

- checkworthy: positive-class (Yes) F1, per-class report. ``--component model`` (the
  shipped model's probability against its tuned threshold) or ``rules`` (``claims.rules``
  score >= 0.5).
- hedges: F1 of the uncertain class at sentence level. ``lexicon`` (any ``hedges.lexicon``
  cue), ``model`` (any ``hedges.model`` cue: what ``presslens analyze`` outputs) or ``head``
  (the model's sentence head alone).
- attribution: exact and overlap F1 for Source, Cue and Content spans (one-to-one
  matching; spans trimmed of surrounding spaces, quotation marks and punctuation on both
  sides). ``rules`` (``attribution.rules``) or ``model`` (``attribution.model``).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import click

from presslens.claims import data as D
from presslens.claims.metrics import binary_prf, class_report, span_prf

TRIM = " \t\n\"“”‘’'.,;:!?()[]—–-"


def _state_runner(components: list[str]) -> Any:
    """A function text -> AnalysisState after running ``components`` (spaCy loaded once)."""
    from presslens.ingest import RawArticle
    from presslens.pipeline import AnalysisState, Pipeline

    pipe = Pipeline(components=components)

    def run(text: str) -> AnalysisState:
        state = AnalysisState(doc=pipe.nlp(text), article=RawArticle(text=text), settings=pipe.settings)
        for _name, component in pipe.components:
            component(state)
        return state

    return run


def _write(out: Path, report: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    with (out / "predictions.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    click.echo(json.dumps(report, indent=1))
    click.echo(f"predictions written to {out / 'predictions.jsonl'}", err=True)


def _check_component(component: str, known: tuple[str, ...]) -> None:
    if component not in known:
        from presslens.errors import PresslensError

        raise PresslensError("E406", name=component, known=", ".join(known))


def name_blind_texts(texts: list[str]) -> list[str]:
    """The sentences as the claims model reads them in ``presslens analyze``: names masked
    (``claims.runtime.predict_name_blind``), found by the pinned spaCy pipeline."""
    from presslens.rhetoric.names import find_names, mask_names

    return [mask_names(t, names).text for t, names in zip(texts, find_names(texts, batch_size=64), strict=True)]


def _sentence_task(task: str, data: str, split: str, component: str, out: str | None) -> None:
    from presslens.claims.runtime import get_model

    loader = D.load_checkworthy if task == "checkworthy" else D.load_hedges
    rows = loader(Path(data), split)
    t0 = time.time()
    scores: list[float]
    if component in ("model", "head") and (task == "checkworthy" or component == "head"):
        model = get_model()
        preds = model.predict(name_blind_texts([r.text for r in rows]))
        scores = [p.checkworthy if task == "checkworthy" else p.hedge for p in preds]
        threshold = model.thresholds[task]
    elif task == "checkworthy":
        run = _state_runner(["entities.rules", "hedges.lexicon", "attribution.rules", "figures.rules",
                             "claims.rules"])
        scores = [max((c.checkworthy for c in run(r.text).claims), default=0.0) for r in rows]
        threshold = 0.5
    else:
        name = "hedges.lexicon" if component == "lexicon" else "hedges.model"
        run = _state_runner([name])
        scores = [float(bool(run(r.text).hedge_cues)) for r in rows]
        threshold = 0.5
    gold = [r.label for r in rows]
    pred = [int(s >= threshold) for s in scores]
    names = {1: "Yes", 0: "No"} if task == "checkworthy" else {1: "uncertain", 0: "certain"}
    report = {
        "task": task, "split": split, "component": component, "n": len(rows), "threshold": threshold,
        "f1": round(binary_prf(gold, pred).f1, 4), "per_class": class_report(gold, pred, names),
        "seconds": round(time.time() - t0, 1),
    }
    rows_out = [{"id": r.id, "text": r.text, "gold": r.label, "score": round(s, 4), "pred": p}
                for r, s, p in zip(rows, scores, pred, strict=True)]
    _write(Path(out or f"runs/eval/{task}-{component}-{split}"), report, rows_out)


@click.command("checkworthy")
@click.option("--data", default="../shared/data/checkworthy", show_default=True, type=click.Path())
@click.option("--split", default="dev", show_default=True, type=click.Choice(D.CHECKWORTHY_SPLITS))
@click.option("--component", default="model", show_default=True, type=click.Choice(["model", "rules"]))
@click.option("--out", default=None, type=click.Path(), help="Report and predictions folder.")
def checkworthy_command(data: str, split: str, component: str, out: str | None) -> None:
    """Check-worthiness: positive-class F1 on CheckThat! 2024 English sentences."""
    _guard(lambda: _sentence_task("checkworthy", data, split, component, out))


@click.command("hedges")
@click.option("--data", default="../shared/data/hedges", show_default=True, type=click.Path())
@click.option("--split", default="val", show_default=True, type=click.Choice(D.HEDGE_SPLITS))
@click.option("--component", default="model", show_default=True, type=click.Choice(["model", "lexicon", "head"]))
@click.option("--out", default=None, type=click.Path(), help="Report and predictions folder.")
def hedges_command(data: str, split: str, component: str, out: str | None) -> None:
    """Hedges: uncertain-class sentence F1 on CoNLL-2010 Wikipedia weasel sentences."""
    _guard(lambda: _sentence_task("hedges", data, split, component, out))


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in TRIM:
        a += 1
    while b > a and text[b - 1] in TRIM:
        b -= 1
    return a, b


def predicted_spans(state: Any, reports_only: bool = False) -> dict[str, set[tuple[int, int]]]:
    out: dict[str, set[tuple[int, int]]] = {t: set() for t in D.SPAN_TYPES}
    for rel in state.attributions:
        if reports_only and not rel.reports:
            continue
        out["Cue"].add((rel.cue_start, rel.cue_end))
        if rel.source_start is not None and rel.source_end is not None:
            out["Source"].add((rel.source_start, rel.source_end))
        out["Content"].add(tuple(rel.content))
    return out


def _attribution(data: str, split: str, component: str, out: str | None, limit: int | None,
                 reports_only: bool = False) -> None:
    docs = D.load_polnear(Path(data), split, limit=limit)
    run = _state_runner(["entities.rules", f"attribution.{component}"])
    t0 = time.time()
    gold: dict[str, list[list[tuple[int, int]]]] = {t: [] for t in D.SPAN_TYPES}
    pred: dict[str, list[list[tuple[int, int]]]] = {t: [] for t in D.SPAN_TYPES}
    rows = []
    for doc in docs:
        spans = predicted_spans(run(doc.text), reports_only)
        row: dict[str, Any] = {"id": doc.id}
        for t in D.SPAN_TYPES:
            g = [s for s in (_trim(doc.text, a, b) for typ, a, b in doc.spans if typ == t) if s[1] > s[0]]
            p = [s for s in (_trim(doc.text, a, b) for a, b in spans[t]) if s[1] > s[0]]
            gold[t].append(g)
            pred[t].append(p)
            row[t.lower()] = [[a, b, doc.text[a:b]] for a, b in sorted(p)]
        rows.append(row)
    report: dict[str, Any] = {"task": "attribution", "split": split, "component": component,
                              "reports_only": reports_only, "documents": len(docs)}
    for t in D.SPAN_TYPES:
        report[t.lower()] = {mode: span_prf(gold[t], pred[t], mode).to_dict() for mode in ("exact", "overlap")}
    report["seconds"] = round(time.time() - t0, 1)
    _write(Path(out or f"runs/eval/attribution-{component}-{split}"), report, rows)


@click.command("attribution")
@click.option("--data", default="../shared/data/attribution/polnear", show_default=True, type=click.Path())
@click.option("--split", default="dev", show_default=True, type=click.Choice(D.ATTRIBUTION_SPLITS))
@click.option("--component", default="model", show_default=True,
              type=click.Choice(["model", "hybrid", "rules"]))
@click.option("--limit", default=None, type=int, help="Only the first N documents.")
@click.option("--out", default=None, type=click.Path(), help="Report and predictions folder.")
@click.option("--reports-only", is_flag=True,
              help="Score only the relations that report speech, the ones claims and figures rest on "
                   "(PolNeAR also annotates beliefs, wishes and refusals).")
def attribution_command(data: str, split: str, component: str, limit: int | None, out: str | None,
                        reports_only: bool) -> None:
    """Attribution: exact and overlap F1 of Source, Cue and Content spans on PolNeAR."""
    _guard(lambda: _attribution(data, split, component, out, limit, reports_only))


def _guard(fn: Any) -> None:
    from presslens.errors import PresslensError

    try:
        fn()
    except PresslensError as exc:
        from presslens.cli import fail

        fail("evaluate", exc)
        raise SystemExit(1) from None
