"""Bylines at the top or the bottom, and wire datelines."""

from __future__ import annotations

import pytest

from presslens.ingest.byline import find_byline
from presslens.ingest.dateline import find_dateline
from presslens.pipeline import Pipeline

BODY = "Police said 12 people were arrested in the capital on Monday after a protest against fuel prices."


@pytest.mark.parametrize("text, authors, agency", [
    (BODY + "\n\nBy: A. Name", ["A. Name"], None),
    ("By Staff Writer\n\n" + BODY, ["Staff Writer"], None),
    ("Maria Lenz, Reuters\n\n" + BODY, ["Maria Lenz"], "Reuters"),
    ("By Omar Bek and Lina Haddad\n\n" + BODY, ["Omar Bek", "Lina Haddad"], None),
    # where they wrote from is no author
    (BODY + "\n\nBy: Sofia Marchetti and Daniel Okafor, in Kolvar", ["Sofia Marchetti", "Daniel Okafor"], None),
])
def test_bylines(text: str, authors: list[str], agency: str | None) -> None:
    byline = find_byline(text)
    assert byline is not None
    assert byline.authors == authors
    assert byline.agency == agency
    assert text[byline.start:byline.end].strip().endswith(text.strip().splitlines()[-1 if "By:" in text else 0][-6:])


def test_no_byline_in_plain_prose() -> None:
    assert find_byline(BODY + "\n\nThe ministry said it would respond by Friday.") is None


@pytest.mark.parametrize("last, author", [
    ("Amal Rahman is a human rights researcher based in Sirra.", "Amal Rahman"),
    ("Dr. Jane Doe is a senior fellow at the Centre for Policy Studies.", "Jane Doe"),
    # a closing claim about a person or a body is not a note on the writer
    ("Maryam Rajavi is the leader of the cult.", None),
    ("The Army is a terrorist organisation and a writer of lies.", None),
    ("Omar Bek is a criminal.", None),
])
def test_an_opinion_piece_names_its_writer_on_the_last_line(last: str, author: str | None) -> None:
    text = BODY + "\n\nThe world must act now.\n\n" + last
    byline = find_byline(text)
    assert (byline.authors if byline else None) == ([author] if author else None)
    if byline is not None:
        assert text[byline.start:byline.end] == last


def test_dateline_after_a_headline() -> None:
    text = "Shelling kills 14 in market\n\nKHARAN, March 3 (Wire) - At least 14 people were killed."
    found = find_dateline(text)
    assert found is not None and found.place == "Kharan"
    assert text[found.end:].startswith("At least 14")
    assert find_dateline("At least 14 people were killed - the ministry said.") is None


def test_a_release_label_is_no_dateline_and_a_title_case_place_with_its_date_is_one() -> None:
    text = ("PRESS RELEASE - Coast Guard of the Republic of Salvenne\nRelease No. 41/2023 - 7 September 2023\n\n"
            "Search continues after migrant boat capsizes\n\n"
            "Port Lirac, 7 September 2023 - A wooden fishing boat carrying migrants capsized late on Tuesday.")
    found = find_dateline(text)
    assert found is not None and found.place == "Port Lirac"
    assert text[found.end:].startswith("A wooden fishing boat")
    # a title-case name before a dash, with no date, stays prose
    assert find_dateline("Port Lirac - a town of fishermen - has seen many wrecks.") is None


PAGE = """<html><head><title>Rebels say 30 soldiers killed in ambush near Tarsi</title>
<meta property="article:published_time" content="2024-02-11T09:00:00Z"></head>
<body><nav>Home | World | 12 comments</nav><article>
<h1>Rebels say 30 soldiers killed in ambush near Tarsi</h1>
<p>TARSI, Feb 10 - The Free Hills Front said on Saturday its fighters had killed thirty soldiers in an ambush
near the town of Tarsi, a claim the army dismissed as "pure fantasy".</p>
<p>An army spokesman said two soldiers were "lightly wounded" and that no one was captured.</p>
</article><footer>3 related stories</footer></body></html>"""


