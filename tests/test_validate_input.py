"""Hostile and broken input: a clear problem with the right rule id and position, never a
traceback, never an entity expanded or a resource fetched, and in bounded time."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli
from teipub.validate import InputError, validate
from teipub.xmlinput import read_document

HOSTILE = Path(__file__).parent / "fixtures" / "validate" / "hostile"
GOOD = Path(__file__).parent / "fixtures" / "validate" / "good"

# fixture -> the (rule, line, column) problems it must produce, in order
CASES: dict[str, list[tuple[str, int, int]]] = {
    "empty.xml": [("xml-empty", 1, 1)],
    "bom.xml": [("xml-bom", 1, 1)],
    "invalid-utf8.xml": [("xml-encoding", 3, 14)],
    "latin1-declared.xml": [("xml-encoding", 1, 1)],
    "utf16.xml": [("xml-encoding", 1, 1)],
    "not-xml.xml": [("xml-not-well-formed", 1, 1)],
    "mismatched.xml": [("xml-not-well-formed", 4, 29)],
    "undefined-entity.xml": [("xml-not-well-formed", 3, 23)],
    "billion-laughs.xml": [("xml-dtd-refused", 2, 1)],
    "xxe.xml": [("xml-dtd-refused", 3, 1)],
    "dtd-external.xml": [("xml-dtd-refused", 2, 1)],
    "xinclude.xml": [("xml-xinclude-refused", 32, 1), ("xml-xinclude-refused", 33, 1)],
    "wrong-ns.xml": [("tei-namespace", 2, 1)],
    "other-ns.xml": [("tei-namespace", 2, 1)],
    "deep.xml": [("xml-too-deep", 3, 1024)],
    "valid.xml": [],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_gives_its_rule_at_its_position(name: str) -> None:
    started = time.perf_counter()
    report = validate([HOSTILE / name], collection=GOOD)
    assert time.perf_counter() - started < 10
    assert [(p.rule, p.line, p.column) for p in report.problems] == CASES[name]


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_through_the_cli_never_shows_a_traceback(name: str) -> None:
    result = CliRunner().invoke(cli, ["validate", "--collection", str(GOOD), str(HOSTILE / name)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    errors = [r for r, _, _ in CASES[name] if r != "xml-bom"]
    assert result.exit_code == (1 if errors else 0)


def test_entities_are_never_expanded() -> None:
    report = validate([HOSTILE / "billion-laughs.xml"], collection=GOOD)
    assert "lol" not in " ".join(p.message for p in report.problems)
    assert "never expanded" in report.problems[0].message


def test_external_entities_and_xincludes_are_never_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the validator opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    for name in ("xxe.xml", "dtd-external.xml", "xinclude.xml"):
        doc, problems = read_document(HOSTILE / name)
        assert doc is None
        assert problems and all("refused" in p.message and "fetched" in p.message for p in problems)
        assert not any("root:" in p.message for p in problems)  # nothing of /etc/passwd


def test_size_limit_is_configurable() -> None:
    size = (GOOD / "sources" / "encyc.xml").stat().st_size
    report = validate([GOOD / "sources" / "encyc.xml"], collection=GOOD, max_bytes=size - 1)
    assert [(p.rule, p.line) for p in report.problems] == [("xml-too-large", 1)]
    assert f"{size} bytes" in report.problems[0].message
    assert validate([GOOD / "sources" / "encyc.xml"], collection=GOOD, max_bytes=size).ok


def test_missing_path_and_directory_without_xml_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        validate([tmp_path / "nothing.xml"], collection=GOOD)
    (tmp_path / "notes.txt").write_text("not xml")
    with pytest.raises(InputError, match="no .xml file"):
        validate([tmp_path], collection=GOOD)


def test_a_broken_file_in_the_collection_does_not_stop_the_others(tmp_path: Path) -> None:
    coll = tmp_path / "coll"
    (coll / "indexes").mkdir(parents=True)
    (coll / "indexes" / "persons.xml").write_bytes(b"")
    source = GOOD / "sources" / "encyc.xml"
    (coll / "sources").mkdir()
    (coll / "sources" / "encyc.xml").write_bytes(source.read_bytes())
    report = validate([coll / "sources" / "encyc.xml"], collection=coll)
    unresolved = [p for p in report.problems if p.rule == "pointer-unresolved"]
    assert unresolved and all("could not be read as XML" in p.message or "not a file" in p.message
                              for p in unresolved)
    assert any("persons.xml could not be read as XML" in p.message for p in unresolved)


def test_a_very_large_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.xml"
    with big.open("wb") as out:
        out.write(b'<TEI xmlns="http://www.tei-c.org/ns/1.0">')
        out.seek(25 * 1024 * 1024)
        out.write(b"</TEI>")
    started = time.perf_counter()
    report = validate([big], collection=GOOD)
    assert time.perf_counter() - started < 5
    assert [(p.rule, p.line) for p in report.problems] == [("xml-too-large", 1)]
