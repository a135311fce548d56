"""teipub.checks_claims: each rule on the valid fixture (no problem) and on one broken copy of it."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import etree

from collection_support import broken_copy, run_rules
from teipub.checks_claims import ana_claims, quote_matches, span_numbers, unmatched_numbers
from teipub.checks_measures import figure_stated, stated_numbers
from teipub.problems import ERROR, WARNING
from teipub.validate import load_rules, validate

VALID = Path(__file__).parent / "fixtures" / "claims" / "valid"
BAD = sorted((Path(__file__).parent / "fixtures" / "claims" / "bad").glob("*.xml"))
EXPECT = re.compile(r"<!-- expect: ([a-z0-9-]+) -->")
RULES = ["claim-readings-min", "claim-structure", "claim-reading-unlinked", "claim-reading-target",
         "claim-value-mismatch", "claim-quote-mismatch", "claim-citation", "bib-uncited", "claim-span-orphan",
         "claim-derived-credited", "claim-unlike-measures", "claim-measure-missing", "claim-related",
         "claim-verdict"]


def _run(folder: Path) -> list:
    return run_rules(folder, RULES)


def _broken(tmp_path: Path, file: str, old: str, new: str) -> Path:
    return broken_copy(VALID, tmp_path, file, old, new)


def test_rules_are_registered() -> None:
    registry = load_rules()
    for rid in RULES:
        assert rid in registry and registry[rid].check is not None and registry[rid].hint
    assert registry["claim-reading-unlinked"].severity == WARNING
    assert registry["claim-value-mismatch"].severity == ERROR
    assert registry["claim-derived-credited"].severity == ERROR
    assert registry["claim-unlike-measures"].severity == ERROR
    assert registry["claim-measure-missing"].severity == WARNING


def test_valid_fixture_has_no_problem() -> None:
    assert _run(VALID) == []


CASES = [
    # (rule, file, old, new, expected fragment of the message)
    ("claim-readings-min", "claims.xml",
     """<rdg source="bib:lenoe-2010" cert="high">
                <bibl><ptr target="bib:lenoe-2010"/></bibl>
                <note type="gist">Nikolaev acted alone.</note>
              </rdg>""", "", 'claim "kirov-responsibility" has 1 reading'),
    ("claim-value-mismatch", "claims.xml",
     '<num type="percent" subtype="normalised" value="18"/>', '<num type="percent" subtype="normalised" value="19"/>',
     "states 19"),
    ("claim-quote-mismatch", "claims.xml",
     "<quote>Kirov was murdred by the secret police</quote>", "<quote>Kirov was murdered by the secret police</quote>",
     "is not the text of sources/mini.xml#mini-seg1"),
    ("claim-reading-target", "sources/mini.xml",
     'value="18" subtype="approx" ana="claim:expelled-1933"', 'value="18" subtype="approx"',
     'no ana="claim:expelled-1933"'),
    ("claim-reading-target", "claims.xml",
     'corresp="sources/other.xml#other-num1"', 'corresp="sources/mini.xml#mini-num1"',
     "is not in the file of witness #wit-other"),
    ("claim-span-orphan", "sources/mini.xml",
     '<date xml:id="mini-date1" when="1934">', '<date xml:id="mini-date1" when="1934" ana="claim:kirov-responsibility">',
     '"mini-date1" names claim "kirov-responsibility"'),
    ("claim-citation", "claims.xml",
     '<rdg source="bib:lenoe-2010" cert="high">\n                <bibl><ptr target="bib:lenoe-2010"/>',
     '<rdg source="bib:lenoe-2011" cert="high">\n                <bibl><ptr target="bib:lenoe-2011"/>',
     'cites "bib:lenoe-2011"'),
    ("bib-uncited", "bibliography.xml",
     "</listBibl>",
     '<biblStruct xml:id="bib-unused-2000"><monogr><title>Unused</title><imprint><date>2000</date></imprint></monogr></biblStruct></listBibl>',
     '"bib-unused-2000" is cited nowhere'),
    ("claim-reading-unlinked", "claims.xml",
     ' corresp="sources/mini.xml#mini-seg1"', "", "points to no span"),
    ("claim-structure", "claims.xml",
     '<note type="question">Who was responsible for Kirov\'s murder?</note>', "", 'has no note type="question"'),
    ("claim-structure", "claims.xml",
     'ana="#kind-attribution #topic-kirov"', 'ana="#kind-rumour #topic-kirov"', "known #kind-"),
    ("claim-structure", "claims.xml",
     '<num type="count" subtype="base" value="1900000"/>', '<num type="count" subtype="normalised" value="1900000"/>',
     "more than one normalised num"),
    ("claim-structure", "claims.xml",
     '<note type="editorial" resp="ed:historical" cert="medium">Unsupported.</note>',
     '<note type="editorial" resp="ed:historical">Unsupported.</note>', "with @resp and @cert"),
    ("claim-structure", "claims.xml",
     '<bibl><ptr target="bib:lenoe-2010"/></bibl>', "<bibl>Lenoe</bibl>", "bibl/ptr with the same target"),
]


@pytest.mark.parametrize("rule_id, file, old, new, fragment", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_rule_catches_its_fault(tmp_path: Path, rule_id: str, file: str, old: str, new: str,
                                     fragment: str) -> None:
    problems = _run(_broken(tmp_path, file, old, new))
    mine = [p for p in problems if p.rule == rule_id]
    assert mine, f"{rule_id} found nothing; all: {[p.message for p in problems]}"
    assert any(fragment in p.message for p in mine), [p.message for p in mine]


@pytest.mark.parametrize("bad", BAD, ids=[p.stem for p in BAD])
def test_bad_register_reports_exactly_its_marked_lines(tmp_path: Path, bad: Path) -> None:
    """Each file of fixtures/claims/bad is the valid register broken for one rule, the lines marked
    `<!-- expect: rule-id -->`; in the valid collection it yields exactly those problems."""
    folder = tmp_path / "coll"
    shutil.copytree(VALID, folder)
    shutil.copy(bad, folder / "claims.xml")
    want = {(m.group(1), n) for n, line in enumerate(bad.read_text(encoding="utf-8").splitlines(), 1)
            for m in EXPECT.finditer(line)}
    assert want, f"{bad.name} marks no line"
    assert {(p.rule, p.line) for p in _run(folder)} == want


def test_every_new_register_rule_has_a_bad_register() -> None:
    covered = {m.group(1) for p in BAD for m in EXPECT.finditer(p.read_text(encoding="utf-8"))}
    assert {"claim-derived-credited", "claim-unlike-measures", "claim-related", "claim-verdict"} <= covered


def test_a_derived_scholarly_figure_needs_the_editors_note(tmp_path: Path) -> None:
    folder = _broken(tmp_path, "claims.xml", '<rdg source="bib:getty-1985" cert="medium">\n'
                     '                <num type="percent" subtype="normalised" atLeast="17" atMost="19"/>',
                     '<rdg type="derived" source="bib:getty-1985" cert="medium">\n'
                     '                <num type="percent" subtype="normalised" value="18.3"/>')
    assert [p.message for p in _run(folder) if p.rule == "claim-derived-credited"] == [
        'the derived figure of bib:getty-1985 in "expelled-1933" has no note (with @resp) saying how the editors '
        "computed it"]
    text = (folder / "claims.xml").read_text(encoding="utf-8").replace(
        '<note type="gist">About 18', '<note resp="ed:historical">The editors\' mean of the regional rates.</note>'
        '<note type="gist">About 18')
    (folder / "claims.xml").write_text(text, encoding="utf-8")
    assert not [p for p in _run(folder) if p.rule == "claim-derived-credited"]


def test_a_comparability_note_or_a_context_reading_answers_unlike_measures(tmp_path: Path) -> None:
    bad = (Path(__file__).parent / "fixtures" / "claims" / "bad" / "claim-unlike-measures.xml").read_text(encoding="utf-8")
    folder = tmp_path / "coll"
    shutil.copytree(VALID, folder)
    noted = bad.replace('<note type="editorial" resp="ed:historical" cert="medium">The base',
                        '<note type="comparability" resp="ed:historical">Set side by side on purpose.</note>'
                        '<note type="editorial" resp="ed:historical" cert="medium">The base', 1)
    (folder / "claims.xml").write_text(noted, encoding="utf-8")
    assert not [p for p in _run(folder) if p.rule == "claim-unlike-measures"]
    context = bad.replace('<num type="count" subtype="normalised" value="400000" ana="#measure-membership-fall"/>',
                          '<num type="count" subtype="context" value="400000" ana="#measure-membership-fall"/>'
                          '<note type="gist">Context.</note>')
    context = context.replace('<rdg wit="#wit-other"', '<rdg type="context" wit="#wit-other"')
    (folder / "claims.xml").write_text(context, encoding="utf-8")
    assert not [p for p in _run(folder) if p.rule in ("claim-unlike-measures", "claim-structure")]


def test_derived_reading_is_exempt_from_the_value_check(tmp_path: Path) -> None:
    folder = _broken(tmp_path, "claims.xml", '<num type="percent" subtype="normalised" value="18"/>',
                     '<num type="count" subtype="normalised" value="342000"/><note>18 per cent of 1.9 million.</note>')
    assert any(p.rule == "claim-value-mismatch" for p in _run(folder))
    text = (folder / "claims.xml").read_text(encoding="utf-8")
    (folder / "claims.xml").write_text(text.replace('<rdg wit="#wit-mini" corresp="sources/mini.xml#mini-num2',
                                                    '<rdg type="derived" wit="#wit-mini" corresp="sources/mini.xml#mini-num2'),
                                       encoding="utf-8")
    assert not any(p.rule == "claim-value-mismatch" for p in _run(folder))


def test_real_collection_passes_the_claims_rules() -> None:
    problems = validate(rules=RULES).problems
    assert problems == [], "\n".join(p.render() for p in problems)


# ---------------------------------------------------------------- the pure cores

T = "http://www.tei-c.org/ns/1.0"


def test_span_numbers_reads_nums_and_measures() -> None:
    seg = etree.fromstring(f'<seg xmlns="{T}">of <num value="18"/> and <num atLeast="2" atMost="3"/> '
                           f'<measure quantity="105000000" unit="ruble"/></seg>')
    assert span_numbers(seg) == [18.0, 2.0, 3.0, 105000000.0]
    num = etree.fromstring(f'<num xmlns="{T}" value="0.6667" atMost="0.6667"/>')
    assert span_numbers(num) == [0.6667, 0.6667]


def test_unmatched_numbers() -> None:
    num = etree.fromstring(f'<num xmlns="{T}" value="3000" atLeast="3000"/>')
    assert unmatched_numbers([3000.0], [num]) == []
    assert unmatched_numbers([3000.0, 4000.0], [num]) == [4000.0]
    assert unmatched_numbers([1.0], []) == [1.0]


def test_quote_matches_uses_the_diplomatic_words() -> None:
    seg = etree.fromstring(f'<seg xmlns="{T}">were <choice><sic>accursed</sic><corr>accused</corr></choice> of</seg>')
    assert quote_matches("Bukharin and Rykov were accursed of forming", [seg])
    assert not quote_matches("Bukharin and Rykov were accused of forming", [seg])
    num = etree.fromstring(f'<num xmlns="{T}">almost 1 million</num>')
    assert quote_matches("These caused almost 1 million associate deaths.", [num])


def test_stated_numbers() -> None:
    assert stated_numbers("681,692 death sentences and 25,376 deaths") == [681692.0, 25376.0]
    assert stated_numbers("from 950,000 to 1.2 million") == [950000.0, 1200000.0]
    assert stated_numbers("5.5 to 6.5 million") == [5500000.0, 6500000.0]
    assert stated_numbers("105 thousand million rubles") == [105e9]
    assert stated_numbers("about a million; three of the five") == [1e6, 3.0, 5.0]
    assert stated_numbers("roughly a quarter, not two-thirds") == [25.0, 0.25, 67.0, 66.67, 0.6667]
    assert stated_numbers("half-hearted") == []
    assert stated_numbers("a party") == []


def test_figure_stated() -> None:
    assert figure_stated([681692.0], [681692.0, 1937.0]) == []
    assert figure_stated([797614.0], [681692.0, 115922.0]) == [797614.0]
    assert figure_stated([33.0], stated_numbers("roughly a third")) == []
    assert figure_stated([18.3], stated_numbers("about 18 per cent")) == [18.3]
    assert figure_stated([680000.0], [681692.0]) == [680000.0]


def test_ana_claims() -> None:
    el = etree.fromstring(f'<num xmlns="{T}" ana="claim:a #other claim:b-c"/>')
    assert ana_claims(el) == {"a", "b-c"}
    assert ana_claims(etree.fromstring(f'<num xmlns="{T}"/>')) == set()
