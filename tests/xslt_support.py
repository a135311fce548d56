"""Run one XSLT mode on one TEI fragment, or evaluate one XPath expression, through saxonche.

The driver stylesheet imports the module under test, parses the fixture with parse-xml(),
applies the mode to the selected node(s) and wraps the result in <out>, serialised as XML so
lxml can make structural assertions on it.
"""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from teipub.project import ROOT
from saxonche import PySaxonApiError

from teipub.saxon import Saxon, XsltError

XSLT = ROOT / "xslt"
FIXTURES = ROOT / "tests" / "fixtures" / "reading" / "tei"
TEI = "http://www.tei-c.org/ns/1.0"

_saxon = Saxon()
_drivers: dict[tuple[str, str], object] = {}


def tei(body: str) -> str:
    """A fragment in the TEI namespace, inside a TEI root with the given siglum-like id."""
    return f'<TEI xmlns="{TEI}" xml:id="sample">{body}</TEI>'


def _driver(module: str, body: str):
    key = (module, body)
    if key not in _drivers:
        href = (XSLT / module).resolve().as_uri()
        text = f"""<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="{TEI}" xmlns:pe="https://purges-edition.example/ns" exclude-result-prefixes="#all">
  <xsl:import href="{href}"/>
  <xsl:output method="xml" omit-xml-declaration="yes" indent="no"/>
  <xsl:param name="fixture" as="xs:string"/>
  <xsl:template name="xsl:initial-template">
    <xsl:variable name="doc" as="document-node()" select="parse-xml($fixture)"/>
    <out>{body}</out>
  </xsl:template>
</xsl:stylesheet>"""
        _drivers[key] = _saxon.compile_text(text, XSLT / module)
    return _drivers[key]


def _run(exe, fixture: str, params: dict[str, str] | None) -> str:
    exe.clear_parameters()
    proc = _saxon._proc  # the one processor (tests only)
    values = {"fixture": fixture, "tei-root": FIXTURES.resolve().as_uri() + "/", "sigla": "sample",
              "build-date": "2026-11-23", "edition-version": "0.1.0", **(params or {})}
    for name, value in values.items():
        exe.set_parameter(name, proc.make_string_value(value))
    try:
        return exe.call_template_returning_string(None)
    except PySaxonApiError as exc:
        raise XsltError(Path("driver.xsl"), str(exc)) from None


def apply_mode(module: str, mode: str, fixture: str, select: str = "/*", root: str = "../",
               params: dict[str, str] | None = None) -> etree._Element:
    """<out> holding the result of applying `mode` of `module` to `select` in the fixture."""
    body = (f'<xsl:apply-templates select="$doc{select if select.startswith("/") else "/" + select}"'
            f' mode="{mode}"><xsl:with-param name="root" select="\'{root}\'" tunnel="yes"/>'
            f"</xsl:apply-templates>")
    return etree.fromstring(_run(_driver(module, body), fixture, params))


def evaluate(module: str, xpath: str, fixture: str = "<x/>", params: dict[str, str] | None = None) -> str:
    """The string value of an XPath expression evaluated with `module` imported ($doc = fixture)."""
    body = f'<xsl:value-of select="{xpath}" separator="|"/>'
    out = etree.fromstring(_run(_driver(module, body), fixture, params))
    return out.text or ""


def transform_file(stylesheet: str, source: Path, params: dict[str, str] | None = None) -> str:
    """The principal output of an entry stylesheet applied to a file."""
    values = {"tei-root": FIXTURES.resolve().as_uri() + "/", "sigla": "sample",
              "build-date": "2026-11-23", "edition-version": "0.1.0", **(params or {})}
    return _saxon.transform(XSLT / stylesheet, source=source, params=values).output


def call_initial(stylesheet: str, params: dict[str, str] | None = None) -> str:
    values = {"tei-root": FIXTURES.resolve().as_uri() + "/", "sigla": "sample",
              "build-date": "2026-11-23", "edition-version": "0.1.0", **(params or {})}
    return _saxon.transform(XSLT / stylesheet, params=values).output
