"""teipub.claims: the register read into dataclasses (fixture and the real register)."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from teipub.claims import Figure, RegisterError, parse_register, read_register, strip_prefix
from teipub.project import NS, PATHS

FIXTURE = Path(__file__).parent / "fixtures" / "claims" / "valid" / "claims.xml"
KINDS = {"quantity", "date", "cause", "attribution", "characterisation"}


def test_fixture_claims_and_their_readings() -> None:
    reg = read_register(FIXTURE)
    assert [c.id for c in reg.claims] == ["expelled-1933", "kirov-responsibility"]
    assert reg.witnesses == {"mini": "sources/mini.xml", "other": "sources/other.xml"}
    c = reg.claim("expelled-1933")
    assert (c.kind, c.topic, c.editorial_cert) == ("quantity", "expulsions", "medium")
    assert c.question == "How many party members were expelled in the 1933 purge?"
    first, second = c.sources()
    assert first.witness == "mini" and first.figure == Figure("percent", 18.0)
    assert first.base == 1900000 and first.year == "1933"
    assert first.pointers == ("sources/mini.xml#mini-num2", "sources/mini.xml#mini-num1")
    assert first.quote == "of 1.9 million members, approximately 18 percent were purged"
    assert second.figure == Figure("count", 400000.0)
    (scholar,) = c.scholarship()
    assert scholar.work == "getty-1985" and scholar.cited_range == "58" and scholar.cert == "medium"
    assert scholar.figure == Figure("percent", None, 17.0, 19.0)
    assert scholar.figure.numbers == (17.0, 19.0)
    assert scholar.gist == "About 18 per cent of those checked were expelled, 17 to 19 per cent by region."
    assert c.measure == "expelled" and first.measure == "expelled" and first.role == "answer"
    assert first.period == ("1933", "1933") and c.related == ("kirov-responsibility",)
    kirov = reg.claim("kirov-responsibility")
    assert kirov.sources()[0].figure is None and kirov.sources()[0].gist == "The secret police."


def test_unknown_claim_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        read_register(FIXTURE).claim("no-such-claim")


def test_strip_prefix() -> None:
    assert strip_prefix("#wit-essay", "#wit-") == "essay"
    assert strip_prefix("bib:getty-1993", "bib:") == "getty-1993"
    assert strip_prefix("plain", "bib:") == "plain"
    assert strip_prefix(None, "bib:") is None


@pytest.mark.parametrize("content, message", [
    (None, "cannot be read"),
    (b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><text>", "not well-formed"),
    (b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body/></text></TEI>", "not a claims register"),
])
def test_unreadable_registers_raise_register_error(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "claims.xml"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(RegisterError, match=message):
        read_register(path)


def test_the_real_register_parses_completely() -> None:
    path = PATHS.tei / "claims.xml"
    reg = read_register(path)
    root = etree.parse(str(path)).getroot()
    assert len(reg.claims) == len(root.findall(".//tei:app", NS)) >= 40
    assert sum(len(c.readings) for c in reg.claims) == len(root.findall(".//tei:app//tei:rdg", NS))
    assert len({c.id for c in reg.claims}) == len(reg.claims)
    assert set(reg.witnesses) == {"encyc", "notes", "infolist", "essay", "pamphlet"}
    for c in reg.claims:
        assert c.kind in KINDS, c.id
        assert c.topic and c.question.endswith("?"), c.id
        assert c.editorial and c.editorial_cert in {"high", "medium", "low"}, c.id
        assert len(c.readings) >= 2, c.id
        for r in c.sources():
            assert r.witness in reg.witnesses and r.quote, c.id
            assert r.figure is not None or r.gist, c.id
        for r in c.scholarship():
            assert r.work and r.gist, c.id


def test_parse_register_refuses_other_roots() -> None:
    with pytest.raises(RegisterError):
        parse_register(etree.fromstring("<root/>"))
