"""The local engine end to end: summary and errors file with bad documents mixed in, resume,
Parquet output, and runs killed for real (SIGKILL of the driver, of a worker)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from presslens.batch import run_batch
from presslens.settings import Settings

from .conftest import assert_exactly_once, cli, cli_args, kill, read_dataset, wait_for_commit, write_input


def test_bad_documents_go_to_the_errors_file_and_a_rerun_skips_everything(tmp_path: Path,
                                                                          settings: Settings) -> None:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out"
    expected = write_input(inp, 24)
    summary = run_batch(str(inp), out, engine="local", workers=2, batch_size=4, settings=settings, chunk_size=10)
    n_bad = sum(1 for v in expected.values() if v)
    assert (summary.ok, summary.failed, summary.skipped) == (24, n_bad + 1, 0)
    assert summary.codes["E006"] == 1 and summary.codes["E612"] == 1
    assert_exactly_once(out, expected)
    lines, errors = read_dataset(out)
    first = json.loads(lines[0])
    assert set(first) == {"id", "origin", "analysis"} and first["analysis"]["document"]["source"] == "Wire"
    assert all(set(e) == {"id", "origin", "code", "reason"} and "\n" not in e["reason"] for e in errors)
    before = sorted(p.read_bytes() for p in out.glob("part-*"))
    again = run_batch(str(inp), out, engine="local", workers=1, settings=settings)
    # Every document was done (the second copy of a duplicated id counts as done too).
    assert (again.ok, again.failed, again.skipped) == (0, 0, len(expected) + 1)
    assert again.failed_before == n_bad and f"({n_bad} of them failed earlier)" in again.line()
    assert sorted(p.read_bytes() for p in out.glob("part-*")) == before


def test_parquet_output_is_a_queryable_dataset(tmp_path: Path, settings: Settings) -> None:
    import pyarrow.parquet as pq
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.parquet"
    write_input(inp, 6, with_bad=False)
    summary = run_batch(str(inp), out, engine="local", workers=1, settings=settings)
    assert summary.ok == 6
    table = pq.read_table(out).sort_by("id")
    assert table.column("id").to_pylist() == [f"doc-{i:04d}" for i in range(6)]
    assert all(n >= 1 for n in table.column("figures").to_pylist())
    analysis = json.loads(table.column("analysis")[0].as_py())
    assert analysis["document"]["id"] == table.column("document_id")[0].as_py()


def test_cli_help_groups_options_and_errors_are_one_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from presslens.cli import main

    result = CliRunner().invoke(main, ["batch", "--help"])
    assert result.exit_code == 0
    for group in ("Input:", "Output:", "Engine:", "Analysis:", "Display:"):
        assert group in result.output
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "[E601]" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(main, ["batch", str(tmp_path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "[E008]" in result.output  # an empty directory is said, not a 0-document run
    (tmp_path / "a.txt").write_text("Police arrested 12 protesters in the capital on Monday.", encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(tmp_path), "--out", "mysql://u@h/db"])
    assert result.exit_code == 2 and ("[E501]" in result.output or "[E611]" in result.output)


def test_exit_status_is_0_when_every_document_was_analysed_and_1_when_any_failed(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from presslens.cli import main

    good, mixed = tmp_path / "good.jsonl", tmp_path / "mixed.jsonl"
    write_input(good, 3, with_bad=False)
    write_input(mixed, 3)
    for inp, status in ((good, 0), (mixed, 1), (mixed, 1)):  # the rerun skips all: its failures were earlier
        result = CliRunner().invoke(main, ["batch", *cli_args(inp, tmp_path / f"out-{inp.stem}", "--workers", "1")])
        assert result.exit_code == status, result.output


def test_driver_killed_mid_run_then_resumed_gives_every_document_once(tmp_path: Path) -> None:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out"
    expected = write_input(inp, 120)
    proc = cli(*cli_args(inp, out, "--workers", "2", "--batch-size", "4", "--chunk-size", "10"))
    wait_for_commit(out, proc, chunks=2)
    kill(proc.pid)
    proc.communicate()
    done_before = (out / "_manifest.jsonl").read_bytes().count(b"\n")
    resumed = subprocess.run([sys.executable, "-m", "presslens.cli", "batch",
                              *cli_args(inp, out, "--workers", "2", "--chunk-size", "50")],
                             capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 1, resumed.stderr  # the input's bad documents failed, in this run or before
    assert "skipped" in resumed.stderr and " 0 skipped" not in resumed.stderr
    assert done_before >= 2
    assert_exactly_once(out, expected, resumed=True)


def _worker_pids(parent: int) -> list[int]:
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == parent and b"spawn_main" in cmdline:
            pids.append(int(stat.parent.name))
    return pids


def test_worker_killed_mid_run_is_replaced_and_nothing_is_lost(tmp_path: Path) -> None:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out"
    expected = write_input(inp, 120)
    proc = cli(*cli_args(inp, out, "--workers", "2", "--batch-size", "4", "--chunk-size", "10"))
    wait_for_commit(out, proc)
    deadline = time.monotonic() + 30
    while not (workers := _worker_pids(proc.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert workers, "no worker process found"
    kill(workers[0])
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err.decode()  # 1: the input's bad documents failed
    assert_exactly_once(out, expected)
