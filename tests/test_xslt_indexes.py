"""The index pages (xslt/indexes.xsl, modules/names.xsl) on the mini collection."""
from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from teipub import catalogue
from teipub.project import PATHS
from teipub.saxon import Saxon

MINI = Path(__file__).parent / "fixtures" / "xslt" / "mini"
TEI = {"tei": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    Saxon().transform(PATHS.xslt / "indexes.xsl", base_output=out,
                      params={"tei-root": MINI.resolve().as_uri() + "/"})
    return out


def page(site: Path, path: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(site / path)).getroot()


def mentions_in_fixture(ref: str) -> list[tuple[str, str]]:
    """(siglum, text) of every mention of `ref` in the fixture sources, in order."""
    found = []
    for src in sorted((MINI / "sources").glob("*.xml"), key=lambda p: ["encyc", "pamphlet"].index(p.stem)):
        tree = etree.parse(str(src))
        for el in tree.xpath("//tei:text//*[@ref=$r]", r=ref, namespaces=TEI):
            found.append((src.stem, " ".join("".join(el.itertext()).split())))
    return found


@pytest.mark.parametrize("kind, ids", [("persons", ["per-conquest", "per-stalin", "per-yezhov"]),
                                       ("places", ["pla-moscow"]),
                                       ("organisations", ["org-central-committee", "org-nkvd"])])
def test_a_list_and_a_page_per_entry(site: Path, kind: str, ids: list[str]) -> None:
    assert sorted(p.stem for p in (site / "indexes" / kind).glob("*-*.html")) == ids
    listing = page(site, f"indexes/{kind}/index.html")
    hrefs = listing.xpath("//ul[@class='pe-index-list']/li/a/@href")
    assert sorted(Path(h).stem for h in hrefs) == ids


def test_persons_are_alphabetical_by_surname(site: Path) -> None:
    names = page(site, "indexes/persons/index.html").xpath("//ul[@class='pe-index-list']/li/a/text()")
    assert names == ["Robert Conquest", "Joseph Stalin", "Nikolai Yezhov"]
    # editors are not index entries
    assert not (site / "indexes" / "persons" / "ed-encoding.html").exists()


def test_entry_page_lists_every_mention_in_context_with_its_link(site: Path) -> None:
    doc = page(site, "indexes/persons/per-yezhov.html")
    expected = mentions_in_fixture("per:yezhov")
    items = doc.xpath("//section[@data-source]//ol/li")
    assert [(li.xpath("string(ancestor::section[@data-source][1]/@data-source)"),
             li.xpath("string(.//mark)")) for li in items] == expected
    assert items[0].xpath(".//a/@href") == ["../../sources/encyc.html#encyc-p2"]
    # the forms each source uses
    assert doc.xpath("//section[@data-source]/p[@class='pe-forms']/text()") == [
        "Named as: Nikolai Yezhov.", "Named as: Ezhov."]
    context = " ".join(items[0].xpath("string(span[@class='pe-context'])").split())
    assert context.startswith("The terror of 1936–1938 was run by Nikolai Yezhov at the head of the NKVD")
    # the entry itself: preferred name, variants, dates, role, Wikidata
    entry = doc.xpath("//dl[@class='pe-entry']")[0]
    assert entry.xpath("string(dd[@class='pe-entry-variants'])") == "Ezhov; Yezhov"
    assert "4 February 1940" in entry.text_content() and "head of the NKVD" in entry.text_content()
    assert entry.xpath(".//a/@href") == ["https://www.wikidata.org/wiki/Q1"]


def test_place_entry_has_coordinates(site: Path) -> None:
    doc = page(site, "indexes/places/pla-moscow.html")
    geo = doc.xpath("//dd[@class='pe-entry-geo']")[0]
    assert (geo.get("data-lat"), geo.get("data-long")) == ("55.7558", "37.6173")
    assert len(doc.xpath("//section[@data-source]//ol/li")) == len(mentions_in_fixture("pla:moscow"))


def test_entry_lists_the_claims_whose_readings_name_it(site: Path) -> None:
    doc = page(site, "indexes/persons/per-stalin.html")
    assert doc.xpath("//ul[@class='pe-entry-claims']/li/a/@href") == ["../../claims/claim-cause-terror.html"]
    assert not page(site, "indexes/persons/per-conquest.html").xpath("//ul[@class='pe-entry-claims']")


def test_mention_context_is_cut_to_a_window() -> None:
    text = f"""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
      xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:pe="https://purges-edition.example/ns">
      <xsl:import href="{(PATHS.xslt / 'modules' / 'names.xsl').as_uri()}"/>
      <xsl:param name="tei-root" select="'{MINI.resolve().as_uri()}/'"/>
      <xsl:output method="text"/>
      <xsl:template name="xsl:initial-template">
        <xsl:value-of select="pe:mention-context((pe:doc('sources/encyc.xml')//tei:persName)[1], 3)" separator="|"/>
      </xsl:template>
    </xsl:stylesheet>"""
    out = Saxon().compile_text(text, PATHS.xslt / "x.xsl").call_template_returning_string(None)
    assert out == "… was run by |Nikolai Yezhov| at the head …"


def test_source_form_keeps_the_source_spelling_beside_the_correction() -> None:
    text = f"""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
      xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:pe="https://purges-edition.example/ns">
      <xsl:import href="{(PATHS.xslt / 'modules' / 'names.xsl').as_uri()}"/>
      <xsl:param name="tei-root" select="'{MINI.resolve().as_uri()}/'"/>
      <xsl:output method="text"/>
      <xsl:variable name="names" as="element()*">
        <tei:persName>Ni<tei:supplied>k</tei:supplied>olai <tei:choice><tei:sic>Bukarin</tei:sic><tei:corr>Bukharin</tei:corr></tei:choice></tei:persName>
        <tei:persName>Yezhov</tei:persName>
      </xsl:variable>
      <xsl:template name="xsl:initial-template">
        <xsl:value-of select="$names ! pe:source-form(.)" separator="|"/>
      </xsl:template>
    </xsl:stylesheet>"""
    out = Saxon().compile_text(text, PATHS.xslt / "x.xsl").call_template_returning_string(None)
    assert out == "Niolai Bukarin [Nikolai Bukharin]|Yezhov"


def _mini_catalogue(tmp_path: Path, page_sources: int, part_sources: int) -> dict[str, str]:
    """The stylesheets' parameters with a catalogue of the mini collection whose entry pages hold
    `page_sources` sources each and whose parts read `part_sources` sources each."""
    cat = catalogue.collect(MINI).catalogue(["encyc", "pamphlet"])
    cat.entry_page_sources, cat.part_sources = page_sources, part_sources
    whole, _ = cat.write(tmp_path / "catalogue")
    return {"tei-root": MINI.resolve().as_uri() + "/", "catalogue": whole.resolve().as_uri()}


def test_an_entry_named_by_more_sources_than_a_page_holds_is_split(site: Path, tmp_path: Path):
    """With one source to a page (the catalogue's pages), an entry named in both fixture sources has
    a second page with the other source's mentions; together the pages list what the single page
    lists."""
    Saxon().transform(PATHS.xslt / "indexes.xsl", base_output=tmp_path / "site",
                      params=_mini_catalogue(tmp_path, page_sources=1, part_sources=200))
    split_entries = sorted(p.parent.name + "/" + p.name for p in (tmp_path / "site").glob("indexes/*/*/2.html"))
    assert split_entries
    for rel in split_entries:
        entry = Path(rel).parent.name
        base = tmp_path / "site" / "indexes"
        first = next(base.glob(f"*/{entry}.html"))
        second = first.parent / entry / "2.html"
        one = page(site, str(first.relative_to(tmp_path / "site")))
        sections = lambda doc: [s.get("data-source") for s in doc.xpath("//section[@data-source]")]  # noqa: E731
        assert sections(one) == sections(lxml.html.parse(str(first)).getroot()) + sections(
            lxml.html.parse(str(second)).getroot())
        assert lxml.html.parse(str(second)).getroot().xpath("//nav[contains(@class, 'pe-pager')]//a")


def test_the_pages_written_in_parts_are_the_pages_written_at_once(tmp_path: Path):
    """With one source to a part, every entry page is written by a part of its own sources, and the
    parts together write, byte for byte, what one transformation writes."""
    params = _mini_catalogue(tmp_path, page_sources=1, part_sources=1)
    whole = tmp_path / "whole"
    Saxon().transform(PATHS.xslt / "indexes.xsl", base_output=whole, params=params)
    cat = catalogue.collect(MINI).catalogue(["encyc", "pamphlet"])
    cat.entry_page_sources, cat.part_sources = 1, 1
    parts = cat.index_parts()
    assert parts[0] == "lists" and len(parts) > 2
    split = tmp_path / "parts"
    saxon = Saxon()
    written: list[set[str]] = []
    for part in parts:
        before = {p for p in split.rglob("*") if p.is_file()}
        saxon.transform(PATHS.xslt / "indexes.xsl", base_output=split, params={**params, "part": part})
        written.append({p.relative_to(split).as_posix() for p in split.rglob("*") if p.is_file()} - {
            p.relative_to(split).as_posix() for p in before})
    assert all(written) and sum(map(len, written)) == len(set().union(*written))  # each page written once
    assert written[0] == {"indexes/index.html"} | {f"indexes/{k}/index.html" for k in ("persons", "places", "organisations")}
    files = sorted(p.relative_to(whole).as_posix() for p in whole.rglob("*") if p.is_file())
    assert files == sorted(set().union(*written))
    for rel in files:
        assert (split / rel).read_bytes() == (whole / rel).read_bytes(), rel
