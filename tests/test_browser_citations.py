"""Citations, the bibliography, the 404 page and the chronology's default view, in a real browser
and over HTTP: every citation of the edition, of a source and of a claim carries the stable URL,
the version and (filled in at view time) the reader's access date; every short citation links to
its entry on the bibliography page; a missing page answers 404 with the site's navigation; the
chronology shows the period's events by default, on a scale that fits them."""
from __future__ import annotations

import datetime
import json
import re
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import unquote

import lxml.etree
import lxml.html
import pytest

from teipub.edition import load_edition
from teipub.project import PATHS

EDITION = load_edition(PATHS.tei)
BASE = EDITION.base_url if EDITION.base_url.endswith("/") else EDITION.base_url + "/"
PLACEHOLDER = "[date of your visit]"


def cited_pages(site: Path) -> dict[str, str]:
    """The edition (home), one reading page, one claim, the bibliography: what a reader cites."""
    claim = sorted(site.glob("claims/claim-*.html"))[0].relative_to(site).as_posix()
    reading = sorted(site.glob("sources/*.html"))[0].relative_to(site).as_posix()
    return {"home": "index.html", "reading": reading, "claim": claim, "bibliography": "bibliography.html"}


def test_citations_carry_the_url_the_version_and_the_access_date(page, site_url: str, built_site: Path) -> None:
    today = page.evaluate("() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; }")
    iso = "%04d-%02d-%02d" % tuple(today)
    for name, path in cited_pages(built_site).items():
        page.goto(site_url + path)
        url = BASE + path
        cite = page.locator("footer details.cite")
        cite.locator("summary").click()
        chicago = cite.locator(".cite-chicago").inner_text()
        bibtex = cite.locator(".cite-bibtex").inner_text()
        ris = cite.locator(".cite-ris").inner_text()
        assert url in chicago and f"version {EDITION.version}" in chicago, (name, chicago)
        assert f"url = {{{url}}}" in bibtex and f"version = {{{EDITION.version}}}" in bibtex, (name, bibtex)
        assert f"UR  - {url}" in ris and f"ET  - {EDITION.version}" in ris, (name, ris)
        # the access date is the reader's, written at view time (the build has no clock)
        assert PLACEHOLDER not in chicago + bibtex + ris, name
        assert f"urldate = {{{iso}}}" in bibtex and f"Y2  - {iso.replace('-', '/')}" in ris
        href = cite.locator("a.cite-csl").get_attribute("href")
        item = json.loads(unquote(href.split(",", 1)[1]))[0]
        assert item["URL"] == url and item["version"] == EDITION.version
        assert item["accessed"] == {"date-parts": [today]}
        ris_file = unquote(cite.locator("a.cite-ris-file").get_attribute("href").split(",", 1)[1])
        assert f"UR  - {url}" in ris_file and PLACEHOLDER not in ris_file
    # the edition's own citation on the cite and about pages (front matter): the same texts
    for path in ("cite.html", "about.html"):
        page.goto(site_url + path)
        chicago = page.locator("main .cite-chicago").first.inner_text()
        assert BASE + "index.html" in chicago and f"version {EDITION.version}" in chicago, chicago
        assert PLACEHOLDER not in chicago


