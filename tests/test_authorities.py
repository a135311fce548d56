"""Authority reconciliation: `cli.py export --reconcile` out, `cli.py import-authorities` back in.

Always on a copy of the collection in a temporary folder (never tei/). The ids used below are
test values in that copy only, not identifications.
"""
from __future__ import annotations

import csv
import hashlib
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from teipub import authorities as auth
from teipub.project import PATHS

EVIDENCE = {"label_found": "a label", "where": "OpenRefine, Wikidata reconciliation service, reviewed",
            "date_checked": "2026-12-05"}


@pytest.fixture()
def tei(tmp_path: Path) -> Path:
    copy = tmp_path / "tei"
    shutil.copytree(PATHS.tei, copy, ignore=shutil.ignore_patterns("raw"))
    (copy / auth.EVIDENCE_FILE).unlink(missing_ok=True)  # the file is created by the first import
    return copy


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def rows_of(tei: Path) -> dict[str, dict[str, str]]:
    return {r["id"]: r for rows in auth.reconcile_rows(tei).values() for r in rows}


def unidentified(tei: Path, kind: str, n: int) -> list[dict[str, str]]:
    return [r for r in rows_of(tei).values() if r["kind"] == kind and not r["wikidata"]][:n]


def identified(tei: Path) -> list[dict[str, str]]:
    return [r for r in rows_of(tei).values() if r["wikidata"]]


def write_csv(path: Path, rows: list[dict[str, str]], columns=tuple(auth.RECONCILE_COLUMNS)) -> Path:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(cli.cli, list(args))


# ------------------------------------------------------------------ export

