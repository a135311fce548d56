"""Header and index rules: a source's header is complete (§3); index entries are usable (§2)."""
from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from .problems import Problem, rule
from .edition import EditionError, edition_file, edition_of, load_edition
from .project import NS, PATHS
from .xmlinput import XML_ID, Collection, Document, absolute

# What every source's teiHeader holds (ENCODING.md §3): (XPath from teiHeader, what it is)
SOURCE_HEADER: tuple[tuple[str, str], ...] = (
    ("tei:fileDesc/tei:titleStmt/tei:title[@type='main']", "the edition's title (title type=\"main\")"),
    ("tei:fileDesc/tei:titleStmt/tei:title[@type='sub']", "the original's title (title type=\"sub\")"),
    ("tei:fileDesc/tei:titleStmt/tei:editor[@ref]", "an editor with @ref"),
    ("tei:fileDesc/tei:titleStmt/tei:respStmt[tei:resp][tei:name[@ref]]", "a respStmt with resp and name ref"),
    ("tei:fileDesc/tei:editionStmt/tei:edition[@n]", "editionStmt/edition with @n"),
    ("tei:fileDesc/tei:publicationStmt/tei:publisher", "the publisher"),
    ("tei:fileDesc/tei:publicationStmt/tei:pubPlace", "the place of publication"),
    ("tei:fileDesc/tei:publicationStmt/tei:date[@when]", "the publication date with @when"),
    ("tei:fileDesc/tei:publicationStmt/tei:idno[@type='edition']", "idno type=\"edition\" (the siglum)"),
    ("tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence[@target]", "a licence with @target"),
    ("tei:fileDesc/tei:publicationStmt/tei:availability/tei:p", "a statement of the original's rights (availability/p)"),
    ("tei:fileDesc/tei:sourceDesc/tei:bibl/tei:title", "the original's title in sourceDesc/bibl"),
    ("tei:fileDesc/tei:sourceDesc/tei:bibl/tei:date", "the original's date in sourceDesc/bibl"),
    ("tei:fileDesc/tei:sourceDesc/tei:bibl/tei:note[@type='medium']", "sourceDesc/bibl/note type=\"medium\""),
    ("tei:fileDesc/tei:sourceDesc/tei:bibl/tei:note[@type='transmission']", "sourceDesc/bibl/note type=\"transmission\""),
    ("tei:encodingDesc/tei:projectDesc/tei:p", "projectDesc/p"),
    *((f"tei:encodingDesc/tei:editorialDecl/tei:{part}/tei:p", f"editorialDecl/{part}/p")
      for part in ("correction", "normalization", "quotation", "hyphenation", "segmentation", "interpretation")),
    ("tei:encodingDesc/tei:listPrefixDef/tei:prefixDef", "listPrefixDef with the private URI schemes"),
    ("tei:profileDesc/tei:langUsage/tei:language[@ident='en']", "langUsage/language ident=\"en\""),
    ("tei:profileDesc/tei:textClass/tei:keywords[@scheme='#genre']/tei:term", "keywords scheme=\"#genre\" with a term"),
    ("tei:profileDesc/tei:textClass/tei:keywords[@scheme='#stance']/tei:term", "keywords scheme=\"#stance\" with a term"),
    ("tei:revisionDesc/tei:change[@when][@who]", "revisionDesc/change with @when and @who"),
)
ENTRIES = {k.entry: k.name_element for k in load_edition(PATHS.tei).indexes}  # tei/edition.xml
WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")
# the paths above, compiled once (compiling them for every source was most of the rule's time)
_HEADER_TESTS = tuple(etree.XPath(f"boolean({xpath})", namespaces=NS) for xpath, _ in SOURCE_HEADER)


def _closest(header: etree._Element, xpath: str) -> etree._Element:
    """The deepest existing element on the path of `xpath`, to place the problem near the gap."""
    steps = xpath.split("/")
    for n in range(len(steps) - 1, 0, -1):
        found = header.xpath("/".join(steps[:n]), namespaces=NS)
        if found:
            return found[0]
    return header


