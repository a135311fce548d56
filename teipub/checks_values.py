"""Value rules: dates are ISO 8601 and in order; numbers and measures carry numeric values (§6)."""
from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from lxml import etree

from .problems import Problem, rule
from .xmlinput import Collection, Document

DATE_ATTRIBUTES = ("when", "from", "to", "notBefore", "notAfter")
# on these (TEI att.citing) @from/@to are page or volume numbers, not dates
CITING = frozenset({"biblScope", "citedRange"})
_ISO = re.compile(r"^(-?\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
                  r"(?:Z|[+-]\d{2}:\d{2})?)?)?)?$")
_DECIMAL = re.compile(r"^-?\d+(?:\.\d+)?$")


def snippet(el: etree._Element, limit: int = 60) -> str:
    """The element's text, whitespace-normalised and cut to `limit` characters."""
    text = " ".join("".join(el.itertext()).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


@functools.lru_cache(maxsize=4096)  # a collection repeats its dates (a year, a congress) thousands of times
def parse_iso(value: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of an ISO 8601 date or dateTime (year, year-month or full), else None."""
    m = _ISO.match(value)
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= calendar.monthrange(year if year > 0 else 4, month or 1)[1]:
        return None
    if m.group(4) and (int(m.group(4)) > 24 or int(m.group(5)) > 59 or int(m.group(6) or 0) > 59):
        return None
    return year, month, day


def _earliest(d: tuple[int, int | None, int | None]) -> tuple[int, int, int]:
    return d[0], d[1] or 1, d[2] or 1


def _latest(d: tuple[int, int | None, int | None]) -> tuple[int, int, int]:
    return d[0], d[1] or 12, d[2] or 31


def number(value: str | None) -> Decimal | None:
    """A plain decimal (`220000`, `0.6667`, `-3`), else None."""
    if value is None or not _DECIMAL.match(value):
        return None
    try:
        return Decimal(value)
    except InvalidOperation:  # pragma: no cover - the pattern already excludes it
        return None


_DATE_NAMES = frozenset(DATE_ATTRIBUTES)


def _dated(doc: Document) -> list[etree._Element]:
    """The elements that carry a date attribute or are a date element (of any namespace), in
    document order; found once for the two date rules, each element's attribute names read once
    (half the time of an XPath predicate asking for each attribute in turn)."""
    found = doc.memo.get("dated")
    if found is None:
        found = doc.memo["dated"] = [el for el in doc.root.iter(etree.Element)
                                     if _local(el) == "date" or not _DATE_NAMES.isdisjoint(el.keys())]
    return found  # type: ignore[return-value]


def _local(el: etree._Element) -> str:
    """The element's local name (etree.QName(el).localname, without making a QName)."""
    return el.tag.rpartition("}")[2]


@rule("date-invalid", hint='write an ISO 8601 date: when="1937", "1932-12" or "1936-08-19" (ENCODING.md §6)')
def check_dates(doc: Document, coll: Collection) -> Iterator[Problem]:
    """@when @from @to @notBefore @notAfter are ISO 8601 dates; a date element carries one."""
    for el in _dated(doc):
        local = _local(el)
        if local in CITING:
            continue
        for name in DATE_ATTRIBUTES:
            value = el.get(name)
            if value is not None and parse_iso(value) is None:
                yield doc.problem("date-invalid", el, f'@{name}="{value}" is not an ISO 8601 date')
        if local == "date" and not any(el.get(n) for n in DATE_ATTRIBUTES):
            yield doc.problem("date-invalid", el, f'date "{snippet(el)}" has no machine-readable value '
                              "(@when, @from/@to, @notBefore/@notAfter)")


@rule("date-order", hint="the start of a period comes before its end: swap @from/@to (or @notBefore/@notAfter)")
def check_date_order(doc: Document, coll: Collection) -> Iterator[Problem]:
    """@from is not after @to, and @notBefore is not after @notAfter."""
    for el in _dated(doc):
        if _local(el) in CITING:
            continue
        for start, end in (("from", "to"), ("notBefore", "notAfter")):
            a, b = el.get(start), el.get(end)
            if a is None or b is None:
                continue
            da, db = parse_iso(a), parse_iso(b)
            if da and db and _earliest(da) > _latest(db):
                yield doc.problem("date-order", el, f'@{start}="{a}" is after @{end}="{b}"')


@rule("num-value", hint='give num a plain decimal value="N", or atLeast/atMost for a range (ENCODING.md §6)')
def check_num_values(doc: Document, coll: Collection) -> Iterator[Problem]:
    """Every num has a numeric @value, or numeric @atLeast/@atMost."""
    for el in doc.iter_tei("num"):
        present = {n: el.get(n) for n in ("value", "atLeast", "atMost") if el.get(n) is not None}
        if not present:
            yield doc.problem("num-value", el, f'num "{snippet(el)}" has no @value, @atLeast or @atMost')
        for name, value in present.items():
            if number(value) is None:
                yield doc.problem("num-value", el, f'num @{name}="{value}" is not a plain decimal number')


@rule("num-bounds", hint="atLeast ≤ value ≤ atMost, and percentages lie between 0 and 100")
def check_num_ranges(doc: Document, coll: Collection) -> Iterator[Problem]:
    """Percentages are within 0..100; @atLeast ≤ @value ≤ @atMost."""
    for el in doc.iter_tei("num"):
        vals = {n: number(el.get(n)) for n in ("value", "atLeast", "atMost")}
        given = {n: v for n, v in vals.items() if v is not None}
        if el.get("type") == "percent":
            for name, v in given.items():
                if not Decimal(0) <= v <= Decimal(100):
                    yield doc.problem("num-bounds", el, f'percentage @{name}="{el.get(name)}" is outside 0..100')
        low, value, high = vals["atLeast"], vals["value"], vals["atMost"]
        if low is not None and high is not None and low > high:
            yield doc.problem("num-bounds", el, f'@atLeast="{el.get("atLeast")}" is greater than @atMost="{el.get("atMost")}"')
        if value is not None and ((low is not None and value < low) or (high is not None and value > high)):
            yield doc.problem("num-bounds", el, f'@value="{el.get("value")}" lies outside atLeast/atMost')


@rule("measure-quantity", hint='give measure quantity="N" (plain decimal) and a unit (ENCODING.md §6)')
def check_measures(doc: Document, coll: Collection) -> Iterator[Problem]:
    """Every measure has a numeric @quantity and a @unit."""
    for el in doc.iter_tei("measure"):
        quantity = el.get("quantity")
        if quantity is None:
            yield doc.problem("measure-quantity", el, "measure has no @quantity")
        elif number(quantity) is None:
            yield doc.problem("measure-quantity", el, f'measure @quantity="{quantity}" is not a plain decimal number')
        if not el.get("unit"):
            yield doc.problem("measure-quantity", el, "measure has no @unit")
