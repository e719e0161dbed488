"""Name-blind model input: the technique and claims models never see who a text is about.

A fine-tuned encoder carries associations from its pre-training and training texts, so
"Hamas leaders said" and "Israeli leaders said" would get different flags from the same
wording. presslens must not know sides: before the technique model reads a text, every
name (spaCy entities of the kinds below, and runs of proper nouns the entity recogniser
missed) is replaced by one placeholder, and the spans the model finds are mapped back
to the original characters. A flag that covers a placeholder covers the whole name.

On the PTC validation split this costs about 0.01 SI F1 and 0.015 TC F1 (see the model card).
The claims model (check-worthiness, hedging, attribution spans) reads sentences the same way
(``claims.runtime.predict_name_blind``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from presslens.pipeline import AnalysisState

# One common, short surname: a single WordPiece, and a word the encoder has seen in the
# positions names take ("X said", "called X a ...").
PLACEHOLDER = "Smith"
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})
_DETERMINERS = ("the ", "The ", "THE ")


@dataclass
class MaskedText:
    """``text`` with names replaced; ``segments`` are (original begin, original end,
    masked begin, masked end, replaced?) covering both texts in order."""

    text: str
    segments: tuple[tuple[int, int, int, int, bool], ...]
    _original_starts: list[int] = field(init=False, repr=False, compare=False)
    _masked_starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # segment starts in each text, for a binary search per offset
        self._original_starts = [s[0] for s in self.segments]
        self._masked_starts = [s[2] for s in self.segments]

    def _find(self, x: int, masked: bool, end: bool) -> tuple[int, int, int, int, bool]:
        starts = self._masked_starts if masked else self._original_starts
        k = bisect_right(starts, x - 1 if end else x) - 1
        return self.segments[max(0, k)]

    def to_original(self, begin: int, end: int) -> tuple[int, int]:
        """Characters of the original text for a span of the masked text (names whole)."""
        ob, _oe, nb, _ne, rep = self._find(begin, masked=True, end=False)
        b = ob if rep else ob + begin - nb
        ob, oe, nb, _ne, rep = self._find(end, masked=True, end=True)
        e = oe if rep else ob + end - nb
        return b, max(b, e)

    def to_masked(self, begin: int, end: int) -> tuple[int, int]:
        """Characters of the masked text for a span of the original text."""
        ob, _oe, nb, _ne, rep = self._find(begin, masked=False, end=False)
        b = nb if rep else nb + begin - ob
        ob, _oe, nb, ne, rep = self._find(end, masked=False, end=True)
        e = ne if rep else nb + end - ob
        return b, max(b, e)


def mask_names(text: str, names: list[tuple[int, int]], placeholder: str = PLACEHOLDER) -> MaskedText:
    """Replace the character spans ``names`` (overlaps are merged) with ``placeholder``."""
    parts: list[str] = []
    segments: list[tuple[int, int, int, int, bool]] = []
    pos = npos = 0
    for b, e in _merge_touching(names):
        if b > pos:
            parts.append(text[pos:b])
            segments.append((pos, b, npos, npos + b - pos, False))
            npos += b - pos
        parts.append(placeholder)
        segments.append((b, e, npos, npos + len(placeholder), True))
        npos += len(placeholder)
        pos = e
    parts.append(text[pos:])
    segments.append((pos, len(text), npos, npos + len(text) - pos, False))
    return MaskedText("".join(parts), tuple(segments))


def _merge_touching(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge spans that overlap or touch: two names with nothing between them become one
    placeholder, as the shipped model was trained. (``scoring.merge_overlapping`` keeps
    touching spans apart, as the task's scorer does.)"""
    out: list[list[int]] = []
    for b, e in sorted(s for s in spans if s[1] > s[0]):
        if out and b <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([b, e])
    return [(b, e) for b, e in out]