def test_an_html_headline_and_a_dateline_stay_out_of_the_lead_sentence(pipeline: Pipeline) -> None:
    analysis = pipeline.analyze(PAGE)
    claims = [c.text for c in analysis.claims]
    # blocks of the page are paragraphs: the headline (no full stop) is not run into the lead,
    # and the dateline is metadata, so the lead claim starts after it
    assert claims[0] == "Rebels say 30 soldiers killed in ambush near Tarsi"
    assert claims[1].startswith("The Free Hills Front said on Saturday")
    # the quoted phrase is flagged once, not as two overlapping pieces
    model_flags = sorted((t.start, t.end) for t in analysis.techniques if t.component == "techniques.model")
    assert all(a[1] <= b[0] for a, b in zip(model_flags, model_flags[1:], strict=False))


def test_an_opinion_pieces_note_on_its_writer_is_no_claim_and_no_flag(pipeline: Pipeline) -> None:
    text = ("Enough is enough: the world must stop the butchers of the valley\n\n"
            "For years the so-called peacekeepers have looked away while families were slaughtered.\n\n"
            "The writer is a human rights campaigner.\n")
    analysis = pipeline.analyze(text)
    assert not [c for c in analysis.claims if "writer" in c.text]
    assert not [t for t in analysis.techniques if "writer" in t.text]
    assert [c for c in analysis.claims if "peacekeepers" in c.text]


@pytest.mark.parametrize("line, authors, agency", [
    ("By JANE DOE, Associated Press", ["Jane Doe"], "Associated Press"),  # the outlet is not an author
    ("By Jane Doe and John Roe, Reuters", ["Jane Doe", "John Roe"], "Reuters"),
    ("(Reporting by Jane Doe and Omar Bek; Editing by John Roe)", ["Jane Doe", "Omar Bek"], None),  # not editors
])
def test_wire_bylines_and_reporting_credits(line: str, authors: list[str], agency: str | None) -> None:
    for text in (line + "\n\n" + BODY, BODY + "\n\n" + line):
        byline = find_byline(text)
        assert byline is not None and (byline.authors, byline.agency) == (authors, agency)


def test_a_date_in_a_pages_prose_is_not_when_it_was_published() -> None:
    """The page's markup dates it (a meta tag); a date the text tells of ("a response dated
    3 August 2023") does not, or "on Sunday" would be counted from it."""
    from presslens.ingest.html import extract_html

    body = ("<p>Kestrel Rights Watch documented 212 cases of enforced disappearance in the northern "
            "districts.</p><p>The Northern Security Directorate, in a written response dated 3 August 2023, "
            "said that all persons it holds are detained lawfully.</p>")
    undated = f"<html><head><title>Silenced</title></head><body><article>{body}</article></body></html>"
    dated = ('<html><head><title>Silenced</title><meta property="article:published_time" '
             f'content="2023-09-14T06:00:00Z"></head><body><article>{body}</article></body></html>')
    assert extract_html(undated).published is None
    assert extract_html(dated).published == "2023-09-14"


def test_a_dateline_with_a_district_and_a_weekday_dates_the_story(rules_pipeline: Pipeline) -> None:
    text = ("Army says 12 militants killed in drone strike\n\nKESH-AMAR, Tarvesh district, Monday 17 March 2025 - "
            "The defence ministry and the Ostrel Front gave sharply different accounts on Monday of a drone strike "
            "that hit a farm compound outside the village of Kesh-Amar late on Sunday, killing 12 people.")
    found = find_dateline(text)
    assert found is not None and found.place == "Kesh-Amar" and text[found.end:].startswith("The defence")
    analysis = rules_pipeline.analyze(text)
    assert analysis.document.published == "2025-03-17"
    # "gave accounts on Monday": the day of telling; the strike was on Sunday
    assert [e.date.value if e.date else None for e in analysis.events] == ["2025-03-16"]


