"""Every page type in a real browser: it loads without a console error, an uncaught exception
or a failed request (the Content-Security-Policy of teipub.server is in force, so an inline
script or style or an outside request would show here), and axe-core finds no violation of the
WCAG 2.x A and AA rules, at desktop and at phone width."""
from __future__ import annotations

from pathlib import Path

import pytest

from browser_support import PHONE, VARIANT, page_types, record_problems
from teipub.edition import load_edition
from teipub.project import PATHS

PAGE_TYPES = [
    "home", "claims-overview", "claim", "indexes", "persons-index", "places-index", "organisations-index",
    "person-entry", "place-entry", "organisation-entry", "chronology", "method", "guidelines", "about",
    "licence", "cite", "search", "bibliography", "not-found",
    *(f"reading-{s}" for s in load_edition(PATHS.tei).sigla),
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def paths(built_site: Path) -> dict[str, str]:
    return page_types(built_site)


def test_every_page_type_is_listed(paths: dict[str, str]) -> None:
    assert sorted(paths) == sorted(PAGE_TYPES)


def load(page, url: str, name: str) -> None:
    page.goto(url, wait_until="networkidle")
    if name == "search":  # check the search interface with results on it, filters included
        page.fill(".pagefind-ui__search-input", VARIANT)
        page.wait_for_selector(".pagefind-ui__result")
        page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_console_errors(page, site_url: str, paths: dict[str, str], name: str) -> None:
    problems = record_problems(page)
    load(page, site_url + paths[name], name)
    assert page.locator("h1").count() == 1
    assert not problems.all(), "\n".join(problems.all())


def axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                       "resultTypes": ["violations"]})
    found = []
    for v in results.response["violations"]:
        targets = "; ".join(" ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"])
                            for n in v["nodes"][:3])
        found.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']} e.g. {targets}")
    return found


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_axe_desktop(page, site_url: str, paths: dict[str, str], name: str) -> None:
    load(page, site_url + paths[name], name)
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("name", ["home", "reading-notes", "claims-overview", "claim", "persons-index", "person-entry",
                                  "chronology", "search"])
def test_axe_phone(browser, site_url: str, paths: dict[str, str], name: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        load(page, site_url + paths[name], name)
        violations = axe_violations(page)
        assert not violations, "\n".join(violations)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"the page scrolls sideways on a phone by {overflow}px"
    finally:
        context.close()


def test_axe_reading_page_with_panel_open(page, site_url: str, paths: dict[str, str]) -> None:
    load(page, site_url + paths["reading-notes"], "reading-notes")
    page.locator("#reading .source-text a.note-sign").first.click()
    page.wait_for_selector("#pe-panel:not([hidden])")
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("target", ["oai?verb=Identify", "oai?verb=ListRecords&metadataPrefix=oai_dc"])
def test_the_browsers_own_view_of_the_data_answers_works(page, site_url: str, target: str) -> None:
    """Chromium draws an OAI-PMH answer (application/xml) as a styled tree; the data answers'
    policy must allow that. (DTS documents are application/tei+xml, which the browser downloads.)"""
    problems = record_problems(page)
    page.goto(site_url + target)
    page.wait_for_load_state("load")
    assert page.locator("#xml-viewer-style").count() == 1  # the viewer's stylesheet is in place
    assert not problems.all(), problems.all()


def test_the_browser_gets_pages_gzipped_and_revalidates_them_with_304(page, site_url: str) -> None:
    """Chromium asks for gzip and gets it; on a reload it sends the page's ETag back, and the
    server answers that request 304. (The browser reports the cached 200 the 304 revalidated, so
    the answer is checked by sending the browser's own request headers again.)"""
    import urllib.error
    import urllib.request

    url = site_url + "sources/" + first_source_page()
    first = page.goto(url)
    assert first is not None and first.status == 200 and first.headers.get("content-encoding") == "gzip"
    etag = first.headers.get("etag")
    assert etag
    with page.expect_request(lambda r: r.url == url) as reloaded:
        page.reload()
    sent = reloaded.value.all_headers()
    assert sent.get("if-none-match") == etag, sent
    again = urllib.request.Request(url, headers={k: v for k, v in sent.items() if not k.startswith(":")})
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(again, timeout=10)
    assert answer.value.code == 304 and answer.value.read() == b""


def first_source_page() -> str:
    from teipub.edition import load_edition
    from teipub.project import PATHS

    return load_edition(PATHS.tei).sources[0].siglum + ".html"
