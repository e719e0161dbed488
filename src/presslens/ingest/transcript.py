"""Speaker turns of a transcript: a press briefing, a hearing, an interview.

"SPOKESPERSON (Colonel Ivo Marten): Good afternoon. ..." and "Q: Can you confirm ...?" label
who speaks until the next label. What a speaker says in a turn is on the speaker's word, as a
press release's text is on its issuer's. A label is metadata, never a claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A label at the start of a line: capitals ("SPOKESPERSON", "MR. HAGARI", "AMBASSADOR
# NEBENZIA") or Q / A, an optional name or role in brackets, then a colon.
_LABEL = re.compile(
    r"^(?P<label>Q|A|(?:[A-Z][A-Z'’.-]+)(?:[ \t]+[A-Z][A-Z'’.-]*){0,3}"
    r"|(?P<title>[A-Z][a-z'’.-]+(?:[ \t]+[A-Z][A-Za-z'’.-]*){0,2}))"
    r"(?:[ \t]*\((?P<desc>[^()\n]{2,80})\))?[ \t]*:(?=[ \t]|\n|$)",
    re.M)
# Capitals with a colon that introduce text, not a speaker
_NOT_SPEAKERS = frozenset(
    "UPDATE UPDATES NOTE NOTES EDITOR'S EDITOR’S WARNING BREAKING LIVE CONTACT CONTACTS MEDIA ENDS SOURCE SOURCES "
    "PHOTO PHOTOS VIDEO WATCH READ ALSO SEE CORRECTION CLARIFICATION BACKGROUND SUMMARY HIGHLIGHTS KEY TAGS "
    "TOPICS SUBJECT RE DATE TIME LOCATION VENUE TRANSCRIPT BROADCAST AIRED SEGMENT PROGRAMME PROGRAM EPISODE "
    "CHANNEL SHOW".split())
QUESTION_LABELS = frozenset({"Q", "QUESTION", "REPORTER", "JOURNALIST", "AUDIENCE", "INTERVIEWER", "HOST",
                             "MODERATOR"})
# Words of a label that says what someone is, not who
_ROLE_WORDS = QUESTION_LABELS | frozenset(
    "SPOKESPERSON SPOKESMAN SPOKESWOMAN SPEAKER OFFICIAL OFFICIALS SENIOR ADMINISTRATION STATE DEPARTMENT MINISTRY "
    "MILITARY DEFENCE DEFENSE A ANSWER PARTICIPANT WITNESS PANELIST PANELLIST GUEST CHAIR CHAIRMAN CHAIRWOMAN "
    "CHAIRPERSON PRESENTER MEMBER ANCHOR NEWSREADER CORRESPONDENT COMMENTATOR".split())



@dataclass
class Turn:
    label: tuple[int, int]  # the whole label, colon included: metadata
    words: tuple[int, int]  # the label's words ("SPOKESPERSON"), without the name in brackets
    speaker: tuple[int, int]  # the name in brackets, else the label's words
    named: bool  # a name ("Mayor Dorsk", a name in brackets), not a role alone ("SPOKESPERSON")
    colon: tuple[int, int]
    content: tuple[int, int]  # from after the label to the next label
    question: bool  # a questioner's turn ("Q:")
    key: str  # the label's words, upper case: later turns of the same label are the same speaker


def document_turns(doc: Doc) -> list[Turn]:
    """:func:`speaker_turns` of a parsed document, found once: the parser's sentence rule and the
    pipeline's attribution both read them."""
    if "presslens_turns" not in doc.user_data:
        from presslens.nlp.spacy_model import doc_text  # (spacy_model reads the turns: no import at the top)

        doc.user_data["presslens_turns"] = speaker_turns(doc_text(doc))
    turns: list[Turn] = doc.user_data["presslens_turns"]
    return turns


def _key(m: re.Match[str]) -> str:
    return " ".join(m.group("label").split()).upper()


