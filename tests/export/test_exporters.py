"""Behaviour of the output formats and the JSON Schema on a hand-built analysis."""

from __future__ import annotations

import copy
import csv
import dataclasses
import io
import json
import random
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from typing import Any

import jsonschema
import pytest
from rich.console import Console

from presslens import model
from presslens.export import acled_csv, html_report, labelstudio, text_report, webanno
from presslens.export._spans import Highlight
from presslens.model import (
    Analysis,
    Attribution,
    Claim,
    Document,
    Entity,
    Event,
    EventDate,
    EventLocation,
    Evidence,
    Figure,
    Hedge,
    Mention,
    Technique,
)
from presslens.registry import formats
from presslens.schema import load_schema, validate

SENTENCE_1 = "The reports suggest that rebels allegedly killed 52 villagers near Kidal on 1 September 2013."
SENTENCE_2 = "Officials blamed the cult leaders of the [bold]movement[/bold] for the violence."
HOSTILE_TITLE = "<script>alert(1)</script>"
HOSTILE_TEXT = '"><img src=x onerror=alert(1)> <script>alert(2)</script>\n'


def span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def build(prefix: str = "", title: str = "Rebels kill 52 in Kidal", source: str = "Example Wire") -> Analysis:
    """A realistic analysis; ``prefix`` is prepended to the text and every offset follows it."""
    text = prefix + SENTENCE_1 + "\n\n" + SENTENCE_2
    s1 = span(text, SENTENCE_1)
    s2 = span(text, SENTENCE_2)
    src = span(text, "The reports")
    cue = span(text, "suggest")
    hedge_span = span(text, "allegedly")
    num = span(text, "52", s1[0])
    kidal = span(text, "Kidal", s1[0])
    loaded = span(text, "cult leaders")
    name_calling = span(text, "cult", loaded[0])

    hedge = Hedge(text="allegedly", start=hedge_span[0], end=hedge_span[1], kind="evidential")
    attribution = Attribution(
        source="The reports",
        source_span=list(src),
        source_entity=None,
        cue="suggest",
        cue_span=list(cue),
        named=False,
    )
    figure = Figure(
        id="f1",
        text="52",
        start=num[0],
        end=num[1],
        value=52,
        low=None,
        high=None,
        approximate=False,
        category="killed",
        hedges=[hedge],
        attribution=attribution,
        unit="villagers",
    )
    event = Event(
        id="e1",
        type="killing",
        date=EventDate(text="1 September 2013", value="2013-09-01"),
        location=EventLocation(text="near Kidal", name="Kidal", country="Mali"),
        actors=["rebels", "villagers"],
        counts={"killed": 52},
        figures=["f1"],
        hedged=True,
        attribution=attribution,
        evidence=[Evidence(start=s1[0], end=s1[1])],
    )
    return Analysis(
        presslens="0.1.0",
        document=Document(
            id="doc-1",
            title=title,
            authors=["A. Reporter"],
            published="2013-09-02",
            source=source,
            language="en",
            text=text,
            url="https://example.org/a",
        ),
        entities=[
            Entity(
                id="ent1",
                name="Kidal",
                type="GPE",
                aliases=["Kidal town"],
                mentions=[Mention(start=kidal[0], end=kidal[1], text="Kidal")],
            )
        ],
        figures=[figure],
        events=[event],
        claims=[
            Claim(
                id="c1",
                text=SENTENCE_1,
                start=s1[0],
                end=s1[1],
                checkworthy=0.82,
                hedges=[hedge],
                attribution=attribution,
            ),
            Claim(id="c2", text=SENTENCE_2, start=s2[0], end=s2[1], checkworthy=0.4),
        ],
        techniques=[
            Technique(
                technique="Loaded_Language",
                start=loaded[0],
                end=loaded[1],
                text="cult leaders",
                score=0.7,
                explanation="Emotionally charged wording.",
            ),
            Technique(
                technique="Name_Calling,Labeling",
                start=name_calling[0],
                end=name_calling[1],
                text="cult",
                score=0.9,
                explanation="A label meant to discredit a group.",
            ),
        ],
        components=["figures", "techniques.lexicon"],
    )


@pytest.fixture
def analysis() -> Analysis:
    return build()


@pytest.fixture
def hostile() -> Analysis:
    a = build(prefix=HOSTILE_TEXT, title=HOSTILE_TITLE, source='=HYPERLINK("http://evil.example","x")')
    doc = a.document
    doc.authors = ['"><img src=x onerror=alert(3)>']
    doc.url = "javascript:alert(4)"
    doc.language = 'en" onmouseover="alert(5)'
    return a


# --- registry -----------------------------------------------------------------------------------


