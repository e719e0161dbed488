"""The ``labelstudio`` format: one Label Studio task with presslens' spans as predictions.

Import it into a project set up with :data:`LABEL_CONFIG` to review or correct the
automatic spans. Offsets are Unicode code points (Python string indices), which is
what Label Studio stores for ``<Text>`` regions.
"""

from __future__ import annotations

import json
from typing import Any
from xml.sax.saxutils import quoteattr

from presslens.export._spans import Highlight, collect
from presslens.model import FIGURE_CATEGORIES, TECHNIQUES, Analysis
from presslens.registry import formats


def _label(h: Highlight) -> str:
    if h.kind == "technique":
        return h.label
    if h.kind == "figure":
        return f"FIGURE_{h.label}"
    return h.kind.upper()  # HEDGE, CUE, SOURCE


def _label_config() -> str:
    labels = [(t, "#f59e0b") for t in TECHNIQUES]
    labels += [(f"FIGURE_{c}", "#2563eb") for c in FIGURE_CATEGORIES]
    labels += [("HEDGE", "#d97706"), ("SOURCE", "#059669"), ("CUE", "#7c3aed")]
    lines = [f"    <Label value={quoteattr(v)} background={quoteattr(bg)}/>" for v, bg in labels]
    return "\n".join(
        [
            "<View>",
            '  <Labels name="label" toName="text">',
            *lines,
            "  </Labels>",
            '  <Text name="text" value="$text"/>',
            "</View>",
        ]
    )


# The labeling config matching the tasks this format writes.
LABEL_CONFIG = _label_config()


def to_tasks(analysis: Analysis) -> list[dict[str, Any]]:
    doc = analysis.document
    results: list[dict[str, Any]] = []
    for n, h in enumerate(collect(analysis), start=1):
        result: dict[str, Any] = {
            "id": f"pl{n}",
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {
                "start": h.start,
                "end": h.end,
                "text": doc.text[h.start : h.end],
                "labels": [_label(h)],
            },
        }
        # Only model scores are reported; rule-based spans have no calibrated confidence.
        if h.score is not None:
            result["score"] = h.score
        results.append(result)
    scores = [r["score"] for r in results if "score" in r]
    prediction = {
        "model_version": f"presslens-{analysis.presslens}",
        "score": sum(scores) / len(scores) if scores else 0.0,
        "result": results,
    }
    data = {"text": doc.text, "title": doc.title or "", "doc_id": doc.id}
    return [{"data": data, "predictions": [prediction]}]


def render(analysis: Analysis) -> str:
    return json.dumps(to_tasks(analysis), ensure_ascii=False, indent=2)


formats.register("labelstudio", func=render)
