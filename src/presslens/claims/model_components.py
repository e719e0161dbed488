"""Pipeline components backed by the shipped claims model (``presslens.claims.runtime``).

The three components share one encoder pass per sentence: the first one to run predicts
every sentence of the document and leaves the result in ``state.extras``.

- ``hedges.model``: the lexicon's cue spans, gated by the sentence uncertainty head: strong
  evidential cues ("allegedly", "unconfirmed") always stay; weak ones (modals, "claim",
  "believe") stay only in sentences the model finds uncertain; in those sentences weasel
  phrases ("some critics", "it is widely believed", "is considered") are added as cues.
- ``attribution.model``: Source / Cue / Content spans tagged per sentence and linked: each
  cue takes the nearest source and content of its sentence; a quotation sentence with no cue
  takes the speaker of the sentence before; sources are linked to document entities
  (pronouns and "the spokesman" to the nearest named person before them).
- ``attribution.hybrid``: ``attribution.model`` plus the rule relations whose cue the model
  did not tag.
- ``claims.model``: the claims of ``claims.rules`` with the model's check-worthiness.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from presslens.claims.attribution import (
    REPORTING_VERBS,
    AttributionRel,
    _is_named,
    _source_bounds,
    link_sources,
    without_footnote,
)
from presslens.claims.checkworthy import BULLET, find_claims
from presslens.claims.hedges import EVIDENTIAL_ADVERBS, HEDGE_ADJECTIVES, HedgeCue, find_hedges
from presslens.claims.runtime import ClaimsModel, SentencePrediction, get_model, predict_name_blind
from presslens.registry import components
from presslens.rhetoric.names import document_names

if TYPE_CHECKING:
    from presslens.pipeline import AnalysisState

_KEY = "claims.model.sentences"
QUOTES_OPEN = "\"“‘'"
# Weasel phrases (CoNLL-2010 Wikipedia style): added only where the model finds the sentence uncertain.
WEASEL = re.compile(
    r"\b(?:some|many|most|several|numerous|various) (?:people|critics|observers|scholars|experts|historians|"
    r"analysts|commentators|sources|fans|users|believe|say|argue|claim|consider|have (?:said|argued|claimed|"
    r"suggested))\b|\bit (?:is|was|has been) (?:widely |often |generally |commonly )?(?:said|believed|thought|"
    r"claimed|considered|argued|reported|suggested|rumou?red|alleged|noted|agreed|accepted|uncertain|unclear)\b|"
    r"\b(?:widely|often|generally|commonly|sometimes|usually|largely) (?:regarded|considered|believed|seen|"
    r"described|cited|called|thought|agreed|accepted|known)\b|"
    r"\b(?:is|are|was|were) (?:considered|regarded|believed|thought|said) (?:to be|as)\b|"
    r"\b(?:arguably|notably|supposedly|uncertain|unclear|famous|renowned|well-known|best[- ]known|known for|"
    r"influential|notable|others|critics|supporters)\b|"
    r"\bone of the (?:most|best|greatest|largest|leading|finest|biggest)\b",
    re.IGNORECASE)
# "70 others", "dozens of others": people counted, not a weasel's "others"
_COUNTED_BEFORE = re.compile(
    r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|scores|hundreds|"
    r"thousands)|\b(?:dozens|scores|hundreds|thousands) of)\s+\Z", re.IGNORECASE)
# Vague quantities ("many", "a few"): approximators, added on the same condition.
VAGUE = re.compile(r"\b(?:many|some|most|several|numerous|various|a few|few|much)\b", re.IGNORECASE)


def sentence_predictions(state: AnalysisState, model: ClaimsModel) -> list[tuple[int, int, SentencePrediction]]:
    """(start, end, prediction) for every prose sentence, computed once per document."""
    cached: list[tuple[int, int, SentencePrediction]] | None = state.extras.get(_KEY)
    if cached is not None:
        return cached
    bounds = []
    for sent in state.doc.sents:
        text = sent.text
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.start_char + len(text.rstrip())
        bullet = BULLET.match(state.text, start, end)
        start = bullet.end() if bullet else start  # a list item's marker is not part of the sentence
        if end > start and re.search(r"[A-Za-z]", text) and not state.in_skip_range(start, end):
            bounds.append((start, end))
    # name-blind, as the technique model: the same wording gets the same check-worthiness,
    # hedging and attribution spans whichever party it names
    preds = predict_name_blind(model, state.text, bounds, document_names(state))
    out = [(s, e, p) for (s, e), p in zip(bounds, preds, strict=True)]
    state.extras[_KEY] = out
    return out


def _strong(cue: HedgeCue) -> bool:
    first = cue.text.lower().split()[0] if cue.text.strip() else ""
    if cue.kind == "question":  # "Can you confirm that ...?": asked whatever the model makes of it
        return True
    return cue.kind == "evidential" and (first in EVIDENTIAL_ADVERBS or first in HEDGE_ADJECTIVES or
                                         len(cue.text.split()) > 1)


def model_hedges(state: AnalysisState, model: ClaimsModel, gate: bool = True) -> list[HedgeCue]:
    lexicon = find_hedges(state)
    threshold = model.thresholds["hedges"]
    kept: list[HedgeCue] = []
    for s, e, pred in sentence_predictions(state, model):
        in_sent = [c for c in lexicon if s <= c.start < e]
        uncertain = pred.hedge >= threshold
        kept.extend(c for c in in_sent if uncertain or _strong(c) or not gate)
        if uncertain:
            for pattern, kind in ((WEASEL, "evidential"), (VAGUE, "approximator")):
                for m in pattern.finditer(state.text, s, e):
                    if _COUNTED_BEFORE.search(state.text, max(s, m.start() - 24), m.start()):
                        continue  # "some 70 others were treated": people counted, not a weasel's "others"
                    if state.text[max(s, m.start() - 4):m.start()].lower() == "how ":
                        continue  # "it is not clear how many people were wounded": a question, not a weasel
                    if not any(c.start < m.end() and m.start() < c.end for c in [*in_sent, *kept]):
                        kept.append(HedgeCue(m.start(), m.end(), m.group(0), kind, (s, e)))
    state.extras["hedge_sentences"] = [(s, e, round(p.hedge, 3)) for s, e, p in sentence_predictions(state, model)]
    return kept


def _nearest(spans: list[tuple[int, int]], anchor: tuple[int, int]) -> tuple[int, int] | None:
    if not spans:
        return None
    return min(spans, key=lambda x: (max(0, x[0] - anchor[1], anchor[0] - x[1]), x[0]))


def _head(state: AnalysisState, start: int, end: int) -> Any:
    span = state.doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _before_final_speaker(state: AnalysisState, sent: tuple[int, int], cue: tuple[int, int], src: tuple[int, int],
                          content: tuple[int, int]) -> tuple[int, int]:
    """What a sentence-final "..., the demining organisation CGI said on Tuesday." says: all that
    comes before the comma that sets off the speaker, where the tagger or the parse found only a
    part of it (so that every figure in it is on the speaker's word)."""
    s, e = sent
    tail = state.text[cue[1]:e]
    if cue[0] < src[1] or len(tail) > 60 or any(c in tail for c in ',;:"“”'):
        return content
    comma = state.text.rfind(",", s, src[0])
    if comma <= s or not (s <= content[0] and content[1] <= comma + 1):
        return content
    between = state.doc.char_span(comma + 1, cue[0], alignment_mode="contract")
    if between is None or len(between) > 12 or any(t.pos_ in ("VERB", "AUX") for t in between):
        return content
    start = s + len(state.text[s:comma]) - len(state.text[s:comma].lstrip())
    return start, comma


# what the tagger may add to a subject before its verb: "Ulvar's mayor, reached by phone, said"
_PARTICIPLE_AFTER = re.compile(r"^,?\s+[a-z]+(?:ed|en|ing)$")


def model_attributions(state: AnalysisState, model: ClaimsModel) -> list[AttributionRel]:
    from presslens.claims.attribution import find_attributions

    rules: list[AttributionRel] | None = None
    rels: list[AttributionRel] = []
    prev_rels: list[AttributionRel] = []
    prev_bounds: tuple[int, int] | None = None
    # sentences of a quotation still open, each with the speaker it gets if none follows
    open_quote: list[tuple[tuple[int, int], AttributionRel | None]] = []
    for s, e, pred in sentence_predictions(state, model):
        spans = _clean_spans(state.text, [(t, s + a, s + b) for t, a, b in pred.spans])
        cues = [(a, b) for t, a, b in spans if t == "Cue" and _cue_has_a_head(state, a, b)]
        sources = [(a, b) for t, a, b in spans if t == "Source" and _real_source(state.text[a:b])]
        contents = [(a, b) for t, a, b in spans if t == "Content"]
        here: list[AttributionRel] = []
        for cue in cues:
            src = _nearest(sources, cue)
            if src is not None:
                src = _without_relative_clause(state.text, src)
            content = _nearest(contents, cue)
            # Where the parse has a relation on the same cue, it fills what the tagger missed: the
            # source, or a content the tagger found only part of.
            if rules is None:
                rules = find_attributions(state)
            rule = next((r for r in rules if r.cue_start < cue[1] and cue[0] < r.cue_end), None)
            if rule is not None:
                rule_src = (rule.source_start, rule.source_end) if rule.source_start is not None and \
                    rule.source_end is not None else None
                # the parse's whole noun phrase over the tagger's piece of it: "the Gaza health
                # ministry", not "ministry"; "Russia's defence ministry", not "s"
                # ... and over a piece of a clause between the subject and its verb: "A doctor at the
                # hospital, speaking on condition of anonymity because he was not authorized to speak,
                # said", "The Monitor, which tracks ... local contacts, said" (not "authorized", "local")
                if rule_src is not None and (src is None or (rule_src[0] <= src[0] and src[1] <= rule_src[1]) or (
                        rule_src[1] <= src[0] < src[1] <= cue[0] and "," in state.text[rule_src[1]:src[0]]
                        and "," in state.text[src[1]:cue[0]]) or (
                        # "Ulvar's mayor, reached by phone, said": no participle of the subject's clause
                        src[0] == rule_src[0] and rule_src[1] < src[1] <= cue[0] and
                        _PARTICIPLE_AFTER.match(state.text[rule_src[1]:src[1]]))):
                    src = rule_src
                if content is None or (rule.content[0] <= content[0] and content[1] <= rule.content[1]):
                    content = rule.content
                elif src is not None and src[0] < content[0] and content[1] <= cue[0] <= rule.content[0]:
                    # "A nurse who asked not to be named said that about 60 ...": the tagger's nearest
                    # content sits between the source and the verb, in the source's own clause; what
                    # was said follows the verb (a quotation before its source keeps its content)
                    content = rule.content
            content = content or (s, e)
            if src is not None and src[0] <= cue[0] < src[1] < cue[1]:  # "Reports suggest": the cue starts after
                start = src[1]
                while start < cue[1] and state.text[start].isspace():
                    start += 1
                cue = (start, cue[1])
            if src is not None and state.text[cue[0]:cue[1]].lower() == "according" and \
                    state.text[src[0]:src[0] + 3].lower() == "to ":
                cue, src = (cue[0], src[0] + 2), (src[0] + 3, src[1])  # "according" + "to X" -> "according to" + "X"
            if src is not None and _is_expletive(_head(state, *src)):
                src = None  # "It was reported that ...", "There are reports that ...": no one is named
            if src is not None and state.text[cue[0]:cue[1]].lower() in EVIDENTIAL_ADVERBS:
                src = None  # "The Brotherhood allegedly abducted ...": who did it, not who says so
            if src is not None and _approximates_a_number(state, src):
                src = None  # "Some 15 people are believed to be missing": "Some" is no one
            if src is None:
                src = _possessor(state, cue)  # "The ministry's claim that 40 people were killed"
            if src is None and not _reports_without_a_source(state, *cue):
                continue  # "weapons wanted under Article 12", "crates labelled as": no one said anything
            if src is not None:
                src = _whole_name(state, _whole_subject(state, _without_trailing_adverbs(state, src), cue))
                if state.text[src[0]:src[1]].count("(") > state.text[src[0]:src[1]].count(")") and \
                        state.text[src[1]:src[1] + 1] == ")":
                    src = (src[0], src[1] + 1)  # "the Borderlands Civilian Monitor (BCM)", not "(BCM"
            head = _head(state, *src) if src else None
            named = _appositive_name(state, head)
            if named is not None:  # "Colonel X, the brigade commander, said": the source is X
                src = _whole_name(state, named)
                head = _head(state, *src)
            cue, src, reports = _who_said_what(state, cue, src, head)
            if src is not None and "\n\n" in state.text[src[0]:src[1]]:
                # a title-case headline's parse may run its source into the next paragraph
                src = (src[0], src[0] + state.text[src[0]:src[1]].index("\n\n"))
            head = _head(state, *src) if src else None
            if src is not None:
                content = _before_final_speaker(state, (s, e), cue, src, content)
            here.append(AttributionRel(
                cue[0], cue[1], src[0] if src else None, src[1] if src else None, content, s,
                bool(head is not None and _is_named(head)), head.i if head is not None else None,
                reports=reports))
        if open_quote:
            # Sentences of a quotation opened before: a speaker named after its closing mark
            # ('"... No civilians were harmed," Peskov told reporters') said all of it.
            closing = _closing_quote(state.text[s:e])
            if closing is None and not here:  # the quotation runs on through this sentence
                open_quote.append(((s, e), open_quote[-1][1]))
                prev_rels, prev_bounds = here, (s, e)
                continue
            # one quotation, one relation: its content runs from the opening mark
            after = [r for r in here if closing is not None and r.cue_start >= s + closing]
            first, default = open_quote[0][0][0], open_quote[0][1]
            if after:
                speaker = min(after, key=lambda r: r.cue_start)
                speaker.content = (min(first, speaker.content[0]), speaker.content[1])
            elif default is not None:
                end = e if closing is not None and not here else open_quote[-1][0][1]
                rels.append(_moved(default, (first, end), first))
            open_quote = []
        if not cues and state.text[s] in QUOTES_OPEN and prev_bounds is not None:
            # A quotation with no cue of its own: its speaker is named after it (when the
            # quotation runs on) or else in the sentence before.
            fallback: AttributionRel | None = None
            if prev_rels:
                fallback = _moved(prev_rels[-1], (s, e), s)
            else:
                person = _last_person(state, *prev_bounds)
                if person is not None:
                    head = _head(state, *person)
                    fallback = AttributionRel(s, s + 1, person[0], person[1], (s, e), s, True,
                                              head.i if head is not None else None)
            if state.text[s] in '"“' and _closing_quote(state.text[s + 1:e]) is None:
                open_quote.append(((s, e), fallback))
            elif fallback is not None:
                here.append(fallback)
        rels.extend(here)
        prev_rels, prev_bounds = here, (s, e)
    if open_quote and open_quote[0][1] is not None:  # a quotation left open at the end of the text
        rels.append(_moved(open_quote[0][1], (open_quote[0][0][0], open_quote[-1][0][1]), open_quote[0][0][0]))
    return rels


# The word a cue must hold to report anything: a verb of saying or writing, an evaluative
# speech act ("called them", "accused"), a noun for what was said, an evidential adverb or
# "according to". The tagger learnt PolNeAR's broad notion (wants, hopes, decisions, votes,
# sightings); a reader asking on whose word a claim rests needs speech, not wishes. (Not built from
# SOURCELESS_CUE_WORDS or into it: that list decides whether a cue with no source is kept at all, and
# joining the two kept "crates labelled as ..." and lost held-out attribution F1, 0.897 -> 0.886.)
SPEECH_WORDS = REPORTING_VERBS | EVIDENTIAL_ADVERBS | frozenset(
    "according describe call label brand term dub accuse blame condemn denounce criticise criticize slam "
    "praise hail urge cite quote point comment speak publish caution threaten vow pledge promise concede "
    "disclose inform notify brief forecast project put place record document verify attribute mention "
    "observe hint imply signal propose recommend swear retort counter clarify outline joke plead "
    "voice express underline highlight dismiss debunk refute contradict "
    "statement claim allegation report account testimony announcement remark accusation assessment "
    "version".split())
# Verbs of thought that attribute a proposition only with a clause after them ("Analysts expect
# that prices will rise"), not with an object ("They expect us to believe ..."). Not "know":
# "knows where their duty lies" asserts, in the author's voice, what someone knows.
THOUGHT_WORDS = frozenset("think fear suspect doubt find conclude show expect understand feel assume "
                          "realise realize learn".split())
# Passive directives: their subject was told to do something, and nothing was reported ("Citizens
# are urged to call the hotline"). A passive report ("Residents were warned that the dam could
# burst") keeps its content, with no source: its subject heard it.
_DIRECTIVES = frozenset("urge order ask instruct advise request call".split())
_NEGATIVE_SOURCES = frozenset("nobody none neither".split())
_DEMONSTRATIVES = frozenset("that this these those which".split())


def _who_said_what(state: AnalysisState, cue: tuple[int, int], src: tuple[int, int] | None, head: Any
                   ) -> tuple[tuple[int, int], tuple[int, int] | None, bool]:
    """(cue, source, reports): the relation as a reader states it (the convention of
    ``tests/gold/README.md``), with the cue cut to its reporting word ("said in a statement" ->
    "said", "have rejected accusations" -> "rejected") and a named source without the
    appositive after it ("Dr. Lina Haddad, director of ..." -> "Dr. Lina Haddad"); an addressee
    ("they were asked") is no source. ``reports`` is False, and the tagger's spans are kept as
    they are, where nothing was said: a cue that reports no speech ("decided", "showed the
    world"), a negated one ("did not respond to", "has not commented on"), a source that is no
    one ("No group has claimed"), a bare "That" ("That tells us ..."), an appeal ("Citizens
    are urged to ..."). PolNeAR annotates such relations (beliefs, wishes, refusals), so they
    stay in the analysis state, where its benchmark reads them; no claim, figure or event
    rests on them."""
    span = state.doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if span is None:
        return cue, src, True
    core = [t for t in span if _speaks(t)]
    verbs = [t for t in core if t.pos_ in ("VERB", "AUX")]
    core = verbs or core  # "said in a statement", "rejected accusations": the verb is the cue
    if not core or any(_negated(t) for t in core) or _no_one(head):
        return cue, src, False
    if head is not None and head.lower_ == "you" and span.sent.text.rstrip().rstrip('"”’').endswith("?"):
        return cue, src, False  # "Can you confirm that 17 soldiers were captured?": a question, not a report
    if head is not None and head.dep_ == "nsubjpass" and head.head.i in {t.i for t in span}:
        if head.head.lemma_.lower() in _DIRECTIVES:
            return cue, src, False  # "Citizens ... are urged to contact the hotline": an appeal
        src = None
    elif src is not None and head is not None:
        src = _without_appositive(state, src, head)
    first, last = core[0], core[-1]
    if first.lower_ == "according" and last.i == first.i and last.i + 1 < len(state.doc) and \
            state.doc[last.i + 1].lower_ == "to":
        last = state.doc[last.i + 1]
    last = next((c for c in last.children if c.dep_ == "prt" and c.i == last.i + 1), last)  # "point out"
    return (first.idx, last.idx + len(last)), src, True


def _no_one(head: Any) -> bool:
    """ "Nobody disputes", "No group has claimed", "Neither side responded", "That tells us". """
    if head is None:
        return False
    if head.lower_ in _NEGATIVE_SOURCES or head.lower_ in _DEMONSTRATIVES and not list(head.children):
        return True
    return any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in head.children) or \
        head.lower_ == "one" and any(c.lower_ == "no" for c in head.children)


