"""sitemap.xml and robots.txt for the built edition (the build's `sitemap` stage).

The sitemap lists every HTML page of the site (sorted, so the file is deterministic) with the
collection's date (`build-date`, the latest revision in the TEI) as `lastmod`. Sitemaps need
absolute URLs: they are made from the build's `--base-url`, or, without one, from the address
`cli.py serve` listens on by default (http://127.0.0.1:8000/); build with `--base-url` for a public
deployment. robots.txt allows the whole edition, keeps crawlers out of the two APIs (/oai, /dts/),
which are for harvesters, and names the sitemap.
"""
from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

LOCAL_BASE = "http://127.0.0.1:8000/"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NOT_LISTED = ("pagefind",)  # generated folders that are not pages of the edition


def pages(site: Path) -> list[str]:
    """Paths (relative to the site, '/'-separated) of the HTML pages, hidden files left out."""
    out = []
    for path in site.rglob("*.html"):
        rel = path.relative_to(site)
        if any(part.startswith(".") for part in rel.parts) or rel.parts[0] in NOT_LISTED:
            continue
        out.append(rel.as_posix())
    return sorted(out)


def sitemap_xml(urls: list[str], lastmod: str) -> str:
    stamp = f"<lastmod>{escape(lastmod)}</lastmod>" if lastmod else ""
    items = "".join(f"<url><loc>{escape(u)}</loc>{stamp}</url>\n" for u in urls)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}">\n{items}</urlset>\n'


def robots_txt(sitemap_url: str) -> str:
    return f"User-agent: *\nAllow: /\nDisallow: /oai\nDisallow: /dts/\n\nSitemap: {sitemap_url}\n"


def write_sitemap(site: Path, base_url: str = "", lastmod: str = "") -> int:
    """Write sitemap.xml and robots.txt into the site; return the number of pages listed."""
    base = (base_url or LOCAL_BASE).rstrip("/") + "/"
    urls = [base + ("" if p == "index.html" else p.removesuffix("index.html") if p.endswith("/index.html") else p)
            for p in pages(site)]
    (site / "sitemap.xml").write_text(sitemap_xml(urls, lastmod[:10]), encoding="utf-8")
    (site / "robots.txt").write_text(robots_txt(base + "sitemap.xml"), encoding="utf-8")
    return len(urls)
