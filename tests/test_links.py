"""No broken internal link or anchor anywhere in the built site, and nothing loaded from
outside it.

Every page is parsed with lxml.html; every href and src is resolved against the page's own
location inside the site: the file it names must exist (a folder means its index.html), and a
#fragment must be an id (or an a/@name) on the target page. Links out of the site (Wikidata,
licences, works cited) are only links; what a page loads (scripts, styles, images, frames)
must come from the site itself. ID references inside a page (label/@for, aria-labelledby,
aria-describedby, the note signs' data-note) must point at an element of that page.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest

EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "urn", "doi", "data"}  # data: the "cite" downloads
SERVER_ROUTES = ("/oai", "/dts")  # answered by teipub.server, not files of the site
LOADED = ("//script[@src] | //link[contains(concat(' ', @rel, ' '), ' stylesheet ')"
          " or contains(concat(' ', @rel, ' '), ' icon ')] | //img | //iframe | //source | //video"
          " | //audio | //embed | //object")


@lru_cache(maxsize=None)
def parse(path: Path):
    return lxml.html.parse(str(path)).getroot()


@lru_cache(maxsize=None)
def ids_of(path: Path) -> frozenset[str]:
    root = parse(path)
    return frozenset(root.xpath("//@id") + root.xpath("//a/@name"))


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def check_reference(site: Path, page: Path, url: str) -> str | None:
    """None if `url` (as written on `page`) works inside the site, else what is wrong."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None if parts.scheme in EXTERNAL_SCHEMES else f"unexpected scheme in {url!r}"
    if parts.path.startswith(SERVER_ROUTES):
        return None
    if parts.path.startswith("/"):
        target = site / unquote(parts.path).lstrip("/")
    elif parts.path:
        target = page.parent / unquote(parts.path)
    else:
        target = page
    try:
        resolved = Path(*PurePosixPath(target.as_posix()).parts).resolve()
        resolved.relative_to(site)
    except ValueError:
        return f"{url!r} leads out of the site"
    if resolved.is_dir():
        resolved = resolved / "index.html"
    if not resolved.is_file():
        return f"{url!r}: no such file {resolved.relative_to(site)}"
    if parts.fragment and resolved.suffix == ".html":
        fragment = unquote(parts.fragment)
        if fragment not in ids_of(resolved):
            return f"{url!r}: no id {fragment!r} in {resolved.relative_to(site)}"
    return None


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site


def test_the_site_has_pages(site: Path) -> None:
    assert len(pages(site)) > 100
    assert (site / "search.html").is_file() and (site / "pagefind" / "pagefind-ui.js").is_file()


def test_no_broken_link_or_anchor(site: Path) -> None:
    broken: list[str] = []
    checked = 0
    for page in pages(site):
        root = parse(page)
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            for attr in ("href", "src", "action", "poster", "data"):
                value = el.get(attr)
                if value is None or el.tag in ("meta",) or (el.tag == "object" and attr != "data"):
                    continue
                checked += 1
                if (problem := check_reference(site, page, value.strip())) is not None:
                    broken.append(f"{page.relative_to(site)} <{el.tag} {attr}>: {problem[:300]}")
    assert checked > 10_000, f"only {checked} references checked"
    assert not broken, f"{len(broken)} broken references:\n" + "\n".join(broken[:40])


def test_nothing_is_loaded_from_outside(site: Path) -> None:
    outside: list[str] = []
    for page in pages(site):
        for el in parse(page).xpath(LOADED):
            url = el.get("src") or el.get("href") or el.get("data") or ""
            if urlsplit(url).scheme or url.startswith("//"):
                outside.append(f"{page.relative_to(site)}: <{el.tag}> {url}")
    assert not outside, "\n".join(outside[:20])


def test_id_references_within_pages(site: Path) -> None:
    dangling: list[str] = []
    for page in pages(site):
        root, ids = parse(page), ids_of(page)
        refs = [(f"label for={v}", v) for v in root.xpath("//label/@for")]
        for attr in ("aria-labelledby", "aria-describedby", "data-note"):
            refs += [(f"{attr}={v}", ref) for v in root.xpath(f"//@{attr}") for ref in v.split()]
        dangling += [f"{page.relative_to(site)}: {what}" for what, ref in refs if ref not in ids]
    assert not dangling, f"{len(dangling)} dangling id references:\n" + "\n".join(dangling[:40])


def test_ids_are_unique(site: Path) -> None:
    doubled: list[str] = []
    for page in pages(site):
        seen: set[str] = set()
        for value in parse(page).xpath("//@id"):
            if value in seen:
                doubled.append(f"{page.relative_to(site)}: {value}")
            seen.add(value)
    assert not doubled, "\n".join(doubled[:40])


def test_the_checker_finds_a_broken_anchor(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text('<p id="here"><a href="b.html#gone">x</a></p>', encoding="utf-8")
    (tmp_path / "b.html").write_text('<p id="there">y</p>', encoding="utf-8")
    page = tmp_path / "a.html"
    assert check_reference(tmp_path, page, "b.html#there") is None
    assert check_reference(tmp_path, page, "#here") is None
    assert "no id 'gone'" in check_reference(tmp_path, page, "b.html#gone")
    assert "no such file" in check_reference(tmp_path, page, "c.html")
    assert "out of the site" in check_reference(tmp_path, page, "../../etc/passwd")
    assert check_reference(tmp_path, page, "https://www.wikidata.org/wiki/Q1") is None
