"""The collect stage: what the stylesheets need to know about the whole collection, found once.

The validator parses every file of the collection; while a file's tree is in memory it is handed
to a `Collector` (``validate(..., visit=collector.add)``), which keeps only small facts and lets
the tree go. A build without validation parses each file once here instead (`collect`). From the
facts, `Catalogue` writes

* ``catalogue.xml``, read by every once-per-build stylesheet (parameter ``catalogue``, the
  global variable ``$pe:catalogue`` of ``xslt/modules/catalogue.xsl``), and
* one slice per reading page (``pages/{siglum}.xml``): the same elements restricted to what that
  page shows, with copies of the claims (``tei:app``) it cites and of the register's witnesses
  and categories those name, so a page reads a document whose size does not grow with the
  collection (never the whole register), and the page's incremental key
  (teipub/incremental.py) is the slice's bytes.

Elements (no namespace), each written once; the root ``<catalogue sources>`` counts the sources:

``<file path role [siglum position title witness bibl-title]/>``
    every collection file, its role (teipub.xmlinput.file_role) and, for a source, its reading
    position and titles (titleStmt sub title, the witness text in the claims register, the
    sourceDesc title).
``<pointer token file id/>``
    every private URI used anywhere (``per:yezhov``), expanded once through listPrefixDef
    (teipub.pointers): the collection file (path under tei/) and the id it leads to.
``<entity id kind name sources mentions><in siglum count/>…</entity>``
    every index entry: its kind (``persons`` …), its preferred name, how many sources and name
    elements point at it, and the first MENTION_SOURCES sources in reading order with counts.
    A mention is a persName, placeName or orgName inside a source's ``text`` whose ``@ref``
    resolves to the entry; an element counts once per entry (the one definition of a mention:
    the index pages, the index CSV and the reading pages all count this way).
``<claim id><span siglum id/>…</claim>``
    every claim some source span points at (``ana="claim:…"``), with its spans.
``<note id kind n/>``
    every note of a source's text: ``footnote`` (the source's own) or ``editorial`` (@resp or
    @type="editorial"), and its number in the source's list of notes.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .pointers import POINTER_ATTRIBUTES, is_private, prefixes_of, resolve
from .project import NS, TEI_NS, XML_NS
from .xmlinput import file_role, hardened_parser, xml_files

XML_ID = f"{{{XML_NS}}}id"
NAME_TAGS = tuple(f"{{{TEI_NS}}}{n}" for n in ("persName", "placeName", "orgName"))
ENTRY_KINDS = {"person": "persons", "place": "places", "org": "organisations"}
# How many sources a reading page names for each entity (reading order, with counts); the rest
# are counted and the entity's index page lists every mention.
MENTION_SOURCES = 5


def _t(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


def _text(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class SourceFacts:
    """What the catalogue keeps of one source (its tree is released after `Collector.add`)."""

    siglum: str
    path: str  # under tei/
    title: str = ""
    bibl_title: str = ""
    names: Counter[str] = field(default_factory=Counter)  # entity id -> name elements
    claims: dict[str, list[str]] = field(default_factory=dict)  # claim id -> span ids
    notes: list[tuple[str, str, int]] = field(default_factory=list)  # (id, kind, number)
    tokens: set[str] = field(default_factory=set)  # private URIs used
    digest: str = ""  # SHA-256 of the file's bytes


@dataclass
class Collector:
    """Receives each parsed file once (`add`) and keeps the small facts the catalogue needs."""

    tei: Path
    files: dict[str, str] = field(default_factory=dict)  # path under tei/ -> role
    sources: dict[str, SourceFacts] = field(default_factory=dict)  # siglum -> facts
    pointers: dict[str, tuple[str, str]] = field(default_factory=dict)  # token -> (file, id)
    entries: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # id -> (kind, name, c14n sha)
    witnesses: dict[str, str] = field(default_factory=dict)  # siglum -> witness text (claims register)
    claim_wits: dict[str, set[str]] = field(default_factory=dict)  # claim id -> witness sigla
    claim_digest: dict[str, str] = field(default_factory=dict)  # claim id -> sha of its app
    claim_copies: dict[str, bytes] = field(default_factory=dict)  # claim id -> its app, serialised
    claim_tokens: dict[str, set[str]] = field(default_factory=dict)  # claim id -> private URIs in it
    claim_refs: dict[str, set[str]] = field(default_factory=dict)  # claim id -> register ids it points at (#…)
    register_copies: dict[str, bytes] = field(default_factory=dict)  # witness and category id -> element
    changes: list[str] = field(default_factory=list)  # revisionDesc/change/@when (latest kept)
    versions: list[str] = field(default_factory=list)

    def add(self, path: Path, root: etree._Element, data: bytes | None = None) -> None:
        """Take what the catalogue needs from one parsed file (`path` absolute, inside `tei`)."""
        tei = self.tei.resolve()
        rel = path.resolve().relative_to(tei).as_posix()
        role = file_role(root)
        self.files[rel] = role
        prefixes = prefixes_of(root)
        used: set[str] = set()
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            for name in POINTER_ATTRIBUTES:
                value = el.get(name)
                if value:
                    used.update(t for t in value.split() if is_private(t))
        for token in used:
            if token not in self.pointers:
                res = resolve(path.resolve(), prefixes, token)
                if res.path is not None and res.fragment and not res.error:
                    try:
                        target = res.path.relative_to(tei).as_posix()
                    except ValueError:  # leads outside the collection: never followed
                        continue
                    self.pointers[token] = (target, res.fragment)
        whens = [w for w in root.xpath("//tei:revisionDesc//tei:change/@when", namespaces=NS)]
        if whens:
            self.changes.append(max(whens))
        if role == "source":
            self._add_source(rel, root, used, data if data is not None else path.read_bytes())
        elif role == "index":
            self._add_index(root)
        elif role == "claims":
            self._add_claims(root)

    def _add_source(self, rel: str, root: etree._Element, used: set[str], data: bytes) -> None:
        siglum = root.get(XML_ID) or Path(rel).stem
        facts = SourceFacts(siglum, rel, tokens=used, digest=_sha(data))
        facts.title = _text(root.find(f"{_t('teiHeader')}/{_t('fileDesc')}/{_t('titleStmt')}/{_t('title')}[@type='sub']"))
        facts.bibl_title = _text(root.find(f".//{_t('sourceDesc')}/{_t('bibl')}/{_t('title')}"))
        self.versions += root.xpath("//tei:editionStmt/tei:edition/@n", namespaces=NS)
        text = root.find(_t("text"))
        if text is not None:
            for el in text.iter(*NAME_TAGS):
                ref = el.get("ref")
                if ref:
                    self_ids = {self.pointers[t][1] for t in ref.split() if t in self.pointers}
                    for t in ref.split():
                        if t.startswith("#"):
                            self_ids.add(t[1:])
                        elif t not in self.pointers and "#" in t:
                            self_ids.add(t.partition("#")[2])
                    facts.names.update(self_ids)
            for el in text.iter():
                if not isinstance(el.tag, str):
                    continue
                ana = el.get("ana")
                if ana and (ident := el.get(XML_ID)):
                    for t in ana.split():
                        if t.startswith("claim:") and t in self.pointers:
                            facts.claims.setdefault(self.pointers[t][1], []).append(ident)
            n = 0
            for note in text.iter(_t("note")):
                n += 1
                kind = "editorial" if note.get("resp") or note.get("type") == "editorial" else "footnote"
                facts.notes.append((note.get(XML_ID, ""), kind, n))
        self.sources[siglum] = facts

    def _add_index(self, root: etree._Element) -> None:
        for tag, kind in ENTRY_KINDS.items():
            for entry in root.iter(_t(tag)):
                ident = entry.get(XML_ID)
                if not ident:
                    continue
                names = [n for n in entry if isinstance(n.tag, str) and n.tag in NAME_TAGS]
                preferred = ([n for n in names if n.get("type") in ("preferred", "main", "reg")]
                             or [n for n in names if n.get("type") is None] or names)
                name = _text(preferred[0]) if preferred else ident
                self.entries[ident] = (kind, name, _sha(etree.tostring(entry, method="c14n")))

    def _add_claims(self, root: etree._Element) -> None:
        for wit in root.iter(_t("witness")):
            ident = wit.get(XML_ID, "")
            siglum = ident.removeprefix("wit-")
            self.witnesses[siglum] = _text(wit)
            self.register_copies[ident] = etree.tostring(wit)
        for category in root.iter(_t("category")):
            if category.get(XML_ID):
                self.register_copies[category.get(XML_ID)] = etree.tostring(category)
        for app in root.iter(_t("app")):
            ident = app.get(XML_ID)
            if not ident:
                continue
            self.claim_digest[ident] = _sha(etree.tostring(app, method="c14n"))
            self.claim_copies[ident] = etree.tostring(app)
            values = [v for el in app.iter() if isinstance(el.tag, str)
                      for name in POINTER_ATTRIBUTES if (v := el.get(name))]
            tokens = {t for v in values for t in v.split()}
            self.claim_tokens[ident] = {t for t in tokens if is_private(t)}
            self.claim_refs[ident] = {t[1:] for t in tokens if t.startswith("#")}
            sigla: set[str] = set()
            for rdg in app.iter(_t("rdg")):
                for w in (rdg.get("wit") or "").split():
                    sigla.add(w.lstrip("#").removeprefix("wit-"))
            self.claim_wits[ident] = sigla

    def catalogue(self, order: Iterable[str] = ()) -> Catalogue:
        """The catalogue, sources in reading order: `order` first, then any other siglum sorted."""
        first = [s for s in order if s in self.sources]
        rest = sorted(s for s in self.sources if s not in first)
        return Catalogue(self, [*first, *rest])


class CollectError(Exception):
    """A collection file could not be read or parsed; the message names it."""


def collect(tei: Path) -> Collector:
    """Parse every collection file once (a build without validation) and collect its facts."""
    collector = Collector(tei)
    for path in xml_files(tei):
        try:
            data = path.read_bytes()
            root = etree.fromstring(data, hardened_parser())
        except (OSError, etree.XMLSyntaxError) as exc:
            raise CollectError(f"{path}: {exc}") from None
        collector.add(path, root, data)
    return collector


class Catalogue:
    """The collected facts in reading order; writes catalogue.xml and the reading pages' slices."""

    def __init__(self, facts: Collector, order: list[str]) -> None:
        self.facts = facts
        self.order = order
        naming: dict[str, list[str]] = {}
        for siglum in order:
            for ident in sorted(facts.sources[siglum].names):
                naming.setdefault(ident, []).append(siglum)
        self.naming = naming
        # found once: a page asks each of these, and there is a page per source
        self.positions = {s: i for i, s in enumerate(order, 1)}
        self.source_paths = {f.path for f in facts.sources.values()}

    # ---------------------------------------------------------------- questions

    def mentions(self, ident: str) -> dict[str, int]:
        """siglum -> name elements of that source pointing at the entity (reading order)."""
        return {s: self.facts.sources[s].names[ident] for s in self.naming.get(ident, [])}

    @property
    def build_date(self) -> str:
        return max(self.facts.changes, default="")

    # ---------------------------------------------------------------- elements

    def _file(self, rel: str, role: str) -> etree._Element:
        return etree.Element("file", path=rel, role=role)

    def _source(self, siglum: str) -> etree._Element:
        s = self.facts.sources[siglum]
        el = etree.Element("file", path=s.path, role="source", siglum=siglum)
        el.set("title", s.title or siglum)
        el.set("witness", self.facts.witnesses.get(siglum, ""))
        el.set("bibl-title", s.bibl_title)
        return el

    def _witness(self, siglum: str) -> etree._Element:
        """A witness of the register whose source is not in the collection (its title only)."""
        return etree.Element("file", role="witness", siglum=siglum, witness=self.facts.witnesses.get(siglum, ""))

    def _entity(self, ident: str, total: bool = True) -> etree._Element:
        """An entity's line; a reading page's has no total of mentions (it shows none, so a
        mention added elsewhere does not change the page's key)."""
        kind, name, _ = self.facts.entries.get(ident, ("", ident, ""))
        sigla = self.naming.get(ident, [])
        el = etree.Element("entity", id=ident, kind=kind, name=name, sources=str(len(sigla)))
        if total:
            el.set("mentions", str(sum(self.facts.sources[s].names[ident] for s in sigla)))
        for s in sigla[:MENTION_SOURCES]:
            etree.SubElement(el, "in", siglum=s, title=self.facts.sources[s].bibl_title,
                             count=str(self.facts.sources[s].names[ident]))
        return el

    def _pointer(self, token: str) -> etree._Element:
        file, ident = self.facts.pointers[token]
        return etree.Element("pointer", token=token, file=file, id=ident)

    # ---------------------------------------------------------------- documents

    def document(self) -> etree._Element:
        """The whole catalogue."""
        root = etree.Element("catalogue", sources=str(len(self.order)))
        positions = self.positions
        for rel, role in sorted(self.facts.files.items()):
            if role == "source" and rel in self.source_paths:
                continue
            root.append(self._file(rel, role))
        for siglum in self.order:
            el = self._source(siglum)
            el.set("position", str(positions[siglum]))
            root.append(el)
        for siglum in sorted(set(self.facts.witnesses) - set(self.facts.sources)):
            root.append(self._witness(siglum))
        for token in sorted(self.facts.pointers):
            root.append(self._pointer(token))
        for ident in sorted(set(self.facts.entries) | set(self.naming)):
            root.append(self._entity(ident))
        spans: dict[str, list[tuple[str, str]]] = {}
        for siglum in self.order:
            for claim, ids in self.facts.sources[siglum].claims.items():
                spans.setdefault(claim, []).extend((siglum, i) for i in ids)
        for claim in sorted(spans):
            el = etree.SubElement(root, "claim", id=claim)
            for siglum, ident in spans[claim]:
                etree.SubElement(el, "span", siglum=siglum, id=ident)
        for siglum in self.order:
            for ident, kind, n in self.facts.sources[siglum].notes:
                etree.SubElement(root, "note", id=ident, kind=kind, n=str(n))
        return root

    def page(self, siglum: str) -> etree._Element:
        """The slice of the catalogue one reading page shows (see the module docstring)."""
        s = self.facts.sources[siglum]
        # how many sources the collection holds: every page says it ("Six sources on …")
        root = etree.Element("catalogue", page=siglum, sources=str(len(self.order)))
        named = sorted(i for i in s.names if i in self.facts.entries or i in self.naming)
        shown = {siglum}
        for ident in named:
            shown.update(self.naming.get(ident, [])[:MENTION_SOURCES])
        witnesses: set[str] = set()
        for claim in s.claims:
            witnesses.update(self.facts.claim_wits.get(claim, ()))
        shown.update(w for w in witnesses if w in self.facts.sources)
        positions = self.positions
        for other in sorted(shown, key=positions.__getitem__):
            el = self._source(other)
            el.set("position", str(positions[other]))
            root.append(el)
        for siglum in sorted(w for w in witnesses if w not in self.facts.sources):
            root.append(self._witness(siglum))
        tokens = set(s.tokens) | {f"claim:{c.removeprefix('claim-')}" for c in s.claims}
        for claim in s.claims:
            tokens |= self.facts.claim_tokens.get(claim, set())
        for token in sorted(t for t in tokens if t in self.facts.pointers):
            root.append(self._pointer(token))
        # copies of what the page shows of the register, so that it never reads the whole register
        refs: set[str] = set()
        for claim in sorted(s.claims):
            if claim in self.facts.claim_copies:
                root.append(etree.fromstring(self.facts.claim_copies[claim]))
                refs |= self.facts.claim_refs.get(claim, set())
        for ident in sorted(r for r in refs if r in self.facts.register_copies):
            root.append(etree.fromstring(self.facts.register_copies[ident]))
        for ident in named:
            root.append(self._entity(ident, total=False))
        for claim in sorted(s.claims):
            el = etree.SubElement(root, "claim", id=claim)
            for ident in s.claims[claim]:
                etree.SubElement(el, "span", siglum=siglum, id=ident)
        for ident, kind, n in s.notes:
            etree.SubElement(root, "note", id=ident, kind=kind, n=str(n))
        return root

    def page_digest(self, siglum: str, page: etree._Element) -> str:
        """What the key of a reading page covers besides the stylesheets and parameters: the
        source's bytes, its slice, and the index entries and claims it shows, byte for byte."""
        s = self.facts.sources[siglum]
        h = hashlib.sha256()
        h.update(s.digest.encode())
        h.update(etree.tostring(page, method="c14n"))
        for ident in sorted(s.names):
            h.update(self.facts.entries.get(ident, ("", "", ""))[2].encode())
        for claim in sorted(s.claims):
            h.update(self.facts.claim_digest.get(claim, "").encode())
        return h.hexdigest()

    def write_edition(self, source: Path, folder: Path) -> Path | None:
        """A copy of the edition description without its list of sources (it grows with the
        collection and every page reads the description; the build passes the sources as $sigla)."""
        if not source.is_file():
            return None
        root = etree.fromstring(source.read_bytes(), hardened_parser())
        for bibl in root.iterfind(f".//{_t('sourceDesc')}/{_t('listBibl')}[@type='sources']/{_t('bibl')}"):
            bibl.getparent().remove(bibl)
        out = folder / "edition.xml"
        out.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
        return out

    def write(self, folder: Path) -> tuple[Path, dict[str, tuple[Path, str]]]:
        """catalogue.xml and pages/{siglum}.xml under `folder`; (the catalogue, siglum -> (slice, digest))."""
        folder.mkdir(parents=True, exist_ok=True)
        whole = folder / "catalogue.xml"
        whole.write_bytes(etree.tostring(self.document(), xml_declaration=True, encoding="UTF-8"))
        (folder / "pages").mkdir(exist_ok=True)
        slices: dict[str, tuple[Path, str]] = {}
        for siglum in self.order:
            page = self.page(siglum)
            out = folder / "pages" / f"{siglum}.xml"
            out.write_bytes(etree.tostring(page, xml_declaration=True, encoding="UTF-8"))
            slices[siglum] = (out, self.page_digest(siglum, page))
        return whole, slices


def index_mentions(cat: Catalogue) -> Mapping[str, dict[str, int]]:
    """entity id -> {siglum: mentions}, for every entity some source names."""
    return {ident: cat.mentions(ident) for ident in cat.naming}