def test_all_formats_registered(analysis: Analysis) -> None:
    names = set(formats.get_all())
    assert {"json", "html", "text", "webanno", "labelstudio", "csv"} <= names
    for name in ("json", "html", "text", "webanno", "labelstudio", "csv"):
        assert isinstance(formats.get(name)(analysis), str)


def test_json_format_round_trips(analysis: Analysis) -> None:
    assert json.loads(formats.get("json")(analysis)) == analysis.to_dict()


# --- schema -------------------------------------------------------------------------------------


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(load_schema())


def test_schema_accepts_fixture(analysis: Analysis) -> None:
    validate(analysis.to_dict())


def test_schema_enums_match_model() -> None:
    defs = load_schema()["$defs"]
    assert defs["entity"]["properties"]["type"]["enum"] == list(model.ENTITY_TYPES)
    assert defs["figure"]["properties"]["category"]["enum"] == list(model.FIGURE_CATEGORIES)
    assert defs["event"]["properties"]["type"]["enum"] == list(model.EVENT_TYPES)
    assert defs["technique"]["properties"]["technique"]["enum"] == list(model.TECHNIQUES)


@pytest.mark.parametrize(
    ("cls", "name"),
    [
        (model.Document, "document"),
        (model.Hedge, "hedge"),
        (model.Attribution, "attribution"),
        (model.Mention, "mention"),
        (model.Entity, "entity"),
        (model.Figure, "figure"),
        (model.EventDate, "eventDate"),
        (model.EventLocation, "eventLocation"),
        (model.Evidence, "evidence"),
        (model.Event, "event"),
        (model.Claim, "claim"),
        (model.Technique, "technique"),
    ],
)
def test_schema_lists_every_model_field(cls: type, name: str) -> None:
    # Catches a field added to model.py without the schema following.
    fields = {f.name for f in dataclasses.fields(cls)}
    assert set(load_schema()["$defs"][name]["properties"]) == fields


def _mutated(analysis: Analysis, path: list[Any], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(analysis.to_dict())
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (["figures", 0, "category"], "casualties"),
        (["figures", 0, "start"], -1),
        (["techniques", 0, "end"], 3.5),
        (["techniques", 0, "technique"], "Propaganda"),
        (["claims", 0, "checkworthy"], 1.5),
        (["techniques", 1, "score"], -0.1),
        (["events", 0, "type"], "riot"),
        (["events", 0, "date", "value"], "1 Sept 2013"),
        (["events", 0, "counts"], {"killed": -2}),
        (["entities", 0, "type"], "CITY"),
        (["figures", 0, "attribution", "cue_span"], [1, 2, 3]),
        (["document", "authors"], "A. Reporter"),
    ],
)
def test_schema_rejects_bad_values(analysis: Analysis, path: list[Any], value: Any) -> None:
    with pytest.raises(jsonschema.ValidationError):
        validate(_mutated(analysis, path, value))


def test_schema_accepts_year_less_date(analysis: Analysis) -> None:
    validate(_mutated(analysis, ["events", 0, "date", "value"], "--09-01"))


def test_schema_requires_fields(analysis: Analysis) -> None:
    data = analysis.to_dict()
    del data["figures"][0]["category"]
    with pytest.raises(jsonschema.ValidationError):
        validate(data)


# --- html ---------------------------------------------------------------------------------------


