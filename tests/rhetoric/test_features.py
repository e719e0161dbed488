from pathlib import Path

import pytest

from presslens.rhetoric import features as F
from presslens.rhetoric.model_detector import default_model_dir


@pytest.fixture(scope="module")
def tok():
    import tokenizers  # a core dependency: its absence is a failure, not a skip
    return F.prepare_tokenizer(tokenizers.Tokenizer.from_file(str(Path(default_model_dir()) / "tokenizer.json")))


TEXT = "A headline here\n\nFirst sentence of the body.\nSecond one is a little longer than that.\nThird.\n"


def test_windows_cover_every_token_once_and_respect_max_len(tok):
    enc = F.encode(tok, TEXT * 20, max_len=24)
    covered = [t for a, b in enc.windows for t in range(a, b)]
    assert covered == list(range(len(enc.ids)))
    assert all(b - a <= 22 for a, b in enc.windows)
    # a window never starts in the middle of a short sentence: each starts at a line's first token
    starts = {enc.offsets[a][0] for a, _ in enc.windows}
    line_starts = {b for b, _ in F.line_ranges(TEXT * 20)}
    assert starts <= line_starts


def test_bio_tags_and_decoding_round_trip(tok):
    text = "They are vicious thugs and liars, said the man."
    enc = F.encode(tok, text)
    b = text.index("vicious")
    e = text.index(" and")
    tags = F.bio_tags(enc, [(b, e)])
    assert tags.count(F.B_TAG) == 1
    p_span = [1.0 if t != F.O_TAG else 0.0 for t in tags]
    p_begin = [1.0 if t == F.B_TAG else 0.0 for t in tags]
    assert [(s, t) for s, t, _ in F.decode_spans(enc, p_span, p_begin)] == [(b, e)]


def test_decoding_splits_at_begin_tags_and_snaps_to_words(tok):
    text = "unbelievable catastrophe total disaster"
    enc = F.encode(tok, text)
    n = len(enc.ids)
    # every token is inside; the token starting "total" is a begin token
    k = next(i for i, (a, _) in enumerate(enc.offsets) if a == text.index("total"))
    p_begin = [0.0] * n
    p_begin[0] = p_begin[k] = 0.9
    spans = [(s, t) for s, t, _ in F.decode_spans(enc, [0.95] * n, p_begin)]
    assert spans == [(0, text.index(" total")), (text.index("total"), len(text))]


def test_recurrence_features_count_other_occurrences():
    text = "Build the wall. They said it again: build the wall! And once more, Build The Wall."
    b = text.index("build the wall")
    extra = F.extra_features(text, b, b + len("build the wall"), 4, first_line_end=len(text))
    # three occurrences in all -> two others; one of them earlier
    assert extra[0] == pytest.approx(__import__("math").log1p(2))
    assert extra[1] == 1.0


def _word_probs(enc, text, probs):
    """Token probabilities from per-word probabilities (every token of a word gets its word's)."""
    starts = [m.start() for m in __import__("re").finditer(r"\S+", text)]
    out = []
    for a, _ in enc.offsets:
        w = max(i for i, s in enumerate(starts) if s <= a)
        out.append(probs[w])
    return out


def test_hysteresis_keeps_runs_with_a_confident_seed_only(tok):
    text = "the so called experts lied again while residents waited calmly"
    enc = F.encode(tok, text)
    #          the  so   called experts lied again while residents waited calmly
    words = [0.1, 0.45, 0.5, 0.7, 0.45, 0.1, 0.1, 0.45, 0.45, 0.1]
    p = _word_probs(enc, text, words)
    zeros = [0.0] * len(p)
    plain = [text[s:t] for s, t, _ in F.decode_spans(enc, p, zeros, 0.4)]
    assert plain == ["so called experts lied", "residents waited"]
    seeded = [text[s:t] for s, t, _ in F.decode_spans(enc, p, zeros, 0.4, seed_threshold=0.6)]
    # the run around "experts" (0.7) survives whole; "residents waited" has no seed
    assert seeded == ["so called experts lied"]
    assert [text[s:t] for s, t, _ in F.decode_spans(enc, p, zeros, 0.6)] == ["experts"]


def test_bridging_fills_short_gaps_on_one_line_only(tok):
    text = "vicious and cruel thugs\nand cruel"
    enc = F.encode(tok, text)
    words = [0.9, 0.1, 0.9, 0.9, 0.1, 0.9]
    p = _word_probs(enc, text, words)
    zeros = [0.0] * len(p)
    assert [text[s:t] for s, t, _ in F.decode_spans(enc, p, zeros, 0.5)] == ["vicious", "cruel thugs", "cruel"]
    # the one-token gap "and" is bridged; the gap across the line break is not
    assert [text[s:t] for s, t, _ in F.decode_spans(enc, p, zeros, 0.5, bridge_gap=1)] == \
        ["vicious and cruel thugs", "cruel"]


