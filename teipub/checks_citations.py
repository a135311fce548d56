"""Rules that keep the scholarship checkable (schema/ENCODING.md §9): page ranges and pinpoints.

* bib-pages       an article or chapter of the bibliography (a biblStruct with analytic) gives its
                  page range (biblScope unit="page" with @from and @to) and a note type="pages"
                  saying where the range was verified, or a note type="pages" subtype="unverified"
                  saying that it is not yet verified (never a guessed range)
* claim-pinpoint  a scholarly reading of the register gives the pages it rests on (bibl/citedRange)
                  with a note type="pinpoint" saying where they were verified, or a note
                  type="pinpoint" subtype="unverified" telling the reader the pinpoint is not yet
                  verified; a citedRange marked unverified, or unverified pages without the note,
                  are errors

Cores are pure functions of one parsed element and return the messages; the registered checks
only walk the files.
"""
from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from .problems import Problem, rule
from .project import NS
from .xmlinput import XML_ID, Collection, Document


def _notes(parent: etree._Element | None, kind: str) -> list[etree._Element]:
    return [] if parent is None else parent.findall(f"tei:note[@type='{kind}']", NS)


def _says(note: etree._Element) -> bool:
    return bool(" ".join("".join(note.itertext()).split()))


def page_range_problems(entry: etree._Element) -> list[str]:
    """What an article or chapter's entry lacks: a verified page range, or the note that it has none."""
    if entry.find("tei:analytic", NS) is None:
        return []
    scopes = entry.findall(".//tei:biblScope[@unit='page']", NS)
    notes = _notes(entry, "pages")
    unverified = [n for n in notes if n.get("subtype") == "unverified"]
    verified = [n for n in notes if n.get("subtype") != "unverified"]
    ident = entry.get(XML_ID) or "?"
    if scopes:
        out = []
        for scope in scopes:
            if not (scope.get("from") or "").isdigit() or not (scope.get("to") or "").isdigit():
                out.append(f'"{ident}": the page range needs numeric @from and @to')
        if unverified:
            out.append(f'"{ident}" gives a page range but says it is not verified: verify it or remove it')
        if not any(_says(n) for n in verified):
            out.append(f'"{ident}" gives a page range without a note type="pages" saying where it was verified')
        return out
    if not any(_says(n) for n in unverified):
        return [f'the article or chapter "{ident}" has no page range and no note type="pages" '
                'subtype="unverified" saying so']
    return []


def pinpoint_problems(rdg: etree._Element) -> list[str]:
    """What a scholarly reading lacks: verified pages with where, or the plain 'not yet verified'."""
    bibl = rdg.find("tei:bibl", NS)
    source = rdg.get("source") or "?"
    if bibl is None:
        return []  # claim-structure reports a reading without bibl
    cited = bibl.findall("tei:citedRange", NS)
    notes = _notes(bibl, "pinpoint")
    unverified = [n for n in notes if n.get("subtype") == "unverified"]
    verified = [n for n in notes if n.get("subtype") != "unverified"]
    if cited:
        out = []
        if unverified:
            out.append(f'the reading of {source} cites pages but says they are not verified: '
                       'verify them or remove the citedRange')
        if not any(_says(n) for n in verified):
            out.append(f'the reading of {source} cites pages without a note type="pinpoint" '
                       'saying where they were verified')
        return out
    if not any(_says(n) for n in unverified):
        return [f'the reading of {source} gives no pages and no note type="pinpoint" '
                'subtype="unverified" telling the reader so']
    return []


@rule("bib-pages", hint='add biblScope unit="page" from/to with a note type="pages" saying where the range was '
      'verified, or a note type="pages" subtype="unverified" (never a guessed range; ENCODING.md §9)')
def check_page_ranges(doc: Document, coll: Collection) -> Iterator[Problem]:
    """Every article and chapter of the bibliography gives its verified page range, or says it is unverified."""
    if doc.kind != "bibliography":
        return
    for entry in doc.iter_tei("biblStruct"):
        for message in page_range_problems(entry):
            yield doc.problem("bib-pages", entry, message)


@rule("claim-pinpoint", hint='add bibl/citedRange with a note type="pinpoint" saying where the pages were '
      'verified, or a note type="pinpoint" subtype="unverified" (never a guessed page; ENCODING.md §9)')
def check_pinpoints(doc: Document, coll: Collection) -> Iterator[Problem]:
    """Every scholarly reading gives its verified pages, or tells the reader they are not yet verified."""
    if doc.kind != "claims":
        return
    for rdg in doc.iter_tei("rdg"):
        if not (rdg.get("source") or "").startswith("bib:"):
            continue
        for message in pinpoint_problems(rdg):
            yield doc.problem("claim-pinpoint", rdg, message)
