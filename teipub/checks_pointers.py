"""Pointer rules: every pointer resolves inside the collection, and every xml:id is unique in it.

What a pointer means (`#id`, a private URI expanded through listPrefixDef, a relative path, an
external URI) is decided in one place, teipub/pointers.py; here it is only judged. Nothing is
fetched and no file outside the collection is read.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from lxml import etree

from . import pointers
from .pointers import POINTER_ATTRIBUTES, Resolution
from .problems import Problem, rule
from .xmlinput import Collection, Document


# A private pointer (per:stalin) resolves alike from every file of one folder that declares the
# same prefixes (the sources of a collection share theirs): resolved once for them all, in the
# table of that scope. Only those are kept: they are few (one per index entry) and repeated in
# every source, while a path pointer (the register's sources/x.xml#x-seg1) is mostly written once.
# A resolution depends on the pointing file itself only for a pointer into that file, which is
# never kept.
_SCOPES: dict[tuple[str, tuple], dict[str, Resolution]] = {}
_SHARED_LIMIT = 50_000


def pointer_scope(doc: Document) -> dict[str, Resolution]:
    """The table of the private pointers resolved from `doc`'s folder with `doc`'s prefixes
    (found once per file: a released source, which has no memo, looks it up each time)."""
    memo = getattr(doc, "memo", None)
    table = memo.get("scope") if memo is not None else None
    if table is None:
        key = (os.path.dirname(doc.path), tuple(doc.prefixes.items()))
        table = _SCOPES.get(key)
        if table is None:
            if len(_SCOPES) >= 1_000:
                _SCOPES.clear()
            table = _SCOPES[key] = {}
        if memo is not None:
            memo["scope"] = table
    return table  # type: ignore[return-value]


def resolve(doc: Document, uri: str, scope: dict[str, Resolution] | None = None) -> Resolution:
    """Resolve one pointer of `doc` (teipub.pointers.resolve with the file's prefixes); `scope`:
    `pointer_scope(doc)`, if the caller holds it already."""
    if uri.startswith("#"):  # into the file itself (what pointers.resolve gives such a pointer)
        return Resolution(doc.path, uri[1:] or None)
    table = pointer_scope(doc) if scope is None else scope
    found = table.get(uri)
    if found is not None:
        return found
    found = pointers.resolve(doc.path, doc.prefixes, uri)
    if found.path != doc.path and pointers.is_private(uri):
        if len(table) >= _SHARED_LIMIT:
            table.clear()
        table[uri] = found
    return found


def pointer_uses(doc: Document) -> Iterable[tuple[etree._Element, str, str]]:
    """(element, attribute, pointer) for every pointer of `doc`, in document order ("" for an
    empty attribute); made once per file (the check below, teipub.streaming and the bibliography's
    rule read it). A file over 1 MiB is walked again each time instead: the list would hold an
    element proxy per pointer for as long as the file (the claims register of a large collection
    points at hundreds of thousands of spans, and is kept to the end)."""
    if len(doc.data) > _MEMO_MAX_BYTES:
        return _pointers(doc)
    found = doc.memo.get("pointers")
    if found is None:
        found = doc.memo["pointers"] = list(_pointers(doc))
    return found  # type: ignore[return-value]


_MEMO_MAX_BYTES = 1 << 20


_POINTER_NAMES = frozenset(POINTER_ATTRIBUTES)


def _pointers(doc: Document) -> Iterator[tuple[etree._Element, str, str]]:
    # each element's attributes read once, in their order (half the time of asking every element
    # for each of the eight pointer attributes: most elements have none of them)
    for el in doc.root.iter(etree.Element):
        for name, value in el.items():
            if name not in _POINTER_NAMES:
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
    # a source repeats its pointers (per:stalin, #wit-…) hundreds of times: each resolved and
    # looked up once; a path pointer (sources/x.xml#x-seg1, the register's tens of thousands) is
    # mostly written once, and is not kept
    resolved: dict[str, tuple[Resolution, Document | None]] = {}
    scope = pointer_scope(doc)
    for el, attr, token in pointer_uses(doc):
        if not token:
            yield doc.problem("pointer-unresolved", el, f"@{attr} is empty")
            continue
        known = resolved.get(token)
        if known is None:
            res = resolve(doc, token, scope)
            known = (res, coll.docs.get(res.path) if res.path is not None else None)
            if token.startswith("#") or token in scope or pointers.is_private(token):
                resolved[token] = known
        res, target = known
        if res.external:
            continue
        if res.error:
            yield doc.problem("pointer-unresolved", el, f"@{attr} {res.error}")
            continue
        assert res.path is not None
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


__all__ = ["POINTER_ATTRIBUTES", "Resolution", "pointer_scope", "pointer_uses", "resolve"]
