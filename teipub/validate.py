"""The encoders' validator: returns the problems of a set of files; prints nothing.

    report = validate([Path("tei/claims.xml")])

Stages, per file asked for: the input stage (teipub.xmlinput: size, encoding, DOCTYPE, XInclude,
well-formedness, TEI namespace), then every check of the registry (`load_rules()`, assembled from
CHECK_MODULES). Checks see
the whole collection (by default every *.xml under tei/ except tei/raw/), so pointers and id
uniqueness are judged across files even when only some files are asked for.
"""
from __future__ import annotations

import functools
import importlib
import os
import sys
import time
from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from lxml import etree

from . import checks_schema, register_parts, streaming
from .problems import ERROR, CheckFn, Problem, Rule, assemble, declare, make_problem, rules_of
from .project import PATHS
from .xmlinput import DEFAULT_MAX_BYTES, Collection, Document, InputError, absolute, display_path, read_document, xml_files

# The modules whose rules make the registry, in this order (teipub.problems.rules_of reads each
# module's rules: its functions decorated with rule() and its DECLARED tuple). Importing a module
# registers nothing; a module missing here contributes no rule. An entry may also be a module
# object (a test adds its own rules that way).
CHECK_MODULES: tuple[str | ModuleType, ...] = (
    "teipub.xmlinput",
    "teipub.validate",
    "teipub.checks_schema",
    "teipub.checks_pointers",
    "teipub.checks_values",
    "teipub.checks_header",
    "teipub.checks_names",
    "teipub.checks_claims",
    "teipub.checks_measures",
    "teipub.checks_citations",
)

if TYPE_CHECKING:  # pragma: no cover - typing only
    from concurrent.futures import ProcessPoolExecutor

__all__ = ["InputError", "Report", "load_rules", "validate", "DEFAULT_MAX_BYTES"]


@functools.cache
def _assemble(modules: tuple[str | ModuleType, ...]) -> dict[str, Rule]:
    return assemble(rule for module in modules
                    for rule in rules_of(importlib.import_module(module) if isinstance(module, str) else module))


