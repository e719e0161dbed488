"""Who said it: reporting verbs ("X said", "Y suggest") and "according to X", with the
source span, the cue span and the content each relation covers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from presslens.model import Attribution
from presslens.nlp.tokens import scope_span
from presslens.registry import components

if TYPE_CHECKING:
    from spacy.tokens import Token

    from presslens.pipeline import AnalysisState

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
    "ministry government army military force".split())
PRONOUNS = frozenset("he she they it we i".split())


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

    def to_public(self, text: str) -> Attribution:
        source = text[self.source_start:self.source_end] if self.source_start is not None else None
        return Attribution(
            source=source,
            source_span=[self.source_start, self.source_end] if self.source_start is not None and
            self.source_end is not None else None,
            source_entity=self.entity_id, cue=text[self.cue_start:self.cue_end],
            cue_span=[self.cue_start, self.cue_end], named=self.named,
        )


def _source_bounds(head: Token) -> tuple[int, int]:
    """The source phrase: the subject's subtree, cut before an appositive or relative clause."""
    toks = [t for t in head.subtree]
    kept = [t for t in toks if t.i <= head.i]
    for t in toks:
        if t.i > head.i:
            if t.is_punct or t.dep_ in ("appos", "relcl", "acl"):
                break
            kept.append(t)
    kept = [t for t in kept if not (t.is_punct and (t.i == kept[0].i or t.i == kept[-1].i))]
    return kept[0].idx, kept[-1].idx + len(kept[-1])


def _is_named(head: Token) -> bool:
    if head.lower_ in PRONOUNS:
        return False
    if head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    return head.lemma_.lower() not in UNNAMED_HEADS and any(
        t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in head.subtree)


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
        subj = next((c for c in tok.children if c.dep_ in ("nsubj",)), None)
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
            content = scope_span(content_tok)
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
    """The innermost attribution whose content covers [start, end)."""
    best: AttributionRel | None = None
    for rel in state.attributions:
        cs, ce = rel.content
        if cs <= start and end <= ce and not (rel.cue_start <= start < rel.cue_end):
            if best is None or (ce - cs) < (best.content[1] - best.content[0]):
                best = rel
    return best


def _link_entities(state: AnalysisState) -> None:
    """Point sources at document entities; resolve he/she to the nearest named person before."""
    for rel in state.attributions:
        if rel.source_start is None or rel.source_end is None:
            continue
        for ent in state.entities:
            if any(m.start < rel.source_end and m.end > rel.source_start for m in ent.mentions):
                rel.entity_id = ent.id
                break
        if rel.entity_id is None and state.text[rel.source_start:rel.source_end].lower() in ("he", "she"):
            before = [(m.start, ent.id) for ent in state.entities if ent.type == "PERSON"
                      for m in ent.mentions if m.end <= rel.source_start]
            if before:
                rel.entity_id = max(before)[1]


@components.register("attribution.rules")
def make_attribution(config: dict[str, Any]) -> Callable[[AnalysisState], None]:
    def run(state: AnalysisState) -> None:
        state.attributions.extend(find_attributions(state))
        _link_entities(state)

    return run
