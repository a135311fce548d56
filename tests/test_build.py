"""teipub/build.py: the whole build on the fixture collection, its atomic swap and determinism."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from build_support import add_twin, project_copy
from teipub import build as build_module, incremental
from teipub.build import BuildError, PyStage, STAGES, XsltStage, build, site_dir
from teipub.project import ROOT, TEI_NS, Paths

@pytest.fixture()
def project(tmp_path: Path) -> Paths:
    """A project folder: the fixture collection, a copy of the stylesheets, the schema, assets."""
    return project_copy(tmp_path)


def test_the_builds_claims_export_is_cli_exports(project: Paths, tmp_path: Path):
    """The build writes claims.csv/json from the register it already parsed, and they are the very
    files `cli.py export` writes (the sources named by their short titles included)."""
    from teipub.export import export

    build(project, validate=False)  # the build parses each file once itself (the fixture is no valid edition)
    export(project.tei / "claims.xml", tmp_path / "exported")
    for name in ("claims.csv", "claims.json"):
        built = (site_dir(project) / "downloads" / name).read_bytes()
        assert built == (tmp_path / "exported" / name).read_bytes(), name
    assert b"source" in (tmp_path / "exported" / "claims.csv").read_bytes().splitlines()[0]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_writes_the_site(project: Paths):
    report = build(project, validate=False)
    site = site_dir(project)
    assert site.is_symlink() and report.site == site
    for page in ["index.html", "sources/sample.html", "about.html", "method.html", "guidelines.html",
                 "licence.html", "cite.html", "assets/edition.css", "assets/edition.js",
                 "downloads/sample.xml", "downloads/indexes.csv", "downloads/indexes.json"]:
        assert (site / page).is_file(), page
    assert report.pages == sum(1 for _ in site.rglob("*.html"))
    assert report.stages[:5] == ["assets", "sources", "chronology-items", "home", "pages"]
    corpus = etree.parse(str(site / "downloads" / "purges-corpus.xml")).getroot()
    assert corpus.tag == f"{{{TEI_NS}}}teiCorpus"
    assert {t.get("{http://www.w3.org/XML/1998/namespace}id") for t in corpus.findall(f"{{{TEI_NS}}}TEI")} >= {
        "sample", "persons", "claims"}


def test_two_builds_are_byte_identical(project: Paths):
    build(project, validate=False)
    first = snapshot(site_dir(project))
    build(project, validate=False)
    second = snapshot(site_dir(project))
    # Pagefind's index (search stage) names its fragments by a hash that varies between runs:
    # the pages it indexes are compared here, its own files are not.
    first = {k: v for k, v in first.items() if not k.startswith("pagefind/")}
    second = {k: v for k, v in second.items() if not k.startswith("pagefind/")}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_the_build_replaces_the_old_site_and_leaves_no_temporary_folder(project: Paths):
    build(project, validate=False)
    old_target = site_dir(project).resolve()
    build(project, validate=False)
    assert site_dir(project).resolve() != old_target and not old_target.exists()
    assert [p.name for p in project.edition.iterdir() if p.name.startswith(".site")] == [
        site_dir(project).resolve().name]


def test_a_failing_stylesheet_names_itself_and_keeps_the_previous_site(project: Paths):
    build(project, validate=False)
    before = snapshot(site_dir(project))
    (project.xslt / "broken.xsl").write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:template name="xsl:initial-template"><xsl:message terminate="yes">the broken part</xsl:message>'
        "</xsl:template></xsl:stylesheet>", encoding="utf-8")
    with pytest.raises(BuildError) as err:
        build(project, validate=False, stages=(*STAGES, XsltStage("broken", "broken.xsl")))
    assert "broken.xsl" in str(err.value) and "the broken part" in str(err.value)
    assert snapshot(site_dir(project)) == before
    assert len([p for p in project.edition.iterdir() if p.name.startswith(".site")]) == 1


def test_consecutive_xslt_stages_run_as_one_wave_and_python_stages_alone():
    from teipub.build import _waves

    waves = [[s.name for s in wave] for wave in _waves(STAGES)]
    assert waves[0] == ["assets"]
    assert waves[1] == ["sources", "chronology-items", "home", "pages", "claims", "indexes", "chronology", "search-page"]
    assert all(len(w) == 1 for w in waves[2:]) and waves[2] == ["search"]
    # the chronology's pages read the items its parts write, and come after them
    chronology = next(s for s in STAGES if s.name == "chronology")
    assert isinstance(chronology, XsltStage) and chronology.waits == ("chronology-items",)
    names = [s.name for s in STAGES]
    assert names.index("chronology-items") < names.index("chronology")
    # the search reads the pages, which the wave before it wrote; no later stage writes a page
    assert [s.name for s in STAGES if isinstance(s, PyStage) and s.background] == ["search"]


BROKEN = {  # a stylesheet that stops with its own message, and one that does not compile
    "stops": ('<xsl:message terminate="yes">the broken part</xsl:message>', "the broken part"),
    "syntax": ('<xsl:value-of select="1 +"/>', "XPST0003"),  # Saxon's words: a syntax error
}


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("fault", sorted(BROKEN))
def test_a_failing_stylesheet_in_a_wave_is_named_with_its_message(project: Paths, monkeypatch, jobs: int, fault: str):
    """In a wave (in this process or shared among workers) the failing stylesheet, not the first of
    the wave, is named with Saxon's message, and nothing is published."""
    from teipub import parallel

    monkeypatch.setattr(parallel, "PARALLEL_MIN", 0)
    body, message = BROKEN[fault]
    (project.xslt / "broken.xsl").write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        f'<xsl:template name="xsl:initial-template">{body}</xsl:template></xsl:stylesheet>', encoding="utf-8")
    stages = (XsltStage("home", "home.xsl", output="index.html"), XsltStage("broken", "broken.xsl"))
    with pytest.raises(BuildError) as err:
        build(project, validate=False, stages=stages, jobs=jobs)
    assert str(err.value).startswith("stage broken: ") and "broken.xsl" in str(err.value)
    assert message in str(err.value)
    assert not site_dir(project).exists()


