"""The Ray Data engine on a local 2-CPU Ray (one Ray session shared by these tests): same
results as the local engine byte for byte, and runs killed for real resume exactly once."""

from __future__ import annotations

import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import ray  # noqa: E402  (installed by scripts/test: a missing Ray fails, never skips)
import ray.data  # noqa: E402,F401

from presslens.batch import run_batch
from presslens.settings import Settings

from .conftest import assert_exactly_once, cli, cli_args, kill, read_dataset, wait_for_commit, write_input


@pytest.fixture(scope="module")
def ray_address() -> Iterator[str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield ray.get_runtime_context().gcs_address
    finally:
        ray.shutdown()


def test_ray_and_local_engines_give_identical_results(tmp_path: Path, settings: Settings, ray_address: str) -> None:
    inp = tmp_path / "in.jsonl"
    expected = write_input(inp, 20)
    local = run_batch(str(inp), tmp_path / "local", engine="local", workers=2, batch_size=4, settings=settings)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Ray's own deprecation and resource notices
        remote = run_batch(str(inp), tmp_path / "ray", engine="ray", workers=2, batch_size=4, settings=settings)
    assert (remote.ok, remote.failed, remote.skipped) == (local.ok, local.failed, local.skipped) == (20, 8, 0)
    local_lines, local_errors = read_dataset(tmp_path / "local")
    ray_lines, ray_errors = read_dataset(tmp_path / "ray")
    assert sorted(ray_lines) == sorted(local_lines)
    key = lambda e: (e["id"], e["code"])  # noqa: E731
    assert sorted(ray_errors, key=key) == sorted(local_errors, key=key)
    assert_exactly_once(tmp_path / "ray", expected)


def _actor_pids() -> list[int]:
    pids = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if b"RayAnalyzer" in cmdline.read_bytes():
                pids.append(int(cmdline.parent.name))
        except (OSError, ValueError):
            continue
    return pids


def _finish(inp: Path, out: Path, address: str) -> None:
    resumed = subprocess.run([sys.executable, "-m", "presslens.cli", "batch",
                              *cli_args(inp, out, "--engine", "ray", "--workers", "2", "--address", address)],
                             capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 1, resumed.stderr[-3000:]  # 1: the input's bad documents failed


def test_ray_driver_killed_then_resumed_gives_every_document_once(tmp_path: Path, ray_address: str) -> None:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out"
    expected = write_input(inp, 120)
    proc = cli(*cli_args(inp, out, "--engine", "ray", "--workers", "2", "--batch-size", "4", "--chunk-size", "10",
                         "--address", ray_address))
    wait_for_commit(out, proc, chunks=2)
    kill(proc.pid)
    proc.communicate()
    _finish(inp, out, ray_address)
    assert_exactly_once(out, expected, resumed=True)


def test_ray_worker_killed_mid_run_loses_nothing(tmp_path: Path, ray_address: str) -> None:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out"
    expected = write_input(inp, 120)
    proc = cli(*cli_args(inp, out, "--engine", "ray", "--workers", "2", "--batch-size", "4", "--chunk-size", "10",
                         "--address", ray_address))
    wait_for_commit(out, proc)
    deadline = time.monotonic() + 30
    while not (actors := _actor_pids()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert actors, "no Ray actor process found"
    kill(actors[0])
    _, err = proc.communicate(timeout=300)
    # Ray restarts the actor and retries its batch; if it gives up instead, the run stops
    # with E614 having kept what it finished, and a second run completes it.
    if proc.returncode != 1:
        assert proc.returncode == 2 and b"[E614]" in err, err.decode()[-3000:]
        _finish(inp, out, ray_address)
    assert_exactly_once(out, expected, resumed=True)
