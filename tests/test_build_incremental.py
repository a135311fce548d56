"""teipub/incremental.py through teipub/build.py: unchanged reading pages are copied, not
transformed again; a changed index entry rebuilds every page that shows it; the parallel path
writes the same bytes as the serial one."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from build_support import CountingSaxon, add_twin, project_copy
from teipub import catalogue, collection, incremental, parallel
from teipub.build import build, build_params, site_dir
from teipub.project import ROOT, Paths
from teipub.saxon import Saxon

@pytest.fixture()
def project(tmp_path: Path) -> Paths:
    """The fixture collection plus a second source, `other`, that does not name Yezhov."""
    paths = project_copy(tmp_path)
    add_twin(paths, "other", ('ref="per:yezhov"', 'ref="per:stalin"'))
    return paths


def pages(paths: Paths) -> dict[str, bytes]:
    site = site_dir(paths)
    return {p.name: p.read_bytes() for p in sorted((site / "sources").glob("*.html"))}


def test_an_unchanged_collection_transforms_no_reading_page_again(project: Paths):
    first = CountingSaxon()
    build(project, validate=False, saxon=first, jobs=1)
    assert sorted(first.pages) == ["other", "sample"]
    before = pages(project)
    second = CountingSaxon()
    report = build(project, validate=False, saxon=second, jobs=1)
    assert second.pages == []
    assert report.reused == 2
    assert pages(project) == before


def test_a_changed_index_entry_rebuilds_every_page_that_shows_it_and_only_those(project: Paths):
    build(project, validate=False)
    before = pages(project)
    assert b"Nikolai Yezhov" in before["sample.html"] and b"Nikolai Yezhov" not in before["other.html"]
    persons = project.tei / "indexes" / "persons.xml"
    persons.write_text(persons.read_text(encoding="utf-8").replace("Nikolai Yezhov", "Nikolai Ivanovich Yezhov"),
                       encoding="utf-8")
    saxon = CountingSaxon()
    build(project, validate=False, saxon=saxon, jobs=1)
    assert saxon.pages == ["sample"]
    after = pages(project)
    assert b"Nikolai Ivanovich Yezhov" in after["sample.html"]
    assert after["other.html"] == before["other.html"]
    # the same pages as a build from nothing
    fresh = CountingSaxon()
    build(project, validate=False, saxon=fresh, incremental=False, jobs=1)
    assert sorted(fresh.pages) == ["other", "sample"]
    assert pages(project) == after


def test_an_entry_named_by_every_source_rebuilds_every_page(project: Paths):
    build(project, validate=False)
    persons = project.tei / "indexes" / "persons.xml"
    text = persons.read_text(encoding="utf-8")
    assert 'xml:id="per-stalin"' in text
    persons.write_text(text.replace('<person xml:id="per-stalin">', '<person xml:id="per-stalin"><!-- edited -->', 1)
                       .replace("Joseph Stalin", "Iosif Stalin"), encoding="utf-8")
    saxon = CountingSaxon()
    build(project, validate=False, saxon=saxon, jobs=1)
    assert sorted(saxon.pages) == ["other", "sample"]


def test_a_changed_paragraph_rebuilds_its_own_page_only(project: Paths):
    build(project, validate=False)
    before = pages(project)
    other = project.sources / "other.xml"
    other.write_text(other.read_text(encoding="utf-8").replace("many</hi> died", "very many</hi> died"),
                     encoding="utf-8")
    saxon = CountingSaxon()
    build(project, validate=False, saxon=saxon, jobs=1)
    assert saxon.pages == ["other"]
    after = pages(project)
    assert b"very many" in after["other.html"] and after["sample.html"] == before["sample.html"]


def test_a_changed_stylesheet_rebuilds_every_page(project: Paths):
    build(project, validate=False)
    (project.xslt / "modules" / "unused-by-anything.xsl").write_text("<!-- a new file -->", encoding="utf-8")
    saxon = CountingSaxon()
    build(project, validate=False, saxon=saxon, jobs=1)
    assert sorted(saxon.pages) == ["other", "sample"]


def test_the_manifest_lives_in_the_site_and_a_damaged_one_means_a_full_rebuild(project: Paths):
    build(project, validate=False)
    manifest = site_dir(project) / incremental.MANIFEST
    assert set(incremental.Manifest.load(site_dir(project)).keys["sources"]) == {
        "sources/other.html", "sources/sample.html"}
    manifest.write_text("{not json", encoding="utf-8")
    saxon = CountingSaxon()
    build(project, validate=False, saxon=saxon, jobs=1)
    assert sorted(saxon.pages) == ["other", "sample"]


def test_parallel_transforms_write_the_same_pages_as_serial_ones(project: Paths, monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 0)  # two pages: in workers all the same
    build(project, validate=False, incremental=False, jobs=1)
    serial = pages(project)
    serial_saxon = CountingSaxon()
    build(project, validate=False, incremental=False, jobs=2, saxon=serial_saxon)
    assert serial_saxon.pages == []  # every reading page was written by a worker
    assert pages(project) == serial


def test_a_failing_page_in_a_worker_names_its_source_and_keeps_no_site(project: Paths, monkeypatch):
    from teipub.build import BuildError, XsltStage

    monkeypatch.setattr(parallel, "PARALLEL_MIN", 0)
    (project.xslt / "broken.xsl").write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:template match="/"><xsl:if test="contains(document-uri(.), \'other\')">'
        '<xsl:message terminate="yes">other is broken</xsl:message></xsl:if><html/></xsl:template>'
        "</xsl:stylesheet>", encoding="utf-8")
    stage = XsltStage("broken", "broken.xsl", each="sources/*.xml", output="broken/{stem}.html")
    with pytest.raises(BuildError) as err:
        build(project, validate=False, jobs=2, stages=(stage,))
    assert "other.xml" in str(err.value) and "other is broken" in str(err.value)
    assert not site_dir(project).exists()


def test_cli_build_takes_another_collection_and_output_folder(project: Paths, tmp_path: Path):
    import cli

    out = tmp_path / "elsewhere"
    result = CliRunner().invoke(cli.cli, ["build", "--tei", str(project.tei), "--out", str(out), "--no-validate",
                                          "--no-progress", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert (out / "site" / "sources" / "other.html").is_file()
    assert (out / "site" / "assets" / "edition.css").is_file()  # the project's own assets


def test_a_count_shown_from_another_source_rebuilds_the_page_that_shows_it(project: Paths):
    build(project, validate=False)
    before = pages(project)
    # sample's page says how often `other` names Stalin (twice): one name more there changes it
    assert b'<a href="../sources/other.html">Purges in brief</a> (2)' in before["sample.html"]
    other = project.sources / "other.xml"
    text = other.read_text(encoding="utf-8")
    other.write_text(text.replace('<persName ref="per:stalin">Stalin</persName>',
                                  '<persName ref="per:stalin">Stalin</persName> (<persName ref="per:stalin">Koba</persName>)',
                                  1), encoding="utf-8")
    saxon = CountingSaxon()
    build(project, validate=False, saxon=saxon, jobs=1)
    assert sorted(saxon.pages) == ["other", "sample"]
    after = pages(project)
    assert b'<a href="../sources/other.html">Purges in brief</a> (3)' in after["sample.html"]
    fresh = CountingSaxon()
    build(project, validate=False, saxon=fresh, incremental=False, jobs=1)
    assert pages(project) == after


def mention_line(page: bytes, ident: str) -> str:
    """The "Named in" line of one entity's entry on a reading page."""
    text = page.decode("utf-8")
    text = text[text.index(f'id="entry-{ident}"'):]
    text = text[text.index('<p class="entity-mentions">'):]
    return text[:text.index("</p>")]


