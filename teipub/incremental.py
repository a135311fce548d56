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

A once-per-build transformation (the home page, the claims pages, each part of the indexes and of
the chronology: a *unit*) is reused the same way, whole: its key covers what it may read, and the
manifest keeps the files it wrote (teipub/parallel.py stages them, so that each unit's files are
known even when several run at once). Its key (`unit_key`) covers
- everything a unit may read besides the sources (`collection_digest`): the stylesheets, the
  Saxon version, every collection file that is not a source, and what the collect stage wrote
  for every stylesheet (the catalogue, the sources' headers, the trimmed edition description),
  each byte for byte;
- its parameters (not those naming files of the build's work folder, whose bytes are covered);
- the sources it reads, byte for byte: those its stage declares (``XsltStage.reads``: an index
  part reads the sources of its entry pages, a part of the chronology its share, the claims pages
  the sources with claim spans, the home page none: it reads their headers), every source when
  its stage does not say;
- the other files its stage declares (``XsltStage.also_reads``): the claim spans' passages, which
  only the claims pages read; the schema's files and the changelog, which only the edition's
  own pages show (the guidelines, the version history);
- the keys of the units of the stages it waits for (the chronology's pages read their items).
A unit is transformed again when its key has changed or a file it wrote is missing. The search
bundle is a unit too: its key stands for every page of the new site (`search_key`), so Pagefind
runs again only when a page has changed. So a change
to a source's text rebuilds its reading page and the units that read it: the index parts whose
entries it names, the claims pages if it has claim spans, the chronology (or the part with its
share, and then the pages if its dated items changed); a change that reaches the catalogue (a
name added or taken away, a claim span, a note, a header) rebuilds every unit.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from teipub.catalogue import PASSAGES, edition_without_sources
from teipub.project import Paths

MANIFEST = ".build-manifest.json"


@dataclass(frozen=True)
class Unit:
    """A once-per-build transformation as the manifest keeps it: its key and the files it wrote
    (paths under the site)."""

    key: str
    files: tuple[str, ...] = ()


@dataclass
class Manifest:
    """What a build wrote: the key of each page of the per-document stages
    ({stage: {output path under the site: key}}), and each unit (once-per-build transformation)
    with its key and files ({unit: Unit})."""

    keys: dict[str, dict[str, str]] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)

    @classmethod
    def load(cls, site: Path | None) -> Manifest:
        """The manifest of a built site; an empty one (everything is built again) when there is
        none or it cannot be read."""
        if site is None or not (site / MANIFEST).is_file():
            return cls()
        try:
            data = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
            pages, units = data["pages"], data["units"]
            return cls({str(k): {str(p): str(h) for p, h in v.items()} for k, v in pages.items()},
                       {str(k): Unit(str(v["key"]), tuple(str(f) for f in v["files"])) for k, v in units.items()})
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return cls()

    def write(self, site: Path) -> None:
        data = {"pages": self.keys,
                "units": {k: {"key": u.key, "files": list(u.files)} for k, u in sorted(self.units.items())}}
        (site / MANIFEST).write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _sha(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


def files_under(folder: Path) -> list[Path]:
    """Every file under `folder` but Python's caches, in sorted order."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def files_digest(files: Iterable[Path], root: Path) -> bytes:
    """Each of `files` (its path under `root`, and its bytes: none if it is missing), in sorted
    order."""
    h = hashlib.sha256()
    for path in sorted(files):
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(_read(path)).digest())
    return h.digest()


def folder_digest(folder: Path) -> bytes:
    """Every file under `folder` (path and bytes), in sorted order."""
    return files_digest(files_under(folder), folder)


def stylesheets_digest(paths: Paths) -> bytes:
    """The stylesheets and the Saxon that runs them: in every transformation's key (computed once
    a build)."""
    from importlib import metadata

    return folder_digest(paths.xslt) + metadata.version("saxonche").encode()


def _read(path: Path) -> bytes:
    return path.read_bytes() if path.is_file() else b""


# build parameters that name files of the build's work folder: their bytes are in a key instead
# (a page's slice of the catalogue through its digest, a unit's files through collection_digest)
WORK_PARAMS = frozenset({"catalogue", "edition-file", "headers", "items"})
# build parameters a reading page does not show besides those (they grow with the collection)
UNSHOWN_PARAMS = WORK_PARAMS | {"sigla", "downloads"}


def reading_page_keys(paths: Paths, stylesheets: bytes, sources: Iterable[Path], params: Mapping[str, str],
                      slices: Mapping[str, tuple[Path, str]]) -> dict[Path, str]:
    """The key of the reading page of each source (see the module's docstring for what it covers);
    `stylesheets` is stylesheets_digest, `slices` maps a file under tei/ to its page's (slice,
    digest) from the catalogue."""
    shown = {k: v for k, v in params.items() if k not in UNSHOWN_PARAMS}
    shared = _sha(stylesheets, json.dumps(shown, sort_keys=True).encode(), _read(paths.tei / "bibliography.xml"),
                  edition_without_sources(paths.tei / "edition.xml") or b"").encode()
    tei = paths.tei.resolve()
    keys: dict[Path, str] = {}
    for source in sorted(sources):
        rel = source.resolve().relative_to(tei).as_posix()
        digest = slices[rel][1] if rel in slices else hashlib.sha256(source.read_bytes()).hexdigest()
        keys[source] = _sha(shared, digest.encode())
    return keys


# what the collect stage writes that only some units read: the reading pages' slices (none) and
# the claim spans' passages (the claims pages: XsltStage.also_reads)
NOT_SHARED = frozenset({"pages", PASSAGES})


def collection_digest(paths: Paths, stylesheets: bytes, shared: Iterable[Path], work: Path) -> bytes:
    """What every unit may read besides the sources (see the module's docstring): `stylesheets`
    is stylesheets_digest, `shared` the collection's files that are not sources, `work` the
    folder the collect stage wrote (less NOT_SHARED)."""
    collected = [p for p in files_under(work) if p.relative_to(work).parts[0] not in NOT_SHARED]
    return _sha(stylesheets, files_digest((p.resolve() for p in shared), paths.tei.resolve()),
                files_digest(collected, work)).encode()


def unit_key(collection: bytes, unit: str, params: Mapping[str, str], sources: Iterable[str],
             waited: Iterable[str] = (), files: Iterable[Path] = ()) -> str:
    """The key of a unit: `collection` (collection_digest), its own parameters, the digests of
    the sources it reads, the keys of the units it waits for, and the names and bytes of the
    other files it reads that not every unit reads (XsltStage.also_reads)."""
    shown = {k: v for k, v in params.items() if k not in WORK_PARAMS}
    return _sha(collection, unit.encode(), json.dumps(shown, sort_keys=True).encode(),
                "\n".join(sources).encode(), "\n".join(waited).encode(),
                *(part for p in files for part in (p.name.encode(), _read(p))))


def search_key(manifest: Manifest, site: Path, engine: str) -> str:
    """The key of the search bundle: what every page of the site is, and the version of the search
    engine that reads them. A page is what its key says (the premise of every reuse here), so the
    keys of this build's pages and units stand for their bytes, which are not read again; a page
    no key covers (none today) is read."""
    covered = {rel for keys in manifest.keys.values() for rel in keys}
    covered.update(f for unit in manifest.units.values() for f in unit.files)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return _sha(engine.encode(), json.dumps(manifest.keys, sort_keys=True).encode(),
                json.dumps({u: v.key for u, v in manifest.units.items()}, sort_keys=True).encode(),
                "\n".join(pages).encode(), *(_read(site / rel) for rel in pages if rel not in covered))


def reuse_unit(previous: Path | None, old: Unit | None, key: str, out: Path) -> tuple[str, ...] | None:
    """Copy a unit's files from the previous site when its key is unchanged and every file is
    there; the files copied, or None (the unit is transformed again)."""
    if previous is None or old is None or old.key != key or not all((previous / f).is_file() for f in old.files):
        return None
    for rel in old.files:
        dest = out / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(previous / rel, dest)
    return old.files


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
