"""The CLI as a user runs it: formats, exit codes, one-line errors, batches that go on."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from presslens.cli import main
from presslens.schema import validate
from presslens.settings import RULE_COMPONENTS
from tests.conftest import EXAMPLE

RULES = ",".join(RULE_COMPONENTS)


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """A real process: what a user sees, tracebacks included if there were any."""
    return subprocess.run([sys.executable, "-m", "presslens.cli", *args], input=stdin.decode() if stdin else None,
                          capture_output=True, text=True, timeout=240)


def test_analyze_json_matches_schema() -> None:
    result = CliRunner().invoke(main, ["analyze", str(EXAMPLE), "--published", "2013-10-10", "-f", "json",
                                       "--components", RULES])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    validate(data)
    assert data["document"]["published"] == "2013-10-10"
    assert data["events"][0]["date"]["value"] == "2013-09-01"


@pytest.mark.parametrize("fmt, probe", [("html", 'class="hl tech'), ("text", "Events"), ("webanno", "TextQuoteSelector"),
                                        ("labelstudio", '"predictions"'), ("csv", "event_date")])
def test_every_format_renders(fmt: str, probe: str) -> None:
    result = CliRunner().invoke(main, ["analyze", str(EXAMPLE), "--published", "2013-10-10", "-f", fmt,
                                       "--components", RULES])
    assert result.exit_code == 0, result.output
    assert probe in result.stdout


def test_csv_has_acled_columns_and_fatalities() -> None:
    result = CliRunner().invoke(main, ["analyze", str(EXAMPLE), "--published", "2013-10-10", "-f", "csv",
                                       "--components", RULES])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["event_date"] == "2013-09-01"
    assert rows[0]["fatalities"] == "52"
    assert rows[0]["location"] == "Camp X"


def test_directory_run_reports_failures_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a_good.txt").write_text(EXAMPLE.read_text())
    (tmp_path / "b_empty.txt").write_text("")
    (tmp_path / "c_binary.txt").write_bytes(b"%PDF-1.4 binary")
    (tmp_path / "d_german.txt").write_text("Bei dem Angriff auf das Lager sind nach Angaben der Polizei am Montag "
                                           "mindestens zwölf Menschen getötet worden, sagte die Regierung.")
    (tmp_path / "e_good.txt").write_text("Police said 12 protesters were arrested in the capital on Monday.")
    proc = run("analyze", str(tmp_path), "-f", "json", "--components", RULES)
    assert proc.returncode == 1
    results = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(results) == 2
    errors = [line for line in proc.stderr.splitlines() if line.startswith("presslens: error:")]
    assert len(errors) == 3
    assert any("b_empty.txt" in e and "[E001]" in e for e in errors)
    assert any("c_binary.txt" in e and "[E002]" in e for e in errors)
    assert any("d_german.txt" in e and "German" in e for e in errors)
    assert "2 analysed, 3 failed" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("args, stdin, code", [
    (["analyze", "-"], b"", "E001"),
    (["analyze", "/no/such/file.txt"], None, "E007"),
    (["analyze", "-", "--published", "yesterday"], b"Police said 12 people were arrested.", "E010"),
    (["analyze", "-", "--max-bytes", "10"], b"Police said 12 people were arrested on Monday.", "E004"),
    (["analyze", "-", "-f", "pdf"], b"Police said 12 people were arrested.", "E102"),
    (["analyze", "-", "-o", "/no/such/dir/out.json"], b"Police said 12 people were arrested on Monday.", "E012"),
])
def test_bad_input_one_line_error_no_traceback(args: list[str], stdin: bytes | None, code: str) -> None:
    proc = run(*args, "--components", RULES, stdin=stdin)
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and f"[{code}]" in lines[0], proc.stderr
    assert lines[0].startswith("presslens: error:")


def test_stdin_and_html_metadata(tmp_path: Path) -> None:
    page = Path(__file__).parent / "gold" / "07_protest_arrests.html"
    proc = run("analyze", "-", "-f", "json", "--components", RULES, stdin=page.read_bytes())
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)["document"]
    assert doc["published"] == "2022-05-14"
    assert doc["title"] and "<" not in doc["text"]
