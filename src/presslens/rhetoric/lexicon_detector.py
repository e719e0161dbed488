"""A transparent lexicon-and-rules technique detector (component ``techniques.lexicon``).

Every flag says which rule fired and why. The lexicon (``lexicon.json``) holds wording
only: it names no group, country or side, so the same words are flagged whoever uses
them. A trained model registers as another component behind the same interface.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from presslens.model import Technique
from presslens.registry import components
from presslens.rhetoric.definitions import DEFINITIONS

if TYPE_CHECKING:
    from presslens.pipeline import AnalysisState


@dataclass(frozen=True)
class Rule:
    technique: str
    score: float
    why: str
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    data = json.loads(resources.files("presslens.rhetoric").joinpath("lexicon.json").read_text("utf-8"))
    rules = []
    for entry in data["entries"]:
        alternatives = sorted(entry["patterns"], key=len, reverse=True)
        pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)
        rules.append(Rule(entry["technique"], float(entry["score"]), entry["why"], pattern))
    return tuple(rules)


def explain(technique: str, span: str, why: str) -> str:
    return f"{DEFINITIONS[technique]} Here “{span}” is {why}."


_SLOGAN = re.compile(r"(?:^|(?<=[.!?\n]))\s*(?P<s>[^.!?\n]{3,60}!)")
_HASHTAG = re.compile(r"(?<!\w)#[A-Za-z]\w{2,40}")


def detect(state: AnalysisState, min_score: float = 0.0) -> list[Technique]:
    text = state.text
    found: list[Technique] = []
    seen: set[tuple[str, int, int]] = set()

    def add(technique: str, start: int, end: int, score: float, why: str) -> None:
        key = (technique, start, end)
        if key in seen or score < min_score or state.in_skip_range(start, end):
            return
        seen.add(key)
        span = text[start:end]
        found.append(Technique(technique, start, end, span, round(score, 3), explain(technique, span, why)))

    for rule in load_rules():
        for m in rule.pattern.finditer(text):
            add(rule.technique, m.start(), m.end(), rule.score, rule.why)
    for m in _SLOGAN.finditer(text):
        words = m.group("s").split()
        if 1 < len(words) <= 6:
            add("Slogans", m.start("s"), m.end("s"), 0.5, "a short exclamation that works as a rallying cry")
    for m in _HASHTAG.finditer(text):
        add("Slogans", m.start(), m.end(), 0.45, "a hashtag used as a rallying cry")
    # Repetition: the same charged expression used three or more times.
    by_text: dict[str, list[Technique]] = defaultdict(list)
    for t in found:
        if t.technique in ("Loaded_Language", "Name_Calling,Labeling"):
            by_text[t.text.lower()].append(t)
    for phrase, hits in by_text.items():
        if len(hits) >= 3:
            for t in sorted(hits, key=lambda h: h.start)[1:]:
                add("Repetition", t.start, t.end, 0.5, f"“{phrase}” used {len(hits)} times in the article")
    return found


@components.register("techniques.lexicon")
def make_lexicon_detector(config: dict[str, Any]) -> Callable[[AnalysisState], None]:
    min_score = float(config.get("min_score", 0.0))

    def run(state: AnalysisState) -> None:
        found = detect(state, min_score)
        # After a trained detector, a rule span replaces a model span of the same technique
        # that it mostly covers ("cult" -> "cult leaders"): the rule names the whole phrase and
        # says which rule fired. Longer model spans stay beside the rule's words.
        state.techniques[:] = [t for t in state.techniques if not any(
            f.technique == t.technique and 2 * (min(f.end, t.end) - max(f.start, t.start)) >= t.end - t.start
            for f in found)]
        state.techniques.extend(found)

    return run
