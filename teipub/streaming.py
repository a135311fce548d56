"""Validation in constant memory: the sources are parsed, checked and released one at a time.

The shared files (indexes, claims register, bibliography, edition description: everything outside
``sources/``) are parsed first and kept, because every source points into them. Then each source
is parsed, checked, handed to the collect stage, and replaced in the collection by a `Released`
stand-in that keeps only what the other files' checks may still ask of it, as plain Python data
(no lxml element or tree: nothing of a source's tree, nor of the parser dictionary it was built
with, outlives its turn):

* its ids, as a sorted array of 64-bit hashes (8 bytes an id), to judge pointers into it;
* for the few elements the shared files point at (the claim spans of the register), the facts the
  register's checks read of them (teipub.checks_claims.SpanFacts: @ana, figures, words);
* its xml:id, its prefixes, and the distinct pointers it makes into other files (the
  bibliography's "cited somewhere" rule reads them).

In a large run the hashes and the facts are written to a temporary file (`Spill`) and read back
when asked for, so that what stays in memory of a source no longer grows with its ids and spans.

A pointer into a source not parsed yet loads that source's stand-in on demand (parsed once more,
never checked twice). Ids are checked for uniqueness at the end, from the hashes: only the files
holding a repeated id are parsed again, to report it with its lines.
"""
from __future__ import annotations

import functools
import heapq
import os
import threading
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from lxml import etree

from . import pointers
from .checks_claims import SpanFacts, span_facts
from .checks_pointers import pointer_uses, resolve
from .project import XML_NS
from .xmlinput import Collection, Document, InputError, file_role

XML_ID = f"{{{XML_NS}}}id"
# the attributes whose pointers a released source keeps (teipub.checks_claims reads them)
KEPT_POINTERS = ("source", "target", "ref", "corresp")


class Spill:
    """A temporary file for the bulk of the stand-ins of a large run (their id hashes, the facts of
    their spans), so that what stays in memory of a checked source no longer grows with its ids
    and spans. Unlinked when made: it goes with the process, however the run ends."""

    def __init__(self) -> None:
        import tempfile  # only a large run makes one (2.6 ms to import)

        self.folder = tempfile.gettempdir()
        self._file = tempfile.TemporaryFile(prefix="teipub-validate-")
        self._end = 0
        self._lock = threading.Lock()

    def put(self, data: bytes) -> int:
        """Write `data`; returns where it begins."""
        with self._lock:
            at, self._end = self._end, self._end + len(data)
        view = memoryview(data)
        try:
            done = 0
            while done < len(data):
                done += os.pwrite(self._file.fileno(), view[done:], at + done)
        except OSError as exc:
            raise InputError(f"cannot keep the validator's working data in a temporary file "
                             f"({self.folder}): {exc.strerror or exc}") from exc
        return at

    def get(self, at: int, size: int) -> bytes:
        data = os.pread(self._file.fileno(), size, at)
        if len(data) != size:
            raise InputError("the validator's temporary file was cut short")
        return data

    def close(self) -> None:
        self._file.close()


_HASH = array("q").itemsize
_BLOCK = 64  # hashes read at a time when the spilled runs are merged (one block per source)


