"""Authority reconciliation: the index entries out as CSV for OpenRefine, reviewed Wikidata ids back in.

`reconcile_rows(paths)` / `write_reconcile(paths, out)` write one CSV per index of the edition
description (``reconcile-persons.csv``, ``reconcile-places.csv``, ``reconcile-organisations.csv``):
one row per entry with its id, preferred name, variant names, dates, type and role, and its
current Wikidata id. OpenRefine reads the file as it is; the librarian reconciles the ``name``
column against Wikidata (matching persons on P569/P570 with ``birth``/``death``), reviews the
matches, and fills the columns ``wikidata`` (the Q id), ``label_found`` (the Wikidata label seen),
``where`` (how and where it was checked) and ``date_checked`` (YYYY-MM-DD); ``commit`` is optional.

`import_authorities(tei_dir, csv_path)` merges such a file back: every row with a ``wikidata``
value gives its entry an ``<idno type="wikidata">`` (replacing the entry's note "Wikidata id not
verified", inserted before its first note otherwise) and one row of evidence in
``tei/indexes/authority-evidence.csv`` (columns EVIDENCE_COLUMNS). The index files are edited as
text: the new line is inserted and the rest of the file stays byte for byte as it was. A row
with the id its entry already has changes no index; if it gives the whole evidence, the evidence
is recorded once.

It refuses, naming each row, and then changes nothing: a file that is not CSV or lacks a column, a
row whose entry no index has, a malformed id (Q and digits), a new id without its evidence or
with part of it, an id
given to two entries (in the file, or already held by another entry), an entry that already has
a different id, an entry given two ids. All files are written at once, each through a temporary
file renamed into place; if one cannot be written the ones already replaced are put back.
"""
from __future__ import annotations

import csv
import datetime
import io
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from teipub.edition import EditionError, IndexKind, load_edition
from teipub.project import NS, TEI_NS, XML_NS, Paths

XML_ID = f"{{{XML_NS}}}id"
EVIDENCE_FILE = "indexes/authority-evidence.csv"  # relative to tei/
EVIDENCE_COLUMNS = ("file", "xml_id", "authority", "id", "label_found", "where", "commit", "date_checked")
AUTHORITY = "wikidata"
WIKIDATA_ID = re.compile(r"Q[1-9][0-9]*")
UNVERIFIED = "Wikidata id not verified"  # the note an entry without an id carries
REQUIRED = ("id", "wikidata", "label_found", "where", "date_checked")  # columns of an import file
VARIANT_SEPARATOR = " | "

# The columns of the reconciliation CSV, in order, with what they hold.
RECONCILE_COLUMNS: dict[str, str] = {
    "id": "the entry's xml:id in the index (keep it: the import matches on it)",
    "kind": "person | place | org",
    "name": "the preferred name (reconcile this column)",
    "variants": f"the other name forms in the sources, separated by '{VARIANT_SEPARATOR.strip()}'",
    "birth": "date of birth (persons; ISO, as precise as known)",
    "death": "date of death (persons)",
    "type": "the entry's type (places and organisations: city, country, party-organ...)",
    "role": "occupation (persons), role (organisations) or description (places)",
    "coordinates": "latitude longitude (places, when known)",
    "wikidata": "the current Wikidata id; fill in the reviewed id here",
    "label_found": "the Wikidata label of the reviewed id (fill in)",
    "where": "how and where the id was checked (fill in)",
    "date_checked": "YYYY-MM-DD (fill in)",
}


