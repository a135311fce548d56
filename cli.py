"""Purges in Dispute: the edition's command line.

Each command parses its options, makes one call into the `teipub` package, renders the result
and sets the exit code (0 success, 1 the input is invalid or the job failed, 2 usage or I/O error).
"""
from __future__ import annotations

from pathlib import Path

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="purges-edition")
def cli() -> None:
    """Validate, build, serve, export and release the Purges in Dispute edition, and add sources to it."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="One line per problem with a hint, or JSON for machines.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--collection", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder whose *.xml (minus raw/) pointers may reach (default: tei/).")
@click.option("--max-bytes", type=click.IntRange(1), default=2 * 1024 * 1024, show_default=True,  # teipub.xmlinput.DEFAULT_MAX_BYTES
              help="Refuse files larger than this.")
def validate(paths: tuple[Path, ...], fmt: str, strict: bool, collection: Path | None, max_bytes: int) -> None:
    """Check TEI files (default: all of tei/ except tei/raw/) against the edition's rules.

    Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage or I/O error.
    """
    import json

    from teipub.edition import EditionError
    from teipub.validate import InputError, validate as run

    try:
        report = run(list(paths), collection=collection, max_bytes=max_bytes, strict=strict)
    except (InputError, EditionError) as exc:  # EditionError: the rules need tei/edition.xml
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(2) from exc
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        for problem in report.problems:
            click.echo(problem.render())
        click.echo(report.summary())
    raise SystemExit(0 if report.ok else 1)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown",
              help="A Markdown table (as in the README) or JSON.")
def stats(fmt: str) -> None:
    """Count the tagged entities, dates, numbers, corrections and artefacts in each source."""
    import json

    from teipub.stats import collect, markdown_table

    from lxml import etree

    try:
        result = collect()
    except (OSError, etree.XMLSyntaxError) as exc:
        click.echo(f"error: cannot read the collection: {exc}", err=True)
        raise SystemExit(2) from exc
    click.echo(json.dumps(result.as_dict(), indent=2) if fmt == "json" else markdown_table(result))


@cli.command()
@click.option("--base-url", "base_url", default="", metavar="URL",
              help="Absolute URL the site will be published at (ending in /), for citations; default none.")
@click.option("--no-validate", is_flag=True, help="Skip the validator (the build still stops on bad XML).")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar (default: on a terminal, off when CI is set).")
@click.option("--timings", is_flag=True, help="Also print the seconds each stage took.")
@click.option("--tei", "tei_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="The collection to build (default: tei/).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder that receives the site as OUT/site (default: edition/).")
@click.option("--jobs", type=click.IntRange(1, 64), default=None,
              help="Worker processes for the reading pages (default: one per CPU).")
@click.option("--full", is_flag=True, help="Transform every page again (default: copy unchanged pages).")
def build(base_url: str, no_validate: bool, progress: bool | None, timings: bool,
          tei_dir: Path | None, out_dir: Path | None, jobs: int | None, full: bool) -> None:
    """Build the reading edition into edition/site (atomically: a failed build keeps the old site).

    Exit status: 0 built, 1 validation or transformation failed.
    """
    import os
    import sys

    from teipub.build import BuildError, build as run
    from teipub.edition import EditionError
    from teipub.project import Paths
    from teipub.saxon import XsltError

    if progress is None:
        progress = sys.stderr.isatty() and not os.environ.get("CI")
    paths = (Paths(tei_dir=tei_dir.resolve() if tei_dir else None, edition_dir=out_dir.resolve() if out_dir else None)
             if tei_dir or out_dir else None)
    try:
        report = run(paths, progress=progress, validate=not no_validate, base_url=base_url,
                     incremental=not full, jobs=jobs)
    except (BuildError, XsltError, EditionError) as exc:
        click.echo(f"build failed: {exc}", err=True)
        raise SystemExit(1) from exc
    if timings:
        for name, seconds in report.timings.items():
            click.echo(f"  {name:<12} {seconds:6.2f}s")
    reused = (f" ({report.reused} unchanged pages copied, {len(report.rebuilt)} transformations run)"
              if report.reused else "")
    click.echo(f"{report.pages} pages, {report.files} files written to {report.site}{reused} "
               f"in {report.seconds:.1f}s; stages: {', '.join(report.stages)}")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--site", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The built edition to serve at / (default: edition/site).")
@click.option("--index", "index_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The record index for /oai and /dts (default: edition/site/.records.sqlite, written by build).")
@click.option("--repository-name", envvar="OAI_REPOSITORY_NAME", show_envvar=True, default=None,
              help="OAI-PMH repositoryName (default: '{title}: a TEI edition', the title of tei/edition.xml).")
@click.option("--admin-email", envvar="OAI_ADMIN_EMAIL", show_envvar=True, multiple=True,
              help="OAI-PMH adminEmail (repeatable; in the variable, separate with spaces; "
                   "default: editors@ the host of the base URL of tei/edition.xml).")
@click.option("--oai-namespace", envvar="OAI_NAMESPACE", show_envvar=True, default=None,
              help="Repository identifier (a domain name) in oai:{namespace}:{id} "
                   "(default: the host of the base URL of tei/edition.xml).")
@click.option("--page-size", envvar="OAI_PAGE_SIZE", show_envvar=True, type=click.IntRange(1, 10000), default=50,
              show_default=True, help="Records or headers per ListRecords/ListIdentifiers response.")
@click.option("--token-ttl", envvar="OAI_TOKEN_TTL", show_envvar=True, type=click.IntRange(1), default=3600,
              show_default=True, help="Seconds a resumption token stays valid.")
@click.option("--token-secret", envvar="OAI_TOKEN_SECRET", show_envvar=True, default=None,
              help="Key that signs resumption tokens (at least 16 bytes; default: random per start).")
@click.option("--base-url", envvar="OAI_BASE_URL", show_envvar=True, default="",
              help="Public URL of the server, used in baseURL and DTS ids (default: from each request).")
@click.option("--get", "get_path", default=None, metavar="PATH",
              help="Answer one GET request for PATH (e.g. '/oai?verb=Identify') in-process, print it, exit.")
def serve(host: str, port: int, site: Path | None, index_path: Path | None, repository_name: str | None,
          admin_email: tuple[str, ...], oai_namespace: str | None, page_size: int, token_ttl: int,
          token_secret: str | None, base_url: str, get_path: str | None) -> None:
    """Serve the built edition at /, OAI-PMH at /oai and DTS at /dts/ with waitress."""
    from urllib.parse import urlsplit

    from teipub.edition import EditionError, load_edition
    from teipub.oai import RepositoryConfig
    from teipub.project import PATHS
    from teipub.record_index import RecordError
    from teipub.server import ServerSettings, make_app, request_once, serve as run

    try:
        edition = load_edition(PATHS.tei)
    except EditionError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(2) from exc
    domain = urlsplit(edition.base_url).hostname or ""
    repository_name = repository_name or f"{edition.title}: a TEI edition"
    oai_namespace = oai_namespace or domain
    emails = tuple(e for value in admin_email for e in value.split()) or (f"editors@{domain}",)
    repo = RepositoryConfig(repository_name, emails, oai_namespace, page_size)
    problems = repo.problems()
    if token_secret is not None and len(token_secret.encode()) < 16:
        problems.append("the token secret must be at least 16 bytes")
    if problems:
        raise click.UsageError("; ".join(problems))
    settings = ServerSettings(site or PATHS.site, index_path or PATHS.record_index, repo,
                              token_secret.encode() if token_secret else None, token_ttl, base_url)
    if not settings.site.is_dir():
        click.echo(f"error: no built edition at {settings.site}; run `python cli.py build` first", err=True)
        raise SystemExit(1)
    if not settings.index.is_file():
        click.echo(f"error: no record index at {settings.index}; run `python cli.py build` first", err=True)
        raise SystemExit(1)
    try:
        app = make_app(settings)
    except RecordError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(1) from exc
    if get_path is not None:
        status, headers, body = request_once(app, get_path)
        click.echo(f"{status}\n" + "".join(f"{k}: {v}\n" for k, v in headers))
        click.echo(body.decode("utf-8", errors="replace"))
        raise SystemExit(0 if int(status.split()[0]) < 400 else 1)
    click.echo(f"Serving {settings.site} on http://{host}:{port}/ (OAI-PMH at /oai, DTS at /dts/)")
    try:
        run(app, host, port)
    except OSError as exc:
        click.echo(f"error: cannot listen on {host}:{port}: {exc}", err=True)
        raise SystemExit(2) from exc


@cli.command("new-source")
@click.argument("raw", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--siglum", required=True, help="The new source's siglum: its file name and the prefix of its ids.")
@click.option("--title", required=True, help="Its short title: the original's title.")
@click.option("--genre", default=None, help="A genre of tei/edition.xml (needed when the edition has several).")
@click.option("--tei", "tei_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="The collection to add it to (default: tei/).")
def new_source(raw: Path, siglum: str, title: str, genre: str | None, tei_dir: Path | None) -> None:
    """Add a source from the plain text RAW: its TEI file, its raw copy, its entry in tei/edition.xml.

    Exit status: 0 added, 1 refused (nothing changed), 2 a file cannot be read or written.
    """
    import datetime

    from teipub.project import PATHS
    from teipub.scaffold import Refusal, new_source as run

    folder = tei_dir or PATHS.tei
    result = run(folder, raw, siglum, title, genre, datetime.date.today().isoformat())
    if isinstance(result, Refusal):
        click.echo(f"error: {result.reason}; nothing was changed", err=True)
        raise SystemExit(2 if result.io else 1)
    click.echo(f"added {siglum}: {folder / 'sources' / (siglum + '.xml')} ({result.paragraphs} paragraphs, "
               f"header to complete where it says TO COMPLETE), {folder / 'raw' / raw.name}, and its entry "
               f"in {folder / 'edition.xml'}")


@cli.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Directory for claims.csv and claims.json (default: build/exports/).")
@click.option("--register", "register", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The claims register to export (default: tei/claims.xml).")
@click.option("--reconcile", is_flag=True,
              help="Instead: the index entries as reconcile-{persons,places,organisations}.csv for OpenRefine.")
def export(out_dir: Path | None, register: Path | None, reconcile: bool) -> None:
    """Export the claims register as CSV and JSON, one row per reading (or, with --reconcile, the
    index entries for Wikidata reconciliation).

    Exit status: 0 written, 1 the register cannot be read, 2 the files cannot be written.
    """
    from teipub.claims import RegisterError
    from teipub.export import DEFAULT_OUT, REGISTER, ExportError, export as run

    if reconcile:
        _export_reconcile(out_dir or DEFAULT_OUT)
        return
    try:
        result = run(register or REGISTER, out_dir or DEFAULT_OUT)
    except RegisterError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(1) from exc
    except ExportError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(2) from exc
    click.echo(f"{result.rows} readings of {result.claims} claims written to {result.csv_path} and {result.json_path}")


def _export_reconcile(out_dir: Path) -> None:
    from teipub.authorities import AuthorityError, write_reconcile
    from teipub.project import PATHS

    try:
        written = write_reconcile(PATHS, out_dir)
    except AuthorityError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(1) from exc
    except OSError as exc:
        click.echo(f"error: {out_dir}: cannot write the exports ({exc.strerror or exc})", err=True)
        raise SystemExit(2) from exc
    click.echo("written for reconciliation: " + ", ".join(str(p) for p in written))


@cli.command("import-authorities")
@click.argument("csv_file", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--tei", "tei_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="The collection whose indexes receive the ids (default: tei/).")
def import_authorities(csv_file: Path, tei_dir: Path | None) -> None:
    """Merge reviewed Wikidata ids from FILE (export --reconcile, filled in) into the indexes,
    with their evidence in tei/indexes/authority-evidence.csv.

    Exit status: 0 merged, 1 refused (every reason listed, nothing changed), 2 FILE cannot be read.
    """
    from teipub.authorities import AuthorityError, import_authorities as run
    from teipub.project import PATHS

    if not csv_file.is_file():
        click.echo(f"error: {csv_file}: no such file", err=True)
        raise SystemExit(2)
    try:
        result = run(tei_dir or PATHS.tei, csv_file)
    except AuthorityError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        click.echo(f"{len(exc.problems)} problem(s); nothing was changed", err=True)
        raise SystemExit(1) from exc
    except OSError as exc:
        click.echo(f"error: {csv_file}: cannot be read ({exc.strerror or exc})", err=True)
        raise SystemExit(2) from exc
    changed = f"; changed {', '.join(result.files)}" if result.files else "; nothing to change"
    click.echo(f"{result.added} id(s) added, {result.unchanged} already there ({result.evidenced} with evidence "
               f"newly recorded), {result.skipped} row(s) without an id" + changed)


@cli.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder that receives the bag purges-in-dispute-VERSION/ (default: build/releases/).")
@click.option("--verify", "verify_bag", type=click.Path(file_okay=False, path_type=Path), default=None,
              metavar="BAG", help="Instead: check the bag BAG (fixity and completeness).")
@click.option("--site", "site_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Take this built site instead of building one (it must be built with the version's --base-url).")
@click.option("--jobs", type=click.IntRange(1, 64), default=None, help="Worker processes for the build.")
@click.option("--publish", "web_root", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="ROOT",
              help="With --verify: then put the bag's site at ROOT/versions/VERSION/, with its search index.")
def release(out_dir: Path | None, verify_bag: Path | None, site_dir: Path | None, jobs: int | None,
            web_root: Path | None) -> None:
    """Write this version of the edition as a BagIt bag (TEI, schema, raw witnesses, site, exports,
    RO-Crate, CITATION.cff, DataCite metadata), or check one with --verify.

    Exit status: 0 written (or intact), 1 refused or failed, nothing written (or the bag is damaged:
    each damaged, missing or extra file is named).
    """
    import time

    from teipub.project import PATHS
    from teipub.release import ReleaseError, publish, release as run, verify

    if web_root is not None and verify_bag is None:
        raise click.UsageError("--publish needs --verify BAG: only a checked bag is published")
    if verify_bag is not None:
        started = time.perf_counter()
        damage = verify(verify_bag)
        for d in damage:
            click.echo(d.render(), err=True)
        if damage:
            click.echo(f"{verify_bag}: NOT valid: {len(damage)} problem(s)", err=True)
            raise SystemExit(1)
        click.echo(f"{verify_bag}: valid (every file present, every sha256 and sha512 checksum right) "
                   f"in {time.perf_counter() - started:.1f}s")
        if web_root is not None:
            try:
                click.echo(f"published at {publish(verify_bag, web_root)}")
            except ReleaseError as exc:
                click.echo(f"not published: {exc}", err=True)
                raise SystemExit(1) from exc
        return
    try:
        report = run(out_dir or PATHS.root / "build" / "releases", site=site_dir.resolve() if site_dir else None,
                     jobs=jobs)
    except ReleaseError as exc:
        click.echo(f"release failed, nothing written: {exc}", err=True)
        raise SystemExit(1) from exc
    click.echo(f"version {report.version} ({report.date}, commit {report.commit}): {report.bag}, "
               f"{report.files} payload files, {report.bytes / 1e6:.1f} MB, in {report.seconds:.1f}s")


if __name__ == "__main__":
    import gc

    try:
        cli()
    finally:
        # the process ends here: the collector's passes at shutdown need not walk every object
        # the command made (the edition's validate: 15 ms of its 0.26 s)
        gc.freeze()
