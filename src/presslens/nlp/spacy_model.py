"""Load the pinned spaCy pipeline once per process; never download anything."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from presslens.errors import PresslensError

if TYPE_CHECKING:
    from spacy.language import Language


@lru_cache(maxsize=4)
def load_nlp(name: str) -> Language:
    import spacy

    try:
        # The lemmatizer is unused by presslens rules but kept: lemmas drive the lexicons.
        return spacy.load(name)
    except OSError as exc:
        raise PresslensError("E104", name=name) from exc