class IdHashes:
    """The ids of a released file: `in` by hash; `get` gives the kept facts of a span, or None.

    In memory, or with a `Spill` in its file: then only the hashes of the ids whose facts are kept
    stay here, with where each one's facts are in the file (the register points at them: `in`
    answers them without reading the file, `get` reads one span's facts); any other id is looked
    up in the file (a binary search over its sorted hashes)."""

    __slots__ = ("count", "_hashes", "_kept", "_spill", "_at", "_kept_hashes", "_kept_at")

    def __init__(self, ids: Iterable[str], kept: dict[str, list[SpanFacts]], spill: Spill | None = None) -> None:
        hashes = id_hashes(ids)
        self.count = len(hashes)
        self._spill = spill
        if spill is None:
            self._hashes: array | None = hashes
            self._kept: dict[str, list[SpanFacts]] | None = kept
            return
        import pickle  # (only a large run spills)

        self._hashes = self._kept = None
        # each kept span's facts pickled apart, so that `get` reads one span's (c500: 0.1 s in
        # all, against 0.8 s to read a source's every span each time)
        order = sorted(kept, key=hash)
        blobs = [pickle.dumps((ident, kept[ident]), protocol=pickle.HIGHEST_PROTOCOL) for ident in order]
        self._at = spill.put(hashes.tobytes() + b"".join(blobs))
        self._kept_hashes = array("q", (hash(i) for i in order))
        self._kept_at = array("q", [self._at + len(hashes) * _HASH])
        for blob in blobs:
            self._kept_at.append(self._kept_at[-1] + len(blob))

    @classmethod
    def of_hashes(cls, hashes: Iterable[int]) -> IdHashes:
        """The ids of a file known by their hashes only (no facts kept)."""
        found = cls((), {})
        found._hashes = array("q", sorted(set(hashes)))
        found.count = len(found._hashes)
        return found

    def __contains__(self, ident: object) -> bool:
        h = hash(ident)
        if self._hashes is not None:
            return index_of(self._hashes, h) is not None
        if index_of(self._kept_hashes, h) is not None:
            return True
        lo, hi = 0, self.count
        while lo < hi:  # the sorted hashes in the file
            mid = (lo + hi) // 2
            found = int.from_bytes(self._spill.get(self._at + mid * _HASH, _HASH), "little", signed=True)  # type: ignore[union-attr]
            if found == h:
                return True
            lo, hi = (mid + 1, hi) if found < h else (lo, mid)
        return False

    def get(self, ident: str, default=None):
        if self._kept is not None:
            return self._kept.get(ident, default) if ident in self else default
        i = index_of(self._kept_hashes, hash(ident))
        if i is None:
            return default
        found, facts = self._read(i)
        return facts if found == ident else default

    def _read(self, i: int) -> tuple[str, list[SpanFacts]]:
        import pickle

        at = self._kept_at[i]
        return pickle.loads(self._spill.get(at, self._kept_at[i + 1] - at))  # type: ignore[union-attr]

    def items(self) -> Iterator[tuple[str, list[SpanFacts]]]:
        if self._kept is not None:
            return iter(self._kept.items())
        return (self._read(i) for i in range(len(self._kept_hashes)))

    def sorted_hashes(self) -> Iterator[int]:
        """Every id's hash, in order (from the file a block at a time)."""
        if self._hashes is not None:
            yield from self._hashes
            return
        for start in range(0, self.count, _BLOCK):
            block = array("q")
            block.frombytes(self._spill.get(self._at + start * _HASH, min(_BLOCK, self.count - start) * _HASH))  # type: ignore[union-attr]
            yield from block


def index_of(hashes: array, h: int) -> int | None:
    """Where `h` is in the sorted `hashes`, or None."""
    i = bisect_left(hashes, h)
    return i if i < len(hashes) and hashes[i] == h else None


class Released:
    """The stand-in of a checked source: what a Document offers the other files' checks, as plain
    data. It has no tree (`root` and `tree` are None); its kind is "source" (the sources are
    released as they stream, see `releasable`; a shared file let go of at the end of a large run,
    `release_shared`, keeps its own)."""

    __slots__ = ("path", "display", "target", "ident", "ids", "prefixes", "tokens", "__dict__")
    released = True
    kind = "source"
    root = None
    tree = None
    data = b""

    def __init__(self, path: Path, display: str, target: bool, ident: str | None, ids: IdHashes,
                 prefixes: dict[str, tuple[str, str]], tokens: tuple[str, ...]) -> None:
        self.path = path
        self.display = display
        self.target = target
        self.ident = ident  # the root's xml:id
        self.ids = ids
        self.prefixes = prefixes
        self.tokens = tokens  # the distinct pointers into other files (@source @target @ref @corresp)

    def __repr__(self) -> str:
        return f"Released({self.display!r}, {self.ids.count} ids)"


# Sources share their prefix declarations and most of their pointers (per:…, org:…, bib:…): one
# copy of each for all the stand-ins (a large source makes a few hundred distinct pointers, which as
# strings of its own cost more than its id hashes). Bounded, so a collection of unlike files costs
# no more than without.
_SHARED_LIMIT = 20_000
_PREFIXES: dict[tuple, dict[str, tuple[str, str]]] = {}
_TOKENS: dict[str, str] = {}
_TOKEN_SETS: dict[tuple[str, ...], tuple[str, ...]] = {}


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    import ctypes  # only a large run asks (1.3 ms to import)

    try:
        return ctypes.CDLL(None).malloc_trim  # glibc
    except (AttributeError, OSError):
        return None


