"""The repository's copies of outside files are what their provenance says they are.

The official OAI-PMH schemas in schema/oai-pmh/ match the sha256 of PROVENANCE.md; and where the
working folder has the shared reference copies beside the clone (../shared/schemas and
../shared/sources), the schemas and the raw witnesses in tei/raw/ match them byte for byte. A
bare clone has nothing beside it: those two comparisons then have nothing to compare and say so.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from lxml import etree

from teipub.project import PATHS

SCHEMAS = PATHS.schema / "oai-pmh"
SHARED = PATHS.root.parent / "shared"
XS = "{http://www.w3.org/2001/XMLSchema}"
ROW = re.compile(r"^\| (?P<file>[\w.-]+\.xsd) \| (?P<url>https?://\S+) \| (?P<sha>[0-9a-f]{64}) \|", re.M)


def provenance() -> dict[str, tuple[str, str]]:
    text = (SCHEMAS / "PROVENANCE.md").read_text(encoding="utf-8")
    return {m["file"]: (m["url"], m["sha"]) for m in ROW.finditer(text)}


def test_every_schema_copy_has_its_provenance_and_checksum() -> None:
    rows = provenance()
    assert set(rows) == {p.name for p in SCHEMAS.glob("*.xsd")}
    assert {"OAI-PMH.xsd", "oai_dc.xsd", "simpledc20021212.xsd", "oai-identifier.xsd", "xml.xsd"} <= set(rows)
    for name, (_, sha) in rows.items():
        assert hashlib.sha256((SCHEMAS / name).read_bytes()).hexdigest() == sha, name


def test_the_schemas_import_each_other_by_the_official_urls_listed() -> None:
    """Each schemaLocation one copy imports is a URL of the table (oai_support maps them to the copies)."""
    urls = {url for url, _ in provenance().values()} | {"http://www.w3.org/2001/03/xml.xsd"}  # xml.xsd's older address
    for path in SCHEMAS.glob("*.xsd"):
        for imported in etree.parse(str(path)).iterfind(f"{XS}import"):
            assert imported.get("schemaLocation") in urls, (path.name, imported.get("schemaLocation"))


def _same_files(ours: Path, reference: Path, pattern: str, more_allowed: bool = False) -> None:
    """Every reference file is in `ours`, byte for byte (and nothing else, unless `more_allowed`)."""
    if not reference.is_dir():
        pytest.skip(f"no reference copies at {reference} (a bare clone): nothing to compare")
    theirs = {p.name for p in reference.glob(pattern)}
    mine = {p.name for p in ours.glob(pattern)}
    assert theirs and (theirs <= mine if more_allowed else theirs == mine), sorted(theirs ^ mine)
    for name in sorted(theirs):
        assert (ours / name).read_bytes() == (reference / name).read_bytes(), name


def test_schema_copies_match_the_shared_reference_copies() -> None:
    _same_files(SCHEMAS, SHARED / "schemas", "*.xsd")


def test_raw_witnesses_are_the_received_files_unchanged() -> None:
    """The five received texts; a source added later (cli.py new-source) has no reference copy."""
    _same_files(PATHS.raw, SHARED / "sources", "*.txt", more_allowed=True)