class AuthorityError(Exception):
    """The import (or export) is refused; `problems` lists every reason, each naming its row."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Entry:
    kind: IndexKind
    xml_id: str
    wikidata: str
    element: etree._Element


@dataclass(frozen=True)
class ImportResult:
    added: int  # ids added to entries
    unchanged: int  # rows whose id the entry already had
    skipped: int  # rows without an id (not reconciled)
    files: tuple[str, ...]  # files changed, relative to tei/
    evidenced: int = 0  # evidence recorded for ids the entries already had


def _kinds(tei_dir: Path) -> tuple[IndexKind, ...]:
    try:
        return load_edition(tei_dir).indexes
    except EditionError as exc:
        raise AuthorityError([str(exc)]) from None


def _text(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def entries(tei_dir: Path) -> dict[str, Entry]:
    """Every index entry of the collection by xml:id."""
    found: dict[str, Entry] = {}
    for kind in _kinds(tei_dir):
        path = tei_dir / kind.file
        if not path.is_file():
            continue
        try:
            tree = etree.parse(str(path))
        except (OSError, etree.XMLSyntaxError) as exc:
            raise AuthorityError([f"{kind.file}: cannot be read: {exc}"]) from None
        for el in tree.iter(f"{{{TEI_NS}}}{kind.entry}"):
            ident = el.get(XML_ID, "")
            idno = el.find(f"tei:idno[@type='{AUTHORITY}']", NS)
            found[ident] = Entry(kind, ident, _text(idno), el)
    return found


# ------------------------------------------------------------------ export

def _row(entry: Entry) -> dict[str, str]:
    el, kind = entry.element, entry.kind
    names = el.findall(f"tei:{kind.name_element}", NS)
    preferred = [n for n in names if n.get("type") == "preferred"] or names[:1]
    variants = [_text(n) for n in names if n is not preferred[0]] if preferred else []

    def when(tag: str) -> str:
        found = el.xpath(f"tei:{tag}/@when|tei:{tag}/tei:date/@when", namespaces=NS)
        return str(found[0]) if found else ""

    roles = [_text(r) for r in el.xpath("tei:occupation|tei:note[@type='role' or @type='description']",
                                        namespaces=NS)]
    return {
        "id": entry.xml_id, "kind": kind.entry,
        "name": _text(preferred[0]) if preferred else "",
        "variants": VARIANT_SEPARATOR.join(v for v in variants if v),
        "birth": when("birth"), "death": when("death"),
        "type": el.get("type", ""),
        "role": "; ".join(r for r in roles if r),
        "coordinates": _text(el.find("tei:location/tei:geo", NS)),
        "wikidata": entry.wikidata, "label_found": "", "where": "", "date_checked": "",
    }


def reconcile_rows(tei_dir: Path) -> dict[str, list[dict[str, str]]]:
    """Index name ("persons") -> one row per entry, in the order of the index file."""
    rows: dict[str, list[dict[str, str]]] = {k.name: [] for k in _kinds(tei_dir)}
    for entry in entries(tei_dir).values():
        rows[entry.kind.name].append(_row(entry))
    return rows


def to_csv(rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(RECONCILE_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def write_reconcile(paths: Paths, out_dir: Path) -> list[Path]:
    """reconcile-{index}.csv for every index into `out_dir`; returns the files written."""
    written = []
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, rows in reconcile_rows(paths.tei).items():
        path = out_dir / f"reconcile-{name}.csv"
        path.write_text(to_csv(rows), encoding="utf-8")
        written.append(path)
    return written


# ------------------------------------------------------------------ import

def read_import(csv_path: Path) -> list[tuple[int, dict[str, str]]]:
    """The rows of an import file with their line numbers (the header is line 1)."""
    try:
        text = csv_path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AuthorityError([f"{csv_path.name}: not UTF-8 text ({exc.reason} at byte {exc.start})"]) from None
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        table = list(reader)
    except csv.Error as exc:
        raise AuthorityError([f"{csv_path.name}: not a well-formed CSV file: {exc}"]) from None
    if not table or not any(table[0]):
        raise AuthorityError([f"{csv_path.name}: empty: no header row"])
    header = [h.strip() for h in table[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise AuthorityError([f"{csv_path.name}: line 1: the header lacks the column(s) {', '.join(missing)} "
                              f"(needed: {', '.join(REQUIRED)})"])
    if len(set(header)) != len(header):
        raise AuthorityError([f"{csv_path.name}: line 1: a column is named twice"])
    rows, problems = [], []
    for number, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(f"{csv_path.name}: line {number}: {len(cells)} cells, the header has {len(header)}")
            continue
        rows.append((number, {h: c.strip() for h, c in zip(header, cells)}))
    if problems:
        raise AuthorityError(problems)
    return rows


EVIDENCE_FIELDS = ("label_found", "where", "date_checked")


def _evidence_problem(row: dict[str, str]) -> str | None:
    missing = [c for c in EVIDENCE_FIELDS if not row.get(c)]
    if missing:
        return f"{row['id']} {row['wikidata']} has no evidence: fill in {', '.join(missing)}"
    try:
        datetime.date.fromisoformat(row["date_checked"])
    except ValueError:
        return f"date_checked {row['date_checked']!r} is not a date (YYYY-MM-DD)"
    return None


@dataclass(frozen=True)
class Plan:
    add: list[tuple[Entry, dict[str, str]]]  # ids to add, with their evidence
    confirm: list[tuple[Entry, dict[str, str]]]  # ids the entries have, with evidence given for them
    unchanged: int  # rows whose id the entry already had
    skipped: int  # rows without an id


def plan(tei_dir: Path, csv_path: Path) -> Plan:
    """What the import would do; AuthorityError listing every problem when any row is refused.
    A row whose id the entry already has needs no evidence; when it gives complete evidence, that
    is recorded too."""
    rows = read_import(csv_path)
    known = entries(tei_dir)
    holder = {e.wikidata: e.xml_id for e in known.values() if e.wikidata}
    problems: list[str] = []
    todo: list[tuple[Entry, dict[str, str]]] = []
    confirm: list[tuple[Entry, dict[str, str]]] = []
    given: dict[str, tuple[str, int]] = {}  # Q id -> (entry, line) in this file
    per_entry: dict[str, tuple[str, int]] = {}  # entry -> (Q id, line) in this file
    unchanged = skipped = 0
    for number, row in rows:
        where = f"{csv_path.name}: line {number}"
        ident, qid = row["id"], row["wikidata"]
        if not ident:
            problems.append(f"{where}: no entry id in the column id")
            continue
        entry = known.get(ident)
        if entry is None:
            problems.append(f"{where}: no index entry has the id {ident!r}")
            continue
        if not qid:
            skipped += 1
            continue
        if not WIKIDATA_ID.fullmatch(qid):
            problems.append(f"{where}: {qid!r} is not a Wikidata id (Q followed by digits, e.g. Q855) for {ident}")
            continue
        if ident in per_entry and per_entry[ident][0] != qid:
            problems.append(f"{where}: {ident} is given {qid} here and {per_entry[ident][0]} on line {per_entry[ident][1]}")
            continue
        if qid in given and given[qid][0] != ident:
            problems.append(f"{where}: {qid} is given to {ident} here and to {given[qid][0]} on line {given[qid][1]}: "
                            "one id names one entry")
            continue
        if entry.wikidata and entry.wikidata != qid:
            problems.append(f"{where}: {ident} already has the Wikidata id {entry.wikidata} in {entry.kind.file}, "
                            f"not {qid}: correct the index by hand if the old id is wrong")
            continue
        if qid in holder and holder[qid] != ident:
            problems.append(f"{where}: {qid} already belongs to {holder[qid]}; it cannot also name {ident}")
            continue
        per_entry.setdefault(ident, (qid, number))
        given.setdefault(qid, (ident, number))
        problem = _evidence_problem(row)
        if entry.wikidata == qid:
            unchanged += 1
            if any(row.get(c) for c in EVIDENCE_FIELDS):  # evidence given: it must be whole
                if problem:
                    problems.append(f"{where}: {problem}")
                elif not any(ident == e.xml_id for e, _ in confirm):
                    confirm.append((entry, row))
            continue
        if problem:
            problems.append(f"{where}: {problem}")
            continue
        if any(ident == e.xml_id for e, _ in todo):
            continue  # the same entry and id twice: once is enough
        todo.append((entry, row))
    if problems:
        raise AuthorityError(problems)
    return Plan(todo, confirm, unchanged, skipped)


def _entry_span(text: str, entry: Entry) -> tuple[int, int, int]:
    """(start of the opening tag, end of the opening tag, start of the closing tag) in `text`."""
    tag = entry.kind.entry
    opening = re.compile(rf'<{tag}\b[^>]*\sxml:id="{re.escape(entry.xml_id)}"[^>]*>')
    found = list(opening.finditer(text))
    if len(found) != 1:
        raise AuthorityError([f"{entry.kind.file}: cannot find the entry {entry.xml_id} as text"])
    start, body = found[0].start(), found[0].end()
    depth = 1
    pattern = re.compile(rf"<(/?){tag}\b[^>]*?(/?)>")
    for m in pattern.finditer(text, body):
        if m.group(1):
            depth -= 1
        elif not m.group(2):
            depth += 1
        if depth == 0:
            return start, body, m.start()
    raise AuthorityError([f"{entry.kind.file}: the entry {entry.xml_id} is not closed"])


def insert_idno(text: str, entry: Entry, qid: str) -> str:
    """The file's text with <idno type="wikidata"> in the entry: in place of its note "Wikidata id
    not verified", else on its own line before its first note or nested entry, else before its end."""
    _, body, close = _entry_span(text, entry)
    inner = text[body:close]
    idno = f'<idno type="{AUTHORITY}">{qid}</idno>'
    note = re.search(rf'<note type="authority">\s*{re.escape(UNVERIFIED)}\s*</note>', inner)
    if note:
        return text[:body] + inner[:note.start()] + idno + inner[note.end():] + text[close:]
    child = re.search(rf"<(note|{entry.kind.entry}|list\w+)\b", inner)
    at = body + (child.start() if child else len(inner))
    line_start = text.rfind("\n", 0, at) + 1
    indent = text[line_start:at]
    if indent.strip():  # the child is not at the start of its line: keep to one line
        return text[:at] + idno + text[at:]
    if not child:  # before the closing tag: one level deeper than it
        first = re.search(r"\n([ \t]*)<", inner)
        indent = first.group(1) if first else indent + "  "
        return text[:line_start] + indent + idno + "\n" + text[line_start:]
    return text[:line_start] + indent + idno + "\n" + text[line_start:]


