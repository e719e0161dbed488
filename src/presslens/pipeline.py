"""The analysis pipeline: input -> spaCy parse -> registered components -> ``Analysis``.

Each component is looked up by name in ``presslens.registry.components`` (the list is in
``default.cfg``), gets the shared :class:`AnalysisState` and fills its part of it. The
pipeline does not know what the components are, so a trained model replaces a rule
component by registering under a new name and being named in the config.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presslens import __version__
from presslens.claims.attribution import issuer_relation, listed_sources, turn_relations
from presslens.ingest import RawArticle, load_article
from presslens.ingest.byline import find_tagline
from presslens.ingest.dateline import find_dateline
from presslens.ingest.header import end_marks, read_header
from presslens.ingest.transcript import document_turns
from presslens.model import Analysis, Claim, Document, Entity, Event, Figure, Technique
from presslens.nlp.spacy_model import doc_text, load_nlp
from presslens.registry import get_component
from presslens.settings import Settings, load_settings

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from presslens.claims.attribution import AttributionRel
    from presslens.claims.hedges import HedgeCue


@dataclass
class AnalysisState:
    """What components read and write. Internal lists (hedge cues, attribution relations)
    carry token-level detail that the public result flattens."""

    doc: Doc
    article: RawArticle
    settings: Settings
    entities: list[Entity] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    techniques: list[Technique] = field(default_factory=list)
    hedge_cues: list[HedgeCue] = field(default_factory=list)
    attributions: list[AttributionRel] = field(default_factory=list)
    # Character ranges that are metadata, not article prose (the byline).
    skip_ranges: list[tuple[int, int]] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def text(self) -> str:
        # Doc.text rebuilds the string from every token on each access: compute it once.
        return doc_text(self.doc)

    @property
    def published(self) -> date | None:
        known = self.article.published or self.article.dates_from
        return date.fromisoformat(known) if known else None

    def in_skip_range(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.skip_ranges)


def document_id(text: str) -> str:
    """Stable content hash: the same text always gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


class Pipeline:
    """Loaded once (spaCy model, component instances), then applied to many articles."""

    def __init__(self, settings: Settings | None = None, components: list[str] | None = None) -> None:
        self.settings = settings or load_settings()
        self.component_names = list(components or self.settings.components)
        config = {"min_score": self.settings.min_technique_score}
        self.components: list[tuple[str, Callable[[AnalysisState], None]]] = [
            (name, get_component(name)(config)) for name in self.component_names
        ]
        self.nlp = load_nlp(self.settings.spacy_model)
        # spaCy refuses texts over 1,000,000 characters; the size check (E004) is what limits
        # input, and a text passing it has at most max_bytes characters
        self.nlp.max_length = max(self.nlp.max_length, self.settings.max_bytes + 1)

    def analyze_article(self, article: RawArticle) -> Analysis:
        return self._analyze_doc(article, self.nlp(article.text))

    def analyze_many(self, articles: Sequence[RawArticle], *, batch_size: int = 32) -> list[Analysis]:
        """Analyse several articles, parsing them with spaCy's batched ``nlp.pipe`` (faster
        than one ``nlp()`` call per text); results are the same as ``analyze_article``."""
        docs = self.nlp.pipe([a.text for a in articles], batch_size=batch_size)
        return [self._analyze_doc(article, doc) for article, doc in zip(articles, docs, strict=True)]

    def _analyze_doc(self, article: RawArticle, doc: Doc) -> Analysis:
        state = AnalysisState(doc=doc, article=article, settings=self.settings)
        if article.byline:
            state.skip_ranges.append((article.byline.start, article.byline.end))
        tagline = find_tagline(article.text)
        if tagline:
            state.skip_ranges.append(tagline)
        header = read_header(article.text)
        state.skip_ranges.extend(header.skip)  # "FOR IMMEDIATE RELEASE", "14 June 2019"
        state.skip_ranges.extend(end_marks(article.text))  # "- ENDS -"
        issuer = issuer_relation(article.text, header)
        if issuer is not None:  # a release speaks for its issuer where it quotes no one else
            state.attributions.append(issuer)
        dateline = find_dateline(article.text)
        if dateline:
            state.skip_ranges.append((dateline.start, dateline.end))
        turns = document_turns(doc)  # a transcript: "SPOKESPERSON (Colonel X): ...", "Q: ..."
        state.skip_ranges.extend(turn.label for turn in turns)
        state.attributions.extend(turn_relations(turns))
        state.attributions.extend(listed_sources(article.text))  # "- Ministry of Health: 34 dead, 112 injured"
        for _name, component in self.components:
            component(state)
        document = Document(
            id=document_id(article.text), title=article.title, authors=article.authors,
            published=article.published, source=article.source, language="en", text=article.text,
            url=article.url,
        )
        return Analysis(
            presslens=__version__, document=document, entities=state.entities, figures=state.figures,
            events=state.events, claims=state.claims,
            techniques=sorted(state.techniques, key=lambda t: (t.start, t.end, t.technique)),
            components=self.component_names,
        )

    def analyze(self, text_or_path: str | Path, *, published: str | date | None = None,
                title: str | None = None, source: str | None = None) -> Analysis:
        article = load_article(text_or_path, self.settings, published=published, title=title, source=source)
        return self.analyze_article(article)


_DEFAULT: dict[str, Pipeline] = {}


def default_pipeline() -> Pipeline:
    if "default" not in _DEFAULT:
        _DEFAULT["default"] = Pipeline()
    return _DEFAULT["default"]


def analyze(text_or_path: str | Path, *, published: str | date | None = None, title: str | None = None,
            source: str | None = None) -> Analysis:
    """Analyse one article given as text, HTML, or a file path. Raises ``PresslensError``
    (one-line message, stable code) for input presslens cannot analyse."""
    return default_pipeline().analyze(text_or_path, published=published, title=title, source=source)
