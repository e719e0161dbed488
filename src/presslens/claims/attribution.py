"""Who said it: reporting verbs ("X said", "Y suggest") and "according to X", with the
source span, the cue span and the content each relation covers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from presslens.model import Attribution
from presslens.nlp.spacy_model import doc_text
from presslens.nlp.tokens import scope_span
from presslens.registry import components

if TYPE_CHECKING:
    from spacy.tokens import Token

    from presslens.ingest.transcript import Turn
    from presslens.pipeline import AnalysisState

DENIAL_VERBS = frozenset("deny reject refute dismiss disprove contradict".split())
REPORTING_VERBS = frozenset(
    "say tell report state announce add claim allege suggest confirm deny estimate insist warn accuse note "
    "explain write declare assert argue believe acknowledge admit reveal indicate quote tweet post stress "
    "emphasise emphasize maintain testify recount recall conclude predict dispute reject contend "
    "reiterate affirm complain charge".split())
# Heads of unnamed sources: the text gives a kind of source, not a name.
UNNAMED_HEADS = frozenset(
    "report source official witness resident people analyst observer critic expert activist medic doctor "
    "spokesman spokeswoman spokesperson authority police statement investigator diplomat survivor relative "
    "group organisation organization agency monitor media outlet account rumour rumor estimate figure "
    "ministry government army military force administration".split())
PRONOUNS = frozenset("he she they it we i".split())
SPOKESPERSON = frozenset("spokesman spokeswoman spokesperson".split())


# a live blog's entry time before its first words: "11:10 - Witnesses in Tavro say ..."
_TIME_STAMP = re.compile(r"\d{1,2}[:.]\d{2}\s*(?:[-\u2013\u2014:|]\s*)?")


def trim_source(text: str, start: int, end: int) -> tuple[int, int]:
    """A source's span without the white space around it or a live blog's time stamp before it
    ("the health ministry\n", "11:10 - Witnesses in Tavro")."""
    m = _TIME_STAMP.match(text, start, end)
    if m is not None and m.end() < end:
        start = m.end()
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass
class AttributionRel:
    cue_start: int
    cue_end: int
    source_start: int | None
    source_end: int | None
    content: tuple[int, int]
    sent_start: int
    named: bool
    source_head: int | None = None  # token index of the source's head
    entity_id: str | None = None
    # False for a relation the tagger found that reports no speech ("decided", "did not respond
    # to", "No group has claimed"): kept for the PolNeAR benchmark, never shown as a source
    reports: bool = True
    issuer: bool = False  # a release's issuer, from its header (``issuer_relation``)

    def to_public(self, text: str) -> Attribution:
        start, end = self.source_start, self.source_end
        if start is not None and end is not None:
            start, end = trim_source(text, start, end)
        source = text[start:end] if start is not None else None
        return Attribution(
            source=source,
            source_span=[start, end] if start is not None and end is not None else None,
            source_entity=self.entity_id, cue=text[self.cue_start:self.cue_end],
            cue_span=[self.cue_start, self.cue_end], named=self.named, issuer=self.issuer,
        )


def issuer_relation(text: str, header: Any) -> AttributionRel | None:
    """A press release's or statement's issuer as the source of everything in it that no one
    else is quoted for: the issuer line is the source, the release label the cue. Every other
    relation covers less of the text, so ``attribution_for`` prefers it."""
    if not header.release or header.issuer_span is None or header.label_span is None:
        return None
    (s, e), (cs, ce) = header.issuer_span, header.label_span
    return AttributionRel(cs, ce, s, e, (0, len(text)), min(s, cs), True, issuer=True)


def turn_relations(turns: list[Turn]) -> list[AttributionRel]:
    """In a transcript, what a speaker says in a turn rests on the speaker: the name in brackets
    is the source and the label's words the cue ("Colonel Ivo Marten" via "SPOKESPERSON"), or,
    with no name in brackets, the label is the source and its colon the cue ("Mayor Dorsk" via
    ":"). A later turn with the same label ("SPOKESPERSON:") is the same speaker, named where
    first named. A questioner's turn ("Q:") asserts nothing and rests on no one; what it quotes
    keeps its own source ("residents say ..."), which covers less text and so comes first."""
    first_named: dict[str, Turn] = {}
    rels: list[AttributionRel] = []
    for turn in turns:
        if turn.named:
            first_named.setdefault(turn.key, turn)
        if turn.question:
            continue
        speaker = turn if turn.named else first_named.get(turn.key, turn)
        in_brackets = speaker.label[0] <= speaker.speaker[0] < speaker.label[1] and speaker.speaker != speaker.words
        (s, e), (cs, ce) = speaker.speaker, turn.words if in_brackets else turn.colon
        rels.append(AttributionRel(cs, ce, s, e, turn.content, turn.label[0], speaker.named))
    return rels


# A list of sources and what each says: "- Ministry of Health: 34 dead, 112 injured". A name of two
# words or more ("- Food: 41,000 people received rations" is a sector, not a source), then a count.
_LISTED_SOURCE = re.compile(
    r"^[ \t]*[-–•*▪][ \t]+(?P<name>[A-Z][\w'’.&-]*(?:[ \t]+(?:[A-Z][\w'’.&-]*|of|for|the|and|on|de|al)){1,7})"
    r"[ \t]*:[ \t]+(?P<said>[^\n]*(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds)\b)"
    r"[^\n]*)$", re.M)


def listed_sources(text: str) -> list[AttributionRel]:
    """Each line of a list that names a source and what it counts rests on that source: its name
    is the source, its colon the cue."""
    rels = []
    for m in _LISTED_SOURCE.finditer(text):
        if not m.group("name").split()[-1][:1].isupper():
            continue  # "Key figures:" names no one
        colon = text.index(":", m.end("name"))
        rels.append(AttributionRel(colon, colon + 1, m.start("name"), m.end("name"), (m.start("said"), m.end("said")),
                                   m.start(), True))
    return rels


def _source_bounds(head: Token) -> tuple[int, int]:
    """The source phrase: the subject's subtree, cut before an appositive or relative clause."""
    toks = [t for t in head.subtree]
    kept = [t for t in toks if t.i <= head.i]
    for t in toks:
        if t.i > head.i:
            # (not at the "'" of "supporters' march"; at "earlier in the day", which dates the act)
            if t.is_punct and t.tag_ != "POS" or t.dep_ in ("appos", "relcl", "acl", "advmod") or \
                    t.tag_ in ("WDT", "WP", "WP$"):
                break  # "a senior security official who spoke on condition of anonymity"
            kept.append(t)
    kept = [t for t in kept if not (t.is_punct and (t.i == kept[0].i or t.i == kept[-1].i))]
    if not kept:  # the parser made a lone comma or quote mark the subject: no words to cut
        return head.idx, head.idx + len(head)
    return without_footnote(doc_text(head.doc), kept[0].idx, kept[-1].idx + len(kept[-1]))


