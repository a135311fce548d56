"""Static full-text search: the build stage that runs Pagefind over the finished site.

Pagefind reads every HTML page of the site, indexes the text inside ``data-pagefind-body``
(the ``<main>`` of every page but the search page itself, see xslt/modules/layout.xsl) and
the filters the stylesheets mark with ``data-pagefind-filter`` (Source, Genre, Entity type,
Page type), and writes a static bundle to ``pagefind/`` inside the site: the index
fragments, the WebAssembly search engine and its own search interface
(``pagefind-ui.js``/``.css``), which ``search.html`` loads. Nothing is fetched from outside
the site at build time or when searching.

Variant spellings are found because they are text of the indexed pages: every index entry
page and every reading page's entity list print the entry's other forms ("Also written:
Ezhov; Nikolai Ezhov"), so a search for "Ezhov" finds Yezhov's entry.

The binary comes from the ``pagefind[extended]`` package (``pagefind_bin_extended``);
``index_site`` runs it as a subprocess and turns failures into ``SearchError``.
"""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

BUNDLE = "pagefind"  # the bundle's folder inside the site
PAGE_GLOB = "**/*.html"
# Pagefind is stopped after TIMEOUT seconds and TIMEOUT_PER_PAGE more for every page (it reads
# every page of a 5,000-source collection in minutes, not seconds: bench/RESULTS.md)
TIMEOUT = 300
TIMEOUT_PER_PAGE = 0.5


class SearchError(Exception):
    """Pagefind could not be found or failed; the message says why."""


@dataclass(frozen=True)
class SearchReport:
    pages: int
    words: int
    filters: int
    bundle: Path


def pagefind_binary() -> Path:
    """The Pagefind executable shipped by the pagefind[extended] package."""
    try:
        from pagefind.service import get_executable  # the package's own lookup ($PAGEFIND_BINARY_PATH first)
    except ImportError as exc:  # pragma: no cover - the dependency is declared in pyproject
        raise SearchError("the pagefind package is not installed (pip install 'pagefind[extended]')") from exc
    found = get_executable()
    if found is None or not Path(found).is_file():
        raise SearchError("no Pagefind executable (install 'pagefind[extended]' or set PAGEFIND_BINARY_PATH)")
    return Path(found).resolve()


def pagefind_version() -> str:
    """The version of the pagefind package (the search bundle's format and the binary)."""
    from importlib import metadata

    try:
        return metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        return ""


def parse_summary(log: str) -> tuple[int, int, int]:
    """Pages, words and filters from Pagefind's summary ("Indexed 422 pages" …, the totals)."""
    def last(what: str) -> int:
        found = re.findall(rf"Indexed (\d+) {what}", log)
        return int(found[-1]) if found else 0

    return last("pages?"), last("words?"), last("filters?")


def index_site(site: Path, binary: Path | None = None) -> SearchReport:
    """Index every page of the built site into `site/pagefind/`. Raises SearchError."""
    if not site.is_dir():
        raise SearchError(f"no site to index at {site}")
    exe = binary or pagefind_binary()
    cmd = [str(exe), "--site", str(site), "--output-subdir", BUNDLE, "--glob", PAGE_GLOB]
    timeout = TIMEOUT + TIMEOUT_PER_PAGE * sum(1 for _ in site.glob(PAGE_GLOB))
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchError(f"Pagefind could not run: {exc}") from exc
    log = done.stdout + done.stderr
    if done.returncode != 0:
        tail = "\n".join(log.strip().splitlines()[-10:])
        raise SearchError(f"Pagefind failed (exit {done.returncode}):\n{tail}")
    pages, words, filters = parse_summary(log)
    if pages == 0:
        raise SearchError("Pagefind indexed no pages (is data-pagefind-body on the pages' <main>?)")
    return SearchReport(pages, words, filters, site / BUNDLE)
