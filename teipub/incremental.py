"""Per-document stages of the build, incremental and optionally parallel.

Incremental: every page of a per-document stage gets a key, the SHA-256 of everything the page
can show. The keys are kept in the built site (``.build-manifest.json``, a dot-file the server
never serves); the next build copies a page from the previous site when its key is unchanged and
transforms it again otherwise. The new site is still written whole into its own folder and swapped
in atomically; the previous site is only read.

The key of a reading page (``source.xsl`` on ``sources/{siglum}.xml``) covers
- the stylesheets (every file under ``xslt/``), the Saxon version and the build parameters (which
  name every source, the build date and the downloads);
- the source file itself, byte for byte;
- the claims register and the bibliography, byte for byte (claim notes, citations);
- the ``fileDesc`` of every source (titles of the witnesses and of the sources naming an entity);
- for every index entry the source points at (``per:stalin`` -> ``per-stalin`` in any
  ``tei/indexes/*.xml``): the entry itself and its line in the mentions summary (what the page
  shows of the other sources naming it).
So a changed index entry rebuilds exactly the pages of the sources that point at it, a changed
paragraph rebuilds its own page, and the pages of other sources only when the summary line of an
entity they name changes (a count shown, the sources listed, how many others name it).

The mentions summary (``mention_summary``, written by ``write_mentions``) is computed once per
build in one pass over the sources: for every entity, how many sources name it and the first
MENTION_SOURCES of them (reading order) with how many name elements in each point at it. The
reading-page stage passes it to ``source.xsl`` as the parameter ``mentions`` (a file URI), so a page
reads one small document instead of the whole collection, and what it shows of an entity is
bounded (the entity's index page lists every mention).

Parallel: with ``jobs`` > 1 and at least PARALLEL_MIN pages to transform (on 2 CPUs, 50 pages
take 7.4 s instead of 14.2 s), the pages are shared among worker processes
(started fresh with ``spawn``: a Saxon processor is not safe to use across ``fork``), each with its
own Saxon that compiles the stylesheet once.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from teipub.project import NS, XML_NS, Paths
from teipub.saxon import Saxon, XsltError

MANIFEST = ".build-manifest.json"
# How many sources a reading page names for each entity (in reading order, with counts); the rest
# are counted. The edition's five sources are all shown.
MENTION_SOURCES = 5
NAME_ELEMENTS = ("persName", "placeName", "orgName")
# Fewer pages than this are transformed in this process: starting workers (a JVM-backed Saxon each,
# its stylesheet compiled again) costs more than a few pages (bench/RESULTS.md).
PARALLEL_MIN = 16
XML_ID = f"{{{XML_NS}}}id"


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


def _parse(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))


def _c14n(el: etree._Element) -> bytes:
    return etree.tostring(el, method="c14n")


@dataclass(frozen=True)
class EntityMentions:
    """One line of the mentions summary: an entity named in `sources` sources; `shown` are the first
    MENTION_SOURCES of them in reading order, as (siglum, title, how many name elements point at it).
    It holds only what a page shows, so a page's key changes only when what it shows does."""

    sources: int
    shown: tuple[tuple[str, str, int], ...]

    def element(self, ident: str) -> etree._Element:
        el = etree.Element("entity", id=ident, sources=str(self.sources))
        for siglum, title, n in self.shown:
            etree.SubElement(el, "source", siglum=siglum, title=title, count=str(n))
        return el


def ordered_sources(paths: Paths, params: Mapping[str, str]) -> list[Path]:
    """The source files source.xsl's pe:sources() reads: the sigla of the build, those that exist."""
    found = [paths.tei / "sources" / f"{s}.xml" for s in params.get("sigla", "").split()]
    return [f for f in found if f.is_file()]


def _name_counts(tree: etree._ElementTree) -> Counter[str]:
    """How many name elements (persName, placeName, orgName, anywhere) point at each id: an
    element counts once however often its @ref names the id (as key() in source.xsl)."""
    counts: Counter[str] = Counter()
    for el in tree.iter(*(f"{{{NS['tei']}}}{n}" for n in NAME_ELEMENTS)):
        ref = el.get("ref")
        if ref:
            counts.update({_ref_id(token) for token in ref.split()})
    return counts


def _ref_id(ref: str) -> str:
    """pe:ref-id(): 'per:yezhov' -> 'per-yezhov', '#x' and 'file.xml#x' -> 'x', anything else ''."""
    if ref.startswith("#"):
        return ref[1:]
    head, sep, tail = ref.partition(":")
    if sep and head.isascii() and head.isalpha() and head.islower() and tail[:1] not in ("", "/"):
        return f"{head}-{tail}"
    return ref.partition("#")[2]