_FOOTNOTE_END = re.compile(r"\[\d{1,3}\]?$")


def without_footnote(text: str, start: int, end: int) -> tuple[int, int]:
    """A source without the footnote mark after it: "the UN[3]" -> "the UN"."""
    ref = _FOOTNOTE_END.search(text, start, end)
    return (start, ref.start()) if ref is not None and ref.start() > start else (start, end)


def _reported_span(tok: Token) -> tuple[int, int]:
    """The clause said, with the clauses coordinated to it by a second "that" ("said that about 60
    people were wounded, and that up to 10 were still trapped")."""
    start, end = scope_span(tok)
    for conj in tok.children:
        if conj.dep_ == "conj" and any(g.dep_ == "mark" and g.lower_ == "that" for g in conj.children):
            end = max(end, scope_span(conj)[1])
    return start, end


def _is_named(head: Token) -> bool:
    if head.lower_ in PRONOUNS:
        return False
    generic = head.lemma_.lower() in UNNAMED_HEADS or head.lower_ in UNNAMED_HEADS  # ("media": lemma "medium")
    if generic and head.text.islower():
        # "the Gaza health ministry", "the Israeli military", "Russia's defence ministry", "Mbelan media": a
        # generic body, whichever side and whether or not the tagger took the name in
        return False
    if head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    return not generic and any(_a_name(t) for t in head.subtree)


