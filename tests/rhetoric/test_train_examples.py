"""Training examples (no PyTorch needed): windows, BIO tags and the per-token technique
targets of the auxiliary loss."""

import random
from pathlib import Path

import pytest

from presslens.rhetoric import features as F
from presslens.rhetoric.model_detector import default_model_dir
from presslens.rhetoric.ptc import TECHNIQUES, PtcArticle
from presslens.rhetoric.train import make_examples


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
