"""Load the pinned spaCy pipeline once per process; never download anything."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.language import Language

from presslens.errors import PresslensError
from presslens.extract.dates import MONTHS, WEEKDAYS

if TYPE_CHECKING:
    from spacy.tokens import Doc


BULLETS = frozenset("- – — • * · ▪ ►".split())


def doc_text(doc: Doc) -> str:
    """The doc's text, built once: spaCy's ``Doc.text`` joins every token again on each access,
    and code that only holds a token (a source's bounds, a verb's sentence) asks for it often."""
    text = doc.user_data.get("presslens_text")
    if text is None:
        text = doc.user_data["presslens_text"] = doc.text
    return str(text)


# what may follow a clock time in its sentence: "at 4 a.m. Monday", "at 6 p.m. GMT" (the calendar's own words)
_NOT_AFTER_A_CLOCK = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset("gmt utc est edt cet cest bst pst pdt".split())


@Language.component("presslens_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: headlines, datelines and bylines have no full stop,
    and the parser would otherwise run them into the lead sentence."""
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
        elif "\n" in tok.text and tok.i + 1 < len(doc) and doc[tok.i + 1].is_title and tok.i > 0 \
                and doc[tok.i - 1].text not in (",", "-", "and", "or"):
            doc[tok.i + 1].is_sent_start = True
        elif "\n" in tok.text and doc[tok.i + 1].text in BULLETS:
            doc[tok.i + 1].is_sent_start = True  # a list item ("- At least 27 civilians ...") is its own sentence
        elif tok.lower_ in ("a.m.", "p.m.") and doc[tok.i + 1].is_title and \
                doc[tok.i + 1].lower_ not in _NOT_AFTER_A_CLOCK:
            # "lasted until about 4 a.m. Local officials said ...": the abbreviation's stop ends the sentence
            doc[tok.i + 1].is_sent_start = True
    # a transcript's speaker label ("SPOKESPERSON (Colonel Ivo Marten):") is metadata of its own,
    # and what the speaker says starts a sentence after it
    from presslens.ingest.transcript import document_turns

    for turn in document_turns(doc):
        label = doc.char_span(turn.label[0], turn.label[1], alignment_mode="expand")
        if label is None:
            continue
        label[0].is_sent_start = True
        for t in label[1:]:
            t.is_sent_start = False
        if label.end < len(doc):
            doc[label.end].is_sent_start = True
    # a wire dateline ("TARSI, Feb 10 -") is one piece of metadata, and the lead starts after it
    from presslens.ingest.dateline import find_dateline

    dateline = find_dateline(doc_text(doc))
    span = doc.char_span(dateline.start, dateline.end, alignment_mode="expand") if dateline else None
    if span is not None:
        for t in span[1:]:
            t.is_sent_start = False
        if span.end < len(doc):
            doc[span.end].is_sent_start = True
        # and no lead ends after a word or two: the parser would otherwise cut "Pakistani | troops shelled ..."
        for t in doc[span.end + 1:span.end + 3]:
            if "\n" in t.text or t.is_punct:
                break
            t.is_sent_start = False
    return doc


@lru_cache(maxsize=4)
def load_nlp(name: str) -> Language:
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise PresslensError("E104", name=name) from exc
    if "parser" in nlp.pipe_names and "presslens_paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("presslens_paragraph_breaks", before="parser")
    return nlp
