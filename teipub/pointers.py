"""Where a pointer leads: the one place a private URI is expanded through its file's listPrefixDef.

A pointer attribute holds whitespace-separated URIs, each one of:

* `#id`: an id in the same file;
* `prefix:value` where the file's `listPrefixDef` declares `prefix`: the value must match the
  prefixDef's `matchPattern` (whole value) and `replacementPattern` ($1, $2 … substituted) gives
  a relative URI, resolved as below (manual §2);
* `path/file.xml#id` or `path/file.xml`: a file of the collection, relative to the pointing file;
* `http:`, `https:`, `mailto:`, `ftp:`, `urn:`, `doi:` URIs: outside the edition, not followed.

The validator (teipub/checks_pointers.py) judges pointers with `resolve`; the collect stage
(teipub/catalogue.py) writes what they resolve to into the catalogue, which the stylesheets read:
no stylesheet expands a prefix itself. Nothing here touches a file.
"""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .project import TEI_NS

POINTER_ATTRIBUTES = ("ref", "corresp", "ana", "target", "source", "wit", "resp", "who")
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto", "ftp", "urn", "doi"})
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):(.*)$", re.S)

Prefixes = dict[str, tuple[str, str]]  # ident -> (matchPattern, replacementPattern)


@dataclass(frozen=True)
class Resolution:
    """Where one pointer leads: a file and a fragment, or an explanation why it leads nowhere."""

    path: Path | None = None
    fragment: str | None = None
    external: bool = False
    error: str | None = None


def prefixes_of(root: etree._Element) -> Prefixes:
    """The private URI schemes a file declares (its listPrefixDef)."""
    found: Prefixes = {}
    for pd in root.iterfind(f".//{{{TEI_NS}}}prefixDef"):
        ident = pd.get("ident")
        if ident:
            found[ident] = (pd.get("matchPattern", ""), pd.get("replacementPattern", ""))
    return found


def _expand(value: str, pattern: str, replacement: str) -> str | None:
    try:
        match = re.fullmatch(pattern, value)
    except re.error:
        return None
    if match is None:
        return None
    return re.sub(r"\$(\d)", lambda m: match.group(int(m.group(1))) or "", replacement)


def resolve(path: Path, prefixes: Prefixes, uri: str) -> Resolution:
    """Resolve one pointer written in the file `path` (absolute) to a (path, fragment)."""
    scheme = _SCHEME.match(uri)
    if scheme and "/" not in scheme.group(1):
        prefix, rest = scheme.groups()
        if prefix in prefixes:
            pattern, replacement = prefixes[prefix]
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
        return Resolution(path, fragment or None)
    return Resolution(_file(os.path.dirname(path), path_part), fragment or None)


@functools.lru_cache(maxsize=8192)
def _file(folder: str, relative: str) -> Path:
    """The file `relative` names from `folder`, normalised: one Path for every pointer into the
    same file from the same folder (the register points into each source hundreds of times)."""
    return Path(os.path.normpath(os.path.join(folder, relative)))


def is_private(token: str) -> bool:
    """A `prefix:value` pointer (not '#id', not a path, not an external URI)."""
    scheme = _SCHEME.match(token)
    return bool(scheme) and "/" not in scheme.group(1) and scheme.group(1).lower() not in EXTERNAL_SCHEMES
