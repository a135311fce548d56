"""Generate larger collections from the edition's own files, for the scale benchmark.

A collection of N documents (N a multiple of the number of sources S of the edition description,
tei/edition.xml) is N/S sets of the edition's sources. Set 0 is the sources as they are; in set k > 0 each source gets the siglum ``{siglum}{k:04d}`` (``essay0042``):
its root id, its ``idno type="edition"``, every ``xml:id`` (``essay-p2`` -> ``essay0042-p2``)
and every pointer to itself or to another source of the set (``#essay-seg3``,
``sources/{siglum}.xml#{siglum}-num4``) are renamed, so the copy is valid on its own and within the
collection. Pointers into the indexes (``per:stalin``) and the bibliography stay as they are: the
copies share the real indexes, bibliography and claims register.

The claims register grows with the collection: every tenth set (k = 0, 10, 20, ...) keeps its
claim markup, and the register gets a witness per copied source of those sets and a copy of each
source reading, pointing at the copy's span, so both directions of every claim link resolve. In
the other sets the claim markup is taken out (``claim:…`` tokens dropped from ``ana``, claim
``seg`` elements unwrapped with their words kept), as an ordinary document outside the register
would be. The register is thus about a tenth of the collection, not the whole of it. The
collection's own edition description lists every copy after the sources of set 0, in set order.

Usage: .venv/bin/python bench/generate.py N [N ...]  -> bench/out/c{N}/tei/ (and prints the path)
The output is deterministic: the same N gives byte-identical files.
"""
from __future__ import annotations

import argparse
import copy
import re
import shutil
import sys
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from teipub.edition import load_edition  # noqa: E402
from teipub.project import NS, TEI_NS, XML_NS  # noqa: E402

OUT = ROOT / "bench" / "out"
XML_ID = f"{{{XML_NS}}}id"
POINTER_ATTRS = ("ref", "corresp", "ana", "target", "source", "wit", "resp", "who", "sameAs", "next", "prev")
CLAIM_EVERY = 10  # every tenth set keeps its claim links (and the register grows with them)
SIGLA = load_edition(ROOT / "tei").sigla
_SIGLUM = re.compile(r"(^|[\s#]|sources/)(" + "|".join(map(re.escape, SIGLA)) + r")(?=-|\.xml|\s|$)")


def new_siglum(siglum: str, k: int) -> str:
    return siglum if k == 0 else f"{siglum}{k:04d}"


def rename_pointer(value: str, k: int) -> str:
    """Rename every siglum in a pointer attribute to its copy in set k."""
    return _SIGLUM.sub(lambda m: m.group(1) + new_siglum(m.group(2), k), value)


def rename_id(value: str, siglum: str, k: int) -> str:
    if value == siglum:
        return new_siglum(siglum, k)
    if value.startswith(siglum + "-"):
        return new_siglum(siglum, k) + value[len(siglum):]
    return value