def test_a_wave_in_workers_writes_what_it_writes_in_one_process(project: Paths, monkeypatch):
    from teipub import parallel

    monkeypatch.setattr(parallel, "PARALLEL_MIN", 0)
    def pages() -> dict[str, bytes]:  # Pagefind's bundle names its files by hashes of its own
        files = {k: v for k, v in snapshot(site_dir(project)).items() if not k.startswith("pagefind/")}
        manifest = json.loads(files.pop(incremental.MANIFEST))
        assert manifest["units"]["search"].pop("files")  # the bundle's files, by those names
        return {**files, incremental.MANIFEST: json.dumps(manifest, sort_keys=True).encode()}

    build(project, validate=False, incremental=False, jobs=1)
    serial = pages()
    build(project, validate=False, incremental=False, jobs=2)
    assert pages() == serial and len(serial) > 40


def test_a_failing_source_is_named_and_the_previous_site_kept(project: Paths):
    build(project, validate=False)
    before = snapshot(site_dir(project))
    (project.sources / "bad.xml").write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><unclosed></TEI>',
                                             encoding="utf-8")
    with pytest.raises(BuildError) as err:
        build(project, validate=False)
    assert "bad.xml" in str(err.value)
    assert snapshot(site_dir(project)) == before


def test_a_python_stage_failure_also_keeps_the_previous_site(project: Paths):
    build(project, validate=False)
    before = snapshot(site_dir(project))

    def explode(ctx):
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        build(project, validate=False, stages=(*STAGES, PyStage("explode", explode)))
    assert snapshot(site_dir(project)) == before


def test_a_failing_background_stage_fails_the_build_and_keeps_the_previous_site(project: Paths):
    """A stage run in the background (the search) is awaited: its failure, raised in its thread, is
    the build's, named by its stage, after the stages beside it have run."""
    from teipub.search import SearchError

    build(project, validate=False)
    before = snapshot(site_dir(project))
    ran: list[str] = []

    def fail(ctx):
        raise SearchError("Pagefind failed (exit 3)")

    stages = (PyStage("search", fail, background=True), PyStage("after", lambda ctx: ran.append("after")))
    with pytest.raises(BuildError) as err:
        build(project, validate=False, stages=stages)
    assert str(err.value) == "stage search: Pagefind failed (exit 3)"
    assert ran == ["after"]
    assert snapshot(site_dir(project)) == before


def test_validation_errors_stop_the_build_before_anything_is_written(project: Paths):
    (project.sources / "sample.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><oops></TEI>",
                                                encoding="utf-8")
    with pytest.raises(BuildError) as err:
        build(project, validate=True)
    assert "validation failed" in str(err.value) and "sample.xml" in str(err.value)
    assert not site_dir(project).exists()