def give_back_memory() -> None:
    """Ask the C allocator to return the memory of the trees just freed to the system (glibc's
    malloc_trim). libxml2 builds a tree of many small blocks; freed among blocks still in use they
    stay counted in the process (at 5,000 sources: 17 MiB more at the peak). Nothing elsewhere."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def forget_shared() -> None:
    """Empty the tables shared by the stand-ins (teipub.validate, at the end of a run)."""
    for table in (_PREFIXES, _TOKENS, _TOKEN_SETS):
        table.clear()


def _shared(table: dict, value):
    return table.setdefault(value, value) if len(table) < _SHARED_LIMIT else table.get(value, value)


def id_hashes(ids: Iterable[str]) -> array:
    """The sorted hashes of some ids (an IdHashes's; what `release` is told to keep the facts of)."""
    return array("q", sorted({hash(i) for i in ids}))


def merge_hashes(a: array | None, b: array) -> array:
    return b if a is None else array("q", sorted(set(a).union(b)))


def release(doc: Document, wanted: Iterable[int], spill: Spill | None = None) -> Released:
    """The stand-in of a checked source (see the module docstring); `wanted`: the hashes of the
    ids the shared files point at in it (`id_hashes`), whose spans' facts are kept; `spill`: where
    its bulk is kept (IdHashes)."""
    tokens = {token for _, name, token in pointer_uses(doc)
              if token and name in KEPT_POINTERS and not token.startswith("#")}
    wanted = set(wanted)
    kept = {ident: [span_facts(els[0])] for ident, els in doc.ids.items() if wanted and hash(ident) in wanted}
    key = tuple(sorted(doc.prefixes.items()))
    prefixes = _PREFIXES.get(key)
    if prefixes is None:
        prefixes = dict(doc.prefixes)
        if len(_PREFIXES) < _SHARED_LIMIT:
            _PREFIXES[key] = prefixes
    shared_tokens = _shared(_TOKEN_SETS, tuple(sorted(_shared(_TOKENS, t) for t in tokens)))
    return Released(doc.path, doc.display, doc.target, doc.root.get(XML_ID), IdHashes(doc.ids, kept, spill),
                    prefixes, shared_tokens)


def release_shared(coll: Collection, keep: Callable[[Path], bool], repeated: set[Path]) -> None:
    """Replace the checked shared files not `keep`-ed by stand-ins (their trees are the largest
    thing left in memory: the edition description of 5,000 sources is a 15 MiB tree); a file
    holding an id twice is added to `repeated` first (a stand-in's hashes no longer tell)."""
    for path, doc in list(coll.docs.items()):
        if doc.released or keep(path):
            continue
        if any(len(els) > 1 for els in doc.ids.values()):
            repeated.add(path)
        stand_in = release(doc, ())
        stand_in.kind = doc.kind
        coll.docs[path] = stand_in
    give_back_memory()


def pointed_at(docs: Iterable[Document], attributes: Iterable[str] = pointers.POINTER_ATTRIBUTES) -> dict[Path, set[str]]:
    """file -> the ids the given (shared) files point at in it."""
    out: dict[Path, set[str]] = {}
    names = frozenset(attributes)
    for doc in docs:
        seen: set[str] = set()
        for _, name, token in pointer_uses(doc):  # the uses check_pointers reads again
            if not token or token in seen or name not in names:
                continue
            seen.add(token)
            res = resolve(doc, token)  # private pointers from the scope's table, kept for the checks
            if res.path is not None and res.fragment:
                out.setdefault(res.path, set()).add(res.fragment)
    return out


_MISSING = object()


class LazyDocs(dict):
    """The collection's documents; a source not parsed yet is loaded as a stand-in when asked for."""

    def __init__(self, load: Callable[[Path], Document | None]) -> None:
        super().__init__()
        self.pending: set[Path] = set()
        self._load = load

    def get(self, key, default=None):
        found = super().get(key, _MISSING)
        if found is not _MISSING:
            return found
        if key in self.pending:
            self.pending.discard(key)
            loaded = self._load(key)
            if loaded is not None:
                self[key] = loaded
        return super().get(key, default)


def is_streamed(path: Path, root: Path) -> bool:
    """Sources are streamed; every other file of the collection is kept. (`path` and `root` are
    absolute and normalised; compared as text, a tenth of the time of Path.relative_to, which the
    register's outline asks for each of its pointers.)"""
    return str(path).startswith(os.path.join(root, "sources", ""))


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
            hashes: Iterable[int] = ids.sorted_hashes()
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
