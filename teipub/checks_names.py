"""Missed mentions: a name the indexes know appears untagged in a source's text (a warning, §5).

The forms are every persName, placeName and orgName of every person, place and org entry in the
collection (all variant spellings included; forms under three characters are ignored). A form is
found as a whole word, case-sensitively, in the text of a source's <text> outside any persName,
placeName or orgName, outside a group phrase (rs) or a name cited as a word (mentioned), and
outside the editors' notes (note type="editorial"). Lines are counted through the text so the warning lands on the mention.
"""
from __future__ import annotations

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
    if not forms:
        return None
    alternatives = sorted(forms, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in alternatives)
                      + r")(?![\w-])")


_TOKEN = re.compile(r"[\w-]+")


def _first_tokens(forms: dict[str, str]) -> frozenset[str] | None:
    """The words a form can start with, or None if some form starts with no word at all."""
    firsts = set()
    for form in forms:
        token = _TOKEN.match(form)
        if token is None:
            return None
        firsts.add(token.group(0))
    return frozenset(firsts)


def _matches(pattern: re.Pattern[str], firsts: frozenset[str] | None, run: str) -> Iterator[re.Match[str]]:
    """pattern.finditer(run), trying the long alternation only where a word could start a form:
    a form matches only at a word's start (the pattern's look-behind), so nothing is missed."""
    if firsts is None:
        yield from pattern.finditer(run)
        return
    after = 0
    for token in _TOKEN.finditer(run):
        if token.start() < after or token.group(0) not in firsts:
            continue
        match = pattern.match(run, token.start())
        if match:
            yield match
            after = match.end()


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
    if el.tag == EDITORIAL_NOTE and el.get("type") == "editorial":  # the editors' words, not the source's
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
        coll.cache["name-firsts"] = _first_tokens(forms)
    firsts = coll.cache.get("name-firsts")
    text = doc.root.find("tei:text", NS)
    if pattern is None or text is None:
        return
    for run, el, tail in _text_runs(text):
        for match in _matches(pattern, firsts, run):  # type: ignore[arg-type]
            line, column = _locate(doc, run, el, tail, match)
            found = " ".join(match.group(0).split())
            yield make_problem("name-untagged", doc.display, line, column,
                               f'"{found}" is a name in the indexes ({forms.get(found, "?")}) but is not tagged')