def _evidence_text(existing: str | None, rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if existing is None:
        writer.writerow(EVIDENCE_COLUMNS)
    writer.writerows(rows)
    head = existing or ""
    if head and not head.endswith("\n"):
        head += "\n"
    return head + buf.getvalue()


def _write_all(files: dict[Path, str]) -> None:
    """Write every file through a temporary file and a rename; put back what was replaced on failure."""
    temps: dict[Path, Path] = {}
    old: dict[Path, bytes | None] = {}
    try:
        for path, text in files.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            temps[path] = Path(tmp)
        for path, tmp in temps.items():
            old[path] = path.read_bytes() if path.exists() else None
            os.replace(tmp, path)
    except OSError as exc:
        for path, data in old.items():
            if data is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(data)
        raise AuthorityError([f"{exc.filename or ''}: cannot write: {exc.strerror or exc}; nothing was changed"]) from None
    finally:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)


def import_authorities(tei_dir: Path, csv_path: Path, commit: str = "") -> ImportResult:
    """Merge the reviewed ids of `csv_path` into the indexes of `tei_dir` (see the module's docstring)."""
    planned = plan(tei_dir, csv_path)
    todo = planned.add
    texts: dict[Path, str] = {}
    evidence: list[list[str]] = []

    def evidence_row(entry: Entry, row: dict[str, str]) -> list[str]:
        return [Path(entry.kind.file).name, entry.xml_id, AUTHORITY, row["wikidata"], row["label_found"],
                row["where"], row.get("commit", "") or commit, row["date_checked"]]

    for entry, row in todo:
        path = tei_dir / entry.kind.file
        if path not in texts:
            texts[path] = path.read_bytes().decode("utf-8")
        texts[path] = insert_idno(texts[path], entry, row["wikidata"])
        evidence.append(evidence_row(entry, row))
    for path, text in texts.items():  # the edited files still parse and carry the ids
        try:
            root = etree.fromstring(text.encode("utf-8"))
        except etree.XMLSyntaxError as exc:
            raise AuthorityError([f"{path.name}: the edit would break the file ({exc}); nothing was changed"]) from None
        for entry, row in todo:
            if tei_dir / entry.kind.file == path:
                got = root.xpath(f"//*[@xml:id=$i]/tei:idno[@type='{AUTHORITY}']/text()", namespaces=NS, i=entry.xml_id)
                if got != [row["wikidata"]]:
                    raise AuthorityError([f"{path.name}: {entry.xml_id} did not receive {row['wikidata']}; nothing was changed"])
    ev_path = tei_dir / EVIDENCE_FILE
    existing = ev_path.read_bytes().decode("utf-8") if ev_path.is_file() else None
    recorded: set[tuple[str, str, str]] = set()
    if existing is not None:
        table = list(csv.reader(io.StringIO(existing)))
        if not table or table[0] != list(EVIDENCE_COLUMNS):
            raise AuthorityError([f"{EVIDENCE_FILE}: its header is not {','.join(EVIDENCE_COLUMNS)}; "
                                  "nothing was changed"])
        recorded = {(r[1], r[2], r[3]) for r in table[1:] if len(r) >= 4}
    confirmed = [evidence_row(e, r) for e, r in planned.confirm if (e.xml_id, AUTHORITY, r["wikidata"]) not in recorded]
    if evidence or confirmed:
        texts[ev_path] = _evidence_text(existing, evidence + confirmed)
        _write_all(texts)
    return ImportResult(len(todo), planned.unchanged, planned.skipped,
                        tuple(sorted(p.relative_to(tei_dir).as_posix() for p in texts)), len(confirmed))