class _Page(HTMLParser):
    """Collects tags, attributes, the article's visible text and its highlight segments."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.article: list[str] = []
        self.segments: list[tuple[str, str, str]] = []  # (classes, title, text); "" outside highlights
        self._depth = 0  # > 0 while inside the article element
        self._segment: tuple[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        attr = dict(attrs)
        if tag == "article" and attr.get("id") == "article-text":
            self._depth = 1
        elif self._depth:
            self._depth += 1
            if tag == "span":
                self._segment = (attr.get("class") or "", attr.get("title") or "")

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1
            self._segment = None

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.article.append(data)
            self.segments.append((*(self._segment or ("", "")), data))


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


def test_html_escapes_hostile_input(hostile: Analysis) -> None:
    page = html_report.render(hostile)
    assert "<script>alert" not in page
    assert "<img" not in page
    parsed = _parse(page)
    assert not [t for t, _ in parsed.tags if t in ("script", "img", "iframe", "object")]
    for _, attrs in parsed.tags:
        assert not [name for name, _ in attrs if name.startswith("on")]
        assert not [v for name, v in attrs if name == "href" and v and v.startswith("javascript")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_html_has_csp(analysis: Analysis) -> None:
    metas = [dict(a) for t, a in _parse(html_report.render(analysis)).tags if t == "meta"]
    csp = [m["content"] for m in metas if m.get("http-equiv") == "Content-Security-Policy"]
    assert csp and csp[0] is not None and "default-src 'none'" in csp[0]


@pytest.mark.parametrize("fixture", ["analysis", "hostile"])
def test_html_article_text_is_preserved(fixture: str, request: pytest.FixtureRequest) -> None:
    a: Analysis = request.getfixturevalue(fixture)
    assert "".join(_parse(html_report.render(a)).article) == a.document.text


def test_html_overlapping_spans_share_a_segment(analysis: Analysis) -> None:
    segments = _parse(html_report.render(analysis)).segments
    cult = [s for s in segments if s[2] == "cult"]
    assert len(cult) == 1
    classes, title, _ = cult[0]
    assert {"hl", "tech", "tech-Loaded_Language", "tech-Name_Calling_Labeling"} <= set(classes.split())
    assert "Emotionally charged wording." in title and "A label meant to discredit a group." in title
    leaders = [s for s in segments if s[2] == " leaders"]
    assert leaders and "tech-Name_Calling_Labeling" not in leaders[0][0].split()


def test_html_segments_match_brute_force() -> None:
    # Random nested and crossing spans: every character's classes must be those of the spans over it.
    rng = random.Random(7)
    text = "".join(rng.choice("ab <&\n") for _ in range(200))
    spans = []
    for i in range(60):
        start = rng.randrange(0, 199)
        spans.append(Highlight("technique", f"T{i % 5}", start, rng.randrange(start + 1, 201), f"t{i}"))
    parser = _Page()
    parser.feed(f'<article id="article-text">{html_report.highlight_text(text, spans)}</article>')
    assert "".join(parser.article) == text
    pos = 0
    for classes, _, piece in parser.segments:
        for offset in range(pos, pos + len(piece)):
            expected = {f"tech-{h.label}" for h in spans if h.start <= offset < h.end}
            assert {c for c in classes.split() if c.startswith("tech-T")} == expected
        pos += len(piece)


def test_html_segment_titles_explain_spans(analysis: Analysis) -> None:
    segments = _parse(html_report.render(analysis)).segments
    by_text = {text: (classes, title) for classes, title, text in segments}
    assert "figure: 52 killed" in by_text["52"][1] and "fig" in by_text["52"][0].split()
    assert by_text["allegedly"][1] == "hedge: allegedly"
    assert by_text["The reports"][1] == "source: The reports"
    assert "cue" in by_text["suggest"][0].split()


def test_html_tables(analysis: Analysis) -> None:
    page = html_report.render(analysis)
    for heading in ("Events", "Figures", "Claims", "Persuasion techniques", "Entities"):
        assert f">{heading} <" in page
    assert 'style="width:82%"' in page  # the check-worthiness bar


# --- web annotation -----------------------------------------------------------------------------


def test_webanno_selectors_quote_the_text(analysis: Analysis) -> None:
    data = json.loads(webanno.render(analysis))
    text = analysis.document.text
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    assert data["first"]["type"] == "AnnotationPage" and data["total"] == len(items)
    # 2 techniques, 1 figure, and the shared hedge, cue and source once each.
    assert len(items) == 6
    assert len({i["id"] for i in items}) == len(items)
    for item in items:
        assert item["target"]["source"] == "urn:presslens:doc:doc-1"
        quote, position = item["target"]["selector"]
        start, end = position["start"], position["end"]
        assert quote["exact"] == text[start:end]
        assert text[:start].endswith(quote["prefix"]) and len(quote["prefix"]) <= 32
        assert text[end:].startswith(quote["suffix"]) and len(quote["suffix"]) <= 32
    tags = {b["value"] for i in items for b in i["body"] if b["purpose"] == "tagging"}
    assert tags == {
        "Loaded_Language",
        "Name_Calling,Labeling",
        "figure:killed",
        "hedge",
        "attribution-cue",
        "attribution-source",
    }
    comments = {b["value"] for i in items for b in i["body"] if b["purpose"] == "commenting"}
    assert "Emotionally charged wording." in comments


# --- label studio -------------------------------------------------------------------------------


def test_labelstudio_task(analysis: Analysis) -> None:
    tasks = json.loads(labelstudio.render(analysis))
    assert len(tasks) == 1
    task = tasks[0]
    text = task["data"]["text"]
    assert text == analysis.document.text and task["data"]["doc_id"] == "doc-1"
    prediction = task["predictions"][0]
    assert prediction["model_version"] == "presslens-0.1.0"
    assert prediction["score"] == pytest.approx((0.7 + 0.9) / 2)
    labels = set()
    for result in prediction["result"]:
        value = result["value"]
        assert value["text"] == text[value["start"] : value["end"]]
        assert (result["from_name"], result["to_name"], result["type"]) == ("label", "text", "labels")
        labels.update(value["labels"])
    assert labels == {"Loaded_Language", "Name_Calling,Labeling", "FIGURE_killed", "HEDGE", "CUE", "SOURCE"}
    config = ET.fromstring(labelstudio.LABEL_CONFIG)
    configured = {el.attrib["value"] for el in config.iter("Label")}
    assert labels <= configured
    text_tag = config.find("Text")
    assert text_tag is not None and text_tag.attrib["value"] == "$text"


# --- csv ----------------------------------------------------------------------------------------


def test_csv_rows(analysis: Analysis) -> None:
    rows = list(csv.reader(io.StringIO(acled_csv.render(analysis))))
    assert tuple(rows[0]) == acled_csv.HEADER
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["fatalities"] == "52" and row["injured"] == "0"
    assert row["event_date"] == "2013-09-01" and row["event_type"] == "killing" and row["time_precision"] == "1"
    assert (row["actor1"], row["actor2"], row["country"]) == ("rebels", "villagers", "Mali")
    assert row["notes"] == SENTENCE_1 and row["hedged"] == "true"
    assert row["attribution"] == "The reports" and row["document_id"] == "doc-1"


def test_time_precision_follows_acled() -> None:
    assert acled_csv.time_precision(None, None) == ""
    assert acled_csv.time_precision("2026-05-04", None) == "1"
    assert acled_csv.time_precision("2026-05-04", "2026-05-04") == "1"
    assert acled_csv.time_precision("2026-05-02", "2026-05-06") == "2"  # "between 2 and 6 May"
    assert acled_csv.time_precision("2026-04-28", "2026-05-12") == "3"
    assert acled_csv.time_precision("--05-02", "--05-06") == "3"  # no year: the span cannot be counted


def test_csv_neutralises_formulas(hostile: Analysis) -> None:
    rows = list(csv.reader(io.StringIO(acled_csv.render(hostile))))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["source"] == '\'=HYPERLINK("http://evil.example","x")'
    assert not [cell for r in rows for cell in r if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_csv_several_documents(analysis: Analysis) -> None:
    other = build(title="Second")
    other.document.id = "doc-2"
    rows = list(csv.reader(io.StringIO(acled_csv.events_csv([analysis, other]))))
    assert [r[rows[0].index("document_id")] for r in rows[1:]] == ["doc-1", "doc-2"]


def test_csv_truncates_long_notes(analysis: Analysis) -> None:
    analysis.events[0].evidence = [Evidence(start=0, end=len(analysis.document.text))] * 10
    rows = list(csv.reader(io.StringIO(acled_csv.render(analysis))))
    assert len(rows[1][rows[0].index("notes")]) == acled_csv.NOTES_MAX


# --- text report --------------------------------------------------------------------------------


def test_text_report_content(analysis: Analysis) -> None:
    report = text_report.render(analysis)
    assert "Rebels kill 52 in Kidal" in report
    assert "52" in report and "killed" in report
    assert "Loaded_Language" in report and "Emotionally charged wording." in report
    assert "allegedly" in report and "The reports" in report
    assert "82%" in report
    assert max(len(line) for line in report.splitlines()) <= text_report.WIDTH


def test_text_report_does_not_interpret_markup(analysis: Analysis) -> None:
    analysis.document.title = "[bold]Not bold[/bold] [link=http://x]y[/link]"
    report = text_report.render(analysis)
    assert "[bold]Not bold[/bold]" in report
    assert "[bold]movement[/bold]" in report


def test_print_report_to_colour_console(analysis: Analysis) -> None:
    out = io.StringIO()
    text_report.print_report(
        analysis, Console(file=out, force_terminal=True, color_system="truecolor", width=100)
    )
    assert "\x1b[" in out.getvalue() and "Kidal" in out.getvalue()


def test_a_pronoun_source_shows_the_person_it_stands_for(rules_pipeline: Any) -> None:
    """"he said" after "district administrator Ibrahim Sule told reporters": the reports show "he (Ibrahim
    Sule)", not an unnamed "he"; the JSON keeps the words as written and the entity's id."""
    a = rules_pipeline.analyze(
        '"They took 87 of our children," district administrator Ibrahim Sule told reporters. Two teachers were '
        "wounded, he said.")
    wounded = next(f for f in a.figures if f.text == "Two")
    assert wounded.attribution is not None and wounded.attribution.source == "he"
    assert "he (Ibrahim Sule)" in text_report.render(a)
    assert "he (Ibrahim Sule)" in html_report.render(a)
    assert "he (Ibrahim Sule) (unnamed)" not in text_report.render(a)
