"""The build under faults: `cli.py build` in a subprocess, killed with SIGKILL at random points,
never leaves a half-built site behind `site`; a failing source fails the build naming the file
and publishes nothing; the leftovers of killed builds are never served and the next build
removes them.

Already covered in test_build.py (in-process): a failing stylesheet, source or Python stage
keeps the previous site; validation errors stop the build before anything is written.
"""
from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from teipub.project import ROOT
from teipub.server import App, request_once

FIXTURES = ROOT / "tests" / "fixtures" / "reading" / "tei"
KILLS = 6


def cli_build(tei: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "build", "--no-validate", "--no-progress",
                             "--tei", str(tei), "--out", str(out), *extra],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def snapshot(site: Path) -> dict[str, str]:
    """Every file of a site and its hash (Pagefind's own fragments aside: their names vary)."""
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def pages(snap: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in snap.items() if not k.startswith("pagefind/")}


def whole(site: Path, snap: dict[str, str]) -> None:
    """The site is complete: every file the build writes is there (Pagefind's entry included)."""
    assert (site / "index.html").is_file() and (site / "pagefind" / "pagefind-entry.json").is_file()
    assert (site / "sources" / "sample.html").is_file()
    assert not [k for k in snap if k.endswith(".tmp")]


def served(site_link: Path, path: str = "/sources/sample.html") -> bytes:
    status, _, body = request_once(App(site_link, None, None), path)
    assert status.startswith("200"), (path, status)
    return body


@pytest.fixture()
def collection(tmp_path: Path) -> tuple[Path, Path]:
    tei = tmp_path / "tei"
    shutil.copytree(FIXTURES, tei)
    out = tmp_path / "out"
    proc = cli_build(tei, out)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    return tei, out


def edit_source(tei: Path, n: int) -> None:
    source = tei / "sources" / "sample.xml"
    text = source.read_text(encoding="utf-8")
    marker = "Front matter line"
    start = text.index(marker)
    end = text.index("</p>", start)
    source.write_text(text[:start] + f"{marker} (revision {n})" + text[end:], encoding="utf-8")


def test_a_build_killed_at_random_points_leaves_a_whole_site_served(collection) -> None:
    tei, out = collection
    link = out / "site"
    rng = random.Random(20261123)
    started = time.perf_counter()
    proc = cli_build(tei, out, "--full")
    proc.communicate(timeout=120)
    duration = time.perf_counter() - started  # one full build, start-up included
    killed_before_publish = 0
    for n in range(KILLS):
        before = snapshot(link.resolve())
        edit_source(tei, n)
        proc = cli_build(tei, out, "--full")
        time.sleep(rng.uniform(0.05, duration * 0.95))
        finished = proc.poll() is not None
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        after = snapshot(link.resolve())
        whole(link.resolve(), after)
        page = served(link)
        if pages(after) == pages(before):
            assert after == before  # the old edition, untouched, Pagefind's files included
            assert f"(revision {n})".encode() not in page
            killed_before_publish += not finished
        else:  # the kill came after the atomic switch: the new edition, complete
            assert f"(revision {n})".encode() in page
    assert killed_before_publish >= 2, "the random delays never interrupted a build"


def test_leftovers_of_killed_builds_are_never_served_and_the_next_build_removes_them(collection) -> None:
    tei, out = collection
    link = out / "site"
    edit_source(tei, 99)
    proc = cli_build(tei, out, "--full")
    deadline = time.monotonic() + 60
    while not list(out.glob(".build-tmp-*")) and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)  # let it write a few pages
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    leftovers = list(out.glob(".build-tmp-*"))
    assert leftovers, "the build was not caught in the middle"
    app = App(link, None, None)
    for left in leftovers:
        for probe in (f"/../{left.name}/index.html", f"/{left.name}/index.html", "/%2e%2e/" + left.name + "/"):
            status, _, body = request_once(app, probe)
            assert status.split()[0] in ("400", "404"), probe
    assert b"(revision 99)" not in served(link)
    proc = cli_build(tei, out)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    assert not list(out.glob(".build-tmp-*"))
    assert [p.name for p in out.iterdir() if p.name.startswith(".site-")] == [link.resolve().name]
    assert b"(revision 99)" in served(link)


def test_a_killed_build_does_not_block_the_next_one(collection) -> None:
    """The build lock is an flock: it dies with the process that held it."""
    tei, out = collection
    proc = cli_build(tei, out, "--full")
    time.sleep(0.5)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    started = time.perf_counter()
    proc = cli_build(tei, out)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    assert time.perf_counter() - started < 60


def test_a_failing_source_fails_the_build_naming_it_and_publishes_nothing(collection) -> None:
    tei, out = collection
    link = out / "site"
    before = snapshot(link.resolve())
    target = link.resolve()
    (tei / "sources" / "broken.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="broken"><text><body><p>unclosed</body></text></TEI>',
        encoding="utf-8")
    edit_source(tei, 7)
    proc = cli_build(tei, out)
    stdout, stderr = proc.communicate(timeout=120)
    message = (stdout + stderr).decode()
    assert proc.returncode == 1, message
    assert "build failed" in message and "broken.xml" in message and "Traceback" not in message
    assert link.resolve() == target and snapshot(target) == before
    assert not list(out.glob(".build-tmp-*"))
    assert b"(revision 7)" not in served(link)


def test_the_edition_folder_holds_nothing_half_written_after_kills(collection) -> None:
    """Whatever a kill leaves, `site` is a link to a complete build folder, never a folder being written."""
    tei, out = collection
    for delay in (0.2, 0.6, 1.0):
        proc = cli_build(tei, out, "--full")
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        link = out / "site"
        assert link.is_symlink() and not os.readlink(link).startswith(".build-tmp-")
        whole(link.resolve(), snapshot(link.resolve()))
