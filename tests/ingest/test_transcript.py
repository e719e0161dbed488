"""Transcripts: a ministry's press briefing with a questioner, labels that are no claims, and a
report whose region headings look like labels but are no speakers."""

from __future__ import annotations

from presslens.ingest.transcript import speaker_turns
from presslens.pipeline import Pipeline

BRIEFING = """Transcript: Daily press briefing by the spokesperson of the Ministry of Defence

12 November 2022

SPOKESPERSON (Colonel Ivo Marten): Good afternoon. Yesterday our units repelled three attacks near the village of Dreva. On our side, four servicemen were killed and eleven wounded.

Q: Colonel, residents of Dreva say at least nine civilians died when a shell hit the school on Thursday. Was that your artillery?

SPOKESPERSON: We categorically reject that. Our forces do not target civilian objects.

Q: The UN says 2,300 people have fled Dreva district this month. Are evacuation corridors open?

SPOKESPERSON: A humanitarian corridor was opened on Monday and some 800 residents have already left through it.
"""

REGIONS = """Flash update on the floods

NORTH DARFUR: Flooding destroyed 300 homes in Kutum, the authorities said.

SOUTH DARFUR: Some 2,000 people were displaced near Nyala.
"""


def test_turns_are_found_with_their_speakers() -> None:
    turns = speaker_turns(BRIEFING)
    assert [t.key for t in turns] == ["SPOKESPERSON", "Q", "SPOKESPERSON", "Q", "SPOKESPERSON"]
    assert BRIEFING[slice(*turns[0].speaker)] == "Colonel Ivo Marten" and turns[0].named
    assert [t.question for t in turns] == [False, True, False, True, False]
    assert BRIEFING[slice(*turns[1].content)].startswith("Colonel, residents of Dreva say")
    # a heading per region, each told once, is no transcript; nor is one label
    assert speaker_turns(REGIONS) == []
    assert speaker_turns("UPDATE: 14 people were killed.\n\nUPDATE: the toll rose to 20.") == []


def test_a_speakers_words_rest_on_the_speaker_and_labels_are_no_claims(pipeline: Pipeline) -> None:
    a = pipeline.analyze(BRIEFING)
    claims = [c.text for c in a.claims]
    assert not any(c.startswith(("SPOKESPERSON", "Q:", "(Colonel")) for c in claims)
    assert "Good afternoon." in claims
    by_text = {f.text: f for f in a.figures}
    # said in the first turn, and again in a later turn of the same label: the colonel's word
    for text in ("four", "eleven", "some 800"):
        attribution = by_text[text].attribution
        assert attribution is not None and (attribution.source, attribution.cue, attribution.named) == (
            "Colonel Ivo Marten", "SPOKESPERSON", True), text
    # a questioner's turn rests on no one; what it quotes keeps its own source
    nine, un = by_text["at least nine"].attribution, by_text["2,300"].attribution
    assert nine is not None and nine.source == "residents of Dreva"
    assert un is not None and un.source == "The UN"
    denial = next(c for c in a.claims if c.text == "We categorically reject that.")
    assert denial.negated


def test_report_sections_are_not_speakers(rules_pipeline: Pipeline) -> None:
    by_text = {f.text: f.attribution for f in rules_pipeline.analyze(REGIONS).figures}
    homes = by_text["300"]
    assert homes is not None and homes.source == "the authorities"
    assert by_text["Some 2,000"] is None  # not on the word of "SOUTH DARFUR"


INTERVIEW = """Interview with the mayor of Sarn

Interviewer: How many people have died?
Mayor Dorsk: The hospital has counted 41 dead since Sunday.
Interviewer: Some say the toll is far higher.
Mayor Dorsk: I have no reason to think so.
"""

LIVE_PAGE = """Live updates

Kyiv: Air raid sirens sounded at 3 am.
Odesa: Two people were injured by falling debris.
Kyiv: The all-clear was given at 5 am.
"""


