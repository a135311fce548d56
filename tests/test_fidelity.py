"""Every word of each raw source survives, in order, in the diplomatic reading of its TEI file.

The sources are those of the edition description (tei/edition.xml): a source added with
`cli.py new-source` is checked without any change here."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from teipub.diplomatic import diplomatic_text, first_divergence, words
from teipub.edition import Source, load_edition
from teipub.project import NS, PATHS

SOURCES = load_edition(PATHS.tei).sources


def assert_faithful(tei_dir: Path, source: Source) -> None:
    """The diplomatic reading of the source's TEI file has the words of its raw witness, in order."""
    tei_file = tei_dir / source.file
    raw = (tei_dir / "raw" / source.raw).read_text(encoding="utf-8")
    text_el = etree.parse(str(tei_file)).find("tei:text", NS)
    assert text_el is not None, f"{tei_file} has no <text>"
    div = first_divergence(words(raw), words(diplomatic_text(text_el)))
    assert div is None, (
        f"{tei_file.name}: first divergence at word {div.index}: "
        f"raw has {' '.join(div.expected)!r}, TEI has {' '.join(div.found)!r}"
    )


@pytest.mark.parametrize("source", SOURCES, ids=[s.siglum for s in SOURCES])
def test_diplomatic_reading_gives_back_the_raw_text(source: Source) -> None:
    assert_faithful(PATHS.tei, source)


def test_every_source_has_its_raw_witness() -> None:
    for source in SOURCES:
        assert (PATHS.raw / source.raw).is_file(), f"{source.siglum}: tei/raw/{source.raw} is missing"


def test_divergence_names_the_first_differing_word() -> None:
    div = first_divergence(["a", "b", "c"], ["a", "x", "c"])
    assert div is not None and div.index == 1 and div.expected[0] == "b" and div.found[0] == "x"
    assert first_divergence(["a"], ["a", "b"]).index == 1
    assert first_divergence(["a", "b"], ["a", "b"]) is None


def test_editorial_additions_are_left_out_and_md_links_keep_their_target() -> None:
    xml = (
        '<text xmlns="http://www.tei-c.org/ns/1.0"><body><p>they were '
        '<choice><sic>accursed</sic><corr>accused</corr></choice> in '
        '<supplied>1</supplied>937–38<supplied> </supplied>was '
        '<ref target="http://x.org" rend="md-link">x.org</ref> begin<pc force="weak">-</pc><pb/>ning</p>'
        '<p>next</p></body></text>'
    )
    got = words(diplomatic_text(etree.fromstring(xml)))
    assert got == ["they", "were", "accursed", "in", "937", "38was", "x", "org", "http", "x", "org",
                   "begin", "ning", "next"]
