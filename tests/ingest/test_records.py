"""INPUT readers: directories, JSONL, CSV, Parquet, globs; ids, origins and unreadable records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from presslens.errors import PresslensError
from presslens.ingest.records import BadRecord, Record, Source


def test_directory_is_walked_in_sorted_order_with_path_ids(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two")
    (tmp_path / "a.html").write_text("<p>one</p>")
    (tmp_path / "skip.pdf").write_bytes(b"%PDF")
    items = list(Source(str(tmp_path), max_bytes=100))
    assert [Path(i.id).relative_to(tmp_path).as_posix() for i in items] == ["a.html", "b/2.txt"]
    assert all(isinstance(i, Record) and i.data is not None for i in items)
    assert Source(str(tmp_path), max_bytes=100).count() == 2


def test_jsonl_rows_ids_metadata_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"id": 7, "text": "hello", "title": "T", "published": "2020-01-02", "url": ""}\n'
                     b"\n"
                     b'{"text": "no id"}\n'
                     b'{"id": "x", "text": "caf\xe9"}\n'
                     b"[1, 2]\n"
                     b'{"id": "n", "text": 5}\n')
    items = list(Source(str(path), max_bytes=100))
    first, second, utf8, array, number = items
    assert isinstance(first, Record) and (first.id, first.text, first.title, first.published, first.url) == (
        "7", "hello", "T", "2020-01-02", None)
    assert isinstance(second, Record) and second.id == second.origin == f"{path}:3"
    assert isinstance(utf8, BadRecord) and (utf8.id, utf8.error.code) == ("x", "E003")
    assert isinstance(array, BadRecord) and array.error.code == "E603"
    assert isinstance(number, BadRecord) and number.error.code == "E604"
    assert Source(str(path), max_bytes=100).count() == 5


def test_csv_and_text_column_option(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text('id,body,source\n1,"line one\nline two",AFP\n2,,\n', encoding="utf-8-sig")  # with a BOM
    items = list(Source(str(path), max_bytes=100, text_column="body"))
    assert isinstance(items[0], Record) and items[0].text == "line one\nline two" and items[0].source == "AFP"
    assert isinstance(items[1], Record) and items[1].text == "" and items[1].id == "2"
    assert Source(str(path), max_bytes=100).count() is None


def test_parquet_input_streams_rows(tmp_path: Path) -> None:
    from datetime import date

    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"text": ["a b c", "d e f"], "published": [date(2020, 5, 1), None], "other": [1, 2]})
    path = tmp_path / "in.parquet"
    pq.write_table(table, path)
    items = list(Source(str(path), max_bytes=100))
    assert [(i.id, i.published) for i in items if isinstance(i, Record)] == [
        (f"{path}:1", "2020-05-01"), (f"{path}:2", None)]
    assert Source(str(path), max_bytes=100).count() == 2


def test_glob_and_missing_or_unsupported_input(tmp_path: Path) -> None:
    for name in ("a.jsonl", "b.jsonl"):
        (tmp_path / name).write_text(json.dumps({"id": name, "text": "t"}) + "\n")
    assert [i.id for i in Source(str(tmp_path / "*.jsonl"), max_bytes=100)] == ["a.jsonl", "b.jsonl"]
    with pytest.raises(PresslensError) as err:
        Source(str(tmp_path / "*.csv"), max_bytes=100)
    assert err.value.code == "E601"
    (tmp_path / "x.xlsx").write_text("")
    with pytest.raises(PresslensError) as err:
        Source(str(tmp_path / "x.xlsx"), max_bytes=100)
    assert err.value.code == "E602"


def test_a_malformed_csv_is_one_bad_record_not_a_stopped_batch(tmp_path: Path) -> None:
    # an unclosed quote: the field runs to the end of the file and past the field-size limit
    path = tmp_path / "broken.csv"
    path.write_text('id,text\n1,"Police said 12 people were held."\n2,"Troops shelled the camp'
                    + " and the night went on" * 7000 + "\n", encoding="utf-8")
    items = list(Source(str(path), max_bytes=1000))
    assert isinstance(items[0], Record) and items[0].id == "1"
    assert len(items) == 2 and isinstance(items[1], BadRecord)  # not one garbled article
    assert items[1].error.code == "E603" and "malformed CSV" in str(items[1].error)
    assert items[1].origin.endswith("broken.csv:2")


def test_column_names_ignore_case_and_date_fills_published(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("id,Text,Date,SOURCE\n9,Troops shelled the camp.,2024-03-01,Radio\n", encoding="utf-8")
    (item,) = Source(str(path), max_bytes=1000)
    assert isinstance(item, Record)
    assert (item.id, item.text, item.published, item.source) == ("9", "Troops shelled the camp.", "2024-03-01", "Radio")


def test_a_table_without_the_text_column_is_one_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("title,body\na,b\nc,d\n", encoding="utf-8")
    items = list(Source(str(path), max_bytes=1000))
    assert len(items) == 1 and isinstance(items[0], BadRecord) and items[0].error.code == "E615"
    assert "'text'" in str(items[0].error) and "title, body" in str(items[0].error)


def test_metadata_that_is_not_text_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": "Police held 12 people.", "title": {"a": 1}}) + "\n"
                    + json.dumps({"text": "Police held 12 people.", "published": 2024}) + "\n", encoding="utf-8")
    first, second = Source(str(path), max_bytes=1000)
    assert isinstance(first, BadRecord) and "'title' must be text, not dict" in str(first.error)
    assert isinstance(second, BadRecord) and "'published' must be text, not int" in str(second.error)


def test_a_sidecar_gives_an_article_file_its_metadata_and_a_broken_one_is_named(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Police held 12 people.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"Title": "Arrests", "date": "2024-02-05"}), encoding="utf-8")
    (tmp_path / "b.txt").write_text("Police held 3 people.", encoding="utf-8")
    (tmp_path / "b.meta.json").write_text("{not json", encoding="utf-8")
    first, second = Source(str(tmp_path), max_bytes=1000)
    assert isinstance(first, Record) and (first.title, first.published) == ("Arrests", "2024-02-05")
    assert isinstance(second, BadRecord) and second.error.code == "E603" and "b.meta.json" in str(second.error)


def test_a_directory_without_article_files_is_an_error_not_an_empty_run(tmp_path: Path) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    with pytest.raises(PresslensError) as err:
        Source(str(tmp_path), max_bytes=100)
    assert err.value.code == "E008"


def test_a_file_that_breaks_its_reader_is_one_bad_record_and_the_stream_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.parquet").write_bytes(b"junk that is not parquet")
    (tmp_path / "b.jsonl").write_text('{"id": "deep", "text": ' + "[" * 200_000 + "\n"
                                      + json.dumps({"id": "good", "text": "Police held 12 people."}) + "\n",
                                      encoding="utf-8")
    items = list(Source(str(tmp_path / "*"), max_bytes=1000))
    bad_parquet, deep, good = items
    assert isinstance(bad_parquet, BadRecord) and bad_parquet.error.code == "E603"
    assert "\n" not in str(bad_parquet.error) and bad_parquet.origin.endswith("a.parquet:1")
    assert isinstance(deep, BadRecord) and "nested too deeply" in str(deep.error)
    assert isinstance(good, Record) and good.id == "good"


def test_the_id_column_is_matched_exactly_so_resume_ids_never_change(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"ID": "a1", "text": "Police held 12 people."}\n{"id": "a2", "text": "caf\xe9"}\n')
    first, second = Source(str(path), max_bytes=1000)
    assert isinstance(first, Record) and first.id == f"{path}:1"  # "ID" is not the id column "id"
    assert isinstance(second, BadRecord) and second.id == "a2"  # salvaged from a row that is not UTF-8


def test_a_hostile_header_is_named_on_one_line_without_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "hdr.csv"
    path.write_text('"head\nline2\x1b[31m",body\na,b\n', encoding="utf-8")
    (item,) = Source(str(path), max_bytes=1000)
    assert isinstance(item, BadRecord) and item.error.code == "E615"
    message = str(item.error)
    assert "\n" not in message and "\x1b" not in message and "head line2" in message


def test_directories_can_hold_tables_for_ingest_but_not_for_batch(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Police held 12 people.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "row", "text": "Troops shelled the camp."}) + "\n",
                                      encoding="utf-8")
    assert [i.id for i in Source(str(tmp_path), max_bytes=1000, tables_in_directories=True)] == [
        str(tmp_path / "a.txt"), "row"]
    assert [i.id for i in Source(str(tmp_path), max_bytes=1000)] == [str(tmp_path / "a.txt")]


def test_a_parquet_id_column_named_in_capitals_is_read_as_given(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"DocID": ["a1"], "Text": ["Police held 12 people."]}), tmp_path / "in.parquet")
    (item,) = Source(str(tmp_path / "in.parquet"), max_bytes=1000, id_column="DocID")
    assert isinstance(item, Record) and (item.id, item.text) == ("a1", "Police held 12 people.")
