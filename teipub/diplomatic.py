"""The diplomatic reading of a source: what the original has, before any editorial intervention.

Rules (schema/ENCODING.md §10): the text of <text>, leaving out the editors' additions
(corr, reg, supplied, editorial notes); a Markdown link gives its text then its target.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .project import TEI_NS

EDITORIAL = {f"{{{TEI_NS}}}{name}" for name in ("corr", "reg", "supplied", "expan")}
WORD = re.compile(r"[^\W_]+")
# elements that end a line or block in the source: a word never runs across them
BLOCKS = {f"{{{TEI_NS}}}{name}" for name in (
    "div", "head", "p", "ab", "item", "list", "cell", "row", "table", "note", "bibl",
    "listBibl", "quote", "lb", "front", "back", "body", "docTitle", "titlePart", "byline",
    "opener", "closer", "signed", "salute", "dateline", "trailer", "fw", "label")}


def _is_editorial(el: etree._Element) -> bool:
    if el.tag in EDITORIAL:
        return True
    return el.tag == f"{{{TEI_NS}}}note" and el.get("type") == "editorial"


def diplomatic_text(text_el: etree._Element) -> str:
    """Concatenate the source's own text under `text_el` (a TEI <text> or any descendant)."""
    out: list[str] = []

    def walk(el: etree._Element) -> None:
        if _is_editorial(el):
            return
        if isinstance(el.tag, str):
            if el.text:
                out.append(el.text)
            for child in el:
                walk(child)
                if child.tail:
                    out.append(child.tail)
            if el.tag == f"{{{TEI_NS}}}ref" and el.get("rend") == "md-link":
                out.append(" " + (el.get("target") or ""))
            if el.tag in BLOCKS:
                out.append(" ")

    walk(text_el)
    return "".join(out)


def words(text: str) -> list[str]:
    """Runs of letters and digits: what 'word for word' compares."""
    return WORD.findall(text)


@dataclass(frozen=True)
class Divergence:
    index: int            # position in the word sequence
    expected: list[str]   # raw words from there on (a few)
    found: list[str]      # diplomatic words from there on (a few)


def first_divergence(raw: list[str], dipl: list[str], context: int = 8) -> Divergence | None:
    for i, (a, b) in enumerate(zip(raw, dipl)):
        if a != b:
            return Divergence(i, raw[i:i + context], dipl[i:i + context])
    if len(raw) != len(dipl):
        i = min(len(raw), len(dipl))
        return Divergence(i, raw[i:i + context], dipl[i:i + context])
    return None
