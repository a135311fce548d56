"""Build the reading edition: named stages, run in order, into a fresh folder swapped in atomically.

The site lives in ``edition/site``, a symbolic link to a hidden build folder
(``edition/.site-…``). A build writes everything into a new hidden folder beside it
(``edition/.build-tmp-…``) and, only when every stage has succeeded, renames it and repoints the
link with one ``os.replace`` (atomic on POSIX), then deletes older build folders. Builds take a
lock (``edition/.build.lock``), so two at once run one after the other. A failed build deletes its own folder and leaves the
previous site untouched. Hand-written assets stay in ``edition/assets`` and are copied in.

Adding a stage: add a row to ``STAGES``. An ``XsltStage`` names an entry stylesheet in
``xslt/``; with ``each`` it is applied to every matching file under ``tei/`` (principal output
written to ``output`` with ``{stem}`` filled in); without, its ``xsl:initial-template`` runs
once and it writes its pages with ``xsl:result-document`` (hrefs relative to the site root)
and/or its principal output to ``output``; with ``parts``, once per part (the parameter
``part``: the indexes, whose entry pages the catalogue gives to parts that each read a bounded
number of sources; the chronology's items, a share of the sources at a time, each part's principal
output a file of the site's hidden parts folder, ``.build-parts``). A once-per-build stylesheet or
part says which sources it reads (``reads``), for its incremental key (teipub.incremental: an
unchanged one's files are copied from the previous site). A stage whose stylesheet is missing
fails the build before anything is written. A ``PyStage`` runs a Python function
(``teipub.downloads``, ``teipub.record_index`` …).
Consecutive XSLT stages run together as one wave: they read the collection and the catalogue,
never each other's pages, so their transformations (one per page, one per once-per-build
stylesheet or part) are shared among the worker processes (``teipub.parallel``, one pool for the
whole build); a stage that ``waits`` for others (it reads what their parts wrote) is handed out
as soon as they are done; a Python stage runs alone, after the wave before it has finished, or
with ``background`` in a thread beside the stages after it (the search, which reads the pages
while the downloads and records are written).

Determinism: the only date in the output is the latest ``revisionDesc/change/@when`` of the
collection; stages run in a fixed order over sorted inputs.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from teipub import catalogue as cat, collection, downloads, incremental as incr, parallel, record_index, search, sitemap
from teipub import validate as validator
from teipub.parsed import Parsed
from teipub.project import PATHS, Paths
from teipub.xmlinput import hardened_parser, xml_files
from teipub.saxon import Saxon, XsltError


# the hidden folder of the site that keeps what parts write for later stages (Context.part_file)
PARTS = ".build-parts"


class BuildError(Exception):
    """The build failed; the message names the file and the reason. The old site is intact."""


@dataclass(frozen=True)
class Context:
    """What every stage is given."""

    paths: Paths
    out: Path  # the new site folder being written
    saxon: Saxon
    params: dict[str, str]
    tick: Callable[[str], None]  # report one unit of work done (advances the progress bar)
    previous: Path | None = None  # the live site before this build (source of unchanged pages)
    old: incr.Manifest = field(default_factory=incr.Manifest)  # its page keys
    manifest: incr.Manifest = field(default_factory=incr.Manifest)  # this build's page keys
    reused: list[str] = field(default_factory=list)  # pages copied from the previous site
    workers: parallel.Workers = field(default_factory=lambda: parallel.Workers(1))  # shared by every wave
    catalogue: cat.Catalogue | None = None  # the collect stage's catalogue (teipub.catalogue)
    parsed: Parsed | None = None  # what the later stages need of the files parsed once (teipub.parsed)
    slices: dict[str, tuple[Path, str]] = field(default_factory=dict)  # file under tei/ -> (its page's slice, digest)
    collected: Path | None = None  # the folder the collect stage wrote (the catalogue, its slices, the passages)
    stylesheets: bytes = b""  # the stylesheets and Saxon (incremental.stylesheets_digest), for every key
    collection: bytes = b""  # what every unit may read besides the sources (incremental.collection_digest)
    rebuilt: list[str] = field(default_factory=list)  # the transformations run (labels of their tasks)

    def part_file(self, rel: str) -> Path:
        """A file a part writes for a later stage to read: in a hidden folder of the site (never
        served, never released), so that an unchanged part's file is copied like its pages."""
        return self.out / PARTS / rel


