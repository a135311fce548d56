"""The collect stage: what the stylesheets need to know about the whole collection, found once.

The validator parses every file of the collection; while a file's tree is in memory it is handed
to a `Collector` (``validate(..., visit=collector.add)``), which keeps only small facts and lets
the tree go. A build without validation parses each file once here instead (`collect`). From the
facts, `Catalogue` writes

* ``catalogue.xml``, read by every once-per-build stylesheet (parameter ``catalogue``, the
  global variable ``$pe:catalogue`` of ``xslt/modules/catalogue.xsl``),
* ``passages.xml`` beside it, the words round every claim span, which only the claim pages show
  (``$pe:passages``): the largest part of what is collected (four fifths of it at 5,000 sources),
  kept out of the catalogue that every part of the collection-wide stages reads,
* one slice per reading page (``pages/{siglum}.xml``): the same elements restricted to what that
  page shows, with copies of the claims (``tei:app``) it cites and of the register's witnesses
  and categories those name, so a page reads a document whose size does not grow with the
  collection (never the whole register), and the page's incremental key
  (teipub/incremental.py) is the slice's bytes, and
* one header per source (``headers/{siglum}.xml``): the source's root element with its teiHeader
  alone, for the pages that show only what the headers say (the home page and the edition's own
  pages: parameter ``headers``, ``pe:source-headers()`` of ``xslt/modules/functions.xsl``), so
  that they read a tenth of each source rather than all of it.

Elements (no namespace), each written once; the root ``<catalogue sources>`` counts the sources:

``<file path role [siglum position title short witness bibl-title]>[<term/>…]</file>``
    every collection file, its role (teipub.xmlinput.file_role) and, for a source, its reading
    position and titles (titleStmt sub title, the witness text in the claims register, the
    sourceDesc title); in catalogue.xml a source's file also holds its genre and stance (the
    terms of its textClass keywords #genre and #stance, in order).
``<pointer token file id/>``
    every private URI used anywhere (``per:yezhov``), expanded once through listPrefixDef
    (teipub.pointers): the collection file (path under tei/) and the id it leads to.
``<entity id kind name sources mentions><in siglum count/>…<page n part>sigla</page>…</entity>``
    every index entry: its kind (``persons`` …), its preferred name, how many sources and name
    elements point at it, and the first MENTION_SOURCES sources in reading order with counts.
    In catalogue.xml (not in the slices) an entity also has the pages of its index entry: the
    sigla whose mentions each lists (ENTRY_PAGE_SOURCES to a page) and the part that writes it
    (`entry_parts`).
    A mention is a persName, placeName or orgName inside a source's ``text`` whose ``@ref``
    resolves to the entry; an element counts once per entry (the one definition of a mention:
    the index pages, the index CSV and the reading pages all count this way).
``<claim id><span siglum id verdict [cert names]/>…</claim>``
    every claim some source span points at (``ana="claim:…"``), with its spans; ``verdict`` is the
    register's verdict on the reading that points at the span (the key of its ``#verdict-…``:
    contradicted, qualified, disputed, consistent, uncheckable; the most severe, in that order,
    where several readings of the claim point at one span) and ``cert`` the editors' confidence in
    it. In catalogue.xml (not in the slices) ``names`` lists the entries named inside the span
    (as a mention points at them).
    In a slice the claim also has ``sources``: how many sources have a reading on it in all; the
    slice's copy of the claim keeps the readings of the page's source and of the first
    ``apparatus-sources`` others (xslt/modules/params.xsl), and the note counts the rest.
``<note id kind n/>``
    every note of a source's text (never its header's): ``footnote`` (the source's own) or
    ``editorial`` (@resp or @type="editorial"), and its number among the notes of its kind in
    that text, 1..n in the order of the text (the source's notes and the editors' are two lists).
``<passage claim id><before/><text/><after/></passage>`` (passages.xml, root ``<passages>``)
    the words of a claim span's passage (the edited reading of its paragraph, list item or table
    row): ``before`` and ``after`` at most CONTEXT_CHARS characters on either side of the span's
    ``text``, for the synoptic claim pages.
"""
from __future__ import annotations

