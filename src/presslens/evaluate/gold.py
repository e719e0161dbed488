"""``presslens evaluate gold DIR``: score presslens against hand-made gold articles.

Each article ``NAME.txt`` / ``NAME.html`` has a ``NAME.gold.json`` beside it (format in
``tests/gold/README.md``). Gold items carry no offsets, so items are matched as
multisets of keys, in the spirit of the CoNLL scorers:

- figures: (category, value, low, high); a second table ignores the category;
- events: gold and predicted events are paired one to one (most shared counts, then
  type, date, location), then type, date, location and counts are scored per gold event;
- attributions: (source, cue), lower-cased, with a cue-only table;
- techniques: (technique, span text), lower-cased.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from presslens.errors import PresslensError

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: Iterable[Hashable], pred: Iterable[Hashable]) -> None:
        g, p = Counter(gold), Counter(pred)
        tp = sum((g & p).values())
        self.tp += tp
        self.fp += sum(p.values()) - tp
        self.fn += sum(g.values()) - tp

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclass
class GoldReport:
    figures: PRF = field(default_factory=PRF)
    figure_spans: PRF = field(default_factory=PRF)
    hedged_figures: PRF = field(default_factory=PRF)
    attributions: PRF = field(default_factory=PRF)
    attribution_cues: PRF = field(default_factory=PRF)
    techniques: PRF = field(default_factory=PRF)
    authors: Accuracy = field(default_factory=Accuracy)
    event_type: Accuracy = field(default_factory=Accuracy)
    event_date: Accuracy = field(default_factory=Accuracy)
    event_location: Accuracy = field(default_factory=Accuracy)
    event_counts: Accuracy = field(default_factory=Accuracy)
    event_number: Accuracy = field(default_factory=Accuracy)
    per_article: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "figures (value+category)": self.figures.row(),
            "figures (value only)": self.figure_spans.row(),
            "figures hedged": self.hedged_figures.row(),
            "attributions (source+cue)": self.attributions.row(),
            "attribution cues": self.attribution_cues.row(),
            "techniques (label+span)": self.techniques.row(),
            "events": {
                "counts accuracy": round(self.event_counts.value, 3),
                "type accuracy": round(self.event_type.value, 3),
                "date accuracy": round(self.event_date.value, 3),
                "location accuracy": round(self.event_location.value, 3),
                "articles with the right number of events": round(self.event_number.value, 3),
                "gold events": self.event_counts.total,
            },
            "authors accuracy": round(self.authors.value, 3),
            "articles": self.per_article,
        }


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def _figure_key(fig: dict[str, Any], with_category: bool = True) -> tuple[Any, ...]:
    key = (fig.get("value"), fig.get("low"), fig.get("high"))
    return (fig.get("category"), *key) if with_category else key


def _location_name(loc: Any) -> str | None:
    if loc is None:
        return None
    if isinstance(loc, dict):
        return _norm(loc.get("name") or loc.get("text"))
    return _norm(str(loc))


def _date_value(date: Any) -> str | None:
    if isinstance(date, dict):
        value = date.get("value")
        return str(value) if value else None
    return str(date) if date else None


def _pair_events(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[dict[str, Any],
                                                                                       dict[str, Any] | None]]:
    """Greedy one-to-one pairing by similarity; gold events left over pair with None."""

    def similarity(g: dict[str, Any], p: dict[str, Any]) -> float:
        shared = sum(1 for k, v in g.get("counts", {}).items() if p.get("counts", {}).get(k) == v)
        return (2.0 * shared + (g["type"] == p["type"]) + (_date_value(g.get("date")) == _date_value(p.get("date")))
                + (_location_name(g.get("location")) == _location_name(p.get("location"))))

    candidates = sorted(((similarity(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)),
                        reverse=True)
    paired: dict[int, int] = {}
    used: set[int] = set()
    for score, gi, pi in candidates:
        if score < 1.0 or gi in paired or pi in used:
            continue
        paired[gi] = pi
        used.add(pi)
    return [(g, pred[paired[gi]] if gi in paired else None) for gi, g in enumerate(gold)]


def score_article(gold: dict[str, Any], result: dict[str, Any], report: GoldReport) -> dict[str, Any]:
    pred_figs = result["figures"]
    gold_figs = gold.get("figures", [])
    report.figures.add([_figure_key(f) for f in gold_figs], [_figure_key(f) for f in pred_figs])
    report.figure_spans.add([_figure_key(f, False) for f in gold_figs], [_figure_key(f, False) for f in pred_figs])
    report.hedged_figures.add([_figure_key(f, False) for f in gold_figs if f.get("hedged")],
                              [_figure_key(f, False) for f in pred_figs if f.get("hedges")])

    pred_attr = _predicted_attributions(result)
    gold_attr = [(_norm(a.get("source")), _norm(a.get("cue"))) for a in gold.get("attributions", [])]
    report.attributions.add(gold_attr, pred_attr)
    report.attribution_cues.add([c for _, c in gold_attr], [c for _, c in pred_attr])

    report.techniques.add([(t["technique"], _norm(t["text"])) for t in gold.get("techniques", [])],
                          [(t["technique"], _norm(t["text"])) for t in result["techniques"]])
    report.authors.add(sorted(gold.get("authors", [])) == sorted(result["document"]["authors"]))

    gold_events = gold.get("events", [])
    report.event_number.add(len(gold_events) == len(result["events"]))
    wrong: list[str] = []
    for g, p in _pair_events(gold_events, result["events"]):
        checks = {
            "type": p is not None and p["type"] == g["type"],
            "date": p is not None and _date_value(p.get("date")) == _date_value(g.get("date")),
            "location": p is not None and _location_name(p.get("location")) == _location_name(g.get("location")),
            "counts": p is not None and p.get("counts", {}) == g.get("counts", {}),
        }
        report.event_type.add(checks["type"])
        report.event_date.add(checks["date"])
        report.event_location.add(checks["location"])
        report.event_counts.add(checks["counts"])
        if not all(checks.values()):
            wrong.append(f"{g['type']} {g.get('counts')}: " + ", ".join(k for k, ok in checks.items() if not ok))
    return {"gold events": len(gold_events), "predicted events": len(result["events"]), "event errors": wrong}


def _predicted_attributions(result: dict[str, Any]) -> list[tuple[str, str]]:
    """Every distinct (source, cue) relation in the result: claims, figures and events
    carry attribution objects; one relation is counted once per cue position."""
    seen: dict[tuple[int, int], tuple[str, str]] = {}
    for item in [*result["claims"], *result["figures"], *result["events"]]:
        attr = item.get("attribution")
        if attr and attr.get("issuer"):
            continue  # a release's issuer, from its header: the gold lists relations said in the text
        if attr and attr.get("cue_span"):
            seen.setdefault(tuple(attr["cue_span"]), (_norm(attr.get("source")), _norm(attr.get("cue"))))
    for attr in result.get("attributions", []) or []:
        if attr.get("cue_span"):
            seen.setdefault(tuple(attr["cue_span"]), (_norm(attr.get("source")), _norm(attr.get("cue"))))
    return list(seen.values())


def gold_files(directory: Path) -> list[tuple[Path, Path]]:
    pairs = []
    for gold_path in sorted(directory.glob("*.gold.json")):
        stem = gold_path.name[: -len(".gold.json")]
        article = next((directory / (stem + s) for s in ARTICLE_SUFFIXES if (directory / (stem + s)).exists()), None)
        if article is None:
            raise PresslensError("E201", path=gold_path, reason="no article file beside it")
        pairs.append((article, gold_path))
    if not pairs:
        raise PresslensError("E202", path=directory)
    return pairs


def evaluate_gold(directory: Path, components: tuple[str, ...] | None = None) -> GoldReport:
    from dataclasses import replace

    from presslens.pipeline import Pipeline
    from presslens.settings import load_settings

    settings = load_settings()
    if components:
        settings = replace(settings, components=components)
    pipeline = Pipeline(settings)
    report = GoldReport()
    for article, gold_path in gold_files(directory):
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise PresslensError("E201", path=gold_path, reason=str(exc).splitlines()[0]) from exc
        result = pipeline.analyze(str(article), published=gold.get("published")).to_dict()
        detail = score_article(gold, result, report)
        report.per_article.append({"file": article.name, **detail})
    return report


def format_table(report: GoldReport) -> str:
    data = report.to_dict()
    lines = ["| measure | precision | recall | F1 |", "|---|---|---|---|"]
    for name, row in data.items():
        if isinstance(row, dict) and "f1" in row:
            lines.append(f"| {name} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} |")
    lines += ["", "| events (per gold event) | accuracy |", "|---|---|"]
    for name, value in data["events"].items():
        lines.append(f"| {name} | {value if isinstance(value, int) else f'{value:.3f}'} |")
    lines.append(f"| authors (per article) | {data['authors accuracy']:.3f} |")
    return "\n".join(lines)


@click.command("gold")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the full report (with per-article errors) as JSON.")
@click.option("--components", help="Comma-separated component names to evaluate instead of the configured list.")
def gold_command(directory: Path, as_json: bool, components: str | None) -> None:
    """Score figures, events, attributions and techniques against gold articles in DIRECTORY."""
    from presslens.cli import fail

    names = tuple(c.strip() for c in components.split(",")) if components else None
    try:
        if not directory.is_dir():
            raise PresslensError("E007", path=directory)
        report = evaluate_gold(directory, names)
    except PresslensError as exc:
        fail(str(directory), exc)
        sys.exit(2)
    click.echo(json.dumps(report.to_dict(), indent=2) if as_json else format_table(report))
