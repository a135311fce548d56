"""Reading TEI files safely, and the collection they form.

Every file is read as bytes and checked before the XML parser sees it: size limit, empty file,
byte-order mark, UTF-8, and a scan of the prolog that refuses any DOCTYPE (so entity declarations
are never expanded and external entities never fetched). The parser itself is hardened (no DTD
loading, no entity substitution, no network, libxml2's default depth and size limits) and
XInclude is never processed: `xi:include` elements are reported and left alone. Nothing here
writes to a file.
"""
from __future__ import annotations

import os
import re
import xml.parsers.expat
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .pointers import prefixes_of
from .problems import WARNING, Problem, declare, make_problem
from .project import TEI_NS, XML_NS

# 2 MiB: twelve times the largest file of the edition (infolist.xml, 171 kB). The Schematron
# rules take time quadratic in the number of elements (1 MB: 1.6 s, 2 MB: 6 s, 20 MB: over ten
# minutes), so the limit is what bounds the time a hostile or runaway file can take.
DEFAULT_MAX_BYTES = 2 * 1024 * 1024
XINCLUDE_NS = "http://www.w3.org/2001/XInclude"
XML_ID = f"{{{XML_NS}}}id"
_NEWLINE = re.compile(rb"\n")

# the input stage's rules (listed here, registered by teipub.validate)
DECLARED = (
    declare("xml-too-large", stage="input", summary="the file is larger than the size limit",
            hint="split the file, or raise the limit with --max-bytes if the file is legitimate"),
    declare("xml-empty", stage="input", summary="the file is empty",
            hint="an edition file holds a TEI document; restore it from git"),
    declare("xml-bom", stage="input", severity=WARNING, summary="the file starts with a UTF-8 byte-order mark",
            hint="save the file as UTF-8 without BOM"),
    declare("xml-encoding", stage="input", summary="the file is not UTF-8",
            hint="save the file as UTF-8 (and declare encoding=\"UTF-8\" if you declare one)"),
    declare("xml-dtd-refused", stage="input", summary="the file has a DOCTYPE (entity declarations are never expanded)",
            hint="remove the DOCTYPE; write characters directly instead of entities"),
    declare("xml-not-well-formed", stage="input", summary="the XML parser rejects the file",
            hint="fix the markup at the position given (unclosed or mismatched tag, stray '&' or '<')"),
    declare("xml-too-deep", stage="input", summary="elements are nested deeper than the parser allows",
            hint="the edition's files nest a few dozen levels at most; look for unclosed elements"),
    declare("xml-xinclude-refused", stage="input", summary="the file uses XInclude (never processed)",
            hint="copy the content into the file instead of including it"),
    declare("tei-namespace", stage="input", summary="the root is not a TEI element in the TEI namespace",
            hint='the root must be <TEI xmlns="http://www.tei-c.org/ns/1.0">'),
)


class InputError(Exception):
    """A path cannot be read at all (missing, unreadable, a directory without XML): exit 2."""


def absolute(path: Path) -> Path:
    """The path as the collection is keyed by (`Collection.docs`): absolute and normalised, links
    left as they are."""
    return Path(os.path.normpath(os.path.abspath(path)))


