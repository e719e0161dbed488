"""Attribution on a parse the tagger got wrong: a comma as the subject of "said".

spaCy parsed a PTC sentence ("During the meeting, the priest, before he celebrated the
Eucharist, said, ...") with the comma after "priest" as the subject of "said", and the
source-phrase cutter then indexed an empty list. The parse is set by hand here, so the test
does not depend on the statistical parser making the same mistake again.
"""

from __future__ import annotations

from spacy.tokens import Doc

from presslens.claims.attribution import _source_bounds, find_attributions
from presslens.ingest.loader import RawArticle
from presslens.pipeline import AnalysisState, Pipeline

WORDS = ["The", "mediator", ",", "said", ",", "We", "expect", "a", "ceasefire", "."]
SPACES = [True, False, True, False, True, True, True, True, False, False]
HEADS = [1, 3, 3, 3, 3, 6, 3, 8, 6, 3]
# the comma after "mediator" is the subject; "mediator" hangs off "said" as a dislocated noun
DEPS = ["det", "dep", "nsubj", "ROOT", "punct", "nsubj", "ccomp", "det", "dobj", "punct"]
POS = ["DET", "NOUN", "PUNCT", "VERB", "PUNCT", "PRON", "VERB", "DET", "NOUN", "PUNCT"]
LEMMAS = ["the", "mediator", ",", "say", ",", "we", "expect", "a", "ceasefire", "."]


def misparsed_state(rules_pipeline: Pipeline) -> AnalysisState:
    doc = Doc(rules_pipeline.nlp.vocab, words=WORDS, spaces=SPACES, heads=HEADS, deps=DEPS, pos=POS,
              lemmas=LEMMAS, sent_starts=[True] + [False] * (len(WORDS) - 1))
    return AnalysisState(doc=doc, article=RawArticle(text=doc.text), settings=rules_pipeline.settings)


def test_punctuation_subject_is_no_source(rules_pipeline: Pipeline) -> None:
    state = misparsed_state(rules_pipeline)
    rels = find_attributions(state)
    said = [r for r in rels if state.text[r.cue_start:r.cue_end] == "said"]
    # no crash, and no comma passed off as a speaker
    assert all(r.source_start is None or state.text[r.source_start:r.source_end] != "," for r in said)


def test_source_bounds_of_a_lone_comma_is_the_comma(rules_pipeline: Pipeline) -> None:
    state = misparsed_state(rules_pipeline)
    comma = state.doc[2]
    assert _source_bounds(comma) == (comma.idx, comma.idx + 1)
