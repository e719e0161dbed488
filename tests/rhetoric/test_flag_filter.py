"""The numbers of a flag (rhetoric.flag_filter) that bench/flag_filter.py fits its filter on, on a
hand-built encoding."""

import math

import pytest

from presslens.rhetoric.features import Encoded
from presslens.rhetoric.flag_filter import feature_names, flag_features

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
