"""The encoders' validator: returns the problems of a set of files; prints nothing.

    report = validate([Path("tei/claims.xml")])

Stages, per file asked for: the input stage (teipub.xmlinput: size, encoding, DOCTYPE, XInclude,
well-formedness, TEI namespace), then every registered check (teipub.problems.RULES). Checks see
the whole collection (by default every *.xml under tei/ except tei/raw/), so pointers and id
uniqueness are judged across files even when only some files are asked for.
"""
from __future__ import annotations

import importlib
import importlib.util
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .problems import ERROR, RULES, CheckFn, Problem, Rule, declare, make_problem
from .project import PATHS
from .xmlinput import DEFAULT_MAX_BYTES, Collection, Document, InputError, display_path, read_document, xml_files

# Modules whose import registers rules.
CHECK_MODULES: tuple[str, ...] = (
    "teipub.checks_schema",
    "teipub.checks_pointers",
    "teipub.checks_values",
    "teipub.checks_header",
    "teipub.checks_names",
    "teipub.checks_claims",
)

__all__ = ["InputError", "Report", "load_rules", "validate", "DEFAULT_MAX_BYTES"]


def load_rules() -> dict[str, Rule]:
    """Import every check module (once) and return the registry."""
    for name in CHECK_MODULES:
        importlib.import_module(name)
    return RULES


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


def _absolute(path: Path) -> Path:
    return Path(os.path.normpath(os.path.abspath(path)))


declare("internal-error", stage="file", summary="a rule's check failed on this file (a bug in the validator)",
        hint="report it with the file; the other rules still ran")


def _run_check(check: CheckFn, doc: Document, coll: Collection) -> list[Problem]:
    """Run one check on one file; a check that crashes becomes a problem, never a traceback."""
    try:
        return list(check(doc, coll))
    except Exception as exc:  # noqa: BLE001 - any bug in a rule must not stop the others
        name = f"{check.__module__}.{check.__name__}"
        return [make_problem("internal-error", doc.display, 1, 1,
                             f"{name} failed: {type(exc).__name__}: {exc}")]


def _drop_explained(problems: list[Problem]) -> list[Problem]:
    """Drop a RELAX NG error on a line where a more precise rule already reports an error (an
    ISO date, a number, a duplicate id are also datatype errors for the schema)."""
    explained = {(p.file, p.line) for p in problems if p.rule != "rng-invalid" and p.severity == ERROR}
    return [p for p in problems if p.rule != "rng-invalid" or (p.file, p.line) not in explained]


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
        a = _absolute(p)
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
    teipub.catalogue, takes its facts from the trees parsed here instead of parsing again).

    Raises InputError when a path is missing or unreadable, or a directory holds no XML.
    """
    started = time.perf_counter()
    registry = load_rules()
    root = _absolute(collection or PATHS.tei)
    targets = expand_paths(list(paths) if paths else [root])
    coll = Collection(root)
    problems: list[Problem] = []
    asked = set(targets)
    members = [_absolute(p) for p in xml_files(root)] if root.is_dir() else []
    for path in targets + [m for m in members if m not in asked]:
        is_target = path in asked
        try:
            doc, found = read_document(path, max_bytes=max_bytes, target=is_target)
        except InputError:
            if is_target:
                raise
            coll.broken.add(path)
            continue
        if doc is None:
            coll.broken.add(path)
        else:
            coll.docs[path] = doc
            if visit is not None:
                visit(path, doc.root, doc.data)
        if is_target:
            problems.extend(found)
    wanted = set(rules) if rules is not None else None
    checks: list[CheckFn] = []
    for rid, registered in registry.items():
        if registered.check is not None and (wanted is None or rid in wanted) and registered.check not in checks:
            checks.append(registered.check)
    for doc in coll.targets:
        for check in checks:
            problems.extend(p for p in _run_check(check, doc, coll) if wanted is None or p.rule in wanted)
    problems = _drop_explained(problems)
    if strict:
        problems = [p if p.severity == ERROR else Problem(p.file, p.line, p.column, ERROR, p.message, p.rule, p.hint)
                    for p in problems]
    order = {display_path(p): i for i, p in enumerate(targets)}
    problems.sort(key=lambda p: (order.get(p.file, len(order)), p.file, p.line, p.column, p.rule))
    return Report(problems, len(targets), time.perf_counter() - started)
