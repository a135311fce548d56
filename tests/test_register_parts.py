"""teipub/register_parts.py: a large claims register is checked a few claims at a time, and the
validator reports exactly what it reports when it reads the register whole."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from teipub import register_parts, streaming, xmlinput
from teipub.project import ROOT
from teipub.validate import validate
from teipub.xmlinput import DEFAULT_MAX_BYTES, InputError, hardened_parser

EDITION = ROOT / "tei"
CLAIMS_BAD = sorted((ROOT / "tests" / "fixtures" / "claims" / "bad").glob("*.xml"))
CLAIMS_VALID = ROOT / "tests" / "fixtures" / "claims" / "valid"


def _in_parts(monkeypatch, part_bytes: int = 1) -> None:
    """Check every register in parts (of one claim each by default), whatever its size."""
    monkeypatch.setattr(register_parts, "PARTS_FROM", 0)
    monkeypatch.setattr(register_parts, "PART_BYTES", part_bytes)


def _whole(monkeypatch) -> None:
    monkeypatch.setattr(register_parts, "PARTS_FROM", 1 << 40)


def _both(monkeypatch, folder: Path, part_bytes: int = 1) -> tuple[list, list]:
    """The problems with the register read whole and the stand-ins in memory, then with the
    register in parts and the stand-ins spilled, as in a large run."""
    _whole(monkeypatch)
    monkeypatch.setattr("teipub.validate.SPILL_FROM", 1 << 40)
    whole = validate(collection=folder).problems
    _in_parts(monkeypatch, part_bytes)
    monkeypatch.setattr("teipub.validate.SPILL_FROM", 0)
    parts = validate(collection=folder).problems
    return whole, parts


@pytest.fixture()
def edition(tmp_path: Path) -> Path:
    folder = tmp_path / "tei"
    shutil.copytree(EDITION, folder, ignore=shutil.ignore_patterns("raw"))
    return folder


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


# ---------------------------------------------------------------- the parts themselves

def test_every_element_of_a_part_keeps_its_line_and_column() -> None:
    path = EDITION / "claims.xml"
    whole, _ = xmlinput.read_document(path)
    assert whole is not None
    plan = _plan(path, 20_000)
    assert len(plan.parts) > 3
    where = {el.get(xmlinput.XML_ID): (el.sourceline, whole.column(el)) for els in whole.ids.values() for el in els}
    seen = set()
    for first, stop in plan.parts:
        data, (top, bottom, _, _) = register_parts.part_bytes(plan, first, stop)
        part = xmlinput.Document(path, "claims.xml", etree.fromstring(data, hardened_parser()).getroottree(), True, data)
        apps = list(part.iter_tei("app"))
        assert len(apps) == stop - first
        assert top == apps[0].sourceline and bottom >= apps[-1].sourceline
        for ident, els in part.ids.items():
            assert (els[0].sourceline, part.column(els[0])) == where[ident], ident
            seen.add(ident)
    assert seen == set(where)


def _plan(path: Path, part_bytes: int) -> register_parts.Layout:
    old = register_parts.PARTS_FROM, register_parts.PART_BYTES
    register_parts.PARTS_FROM, register_parts.PART_BYTES = 0, part_bytes
    try:
        plan = register_parts.layout(path, DEFAULT_MAX_BYTES)
    finally:
        register_parts.PARTS_FROM, register_parts.PART_BYTES = old
    assert plan is not None
    return plan


@pytest.mark.parametrize("old, new", [
    ('<?xml version="1.0" encoding="UTF-8"?>', '\ufeff<?xml version="1.0" encoding="UTF-8"?>'),
    ('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="UTF-8"?>\r'),
    ('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE TEI>'),
    ('<listApp>', '<listApp><note>a note among the claims</note>'),
    ('</listApp>', '</listApp><listApp><app/></listApp>'),
    ('<listApp>\n', '<listApp><!-- a claim on the same line -->'),
    ('</listApp>', '</listAppp>'),
])
def test_an_unusual_register_is_read_whole(tmp_path: Path, old: str, new: str) -> None:
    path = tmp_path / "claims.xml"
    shutil.copy(EDITION / "claims.xml", path)
    _edit(path, old, new)
    assert _plan(EDITION / "claims.xml", 1) is not None
    old_from = register_parts.PARTS_FROM
    register_parts.PARTS_FROM = 0
    try:
        assert register_parts.layout(path, DEFAULT_MAX_BYTES) is None
    finally:
        register_parts.PARTS_FROM = old_from


def test_other_files_and_small_registers_are_read_whole() -> None:
    assert register_parts.layout(EDITION / "sources" / "infolist.xml", DEFAULT_MAX_BYTES) is None
    assert register_parts.layout(EDITION / "claims.xml", DEFAULT_MAX_BYTES) is None  # under PARTS_FROM


def test_a_register_changed_while_checked_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "claims.xml"
    shutil.copy(EDITION / "claims.xml", path)
    plan = _plan(path, 1)
    _edit(path, "<listApp>", "<listApp> ")
    with pytest.raises(InputError, match="changed while it was being checked"):
        register_parts.part_bytes(plan, 0, 1)


# ---------------------------------------------------------------- through the validator

def test_the_register_is_never_read_whole(monkeypatch, edition: Path) -> None:
    _in_parts(monkeypatch, 50_000)
    read: list[str] = []
    real = xmlinput.read_document
    monkeypatch.setattr("teipub.validate.read_document",
                        lambda path, **kw: (read.append(Path(path).name), real(path, **kw))[1])
    report = validate(collection=edition)
    assert report.ok, [p.render() for p in report.problems]
    assert "claims.xml" not in read and "bibliography.xml" in read


def test_the_edition_is_valid_in_parts_of_any_size(monkeypatch, edition: Path) -> None:
    for size in (1, 30_000, 10**9):
        _in_parts(monkeypatch, size)
        report = validate(collection=edition)
        assert report.ok, (size, [p.render() for p in report.problems])


EDITION_FAULTS = [
    # a fault in one claim (several rules), in the header (every part repeats it), across claims
    ('<note type="question">', '<note type="questio">'),
    ('resp="ed:historical" cert=', 'cert='),
    ('ana="#verdict-', 'ana="#verdict-nonsense #verdict-'),
    ('<rdgGrp type="scholarship">', '<rdgGrp type="scholarship"><bogus/>'),
    ('<title type="main">', '<title type="main"><bogus/>'),
    ("</titleStmt>", '<respStmt><resp>x</resp><name ref="ed:nobody">x</name></respStmt></titleStmt>'),
    ('target="#claim-', 'target="#claim-none-such-'),
    ('corresp="sources/', 'corresp="sources/none-such.xml#x '),
    ('xml:id="claim-', 'xml:id="wit-encyc" n="', 1),
]


@pytest.mark.parametrize("fault", EDITION_FAULTS, ids=[f[1][:30] for f in EDITION_FAULTS])
def test_a_faulty_register_is_reported_alike_whole_and_in_parts(monkeypatch, edition: Path, fault) -> None:
    old, new, *count = fault
    _edit(edition / "claims.xml", old, new, *(count or [2]))
    whole, parts = _both(monkeypatch, edition)
    assert whole, "the fault should be reported"
    assert parts == whole
    _, bigger = _both(monkeypatch, edition, 40_000)
    assert bigger == whole


def test_an_id_repeated_across_parts_is_reported_alike(monkeypatch, edition: Path) -> None:
    text = (edition / "claims.xml").read_text(encoding="utf-8")
    first, second = [t.split('"', 1)[0] for t in text.split('<app xml:id="')[1:3]]
    _edit(edition / "claims.xml", f'<app xml:id="{second}"', f'<app xml:id="{first}"')
    whole, parts = _both(monkeypatch, edition)
    assert [p.rule for p in whole if p.rule == "id-duplicate"] == ["id-duplicate", "id-duplicate"]
    assert parts == whole


@pytest.mark.parametrize("bad", CLAIMS_BAD, ids=[p.stem for p in CLAIMS_BAD])
def test_each_bad_register_is_reported_alike(monkeypatch, tmp_path: Path, bad: Path) -> None:
    folder = tmp_path / "coll"
    shutil.copytree(CLAIMS_VALID, folder)
    shutil.copy(bad, folder / "claims.xml")
    whole, parts = _both(monkeypatch, folder)
    assert whole
    assert parts == whole


@pytest.mark.parametrize("file, old, new", [
    ("edition.xml", 'xml:id="set-genre"', 'xml:id="edition-sets"'),
    ("indexes/places.xml", 'xml:id="pla-arctic"', 'xml:id="pla-american-occupation-zone"'),
    ("edition.xml", 'xml:id="set-genre"', 'xml:id="set-genre" bogus="1"'),
])
def test_the_other_shared_files_let_go_before_the_parts_are_reported_alike(monkeypatch, edition: Path, file, old, new):
    """Before the register's parts are checked, the shared files it does not point into are
    replaced by stand-ins (streaming.release_shared); an id they hold twice is still found."""
    _edit(edition / file, old, new)
    let_go: list[str] = []
    real = streaming.release_shared

    def spy(coll, keep, repeated):
        real(coll, keep, repeated)
        let_go.extend(p.name for p, d in coll.docs.items() if d.released and "sources" not in p.parts)

    monkeypatch.setattr(streaming, "release_shared", spy)
    whole, parts = _both(monkeypatch, edition)
    assert "edition.xml" in let_go
    assert whole and parts == whole


@pytest.mark.parametrize("old, new", [
    ('<num xml:id="encyc-num2" type="count" value="220000"', '<num xml:id="encyc-num2" type="count" value="230000"'),
    ('ana="claim:expelled-1921">', '>'),
    ('<seg type="claim" xml:id="essay-seg31" ana="claim:purge-causes"', '<seg type="claim" xml:id="essay-seg31" ana="claim:kirov-responsibility"'),
])
def test_a_source_fault_the_register_sees_is_reported_alike(monkeypatch, edition: Path, old, new):
    """The register's rules read the spans of the sources from their stand-ins (figures, words,
    @ana; spilled in a large run): the same problems as from the trees."""
    target = "essay.xml" if "essay" in old else "encyc.xml"
    _edit(edition / "sources" / target, old, new)
    whole, parts = _both(monkeypatch, edition)
    assert any(p.rule.startswith("claim-") for p in whole), [p.rule for p in whole]
    assert parts == whole
