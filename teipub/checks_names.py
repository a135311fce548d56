"""Missed mentions: a name the indexes know appears untagged in a source's text (a warning, §5).

The forms are every persName, placeName and orgName of every person, place and org entry in the
collection (all variant spellings included; forms under three characters are ignored). A form is
found as a whole word, case-sensitively, in the text of a source's <text> outside any persName,
placeName or orgName, outside a group phrase (rs) or a name cited as a word (mentioned), and
outside the editors' notes (note type="editorial"). Lines are counted through the text so the warning lands on the mention.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from lxml import etree

from .problems import WARNING, Problem, make_problem, rule
from .edition import load_edition
from .project import NS, PATHS, TEI_NS
from .xmlinput import Collection, Document

INDEXES = load_edition(PATHS.tei).indexes  # the index kinds of tei/edition.xml
# elements whose words have been looked at: names, group phrases (§5) and names cited as words
NAME_TAGS = frozenset(f"{{{TEI_NS}}}{n}" for n in (*(k.name_element for k in INDEXES), "rs", "mentioned"))
EDITORIAL_NOTE = f"{{{TEI_NS}}}note"
EDITORIAL_TYPE = "editorial"  # a note of this type holds the editors' words, not the source's
ENTRY_XPATH = " | ".join(f"//tei:{k.entry}/tei:{k.name_element}" for k in INDEXES)


def name_forms(coll: Collection) -> dict[str, str]:
    """form -> id of the entry it names, over every index entry of the collection (cached)."""
    if "name-forms" in coll.cache:
        return coll.cache["name-forms"]  # type: ignore[return-value]
    forms: dict[str, str] = {}
    for doc in coll.docs.values():
        if doc.kind != "index":
            continue
        for el in doc.tree.xpath(ENTRY_XPATH, namespaces=NS):
            form = " ".join("".join(el.itertext()).split())
            entry = el.getparent().get("{http://www.w3.org/XML/1998/namespace}id") or "?"
            if len(form) >= 3 and not entry.startswith("ed-"):
                forms.setdefault(form, entry)
    coll.cache["name-forms"] = forms
    return forms


def _pattern(forms: dict[str, str]) -> re.Pattern[str] | None:
    """One pattern for every form, as a whole word, the longest form first where several match.

    The forms are written as a tree of their characters (Stalin, Stalingrad: `Stalin(?:grad)?`),
    so the regular expression engine follows one branch per character instead of trying every
    form in turn at every word. Forms that match at one place are prefixes of one another (up to
    the width of their spaces), so trying the longer continuation first and falling back to the
    shorter one finds what an alternation of the forms sorted by length finds."""
    if not forms:
        return None
    tree: dict[str, dict] = {}
    for form in forms:
        node = tree
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}  # a form ends here

    written = {char: r"\s+" if char == " " else re.escape(char) for char in set("".join(forms))}

    def branch(node: dict[str, dict]) -> str:
        alternatives = [written[char] + branch(child) for char, child in sorted(node.items()) if char]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        return "(?:" + body + ")?" if "" in node else body

    # the look-ahead names the forms' first characters: the engine passes over a position that
    # starts no form before it looks behind for the word boundary (a quarter less time)
    firsts = "".join(re.escape(char) for char in sorted(tree))
    return re.compile(f"(?=[{firsts}])" + r"(?<![\w-])" + branch(tree) + r"(?![\w-])")


# A character between two text runs when a source's runs are searched as one string: neither a
# word character nor a hyphen, so at either side of it the pattern's word boundaries hold as at
# the ends of a run, and in no form, so no match spans two runs.
_SEPARATOR = "\ue000"


@functools.cache
def _runs_joined() -> etree.XSLT:
    """The text runs of `_text_runs` under a document's (first) <text>, joined by _SEPARATOR:
    the same walk, made by libxslt from the same constants (NAME_TAGS, EDITORIAL_NOTE and
    EDITORIAL_TYPE); tests/test_checks_names.py checks that both give the same runs."""
    skipped = " | ".join(f"tei:{etree.QName(tag).localname}" for tag in sorted(NAME_TAGS))
    return etree.XSLT(etree.XML(f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
        xmlns:tei="{TEI_NS}">
      <xsl:output method="text" encoding="UTF-8"/>
      <xsl:template match="/"><xsl:apply-templates select="/*/tei:text[1]"/></xsl:template>
      <xsl:template match="{skipped} | tei:{etree.QName(EDITORIAL_NOTE).localname}[@type='{EDITORIAL_TYPE}']"/>
      <xsl:template match="text()"><xsl:value-of select="."/><xsl:text>{_SEPARATOR}</xsl:text></xsl:template>
    </xsl:stylesheet>"""))


