"""teipub.export and `cli.py export`: the register as CSV and JSON, read back from the written files."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from cli import cli
from teipub.claims import RegisterError, read_register
from teipub.export import COLUMNS, ExportError, export, rows
from teipub.project import NS, PATHS

FIXTURE = Path(__file__).parent / "fixtures" / "claims" / "valid" / "claims.xml"


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_fixture_export_round_trips(tmp_path: Path) -> None:
    result = export(FIXTURE, tmp_path / "out")
    assert (result.rows, result.claims) == (5, 2)
    table = _read_csv(result.csv_path)
    data = json.loads(result.json_path.read_text(encoding="utf-8"))
    assert list(table[0]) == list(COLUMNS) == list(data[0])
    assert len(table) == len(data) == 5
    first = data[0]
    assert first["claim"] == "expelled-1933" and first["reading_type"] == "source"
    assert first["witness"] == "mini" and first["value"] == 18 and first["base"] == 1900000
    assert first["pointer"] == "sources/mini.xml#mini-num2 sources/mini.xml#mini-num1"
    assert first["derived"] is False and first["citation"] is None
    scholar = data[2]
    assert scholar["reading_type"] == "scholarship" and scholar["citation"] == "getty-1985"
    assert (scholar["value"], scholar["at_least"], scholar["at_most"]) == (None, 17, 19)
    assert scholar["cited_range"] == "58"
    # the CSV holds the same cells, with empty strings for absent values
    assert table[2]["at_least"] == "17" and table[2]["value"] == "" and table[0]["derived"] == "false"
    assert table[4]["gist"] == "Nikolaev acted alone." and table[4]["claim_cert"] == "medium"
    assert table[3]["quote"] == "Kirov was murdred by the secret police" and table[3]["value"] == ""


def test_real_register_export_has_one_row_per_reading(tmp_path: Path) -> None:
    result = export(PATHS.tei / "claims.xml", tmp_path)
    root = etree.parse(str(PATHS.tei / "claims.xml")).getroot()
    readings = root.findall(".//tei:app//tei:rdg", NS)
    data = json.loads(result.json_path.read_text(encoding="utf-8"))
    table = _read_csv(result.csv_path)
    assert len(data) == len(table) == len(readings) == result.rows
    assert {d["claim"] for d in data} == {a.get("{http://www.w3.org/XML/1998/namespace}id")[6:]
                                         for a in root.findall(".//tei:app", NS)}
    for d, t in zip(data, table):
        assert t["claim"] == d["claim"] and t["quote"] == (d["quote"] or "")
        assert t["value"] == ("" if d["value"] is None else str(d["value"]))
    sources = [d for d in data if d["reading_type"] == "source"]
    assert all(d["witness"] and d["quote"] for d in sources)
    assert all(d["citation"] for d in data if d["reading_type"] == "scholarship")
    # every scholarly reading says whether its pinpoint is verified, and where or why not
    scholarship = [d for d in data if d["reading_type"] == "scholarship"]
    assert all(d["pinpoint"] in ("verified", "unverified") and d["pinpoint_note"] for d in scholarship)
    assert all(d["cited_range"] for d in scholarship if d["pinpoint"] == "verified")
    assert not any(d["cited_range"] for d in scholarship if d["pinpoint"] == "unverified")


def test_rows_are_pure_and_ordered() -> None:
    reg = read_register(FIXTURE)
    assert rows(reg) == rows(reg)
    assert [r["claim"] for r in rows(reg)] == ["expelled-1933"] * 3 + ["kirov-responsibility"] * 2
    assert [r["reading_type"] for r in rows(reg)] == ["source", "source", "scholarship", "source", "scholarship"]


def test_unwritable_directory_is_an_export_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError):
        export(FIXTURE, blocker / "sub")


def test_missing_register_is_a_register_error(tmp_path: Path) -> None:
    with pytest.raises(RegisterError):
        export(tmp_path / "none.xml", tmp_path)


def test_cli_export_writes_both_files(tmp_path: Path) -> None:
    out = tmp_path / "exports"
    result = CliRunner().invoke(cli, ["export", "--out", str(out), "--register", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    assert "5 readings of 2 claims" in result.output
    assert len(_read_csv(out / "claims.csv")) == 5
    assert len(json.loads((out / "claims.json").read_text(encoding="utf-8"))) == 5


def test_cli_export_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(cli, ["export", "--out", str(tmp_path), "--register", str(tmp_path / "no.xml")])
    assert missing.exit_code == 1 and "cannot be read" in missing.output
    blocker = tmp_path / "file"
    blocker.write_text("x")
    unwritable = runner.invoke(cli, ["export", "--out", str(blocker / "sub"), "--register", str(FIXTURE)])
    assert unwritable.exit_code == 2


def test_context_figures_are_never_exported_as_answers() -> None:
    """Like with like (ENCODING.md §9): Khrushchev's 98 Central Committee members is context in the
    claim on the 1937 expulsions, so its value columns are empty and the number is in context_value;
    every figure says what it counts and for which period."""
    records = rows(read_register(PATHS.tei / "claims.xml"))
    (khrushchev,) = [r for r in records if r["claim"] == "expelled-1937" and r["citation"] == "khrushchev-1956"]
    assert khrushchev["role"] == "context" and khrushchev["value"] is None and khrushchev["context_value"] == "98"
    assert khrushchev["measure"] == "cc-members-repressed" and "Central Committee" in khrushchev["counts"]
    assert all(r["value"] is None and r["at_least"] is None and r["at_most"] is None
               for r in records if r["role"] == "context")
    (summed,) = [r for r in records if r["claim"] == "death-toll-great-purge" and r["citation"] == "getty-1993"]
    assert summed["derived"] is True and summed["value"] == 797614 and summed["measure"] == "documented-deaths"
    assert (summed["period_from"], summed["period_to"], summed["year"]) == ("1937", "1938", "1937")
    figures = [r for r in records if r["value_type"] is not None]
    assert figures and all(r["measure"] for r in figures)
