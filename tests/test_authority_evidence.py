"""Every authority id in the indexes has recorded evidence, and the evidence table names no other id.

tei/indexes/authority-evidence.csv records, for each `idno` of an index entry (other than the
edition's own idno), where the editors found a public record that pairs the id with the entity's
name (schema/ENCODING.md §2a). The two are kept in step in both directions: an id without a row
is an unverified id and must be removed (the entry then carries a
`<note type="authority">Wikidata id not verified</note>`); a row without its id is stale.
"""
from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
INDEXES = ROOT / "tei" / "indexes"
EVIDENCE = INDEXES / "authority-evidence.csv"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
COLUMNS = ["file", "xml_id", "authority", "id", "label_found", "where", "commit", "date_checked"]
INDEX_FILES = ("persons.xml", "places.xml", "organisations.xml")
ID_FORMS = {"wikidata": re.compile(r"Q[1-9][0-9]*")}
WHERE = re.compile(r"(https?://\S+|github:[^/\s]+/[^/\s]+/\S+)")


def index_ids(index_dir: Path = INDEXES) -> set[tuple[str, str, str, str]]:
    """(file, entry xml:id, authority, id) for every authority idno in the three indexes."""
    found = set()
    for name in INDEX_FILES:
        tree = etree.parse(str(index_dir / name))
        for idno in tree.iter(f"{TEI}idno"):
            kind = idno.get("type")
            if kind == "edition":
                continue
            entry = idno.getparent()
            found.add((name, entry.get(XML_ID) or "", kind or "", (idno.text or "").strip()))
    return found


def evidence_rows(path: Path = EVIDENCE) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == COLUMNS, f"{path.name}: columns must be {COLUMNS}"
        return list(reader)


def mismatches(rows: list[dict[str, str]], ids: set[tuple[str, str, str, str]]) -> list[str]:
    """Every way the evidence table and the indexes disagree, as readable lines (empty if in step)."""
    problems = []
    keyed = [(r["file"], r["xml_id"], r["authority"], r["id"]) for r in rows]
    seen = set()
    for key in keyed:
        if key in seen:
            problems.append(f"duplicate evidence row: {key}")
        seen.add(key)
    for key in sorted(ids - seen):
        problems.append(f"id without evidence (verify it or remove it): {key}")
    for key in sorted(seen - ids):
        problems.append(f"evidence row for an id the index does not carry: {key}")
    for row in rows:
        key = (row["file"], row["xml_id"], row["authority"], row["id"])
        form = ID_FORMS.get(row["authority"])
        if form is None or not form.fullmatch(row["id"]):
            problems.append(f"not a {row['authority']} id: {key}")
        if not row["label_found"].strip():
            problems.append(f"no label recorded: {key}")
        if not WHERE.fullmatch(row["where"].strip()):
            problems.append(f"'where' is not a URL or github:owner/repo/path: {key}")
        if row["commit"] and not re.fullmatch(r"[0-9a-f]{40}", row["commit"]):
            problems.append(f"commit is not a 40-digit hash: {key}")
        try:
            date.fromisoformat(row["date_checked"])
        except ValueError:
            problems.append(f"date_checked is not an ISO date: {key}")
    return problems


def test_evidence_table_and_indexes_are_in_step() -> None:
    assert mismatches(evidence_rows(), index_ids()) == []


def test_an_entry_without_an_id_says_it_is_not_verified() -> None:
    """An entry whose id was removed (or never given) tells the reader so."""
    missing = []
    for name in INDEX_FILES:
        tree = etree.parse(str(INDEXES / name))
        for entry in tree.iter(f"{TEI}person", f"{TEI}place", f"{TEI}org"):
            if (entry.get(XML_ID) or "").startswith("ed-"):  # the edition's own roles, not entities
                continue
            has_id = any(i.get("type") != "edition" for i in entry.findall(f"{TEI}idno"))
            says_so = any(n.get("type") == "authority" for n in entry.findall(f"{TEI}note"))
            if not has_id and not says_so:
                missing.append(f"{name}#{entry.get(XML_ID)}")
    assert missing == []


def test_khrushchev_has_his_own_id_not_old_norse() -> None:
    ids = {(f, x): i for f, x, _, i in index_ids()}
    assert ids[("persons.xml", "per-khrushchev")] != "Q35505"


ROW = {"file": "persons.xml", "xml_id": "per-stalin", "authority": "wikidata", "id": "Q855",
       "label_found": "Joseph Stalin", "where": "github:owner/repo/path.md", "commit": "",
       "date_checked": "2026-12-04"}


@pytest.mark.parametrize(("rows", "ids", "expected"), [
    ([ROW], {("persons.xml", "per-stalin", "wikidata", "Q855")}, None),
    ([], {("persons.xml", "per-stalin", "wikidata", "Q855")}, "id without evidence"),
    ([ROW], set(), "evidence row for an id the index does not carry"),
    ([ROW, ROW], {("persons.xml", "per-stalin", "wikidata", "Q855")}, "duplicate evidence row"),
    ([{**ROW, "id": "855"}], {("persons.xml", "per-stalin", "wikidata", "855")}, "not a wikidata id"),
    ([{**ROW, "label_found": ""}], {("persons.xml", "per-stalin", "wikidata", "Q855")}, "no label"),
    ([{**ROW, "where": "somewhere"}], {("persons.xml", "per-stalin", "wikidata", "Q855")}, "'where'"),
    ([{**ROW, "date_checked": "yesterday"}], {("persons.xml", "per-stalin", "wikidata", "Q855")},
     "date_checked"),
])
def test_mismatches_are_reported(rows, ids, expected) -> None:
    problems = mismatches(rows, ids)
    if expected is None:
        assert problems == []
    else:
        assert any(expected in p for p in problems), problems


def test_a_changed_id_in_an_index_is_caught(tmp_path: Path) -> None:
    """Both directions on real files: change one id in a copy of the indexes and the check fails."""
    for name in INDEX_FILES:
        text = (INDEXES / name).read_text(encoding="utf-8")
        if name == "persons.xml":
            text = text.replace('<idno type="wikidata">Q855</idno>', '<idno type="wikidata">Q35505</idno>')
        (tmp_path / name).write_text(text, encoding="utf-8")
    problems = mismatches(evidence_rows(), index_ids(tmp_path))
    assert any("Q35505" in p and "without evidence" in p for p in problems)
    assert any("Q855" in p and "does not carry" in p for p in problems)
