"""The lines above a plain-text release: headline, labels, issuer and date line."""

from __future__ import annotations

import pytest

from presslens.ingest.header import read_header
from presslens.pipeline import Pipeline

RELEASE = """MINISTRY OF JUSTICE - REPUBLIC OF ORVALE

Ministry Confirms Transfer of 58 Detainees to Kessel Facility

FOR IMMEDIATE RELEASE
3 March 2024

KESSEL - The Ministry of Justice said that 58 detainees were transferred on Saturday from the overcrowded Marn prison to the new Kessel facility.
"""

STATEMENT = """PRESS STATEMENT
Office of the Governor
12 June

The Governor's office rejects reports that 14 people were killed in the clashes in the old market on Sunday. No one died, the office said.
"""


def test_labels_issuer_and_date_line_are_metadata_and_give_title_and_date() -> None:
    header = read_header(RELEASE)
    assert header.title == "Ministry Confirms Transfer of 58 Detainees to Kessel Facility"
    assert header.published == "2024-03-03"
    skipped = [RELEASE[a:b] for a, b in header.skip]
    assert skipped == ["MINISTRY OF JUSTICE - REPUBLIC OF ORVALE", "FOR IMMEDIATE RELEASE\n3 March 2024"]
    # a date line without a year is skipped but dates nothing; an issuer stands in for a missing headline
    statement = read_header(STATEMENT)
    assert (statement.title, statement.published) == ("Office of the Governor", None)
    assert [STATEMENT[a:b] for a, b in statement.skip] == ["PRESS STATEMENT\nOffice of the Governor\n12 June"]


def test_a_key_figure_with_a_date_is_no_date_line() -> None:
    text = "Flash Update 3: Floods in Tessaly\n\nKey figures\n\n- 42,000 people displaced since 2 August\n"
    assert read_header(text).skip == [] and read_header(text).published is None


def test_prose_ends_the_header() -> None:
    text = ("Gunmen killed 12 people in an attack on a village in the north of the country on Monday, officials "
            "said.\n\n14 June 2024\n")
    assert read_header(text).skip == [] and read_header(text).title is None


def test_analysis_takes_title_and_date_from_the_header_unless_given(rules_pipeline: Pipeline) -> None:
    result = rules_pipeline.analyze(RELEASE)
    assert result.document.title == "Ministry Confirms Transfer of 58 Detainees to Kessel Facility"
    assert result.document.published == "2024-03-03"
    assert not any("IMMEDIATE" in c.text or "REPUBLIC" in c.text for c in result.claims)
    # the event's Saturday is resolved against the header's date
    [event] = result.events
    assert event.date is not None and event.date.value == "2024-03-02"
    given = rules_pipeline.analyze(RELEASE, published="2024-03-05", title="Transfer")
    assert (given.document.published, given.document.title) == ("2024-03-05", "Transfer")


SITREP = """ASHWAN PROVINCE: Humanitarian Situation Report No. 14
Reporting period: 27 January - 5 February 2020
Issued by the UN Humanitarian Coordination Office, 7 February 2020

At least 23 civilians were reportedly killed in air strikes on the town of Mirza on 2 February.
"""


def test_an_issued_line_dates_the_release_and_a_reporting_period_does_not() -> None:
    header = read_header(SITREP)
    assert header.title == "ASHWAN PROVINCE: Humanitarian Situation Report No. 14"
    assert header.published == "2020-02-07"
    assert [SITREP[a:b] for a, b in header.skip] == [
        "Reporting period: 27 January - 5 February 2020\n"
        "Issued by the UN Humanitarian Coordination Office, 7 February 2020"]
    # the period alone dates nothing; a headline that starts with "Released" is no issued line
    assert read_header("Situation Report\nReporting period: 27 January - 5 February 2020\n").published is None
    released = "Released prisoners describe abuse at Kessel facility, 3 May 2020\n\nBody text follows here."
    assert read_header(released).published is None
    assert read_header(released).title == "Released prisoners describe abuse at Kessel facility, 3 May 2020"


POLICE = """NORTHERN VALE PROVINCIAL POLICE
Media Relations Office

PRESS RELEASE - FOR IMMEDIATE RELEASE
21 April 2023

Five arrested and firearms seized in Coldbrook raid

Officers arrested five men and seized three rifles in a raid on a farm near Coldbrook on Thursday, police said.
"""

WIRE = """CAMP RESIDENTS FLEE NEW FIGHTING

KHARAN - At least 300 families fled the Kharan camp on Monday after two days of fighting nearby, aid workers said.
"""


def test_a_release_is_published_by_its_issuer(rules_pipeline: Pipeline) -> None:
    assert read_header(RELEASE).issuer == "MINISTRY OF JUSTICE - REPUBLIC OF ORVALE" and read_header(RELEASE).release
    assert rules_pipeline.analyze(RELEASE).document.source == "MINISTRY OF JUSTICE - REPUBLIC OF ORVALE"
    assert rules_pipeline.analyze(STATEMENT).document.source == "Office of the Governor"
    assert rules_pipeline.analyze(SITREP).document.source == "UN Humanitarian Coordination Office"
    # labels joined on one line are labels; the first issuer line is the issuer
    police = rules_pipeline.analyze(POLICE)
    assert police.document.source == "NORTHERN VALE PROVINCIAL POLICE"
    assert police.document.title == "Five arrested and firearms seized in Coldbrook raid"
    # the caller's source wins
    assert rules_pipeline.analyze(RELEASE, source="Orvale Justice Ministry").document.source == "Orvale Justice Ministry"


