"""Hostile TEI through the build: pointers that lead outside the project or onto the network are
never followed, and text that looks like markup or script comes out escaped.

The collection in fixtures/hostile/tei is the reading fixture with a hostile paragraph or three
(script as text, javascript:/data:/vbscript: targets, quotes in attributes) and a hostile claim
whose pointers aim at a file outside the project (a named pipe watched by fixtures/hostile/
tripwire.py, so any attempt to open it is seen) and at a loopback listener (so any request is
seen). The build runs without the validator (which would refuse most of these pointers first),
to prove the stylesheets and Saxon are confined by themselves.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree, html

from teipub.build import build, site_dir
from teipub.project import ROOT, Paths
from teipub.saxon import Saxon, XsltError

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
DANGEROUS_SCHEMES = ("javascript:", "vbscript:")
ACTIVE_DATA = ("html", "svg", "xml", "script")  # data: URIs of these types can run script


def dangerous(url: str) -> bool:
    """A URL a browser would run: javascript:, vbscript:, or a data: URI of an active type (the
    edition's own data: links carry citation files, application/vnd.citationstyles.csl+json…)."""
    value = "".join(url.split()).lower()
    if value.startswith(DANGEROUS_SCHEMES):
        return True
    return value.startswith("data:") and any(t in value.split(",", 1)[0] for t in ACTIVE_DATA)
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data")


@dataclass
class Tripwire:
    port: int
    log: Path
    fifo: Path
    process: subprocess.Popen

    def events(self) -> list[str]:
        time.sleep(0.2)  # let the watcher log anything still in flight
        return self.log.read_text(encoding="utf-8").splitlines() if self.log.exists() else []


@pytest.fixture(scope="module")
def tripwire(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tripwire]:
    outside = tmp_path_factory.mktemp("outside")
    fifo = outside / "secret.xml"
    os.mkfifo(fifo)
    log = outside / "events.log"
    proc = subprocess.Popen([sys.executable, str(HOSTILE / "tripwire.py"), str(log), str(fifo)],
                            stdout=subprocess.PIPE)
    assert proc.stdout is not None
    port = int(proc.stdout.readline())
    try:
        yield Tripwire(port, log, fifo, proc)
    finally:
        proc.kill()
        proc.wait()


def hostile_project(root: Path, wire: Tripwire) -> Paths:
    """A project folder whose collection is the hostile fixture, pointed at this tripwire."""
    shutil.copytree(HOSTILE / "tei", root / "tei")
    for f in (root / "tei").rglob("*.xml"):
        text = f.read_text(encoding="utf-8")
        f.write_text(text.replace("@OUTSIDE@", str(wire.fifo.parent)).replace("@PORT@", str(wire.port)),
                     encoding="utf-8")
    (root / "xslt").symlink_to(ROOT / "xslt", target_is_directory=True)
    (root / "schema").symlink_to(ROOT / "schema", target_is_directory=True)
    shutil.copytree(ROOT / "edition" / "assets", root / "edition" / "assets")
    return Paths(root)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, tripwire: Tripwire) -> Path:
    project = hostile_project(tmp_path_factory.mktemp("project"), tripwire)
    build(project, validate=False)
    return site_dir(project).resolve()


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_fixture_really_aims_outside_and_at_the_network(tripwire: Tripwire) -> None:
    text = (HOSTILE / "tei" / "claims.xml").read_text(encoding="utf-8")
    text += (HOSTILE / "tei" / "sources" / "sample.xml").read_text(encoding="utf-8")
    for attack in ("file://@OUTSIDE@/secret.xml", "../../../../../../../../../..@OUTSIDE@/secret.xml",
                   "http://127.0.0.1:@PORT@/", "%2e%2e/%2e%2e", 'replacementPattern="file://@OUTSIDE@',
                   'replacementPattern="http://127.0.0.1:@PORT@', "file:///etc/passwd"):
        assert attack in text, attack


def test_the_tripwire_notices_a_read_and_a_request(tripwire: Tripwire, tmp_path: Path) -> None:
    """The detector itself works: an unconfined reader of the pipe and a client are both logged."""
    import urllib.request

    before = len(tripwire.events())
    with open(tripwire.fifo, "rb") as fh:
        assert b"OUTSIDE-CANARY" in fh.read()
    with urllib.request.urlopen(f"http://127.0.0.1:{tripwire.port}/probe", timeout=5) as resp:
        assert b"OUTSIDE-CANARY" in resp.read()
    events = tripwire.events()[before:]
    assert any(e.startswith("fifo ") for e in events) and "tcp GET /probe HTTP/1.1" in events
    tripwire.log.write_text("", encoding="utf-8")


def test_the_build_reads_nothing_outside_and_fetches_nothing(hostile_site: Path, tripwire: Tripwire) -> None:
    assert (hostile_site / "sources" / "sample.html").is_file()
    assert tripwire.events() == []
    for f in hostile_site.rglob("*"):
        if f.is_file():
            assert b"OUTSIDE-CANARY" not in f.read_bytes(), f


