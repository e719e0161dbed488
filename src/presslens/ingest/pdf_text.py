"""Text copied out of a PDF report (``pdftotext``, a viewer's "copy all"): lines wrapped at the
page's width, words broken at line ends ("re-\\ncorded"), running heads and page numbers between
pages, footnote marks after sentences ("during 2022.3") and the footnotes themselves.

Read as it is, such a text splits sentences at every line that opens with a capital, reads "2.4
Displacement" as two people displaced and a footnote mark as a count. When a text shows the
signs of it (words broken at line ends, or form feeds), :func:`unwrap_pdf_text` puts its
paragraphs back together; any other text is left as it is.
"""

from __future__ import annotations

import re

# a word broken at a line's end: "inci-\ndents", "No-\nvember"
_BROKEN_WORD = re.compile(r"([A-Za-z][a-z]*)-\n[ \t]*([a-z])")
# "Human Security in the Dorvan Borderlands - Annual Review 2022       7", "8      Human Security ...",
# "Page 3 of 12", "- 7 -": a running head or foot with its page number
_PAGE_LINE = re.compile(r"(?m)^[ \t]*(?:(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?|[-–]\s*\d{1,4}\s*[-–]|"
                        r"\S[^\n]{0,100}?[ \t]{4,}\d{1,4}|\d{1,4}[ \t]{4,}\S[^\n]{0,100}?)[ \t]*$", re.I)
# the rule over a page's footnotes, then the notes ("3 Monitoring Network, Incident Database ...")
_NOTES = re.compile(r"(?m)^[ \t]*_{5,}[ \t]*\n((?:[ \t]*\d{1,3}[ \t]+\S[^\n]*\n?(?:[ \t]+\S[^\n]*\n?)*)+)")
_NOTE_NUMBER = re.compile(r"(?m)^[ \t]*(\d{1,3})[ \t]+\S")
# "2.4 Displacement", "3. Attacks on civilians": a section heading's number
_SECTION_NUMBER = re.compile(r"(?m)^[ \t]*\d{1,2}(?:\.\d{1,2})*\.?[ \t]+(?=[A-Z][^\n.]{0,70}$)")


def looks_like_pdf_text(text: str) -> bool:
    """Words broken at two line ends or more, or form feeds between pages."""
    return "\f" in text or len(_BROKEN_WORD.findall(text)) >= 2


def unwrap_pdf_text(text: str) -> str:
    """The report's paragraphs as lines of their own, without page furniture and footnotes;
    ``text`` unchanged unless :func:`looks_like_pdf_text`."""
    if not looks_like_pdf_text(text):
        return text
    text = text.replace("\f", "\n\n")
    notes: set[str] = set()
    for block in _NOTES.finditer(text):
        notes.update(_NOTE_NUMBER.findall(block.group(1)))
    text = _NOTES.sub("\n", text)
    text = _PAGE_LINE.sub("", text)
    if notes:
        # a note's mark after a sentence or a figure: "during 2022.3", "wounding at least 50.4 Local"
        marks = "|".join(sorted(notes, key=len, reverse=True))
        text = re.sub(rf"(?<=[\w\"”’)])([.,;:])(?:{marks})(?=\s|$)", r"\1", text)
    text = _BROKEN_WORD.sub(r"\1\2", text)
    text = _SECTION_NUMBER.sub("", text)
    paragraphs = re.split(r"\n[ \t]*\n+", text)
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines() if line.strip())
                       for p in paragraphs if p.strip()) + "\n"
