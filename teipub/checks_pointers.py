"""Pointer rules: every pointer resolves inside the collection, and every xml:id is unique in it.

What a pointer means (`#id`, a private URI expanded through listPrefixDef, a relative path, an
external URI) is decided in one place, teipub/pointers.py; here it is only judged. Nothing is
fetched and no file outside the collection is read.
"""
from __future__ import annotations

import os
from collections.abc import Iterator

from lxml import etree

from . import pointers
from .pointers import POINTER_ATTRIBUTES, Resolution
from .problems import Problem, rule
from .xmlinput import Collection, Document


def resolve(doc: Document, uri: str) -> Resolution:
    """Resolve one pointer of `doc` (teipub.pointers.resolve with the file's prefixes)."""
    return pointers.resolve(doc.path, doc.prefixes, uri)


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