def name_spans(doc: Doc) -> list[tuple[int, int]]:
    """Names in a parsed text: entities of ``NAME_LABELS`` and runs of proper nouns outside
    other entities (dates, numbers), without a leading "the" (so "the Army" and "the Northern
    Front" both read "the Smith"). A name found once is masked wherever the same capitalised
    wording recurs in the text, since the tagger may miss it in one sentence and not another."""
    # An entity's trailing common words stay: the tagger takes "Gaza health ministry" whole but
    # only "Israeli" of "Israeli health ministry"; both must read "Smith health ministry".
    spans = []
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        if all(_common_word(t.text) for t in ent):
            continue  # "defence ministry" tagged alone: no name in it
        last = ent.end
        while last - 1 > ent.start and _common_word(doc[last - 1].text):
            last -= 1
        spans.append((ent.start_char, doc[last - 1].idx + len(doc[last - 1])))
    run_end = -1  # index after the last proper noun added; the next one extends that span
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.ent_type_ not in NAME_LABELS | {""} or _common_word(tok.text):
            continue
        if tok.i == run_end:
            spans[-1] = (spans[-1][0], tok.idx + len(tok))
        else:
            spans.append((tok.idx, tok.idx + len(tok)))
        run_end = tok.i + 1
    # A people's adjective the tagger left untyped ("the Mbelan thugs", where it types "Harzani" a
    # nationality): a capital inside the sentence, or a people's ending at its start ("Chadian troops")
    # ... and a name joined by a hyphen to a common word ("pro-Sendo", "Harzani-backed"), whatever its tags
    for tok in doc:
        after_a_word = tok.i > 1 and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_ and \
            doc[tok.i - 2].is_lower  # "pro-Sendo"
        before_a_word = tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and not tok.whitespace_ and \
            doc[tok.i + 2].is_lower  # "Harzani-backed"
        hyphened = after_a_word or before_a_word
        if tok.is_alpha and tok.text[:1].isupper() and not tok.text.isupper() and (hyphened or (
                tok.pos_ == "ADJ" and not tok.ent_type_ and
                (not tok.is_sent_start or PEOPLES_ENDING.search(tok.text)))):
            spans.append((tok.idx, tok.idx + len(tok)))
    from presslens.nlp.spacy_model import doc_text

    text = doc_text(doc)
    stripped = []
    for b, e in spans:
        for det in _DETERMINERS:
            if text.startswith(det, b) and b + len(det) < e:
                b += len(det)
        prefix = _HYPHEN_PREFIX.match(text, b, e)
        if prefix is not None:
            b = prefix.end()  # "anti-Russian" tagged whole: "anti-Smith", as "anti-Mbelan" reads
        while b < e and text[b] in "-–":
            b += 1  # "-Ruvania Liberation Front": the tagger's name starts at the hyphen of "pro-"
        stripped.append((b, e))
    surfaces = {text[b:e] for b, e in stripped if text[b:b + 1].isupper()}
    for surface in sorted(surfaces, key=len, reverse=True):
        start = text.find(surface)
        while start >= 0:
            end = start + len(surface)
            if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
                stripped.append((start, end))
            start = text.find(surface, end)
    # names one space apart are one name ("pro-Sendo Liberation Front", which the tagger may take whole or in
    # two pieces, by the name). (Not names an "of" apart, "the Liberation Front of Harzan", which the tagger also
    # splits by the name: one placeholder for both cost validation SI 0.003, and it moves only check-worthiness.)
    merged: list[tuple[int, int]] = []
    for b, e in _merge_touching(stripped):
        if merged and text[merged[-1][1]:b] == " ":
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((b, e))
    return merged


# How the names of peoples end ("Pakistani", "Indian", "Sudanese", "Kurdish", "Dutch", "Kosovar"): at a
# sentence's start, where every word has a capital, the word's form says it is a name, not its tag
PEOPLES_ENDING = re.compile(r"(?:i|an|ese|ish|ch|ar)$")
_HYPHEN_PREFIX = re.compile(r"[a-z]+-(?=[A-Z])")


def _common_word(word: str) -> bool:
    """A lower-case word ("ministry"), whatever the tagger calls it; "al-Sham" is a name."""
    return word.isalpha() and word.islower()


def find_names(texts: list[str], batch_size: int = 8) -> list[list[tuple[int, int]]]:
    """:func:`name_spans` of each text, parsed by the pinned spaCy pipeline (for evaluation
    and training, where there is no analysis state)."""
    from presslens.nlp.spacy_model import load_nlp
    from presslens.settings import load_settings

    nlp = load_nlp(load_settings().spacy_model)
    return [name_spans(doc) for doc in nlp.pipe(texts, batch_size=batch_size)]


def document_names(state: AnalysisState) -> list[tuple[int, int]]:
    """:func:`name_spans` of the document being analysed, found once and shared by the
    components that read it name-blind (the technique and claims models)."""
    names: list[tuple[int, int]] | None = state.extras.get("names")
    if names is None:
        names = state.extras["names"] = name_spans(state.doc)
    return names
