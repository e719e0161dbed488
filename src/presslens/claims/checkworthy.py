"""Claims: each sentence of the article with a check-worthiness score, its hedges, its
attribution and whether it is a denial.

The score is a transparent weighted sum (squashed to 0..1) of what makes a sentence
worth checking (figures, names, dates, an attributed factual statement) against what
makes it opinion or rhetoric (first person, modal "should", questions, evaluative words).
A trained model replaces it behind the same component interface.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from presslens.claims.attribution import DENIAL_VERBS, REPORTING_VERBS, attribution_for, reported
from presslens.claims.hedges import VERIFY_VERBS
from presslens.model import Claim, Hedge
from presslens.nlp.spacy_model import BULLETS
from presslens.registry import components

if TYPE_CHECKING:
    from spacy.tokens import Span

    from presslens.pipeline import AnalysisState

DENIAL = DENIAL_VERBS | {"denial"}
OPINION_WORDS = frozenset(
    "should must ought shame shameful disgrace disgraceful outrageous evil barbaric heinous despicable vile "
    "cowardly brave heroic noble glorious wonderful terrible horrible awful absurd ridiculous pathetic "
    "believe think feel hope wish opinion clearly obviously surely undoubtedly".split())
FIRST_PERSON = frozenset("i we us our my me ours".split())
FACT_VERBS = frozenset(
    "kill die injure wound arrest detain abduct kidnap attack raid shell bomb destroy seize capture flee displace "
    "transfer relocate release sentence execute announce sign vote pass approve launch open close hold rise fall "
    "increase decrease report confirm record count find".split())


def _score(state: AnalysisState, sent: Span, has_figure: bool, attributed: bool) -> float:
    words = [t for t in sent if t.is_alpha]
    if not words:
        return 0.0
    lower = {t.lower_ for t in words}
    lemmas = {t.lemma_.lower() for t in words}
    z = -1.2
    z += 1.8 if has_figure else 0.0
    z += 0.6 * min(2, sum(1 for e in sent.ents if e.label_ in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")))
    z += 0.6 if any(e.label_ in ("DATE", "TIME") for e in sent.ents) else 0.0
    z += 0.5 if attributed else 0.0
    z += 0.7 if lemmas & FACT_VERBS else 0.0
    z += 0.4 if any(t.tag_ in ("VBD", "VBN") for t in sent) else 0.0
    z -= 1.0 * len(lower & OPINION_WORDS)
    z -= 0.9 if lower & FIRST_PERSON else 0.0
    z -= 1.5 if sent.text.rstrip().endswith("?") else 0.0
    z -= 0.8 if sent.text.rstrip().endswith("!") else 0.0
    z -= 1.0 if len(words) < 5 else 0.0
    # Rhetoric spans already found in this sentence make it less of a plain factual claim.
    z -= 0.5 * sum(1 for t in state.techniques if sent.start_char <= t.start < sent.end_char)
    return round(1.0 / (1.0 + math.exp(-z)), 3)


# What one rejects or dismisses that makes it a denial ("rejected the claim"), not a refusal
# ("rejected the army's offer of safe passage").
_DENIED_THINGS = frozenset("claim claims report reports accusation accusations allegation allegations charge charges "
                           "suggestion suggestions account accounts statement statements figure figures story "
                           "stories assertion assertions".split())


def _own_words(subject: Any) -> list[Any]:
    """The subject's words without its clauses: the "not" of "A nurse who asked not to be named"
    is about the nurse's request, not what she said."""
    inner = {t.i for c in subject.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
    return [t for t in subject.subtree if t.i not in inner]


# What one had no part in: "had no involvement in", "bears no responsibility for", "had nothing
# to do with"
_DISCLAIMED = frozenset("involvement role part responsibility connection link hand".split())


def _disclaims(obj: Any) -> bool:
    if obj.lower_ == "nothing":
        return any(c.lower_ == "do" for c in obj.subtree)  # "had nothing to do with"
    return obj.lemma_.lower() in _DISCLAIMED and any(c.dep_ == "det" and c.lower_ == "no" for c in obj.children)


def _negated(sent: Span) -> bool:
    """A denial: the main clause (or, under "said", the clause reported) is negated, or the
    subject is "no"/"not a single"; or a deny/refute word that is not itself negated or
    refused ("did not deny", "refused to deny"), a reject/dismiss only of a claim or report."""
    root = sent.root
    # "said that ...", and "wishes to state categorically that ...": the reporting verb of an xcomp
    speakers = [root] + [c for c in root.children if c.dep_ == "xcomp" and c.lemma_.lower() in REPORTING_VERBS]
    clauses = [root] + [c for v in speakers if v.lemma_.lower() in REPORTING_VERBS
                        for c in v.children if c.dep_ == "ccomp"]
    for verb in clauses:
        if any(c.dep_ == "neg" for c in verb.children):
            # "did not deny" is no denial, nor is "could not verify" or "have not been able to verify"
            checks = verb.lemma_.lower() in VERIFY_VERBS or any(
                a.dep_ == "acomp" and a.lower_ == "able" and any(x.lemma_.lower() in VERIFY_VERBS for x in a.children)
                for a in verb.children)
            return verb.lemma_.lower() not in DENIAL and not checks
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and any(c.lower_ in ("no", "not") for c in _own_words(subject)):
            return True  # "Not a single ship was hit", "no civilians were harmed"
        if any(_disclaims(c) for c in verb.children if c.dep_ == "dobj"):
            return True  # "its fighters had no involvement whatsoever in the collapse"
    for t in sent:
        lemma = t.lemma_.lower()
        if lemma not in DENIAL or t.pos_ not in ("VERB", "NOUN"):
            continue
        if any(c.dep_ == "neg" for c in t.children) or t.head.lemma_.lower() in ("refuse", "decline"):
            continue
        if lemma in ("reject", "dismiss"):
            obj = next((c for c in t.children if c.dep_ in ("dobj", "nsubjpass")), None)
            # "rejected the claim"; in a reply, "We categorically reject that" (what was just said)
            if obj is None or (obj.lemma_.lower() not in _DENIED_THINGS
                               and not (obj.lower_ in ("that", "this", "these", "those") and not list(obj.children))):
                continue
        return True
    return False


# a list item's marker (the same characters that start a sentence in nlp.spacy_model)
BULLET = re.compile("[" + re.escape("".join(BULLETS)) + r"]\s+(?=\S)")


_LABEL_ONLY = re.compile(r"\W*[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*)?\s*:")


def find_claims(state: AnalysisState, score: bool = True) -> list[Claim]:
    """Every prose sentence as a claim; ``score=False`` leaves check-worthiness at 0.0 for a
    component that scores the sentences itself."""
    claims: list[Claim] = []
    # sorted starts, so that each sentence finds its figures, cues and relations by bisection
    # (a scan per sentence made long documents quadratic)
    figure_starts = sorted(f.start for f in state.figures)
    cues = sorted(state.hedge_cues, key=lambda c: c.start)
    cue_starts = [c.start for c in cues]
    rels = sorted(reported(state), key=lambda r: r.cue_start)
    rel_starts = [r.cue_start for r in rels]
    for sent in state.doc.sents:
        text = sent.text.strip()
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        end = start + len(text)
        if not re.search(r"[A-Za-z]{2}", text) or state.in_skip_range(start, end) or _LABEL_ONLY.fullmatch(text):
            continue  # no words, metadata, or a label alone ("Live:", "Update:")
        bullet = BULLET.match(state.text, start, end)
        if bullet:  # "- At least 27 civilians ...": the list marker is not part of the claim
            start, text = bullet.end(), state.text[bullet.end():end]
        has_figure = bisect.bisect_left(figure_starts, start) < bisect.bisect_left(figure_starts, end)
        hedges = [Hedge(c.text, c.start, c.end, c.kind)
                  for c in cues[bisect.bisect_left(cue_starts, start):bisect.bisect_left(cue_starts, end)]]
        first_rel = bisect.bisect_left(rel_starts, start)
        rel = (rels[first_rel] if first_rel < len(rels) and rel_starts[first_rel] < end else None) or \
            attribution_for(state, start, end)
        claims.append(Claim(
            id=f"c{len(claims) + 1}", text=text, start=start, end=end,
            checkworthy=_score(state, sent, has_figure, rel is not None) if score else 0.0,
            hedges=sorted(hedges, key=lambda h: h.start), attribution=rel.to_public(state.text) if rel else None,
            negated=_negated(sent),
        ))
    return claims


@components.register("claims.rules")
def make_claims(config: dict[str, Any]) -> Callable[[AnalysisState], None]:
    def run(state: AnalysisState) -> None:
        state.claims.extend(find_claims(state))

    return run
