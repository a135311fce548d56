"""Pointer rules: every pointer resolves inside the collection, and every xml:id is unique in it.

A pointer attribute holds whitespace-separated URIs, each one of:

* `#id`: an id in the same file;
* `prefix:value` where the file's `listPrefixDef` declares `prefix`: the value must match the
  prefixDef's `matchPattern` (whole value) and `replacementPattern` ($1, $2 … substituted) gives
  a relative URI, resolved as below (manual §2);
* `path/file.xml#id` or `path/file.xml`: a file of the collection, relative to the pointing file;
* `http:`, `https:`, `mailto:`, `ftp:`, `urn:`, `doi:` URIs: outside the edition, not checked.

Nothing is fetched and no file outside the collection is read.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .problems import Problem, rule
from .xmlinput import Collection, Document

POINTER_ATTRIBUTES = ("ref", "corresp", "ana", "target", "source", "wit", "resp", "who")
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto", "ftp", "urn", "doi"})
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):(.*)$", re.S)


@dataclass(frozen=True)
class Resolution:
    """Where one pointer leads: a file and a fragment, or an explanation why it leads nowhere."""

    path: Path | None = None
    fragment: str | None = None
    external: bool = False
    error: str | None = None


def _expand(value: str, pattern: str, replacement: str) -> str | None:
    try:
        match = re.fullmatch(pattern, value)
    except re.error:
        return None
    if match is None:
        return None
    return re.sub(r"\$(\d)", lambda m: match.group(int(m.group(1))) or "", replacement)


def resolve(doc: Document, uri: str) -> Resolution:
    """Resolve one pointer of `doc` to a (path, fragment) without touching any file."""
    scheme = _SCHEME.match(uri)
    if scheme and "/" not in scheme.group(1):
        prefix, rest = scheme.groups()
        if prefix in doc.prefixes:
            pattern, replacement = doc.prefixes[prefix]
            expanded = _expand(rest, pattern, replacement)
            if expanded is None:
                return Resolution(error=f'"{uri}" does not match the pattern of prefixDef "{prefix}" ({pattern})')
            uri = expanded
        elif prefix.lower() in EXTERNAL_SCHEMES:
            return Resolution(external=True)
        else:
            return Resolution(error=f'"{uri}": prefix "{prefix}:" is not declared in this file\'s listPrefixDef')
    path_part, _, fragment = uri.partition("#")
    if not path_part:
        return Resolution(doc.path, fragment or None)
    target = Path(os.path.normpath(doc.path.parent / path_part))
    return Resolution(target, fragment or None)


def _pointers(doc: Document) -> Iterator[tuple[etree._Element, str, str]]:
    for el in doc.root.iter():
        if not isinstance(el.tag, str):
            continue
        for name in POINTER_ATTRIBUTES:
            value = el.get(name)
            if value is None:
                continue
            tokens = value.split()
            if not tokens:
                yield el, name, ""
            for token in tokens:
                yield el, name, token


@rule("pointer-unresolved",
      hint="point at an existing xml:id: check the spelling, the prefix (per: pla: org: bib: claim: ed:) and the target file")
def check_pointers(doc: Document, coll: Collection) -> Iterator[Problem]:
    """Every pointer (@ref @corresp @ana @target @source @wit @resp @who) resolves in the collection."""
    resolved: dict[str, Resolution] = {}  # a source repeats its pointers (per:stalin) hundreds of times
    for el, attr, token in _pointers(doc):
        if not token:
            yield doc.problem("pointer-unresolved", el, f"@{attr} is empty")
            continue
        res = resolved.get(token)
        if res is None:
            res = resolved[token] = resolve(doc, token)
        if res.external:
            continue
        if res.error:
            yield doc.problem("pointer-unresolved", el, f"@{attr} {res.error}")
            continue
        assert res.path is not None
        target = coll.docs.get(res.path)
        if target is None:
            shown = os.path.relpath(res.path, doc.path.parent)
            why = ("could not be read as XML" if res.path in coll.broken
                   else "is not a file of the collection")
            yield doc.problem("pointer-unresolved", el, f'@{attr} "{token}": {shown} {why}')
            continue
        if res.fragment is not None and res.fragment not in target.ids:
            where = "this file" if target is doc else target.display
            yield doc.problem("pointer-unresolved", el,
                              f'@{attr} "{token}": no xml:id "{res.fragment}" in {where}')


@rule("id-duplicate", hint="give each element its own id; ids are unique across the whole collection")
def check_duplicate_ids(doc: Document, coll: Collection) -> Iterator[Problem]:
    """Every xml:id is unique across the collection."""
    index = coll.id_index()
    for ident, els in doc.ids.items():
        holders = index.get(ident, [])
        if len(holders) < 2:
            continue
        for el in els:
            others = [f"{d.display}:{e.sourceline}" for d, e in holders if e is not el]
            yield doc.problem("id-duplicate", el,
                              f'xml:id "{ident}" is also used at {", ".join(others)}')


__all__ = ["POINTER_ATTRIBUTES", "Resolution", "resolve"]
