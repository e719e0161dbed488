"""Certainty levels for hedge cues: how sure the text lets a reader be of what the cue covers.

``low``: the writer passes on or doubts the claim ("allegedly", "unconfirmed", "may");
``medium``: probable or estimated ("probably", "likely", "estimated", "up to");
``high``: asserted but approximate or bounded ("about", "at least", "nearly", "some").
"""

from __future__ import annotations

LOW = frozenset(
    "allegedly alleged purportedly purported supposedly reputedly unconfirmed unverified rumoured rumored "
    "rumour rumor may might could possibly perhaps maybe conceivably claim claims claimed allegation allegations "
    "speculation speculate so-called suspected apparently ostensibly seemingly reportedly reported said "
    "believed thought appear appears appeared seem seems seemed".split())
MEDIUM = frozenset(
    "probably likely presumably presumed arguably estimate estimated estimates estimating suggest suggests "
    "suggested believe believes expect expected unlikely".split()) | {"up to", "as many as", "as much as"}
HIGH = frozenset(
    "about around approximately roughly nearly almost some over dozens hundreds thousands".split()) | {
    "at least", "more than", "close to", "just under", "just over", "upwards of", "in excess of", "no fewer than"}
LEVELS = ("low", "medium", "high")


def certainty_level(text: str, kind: str) -> str:
    """The certainty level of a hedge cue given its wording and kind."""
    t = " ".join(text.lower().split())
    if t in HIGH or (kind == "approximator" and t not in MEDIUM):
        return "high"
    if t in MEDIUM:
        return "medium"
    if t in LOW or kind == "evidential":
        return "low"
    last = t.split()[-1] if t else ""
    if last in MEDIUM:
        return "medium"
    if last in LOW:
        return "low"
    return "medium" if kind == "epistemic" else "low"
