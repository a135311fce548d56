"""The claims pages, the apparatus note and the chart (xslt/claims.xsl, modules/apparatus.xsl,
modules/chart.xsl), run through Saxon on the mini collection in tests/fixtures/xslt/mini."""
from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from teipub.project import PATHS
from teipub.saxon import Saxon

MINI = Path(__file__).parent / "fixtures" / "xslt" / "mini"
SVG = "{http://www.w3.org/2000/svg}"
TEI = {"tei": "http://www.tei-c.org/ns/1.0"}


def tei_root() -> str:
    return MINI.resolve().as_uri() + "/"


def run_mode(module: str, mode: str, select: str, tunnel: str = "") -> etree._Element:
    """Apply one mode of one module to the nodes `select` picks in the mini collection."""
    text = f"""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
      xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:pe="https://purges-edition.example/ns">
      <xsl:import href="{(PATHS.xslt / 'modules' / module).as_uri()}"/>
      <xsl:param name="tei-root" select="'{tei_root()}'"/>
      <xsl:output method="xml" omit-xml-declaration="yes"/>
      <xsl:template name="xsl:initial-template">
        <out><xsl:apply-templates select="{select}" mode="{mode}">{tunnel}</xsl:apply-templates></out>
      </xsl:template>
    </xsl:stylesheet>"""
    saxon = Saxon()
    exe = saxon.compile_text(text, PATHS.xslt / "modules" / module)
    return etree.fromstring(exe.call_template_returning_string(None).encode())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    Saxon().transform(PATHS.xslt / "claims.xsl", base_output=out, params={"tei-root": tei_root()})
    return out


def page(site: Path, path: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(site / path)).getroot()


def register() -> etree._ElementTree:
    return etree.parse(str(MINI / "claims.xml"))


def test_one_page_per_claim_and_an_overview(site: Path) -> None:
    ids = register().xpath("//tei:app/@xml:id", namespaces=TEI)
    assert sorted(p.name for p in (site / "claims").glob("claim-*.html")) == sorted(f"{i}.html" for i in ids)
    assert (site / "claims" / "index.html").is_file()


def test_overview_has_a_row_per_claim_and_a_column_per_source(site: Path) -> None:
    doc = page(site, "claims/index.html")
    rows = doc.xpath("//table[@id='pe-claims-table']/tbody/tr")
    assert [r.get("id") for r in rows] == register().xpath("//tei:app/@xml:id", namespaces=TEI)
    heads = doc.xpath("//table[@id='pe-claims-table']/thead/tr/th")
    assert all(h.get("scope") == "col" for h in heads)
    assert [h.get("data-source") for h in heads if h.get("data-source")] == ["encyc", "pamphlet"]
    first = rows[0]
    assert first.get("data-kind") == "kind-quantity" and first.get("data-topic") == "topic-expulsions"
    cells = {td.get("data-source"): td.text_content() for td in first.xpath("td[@data-source]")}
    # the figures as the sources state them ("18 percent", not the normalised 18), each with its verdict
    assert "approximately 18 percent" in cells["encyc"] and "854,300" in cells["pamphlet"]
    for td in first.xpath("td[@data-source][not(contains(@class, 'pe-cell-empty'))]"):
        for reading in td.xpath("p[contains(@class, 'pe-cell-reading')]"):
            assert "pe-verdict-" in reading.get("class")
            assert reading.xpath("span[contains(@class, 'pe-verdict-label')]/text()")
    # every row links to its claim page, and the filter form has labelled controls
    assert first.xpath("th[@scope='row']/a/@href") == ["../claims/claim-expelled-1933.html"]
    for select in doc.xpath("//form//select"):
        assert doc.xpath(f"//label[@for='{select.get('id')}']")
    kinds = doc.xpath("//select[@id='pe-filter-kind']/option/@value")
    assert set(kinds) == {"", "kind-quantity", "kind-cause"}


