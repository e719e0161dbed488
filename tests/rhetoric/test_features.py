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
