"""teipub/incremental.py through teipub/build.py: unchanged reading pages and once-per-build
transformations are copied, not transformed again; a changed index entry rebuilds every page that
shows it; a changed source, the units that read it; an incremental build writes what a build from
nothing writes; the parallel path writes the same bytes as the serial one."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from build_support import CountingSaxon, add_twin, project_copy
import dataclasses
import shutil

from teipub import build as build_module, catalogue, collection, incremental, parallel
from teipub.build import build, build_params, site_dir
from teipub.project import ROOT, Paths
from teipub.saxon import Saxon

@pytest.fixture()
def project(tmp_path: Path) -> Paths:
    """The fixture collection plus a second source, `other`, that does not name Yezhov."""
    paths = project_copy(tmp_path)
    add_twin(paths, "other", ('ref="per:yezhov"', 'ref="per:stalin"'))
    return paths


def site_files(paths: Paths) -> dict[str, bytes]:
    """Every file of the built site but the search bundle (Pagefind's own) and the manifest."""
    site = site_dir(paths).resolve()
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.relative_to(site).parts[0] not in ("pagefind", incremental.MANIFEST, ".records.sqlite")}


def pages(paths: Paths) -> dict[str, bytes]:
    site = site_dir(paths)
    return {p.name: p.read_bytes() for p in sorted((site / "sources").glob("*.html"))}


def test_an_unchanged_collection_transforms_nothing_again(project: Paths):
    first = CountingSaxon()
    build(project, validate=False, saxon=first, jobs=1)
    assert sorted(first.pages) == ["other", "sample"]
    before = site_files(project)
    bundle = search_bundle(project)
    assert "pagefind/pagefind.js" in bundle
    second = CountingSaxon()
    report = build(project, validate=False, saxon=second, jobs=1)
    assert second.pages == [] and report.rebuilt == []  # nor Pagefind: no page changed
    assert report.reused == report.pages == sum(1 for name in before if name.endswith(".html"))
    assert site_files(project) == before
    assert search_bundle(project) == bundle


def search_bundle(paths: Paths) -> dict[str, bytes]:
    site = site_dir(paths).resolve()
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / "pagefind").rglob("*"))
            if p.is_file()}


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


def _bounded_parts(monkeypatch: pytest.MonkeyPatch, sources: int, page: int) -> None:
    """Index parts that read at most `sources` sources, entry pages that list `page` sources."""
    monkeypatch.setattr(catalogue, "PART_SOURCES", sources)
    monkeypatch.setattr(catalogue, "ENTRY_PAGE_SOURCES", page)


def test_a_changed_paragraph_rebuilds_the_units_that_read_its_source_and_nothing_else(project: Paths, monkeypatch):
    _bounded_parts(monkeypatch, sources=2, page=2)
    _copies(project, 4)
    build(project, validate=False, jobs=1)
    cat = catalogue.collect(project.tei).catalogue(collection.sigla(project))
    reading_x4 = {f"indexes: {p}" for p in cat.index_parts() if "x4" in cat.part_sigla(p)}
    assert reading_x4 and len(reading_x4) < len(cat.index_parts()) - 1
    last = project.sources / "x4.xml"
    last.write_text(last.read_text(encoding="utf-8").replace("many</hi> died", "very many</hi> died"),
                    encoding="utf-8")
    report = build(project, validate=False, jobs=1)
    # its page, the index parts listing its mentions, the chronology (one part below
    # CHRONOLOGY_PARTS_FROM sources: it reads every source), the claims (the words round a span)
    assert sorted(report.rebuilt) == sorted({"sources: x4", "chronology", "claims", "search"} | reading_x4)
    incremental_site = site_files(project)
    build(project, validate=False, incremental=False, jobs=1)
    assert site_files(project) == incremental_site


def test_a_name_added_reaches_the_catalogue_and_rebuilds_every_unit(project: Paths, monkeypatch):
    _bounded_parts(monkeypatch, sources=2, page=2)
    _copies(project, 2)
    first = build(project, validate=False, jobs=1)
    last = project.sources / "x2.xml"
    text = last.read_text(encoding="utf-8")
    last.write_text(text.replace('<persName ref="per:stalin">Stalin</persName>',
                                 '<persName ref="per:stalin">Stalin</persName> <persName ref="per:stalin">Koba</persName>',
                                 1), encoding="utf-8")
    report = build(project, validate=False, jobs=1)
    units = [label for label in first.rebuilt if not label.startswith("sources: ")]
    assert [label for label in report.rebuilt if not label.startswith("sources: ")] == units
    after = site_files(project)
    build(project, validate=False, incremental=False, jobs=1)
    assert site_files(project) == after


