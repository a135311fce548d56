"""The validator's rules: every rule has a fixture that breaks it, reported with the exact rule id,
file and line, and the valid collection in tests/fixtures/validate/good/ passes every rule.

Each file in fixtures/validate/bad/ marks the lines where it breaks a rule with a comment
`<!-- expect: rule-id -->` on that line; the validator must report exactly those (rule, line)
pairs for the file, nothing more and nothing less.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import importlib
import types

import teipub.validate as validate_module
from teipub.problems import ERROR, Problem, RuleError, assemble, declare, make_problem, rule, rules_of
from teipub.validate import CHECK_MODULES, load_rules, validate
from teipub.xmlinput import display_path

FIXTURES = Path(__file__).parent / "fixtures" / "validate"
GOOD = FIXTURES / "good"
BAD = sorted((FIXTURES / "bad").glob("*.xml"))
EXPECT = re.compile(r"<!-- expect: ([a-z0-9-]+) -->")
# the rules this module's fixtures must cover (the claims register's rules have their own tests)
OWN_MODULES = {"teipub.checks_schema", "teipub.checks_pointers", "teipub.checks_values",
               "teipub.checks_header", "teipub.checks_names"}
INPUT_RULE_FIXTURES = {  # input-stage rules are covered in test_validate_input.py
    "internal-error",  # covered by test_a_crashing_rule_becomes_a_problem below
    "xml-too-large", "xml-empty", "xml-bom", "xml-encoding", "xml-dtd-refused", "xml-not-well-formed",
    "xml-too-deep", "xml-xinclude-refused", "tei-namespace"}


def own_rules() -> list[str]:
    return [rid for rid, r in load_rules().items()
            if r.check is None or r.check.__module__ in OWN_MODULES]


def expected(path: Path) -> set[tuple[str, int]]:
    return {(m.group(1), n) for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            for m in EXPECT.finditer(line)}


def test_good_collection_passes_every_rule() -> None:
    report = validate([GOOD], collection=GOOD)
    assert report.files == 6
    assert report.problems == []
    assert report.ok


def test_the_interpreters_switch_interval_is_given_back(monkeypatch) -> None:
    """A run with a schema thread hands the lock between threads more often while it lasts, and
    leaves the interpreter as it found it, also when a check crashes."""
    import sys

    seen: list[float] = []
    real = validate_module._run_check
    monkeypatch.setattr(validate_module, "_run_check",
                        lambda check, doc, coll: (seen.append(sys.getswitchinterval()), real(check, doc, coll))[1])
    before = sys.getswitchinterval()
    validate([GOOD], collection=GOOD)
    assert sys.getswitchinterval() == before
    assert seen and all(value == pytest.approx(validate_module.SCHEMA_THREAD_SWITCH) for value in seen)

    def crash(*_):
        raise KeyboardInterrupt

    monkeypatch.setattr(validate_module, "_run_check", crash)
    with pytest.raises(KeyboardInterrupt):
        validate([GOOD], collection=GOOD)
    assert sys.getswitchinterval() == before


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_fixture_reports_exactly_its_marked_lines(path: Path) -> None:
    report = validate([path], collection=GOOD, rules=own_rules())
    got = {(p.rule, p.line) for p in report.problems}
    assert got == expected(path)
    assert {p.file for p in report.problems} == {display_path(path.resolve())}


def test_every_rule_has_a_bad_fixture() -> None:
    rules = load_rules()
    covered = {rule for p in BAD for rule, _ in expected(p)} | INPUT_RULE_FIXTURES
    own = {rid for rid, r in rules.items() if r.check is None or r.check.__module__ in OWN_MODULES}
    assert own - covered == set()


def test_every_rule_has_a_hint_and_a_summary() -> None:
    for rid, registered in load_rules().items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rid), rid
        assert registered.hint.strip(), rid
        assert registered.summary.strip(), rid


def test_warning_only_file_is_valid_and_strict_makes_it_invalid() -> None:
    path = FIXTURES / "bad" / "name-untagged.xml"
    lenient = validate([path], collection=GOOD)
    assert lenient.ok and lenient.warnings == 3 and lenient.errors == 0
    strict = validate([path], collection=GOOD, strict=True)
    assert not strict.ok and strict.errors == 3
    assert {p.severity for p in strict.problems} == {ERROR}


def test_pointers_into_a_file_not_asked_for_still_resolve() -> None:
    # only the claims register is checked; its pointers reach the source, bibliography and persons
    report = validate([GOOD / "claims.xml"], collection=GOOD)
    assert report.files == 1 and report.problems == []


def test_duplicate_id_in_a_file_not_asked_for_is_reported_in_the_file_asked_for() -> None:
    report = validate([FIXTURES / "bad" / "id-duplicate.xml"], collection=GOOD)
    msgs = [p.message for p in report.problems if p.line == 33]
    assert msgs == ['xml:id "per-stalin" is also used at '
                    f"{display_path((GOOD / 'indexes' / 'persons.xml').resolve())}:17"]


def test_rule_filter_runs_only_the_named_rules() -> None:
    report = validate([FIXTURES / "bad" / "num-bounds.xml", FIXTURES / "bad" / "date-order.xml"],
                      collection=GOOD, rules=["date-order"])
    assert {p.rule for p in report.problems} == {"date-order"}


def test_registry_refuses_a_second_rule_with_the_same_id() -> None:
    with pytest.raises(RuleError):
        assemble([*load_rules().values(), declare("pointer-unresolved", hint="again")])
    with pytest.raises(RuleError):
        make_problem("no-such-rule", "f.xml", 1, 1, "x")


def test_importing_a_module_registers_nothing() -> None:
    @rule("test-never-registered", hint="only a test")
    def unlisted(doc, coll):  # type: ignore[no-untyped-def]
        """Defined, never listed in CHECK_MODULES."""
        yield from ()

    assert unlisted.rule.id == "test-never-registered"  # type: ignore[attr-defined]
    assert "test-never-registered" not in load_rules()
    declare("test-declared-only", hint="only a test")
    assert "test-declared-only" not in load_rules()


def test_every_rule_id_has_exactly_one_function_and_one_fixture() -> None:
    """Each id is defined once across the check modules; each decorated function checks one rule;
    each rule of this module's own modules has its fixture, bad/<rule-id>.xml."""
    defined = [r for m in CHECK_MODULES for r in rules_of(importlib.import_module(m))]  # type: ignore[arg-type]
    ids = [r.id for r in defined]
    assert len(ids) == len(set(ids)) == len(load_rules())
    per_rule = [r.check for r in defined if r.stage == "file" and r.check is not None]
    assert len(per_rule) == len(set(per_rule))
    for r in defined:  # a file-stage rule is run by its own function, which reports that rule
        if r.stage == "file" and r.check is not None:
            assert r.check.rule is r  # type: ignore[attr-defined]
    stems = [p.stem for p in BAD]
    for rid in own_rules():
        if rid not in INPUT_RULE_FIXTURES:
            assert stems.count(rid) == 1, rid


