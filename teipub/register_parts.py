"""The claims register checked a few claims at a time, so that its tree is never held whole.

The register grows with the collection (17 MB at 5,000 sources; its tree would be seven times
that), while one claim stays small. A register larger than PARTS_FROM bytes whose claims are the
`app` children of its one `listApp` is cut into parts of about PART_BYTES of claims each. A part
is a well-formed document of its own: the register's bytes with every claim of the other parts
left out. What is left out is replaced by its line breaks and, after the last of them, one space a
character, so every element of a part stands on the line and in the column it has in the file:
the rules report positions in the file without knowing about parts.

The validator (teipub.validate) reads the register twice:

1. `outline`, before the sources: each part is parsed and summed up in a stand-in (`Outline`, like
   a released source, teipub.streaming): the ids of the whole register (as hashes), the spans it
   points at in the sources, which claims point at each span (checks_claims.backlinks_of), the
   related-claim links (checks_measures.claim_links) and its pointers into other files.
2. `parts`, after the sources: each part is parsed again and every rule runs on it. A part answers
   "is this id in the file?" for the whole register (`PartIds`) and carries the register's
   related-claim links (`Document.memo`), so the rules that reach across claims judge the whole.
   The header and the wrappers round the claims are in every part: the validator keeps each of
   their problems once.

Anything unusual (a byte-order mark, a DOCTYPE, a carriage return, a declared encoding other than
UTF-8, XInclude, a file that is not well-formed, claims outside one listApp) and the register is
read whole, as every other file is, so the input stage reports it exactly as always.
"""
from __future__ import annotations

import xml.parsers.expat
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from . import streaming
from .checks_claims import backlinks_of, merge_backlinks
from .checks_measures import claim_links
from .checks_pointers import Resolution, pointer_uses, resolve
from .project import TEI_NS, XML_NS
from .xmlinput import _DECL, XINCLUDE_NS, Document, InputError, display_path, hardened_parser

# A register up to this size is read whole (the edition's is half a megabyte): cutting it would
# only parse its header again for every part.
PARTS_FROM = 1024 * 1024
# The claims' bytes in one part (its tree is about seven times that).
PART_BYTES = 512 * 1024

_TEI = f"{TEI_NS} TEI"
_LIST = f"{TEI_NS} listApp"
_APP = f"{TEI_NS} app"
_ID = f"{XML_NS} id"


@dataclass(frozen=True)
class Gap:
    """What a left-out stretch of the file keeps: its line breaks, and the characters after the
    last of them (all of them when it has none)."""

    newlines: int
    tail: int

    def then(self, other: Gap) -> Gap:
        return Gap(self.newlines + other.newlines, other.tail if other.newlines else self.tail + other.tail)

    def text(self) -> bytes:
        return b"\n" * self.newlines + b" " * self.tail


def _gap(data: bytes) -> Gap:
    last = data.rfind(b"\n")
    return Gap(data.count(b"\n"), len(data[last + 1:].decode("utf-8")))


@dataclass(frozen=True)
class Layout:
    """Where the claims of a register lie in its bytes, and how they are grouped into parts."""

    path: Path
    stamp: tuple[int, int]  # (size, mtime_ns) when laid out: a file changed since is refused
    starts: tuple[int, ...]  # byte offset of each claim's start tag
    ends: tuple[int, ...]  # byte offset just after each claim's end tag
    gaps: tuple[Gap, ...]  # each claim with what follows it up to the next claim (the last: itself)
    parts: tuple[tuple[int, int], ...]  # claims [a, b) of each part


class _NotParts(Exception):
    """The file is not a register that can be cut into parts."""


def _stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def layout(path: Path, max_bytes: int) -> Layout | None:
    """The layout of the register at `path`, or None if it is to be read whole (not a register,
    at most PARTS_FROM bytes, over `max_bytes`, or anything unusual: see the module docstring)."""
    try:
        stamp = _stamp(path)
        if not PARTS_FROM < stamp[0] <= max_bytes:
            return None
        data = path.read_bytes()
    except OSError:
        return None  # the whole-file path reports it
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or b"\r" in data:
        return None
    declared = _DECL.match(data)
    if declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        return None
    try:
        starts, ends = _claims(data)
    except (_NotParts, xml.parsers.expat.ExpatError):
        return None
    if len(starts) < 2:
        return None
    ends = [data.find(b">", e) + 1 for e in ends]
    # every claim begins a line and the last one ends its line, so a line is either inside the
    # claims or outside them (`outside_claims`)
    if any(data.rfind(b"\n", 0, s) < data.rfind(b">", 0, s) for s in starts) \
            or not 0 <= data.find(b"\n", ends[-1]) < data.find(b"<", ends[-1]):
        return None
    bounds = (*starts[1:], ends[-1])
    gaps = tuple(_gap(data[s:e]) for s, e in zip(starts, bounds))
    parts: list[tuple[int, int]] = []
    first = 0
    for i in range(1, len(starts) + 1):
        if i == len(starts) or bounds[i] - starts[first] > PART_BYTES:
            parts.append((first, i))
            first = i
    return Layout(path, stamp, tuple(starts), tuple(ends), gaps, tuple(parts))


