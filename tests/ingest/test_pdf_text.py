"""Text copied out of a PDF report: paragraphs put back together, page furniture and notes out."""

from __future__ import annotations

from presslens.ingest.pdf_text import unwrap_pdf_text
from presslens.pipeline import Pipeline

REPORT = """Human Security in the Borderlands - Annual Review 2022              7

ment of the Southern Corridor, where the majority of incidents were re-
corded. In total, the Monitoring Network documented 214 security inci-
dents in the six border districts during 2022.3

2.2 Attacks on civilians

The deadliest incident occurred on 2 April 2022 in the market town of
Haskel, when gunmen opened fire on a livestock auction, killing 34 peo-
ple and wounding at least 50.4 Local authorities initially reported 19
deaths. The Interior Ministry attributed the attack to the Brigade; the
Brigade denied responsibility.

_______________
3 Monitoring Network, Incident Database, accessed 15 January 2023.
4 Interviews with Haskel residents, April 2022. Hospital records list
  51 injured.

8              Human Security in the Borderlands - Annual Review 2022

2.4 Displacement

Insecurity displaced approximately 45,000 people on 14 No-
vember 2022, according to the District Relief Commission.
"""


def test_a_pdf_reports_paragraphs_are_put_back_together_without_page_furniture_or_notes() -> None:
    text = unwrap_pdf_text(REPORT)
    assert "were recorded. In total, the Monitoring Network documented 214 security incidents in the six border " \
           "districts during 2022.\n" in text
    assert "killing 34 people and wounding at least 50. Local authorities" in text
    assert "on 14 November 2022," in text
    assert "Annual Review" not in text and "Incident Database" not in text and "51 injured" not in text
    assert "\n\nAttacks on civilians\n\n" in text and "\n\nDisplacement\n\n" in text


def test_a_text_that_is_no_pdf_copy_is_left_as_it_is() -> None:
    text = "KHARAN, March 3 - At least 14 people were killed.\nThe ministry said 2.4 million people\nlive there.\n"
    assert unwrap_pdf_text(text) == text


def test_a_pdf_reports_figures_are_read_from_whole_sentences(rules_pipeline: Pipeline) -> None:
    analysis = rules_pipeline.analyze(REPORT)
    figures = [(f.text, f.category) for f in analysis.figures]
    assert ("at least 50", "injured") in figures and ("approximately 45,000", "displaced") in figures
    assert not any(f.text in ("2.4", "2", "3", "4", "51") for f in analysis.figures)
    assert any(e.date is not None and e.date.value == "2022-11-14" for e in analysis.events)