def _speaks(tok: Any) -> bool:
    lemma = tok.lemma_.lower()
    if lemma == "charge":  # "critics charge that ...", not "have been charged with assault"
        return any(c.dep_ == "ccomp" for c in tok.children)
    if lemma in SPEECH_WORDS or tok.lower_ in SPEECH_WORDS:
        return True
    # a finite clause, not an object and an infinitive ("expect us to believe")
    return lemma in THOUGHT_WORDS and any(
        c.dep_ == "ccomp" and not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in tok.children)


def _negated(tok: Any) -> bool:
    """ "has not commented on", "did not respond", "declined to comment", "refused to say". """
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("decline", "refuse")


def _without_appositive(state: AnalysisState, src: tuple[int, int], head: Any) -> tuple[int, int]:
    """ "Marta Leval, a spokeswoman for the committee": the source is the name; the
    description after the comma says who she is, and stays in the text."""
    if not _is_named(head):
        return src
    comma = state.text.find(",", head.idx + len(head), src[1])
    if comma < 0 or not any(c.dep_ == "appos" and c.idx > comma for c in head.children):
        return src
    end = comma
    while end > src[0] and state.text[end - 1].isspace():
        end -= 1
    return (src[0], end) if end > src[0] else src


_RELATIVE = re.compile(r",?\s+(?:who|which|whose|whom)\b")