def display_path(path: Path) -> str:
    """The path as the user will recognise it: relative to the working directory if inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)


def hardened_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, collect_ids=False,
                           remove_blank_text=False, strip_cdata=False)


def file_role(root: etree._Element) -> str:
    """source | index | claims | bibliography | edition: by the root's xml:id (manual §1), or an index when
    its body holds a listPerson, listPlace or listOrg; every other file is a source. The one
    place a file's role is decided in Python (the validator's rules and the catalogue ask here;
    the Schematron rules for sources in schema/purges.odd use the same test)."""
    root_id = root.get(XML_ID)
    if root_id in ("claims", "bibliography", "edition"):
        return root_id
    body = root.find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body")
    if root_id in ("persons", "places", "organisations") or (body is not None and any(
            body.find(f"{{{TEI_NS}}}{n}") is not None for n in ("listPerson", "listPlace", "listOrg"))):
        return "index"
    return "source"


@dataclass
class Document:
    """One parsed file of the collection."""

    path: Path
    display: str
    tree: etree._ElementTree
    target: bool = True
    data: bytes = b""  # the file as read, to locate start tags (see column())
    released: bool = False  # a checked source's stand-in (teipub.streaming): ids and a few copies only
    ids: dict[str, list[etree._Element]] = field(default_factory=dict)
    prefixes: dict[str, tuple[str, str]] = field(default_factory=dict)
    _offsets: dict[etree._Element, tuple[int, int]] | None = field(default=None, repr=False)
    _line_ends: array | None = field(default=None, repr=False)  # byte offsets of the newlines
    # the schemas' verdicts on these bytes, when a worker process made them (checks_schema.Verdicts)
    verdicts: object | None = field(default=None, repr=False)
    # what one check found and another reads again (teipub.checks_values: the dated elements)
    memo: dict[str, object] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for ident in _ALL_IDS(self.tree):  # only the elements with an id get a Python proxy
            self.ids.setdefault(str(ident), []).append(ident.getparent())
        self.prefixes = prefixes_of(self.root)

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    def offsets(self) -> dict[etree._Element, tuple[int, int]]:
        """element -> (byte offset of its start tag, byte offset just after its end tag).

        libxml2 gives elements a line only, and paragraphs are often one long line, so the tags
        are located once per file with expat (no DTD, no entities: the input stage has refused
        those), pairing its start tags with the tree's elements in document order.
        """
        if self._offsets is None:
            self._offsets = _tag_offsets(self.data, [e for e in self.root.iter() if isinstance(e.tag, str)])
        return self._offsets

    def _column_at(self, offset: int) -> int:
        line_start = self.data.rfind(b"\n", 0, offset) + 1
        return len(self.data[line_start:offset].decode("utf-8", errors="replace").lstrip("\ufeff")) + 1

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column in characters) of a byte offset of the file, both from 1. The line ends
        are found once per file: counting them from the start for every problem made the time
        grow with the number of problems times the size of the file (the register at scale)."""
        if self._line_ends is None:
            self._line_ends = array("q", (m.start() for m in _NEWLINE.finditer(self.data)))
        return bisect_left(self._line_ends, offset) + 1, self._column_at(offset)

    def column(self, el: etree._Element) -> int:
        """1-based column of `el`'s start tag; 1 if it cannot be told."""
        found = self.offsets().get(el)
        return self._column_at(found[0]) if found else 1

    def text_offset(self, el: etree._Element, tail: bool = False) -> int | None:
        """Byte offset where `el.text` (or `el.tail`) begins in the file, or None."""
        found = self.offsets().get(el)
        if found is None:
            return None
        if tail:
            return found[1]
        end = self.data.find(b">", found[0])
        return None if end < 0 else end + 1

    @property
    def kind(self) -> str:
        """source | index | claims | bibliography (file_role), found once: most rules ask."""
        found = self.memo.get("kind")
        if found is None:
            found = self.memo["kind"] = file_role(self.root)
        return found  # type: ignore[return-value]

    def iter_tei(self, *names: str) -> Iterator[etree._Element]:
        return self.root.iter(*(f"{{{TEI_NS}}}{n}" for n in names))

    def problem(self, rule_id: str, el: etree._Element | None, message: str, **kw: object) -> Problem:
        line = el.sourceline if el is not None else 1
        column = self.column(el) if el is not None else 1
        return make_problem(rule_id, self.display, line, column, message, **kw)  # type: ignore[arg-type]


_ALL_IDS = etree.XPath("//@xml:id")


@dataclass
class Collection:
    """Every file the pointers may reach, keyed by resolved path; `targets` are the ones asked for."""

    root: Path
    docs: dict[Path, Document] = field(default_factory=dict)
    broken: set[Path] = field(default_factory=set)  # files of the collection that did not parse
    cache: dict[str, object] = field(default_factory=dict)  # for checks: indexes built once per run

    @property
    def targets(self) -> list[Document]:
        return [d for d in self.docs.values() if d.target]

    def by_kind(self, kind: str) -> list[Document]:
        return [d for d in self.docs.values() if d.kind == kind]

    def id_index(self) -> dict[str, list[tuple[Document, etree._Element]]]:
        """xml:id -> every (file, element) carrying it, built once per run."""
        if "ids" in self.cache:
            return self.cache["ids"]  # type: ignore[return-value]
        index: dict[str, list[tuple[Document, etree._Element]]] = {}
        self.cache["ids"] = index
        for doc in self.docs.values():
            for ident, els in doc.ids.items():
                index.setdefault(ident, []).extend((doc, el) for el in els)
        return index


def _tag_offsets(data: bytes, elements: list[etree._Element]) -> dict[etree._Element, tuple[int, int]]:
    """element -> (start, end) byte offsets, or {} if expat and lxml do not see the same elements."""
    starts: list[int] = []
    ends: dict[int, int] = {}
    stack: list[int] = []
    parser = xml.parsers.expat.ParserCreate()

    def start(name: str, attrs: object) -> None:
        stack.append(len(starts))
        starts.append(parser.CurrentByteIndex)

    def end(name: str) -> None:
        at = parser.CurrentByteIndex  # the end tag, or the empty-element tag itself
        close = data.find(b">", at)
        ends[stack.pop()] = close + 1 if close >= 0 else at

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError:
        return {}
    if len(starts) != len(elements):
        return {}
    return {el: (starts[i], ends.get(i, starts[i])) for i, el in enumerate(elements)}