def _with_rules(monkeypatch: pytest.MonkeyPatch, *checks: object) -> None:
    """Add a module holding `checks` to the validator's list of check modules (for this test only)."""
    module = types.ModuleType("test_validate_rules")
    for fn in checks:
        fn.__module__ = module.__name__  # type: ignore[attr-defined]
        setattr(module, fn.__name__, fn)  # type: ignore[attr-defined]
    monkeypatch.setattr(validate_module, "CHECK_MODULES", (*CHECK_MODULES, module))


def test_a_rule_of_a_listed_module_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    @rule("test-every-p-is-flagged", hint="only a test")
    def flag(doc, coll):  # type: ignore[no-untyped-def]
        """Flag every p (registered by this test only)."""
        for el in doc.root.iterfind(".//{http://www.tei-c.org/ns/1.0}body//{http://www.tei-c.org/ns/1.0}p"):
            yield doc.problem("test-every-p-is-flagged", el, "a p")

    _with_rules(monkeypatch, flag)
    report = validate([GOOD / "sources" / "encyc.xml"], collection=GOOD)
    flagged = [p.line for p in report.problems if p.rule == "test-every-p-is-flagged"]
    assert flagged == [69]
    monkeypatch.undo()
    assert "test-every-p-is-flagged" not in load_rules()


def test_problem_renders_as_file_line_column_severity_message_rule_and_hint() -> None:
    p = Problem("tei/sources/essay.xml", 12, 5, "error", "bad date", "date-invalid", "fix it")
    assert p.render() == "tei/sources/essay.xml:12:5: error: bad date [date-invalid]\n  hint: fix it"
    assert p.as_dict()["rule"] == "date-invalid"


