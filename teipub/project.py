"""Where things live. Every other module asks here rather than building paths itself."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NS = {"tei": TEI_NS}


@dataclass(frozen=True)
class Paths:
    root: Path = ROOT
    tei_dir: Path | None = None  # another collection (default: root/tei), e.g. `cli.py build --tei`
    edition_dir: Path | None = None  # another folder for the built site (default: root/edition)

    @property
    def tei(self) -> Path:
        return self.tei_dir or self.root / "tei"

    @property
    def raw(self) -> Path:
        return self.tei / "raw"

    @property
    def sources(self) -> Path:
        return self.tei / "sources"

    @property
    def schema(self) -> Path:
        return self.root / "schema"

    @property
    def xslt(self) -> Path:
        return self.root / "xslt"

    @property
    def edition(self) -> Path:
        return self.edition_dir or self.root / "edition"

    @property
    def assets(self) -> Path:
        """The hand-written CSS and JS, always the project's own (edition/assets)."""
        return self.root / "edition" / "assets"

    @property
    def site(self) -> Path:
        """The built edition the server serves at / (a link to the current build folder)."""
        return self.edition / "site"

    @property
    def record_index(self) -> Path:
        """The OAI-PMH/DTS record index, written by the build beside the pages of the site.

        A dot-file: the server never serves hidden files, and static hosts usually skip them."""
        return self.site / RECORD_INDEX_NAME


RECORD_INDEX_NAME = ".records.sqlite"


PATHS = Paths()

# The edition's sources, genres, indexes and identity are not here: they are data, in the edition
# description tei/edition.xml, read by teipub.edition.