@dataclass(frozen=True)
class Part:
    """One transformation of a stage run in parts: its own parameters, and the file its principal
    output goes to, for a later stage to read."""

    params: Mapping[str, str]
    output: str | None = None  # under the site's hidden parts folder (Context.part_file)


@dataclass(frozen=True)
class XsltStage:
    """An entry stylesheet (path under xslt/) run once, or once per file matching `each`."""

    name: str
    stylesheet: str
    each: str | None = None  # glob under tei/, e.g. "sources/*.xml"
    output: str | None = None  # principal output under the site, "{stem}" = input file's stem
    keys: Callable[..., dict[Path, str]] | None = None  # incremental: (ctx, sources) -> key per source
    pages: bool = False  # each page is given its slice of the catalogue (parameter `catalogue`)
    # a once-per-build stylesheet run in parts, one transformation each (so that none holds the
    # whole collection; see teipub.catalogue)
    parts: Callable[[cat.Catalogue | None], list[Part]] | None = None
    # parameters of a once-per-build stylesheet besides the build's (what earlier parts wrote)
    params: Callable[[Context], dict[str, str]] | None = None
    # stages whose every transformation must be done before this stage's begin (it reads what
    # their parts wrote)
    waits: tuple[str, ...] = ()
    # the sigla of the sources a once-per-build transformation reads, given the catalogue and its
    # parameters ([] none; None, the default, every source): its incremental key covers them
    reads: Callable[[cat.Catalogue, Mapping[str, str]], Iterable[str] | None] | None = None
    # the files it reads besides the collection, the catalogue, the headers and the sources, which
    # not every stage reads (incremental.NOT_SHARED, the schema, the changelog): its key covers them
    also_reads: Callable[[Context], Iterable[Path]] | None = None

    def inputs(self, paths: Paths) -> list[Path]:
        return sorted(paths.tei.glob(self.each)) if self.each else []

    def units(self, paths: Paths, catalogue: cat.Catalogue | None = None) -> int:
        if self.parts is not None:
            return len(self.parts(catalogue))
        return max(1, len(self.inputs(paths))) if self.each else 1

    def tasks(self, ctx: Context) -> list[parallel.Task]:
        """The transformations this stage asks for; with `keys`, the pages whose inputs have not
        changed are copied from the previous site here instead, and so are the files of a
        once-per-build transformation whose key is unchanged (teipub.incremental)."""
        sheet = ctx.paths.xslt / self.stylesheet  # compiled where it runs (a worker, or this process)
        if self.each is None:
            out = ctx.out / self.output if self.output else None
            if self.parts is not None:
                runs = [(f"{self.name}#{n}", {**ctx.params, **part.params},
                         ctx.part_file(part.output) if part.output else None,
                         f"{self.name}: {part.params.get('part', '')}")
                        for n, part in enumerate(self.parts(ctx.catalogue), 1)]
            else:
                extra = self.params(ctx) if self.params is not None else {}
                runs = [(self.name, {**ctx.params, **extra}, out, self.name)]
            return [parallel.Task(self.name, sheet, None, output, params, label, self.waits, unit)
                    for unit, params, output, label in runs if not self._reused(ctx, unit, params)]
        sources = self.inputs(ctx.paths)
        if self.output is None:
            return [parallel.Task(self.name, sheet, s, None, dict(ctx.params), f"{self.name}: {s.stem}")
                    for s in sources]
        rels = {s: self.output.format(stem=s.stem) for s in sources}
        if self.keys is not None:  # pages whose inputs have not changed are copied from the previous site
            by_source = self.keys(ctx, sources)
            keys = ctx.manifest.keys[self.name] = {rels[s]: by_source[s] for s in sources}
            copied = incr.reuse(ctx.previous, ctx.old.keys.get(self.name, {}), keys, ctx.out)
            ctx.reused.extend(sorted(copied))
            for _ in copied:
                ctx.tick(f"{self.name}: unchanged")
            sources = [s for s in sources if rels[s] not in copied]
        return [parallel.Task(self.name, sheet, s, ctx.out / rels[s], {**ctx.params, **self._own_params(ctx, s)},
                              f"{self.name}: {s.stem}") for s in sources]

    def _reused(self, ctx: Context, unit: str, params: Mapping[str, str]) -> bool:
        """Key a once-per-build transformation (incremental.unit_key) and copy its files from the
        previous site when the key is unchanged; whether it was."""
        catalogue = ctx.catalogue
        read = self.reads(catalogue, params) if self.reads is not None and catalogue is not None else None
        sigla = catalogue.order if read is None and catalogue is not None else list(read or [])
        digests = [f"{s} {catalogue.facts.sources[s].digest}" for s in sigla] if catalogue is not None else []
        waited = [f"{u} {v.key}" for u, v in sorted(ctx.manifest.units.items())
                  if u.split("#")[0] in self.waits]
        extra = sorted(self.also_reads(ctx)) if self.also_reads is not None else []
        key = incr.unit_key(ctx.collection, unit, params, digests, waited, extra)
        files = incr.reuse_unit(ctx.previous, ctx.old.units.get(unit), key, ctx.out)
        ctx.manifest.units[unit] = incr.Unit(key, files or ())
        if files is None:
            return False
        ctx.reused.extend(f for f in files if f.endswith(".html"))
        ctx.tick(f"{self.name}: unchanged")
        return True

    def _own_params(self, ctx: Context, source: Path) -> dict[str, str]:
        """The parameters one page is given besides the build's: its slice of the catalogue."""
        rel = source.resolve().relative_to(ctx.paths.tei.resolve()).as_posix()
        if self.pages and rel in ctx.slices:
            return {"catalogue": ctx.slices[rel][0].resolve().as_uri()}
        return {}


