"""teipub/streaming.py through validate(): sources are checked and released one at a time, and the
checks that reach across files still see what they need."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from teipub import streaming
from teipub.project import ROOT
from teipub.validate import validate

GOOD = ROOT / "tests" / "fixtures" / "validate" / "good"


@pytest.fixture()
def tei(tmp_path: Path) -> Path:
    shutil.copytree(GOOD, tmp_path / "tei")
    return tmp_path / "tei"


def _copy_source(tei: Path, name: str, edit=lambda t: t) -> Path:
    text = (tei / "sources" / "encyc.xml").read_text(encoding="utf-8")
    out = tei / "sources" / f"{name}.xml"
    out.write_text(edit(text), encoding="utf-8")
    return out


def test_the_good_collection_stays_valid_when_streamed(tei: Path):
    report = validate(collection=tei)
    assert report.ok, [p.render() for p in report.problems]


def test_a_source_is_released_after_its_checks(tei: Path, monkeypatch):
    released: list[str] = []
    real = streaming.release
    monkeypatch.setattr(streaming, "release", lambda doc, wanted: (released.append(doc.path.name), real(doc, wanted))[1])
    validate(collection=tei)
    assert released == ["encyc.xml"]


def test_an_id_repeated_in_two_sources_is_reported_in_both(tei: Path):
    _copy_source(tei, "zcopy")  # the same ids as encyc.xml, in a file read after it
    report = validate(collection=tei, rules=["id-duplicate"])
    files = {Path(p.file).name for p in report.problems}
    assert files == {"encyc.xml", "zcopy.xml"}
    assert all("also used at" in p.message for p in report.problems)


def test_a_pointer_into_a_source_not_read_yet_resolves(tei: Path):
    text = (tei / "sources" / "encyc.xml").read_text(encoding="utf-8")
    first_id = text.split('xml:id="encyc-', 1)[1].split('"', 1)[0]
    _copy_source(tei, "zlater", lambda t: t.replace('xml:id="encyc', 'xml:id="zlater').replace("#encyc-", "#zlater-"))
    pointing = _copy_source(tei, "aearly", lambda t: t.replace('xml:id="encyc', 'xml:id="aearly').replace("#encyc-", "#aearly-"))
    body = pointing.read_text(encoding="utf-8")
    body = body.replace("<body>", f'<body><p xml:id="aearly-p999"><ref target="zlater.xml#zlater-{first_id}">x</ref> '
                                  f'<ref target="zlater.xml#zlater-nothing">y</ref></p>', 1)
    pointing.write_text(body, encoding="utf-8")
    report = validate([pointing], collection=tei, rules=["pointer-unresolved"])
    assert len(report.problems) == 1 and "zlater-nothing" in report.problems[0].message


def test_released_ids_answer_membership_and_keep_only_wanted_copies():
    from lxml import etree
    from teipub.xmlinput import Document

    root = etree.fromstring('<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="s"><text><body>'
                            '<p xml:id="s-p1">one</p><p xml:id="s-p2" corresp="../claims.xml#claim-x">two</p>'
                            '</body></text></TEI>')
    doc = Document(Path("/x/sources/s.xml"), "s.xml", root.getroottree())
    stand_in = streaming.release(doc, {"s-p2"})
    assert stand_in.released and "s-p1" in stand_in.ids and "s-p3" not in stand_in.ids
    assert stand_in.ids.get("s-p1") is None and stand_in.ids.get("s-p2")[0].text == "two"
    assert stand_in.root.find("{http://www.tei-c.org/ns/1.0}ptr").get("corresp") is None