import copy
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
# How many sources' mentions one index entry page lists: an entry named by more sources has
# numbered pages (indexes/persons/per-x/2.html), each with the next sources in reading order.
ENTRY_PAGE_SOURCES = 50
# The collection-wide pages are made in parts, one transformation each, each reading at most
# about this many sources: the index entry pages (parameter `part` of indexes.xsl, `entry_parts`)
# and the chronology's items (`source_shares`). Saxon keeps every document a transformation reads
# until it ends, and its garbage collector's work grows with what is kept: one transformation over
# every source of a large collection costs more than linear time.
PART_SOURCES = 400
# The chronology is made in parts (its items, then its pages) from this many sources: below, one
# transformation over every source costs less (CPU seconds, one process: 13.8 at once against 15.2
# in parts at 500 sources; 270.8 against 175.2 at 5,000).
CHRONOLOGY_PARTS_FROM = 1000
# Where `Catalogue.write` puts the sources' headers and the claim spans' passages, beside the
# catalogue (the build passes the headers' folder to the stylesheets; xslt/modules/catalogue.xsl
# finds the passages beside the catalogue by this name)
HEADERS = "headers"
PASSAGES = "passages.xml"
# How many other sources an apparatus note on a reading page lists readings of: one xsl:param,
# ``apparatus-sources`` in xslt/modules/params.xsl, read from there (apparatus_sources()).
PARAMS_XSL = Path(__file__).resolve().parent.parent / "xslt" / "modules" / "params.xsl"
# Verdicts of the claims register, most severe first (a span read by several readings of one claim
# shows the most severe); the keys are the categories' ids without "verdict-".
VERDICT_ORDER = ("contradicted", "qualified", "disputed", "uncheckable", "consistent")
# How much of its passage a claim span carries on either side (characters, cut at a word).
CONTEXT_CHARS = 180
# The elements whose words are a span's passage (the nearest one round the span); a table cell's
# passage is its row.
PASSAGE_TAGS = tuple(f"{{{TEI_NS}}}{n}" for n in ("p", "item", "head", "l", "ab", "row", "note", "quote"))
# Alternatives of which the passage shows only the edited one (the reading text's default view);
# notes and scraped glosses (seg type="artefact") round the span are left out too.
_HIDDEN = tuple(f"{{{TEI_NS}}}{n}" for n in ("sic", "orig", "abbr", "fw"))


def apparatus_sources(params: Path = PARAMS_XSL) -> int:
    """The default of the stylesheets' parameter ``apparatus-sources``: how many sources besides
    its own a reading page's note on a claim lists (the rest are counted and the claim page lists
    them). The one place the number is written is params.xsl."""
    root = etree.parse(str(params), hardened_parser()).getroot()
    found = root.find("{http://www.w3.org/1999/XSL/Transform}param[@name='apparatus-sources']")
    value = (found.get("select") or "").strip().strip("'\"") if found is not None else ""
    if not value.isdigit():
        raise ValueError(f"{params}: no numeric xsl:param apparatus-sources")
    return int(value)


def reading_siglum(rdg: etree._Element) -> str:
    """The siglum of the source a reading of the register is from ('#wit-sample' -> 'sample')."""
    return ((rdg.get("wit") or "").split() or [""])[0].lstrip("#").removeprefix("wit-")


def cap_readings(app: etree._Element, siglum: str, cap: int) -> int:
    """Trim a copy of a claim to what the note on `siglum`'s reading page shows: every reading of
    that source and of the first `cap` other sources in the register's order (the scholarship and
    the editors' note in full). Returns how many sources with a reading the claim has in all."""
    readings = [r for grp in app.iterfind(_t("rdgGrp")) if grp.get("type") == "sources"
                for r in grp.iterfind(_t("rdg"))]
    sigla = list(dict.fromkeys(reading_siglum(r) for r in readings))
    kept = {siglum} | set([s for s in sigla if s != siglum][:cap])
    for rdg in readings:
        if reading_siglum(rdg) not in kept:
            rdg.getparent().remove(rdg)
    return len(sigla)


