"""The ``webanno`` format: W3C Web Annotation (JSON-LD) for the highlighted spans.

Offsets in ``TextPositionSelector`` count Unicode code points, as the W3C model
requires and as Python string indices do.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from presslens.export._spans import Highlight, collect
from presslens.model import Analysis
from presslens.registry import formats

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32  # length of the TextQuoteSelector prefix and suffix


def _urn_part(value: str) -> str:
    # Document ids are caller-supplied; percent-encode so the URN stays a valid IRI.
    return quote(value, safe="")


def _tag(h: Highlight) -> str:
    if h.kind == "technique":
        return h.label
    if h.kind == "figure":
        return f"figure:{h.label}"
    return {"hedge": "hedge", "cue": "attribution-cue", "source": "attribution-source"}[h.kind]


def _annotation(h: Highlight, n: int, doc_id: str, text: str) -> dict[str, Any]:
    bodies: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "tagging", "value": _tag(h), "format": "text/plain"}
    ]
    # Hedges and attribution spans are fully described by their tag and the quoted text.
    if h.kind in ("technique", "figure") and h.note:
        bodies.append(
            {"type": "TextualBody", "purpose": "commenting", "value": h.note, "format": "text/plain"}
        )
    return {
        "id": f"urn:presslens:anno:{doc_id}:{n}",
        "type": "Annotation",
        "motivation": "tagging" if h.kind in ("technique", "figure") else "highlighting",
        "body": bodies,
        "target": {
            "source": f"urn:presslens:doc:{doc_id}",
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": text[h.start : h.end],
                    "prefix": text[max(0, h.start - CONTEXT_CHARS) : h.start],
                    "suffix": text[h.end : h.end + CONTEXT_CHARS],
                },
                {"type": "TextPositionSelector", "start": h.start, "end": h.end},
            ],
        },
    }


def to_collection(analysis: Analysis) -> dict[str, Any]:
    doc = analysis.document
    doc_id = _urn_part(doc.id)
    items = [_annotation(h, n, doc_id, doc.text) for n, h in enumerate(collect(analysis), start=1)]
    collection: dict[str, Any] = {
        "@context": CONTEXT,
        "id": f"urn:presslens:collection:{doc_id}",
        "type": "AnnotationCollection",
        "label": doc.title or doc.id,
        "total": len(items),
        "generator": {"id": "urn:presslens", "type": "Software", "name": f"presslens {analysis.presslens}"},
        "first": {
            "id": f"urn:presslens:page:{doc_id}:1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }
    return collection


def render(analysis: Analysis) -> str:
    return json.dumps(to_collection(analysis), ensure_ascii=False, indent=2)


formats.register("webanno", func=render)