def _a_name(tok: Token) -> bool:
    """A word of a name: a proper noun, a tagged name, or a capital inside the sentence ("Mbelan state
    television", where the tagger gives "Mbelan" no tag and "Harzani" one)."""
    return tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or (
        tok.text[:1].isupper() and tok.i > tok.sent.start and tok.is_alpha)


_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+(?=[\"“‘A-Z])")


def _clip_to_sentence(text: str, cue_start: int, content: tuple[int, int]) -> tuple[int, int]:
    """The parser sometimes runs two sentences together; content never crosses a sentence end."""
    start, end = content
    if start > cue_start:
        m = _SENTENCE_END.search(text, start, end)
        if m:
            end = m.start() + 1
    return start, end


def find_attributions(state: AnalysisState) -> list[AttributionRel]:
    rels: list[AttributionRel] = []
    for tok in state.doc:
        if state.in_skip_range(tok.idx, tok.idx + len(tok)):
            continue
        sent = tok.sent
        if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
            to = next(c for c in tok.children if c.lower_ == "to")
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            s, e = _source_bounds(pobj)
            anchor = tok.head if tok.head.i != tok.i else tok
            cs, ce = scope_span(anchor)
            rels.append(AttributionRel(tok.idx, to.idx + len(to), s, e, (cs, ce), sent.start_char,
                                       _is_named(pobj), pobj.i))
            continue
        if tok.pos_ != "VERB" or tok.lemma_ not in REPORTING_VERBS:
            continue
        # a punctuation subject is a parser error ("the priest, before he ..., said,"), not a source
        subj = next((c for c in tok.children if c.dep_ == "nsubj" and not c.is_punct), None)
        agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"),
                     None)
        # The nearest complement after the cue ("suggest the defection of ..."), else one before it
        # ("'We knew,' he said").
        after = [c for c in tok.children if c.i > tok.i and c.dep_ in ("ccomp", "xcomp", "dobj")]
        content_tok = after[0] if after else next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp")),
                                                  None)
        if tok.dep_ == "parataxis" and tok.head.i != tok.i:
            # "The attack, officials said, killed 52": the content is the clause around the aside.
            content = scope_span(tok.head)
        elif content_tok is not None:
            content = _reported_span(content_tok)
        else:
            continue
        content = _clip_to_sentence(state.text, tok.idx, content)
        source_tok = subj or agent
        if source_tok is not None and source_tok.lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
            source_tok = tok.head
        if source_tok is not None:
            s, e = _source_bounds(source_tok)
            named = _is_named(source_tok)
            rels.append(AttributionRel(tok.idx, tok.idx + len(tok), s, e, content, sent.start_char, named,
                                       source_tok.i))
        elif any(c.dep_ == "auxpass" for c in tok.children):
            # "It was reported that ...": a cue with no speaker is still an attribution.
            rels.append(AttributionRel(tok.idx, tok.idx + len(tok), None, None, content, sent.start_char,
                                       False))
    return rels


def attribution_for(state: AnalysisState, start: int, end: int) -> AttributionRel | None:
    """The innermost attribution whose content covers [start, end). A source that denies
    ("45 drones downed, a claim Moscow rejected") is not whose word the figure is."""
    best: AttributionRel | None = None
    for rel in _undenied(state):
        cs, ce = rel.content
        if cs <= start and end <= ce and not (rel.cue_start <= start < rel.cue_end):
            if best is None or (ce - cs) < (best.content[1] - best.content[0]):
                best = rel
    return best


# Verbs that set a count on someone's word: "Organisers put the number of protesters at around
# 3,000; police estimated 800", "Activists put the toll higher, at between 40 and 50".
_COUNT_SETTERS = frozenset("put place estimate".split())
_COUNT_OBJECTS = frozenset("number count tally total toll figure crowd".split())