def test_the_chronology_in_parts_rebuilds_the_share_of_a_changed_source(project: Paths, monkeypatch):
    monkeypatch.setattr(catalogue, "PART_SOURCES", 2)
    monkeypatch.setattr(catalogue, "CHRONOLOGY_PARTS_FROM", 2)
    _copies(project, 3)  # other, sample, x1, x2, x3: shares (other, sample), (x1, x2), (x3)
    first = build(project, validate=False, jobs=1)
    items = [label for label in first.rebuilt if label.startswith("chronology-items")]
    assert len(items) == 3
    assert sorted(p.name for p in (site_dir(project) / build_module.PARTS / "chronology").iterdir()) == [
        "1.xml", "2.xml", "3.xml"]
    last = project.sources / "x3.xml"
    last.write_text(last.read_text(encoding="utf-8").replace("many</hi> died", "very many</hi> died"),
                    encoding="utf-8")
    report = build(project, validate=False, jobs=1)
    assert report.rebuilt.count("chronology-items: items") == 1
    assert "chronology" in report.rebuilt  # its pages read the items of the part that ran again
    after = site_files(project)
    build(project, validate=False, incremental=False, jobs=1)
    assert site_files(project) == after


def test_a_changed_changelog_rebuilds_the_edition_s_own_pages_alone(project: Paths):
    (project.root / "schema").unlink()  # a copy, so that the changelog beside it is the project's
    shutil.copytree(ROOT / "schema", project.root / "schema", ignore=shutil.ignore_patterns("__pycache__"))
    changelog = project.root / "CHANGELOG.md"
    changelog.write_text("# Changelog\n\n## [1.0]\n\n- First.\n", encoding="utf-8")
    build(project, validate=False, jobs=1)
    changelog.write_text("# Changelog\n\n## [1.0]\n\n- The first version.\n", encoding="utf-8")
    report = build(project, validate=False, jobs=1)
    assert report.rebuilt == ["pages", "search"]
    assert b"The first version." in (site_dir(project) / "about.html").read_bytes()


def test_a_unit_whose_files_are_gone_from_the_site_is_transformed_again(project: Paths):
    build(project, validate=False, jobs=1)
    claims_home = site_dir(project) / "claims" / "index.html"
    before = claims_home.read_bytes()
    claims_home.unlink()
    report = build(project, validate=False, jobs=1)
    assert report.rebuilt == ["claims"]
    assert claims_home.read_bytes() == before


def test_every_unit_writes_the_same_files_from_the_sources_it_declares_alone(project: Paths, monkeypatch,
                                                                                tmp_path: Path):
    """What `reads` declares (teipub/build.py) is all a unit reads: run alone, its stylesheets
    finding only those sources (pe:doc finds no other), it writes the same files as in the build."""
    _bounded_parts(monkeypatch, sources=2, page=2)
    monkeypatch.setattr(catalogue, "CHRONOLOGY_PARTS_FROM", 2)
    _copies(project, 3)
    build(project, validate=False, incremental=False, jobs=1)
    built = site_files(project)
    cat = catalogue.collect(project.tei).catalogue(collection.sigla(project))
    real_params = build_module.build_params
    units = 0
    for stage in build_module.STAGES:
        if not isinstance(stage, build_module.XsltStage) or stage.each is not None or stage.reads is None:
            continue
        for part in stage.parts(cat) if stage.parts is not None else [build_module.Part({})]:
            read = stage.reads(cat, part.params)
            if read is None:  # every source (the chronology's pages without parts)
                continue
            alone = tmp_path / f"alone-{units}"
            shutil.copytree(project.tei, alone / "tei")
            for source in (alone / "tei" / "sources").glob("*.xml"):
                if source.stem not in set(read):
                    source.unlink()

            def params(*args, _tei=alone / "tei", **kwargs):
                return {**real_params(*args, **kwargs), "tei-root": _tei.resolve().as_uri() + "/"}

            monkeypatch.setattr(build_module, "build_params", params)
            one = dataclasses.replace(stage, waits=(), parts=(lambda c, _p=part: [_p]) if stage.parts else None)
            build(project, validate=False, incremental=False, jobs=1, stages=(one,))
            written = site_files(project)
            assert written, stage.name
            assert {k: v for k, v in built.items() if k in written} == written, (stage.name, part.params)
            units += 1
    assert units >= 10


def test_a_file_two_transformations_write_fails_the_build(project: Paths):
    from teipub.build import BuildError, XsltStage

    twice = (XsltStage("search-page", "search.xsl"), XsltStage("search-again", "search.xsl"))
    with pytest.raises(BuildError) as err:
        build(project, validate=False, jobs=1, stages=twice)
    assert "search.html is written by two transformations" in str(err.value)
