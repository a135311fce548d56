"""Rules of the claims register (schema/ENCODING.md §9) and of its links with the sources.

* claim-readings-min     every claim has at least two readings (sources or scholarship)
* claim-structure        a claim has its question, kind, topic and an attributed editorial note;
                         a source reading has a witness and a quote; a scholarly reading cites a
                         work with @source and bibl/ptr; at most one normalised figure per reading
* claim-reading-unlinked a source reading does not yet point to its span (warning)
* claim-reading-target   a reading's span lies in another source than its witness, or does not
                         carry ana="claim:…" back to the reading's claim
* claim-value-mismatch   the normalised figure is not the figure of the span it points to
* claim-quote-mismatch   the quoted words are not the words of the span it points to
* claim-citation         a cited work is not an entry of the bibliography
* bib-uncited            a bibliography entry is cited nowhere in the collection
* claim-span-orphan      a span in a source names a claim whose readings do not point to it
* claim-verdict          a source reading names exactly one verdict (#verdict-… in @ana) of the
                         register's claim-verdicts taxonomy

The rules on like with like, derived figures and related claims are in `teipub/checks_measures.py`.
Pointer syntax and resolution are checked by `pointer-unresolved` (checks_pointers); these rules
judge what the pointers lead to. Cores are functions of parsed elements; the registered checks
only walk the collection.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .diplomatic import diplomatic_text, words
from .problems import WARNING, Problem, rule
from .project import NS, TEI_NS
from .xmlinput import XML_ID, Collection, Document
from .checks_pointers import pointer_scope, pointer_uses, resolve

from .edition import load_edition  # noqa: E402  (the kinds of claim are the edition description's)
from .project import PATHS  # noqa: E402
CLAIM_KINDS = load_edition(PATHS.tei).claim_kind_names


def _t(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


# ---------------------------------------------------------------- pure cores

@dataclass(frozen=True)
class SpanFacts:
    """What the register's rules read of a span: its tag, its @ana, its figures (span_numbers)
    and its diplomatic text. A released source (teipub.streaming) keeps these plain facts of the
    spans the register points at, not the elements, so no tree of a source outlives its turn.
    `get` answers for @ana only, the one attribute the rules read of a span."""

    tag: str
    ana: str | None
    numbers: tuple[float, ...]
    text: str

    def get(self, name: str, default: str | None = None) -> str | None:
        if name != "ana":
            raise KeyError(f"a released span keeps @ana only, not @{name}")
        return self.ana if self.ana is not None else default


def span_facts(span: etree._Element) -> SpanFacts:
    """The facts the register's rules read of `span` (see SpanFacts)."""
    return SpanFacts(span.tag, span.get("ana"), tuple(span_numbers(span)), diplomatic_text(span))


def _span_text(span: etree._Element | SpanFacts) -> str:
    return span.text if isinstance(span, SpanFacts) else diplomatic_text(span)


def span_numbers(span: etree._Element | SpanFacts) -> list[float]:
    """Every figure stated by the num and measure elements in or at `span` (value, atLeast,
    atMost; a measure's quantity)."""
    if isinstance(span, SpanFacts):
        return list(span.numbers)
    nums = list(span.iter(_t("num"), _t("measure")))
    out: list[float] = []
    for num in nums:
        for attr in ("value", "atLeast", "atMost", "quantity"):
            raw = num.get(attr)
            if raw is None:
                continue
            try:
                out.append(float(raw))
            except ValueError:
                continue
    return out


def figure_numbers(rdg: etree._Element) -> list[float]:
    """The numbers of a reading's normalised figure."""
    num = rdg.find("tei:num[@subtype='normalised']", NS)
    if num is None:
        return []
    out = []
    for attr in ("value", "atLeast", "atMost"):
        raw = num.get(attr)
        if raw is not None:
            try:
                out.append(float(raw))
            except ValueError:
                continue
    return out


