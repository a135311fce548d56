"""The claims table and the synoptic claim pages in a real browser (Debian's Chromium under
Playwright), and the links between the claim pages and the reading pages.

* the headings of the claims table stay visible in the middle of the table (the page scrolls,
  the headings stick), at 1366x900, and the phone has no sideways scroll and the whole caption;
* every source cell of the table gives each reading's verdict as a class and in words;
* every claim of the register has a synoptic page, with an anchor for every source reading, a
  link from each reading to its place in the reading page, and the reading pages link back.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urldefrag, urljoin

import lxml.html
import pytest
from lxml import etree

from browser_support import PHONE, record_problems
from teipub.project import PATHS

TEI = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
OVERVIEW = "claims/index.html"
VERDICTS = {"contradicted", "qualified", "disputed", "uncheckable", "consistent"}
WIDE = {"width": 1366, "height": 900}


def register() -> etree._Element:
    return etree.parse(str(PATHS.tei / "claims.xml")).getroot()


def html(site: Path, rel: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(site / rel)).getroot()


def test_headings_stay_visible_in_the_middle_of_the_claims_table(page, site_url) -> None:
    problems = record_problems(page)
    page.set_viewport_size(WIDE)
    page.goto(site_url + OVERVIEW)
    box = page.locator("#pe-claims-table").bounding_box()
    assert box and box["height"] > 3 * WIDE["height"], "the table should be long enough to test"
    # scroll the window (not a box round the table) to the middle of the table
    page.evaluate("y => window.scrollTo(0, y)", box["y"] + box["height"] / 2)
    page.wait_for_timeout(100)
    assert page.evaluate("window.scrollY") > WIDE["height"]
    heads = page.locator("#pe-claims-table thead th")
    assert heads.count() >= 3
    for i in range(heads.count()):
        head = heads.nth(i)
        b = head.bounding_box()
        assert b and 0 <= b["y"] and b["y"] + b["height"] <= WIDE["height"] / 3, (i, b)
        # nothing covers it: the point at its centre belongs to the heading
        inside = page.evaluate(
            "([h, x, y]) => { const e = document.elementFromPoint(x, y); return !!e && h.contains(e); }",
            [head.element_handle(), b["x"] + b["width"] / 2, b["y"] + b["height"] / 2])
        assert inside, f"heading {i} is covered"
    # the table fits the window: no sideways scrolling at 1366 px
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDE["width"]
    assert not problems.all(), problems.all()


def test_every_source_cell_has_its_verdict_in_class_and_words(page, site_url) -> None:
    page.goto(site_url + OVERVIEW)
    labels = page.eval_on_selector_all(
        ".pe-verdict-legend .pe-verdict-label",
        "els => Object.fromEntries(els.map(e => [[...e.classList].find(c => c.startsWith('pe-verdict-') "
        "&& c !== 'pe-verdict-label').slice(11), e.textContent.trim()]))")
    assert set(labels) == VERDICTS and all(labels.values())
    cells = page.eval_on_selector_all(
        "#pe-claims-table td[data-source]",
        """tds => tds.map(td => ({empty: td.classList.contains('pe-cell-empty'),
          readings: [...td.querySelectorAll('.pe-cell-reading')].map(p => ({
            cls: [...p.classList].filter(c => c.startsWith('pe-verdict-')),
            label: (p.querySelector('.pe-verdict-label') || {textContent: ''}).textContent.trim(),
            colour: getComputedStyle(p).backgroundColor}))}))""")
    filled = [c for c in cells if not c["empty"]]
    readings = [r for c in filled for r in c["readings"]]
    n_source = len(register().xpath("//tei:rdgGrp[@type='sources']/tei:rdg", namespaces=TEI))
    assert filled and len(readings) == n_source
    for r in readings:
        assert len(r["cls"]) == 1, r
        key = r["cls"][0].removeprefix("pe-verdict-")
        assert key in VERDICTS and r["label"] == labels[key], r  # the verdict in words, not colour alone
        assert r["colour"] not in ("rgba(0, 0, 0, 0)", "transparent"), r


def test_the_table_shows_the_sources_words_not_normalised_values(page, site_url) -> None:
    page.goto(site_url + OVERVIEW)
    row = page.locator("#claim-gulag-political-share-1939")
    assert "Two-thirds" in row.inner_text() and "0.67" not in row.inner_text()


def test_the_phone_has_no_sideways_scroll_and_the_whole_caption(browser, site_url) -> None:
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(site_url + OVERVIEW)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        caption = page.locator("#pe-claims-table caption")
        b = caption.bounding_box()
        assert b and b["x"] >= 0 and b["x"] + b["width"] <= PHONE["width"]
        assert caption.evaluate("c => c.scrollWidth <= c.clientWidth + 1")
        # a cell names its source on the phone, where the column headings are out of sight
        cell = page.locator("#pe-claims-table td.pe-verdict-cell").first
        assert cell.evaluate("td => getComputedStyle(td, '::before').content") not in ("none", "normal", '""')
    finally:
        context.close()


def test_every_claim_has_a_synoptic_page_linked_both_ways(built_site: Path) -> None:
    reading_ids: dict[str, set[str]] = {}
    reading_links: dict[str, set[str]] = {}
    for src in sorted((built_site / "sources").glob("*.html")):
        doc = html(built_site, f"sources/{src.name}")
        reading_ids[src.name] = set(doc.xpath("//@id"))
        reading_links[src.name] = {urldefrag(urljoin("sources/", h))[0] for h in doc.xpath("//a/@href")}
    apps = register().xpath("//tei:listApp/tei:app", namespaces=TEI)
    assert apps
    for app in apps:
        claim = app.get(XML_ID)
        rel = f"claims/{claim}.html"
        assert (built_site / rel).is_file(), f"no synoptic page for {claim}"
        doc = html(built_site, rel)
        assert doc.xpath("//div[@class='pe-synopsis']/section[contains(@class, 'pe-syn-col')]"), claim
        ids = set(doc.xpath("//@id"))
        for rdg in app.xpath("tei:rdgGrp[@type='sources']/tei:rdg", namespaces=TEI):
            spans = [t.partition("#")[2] for t in rdg.get("corresp", "").split()]
            assert any(f"syn-{s}" in ids for s in spans), (claim, spans)  # the note signs' target
            siglum = Path(rdg.get("corresp").split()[0].partition("#")[0]).stem
            article = doc.xpath(f"(//*[@id='syn-{spans[0]}']/ancestor-or-self::article)[1]")
            assert article and "pe-verdict-" in article[0].get("class"), (claim, spans[0])
            links = [urljoin(rel, h) for h in article[0].xpath(".//a[@class='pe-to-reading']/@href")]
            assert links, (claim, spans[0])
            for link in links:  # each passage links to its place in the reading page
                page_rel, _, anchor = link.partition("#")
                assert page_rel == f"sources/{siglum}.html" and anchor in reading_ids[f"{siglum}.html"], link
            # and the reading page links back to the synoptic page
            assert f"claims/{claim}.html" in reading_links[f"{siglum}.html"], (siglum, claim)


def test_a_passage_leads_to_the_reading_page_and_back(page, site_url) -> None:
    problems = record_problems(page)
    page.goto(site_url + "claims/claim-expelled-1933.html")
    link = page.locator("article a.pe-to-reading").first
    target = link.get_attribute("href")
    link.click()
    page.wait_for_load_state()
    anchor = target.partition("#")[2]
    assert page.url.endswith(anchor) and page.locator(f"[id='{anchor}']").count() == 1
    back = page.locator("a[href*='claims/claim-expelled-1933.html']")
    assert back.count() > 0
    assert not problems.all(), problems.all()


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["desktop", "phone"])
def test_synoptic_page_fits_the_window(browser, site_url, viewport) -> None:
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        page.goto(site_url + "claims/claim-moscow-trials-guilt.html")
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        columns = page.locator(".pe-synopsis > .pe-syn-col")
        assert columns.count() >= 3
        if viewport is WIDE:  # the sources and the scholarship side by side
            tops = {round(columns.nth(i).bounding_box()["y"]) for i in range(columns.count())}
            assert len(tops) == 1, tops
    finally:
        context.close()


CHARTS = ["claims/claim-executions-1937-1938.html", "claims/claim-expelled-1933.html",
          "claims/claim-death-toll-great-purge.html", "claims/claim-army-officer-share.html"]


@pytest.mark.parametrize("rel", CHARTS)
def test_charts_are_readable_on_a_phone_and_true_to_their_legend(browser, site_url, rel) -> None:
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(site_url + rel)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        charts = page.eval_on_selector_all("figure.pe-chart", """figs => figs.map(f => {
          const svg = f.querySelector('svg.pe-chart-svg');
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          const texts = [...svg.querySelectorAll('text')];
          return {
            smallest: Math.min(...texts.map(t => parseFloat(getComputedStyle(t).fontSize) * scale)),
            labels: [...svg.querySelectorAll('.pe-chart-label')].map(t => t.textContent),
            drawn: {
              'source-point': !!svg.querySelector('.pe-chart-sources circle.pe-chart-point'),
              'work-point': !!svg.querySelector('.pe-chart-scholarship .pe-chart-diamond'),
              'source-range': !!svg.querySelector('.pe-chart-bar-source'),
              'work-range': !!svg.querySelector('.pe-chart-scholarship .pe-chart-bar'),
              'open': !!svg.querySelector('.pe-chart-open')},
            legend: [...f.querySelectorAll('.pe-chart-legend li svg > *')].map(m => m.getAttribute('class'))};
        })""")
        assert charts, rel
        for chart in charts:
            assert chart["smallest"] >= 12, chart["smallest"]  # chart text at least 12 px on a phone
            assert len(chart["labels"]) == len(set(chart["labels"])), chart["labels"]  # no two rows alike
            shown = {k for k, v in chart["drawn"].items() if v}
            keyed = {"source-point" if c == "pe-chart-point" else "work-point" if "diamond" in c
                     else "source-range" if "bar-source" in c else "work-range" if c == "pe-chart-bar" else "open"
                     for c in chart["legend"]}
            assert shown == keyed, (shown, keyed)  # the legend names what is drawn, and only that
    finally:
        context.close()


def test_no_chart_sets_unlike_measures_side_by_side(built_site: Path) -> None:
    """The 1933 expulsions: the fall in membership (Rigby) is not drawn beside the expulsions."""
    doc = html(built_site, "claims/claim-expelled-1933.html")
    figures = doc.xpath("//figure[contains(@class, 'pe-chart')]")
    assert len(figures) >= 2
    for fig in figures:
        labels = " ".join(fig.xpath(".//*[@class='pe-chart-label']/text()"))
        assert not ("Rigby" in labels and "encyc" in labels), labels
