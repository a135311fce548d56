"""Rules of the claims register on what its figures count and whose they are (schema/ENCODING.md §9).

* claim-derived-credited a scholarly reading's normalised figure is not stated in its gist (the work's
                         position) and the reading is not marked as the editors' derived figure
                         (type="derived" with a note, @resp, saying how it was computed)
* claim-unlike-measures  a quantity claim's answer readings count different things (their measures,
                         ENCODING.md §9) and no note type="comparability" says why they stand together
* claim-measure-missing  a reading's figure (in any claim) states no measure, on its num or its claim (warning)
* claim-related          a related-claim pointer (note type="related") leads to no claim, or the claim
                         it leads to does not point back

A measure is a category of the register's claim-measures taxonomy, named in a claim's @ana (the
measure of its answers) or on a reading's normalised num (a reading that counts something else). A
context reading (rdg type="context", num subtype="context") is never an answer. `stated_numbers`
and `figure_stated` are the pure cores of claim-derived-credited; `answer_measures` of the others.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator

from lxml import etree

from .checks_claims import _apps, _claims_doc, _t, figure_numbers
from .problems import WARNING, Problem, rule
from .project import NS
from .xmlinput import Collection, Document

# ---------------------------------------------------------------- pure cores

_SCALE = {"thousand million": 1e9, "billion": 1e9, "million": 1e6, "thousand": 1e3}
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "a": 1}
_WORD_SHARES = {"a quarter": 25.0, "a third": 100 / 3, "one third": 100 / 3, "half": 50.0,
                "two-thirds": 200 / 3, "three-quarters": 75.0, "four-fifths": 80.0, "one in eight": 12.5}
_NUMBER = re.compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|a)"
                     r"(?:\s*(?:to|–|-)\s*(\d[\d,]*(?:\.\d+)?))?"
                     r"(?:\s+(thousand million|billion|million|thousand))?(?![\w-])", re.IGNORECASE)


def stated_numbers(text: str) -> list[float]:
    """The numbers a sentence states: digits ('681,692', '18.5'), with a scale word ('1.58 million',
    '5.5 to 6.5 million', '105 thousand million', 'a million'), small number words ('three of the
    five') and common shares in words ('a quarter', 'two-thirds', 'four-fifths'), each as the
    percentages and the fraction it is normally written as (a third: 33, 33.33 and 0.3333)."""
    out: list[float] = []
    for m in _NUMBER.finditer(text):
        first, second, scale = m.group(1).lower(), m.group(2), (m.group(3) or "").lower()
        factor = _SCALE.get(scale, 1.0)
        if first in _WORD_NUMBERS:
            if first == "a" and not scale:
                continue
            out.append(_WORD_NUMBERS[first] * factor)
        else:
            value = float(first.replace(",", ""))
            # '950,000 to 1.2 million': the scale word belongs to the second number only
            out.append(value * factor if not second or value < 1000 else value)
        if second:
            out.append(float(second.replace(",", "")) * factor)
    lowered = text.lower()
    for words, share in _WORD_SHARES.items():
        if re.search(rf"(?<![\w-]){re.escape(words)}(?![\w-])", lowered):
            out.extend(dict.fromkeys((float(round(share)), round(share, 2), round(share / 100, 4))))
    return out


def figure_stated(figure: Iterable[float], stated: Iterable[float]) -> list[float]:
    """The numbers of a figure that the stated numbers do not give (within 0.05 per cent)."""
    said = list(stated)
    return [n for n in figure if not any(math.isclose(n, s, rel_tol=5e-4, abs_tol=1e-9) for s in said)]



# ---------------------------------------------------------------- like with like, derived figures, related claims

def _measure_of(el: etree._Element | None) -> str | None:
    for token in ((el.get("ana") or "").split() if el is not None else ()):
        if token.startswith("#measure-"):
            return token[len("#measure-"):]
    return None


def _is_quantity(app: etree._Element) -> bool:
    return "#kind-quantity" in (app.get("ana") or "").split()


def answer_measures(app: etree._Element) -> dict[str | None, list[etree._Element]]:
    """The answer readings with a figure of a claim, by the measure each counts (its num's, else the
    claim's; None where neither states one). Context readings (type="context") are left out."""
    default = _measure_of(app)
    out: dict[str | None, list[etree._Element]] = {}
    for rdg in app.iterfind("tei:rdgGrp/tei:rdg", NS):
        num = rdg.find("tei:num[@subtype='normalised']", NS)
        if rdg.get("type") == "context" or num is None:
            continue
        out.setdefault(_measure_of(num) or default, []).append(rdg)
    return out


@rule("claim-derived-credited", hint='state the work\'s own figure (the one its gist gives), or mark the reading '
      'type="derived" resp="ed:historical" with a note saying how the editors computed it (ENCODING.md §9)')
def check_derived_credited(doc: Document, coll: Collection) -> Iterator[Problem]:
    """A scholarly reading's figure is the work's (stated in its gist) or marked as the editors' derivation."""
    if not _claims_doc(doc):
        return
    for claim_id, app in _apps(doc):
        for rdg in app.iterfind("tei:rdgGrp[@type='scholarship']/tei:rdg", NS):
            numbers = figure_numbers(rdg)
            if not numbers:
                continue
            work = rdg.get("source", "")
            if rdg.get("type") == "derived":
                how = [n for n in rdg.iterfind("tei:note", NS) if n.get("type") != "gist" and n.get("resp")]
                if not how:
                    yield doc.problem("claim-derived-credited", rdg, f'the derived figure of {work} in "{claim_id}" '
                                      "has no note (with @resp) saying how the editors computed it")
                continue
            gist = rdg.find("tei:note[@type='gist']", NS)
            missing = figure_stated(numbers, stated_numbers("".join(gist.itertext()) if gist is not None else ""))
            if missing:
                shown = ", ".join(f"{m:g}" for m in missing)
                yield doc.problem("claim-derived-credited", rdg, f'"{claim_id}" credits {shown} to {work}, '
                                  "but the work's gist does not state it and the reading is not marked derived")


@rule("claim-unlike-measures", hint='give the readings that count something else their own #measure-… and a '
      'note type="comparability" saying why they stand together, or make a figure given only as context '
      'a context reading (rdg type="context", num subtype="context")')
def check_unlike_measures(doc: Document, coll: Collection) -> Iterator[Problem]:
    """The answer readings of a quantity claim measure one thing, unless a note says why not."""
    if not _claims_doc(doc):
        return
    for claim_id, app in _apps(doc):
        if not _is_quantity(app) or app.find("tei:note[@type='comparability']", NS) is not None:
            continue
        measures = sorted(m for m in answer_measures(app) if m is not None)
        if len(measures) > 1:
            yield doc.problem("claim-unlike-measures", app, f'the answers of "{claim_id}" measure different things '
                              f'({", ".join(measures)}) and no note type="comparability" says why they stand together')


@rule("claim-measure-missing", severity=WARNING,
      hint='name what the figure counts: #measure-… in the claim\'s @ana or on the normalised num (ENCODING.md §9)')
def check_measure_missing(doc: Document, coll: Collection) -> Iterator[Problem]:
    """Every figure of a claim states its measure (quantity claims, and figures in other claims)."""
    if not _claims_doc(doc):
        return
    for claim_id, app in _apps(doc):
        for rdg in answer_measures(app).get(None, []):
            yield doc.problem("claim-measure-missing", rdg, f'a figure of "{claim_id}" states no measure')


def _related_targets(app: etree._Element) -> list[str]:
    return [token for note in app.iterfind("tei:note[@type='related']", NS)
            for ref in note.iter(_t("ref"), _t("ptr")) for token in (ref.get("target") or "").split()]


def claim_links(doc: Document) -> dict[str, set[str]]:
    """claim id -> the claims its related notes point at ("#claim-…"), for every claim of `doc`."""
    return {claim_id: {t[len("#claim-"):] for t in _related_targets(app) if t.startswith("#claim-")}
            for claim_id, app in _apps(doc)}


@rule("claim-related", hint='point a related note\'s ref at "#claim-…" and add the pointer back in that claim\'s '
      'note type="related" (ENCODING.md §9)')
def check_related(doc: Document, coll: Collection) -> Iterator[Problem]:
    """Related-claim pointers lead to claims that point back."""
    if not _claims_doc(doc):
        return
    # the links of every claim of the register: a part of it (teipub.register_parts) brings them
    links = doc.memo.get("claim-links")
    if links is None:
        links = claim_links(doc)
    for claim_id, app in _apps(doc):  # every claim, even one whose id is repeated (id-duplicate says so)
        for token in _related_targets(app):
            target = token[len("#claim-"):] if token.startswith("#claim-") else None
            if target is None or target not in links:
                yield doc.problem("claim-related", app, f'"{claim_id}" names "{token}" as related, which is no claim '
                                  "of this register")
            elif target == claim_id:
                yield doc.problem("claim-related", app, f'"{claim_id}" names itself as related')
            elif claim_id not in links.get(target, set()):
                yield doc.problem("claim-related", app, f'"{claim_id}" points to "{target}", which does not point back')


__all__ = ["answer_measures", "claim_links", "figure_stated", "stated_numbers"]