@dataclass(frozen=True)
class PyStage:
    """A step written in Python: `func(ctx)` writes into ctx.out."""

    name: str
    func: Callable[[Context], None]
    # started in a thread of its own and awaited before the site is published, while the stages
    # after it run: it must read nothing they write (the search reads the pages, which the waves
    # before it have written, and the later stages write no page)
    background: bool = False

    def units(self, paths: Paths, catalogue: cat.Catalogue | None = None) -> int:
        return 1

    def run(self, ctx: Context) -> None:
        self.func(ctx)
        ctx.tick(self.name)


Stage = XsltStage | PyStage


def copy_assets(src: Path, dest: Path) -> None:
    """Copy the hand-written CSS/JS (and fonts, images) into the site."""
    if src.is_dir():
        shutil.copytree(src, dest, copy_function=shutil.copyfile)
    else:
        dest.mkdir(parents=True)


def chronology_items(catalogue: cat.Catalogue | None) -> list[Part]:
    """The chronology's items, a share of the sources at a time (`Catalogue.source_shares`), each
    share's into a file of the site's hidden parts folder; none when the collection is one share (below
    `catalogue.CHRONOLOGY_PARTS_FROM` sources: then the chronology reads the sources itself)."""
    shares = catalogue.source_shares() if catalogue is not None else []
    if len(shares) < 2:
        return []
    return [Part({"part": "items", "sigla": " ".join(share)}, f"chronology/{n}.xml")
            for n, share in enumerate(shares, 1)]


def chronology_params(ctx: Context) -> dict[str, str]:
    """The chronology's pages read the items the parts wrote, if any (parameter `items`)."""
    parts = chronology_items(ctx.catalogue)
    return {"items": " ".join(ctx.part_file(p.output).resolve().as_uri() for p in parts if p.output)} if parts else {}


SEARCH_UNIT = "search"  # the search bundle's name in the build's manifest


def index_search(ctx: Context) -> None:
    """Pagefind over every page; or, when no page differs from the previous site's, its search
    bundle copied (Pagefind has no incremental mode, and over 5,000 sources it takes minutes)."""
    key = incr.search_key(ctx.manifest, ctx.out, search.pagefind_version())
    files = incr.reuse_unit(ctx.previous, ctx.old.units.get(SEARCH_UNIT), key, ctx.out)
    if files is None:
        bundle = search.index_site(ctx.out).bundle
        files = tuple(sorted(p.relative_to(ctx.out).as_posix() for p in bundle.rglob("*") if p.is_file()))
        ctx.rebuilt.append(SEARCH_UNIT)
    ctx.manifest.units[SEARCH_UNIT] = incr.Unit(key, files)


