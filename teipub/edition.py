"""The edition description (tei/edition.xml) as data: the one place the edition's facts are read.

`tei/edition.xml` holds the edition's identity (title, publisher, editors, licence, version, base
URL), its sources in reading order (file, siglum, short title, raw witness, genre), the OAI-PMH
sets (the genre taxonomy among them), the index declarations and the kinds of claim. Every other
module asks here; none names a source, a genre or an index kind itself. The stylesheets read the
same file through ``$pe:edition`` (xslt/modules/params.xsl).

    >>> edition = load_edition(PATHS.tei)
    >>> edition.sigla                        # reading order
    >>> edition.source(edition.sigla[0]).raw  # its witness: a file name in tei/raw/
    >>> edition.set_names["genre:school-essay"]

`parse_edition(data)` is pure (bytes in, an `Edition` out, `EditionError` on anything it cannot
use); `load_edition(tei_dir)` reads the file and remembers the result while the file is unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from teipub.project import NS, XML_NS

FILE_NAME = "edition.xml"  # in the collection folder (tei/)
XML_ID = f"{{{XML_NS}}}id"
GENRE_SET = "genre"  # the top category of the sets whose children are the genres


class EditionError(Exception):
    """The edition description is missing, unreadable or incomplete; the message says what."""


@dataclass(frozen=True)
class Source:
    siglum: str  # the root xml:id of its file and the prefix of its ids
    title: str  # short title (the original's title)
    file: str  # relative to tei/: "sources/{siglum}.xml"
    raw: str  # file name in tei/raw/: the witness the encoding must keep word for word
    genre: str  # a genre term: "school-essay"


@dataclass(frozen=True)
class OaiSet:
    spec: str  # "genre:school-essay"
    name: str  # "Sources: school essays"
    files: tuple[str, ...] = ()  # for apparatus sets: the files (relative to tei/) in the set


@dataclass(frozen=True)
class IndexKind:
    name: str  # "persons": the index's pages are indexes/persons/
    file: str  # "indexes/persons.xml"
    label: str  # "Persons"
    prefix: str  # "per": entries are pointed at as per:stalin (xml:id per-stalin)
    entry: str  # "person": the TEI element of an entry
    name_element: str  # "persName": the element that names an entry in the texts


@dataclass(frozen=True)
class ClaimKind:
    name: str  # "quantity": claims say theirs with ana="#kind-quantity"
    description: str


@dataclass(frozen=True)
class Editor:
    ref: str  # "ed:encoding"
    name: str


@dataclass(frozen=True)
class Edition:
    title: str
    subtitle: str
    publisher: str
    pub_place: str
    editors: tuple[Editor, ...]
    licence: str  # the licence's URL
    version: str
    base_url: str
    sources: tuple[Source, ...]  # reading order
    sets: tuple[OaiSet, ...]
    indexes: tuple[IndexKind, ...]
    claim_kinds: tuple[ClaimKind, ...]

    @property
    def sigla(self) -> tuple[str, ...]:
        return tuple(s.siglum for s in self.sources)

    def source(self, siglum: str) -> Source:
        for s in self.sources:
            if s.siglum == siglum:
                return s
        raise KeyError(siglum)

    @property
    def genres(self) -> tuple[str, ...]:
        """The genre terms, in the order of the taxonomy."""
        head = GENRE_SET + ":"
        return tuple(s.spec[len(head):] for s in self.sets if s.spec.startswith(head) and ":" not in s.spec[len(head):])

    @property
    def set_names(self) -> dict[str, str]:
        return {s.spec: s.name for s in self.sets}

    @property
    def apparatus_sets(self) -> dict[str, str]:
        """File (relative to tei/) -> the most specific set it belongs to by its place."""
        return {f: s.spec for s in self.sets for f in s.files}

    @property
    def claim_kind_names(self) -> tuple[str, ...]:
        return tuple(k.name for k in self.claim_kinds)


def _text(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _one(root: etree._Element, xpath: str, what: str) -> etree._Element:
    found = root.xpath(xpath, namespaces=NS)
    if not found:
        raise EditionError(f"{FILE_NAME} has no {what} ({xpath})")
    return found[0]


def _sets(category: etree._Element, parent: str) -> list[OaiSet]:
    part = category.get("n", "")
    if not part:
        raise EditionError(f"{FILE_NAME}: a category of the sets has no @n (line {category.sourceline})")
    spec = f"{parent}:{part}" if parent else part
    name = _text(category.find("tei:catDesc", NS))
    found = [OaiSet(spec, name, tuple((category.get("corresp") or "").split()))]
    for child in category.findall("tei:category", NS):
        found += _sets(child, spec)
    return found


def _catdesc(category: etree._Element, n: str) -> str:
    return _text(category.find(f"tei:catDesc[@n='{n}']", NS))


def parse_edition(data: bytes) -> Edition:
    """The edition description from the bytes of tei/edition.xml (pure; EditionError if unusable)."""
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise EditionError(f"{FILE_NAME} is not well-formed XML: {exc}") from None
    return edition_of(root)


def edition_of(root: etree._Element) -> Edition:
    """The edition description from the parsed tei/edition.xml (the validator's tree: a large
    collection's description is not parsed twice)."""
    header = _one(root, "/tei:TEI/tei:teiHeader", "teiHeader")
    file_desc = _one(header, "tei:fileDesc", "fileDesc")
    genre_ids: dict[str, str] = {}
    for cat in header.xpath(".//tei:taxonomy[@xml:id='edition-sets']/tei:category[@n=$g]/tei:category",
                            namespaces=NS, g=GENRE_SET):
        genre_ids[cat.get(XML_ID, "")] = cat.get("n", "")
    sources: list[Source] = []
    for bibl in file_desc.xpath("tei:sourceDesc/tei:listBibl[@type='sources']/tei:bibl", namespaces=NS):
        siglum = _text(bibl.find("tei:idno[@type='edition']", NS))
        genre = genre_ids.get((bibl.get("ana") or "").removeprefix("#"), "")
        source = Source(siglum, _text(bibl.find("tei:title", NS)), bibl.get("corresp", ""),
                        _text(bibl.find("tei:idno[@type='raw']", NS)), genre)
        missing = [f for f, v in (("siglum", siglum), ("title", source.title), ("file", source.file),
                                  ("raw", source.raw), ("genre", genre)) if not v]
        if missing:
            raise EditionError(f"{FILE_NAME}:{bibl.sourceline}: the source has no {', '.join(missing)}")
        sources.append(source)
    sigla = [s.siglum for s in sources]
    if len(set(sigla)) != len(sigla):
        raise EditionError(f"{FILE_NAME}: a siglum is listed twice: {' '.join(sigla)}")
    sets: list[OaiSet] = []
    for top in header.xpath(".//tei:taxonomy[@xml:id='edition-sets']/tei:category", namespaces=NS):
        sets += _sets(top, "")
    indexes = tuple(
        IndexKind(cat.get("n", ""), cat.get("corresp", ""), _catdesc(cat, "label"), _catdesc(cat, "prefix"),
                  _catdesc(cat, "entry"), _catdesc(cat, "name"))
        for cat in header.xpath(".//tei:taxonomy[@xml:id='edition-indexes']/tei:category", namespaces=NS))
    claim_kinds = tuple(
        ClaimKind(cat.get("n", ""), _text(cat.find("tei:catDesc", NS)))
        for cat in header.xpath(".//tei:taxonomy[@xml:id='edition-claim-kinds']/tei:category", namespaces=NS))
    title_stmt = _one(file_desc, "tei:titleStmt", "titleStmt")
    pub = _one(file_desc, "tei:publicationStmt", "publicationStmt")
    licence = pub.find("tei:availability/tei:licence", NS)
    edition = file_desc.find("tei:editionStmt/tei:edition", NS)
    return Edition(
        title=_text(title_stmt.find("tei:title[@type='main']", NS)),
        subtitle=_text(title_stmt.find("tei:title[@type='sub']", NS)),
        publisher=_text(pub.find("tei:publisher", NS)),
        pub_place=_text(pub.find("tei:pubPlace", NS)),
        editors=tuple(Editor(e.get("ref", ""), _text(e)) for e in title_stmt.findall("tei:editor", NS)),
        licence=licence.get("target", "") if licence is not None else "",
        version=edition.get("n", "") if edition is not None else "",
        base_url=_text(pub.find("tei:idno[@type='url']", NS)),
        sources=tuple(sources),
        sets=tuple(sets),
        indexes=indexes,
        claim_kinds=claim_kinds,
    )


_cache: dict[Path, tuple[int, int, Edition]] = {}


def edition_file(tei_dir: Path) -> Path:
    return tei_dir / FILE_NAME


def load_edition(tei_dir: Path) -> Edition:
    """The description of the collection in `tei_dir` (read again only when the file changed)."""
    path = edition_file(tei_dir).resolve()
    try:
        stat = path.stat()
        cached = _cache.get(path)
        if cached and cached[:2] == (stat.st_mtime_ns, stat.st_size):
            return cached[2]
        edition = parse_edition(path.read_bytes())
    except OSError as exc:
        raise EditionError(f"cannot read the edition description {path}: {exc.strerror or exc}") from None
    _cache[path] = (stat.st_mtime_ns, stat.st_size, edition)
    return edition
