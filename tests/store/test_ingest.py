"""presslens ingest: directories with metadata sidecars, JSONL and CSV; idempotent; bad
documents reported one line each while the run goes on."""

from __future__ import annotations

import json

from click.testing import CliRunner
from sqlalchemy import func, select

from presslens.cli import main
from presslens.ingest.records import BadRecord
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
    assert any(f"{jsonl}:3: [E604]" in line for line in lines)  # no text
    assert any(f"{jsonl}:6: [E603]" in line and "not valid JSON" in line for line in lines)
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


def test_tables_without_the_text_column_are_one_error_each(pipeline, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    csv_file = tmp_path / "x.csv"
    csv_file.write_text("title,body\na,b\nc,d\n", encoding="utf-8")
    pq.write_table(pa.table({"body": ["a", "b"]}), tmp_path / "x.parquet")
    items = list(iter_records([str(csv_file), str(tmp_path / "x.parquet"), str(tmp_path / "nothing.csv")],
                              pipeline.settings))
    assert [item.error.code for item in items if isinstance(item, BadRecord)] == ["E615", "E615", "E601"]
    assert len(items) == 3 and "found: title, body" in str(items[0].error)


def test_parquet_rows_and_a_named_text_column_are_ingested(engine, pipeline, tmp_path):
    from datetime import date

    import pyarrow as pa
    import pyarrow.parquet as pq

    body = "Fighters clashed near Bara on 3 May 2024, leaving 5 dead, residents said."
    pq.write_table(pa.table({"Body": [body], "Date": [date(2024, 5, 4)], "Source": ["Radio"]}), tmp_path / "r.parquet")
    report = ingest(engine, [str(tmp_path / "r.parquet")], pipeline, echo=lambda line: None, text_column="body")
    assert (report.stored, report.failed) == (1, 0)
    with engine.connect() as conn:
        row = conn.execute(select(t.documents)).one()
    assert (row.text, row.published, row.source) == (body, "2024-05-04", "Radio")


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
    assert f"{jsonl}:1: [E603]" in lines[0] and "'title' must be text, not int" in lines[0]
    assert lines[0].count("E603") == 1


def test_rows_that_are_not_utf8_are_refused_not_garbled(engine, pipeline, tmp_path):
    good = "Police arrested 12 protesters in the capital on Monday, a spokesman said."
    ndjson = tmp_path / "rows.ndjson"
    ndjson.write_bytes(json.dumps({"text": good}).encode() + b'\n{"text": "Troops shelled D\xe9ra, killing 4."}\n')
    csv_file = tmp_path / "rows.csv"
    csv_file.write_bytes(b"text\n\"Fighters clashed near B\xe2ra on Friday, leaving 5 dead, residents said.\"\n")
    lines: list[str] = []
    report = ingest(engine, [str(ndjson), str(csv_file)], pipeline, echo=lines.append)
    assert (report.stored, report.failed) == (1, 2)
    assert any(f"{ndjson}:2: [E003]" in line for line in lines)
    assert any(f"{csv_file}:1: [E003]" in line for line in lines)
    with engine.connect() as conn:
        texts = [r.text for r in conn.execute(select(t.documents.c.text))]
    assert texts == [good] and not any("\ufffd" in x for x in texts)


def test_an_unexpected_failure_is_one_failed_document_and_the_run_goes_on(engine, pipeline, tmp_path, monkeypatch):
    folder = tmp_path / "feeds"
    folder.mkdir()
    (folder / "a.jsonl").write_text(
        json.dumps({"text": "Police arrested 12 protesters in the capital on Monday, a spokesman said."}) + "\n"
        + json.dumps({"text": "Fighters clashed near Bara on Friday, leaving 5 dead, residents said."}) + "\n",
        encoding="utf-8")
    (folder / "b.csv").write_text('text\n"Troops shelled the village of Dara on Friday, killing 4 people."\n',
                                  encoding="utf-8")
    real = pipeline.analyze_article

    def flaky(article):
        if "Bara" in article.text:
            raise RuntimeError("boom\nin two lines")
        return real(article)

    monkeypatch.setattr(pipeline, "analyze_article", flaky)
    lines: list[str] = []
    report = ingest(engine, [str(folder)], pipeline, echo=lines.append)  # tables inside a directory are read
    assert (report.stored, report.failed) == (2, 1)
    assert len(lines) == 1 and "[E607]" in lines[0] and "\n" not in lines[0] and "a.jsonl:2" in lines[0]


def test_without_the_store_extra_ingest_says_so_in_one_line(tmp_path, monkeypatch):
    import sys

    for name in [m for m in sys.modules if m.split(".")[0] == "sqlalchemy" or m.startswith("presslens.store.")]:
        if name != "presslens.store.cli":
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "sqlalchemy", None)
    result = CliRunner().invoke(main, ["ingest", str(CORPUS), "--db", f"sqlite:///{tmp_path / 'x.db'}"])
    assert result.exit_code == 2 and "[E504]" in result.stderr and "Traceback" not in result.output + result.stderr


def test_a_range_of_days_is_stored_and_spans_the_reconciled_event(engine, pipeline, tmp_path):
    from presslens.reconcile.run import ReconcileOptions, reconcile_db

    rows = [
        {"text": "Between 2 and 6 May, heavy fighting in the Dorsa valley displaced an estimated 12,500 people, "
                 "according to the UN.", "title": "Dorsa", "date": "2026-05-10", "source": "UN"},
        {"text": "Some 12,000 people fled fighting in the Dorsa valley on 5 May, a local official said.",
         "title": "Flight", "date": "2026-05-07", "source": "Radio Dorsa"},
    ]
    (tmp_path / "rows.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert ingest(engine, [str(tmp_path / "rows.jsonl")], pipeline).stored == 2
    with engine.connect() as conn:
        mentions = conn.execute(select(t.event_mentions.c.date, t.event_mentions.c.date_last)
                                .order_by(t.event_mentions.c.date)).all()
    assert ("2026-05-02", "2026-05-06") in [tuple(m) for m in mentions]
    reconcile_db(engine, ReconcileOptions(use_embeddings=False))
    with engine.connect() as conn:
        events = conn.execute(select(t.events.c.date_first, t.events.c.date_last, t.events.c.n_sources)).all()
    assert [tuple(e) for e in events] == [("2026-05-02", "2026-05-06", 2)]


def test_figures_and_claims_keep_whose_word_they_rest_on(engine, pipeline, tmp_path):
    """A release's unattributed figure rests on its issuer; a quoted one on whoever is quoted:
    plain columns that a Datasette user can filter on."""
    (tmp_path / "release.txt").write_text(
        "NATIONAL POLICE SERVICE\n\nPRESS RELEASE\n\n14 June 2019\n\n"
        "Officers arrested 23 people after fans of two rival clubs fought outside the stadium on Saturday. "
        "A nurse at the city hospital said four people were treated for minor injuries.\n", encoding="utf-8")
    assert ingest(engine, [str(tmp_path)], pipeline).stored == 1
    with engine.connect() as conn:
        figures = {r.text: r for r in conn.execute(select(t.figures))}
        claims = list(conn.execute(select(t.claims).where(t.claims.c.text.like("A nurse%"))))
    arrested, treated = figures["23"], figures["four"]
    assert (arrested.attribution, arrested.attribution_issuer, arrested.attribution_named) == (
        "NATIONAL POLICE SERVICE", True, True)
    assert (treated.attribution, treated.attribution_cue, treated.attribution_issuer) == (
        "A nurse at the city hospital", "said", False)
    assert [(c.attribution_cue, c.attribution_issuer) for c in claims] == [("said", False)]
