"""Shared session fixtures: the built edition and a server for it.

`built_site` builds the whole edition once per test session with the project's own build
(teipub.build, every stage, the search index included) into a temporary edition folder, so
tests never touch the edition/site a reader may be serving. Set EDITION_TEST_SITE to an
already built site (for example edition/site) to test that instead, without building.

`site_url` serves that site with the project's WSGI app (teipub.server) under waitress on
127.0.0.1, on a free port, in a background thread, and yields its base URL ("http://…/").
"""
from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # the tests' helper modules

from teipub.project import PATHS, RECORD_INDEX_NAME, Paths  # noqa: E402


@dataclass(frozen=True)
class _ScratchPaths(Paths):
    """The project's paths, with the edition folder (assets copied in, site out) elsewhere."""

    scratch: Path | None = None

    @property
    def edition(self) -> Path:
        assert self.scratch is not None
        return self.scratch


def scratch_paths(scratch: Path) -> Paths:
    """The project's paths with the built site going to `scratch` (never edition/site)."""
    if "edition_dir" in {f.name for f in fields(Paths)}:
        paths = Paths(root=PATHS.root, edition_dir=scratch)  # type: ignore[call-arg]
    else:
        paths = _ScratchPaths(root=PATHS.root, scratch=scratch)
    assert paths.edition == scratch
    return paths


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The root folder of a complete build of the edition (real folder, symlinks resolved)."""
    given = os.environ.get("EDITION_TEST_SITE")
    if given:
        site = Path(given).resolve()
        if not (site / "index.html").is_file():
            pytest.fail(f"EDITION_TEST_SITE={given} is not a built edition (no index.html)")
        return site
    from teipub.build import build

    scratch = tmp_path_factory.mktemp("edition")
    shutil.copytree(PATHS.edition / "assets", scratch / "assets")
    report = build(scratch_paths(scratch), progress=False, validate=False)
    assert report.site.resolve().is_relative_to(scratch.resolve())
    return report.site.resolve()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL of the built edition served by teipub.server under waitress on loopback."""
    from oai_support import running  # the one waitress-on-loopback helper of the tests
    from teipub.server import ServerSettings, make_app

    app = make_app(ServerSettings(built_site, built_site / RECORD_INDEX_NAME))
    with running(app) as url:
        yield url + "/"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    from browser_support import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).is_file():
        pytest.fail(f"no Chromium at {CHROMIUM}: run `make browser-deps` (or set CHROMIUM_PATH)")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture()
def page(browser):
    """A fresh desktop-sized page in its own context (no state shared between tests)."""
    from browser_support import DESKTOP

    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(20_000)
    tab = context.new_page()
    try:
        yield tab
    finally:
        context.close()


# The tiers (`make check` leaves out site, browser and slow; `make test` runs everything). A test
# is marked by what it uses, so a new test lands in the right tier without anyone marking it.
SITE_FIXTURES = {"built_site", "site_url"}
BROWSER_FIXTURES = {"browser", "page"}
BUILD_MODULES = ("test_build",)  # whole builds of small collections: test_build*.py
SLOW_MODULES = {"test_hostile_xml", "test_fuzz", "test_server_hostile"}  # subprocesses, fuzzing, slow clients


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        module = item.path.stem
        if used & SITE_FIXTURES or module.startswith(BUILD_MODULES):
            item.add_marker(pytest.mark.site)
        if module in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """The random order's seed, at the end where it is seen even with -q (pytest-randomly)."""
    seed = getattr(config.option, "randomly_seed", None)
    if isinstance(seed, int):
        terminalreporter.write_line(f"test order: random, seed {seed} (repeat it with -p randomly --randomly-seed={seed})")
