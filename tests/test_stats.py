"""cli.py stats counts what is tagged in each source's <text>, never in its header."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

import cli
from teipub.project import PATHS
from teipub.stats import collect, count_source, markdown_table

FIXTURE = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title><persName ref="per:x">Not counted</persName></title></titleStmt></fileDesc></teiHeader>
<text><body><p><persName ref="per:stalin">Stalin</persName> and <persName ref="per:stalin">Stalin</persName>
in <placeName ref="pla:moscow">Moscow</placeName>, <orgName ref="org:nkvd">NKVD</orgName>,
<date when="1937" ana="claim:a">1937</date>, <num type="count" value="3">3</num>,
<measure quantity="5" unit="ruble">5 rubles</measure>,
<choice><sic>accursed</sic><corr>accused</corr></choice>,
<choice><orig>&amp;amp;</orig><reg>&amp;</reg></choice>,
<seg type="artefact" subtype="link-gloss">gloss</seg> <supplied>1</supplied>
begin<pc force="weak">-</pc><pb/>ning <seg type="claim" ana="claim:a claim:b">x</seg></p></body></text></TEI>"""


def test_counts_every_kind_inside_text_only() -> None:
    counts = count_source(etree.ElementTree(etree.fromstring(FIXTURE)))
    assert counts == {"persons": 2, "places": 1, "orgs": 1, "dates": 1, "numbers": 2,
                      "corrections": 1, "artefacts": 4, "claim_spans": 2}


def test_collect_reads_sources_and_index_entries(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "indexes").mkdir()
    (tmp_path / "edition.xml").write_bytes((PATHS.tei / "edition.xml").read_bytes())  # its indexes
    (tmp_path / "sources" / "demo.xml").write_text(FIXTURE, encoding="utf-8")
    (tmp_path / "indexes" / "persons.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>'
        '<listPerson><person xml:id="per-a"/><person xml:id="per-b"/></listPerson>'
        '<listPerson type="editors"><person xml:id="ed-x"/></listPerson></body></text></TEI>',
        encoding="utf-8")
    result = collect(tmp_path)
    assert [s.siglum for s in result.sources] == ["demo"]
    assert result.index_entries == {"persons": 2, "places": 0, "organisations": 0}
    table = markdown_table(result)
    assert "| demo | 2 | 1 | 1 | 1 | 2 | 1 | 4 | 2 |" in table
    assert "2 persons" in table


def test_cli_stats_reports_every_source_of_the_collection() -> None:
    result = CliRunner().invoke(cli.cli, ["stats", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data["index_entries"]) == {"persons", "places", "organisations"}
    assert {s["siglum"] for s in data["sources"]} == {"encyc", "notes", "infolist", "essay", "pamphlet"}


def test_readme_table_is_the_current_count() -> None:
    """The README shows `cli.py stats` as it is now: re-run it and paste when the encoding changes."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    shown = readme.split("<!-- stats:begin -->\n", 1)[1].split("\n<!-- stats:end -->", 1)[0]
    assert shown.strip() == markdown_table(collect()).strip()