# The build, in order.
STAGES: tuple[Stage, ...] = (
    PyStage("assets", lambda ctx: copy_assets(ctx.paths.assets, ctx.out / "assets")),
    XsltStage("sources", "source.xsl", each="sources/*.xml", output="sources/{stem}.html",
              keys=lambda ctx, sources: incr.reading_page_keys(ctx.paths, ctx.stylesheets, sources, ctx.params,
                                                               ctx.slices),
              pages=True),
    XsltStage("chronology-items", "chronology.xsl", parts=chronology_items,
              reads=lambda catalogue, params: params["sigla"].split()),
    # the home page and the edition's own pages read the sources' headers (the catalogue's copies)
    XsltStage("home", "home.xsl", output="index.html", reads=lambda catalogue, params: []),
    # ... and the guidelines and the version history show the schema's files and the changelog
    XsltStage("pages", "pages.xsl", reads=lambda catalogue, params: [],
              also_reads=lambda ctx: [*incr.files_under(ctx.paths.schema),
                                      ctx.paths.schema.resolve().parent / "CHANGELOG.md"]),
    # the claim pages read the words round each span from the catalogue's passages, and where it
    # is in its source (a paragraph's number) from the sources with spans
    XsltStage("claims", "claims.xsl", reads=lambda catalogue, params: catalogue.claim_sigla(),
              also_reads=lambda ctx: [ctx.collected / cat.PASSAGES] if ctx.collected is not None else []),
    XsltStage("indexes", "indexes.xsl", parts=lambda catalogue: [Part({"part": p}) for p in (
        catalogue.index_parts() if catalogue else [""])],
        reads=lambda catalogue, params: catalogue.part_sigla(params["part"])),
    XsltStage("chronology", "chronology.xsl", params=chronology_params, waits=("chronology-items",),
              reads=lambda catalogue, params: [] if params.get("items") else None),
    XsltStage("search-page", "search.xsl", reads=lambda catalogue, params: []),
    # Pagefind over every page above, beside the stages below, which write no page
    PyStage("search", index_search, background=True),
    PyStage("downloads", lambda ctx: downloads.write_downloads(
        ctx.paths, ctx.out / "downloads", ctx.params, cat.index_mentions(ctx.catalogue) if ctx.catalogue else None,
        ctx.parsed)),
    PyStage("records", lambda ctx: record_index.write_site_index(ctx.paths.tei, ctx.out, ctx.saxon, ctx.parsed)),  # OAI-PMH/DTS
    PyStage("sitemap", lambda ctx: sitemap.write_sitemap(ctx.out, ctx.params["site-base"], ctx.params["build-date"])),
)


@dataclass
class BuildReport:
    site: Path
    pages: int
    files: int
    seconds: float
    stages: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    reused: int = 0  # pages copied unchanged from the previous site
    rebuilt: list[str] = field(default_factory=list)  # the transformations run (reading pages, units)


def site_dir(paths: Paths | None = None) -> Path:
    """The folder the server serves: edition/site (a link to the current build)."""
    return (paths or PATHS).edition / "site"


def build_params(paths: Paths, base_url: str = "", catalogue: cat.Catalogue | None = None) -> dict[str, str]:
    """The global stylesheet parameters (see xslt/modules/params.xsl); the parameter `catalogue`
    (the catalogue's file) is added by build()."""
    try:
        meta = collection.collection_metadata(paths, catalogue)
    except collection.CollectionError as exc:
        raise BuildError(str(exc)) from None
    return {
        "tei-root": paths.tei.resolve().as_uri() + "/",
        "sigla": " ".join(collection.sigla(paths)),
        "build-date": meta.build_date,
        "edition-version": meta.version,
        "site-base": base_url,
        "schema-root": paths.schema.resolve().as_uri() + "/",
        "downloads": " ".join(downloads.download_plan(paths)),
        "edition-file": "",  # build() points it at the description without its list of sources
        "headers": "",  # build() points it at the catalogue's copies of the sources' headers
        # what params.xsl says, as the catalogue's slices were cut to it
        "apparatus-sources": str(catalogue.apparatus_sources if catalogue is not None
                                 else cat.apparatus_sources(paths.xslt / "modules" / "params.xsl")),
    }


def parse_each(tei: Path, visit: Callable[[Path, etree._Element, bytes], None]) -> None:
    """Parse every collection file once, as the validator would, and hand it to `visit` (a build
    without validation; teipub.catalogue.collect does the same for the catalogue alone)."""
    for path in xml_files(tei):
        try:
            data = path.read_bytes()
            root = etree.fromstring(data, hardened_parser())
        except (OSError, etree.XMLSyntaxError) as exc:
            raise cat.CollectError(f"{path}: {exc}") from None
        visit(path, root, data)


def validate_first(paths: Paths, visit: Callable[..., None] | None = None) -> None:
    """Run the project's validator on the collection; any error stops the build. `visit` is given
    every file the validator parses, while its tree is in memory (the collect stage)."""
    try:
        report = validator.validate(collection=paths.tei, visit=visit)
    except validator.InputError as exc:
        raise BuildError(f"validation failed, nothing built:\n{exc}") from None
    problems = [p.render() for p in report.problems if p.severity == "error"]
    if problems:
        shown = "\n".join(problems[:20])
        more = f"\n… and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise BuildError(f"validation failed, nothing built:\n{shown}{more}")


