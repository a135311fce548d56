"""Pages that must not grow with the collection: a reading page's note on a claim lists the
readings of its own source and of at most `apparatus-sources` others (xslt/modules/params.xsl),
and the page's slice of the catalogue carries only those; the claims overview is split into pages
past a fixed number of claims."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from build_support import project_copy
from teipub import catalogue
from teipub.build import build, site_dir
from teipub.project import ROOT, Paths

TEI = "http://www.tei-c.org/ns/1.0"
HEADER = ('<teiHeader><fileDesc><titleStmt><title type="sub">Sub {s}</title></titleStmt><sourceDesc><bibl>'
          '<title>Title {s}</title></bibl></sourceDesc></fileDesc><encodingDesc><listPrefixDef>'
          '<prefixDef ident="claim" matchPattern="([a-z]+)" replacementPattern="../claims.xml#claim-$1"/>'
          '</listPrefixDef></encodingDesc></teiHeader>')


def _many_readings(tmp_path: Path, n: int) -> Path:
    """n sources, each with a span on claim x and a reading of it in the register."""
    tei = tmp_path / "tei"
    (tei / "sources").mkdir(parents=True)
    for i in range(n):
        (tei / "sources" / f"s{i:02d}.xml").write_text(
            f'<TEI xmlns="{TEI}" xml:id="s{i:02d}">{HEADER.format(s=i)}<text><body>'
            f'<p><seg xml:id="s{i:02d}-seg1" ana="claim:x">one</seg></p></body></text></TEI>', encoding="utf-8")
    witnesses = "".join(f'<witness xml:id="wit-s{i:02d}" corresp="sources/s{i:02d}.xml">S {i}</witness>'
                        for i in range(n))
    readings = "".join(f'<rdg wit="#wit-s{i:02d}" corresp="sources/s{i:02d}.xml#s{i:02d}-seg1"><quote>r{i}</quote></rdg>'
                       for i in range(n))
    (tei / "claims.xml").write_text(
        f'<TEI xmlns="{TEI}" xml:id="claims"><teiHeader><fileDesc><sourceDesc><listWit>{witnesses}'
        f'</listWit></sourceDesc></fileDesc></teiHeader><text><body><app xml:id="claim-x" ana="#kind-quantity #topic-t">'
        f'<rdgGrp type="sources">{readings}</rdgGrp><rdgGrp type="scholarship"><rdg source="bib:w"/></rdgGrp>'
        f'<note type="editorial" resp="ed:historical">Judgement.</note></app></body></text></TEI>',
        encoding="utf-8")
    return tei


def test_the_cap_is_read_from_params_xsl():
    assert catalogue.apparatus_sources() == 5
    text = (ROOT / "xslt" / "modules" / "params.xsl").read_text(encoding="utf-8")
    assert re.search(r'<xsl:param name="apparatus-sources" as="xs:string" select="\'5\'"/>', text)


@pytest.mark.parametrize("n", [12, 40])
def test_a_slice_carries_the_readings_its_note_lists_and_the_count_of_all(tmp_path: Path, n: int):
    tei = _many_readings(tmp_path, n)
    cat = catalogue.collect(tei).catalogue()
    cap = cat.apparatus_sources
    page = cat.page("s07")
    app = page.find(f"{{{TEI}}}app")
    wits = [r.get("wit") for r in app.iter(f"{{{TEI}}}rdg") if r.get("wit")]
    # its own reading and the first `cap` others, in the register's order
    assert wits == [f"#wit-s{i:02d}" for i in range(cap)] + ["#wit-s07"]
    assert app.find(f"{{{TEI}}}rdgGrp[@type='scholarship']/{{{TEI}}}rdg") is not None
    assert app.find(f"{{{TEI}}}note[@type='editorial']") is not None
    assert page.find("claim[@id='claim-x']").get("sources") == str(n)
    # the sources and witnesses the slice names are those of the readings it keeps
    named = {f.get("siglum") for f in page.iter("file")}
    assert named == {f"s{i:02d}" for i in range(cap)} | {"s07"}
    # the slice does not grow with the claim's readings
    sizes = [len(catalogue.etree.tostring(cat.page(s))) for s in ("s07", f"s{n - 1:02d}")]
    small = catalogue.collect(_many_readings(tmp_path / "small", cap + 3)).catalogue().page("s07")
    assert abs(sizes[0] - len(catalogue.etree.tostring(small))) < 20


def test_an_uncapped_catalogue_keeps_every_reading(tmp_path: Path):
    cat = catalogue.collect(_many_readings(tmp_path, 12)).catalogue(cap=20)
    assert len(list(cat.page("s03").iter(f"{{{TEI}}}rdg"))) == 13  # 12 sources and the scholarship


@pytest.fixture()
def project(tmp_path: Path) -> Paths:
    return project_copy(tmp_path)


def _set_cap(project: Paths, n: int) -> None:
    params = project.xslt / "modules" / "params.xsl"
    text = params.read_text(encoding="utf-8")
    old = 'name="apparatus-sources" as="xs:string" select="\'5\'"'
    assert old in text
    params.write_text(text.replace(old, f'name="apparatus-sources" as="xs:string" select="\'{n}\'"'), encoding="utf-8")


def _note(html: str, claim: str) -> str:
    start = html.index(f'data-claim="{claim}"')
    return html[start:html.index("</div>", start)]


def test_a_note_past_the_cap_counts_the_other_sources_and_links_to_the_claim_page(project: Paths):
    _set_cap(project, 1)
    build(project, validate=False)
    note = _note((site_dir(project) / "sources" / "sample.html").read_text(encoding="utf-8"),
                 "claim-expelled-1933")
    # the register has readings from encyc, pamphlet and sample: sample's own and the first other
    assert re.findall(r'<li data-source="(\w+)"', note) == ["encyc", "sample"]
    assert 'class="pe-app-current"' in note
    others = re.search(r'<li class="pe-app-others"><a href="([^"]+)">([^<]+)</a></li>', note)
    assert others is not None
    assert others.group(1) == "../claims/claim-expelled-1933.html"
    assert others.group(2) == "and 1 more source: all readings on the claim page"
    assert "pe-app-scholarship" in note and "pe-app-note" in note


def test_a_note_within_the_cap_is_unchanged(project: Paths):
    build(project, validate=False)
    note = _note((site_dir(project) / "sources" / "sample.html").read_text(encoding="utf-8"),
                 "claim-expelled-1933")
    assert re.findall(r'<li data-source="(\w+)"', note) == ["encyc", "pamphlet", "sample"]
    assert "pe-app-others" not in note


# ------------------------------------------------------------------ the claims overview

def _overview(tmp_path: Path, tei: Path, size: str | None = None) -> Path:
    from teipub.saxon import Saxon

    params = {"tei-root": tei.resolve().as_uri() + "/"}
    if size is not None:
        params["claims-page-size"] = size
    Saxon().transform(ROOT / "xslt" / "claims.xsl", base_output=tmp_path, params=params)
    return tmp_path / "claims"


def _rows(page: Path) -> list[str]:
    return re.findall(r'<tr id="(claim-[^"]+)"', page.read_text(encoding="utf-8"))


def _many_claims(tmp_path: Path, n: int) -> Path:
    """The mini collection with a register of n claims (copies of its first claim)."""
    tei = tmp_path / "tei"
    shutil.copytree(ROOT / "tests" / "fixtures" / "xslt" / "mini", tei)
    register = tei / "claims.xml"
    text = register.read_text(encoding="utf-8")
    start = text.index("<app ")
    end = text.index("</app>", start) + len("</app>")
    first = text[start:end]
    ident = re.search(r'xml:id="([^"]+)"', first).group(1)
    copies = "".join(first.replace(f'xml:id="{ident}"', f'xml:id="{ident}-{i:03d}"', 1) for i in range(n))
    register.write_text(text[:end] + copies + text[end:], encoding="utf-8")
    return tei


def test_a_large_register_is_split_into_pages_of_claims(tmp_path: Path):
    tei = _many_claims(tmp_path, 45)  # 47 claims with the mini register's two
    claims = _overview(tmp_path / "site", tei, "20")
    pages = [claims / "index.html", claims / "2.html", claims / "3.html"]
    rows = [_rows(p) for p in pages]
    assert [len(r) for r in rows] == [20, 20, 7]
    assert len(set(sum(rows, []))) == 47  # every claim once, in the register's order
    assert not (claims / "4.html").exists()
    for number, page in enumerate(pages, 1):
        html = page.read_text(encoding="utf-8")
        assert f"page {number} of 3" in html
        assert '<nav class="pe-pager"' in html and 'aria-current="page">' + str(number) in html
        assert "The 47 claims" in html  # the intro counts the whole register
        assert 'class="pe-claims-filter"' in html and 'id="pe-claims-table"' in html
    # every claim still has its own page
    assert all((claims / f"{c}.html").exists() for c in sum(rows, []))


def test_a_register_within_the_page_size_is_one_page(tmp_path: Path):
    claims = _overview(tmp_path / "site", ROOT / "tests" / "fixtures" / "xslt" / "mini")
    html = (claims / "index.html").read_text(encoding="utf-8")
    assert len(_rows(claims / "index.html")) == 2
    assert "pe-pager" not in html and not (claims / "2.html").exists()


def test_the_sources_of_a_large_collection_are_split_into_column_pages(tmp_path: Path):
    """Past `claims-page-sources` sources the overview's columns are split into groups, each a page
    of its own with every claim row, so that no overview page grows in width with the collection."""
    from teipub.saxon import Saxon

    tei = _many_readings(tmp_path, 12)
    register = tei / "claims.xml"  # the overview lists the claims of the register's listApp
    register.write_text(register.read_text(encoding="utf-8").replace("<body><app", "<body><listApp><app")
                        .replace("</app></body>", "</app></listApp></body>"), encoding="utf-8")
    sigla = [f"s{i:02d}" for i in range(12)]
    Saxon().transform(ROOT / "xslt" / "claims.xsl", base_output=tmp_path / "site", params={
        "tei-root": tei.resolve().as_uri() + "/", "sigla": " ".join(sigla), "claims-page-sources": "5"})
    claims = tmp_path / "site" / "claims"
    pages = [claims / "index.html", claims / "1-2.html", claims / "1-3.html"]
    columns = [re.findall(r'<th scope="col" data-source="(\w+)"', p.read_text(encoding="utf-8")) for p in pages]
    assert columns == [sigla[0:5], sigla[5:10], sigla[10:12]]  # every source once, in reading order
    assert not (claims / "1-4.html").exists() and not (claims / "2.html").exists()
    for number, page in enumerate(pages, 1):
        html = page.read_text(encoding="utf-8")
        assert _rows(page) == ["claim-x"]
        pager = re.search(r'<nav class="pe-pager pe-column-pager".*?</nav>', html, re.S).group(0)
        assert re.findall(r'sources (\d+–\d+)', pager) == ["1–5", "6–10", "11–12"]
        assert re.search(r'aria-current="page">sources ' + ["1–5", "6–10", "11–12"][number - 1], pager)
        # the cells hold the readings of the page's own sources
        shown = set(re.findall(r'<td data-source="(\w+)"[^>]*class="pe-verdict-cell"', html))
        assert shown == set(columns[number - 1])


def test_the_editions_sources_fit_one_overview_page():
    text = (ROOT / "xslt" / "claims.xsl").read_text(encoding="utf-8")
    size = int(re.search(r'name="claims-page-sources" as="xs:string" select="\'(\d+)\'"', text).group(1))
    assert len(re.findall(r'<idno type="edition">', (ROOT / "tei" / "edition.xml").read_text(encoding="utf-8"))) <= size


def test_the_page_size_holds_the_editions_register_on_one_page():
    text = (ROOT / "xslt" / "claims.xsl").read_text(encoding="utf-8")
    size = int(re.search(r'name="claims-page-size" as="xs:string" select="\'(\d+)\'"', text).group(1))
    apps = (ROOT / "tei" / "claims.xml").read_text(encoding="utf-8").count("<app ")
    assert apps <= size


def test_a_reading_page_with_many_readings_names_only_the_sources_it_shows(tmp_path: Path):
    """The note and the legend of sigla on a page of a large collection list its own source and at
    most `apparatus-sources` others, however many sources read the claim."""
    from teipub.saxon import Saxon

    tei = _many_readings(tmp_path, 12)
    cat = catalogue.collect(tei).catalogue([f"s{i:02d}" for i in range(12)])
    _, slices = cat.write(tmp_path / "catalogue")
    out = tmp_path / "s07.html"
    Saxon().transform(ROOT / "xslt" / "source.xsl", source=tei / "sources" / "s07.xml", output=out,
                      base_output=tmp_path, params={
                          "tei-root": tei.resolve().as_uri() + "/", "sigla": " ".join(cat.order),
                          "catalogue": slices["s07"][0].resolve().as_uri()})
    html = out.read_text(encoding="utf-8")
    legend = re.search(r'<dl class="sigla-legend".*?</dl>', html, re.S).group(0)
    cap = cat.apparatus_sources
    expected = [f"s{i:02d}" for i in range(cap)] + ["s07"]
    assert re.findall(r'<abbr class="siglum"[^>]*>(\w+)</abbr>', legend) == expected
    note = _note(html, "claim-x")
    assert re.findall(r'<li data-source="(\w+)"', note) == expected
    assert f"and {12 - cap - 1} more sources: all readings on the claim page" in note