def test_saxon_itself_refuses_the_network_and_doctypes(tripwire: Tripwire, tmp_path: Path) -> None:
    """The confinement of teipub.saxon, below any stylesheet: doc() of an http: URI is not
    available, and a source with a DOCTYPE (external entity to the listener) is refused."""
    saxon = Saxon()
    sheet = tmp_path / "probe.xsl"
    sheet.write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:template name="xsl:initial-template">'
        f"<r><xsl:value-of select=\"doc-available('http://127.0.0.1:{tripwire.port}/doc.xml')\"/>"
        f"|<xsl:value-of select=\"unparsed-text-available('http://127.0.0.1:{tripwire.port}/t')\"/></r>"
        "</xsl:template></xsl:stylesheet>", encoding="utf-8")
    assert saxon.transform(sheet).output.endswith("<r>false|false</r>")
    source = tmp_path / "entity.xml"
    source.write_text(f'<!DOCTYPE r [<!ENTITY e SYSTEM "http://127.0.0.1:{tripwire.port}/entity">'
                      '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><r>&e;&b;</r>',
                      encoding="utf-8")
    copy = tmp_path / "copy.xsl"
    copy.write_text('<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
                    '<xsl:template match="/"><xsl:copy-of select="."/></xsl:template></xsl:stylesheet>',
                    encoding="utf-8")
    with pytest.raises(XsltError, match="DOCTYPE is disallowed") as err:
        saxon.transform(copy, source=source)
    assert "entity.xml" in str(err.value)
    assert tripwire.events() == []


def test_no_script_comes_from_the_source_text(hostile_site: Path) -> None:
    assets = {p.relative_to(hostile_site).as_posix() for p in (hostile_site / "assets").rglob("*.js")}
    for page in pages(hostile_site):
        tree = html.parse(str(page))
        for script in tree.iter("script"):
            if script.get("type") == "application/ld+json":  # a data block, never run
                body = script.text or ""
                assert "</" not in body and "<!--" not in body, page.name
                json.loads(body)
                continue
            src = script.get("src")
            assert src, f"{page.name}: an inline script"
            assert not script.text or not script.text.strip(), page.name
            target = (page.parent / src).resolve().relative_to(hostile_site.resolve()).as_posix()
            assert target in assets or target.startswith("pagefind/"), (page.name, src)
        for el in tree.iter():
            if not isinstance(el.tag, str):
                continue
            for name in el.attrib:
                assert not name.lower().startswith("on"), (page.name, el.tag, name)
            for name in URL_ATTRIBUTES:
                assert not dangerous(el.get(name) or ""), (page.name, el.tag, name, el.get(name))
        for tag in ("iframe", "img", "object", "embed"):
            for el in tree.iter(tag):
                src = el.get("src") or el.get("data") or ""
                assert not src or not src.startswith(("http:", "https:", "javascript:", "x")), (page.name, tag)


def test_script_text_is_escaped_where_it_appears(hostile_site: Path) -> None:
    raw = (hostile_site / "sources" / "sample.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert('text')&lt;/script&gt;" in raw
    assert "&lt;img src=x onerror=alert(1)&gt;" in raw
    assert '&lt;iframe src="javascript:alert(2)"&gt;' in raw or "&lt;iframe src=&#34;javascript:alert(2)&#34;&gt;" in raw
    for page in pages(hostile_site):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text and "<iframe" not in text, page.name
    claims = "".join(p.read_text(encoding="utf-8") for p in (hostile_site / "claims").rglob("*.html"))
    assert "alert('question')" in claims and "<script>alert('question')" not in claims


def test_the_detector_of_dangerous_urls() -> None:
    assert dangerous(" JaVa\tScRiPt:alert(1)") and dangerous("data:text/html,<script>")
    assert dangerous("data:image/svg+xml;base64,AAAA") and dangerous("vbscript:x")
    assert not dangerous("data:application/vnd.citationstyles.csl+json;charset=utf-8,%5B%5D")
    assert not dangerous("../sources/sample.html#sample-p4") and not dangerous("https://example.org/")


def test_the_dangerous_links_are_shown_as_text_not_followed(hostile_site: Path) -> None:
    tree = html.parse(str(hostile_site / "sources" / "sample.html"))
    text = tree.getroot().text_content()
    for label in ("a javascript link", "a spaced one", "a data link", "a quote in the target", "vbscript"):
        assert label in text, label
    hrefs = [a.get("href", "") for a in tree.iter("a")]
    assert not any("alert(" in h and not h.startswith(("../", "#")) for h in hrefs), hrefs


def test_quotes_in_attribute_values_stay_inside_their_attribute(hostile_site: Path) -> None:
    tree = html.parse(str(hostile_site / "sources" / "sample.html"))
    quoted = [el for el in tree.iter() if isinstance(el.tag, str) and any('"' in v for v in el.attrib.values())]
    assert quoted, "the hostile quotes should survive as attribute text"
    for el in quoted:
        assert set(el.attrib) <= {"href", "class", "data-ref", "title", "id", "aria-label", "data-pagefind-filter",
                                  "data-pagefind-meta", "lang", "rel", "name", "content",
                                  "property", "datetime", "aria-describedby", "data-title"}, el.attrib
    assert not any(el.get("onmouseover") for el in tree.iter() if isinstance(el.tag, str))


def test_every_built_page_parses_as_html(hostile_site: Path) -> None:
    for page in pages(hostile_site):
        root = html.parse(str(page)).getroot()
        assert root is not None and root.find(".//main") is not None, page.name
        etree.tostring(root)
