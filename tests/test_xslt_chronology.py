"""The chronology (xslt/chronology.xsl, modules/chronology.xsl) on the mini collection."""
from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from teipub.project import PATHS
from teipub.saxon import Saxon

MINI = Path(__file__).parent / "fixtures" / "xslt" / "mini"
TEI = {"tei": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def doc(tmp_path_factory: pytest.TempPathFactory) -> lxml.html.HtmlElement:
    out = tmp_path_factory.mktemp("site")
    Saxon().transform(PATHS.xslt / "chronology.xsl", base_output=out,
                      params={"tei-root": MINI.resolve().as_uri() + "/"})
    return lxml.html.parse(str(out / "chronology.html")).getroot()


def items(doc: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return doc.xpath("//li[contains(@class, 'pe-chrono-item')]")


def test_every_dated_mention_and_claim_date_is_an_item(doc: lxml.html.HtmlElement) -> None:
    n_source = sum(len(etree.parse(str(p)).xpath("//tei:text//tei:date", namespaces=TEI))
                   for p in (MINI / "sources").glob("*.xml"))
    # one item per claim and date, however many readings give that date
    dates = etree.parse(str(MINI / "claims.xml")).xpath("//tei:rdg/tei:date[@subtype='reference']", namespaces=TEI)
    n_claim = len({(d.xpath("string(ancestor::tei:app/@xml:id)", namespaces=TEI),
                    tuple(sorted(d.attrib.items()))) for d in dates})
    kinds = [li.get("data-kind") for li in items(doc)]
    assert kinds.count("source") == n_source and kinds.count("claim") == n_claim


def test_items_are_in_order_and_grouped_by_year(doc: lxml.html.HtmlElement) -> None:
    starts = [float(li.get("data-start") or li.get("data-end")) for li in items(doc)]
    # an open start ("until 1933") is filed at the start of its year
    keys = [s if li.get("data-shape") != "not-after" else float(li.get("data-end")) - 1
            for s, li in zip(starts, items(doc))]
    assert keys == sorted(keys)
    years = doc.xpath("//section[contains(@class, 'pe-chrono-year')]/h2/text()")
    assert years == sorted(set(years)) == ["1933", "1934", "1936", "1939"]
    assert doc.xpath("//nav[@class='pe-letters']//a/@href") == [f"#y{y}" for y in years]


def test_ranges_and_open_dates_are_drawn_as_such(doc: lxml.html.HtmlElement) -> None:
    by_shape = {li.get("data-shape"): li for li in items(doc)}
    assert set(by_shape) == {"point", "range", "not-before", "not-after"}
    svg = lambda li: li.xpath(".//*[local-name()='svg']")[0]  # noqa: E731
    assert svg(by_shape["range"]).xpath("*[local-name()='rect']")
    assert svg(by_shape["point"]).xpath("*[local-name()='circle']")
    assert svg(by_shape["not-before"]).xpath("*[local-name()='path']")  # the arrow of an open end
    # said in words too (not by shape alone)
    assert "1936–1938" in by_shape["range"].text_content() and "a period" in by_shape["range"].text_content()
    assert "not before 1934" in by_shape["not-before"].text_content()
    assert all(svg(li).get("aria-hidden") == "true" for li in items(doc))


def test_items_link_to_their_place(doc: lxml.html.HtmlElement) -> None:
    hrefs = [li.xpath("string(.//a[last()]/@href)") for li in items(doc)]
    assert "sources/encyc.html#encyc-date3" in hrefs
    claim = [li for li in items(doc) if li.get("data-kind") == "claim"][0]
    assert claim.xpath(".//a/@href") == ["claims/claim-expelled-1933.html"]
    # the three readings that date the claim to 1933, in one item
    assert claim.xpath("string(.//span[@class='pe-chrono-what'])").count("; ") == 2


def test_a_long_chronology_is_split_into_pages(doc: lxml.html.HtmlElement, tmp_path: Path) -> None:
    """Over chronology-page-size items: an overview with the years, each linked to the page where
    it begins, and numbered pages that hold every item once, in the same order."""
    Saxon().transform(PATHS.xslt / "chronology.xsl", base_output=tmp_path,
                      params={"tei-root": MINI.resolve().as_uri() + "/", "chronology-page-size": "3"})
    whole = [li.get("data-start") for li in items(doc)]
    overview = lxml.html.parse(str(tmp_path / "chronology.html")).getroot()
    assert items(overview) == []
    pages = sorted((tmp_path / "chronology").glob("*.html"), key=lambda p: int(p.stem))
    assert len(pages) == -(-len(whole) // 3)
    split = [li.get("data-start") for p in pages for li in items(lxml.html.parse(str(p)).getroot())]
    assert split == whole
    for a in overview.xpath("//nav[contains(@class, 'pe-letters')]//a"):
        page, year = a.get("href").split("#")
        target = lxml.html.parse(str(tmp_path / page)).getroot()
        assert target.get_element_by_id(year) is not None


def test_the_other_dates_are_split_into_pages_of_their_own_when_they_do_not_fit(tmp_path: Path) -> None:
    """The other dates (glosses, references, outside the period) sit on the overview behind a
    toggle; over chronology-page-size of them, the toggle holds their years, each linked to the page
    where it begins, and numbered pages hold every one of them once, in the same order. (The
    edition's own collection: the mini collection has no such dates.)"""
    params = {"tei-root": PATHS.tei.resolve().as_uri() + "/"}
    whole_out, split_out = tmp_path / "whole", tmp_path / "split"
    Saxon().transform(PATHS.xslt / "chronology.xsl", base_output=whole_out, params=params)
    Saxon().transform(PATHS.xslt / "chronology.xsl", base_output=split_out, params={**params, "chronology-page-size": "60"})
    whole = lxml.html.parse(str(whole_out / "chronology.html")).getroot()
    others = [li for li in items(whole) if li.get("data-layer") != "period"]
    assert len(others) > 2 * 60 and not (whole_out / "chronology").exists()
    overview = lxml.html.parse(str(split_out / "chronology.html")).getroot()
    assert items(overview) == []
    toggle = overview.get_element_by_id("glosses")
    assert str(len(others)) in toggle.findtext("summary")
    pages = sorted((split_out / "chronology").glob("other-*.html"), key=lambda p: int(p.stem.split("-")[1]))
    assert len(pages) == -(-len(others) // 60)
    split = [li for p in pages for li in items(lxml.html.parse(str(p)).getroot())]
    assert [li.text_content() for li in split] == [li.text_content() for li in others]
    assert all(len(items(lxml.html.parse(str(p)).getroot())) <= 60 for p in pages)
    links = toggle.xpath(".//nav[contains(@class, 'pe-letters')]//a/@href")
    assert links and all(href.startswith("chronology/other-") for href in links)
    for href in links:
        page, year = href.split("#")
        assert lxml.html.parse(str(split_out / page)).getroot().get_element_by_id(year) is not None
    assert toggle.xpath(".//nav[contains(@class, 'pe-pager')]//a/@href")[-1] == f"chronology/other-{len(pages)}.html"
    second = lxml.html.parse(str(pages[1])).getroot()
    assert second.xpath("//main//p[1]/a/@href") == ["../chronology.html#glosses"]
    assert second.xpath("//nav[contains(@class, 'pe-pager')]//span[@aria-current='page']/text()") == ["2"]