def test_claim_page_has_every_reading_with_its_link_and_the_badge(site: Path) -> None:
    doc = page(site, "claims/claim-expelled-1933.html")
    app = register().xpath("//tei:app[@xml:id='claim-expelled-1933']", namespaces=TEI)[0]
    readings = doc.xpath("//article[contains(@class, 'pe-reading')]")
    src = app.xpath("tei:rdgGrp[@type='sources']/tei:rdg", namespaces=TEI)
    assert len(readings) == len(src)
    for rdg in src:
        # the synoptic page: each reading in its source's column, anchored by its first span
        # (the reading pages' note signs link to #syn-{span id}), with a link to its place
        quote = " ".join(rdg.findtext("tei:quote", namespaces=TEI).split())
        first = rdg.get("corresp").split()[0]
        siglum, anchor = Path(first.split("#")[0]).stem, first.split("#")[1]
        assert doc.xpath(f"//section[@data-source='{siglum}']//article//*[@id='syn-{anchor}'] | "
                         f"//section[@data-source='{siglum}']//article[@id='syn-{anchor}']")
        arts = [a for a in doc.xpath(f"//section[@data-source='{siglum}']/article")
                if quote in " ".join(a.xpath("string(.//blockquote)").split())]
        assert arts, quote
        assert any(f"../sources/{siglum}.html#" in h for a in arts for h in a.xpath(".//a/@href"))
        assert all("pe-verdict-" in a.get("class") for a in arts)
    badge = doc.xpath("//*[contains(@class, 'pe-cert ')]")
    assert badge and "Medium confidence" in badge[0].text_content()
    # scholarship with a full citation from the bibliography, and the editorial note's author
    text = doc.text_content()
    assert "A Fixture Monograph" in text and "Fixture University Press" in text and "1985" in text
    assert "Journal of Fixtures" in text and "pp. 196–199" in text
    assert "Note by Historical editor." in text
    # where the pages were verified (ENCODING.md §9)
    assert "Pages checked: Pages checked in the fixture copy." in text


def test_an_unverified_pinpoint_is_said_plainly(site: Path) -> None:
    doc = page(site, "claims/claim-cause-terror.html")
    notes = doc.xpath("//p[contains(@class, 'pe-pinpoint-unverified')]")
    assert [n.text_content().strip() for n in notes] == ["Pinpoint not yet verified: fixture."]
    assert not doc.xpath("//span[@class='pe-cited-range']")


def test_headings_go_in_order(site: Path) -> None:
    for path in ("claims/claim-expelled-1933.html", "claims/claim-cause-terror.html", "claims/index.html"):
        levels = [int(h.tag[1]) for h in page(site, path).xpath("//main//*[self::h1 or self::h2 or self::h3]")]
        assert levels[0] == 1
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), (path, levels)


def test_chart_has_a_point_per_source_reading_of_its_unit_and_a_table_of_the_same(site: Path) -> None:
    doc = page(site, "claims/claim-expelled-1933.html")
    figure = doc.xpath("//div[contains(@class, 'pe-chart-block')]")[0]
    assert figure.get("data-unit") == "count"  # three count readings against one percentage
    svg = figure.xpath(".//*[local-name()='svg']")[0]
    assert svg.get("role") == "img" and svg.xpath("*[local-name()='title']") and svg.xpath("*[local-name()='desc']")
    points = svg.xpath(".//*[local-name()='g'][@data-group='sources']/*[local-name()='circle']")
    assert sorted(float(p.get("data-value")) for p in points) == [342000.0, 854300.0]
    bars = svg.xpath(".//*[local-name()='g'][@data-group='scholarship']/*[local-name()='rect']")
    assert [(b.get("data-low"), b.get("data-high")) for b in bars] == [("800000", "900000"), ("850000", "")]
    assert len(svg.xpath(".//*[local-name()='text'][@class='pe-chart-tick']")) == 3  # 0, half, max: long labels
    rows = figure.xpath(".//table//tbody/tr")
    drawn = [r.xpath("string(td[@class='pe-chart-value'])") for r in rows if r.get("data-drawn") == "true"]
    assert "854,300" in drawn and any(d.startswith("342,000") for d in drawn)
    other = [r.xpath("string(td[@class='pe-chart-value'])") for r in rows if r.get("data-drawn") == "false"]
    assert other == ["18%"]


def test_no_chart_for_a_cause(site: Path) -> None:
    assert not page(site, "claims/claim-cause-terror.html").xpath("//figure")


