"""teipub.checks_citations: page ranges of articles and chapters, pinpoints of scholarly readings.

Each rule is run on the valid collection (no problem) and on broken copies of it, and its core on
small elements for every case it distinguishes.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from collection_support import broken_copy, run_rules
from teipub.checks_citations import page_range_problems, pinpoint_problems
from teipub.validate import load_rules, validate

GOOD = Path(__file__).parent / "fixtures" / "validate" / "good"
RULES = ["bib-pages", "claim-pinpoint"]
TEI = 'xmlns="http://www.tei-c.org/ns/1.0"'


def _el(xml: str) -> etree._Element:
    return etree.fromstring(xml.replace("<biblStruct", f"<biblStruct {TEI}", 1).replace("<rdg", f"<rdg {TEI}", 1))


def _run(folder: Path) -> list:
    return run_rules(folder, RULES)


def _broken(tmp_path: Path, file: str, old: str, new: str) -> Path:
    return broken_copy(GOOD, tmp_path, file, old, new)


def test_rules_are_registered() -> None:
    registry = load_rules()
    for rid in RULES:
        assert rid in registry and registry[rid].check is not None and registry[rid].hint


def test_valid_collection_has_no_problem() -> None:
    assert _run(GOOD) == []


def test_real_register_and_bibliography_follow_the_rules() -> None:
    root = Path(__file__).resolve().parent.parent / "tei"
    report = validate([root / "claims.xml", root / "bibliography.xml"], rules=RULES)
    assert [p.render() for p in report.problems] == []


PIN = '<note type="pinpoint">Checked in the test copy.</note>'
UNVERIFIED = '<note type="pinpoint" subtype="unverified">Pinpoint not yet verified.</note>'
PAGES = '<citedRange unit="page" from="12" to="14">12–14</citedRange>'


@pytest.mark.parametrize(("bibl", "expected"), [
    (f'<bibl><ptr target="bib:x"/>{PAGES}{PIN}</bibl>', None),
    (f'<bibl><ptr target="bib:x"/>{UNVERIFIED}</bibl>', None),
    ('<bibl><ptr target="bib:x"/></bibl>', "gives no pages"),
    (f'<bibl><ptr target="bib:x"/>{PAGES}</bibl>', "without a note"),
    (f'<bibl><ptr target="bib:x"/>{PAGES}{UNVERIFIED}</bibl>', "says they are not verified"),
    ('<bibl><ptr target="bib:x"/><note type="pinpoint" subtype="unverified"> </note></bibl>', "gives no pages"),
])
def test_pinpoint_cases(bibl: str, expected: str | None) -> None:
    problems = pinpoint_problems(_el(f'<rdg source="bib:x">{bibl}</rdg>'))
    if expected is None:
        assert problems == []
    else:
        assert any(expected in p for p in problems), problems


ANALYTIC = "<analytic><author>A</author><title level='a'>T</title></analytic>"


@pytest.mark.parametrize(("imprint", "notes", "expected"), [
    ('<biblScope unit="page" from="1" to="9">1–9</biblScope>', '<note type="pages">Checked on the TOC.</note>', None),
    ("", '<note type="pages" subtype="unverified">Page range not yet verified.</note>', None),
    ("", "", "no page range"),
    ('<biblScope unit="page" from="1" to="9">1–9</biblScope>', "", "without a note"),
    ('<biblScope unit="page">1–9</biblScope>', '<note type="pages">Checked.</note>', "numeric @from and @to"),
    ('<biblScope unit="page" from="1" to="9">1–9</biblScope>',
     '<note type="pages" subtype="unverified">not verified</note>', "says it is not verified"),
])
def test_page_range_cases(imprint: str, notes: str, expected: str | None) -> None:
    entry = _el(f'<biblStruct xml:id="bib-x">{ANALYTIC}<monogr><title level="j">J</title>'
                f'<imprint><date when="2000">2000</date>{imprint}</imprint></monogr>{notes}</biblStruct>')
    problems = page_range_problems(entry)
    if expected is None:
        assert problems == []
    else:
        assert any(expected in p for p in problems), problems


def test_a_book_needs_no_page_range() -> None:
    book = _el('<biblStruct xml:id="bib-y"><monogr><title level="m">B</title>'
               '<imprint><date when="2000">2000</date></imprint></monogr></biblStruct>')
    assert page_range_problems(book) == []


def test_a_reading_without_its_pinpoint_note_is_reported_in_place(tmp_path: Path) -> None:
    folder = _broken(tmp_path, "claims.xml", PIN.replace("Checked in the test copy.",
                                                         "Pages checked in the test copy of the book."), "")
    problems = _run(folder)
    assert [(p.rule, p.file.endswith("claims.xml")) for p in problems] == [("claim-pinpoint", True)]


def test_an_article_without_pages_is_reported(tmp_path: Path) -> None:
    folder = _broken(tmp_path, "bibliography.xml", "<monogr>\n            <author>A. Author</author>",
                     "<analytic><author>A. Author</author><title level='a'>An Article</title></analytic>"
                     "<monogr>\n            <author>A. Author</author>")
    text = (folder / "bibliography.xml").read_text(encoding="utf-8")
    (folder / "bibliography.xml").write_text(
        text.replace('<biblScope unit="page" from="96" to="104">96-104</biblScope>', ""), encoding="utf-8")
    problems = _run(folder)
    assert [p.rule for p in problems] == ["bib-pages"]
