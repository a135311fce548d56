"""The register of contested claims (tei/claims.xml, schema/ENCODING.md §9) as plain data.

    register = read_register(PATHS.tei / "claims.xml")
    for claim in register.claims:
        for reading in claim.readings: ...

A quantity reading states what it counts: its measure (a category of the claim-measures taxonomy,
named on its normalised num or, by default, on the claim), its reference period (`period`) and,
for a percentage, its base. A reading whose figure is context only (`rdg type="context"`, its
number a `num subtype="context"`) has no `figure`: its number is `context_figure`, never an answer.
Related claims are `Claim.related` (the targets of `note type="related"`).

`parse_register` is the pure core (a parsed tree in, dataclasses out); `read_register` adds the
file I/O and raises `RegisterError` when the file is missing, not XML or not a register.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from lxml import etree

from .project import NS, TEI_NS, XML_NS

ReadingKind = Literal["source", "scholarship"]
ReadingRole = Literal["answer", "context"]
XML_ID = f"{{{XML_NS}}}id"


class RegisterError(Exception):
    """The register cannot be read: missing, not well-formed, or not a claims register."""


@dataclass(frozen=True)
class Figure:
    """A normalised number of a reading: `value`, or a range `at_least`–`at_most` (either may be open)."""

    type: str                      # count | percent | fraction
    value: float | None = None
    at_least: float | None = None
    at_most: float | None = None

    @property
    def numbers(self) -> tuple[float, ...]:
        """Every number the figure states (value, atLeast, atMost, in that order)."""
        return tuple(n for n in (self.value, self.at_least, self.at_most) if n is not None)


@dataclass(frozen=True)
class Reading:
    """One reading of a claim: a source's statement or a scholarly position."""

    claim: str                     # the claim's id without "claim-"
    kind: ReadingKind
    witness: str | None            # siglum of the source (source readings)
    work: str | None               # bibliography id without "bib-" (scholarly readings)
    quote: str | None              # the source's words
    gist: str | None               # the position in one sentence
    figure: Figure | None          # the normalised figure
    base: float | None             # the population a percentage is of
    year: str | None               # the first year of the period the figure is for
    pointers: tuple[str, ...]      # @corresp tokens: the tagged spans in the source
    cited_range: str | None        # pages of the work
    cert: str | None
    derived: bool                  # the figure is the editors' computation, not stated by the source or work
    line: int
    role: ReadingRole = "answer"   # context: the figure is given only as context, never an answer
    measure: str | None = None     # what the figure counts (claim-measures category, without 'measure-')
    period: tuple[str, str] | None = None  # (from, to) of the reference date; from == to for one date
    verdict: str | None = None     # a source reading: how it stands against the scholarship (claim-verdicts, without 'verdict-')
    context_figure: Figure | None = None   # the number of a context reading
    pinpoint: str | None = None    # verified | unverified: the state of the pages a scholarly reading cites
    pinpoint_note: str | None = None  # where the pages were verified, or why they are not yet


@dataclass(frozen=True)
class Claim:
    id: str                        # without "claim-"
    question: str
    kind: str                      # without "kind-"
    topic: str                     # without "topic-"
    readings: tuple[Reading, ...]
    editorial: str
    editorial_cert: str | None
    line: int
    measure: str | None = None     # the measure of the claim's answers (without 'measure-')
    related: tuple[str, ...] = ()  # ids (without 'claim-') of the related claims
    comparability: str | None = None  # why answers of different measures stand together

    @property
    def xml_id(self) -> str:
        return f"claim-{self.id}"

    def sources(self) -> tuple[Reading, ...]:
        return tuple(r for r in self.readings if r.kind == "source")

    def scholarship(self) -> tuple[Reading, ...]:
        return tuple(r for r in self.readings if r.kind == "scholarship")

    def answers(self) -> tuple[Reading, ...]:
        """The readings that answer the question (context readings left out)."""
        return tuple(r for r in self.readings if r.role == "answer")


@dataclass(frozen=True)
class Register:
    claims: tuple[Claim, ...]
    witnesses: dict[str, str]      # siglum -> file, relative to tei/ (witness/@corresp)
    measures: dict[str, str] = field(default_factory=dict)  # measure id (without 'measure-') -> what it counts

    def claim(self, claim_id: str) -> Claim:
        for c in self.claims:
            if c.id == claim_id:
                return c
        raise KeyError(claim_id)