def _take_turns(found: list[re.Match[str]]) -> bool:
    """Speakers take turns: some label comes back, and there are two of them ("NORTH DARFUR:
    ...", "SOUTH DARFUR: ..." are a report's sections, each told once)."""
    keys = [_key(m) for m in found]
    return len(set(keys)) >= 2 and len(set(keys)) < len(keys)


# A copied social post's header line: "@dravamar_live · 6h", "@DravamarPolice · 3h"
_POST_HEADER = re.compile(r"^[ \t]*(?P<handle>@\w{2,40})[ \t]*(?P<when>[·•|-][ \t]*\d{1,3}[ \t]*(?:s|m|min|h|hr|d)s?\b"
                          r"[^\n]{0,40})$", re.M)


def post_turns(text: str) -> list[Turn]:
    """A thread of posts copied into one text: each post, from its header line to the next, is on
    its account's word (a nurse it quotes keeps her own word). None unless two headers."""
    found = list(_POST_HEADER.finditer(text))
    if len(found) < 2:
        return []
    turns: list[Turn] = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        start, content_end = m.end(), end
        while start < end and text[start].isspace():
            start += 1
        while content_end > start and text[content_end - 1].isspace():
            content_end -= 1
        handle = (m.start("handle"), m.end("handle"))
        turns.append(Turn(label=(m.start("handle"), m.end("when")), words=handle, speaker=handle, named=True,
                          colon=(m.start("when"), m.end("when")), content=(start, content_end), question=False,
                          key=m.group("handle").upper()))
    return turns


def speaker_turns(text: str) -> list[Turn]:
    """The turns of a transcript; none unless at least two lines open with a speaker label."""
    posts = post_turns(text)
    if posts:
        return posts
    found = [m for m in _LABEL.finditer(text) if m.group("label").split()[0].rstrip(".").upper() not in _NOT_SPEAKERS]
    # Labels in title case ("Marten: ...") only in an interview, which has its questioner or
    # names someone in brackets: a live page's "Kyiv: ..." entries are places, not speakers
    if not any(_key(m) in QUESTION_LABELS or m.group("desc") for m in found):
        found = [m for m in found if not m.group("title")]
    if not _take_turns(found):
        return []
    turns: list[Turn] = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        start = m.end()
        while start < end and text[start].isspace():
            start += 1
        content_end = end
        while content_end > start and text[content_end - 1].isspace():
            content_end -= 1
        key = _key(m)
        role_in_brackets = bool(m.group("desc")) and all(
            w.strip(".").upper() in _ROLE_WORDS for w in m.group("desc").split()) and \
            any(w.strip(".") not in _ROLE_WORDS for w in key.split())
        if m.group("desc") and not role_in_brackets:
            speaker, named = (m.start("desc"), m.end("desc")), True
        else:  # "MR. HAGARI", "Mayor Dorsk", "HANNA VOSS (ANCHOR)" name someone; "SPOKESPERSON" does not
            speaker = (m.start("label"), m.end("label"))
            named = any(w.strip(".") not in _ROLE_WORDS for w in key.split())
        colon = text.index(":", m.end("desc") if m.group("desc") else m.end("label"))
        turns.append(Turn(label=(m.start(), colon + 1), words=(m.start("label"), m.end("label")), speaker=speaker,
                          named=named, colon=(colon, colon + 1),
                          content=(start, content_end), question=key in QUESTION_LABELS, key=key))
    # "Our correspondent spoke to its mayor, Oleg Marin": the answers of a Q&A are the interviewee's
    intro = _INTERVIEWEE.search(text, 0, turns[0].label[0]) if turns else None
    if intro is not None:
        for turn in turns:
            if turn.key in ("A", "ANSWER") and not turn.named:
                turn.speaker, turn.named = (intro.start("name"), intro.end("name")), True
    return turns


_INTERVIEWEE = re.compile(
    r"\b(?:an interview with|interviewed|spoke to|speaks to|talked to|talks to|Q&A with|conversation with)\s+"
    r"(?:(?:the|its|their|his|her|a|an)\s+[\w\s'’-]{0,40}?,\s+)?"
    r"(?P<name>(?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’-]+)")