def test_without_javascript_the_citation_asks_for_the_date_of_the_visit(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(site_url + "about.html")
        text = tab.locator("footer .cite-chicago").text_content()
        assert f"Accessed {PLACEHOLDER}." in text and BASE + "about.html" in text
    finally:
        context.close()


def test_citations_close_a_title_with_one_mark(built_site: Path) -> None:
    """No full stop after a question mark ("party?.”") or after an initial ("Viktor N..")."""
    bad = []
    for path in sorted(built_site.rglob("*.html")):
        doc = lxml.html.parse(str(path)).getroot()
        for el in doc.xpath("//*[contains(@class, 'cite-chicago') or contains(@class, 'pe-citation')]"):
            text = el.text_content()
            if re.search(r"[?!]\.”|\b[A-Z]\.\.(?!\.)", text):
                bad.append(f"{path.relative_to(built_site)}: {text[:120]}")
    assert not bad, bad[:5]


def test_every_short_citation_links_to_its_bibliography_entry(built_site: Path) -> None:
    bibliography = lxml.html.parse(str(built_site / "bibliography.html")).getroot()
    entries = set(bibliography.xpath("//li[contains(@class, 'bibl-entry')]/@id"))
    tei = lxml.etree.parse(str(PATHS.tei / "bibliography.xml"))
    works = set(tei.xpath("//tei:biblStruct/@xml:id", namespaces={"tei": "http://www.tei-c.org/ns/1.0"}))
    assert entries == works  # every work, once, at its own stable anchor
    seen = 0
    for path in sorted(built_site.rglob("*.html")):
        doc = lxml.html.parse(str(path)).getroot()
        for cite in doc.xpath("//cite[contains(@class, 'pe-bibref')]"):
            links = cite.xpath("a/@href")
            assert len(links) == 1, f"{path}: {cite.text_content()}"
            target = (path.parent / links[0].split("#")[0]).resolve()
            assert target == (built_site / "bibliography.html").resolve(), links[0]
            assert links[0].split("#")[1] in entries, links[0]
            seen += 1
    # the claims register cites the scholarship in every claim: there are many such citations
    assert seen > 100
    # a short citation on a claims page reaches its entry in the browser too
    claims = lxml.html.parse(str(built_site / "claims" / "index.html")).getroot()
    assert claims.xpath("//cite[contains(@class, 'pe-bibref')]")


def test_a_missing_page_answers_404_with_the_sites_navigation(page, site_url: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(site_url + "no/such/deep/page.html")
    assert err.value.code == 404
    doc = lxml.html.fromstring(err.value.read())
    assert doc.xpath("//nav[contains(@class, 'site-nav')]//a[@href]")
    assert doc.xpath("//h1")[0].text_content().strip() == "Page not found"
    # at any depth the links lead into the site, not to a second 404
    answer = page.goto(site_url + "no/such/deep/page.html")
    assert answer.status == 404
    page.locator("nav.site-nav a", has_text="Bibliography").click()
    page.wait_for_url("**/bibliography.html")
    assert page.locator("h1").inner_text() == "Bibliography"
    for href in page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)"):
        if href.startswith(site_url) and "#" not in href and "data:" not in href:
            assert urllib.request.urlopen(href).status == 200, href


def test_the_chronology_shows_the_periods_events_on_a_scale_that_fits(page, site_url: str) -> None:
    page.goto(site_url + "chronology.html")
    shown = page.locator("main li.pe-chrono-item:not(details li)")
    layers = set(shown.evaluate_all("els => els.map(e => e.dataset.layer)"))
    assert layers == {"period"}
    # the other dates (glosses, references, outside the period) are there, behind a closed toggle
    glosses = page.locator("details.pe-chrono-glosses")
    assert glosses.get_attribute("open") is None
    assert not glosses.locator("li.pe-chrono-item").first.is_visible()
    assert glosses.locator("li[data-layer='gloss']").count() > 0
    glosses.locator("summary").click()
    assert glosses.locator("li.pe-chrono-item").first.is_visible()
    # the scale runs from the earliest to the latest item shown
    values = [float(v) for v in shown.evaluate_all(
        "els => els.flatMap(e => [e.dataset.start, e.dataset.end]).filter(v => v)")]
    said = page.locator("main > p").nth(1).inner_text()
    lo, hi = (int(y) for y in re.findall(r"from (\d{4}) to (\d{4})", said)[0])
    assert lo == int(min(values)) and hi == int(max(values) - 1e-9)
    assert hi - lo < 100  # not 1700–2022
    # ranges and open or uncertain dates are drawn as such
    shapes = set(shown.evaluate_all("els => els.map(e => e.dataset.shape)"))
    assert {"point", "range"} <= shapes
