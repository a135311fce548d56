"""teipub/edition.py and tei/edition.xml: the edition's facts are data, named in one place only."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from teipub.edition import EditionError, load_edition, parse_edition
from teipub.project import PATHS, ROOT

EDITION = load_edition(PATHS.tei)

# Where the code lives: everything that is not the collection (tei/) or a test's own fixtures.
CODE_GLOBS = ("teipub/**/*.py", "xslt/**/*.xsl", "cli.py", "edition/assets/**/*", "schema/*.py", "Makefile",
              "bench/*.py")


def code_files() -> list[Path]:
    found = {p for pattern in CODE_GLOBS for p in ROOT.glob(pattern) if p.is_file()}
    return sorted(found)


FIVE_SOURCES = (r"\bfive\W+(?:\w+\W+)?(?:sources?|texts?|witness(?:es)?|documents?|files?|columns?|works?"
                r"|articles?|sigla)\b")


def namings(text: str) -> list[str]:
    """The places in `text` that name a source of the edition or count the sources.

    A source is *named* by its siglum as a whole quoted string ('essay', "essay"), by its file
    (sources/essay.xml, sources/essay.html) or by its raw witness (003_a99cfb2275fc3fa2.txt);
    the sources are *counted* by the word "five" before a word for them ("five sources", "the
    five texts", any case; a table of number words is no count). An id that merely starts with a
    siglum (essay-p4, #wit-essay) is an example of the id form, not a naming."""
    found: list[str] = []
    for source in EDITION.sources:
        s = re.escape(source.siglum)
        for pattern in (rf"""(['"]){s}\1""", rf"sources/{s}\.(?:xml|html)\b", re.escape(source.raw)):
            found += [m.group(0) for m in re.finditer(pattern, text)]
    found += [m.group(0) for m in re.finditer(FIVE_SOURCES, text, re.IGNORECASE)]
    return found


def test_the_description_lists_the_sources_in_reading_order_with_their_files() -> None:
    assert len(EDITION.sources) >= 1
    for source in EDITION.sources:
        assert (PATHS.tei / source.file).is_file(), source.file
        assert (PATHS.raw / source.raw).is_file(), source.raw
        assert source.file == f"sources/{source.siglum}.xml"
        assert source.genre in EDITION.genres
    files = sorted(p.stem for p in PATHS.sources.glob("*.xml"))
    assert sorted(EDITION.sigla) == files, "every source file is listed in tei/edition.xml, once"


def test_the_description_declares_identity_sets_indexes_and_claim_kinds() -> None:
    assert EDITION.title and EDITION.publisher and EDITION.version and EDITION.editors
    assert EDITION.licence.startswith("https://creativecommons.org/")
    assert all(f"genre:{g}" in EDITION.set_names for g in EDITION.genres)
    assert {k.prefix for k in EDITION.indexes} and all((PATHS.tei / k.file).is_file() for k in EDITION.indexes)
    assert set(EDITION.apparatus_sets) >= {k.file for k in EDITION.indexes}
    assert EDITION.claim_kind_names


@pytest.mark.parametrize("path", code_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_code_neither_names_nor_counts_the_sources(path: Path) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return  # fonts and images
    assert namings(text) == [], f"{path.relative_to(ROOT)} names or counts sources: tei/edition.xml is the place"


def test_the_scan_finds_what_it_looks_for() -> None:
    siglum = EDITION.sigla[0]
    assert namings(f"x = '{siglum}'") and namings(f"href='sources/{siglum}.html'") and namings("The Five sources")
    assert namings(f"({EDITION.sources[0].raw})")
    assert namings("the five edited texts") and namings("FIVE WITNESSES")
    assert not namings(f"'{siglum}-p4' #wit-{siglum} 'fivefold'")
    assert not namings('{"four": 4, "five": 5, "six": 6}') and not namings("one|four|five|six")


def test_a_broken_description_is_an_error_that_says_what_is_missing() -> None:
    with pytest.raises(EditionError, match="not well-formed"):
        parse_edition(b"<TEI")
    text = (PATHS.tei / "edition.xml").read_bytes().replace(b'<idno type="raw">', b'<idno type="other">', 1)
    with pytest.raises(EditionError, match="no raw"):
        parse_edition(text)
    with pytest.raises(EditionError, match="cannot read"):
        load_edition(PATHS.root / "no-such-folder")