def test_a_missing_stylesheet_fails_the_build_naming_it_and_publishes_nothing(project: Paths):
    with pytest.raises(BuildError) as err:
        build(project, validate=False, stages=(*STAGES, XsltStage("later", "not-written-yet.xsl")))
    assert "not-written-yet.xsl" in str(err.value)
    assert not site_dir(project).exists()


def test_cli_build_reports_pages_and_fails_with_exit_1(project: Paths, monkeypatch):
    from cli import cli

    monkeypatch.setattr(build_module, "PATHS", project)
    runner = CliRunner()
    ok = runner.invoke(cli, ["build", "--no-validate", "--no-progress"])
    assert ok.exit_code == 0, ok.output
    assert "pages" in ok.output and str(site_dir(project)) in ok.output
    (project.xslt / "home.xsl").write_text("<not-xslt/>", encoding="utf-8")
    bad = runner.invoke(cli, ["build", "--no-validate", "--no-progress"])
    assert bad.exit_code == 1
    assert "build failed" in bad.output and "home.xsl" in bad.output


def test_build_help_documents_every_option():
    from cli import cli

    result = CliRunner().invoke(cli, ["build", "--help"])
    for option in ("--base-url", "--no-validate", "--progress / --no-progress", "--timings"):
        assert option in result.output


def test_build_passes_exactly_the_documented_stylesheet_parameters(project: Paths):
    """Every global parameter of xslt/modules/params.xsl is set by the build, with a comment."""
    from teipub.build import build_params

    xsl = "http://www.w3.org/1999/XSL/Transform"
    sheet = etree.parse(str(ROOT / "xslt" / "modules" / "params.xsl")).getroot()
    declared = sheet.findall(f"{{{xsl}}}param")
    assert {p.get("name") for p in declared} == set(build_params(project))
    for param in declared:
        previous = param.getprevious()
        assert isinstance(previous, etree._Comment) and previous.text.strip(), param.get("name")
        assert param.get("as"), param.get("name")


def _count_parses(monkeypatch, paths: Paths) -> dict[str, int]:
    """Count every lxml parse of a collection file (by path, or by its bytes) from now on."""
    from collections import Counter

    files = [p for p in paths.tei.rglob("*.xml") if paths.raw not in p.parents]
    by_bytes = {p.read_bytes(): p.relative_to(paths.tei).as_posix() for p in files}
    by_path = {str(p.resolve()): p.relative_to(paths.tei).as_posix() for p in files}
    counts: Counter[str] = Counter({rel: 0 for rel in by_path.values()})

    def counted(name: str):
        original = getattr(etree, name)

        def parse(source, *args, **kwargs):
            if isinstance(source, (bytes, bytearray)):
                rel = by_bytes.get(bytes(source))
            elif isinstance(source, (str, Path)) and not str(source).lstrip().startswith("<"):
                rel = by_path.get(str(Path(source).resolve()))
            else:
                rel = by_bytes.get(str(source).encode())
            if rel is not None:
                counts[rel] += 1
            return original(source, *args, **kwargs)
        return parse

    for name in ("parse", "fromstring", "XML"):
        monkeypatch.setattr(etree, name, counted(name))
    return counts


def test_one_build_parses_each_file_of_the_collection_once(project: Paths, monkeypatch):
    """The downloads (corpus, index rows, claims exports) and the record index take the trees
    and serialisations kept when the collection was parsed (teipub.parsed), never parsing again.
    (The edition description is also read by teipub.edition, the catalogue and the incremental key.)"""
    counts = _count_parses(monkeypatch, project)
    build(project, validate=False, incremental=False, jobs=1)
    collection = {rel: n for rel, n in counts.items() if rel != "edition.xml"}
    assert len(collection) >= 6
    assert collection == {rel: 1 for rel in collection}


def test_with_validation_the_later_stages_read_the_validators_trees(project: Paths, monkeypatch):
    """The build hands one visitor to the validator: the catalogue and teipub.parsed both fill from it."""
    from teipub.validate import Report

    def fake_validate(*, collection, visit):
        build_module.parse_each(collection, visit)  # what the validator does, one parse per file
        return Report()

    monkeypatch.setattr(build_module.validator, "validate", fake_validate)
    counts = _count_parses(monkeypatch, project)
    build(project, validate=True, incremental=False, jobs=1)
    assert {rel: n for rel, n in counts.items() if rel != "edition.xml"} == {
        rel: 1 for rel in counts if rel != "edition.xml"}


