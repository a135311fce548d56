"""teipub/catalogue.py: the collect stage finds each fact once; the build parses each file once and
rebuilds, after a change to one source, only the pages that show it."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from build_support import CountingSaxon, add_twin, project_copy
from teipub import catalogue, collection
from teipub.build import build
from teipub.project import ROOT, Paths
from teipub.saxon import Saxon

TEI = "http://www.tei-c.org/ns/1.0"
HEADER = ('<teiHeader><fileDesc><titleStmt><title type="sub">Sub {s}</title></titleStmt><sourceDesc><bibl>'
          '<title>  Title   {s} </title></bibl></sourceDesc></fileDesc><encodingDesc><listPrefixDef>'
          '<prefixDef ident="per" matchPattern="([a-z]+)" replacementPattern="../indexes/persons.xml#per-$1"/>'
          '<prefixDef ident="claim" matchPattern="([a-z]+)" replacementPattern="../claims.xml#claim-$1"/>'
          '</listPrefixDef></encodingDesc></teiHeader>')


def _tei(tmp_path: Path, sources: dict[str, str]) -> Path:
    tei = tmp_path / "tei"
    (tei / "sources").mkdir(parents=True)
    (tei / "indexes").mkdir()
    (tei / "indexes" / "persons.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="persons"><text><body><listPerson>'
        '<person xml:id="per-a"><persName type="preferred">Anna  A.</persName><persName>Nan</persName></person>'
        '<person xml:id="per-b"><persName>Boris</persName></person>'
        '</listPerson></body></text></TEI>', encoding="utf-8")
    for siglum, body in sources.items():
        (tei / "sources" / f"{siglum}.xml").write_text(
            f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{siglum}">{HEADER.format(s=siglum)}'
            f'<text><body>{body}</body></text></TEI>', encoding="utf-8")
    return tei


def test_a_pointer_is_resolved_once_through_its_prefixdef(tmp_path: Path):
    tei = _tei(tmp_path, {"s": '<p><persName ref="per:a">A</persName></p>'})
    collector = catalogue.collect(tei)
    assert collector.pointers == {"per:a": ("indexes/persons.xml", "per-a")}
    doc = catalogue.collect(tei).catalogue(["s"]).document()
    assert [(p.get("token"), p.get("file"), p.get("id")) for p in doc.iter("pointer")] == [
        ("per:a", "indexes/persons.xml", "per-a")]


def test_mentions_are_counted_once_per_name_element(tmp_path: Path):
    tei = _tei(tmp_path, {
        "s": '<p><persName ref="per:a per:a">A</persName> <persName ref="per:a per:b">A and B</persName>'
             ' <rs ref="per:b">not a name element</rs></p><note><persName ref="per:b">B</persName></note>',
        "t": '<p><persName ref="per:b">B</persName></p>'})
    cat = catalogue.collect(tei).catalogue(["t", "s"])
    assert cat.mentions("per-a") == {"s": 2}
    assert cat.mentions("per-b") == {"t": 1, "s": 2}  # reading order: t, then s
    entity = cat.document().find("entity[@id='per-b']")
    assert (entity.get("name"), entity.get("sources"), entity.get("mentions")) == ("Boris", "2", "3")
    assert [(i.get("siglum"), i.get("title"), i.get("count")) for i in entity.iter("in")] == [
        ("t", "Title t", "1"), ("s", "Title s", "2")]
    # its index entry's pages: the sources each lists, and the part that writes it
    assert [(p.get("n"), p.text) for p in entity.iter("page")] == [("1", "t s")]
    assert cat.document().find("entity[@id='per-a']").get("name") == "Anna A."


def test_entry_pages_go_to_parts_that_each_read_a_bounded_number_of_sources(tmp_path: Path):
    sigla = [f"s{i}" for i in range(1, 8)]
    tei = _tei(tmp_path, {s: '<p><persName ref="per:a">A</persName></p>'
                          + ('<p><persName ref="per:b">B</persName></p>' if s in ("s1", "s6") else "") for s in sigla})
    cat = catalogue.collect(tei).catalogue(sigla)
    cat.entry_page_sources, cat.part_sources = 2, 3
    assert cat.entry_pages("per-a") == [["s1", "s2"], ["s3", "s4"], ["s5", "s6"], ["s7"]]
    assert cat.entry_pages("per-b") == [["s1", "s6"]]
    parts = cat.entry_parts()
    assert set(parts) == {("per-a", 1), ("per-a", 2), ("per-a", 3), ("per-a", 4), ("per-b", 1)}
    read: dict[int, set[str]] = {}
    for (ident, n), part in parts.items():
        read.setdefault(part, set()).update(cat.entry_pages(ident)[n - 1])
    assert all(len(sources) <= 3 for sources in read.values())
    # pages go in the order of their first source: per-b's (s1, s6) joins per-a's first page
    assert parts[("per-b", 1)] == parts[("per-a", 1)] == 1
    assert cat.index_parts() == ["lists", *map(str, range(1, max(parts.values()) + 1))]
    doc = cat.document()
    assert [(p.get("n"), p.get("part"), p.text) for p in doc.find("entity[@id='per-a']").iter("page")] == [
        (str(n), str(parts[("per-a", n)]), " ".join(cat.entry_pages("per-a")[n - 1])) for n in range(1, 5)]


def test_claim_spans_and_note_kinds(tmp_path: Path):
    tei = _tei(tmp_path, {"s": '<p><seg xml:id="s-seg1" ana="claim:x">one</seg><note xml:id="s-note1">f</note>'
                               '<note xml:id="s-note2" type="editorial" resp="ed:e">e</note></p>'})
    (tei / "claims.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="claims"><text><body>'
        '<app xml:id="claim-x"><rdgGrp type="sources"><rdg wit="#wit-s"/></rdgGrp></app></body></text></TEI>',
        encoding="utf-8")
    cat = catalogue.collect(tei).catalogue(["s"])
    doc = cat.document()
    assert [(s.get("siglum"), s.get("id")) for s in doc.find("claim[@id='claim-x']")] == [("s", "s-seg1")]
    # the words round a span are kept apart, for the claim pages alone
    assert not len(doc.find("claim/span"))
    passage = cat.passages().find("passage[@claim='claim-x'][@id='s-seg1']")
    assert [passage.findtext(part) for part in ("before", "text", "after")] == ["", "one", ""]
    assert [(n.get("id"), n.get("kind"), n.get("n")) for n in doc.iter("note")] == [
        ("s-note1", "footnote", "1"), ("s-note2", "editorial", "1")]  # each kind counted 1..n
    assert doc.find("file[@path='claims.xml']").get("role") == "claims"


def test_a_page_slice_holds_only_what_the_page_shows(tmp_path: Path):
    sources = {f"s{i}": '<p><persName ref="per:b">B</persName></p>' for i in range(8)}
    sources["lone"] = '<p><persName ref="per:a">A</persName></p>'
    tei = _tei(tmp_path, sources)
    cat = catalogue.collect(tei).catalogue(sorted(sources))
    page = cat.page("s7")
    assert [e.get("id") for e in page.iter("entity")] == ["per-b"]
    assert len(page.find("entity").findall("in")) == catalogue.MENTION_SOURCES
    shown = {f.get("siglum") for f in page.iter("file")}
    assert "lone" not in shown and "s7" in shown and len(shown) == catalogue.MENTION_SOURCES + 1


# ------------------------------------------------------------------ through the build

@pytest.fixture()
def project(tmp_path: Path) -> Paths:
    paths = project_copy(tmp_path)
    for name in ("other", "third"):
        add_twin(paths, name)
    return paths


def test_a_changed_header_rebuilds_only_its_page_when_no_other_page_shows_it(project: Paths):
    build(project, validate=False)
    third = project.sources / "third.xml"
    text = third.read_text(encoding="utf-8")
    # the header's change log is shown on no other page: only third's own page is transformed
    third.write_text(text.replace("</revisionDesc>", '<change when="2026-11-01" who="ed:encoding">x</change></revisionDesc>', 1)
                     if "</revisionDesc>" in text else text.replace("</body>", "<p>more</p></body>", 1), encoding="utf-8")
    saxon = CountingSaxon()
    build(project, validate=False, saxon=saxon, jobs=1)
    assert saxon.pages == ["third"]


def test_the_collect_stage_takes_the_trees_the_validator_parsed(project: Paths, monkeypatch):
    """Validation and collection share one parse per file: the build's collector is fed by the
    validator (collect() parses only for a build without validation)."""
    from teipub import build as build_module, validate as validator

    seen: list[Path] = []
    real = validator.validate

    def validating(*args, **kwargs):
        visit = kwargs["visit"]
        kwargs["visit"] = lambda path, root, data: (seen.append(path), visit(path, root, data))
        return real(*args, **kwargs)

    monkeypatch.setattr(validator, "validate", validating)
    monkeypatch.setattr(catalogue, "collect", lambda tei: pytest.fail("parsed the collection again"))
    try:
        build(project, incremental=False)
    except build_module.BuildError:
        pass  # the fixture collection need not be valid: what matters is who parsed it
    files = sorted(p.resolve() for p in project.tei.rglob("*.xml"))
    assert sorted(p.resolve() for p in seen) == files


def test_the_catalogue_orders_sources_as_the_edition_does(project: Paths):
    cat = catalogue.collect(project.tei).catalogue(collection.sigla(project))
    assert cat.order[: len(collection.sigla(project))] == [s for s in collection.sigla(project) if s in cat.order]


def test_a_reading_page_never_reads_the_whole_register(project: Paths, tmp_path: Path):
    """The slice carries the claims, witnesses and categories a page shows: without claims.xml the
    page transformed with its slice is the page the build wrote."""
    from teipub.build import build_params, site_dir

    build(project, validate=False)
    built = (site_dir(project) / "sources" / "sample.html").read_bytes()
    assert b'class="app-note"' in built
    cat = catalogue.collect(project.tei).catalogue(collection.sigla(project))
    _, slices = cat.write(tmp_path / "catalogue")
    params = {**build_params(project, catalogue=cat), "catalogue": slices["sample"][0].as_uri()}
    (project.tei / "claims.xml").unlink()
    alone = tmp_path / "alone.html"
    Saxon().transform(project.xslt / "source.xsl", source=project.sources / "sample.xml", output=alone,
                      base_output=tmp_path, params=params)
    assert alone.read_bytes() == built


def _lxml_objects(value: object, seen: set[int]) -> list[str]:
    """The lxml objects (elements, or strings that hold their element) reachable from `value`."""
    if id(value) in seen:
        return []
    seen.add(id(value))
    if type(value).__module__.startswith("lxml"):
        return [type(value).__name__]
    if isinstance(value, dict):
        return [f for k, v in value.items() for f in _lxml_objects(k, seen) + _lxml_objects(v, seen)]
    if isinstance(value, (list, tuple, set, frozenset)):
        return [f for v in value for f in _lxml_objects(v, seen)]
    if hasattr(value, "__dataclass_fields__"):
        return [f for name in value.__dataclass_fields__ for f in _lxml_objects(getattr(value, name), seen)]
    return []


def test_the_collector_keeps_no_tree_alive():
    """The facts are plain data: an attribute value lxml returns from XPath holds its element (and
    so its whole tree), which would keep every source of the collection in memory."""
    collector = catalogue.collect(ROOT / "tei")
    assert collector.sources and collector.changes and collector.versions
    assert _lxml_objects(collector, set()) == []


@pytest.mark.parametrize("cap", [0, 1, 5])
def test_a_claim_cut_once_per_page_is_the_claim_trimmed_afresh(cap: int):
    """ClaimCutter (the claim parsed once, each page keeping the readings it lists) writes, for
    every claim of the edition's register and every source, the bytes cap_readings writes on a
    fresh copy, with the same count of sources, witnesses and pointers."""
    from lxml import etree

    collector = catalogue.collect(ROOT / "tei")
    for claim, data in collector.claim_copies.items():
        cutter = catalogue.ClaimCutter(data)
        assert not cutter.plain
        for siglum in [*collector.sources, "not-a-source"]:
            fresh = etree.fromstring(data)
            sources = catalogue.cap_readings(fresh, siglum, cap)
            cut = cutter.cut(siglum, cap)
            assert etree.tostring(cut.app) == etree.tostring(fresh), (claim, siglum)
            assert cut.sources == sources
            assert (cut.tokens, cut.refs) == catalogue._pointers_of(fresh)
            assert cut.witnesses == {catalogue.reading_siglum(r) for r in fresh.iter(f"{{{TEI}}}rdg") if r.get("wit")}


def test_a_claim_whose_readings_group_holds_more_than_readings_is_cut_the_plain_way():
    from lxml import etree

    data = (f'<app xmlns="{TEI}" xml:id="claim-x"><rdgGrp type="sources"><rdg wit="#wit-a"/><!-- a note -->'
            '<rdg wit="#wit-b"/><rdg wit="#wit-c"/></rdgGrp></app>').encode()
    cutter = catalogue.ClaimCutter(data)
    assert cutter.plain
    cut = cutter.cut("c", 1)
    assert etree.tostring(cut.app).count(b"<rdg ") == 2 and b"a note" in etree.tostring(cut.app)
    assert cut.sources == 3 and cut.witnesses == {"a", "c"}


def test_the_home_and_edition_pages_read_only_the_sources_headers(project: Paths, tmp_path: Path):
    """home.xsl and pages.xsl read the catalogue's copies of the sources' headers (root element and
    teiHeader alone): with every source file deleted, they write the pages the build wrote."""
    from teipub.build import build_params, site_dir

    build(project, validate=False)
    cat = catalogue.collect(project.tei).catalogue(collection.sigla(project))
    whole, _ = cat.write(tmp_path / "catalogue")
    headers = whole.parent / catalogue.HEADERS
    assert sorted(p.stem for p in headers.glob("*.xml")) == sorted(cat.order)
    for copy in headers.glob("*.xml"):
        root = etree.parse(str(copy)).getroot()
        assert root.get("{http://www.w3.org/XML/1998/namespace}id") == copy.stem
        assert [etree.QName(child).localname for child in root] == ["teiHeader"]
    params = {**build_params(project, catalogue=cat), "catalogue": whole.as_uri(), "headers": headers.as_uri() + "/"}
    for source in project.sources.glob("*.xml"):
        source.unlink()
    out = tmp_path / "again"
    saxon = Saxon()
    saxon.transform(project.xslt / "home.xsl", output=out / "index.html", base_output=out, params=params)
    saxon.transform(project.xslt / "pages.xsl", base_output=out, params=params)
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert {"index.html", "about.html", "method.html", "licence.html", "cite.html"} <= set(written)
    for rel in written:
        assert (out / rel).read_bytes() == (site_dir(project) / rel).read_bytes(), rel
