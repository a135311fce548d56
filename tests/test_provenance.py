"""The repository's copies of outside files are what their provenance says they are.

The official OAI-PMH schemas in schema/oai-pmh/ match the sha256 of its PROVENANCE.md, and the raw
witnesses received with the edition match tei/raw/SHA256SUMS: checked in any clone. Where the
working folder also has the shared reference copies beside the clone (../shared/schemas and
../shared/sources), the recorded files are those copies byte for byte as well.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from lxml import etree

from teipub.project import PATHS

SCHEMAS = PATHS.schema / "oai-pmh"
SHARED = PATHS.root.parent / "shared"
XS = "{http://www.w3.org/2001/XMLSchema}"
ROW = re.compile(r"^\| (?P<file>[\w.-]+\.xsd) \| (?P<url>https?://\S+) \| (?P<sha>[0-9a-f]{64}) \|", re.M)


def provenance() -> dict[str, tuple[str, str]]:
    text = (SCHEMAS / "PROVENANCE.md").read_text(encoding="utf-8")
    return {m["file"]: (m["url"], m["sha"]) for m in ROW.finditer(text)}


def received_witnesses() -> dict[str, str]:
    """tei/raw/SHA256SUMS (sha256sum's format): file name -> sha256 of the texts as received."""
    lines = (PATHS.raw / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    return {name.lstrip("*"): sha for sha, name in (line.split(maxsplit=1) for line in lines if line.strip())}


def assert_recorded(folder: Path, recorded: dict[str, str], reference: Path) -> None:
    """Each recorded file of `folder` has its sha256; where the reference folder exists beside the
    clone, the recorded files are exactly its files, byte for byte."""
    for name, sha in recorded.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == sha, name
    if reference.is_dir():
        kinds = {Path(name).suffix for name in recorded}  # the reference folders also hold a README
        assert sorted(recorded) == sorted(p.name for p in reference.iterdir() if p.suffix in kinds)
        for name in recorded:
            assert (folder / name).read_bytes() == (reference / name).read_bytes(), name


def test_every_schema_copy_has_its_provenance_and_checksum() -> None:
    rows = provenance()
    assert set(rows) == {p.name for p in SCHEMAS.glob("*.xsd")}
    assert {"OAI-PMH.xsd", "oai_dc.xsd", "simpledc20021212.xsd", "oai-identifier.xsd", "xml.xsd"} <= set(rows)
    assert_recorded(SCHEMAS, {name: sha for name, (_, sha) in rows.items()}, SHARED / "schemas")


def test_raw_witnesses_are_the_received_files_unchanged() -> None:
    """The texts received with the edition; a source added later (cli.py new-source) is not among them."""
    recorded = received_witnesses()
    assert recorded and all((PATHS.raw / name).is_file() for name in recorded)
    assert_recorded(PATHS.raw, recorded, SHARED / "sources")


def test_the_schemas_import_each_other_by_the_official_urls_listed() -> None:
    """Each schemaLocation one copy imports is a URL of the table (oai_support maps them to the copies)."""
    urls = {url for url, _ in provenance().values()} | {"http://www.w3.org/2001/03/xml.xsd"}  # xml.xsd's older address
    for path in SCHEMAS.glob("*.xsd"):
        for imported in etree.parse(str(path)).iterfind(f"{XS}import"):
            assert imported.get("schemaLocation") in urls, (path.name, imported.get("schemaLocation"))