def mention_summary(sources: Iterable[Path]) -> dict[str, EntityMentions]:
    """Every id named in `sources` (in reading order) -> its line of the mentions summary."""
    naming: Counter[str] = Counter()
    shown: dict[str, list[tuple[str, str, int]]] = {}
    for source in sources:
        tree = _parse(source)
        siglum = tree.getroot().get(XML_ID, "")
        title = str(tree.xpath("normalize-space((//tei:sourceDesc/tei:bibl/tei:title)[1])", namespaces=NS))
        for ident, n in sorted(_name_counts(tree).items()):
            naming[ident] += 1
            listed = shown.setdefault(ident, [])
            if len(listed) < MENTION_SOURCES:
                listed.append((siglum, title, n))
    return {ident: EntityMentions(n, tuple(shown[ident])) for ident, n in sorted(naming.items())}


def write_mentions(summary: Mapping[str, EntityMentions], path: Path) -> Path:
    """The summary as the XML document source.xsl reads (parameter ``mentions``)."""
    root = etree.Element("mentions")
    for ident, line in summary.items():
        root.append(line.element(ident))
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return path


def reading_page_keys(paths: Paths, sources: Iterable[Path], params: Mapping[str, str],
                      summary: Mapping[str, EntityMentions] | None = None) -> dict[Path, str]:
    """The key of the reading page of each source (see the module's docstring for what it covers)."""
    from saxonche import PySaxonProcessor  # noqa: F401  (its version is part of the key)
    from importlib import metadata

    sources = sorted(sources)
    if summary is None:
        summary = mention_summary(ordered_sources(paths, params))
    # one source parsed at a time: the collection's trees are never all in memory together
    header_parts: list[bytes] = []
    refs_of: dict[Path, set[str]] = {}
    for source in sources:
        tree = _parse(source)
        header_parts += [_c14n(el) for el in tree.xpath("/tei:TEI/tei:teiHeader/tei:fileDesc", namespaces=NS)]
        # every entry any @ref of the source points at (names, but also whatever else links to one)
        refs_of[source] = {t.replace(":", "-", 1) for ref in tree.xpath("//@ref") for t in ref.split() if ":" in t}
        refs_of[source] |= set(_name_counts(tree))
    headers = b"".join(header_parts)
    shared = _sha(folder_digest(paths.xslt), metadata.version("saxonche").encode(),
                  json.dumps(dict(params), sort_keys=True).encode(), _read(paths.tei / "claims.xml"),
                  _read(paths.tei / "bibliography.xml"), headers).encode()
    entries: dict[str, bytes] = {}
    for index in sorted((paths.tei / "indexes").glob("*.xml")):
        for el in _parse(index).iter():
            if isinstance(el.tag, str) and (ident := el.get(XML_ID)) and el.getparent() is not None:
                entries.setdefault(ident, _c14n(el))
    keys: dict[Path, str] = {}
    for source in sources:
        named = sorted(i for i in refs_of[source] if i in entries)
        per_entry = [ident.encode() + entries[ident] + _c14n(summary[ident].element(ident))
                     if ident in summary else ident.encode() + entries[ident] for ident in named]
        keys[source] = _sha(shared, source.read_bytes(), *per_entry)
    return keys


# ------------------------------------------------------------------ running the transforms

@dataclass(frozen=True)
class Job:
    source: Path
    output: Path  # absolute path in the new site
    rel: str  # output path under the site (the manifest's key)


def run_jobs(saxon: Saxon, sheet: Path, jobs: list[Job], base_output: Path, params: Mapping[str, str],
             workers: int, tick: Callable[[str], None]) -> None:
    """Transform every job's source into its output, in this process or in `workers` processes."""
    if workers <= 1 or len(jobs) < max(2, PARALLEL_MIN):
        for job in jobs:
            saxon.transform(sheet, source=job.source, output=job.output, base_output=base_output, params=params)
            tick(job.source.stem)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
        tasks = [(str(sheet), str(j.source), str(j.output), str(base_output), dict(params)) for j in jobs]
        for job, failure in zip(jobs, pool.map(_worker_transform, tasks, chunksize=max(1, len(jobs) // (8 * workers)))):
            if failure is not None:
                pool.shutdown(cancel_futures=True)
                raise XsltError(Path(failure[0]), failure[1], Path(failure[2]))
            tick(job.source.stem)


_WORKER_SAXON: Saxon | None = None


def _worker_transform(task: tuple[str, str, str, str, dict[str, str]]) -> tuple[str, str, str] | None:
    """One transform in a worker process; a failure comes back as (stylesheet, message, source)."""
    global _WORKER_SAXON
    sheet, source, output, base_output, params = task
    if _WORKER_SAXON is None:
        _WORKER_SAXON = Saxon()
    try:
        _WORKER_SAXON.transform(Path(sheet), source=Path(source), output=Path(output),
                                base_output=Path(base_output), params=params)
    except XsltError as exc:
        return str(exc.stylesheet), exc.message, source
    return None


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
