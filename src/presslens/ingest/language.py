"""Is this English? A function-word profile: cheap, offline, good enough to refuse garbage."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# The most frequent function words of each language (short, high-precision lists).
PROFILES: dict[str, frozenset[str]] = {
    "English": frozenset("the of and to in a is that for it was on with as by at from his her are were be "
                         "this have has had not but they which or an their said who been will would its".split()),
    "French": frozenset("le la les de des du et est une un dans pour que qui pas sur au aux avec ce il elle "
                        "sont ont été par plus".split()),
    "German": frozenset("der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es "
                        "wurde sind bei".split()),
    "Spanish": frozenset("el la los las de del y en que por con una un para es se su al lo como más fue "
                         "sus han".split()),
    "Italian": frozenset("il la di che e è per un una del della in con sono non gli le dei alla anche".split()),
    "Portuguese": frozenset("o a os as de do da dos das e em que um uma para com não por se na no foi".split()),
    "Dutch": frozenset("de het een en van in is dat op te zijn met voor niet aan er ook als bij".split()),
    "Turkish": frozenset("ve bir bu da de için ile olarak olan çok daha gibi ama ancak".split()),
    "Indonesian": frozenset("yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke".split()),
}

# Scripts that are not Latin: the text is certainly not English.
_SCRIPTS = (("ARABIC", "Arabic or Persian"), ("CYRILLIC", "Russian or another Cyrillic-script language"),
            ("HEBREW", "Hebrew"), ("CJK", "Chinese or Japanese"), ("HANGUL", "Korean"),
            ("DEVANAGARI", "Hindi or another Devanagari-script language"), ("GREEK", "Greek"),
            ("THAI", "Thai"), ("ARMENIAN", "Armenian"), ("GEORGIAN", "Georgian"), ("ETHIOPIC", "Amharic"))


def _script_of(text: str) -> str | None:
    letters = [ch for ch in text[:20000] if ch.isalpha()]
    if not letters:
        return None
    counts: dict[str, int] = {}
    for ch in letters:
        name = unicodedata.name(ch, "")
        for key, label in _SCRIPTS:
            if key in name or (key == "CJK" and ("HIRAGANA" in name or "KATAKANA" in name)):
                counts[label] = counts.get(label, 0) + 1
                break
    if counts:
        label, n = max(counts.items(), key=lambda kv: kv[1])
        if n / len(letters) > 0.3:
            return label
    return None


def detect_language(text: str) -> tuple[str, float]:
    """Return (language name, share of its function words among the words)."""
    script = _script_of(text)
    if script:
        return script, 0.0
    words = [w.lower() for w in _WORD.findall(text[:50000])]
    if not words:
        return "unknown", 0.0
    scores = {lang: sum(w in vocab for w in words) / len(words) for lang, vocab in PROFILES.items()}
    best = max(scores, key=lambda k: scores[k])
    return best, scores[best] if best != "English" else scores["English"]


def english_ratio(text: str) -> float:
    words = [w.lower() for w in _WORD.findall(text[:50000])]
    return sum(w in PROFILES["English"] for w in words) / len(words) if words else 0.0
