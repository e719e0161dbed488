"""Hedge (uncertainty) cues with their scope, from a lexicon and the parse.

Kinds: ``evidential`` (the writer passes the claim on: "allegedly", "reports suggest",
"is believed to"), ``epistemic`` (possibility: "may", "probably"), ``approximator``
(on figures: "about", "at least"; added by the figures component).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from presslens.nlp.tokens import scope_span
from presslens.registry import components

if TYPE_CHECKING:
    from spacy.tokens import Token

    from presslens.pipeline import AnalysisState

EVIDENTIAL_ADVERBS = frozenset(
    "allegedly reportedly purportedly supposedly apparently ostensibly seemingly reputedly".split())
EPISTEMIC_ADVERBS = frozenset(
    "possibly probably perhaps maybe presumably conceivably arguably likely unlikely".split())
HEDGE_ADJECTIVES = frozenset(
    "alleged unconfirmed unverified suspected purported presumed apparent possible probable "
    "likely reported rumoured rumored so-called".split())
HEDGE_VERBS = frozenset(
    "suggest claim allege believe appear seem estimate speculate suspect assume think reckon rumour "
    "rumor presume guess".split())
# Reporting verbs that hedge only in the passive ("is said to", "were reported to").
PASSIVE_HEDGE_VERBS = frozenset("say report think believe understand rumour rumor fear expect".split())
# What sources do: "unconfirmed reports indicate that ...", the doubt covers what they tell
_SAY = frozenset("indicate say report state show tell claim".split())
HEDGE_NOUNS = frozenset("claim allegation rumour rumor speculation".split())
# Negated, these leave the claim open: "could not be independently verified", "has not confirmed".
VERIFY_VERBS = frozenset("verify confirm corroborate substantiate".split())
MODALS = frozenset("may might could".split())


@dataclass
class HedgeCue:
    start: int
    end: int
    text: str
    kind: str
    scope: tuple[int, int]  # character range the cue makes uncertain


def _content_scope(verb: Token) -> tuple[int, int]:
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp", "dobj", "attr") and child.i > verb.i:
            return scope_span(child)
    return scope_span(verb)


def _unverified_scope(verb: Token) -> tuple[int, int]:
    """What a negated "verify" leaves open: the passive subject, the object or the clause
    ("could not confirm that ..."); for a relative clause or nothing found, the sentence."""
    if verb.dep_ != "relcl":
        for child in verb.children:
            if child.dep_ == "nsubjpass" and child.tag_ not in ("WDT", "WP") and child.lower_ != "that":
                return scope_span(child)
            if child.dep_ in ("dobj", "ccomp") and child.i > verb.i:
                return scope_span(child)
    return verb.sent.start_char, verb.sent.end_char


# The first word of a yes/no question
_QUESTION_OPENERS = frozenset("can could is are was were did do does will would has have had should".split())


def _unable(verify: Token) -> bool:
    """ "unable to verify", "not (been) able to verify": a negated ability to check."""
    able = verify.head
    if verify.dep_ != "xcomp" or able.lower_ not in ("able", "unable"):
        return False
    if able.lower_ == "unable":
        return True
    be = able.head if able.dep_ == "acomp" else able
    return any(c.dep_ == "neg" for c in be.children)


def find_hedges(state: AnalysisState) -> list[HedgeCue]:
    cues: list[HedgeCue] = []

    def add(tok: Token, kind: str, scope: tuple[int, int], end_tok: Token | None = None) -> None:
        end = (end_tok or tok).idx + len(end_tok or tok)
        if not state.in_skip_range(tok.idx, end):
            cues.append(HedgeCue(tok.idx, end, state.text[tok.idx:end], kind, scope))

    for sent in state.doc.sents:
        first = next((t for t in sent if not t.is_punct and not t.is_space), None)
        if first is not None and first.lower_ in _QUESTION_OPENERS and first.pos_ in ("AUX", "VERB") and \
                sent.text.rstrip().rstrip('"”’').endswith("?"):
            # "Can you confirm that 17 of your soldiers were captured?": asked, not asserted
            add(first, "question", (sent.start_char, sent.end_char))
    for tok in state.doc:
        lower = tok.lower_
        if lower in EVIDENTIAL_ADVERBS and tok.pos_ == "ADV":
            add(tok, "evidential", scope_span(tok.head) if tok.head.i != tok.i else (tok.sent.start_char,
                                                                                     tok.sent.end_char))
        elif lower in EPISTEMIC_ADVERBS and tok.pos_ in ("ADV", "ADJ") and tok.dep_ in ("advmod", "acomp"):
            add(tok, "epistemic", scope_span(tok.head))
        elif lower in HEDGE_ADJECTIVES and tok.dep_ in ("amod", "compound", "nmod") and \
                tok.head.pos_ in ("NOUN", "PROPN"):
            noun = tok.head
            scope = scope_span(noun)
            # "unconfirmed reports say ...": the doubt covers what the reports say.
            if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.lemma_ in HEDGE_VERBS | PASSIVE_HEDGE_VERBS | _SAY:
                scope = scope_span(noun.head)
            add(tok, "evidential", scope)
        elif tok.tag_ == "MD" and lower in MODALS and not any(c.dep_ == "neg" for c in tok.head.children):
            add(tok, "epistemic", scope_span(tok.head))
        elif tok.pos_ == "VERB" and tok.lemma_ in HEDGE_VERBS:
            aux = next((c for c in tok.children if c.dep_ == "auxpass"), None)
            to = next((g for c in tok.children if c.dep_ == "xcomp" for g in c.children
                       if g.dep_ == "aux" and g.lower_ == "to"), None)
            if tok.dep_ == "acl" and tok.tag_ == "VBN" and to is not None:
                # "the remains of 64 people believed to have been killed": the people it describes are
                # the uncertain ones; a hedge by its form, as the full passive
                add(tok, "evidential", scope_span(tok.head), end_tok=to)
            elif aux is not None and any(c.dep_ == "xcomp" for c in tok.children):
                # "12 people were still believed to be trapped": the cue is the whole passive, a
                # hedge by its form whatever the sentence's tone
                add(aux, "evidential", scope_span(tok), end_tok=tok)
            else:
                add(tok, "evidential", scope_span(tok) if aux is not None else _content_scope(tok))
        elif tok.pos_ == "VERB" and tok.lemma_ in PASSIVE_HEDGE_VERBS and \
                any(c.dep_ == "auxpass" for c in tok.children) and \
                any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
            aux = next(c for c in tok.children if c.dep_ == "auxpass")
            add(aux if any(c.dep_ == "xcomp" for c in tok.children) else tok, "evidential", scope_span(tok),
                end_tok=tok)
        elif tok.pos_ == "NOUN" and tok.lemma_ in HEDGE_NOUNS:
            add(tok, "evidential", scope_span(tok))
        elif tok.pos_ == "NOUN" and tok.lemma_ in ("report", "rumour", "rumor") and tok.dep_ == "attr" and \
                any(c.dep_ == "expl" and c.i < tok.i for c in tok.head.children):
            # "There are reports that 12 civilians were killed": no one is named, the claim goes about
            there = next(c for c in tok.head.children if c.dep_ == "expl")
            add(there, "evidential", scope_span(tok), end_tok=tok)
        elif tok.pos_ == "VERB" and tok.lemma_ in VERIFY_VERBS and _unable(tok):
            # "We have not been able to verify these figures", "Reuters was unable to verify"
            able = tok.head
            be = able.head if able.dep_ == "acomp" else able
            first = min((c for c in be.children if c.i < able.i and c.dep_ in ("aux", "neg")),
                        key=lambda c: c.i, default=be if be.i < able.i else able)
            add(first, "evidential", _unverified_scope(tok), end_tok=tok)
        elif tok.pos_ == "VERB" and tok.lemma_ in VERIFY_VERBS and any(c.dep_ == "neg" for c in tok.children):
            # the cue runs from its first auxiliary or "not": "could not be independently verified"
            first = min((c for c in tok.children if c.i < tok.i and c.dep_ in ("aux", "auxpass", "neg", "advmod")),
                        key=lambda c: c.i, default=tok)
            add(first, "evidential", _unverified_scope(tok), end_tok=tok)
    return cues


@components.register("hedges.lexicon")
def make_hedges(config: dict[str, Any]) -> Callable[[AnalysisState], None]:
    def run(state: AnalysisState) -> None:
        state.hedge_cues.extend(find_hedges(state))

    return run
