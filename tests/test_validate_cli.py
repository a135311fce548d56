"""`cli.py validate` through click's test runner: output formats, summary and exit codes."""
from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from cli import cli
from teipub.xmlinput import display_path

FIXTURES = Path(__file__).parent / "fixtures" / "validate"
GOOD = FIXTURES / "good"
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+) \[(?P<rule>[a-z0-9-]+)\]$")
SUMMARY = re.compile(r"^\d+ files? checked: \d+ errors?, \d+ warnings? in \d+\.\d\ds$")


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["validate", *args])


def test_valid_collection_exits_0_with_a_summary() -> None:
    result = run("--collection", str(GOOD))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 1 and SUMMARY.match(lines[0])
    assert lines[0].startswith("6 files checked: 0 errors, 0 warnings")


def test_invalid_file_exits_1_with_one_line_per_problem_and_a_hint() -> None:
    path = FIXTURES / "bad" / "date-order.xml"
    result = run("--collection", str(GOOD), str(path))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    problems = [LINE.match(line) for line in lines[:-1:2]]
    assert all(problems), lines
    assert [(m["file"], m["line"], m["sev"], m["rule"]) for m in problems] == [
        (display_path(path.resolve()), "31", "error", "date-order"),
        (display_path(path.resolve()), "32", "error", "date-order")]
    assert all(h.startswith("  hint: ") for h in lines[1:-1:2])
    assert SUMMARY.match(lines[-1]) and "2 errors" in lines[-1]


def test_warnings_exit_0_unless_strict() -> None:
    path = str(FIXTURES / "bad" / "name-untagged.xml")
    lenient = run("--collection", str(GOOD), path)
    assert lenient.exit_code == 0 and ": warning: " in lenient.output
    strict = run("--strict", "--collection", str(GOOD), path)
    assert strict.exit_code == 1 and ": warning: " not in strict.output and "3 errors" in strict.output


def test_json_format() -> None:
    path = FIXTURES / "bad" / "num-bounds.xml"
    result = run("--format", "json", "--collection", str(GOOD), str(path))
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["files"] == 1 and data["errors"] == 3 and data["warnings"] == 0
    assert isinstance(data["elapsed"], float)
    first = data["problems"][0]
    assert set(first) == {"file", "line", "column", "severity", "message", "rule", "hint"}
    assert (first["rule"], first["line"], first["severity"]) == ("num-bounds", 31, "error")


def test_missing_file_exits_2_with_a_message() -> None:
    result = run("--collection", str(GOOD), "no/such/file.xml")
    assert result.exit_code == 2
    assert "no such file or directory" in result.output and "Traceback" not in result.output


def test_directory_without_xml_exits_2(tmp_path: Path) -> None:
    result = run("--collection", str(GOOD), str(tmp_path))
    assert result.exit_code == 2 and "holds no .xml file" in result.output


def test_bad_option_is_a_usage_error_exit_2() -> None:
    assert run("--format", "yaml").exit_code == 2
    assert run("--max-bytes", "0").exit_code == 2


def test_max_bytes_option() -> None:
    result = run("--max-bytes", "100", "--collection", str(GOOD), str(GOOD / "bibliography.xml"))
    assert result.exit_code == 1 and "[xml-too-large]" in result.output


def test_help_documents_every_option() -> None:
    result = CliRunner().invoke(cli, ["validate", "--help"])
    for option in ("--format", "--strict", "--collection", "--max-bytes"):
        assert option in result.output