def load_rules() -> dict[str, Rule]:
    """The registry: every rule of the CHECK_MODULES, by id (assembled once per list of modules)."""
    return _assemble(CHECK_MODULES)


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    elapsed: float = 0.0

    @property
    def errors(self) -> int:
        return sum(p.severity == ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    @property
    def ok(self) -> bool:
        return self.errors == 0

    def summary(self) -> str:
        return (f"{self.files} file{'s' * (self.files != 1)} checked: {self.errors} error"
                f"{'s' * (self.errors != 1)}, {self.warnings} warning{'s' * (self.warnings != 1)} "
                f"in {self.elapsed:.2f}s")

    def as_dict(self) -> dict[str, object]:
        return {"files": self.files, "errors": self.errors, "warnings": self.warnings,
                "elapsed": round(self.elapsed, 3), "problems": [p.as_dict() for p in self.problems]}


# the validator's own rule (listed here, registered by load_rules like every other)
DECLARED = (declare("internal-error", stage="file", summary="a rule's check failed on this file (a bug in the validator)",
                    hint="report it with the file; the other rules still ran"),)


def _run_check(check: CheckFn, doc: Document, coll: Collection) -> list[Problem]:
    """Run one check on one file; a check that crashes becomes a problem, never a traceback."""
    try:
        return list(check(doc, coll))
    except Exception as exc:  # noqa: BLE001 - any bug in a rule must not stop the others
        name = f"{check.__module__}.{check.__name__}"
        return [make_problem("internal-error", doc.display, 1, 1,
                             f"{name} failed: {type(exc).__name__}: {exc}")]


# Sources checked in one thread. lxml gives every thread one parser dictionary, shared by all the
# documents parsed in it and never shrunk while the thread lives; libxml2's RELAX NG validation puts
# every xml:id of a document into it (xsd:ID values), about 36 KB for a source with 800 ids, which
# stays after the document is gone. A batch of sources in a thread of its own takes its dictionary
# with it when the thread ends (the stand-ins hold no lxml object, teipub.streaming), so memory no
# longer grows with the number of sources. One batch or fewer runs in the calling thread.
STREAM_BATCH = 100

# A run of more than this many sources keeps the bulk of their stand-ins (id hashes, the facts of the
# spans the register points at) in a temporary file (teipub.streaming.Spill): in memory they grew
# with the collection (about 40 MiB at 5,000 sources). A smaller run keeps them in memory.
SPILL_FROM = STREAM_BATCH

# From this many sources to check, libxml2's RELAX NG and Schematron verdicts on them (more than half
# the time a source takes) are made by worker processes, one per CPU, ahead of the other rules,
# which stay in this process with the collection. Fewer sources are judged by a thread of this
# process (THREAD_MAX_BYTES below): the workers' start-up (a few tenths of a second each) would
# cost more than they save. Above, one thread is too few (c500: 6.0 s with one schema thread, 4.9 s
# with two workers, on two CPUs) and its parser dictionary would grow with every source.
PARALLEL_FROM = 200


def _schema_workers(count: int) -> int:
    """How many worker processes judge `count` sources with the schemas (0: none)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return min(cpus, 4) if cpus > 1 and count >= PARALLEL_FROM else 0


# How many files' verdicts the workers are asked for ahead of the file the rules are checking.
VERDICTS_AHEAD = 2 * STREAM_BATCH

# In a run without worker processes (below PARALLEL_FROM sources: the edition's own files, a file
# or two asked for), the files asked for are judged by the schemas in a thread of their own while
# the rules run in the calling thread: lxml lets go of the interpreter lock while libxml2 (RELAX NG)
# and libxslt (the Schematron) run. The thread reads and parses each file itself (no tree is shared
# between threads) with schemas of its own (teipub.checks_schema.own_schemas), and ends with the
# run, taking its parser dictionary with it (see STREAM_BATCH). Its schemas and trees cost about
# 20 MB, which a large run, whose workers judge its sources, does not spend on its few shared
# files. A file larger than this is judged in the calling thread, from the tree it parses anyway
# (a second tree of a large file would raise the peak of memory).
THREAD_MAX_BYTES = 1024 * 1024

# While the schema thread runs, the interpreter hands the lock between the threads at this interval
# (seconds) rather than Python's 5 ms: the thread takes the lock back between two files and between
# libxml2's verdict and its report, and each time waited for the rules' Python code to let go of it
# (the edition's files: 0.07 of its 0.27 s; at 0.1 ms the thread finishes 0.06-0.07 s sooner).
SCHEMA_THREAD_SWITCH = 0.0001


def _judged_in_thread(paths: Sequence[Path], max_bytes: int) -> tuple[ThreadPoolExecutor | None, dict[Path, Future]]:
    """The schema thread and its verdicts on `paths` (those not over THREAD_MAX_BYTES)."""
    small = []
    for path in paths:
        try:
            if path.stat().st_size <= min(max_bytes, THREAD_MAX_BYTES):
                small.append(path)
        except OSError:  # reported when the file is read
            pass
    if not small:
        return None, {}
    thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="validate-schemas")
    return thread, {p: thread.submit(checks_schema.verdicts_of, str(p), max_bytes, True) for p in small}


def _in_fresh_thread(name: str, fn: Callable[..., None], *args: object) -> None:
    """Run `fn(*args)` in a new thread and wait for it; its exception is raised here."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix=name) as pool:
        pool.submit(fn, *args).result()


def _drop_explained(problems: list[Problem]) -> list[Problem]:
    """Drop a RELAX NG error on a line where a more precise rule already reports an error (an
    ISO date, a number, a duplicate id are also datatype errors for the schema)."""
    explained = {(p.file, p.line) for p in problems if p.rule != "rng-invalid" and p.severity == ERROR}
    return [p for p in problems if p.rule != "rng-invalid" or (p.file, p.line) not in explained]


def _check_parts(register: register_parts.Outline, coll: Collection, check: Callable[[Document], list[Problem]]) -> list[Problem]:
    """The problems of a register checked in parts, as if it had been checked whole. A part's
    problems in its own claims are kept; those outside every claim (the header, the wrappers: in
    every part) as often as the part that reports them most often does; those in another part's
    claims are left to that part (jing, asked about a part, reports on the whole file)."""
    found: list[Problem] = []
    outside: Counter[Problem] = Counter()
    try:
        for part in register_parts.parts(register):
            coll.docs[register.path] = part
            mine = check(part)
            found.extend(p for p in mine if register_parts.in_part(part, p.line))
            outside |= Counter(p for p in mine if register_parts.outside_claims(part, p.line))
            del part, mine
            streaming.give_back_memory()
    finally:
        coll.docs[register.path] = register
    return found + list(outside.elements())


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Files to check: files as given, directories as their *.xml (minus a top-level raw/)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = xml_files(path)
            if not found:
                raise InputError(f"{path}: directory holds no .xml file")
            out.extend(found)
        elif path.is_file():
            out.append(path)
        elif path.exists():
            raise InputError(f"{path}: not a regular file")
        else:
            raise InputError(f"{path}: no such file or directory")
    seen: set[Path] = set()
    unique = []
    for p in out:
        a = absolute(p)
        if a not in seen:
            seen.add(a)
            unique.append(a)
    return unique


def validate(paths: Sequence[Path] | None = None, *, collection: Path | None = None,
             max_bytes: int = DEFAULT_MAX_BYTES, strict: bool = False,
             rules: Sequence[str] | None = None,
             visit: Callable[[Path, etree._Element, bytes], None] | None = None) -> Report:
    """Validate `paths` (default: the collection) against every rule (or only `rules`).

    `visit(path, root, data)` is called once for every file parsed (the build's collect stage,
    teipub.catalogue, takes its facts from the trees parsed here instead of parsing again), one
    file at a time and in order; for the sources of a large collection, from the worker thread
    that parsed them (see STREAM_BATCH).

    Raises InputError when a path is missing or unreadable, or a directory holds no XML.
    """
    started = time.perf_counter()
    registry = load_rules()
    root = absolute(collection or PATHS.tei)
    targets = expand_paths(list(paths) if paths else [root])
    asked = set(targets)
    members = [absolute(p) for p in xml_files(root)] if root.is_dir() else []
    everything = targets + [m for m in members if m not in asked]
    del members  # (a second list of the collection's paths, kept to the end, cost 2 MiB at 5,000)
    wanted = set(rules) if rules is not None else None
    checks: list[CheckFn] = []
    for rid, registered in registry.items():
        if registered.check is not None and (wanted is None or rid in wanted) and registered.check not in checks:
            checks.append(registered.check)
    unique_ids = registry["id-duplicate"].check
    per_file = [c for c in checks if c is not unique_ids]  # ids are judged at the end, from their hashes

    wanted_ids: dict[Path, array] = {}  # file -> the hashes of the ids the shared files point at in it

    def stand_in(path: Path) -> Document | None:
        """A source asked for by a pointer before its turn: parsed, released, never checked here."""
        try:
            doc, _ = read_document(path, max_bytes=max_bytes, target=False)
        except InputError:
            doc = None
        if doc is None:
            coll.broken.add(path)
            return None
        return streaming.release(doc, wanted_ids.get(path, ()), spill) if streaming.releasable(doc) else doc

    coll = Collection(root)
    coll.docs = streaming.LazyDocs(stand_in)
    spill: streaming.Spill | None = None  # made below for a run of more than SPILL_FROM sources
    problems: list[Problem] = []

    schema_checks = [c for c in per_file if c in (checks_schema.check_rng, checks_schema.check_schematron)]
    other_checks = [c for c in per_file if c not in schema_checks]

    def found_in(doc: Document, checks: list[CheckFn]) -> list[Problem]:
        return [p for check in checks for p in _run_check(check, doc, coll) if wanted is None or p.rule in wanted]

    def run(doc: Document, checks: list[CheckFn]) -> None:
        problems.extend(found_in(doc, checks))

    def read(path: Path) -> Document | None:
        is_target = path in asked
        try:
            doc, found = read_document(path, max_bytes=max_bytes, target=is_target)
        except InputError:
            if is_target:
                raise
            coll.broken.add(path)
            return None
        if is_target:
            problems.extend(found)
        if doc is None:
            coll.broken.add(path)
        elif visit is not None:
            visit(path, doc.root, doc.data)
        return doc

    kept = [p for p in everything if not streaming.is_streamed(p, root)]
    streamed = [p for p in everything if streaming.is_streamed(p, root)]
    if len(streamed) > SPILL_FROM:
        spill = streaming.Spill()
    coll.docs.pending.update(streamed)
    repeated: set[Path] = set()
    judged = [p for p in streamed if p in asked] if schema_checks else []
    workers = _schema_workers(len(judged))
    verdicts: dict[Path, Future] = {}
    pool: ProcessPoolExecutor | None = None
    if workers:  # imported here: a small run (the edition's own files) starts no process
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from .workers import die_with_parent
    if workers and not multiprocessing.current_process().daemon:  # a daemon may start no process
        checks_schema.relaxng(), checks_schema.schematron()  # compiled here too, before any thread
        try:
            pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                       initializer=die_with_parent, initargs=(os.getpid(),))
        except (OSError, RuntimeError):  # no worker could be started: every file is judged here
            pool = None
    ahead = judged[::-1] if pool is not None else []  # the files the workers are yet to be given, last first

    def ask_workers() -> None:
        """Keep the workers VERDICTS_AHEAD files ahead of the rules (asked all at once, 5,000
        files' pending calls held 13 MiB)."""
        while ahead and len(verdicts) < VERDICTS_AHEAD:
            path = ahead.pop()
            try:
                verdicts[path] = pool.submit(checks_schema.verdicts_of, str(path), max_bytes)  # type: ignore[union-attr]
            except RuntimeError:  # the pool broke: the files left are judged here
                ahead.clear()

    ask_workers()
    thread: ThreadPoolExecutor | None = None
    if schema_checks and pool is None:  # a small run: judged in a schema thread
        thread, verdicts = _judged_in_thread(judged + [p for p in kept if p in asked], max_bytes)
    switch = sys.getswitchinterval()
    if thread is not None:
        sys.setswitchinterval(SCHEMA_THREAD_SWITCH)

    def adopt(doc: Document) -> None:
        """Give `doc` the schemas' verdicts on its bytes, if a worker or the thread made them."""
        future = verdicts.pop(doc.path, None)
        ask_workers()
        if future is None:
            return
        try:
            given = future.result()
        except Exception:  # noqa: BLE001 - a worker that died: the file is judged here
            given = None
        if given is not None and given.digest == checks_schema.digest(doc.data):
            doc.verdicts = given  # else the file changed in between: judged here

    def stream(batch: list[Path]) -> None:
        for path in batch:  # one source at a time: parsed, checked, released
            coll.docs.pending.discard(path)
            doc = read(path)
            if doc is None:
                coll.docs.pop(path, None)
                continue
            coll.docs[path] = doc
            if doc.target:  # the schemas' verdicts last: the other rules run while they are made
                run(doc, other_checks)
                adopt(doc)
                run(doc, schema_checks)
            if any(len(els) > 1 for els in doc.ids.values()):
                repeated.add(path)
            if streaming.releasable(doc):
                coll.docs[path] = streaming.release(doc, wanted_ids.get(path, ()), spill)
            del doc

    def check_shared() -> None:
        """The shared files (a function of its own: nothing here holds their trees afterwards)."""
        shared = [d for d in coll.docs.values()
                  if d.target and not d.released and not streaming.is_streamed(d.path, root)]
        for doc in shared:  # every other rule first, while the schema thread judges them
            run(doc, other_checks)
        for doc in shared:
            adopt(doc)
            run(doc, schema_checks)

    # a large claims register is checked in parts, never held whole (teipub.register_parts); not
    # when the caller asks for the trees (the build's collect stage reads the whole register)
    registers: list[register_parts.Outline] = []
    try:
        for path in kept:  # the shared files first: every source points into them
            plan = register_parts.layout(path, max_bytes) if visit is None else None
            if plan is not None:
                registers.append(register_parts.outline(plan, path in asked, root, everything))
                coll.docs[path] = registers[-1]
                streaming.give_back_memory()  # the parts' trees
                continue
            doc = read(path)
            if doc is not None:
                coll.docs[path] = doc
        for path, ids in streaming.pointed_at(d for d in coll.docs.values() if not d.released).items():
            wanted_ids[path] = streaming.id_hashes(ids)
        for register in registers:
            for path, hashes in register.wanted.items():
                wanted_ids[path] = streaming.merge_hashes(wanted_ids.get(path), hashes)
        try:
            if len(streamed) <= STREAM_BATCH:
                stream(streamed)
            else:  # each batch in a thread of its own, so that each has a parser dictionary of its own
                for start in range(0, len(streamed), STREAM_BATCH):
                    _in_fresh_thread(f"validate-{start}", stream, streamed[start:start + STREAM_BATCH])
                    streaming.give_back_memory()  # the batch's trees and its thread's parser dictionary
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
            streaming.forget_shared()
        check_shared()
        if registers:  # the register's parts are the peak of a large run: the other shared files go first,
            # but those it points into (its rules may read their elements: the bibliography, …)
            streaming.release_shared(coll, lambda p: any(p in r.wanted for r in registers), repeated)
        for register in registers:
            if register.target:
                problems.extend(_check_parts(register, coll, lambda doc: found_in(doc, other_checks + schema_checks)))
            if register.repeated:
                repeated.add(register.path)
        if unique_ids is not None and unique_ids in checks:
            repeated |= streaming.repeated_ids(list(coll.docs.items()))
            mini = streaming.full(coll, sorted(repeated), lambda p: read_document(p, max_bytes=max_bytes)[0])
            for doc in mini.docs.values():
                doc.target = doc.path in asked
                if doc.target:
                    problems.extend(p for p in _run_check(unique_ids, doc, mini) if wanted is None or p.rule in wanted)
    finally:
        if thread is not None:  # what an error left is not judged; the thread ends after its file
            thread.shutdown(wait=False, cancel_futures=True)
            sys.setswitchinterval(switch)
        if spill is not None:
            spill.close()
    problems = _drop_explained(problems)
    if strict:
        problems = [p if p.severity == ERROR else Problem(p.file, p.line, p.column, ERROR, p.message, p.rule, p.hint)
                    for p in problems]
    order = {display_path(p): i for i, p in enumerate(targets)}
    problems.sort(key=lambda p: (order.get(p.file, len(order)), p.file, p.line, p.column, p.rule))
    return Report(problems, len(targets), time.perf_counter() - started)
