"""Distributed Text Services 1.0 (https://dtsapi.org/versions/v1.0/): the four endpoints, no HTTP.

`DTS.handle(endpoint, params, request_url)` answers one request and returns a `Reply` (status,
media type, body, extra headers); the server sends it as it is.

- Entry (`/dts/`): the URI templates of the three other endpoints.
- Collection (`/dts/collection`): the edition is the root collection; its children are the record
  index's top-level sets (sources by genre, the apparatus), their children the sub-sets, and the
  members of a leaf set are Resources, one per TEI file (`@id` = the file's xml:id).
- Navigation (`/dts/navigation`): the citation tree of a Resource is made of the `div`s of its
  body (citeType = the div's @type) and the paragraphs (`p`) directly in a div or in the body;
  every citable unit is identified by its xml:id. Level 1 conformance: ref, start/end, down.
- Document (`/dts/document`): the TEI document; with `ref` or `start`/`end`, the TEI root with
  the header and the requested units inside a `dts:wrapper`.

Collection and Navigation answer JSON-LD (`application/ld+json`) with the DTS 1.0 context; errors
are `application/problem+json` with the 4xx status the specification asks for.
"""
from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import quote

from lxml import etree

from .project import NS, TEI_NS, XML_NS
from .record_index import RecordIndex

CONTEXT = "https://dtsapi.org/context/v1.0.json"
DTS_VERSION = "1.0"
DTS_NS = "https://w3id.org/api/dts#"
TEI_MEDIA_TYPE = "application/tei+xml"
ROOT_ID = "edition"
XML_ID = f"{{{XML_NS}}}id"
DC_NS = "http://purl.org/dc/elements/1.1/"


