"""Bylines at the top or the bottom, and wire datelines."""

from __future__ import annotations

import pytest

from presslens.ingest.byline import find_byline
from presslens.ingest.dateline import find_dateline

BODY = "Police said 12 people were arrested in the capital on Monday after a protest against fuel prices."


@pytest.mark.parametrize("text, authors, agency", [
    (BODY + "\n\nBy: A. Name", ["A. Name"], None),
    ("By Staff Writer\n\n" + BODY, ["Staff Writer"], None),
    ("Maria Lenz, Reuters\n\n" + BODY, ["Maria Lenz"], "Reuters"),
    ("By Omar Bek and Lina Haddad\n\n" + BODY, ["Omar Bek", "Lina Haddad"], None),
])
def test_bylines(text: str, authors: list[str], agency: str | None) -> None:
    byline = find_byline(text)
    assert byline is not None
    assert byline.authors == authors
    assert byline.agency == agency
    assert text[byline.start:byline.end].strip().endswith(text.strip().splitlines()[-1 if "By:" in text else 0][-6:])


def test_no_byline_in_plain_prose() -> None:
    assert find_byline(BODY + "\n\nThe ministry said it would respond by Friday.") is None


def test_dateline_after_a_headline() -> None:
    text = "Shelling kills 14 in market\n\nKHARAN, March 3 (Wire) - At least 14 people were killed."
    found = find_dateline(text)
    assert found is not None and found.place == "Kharan"
    assert text[found.end:].startswith("At least 14")
    assert find_dateline("At least 14 people were killed - the ministry said.") is None