@rule("header-incomplete", hint="complete the teiHeader as in ENCODING.md §3 (copy the structure from another source)")
def check_header(doc: Document, coll: Collection) -> Iterator[Problem]:
    """A source's header has titles, editor and respStmt, publicationStmt with licence, sourceDesc,
    editorialDecl, profileDesc and revisionDesc (ENCODING.md §3)."""
    if doc.kind != "source":
        return
    header = doc.root.find("tei:teiHeader", NS)
    if header is None:
        yield doc.problem("header-incomplete", doc.root, "file has no teiHeader")
        return
    for (xpath, what), present in zip(SOURCE_HEADER, _HEADER_TESTS):
        if not present(header):
            yield doc.problem("header-incomplete", _closest(header, xpath), f"header lacks {what}")
    siglum = header.findtext("tei:fileDesc/tei:publicationStmt/tei:idno[@type='edition']", namespaces=NS)
    if siglum is not None and siglum.strip() != doc.root.get(XML_ID):
        el = header.find("tei:fileDesc/tei:publicationStmt/tei:idno[@type='edition']", NS)
        yield doc.problem("header-incomplete", el, f'idno type="edition" "{siglum.strip()}" is not the root '
                          f'xml:id "{doc.root.get(XML_ID)}"')


def _genres(coll: Collection) -> tuple[str, ...] | None:
    """The genre terms of the collection's edition description (else the project's), or None."""
    if "genres" not in coll.cache:
        folder = coll.root if edition_file(coll.root).is_file() else PATHS.tei
        parsed = coll.docs.get(absolute(edition_file(folder)))
        try:  # from the validator's tree when it holds the file (5,000 sources: a 15 MiB tree)
            edition = edition_of(parsed.root) if parsed is not None and not parsed.released else load_edition(folder)
            coll.cache["genres"] = edition.genres
        except EditionError:
            coll.cache["genres"] = None
    return coll.cache["genres"]  # type: ignore[return-value]


@rule("genre-unknown", hint="use a genre of the edition description: the @n of a category under the genre set "
                            "in tei/edition.xml (ENCODING.md §3)")
def check_genre(doc: Document, coll: Collection) -> Iterator[Problem]:
    """A source's genre keyword is one of the genres the edition description declares."""
    if doc.kind != "source" or (genres := _genres(coll)) is None:
        return
    for term in doc.root.iterfind("tei:teiHeader/tei:profileDesc/tei:textClass/tei:keywords[@scheme='#genre']/tei:term", NS):
        value = " ".join("".join(term.itertext()).split())
        if value not in genres:
            yield doc.problem("genre-unknown", term, f'"{value}" is not a genre of the edition ({", ".join(genres)})')


@rule("index-entry-name", hint="give the entry an xml:id and its preferred name first (persName/placeName/orgName)")
def check_index_entries(doc: Document, coll: Collection) -> Iterator[Problem]:
    """Every person, place and org has an xml:id and a preferred (first) name."""
    for entry, name in ENTRIES.items():
        for el in doc.iter_tei(entry):
            names = el.findall(f"tei:{name}", NS)
            if not names or not " ".join("".join(names[0].itertext()).split()):
                yield doc.problem("index-entry-name", el, f"{entry} {el.get(XML_ID) or ''} has no {name}".replace("  ", " "))
            if not el.get(XML_ID):
                yield doc.problem("index-entry-name", el, f"{entry} has no xml:id, so nothing can point to it")


@rule("index-wikidata", hint='a Wikidata id is Q followed by digits (idno type="wikidata">Q855<); leave it out if unknown')
def check_wikidata(doc: Document, coll: Collection) -> Iterator[Problem]:
    """Where an entry carries a Wikidata idno, it is well formed (Q + digits)."""
    for el in doc.root.iterfind(".//tei:idno[@type='wikidata']", NS):
        value = (el.text or "").strip()
        if not WIKIDATA.match(value):
            yield doc.problem("index-wikidata", el, f'"{value}" is not a Wikidata id')
