"""The committed-chunk protocol: what survives a crash at each step, and what is redone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from presslens.batch.sink import OutputDataset
from presslens.errors import PresslensError


def ok(i: int) -> dict[str, object]:
    return {"id": f"d{i}", "origin": f"o{i}", "ok": True, "analysis": json.dumps({"n": i}), "published": None}


def bad(i: int) -> dict[str, object]:
    return {"id": f"e{i}", "origin": f"o{i}", "ok": False, "code": "E001", "reason": "empty"}


def test_chunks_commit_by_size_and_resume_skips_done(tmp_path: Path) -> None:
    sink = OutputDataset(tmp_path, "jsonl", chunk_size=3)
    assert sink.open() == set()
    sink.add([ok(1), ok(2), bad(1)])  # reaches chunk_size: committed
    sink.add([ok(3)])  # pending only
    assert sorted(p.name for p in tmp_path.glob("part-*")) == ["part-000001.jsonl"]
    again = OutputDataset(tmp_path, "jsonl", chunk_size=3)
    assert again.open() == {"d1", "d2", "e1"}
    lines = (tmp_path / "part-000001.jsonl").read_text().splitlines()
    assert [json.loads(x) for x in lines] == [{"id": "d1", "origin": "o1", "analysis": {"n": 1}},
                                              {"id": "d2", "origin": "o2", "analysis": {"n": 2}}]
    assert json.loads((tmp_path / "_errors.jsonl").read_text()) == {"id": "e1", "origin": "o1", "code": "E001",
                                                                    "reason": "empty"}


def test_crash_between_steps_is_rolled_back(tmp_path: Path) -> None:
    sink = OutputDataset(tmp_path, "jsonl", chunk_size=2)
    sink.open()
    sink.add([ok(1), bad(1)])
    committed_errors = (tmp_path / "_errors.jsonl").read_bytes()
    # A second chunk whose part file was renamed and whose errors were appended, but whose
    # manifest line was torn by the kill: it never committed.
    (tmp_path / "part-000002.jsonl").write_text('{"id": "d2"}\n')
    (tmp_path / ".part-000003.jsonl.tmp").write_text("half")
    with (tmp_path / "_errors.jsonl").open("ab") as fh:
        fh.write(b'{"id": "e2", "origin": "o2", "code": "E001", "reason": "empty"}\n')
    with (tmp_path / "_manifest.jsonl").open("ab") as fh:
        fh.write(b'{"chunk": 2, "file": "part-000002.jsonl", "ok": ["d2"]')
    again = OutputDataset(tmp_path, "jsonl", chunk_size=2)
    assert again.open() == {"d1", "e1"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_batch.json", "_errors.jsonl", "_manifest.jsonl",
                                                          "part-000001.jsonl"]
    assert (tmp_path / "_errors.jsonl").read_bytes() == committed_errors
    again.add([ok(2), bad(2)])
    assert again.chunk == 2 and (tmp_path / "part-000002.jsonl").exists()
    assert OutputDataset(tmp_path, "jsonl").open() == {"d1", "e1", "d2", "e2"}


def test_format_mismatch_and_unknown_format_are_refused(tmp_path: Path) -> None:
    OutputDataset(tmp_path, "jsonl").open()
    with pytest.raises(PresslensError) as err:
        OutputDataset(tmp_path, "parquet").open()
    assert err.value.code == "E605"
    with pytest.raises(PresslensError) as err:
        OutputDataset(tmp_path / "new", "xml")
    assert err.value.code == "E606"


def test_parquet_parts_have_a_flat_schema(tmp_path: Path) -> None:
    import pyarrow.parquet as pq
    sink = OutputDataset(tmp_path, "parquet", chunk_size=10)
    sink.open()
    row = {**ok(1), "published": "2021-02-03", "authors": ["A"], "words": 5, "technique_names": ["Doubt"]}
    sink.add([row, ok(2)])
    sink.commit()
    table = pq.read_table(tmp_path)  # files starting with _ are not part of the dataset
    assert table.num_rows == 2
    assert str(table.schema.field("published").type) == "date32[day]"
    assert table.column("technique_names").to_pylist() == [["Doubt"], None]