def build(
    paths: Paths | None = None,
    *,
    stages: Sequence[Stage] = STAGES,
    progress: bool = False,
    validate: bool = True,
    base_url: str = "",
    saxon: Saxon | None = None,
    incremental: bool = True,
    jobs: int | None = None,
) -> BuildReport:
    """Build the whole site into edition/site. Raises BuildError (old site intact) on failure.

    With `incremental`, reading pages whose inputs are unchanged since the live site was built are
    copied from it (teipub.incremental); the per-document transforms are shared among `jobs`
    worker processes (default: one per CPU) when there are enough of them."""
    started = time.perf_counter()
    paths = paths or PATHS
    missing = [s.stylesheet for s in stages if isinstance(s, XsltStage) and not (paths.xslt / s.stylesheet).is_file()]
    if missing:
        raise BuildError(f"stylesheet not found in {paths.xslt}: {', '.join(missing)}")
    collected = time.perf_counter()
    # the collect stage and the later stages (teipub.parsed) read the trees the validator has
    # parsed, or that the collect loop parses when there is no validation: one parse per file
    collector = cat.Collector(paths.tei)
    try:
        kept = Parsed(paths.tei, record_index.apparatus_of(paths.tei))
    except record_index.RecordError as exc:
        raise BuildError(str(exc)) from None

    def visit(path: Path, root: etree._Element, data: bytes | None = None) -> None:
        collector.add(path, root, data)
        kept.add(path, root, data)

    if validate:
        validate_first(paths, visit)
    else:
        try:
            parse_each(paths.tei, visit)
        except cat.CollectError as exc:
            raise BuildError(f"collect: {exc}") from None
    try:
        # the notes on claims list as many sources as the stylesheets being run say (params.xsl)
        catalogue = collector.catalogue(collection.sigla(paths),
                                        cat.apparatus_sources(paths.xslt / "modules" / "params.xsl"))
    except (collection.CollectionError, ValueError) as exc:
        raise BuildError(str(exc)) from None
    params = build_params(paths, base_url, catalogue)
    saxon = saxon or Saxon()
    live = site_dir(paths)
    paths.edition.mkdir(parents=True, exist_ok=True)
    with _build_lock(paths.edition), tempfile.TemporaryDirectory(
            prefix=".build-tmp-catalogue-", dir=paths.edition, ignore_cleanup_errors=True) as work:
        # the catalogue is written beside the new site (never into it) and removed after the build
        whole, slices = catalogue.write(Path(work))
        params["catalogue"] = whole.resolve().as_uri()
        params["headers"] = whole.parent.joinpath(cat.HEADERS).resolve().as_uri() + "/"
        trimmed = catalogue.write_edition(paths.tei / "edition.xml", Path(work))
        if trimmed is not None:
            params["edition-file"] = trimmed.resolve().as_uri()
        by_file = {catalogue.facts.sources[s].path: slices[s] for s in slices}
        out = paths.edition / f".build-tmp-{os.getpid()}-{time.monotonic_ns()}"
        out.mkdir()
        report = BuildReport(live, 0, 0, 0.0, [s.name for s in stages])
        report.timings["collect"] = time.perf_counter() - collected
        bar = _progress(sum(s.units(paths, catalogue) for s in stages), progress)
        previous = live.resolve() if incremental and live.is_symlink() and live.resolve().is_dir() else None
        workers = parallel.Workers(jobs or os.cpu_count() or 1)
        shared = [paths.tei / rel for rel, role in collector.files.items() if role != "source"]
        stylesheets = incr.stylesheets_digest(paths)
        ctx = Context(paths, out, saxon, params, lambda label: _tick(bar, label), previous,
                      incr.Manifest.load(previous), workers=workers, catalogue=catalogue, slices=by_file,
                      parsed=kept, collected=Path(work), stylesheets=stylesheets,
                      collection=incr.collection_digest(paths, stylesheets, shared, Path(work)))
        try:
            with workers, ThreadPoolExecutor(thread_name_prefix="build-background") as background:
                running: list[Future] = []
                for wave in _waves(stages):
                    if isinstance(wave[0], PyStage):
                        workers.close()  # the XSLT waves are done: their workers' memory is given back
                    if isinstance(wave[0], PyStage) and wave[0].background:
                        running.append(background.submit(_run_wave, wave, ctx))
                        continue
                    wave_started = time.perf_counter()
                    report.timings.update(_run_wave(wave, ctx))
                    if len(wave) > 1:
                        report.timings[f"{wave[0].name}…{wave[-1].name} (together, wall)"] = time.perf_counter() - wave_started
                for future in running:
                    report.timings.update(future.result())
            ctx.manifest.write(out)
            report.reused = len(ctx.reused)
            report.rebuilt = ctx.rebuilt
            files = [p for p in out.rglob("*") if p.is_file()]
            report.files = len(files)
            report.pages = sum(1 for p in files if p.suffix == ".html")
            _publish(out, live)
        except BaseException:
            shutil.rmtree(out, ignore_errors=True)
            raise
        finally:
            if bar is not None:
                bar.close()
    report.seconds = time.perf_counter() - started
    return report


