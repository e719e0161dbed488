"""The CRF over the span tags (``--crf``): its likelihood in training and its best path at analysis time,
each checked against enumerating every tag sequence."""

import importlib
import itertools
import math
import os
import random

import pytest

from presslens.rhetoric import features as F


def _path_score(path: tuple[int, ...], emissions: list[list[float]], crf: F.CrfScores) -> float:
    total = crf.start[path[0]] + emissions[0][path[0]] + crf.end[path[-1]]
    for i in range(1, len(path)):
        total += crf.transitions[path[i - 1]][path[i]] + emissions[i][path[i]]
    return total


def _random_crf(rng: random.Random) -> F.CrfScores:
    return F.CrfScores([rng.uniform(-2, 2) for _ in range(3)], [rng.uniform(-2, 2) for _ in range(3)],
                       [[rng.uniform(-2, 2) for _ in range(3)] for _ in range(3)])


def test_viterbi_finds_the_best_of_all_paths():
    rng = random.Random(4)
    for n in (1, 2, 5):
        for _ in range(20):
            crf = _random_crf(rng)
            emissions = [[rng.uniform(-3, 3) for _ in range(3)] for _ in range(n)]
            best = max(itertools.product(range(3), repeat=n), key=lambda p: _path_score(p, emissions, crf))
            assert tuple(F.viterbi(emissions, crf)) == best


def test_transitions_overrule_a_token_that_prefers_inside_after_outside():
    # token 2 alone would be I (after an O); a forbidding O->I score makes it the B of a span
    crf = F.CrfScores([0.0, 0.0, -9.0], [0.0, 0.0, 0.0],
                      [[0.0, 0.0, -9.0], [0.0, 0.0, 1.0], [0.0, 0.0, 1.0]])
    emissions = [[2.0, 0.0, 0.0], [0.0, 0.8, 1.0], [0.0, 0.0, 2.0]]
    assert F.viterbi(emissions, crf) == [0, 1, 2]
    assert F.viterbi(emissions, F.CrfScores([0.0] * 3, [0.0] * 3, [[0.0] * 3] * 3)) == [0, 2, 2]


def test_crf_decode_inputs_marks_the_best_path_per_window():
    text = "They are traitors . An utter disgrace ."
    offsets = [(0, 4), (5, 8), (9, 17), (18, 19), (20, 22), (23, 28), (29, 37), (38, 39)]
    enc = F.Encoded(text, list(range(2000, 2008)), offsets, [(0, 4), (4, 8)], [(0, 4), (4, 8)])
    p_span = [0.1, 0.2, 0.9, 0.1, 0.2, 0.6, 0.7, 0.1]
    p_begin = [0.05, 0.1, 0.6, 0.05, 0.1, 0.5, 0.1, 0.05]
    plain = F.CrfScores([0.0] * 3, [0.0] * 3, [[0.0] * 3] * 3)
    in_span, begins = F.crf_decode_inputs(enc, p_span, p_begin, plain)
    assert in_span == [0, 0, 1, 0, 0, 1, 1, 0] and begins == [0, 0, 1, 0, 0, 1, 0, 0]
    spans = F.decode_spans(enc, in_span, begins, 0.5)
    assert [text[b:e] for b, e, _ in spans] == ["traitors", "utter disgrace"]
    # a large O -> O score (staying outside is rewarded) keeps every token out
    sticky = F.CrfScores([0.0] * 3, [0.0] * 3, [[3.0, 0.0, -9.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    in_span, _ = F.crf_decode_inputs(enc, p_span, p_begin, sticky)
    assert in_span == [0, 0, 0, 0, 0, 0, 0, 0]  # staying outside is worth more than any span here


def test_a_span_bias_moves_the_path_into_and_out_of_spans():
    text = "They are traitors . An utter disgrace ."
    offsets = [(0, 4), (5, 8), (9, 17), (18, 19), (20, 22), (23, 28), (29, 37), (38, 39)]
    enc = F.Encoded(text, list(range(2000, 2008)), offsets, [(0, 8)], [(0, 8)])
    # "utter" is an even call (p_span 0.45: O scores log 0.55, I log 0.25, B log 0.2)
    p_span = [0.1, 0.1, 0.9, 0.1, 0.1, 0.45, 0.8, 0.1]
    p_begin = [0.05, 0.05, 0.8, 0.05, 0.05, 0.2, 0.1, 0.05]
    plain = F.CrfScores([0.0] * 3, [0.0] * 3, [[0.0] * 3] * 3)
    assert F.crf_decode_inputs(enc, p_span, p_begin, plain)[0] == [0, 0, 1, 0, 0, 0, 1, 0]
    # log(0.55 / 0.25) = 0.79: a bias above it takes "utter" into the span, and nothing else
    # (the next best, "They", needs log(0.9 / 0.05) = 2.9)
    assert F.crf_decode_inputs(enc, p_span, p_begin, plain, span_bias=1.0)[0] == [0, 0, 1, 0, 0, 1, 1, 0]
    # "disgrace" is in by log(0.7 / 0.2) = 1.25, "traitors" by log(0.8 / 0.1) = 2.08: a bias of
    # -1.5 leaves only "traitors"
    assert F.crf_decode_inputs(enc, p_span, p_begin, plain, span_bias=-1.5)[0] == [0, 0, 1, 0, 0, 0, 0, 0]
    assert F.crf_decode_inputs(enc, p_span, p_begin, plain, span_bias=-1.0)[0] == [0, 0, 1, 0, 0, 0, 1, 0]


def test_crf_config_round_trip():
    assert F.CrfScores.from_config(None) is None
    crf = F.CrfScores.from_config({"start": [0, 1, 2], "end": [1, 1, 1], "transitions": [[0, 1, 2]] * 3})
    assert crf is not None and crf.start == [0.0, 1.0, 2.0] and crf.transitions[2] == [0.0, 1.0, 2.0]


def test_crf_nll_is_the_log_partition_less_the_gold_path_score():
    if os.environ.get("PRESSLENS_REQUIRE_TRAIN"):  # scripts/test (and so CI): never skipped there
        torch = importlib.import_module("torch")
    else:
        torch = pytest.importorskip("torch", reason="the CRF loss is training code: needs torch (scripts/test installs it)")
    from presslens.rhetoric.train import crf_nll

    rng = random.Random(9)
    crf = _random_crf(rng)
    lengths = [4, 2, 1]
    emissions = [[[rng.uniform(-3, 3) for _ in range(3)] for _ in range(4)] for _ in lengths]
    tags = [[rng.randrange(3) for _ in range(4)] for _ in lengths]
    mask = [[i < n for i in range(4)] for n in lengths]
    got = crf_nll(torch, torch.tensor(emissions), torch.tensor(tags), torch.tensor(mask), torch.tensor(crf.start),
                  torch.tensor(crf.end), torch.tensor(crf.transitions))
    for r, n in enumerate(lengths):
        em = emissions[r][:n]
        log_z = math.log(sum(math.exp(_path_score(p, em, crf)) for p in itertools.product(range(3), repeat=n)))
        assert got[r].item() == pytest.approx(log_z - _path_score(tuple(tags[r][:n]), em, crf), abs=1e-4)
