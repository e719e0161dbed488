"""Training examples (no PyTorch needed): windows, BIO tags and the per-token technique
targets of the auxiliary loss."""

import random
from pathlib import Path

import pytest

from presslens.rhetoric import features as F
from presslens.rhetoric.model_detector import default_model_dir
from presslens.rhetoric.ptc import TECHNIQUES, PtcArticle
from presslens.rhetoric.scoring import merge_overlapping
from presslens.rhetoric.train import make_examples, span_lengths, token_weights


@pytest.fixture(scope="module")
def tok():
    import tokenizers
    return F.prepare_tokenizer(tokenizers.Tokenizer.from_file(str(Path(default_model_dir()) / "tokenizer.json")))


def _article() -> PtcArticle:
    lines = [
        "Officials said the convoy was stopped at the checkpoint on Tuesday.",
        "These criminal thugs will stop at nothing to destroy our nation, the statement said.",
        "Aid agencies said about 40 people were missing after the attack.",
        "Make our country great again, the crowd chanted for hours outside the hall.",
    ]
    text = "\n".join(lines * 3) + "\n"
    thugs = text.index("criminal thugs")
    long_b = text.index("These criminal")
    long_e = text.index(", the statement")
    slogan_b = text.rindex("Make our country")
    slogan_e = text.index(", the crowd", slogan_b)
    tc = [("Name_Calling,Labeling", thugs, thugs + len("criminal thugs")),
          ("Appeal_to_fear-prejudice", long_b, long_e),
          ("Slogans", slogan_b, slogan_e)]
    return PtcArticle("1", text, [(b, e) for _, b, e in tc], tc)


def test_token_technique_targets_cover_each_labelled_span_once(tok):
    art = _article()
    examples = make_examples(tok, [art], max_len=24, rng=random.Random(0))
    assert len(examples) > 1  # short windows: spans may cross window edges
    label = {t: i for i, t in enumerate(TECHNIQUES)}
    covered: dict[int, int] = {}
    for ex in examples:
        for i, j, lab in ex.token_techniques:
            assert 1 <= i < j <= len(ex.ids) - 1  # inside the window, never [CLS] or [SEP]
            assert all(ex.tags[t] != F.O_TAG for t in range(i, j))  # labelled tokens are SI tokens
            covered[lab] = covered.get(lab, 0) + j - i
    enc = F.encode(tok, art.text, max_len=24)
    for tech, b, e in art.tc_spans:
        ts = F.token_span(enc, b, e)
        assert ts is not None
        assert covered[label[tech]] == ts[1] - ts[0]  # split across windows, nothing lost or doubled
    assert set(covered) == {label[t] for t, _, _ in art.tc_spans}


def test_span_lengths_mark_every_token_of_a_span_with_its_length(tok):
    art = _article()
    enc = F.encode(tok, art.text, max_len=24)
    spans = sorted(set(art.si_spans))
    lengths = span_lengths(enc, merge_overlapping(spans))
    thugs = F.token_span(enc, *spans[0])  # "criminal thugs" lies inside the long span: merged away
    long_span = F.token_span(enc, art.si_spans[1][0], art.si_spans[1][1])
    assert thugs is not None and long_span is not None
    n_long = long_span[1] - long_span[0]
    assert all(lengths[k] == n_long for k in range(*long_span))
    assert lengths[long_span[0] - 1] == 0 and lengths[long_span[1]] == 0
    assert sum(1 for n in lengths if n) == sum(
        ts[1] - ts[0] for b, e in merge_overlapping(spans) if (ts := F.token_span(enc, b, e)))


def test_token_weights_give_each_span_the_same_total_at_power_one():
    lengths = [0, 2, 2, 0, 8, 8, 8, 8, 8, 8, 8, 8, 0]
    w = token_weights(lengths, 1.0, reference=4.0)
    assert w[0] == w[3] == w[-1] == 1.0  # outside spans: unchanged
    assert sum(w[1:3]) == pytest.approx(sum(w[4:12]))  # a 2-token and an 8-token span weigh alike
    assert token_weights(lengths, 0.0, reference=4.0) == [1.0] * len(lengths)
    half = token_weights(lengths, 0.5, reference=4.0)
    assert half[1] == pytest.approx(2 ** 0.5) and half[4] == pytest.approx(0.5 ** 0.5)


def test_sentence_targets_say_which_sentences_hold_a_span(tok):
    art = _article()
    examples = make_examples(tok, [art], max_len=200, rng=random.Random(0))
    labels = [y for ex in examples for _b, _e, y in ex.sentences]
    # four lines repeated three times; only the labelled copies hold spans:
    # line 2 of the first copy (two spans), line 4 of the last (the slogan)
    assert labels == [0, 1, 0, 0] + [0, 0, 0, 0] + [0, 0, 0, 1]
    for ex in examples:
        for b, e, y in ex.sentences:
            assert 1 <= b < e <= len(ex.ids) - 1
            assert y == int(any(t not in (F.O_TAG, -100) for t in ex.tags[b:e]))


def test_sentence_head_is_exported_only_when_every_run_trained_it():
    from presslens.rhetoric.train import trained_gate

    gate, plain, old = {"model": {}, "sentence_gate": 1.0}, {"model": {}, "sentence_gate": 0.0}, {"model": {}}
    assert trained_gate([gate, gate])
    # a soup with a run whose head was never trained (or saved before the key existed) gets no gate
    assert not trained_gate([gate, plain])
    assert not trained_gate([gate, old])
    assert not trained_gate([])
