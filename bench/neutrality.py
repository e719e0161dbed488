"""How often the technique model's flags change when the parties of a text are swapped,
with names visible to the model and with names masked (what `presslens analyze` does).

    python bench/neutrality.py

Uses the swap-parties text and pairs of tests/test_neutrality.py. A pair "differs" when the
flags (technique, span text with the names replaced, score) are not the same both ways round.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from presslens.nlp.spacy_model import load_nlp  # noqa: E402
from presslens.rhetoric.model_detector import load_runtime, to_techniques  # noqa: E402
from presslens.rhetoric.names import name_spans  # noqa: E402
from presslens.settings import load_settings  # noqa: E402
from tests.test_neutrality import MODEL_PAIRS, TEMPLATE, without_names  # noqa: E402


def flags(text: str, names: tuple[str, str], masked: bool) -> list[tuple[str, str, float]]:
    runtime = load_runtime()
    doc = load_nlp(load_settings().spacy_model)(text)
    sents = [(s.start_char, s.end_char) for s in doc.sents]
    preds = runtime.detect(text, sents, names=name_spans(doc) if masked else None)
    out = []
    for t in to_techniques(preds, text, runtime):
        out.append((t.technique, without_names(t.text, names), t.score))
    return sorted(out)


def main() -> None:
    print(f"{'pair':<40} {'names visible':>14} {'names masked':>13}")
    differ = {False: 0, True: 0}
    for a, b in MODEL_PAIRS:
        row = []
        for masked in (False, True):
            both = [flags(TEMPLATE.format(A=x[0].upper() + x[1:], B=y[0].upper() + y[1:]), (x, y), masked)
                    for x, y in ((a, b), (b, a))]
            same = both[0] == both[1]
            differ[masked] += not same
            row.append("same" if same else "DIFFER")
        print(f"{a + ' / ' + b:<40} {row[0]:>14} {row[1]:>13}")
    print(f"pairs whose flags differ: names visible {differ[False]} of {len(MODEL_PAIRS)}, "
          f"names masked {differ[True]} of {len(MODEL_PAIRS)}")


if __name__ == "__main__":
    main()
