"""Schema rules: RELAX NG (schema/purges.rng) and the ODD's Schematron (schema/purges.sch).

Both run in-process through lxml. The Schematron rules are registered from purges.sch itself:
every `sch:assert`/`sch:report` id is a rule id, its diagnostic is the hint, and `role="warning"`
makes it a warning. SVRL locations are XPaths, evaluated on the file to get the line.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from lxml import etree, isoschematron

from .problems import ERROR, WARNING, Problem, declare, make_problem
from .project import PATHS, TEI_NS
from .xmlinput import Collection, Document, hardened_parser

RNG_PATH: Path = PATHS.schema / "purges.rng"
SCH_PATH: Path = PATHS.schema / "purges.sch"
ODD_PATH: Path = PATHS.schema / "purges.odd"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
SVRL_NS = "http://purl.oclc.org/dsdl/svrl"

# libxml2 reports a failure once where it happens and again for each ancestor that no longer
# matches; these follow-on messages are dropped when a more precise one exists.
_FOLLOW_ON = re.compile(r"has extra content|failed to validate content|Invalid sequence in interleave"
                        r"|Expecting an element|Element \S+ failed to validate attributes")
_BAD_ATTR = re.compile(r"Invalid attribute (\S+) for element (\S+)")


@cache
def relaxng() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(RNG_PATH), hardened_parser()))


@cache
def schematron() -> isoschematron.Schematron:
    return isoschematron.Schematron(etree.parse(str(SCH_PATH), hardened_parser()), store_report=True)


@cache
def closed_values() -> dict[tuple[str, str], list[str]]:
    """(element, attribute) -> the ODD's closed value list, to name the allowed values."""
    odd = etree.parse(str(ODD_PATH), hardened_parser())
    out: dict[tuple[str, str], list[str]] = {}
    ns = {"tei": TEI_NS}
    for spec in odd.iterfind(".//tei:elementSpec", ns):
        for att in spec.iterfind("tei:attList/tei:attDef", ns):
            vals = att.find("tei:valList[@type='closed']", ns)
            if vals is not None:
                out[(spec.get("ident"), att.get("ident"))] = [v.get("ident") for v in vals.iterfind("tei:valItem", ns)]
    return out


def _rng_message(message: str) -> str:
    bad = _BAD_ATTR.search(message)
    if bad:
        values = closed_values().get((bad.group(2), bad.group(1)))
        if values:
            return f"{message}: allowed values are {', '.join(values)}"
    return message


def check_rng(doc: Document, coll: Collection) -> Iterator[Problem]:
    """The file is valid against schema/purges.rng."""
    schema = relaxng()
    if schema.validate(doc.tree):
        return
    errors = [(e.line, e.column, e.message) for e in schema.error_log]
    for line, column, message in condense(errors):
        yield make_problem("rng-invalid", doc.display, line, max(column, 1), _rng_message(message))


def condense(errors: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """One message per line where libxml2 gives several, without the ancestors' follow-on failures.

    On a line, attribute errors win over content errors, and "Did not expect element X there"
    over its companions "Expecting element Y, got X".
    """
    precise = [e for e in errors if not _FOLLOW_ON.search(e[2])] or errors[:1]
    by_line: dict[int, list[tuple[int, int, str]]] = {}
    for error in precise:
        by_line.setdefault(error[0], []).append(error)
    out: list[tuple[int, int, str]] = []
    for line in sorted(by_line):
        group = by_line[line]
        attrs = [e for e in group if e[2].startswith("Invalid attribute")]
        unexpected = [e for e in group if e[2].startswith("Did not expect element")]
        chosen = attrs or unexpected[:1] or group[:1]
        for error in chosen:
            if error not in out:
                out.append(error)
    return out


def check_schematron(doc: Document, coll: Collection) -> Iterator[Problem]:
    """The file satisfies the ODD's constraintSpecs (schema/purges.sch)."""
    sch = schematron()
    if sch.validate(doc.tree):
        return
    report = sch.validation_report
    for failed in report.iter(f"{{{SVRL_NS}}}failed-assert", f"{{{SVRL_NS}}}successful-report"):
        rule_id = failed.get("id") or "sch-unnamed"
        try:
            hits = doc.tree.xpath(failed.get("location", "/*"))
        except etree.XPathError:
            hits = []
        line = hits[0].sourceline if hits and hasattr(hits[0], "sourceline") else 1
        text = failed.findtext(f"{{{SVRL_NS}}}text") or ""
        yield make_problem(rule_id, doc.display, line, 1, " ".join(text.split()))


declare("rng-invalid", stage="schema", check=check_rng,
        summary="the file is not valid against schema/purges.rng",
        hint="use only the elements and attribute values of schema/purges.odd, in the order TEI allows")


def _register_schematron() -> None:
    sch = etree.parse(str(SCH_PATH), hardened_parser())
    ns = {"sch": SCH_NS}
    hints = {d.get("id"): " ".join("".join(d.itertext()).split())
             for d in sch.iterfind(".//sch:diagnostic", ns)}
    for test in sch.iterfind(".//sch:rule/*", ns):
        if test.tag not in (f"{{{SCH_NS}}}assert", f"{{{SCH_NS}}}report") or not test.get("id"):
            continue
        hint = " ".join(hints.get(d, "") for d in test.get("diagnostics", "").split()).strip()
        severity = WARNING if test.get("role") == "warning" else ERROR
        pattern = test.getparent().getparent().get("id", "")
        declare(test.get("id"), hint=hint or "see schema/purges.odd", severity=severity, stage="schema",
                summary=f"Schematron ({pattern}): " + " ".join("".join(test.itertext()).split()),
                check=check_schematron)
    declare("sch-unnamed", hint="see schema/purges.odd", stage="schema", check=check_schematron,
            summary="a Schematron assertion without an id failed")


_register_schematron()