def _claims(data: bytes) -> tuple[list[int], list[int]]:
    """Byte offsets of the start tag and of the end tag of every app child of the one listApp;
    raises _NotParts for any other shape of file."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    starts: list[int] = []
    ends: list[int] = []
    depth = 0
    inside: int | None = None  # depth of the listApp's children
    lists = 0

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal depth, inside, lists
        if depth == 0 and (name != _TEI or attrs.get(_ID) != "claims"):
            raise _NotParts
        if name.startswith(XINCLUDE_NS + " "):
            raise _NotParts
        if depth == inside:
            if name != _APP:
                raise _NotParts
            starts.append(parser.CurrentByteIndex)
        if name == _LIST:
            lists += 1
            if lists > 1:
                raise _NotParts
            inside = depth + 1
        depth += 1

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1
        if depth == inside:
            ends.append(parser.CurrentByteIndex)

    def refuse(*_: object) -> None:
        raise _NotParts

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = refuse
    parser.Parse(data, True)
    return starts, ends


def part_bytes(plan: Layout, first: int, stop: int) -> tuple[bytes, tuple[int, int, int, int]]:
    """The bytes of the part holding claims [first, stop) (the file with the others left out),
    the first and last lines of its claims, and the first and last lines of all the claims."""
    if _stamp(plan.path) != plan.stamp:
        raise InputError(f"{display_path(plan.path)}: changed while it was being checked; run the validator again")
    starts, ends, n = plan.starts, plan.ends, len(plan.starts)
    before = Gap(0, 0)
    for gap in plan.gaps[:first]:
        before = before.then(gap)
    after = Gap(0, 0)
    for gap in plan.gaps[stop:]:
        after = after.then(gap)
    body_end = starts[stop] if stop < n else ends[-1]
    with open(plan.path, "rb") as f:
        head = f.read(starts[0])
        f.seek(starts[first])
        body = f.read(body_end - starts[first])
        f.seek(ends[-1])
        tail = f.read()
    if len(head) != starts[0] or len(body) != body_end - starts[first]:
        raise InputError(f"{display_path(plan.path)}: changed while it was being checked; run the validator again")
    first_line = head.count(b"\n") + 1  # of the first claim of the register
    line = first_line + before.newlines
    lines = (line, line + body.count(b"\n", 0, ends[stop - 1] - starts[first]),
             first_line, first_line + sum(g.newlines for g in plan.gaps))
    return head + before.text() + body + after.text() + tail, lines


class PartIds(dict):
    """A part's ids (id -> its elements, as any Document's), which also answers `in` for every id
    of the whole register, so a pointer to a claim of another part resolves."""

    def __init__(self, own: dict[str, list[etree._Element]], everywhere: streaming.IdHashes) -> None:
        super().__init__(own)
        self.everywhere = everywhere

    def __contains__(self, ident: object) -> bool:
        return dict.__contains__(self, ident) or ident in self.everywhere


class Outline(streaming.Released):
    """The stand-in of a register checked in parts, while the sources are checked (see the module
    docstring): what the other files' checks ask of it, gathered part by part."""

    kind = "claims"

    def __init__(self, plan: Layout, display: str, target: bool, ident: str | None, ids: streaming.IdHashes,
                 prefixes: dict[str, tuple[str, str]], tokens: tuple[str, ...], *, repeated: bool,
                 wanted: dict[Path, array], backlinks: dict[Path, SpanClaims],
                 links: dict[str, set[str]]) -> None:
        super().__init__(plan.path, display, target, ident, ids, prefixes, tokens)
        self.plan = plan
        self.repeated = repeated  # an id is held twice within the register
        self.wanted = wanted  # file -> the hashes of the ids the register points at in it (streaming.release)
        self.backlinks = backlinks
        self.links = links


def _parse(plan: Layout, first: int, stop: int, display: str, target: bool) -> Document:
    data, lines = part_bytes(plan, first, stop)
    root = etree.fromstring(data, hardened_parser())
    doc = Document(plan.path, display, root.getroottree(), target, data)
    doc.memo["claim-lines"] = lines
    return doc


