"""sitemap.xml and robots.txt of the built edition (teipub.sitemap)."""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from teipub.sitemap import LOCAL_BASE, SITEMAP_NS, write_sitemap


def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    for rel in ("index.html", "about.html", "sources/index.html", "sources/encyc.html", "pagefind/x.html",
                ".hidden/y.html", "assets/edition.css"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x", encoding="utf-8")
    return root


def locs(root: Path) -> list[str]:
    doc = etree.parse(str(root / "sitemap.xml")).getroot()
    assert doc.tag == f"{{{SITEMAP_NS}}}urlset"
    return [u.findtext(f"{{{SITEMAP_NS}}}loc") for u in doc]


def test_every_page_is_listed_with_absolute_urls(tmp_path) -> None:
    root = site(tmp_path)
    assert write_sitemap(root, "https://edition.example.org/purges", "2026-11-23") == 4
    assert locs(root) == ["https://edition.example.org/purges/about.html", "https://edition.example.org/purges/",
                          "https://edition.example.org/purges/sources/encyc.html",
                          "https://edition.example.org/purges/sources/"]
    doc = etree.parse(str(root / "sitemap.xml")).getroot()
    assert {u.findtext(f"{{{SITEMAP_NS}}}lastmod") for u in doc} == {"2026-11-23"}


def test_robots_names_the_sitemap_and_keeps_crawlers_off_the_apis(tmp_path) -> None:
    root = site(tmp_path)
    write_sitemap(root)
    robots = (root / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "Disallow: /oai" in robots and "Disallow: /dts/" in robots and "Allow: /" in robots
    assert f"Sitemap: {LOCAL_BASE}sitemap.xml" in robots
    assert all(u.startswith(LOCAL_BASE) for u in locs(root))


def test_the_sitemap_is_deterministic(tmp_path) -> None:
    root = site(tmp_path)
    write_sitemap(root, "", "2026-11-23")
    first = (root / "sitemap.xml").read_bytes()
    write_sitemap(root, "", "2026-11-23")
    assert (root / "sitemap.xml").read_bytes() == first
