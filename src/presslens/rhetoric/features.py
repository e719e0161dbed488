"""Text -> model inputs, shared by training (PyTorch) and the runtime (onnxruntime).

An article is tokenised once with the MiniLM WordPiece tokenizer (``tokenizers``
library, no transformers). Its sentences (PTC: one per line; at analysis time:
spaCy's sentences) are packed in order into windows of at most ``max_len`` tokens, so
each token is encoded with its neighbouring sentences as context. A sentence longer
than a window is cut into pieces. Every token belongs to exactly one window, so
per-token outputs can be laid back along the article.

Span features for the technique head: mean, first and last token vectors of the span,
the window's [CLS] vector, and four article-level numbers (how often the span's text
recurs in the article, whether it already occurred earlier, span length, whether it
is in the first line/title). The recurrence features are what lets the model label
Repetition, which is invisible inside one sentence.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tokenizers import Tokenizer

CLS_ID = 101
SEP_ID = 102
PAD_ID = 0
N_EXTRA = 4
# BIO tags over WordPiece tokens.
O_TAG, B_TAG, I_TAG = 0, 1, 2


def prepare_tokenizer(tok: Tokenizer) -> Tokenizer:
    tok.no_truncation()
    tok.no_padding()
    return tok


@dataclass
class Encoded:
    text: str
    ids: list[int]
    offsets: list[tuple[int, int]]
    # windows[k] = (first token index, end token index) in the article token list
    windows: list[tuple[int, int]]
    # the sentences' token ranges, in order (a sentence cut across windows stays one range)
    sentences: list[tuple[int, int]] = field(default_factory=list)

    def window_inputs(self, k: int) -> list[int]:
        a, b = self.windows[k]
        return [CLS_ID, *self.ids[a:b], SEP_ID]


def line_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of the non-empty lines of ``text``."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def encode(tok: Tokenizer, text: str, sentences: list[tuple[int, int]] | None = None, max_len: int = 160,
           first_window_sentences: int | None = None) -> Encoded:
    """Tokenise ``text`` and pack its sentences (char ranges, default: lines) into windows."""
    enc = tok.encode(text, add_special_tokens=False)
    ids = list(enc.ids)
    offsets = [(int(o[0]), int(o[1])) for o in enc.offsets]
    sents = sentences if sentences is not None else line_ranges(text)
    cap = max_len - 2
    # token ranges of the sentences, in order; tokens outside any sentence join the next one
    groups: list[tuple[int, int]] = []
    t = 0
    n = len(ids)
    for _sb, se in sorted(sents):
        start = t
        while t < n and offsets[t][0] < se:
            t += 1
        if t > start:
            groups.append((start, t))
    if t < n:
        groups.append((t, n))
    windows: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    count = 0
    for a, b in groups:
        if b - a > cap:  # a long sentence: flush and cut it into pieces
            if cur:
                windows.append(cur)
                cur, count = None, 0
            for s in range(a, b, cap):
                windows.append((s, min(b, s + cap)))
            continue
        limit_hit = first_window_sentences is not None and not windows and count >= first_window_sentences
        if cur and (b - cur[0] > cap or limit_hit):
            windows.append(cur)
            cur, count = None, 0
        cur = (cur[0], b) if cur else (a, b)
        count += 1
    if cur:
        windows.append(cur)
    return Encoded(text=text, ids=ids, offsets=offsets, windows=windows, sentences=groups)


def window_sentences(enc: Encoded, k: int) -> list[tuple[int, int]]:
    """The token ranges of the sentences in window ``k``, clipped to it (article indices)."""
    a, z = enc.windows[k]
    return [(max(b, a), min(e, z)) for b, e in enc.sentences if b < z and a < e]


def sentence_gate_probs(enc: Encoded, hidden: Any, weight: Any, bias: float) -> Any:
    """Per token, the sentence gate's probability that its sentence holds a technique span:
    the mean of the sentence's token vectors (within each window) through a logistic layer."""
    import numpy as np

    out = np.ones(len(enc.ids), dtype=np.float32)
    for k in range(len(enc.windows)):
        for b, e in window_sentences(enc, k):
            z = float(hidden[b:e].mean(0) @ weight) + bias
            out[b:e] = 1 / (1 + math.exp(-z))
    return out


def token_span(enc: Encoded, begin: int, end: int) -> tuple[int, int] | None:
    """Article token range [i, j) of tokens overlapping chars [begin, end)."""
    idx = [k for k, (a, b) in enumerate(enc.offsets) if a < end and b > begin]
    if not idx:
        return None
    return idx[0], idx[-1] + 1


def bio_tags(enc: Encoded, spans: list[tuple[int, int]]) -> list[int]:
    """BIO tag per article token for (already merged, non-overlapping) char spans."""
    tags = [O_TAG] * len(enc.ids)
    for b, e in spans:
        ts = token_span(enc, b, e)
        if ts is None:
            continue
        i, j = ts
        tags[i] = B_TAG
        for k in range(i + 1, j):
            tags[k] = I_TAG
    return tags


