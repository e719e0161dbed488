"""The analysis result: plain dataclasses that serialise to the documented JSON.

Field names here are the public JSON field names (see ``schema/analysis.schema.json``).
All character offsets index into ``Document.text``; ``end`` is exclusive.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "OTHER")
PLACE_TYPES = ("GPE", "LOC", "FAC")  # the entity types that are places

FIGURE_CATEGORIES = (
    "killed",
    "injured",
    "missing",
    "abducted",
    "arrested",
    "detained",
    "displaced",
    "defected",
    "transferred",
    "resettled",
    "protesters",
    "other",
)

EVENT_TYPES = (
    "attack",
    "armed_clash",
    "killing",
    "abduction",
    "arrest",
    "protest",
    "hunger_strike",
    "relocation",
    "defection",
    "statement",
    "other",
)

TECHNIQUES = (
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Doubt",
    "Exaggeration,Minimisation",
    "Appeal_to_fear-prejudice",
    "Flag-Waving",
    "Causal_Oversimplification",
    "Appeal_to_Authority",
    "Slogans",
    "Black-and-White_Fallacy",
    "Whataboutism,Straw_Men,Red_Herring",
    "Thought-terminating_Cliches",
    "Bandwagon,Reductio_ad_hitlerum",
)


@dataclass
class Span:
    start: int
    end: int
    text: str


@dataclass
class Hedge:
    """An uncertainty cue. ``kind``: approximator ("about"), epistemic ("may"),
    evidential ("allegedly", "reports suggest"), question ("Can you confirm that ...?": asked,
    not asserted)."""

    text: str
    start: int
    end: int
    kind: str = "epistemic"
    # low / medium / high: how sure the cue lets a reader be (presslens.claims.certainty)
    certainty: str = ""

    def __post_init__(self) -> None:
        if not self.certainty:
            from presslens.claims.certainty import certainty_level

            self.certainty = certainty_level(self.text, self.kind)


@dataclass
class Attribution:
    """Whose word a figure or claim rests on. ``source`` is None when the text gives
    a cue with no speaker ("it was reported"); unnamed sources ("the reports",
    "officials") keep their wording as ``source`` and ``named`` is False."""

    source: str | None
    source_span: list[int] | None
    source_entity: str | None
    cue: str
    cue_span: list[int]
    named: bool = False
    # True for the issuer of a press release or statement: whose word the release's unattributed
    # claims and figures are, shown by its header ("NATIONAL POLICE SERVICE" / "PRESS RELEASE")
    # rather than said in a sentence
    issuer: bool = False


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Figure:
    id: str
    text: str
    start: int
    end: int
    value: int | None
    low: int | None
    high: int | None
    approximate: bool
    category: str
    of_total: int | None = None
    hedges: list[Hedge] = field(default_factory=list)
    attribution: Attribution | None = None
    negated: bool = False
    unit: str | None = None  # the counted noun as written ("residents", "homes")


@dataclass
class EventDate:
    text: str
    value: str | None  # "2013-09-01", or "--09-01" when the year is unknown
    last: str | None = None  # the last day when the text gives a range ("between 2 and 6 May")

    @property
    def span(self) -> str | None:
        """The value, or "first – last" for a range: how reports show the date."""
        return f"{self.value} – {self.last}" if self.value and self.last else self.value


@dataclass
class EventLocation:
    text: str
    name: str
    country: str | None = None


@dataclass
class Evidence:
    start: int
    end: int


@dataclass
class Event:
    id: str
    type: str
    date: EventDate | None = None
    location: EventLocation | None = None
    actors: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    figures: list[str] = field(default_factory=list)
    hedged: bool = False
    attribution: Attribution | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Claim:
    id: str
    text: str
    start: int
    end: int
    checkworthy: float
    hedges: list[Hedge] = field(default_factory=list)
    attribution: Attribution | None = None
    negated: bool = False


@dataclass
class Technique:
    technique: str
    start: int
    end: int
    text: str
    score: float
    explanation: str
    component: str = "techniques.lexicon"


@dataclass
class Document:
    id: str
    title: str | None
    authors: list[str]
    published: str | None
    source: str | None
    language: str
    text: str
    url: str | None = None


@dataclass
class Analysis:
    presslens: str
    document: Document
    entities: list[Entity] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    techniques: list[Technique] = field(default_factory=list)
    components: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def figure(self, figure_id: str) -> Figure | None:
        return next((f for f in self.figures if f.id == figure_id), None)
