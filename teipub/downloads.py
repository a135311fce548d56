"""The downloads of the built site: every TEI file, the collection as one teiCorpus, the index
entries (with their mentions per source, as the catalogue counts them) as CSV and JSON, the
claims register through teipub.export, and the schema.

Everything here is deterministic: inputs are read in sorted order and nothing depends on the
clock.
"""
from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Mapping
from pathlib import Path

from lxml import etree

from teipub import export
from teipub.claims import RegisterError, parse_register
from teipub.collection import CollectionError, _parse, collection_files, edition, sigla, source_files
from teipub.parsed import Parsed
from teipub.project import NS, TEI_NS, XML_NS, Paths

XML_ID = f"{{{XML_NS}}}id"


SCHEMA_FILES = ("ENCODING.md", "purges.odd", "purges.rng", "purges.sch")


def download_plan(paths: Paths) -> list[str]:
    """The names of the files write_downloads will write, in a fixed order."""
    names = [p.name for p in collection_files(paths)]
    names += ["purges-corpus.xml", "indexes.csv", "indexes.json"]
    if (paths.tei / "claims.xml").is_file():
        names += ["claims.csv", "claims.json"]
    names += [n for n in SCHEMA_FILES if (paths.schema / n).is_file()]
    return names


def write_downloads(paths: Paths, dest: Path, params: dict[str, str],
                    mentions: Mapping[str, dict[str, int]] | None = None, parsed: Parsed | None = None) -> None:
    """Every file of download_plan(): TEI files, the corpus, indexes and claims as data, schema
    (`parsed`: what the build kept of the files it has parsed, teipub.parsed; without it, or for a
    file it lacks, the file is parsed here)."""
    dest.mkdir(parents=True, exist_ok=True)
    for path in collection_files(paths):
        shutil.copyfile(path, dest / path.name)
    (dest / "purges-corpus.xml").write_bytes(corpus(paths, params, parsed))
    rows = index_rows(paths, mentions, parsed)
    (dest / "indexes.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (dest / "indexes.csv").write_text(_csv(rows, sigla(paths)), encoding="utf-8")
    export_claims(paths, dest, parsed)
    for name in SCHEMA_FILES:
        if (paths.schema / name).is_file():
            shutil.copyfile(paths.schema / name, dest / name)


def corpus(paths: Paths, params: dict[str, str], parsed: Parsed | None = None) -> bytes:
    """All collection files as one teiCorpus with a short header of its own."""
    E = lambda tag, *children, **attrs: _el(tag, children, attrs)  # noqa: E731
    ed = edition(paths)
    header = E("teiHeader", E("fileDesc",
        E("titleStmt", E("title", f"{ed.title}: the whole collection")),
        E("editionStmt", E("edition", n=params.get("edition-version", ""))),
        E("publicationStmt",
          E("publisher", ed.publisher),
          E("date", when=params.get("build-date", "")) if params.get("build-date") else None,
          E("availability", E("licence", target=ed.licence))),
        E("sourceDesc", E("p", "The edition's sources, indexes, claims register and bibliography, "
                              "each with its own header. Pointers keep the paths of the separate files."))))
    root = E("teiCorpus", header)
    ordered = source_files(paths) + [p for p in collection_files(paths) if p.parent != paths.sources]
    members: list[str] = []  # the kept files, serialised as children of the corpus
    for path in ordered:
        kept = _member(parsed, path)
        if kept is not None:
            members.append(kept)
            continue
        doc = _parse(path).getroot()
        if doc.tag == f"{{{TEI_NS}}}TEI":
            members.append(_as_member(doc))
    shell = etree.tostring(root, encoding="unicode")  # <teiCorpus xmlns="…"><teiHeader>…</teiHeader></teiCorpus>
    body = shell[: -len("</teiCorpus>")] + "".join(members) + "</teiCorpus>"
    return b"<?xml version='1.0' encoding='UTF-8'?>\n" + body.encode("utf-8") + b"\n"


_TEI_ROOT = f'<TEI xmlns="{TEI_NS}"'


def _as_member(doc: etree._Element) -> str:
    """A TEI root serialised as a child of the corpus: its default namespace is the corpus's."""
    return _strip_default(etree.tostring(doc, encoding="unicode"))


def _strip_default(text: str) -> str:
    if text.startswith(_TEI_ROOT):  # the corpus declares the TEI namespace: the member need not
        return "<TEI" + text[len(_TEI_ROOT):]
    # other namespace declarations first: let lxml place the member in a corpus (a rare case)
    wrapper = etree.Element(f"{{{TEI_NS}}}teiCorpus", nsmap={None: TEI_NS})
    wrapper.append(etree.fromstring(text))
    shell = etree.tostring(wrapper, encoding="unicode")
    return shell[shell.index(">") + 1: -len("</teiCorpus>")]


def _member(parsed: Parsed | None, path: Path) -> str | None:
    """A kept file's serialisation as a corpus member; "" when it is no TEI document; None when
    the build kept nothing of it."""
    if parsed is None:
        return None
    text = parsed.text.get(parsed.rel(path))
    if text is None:
        return None
    return _strip_default(text) if parsed.tags[parsed.rel(path)] == f"{{{TEI_NS}}}TEI" else ""


def _el(tag: str, children, attrs) -> etree._Element:
    el = etree.Element(f"{{{TEI_NS}}}{tag}", nsmap={None: TEI_NS})
    for k, v in attrs.items():
        el.set(k, v)
    for child in children:
        if child is None:
            continue
        if isinstance(child, str):
            el.text = child
        else:
            el.append(child)
    return el


def index_rows(paths: Paths, mentions: Mapping[str, dict[str, int]] | None = None,
               parsed: Parsed | None = None) -> list[dict[str, object]]:
    """One row per index entry: id, kind, name, dates, Wikidata id, mentions per source (as the
    catalogue counts them, teipub.catalogue; collected here when not given)."""
    if mentions is None:
        from teipub import catalogue

        mentions = catalogue.index_mentions(catalogue.collect(paths.tei).catalogue(sigla(paths)))
    rows: list[dict[str, object]] = []
    for kind in edition(paths).indexes:
        path = paths.tei / kind.file
        if not path.is_file():
            continue
        kept = parsed.roots.get(parsed.rel(path)) if parsed is not None else None
        tree = kept if kept is not None else _parse(path)
        for entry in tree.iter(f"{{{TEI_NS}}}{kind.entry}"):
            ident = entry.get(XML_ID, "")
            names = entry.xpath(f"tei:{kind.name_element}[@type='preferred']", namespaces=NS) \
                or entry.xpath(f"tei:{kind.name_element}", namespaces=NS)
            rows.append({
                "id": ident,
                "kind": etree.QName(entry).localname,
                "name": " ".join(names[0].xpath("string()").split()) if names else "",
                "birth": _first(entry, "tei:birth/@when|tei:birth/tei:date/@when"),
                "death": _first(entry, "tei:death/@when|tei:death/tei:date/@when"),
                "wikidata": _first(entry, "tei:idno[@type='wikidata']/text()"),
                "mentions": dict(sorted(mentions.get(ident, {}).items())),
            })
    return rows


def _first(el: etree._Element, xpath: str) -> str:
    found = el.xpath(xpath, namespaces=NS)
    return " ".join(str(found[0]).split()) if found else ""


def _csv(rows: list[dict[str, object]], sigla: list[str]) -> str:
    """One column of mentions per source (`sigla`, reading order), whether or not a row has any."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["id", "kind", "name", "birth", "death", "wikidata", *(f"mentions_{s}" for s in sigla)])
    for r in rows:
        m = r["mentions"]
        assert isinstance(m, dict)
        writer.writerow([r["id"], r["kind"], r["name"], r["birth"], r["death"], r["wikidata"],
                         *(m.get(s, 0) for s in sigla)])
    return buf.getvalue()


def export_claims(paths: Paths, dest: Path, parsed: Parsed | None = None) -> None:
    """claims.csv and claims.json (teipub.export), when the collection has a claims register."""
    register = paths.tei / "claims.xml"
    if not register.is_file():
        return
    kept = parsed.roots.get(parsed.rel(register)) if parsed is not None else None
    try:
        export.export(register, dest, parse_register(kept) if kept is not None else None)
    except (export.ExportError, RegisterError) as exc:
        raise CollectionError(f"{register}: {exc}") from None