def test_export_reconcile_writes_one_csv_per_index(tmp_path: Path) -> None:
    result = run("export", "--reconcile", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    for name in ("persons", "places", "organisations"):
        with open(tmp_path / f"reconcile-{name}.csv", encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            assert reader.fieldnames == list(auth.RECONCILE_COLUMNS)
            rows = list(reader)
        assert rows and all(r["id"] and r["name"] for r in rows)
    persons = {r["id"]: r for r in csv.DictReader(open(tmp_path / "reconcile-persons.csv", encoding="utf-8"))}
    stalin = persons["per-stalin"]  # names, dates, role and the current id, as the index has them
    assert (stalin["name"], stalin["birth"], stalin["death"], stalin["wikidata"]) == \
        ("Joseph Stalin", "1878-12-18", "1953-03-05", "Q855")
    assert stalin["role"].startswith("General Secretary")
    assert any(r["variants"] for r in persons.values())


# ------------------------------------------------------------------ the round trip

def test_round_trip_adds_ids_with_evidence_and_keeps_the_rest_byte_identical(tei: Path, tmp_path: Path) -> None:
    all_rows = list(rows_of(tei).values())
    chosen = [r for kind, n in (("person", 2), ("place", 1), ("org", 1))
              for r in [r for r in all_rows if r["kind"] == kind and not r["wikidata"]][:n]]
    for n, row in enumerate(chosen):
        row.update(wikidata=f"Q9999999{n}", **EVIDENCE)
    before = {f: (tei / f).read_bytes() for f in ("indexes/persons.xml", "indexes/places.xml", "indexes/organisations.xml")}
    result = run("import-authorities", str(write_csv(tmp_path / "reviewed.csv", all_rows)), "--tei", str(tei))
    assert result.exit_code == 0, result.output
    assert "4 id(s) added" in result.output
    after_rows = rows_of(tei)
    for n, row in enumerate(chosen):
        assert after_rows[row["id"]]["wikidata"] == f"Q9999999{n}"
    # the only change to each index: the entry's "not verified" note became its idno line
    for name, old in before.items():
        old_lines = old.decode().splitlines(keepends=True)
        new_lines = (tei / name).read_bytes().decode().splitlines(keepends=True)
        assert len(old_lines) == len(new_lines)
        changed = [(a, b) for a, b in zip(old_lines, new_lines) if a != b]
        assert changed and all("Wikidata id not verified" in a and '<idno type="wikidata">Q9999999' in b
                               for a, b in changed)
        assert all(a.replace('<note type="authority">Wikidata id not verified</note>', "") ==
                   b.split("<idno")[0] + b.split("</idno>")[1] for a, b in changed)
    with open(tei / auth.EVIDENCE_FILE, encoding="utf-8", newline="") as fh:
        evidence = list(csv.DictReader(fh))
    assert list(evidence[0]) == list(auth.EVIDENCE_COLUMNS)
    assert {(r["xml_id"], r["id"], r["authority"]) for r in evidence} == \
        {(r["id"], r["wikidata"], "wikidata") for r in chosen}
    assert all(r["where"] == EVIDENCE["where"] and r["date_checked"] == "2026-12-05" for r in evidence)
    # the edited collection still validates (schema, Schematron, collection rules)
    from teipub.validate import validate

    report = validate([tei / "indexes/persons.xml", tei / "indexes/places.xml", tei / "indexes/organisations.xml"],
                      collection=tei)
    assert report.ok, [p.render() for p in report.problems]
    # importing the same file again changes nothing
    again = snapshot(tei)
    assert run("import-authorities", str(tmp_path / "reviewed.csv"), "--tei", str(tei)).exit_code == 0
    assert snapshot(tei) == again


def test_an_existing_evidence_file_is_appended_to_byte_for_byte(tei: Path, tmp_path: Path) -> None:
    old = "file,xml_id,authority,id,label_found,where,commit,date_checked\npersons.xml,per-x,wikidata,Q1,x,y,,2026-01-01\n"
    (tei / auth.EVIDENCE_FILE).write_text(old, encoding="utf-8")
    row = unidentified(tei, "person", 1)[0] | {"wikidata": "Q99999990", **EVIDENCE}
    auth.import_authorities(tei, write_csv(tmp_path / "r.csv", [row]))
    text = (tei / auth.EVIDENCE_FILE).read_text(encoding="utf-8")
    assert text.startswith(old) and text.count("\n") == 3


# ------------------------------------------------------------------ refusals change nothing

def refused(tei: Path, csv_path: Path, *expected: str) -> str:
    before = snapshot(tei)
    result = run("import-authorities", str(csv_path), "--tei", str(tei))
    assert result.exit_code == 1, result.output
    assert "nothing was changed" in result.output
    for words in expected:
        assert words in result.output, result.output
    assert snapshot(tei) == before
    return result.output


def test_malformed_csv_is_refused(tei: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text('id,wikidata,label_found,where,date_checked\n"per-stalin,Q855,x,y,2026-01-01\n', encoding="utf-8")
    refused(tei, bad, "not a well-formed CSV file")
    bad.write_text("id,name\nper-stalin,Stalin\n", encoding="utf-8")
    refused(tei, bad, "line 1", "wikidata")
    bad.write_text("id,wikidata,label_found,where,date_checked\nper-stalin,Q855,x\n", encoding="utf-8")
    refused(tei, bad, "line 2", "3 cells")
    bad.write_bytes(b"id,wikidata,label_found,where,date_checked\n\xff\xfe\n")
    refused(tei, bad, "not UTF-8")


def test_unknown_entry_is_refused(tei: Path, tmp_path: Path) -> None:
    good = unidentified(tei, "person", 1)[0] | {"wikidata": "Q99999990", **EVIDENCE}
    unknown = {"id": "per-nobody-at-all", "wikidata": "Q99999991", **EVIDENCE}
    refused(tei, write_csv(tmp_path / "r.csv", [good, unknown]), "line 3", "per-nobody-at-all")


def test_malformed_ids_are_refused(tei: Path, tmp_path: Path) -> None:
    rows = [r | {"wikidata": q, **EVIDENCE} for r, q in zip(unidentified(tei, "place", 3), ("Q12a", "855", "Q0855"))]
    out = refused(tei, write_csv(tmp_path / "r.csv", rows), "line 2", "line 3", "line 4", "is not a Wikidata id")
    assert out.count("is not a Wikidata id") == 3


def test_clashing_ids_are_refused(tei: Path, tmp_path: Path) -> None:
    a, b = unidentified(tei, "person", 2)
    # one id on two entries of the file
    refused(tei, write_csv(tmp_path / "r.csv", [a | {"wikidata": "Q99999990", **EVIDENCE},
                                                b | {"wikidata": "Q99999990", **EVIDENCE}]),
            "line 3", "Q99999990", a["id"], b["id"])
    # an id another entry already holds
    held = identified(tei)[0]
    refused(tei, write_csv(tmp_path / "r.csv", [a | {"wikidata": held["wikidata"], **EVIDENCE}]),
            "line 2", "already belongs to", held["id"])
    # an entry that already has a different id
    refused(tei, write_csv(tmp_path / "r.csv", [held | {"wikidata": "Q99999990", **EVIDENCE}]),
            "line 2", f"already has the Wikidata id {held['wikidata']}")
    # one entry given two ids
    refused(tei, write_csv(tmp_path / "r.csv", [a | {"wikidata": "Q99999990", **EVIDENCE},
                                                a | {"wikidata": "Q99999991", **EVIDENCE}]),
            "line 3", a["id"])


def test_rows_without_evidence_are_refused(tei: Path, tmp_path: Path) -> None:
    row = unidentified(tei, "org", 1)[0] | {"wikidata": "Q99999990"}
    refused(tei, write_csv(tmp_path / "r.csv", [row]), "line 2", "no evidence", "label_found")
    row |= {**EVIDENCE, "date_checked": "5 December"}
    refused(tei, write_csv(tmp_path / "r.csv", [row]), "line 2", "not a date")


def test_a_failed_write_puts_back_what_was_replaced(tei: Path, tmp_path: Path, monkeypatch) -> None:
    rows = [unidentified(tei, "person", 1)[0] | {"wikidata": "Q99999990", **EVIDENCE},
            unidentified(tei, "place", 1)[0] | {"wikidata": "Q99999991", **EVIDENCE}]
    before = snapshot(tei)
    real = auth.os.replace
    calls = []

    def failing(src, dest):
        calls.append(dest)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(dest))
        return real(src, dest)

    monkeypatch.setattr(auth.os, "replace", failing)
    with pytest.raises(auth.AuthorityError, match="nothing was changed"):
        auth.import_authorities(tei, write_csv(tmp_path / "r.csv", rows))
    assert snapshot(tei) == before


def test_the_idno_goes_before_the_first_note_or_the_end_of_the_entry() -> None:
    from teipub.edition import IndexKind

    kind = IndexKind("places", "indexes/places.xml", "Places", "pla", "place", "placeName")
    entry = auth.Entry(kind, "pla-x", "", None)  # type: ignore[arg-type]
    with_note = ('<listPlace>\n  <place xml:id="pla-x" type="city">\n    <placeName>X</placeName>\n'
                 '    <note type="description">A city</note>\n  </place>\n</listPlace>\n')
    assert auth.insert_idno(with_note, entry, "Q1") == with_note.replace(
        '    <note type="description">', '    <idno type="wikidata">Q1</idno>\n    <note type="description">')
    bare = '<listPlace>\n  <place xml:id="pla-x">\n    <placeName>X</placeName>\n  </place>\n</listPlace>\n'
    assert auth.insert_idno(bare, entry, "Q1") == bare.replace(
        "  </place>", '    <idno type="wikidata">Q1</idno>\n  </place>')
    nested = ('<place xml:id="pla-x">\n  <placeName>X</placeName>\n  <place xml:id="pla-y">\n'
              '    <placeName>Y</placeName>\n  </place>\n</place>\n')
    assert auth.insert_idno(nested, entry, "Q1") == nested.replace(
        '  <place xml:id="pla-y">', '  <idno type="wikidata">Q1</idno>\n  <place xml:id="pla-y">')


def test_an_evidence_file_with_other_columns_is_refused(tei: Path, tmp_path: Path) -> None:
    (tei / auth.EVIDENCE_FILE).write_text("xml_id,id\nper-x,Q1\n", encoding="utf-8")
    row = unidentified(tei, "person", 1)[0] | {"wikidata": "Q99999990", **EVIDENCE}
    refused(tei, write_csv(tmp_path / "r.csv", [row]), "authority-evidence.csv", "header")


def test_evidence_for_an_id_the_entry_has_is_recorded_once(tei: Path, tmp_path: Path) -> None:
    held = identified(tei)[0] | EVIDENCE
    index = tei / "indexes" / {"person": "persons.xml", "place": "places.xml", "org": "organisations.xml"}[held["kind"]]
    before = index.read_bytes()
    result = run("import-authorities", str(write_csv(tmp_path / "r.csv", [held])), "--tei", str(tei))
    assert result.exit_code == 0 and "1 with evidence newly recorded" in result.output, result.output
    assert index.read_bytes() == before  # the index is not touched
    rows = list(csv.DictReader(open(tei / auth.EVIDENCE_FILE, encoding="utf-8")))
    assert [(r["xml_id"], r["id"]) for r in rows] == [(held["id"], held["wikidata"])]
    again = snapshot(tei)
    assert run("import-authorities", str(tmp_path / "r.csv"), "--tei", str(tei)).exit_code == 0
    assert snapshot(tei) == again
    # partial evidence for it is refused
    refused(tei, write_csv(tmp_path / "r.csv", [held | {"where": ""}]), "line 2", "no evidence", "where")
