"""The worker function every engine calls: per-document errors, batched parse = single parse."""

from __future__ import annotations

from dataclasses import replace

from presslens.batch.work import analyze_records
from presslens.ingest.records import Record
from presslens.pipeline import Pipeline
from presslens.registry import components

from .conftest import article


def test_batched_parse_gives_the_same_analyses(rules_pipeline: Pipeline) -> None:
    from presslens.ingest.records import record_article

    articles = [record_article(Record(id=str(i), origin="x", text=article(i)), rules_pipeline.settings)
                for i in range(6)]
    many = rules_pipeline.analyze_many(articles, batch_size=4)
    assert [a.to_json() for a in many] == [rules_pipeline.analyze_article(a).to_json() for a in articles]


def test_a_failing_document_is_an_error_row_and_the_others_go_on(rules_pipeline: Pipeline) -> None:
    def explode(config: dict[str, object]) -> object:
        def run(state: object) -> None:
            if "EXPLODE" in getattr(state, "text", ""):
                raise RuntimeError("parser\nfell over")
        return run

    components.register("test.explode", func=explode)
    pipe = Pipeline(replace(rules_pipeline.settings), components=[*rules_pipeline.component_names, "test.explode"])
    records = [Record(id="a", origin="o1", text=article(1)),
               Record(id="b", origin="o2", text=article(2) + " EXPLODE"),
               Record(id="c", origin="o3", data=b"%PDF-1.4 binary"),
               Record(id="d", origin="o4", text="/etc/passwd")]
    rows = analyze_records(pipe, records)
    assert [r["id"] for r in rows] == ["a", "b", "c", "d"]
    assert rows[0]["ok"] and rows[0]["figures"] >= 1 and "killed" in rows[0]["analysis"]
    assert (rows[1]["ok"], rows[1]["code"], rows[1]["reason"]) == (
        False, "E607", "the analysis failed (RuntimeError: parser fell over)")
    assert (rows[2]["ok"], rows[2]["code"]) == (False, "E002")
    # Text that looks like a path is analysed as text, never read from disk.
    assert rows[3]["ok"] is False and rows[3]["code"] == "E009"
