"""The flag filter (rhetoric.flag_filter): its numbers on a hand-built encoding, its logistic score,
and the runtime keeping or dropping flags by a filter in the model's config."""

import json
import math
import shutil

import pytest

from presslens.rhetoric.features import Encoded
from presslens.rhetoric.flag_filter import feature_names, flag_features, keep_probability
from presslens.rhetoric.model_detector import MODEL_FILES, Runtime, default_model_dir

TECHS = ["Loaded_Language", "Doubt", "Slogans"]


def _encoded() -> Encoded:
    # tokens: Title | They | call | it | "a | disgrace" | . || Officials | met | .
    text = 'Title\nThey call it "a disgrace". Officials met.'
    words = ["Title", "They", "call", "it", '"a', 'disgrace"', ".", "Officials", "met", "."]
    offsets, pos = [], 0
    for w in words:
        pos = text.index(w, pos)
        offsets.append((pos, pos + len(w)))
        pos += len(w)
    return Encoded(text, list(range(len(words))), offsets, [(0, len(words))], [(0, 1), (1, 7), (7, 10)])


def test_features_of_a_quoted_flag_in_its_sentence():
    enc = _encoded()
    p_span = [0.1, 0.2, 0.3, 0.4, 0.8, 0.6, 0.1, 0.0, 0.0, 0.0]
    p_begin = [0.0, 0.0, 0.0, 0.0, 0.7, 0.0, 0.0, 0.0, 0.0, 0.0]
    b, e = enc.offsets[4][0], enc.offsets[5][1]
    spans = [(b, e, [4, 5])]
    rows = flag_features(enc, p_span, p_begin, spans, [[0.7, 0.2, 0.1]], [0], first_line_end=5)
    row = dict(zip(feature_names(TECHS), rows[0], strict=True))
    assert row["mean_p"] == pytest.approx(0.7)
    assert (row["min_p"], row["max_p"], row["begin_p"]) == pytest.approx((0.6, 0.8, 0.7))
    assert row["before_p"] == pytest.approx(0.35)  # "call", "it"
    assert row["after_p"] == pytest.approx(0.05)  # "." and the next sentence's "Officials"
    assert row["log_tokens"] == pytest.approx(math.log(2)) and row["log_words"] == pytest.approx(math.log(2))
    assert row["top_technique_p"] == pytest.approx(0.7)
    assert row["technique_entropy"] == pytest.approx(-(0.7 * math.log(0.7) + 0.2 * math.log(0.2) + 0.1 * math.log(0.1)))
    assert (row["quoted"], row["capitalised"], row["digits"], row["title_line"]) == (1.0, 0.0, 0.0, 0.0)
    assert row["flags_in_sentence"] == 0.0  # log of one flag
    assert row["sentence_share"] == pytest.approx(2 / 6)
    assert row["sentence_mean_p"] == pytest.approx((0.2 + 0.3 + 0.4 + 0.8 + 0.6 + 0.1) / 6)
    assert (row["is_Loaded_Language"], row["is_Doubt"], row["is_Slogans"]) == (1.0, 0.0, 0.0)


def test_keep_probability_is_the_logistic_of_standardised_numbers():
    # z = 0.5 + 2 * (3 - 1) / 4 - 1 * (0 - 0) / 1 = 1.5
    assert keep_probability([3.0, 0.0], [2.0, -1.0], 0.5, [1.0, 0.0], [4.0, 1.0]) == \
        pytest.approx(1 / (1 + math.exp(-1.5)))


LOADED = ("The corrupt, bloodthirsty regime unleashed a barbaric, savage massacre on innocent children, "
          "and its cowardly thugs will stop at nothing to destroy our great nation.")


def _with_filter(tmp_path, bias: float, threshold: float) -> Runtime:
    src = default_model_dir()
    for f in MODEL_FILES:
        shutil.copy(src / f, tmp_path / f)
    cfg = json.loads((src / "config.json").read_text(encoding="utf-8"))
    n = len(feature_names(cfg["techniques"]))
    cfg["flag_filter"] = {"weights": [0.0] * n, "bias": bias, "mean": [0.0] * n, "scale": [1.0] * n,
                          "threshold": threshold}
    (tmp_path / "config.json").write_text(json.dumps(cfg), encoding="utf-8")
    return Runtime(tmp_path)


def test_runtime_drops_the_flags_its_filter_rules_out(tmp_path):
    text = f"Council notes\n\n{LOADED}\n"
    unfiltered = Runtime(default_model_dir()).detect(text)
    assert unfiltered
    # every flag's expected share is sigmoid(bias): 0.27 under a threshold of 0.3, 0.73 over it
    assert _with_filter(tmp_path, -1.0, 0.3).detect(text) == []
    kept = _with_filter(tmp_path, 1.0, 0.3).detect(text)
    assert [(p.begin, p.end) for p in kept] == [(p.begin, p.end) for p in unfiltered]


def test_given_spans_are_never_filtered(tmp_path):
    text = f"Council notes\n\n{LOADED}\n"
    start = text.index("barbaric")
    preds = _with_filter(tmp_path, -1.0, 0.3).classify(text, [(start, start + len("barbaric"))])
    assert [(p.begin, p.end) for p in preds] == [(start, start + len("barbaric"))]