def test_a_capitalised_headline_without_a_release_label_names_no_source(rules_pipeline: Pipeline) -> None:
    assert not read_header(WIRE).release
    assert rules_pipeline.analyze(WIRE).document.source is None


def test_a_label_and_a_date_on_one_line_and_a_translators_note_above_the_date_line() -> None:
    header = read_header("PRESS RELEASE\nFor immediate release - Wednesday, 19 March 2025\n\n"
                         "Pellan Valley: 86,000 people forced from their homes, Harbour Aid warns\n\n"
                         "Harbour Aid International today launched an emergency appeal for families displaced.")
    assert (header.published, header.release) == ("2025-03-19", True)
    assert header.title == "Pellan Valley: 86,000 people forced from their homes, Harbour Aid warns"
    translated = ("Statement by the Governor of Sefran Province on the abduction of humanitarian workers\n\n"
                  "[Translated from the original Arabic by the Karavia Monitor translation desk. This is an "
                  "unofficial translation; in case of discrepancy the Arabic text prevails.]\n\n"
                  "Sefran, Thursday, 13 March 2025\n\nThe Governorate announces that an armed group intercepted a "
                  "convoy belonging to Caravel Relief on the road north of the provincial capital.")
    header = read_header(translated)
    assert header.published == "2025-03-13"
    assert any(translated[a:b].startswith("[Translated") for a, b in header.skip)


def test_a_digests_period_dates_its_yearless_headings_but_is_not_its_publication_date(
        rules_pipeline: Pipeline) -> None:
    text = ("PELLAN VALLEY CONFLICT MONITOR\nWeekly Incident Digest, Week 11: 8 to 14 March 2025\n\n"
            "Saturday, 8 March: Tornik (Tornik municipality)\nArmed clash. Fighters of the Ostrel Front attacked "
            "an army outpost on the outskirts of Tornik. Local sources reported six fatalities.\n\n"
            "Monday, 10 March: Hald (Hald municipality)\nExplosion. A roadside bomb struck a minibus on the road "
            "to Brask, killing two civilians and injuring five, according to the district health office.\n")
    analysis = rules_pipeline.analyze(text)
    assert analysis.document.published is None
    # each heading dates the paragraph under it: two incidents, not one
    assert [(e.date.value if e.date else None, e.counts.get("killed")) for e in analysis.events] == [
        ("2025-03-08", 6), ("2025-03-10", 2)]


def test_what_follows_a_releases_end_mark_is_no_part_of_its_story(rules_pipeline: Pipeline) -> None:
    text = ("PRESS RELEASE\n\nAid group warns of mass displacement\n\nHarbour Aid said approximately 86,000 people have "
            "been displaced since 1 February. Two staff members were injured when their clinic was shelled.\n\n"
            "ENDS\n\nMedia contact\nJonas Pirell, Senior Press Officer\nTel: +41 22 555 0148\n\nNotes to editors\n"
            "1. Harbour Aid is an independent organisation founded in 1987. It works in 31 countries and employs "
            "more than 4,500 staff.\n")
    analysis = rules_pipeline.analyze(text)
    assert [f.text for f in analysis.figures] == ["approximately 86,000", "Two"]
    assert not [c for c in analysis.claims if c.start > text.index("ENDS")]


def test_a_flash_updates_as_of_line_dates_it_and_its_issuer_is_the_office_not_a_section_head() -> None:
    text = ("SARROWEN: Hostilities in the Eastern Belt\nFlash Update No. 4\nAs of 18:00, Monday 22 September 2025\n"
            "Humanitarian Coordination Office for Sarrowen (HCO)\n\nKEY FIGURES\n- 12,400 people displaced (est.)\n"
            "- 37 killed (MoH)\n\nSITUATION OVERVIEW\nSince 19 September, fighting has spread to six villages.")
    header = read_header(text)
    assert header.published == "2025-09-22"
    assert header.issuer == "Humanitarian Coordination Office for Sarrowen (HCO)"
    assert header.title == "SARROWEN: Hostilities in the Eastern Belt"