def test_a_byline_with_where_it_was_filed_a_pages_author_field_and_a_letters_signature() -> None:
    from presslens.ingest.byline import page_authors

    found = find_byline("At least 11 killed as shelling shatters truce\n\nBy Anika Sorrel, Pell (Varesh) - Thursday 13 "
                        "June\n\nArtillery fire across the river killed at least seven civilians.")
    assert found is not None and (found.authors, found.agency) == (["Anika Sorrel"], None)
    assert page_authors("Petra Renko, Local Affairs Reporter · · Updated") == ["Petra Renko"]
    letter = ("Sir,\n\nI have read your coverage of the fighting with growing disgust.\n\n"
              "Yours, in anger and in grief,\nTomas Ardelian\nDorrin, Ashan Province")
    signed = find_byline(letter)
    assert signed is not None and signed.authors == ["Tomas Ardelian"]
    assert letter[signed.start:signed.end] == "Tomas Ardelian"


TABLE_PAGE = """<html><head><title>A week of fighting: the toll, district by district</title>
<meta property="article:published_time" content="2025-02-17T08:00:00Z"></head><body><article>
<h1>A week of fighting: the toll, district by district</h1>
<p>Fighting between 9 and 15 February killed at least 43 civilians across five districts, according to figures
compiled by the Kaldera Monitor from district health offices.</p>
<table><caption>Civilian casualties by district</caption>
<thead><tr><th>District</th><th>Killed</th><th>Injured</th><th>Displaced</th></tr></thead>
<tbody><tr><td>Varn</td><td>14</td><td>39</td><td>2,300</td></tr>
<tr><td>Oskel</td><td>7</td><td>12</td><td>~900</td></tr>
<tr><td>Mirra</td><td>n/a</td><td>8</td><td>1,200</td></tr></tbody></table>
<table><tr><th>Road</th><th>Status</th></tr><tr><td>Route 4</td><td>closed since 2019</td></tr></table>
<p>Roughly 600 of the displaced have since returned to their villages, the Relief Council said.</p>
</article></body></html>"""


def test_a_table_of_counts_reads_as_one_line_per_row_and_other_tables_stay_out(rules_pipeline: Pipeline) -> None:
    analysis = rules_pipeline.analyze(TABLE_PAGE)
    text = analysis.document.text
    assert "Varn: 14 killed, 39 injured, 2,300 displaced." in text
    assert "Oskel: 7 killed, 12 injured, about 900 displaced." in text
    assert "Mirra: 8 injured, 1,200 displaced." in text  # "n/a" is no count, and no 0
    assert "Route 4" not in text  # a table that counts nothing
    got = {(f.text, f.category) for f in analysis.figures}
    assert {("14", "killed"), ("39", "injured"), ("2,300", "displaced"), ("about 900", "displaced")} <= got


def test_a_role_and_the_writers_organisation_are_no_authors() -> None:
    found = find_byline("By Marta Kellner, Field Coordinator, Clear Ground Initiative\n\n"
                        "Five people, including three children, were killed by a landmine on Sunday.")
    assert found is not None and (found.authors, found.agency) == (["Marta Kellner"], None)


def test_a_wire_footer_in_a_pages_author_field_and_the_outlet_in_its_title() -> None:
    from presslens.ingest.byline import page_authors
    from presslens.ingest.html import extract_html

    assert page_authors("Reporting by Tessa Vane and Idris Molle; editing by Karl Brun") == ["Tessa Vane", "Idris Molle"]
    page = ("<html><head><title>Eleven killed as election-day violence hits Pellan province - The Pellan Courier"
            "</title></head><body><article><h1>Eleven killed as election-day violence hits Pellan province</h1>"
            "<p>At least eleven people were killed and 34 injured in attacks on polling stations across Pellan "
            "province on Sunday, police said.</p><p>Voting was suspended in two districts after gunmen opened "
            "fire on queues of voters, according to the election commission.</p></article>"
            "<footer><p class=\"byline\">Reporting by Tessa Vane and Idris Molle; editing by Karl Brun</p>"
            "</footer></body></html>")
    article = extract_html(page)
    assert article.title == "Eleven killed as election-day violence hits Pellan province"
    assert article.source == "The Pellan Courier"


