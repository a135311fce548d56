"""The record index: the edition's TEI files as OAI-PMH records in one SQLite database.

`write_index(tei_dir, db_path)` reads every TEI file of the collection (tei/sources/*.xml,
tei/indexes/*.xml, tei/claims.xml, tei/bibliography.xml), takes from each its identifier (the root
`xml:id`), its datestamp (the latest `revisionDesc/change/@when`, to the day), its sets (the genre
of a source, or the part of the apparatus), its oai_dc record (made by xslt/oai_dc.xsl) and the TEI
document itself, and writes them to `db_path` (in a build, from what the build kept while it parsed
each file, teipub.parsed, never parsing again). `RecordIndex` reads it back for the OAI-PMH and DTS
endpoints.

Why listing costs the same at 5 records and at 100,000: every list the protocol can ask for is a
(metadataPrefix, set) pair, optionally narrowed by a date range. The table `listing` holds, for each
such pair (the empty set '' standing for the whole collection), the records in datestamp order with
their position `pos` in that list. A date range is turned into a range of positions by two index
look-ups, its size is hi - lo + 1, and a page is a range scan of `pos`: no COUNT, no OFFSET.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from .edition import Edition, EditionError, edition_file, load_edition
from .project import NS, PATHS, XML_NS

if TYPE_CHECKING:  # the server reads the index without loading an XSLT processor
    from .parsed import Facts, Parsed
    from .saxon import Saxon

OAI_DC_XSL = PATHS.xslt / "oai_dc.xsl"
SCHEMA_VERSION = "2"

# The sets and their names are the edition description's (tei/edition.xml, teipub.edition): a
# source is in the set of its genre keyword, an apparatus file in the set that lists it (or lists
# another file of its folder). A collection without a description has genre sets only, named by spec.


class RecordError(Exception):
    """A TEI file cannot become a record (unreadable, no identifier, no datestamp, duplicate)."""


@dataclass(frozen=True)
class Record:
    local_id: str
    datestamp: str  # YYYY-MM-DD
    sets: tuple[str, ...]  # every setSpec, ancestors included, sorted
    title: str
    path: str  # relative to the TEI folder
    formats: dict[str, str] = field(default_factory=dict)  # metadataPrefix -> XML (no declaration)


@dataclass(frozen=True)
class Header:
    local_id: str
    datestamp: str
    sets: tuple[str, ...]


@dataclass(frozen=True)
class SetInfo:
    spec: str
    name: str


# ---------------------------------------------------------------------------------------------
# Reading TEI files
# ---------------------------------------------------------------------------------------------

def collection_files(tei_dir: Path) -> list[Path]:
    """The files of the collection, in a stable order (raw texts and other folders are not)."""
    files = sorted(tei_dir.glob("sources/*.xml")) + sorted(tei_dir.glob("indexes/*.xml"))
    files += [tei_dir / name for name in ("claims.xml", "bibliography.xml") if (tei_dir / name).is_file()]
    return files


def _ancestors(spec: str) -> list[str]:
    parts = spec.split(":")
    return [":".join(parts[: i + 1]) for i in range(len(parts))]


def _set_slug(term: str) -> str:
    slug = "".join(c if c.isalnum() or c in "-_.!~*'()" else "-" for c in term.strip().lower())
    return slug.strip("-") or "unnamed"


def _apparatus_set(rel_path: str, apparatus: Mapping[str, str]) -> str | None:
    """The set of an apparatus file: the one listing it, else the one listing a file of its folder."""
    if rel_path in apparatus:
        return apparatus[rel_path]
    folder = rel_path.rpartition("/")[0]
    found = [spec for f, spec in sorted(apparatus.items()) if folder and f.rpartition("/")[0] == folder]
    return found[0] if found else None


def sets_of(tree: etree._ElementTree, rel_path: str, apparatus: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """The sets a file belongs to: a source by its genre keywords, the apparatus by its place
    (`apparatus`: file relative to tei/ -> set, from the edition description)."""
    specs: set[str] = set()
    first = rel_path.split("/", 1)[0]
    if (spec := _apparatus_set(rel_path, apparatus or {})) is not None:
        specs.update(_ancestors(spec))
    elif first == "sources":
        for term in tree.xpath(
            "/tei:TEI/tei:teiHeader/tei:profileDesc/tei:textClass/tei:keywords[@scheme='#genre']/tei:term",
            namespaces=NS,
        ):
            if (text := "".join(term.itertext()).strip()):
                specs.update(_ancestors(f"genre:{_set_slug(text)}"))
    return tuple(sorted(specs))


def datestamp_of(tree: etree._ElementTree) -> str | None:
    """The latest revision date, to the day (the repository's granularity is YYYY-MM-DD)."""
    whens = [w[:10] for w in tree.xpath("//tei:revisionDesc//tei:change/@when", namespaces=NS)]
    valid = [w for w in whens if len(w) == 10 and w[4] == "-" and w[7] == "-"]
    return max(valid) if valid else None


def title_of(tree: etree._ElementTree) -> str:
    titles = tree.xpath(
        "/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[@type='main']"
        " | /tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title",
        namespaces=NS,
    )
    return " ".join("".join(titles[0].itertext()).split()) if titles else ""


class Crosswalk:
    """xslt/oai_dc.xsl (compiled once by the edition's Saxon), applied to one TEI file at a time."""

    def __init__(self, saxon: Saxon | None = None, stylesheet: Path = OAI_DC_XSL) -> None:
        from .saxon import Saxon

        self._saxon = saxon or Saxon()
        self._stylesheet = stylesheet
        self.params: dict[str, str] = {}  # the stylesheet's parameters: edition-version (read_collection)

    def oai_dc(self, tei_file: Path) -> str:
        from .saxon import XsltError

        try:
            return self._saxon.transform(self._stylesheet, source=tei_file, params=self.params).output.strip()
        except XsltError as exc:
            raise RecordError(f"{tei_file.name}: the oai_dc crosswalk failed: {exc.message}") from exc


def facts_of(tree: etree._ElementTree, rel: str, stem: str, apparatus: Mapping[str, str] | None = None) -> Facts:
    """A file's identifier (its root's xml:id, else `stem`), datestamp, sets and title."""
    from .parsed import Facts

    return Facts(tree.getroot().get(f"{{{XML_NS}}}id") or stem, datestamp_of(tree),
                 sets_of(tree, rel, apparatus), title_of(tree))


def read_record(path: Path, tei_dir: Path, crosswalk: Crosswalk, apparatus: Mapping[str, str] | None = None,
                parsed: Parsed | None = None) -> Record:
    """The record of one file: from what the build kept of it (`parsed`), else parsed here."""
    rel = path.relative_to(tei_dir).as_posix()
    if parsed is not None and rel in parsed.text:
        facts, tei_xml = parsed.facts[rel], parsed.text[rel]
    else:
        try:
            tree = etree.parse(str(path))
        except (OSError, etree.XMLSyntaxError) as exc:
            raise RecordError(f"{rel}: cannot be read as XML: {exc}") from exc
        facts, tei_xml = facts_of(tree, rel, path.stem, apparatus), etree.tostring(tree.getroot(), encoding="unicode")
    if facts.datestamp is None:
        raise RecordError(f"{rel}: no revisionDesc/change/@when to date the record by")
    formats = {"tei": tei_xml}
    dc = crosswalk.oai_dc(path)
    if dc:
        formats["oai_dc"] = dc
    return Record(facts.local_id, facts.datestamp, facts.sets, facts.title, rel, formats)


def _description(tei_dir: Path) -> Edition | None:
    """The edition description of the collection, or None when it has none."""
    if not edition_file(tei_dir).is_file():
        return None
    try:
        return load_edition(tei_dir)
    except EditionError as exc:
        raise RecordError(str(exc)) from None


def apparatus_of(tei_dir: Path) -> Mapping[str, str]:
    """The apparatus files' sets (file relative to tei/ -> set) of the edition description."""
    described = _description(tei_dir)
    return described.apparatus_sets if described else {}


def read_collection(tei_dir: Path, crosswalk: Crosswalk | None = None, parsed: Parsed | None = None) -> list[Record]:
    crosswalk = crosswalk or Crosswalk()
    described = _description(tei_dir)
    apparatus = apparatus_of(tei_dir)
    if described and described.version:  # every oai_dc record names the edition's version
        crosswalk.params["edition-version"] = described.version
    records = [read_record(p, tei_dir, crosswalk, apparatus, parsed) for p in collection_files(tei_dir)]
    seen: dict[str, str] = {}
    for rec in records:
        if rec.local_id in seen:
            raise RecordError(f"{rec.path}: identifier {rec.local_id!r} is also used by {seen[rec.local_id]}")
        seen[rec.local_id] = rec.path
    return records


# ---------------------------------------------------------------------------------------------
# Writing the database
# ---------------------------------------------------------------------------------------------

DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE records (rid INTEGER PRIMARY KEY, local_id TEXT NOT NULL UNIQUE, datestamp TEXT NOT NULL,
                      sets TEXT NOT NULL, title TEXT NOT NULL, path TEXT NOT NULL);
CREATE TABLE sets (spec TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE metadata (rid INTEGER NOT NULL, prefix TEXT NOT NULL, xml TEXT NOT NULL,
                       PRIMARY KEY (rid, prefix));  -- a rowid table: its rows are large documents
CREATE TABLE listing (prefix TEXT NOT NULL, spec TEXT NOT NULL, pos INTEGER NOT NULL,
                      datestamp TEXT NOT NULL, rid INTEGER NOT NULL,
                      PRIMARY KEY (prefix, spec, pos)) WITHOUT ROWID;
CREATE INDEX listing_by_date ON listing (prefix, spec, datestamp, pos);
"""


def write_records(records: Iterable[Record], db_path: Path, set_names: dict[str, str] | None = None) -> str:
    """Write records to a new database at db_path (replaced atomically); return its snapshot id.

    The snapshot id is a digest of everything written, so the same collection always gives the
    same id and any change gives a new one (resumption tokens are bound to it).
    """
    names = set_names or {}
    ordered = sorted(records, key=lambda r: (r.datestamp, r.local_id))
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    con = sqlite3.connect(tmp)
    try:
        con.executescript(DDL)
        positions: dict[tuple[str, str], int] = {}
        all_specs: set[str] = set()
        for rid, rec in enumerate(ordered, start=1):
            con.execute(
                "INSERT INTO records VALUES (?, ?, ?, ?, ?, ?)",
                (rid, rec.local_id, rec.datestamp, " ".join(rec.sets), rec.title, rec.path),
            )
            digest.update(f"\0{rec.local_id}\0{rec.datestamp}\0{' '.join(rec.sets)}".encode())
            all_specs.update(rec.sets)
            for prefix, xml in sorted(rec.formats.items()):
                con.execute("INSERT INTO metadata VALUES (?, ?, ?)", (rid, prefix, xml))
                digest.update(f"\0{prefix}\0".encode() + xml.encode())
                for spec in ("", *rec.sets):
                    pos = positions.get((prefix, spec), 0)
                    positions[(prefix, spec)] = pos + 1
                    con.execute("INSERT INTO listing VALUES (?, ?, ?, ?, ?)", (prefix, spec, pos, rec.datestamp, rid))
        for spec in sorted(all_specs):
            con.execute("INSERT INTO sets VALUES (?, ?)", (spec, names.get(spec, spec)))
        snapshot = digest.hexdigest()[:16]
        earliest = ordered[0].datestamp if ordered else ""
        con.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [("schema", SCHEMA_VERSION), ("snapshot", snapshot), ("earliest", earliest), ("count", str(len(ordered)))],
        )
        con.commit()
    finally:
        con.close()
    os.replace(tmp, db_path)
    return snapshot


def write_index(tei_dir: Path, db_path: Path, crosswalk: Crosswalk | None = None,
                parsed: Parsed | None = None) -> int:
    """Build the record index of the TEI collection in tei_dir; return the number of records
    (`parsed`: what the build kept of the files it has parsed, teipub.parsed)."""
    records = read_collection(tei_dir, crosswalk, parsed)
    described = _description(tei_dir)
    write_records(records, db_path, described.set_names if described else None)
    return len(records)


# ---------------------------------------------------------------------------------------------
# Reading the database
# ---------------------------------------------------------------------------------------------

class RecordIndex:
    """Read-only access to a record index; one SQLite connection per thread."""

    def __init__(self, db_path: Path) -> None:
        if not db_path.is_file():
            raise RecordError(f"no record index at {db_path} (run the build first)")
        self.db_path = db_path
        self._local = threading.local()
        meta = dict(self._con().execute("SELECT key, value FROM meta"))
        if meta.get("schema") != SCHEMA_VERSION:
            raise RecordError(f"{db_path} was written by another version of the index; rebuild it")
        self.snapshot: str = meta["snapshot"]
        self.earliest_datestamp: str = meta["earliest"]
        self.count = int(meta["count"])
        self.set_list: list[SetInfo] = [SetInfo(s, n) for s, n in self._con().execute("SELECT spec, name FROM sets ORDER BY spec")]
        self.prefixes: frozenset[str] = frozenset(p for (p,) in self._con().execute("SELECT DISTINCT prefix FROM listing WHERE spec = ''"))

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, check_same_thread=False)
            con.execute("PRAGMA mmap_size = 1073741824")  # read pages through the OS cache, no copies
            self._local.con = con
        return con

    @staticmethod
    def _header(local_id: str, datestamp: str, sets: str) -> Header:
        return Header(local_id, datestamp, tuple(sets.split()) if sets else ())

    def header(self, local_id: str) -> Header | None:
        row = self._con().execute("SELECT local_id, datestamp, sets FROM records WHERE local_id = ?", (local_id,)).fetchone()
        return self._header(*row) if row else None

    def formats_of(self, local_id: str) -> list[str]:
        rows = self._con().execute(
            "SELECT m.prefix FROM metadata m JOIN records r ON r.rid = m.rid WHERE r.local_id = ? ORDER BY m.prefix",
            (local_id,),
        )
        return [p for (p,) in rows]

    def metadata(self, local_id: str, prefix: str) -> str | None:
        row = self._con().execute(
            "SELECT m.xml FROM metadata m JOIN records r ON r.rid = m.rid WHERE r.local_id = ? AND m.prefix = ?",
            (local_id, prefix),
        ).fetchone()
        return row[0] if row else None

    def span(self, prefix: str, spec: str, date_from: str | None, date_until: str | None) -> tuple[int, int] | None:
        """Positions [lo, hi] of the records in the list (prefix, spec) dated within the range."""
        con = self._con()
        lo = con.execute(
            "SELECT pos FROM listing WHERE prefix = ? AND spec = ? AND datestamp >= ? ORDER BY datestamp, pos LIMIT 1",
            (prefix, spec, date_from or ""),
        ).fetchone()
        hi = con.execute(
            "SELECT pos FROM listing WHERE prefix = ? AND spec = ? AND datestamp <= ? "
            "ORDER BY datestamp DESC, pos DESC LIMIT 1",
            (prefix, spec, date_until or "9999-12-31"),
        ).fetchone()
        if lo is None or hi is None or hi[0] < lo[0]:
            return None
        return lo[0], hi[0]

    def page(
        self, prefix: str, spec: str, start: int, hi: int, size: int, with_metadata: bool
    ) -> list[tuple[int, Header, str | None]]:
        """Up to `size` records of the list (prefix, spec) from position `start` to `hi`."""
        xml_col = "m.xml" if with_metadata else "NULL"
        rows = self._con().execute(
            f"SELECT l.pos, r.local_id, r.datestamp, r.sets, {xml_col} FROM listing l "
            "JOIN records r ON r.rid = l.rid "
            "JOIN metadata m ON m.rid = l.rid AND m.prefix = l.prefix "
            "WHERE l.prefix = ? AND l.spec = ? AND l.pos BETWEEN ? AND ? ORDER BY l.pos LIMIT ?",
            (prefix, spec, start, hi, size),
        )
        return [(pos, self._header(lid, ds, sets), xml) for pos, lid, ds, sets, xml in rows]

    def all_records(self) -> Iterator[tuple[Header, str, str]]:
        """Every record's header, title and path, in datestamp order (for DTS)."""
        for lid, ds, sets, title, path in self._con().execute(
            "SELECT local_id, datestamp, sets, title, path FROM records ORDER BY rid"
        ):
            yield self._header(lid, ds, sets), title, path

    def title(self, local_id: str) -> str | None:
        row = self._con().execute("SELECT title FROM records WHERE local_id = ?", (local_id,)).fetchone()
        return row[0] if row else None


def write_site_index(tei_dir: Path, site_dir: Path, saxon: Saxon | None = None, parsed: Parsed | None = None) -> int:
    """The build's `records` stage: the index of tei_dir, written into the site being built, from
    the files the build has already parsed (`parsed`)."""
    from .project import RECORD_INDEX_NAME

    return write_index(tei_dir, site_dir / RECORD_INDEX_NAME, Crosswalk(saxon), parsed)