def test_sentence_gate_drops_spans_of_sentences_it_rules_out(tok):
    text = "Those vicious thugs lied.\nThe vicious storm hit the coast.\n"
    enc = F.encode(tok, text)
    assert [text[enc.offsets[a][0]: enc.offsets[b - 1][1]] for a, b in enc.sentences] == \
        ["Those vicious thugs lied.", "The vicious storm hit the coast."]
    import numpy as np

    # a toy gate that reads one hidden dimension: sentence 1's tokens say yes, sentence 2's no
    hidden = np.zeros((len(enc.ids), 2), dtype=np.float32)
    (a1, b1), (a2, b2) = enc.sentences
    hidden[a1:b1, 0] = 3.0
    hidden[a2:b2, 0] = -3.0
    gate = F.sentence_gate_probs(enc, hidden, np.array([1.0, 0.0], dtype=np.float32), 0.0).tolist()
    assert gate[a1] == pytest.approx(1 / (1 + np.exp(-3.0)))
    assert gate[a2] == pytest.approx(1 / (1 + np.exp(3.0)))
    words = [0.1, 0.9, 0.9, 0.1, 0.1, 0.9, 0.1, 0.1, 0.1, 0.1]
    p = _word_probs(enc, text, words)
    zeros = [0.0] * len(p)
    assert [text[s:t] for s, t, _ in F.decode_spans(enc, p, zeros, 0.5)] == ["vicious thugs", "vicious"]
    gated = F.decode_spans(enc, p, zeros, 0.5, gate=gate, gate_threshold=0.5)
    assert [text[s:t] for s, t, _ in gated] == ["vicious thugs"]
    # threshold 0 switches the gate off
    assert len(F.decode_spans(enc, p, zeros, 0.5, gate=gate, gate_threshold=0.0)) == 2


def test_window_sentences_are_clipped_to_their_window(tok):
    long_line = " ".join(["word"] * 60)
    enc = F.encode(tok, long_line + "\nShort line here.\n", max_len=24)
    pieces = [F.window_sentences(enc, k) for k in range(len(enc.windows))]
    for (a, z), sents in zip(enc.windows, pieces, strict=True):
        assert sents and all(a <= b < e <= z for b, e in sents)
    # the long line is cut across windows; each piece is a sentence of its window
    assert sum(e - b for sents in pieces for b, e in sents) == len(enc.ids)


def test_spans_that_snapping_makes_overlap_become_one(tok):
    text = 'the army dismissed it as "pure fantasy".'
    enc = F.encode(tok, text)
    pieces = [text[a:b] for a, b in enc.offsets]
    quote, pure = pieces.index('"'), pieces.index("pure")
    p = [0.0] * len(pieces)
    begin = [0.0] * len(pieces)
    for k in range(quote, pieces.index("fantasy") + 2):  # '"', 'pure', 'fantasy', '"'
        p[k] = 0.9
    begin[quote] = begin[pure] = 0.9  # a B tag on the quote and again on "pure"
    spans = [text[s:t] for s, t, _ in F.decode_spans(enc, p, begin, 0.5)]
    # the quote alone snaps to the word it touches ('"pure'), which the next span starts with
    assert spans == ['"pure fantasy"']


def test_a_span_never_runs_over_a_sentence_end(tok):
    text = "Every decent person knows the truth. Either you stand with us or against us."
    second = text.index("Either")
    enc = F.encode(tok, text, sentences=[(0, second - 1), (second, len(text))])
    p = [0.9] * len(enc.offsets)
    spans = [text[s:t] for s, t, _ in F.decode_spans(enc, p, [0.0] * len(p), 0.5)]
    assert spans == ["Every decent person knows the truth.", "Either you stand with us or against us."]


def test_reshaping_merges_close_spans_of_a_sentence_drops_short_ones_and_repeats_wording(tok):
    text = ("They are vicious and cruel thugs. Stop them now.\n"
            "Again: cruel thugs, the cruel thugs. Thugs everywhere.")
    enc = F.encode(tok, text)
    words = {"vicious": 0.9, "cruel": 0.9, "thugs": 0.9, "Stop": 0.9}
    p = [0.0] * len(enc.offsets)
    for k, (a, b) in enumerate(enc.offsets):
        if text[a:b] in words and a < text.index("\n"):
            p[k] = words[text[a:b]]
    spans = F.decode_spans(enc, p, [0.0] * len(p), 0.5)
    assert [text[s:t] for s, t, _ in spans] == ["vicious", "cruel thugs", "Stop"]
    assert F.reshape_spans(enc, spans) == spans  # every step off: nothing changes
    # "and" (one token) is bridged; "Stop" is in the next sentence, so it stays apart
    merged = F.reshape_spans(enc, spans, merge_gap=1)
    assert [text[s:t] for s, t, _ in merged] == ["vicious and cruel thugs", "Stop"]
    assert [text[s:t] for s, t, _ in F.reshape_spans(enc, spans, merge_gap=0)] == ["vicious", "cruel thugs", "Stop"]
    assert [text[s:t] for s, t, _ in F.reshape_spans(enc, spans, min_words=2)] == ["cruel thugs"]
    # each other occurrence of "cruel thugs" (2 words) is flagged, a lone "Thugs" is not
    repeated = F.reshape_spans(enc, spans, repeat_wording=True)
    assert [text[s:t] for s, t, _ in repeated] == ["vicious", "cruel thugs", "Stop", "cruel thugs", "cruel thugs"]
    for s, t, toks in repeated:  # every new span carries its own tokens
        assert enc.offsets[toks[0]][0] == s and enc.offsets[toks[-1]][1] == t
