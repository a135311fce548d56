"""Exports of the claims register for analysis: claims.csv and claims.json, one row per reading.

The rows are generated from tei/claims.xml (never kept by hand). `rows` is the pure core; `export`
writes the two files and returns where they went. Columns, in order, are `COLUMNS`; an absent value
is an empty cell in the CSV and `null` in the JSON. A context reading (a figure given only as context,
ENCODING.md §9) keeps its number in `context_value` and leaves the value columns empty, so that no
analysis of the export takes it for an answer; `measure` and the period say what each figure counts.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from .claims import Claim, Reading, Register, read_register
from .edition import EditionError, edition_file, load_edition
from .project import PATHS

REGISTER = PATHS.tei / "claims.xml"
DEFAULT_OUT = PATHS.root / "build" / "exports"

# name -> what the column holds (also the documentation of the export format)
COLUMNS: dict[str, str] = {
    "claim": "the claim's id in tei/claims.xml, without 'claim-'",
    "question": "the question the claim answers",
    "kind": "quantity | date | cause | attribution | characterisation",
    "topic": "the claim's topic (the claim-topics taxonomy, without 'topic-')",
    "reading_type": "source (a source's statement) or scholarship (a scholarly position)",
    "role": "answer (the reading answers the question) or context (its figure is context only, never an answer)",
    "witness": "the source's siglum (source readings)",
    "source": "the source's short title, as the edition names it everywhere (tei/edition.xml; source readings)",
    "quote": "the source's words (source readings)",
    "gist": "the position in one sentence",
    "measure": "what the figure counts: the claim-measures category (unit and population), without 'measure-'",
    "counts": "the measure in words: the thing counted, its unit and its population (the category's catDesc)",
    "value_type": "count | percent | fraction (of the normalised figure)",
    "value": "the normalised figure",
    "at_least": "the lower bound of the normalised figure",
    "at_most": "the upper bound of the normalised figure",
    "base": "the population a percentage is of",
    "year": "the first year of the period the figure is for",
    "period_from": "the start of the period the figure is for (ISO date or year)",
    "period_to": "the end of the period the figure is for (the same as period_from for a single date)",
    "context_value": "the number of a context reading (its value, or at least–at most)",
    "derived": "true if the figure is the editors' computation from the source's or work's figures, not stated by it",
    "citation": "the bibliography id of the cited work, without 'bib-' (scholarly readings)",
    "cited_range": "the pages cited",
    "pinpoint": "verified | unverified: whether the pages the scholarly reading rests on were checked (ENCODING.md §9)",
    "pinpoint_note": "where the cited pages were verified, or the note that they are not yet verified",
    "pointer": "the tagged span(s) in the source, relative to tei/claims.xml",
    "cert": "the editors' certainty about the reading (high | medium | low), if stated; on a source reading, their confidence in its verdict",
    "verdict": "a source reading: how it stands against the scholarship, in the editors' judgement (contradicted | qualified | disputed | consistent | uncheckable; ENCODING.md §9)",
    "claim_cert": "the editors' confidence in the claim's editorial judgement",
}


class ExportError(Exception):
    """The exports cannot be written (the output directory cannot be created or written)."""


@dataclass(frozen=True)
class ExportResult:
    csv_path: Path
    json_path: Path
    rows: int
    claims: int


def _number(n: float | None) -> int | float | None:
    if n is None:
        return None
    return int(n) if float(n).is_integer() else n


def _context_value(reading: Reading) -> str | None:
    fig = reading.context_figure
    if fig is None:
        return None
    if fig.value is not None:
        return f"{_number(fig.value)}"
    return "–".join(f"{_number(n)}" for n in (fig.at_least, fig.at_most) if n is not None) or None


def row(claim: Claim, reading: Reading, measures: dict[str, str] | None = None,
        titles: dict[str, str] | None = None) -> dict[str, object]:
    """One reading as a flat record with the keys of COLUMNS (`measures`: the register's measure
    descriptions, for the `counts` column; `titles`: siglum -> short title, for `source`)."""
    fig = reading.figure
    period = reading.period or (None, None)
    return {
        "claim": claim.id,
        "question": claim.question,
        "kind": claim.kind,
        "topic": claim.topic,
        "reading_type": reading.kind,
        "role": reading.role,
        "witness": reading.witness,
        "source": (titles or {}).get(reading.witness) if reading.witness else None,
        "quote": reading.quote,
        "gist": reading.gist,
        "measure": reading.measure,
        "counts": (measures or {}).get(reading.measure) if reading.measure else None,
        "value_type": fig.type if fig else None,
        "value": _number(fig.value) if fig else None,
        "at_least": _number(fig.at_least) if fig else None,
        "at_most": _number(fig.at_most) if fig else None,
        "base": _number(reading.base),
        "year": reading.year,
        "period_from": period[0],
        "period_to": period[1],
        "context_value": _context_value(reading),
        "derived": reading.derived,
        "citation": reading.work,
        "cited_range": reading.cited_range,
        "pinpoint": reading.pinpoint,
        "pinpoint_note": reading.pinpoint_note,
        "pointer": " ".join(reading.pointers) or None,
        "cert": reading.cert,
        "verdict": reading.verdict,
        "claim_cert": claim.editorial_cert,
    }


def rows(register: Register, titles: dict[str, str] | None = None) -> list[dict[str, object]]:
    """Every reading of every claim, in register order."""
    return [row(c, r, register.measures, titles) for c in register.claims for r in c.readings]


def source_titles(tei_dir: Path) -> dict[str, str]:
    """siglum -> the source's short title from the edition description beside the register
    (none when the collection has no description)."""
    if not edition_file(tei_dir).is_file():
        return {}
    try:
        return {s.siglum: s.title for s in load_edition(tei_dir).sources}
    except EditionError:
        return {}


def to_csv(records: list[dict[str, object]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    for rec in records:
        writer.writerow({k: ("true" if v is True else "false" if v is False else "" if v is None else v)
                         for k, v in rec.items()})
    return buf.getvalue()


def to_json(records: list[dict[str, object]]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def export(register_path: Path, out_dir: Path, register: Register | None = None) -> ExportResult:
    """Write claims.csv and claims.json for the register at `register_path` into `out_dir`
    (`register`: the same register already parsed, as the build has it, so it is not read again).

    Raises RegisterError if the register cannot be read, ExportError if the files cannot be written.
    """
    register = register or read_register(register_path)
    records = rows(register, source_titles(register_path.parent))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        csv_path = out_dir / "claims.csv"
        json_path = out_dir / "claims.json"
        csv_path.write_text(to_csv(records), encoding="utf-8")
        json_path.write_text(to_json(records), encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"{out_dir}: cannot write the exports ({exc})") from exc
    return ExportResult(csv_path, json_path, len(records), len(register.claims))