def _pointers_of(app: etree._Element) -> tuple[set[str], set[str]]:
    """The private URIs (``bib:getty1985``) and the local references (``#verdict-…``, without
    '#') a claim of the register uses."""
    values = [v for el in app.iter() if isinstance(el.tag, str)
              for name in POINTER_ATTRIBUTES if (v := el.get(name))]
    tokens = {t for v in values for t in v.split()}
    return {t for t in tokens if is_private(t)}, {t[1:] for t in tokens if t.startswith("#")}


@dataclass(frozen=True)
class Cut:
    """A claim trimmed for one reading page (`cap_readings`), with what the page's slice needs of it."""

    app: etree._Element
    sources: int  # how many sources have a reading on the claim in all
    witnesses: set[str]  # the sigla of its readings left (@wit)
    tokens: set[str]  # the private URIs and local references left in it (`_pointers_of`)
    refs: set[str]


class ClaimCutter:
    """One claim of the register, parsed once and cut for every reading page that cites it.

    Cutting a fresh copy of the whole claim for every page cost each page every reading of the
    claim, and a claim of a large collection has a reading from many of its sources; here a page
    costs the readings it keeps. A claim whose group of source readings holds anything but readings
    is cut the plain way (`cap_readings` on a fresh copy)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        app = etree.fromstring(data)
        groups = [g for g in app.iterfind(_t("rdgGrp")) if g.get("type") == "sources"]
        self.plain = len(groups) != 1 or any(not isinstance(c.tag, str) or c.tag != _t("rdg") for c in groups[0])
        if self.plain:
            return
        group = groups[0]
        self.readings = [(reading_siglum(r), r) for r in group]
        for _, rdg in self.readings:  # the shell: the claim without its source readings (tails go with them)
            group.remove(rdg)
        self.shell = app
        self.group_index = list(app).index(group)
        self.sigla = list(dict.fromkeys(s for s, _ in self.readings))
        self.shell_witnesses = {reading_siglum(r) for r in app.iter(_t("rdg")) if r.get("wit")}
        self.shell_pointers = _pointers_of(app)
        self.reading_pointers = [_pointers_of(r) for _, r in self.readings]

    def cut(self, siglum: str, cap: int) -> Cut:
        if self.plain:
            app = etree.fromstring(self.data)
            sources = cap_readings(app, siglum, cap)
            tokens, refs = _pointers_of(app)
            return Cut(app, sources, {reading_siglum(r) for r in app.iter(_t("rdg")) if r.get("wit")}, tokens, refs)
        kept = {siglum} | set([s for s in self.sigla if s != siglum][:cap])
        app = copy.deepcopy(self.shell)
        group = app[self.group_index]
        tokens, refs = set(self.shell_pointers[0]), set(self.shell_pointers[1])
        witnesses = set(self.shell_witnesses)
        for (sig, rdg), (rdg_tokens, rdg_refs) in zip(self.readings, self.reading_pointers):
            if sig in kept:
                group.append(copy.deepcopy(rdg))
                tokens |= rdg_tokens
                refs |= rdg_refs
                if rdg.get("wit"):
                    witnesses.add(sig)
        etree.cleanup_namespaces(app)
        return Cut(app, len(self.sigla), witnesses, tokens, refs)


_POINTER_NAMES = frozenset(POINTER_ATTRIBUTES)


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
    passages: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # span id -> (before, text, after)
    span_names: dict[str, set[str]] = field(default_factory=dict)  # span id -> entities named inside it
    terms: list[str] = field(default_factory=list)  # its genre and stance (textClass terms, in order)
    tokens: set[str] = field(default_factory=set)  # private URIs used
    digest: str = ""  # SHA-256 of the file's bytes
    header: bytes = b""  # its root element with the teiHeader alone, serialised (`header_copy`)


@dataclass
class Collector:
    """Receives each parsed file once (`add`) and keeps the small facts the catalogue needs."""

    tei: Path
    files: dict[str, str] = field(default_factory=dict)  # path under tei/ -> role
    sources: dict[str, SourceFacts] = field(default_factory=dict)  # siglum -> facts
    pointers: dict[str, tuple[str, str]] = field(default_factory=dict)  # token -> (file, id)
    entries: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # id -> (kind, name, c14n sha)
    witnesses: dict[str, str] = field(default_factory=dict)  # siglum -> witness text (claims register)
    short_titles: dict[str, str] = field(default_factory=dict)  # siglum -> short title (edition description)
    claim_wits: dict[str, set[str]] = field(default_factory=dict)  # claim id -> witness sigla
    claim_digest: dict[str, str] = field(default_factory=dict)  # claim id -> sha of its app
    claim_copies: dict[str, bytes] = field(default_factory=dict)  # claim id -> its app, serialised
    claim_tokens: dict[str, set[str]] = field(default_factory=dict)  # claim id -> private URIs in it
    claim_refs: dict[str, set[str]] = field(default_factory=dict)  # claim id -> register ids it points at (#…)
    verdicts: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # (claim, span id) -> (verdict, cert)
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
        # each distinct token judged once (an XPath union of the attributes is quadratic in libxml2)
        values = [v for el in root.iter() if isinstance(el.tag, str)
                  for name, v in el.attrib.items() if name in _POINTER_NAMES]
        used = {t for t in {t for v in values for t in v.split()} if is_private(t)}
        for token in used:
            if token not in self.pointers:
                res = resolve(path.resolve(), prefixes, token)
                if res.path is not None and res.fragment and not res.error:
                    try:
                        target = res.path.relative_to(tei).as_posix()
                    except ValueError:  # leads outside the collection: never followed
                        continue
                    self.pointers[token] = (target, res.fragment)
        # plain strings (smart_strings=False): an attribute value lxml returns by default holds its
        # element, and with it the whole tree, which the collector must let go
        whens = root.xpath("//tei:revisionDesc//tei:change/@when", namespaces=NS, smart_strings=False)
        if whens:
            self.changes.append(max(whens))
        if role == "source":
            self._add_source(rel, root, used, data if data is not None else path.read_bytes())
        elif role == "index":
            self._add_index(root)
        elif role == "claims":
            self._add_claims(root)
        elif role == "edition":
            self._add_edition(root)

    def _add_source(self, rel: str, root: etree._Element, used: set[str], data: bytes) -> None:
        siglum = root.get(XML_ID) or Path(rel).stem
        facts = SourceFacts(siglum, rel, tokens=used, digest=_sha(data))
        facts.title = _text(root.find(f"{_t('teiHeader')}/{_t('fileDesc')}/{_t('titleStmt')}/{_t('title')}[@type='sub']"))
        facts.bibl_title = _text(root.find(f".//{_t('sourceDesc')}/{_t('bibl')}/{_t('title')}"))
        self.versions += root.xpath("//tei:editionStmt/tei:edition/@n", namespaces=NS, smart_strings=False)
        facts.terms = [_text(term) for keywords in root.iterfind(f".//{_t('textClass')}/{_t('keywords')}")
                       if keywords.get("scheme") in ("#genre", "#stance") for term in keywords.iterfind(_t("term"))]
        facts.header = header_copy(root)
        text = root.find(_t("text"))
        if text is not None:
            for el in text.iter(*NAME_TAGS):
                facts.names.update(self._named(el))
            for el in text.iter():
                if not isinstance(el.tag, str):
                    continue
                ana = el.get("ana")
                if ana and (ident := el.get(XML_ID)):
                    named = False
                    for t in ana.split():
                        if t.startswith("claim:") and t in self.pointers:
                            facts.claims.setdefault(self.pointers[t][1], []).append(ident)
                            named = True
                    if named:
                        facts.passages[ident] = passage(el)
                        inside = {i for n in el.iter(*NAME_TAGS) for i in self._named(n)}
                        if inside:
                            facts.span_names[ident] = inside
            counts: Counter[str] = Counter()  # each kind numbered 1..n in the order of the text
            for note in text.iter(_t("note")):
                kind = "editorial" if note.get("resp") or note.get("type") == "editorial" else "footnote"
                counts[kind] += 1
                facts.notes.append((note.get(XML_ID, ""), kind, counts[kind]))
        self.sources[siglum] = facts

    def _named(self, el: etree._Element) -> set[str]:
        """The ids of the entries a name element points at (each once)."""
        ref = el.get("ref")
        if not ref:
            return set()
        ids = {self.pointers[t][1] for t in ref.split() if t in self.pointers}
        for t in ref.split():
            if t.startswith("#"):
                ids.add(t[1:])
            elif t not in self.pointers and "#" in t:
                ids.add(t.partition("#")[2])
        return ids

    def _add_edition(self, root: etree._Element) -> None:
        """The short title of each source: the one name readers see (reading pages get a copy of
        the description without its list of sources, so the catalogue carries the names)."""
        for bibl in root.iterfind(f".//{_t('sourceDesc')}/{_t('listBibl')}[@type='sources']/{_t('bibl')}"):
            siglum = _text(bibl.find(f"{_t('idno')}[@type='edition']"))
            if siglum:
                self.short_titles[siglum] = _text(bibl.find(_t("title")))

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
            self.claim_tokens[ident], self.claim_refs[ident] = _pointers_of(app)
            sigla: set[str] = set()
            for rdg in app.iter(_t("rdg")):
                for w in (rdg.get("wit") or "").split():
                    sigla.add(w.lstrip("#").removeprefix("wit-"))
            self.claim_wits[ident] = sigla
            for grp in app.iterfind(_t("rdgGrp")):
                if grp.get("type") != "sources":
                    continue
                for rdg in grp.iterfind(_t("rdg")):
                    verdict = next((t.removeprefix("#verdict-") for t in (rdg.get("ana") or "").split()
                                    if t.startswith("#verdict-")), None)
                    if verdict not in VERDICT_ORDER:
                        continue
                    for target in (rdg.get("corresp") or "").split():
                        key = (ident, target.partition("#")[2])
                        old = self.verdicts.get(key)
                        if old is None or VERDICT_ORDER.index(verdict) < VERDICT_ORDER.index(old[0]):
                            self.verdicts[key] = (verdict, rdg.get("cert") or "")

    def catalogue(self, order: Iterable[str] = (), cap: int | None = None) -> Catalogue:
        """The catalogue, sources in reading order: `order` first, then any other siglum sorted;
        `cap`: how many other sources a note on a claim lists (default: params.xsl's)."""
        first = [s for s in order if s in self.sources]
        rest = sorted(s for s in self.sources if s not in first)
        return Catalogue(self, [*first, *rest], cap)


def header_copy(root: etree._Element) -> bytes:
    """A source as far as its teiHeader: the root element, its attributes and the header, so that
    a page showing only what the headers say reads a tenth of each source (`headers/`)."""
    copy_root = etree.Element(root.tag, dict(root.attrib), nsmap=root.nsmap)
    header = root.find(_t("teiHeader"))
    if header is not None:
        copy_root.append(copy.deepcopy(header))
        copy_root[0].tail = None
    return etree.tostring(copy_root, xml_declaration=True, encoding="UTF-8")


def _passage_text(el: etree._Element, span: etree._Element, out: list[list[str]], state: list[int]) -> None:
    """Append the edited words of `el` to out[0] (before the span), out[1] (the span), out[2] (after)."""
    if el is span:
        state[0] = 1
    aside = el.tag == _t("note") or (el.tag == _t("seg") and el.get("type") == "artefact")
    if el.tag in _HIDDEN or (aside and span not in el.iter()):
        pass
    else:
        if el.text:
            out[state[0]].append(el.text)
        for child in el:
            if isinstance(child.tag, str):
                _passage_text(child, span, out, state)
                if child.tag in (_t("cell"), _t("lb")):  # a row's cells, a passage's lines: words apart
                    out[state[0]].append(" ")
            if child.tail:
                out[state[0]].append(child.tail)
    if el is span:
        state[0] = 2


def _cut(text: str, at_end: bool) -> str:
    text = " ".join(text.split())
    if len(text) <= CONTEXT_CHARS:
        return text
    if at_end:  # the last CONTEXT_CHARS characters, from a word's start
        part = text[-CONTEXT_CHARS:]
        return "… " + part.partition(" ")[2]
    part = text[:CONTEXT_CHARS]
    return part.rpartition(" ")[0] + " …"


def passage(span: etree._Element) -> tuple[str, str, str]:
    """(before, text, after): the edited words of the span's passage, at most CONTEXT_CHARS on
    either side (the passage is the nearest p, item, head, line, row, note or quote round it)."""
    block = next((a for a in span.iterancestors() if a.tag in PASSAGE_TAGS), span.getparent())
    if block is None:
        block = span
    out: list[list[str]] = [[], [], []]
    _passage_text(block, span, out, [0])
    before, text, after = ("".join(p) for p in out)
    # a space at the seam stays a space; words joined across the seam stay joined
    lead = " " if before[-1:].isspace() and before.strip() else ""
    trail = " " if after[:1].isspace() and after.strip() else ""
    return (_cut(before, True) + lead, " ".join(text.split()), trail + _cut(after, False))


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

    def __init__(self, facts: Collector, order: list[str], cap: int | None = None) -> None:
        self.facts = facts
        self.order = order
        # how many other sources a reading page's note on a claim lists (params.xsl)
        self.apparatus_sources = apparatus_sources() if cap is None else cap
        naming: dict[str, list[str]] = {}
        for siglum in order:
            for ident in sorted(facts.sources[siglum].names):
                naming.setdefault(ident, []).append(siglum)
        self.naming = naming
        # found once: a page asks each of these, and there is a page per source
        self.positions = {s: i for i, s in enumerate(order, 1)}
        self.source_paths = {f.path for f in facts.sources.values()}
        self._page_entities: dict[str, etree._Element] = {}
        self._cutters: dict[str, ClaimCutter] = {}
        self.entry_page_sources = ENTRY_PAGE_SOURCES
        self.part_sources = PART_SOURCES
        self.chronology_parts_from = CHRONOLOGY_PARTS_FROM
        self._parts: dict[tuple[str, int], int] | None = None

    # ---------------------------------------------------------------- questions

    def mentions(self, ident: str) -> dict[str, int]:
        """siglum -> name elements of that source pointing at the entity (reading order)."""
        return {s: self.facts.sources[s].names[ident] for s in self.naming.get(ident, [])}

    def entry_pages(self, ident: str) -> list[list[str]]:
        """The sigla whose mentions each page of an index entry lists (reading order; one page,
        perhaps empty, for an entry no source names)."""
        sigla = self.naming.get(ident, [])
        size = self.entry_page_sources
        return [sigla[i:i + size] for i in range(0, len(sigla), size)] or [[]]

    def entry_parts(self) -> dict[tuple[str, int], int]:
        """(entry id, page number) -> the part (1, 2 …) that writes the page. Pages go to parts in
        the reading order of their first source, a part taking pages while the sources they
        read number at most `part_sources` (a page is never split), so that each source is read
        by few parts and each part reads a bounded number of sources."""
        if self._parts is None:
            units = [(min((self.positions[s] for s in sigla), default=0), ident, n, sigla)
                     for ident in sorted(set(self.facts.entries) | set(self.naming))
                     for n, sigla in enumerate(self.entry_pages(ident), 1)]
            parts: dict[tuple[str, int], int] = {}
            part, read = 1, set()
            for _, ident, n, sigla in sorted(units):
                if read and len(read | set(sigla)) > self.part_sources:
                    part, read = part + 1, set()
                read.update(sigla)
                parts[(ident, n)] = part
            self._parts = parts
        return self._parts

    def part_sigla(self, part: str) -> list[str]:
        """The sources a part of the index pages reads (those whose mentions its entry pages
        list), in reading order; none for 'lists'."""
        read = {s for (ident, n), p in self.entry_parts().items() if str(p) == part
                for s in self.entry_pages(ident)[n - 1]}
        return [s for s in self.order if s in read]

    def claim_sigla(self) -> list[str]:
        """The sources with a span on some claim, in reading order."""
        return [s for s in self.order if self.facts.sources[s].claims]

    def source_shares(self) -> list[list[str]]:
        """The sources in reading order, `part_sources` to a share: the chronology's parts, or one
        share of every source below CHRONOLOGY_PARTS_FROM."""
        size = self.part_sources if len(self.order) >= self.chronology_parts_from else max(1, len(self.order))
        return [self.order[i:i + size] for i in range(0, len(self.order), size)]

    def index_parts(self) -> list[str]:
        """The values of indexes.xsl's parameter `part`, one transformation each: 'lists' (the
        indexes' home and lists), then every part of the entry pages."""
        return ["lists", *(str(n) for n in range(1, max(self.entry_parts().values(), default=0) + 1))]

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
        el.set("short", self.facts.short_titles.get(siglum, ""))
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

    def _cutter(self, claim: str) -> ClaimCutter:
        cutter = self._cutters.get(claim)
        if cutter is None:
            cutter = self._cutters[claim] = ClaimCutter(self.facts.claim_copies[claim])
        return cutter

    def _page_entity(self, ident: str) -> etree._Element:
        """An entity's line as every reading page shows it, made once (pages copy it)."""
        line = self._page_entities.get(ident)
        if line is None:
            line = self._page_entities[ident] = self._entity(ident, total=False)
        return line

    def _span(self, parent: etree._Element, claim: str, siglum: str, ident: str) -> etree._Element:
        """A claim's span, with the register's verdict on it (when a reading gives one)."""
        el = etree.SubElement(parent, "span", siglum=siglum, id=ident)
        verdict, cert = self.facts.verdicts.get((claim, ident), ("", ""))
        if verdict:
            el.set("verdict", verdict)
            if cert:
                el.set("cert", cert)
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
            for term in self.facts.sources[siglum].terms:
                etree.SubElement(el, "term").text = term
            root.append(el)
        for siglum in sorted(set(self.facts.witnesses) - set(self.facts.sources)):
            root.append(self._witness(siglum))
        for token in sorted(self.facts.pointers):
            root.append(self._pointer(token))
        parts = self.entry_parts()
        for ident in sorted(set(self.facts.entries) | set(self.naming)):
            el = self._entity(ident)
            for n, sigla in enumerate(self.entry_pages(ident), 1):
                etree.SubElement(el, "page", n=str(n), part=str(parts[(ident, n)])).text = " ".join(sigla)
            root.append(el)
        spans: dict[str, list[tuple[str, str]]] = {}
        for siglum in self.order:
            for claim, ids in self.facts.sources[siglum].claims.items():
                spans.setdefault(claim, []).extend((siglum, i) for i in ids)
        for claim in sorted(spans):
            el = etree.SubElement(root, "claim", id=claim)
            for siglum, ident in spans[claim]:
                span = self._span(el, claim, siglum, ident)
                if names := self.facts.sources[siglum].span_names.get(ident):
                    span.set("names", " ".join(sorted(names)))
        for siglum in self.order:
            for ident, kind, n in self.facts.sources[siglum].notes:
                etree.SubElement(root, "note", id=ident, kind=kind, n=str(n))
        return root

    def passages(self) -> etree._Element:
        """passages.xml: the words round every claim span, for the claim pages alone."""
        root = etree.Element("passages")
        for siglum in self.order:
            for claim, ids in sorted(self.facts.sources[siglum].claims.items()):
                for ident in ids:
                    before, text, after = self.facts.sources[siglum].passages.get(ident, ("", "", ""))
                    el = etree.SubElement(root, "passage", claim=claim, id=ident)
                    etree.SubElement(el, "before").text = before
                    etree.SubElement(el, "text").text = text
                    etree.SubElement(el, "after").text = after
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
        # the page's notes on its claims, each trimmed to the readings it lists
        apps: dict[str, Cut] = {}
        for claim in sorted(s.claims):
            if claim in self.facts.claim_copies:
                apps[claim] = self._cutter(claim).cut(siglum, self.apparatus_sources)
        witnesses: set[str] = set()
        for claim in s.claims:
            if claim in apps:
                witnesses.update(apps[claim].witnesses)
            else:
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
        refs: set[str] = set()
        for claim in s.claims:
            if claim in apps:
                tokens |= apps[claim].tokens
                refs |= apps[claim].refs
            else:
                tokens |= self.facts.claim_tokens.get(claim, set())
        for token in sorted(t for t in tokens if t in self.facts.pointers):
            root.append(self._pointer(token))
        # copies of what the page shows of the register, so that it never reads the whole register
        for claim in sorted(apps):
            root.append(apps[claim].app)
        for ident in sorted(r for r in refs if r in self.facts.register_copies):
            root.append(etree.fromstring(self.facts.register_copies[ident]))
        for ident in named:
            root.append(copy.deepcopy(self._page_entity(ident)))
        for claim in sorted(s.claims):
            el = etree.SubElement(root, "claim", id=claim)
            if claim in apps:
                # how many sources read the claim in all: the note counts those it leaves out
                el.set("sources", str(apps[claim].sources))
            for ident in s.claims[claim]:
                self._span(el, claim, siglum, ident)
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
        trimmed = edition_without_sources(source)
        if trimmed is None:
            return None
        out = folder / "edition.xml"
        out.write_bytes(trimmed)
        return out

    def write(self, folder: Path) -> tuple[Path, dict[str, tuple[Path, str]]]:
        """catalogue.xml, passages.xml, pages/{siglum}.xml and headers/{siglum}.xml under
        `folder`; (the catalogue, siglum -> (slice, digest))."""
        folder.mkdir(parents=True, exist_ok=True)
        whole = folder / "catalogue.xml"
        whole.write_bytes(etree.tostring(self.document(), xml_declaration=True, encoding="UTF-8"))
        (folder / PASSAGES).write_bytes(etree.tostring(self.passages(), xml_declaration=True, encoding="UTF-8"))
        (folder / HEADERS).mkdir(exist_ok=True)
        for siglum in self.order:
            (folder / HEADERS / f"{siglum}.xml").write_bytes(self.facts.sources[siglum].header)
        (folder / "pages").mkdir(exist_ok=True)
        slices: dict[str, tuple[Path, str]] = {}
        for siglum in self.order:
            page = self.page(siglum)
            out = folder / "pages" / f"{siglum}.xml"
            out.write_bytes(etree.tostring(page, xml_declaration=True, encoding="UTF-8"))
            slices[siglum] = (out, self.page_digest(siglum, page))
        return whole, slices


def edition_without_sources(source: Path) -> bytes | None:
    """The edition description at `source` as the pages read it: without its list of sources,
    which a page does not show (None when the collection has no description)."""
    if not source.is_file():
        return None
    root = etree.fromstring(source.read_bytes(), hardened_parser())
    for bibl in root.iterfind(f".//{_t('sourceDesc')}/{_t('listBibl')}[@type='sources']/{_t('bibl')}"):
        bibl.getparent().remove(bibl)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def index_mentions(cat: Catalogue) -> Mapping[str, dict[str, int]]:
    """entity id -> {siglum: mentions}, for every entity some source names."""
    return {ident: cat.mentions(ident) for ident in cat.naming}