def test_apparatus_note_mode() -> None:
    out = run_mode("apparatus.xsl", "pe:apparatus-note", "pe:claims()//tei:app[1]",
                   '<xsl:with-param name="current" select="\'pamphlet\'" tunnel="yes"/>')
    note = out[0]
    assert note.get("data-claim") == "claim-expelled-1933"
    items = note.xpath(".//ul[@class='pe-app-sources']/li")
    assert [li.get("data-source") for li in items] == ["encyc", "pamphlet", "encyc"]
    assert [li.get("class") for li in items] == [None, "pe-app-current", None]
    assert items[1].xpath(".//a/@href") == ["../sources/pamphlet.html#pamphlet-seg1"]
    scholarship = note.xpath(".//ul[@class='pe-app-scholarship']/li")
    assert [s.xpath("string(cite)") for s in scholarship] == ["Fixture 1985, p. 58", "Testcase 1968, pp. 196–199"]
    assert "Medium confidence" in "".join(note.itertext())
    assert note.xpath(".//p[@class='pe-app-more']/a/@href") == ["../claims/claim-expelled-1933.html#syn-col-pamphlet"]  # the synoptic page, at this source


@pytest.mark.parametrize("cert, words, dots", [("high", "High confidence", "●●●"),
                                                ("low", "Low confidence", "●○○"),
                                                ("unknown", "Confidence not stated", "○○○")])
def test_certainty_badge_says_it_in_words(cert: str, words: str, dots: str) -> None:
    text = f"""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
      xmlns:pe="https://purges-edition.example/ns">
      <xsl:import href="{(PATHS.xslt / 'modules' / 'apparatus.xsl').as_uri()}"/>
      <xsl:output method="xml" omit-xml-declaration="yes"/>
      <xsl:template name="xsl:initial-template">
        <xsl:call-template name="pe:certainty-badge"><xsl:with-param name="cert" select="'{cert}'"/></xsl:call-template>
      </xsl:template>
    </xsl:stylesheet>"""
    badge = etree.fromstring(Saxon().compile_text(text, PATHS.xslt / "x.xsl").call_template_returning_string(None).encode())
    assert badge.get("data-cert") == cert
    assert badge.xpath("string(span[@class='pe-cert-text'])") == words
    assert badge.xpath("string(span[@class='pe-cert-meter'])") == dots


def test_pointer_resolves_through_the_files_prefix_definitions() -> None:
    out = run_mode("names.xsl", "pe:entity-entry",
                   "pe:pointer-target('per:yezhov', (pe:doc('sources/encyc.xml')//tei:persName)[1])")
    entry = out[0]
    assert entry.xpath("string(dd[@class='pe-entry-name'])") == "Nikolai Yezhov"
    assert entry.xpath("dd/a/@href") == ["https://www.wikidata.org/wiki/Q1"]


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("real-site")
    Saxon().transform(PATHS.xslt / "claims.xsl", base_output=out, params={"tei-root": PATHS.tei.resolve().as_uri() + "/"})
    return out


def test_a_context_figure_is_shown_as_context_and_not_charted(real_site: Path) -> None:
    """Khrushchev's 98 Central Committee members is context in the claim on the 1937 expulsions:
    shown as a context figure, absent from the chart's table, and the measures are named."""
    doc = page(real_site, "claims/claim-expelled-1937.html")
    context = doc.xpath("//dd[@class='pe-figure-context']")
    assert [" ".join(d.text_content().split()) for d in context] == ["98"]
    table = " ".join(doc.xpath("//div[contains(@class, 'pe-chart-block')]//table")[0].text_content().split())
    assert "98" not in table.replace("1998", "") and "100,000" in table
    assert any("Central Committee" in d.text_content() for d in doc.xpath("//dd[@class='pe-measure']"))


def test_related_claims_are_links_to_claim_pages(real_site: Path) -> None:
    doc = page(real_site, "claims/claim-death-toll-great-purge.html")
    links = doc.xpath("//nav[@class='pe-related']//a/@href")
    assert any(h.endswith("claim-executions-1937-1938.html") for h in links)
    for href in links:
        assert (real_site / "claims" / Path(href).name).is_file(), href
    notes = " ".join(n.text_content() for n in doc.xpath("//p[@class='pe-reading-note']"))
    assert "Derived by the editors" in notes and "797,614" in notes


def test_the_chart_table_says_when_a_figure_counts_something_else(real_site: Path) -> None:
    doc = page(real_site, "claims/claim-arrests-1937-1938.html")
    cells = [" ".join(td.text_content().split()) for td in doc.xpath("//td[@class='pe-chart-value']")]
    assert any("counts: persons convicted" in c for c in cells)
    assert sum("counts:" in c for c in cells) < len(cells)