def same_number(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def unmatched_numbers(stated: Iterable[float], spans: Iterable[etree._Element | SpanFacts]) -> list[float]:
    """The reading's numbers that no num in the spans states."""
    available = [n for span in spans for n in span_numbers(span)]
    return [n for n in stated if not any(same_number(n, a) for a in available)]


def _contains(outer: list[str], inner: list[str]) -> bool:
    if not inner:
        return True
    k = len(inner)
    return any(outer[i:i + k] == inner for i in range(len(outer) - k + 1))


def quote_matches(quote: str, spans: list[etree._Element | SpanFacts]) -> bool:
    """The quote and the spans' words overlap: the quote lies in the spans, or each span in the quote."""
    q = [w.lower() for w in words(quote)]
    texts = [[w.lower() for w in words(_span_text(s))] for s in spans]
    joined = [w for t in texts for w in t]
    if _contains(joined, q):
        return True
    return all(t and _contains(q, t) for t in texts)


def ana_claims(el: etree._Element | SpanFacts) -> set[str]:
    """The claim ids (without prefix) an element's @ana names with the claim: scheme."""
    return {tok[len("claim:"):] for tok in (el.get("ana") or "").split() if tok.startswith("claim:")}


# ---------------------------------------------------------------- helpers over the collection

def _claims_doc(doc: Document) -> bool:
    return doc.kind == "claims"


def _target(doc: Document, coll: Collection, token: str) -> tuple[Document | None, etree._Element | None]:
    res = resolve(doc, token)
    if res.error or res.external or res.path is None:
        return None, None
    target = coll.docs.get(res.path)
    if target is None or res.fragment is None:
        return target, None
    found = target.ids.get(res.fragment)
    return target, (found[0] if found else None)


def _witness_files(doc: Document) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for w in doc.iter_tei("witness"):
        ident, corresp = w.get(XML_ID), w.get("corresp")
        if ident and corresp:
            res = resolve(doc, corresp)
            if res.path is not None:
                out[ident] = res.path
    return out


def _apps(doc: Document) -> Iterator[tuple[str, etree._Element]]:
    for app in doc.iter_tei("app"):
        ident = app.get(XML_ID) or ""
        yield (ident[len("claim-"):] if ident.startswith("claim-") else ident), app


def _source_rdgs(app: etree._Element) -> Iterator[etree._Element]:
    yield from app.iterfind("tei:rdgGrp[@type='sources']/tei:rdg", NS)


def backlinks_of(doc: Document) -> dict[Path, dict[str, tuple[str, ...]]]:
    """source file -> span id -> the claims of `doc` (a register) whose source readings point there."""
    index: dict[Path, dict[str, tuple[str, ...]]] = {}
    for claim_id, app in _apps(doc):
        for rdg in _source_rdgs(app):
            for token in (rdg.get("corresp") or "").split():
                res = resolve(doc, token)
                if res.path is not None and res.fragment:
                    spans = index.setdefault(res.path, {})
                    claims = spans.get(res.fragment, ())
                    if claim_id not in claims:
                        spans[res.fragment] = (*claims, claim_id)
    return index


def merge_backlinks(into: dict[Path, dict[str, tuple[str, ...]]], more: dict[Path, dict[str, tuple[str, ...]]]) -> None:
    for path, spans in more.items():
        mine = into.setdefault(path, {})
        for span, claims in spans.items():
            known = mine.get(span, ())
            mine[span] = (*known, *(c for c in claims if c not in known))


class _Joined:
    """The backlinks of several registers into one source (a collection should have one)."""

    def __init__(self, found: list) -> None:
        self.found = found

    def get(self, span: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        return tuple(c for links in self.found for c in links.get(span, ())) or default


def _backlinks(coll: Collection) -> dict:
    """source file -> (span id -> claims whose source readings point there, by `.get`); built once
    per run. (The register of a large collection points at tens of thousands of spans: one dict
    per file and a tuple per span cost a fraction of a set per (file, span) pair.) A register
    checked in parts (teipub.register_parts) brings its own, gathered part by part."""
    if "claim-backlinks" in coll.cache:
        return coll.cache["claim-backlinks"]  # type: ignore[return-value]
    found = [doc.backlinks if doc.released else backlinks_of(doc) for doc in coll.by_kind("claims")]  # type: ignore[attr-defined]
    index = found[0] if len(found) == 1 else {
        path: _Joined([f[path] for f in found if path in f]) for path in set().union(*found)}
    coll.cache["claim-backlinks"] = index
    return index


def _bib_citations(coll: Collection) -> set[str]:
    """Bibliography ids (with 'bib-') pointed at from anywhere in the collection."""
    if "bib-citations" in coll.cache:
        return coll.cache["bib-citations"]  # type: ignore[return-value]
    cited: set[str] = set()
    for doc in coll.docs.values():
        if doc.kind == "bibliography":
            continue
        tokens = doc.tokens if doc.released else {  # a released source keeps its pointers (teipub.streaming)
            token for _, attr, token in pointer_uses(doc) if token and attr in ("source", "target", "ref", "corresp")}
        # a private pointer resolves alike from every file of one folder with the same prefixes
        # (the sources of a large collection share theirs): resolved once for them all
        scope = pointer_scope(doc)
        for token in tokens:  # each distinct pointer once: sources repeat theirs hundreds of times
            res = resolve(doc, token, scope)
            if res.fragment and res.fragment.startswith("bib-") and res.path is not None \
                    and res.path.name == "bibliography.xml":
                cited.add(res.fragment)
    coll.cache["bib-citations"] = cited
    return cited


# ---------------------------------------------------------------- rules on the register

@rule("claim-readings-min", hint="add the other sources' readings or a scholarly reading: a claim compares at least two")
def check_readings_min(doc: Document, coll: Collection) -> Iterator[Problem]:
    """Every claim has at least two readings."""
    if not _claims_doc(doc):
        return
    for claim_id, app in _apps(doc):
        n = len(app.findall("tei:rdgGrp/tei:rdg", NS))
        if n < 2:
            yield doc.problem("claim-readings-min", app, f'claim "{claim_id}" has {n} reading{"s" * (n != 1)}')


@rule("claim-structure", hint="follow the app pattern of ENCODING.md §9: question, kind and topic in @ana, "
      "readings in rdgGrp sources/scholarship, an editorial note with resp and cert")
def check_structure(doc: Document, coll: Collection) -> Iterator[Problem]:
    """A claim and its readings have the parts §9 requires."""
    if not _claims_doc(doc):
        return
    categories = {el.get(XML_ID) for el in doc.iter_tei("category")}
    for claim_id, app in _apps(doc):
        ana = (app.get("ana") or "").split()
        kinds = [a for a in ana if a.startswith("#kind-")]
        topics = [a for a in ana if a.startswith("#topic-")]
        if len(kinds) != 1 or kinds[0][1:] not in categories or kinds[0][6:] not in CLAIM_KINDS:
            yield doc.problem("claim-structure", app, f'claim "{claim_id}" needs exactly one known #kind-… in @ana')
        if len(topics) != 1 or topics[0][1:] not in categories:
            yield doc.problem("claim-structure", app, f'claim "{claim_id}" needs exactly one declared #topic-… in @ana')
        if app.find("tei:note[@type='question']", NS) is None:
            yield doc.problem("claim-structure", app, f'claim "{claim_id}" has no note type="question"')
        ed = app.find("tei:note[@type='editorial']", NS)
        if ed is None or not ed.get("resp") or not ed.get("cert"):
            yield doc.problem("claim-structure", ed if ed is not None else app,
                              f'claim "{claim_id}" needs a note type="editorial" with @resp and @cert')
        for rdg in app.iterfind("tei:rdgGrp/tei:rdg", NS):
            grp = rdg.getparent().get("type")
            if len(rdg.findall("tei:num[@subtype='normalised']", NS)) > 1:
                yield doc.problem("claim-structure", rdg, f'a reading of "{claim_id}" has more than one normalised num')
            if rdg.find("tei:num[@subtype='normalised']", NS) is None and rdg.find("tei:note[@type='gist']", NS) is None:
                yield doc.problem("claim-structure", rdg, f'a reading of "{claim_id}" has neither a normalised num nor a gist')
            if grp == "sources" and (not rdg.get("wit") or rdg.find("tei:quote", NS) is None):
                yield doc.problem("claim-structure", rdg, f'a source reading of "{claim_id}" needs @wit and a quote')
            if grp == "scholarship":
                ptr = rdg.find("tei:bibl/tei:ptr", NS)
                if not rdg.get("source") or ptr is None or ptr.get("target") != rdg.get("source"):
                    yield doc.problem("claim-structure", rdg, f'a scholarly reading of "{claim_id}" needs @source '
                                      "and bibl/ptr with the same target")


@rule("claim-reading-unlinked", severity=WARNING,
      hint='point the reading at its span: corresp="sources/{siglum}.xml#{id}" (ENCODING.md §9)')
def check_unlinked(doc: Document, coll: Collection) -> Iterator[Problem]:
    """A source reading points to the span it quotes."""
    if not _claims_doc(doc):
        return
    for claim_id, app in _apps(doc):
        for rdg in _source_rdgs(app):
            if not (rdg.get("corresp") or "").split():
                yield doc.problem("claim-reading-unlinked", rdg,
                                  f'a reading of "{claim_id}" ({rdg.get("wit")}) points to no span')


@rule("claim-reading-target", hint='point into the witness\'s own file, at a span that carries ana="claim:…" '
      "naming this claim")
def check_reading_targets(doc: Document, coll: Collection) -> Iterator[Problem]:
    """A source reading's spans are in its witness's file and point back to its claim."""
    if not _claims_doc(doc):
        return
    witness_files = _witness_files(doc)
    for claim_id, app in _apps(doc):
        for rdg in _source_rdgs(app):
            wit = (rdg.get("wit") or "").lstrip("#")
            for token in (rdg.get("corresp") or "").split():
                target_doc, span = _target(doc, coll, token)
                if span is None:
                    continue  # reported by pointer-unresolved
                if wit in witness_files and target_doc is not None and target_doc.path != witness_files[wit]:
                    yield doc.problem("claim-reading-target", rdg,
                                      f'"{token}" is not in the file of witness #{wit}')
                if claim_id not in ana_claims(span):
                    yield doc.problem("claim-reading-target", rdg,
                                      f'"{token}" has no ana="claim:{claim_id}" pointing back to the claim')


@rule("claim-value-mismatch", hint="make the normalised num agree with the num it points to, or mark the reading "
      'type="derived" and say in a note how the figure was computed')
def check_values(doc: Document, coll: Collection) -> Iterator[Problem]:
    """A source reading's normalised figure is stated by the span it points to."""
    if not _claims_doc(doc):
        return
    for claim_id, app in _apps(doc):
        for rdg in _source_rdgs(app):
            tokens = (rdg.get("corresp") or "").split()
            stated = figure_numbers(rdg)
            if rdg.get("type") == "derived" or not tokens or not stated:
                continue
            spans = [s for s in (_target(doc, coll, t)[1] for t in tokens) if s is not None]
            if not spans:
                continue
            missing = unmatched_numbers(stated, spans)
            if missing:
                shown = ", ".join(f"{m:g}" for m in missing)
                yield doc.problem("claim-value-mismatch", rdg,
                                  f'a reading of "{claim_id}" states {shown}, which no num in its span(s) states')


@rule("claim-quote-mismatch", hint="quote the source's words exactly, and point at the span that holds them")
def check_quotes(doc: Document, coll: Collection) -> Iterator[Problem]:
    """A source reading's quote and the words of its span(s) coincide."""
    if not _claims_doc(doc):
        return
    for claim_id, app in _apps(doc):
        for rdg in _source_rdgs(app):
            quote = rdg.find("tei:quote", NS)
            tokens = (rdg.get("corresp") or "").split()
            if quote is None or not tokens:
                continue
            spans = [s for s in (_target(doc, coll, t)[1] for t in tokens) if s is not None]
            if spans and not quote_matches("".join(quote.itertext()), spans):
                yield doc.problem("claim-quote-mismatch", rdg,
                                  f'the quote of a reading of "{claim_id}" is not the text of {" ".join(tokens)}')


@rule("claim-citation", hint="add the work to tei/bibliography.xml as biblStruct xml:id=\"bib-…\", or fix the id")
def check_citations(doc: Document, coll: Collection) -> Iterator[Problem]:
    """Every work a scholarly reading cites is an entry of the bibliography."""
    if not _claims_doc(doc):
        return
    for claim_id, app in _apps(doc):
        for rdg in app.iterfind("tei:rdgGrp[@type='scholarship']/tei:rdg", NS):
            tokens = (rdg.get("source") or "").split() + [
                p.get("target", "") for p in rdg.iterfind("tei:bibl/tei:ptr", NS)]
            for token in tokens:
                target_doc, entry = _target(doc, coll, token)
                if entry is None or entry.tag != _t("biblStruct") or target_doc is None \
                        or target_doc.kind != "bibliography":
                    yield doc.problem("claim-citation", rdg,
                                      f'a reading of "{claim_id}" cites "{token}", which is no entry of the bibliography')


# ---------------------------------------------------------------- rules on the bibliography and the sources

@rule("bib-uncited", hint="cite the work from a claim reading (source=\"bib:…\"), or remove the entry")
def check_uncited(doc: Document, coll: Collection) -> Iterator[Problem]:
    """Every bibliography entry is cited somewhere in the collection."""
    if doc.kind != "bibliography":
        return
    cited = _bib_citations(coll)
    for entry in doc.iter_tei("biblStruct"):
        ident = entry.get(XML_ID)
        if ident and ident not in cited:
            yield doc.problem("bib-uncited", entry, f'bibliography entry "{ident}" is cited nowhere')


@rule("claim-span-orphan", hint="add a source reading to the claim with corresp pointing at this span, "
      "or remove the claim from @ana")
def check_orphan_spans(doc: Document, coll: Collection) -> Iterator[Problem]:
    """Every span that names a claim is pointed to by a source reading of that claim."""
    if doc.kind != "source":
        return
    links = _backlinks(coll).get(doc.path, {})
    for el in doc.root.xpath("descendant-or-self::*[@ana]"):  # in document order, as root.iter()
        named = ana_claims(el)
        if not named:
            continue
        ident = el.get(XML_ID)
        pointed = links.get(ident, ()) if ident else ()
        for claim_id in sorted(named.difference(pointed)):
            where = f'"{ident}"' if ident else f"<{etree.QName(el).localname}> without xml:id"
            yield doc.problem("claim-span-orphan", el,
                              f'{where} names claim "{claim_id}", but no reading of that claim points to it')



# ---------------------------------------------------------------- verdicts

VERDICT_TAXONOMY = "claim-verdicts"


def reading_verdicts(rdg: etree._Element) -> list[str]:
    """The verdict ids (without #) a reading's @ana names."""
    return [tok[1:] for tok in (rdg.get("ana") or "").split() if tok.startswith("#verdict-")]


@rule("claim-verdict", hint='give every source reading exactly one ana="#verdict-…" of the register\'s '
      'taxonomy xml:id="claim-verdicts" (ENCODING.md §9), and @cert for the editors\' confidence in it')
def check_verdict(doc: Document, coll: Collection) -> Iterator[Problem]:
    """Every source reading says, once, how it stands against the scholarship."""
    if not _claims_doc(doc):
        return
    declared = {c.get(XML_ID) for t in doc.iter_tei("taxonomy") if t.get(XML_ID) == VERDICT_TAXONOMY
                for c in t.iter(_t("category")) if c.get(XML_ID)}
    for claim_id, app in _apps(doc):
        for rdg in _source_rdgs(app):
            found = reading_verdicts(rdg)
            who = rdg.get("wit") or "?"
            if not found:
                yield doc.problem("claim-verdict", rdg, f'a reading of "{claim_id}" ({who}) has no verdict')
            elif len(found) > 1:
                yield doc.problem("claim-verdict", rdg, f'a reading of "{claim_id}" ({who}) has '
                                  f'{len(found)} verdicts ({", ".join(found)})')
            elif found[0] not in declared:
                yield doc.problem("claim-verdict", rdg, f'a reading of "{claim_id}" ({who}) names the verdict '
                                  f'"{found[0]}", not a category of the {VERDICT_TAXONOMY} taxonomy')

__all__ = ["VERDICT_TAXONOMY", "SpanFacts", "span_facts", "ana_claims", "reading_verdicts", "figure_numbers", "quote_matches", "span_numbers", "unmatched_numbers"]