def test_validator_never_writes_to_its_inputs() -> None:
    files = sorted(FIXTURES.rglob("*.xml"))
    before = {f: (f.stat().st_mtime_ns, f.read_bytes()) for f in files}
    validate([FIXTURES / "bad", FIXTURES / "hostile"], collection=GOOD)
    assert {f: (f.stat().st_mtime_ns, f.read_bytes()) for f in files} == before


def test_readme_documents_every_rule_with_an_example() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Validation rules", 1)[1].split("\n## ", 1)[0]
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| `([a-z0-9-]+)`.*$", section, re.M)}
    assert set(rows) == set(own_rules())
    assert all(row.count("|") >= 4 and "→" in row or "`" in row.split("|")[3] for row in rows.values())


def test_a_crashing_rule_becomes_a_problem_and_the_other_rules_still_run(monkeypatch: pytest.MonkeyPatch) -> None:
    @rule("test-crashes", hint="only a test")
    def crash(doc, coll):  # type: ignore[no-untyped-def]
        """Always fails (registered by this test only)."""
        raise ValueError("boom")
        yield  # pragma: no cover

    _with_rules(monkeypatch, crash)
    report = validate([FIXTURES / "bad" / "date-order.xml"], collection=GOOD)
    rules = [p.rule for p in report.problems]
    assert "internal-error" in rules and rules.count("date-order") == 2
    crash_report = next(p for p in report.problems if p.rule == "internal-error")
    assert "test_validate_rules.crash failed: ValueError: boom" in crash_report.message


def test_without_java_the_libxml2_message_is_condensed(monkeypatch: pytest.MonkeyPatch) -> None:
    import teipub.checks_schema as checks_schema

    monkeypatch.setattr(checks_schema, "run_jing", lambda paths, **kw: None)
    report = validate([FIXTURES / "bad" / "rng-invalid.xml"], collection=GOOD, rules=["rng-invalid"])
    assert [(p.rule, p.line) for p in report.problems] == [("rng-invalid", 31)]
    assert report.problems[0].message == ("Invalid attribute type for element num: allowed values are "
                                          "count, percent, fraction, ordinal, multiplier")


def test_jing_verdict_stands_where_libxml2_disagrees(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file libxml2 rejects but jing (the reference) accepts gets no schema error."""
    from lxml import etree

    import teipub.checks_schema as checks_schema

    rejecting = etree.RelaxNG(etree.fromstring(
        '<element name="nothing-matches" xmlns="http://relaxng.org/ns/structure/1.0"><empty/></element>'))
    monkeypatch.setattr(checks_schema, "relaxng", lambda: rejecting)
    # judged in this thread, with the rejecting schema (the schema thread compiles its own)
    monkeypatch.setattr(validate_module, "THREAD_MAX_BYTES", 0)
    asked: list[list[Path]] = []
    real_jing = checks_schema.run_jing
    monkeypatch.setattr(checks_schema, "run_jing", lambda paths, **kw: asked.append(paths) or real_jing(paths, **kw))
    report = validate([GOOD / "sources" / "encyc.xml"], collection=GOOD, rules=["rng-invalid"])
    assert report.problems == []
    assert asked == [[(GOOD / "sources" / "encyc.xml").resolve()]]  # libxml2 rejected it, jing was asked


def test_page_ranges_are_not_dates() -> None:
    report = validate([GOOD / "bibliography.xml", GOOD / "claims.xml"], collection=GOOD,
                      rules=["date-invalid", "date-order"])
    assert report.problems == []


def test_problems_on_elements_carry_the_column_of_the_start_tag(tmp_path: Path) -> None:
    report = validate([FIXTURES / "bad" / "pointer-unresolved.xml"], collection=GOOD)
    assert [(p.line, p.column) for p in report.problems][:2] == [(31, 10), (32, 9)]
    # columns count characters, not bytes: Cyrillic before the element on the same line
    text = (FIXTURES / "bad" / "num-bounds.xml").read_text(encoding="utf-8").replace(
        '      <p><num type="percent" value="120">', '      <p>Сталин <num type="percent" value="120">')
    path = tmp_path / "num-bounds.xml"
    path.write_text(text, encoding="utf-8")
    first = validate([path], collection=GOOD, rules=["num-bounds"]).problems[0]
    assert (first.line, first.column) == (31, 17)


def test_untagged_names_are_located_by_line_and_column() -> None:
    report = validate([FIXTURES / "bad" / "name-untagged.xml"], collection=GOOD)
    assert [(p.line, p.column) for p in report.problems] == [(69, 16), (70, 29), (73, 11)]