def test_the_chronology_written_in_parts_is_the_chronology_written_at_once(project: Paths, monkeypatch):
    """With one source to a share, each source's dated items are written by a part of their own and
    the chronology's pages read those files instead of the sources: the pages are the same, byte for
    byte, as those of one transformation over every source."""
    from teipub import catalogue

    add_twin(project, "twin")
    build(project, validate=False, incremental=False)
    site = site_dir(project)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("chronology*.html"))
    at_once = {rel: (site / rel).read_bytes() for rel in pages}
    monkeypatch.setattr(catalogue, "PART_SOURCES", 1)
    monkeypatch.setattr(catalogue, "CHRONOLOGY_PARTS_FROM", 2)
    report = build(project, validate=False, incremental=False)
    assert report.timings.get("chronology-items", 0) > 0  # the parts ran
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("chronology*.html")) == pages
    assert {rel: (site / rel).read_bytes() for rel in pages} == at_once


def test_sources_that_share_a_statement_share_one_entry_on_the_method_and_licence_pages(project: Paths):
    """Sources edited on the same principles, word for word, have one entry on the method page that
    names each of them (in a large collection many do: the page no longer repeats the declaration
    for each); so do sources under the same rights on the licence page. A source whose statement
    differs keeps an entry of its own, headed by its name as before."""
    import lxml.html

    add_twin(project, "twin")  # sample's declaration and rights, word for word
    add_twin(project, "other", ("<p>Hyphens kept.</p>", "<p>Hyphens removed.</p>"),
             ("a test fixture written", "a second test fixture written"))
    build(project, validate=False, incremental=False)
    site = site_dir(project)
    method = lxml.html.parse(str(site / "method.html")).getroot()
    headings = method.xpath("//main//h3[starts-with(@id, 'method-') and @id != 'method-claims']")
    assert [h.get("id") for h in headings] == ["method-sample", "method-other"]
    assert "2 sources edited on the same principles" in headings[0].text_content()
    assert headings[0].xpath("following-sibling::p[1][@class='decl-sources']//abbr/text()") == ["sample", "twin"]
    assert headings[1].xpath(".//abbr/text()") == ["other"]
    assert len(method.xpath("//main//dl[@class='decl']")) == 2
    assert "Hyphens removed." in headings[1].xpath("string(following-sibling::dl[1])")
    licence = lxml.html.parse(str(site / "licence.html")).getroot()
    terms = licence.xpath("//section[@aria-labelledby='rights-heading']//dt")
    assert [t.xpath(".//abbr/text()") for t in terms] == [["sample", "twin"], ["other"]]
    assert "a second test fixture" in terms[1].xpath("string(following-sibling::dd[1])")


def test_a_task_waiting_for_a_stage_starts_when_every_task_of_that_stage_is_done(tmp_path: Path, monkeypatch):
    """Shared among two workers, a task that reads what the tasks of another stage wrote starts
    only once they are all done, however the others are handed out."""
    from teipub import parallel
    from teipub.saxon import Saxon

    monkeypatch.setattr(parallel, "PARALLEL_MIN", 0)
    write = tmp_path / "write.xsl"
    write.write_text('<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
                     '<xsl:param name="n"/><xsl:template name="xsl:initial-template">'
                     '<xsl:iterate select="1 to 200000"><xsl:on-completion><part n="{$n}"/></xsl:on-completion>'
                     '</xsl:iterate></xsl:template></xsl:stylesheet>', encoding="utf-8")
    read = tmp_path / "read.xsl"
    read.write_text('<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
                    '<xsl:param name="files"/><xsl:template name="xsl:initial-template">'
                    '<all><xsl:sequence select="tokenize($files) ! doc(.)/part"/></all></xsl:template></xsl:stylesheet>',
                    encoding="utf-8")
    parts = [tmp_path / f"{n}.xml" for n in range(6)]
    tasks = [parallel.Task("reader", read, None, tmp_path / "all.xml",
                           {"files": " ".join(p.as_uri() for p in parts)}, "reader", waits=("writer",))]
    tasks += [parallel.Task("writer", write, None, p, {"n": str(n)}, f"writer {n}") for n, p in enumerate(parts)]
    done: list[str] = []
    with parallel.Workers(2) as workers:
        parallel.run_tasks(Saxon(), tasks, tmp_path, workers, lambda task: done.append(task.stage))
    assert done[-1] == "reader" and done.count("writer") == 6
    assert etree.parse(str(tmp_path / "all.xml")).getroot().xpath("count(part)") == 6