def _t(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


def _text(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    return " ".join("".join(el.itertext()).split())


def _float(value: str | None) -> float | None:
    return float(value) if value not in (None, "") else None


def strip_prefix(value: str | None, *prefixes: str) -> str | None:
    """`#wit-essay` -> `essay`, `bib:getty-1993` -> `getty-1993`, `#kind-date` -> `date`."""
    if value is None:
        return None
    for p in prefixes:
        if value.startswith(p):
            return value[len(p):]
    return value


def _figure(rdg: etree._Element, subtype: str = "normalised") -> Figure | None:
    num = rdg.find(f"tei:num[@subtype='{subtype}']", NS)
    if num is None:
        return None
    return Figure(num.get("type", ""), _float(num.get("value")), _float(num.get("atLeast")),
                  _float(num.get("atMost")))


def _period(date: etree._Element | None) -> tuple[str, str] | None:
    """(from, to) of a reference date: `when` twice, or `from`/`to` (an open end repeats the other)."""
    if date is None:
        return None
    start = date.get("when") or date.get("from") or date.get("notBefore")
    end = date.get("when") or date.get("to") or date.get("notAfter")
    if not (start or end):
        return None
    return (start or end or "", end or start or "")


def _measure(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    return _taxonomy(el, "measure") or None


def _reading(claim_id: str, kind: ReadingKind, rdg: etree._Element, claim_measure: str | None = None) -> Reading:
    base = rdg.find("tei:num[@subtype='base']", NS)
    number = rdg.find("tei:num[@subtype='normalised']", NS)
    context = rdg.find("tei:num[@subtype='context']", NS)
    role: ReadingRole = "context" if rdg.get("type") == "context" or (number is None and context is not None) \
        else "answer"
    year = rdg.find("tei:date[@subtype='reference']", NS)
    cited = rdg.find("tei:bibl/tei:citedRange", NS)
    pin = rdg.find("tei:bibl/tei:note[@type='pinpoint']", NS)
    source = rdg.get("source")
    return Reading(
        claim=claim_id,
        kind=kind,
        witness=strip_prefix(rdg.get("wit"), "#wit-"),
        work=strip_prefix(source.split()[0], "bib:") if source else None,
        quote=_text(rdg.find("tei:quote", NS)),
        gist=_text(rdg.find("tei:note[@type='gist']", NS)),
        figure=_figure(rdg),
        base=_float(base.get("value")) if base is not None else None,
        year=(year.get("when") or year.get("from")) if year is not None else None,
        pointers=tuple((rdg.get("corresp") or "").split()),
        cited_range=_text(cited),
        cert=rdg.get("cert"),
        derived=rdg.get("type") == "derived",
        line=rdg.sourceline or 0,
        role=role,
        measure=None if number is None and context is None
        else _measure(number if number is not None else context) or (claim_measure if role == "answer" else None),
        period=_period(year),
        verdict=next((t.removeprefix("#verdict-") for t in (rdg.get("ana") or "").split()
                      if t.startswith("#verdict-")), None),
        context_figure=_figure(rdg, "context"),
        pinpoint=None if pin is None else ("unverified" if pin.get("subtype") == "unverified" else "verified"),
        pinpoint_note=_text(pin),
    )


def _taxonomy(app: etree._Element, prefix: str) -> str:
    for token in (app.get("ana") or "").split():
        if token.startswith(f"#{prefix}-"):
            return token[len(prefix) + 2:]
    return ""


def parse_claim(app: etree._Element) -> Claim:
    """One `app` of the register as a Claim."""
    claim_id = strip_prefix(app.get(XML_ID), "claim-") or ""
    measure = _measure(app)
    readings: list[Reading] = []
    for grp in app.iterfind("tei:rdgGrp", NS):
        kind: ReadingKind = "scholarship" if grp.get("type") == "scholarship" else "source"
        readings.extend(_reading(claim_id, kind, rdg, measure) for rdg in grp.iterfind("tei:rdg", NS))
    editorial = app.find("tei:note[@type='editorial']", NS)
    related = tuple(strip_prefix(t, "#claim-", "claim:") or "" for note in app.iterfind("tei:note[@type='related']", NS)
                    for ref in note.iter(_t("ref"), _t("ptr")) for t in (ref.get("target") or "").split())
    return Claim(
        id=claim_id,
        question=_text(app.find("tei:note[@type='question']", NS)) or "",
        kind=_taxonomy(app, "kind"),
        topic=_taxonomy(app, "topic"),
        readings=tuple(readings),
        editorial=_text(editorial) or "",
        editorial_cert=editorial.get("cert") if editorial is not None else None,
        line=app.sourceline or 0,
        measure=measure,
        related=related,
        comparability=_text(app.find("tei:note[@type='comparability']", NS)),
    )


def parse_register(root: etree._Element) -> Register:
    """The register held by a parsed tei:TEI root."""
    if root.tag != _t("TEI") or root.find(".//tei:listApp", NS) is None:
        raise RegisterError("not a claims register: no TEI root with a listApp")
    witnesses = {strip_prefix(w.get(XML_ID), "wit-") or "": w.get("corresp", "")
                 for w in root.iterfind(".//tei:listWit/tei:witness", NS)}
    claims = tuple(parse_claim(app) for app in root.iterfind(".//tei:listApp/tei:app", NS))
    measures = {strip_prefix(c.get(XML_ID), "measure-") or "": _text(c.find("tei:catDesc", NS)) or ""
                for c in root.iterfind(f".//tei:taxonomy[@{{{XML_NS}}}id='claim-measures']/tei:category", NS)}
    return Register(claims, witnesses, measures)


def read_register(path: Path) -> Register:
    """Parse the register file at `path` (no network, no entity expansion)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        tree = etree.parse(str(path), parser)
    except OSError as exc:
        raise RegisterError(f"{path}: cannot be read ({exc})") from exc
    except etree.XMLSyntaxError as exc:
        raise RegisterError(f"{path}: not well-formed XML ({exc})") from exc
    try:
        return parse_register(tree.getroot())
    except RegisterError as exc:
        raise RegisterError(f"{path}: {exc}") from exc
