from presslens.nlp.spacy_model import load_nlp
from presslens.rhetoric.names import PLACEHOLDER, mask_names, name_spans
from presslens.settings import load_settings

TEXT = "Hamas leaders said the Army shelled Gaza City. The Army denied it; Hamas called that a lie."


def test_masking_replaces_names_and_maps_spans_back():
    names = [(0, 5), (23, 27), (36, 45)]  # Hamas, Army, Gaza City
    masked = mask_names(TEXT, names)
    assert masked.text.startswith(f"{PLACEHOLDER} leaders said the {PLACEHOLDER} shelled {PLACEHOLDER}.")
    # a span of the masked text that covers a placeholder covers the whole name
    b = masked.text.index("the ")
    e = masked.text.index(".")
    assert masked.to_original(b, e) == (TEXT.index("the "), TEXT.index("."))
    assert TEXT[slice(*masked.to_original(b, e))] == "the Army shelled Gaza City"
    # part of a placeholder still means the whole name
    p = masked.text.index(PLACEHOLDER, 5)
    assert masked.to_original(p + 1, p + 3) == (23, 27)
    # text outside names round-trips exactly
    ob, oe = TEXT.index("denied"), TEXT.index("denied") + len("denied")
    assert masked.to_original(*masked.to_masked(ob, oe)) == (ob, oe)
    assert masked.to_masked(0, len(TEXT)) == (0, len(masked.text))


def test_name_spans_drop_the_and_catch_every_mention():
    doc = load_nlp(load_settings().spacy_model)(TEXT)
    found = {TEXT[b:e] for b, e in name_spans(doc)}
    assert {"Hamas", "Army"} <= found
    assert not any(s.lower().startswith("the ") for s in found)
    masked = mask_names(TEXT, name_spans(doc)).text
    assert "Hamas" not in masked and "Army" not in masked
    assert masked.count(PLACEHOLDER) >= 4


def test_touching_names_become_one_placeholder():
    # the shipped model was trained this way: "Smith" once, not "SmithSmith"
    assert mask_names("al-Nusra fighters", [(0, 3), (3, 8)]).text == f"{PLACEHOLDER} fighters"
