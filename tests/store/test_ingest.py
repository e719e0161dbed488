"""presslens ingest: directories with metadata sidecars, JSONL and CSV; idempotent; bad
documents reported one line each while the run goes on."""

from __future__ import annotations

import json

from click.testing import CliRunner
from sqlalchemy import func, select

from presslens.cli import main
from presslens.store import schema as t
from presslens.store.ingest import ingest, iter_records
from presslens.store.testing import CORPUS


def _count(engine, table):
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_directory_ingest_reads_sidecar_metadata_and_is_idempotent(engine, pipeline):
    lines: list[str] = []
    first = ingest(engine, [str(CORPUS)], pipeline, echo=lines.append)
    assert (first.stored, first.skipped, first.failed) == (7, 0, 0)
    counts = {tb.name: _count(engine, tb) for tb in (t.documents, t.figures, t.claims, t.event_mentions)}
    again = ingest(engine, [str(CORPUS)], pipeline, echo=lines.append)
    assert (again.stored, again.skipped, again.failed) == (0, 7, 0)
    assert {tb.name: _count(engine, tb) for tb in (t.documents, t.figures, t.claims, t.event_mentions)} == counts
    with engine.connect() as conn:
        row = conn.execute(select(t.documents).where(t.documents.c.title.like("UN mission%"))).one()
    assert (row.source, row.published) == ("UN Assistance Mission", "2024-03-15")
    assert lines == []


def test_jsonl_and_csv_rows_with_bad_rows_reported(engine, pipeline, tmp_path):
    good = "Police arrested 12 protesters in the capital on Monday, a spokesman said."
    rows = [
        {"text": good, "title": "Arrests", "date": "2024-02-05", "source": "Wire"},
        {"text": ""},  # empty
        {"title": "no text"},  # missing text
        {"text": "Ein ganz anderer Text auf Deutsch, der nicht englisch ist und hier steht."},
        {"text": "Troops shelled the village of Dara on Friday, killing 4 people.", "date": "2024-99-01"},
    ]
    jsonl = tmp_path / "rows.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in rows) + "\n{not json\n", encoding="utf-8")
    csv_file = tmp_path / "rows.csv"
    csv_file.write_text('title,text,date,source\nClash,"Fighters clashed near Bara on 3 May 2024, '
                        'leaving 5 dead, residents said.",2024-05-04,Radio\n', encoding="utf-8")
    lines: list[str] = []
    report = ingest(engine, [str(jsonl), str(csv_file), str(tmp_path / "missing.txt")], pipeline, echo=lines.append)
    assert (report.stored, report.failed) == (2, 6)
    assert len(lines) == 6 and all(line.startswith("presslens: error: ") and "\n" not in line for line in lines)
    assert any("rows.jsonl line 3" in line and "E503" in line for line in lines)
    assert any("E010" in line for line in lines)  # the bad date
    assert any("E006" in line for line in lines)  # not English
    with engine.connect() as conn:
        sources = {r.source for r in conn.execute(select(t.documents.c.source))}
    assert sources == {"Wire", "Radio"}


def test_text_that_looks_like_a_path_is_never_opened(engine, pipeline, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("The secret file says that 99 people were killed in a secret place.", encoding="utf-8")
    jsonl = tmp_path / "rows.jsonl"
    jsonl.write_text(json.dumps({"text": str(secret)}) + "\n", encoding="utf-8")
    ingest(engine, [str(jsonl)], pipeline, echo=lambda line: None)
    with engine.connect() as conn:
        texts = [r.text for r in conn.execute(select(t.documents.c.text))]
    assert not any("secret file" in x for x in texts)


def test_csv_without_text_column_is_one_error():
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "x.csv"
        p.write_text("title,body\na,b\n", encoding="utf-8")
        items = list(iter_records([str(p)]))
    assert len(items) == 1 and "E505" in str(items[0])


def test_cli_ingest_summary_and_exit_codes(db_url, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"%PDF-1.4 binary")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(CORPUS / "05_wire_abduction.txt"), str(bad), "--db", db_url])
    assert result.exit_code == 1
    assert "1 stored, 0 already stored, 1 failed" in result.stderr
    assert "E002" in result.stderr and "Traceback" not in result.output + result.stderr
    bad_db = runner.invoke(main, ["ingest", str(CORPUS), "--db", "mysql://nobody@localhost/x"])
    assert bad_db.exit_code == 2 and "E501" in bad_db.stderr


def test_a_metadata_field_of_the_wrong_type_is_named_once(engine, pipeline, tmp_path):
    jsonl = tmp_path / "typed.jsonl"
    jsonl.write_text(json.dumps({"text": "Police arrested 12 protesters in the capital on Monday.", "title": 7}) + "\n",
                     encoding="utf-8")
    lines: list[str] = []
    report = ingest(engine, [str(jsonl)], pipeline, echo=lines.append)
    assert report.failed == 1 and len(lines) == 1
    assert "typed.jsonl line 1: 'title' must be a string" in lines[0]
    assert lines[0].count("E503") == 1 and "line 0" not in lines[0]


def test_rows_that_are_not_utf8_are_refused_not_garbled(engine, pipeline, tmp_path):
    good = "Police arrested 12 protesters in the capital on Monday, a spokesman said."
    ndjson = tmp_path / "rows.ndjson"
    ndjson.write_bytes(json.dumps({"text": good}).encode() + b'\n{"text": "Troops shelled D\xe9ra, killing 4."}\n')
    csv_file = tmp_path / "rows.csv"
    csv_file.write_bytes(b"text\n\"Fighters clashed near B\xe2ra on Friday, leaving 5 dead, residents said.\"\n")
    lines: list[str] = []
    report = ingest(engine, [str(ndjson), str(csv_file)], pipeline, echo=lines.append)
    assert (report.stored, report.failed) == (1, 2)
    assert any("rows.ndjson line 2" in line and "not valid UTF-8" in line for line in lines)
    assert any("rows.csv line 2" in line and "not valid UTF-8" in line for line in lines)
    with engine.connect() as conn:
        texts = [r.text for r in conn.execute(select(t.documents.c.text))]
    assert texts == [good] and not any("\ufffd" in x for x in texts)