def test_an_interview_in_title_case_and_a_live_pages_places(rules_pipeline: Pipeline) -> None:
    """Title-case labels are speakers in an interview, which has its interviewer; a live page's
    "Kyiv:" entries come back too, but name places."""
    turns = speaker_turns(INTERVIEW)
    assert [(t.key, t.question, t.named) for t in turns] == [
        ("INTERVIEWER", True, False), ("MAYOR DORSK", False, True)] * 2
    (figure,) = rules_pipeline.analyze(INTERVIEW).figures
    assert figure.attribution is not None and (figure.attribution.source, figure.attribution.named) == (
        "Mayor Dorsk", True)
    assert speaker_turns(LIVE_PAGE) == []
    # a label that says what someone is names no one
    assert [t.named for t in speaker_turns("SENIOR OFFICIAL: Yes.\n\nQ: Why?\n\nSENIOR OFFICIAL: Because.\n")] == [
        False, False, False]


def test_a_q_and_a_answers_are_the_interviewees(rules_pipeline: Pipeline) -> None:
    text = ("An interview with the mayor of Belvast\n\nOur correspondent spoke to its mayor, Oleg Marin, by phone on "
            "Saturday.\n\nQ: How is the situation now?\n\nA: Last night alone, four people were killed when shells "
            "hit the bus station.\n\nQ: Do you accept that?\n\nA: No. There are no soldiers at the bus station.\n")
    (figure,) = rules_pipeline.analyze(text).figures
    assert figure.attribution is not None and (figure.attribution.source, figure.attribution.named) == (
        "Oleg Marin", True)


THREAD = """Thread compiled from public posts, Saturday 8 June.

@dravamar_live · 6h
BREAKING: Huge blast at Hollin Bridge market just after 11am. Unconfirmed reports of casualties.
♻ 2.1K  ❤ 3.4K

@DravamarPolice · 3h
OFFICIAL: Nine (9) people lost their lives in this morning's incident at Hollin Bridge market. 26 persons are receiving treatment.
♻ 412  ❤ 95

@kessa_reports · 45m
Toll rises to 12 killed, according to a nurse at St Odila hospital. Police have detained two men near the scene.
"""


def test_a_thread_of_posts_rests_each_post_on_its_account(rules_pipeline: Pipeline) -> None:
    """Each post is on its account's word, and a nurse it quotes keeps her own; the header lines
    and the repost counts are no claims and no figures."""
    analysis = rules_pipeline.analyze(THREAD, published="2024-06-08")
    sources = {f.text: f.attribution.source if f.attribution else None for f in analysis.figures}
    assert sources == {"Nine (9)": "@DravamarPolice", "26": "@DravamarPolice", "12": "a nurse at St Odila hospital",
                       "two": "@kessa_reports"}
    assert not [c for c in analysis.claims if "@" in c.text or "♻" in c.text]


def test_a_role_in_brackets_after_a_name_leaves_the_name_the_speaker_and_a_broadcast_line_is_no_turn() -> None:
    text = ("TRANSCRIPT: The Evening Ledger\nBroadcast: Thursday 12 September 2024, 21:00\n\n"
            "HANNA VOSS (ANCHOR): Good evening. The provincial health office says 23 people have been killed.\n\n"
            "ILYAS BRENKO: Eleven civilians were killed last night.\n\n"
            "VOSS: The army says no civilians died there.\n\n"
            "BRENKO: That is false.\n\n"
            "VOSS: And your own losses?\n\n"
            "BRENKO: Nine fighters since Monday.\n")
    turns = speaker_turns(text)
    assert [(text[t.speaker[0]:t.speaker[1]], t.named) for t in turns] == [
        ("HANNA VOSS", True), ("ILYAS BRENKO", True), ("VOSS", True), ("BRENKO", True), ("VOSS", True),
        ("BRENKO", True)]