def _without_relative_clause(text: str, src: tuple[int, int]) -> tuple[int, int]:
    """ "according to camp administrators, who said ...": the tagger's source may run into the
    relative clause that follows it; the source is the noun phrase before it."""
    m = _RELATIVE.search(text, src[0], src[1])
    if m is None or m.start() == src[0]:
        return src
    end = m.start()
    while end > src[0] and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return src[0], end


def _closing_quote(text: str) -> int | None:
    """Offset of the first closing quotation mark in ``text``, if any."""
    found = [i for i in (text.find('"'), text.find("”")) if i >= 0]
    return min(found) if found else None


def _moved(rel: AttributionRel, content: tuple[int, int], sent_start: int) -> AttributionRel:
    """The same speaker and cue for another stretch of quotation."""
    return AttributionRel(rel.cue_start, rel.cue_end, rel.source_start, rel.source_end, content, sent_start,
                          rel.named, rel.source_head)


def _possessor(state: AnalysisState, cue: tuple[int, int]) -> tuple[int, int] | None:
    """Whose a noun cue is: "The enemy's statement", "the ministry's claim that ..."."""
    span = state.doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if span is None or span.root.pos_ != "NOUN":
        return None
    owner = next((c for c in span.root.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")), None)
    if owner is None:
        return None
    words = [t for t in owner.subtree if t.tag_ != "POS"]
    return words[0].idx, words[-1].idx + len(words[-1])


def _approximates_a_number(state: AnalysisState, src: tuple[int, int]) -> bool:
    span = state.doc.char_span(src[0], src[1], alignment_mode="expand")
    return span is not None and len(span) == 1 and span.end < len(state.doc) and \
        state.doc[span.end].like_num and span[0].lower_ in ("some", "about", "around", "nearly", "almost")


_POSSESSIVES = frozenset("its their his her".split())
_NAME_LINKS = frozenset("of for on and the".split())


def _whole_name(state: AnalysisState, src: tuple[int, int]) -> tuple[int, int]:
    """ "the Centre for Security Studies", not "Centre": a name goes on through "for" or "of"
    while its words keep their capitals."""
    span = state.doc.char_span(src[0], src[1], alignment_mode="expand")
    if span is None or not len(span) or span[-1].pos_ != "PROPN":
        return src
    last = span[-1]
    for prep in last.children:
        if prep.dep_ == "prep" and prep.lower_ in ("for", "of") and prep.i == last.i + 1:
            words = list(prep.subtree)
            if words and all(w.text[:1].isupper() or w.lower_ in _NAME_LINKS for w in words[1:]) and \
                    any(w.pos_ == "PROPN" for w in words[1:]):
                return src[0], words[-1].idx + len(words[-1])
    return src


def _whole_subject(state: AnalysisState, src: tuple[int, int], cue: tuple[int, int]) -> tuple[int, int]:
    """The source is the subject's noun phrase, from its first word. The tagger's source may be
    its last words only: "office" of "The provincial health office put the death toll at 27" (a
    verb the parse's rules do not know). Or it may start with a vocative: "Colonel, residents of
    Dreva say ..." (the question's addressee is no part of who says it)."""
    span = state.doc.char_span(src[0], src[1], alignment_mode="expand")
    if span is None or not len(span):
        return src
    subject = None
    for tok in reversed(span):  # the last subject of the cue in the span, or the one it lies in
        node = tok
        for _ in range(6):
            if node.dep_ in ("nsubj", "nsubjpass") and cue[0] <= node.head.idx < cue[1]:
                subject = node
                break
            if node.head.i == node.i:
                break
            node = node.head
        if subject is not None:
            break
    if subject is None and span[0].lower_ in _POSSESSIVES and (
            (len(span) == 1 and span[0].dep_ == "poss") or (len(span) == 2 and span[1].lower_ == "part")):
        # "The Varnsk Interior Ministry, for its part, denied ...": the subject, not "its"
        cue_span = state.doc.char_span(cue[0], cue[1], alignment_mode="expand")
        verb = cue_span.root if cue_span is not None and len(cue_span) else None
        if verb is not None and verb.dep_ == "advcl" and not any(c.dep_ == "nsubj" for c in verb.children):
            verb = verb.head  # "..., for its part, denied ..., saying in a statement that ..."
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
        if subject is not None:
            return _source_bounds(subject)
    if subject is None:
        return src
    if subject.lower_ in ("who", "which", "that") and subject.head.dep_ == "relcl":
        # "spokesman Teodor Halvik, who told a radio station that ...": who the relative stands for
        return _source_bounds(subject.head.head)
    start = _source_bounds(subject)[0]
    # widened to the subject's first word ("released" -> "At least 11 of those who were released"),
    # or cut after a vocative's comma
    if start < src[0] or (start > src[0] and "," in state.text[src[0]:start]):
        return start, max(src[1], start + 1)
    return src


def _without_trailing_adverbs(state: AnalysisState, src: tuple[int, int]) -> tuple[int, int]:
    """ "The Ministry categorically rejects": the adverb modifies the cue, not the source."""
    span = state.doc.char_span(src[0], src[1], alignment_mode="expand")
    if span is None:
        return src
    tokens = list(span)
    while len(tokens) > 1 and tokens[-1].pos_ == "ADV" and tokens[-1].dep_ == "advmod" and \
            tokens[-1].head.pos_ in ("VERB", "AUX") and tokens[-1].head.i >= span.end:
        tokens.pop()
    return src[0], min(src[1], tokens[-1].idx + len(tokens[-1]))


def _appositive_name(state: AnalysisState, head: Any) -> tuple[int, int] | None:
    """The name an unnamed source describes in apposition ("X, the brigade commander"), as
    character offsets of the name with its compounds ("Colonel Ahmed Hassan"); else None.
    Syntax only: the model reads names masked, and may tag the description instead."""
    if head is None or _is_named(head):
        return None
    if head.dep_ == "appos" and _is_named(head.head) and not (
            head.head.dep_ == "pobj" and head.head.head.lower_ not in ("to", "by")):
        # (not "near the village of Ostrava Dol, the demining organisation ...": a place the parser
        # gave the speaker to; "according to X, the commander" is X's word)
        name = head.head
    else:  # "The camp's spokesman, Omar Haddad, told reporters": the name follows the description
        name = next((c for c in head.children if c.dep_ == "appos" and _is_named(c)), None)
        if name is None:
            return _set_off_name(state, head)
    # (a possessive in the name too: "the Merrow Prisoners' Forum", not "Forum")
    first = min([name.i, *(t.left_edge.i if t.dep_ == "poss" else t.i for t in name.lefts
                           if t.dep_ in ("compound", "flat", "amod", "poss"))])
    return state.doc[first].idx, name.idx + len(name)


def _set_off_name(state: AnalysisState, head: Any) -> tuple[int, int] | None:
    """"According to a local rights group, the Valley Watch Committee, at least 160 people ...": a
    name set off by commas right after "according to" + a description, which the parser may read
    as the subject of the clause that follows."""
    if head.dep_ != "pobj" or head.head.lower_ != "to" or head.head.head.lower_ != "according":
        return None
    doc = head.doc
    i = max(t.i for t in head.subtree) + 1
    if i >= len(doc) or doc[i].text != ",":
        return None
    j = i + 1 + (1 if i + 1 < len(doc) and doc[i + 1].dep_ == "det" else 0)
    k = j
    while k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].ent_type_ in ("ORG", "PERSON", "NORP"):
        k += 1
    if k == j or k >= len(doc) or doc[k].text != ",":
        return None
    return doc[j].idx, doc[k - 1].idx + len(doc[k - 1])


# A cue of one function word is a fragment of a longer cue the tagger broke up, not a cue.
_FUNCTION_WORDS = frozenset(
    "to on of for about from out up in at by with against also not has have had was were is are be been "
    "would will did do does can could should may might that this the a an and or but as".split())


def _clean_spans(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Join same-type neighbours (contents up to three words apart, others only spaces apart);
    widen spans to whole words; drop one-function-word cues."""
    merged: list[tuple[str, int, int]] = []
    for t, a, b in sorted(spans, key=lambda x: x[1]):
        if text[a:a + 2] in ("'s", "’s"):  # a possessive cut from its owner: "the camp|'s residents"
            a -= 1
        elif a >= 2 and text[a] in "sS" and text[a - 1] in "'’" and text[a - 2].isalnum():
            a -= 2  # ... or cut after the apostrophe: "the camp'|s residents"
        if t == "Source":  # "The camp's spokesman, Omar Haddad," -> no trailing comma
            while b > a and text[b - 1] in ",;:- ":
                b -= 1
        while a > 0 and text[a - 1].isalnum() and text[a].isalnum():  # whole words only
            a -= 1
        while b < len(text) and text[b].isalnum() and text[b - 1].isalnum():
            b += 1
        gap = text[merged[-1][2]:a] if merged else ""
        if merged and merged[-1][0] == t and (not gap.strip() or (t == "Content" and len(gap.split()) <= 3
                                                                   and not re.search(r"[.;:!?\"“”]", gap))):
            merged[-1] = (t, merged[-1][1], b)
        else:
            merged.append((t, a, b))
    out = []
    for t, a, b in merged:
        if t == "Cue" and text[a:b].lower() in _FUNCTION_WORDS:
            continue
        if t == "Source":  # "according to the UN[3]": a footnote mark is no part of the source
            a, b = without_footnote(text, a, b)
        out.append((t, a, b))
    return out


def _cue_has_a_head(state: AnalysisState, start: int, end: int) -> bool:
    """A cue is a verb, a noun ("claims"), an adverb ("reportedly") or "according to"; not
    "close to" torn from "sources close to the council said"."""
    span = state.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    return span.text.lower().startswith("according") or any(t.pos_ in ("VERB", "AUX", "NOUN", "ADV") for t in span)


# What a cue with no source must contain to be one: a reporting verb ("it was reported"), or a word
# that presents a statement, belief or rumour as someone's ("reportedly", "it is understood", "are
# feared dead"). A tagged word outside these with no source is a verb of the event itself.
SOURCELESS_CUE_WORDS = REPORTING_VERBS | EVIDENTIAL_ADVERBS | frozenset(
    "according allegation "
    "statement rumour rumor account word understand think expect know consider fear see show "
    "appear seem describe call cite ask pledge promise vow hope comment announcement speak detail "
    "document discuss refuse accept require suppose urge demand request propose agree mention respond reply "
    "answer plan intend learn remark suggestion".split())


def _is_expletive(head: Any) -> bool:
    """A placeholder subject, not a speaker: the "it" of "it was reported / is believed that" (an
    active "It said", after "The ministry issued a statement.", stays a source) and the "there" of
    "There are reports that ..."."""
    return head is not None and (head.lower_ == "it" and head.dep_ == "nsubjpass" or head.lower_ == "there")


def _reports_without_a_source(state: AnalysisState, start: int, end: int) -> bool:
    span = state.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    if span.root.tag_ == "VBG" and span.root.dep_ == "pcomp" and span.root.head.lower_ in ("after", "before", "for",
                                                                                          "while", "since"):
        return False  # "detained after reporting on the disappearance of six activists": her work, no claim
    return any(t.lemma_.lower() in SOURCELESS_CUE_WORDS or t.lower_ in SOURCELESS_CUE_WORDS for t in span)


_PREPOSITION_OPENING = re.compile(r"(?i)^(?:from|of|by|for|in|at|on|with|to|into|about)\s")


def _real_source(text: str) -> bool:
    """A source needs a content word (not a lone "The"), and opens with no preposition: "from the
    Bor-Agar section of Dalek" is where the attackers came from, not who said so."""
    return any(w.isalnum() and w not in ("the", "a", "an") for w in text.lower().split()) and \
        not _PREPOSITION_OPENING.match(text.strip())


def hybrid_attributions(state: AnalysisState, model: ClaimsModel) -> list[AttributionRel]:
    """The model's relations, plus rule relations whose cue the model did not tag."""
    from presslens.claims.attribution import find_attributions

    rels = model_attributions(state, model)
    for rule in find_attributions(state):
        if not any(r.cue_start < rule.cue_end and rule.cue_start < r.cue_end for r in rels):
            rels.append(rule)
    return rels


def _last_person(state: AnalysisState, start: int, end: int) -> tuple[int, int] | None:
    found = [(m.start, m.end) for ent in state.entities if ent.type == "PERSON" for m in ent.mentions
             if start <= m.start and m.end <= end]
    if not found:
        found = [(x.start_char, x.end_char) for x in state.doc.ents
                 if x.label_ == "PERSON" and start <= x.start_char and x.end_char <= end]
    return max(found) if found else None


def _model(config: dict[str, Any]) -> ClaimsModel:
    return get_model(config.get("claims_model_dir"))


@components.register("hedges.model")
def make_hedges_model(config: dict[str, Any]) -> Callable[[AnalysisState], None]:
    model = _model(config)

    def run(state: AnalysisState) -> None:
        state.hedge_cues.extend(model_hedges(state, model))

    return run


@components.register("attribution.model")
def make_attribution_model(config: dict[str, Any]) -> Callable[[AnalysisState], None]:
    model = _model(config)

    def run(state: AnalysisState) -> None:
        rels = model_attributions(state, model)
        link_sources(state, rels)
        state.attributions.extend(rels)

    return run


@components.register("attribution.hybrid")
def make_attribution_hybrid(config: dict[str, Any]) -> Callable[[AnalysisState], None]:
    model = _model(config)

    def run(state: AnalysisState) -> None:
        rels = hybrid_attributions(state, model)
        link_sources(state, rels)
        state.attributions.extend(rels)

    return run


@components.register("claims.model")
def make_claims_model(config: dict[str, Any]) -> Callable[[AnalysisState], None]:
    model = _model(config)

    def run(state: AnalysisState) -> None:
        scores = {(s, e): p.checkworthy for s, e, p in sentence_predictions(state, model)}
        for claim in find_claims(state, score=False):
            if (claim.start, claim.end) in scores:
                claim.checkworthy = round(scores[(claim.start, claim.end)], 3)
            else:  # a sentence the model did not see (no letters): score it by the rules
                claim.checkworthy = next(c.checkworthy for c in find_claims(state) if c.start == claim.start)
            state.claims.append(claim)

    return run