def _copies(project: Paths, n: int) -> list[str]:
    """n more sources x1…xn, copies of `other`, after it and sample in reading order."""
    text = (project.sources / "other.xml").read_text(encoding="utf-8")
    names = [f"x{i}" for i in range(1, n + 1)]
    for name in names:
        (project.sources / f"{name}.xml").write_text(
            text.replace('xml:id="other', f'xml:id="{name}').replace("#other-", f"#{name}-")
            .replace(">other</idno>", f">{name}</idno>"), encoding="utf-8")
    return names


def test_a_page_names_at_most_five_sources_per_entity_and_counts_the_others(project: Paths):
    _copies(project, 6)  # Stalin: other, sample and six copies = 8 sources
    build(project, validate=False)
    line = mention_line(pages(project)["x6.html"], "per-stalin")
    assert line.count('href="../sources/') == catalogue.MENTION_SOURCES == 5
    assert 'href="../sources/x6.html"' not in line  # reading order: other, sample, x1…x3
    assert '<a href="../indexes/persons/per-stalin.html">and 3 more sources</a>' in line
    cat = catalogue.collect(project.tei).catalogue(collection.sigla(project))
    assert len(cat.mentions("per-stalin")) == 8
    assert len(cat.page("x6").find("entity[@id='per-stalin']").findall("in")) == 5


def test_another_source_rebuilds_a_page_only_when_the_line_it_shows_changes(project: Paths):
    _copies(project, 4)  # Stalin in 6 sources: other, sample, x1-x3 listed, "and 1 source"
    build(project, validate=False)
    last = project.sources / "x4.xml"
    text = last.read_text(encoding="utf-8")
    # x4 names Stalin once more: its count is not shown on the other pages
    last.write_text(text.replace('<persName ref="per:stalin">Stalin</persName>',
                                 '<persName ref="per:stalin">Stalin</persName> <persName ref="per:stalin">Koba</persName>',
                                 1), encoding="utf-8")
    saxon = CountingSaxon()
    build(project, validate=False, saxon=saxon, jobs=1)
    assert saxon.pages == ["x4"]
    assert ">and 1 more source</a>" in mention_line(pages(project)["sample.html"], "per-stalin")
    # x4 no longer names Stalin: every page naming him loses "and 1 source"
    last.write_text(text.replace('<persName ref="per:stalin">', "<persName>"), encoding="utf-8")
    saxon = CountingSaxon()
    build(project, validate=False, saxon=saxon, jobs=1)
    assert sorted(saxon.pages) == ["other", "sample", "x1", "x2", "x3", "x4"]
    after = pages(project)
    assert mention_line(after["sample.html"], "per-stalin").count('href="../sources/') == 5
    assert ">and 1 more source</a>" not in mention_line(after["sample.html"], "per-stalin")
    build(project, validate=False, incremental=False)
    assert pages(project) == after


def test_a_page_transformed_alone_with_its_slice_shows_what_the_build_writes(project: Paths, tmp_path: Path):
    """A reading page needs only its source and its slice of the catalogue."""
    _copies(project, 6)
    build(project, validate=False)
    built = pages(project)["sample.html"]
    cat = catalogue.collect(project.tei).catalogue(collection.sigla(project))
    whole, slices = cat.write(tmp_path / "catalogue")
    alone = project.root / "alone.html"
    Saxon().transform(project.xslt / "source.xsl", source=project.sources / "sample.xml", output=alone,
                      base_output=project.root,
                      params={**build_params(project, catalogue=cat), "catalogue": slices["sample"][0].as_uri()})
    assert alone.read_bytes() == built
