"""Validation in constant memory: the sources are parsed, checked and released one at a time.

The shared files (indexes, claims register, bibliography, edition description: everything outside
``sources/``) are parsed first and kept, because every source points into them. Then each source
is parsed, checked, handed to the collect stage, and replaced in the collection by a `released`
stand-in that keeps only what the other files' checks may still ask of it:

* its ids, as a sorted array of 64-bit hashes (8 bytes an id), to judge pointers into it;
* copies of the few elements the shared files point at (the claim spans of the register), so the
  register's checks still see the words and numbers of each span (without their tails, inside
  the skeleton below: a copy standing alone would be a document of its own);
* a skeleton root with its xml:id and, on one element, the distinct pointers it makes into other
  files (the bibliography's "cited somewhere" rule reads them).

A pointer into a source not parsed yet loads that source's stand-in on demand (parsed once more,
never checked twice). Ids are checked for uniqueness at the end, from the hashes: only the files
holding a repeated id are parsed again, to report it with its lines.
"""
from __future__ import annotations

import copy
import heapq
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from lxml import etree

from . import pointers
from .project import TEI_NS, XML_NS
from .xmlinput import Collection, Document, file_role

XML_ID = f"{{{XML_NS}}}id"
# the attributes whose pointers a released source keeps (teipub.checks_claims reads them)
KEPT_POINTERS = ("source", "target", "ref", "corresp")


class IdHashes:
    """The ids of a released file: `in` by hash; `get` gives the kept copy of an element, or None."""

    def __init__(self, ids: Iterable[str], kept: dict[str, list[etree._Element]]) -> None:
        self.hashes = array("q", sorted({hash(i) for i in ids}))
        self.kept = kept

    def __contains__(self, ident: object) -> bool:
        h = hash(ident)
        i = bisect_left(self.hashes, h)
        return i < len(self.hashes) and self.hashes[i] == h

    def get(self, ident: str, default=None):
        return self.kept.get(ident, default) if ident in self else default

    def items(self) -> Iterator[tuple[str, list[etree._Element]]]:
        return iter(self.kept.items())


def release(doc: Document, wanted: set[str]) -> Document:
    """The stand-in of a checked source (see the module docstring); `wanted`: ids pointed at from
    the shared files, whose elements are kept as copies."""
    tokens: set[str] = set()
    for el in doc.root.iter():
        if isinstance(el.tag, str):
            for name in KEPT_POINTERS:
                value = el.get(name)
                if value:
                    tokens.update(t for t in value.split() if not t.startswith("#"))
    skeleton = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})
    if doc.root.get(XML_ID):
        skeleton.set(XML_ID, doc.root.get(XML_ID))
    if tokens:
        etree.SubElement(skeleton, f"{{{TEI_NS}}}ptr", ref=" ".join(sorted(tokens)))
    # the copies hang in the skeleton's own tree, under a <div> (never a body: that would change the
    # file's role), without their tails: a copy standing alone is a document of its own, which at
    # 5,000 sources cost a quarter of the stand-ins' memory. Their pointers are already among the
    # skeleton's.
    kept: dict[str, list[etree._Element]] = {}
    box: etree._Element | None = None
    for ident in sorted(wanted):
        els = doc.ids.get(ident)
        if not els:
            continue
        if box is None:
            box = etree.SubElement(skeleton, f"{{{TEI_NS}}}div")
        kept_copy = copy.deepcopy(els[0])
        kept_copy.tail = None
        box.append(kept_copy)
        kept[ident] = [kept_copy]
    stand_in = Document(doc.path, doc.display, skeleton.getroottree(), doc.target, b"", released=True)
    stand_in.ids = IdHashes(doc.ids, kept)  # type: ignore[assignment]
    stand_in.prefixes = doc.prefixes
    return stand_in


def pointed_at(docs: Iterable[Document], attributes: Iterable[str] = pointers.POINTER_ATTRIBUTES) -> dict[Path, set[str]]:
    """file -> the ids the given (shared) files point at in it."""
    out: dict[Path, set[str]] = {}
    for doc in docs:
        seen: set[str] = set()
        for el in doc.root.iter():
            if not isinstance(el.tag, str):
                continue
            for name in attributes:
                for token in (el.get(name) or "").split():
                    if token in seen:
                        continue
                    seen.add(token)
                    res = pointers.resolve(doc.path, doc.prefixes, token)
                    if res.path is not None and res.fragment:
                        out.setdefault(res.path, set()).add(res.fragment)
    return out


class LazyDocs(dict):
    """The collection's documents; a source not parsed yet is loaded as a stand-in when asked for."""

    def __init__(self, load: Callable[[Path], Document | None]) -> None:
        super().__init__()
        self.pending: set[Path] = set()
        self._load = load

    def get(self, key, default=None):
        if key not in self and key in self.pending:
            self.pending.discard(key)
            loaded = self._load(key)
            if loaded is not None:
                self[key] = loaded
        return super().get(key, default)


def is_streamed(path: Path, root: Path) -> bool:
    """Sources are streamed; every other file of the collection is kept."""
    try:
        return path.relative_to(root).parts[0] == "sources"
    except (ValueError, IndexError):
        return False


def releasable(doc: Document) -> bool:
    return file_role(doc.root) == "source"


def _tagged(hashes: Iterable[int], n: int) -> Iterator[tuple[int, int]]:
    for h in hashes:
        yield h, n


def repeated_ids(files: Iterable[tuple[Path, Document]]) -> set[Path]:
    """The files holding an id that is held twice in the collection (by hash: a 64-bit collision
    only costs a second look at the files concerned). The files' sorted hashes are merged, never
    gathered in one list, so this takes memory for one hash per file."""
    paths: list[Path] = []
    streams: list[Iterator[tuple[int, int]]] = []
    out: set[Path] = set()
    for n, (path, doc) in enumerate(files):
        paths.append(path)
        ids = doc.ids
        if isinstance(ids, IdHashes):
            hashes: Iterable[int] = ids.hashes
        else:  # a kept file: its ids as they are (one held twice in the file is reported here)
            if any(len(els) > 1 for _, els in ids.items()):
                out.add(path)
            hashes = sorted({hash(i) for i in ids})
        streams.append(_tagged(hashes, n))
    previous: tuple[int, int] | None = None
    for current in heapq.merge(*streams):
        if previous is not None and previous[0] == current[0]:
            out.update((paths[previous[1]], paths[current[1]]))
        previous = current
    return out


def full(coll: Collection, paths: Iterable[Path], reread: Callable[[Path], Document | None]) -> Collection:
    """A collection of the given files fully parsed (kept ones as they are, released ones again)."""
    mini = Collection(coll.root)
    for path in paths:
        doc = coll.docs.get(path)
        if doc is not None and not doc.released:
            mini.docs[path] = doc
        else:
            again = reread(path)
            if again is not None:
                mini.docs[path] = again
    return mini
