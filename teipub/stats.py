"""Counts of what each source's encoding holds: the edition's measure of its own tagging."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from lxml import etree

from .edition import load_edition
from .project import NS, PATHS

# column -> XPath counted inside <text> (never the header)
SOURCE_COUNTS: dict[str, str] = {
    "persons": ".//tei:persName",
    "places": ".//tei:placeName",
    "orgs": ".//tei:orgName",
    "dates": ".//tei:date",
    "numbers": ".//tei:num | .//tei:measure",
    "corrections": ".//tei:choice[tei:corr]",
    "artefacts": ".//tei:seg[@type='artefact'] | .//tei:supplied | .//tei:choice[tei:reg] | .//tei:pc[@force='weak']",
    "claim_spans": ".//*[starts-with(normalize-space(@ana), 'claim:') or contains(@ana, ' claim:')]",
}



def index_entries(tei_dir: Path) -> dict[str, tuple[Path, str]]:
    """The indexes of the edition description: name -> (file, XPath of its entries). An entry is
    an element of the index's kind whose id has the index's prefix (per-…; not the editors, ed-…)."""
    return {k.name: (tei_dir / k.file, f"//tei:{k.entry}[starts-with(@xml:id, '{k.prefix}-')]")
            for k in load_edition(tei_dir).indexes}


@dataclass(frozen=True)
class SourceStats:
    siglum: str
    counts: dict[str, int]


@dataclass(frozen=True)
class CollectionStats:
    sources: list[SourceStats]
    index_entries: dict[str, int]

    def as_dict(self) -> dict:
        return asdict(self)


def count_source(tree: etree._ElementTree) -> dict[str, int]:
    text = tree.find("tei:text", NS)
    if text is None:
        return {name: 0 for name in SOURCE_COUNTS}
    return {name: len(text.xpath(xp, namespaces=NS)) for name, xp in SOURCE_COUNTS.items()}


def _parse(path: Path) -> etree._ElementTree:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.parse(str(path), parser)


def collect(tei_dir: Path = PATHS.tei) -> CollectionStats:
    sources = [
        SourceStats(path.stem, count_source(_parse(path)))
        for path in sorted((tei_dir / "sources").glob("*.xml"))
    ]
    entries: dict[str, int] = {}
    for name, (path, xp) in index_entries(tei_dir).items():
        entries[name] = len(_parse(path).xpath(xp, namespaces=NS)) if path.exists() else 0
    return CollectionStats(sources, entries)


def markdown_table(stats: CollectionStats) -> str:
    cols = list(SOURCE_COUNTS)
    lines = ["| source | " + " | ".join(cols) + " |", "|---|" + "---:|" * len(cols)]
    totals = dict.fromkeys(cols, 0)
    for s in stats.sources:
        lines.append(f"| {s.siglum} | " + " | ".join(str(s.counts[c]) for c in cols) + " |")
        for c in cols:
            totals[c] += s.counts[c]
    lines.append("| **all** | " + " | ".join(f"**{totals[c]}**" for c in cols) + " |")
    entries = ", ".join(f"{n} {k}" for k, n in stats.index_entries.items())
    return "\n".join(lines) + f"\n\nIndex entries: {entries}."