class DTSError(Exception):
    """A request the specification answers with a 4xx status."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


@dataclass(frozen=True)
class Reply:
    status: int
    media_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


@dataclass
class Unit:
    """A citable unit: a div or a paragraph with an xml:id."""

    identifier: str
    level: int
    parent: str | None
    cite_type: str
    title: str | None
    element: etree._Element = field(repr=False)
    end: int = 0  # index (in document order) of its last descendant unit


@dataclass
class Tree:
    units: list[Unit]
    by_id: dict[str, int]
    structure: list[dict]
    root: etree._Element


def _units(root: etree._Element) -> list[Unit]:
    out: list[Unit] = []

    def walk(node: etree._Element, level: int, parent: str | None) -> None:
        for child in node:
            if child.tag == f"{{{TEI_NS}}}div" and child.get(XML_ID):
                head = child.find("tei:head", NS)
                title = " ".join("".join(head.itertext()).split()) if head is not None else None
                unit = Unit(child.get(XML_ID), level, parent, child.get("type") or "div", title, child)
                out.append(unit)
                walk(child, level + 1, unit.identifier)
                unit.end = len(out) - 1
            elif child.tag == f"{{{TEI_NS}}}p" and child.get(XML_ID):
                out.append(Unit(child.get(XML_ID), level, parent, "paragraph", None, child, len(out)))

    for body in root.iterfind("tei:text/tei:body", NS):
        walk(body, 1, None)
    return out


def _structure(units: list[Unit], start: int, end: int, level: int) -> list[dict]:
    """The CiteStructure of the units at `level` within [start, end], merged by citeType."""
    merged: dict[str, list[tuple[int, int]]] = {}
    for i in range(start, end + 1):
        if units[i].level == level:
            merged.setdefault(units[i].cite_type, []).append((i + 1, units[i].end))
    out = []
    for cite_type, spans in merged.items():
        children: list[dict] = []
        for lo, hi in spans:
            for item in _structure(units, lo, hi, level + 1) if lo <= hi else []:
                if all(c["citeType"] != item["citeType"] for c in children):
                    children.append(item)
        entry: dict = {"@type": "CiteStructure", "citeType": cite_type}
        if children:
            entry["citeStructure"] = children
        out.append(entry)
    return out


class DTS:
    def __init__(self, index: RecordIndex, base: str = "/dts", title: str = "Purges in Dispute") -> None:
        self.index = index
        self.base = base.rstrip("/")
        self.title = title
        self._trees: dict[str, Tree] = {}
        self._lock = threading.Lock()
        records = list(index.all_records())
        self._headers = {h.local_id: h for h, _, _ in records}
        self._titles = {h.local_id: t for h, t, _ in records}
        self._sets = {s.spec: s.name for s in index.set_list}
        # every collection's children, found once: a request then costs what it returns, not the
        # number of records times the number of members
        self._members: dict[str, list[str]] = {}
        for lid in self._headers:
            for leaf in self._leaf_sets(lid):
                self._members.setdefault(leaf, []).append(lid)

    # --- templates -----------------------------------------------------------------------------
    def _collection_t(self, ident: str | None = None) -> str:
        return f"{self.base}/collection?id={quote(ident, safe='')}{{&page,nav}}" if ident else f"{self.base}/collection{{?id,page,nav}}"

    def _navigation_t(self, ident: str | None = None) -> str:
        tail = "ref,start,end,down,tree,page}"
        return f"{self.base}/navigation?resource={quote(ident, safe='')}{{&{tail}" if ident else f"{self.base}/navigation{{?resource,{tail}"

    def _document_t(self, ident: str | None = None) -> str:
        tail = "ref,start,end,tree,mediaType}"
        return f"{self.base}/document?resource={quote(ident, safe='')}{{&{tail}" if ident else f"{self.base}/document{{?resource,{tail}"

    # --- dispatch ------------------------------------------------------------------------------
    def handle(self, endpoint: str, params: Sequence[tuple[str, str]], request_url: str) -> Reply:
        try:
            args: dict[str, str] = {}
            for key, value in params:
                if key in args:
                    raise DTSError(400, f"the parameter {key!r} is repeated")
                args[key] = value
            if endpoint == "":
                return self._json(self.entry())
            if endpoint == "collection":
                return self._json(self.collection(args))
            if endpoint == "navigation":
                return self._json(self.navigation(args, request_url))
            if endpoint == "document":
                return self.document(args)
            raise DTSError(404, "no such DTS endpoint")
        except DTSError as err:
            problem = {"type": "about:blank", "title": _REASONS.get(err.status, "Error"), "status": err.status, "detail": err.detail}
            return Reply(err.status, "application/problem+json", json.dumps(problem).encode())

    @staticmethod
    def _json(obj: dict) -> Reply:
        return Reply(200, "application/ld+json", json.dumps(obj, ensure_ascii=False, indent=1).encode("utf-8"))

    def entry(self) -> dict:
        return {
            "@context": CONTEXT, "dtsVersion": DTS_VERSION, "@id": f"{self.base}/", "@type": "EntryPoint",
            "collection": self._collection_t(), "navigation": self._navigation_t(), "document": self._document_t(),
        }

    # --- collections ---------------------------------------------------------------------------
    def _leaf_sets(self, local_id: str) -> list[str]:
        sets = self._headers[local_id].sets
        return [s for s in sets if not any(o.startswith(s + ":") for o in sets)] or [ROOT_ID]

    def _children(self, ident: str) -> list[str]:
        depth = 0 if ident == ROOT_ID else ident.count(":") + 1
        subsets = [s for s in self._sets if s.count(":") == depth and (ident == ROOT_ID or s.startswith(ident + ":"))]
        return subsets + self._members.get(ident, [])

    def _parents(self, ident: str) -> list[str]:
        if ident in self._headers:
            return self._leaf_sets(ident)
        if ident == ROOT_ID:
            return []
        return [ident.rsplit(":", 1)[0]] if ":" in ident else [ROOT_ID]

    def _object(self, ident: str) -> dict:
        if ident in self._headers:
            return self._resource(ident)
        if ident != ROOT_ID and ident not in self._sets:
            raise DTSError(404, f"no collection or resource {ident!r}")
        return {
            "@id": ident, "@type": "Collection", "title": self.title if ident == ROOT_ID else self._sets[ident],
            "totalParents": len(self._parents(ident)), "totalChildren": len(self._children(ident)),
            "collection": self._collection_t(ident),
        }

    def _resource(self, ident: str) -> dict:
        obj = {
            "@id": ident, "@type": "Resource", "title": self._titles[ident],
            "totalParents": len(self._parents(ident)), "totalChildren": 0,
            "collection": self._collection_t(ident), "navigation": self._navigation_t(ident),
            "document": self._document_t(ident), "mediaTypes": [TEI_MEDIA_TYPE],
            "citationTrees": [{"@type": "CitationTree", "citeStructure": self.tree(ident).structure}],
        }
        dc = self._dublin_core(ident)
        if dc:
            obj["dublinCore"] = dc
        return obj

    def _dublin_core(self, ident: str) -> dict[str, list[str]]:
        xml = self.index.metadata(ident, "oai_dc")
        out: dict[str, list[str]] = {}
        if xml:
            for el in etree.fromstring(xml):
                if el.tag.startswith(f"{{{DC_NS}}}") and el.text:
                    out.setdefault(etree.QName(el).localname, []).append(el.text)
        return out

    def collection(self, args: dict[str, str]) -> dict:
        _only(args, {"id", "page", "nav"})
        ident = args.get("id", ROOT_ID)
        nav = args.get("nav", "children")
        if nav not in ("children", "parents"):
            raise DTSError(400, "nav must be 'children' or 'parents'")
        _first_page(args)
        obj = {"@context": CONTEXT, "dtsVersion": DTS_VERSION, **self._object(ident)}
        members = self._children(ident) if nav == "children" else self._parents(ident)
        if members:
            obj["member"] = [self._object(m) for m in members]
        return obj

    # --- navigation ----------------------------------------------------------------------------
    def tree(self, ident: str) -> Tree:
        with self._lock:
            if ident not in self._trees:
                xml = self.index.metadata(ident, "tei")
                if xml is None:
                    raise DTSError(404, f"no resource {ident!r}")
                root = etree.fromstring(xml)
                units = _units(root)
                top_end = len(units) - 1
                self._trees[ident] = Tree(units, {u.identifier: i for i, u in enumerate(units)},
                                          _structure(units, 0, top_end, 1) if units else [], root)
            return self._trees[ident]

    def _unit(self, tree: Tree, ref: str) -> int:
        if ref not in tree.by_id:
            raise DTSError(404, f"no citable unit {ref!r} in this resource")
        return tree.by_id[ref]

    def _resolve(self, args: dict[str, str]) -> tuple[str, Tree, str | None, str | None, str | None]:
        ident = args.get("resource")
        if not ident:
            raise DTSError(400, "the resource parameter is required")
        if ident not in self._headers:
            raise DTSError(404, f"no resource {ident!r}")
        if args.get("tree"):
            raise DTSError(404, "this resource has only its default citation tree")
        ref, start, end = args.get("ref"), args.get("start"), args.get("end")
        if ref and (start or end):
            raise DTSError(400, "ref cannot be combined with start or end")
        if bool(start) != bool(end):
            raise DTSError(400, "start and end must be given together")
        return ident, self.tree(ident), ref, start, end

    @staticmethod
    def _cu(unit: Unit) -> dict:
        obj: dict = {"identifier": unit.identifier, "@type": "CitableUnit", "level": unit.level,
                     "parent": unit.parent, "citeType": unit.cite_type}
        if unit.title:
            obj["dublinCore"] = {"title": [unit.title]}
        return obj

    def navigation(self, args: dict[str, str], request_url: str) -> dict:
        _only(args, {"resource", "ref", "start", "end", "down", "tree", "page"})
        ident, tree, ref, start, end = self._resolve(args)
        _first_page(args)
        down: int | None = None
        if "down" in args:
            try:
                down = int(args["down"])
            except ValueError:
                raise DTSError(400, "down must be an integer") from None
            if down < -1:
                raise DTSError(400, "down must be -1, 0 or a positive integer")
        obj: dict = {"@context": CONTEXT, "dtsVersion": DTS_VERSION, "@type": "Navigation", "@id": request_url,
                     "resource": self._resource(ident)}
        units = tree.units
        if ref:
            i = self._unit(tree, ref)
            obj["ref"] = self._cu(units[i])
        if start and end:
            i, j = self._unit(tree, start), self._unit(tree, end)
            if j < i:
                raise DTSError(400, "start comes after end in the document")
            obj["start"], obj["end"] = self._cu(units[i]), self._cu(units[j])
        if down is None:
            if not ref and not start:
                raise DTSError(400, "give ref, start and end, or down")
            return obj
        if down == 0:
            if not ref:
                raise DTSError(400, "down=0 needs a ref")
            unit = units[tree.by_id[ref]]
            obj["member"] = [self._cu(u) for u in units if u.parent == unit.parent and u.level == unit.level]
            return obj
        if ref:
            lo = tree.by_id[ref]
            hi, base = units[lo].end, units[lo].level
        elif start and end:
            lo, j = tree.by_id[start], tree.by_id[end]
            hi, base = units[j].end, max(units[lo].level, units[j].level)
        else:
            lo, hi, base = 0, len(units) - 1, 0
        limit = None if down == -1 else base + down
        obj["member"] = [self._cu(u) for u in units[lo:hi + 1] if limit is None or u.level <= limit]
        return obj

    # --- document ------------------------------------------------------------------------------
    def document(self, args: dict[str, str]) -> Reply:
        _only(args, {"resource", "ref", "start", "end", "tree", "mediaType"})
        ident, tree, ref, start, end = self._resolve(args)
        if args.get("mediaType", TEI_MEDIA_TYPE) != TEI_MEDIA_TYPE:
            raise DTSError(404, f"this resource is available as {TEI_MEDIA_TYPE} only")
        link = (("Link", f'<{self.base}/collection?id={quote(ident, safe="")}>; rel="collection"'),)
        if not ref and not start:
            xml = self.index.metadata(ident, "tei") or ""
            return Reply(200, TEI_MEDIA_TYPE, b'<?xml version="1.0" encoding="UTF-8"?>\n' + xml.encode("utf-8"), link)
        if ref:
            i = self._unit(tree, ref)
            chosen = [tree.units[i]]
        else:
            i, j = self._unit(tree, start or ""), self._unit(tree, end or "")
            if j < i:
                raise DTSError(400, "start comes after end in the document")
            chosen, covered = [], -1
            for k in range(i, j + 1):
                if k > covered:  # a unit not already inside an earlier chosen one
                    chosen.append(tree.units[k])
                    covered = tree.units[k].end
        out = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS, "dts": DTS_NS})
        header = tree.root.find("tei:teiHeader", NS)
        if header is not None:
            out.append(_copy(header))
        wrapper = etree.SubElement(out, f"{{{DTS_NS}}}wrapper")
        for unit in chosen:
            wrapper.append(_copy(unit.element))
        body = etree.tostring(out, xml_declaration=True, encoding="UTF-8")
        return Reply(200, TEI_MEDIA_TYPE, body, link)


def _copy(el: etree._Element) -> etree._Element:
    copy = etree.fromstring(etree.tostring(el))
    copy.tail = None
    return copy


def _only(args: dict[str, str], allowed: set[str]) -> None:
    unknown = sorted(set(args) - allowed)
    if unknown:
        raise DTSError(400, f"unknown parameter(s): {', '.join(unknown)}")


def _first_page(args: dict[str, str]) -> None:
    if args.get("page", "1") != "1":
        raise DTSError(404, "responses of this endpoint are not paginated; only page 1 exists")


_REASONS = {400: "Bad Request", 404: "Not Found"}