def test_a_pages_shown_byline_a_dateline_with_a_province_and_no_date_and_a_struck_hospital(
        rules_pipeline: Pipeline) -> None:
    """The byline the page shows names both writers where its author tag names one; "BEYT SAHRAN,
    Lorvan province -" is a dateline, not a place "Lorvan province - An"; the hospital hit is no party."""
    from presslens.ingest.loader import article_from_text
    from presslens.settings import load_settings

    page = ("<html><head><title>Strike on Beyt Sahran hospital kills at least 23 | The Eastern Courier</title>"
            "<meta name=\"author\" content=\"Samir Haddou\"></head><body><article>"
            "<h1>Strike on Beyt Sahran hospital kills at least 23</h1>"
            "<p class=\"byline\">By Samir Haddou and Noor Castell | 20 February 2025</p>"
            "<p>BEYT SAHRAN, Lorvan province - An air strike hit Al-Karima General Hospital in Beyt Sahran late on "
            "Tuesday, killing at least 23 people and wounding 41, the Lorvan health ministry said on Wednesday.</p>"
            "<p>The ministry said seven of the dead were children and that three nurses were among those killed.</p>"
            "</article></body></html>")
    assert find_dateline("BEYT SAHRAN, Lorvan province - An air strike hit") is not None
    article = article_from_text(page, load_settings(), published="2025-02-20")
    assert article.authors == ["Samir Haddou", "Noor Castell"]
    a = rules_pipeline.analyze_article(article)
    assert [(e.location.name if e.location else None, e.actors) for e in a.events] == [("Beyt Sahran", [])]


@pytest.mark.parametrize(("line", "authors", "agency"), [
    # what follows a list closed by "and" is where they work
    ("By Irena Kostal and Daud Fenner, CheckDesk", ["Irena Kostal", "Daud Fenner"], "CheckDesk"),
    ("By Maria Lenz, Continental Press", ["Maria Lenz"], "Continental Press"),
    # three writers, and two
    ("By Ana Ruiz, Tom Hale and Lee Park", ["Ana Ruiz", "Tom Hale", "Lee Park"], None),
    ("By Ana Ruiz, Tom Hale", ["Ana Ruiz", "Tom Hale"], None),
])
def test_an_outlet_after_the_writers_is_no_writer(line: str, authors: list[str], agency: str | None) -> None:
    byline = find_byline(line + "\n\nGunmen killed two guards on Tuesday, police said.")
    assert byline is not None and (byline.authors, byline.agency) == (authors, agency)


@pytest.mark.parametrize(("text", "authors", "agency"), [
    ("By Mira Halloran in Torvel\n\nThe bomb killed 14 people, officials said.", ["Mira Halloran"], None),
    ("The bomb killed 14 people, officials said.\n\n(Reporting by Mira Halloran in Torvel and Sven Ostrik in Kaleva; "
     "Editing by Tom Brandt)", ["Mira Halloran", "Sven Ostrik"], None),
    ("By Lena Farrow, Horizon Media Monitor\n\nThe bomb killed 14 people, officials said.", ["Lena Farrow"],
     "Horizon Media Monitor"),
])
def test_where_writers_filed_from_is_no_part_of_their_names(text: str, authors: list[str],
                                                             agency: str | None) -> None:
    byline = find_byline(text)
    assert byline is not None and (byline.authors, byline.agency) == (authors, agency)


def test_a_dateline_before_a_lead_that_opens_with_an_acronym() -> None:
    text = ("Envoy tells Security Council violence is rising\n\nUNITED NATIONS, March 18 - UN envoy Ingrid Solberg "
            "told the Security Council on Tuesday that the situation had deteriorated.")
    found = find_dateline(text)
    assert found is not None and found.place == "United Nations"
    assert text[found.end:].startswith("UN envoy")


def test_an_interviewers_byline() -> None:
    byline = find_byline("Q: How many prisoners do you hold?\nA: We hold 210.\n\nInterview by Noor Addey")
    assert byline is not None and byline.authors == ["Noor Addey"]