# ---------------------------------------------------------------- the input stage

def _line_col(text: bytes, offset: int) -> tuple[int, int]:
    line = text.count(b"\n", 0, offset) + 1
    return line, offset - (text.rfind(b"\n", 0, offset) + 1) + 1


_DECL = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")


def _prolog_doctype(data: bytes) -> int | None:
    """Offset of a DOCTYPE in the prolog (before the root element), or None."""
    pos, n = 0, len(data)
    while pos < n:
        while pos < n and data[pos:pos + 1] in b" \t\r\n":
            pos += 1
        if data.startswith(b"<?", pos):
            end = data.find(b"?>", pos)
            pos = n if end < 0 else end + 2
        elif data.startswith(b"<!--", pos):
            end = data.find(b"-->", pos)
            pos = n if end < 0 else end + 3
        elif data.startswith(b"<!DOCTYPE", pos):
            return pos
        else:
            return None
    return None


def read_document(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
                  target: bool = True) -> tuple[Document | None, list[Problem]]:
    """Parse one file; return the document (None if it cannot be used) and the input problems."""
    shown = display_path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return None, [make_problem("xml-too-large", shown, 1, 1,
                                       f"file is {size} bytes, over the limit of {max_bytes}")]
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{shown}: cannot read: {exc.strerror or exc}") from exc
    problems: list[Problem] = []
    if not data.strip():
        return None, [make_problem("xml-empty", shown, 1, 1, "file is empty")]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [make_problem("xml-encoding", shown, 1, 1, "file is UTF-16 (has a UTF-16 byte-order mark)")]
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append(make_problem("xml-bom", shown, 1, 1, "file starts with a UTF-8 byte-order mark"))
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        return None, problems + [make_problem("xml-encoding", shown, line, col,
                                              f"invalid UTF-8 byte 0x{data[exc.start]:02x}")]
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    declared = _DECL.match(body)
    if declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        return None, problems + [make_problem("xml-encoding", shown, 1, 1,
                                              f"declared encoding {declared.group(1).decode()!r}, not UTF-8")]
    doctype = _prolog_doctype(body)
    if doctype is not None:
        line, col = _line_col(body, doctype)
        internal = body.find(b"<!ENTITY", doctype) >= 0
        external = re.match(rb"<!DOCTYPE\s+\S+\s+(SYSTEM|PUBLIC)", body[doctype:doctype + 200]) is not None
        what = ("entity declarations" if internal else "an external DTD" if external else "a DOCTYPE")
        return None, problems + [make_problem(
            "xml-dtd-refused", shown, line, col,
            f"DOCTYPE with {what} refused (never expanded or fetched)" if what != "a DOCTYPE"
            else "DOCTYPE refused (the edition's files have none)")]
    try:
        root = etree.fromstring(data, hardened_parser())
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (exc.lineno or 1, 1)
        msg = str(exc.msg or exc).split(", line ")[0]
        rid = "xml-too-deep" if "depth" in msg.lower() else "xml-not-well-formed"
        return None, problems + [make_problem(rid, shown, line, max(col, 1), msg)]
    tree = root.getroottree()
    includes = list(root.iter(f"{{{XINCLUDE_NS}}}*"))
    if includes:
        return None, problems + [make_problem("xml-xinclude-refused", shown, el.sourceline, 1,
                                              f"XInclude of {el.get('href', '')!r} refused (never fetched)")
                                 for el in includes]
    if root.tag != f"{{{TEI_NS}}}TEI":
        local = etree.QName(root).localname
        ns = etree.QName(root).namespace
        why = (f"root <{local}> has no namespace" if ns is None and local == "TEI"
               else f"root element is <{local}> in namespace {ns or '(none)'}, not TEI")
        return None, problems + [make_problem("tei-namespace", shown, root.sourceline, 1, why)]
    return Document(path, shown, tree, target, data), problems


def xml_files(directory: Path, exclude: tuple[str, ...] = ("raw",)) -> list[Path]:
    """The *.xml files under `directory`, sorted, skipping the top-level folders in `exclude`."""
    out = []
    for path in sorted(directory.rglob("*.xml")):
        rel = path.relative_to(directory).parts
        if rel and rel[0] in exclude:
            continue
        if path.is_file():
            out.append(path)
    return out