def count_setter(number: Token) -> AttributionRel | None:
    """Whose estimate a number is when the verb that sets it is not a reporting verb (or the
    attribution model missed it): the subject of "put ... at N", "estimate(d) N"."""
    counted = number.head if number.dep_ == "nummod" else number
    if number.dep_ == "pobj" and number.head.lower_ == "at":
        verb = number.head.head
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in _COUNT_OBJECTS]
    elif counted.dep_ == "pobj" and counted.head.lower_ == "of" and counted.head.head.dep_ == "dobj" and \
            counted.head.head.lemma_.lower() in _COUNT_OBJECTS:
        # "The health department gave a higher toll of twenty-two dead"
        giver = counted.head.head.head
        return _set_by_subject(giver, number) if giver.pos_ == "VERB" and giver.lemma_.lower() in _TOLL_GIVERS \
            else None
    elif counted.dep_ == "dobj" and counted.head.pos_ == "VERB" and counted.head.lemma_.lower() in _COUNTERS:
        return _set_by_subject(counted.head, number)  # "The mission verified a further 318 cases"
    elif number.dep_ == "dobj":
        verb, objects = number.head, [number]
    else:
        return None
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _COUNT_SETTERS or not objects:
        return None
    if verb.lemma_.lower() != "estimate" and number.dep_ == "dobj":
        return None  # "put 800 people on buses" sets nothing
    return _set_by_subject(verb, number)


# who gives a toll ("gave a higher toll of 22 dead") and who counts ("its hospitals recorded 41 deaths")
_TOLL_GIVERS = frozenset("give put place report cite publish release provide issue offer record".split())
_COUNTERS = frozenset("verify record document count register tally log".split())


def _set_by_subject(verb: Token, number: Token) -> AttributionRel | None:
    """The verb's subject as the source of the number it sets; none where someone reports the setting
    ("Its hospitals recorded 41 deaths, the office said": the office's word)."""
    if verb.lemma_.lower() in _COUNTERS | _TOLL_GIVERS - _COUNT_SETTERS and (
            any(a.lemma_ in REPORTING_VERBS for a in verb.ancestors) or
            any(c.dep_ in ("parataxis", "ccomp") and c.lemma_ in REPORTING_VERBS for c in verb.children)):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lower_ in ("who", "which", "that"):
        return None
    s, e = _source_bounds(subj)
    sent = number.sent
    return AttributionRel(verb.idx, verb.idx + len(verb), s, e, (number.idx, sent.end_char), sent.start_char,
                          _is_named(subj), subj.i)


def denier(verb: Token, number: Token) -> AttributionRel | None:
    """The subject of a verb of denial as the source of the count of none it states ("The ministry
    denied that any soldiers had been killed": none, on the ministry's word). ``attribution_for``
    passes over denying sources, whose word a figure they deny is not."""
    return _set_by_subject(verb, number)


def reported(state: AnalysisState) -> list[AttributionRel]:
    """The relations that report speech: what claims, figures and events may rest on."""
    return [r for r in state.attributions if r.reports]


def _undenied(state: AnalysisState) -> list[AttributionRel]:
    """The relations whose source does not deny, worked out once per document (attribution_for
    is called for every figure and sentence: long documents made this quadratic)."""
    cached: tuple[int, list[AttributionRel]] | None = state.extras.get("undenied_attributions")
    if cached is None or cached[0] != len(state.attributions):
        cached = (len(state.attributions), [r for r in reported(state) if not _denies(state, r)])
        state.extras["undenied_attributions"] = cached
    return cached[1]


def _denies(state: AnalysisState, rel: AttributionRel) -> bool:
    if rel.source_head is None or rel.source_head >= len(state.doc):
        return False
    head = state.doc[rel.source_head]
    if head.dep_ not in ("nsubj", "nsubjpass") or head.head.lemma_.lower() not in DENIAL_VERBS:
        return False
    # (not the denier's own statement beside the denial: "denied that any civilians were killed,
    # saying that 23 terrorists were neutralised" is the ministry's count)
    cue = state.doc.char_span(rel.cue_start, rel.cue_end, alignment_mode="expand")
    said = cue.root if cue is not None and len(cue) else None
    return not (said is not None and said.pos_ == "VERB" and said.dep_ in ("advcl", "conj")
                and said.head.i == head.head.i)


