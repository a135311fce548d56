"""xslt/modules/functions.xsl, labels.xsl and citation.xsl: one function at a time."""
from __future__ import annotations

import json
from urllib.parse import unquote

import pytest

from teipub.saxon import XsltError
from xslt_support import evaluate, tei

F = "modules/functions.xsl"


@pytest.mark.parametrize(("expr", "expected"), [
    ("pe:ref-id('per:yezhov')", "per-yezhov"),
    ("pe:ref-id('#encyc-p4')", "encyc-p4"),
    ("pe:ref-kind('claim:expelled-1933')", "claim"),
    ("pe:ref-kind('sources/encyc.xml#x')", ""),
    ("pe:entity-path('pla-moscow')", "indexes/places/pla-moscow.html"),
    ("pe:entity-path('org-nkvd')", "indexes/organisations/org-nkvd.html"),
    ("pe:ref-path('claim:expelled-1933')", "claims/claim-expelled-1933.html"),
    ("pe:ref-path('bib:getty-1985')", "bibliography.html#bib-getty-1985"),
    ("pe:ref-path('ed:encoding')", "about.html#ed-encoding"),
    ("pe:corresp-path('sources/encyc.xml#encyc-num7')", "sources/encyc.html#encyc-num7"),
    ("pe:source-path('essay')", "sources/essay.html"),
    ("pe:page-path('claims')", "claims/index.html"),
    ("pe:root-of('indexes/persons/per-x.html')", "../../"),
    ("pe:root-of('index.html')", ""),
    ("pe:iso-label('1937-03-05')", "5 March 1937"),
    ("pe:iso-label('1932-12')", "December 1932"),
])
def test_pure_functions(expr, expected):
    assert evaluate(F, expr) == expected


@pytest.mark.parametrize(("attrs", "expected"), [
    ('when="1937"', "1937"),
    ('from="1936" to="1938"', "1936–1938"),
    ('notBefore="1934"', "not before 1934"),
    ('notAfter="1933"', "not after 1933"),
    ('notBefore="2016" notAfter="2026-11-23"', "between 2016 and 23 November 2026"),
])
def test_date_label(attrs, expected):
    assert evaluate(F, "pe:date-label($doc/*)", f"<date {attrs}>x</date>") == expected


def test_resolve_finds_index_entries_and_claims_in_the_collection():
    assert evaluate(F, "pe:resolve('per:yezhov')/local-name()") == "person"
    assert evaluate(F, "normalize-space(pe:resolve('claim:expelled-1933')/*:note[@type='question'])").startswith("How many")
    assert evaluate(F, "count(pe:resolve('per:nobody'))") == "0"


def test_sources_in_siglum_order_skip_missing_files():
    assert evaluate(F, "pe:sources()/*/@xml:id/string()", params={"sigla": "missing sample"}) == "sample"


def test_build_date_falls_back_to_the_latest_change():
    assert evaluate(F, "pe:build-date()", params={"build-date": ""}) == "2026-11-23"


def test_label_fills_arguments_and_rejects_unknown_keys():
    assert evaluate(F, "pe:label('footer-version', ('1.2', '2026-01-01'))") == "Version 1.2, built 2026-01-01."
    with pytest.raises(XsltError) as err:
        evaluate(F, "pe:label('no-such-key')")
    assert "no-such-key" in err.value.message


def test_citations_carry_version_and_build_date():
    c = "modules/citation.xsl"
    chicago = evaluate(c, "pe:cite-chicago('Essay', 'sources/essay.html')")
    assert "“Essay.”" in chicago and "version 0.1.0, 2026-11-23" in chicago
    bibtex = evaluate(c, "pe:cite-bibtex('Essay', 'sources/essay.html')")
    assert bibtex.startswith("@misc{purges-sources-essay,") and "date = {2026-11-23}" in bibtex
    csl = json.loads(evaluate(c, "pe:cite-csl('Essay', 'sources/essay.html')"))
    assert csl[0]["title"] == "Essay" and csl[0]["issued"]["date-parts"] == [[2026, 11, 23]]
    # without a build address the citation names the edition's declared one (tei/edition.xml)
    declared = evaluate("modules/functions.xsl", "pe:site-base()")
    assert declared.startswith("http") and declared.endswith("/")
    assert csl[0]["URL"] == declared + "sources/essay.html"
    assert declared + "sources/essay.html" in chicago and "url = {" + declared in bibtex
    # the access date is the reader's (cite.js fills the placeholder), never the build's
    assert "Accessed [date of your visit]." in chicago and "urldate = {[date of your visit]}" in bibtex
    ris = evaluate(c, "pe:cite-ris('Essay', 'sources/essay.html')")
    assert "ET  - 0.1.0" in ris and "UR  - " + declared in ris and "Y2  - [date of your visit]" in ris
    with_url = json.loads(evaluate(c, "pe:cite-csl('Essay', 'sources/essay.html')",
                                   params={"site-base": "https://example.org/ed/"}))
    assert with_url[0]["URL"] == "https://example.org/ed/sources/essay.html"


def test_citation_titles_end_in_one_mark():
    c = "modules/citation.xsl"
    assert "“Was it a purge?”" in evaluate(c, "pe:cite-chicago('Was it a purge?', 'x.html')")
    assert evaluate("modules/functions.xsl", "pe:sentence('Zemskov, Viktor N.')") == "Zemskov, Viktor N."
    assert evaluate("modules/functions.xsl", "pe:sentence('Getty, J. Arch')") == "Getty, J. Arch."


def test_cite_block_offers_csl_json_as_a_download():
    href = evaluate("modules/citation.xsl", "pe:cite-block('T', 'about.html')//*:a[@class = 'cite-csl']/@href")
    assert href.startswith("data:application/vnd.citationstyles.csl+json")
    assert json.loads(unquote(href.split(",", 1)[1]))[0]["title"] == "T"


def test_markdown_blocks_and_inline():
    md = "# Title\n\nSome `code` and **bold**.\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n- one\n- two\n\n```xml\n<x/>\n```\n"
    html = evaluate("modules/markdown.xsl", "serialize(pe:markdown($doc/*/string(), 'm-', 2))",
                    f"<t>{md.replace('<', '&lt;')}</t>")
    assert '<h2 id="m-title">Title</h2>' in html
    assert "<code>code</code>" in html and "<strong>bold</strong>" in html
    assert "<th scope=\"col\">a</th>" in html and "<td>2</td>" in html
    assert "<li>one</li><li>two</li>" in html
    assert "<pre><code>&lt;x/&gt;</code></pre>" in html


def test_tei_helper_wraps_in_namespace():
    assert 'xml:id="sample"' in tei("")
