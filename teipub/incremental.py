"""Incremental builds: the key of each page of a per-document stage, and the reuse of unchanged pages.

Incremental: every page of a per-document stage gets a key, the SHA-256 of everything the page
can show. The keys are kept in the built site (``.build-manifest.json``, a dot-file the server
never serves); the next build copies a page from the previous site when its key is unchanged and
transforms it again otherwise. The new site is still written whole into its own folder and swapped
in atomically; the previous site is only read.

The key of a reading page (``source.xsl`` on ``sources/{siglum}.xml``) covers
- the stylesheets (every file under ``xslt/``), the Saxon version and the build parameters that
  are the same for every page (not the lists that grow with the collection, ``sigla`` and
  ``downloads``, which a reading page does not show);
- the bibliography, byte for byte (short citations in the apparatus notes);
- the page's digest from the catalogue (teipub/catalogue.py, ``Catalogue.page_digest``): the
  source file byte for byte, its slice of the catalogue (the titles of the sources it shows, the
  lines of the entities it names, its pointers, claims and notes), and the index entries and
  claims of the register it shows, each byte for byte.
So a changed paragraph rebuilds its own page; a changed index entry or claim rebuilds exactly
the pages that show it; adding or changing a source rebuilds its own page and only the pages
that show something of it (its title in an entity's line of "named in"); nothing else.
(The pages to transform again are run by teipub/parallel.py.)
"""
from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from teipub.catalogue import edition_without_sources
from teipub.project import Paths

MANIFEST = ".build-manifest.json"


@dataclass
class Manifest:
    """Keys of the pages written by a build: {stage: {output path under the site: key}}."""

    keys: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, site: Path | None) -> Manifest:
        if site is None or not (site / MANIFEST).is_file():
            return cls()
        try:
            data = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        return cls({str(k): {str(p): str(h) for p, h in v.items()} for k, v in data.items() if isinstance(v, dict)})

    def write(self, site: Path) -> None:
        (site / MANIFEST).write_text(json.dumps(self.keys, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _sha(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


def folder_digest(folder: Path) -> bytes:
    """Every file under `folder` (path and bytes), in sorted order."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.digest()


def _read(path: Path) -> bytes:
    return path.read_bytes() if path.is_file() else b""


# build parameters a reading page does not show (they grow with the collection, or name files of
# the build's work folder: a page's slice of the catalogue is covered by its digest)
UNSHOWN_PARAMS = frozenset({"sigla", "downloads", "catalogue", "edition-file", "headers"})


def reading_page_keys(paths: Paths, sources: Iterable[Path], params: Mapping[str, str],
                      slices: Mapping[str, tuple[Path, str]]) -> dict[Path, str]:
    """The key of the reading page of each source (see the module's docstring for what it covers);
    `slices` maps a file under tei/ to its page's (slice, digest) from the catalogue."""
    from importlib import metadata

    shown = {k: v for k, v in params.items() if k not in UNSHOWN_PARAMS}
    shared = _sha(folder_digest(paths.xslt), metadata.version("saxonche").encode(),
                  json.dumps(shown, sort_keys=True).encode(), _read(paths.tei / "bibliography.xml"),
                  edition_without_sources(paths.tei / "edition.xml") or b"").encode()
    tei = paths.tei.resolve()
    keys: dict[Path, str] = {}
    for source in sorted(sources):
        rel = source.resolve().relative_to(tei).as_posix()
        digest = slices[rel][1] if rel in slices else hashlib.sha256(source.read_bytes()).hexdigest()
        keys[source] = _sha(shared, digest.encode())
    return keys


def reuse(previous: Path | None, old: Mapping[str, str], new_keys: Mapping[str, str], out: Path) -> set[str]:
    """Copy from the previous site every page whose key is unchanged; the paths copied."""
    copied: set[str] = set()
    if previous is None:
        return copied
    for rel, key in new_keys.items():
        src = previous / rel
        if old.get(rel) == key and src.is_file():
            dest = out / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
            copied.add(rel)
    return copied