@pytest.mark.parametrize(("text", "title", "issuer"), [
    # a label and its issuer on one line, a unit's line under it
    ("PRESS RELEASE - Coast Guard of the Republic of Salvenne\nMaritime Rescue Coordination Centre, Port Lirac\n\n"
     "Search continues after migrant boat capsizes off Cape Morvel\n\n"
     "Port Lirac, 7 September 2023 - A wooden fishing boat carrying migrants capsized late on Tuesday.\n",
     "Search continues after migrant boat capsizes off Cape Morvel", "Coast Guard of the Republic of Salvenne"),
    # "Issued by:" and "Date of issue:" fields
    ("SITUATION REPORT No. 9\nAshkar District: Population Movement and Protection\n"
     "Issued by: Joint Humanitarian Coordination Cell (JHCC), Lumenne\nDate of issue: 21 June\n\n"
     "Renewed fighting since 15 June has displaced an estimated 18,500 people this week, according to the "
     "district authorities and the cell's field teams.\n",
     "Ashkar District: Population Movement and Protection", "Joint Humanitarian Coordination Cell (JHCC)"),
    # "Compiled by the X. Editor: Y" and "In this issue:"
    ("CRISIS WATCH WEEKLY | Issue 214\nCompiled by the Regional Monitoring Desk. Editor: Priya Lannister\n\n"
     "In this issue: Ostrava Lowlands (Kelvania), Maru Coast (Sendara)\n\n"
     "On 4 March, an improvised explosive device struck a minibus on the road between Pellgrad and Vosk, "
     "killing seven passengers.\n",
     "CRISIS WATCH WEEKLY | Issue 214", "Regional Monitoring Desk"),
    # a reference number is no title
    ("PRESS RELEASE\nDirectorate of Public Order, Velmoran Provincial Police\nRef. DPO/PR/2023/118\n"
     "Issued: 14 March 2023\n\nRiot at Kestrava prison brought under control\n\n"
     "KESTRAVA, 14 March 2023 - The Velmoran Provincial Police confirm that a disturbance at the prison was "
     "brought to an end in the early hours of this morning.\n",
     "Riot at Kestrava prison brought under control", "Directorate of Public Order, Velmoran Provincial Police"),
    # a meeting's number and a document symbol are no title
    ("SECURITY COUNCIL\n9812th meeting (AM)\nMeetings Coverage and Press Releases\nSC/16104\n26 November 2024\n\n"
     "Briefers Warn of Spiralling Violence in Orvane Province\n\n"
     "The Security Council today heard that fighting in the Orvane province had killed hundreds of civilians "
     "since September and forced nearly half a million people from their homes.\n",
     "Briefers Warn of Spiralling Violence in Orvane Province", "SECURITY COUNCIL"),
])
def test_a_label_with_its_issuer_a_unit_under_it_and_header_fields_are_neither_title_nor_source(
        text: str, title: str, issuer: str) -> None:
    header = read_header(text)
    assert (header.title, header.issuer) == (title, issuer)


def test_a_read_by_line_is_no_title() -> None:
    bulletin = ("RADIO KESTRAL FM: 7 O'CLOCK NEWS\nRead by: Tomas Irving\n\nGood morning. Here are the headlines "
                "of this hour from around the province and the city of Kestral today.\n")
    header = read_header(bulletin)
    assert (header.title, header.issuer) == ("RADIO KESTRAL FM: 7 O'CLOCK NEWS", "RADIO KESTRAL FM: 7 O'CLOCK NEWS")
    assert header.skip == [(0, bulletin.index("\n\n"))]  # both header lines are metadata


def test_an_update_note_above_the_headline_is_no_title() -> None:
    text = ("UPDATED 1840 GMT: Toll rises to 27; adds interior ministry statement\n\n"
            "Car bomb kills at least 27 at checkpoint near Tessaly\n\n"
            "TESSALY, Oct 14 (Wire) - A car bomb exploded at a police checkpoint on the southern edge of Tessaly "
            "on Monday morning, killing at least 27 people, officials said.\n")
    assert read_header(text).title == "Car bomb kills at least 27 at checkpoint near Tessaly"


def test_a_statement_under_its_issuers_name_speaks_for_the_issuer() -> None:
    from presslens.ingest.loader import article_from_text
    from presslens.settings import load_settings

    text = ("MINISTRY OF PUBLIC ORDER\nREPUBLIC OF VANDORIA\nStatement on the report of the Observatory for Civic "
            "Freedoms\n\nVandel, 3 November 2022\n\nThe Ministry of Public Order categorically rejects the report "
            "published last week by the Observatory. Official records show that 162 people were detained in Kesh "
            "province between 9 and 14 October, all of them on judicial warrants.")
    header = read_header(text)
    assert (header.issuer, header.release, header.title) == (
        "MINISTRY OF PUBLIC ORDER", True, "Statement on the report of the Observatory for Civic Freedoms")
    article = article_from_text(text, load_settings())
    assert article.source == "MINISTRY OF PUBLIC ORDER"


def test_an_editors_note_in_brackets_is_no_title() -> None:
    text = ("MINISTRY OF DEFENCE - PRESS BRIEFING TRANSCRIPT\n21 November 2023\nSpokesperson: Colonel Irena Vasko\n"
            "(Questions from reporters have been shortened.)\n\nCOL. VASKO: Good afternoon. Our units repelled the "
            "attack after four hours of fighting.\n")
    header = read_header(text)
    assert header.title == "MINISTRY OF DEFENCE - PRESS BRIEFING TRANSCRIPT"
    assert header.published == "2023-11-21"