def outside_claims(doc: Document, line: int) -> bool:
    """Whether `line` of a part lies outside every claim (in the header or the wrappers, which
    every part repeats)."""
    _, _, first, last = doc.memo["claim-lines"]  # type: ignore[misc]
    return not first <= line <= last


def in_part(doc: Document, line: int) -> bool:
    """Whether `line` of a part lies in one of its own claims."""
    first, last, _, _ = doc.memo["claim-lines"]  # type: ignore[misc]
    return first <= line <= last


def outline(plan: Layout, target: bool, root: Path, files: Iterable[Path] = ()) -> Outline:
    """Read every part once and sum the register up (step 1 of the module docstring); `root`: the
    collection's folder (the register's pointers into its sources are kept as hashes only);
    `files`: the collection's paths, whose objects the outline shares (a Path costs about 450
    bytes: 5,000 of them 2 MiB)."""
    display = display_path(plan.path)
    hashes: set[int] = set()
    repeated = False
    wanted: dict[Path, set[int]] = {}
    backlinks: dict[Path, dict[str, tuple[str, ...]]] = {}
    links: dict[str, set[str]] = {}
    tokens: set[str] = set()
    ident: str | None = None
    prefixes: dict[str, tuple[str, str]] = {}
    paths: dict[Path, Path] = {p: p for p in files}  # one object for each file pointed at
    for first, stop in plan.parts:
        doc = _parse(plan, first, stop, display, target)
        ident, prefixes = doc.root.get(f"{{{XML_NS}}}id"), doc.prefixes
        for name, els in doc.ids.items():
            repeated |= len(els) > 1
            # the ids outside the claims are in every part: counted from the first
            if first == 0 or in_part(doc, els[0].sourceline or 0):
                h = hash(name)
                repeated |= h in hashes  # (or two ids with one hash: only a second look)
                hashes.add(h)
        resolved: dict[str, Resolution] = {}
        for _, name, token in pointer_uses(doc):  # each distinct pointer resolved once
            if not token:
                continue
            res = resolved.get(token)
            if res is None:
                res = resolved[token] = resolve(doc, token)
                if res.path is not None and res.fragment:  # what streaming.pointed_at gives
                    wanted.setdefault(paths.setdefault(res.path, res.path), set()).add(hash(res.fragment))
            # the pointers into the shared files (the bibliography's rule reads them), not the tens
            # of thousands into the sources
            if name in streaming.KEPT_POINTERS and not token.startswith("#") \
                    and not (res.path is not None and streaming.is_streamed(res.path, root)):
                tokens.add(token)
        merge_backlinks(backlinks, backlinks_of(doc))
        links.update(claim_links(doc))
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}
    return Outline(plan, display, target, ident, streaming.IdHashes.of_hashes(hashes), prefixes,
                   tuple(sorted(tokens)), repeated=repeated,
                   wanted={path: array("q", sorted(ids)) for path, ids in wanted.items()},
                   backlinks={paths.setdefault(path, path): SpanClaims(spans, shared) for path, spans in backlinks.items()},
                   links=links)


class SpanClaims:
    """span id -> the claims whose source readings point at it, for one source (what
    checks_claims.backlinks_of gives), by the span's hash: 16 bytes a span instead of about 150;
    `shared`: one tuple for each list of claims, for all the sources."""

    __slots__ = ("_hashes", "_claims")

    def __init__(self, spans: dict[str, tuple[str, ...]], shared: dict[tuple[str, ...], tuple[str, ...]]) -> None:
        pairs = sorted((hash(span), claims) for span, claims in spans.items())
        self._hashes = array("q", (h for h, _ in pairs))
        self._claims = [shared.setdefault(claims, claims) for _, claims in pairs]

    def get(self, span: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        i = streaming.index_of(self._hashes, hash(span))
        return default if i is None else self._claims[i]


def parts(stand_in: Outline) -> Iterator[Document]:
    """Each part of the register, parsed, with the whole register's ids and links (step 2)."""
    for first, stop in stand_in.plan.parts:
        doc = _parse(stand_in.plan, first, stop, stand_in.display, stand_in.target)
        doc.ids = PartIds(doc.ids, stand_in.ids)
        doc.memo["claim-links"] = stand_in.links
        yield doc


__all__ = ["PARTS_FROM", "PART_BYTES", "Layout", "Outline", "PartIds", "layout", "outline", "in_part", "outside_claims",
           "part_bytes", "parts"]
