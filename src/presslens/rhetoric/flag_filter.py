"""The numbers of a best-path flag that any model of the recipe gives (span and context
probabilities, length, the technique head's confidence, the wording's shape, its sentence), for the
thirty-first plan's second look at the flags: a logistic model over them, fitted on cross-validation
fold models' held-out flags (``bench/flag_filter.py``). Measured, it lost held-out SI F1, so the
runtime does not use it (see the model card)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from presslens.rhetoric.features import Encoded

QUOTES = "\"'\u201c\u201d\u2018\u2019"


def feature_names(techniques: list[str]) -> list[str]:
    return ["mean_p", "min_p", "max_p", "begin_p", "before_p", "after_p", "log_tokens", "log_words",
            "top_technique_p", "technique_entropy", "quoted", "capitalised", "digits", "title_line",
            "flags_in_sentence", "sentence_share", "sentence_mean_p", "log_recurrences",
            *(f"is_{t}" for t in techniques)]


def flag_features(enc: Encoded, p_span: Any, p_begin: Any, spans: list[tuple[int, int, list[int]]],
                  technique_probs: Any, recurrences: list[int], first_line_end: int) -> list[list[float]]:
    """One row of numbers per span ``(begin, end, tokens)`` of ``enc``; ``technique_probs``: the
    technique head's probabilities for each span ([n, techniques])."""
    text = enc.text
    n_tok = len(enc.ids)
    sentence_of = [0] * n_tok
    for k, (a, b) in enumerate(enc.sentences):
        for t in range(a, min(b, n_tok)):
            sentence_of[t] = k
    per_sentence: dict[int, int] = {}
    flagged_tokens: dict[int, int] = {}
    for _b, _e, toks in spans:
        k = sentence_of[toks[0]]
        per_sentence[k] = per_sentence.get(k, 0) + 1
        flagged_tokens[k] = flagged_tokens.get(k, 0) + len(toks)
    rows = []
    for n, (begin, end, toks) in enumerate(spans):
        ps = [float(p_span[t]) for t in toks]
        i, j = toks[0], toks[-1] + 1
        before = [float(p_span[t]) for t in range(max(0, i - 2), i)]
        after = [float(p_span[t]) for t in range(j, min(n_tok, j + 2))]
        k = sentence_of[i]
        sa, sb = enc.sentences[k] if enc.sentences else (0, n_tok)
        sent_p = [float(p_span[t]) for t in range(sa, min(sb, n_tok))] or [0.0]
        probs = [float(x) for x in technique_probs[n]]
        top = max(range(len(probs)), key=probs.__getitem__)
        entropy = -sum(p * math.log(p) for p in probs if p > 0)
        phrase = text[begin:end]
        outside = text[max(0, begin - 1):min(len(text), end + 1)]
        letters = [c for c in phrase if c.isalpha()]
        rows.append([
            sum(ps) / len(ps), min(ps), max(ps), float(p_begin[i]),
            sum(before) / len(before) if before else 0.0, sum(after) / len(after) if after else 0.0,
            math.log(len(toks)), math.log(max(1, len(phrase.split()))),
            probs[top], entropy,
            float(any(c in QUOTES for c in outside)),
            float(bool(letters) and letters[0].isupper()),
            float(any(c.isdigit() for c in phrase)),
            float(begin < first_line_end),
            math.log(per_sentence[k]), flagged_tokens[k] / max(1, sb - sa), sum(sent_p) / len(sent_p),
            math.log1p(recurrences[n]),
            *(1.0 if m == top else 0.0 for m in range(len(probs))),
        ])
    return rows