def _waves(stages: Sequence[Stage]) -> list[list[Stage]]:
    """The stages in order, consecutive XSLT stages in one wave: they read the collection and the
    catalogue, never each other's pages, so their transformations are shared among the workers
    together (a Python stage is a wave of its own)."""
    waves: list[list[Stage]] = []
    for stage in stages:
        if waves and isinstance(stage, XsltStage) and all(isinstance(s, XsltStage) for s in waves[-1]):
            waves[-1].append(stage)
        else:
            waves.append([stage])
    return waves


def _run_wave(wave: list[Stage], ctx: Context) -> dict[str, float]:
    """Run one wave; returns the seconds of work of each stage. The errors the package knows become
    a BuildError naming the stage and the file."""
    known = (collection.CollectionError, record_index.RecordError, search.SearchError)
    name = wave[0].name
    try:
        if len(wave) == 1 and isinstance(wave[0], PyStage):
            started = time.perf_counter()
            wave[0].run(ctx)
            return {name: time.perf_counter() - started}
        tasks: list[parallel.Task] = []
        for stage in wave:
            assert isinstance(stage, XsltStage)
            name = stage.name
            tasks += stage.tasks(ctx)
        seconds = {stage.name: 0.0 for stage in wave}
        ran = parallel.run_tasks(ctx.saxon, tasks, ctx.out, ctx.workers, lambda task: ctx.tick(task.label))
        seconds.update(ran.seconds)
        ctx.rebuilt.extend(task.label for task in tasks)
        for unit, files in ran.files.items():
            ctx.manifest.units[unit] = incr.Unit(ctx.manifest.units[unit].key, files)
        return seconds
    except XsltError as exc:
        # the stage whose stylesheet failed
        name = next((s.name for s in wave if isinstance(s, XsltStage)
                     and (ctx.paths.xslt / s.stylesheet).resolve() == exc.stylesheet.resolve()), name)
        where = exc.source or exc.stylesheet
        raise BuildError(f"stage {name}: {where}: {exc.message}") from None
    except known as exc:
        raise BuildError(f"stage {name}: {exc}") from None


@contextmanager
def _build_lock(folder: Path) -> Iterator[None]:
    """One build at a time per edition folder (a second build waits for the first)."""
    with open(folder / ".build.lock", "w", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _publish(new: Path, live: Path) -> None:
    """Point `live` (a symlink) at the finished build atomically, then remove the builds it replaced."""
    final = new.with_name(".site-" + new.name.removeprefix(".build-tmp-"))
    new.rename(final)
    if live.exists() and not live.is_symlink():
        # a site from before builds were linked: move it aside once (not atomic, one time only)
        live.rename(live.with_name(f".site-old-{os.getpid()}"))
    link = live.with_name(f".site-link-{os.getpid()}")
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(final.name, target_is_directory=True)
    os.replace(link, live)
    for old in _stale_builds(live.parent, keep=final.name):
        shutil.rmtree(old, ignore_errors=True)


def _stale_builds(folder: Path, keep: str) -> Iterable[Path]:
    """Earlier builds, and the leftovers of builds that were killed (safe: we hold the lock)."""
    candidates = [*folder.glob(".site-*"), *folder.glob(".build-tmp-*")]
    return (p for p in candidates if p.name != keep and p.is_dir() and not p.is_symlink())


def _progress(total: int, enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="step", desc="build", file=sys.stderr, leave=False)


def _tick(bar, label: str) -> None:
    if bar is not None:
        bar.set_postfix_str(label, refresh=False)
        bar.update(1)