def _t(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


def copy_source(tree: etree._ElementTree, siglum: str, k: int, keep_claims: bool) -> etree._ElementTree:
    """The source of `siglum` as copy k (a new tree; `tree` is left alone)."""
    root = copy.deepcopy(tree.getroot())
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if (ident := el.get(XML_ID)) is not None:
            el.set(XML_ID, rename_id(ident, siglum, k))
        for attr in POINTER_ATTRS:
            if (value := el.get(attr)) is not None:
                el.set(attr, rename_pointer(value, k))
    for idno in root.iterfind(".//tei:publicationStmt/tei:idno[@type='edition']", NS):
        idno.text = new_siglum(siglum, k)
    if not keep_claims:
        _strip_claims(root)
    return etree.ElementTree(root)


def _strip_claims(root: etree._Element) -> None:
    """Take out the links to the claims register: claim tokens from @ana, claim segs unwrapped."""
    for el in root.xpath("//*[@ana]"):
        kept = [t for t in el.get("ana").split() if not t.startswith("claim:")]
        if kept:
            el.set("ana", " ".join(kept))
        else:
            del el.attrib["ana"]
    for seg in root.xpath("//tei:seg[@type='claim']", namespaces=NS):
        _unwrap(seg)


def _unwrap(el: etree._Element) -> None:
    parent = el.getparent()
    index = parent.index(el)
    text, tail = el.text or "", el.tail or ""
    children = list(el)
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        prev = parent[index - 1]
        prev.tail = (prev.tail or "") + text
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    last = children[-1] if children else (parent[index - 1] if index > 0 else None)
    parent.remove(el)
    if last is None:
        parent.text = (parent.text or "") + tail
    else:
        last.tail = (last.tail or "") + tail


def extend_register(tree: etree._ElementTree, sets: list[int]) -> etree._ElementTree:
    """The claims register with a witness and a copy of every source reading for each set in `sets`."""
    root = copy.deepcopy(tree.getroot())
    for siglum in SIGLA:
        witness = next(iter(root.xpath(".//tei:witness[@xml:id=$id]", namespaces=NS, id=f"wit-{siglum}")), None)
        if witness is None:
            continue
        anchor = witness
        for k in sets:
            twin = copy.deepcopy(witness)
            twin.set(XML_ID, f"wit-{new_siglum(siglum, k)}")
            twin.set("corresp", rename_pointer(witness.get("corresp"), k))
            twin.text = (witness.text or "") + f", copy {k}"
            anchor.addnext(twin)
            anchor = twin
    for group in root.iterfind(".//tei:rdgGrp[@type='sources']", NS):
        readings = group.findall("tei:rdg", NS)
        for k in sets:
            for rdg in readings:
                twin = copy.deepcopy(rdg)
                twin.set("wit", " ".join(_copy_wit(t, k) for t in rdg.get("wit", "").split()))
                if rdg.get("corresp"):
                    twin.set("corresp", rename_pointer(rdg.get("corresp"), k))
                group.append(twin)
    return etree.ElementTree(root)


def extend_edition(edition: etree._ElementTree, sets: int) -> etree._ElementTree:
    """The edition description with the copies of sets 1..sets-1 listed after the sources."""
    root = copy.deepcopy(edition.getroot())
    listing = root.find(".//tei:sourceDesc/tei:listBibl[@type='sources']", NS)
    originals = listing.findall("tei:bibl", NS)
    for k in range(1, sets):
        for bibl in originals:
            siglum = bibl.findtext("tei:idno[@type='edition']", namespaces=NS).strip()
            twin = copy.deepcopy(bibl)
            twin.set("corresp", rename_pointer(bibl.get("corresp"), k))
            twin.find("tei:idno[@type='edition']", NS).text = new_siglum(siglum, k)
            listing.append(twin)
    return etree.ElementTree(root)


def _copy_wit(token: str, k: int) -> str:
    siglum = token.removeprefix("#wit-")
    return f"#wit-{new_siglum(siglum, k)}" if siglum in SIGLA else token


def _write(tree: etree._ElementTree, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def generate(n: int, tei: Path = ROOT / "tei", out: Path | None = None) -> Path:
    """Write a collection of n documents (n a positive multiple of the number of sources); return its tei/ folder."""
    if n < len(SIGLA) or n % len(SIGLA):
        raise ValueError(f"the number of documents must be a positive multiple of {len(SIGLA)}")
    dest = (out or OUT / f"c{n}") / "tei"
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "sources").mkdir(parents=True)
    shutil.copytree(tei / "indexes", dest / "indexes")
    shutil.copyfile(tei / "bibliography.xml", dest / "bibliography.xml")
    (dest / "raw").symlink_to((tei / "raw").resolve(), target_is_directory=True)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    sets = n // len(SIGLA)
    for siglum in SIGLA:
        tree = etree.parse(str(tei / "sources" / f"{siglum}.xml"), parser)
        shutil.copyfile(tei / "sources" / f"{siglum}.xml", dest / "sources" / f"{siglum}.xml")
        for k in range(1, sets):
            copied = copy_source(tree, siglum, k, keep_claims=k % CLAIM_EVERY == 0)
            _write(copied, dest / "sources" / f"{new_siglum(siglum, k)}.xml")
    register = etree.parse(str(tei / "claims.xml"), parser)
    claim_sets = [k for k in range(1, sets) if k % CLAIM_EVERY == 0]
    _write(extend_register(register, claim_sets), dest / "claims.xml")
    _write(extend_edition(etree.parse(str(tei / "edition.xml"), parser), sets), dest / "edition.xml")
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="+", type=int, help="numbers of documents (multiples of the number of sources)")
    args = parser.parse_args(argv)
    for n in args.sizes:
        print(generate(n))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
