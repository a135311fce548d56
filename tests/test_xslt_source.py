"""xslt/source.xsl (with header.xsl), home.xsl and pages.xsl on the small fixture collection."""
from __future__ import annotations

import json
import pytest
from lxml import etree, html

from xslt_support import FIXTURES, apply_mode, call_initial, transform_file

SAMPLE = FIXTURES / "sources" / "sample.xml"


@pytest.fixture(scope="module")
def page() -> html.HtmlElement:
    return html.document_fromstring(transform_file("source.xsl", SAMPLE))


def test_header_becomes_a_source_description():
    out = apply_mode("modules/header.xsl", "pe:header", SAMPLE.read_text(encoding="utf-8"), "//*:teiHeader")
    facts = {dt.text: dt.getnext() for dt in out.iter("dt")}
    assert facts["Original title"].findtext("cite") == "Purges in brief"
    assert facts["Author"].text == "A. Student"
    assert facts["Genre"].text == "school essay" and facts["Stance"].text == "mainstream"
    assert facts["Corrections"].findtext("p") == "Slips are marked with sic and corr."
    assert [li.findtext("time") for li in out.iter("li") if li.find("time") is not None] == ["2026-11-20", "2026-11-23"]


def test_page_shell_landmarks_language_and_metadata(page):
    assert page.get("lang") == "en"
    assert page.find(".//main[@id='main']") is not None
    assert page.find(".//nav[@aria-label='Main']") is not None
    assert page.find(".//footer").text_content().count("Version 0.1.0, built 2026-11-23") == 1
    alt = page.find(".//link[@rel='alternate']")
    assert alt.get("type") == "application/tei+xml" and alt.get("href") == "../downloads/sample.xml"
    meta = {m.get("name"): m.get("content") for m in page.iter("meta") if m.get("name")}
    assert meta["citation_title"] == "Sample"  # the short title of tei/edition.xml, the one name of a source
    assert meta["citation_publication_date"] == "2026/11/23"
    ld = json.loads(page.find(".//script[@type='application/ld+json']").text)
    assert ld["@context"] == "https://schema.org" and ld["isBasedOn"]["author"] == "A. Student"


def test_every_note_sign_and_entity_opens_something_on_the_page(page):
    ids = {e.get("id") for e in page.iter() if e.get("id")}
    signs = page.find_class("note-sign")
    assert signs and all(s.get("href")[1:] in ids for s in signs)
    note = page.get_element_by_id("note-claim-expelled-1933")
    assert "How many party members" in note.text_content()
    back = [a.get("href")[1:] for a in note.find_class("back-link")]
    assert back and all(b in ids for b in back)
    for ent in page.xpath("//a[contains(@class, 'ent ')][@data-ref]"):
        assert "entry-" + ent.get("data-ref") in ids
    entry = page.get_element_by_id("entry-per-stalin")
    assert "Q855" in entry.text_content() and entry.find(".//a[@href='../indexes/persons/per-stalin.html']") is not None


def test_ids_are_unique_and_local_links_resolve(page):
    ids = [e.get("id") for e in page.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    for a in page.iter("a"):
        href = a.get("href", "")
        if href.startswith("#"):
            assert href[1:] in ids, href


def test_reading_controls_are_a_labelled_form_hidden_until_scripted(page):
    form = page.get_element_by_id("reading-controls")
    assert form.get("hidden") is not None
    radios = form.xpath(".//input[@type='radio'][@name='view']")
    assert [r.get("value") for r in radios] == ["edited", "diplomatic"]
    assert radios[0].get("checked") is not None
    boxes = form.xpath(".//input[@type='checkbox']")
    assert {b.get("value") for b in boxes} == {"person", "place", "org", "date", "num", "claim"}
    assert all(b.getparent().tag == "label" for b in radios + boxes)
    article = page.get_element_by_id("reading")
    assert "view-all" in article.get("class").split()  # without the script every layer shows


def test_home_lists_sources_with_genre_date_and_stance():
    home = html.document_fromstring(call_initial("home.xsl"))
    card = home.get_element_by_id("source-sample")
    assert card.find(".//a").get("href") == "sources/sample.html"
    values = [dd.text for dd in card.iter("dd")]
    assert values == ["school essay", "30 March 2008", "mainstream"]
    assert home.find(".//title").text == "Purges in Dispute"


def test_pages_write_method_guidelines_about_licence_cite(tmp_path):
    from teipub.saxon import Saxon
    from teipub.project import ROOT

    Saxon().transform(ROOT / "xslt" / "pages.xsl", base_output=tmp_path, params={
        "tei-root": FIXTURES.resolve().as_uri() + "/", "sigla": "sample",
        "build-date": "2026-11-23", "edition-version": "0.1.0", "downloads": "sample.xml purges-corpus.xml"})
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["404.html", "about.html", "bibliography.html", "cite.html", "guidelines.html",
                       "licence.html", "method.html"]
    method = html.parse(str(tmp_path / "method.html")).getroot()
    assert "Slips are marked with sic and corr." in method.text_content()
    assert method.find(".//a[@href='bibliography.html']") is not None
    bibliography = html.parse(str(tmp_path / "bibliography.html")).getroot()
    assert bibliography.get_element_by_id("bib-getty-1985") is not None
    about = html.parse(str(tmp_path / "about.html")).getroot()
    assert about.get_element_by_id("ed-encoding") is not None
    cite = html.parse(str(tmp_path / "cite.html")).getroot()
    assert cite.find(".//a[@href='downloads/purges-corpus.xml']") is not None
    guidelines = html.parse(str(tmp_path / "guidelines.html")).getroot()
    assert guidelines.get_element_by_id("manual-heading").text == "The encoding manual"
    assert guidelines.get_element_by_id("manual-1-the-collection").tag == "h3"  # "## 1. The collection"
    assert guidelines.xpath("//h2[normalize-space() = 'Encoding manual']") == []  # its title is not repeated
    assert guidelines.xpath("//table[@class='spec-table']//code[. = '@subtype']")  # from the ODD


REAL = sorted((FIXTURES.parents[3] / "tei" / "sources").glob("*.xml"))


@pytest.mark.parametrize("source", REAL, ids=[p.stem for p in REAL])
def test_real_reading_pages_show_every_claim_with_its_note(source):
    """On the collection itself: every claim span has a note sign whose note is on the page, every
    local link resolves, every id is unique."""
    tei_root = source.parents[1].resolve().as_uri() + "/"
    out = transform_file("source.xsl", source, params={"tei-root": tei_root,
                                                        "sigla": "encyc notes infolist essay pamphlet"})
    page = html.document_fromstring(out)
    ids = [e.get("id") for e in page.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    local = {a.get("href")[1:] for a in page.iter("a") if a.get("href", "").startswith("#")}
    assert local <= set(ids)
    doc = etree.parse(str(source))
    claimed = set(doc.xpath("//*[local-name() = 'text']//@ana[contains(., 'claim:')]"))
    wanted = {"note-claim-" + t.split(":", 1)[1] for v in claimed for t in v.split() if t.startswith("claim:")}
    notes = {li.get("id") for li in page.find_class("app-note")}
    assert wanted == notes