def link_sources(state: AnalysisState, rels: list[AttributionRel]) -> None:
    """Point sources at document entities. A pronoun (he, she) or "the spokesman" goes to a
    person only where the text leaves no doubt: the person who spoke in the relation just
    before (for "the spokesman", one introduced as a spokesperson), else, for a pronoun, the
    one person named in this sentence or the one before. With two candidates it stays
    unlinked: presslens knows no genders, and a guess would put one side's words in the
    other's mouth ("X met Y. She said ..."). Other unnamed sources ("officials") stay unlinked."""
    persons = {ent.id for ent in state.entities if ent.type == "PERSON"}
    prev: AttributionRel | None = None
    for rel in sorted(rels, key=lambda r: r.cue_start):
        if rel.source_start is None or rel.source_end is None:
            continue
        if rel.entity_id is None:
            rel.entity_id = _source_entity(state, rel, rel.source_start, rel.source_end)
        words = state.text[rel.source_start:rel.source_end].lower().split()
        if rel.entity_id is None and words:
            spokes = len(words) <= 3 and words[-1] in SPOKESPERSON
            if words in (["he"], ["she"]) or spokes:
                rel.entity_id = _antecedent(state, rel, prev, persons, spokes)
            elif words == ["it"] and prev is not None and prev.entity_id is not None and \
                    prev.entity_id not in persons and _just_before(state, prev, rel):
                # "The Directorate ... said that ... It said it held 38 people": the body that spoke just before
                rel.entity_id = prev.entity_id
            elif words[-1] in UNNAMED_HEADS:
                rel.named = False
        prev = rel


def _just_before(state: AnalysisState, prev: AttributionRel, rel: AttributionRel) -> bool:
    """Whether ``prev`` was told in this sentence or the one before it."""
    here = state.doc.char_span(rel.cue_start, rel.cue_end, alignment_mode="expand")
    if here is None:
        return False
    sent = here.sent
    window_start = state.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
    return prev.cue_start >= window_start


def _source_entity(state: AnalysisState, rel: AttributionRel, start: int, end: int) -> str | None:
    """The entity a source names: the one holding the source's head word ("Army spokesman
    Daniel Hagari" is Hagari, not the army), else the first the source mentions."""
    covering = [ent for ent in state.entities if any(m.start < end and m.end > start for m in ent.mentions)]
    if rel.source_head is not None and rel.source_head < len(state.doc):
        at = state.doc[rel.source_head].idx
        held = next((ent for ent in covering if any(m.start <= at < m.end for m in ent.mentions)), None)
        if held is not None:
            return held.id
    return covering[0].id if covering else None


def _antecedent(state: AnalysisState, rel: AttributionRel, prev: AttributionRel | None, persons: set[str],
                spokes: bool) -> str | None:
    if prev is not None and prev.entity_id in persons and prev.source_start is not None:
        prev_words = state.text[prev.source_start:prev.source_end].lower().split()
        if not spokes or any(w in SPOKESPERSON for w in prev_words):
            return prev.entity_id
    if spokes or rel.source_start is None or rel.source_end is None:
        return None
    span = state.doc.char_span(rel.source_start, rel.source_end, alignment_mode="expand")
    if span is None:
        return None
    sent = span.sent
    window_start = state.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
    found = {ent.id for ent in state.entities if ent.id in persons
             for m in ent.mentions if window_start <= m.start and m.end <= rel.source_start}
    return found.pop() if len(found) == 1 else None


@components.register("attribution.rules")
def make_attribution(config: dict[str, Any]) -> Callable[[AnalysisState], None]:
    def run(state: AnalysisState) -> None:
        state.attributions.extend(find_attributions(state))
        link_sources(state, state.attributions)

    return run