_WS = re.compile(r"\s+")


def _norm(s: str) -> str:
    return _WS.sub(" ", s.strip().lower())


def extra_features(text: str, begin: int, end: int, n_tokens: int, first_line_end: int) -> list[float]:
    """Article-level numbers for a span (see the module docstring)."""
    phrase = _norm(text[begin:end])
    count = 0
    earlier = 0.0
    if len(phrase) >= 3:
        pat = re.compile(r"(?<!\w)" + re.escape(phrase).replace(r"\ ", r"\s+") + r"(?!\w)")
        for m in pat.finditer(text.lower()):
            count += 1
            if m.start() < begin:
                earlier = 1.0
    again = max(0, count - 1)
    return [math.log1p(again), earlier, math.log1p(n_tokens) / 3.0, 1.0 if begin < first_line_end else 0.0]


def first_line_end(text: str) -> int:
    lines = line_ranges(text)
    return lines[0][1] if lines else 0


def _word_char(text: str, i: int) -> bool:
    c = text[i]
    if c.isalnum():
        return True
    return c in "'’" and 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def has_content_word(span: str) -> bool:
    """Whether a span holds at least one word that is not a function word ("the", "I", "a")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return any(len(w) > 2 and w.lower() not in STOP_WORDS for w in _WORD.findall(span))


def decode_spans(enc: Encoded, p_span: list[float], p_begin: list[float], threshold: float = 0.5,
                 drop_function_words: bool = True, seed_threshold: float | None = None,
                 bridge_gap: int = 0, gate: list[float] | None = None, gate_threshold: float = 0.0
                 ) -> list[tuple[int, int, list[int]]]:
    """Runs of tokens whose propaganda probability passes ``threshold`` -> char spans.

    Hysteresis decoding: a run is kept only if one of its tokens also passes
    ``seed_threshold`` (default: ``threshold``), so a confident core can grow into its
    less confident neighbours without every lukewarm token becoming a span of its own.
    Gaps of at most ``bridge_gap`` tokens between two kept tokens of the same line are
    filled ("the <so-called> experts" stays one span). A new span starts where a
    token's B probability beats its I probability (BIO), so adjacent spans stay apart,
    and at a paragraph break (blank line). Spans made only of function words ("the",
    "I", "a"), which cannot carry a technique, are dropped. With a sentence ``gate`` (per
    token, see :func:`sentence_gate_probs`), tokens of sentences whose gate probability is
    below ``gate_threshold`` are never in a span.
    Returns (begin, end, token indices)."""
    text = enc.text
    if gate is not None and gate_threshold > 0:
        p_span = [p if g >= gate_threshold else 0.0 for p, g in zip(p_span, gate, strict=True)]
    keep = [p >= threshold for p in p_span]
    if bridge_gap:
        last = -1
        for k in range(len(keep)):
            if not keep[k]:
                continue
            if last >= 0 and 1 < k - last <= bridge_gap + 1 and \
                    "\n" not in text[enc.offsets[last][1]: enc.offsets[k][0]]:
                for j in range(last + 1, k):
                    keep[j] = True
            last = k
    seed = threshold if seed_threshold is None else seed_threshold
    out: list[tuple[int, int, list[int]]] = []
    cur: list[int] = []

    def flush() -> None:
        if cur:
            b, e = enc.offsets[cur[0]][0], enc.offsets[cur[-1]][1]
            while b > 0 and _word_char(text, b - 1):  # snap to whole words ("don't" is one)
                b -= 1
            while e < len(text) and _word_char(text, e):
                e += 1
            if max(p_span[k] for k in cur) >= seed and (not drop_function_words or has_content_word(text[b:e])):
                if out and b < out[-1][1]:
                    # snapping made it overlap the span before ('"' + 'pure fantasy"' both reach
                    # into "pure"): one span, as the task's scorer would merge them
                    pb, pe, ptoks = out[-1]
                    out[-1] = (pb, max(pe, e), ptoks + list(cur))
                else:
                    out.append((b, e, list(cur)))
            cur.clear()

    sentence_starts = {a for a, _b in enc.sentences}
    for k, p in enumerate(p_span):
        if not keep[k]:
            flush()
            continue
        # a span never runs over a sentence end (nor, so, over a paragraph break)
        if cur and (p_begin[k] > 0.5 * p or k in sentence_starts or
                    "\n\n" in text[enc.offsets[cur[-1]][1]: enc.offsets[k][0]]):
            flush()
        cur.append(k)
    flush()
    return out


_WORDS = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?\n]")  # sentences are lines in PTC, and may hold several


def reshape_spans(enc: Encoded, spans: list[tuple[int, int, list[int]]], merge_gap: int = 0, min_words: int = 1,
                  repeat_wording: bool = False) -> list[tuple[int, int, list[int]]]:
    """The best path's spans reshaped (each step off at its default), in this order: two spans
    of the same sentence at most ``merge_gap`` tokens apart, with no sentence-ending mark or line
    break between them, become one; spans of
    fewer than ``min_words`` words are dropped; with ``repeat_wording``, every other
    occurrence in the text of a span's exact wording (2 words or more) becomes a span too
    (the article's own repetitions). Returns (begin, end, token indices), in text order."""
    text = enc.text
    out = sorted(spans, key=lambda s: s[0])
    if merge_gap > 0 and out:
        sentence_starts = {a for a, _b in enc.sentences}
        merged = [out[0]]
        for b, e, toks in out[1:]:
            pb, pe, ptoks = merged[-1]
            between = range(ptoks[-1] + 1, toks[0])
            if len(between) <= merge_gap and toks[0] not in sentence_starts and \
                    not any(k in sentence_starts for k in between) and not _SENTENCE_END.search(text[pe:b]):
                merged[-1] = (pb, max(pe, e), ptoks + list(between) + toks)
            else:
                merged.append((b, e, toks))
        out = merged
    if min_words > 1:
        out = [s for s in out if len(_WORDS.findall(text[s[0]:s[1]])) >= min_words]
    if repeat_wording:
        found = list(out)
        for b, e in repeated_wording(text, [(b, e) for b, e, _ in out]):
            ts = token_span(enc, b, e)
            if ts:
                found.append((b, e, list(range(*ts))))
        out = sorted(found, key=lambda s: s[0])
    return out


def repeated_wording(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The other occurrences in ``text`` of each span's exact wording (2 words or more, as
    whole words) that overlap no span and no occurrence found before them."""
    taken = list(spans)
    new: list[tuple[int, int]] = []
    for b, e in spans:
        wording = text[b:e]
        if len(wording.split()) < 2:
            continue
        for m in re.finditer(r"(?<!\w)" + re.escape(wording) + r"(?!\w)", text):
            if not any(ob < m.end() and m.start() < oe for ob, oe in taken):
                taken.append((m.start(), m.end()))
                new.append((m.start(), m.end()))
    return new


@dataclass
class CrfScores:
    """A linear-chain CRF over the O/B/I tags (``--crf``): ``start[t]``, ``end[t]`` and
    ``transitions[s][t]`` (from tag s to tag t) are added to the tags' emission scores."""
    start: list[float]
    end: list[float]
    transitions: list[list[float]]

    @classmethod
    def from_config(cls, cfg: dict[str, Any] | None) -> CrfScores | None:
        if not cfg:
            return None
        return cls([float(x) for x in cfg["start"]], [float(x) for x in cfg["end"]],
                   [[float(x) for x in row] for row in cfg["transitions"]])


def viterbi(emissions: list[list[float]], crf: CrfScores) -> list[int]:
    """The tag sequence with the highest total score (emissions + start, transition and end scores)."""
    if not emissions:
        return []
    n_tags = len(crf.start)
    score = [crf.start[t] + emissions[0][t] for t in range(n_tags)]
    back: list[list[int]] = []
    for em in emissions[1:]:
        best = []
        for t in range(n_tags):
            came_from = [score[s] + crf.transitions[s][t] for s in range(n_tags)]
            best.append(came_from.index(max(came_from)))
        score = [score[best[t]] + crf.transitions[best[t]][t] + em[t] for t in range(n_tags)]
        back.append(best)
    final = [score[t] + crf.end[t] for t in range(n_tags)]
    last = final.index(max(final))
    path = [last]
    for best in reversed(back):
        path.append(best[path[-1]])
    return path[::-1]


def crf_decode_inputs(enc: Encoded, p_span: list[float], p_begin: list[float], crf: CrfScores,
                      span_bias: float = 0.0) -> tuple[list[float], list[float]]:
    """The CRF's best tag path in each window, as 0/1 (in a span, begins one) per token, the
    inputs :func:`decode_spans` takes at threshold 0.5. Emissions are the log tag
    probabilities (the logits less a per-token constant, which no path's ranking depends on).
    ``span_bias`` is added to the B and I emissions: above 0 the path flags more, below fewer
    (``crf_span_bias`` in a model's config)."""
    in_span = [0.0] * len(p_span)
    begins = [0.0] * len(p_span)
    tiny = 1e-9
    for a, b in enc.windows:
        emissions = [[math.log(max(1.0 - p_span[k], tiny)), math.log(max(p_begin[k], tiny)) + span_bias,
                      math.log(max(p_span[k] - p_begin[k], tiny)) + span_bias] for k in range(a, b)]
        for k, tag in zip(range(a, b), viterbi(emissions, crf), strict=True):
            in_span[k] = float(tag != O_TAG)
            begins[k] = float(tag == B_TAG)
    return in_span, begins
