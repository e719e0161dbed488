"""Shared helpers for the batch tests: short articles we write ourselves, bad documents mixed
in, and readers that check the output dataset."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from presslens.settings import RULE_COMPONENTS, Settings, load_settings

RULES = RULE_COMPONENTS
MAX_BYTES = 4000

PLACES = ["Gao", "Mosul", "Goma", "Kharkiv", "Taiz", "Idlib", "Mopti", "Bunia", "Sirte", "Juba"]
SPEAKERS = ["a police spokesman", "the governor", "a hospital doctor", "the United Nations", "a witness"]
GROUPS = ["rebels", "soldiers", "gunmen", "militia fighters", "protesters"]


def article(i: int) -> str:
    rng = random.Random(i)
    place, speaker, group = rng.choice(PLACES), rng.choice(SPEAKERS), rng.choice(GROUPS)
    killed, hurt = rng.randint(2, 90), rng.randint(3, 200)
    return (f"At least {killed} people were killed and {hurt} injured when {group} attacked a market in {place} "
            f"on Monday, {speaker} said. The attack was the worst in the region this year. "
            f"\"We are afraid they will come back,\" said a resident who asked not to be named. "
            f"Officials said {rng.randint(2, 30)} suspects had been arrested, a claim that could not be verified. "
            f"Aid groups warned that thousands of families may have fled their homes. Report number {i}.")


def good_rows(n: int) -> list[dict[str, Any]]:
    return [{"id": f"doc-{i:04d}", "text": article(i), "source": "Wire", "published": "2021-03-0" + str(1 + i % 9)}
            for i in range(n)]


# Bad documents and the error code each must get.
BAD_ROWS: list[tuple[dict[str, Any], str]] = [
    ({"id": "bad-french", "text": "Le gouvernement a annoncé que les élections auront lieu dans le pays et que "
                                  "les partis sont prêts pour la campagne avec des candidats."}, "E006"),
    ({"id": "bad-long", "text": article(7) + " More." * 900}, "E004"),
    ({"id": "bad-empty", "text": "   \n  "}, "E001"),
    ({"id": "bad-notext", "body": "no text column here"}, "E604"),
    ({"id": "bad-date", "text": article(3), "published": "last Tuesday"}, "E010"),
]


def write_input(path: Path, n_good: int, *, with_bad: bool = True) -> dict[str, str]:
    """Write a JSONL input; return {id: expected error code or "" for a good document}."""
    expected: dict[str, str] = {}
    lines: list[bytes] = []
    rows = good_rows(n_good)
    for row in rows:
        expected[row["id"]] = ""
    bad = list(BAD_ROWS) if with_bad else []
    for row, code in bad:
        expected[row["id"]] = code
    for i, row in enumerate(rows):
        lines.append(json.dumps(row).encode())
        if with_bad and i % max(1, n_good // (len(bad) + 3)) == 0 and bad:
            lines.append(json.dumps(bad.pop(0)[0]).encode())
    for row, _ in bad:
        lines.append(json.dumps(row).encode())
    if with_bad:
        lines.insert(3, b'{"id": "bad-utf8", "text": "caf\xe9 au lait was served to soldiers in the town"}')
        expected["bad-utf8"] = "E003"
        lines.insert(5, b'{"id": "broken json", "text": ')
        expected[f"{path}:6"] = "E603"
        lines.append(json.dumps(rows[1]).encode())  # the same id twice
    path.write_bytes(b"\n".join(lines) + b"\n")
    return expected


def test_settings() -> Settings:
    from dataclasses import replace

    return replace(load_settings(), components=RULES, max_bytes=MAX_BYTES)


def read_dataset(out: Path) -> tuple[list[str], list[dict[str, Any]]]:
    """(result lines of all committed JSONL parts, error rows); asserts no temporary files."""
    assert not [p for p in out.iterdir() if p.name.startswith(".")], list(out.iterdir())
    lines: list[str] = []
    for part in sorted(out.glob("part-*.jsonl")):
        lines.extend(part.read_text(encoding="utf-8").splitlines())
    errors_file = out / "_errors.jsonl"
    errors = [json.loads(x) for x in errors_file.read_text(encoding="utf-8").splitlines()] if errors_file.exists() else []
    return lines, errors


def assert_exactly_once(out: Path, expected: dict[str, str], *, resumed: bool = False) -> None:
    """Every good document once in the results, every bad one once in the errors file. The
    id given twice in the input is reported once (E612), or not at all when its first copy
    was done by an earlier run (then the second copy is skipped)."""
    lines, errors = read_dataset(out)
    ok_ids = [json.loads(line)["id"] for line in lines]
    assert len(ok_ids) == len(set(ok_ids)), "a document was written twice"
    assert sorted(ok_ids) == sorted(k for k, v in expected.items() if not v)
    duplicates = [e for e in errors if e["code"] == "E612"]
    assert len(duplicates) in ((0, 1) if resumed else (1,))
    failed = {e["id"]: e["code"] for e in errors if e["code"] != "E612"}
    assert len(failed) == len(errors) - len(duplicates), "an error was written twice"
    assert failed == {k: v for k, v in expected.items() if v}


def cli(*args: str, **kw: Any) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.Popen([sys.executable, "-m", "presslens.cli", "batch", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def cli_args(inp: Path, out: Path, *extra: str) -> list[str]:
    return [str(inp), "--out", str(out), "--components", ",".join(RULES), "--max-bytes", str(MAX_BYTES),
            "--no-progress", *extra]


def wait_for_commit(out: Path, proc: subprocess.Popen[bytes], chunks: int = 1, timeout: float = 180) -> None:
    manifest = out / "_manifest.jsonl"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if manifest.exists() and manifest.read_bytes().count(b"\n") >= chunks:
            return
        if proc.poll() is not None:
            raise AssertionError(f"run ended before the kill: {proc.communicate()[1].decode()[-2000:]}")
        time.sleep(0.05)
    raise AssertionError("no chunk committed in time")


def kill(pid: int) -> None:
    os.kill(pid, signal.SIGKILL)


@pytest.fixture()
def settings() -> Settings:
    return test_settings()