def _end_line(el: etree._Element) -> int:
    """The line where `el` ends: the start of the last element it contains, plus the newlines of
    the text that follows that start inside `el`."""
    last = el
    for last in el.iter():
        pass
    line = (last.sourceline or 1) + (last.text or "").count("\n")
    return line + sum((n.tail or "").count("\n") for n in _chain(last, el))


def _chain(start: etree._Element, stop: etree._Element) -> Iterator[etree._Element]:
    node = start
    while node is not stop and node is not None:
        yield node
        node = node.getparent()


def _text_runs(el: etree._Element) -> Iterator[tuple[str, etree._Element, bool]]:
    """(text, element, is_tail) for each text node under `el` outside name tags and editorial notes."""
    if el.tag in NAME_TAGS or not isinstance(el.tag, str):
        return
    if el.tag == EDITORIAL_NOTE and el.get("type") == EDITORIAL_TYPE:  # the editors' words, not the source's
        return
    if el.text:
        yield el.text, el, False
    for child in el:
        yield from _text_runs(child)
        if child.tail:
            yield child.tail, child, True


def _locate(doc: Document, run: str, el: etree._Element, tail: bool, match: re.Match[str]) -> tuple[int, int]:
    """Line and column of `match` in the file: the same occurrence of the same words after the
    place where the text node begins; by counting lines through the text if that fails."""
    begin = doc.text_offset(el, tail)
    needle = match.group(0).encode("utf-8")
    if begin is not None:
        at = begin - 1
        for _ in range(run.count(match.group(0), 0, match.start()) + 1):
            at = doc.data.find(needle, at + 1)
            if at < 0:
                break
        if at >= 0:
            return doc.position(at)
    first = _end_line(el) if tail else (el.sourceline or 1)
    return first + run.count("\n", 0, match.start()), 1


@rule("name-untagged", severity=WARNING,
      hint="tag the mention: <persName ref=\"per:…\">, <placeName ref=\"pla:…\"> or <orgName ref=\"org:…\"> (ENCODING.md §5)")
def check_untagged_names(doc: Document, coll: Collection) -> Iterator[Problem]:
    """A name that the indexes know appears in a source's text without a name tag."""
    if doc.kind != "source":
        return
    forms = name_forms(coll)
    pattern = coll.cache.get("name-pattern")
    if pattern is None and forms:
        pattern = coll.cache["name-pattern"] = _pattern(forms)
        coll.cache["name-joinable"] = not any(_SEPARATOR in form for form in forms)
    text = doc.root.find("tei:text", NS)
    if pattern is None or text is None:
        return
    # First the source's runs as one string, searched at once: nearly every source has no untagged
    # name, and then nothing more is done. lxml gives a run of text and CDATA as one string and
    # libxslt as several, so a file with CDATA sections is searched run by run only.
    if coll.cache.get("name-joinable") and b"<![CDATA[" not in doc.data:
        if pattern.search(str(_runs_joined()(doc.tree))) is None:  # type: ignore[union-attr]
            return
    for run, el, tail in _text_runs(text):
        for match in pattern.finditer(run):  # type: ignore[union-attr]
            line, column = _locate(doc, run, el, tail, match)
            found = " ".join(match.group(0).split())
            yield make_problem("name-untagged", doc.display, line, column,
                               f'"{found}" is a name in the indexes ({forms.get(found, "?")}) but is not tagged')
