"""The collection as files: which TEI files it holds, its sources in reading order (from the
edition description), and the facts every page prints (build date, version).

Everything here is deterministic: inputs are read in sorted order and nothing depends on the
clock.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from lxml import etree

from teipub.edition import EditionError, load_edition
from teipub.project import NS, Paths


class CollectionError(Exception):
    """A collection file could not be read; the message names it."""


@dataclass(frozen=True)
class CollectionMetadata:
    build_date: str
    version: str


def _parse(path: Path) -> etree._ElementTree:
    try:
        return etree.parse(str(path))
    except (OSError, etree.XMLSyntaxError) as exc:
        raise CollectionError(f"{path}: {exc}") from None


def collection_files(paths: Paths) -> list[Path]:
    """Every TEI file of the collection (sources, indexes, claims, bibliography), sorted."""
    found = [p for p in paths.tei.rglob("*.xml") if paths.raw not in p.parents]
    return sorted(found)


def edition(paths: Paths):
    """The collection's edition description (tei/edition.xml, teipub.edition)."""
    try:
        return load_edition(paths.tei)
    except EditionError as exc:
        raise CollectionError(str(exc)) from None


def sigla(paths: Paths) -> list[str]:
    """The sigla of the edition description in reading order, then any other source file's stem (sorted)."""
    listed = list(edition(paths).sigla)
    extra = sorted(p.stem for p in paths.sources.glob("*.xml") if p.stem not in listed)
    return [*listed, *extra]


def source_files(paths: Paths) -> list[Path]:
    """The source files that exist, in the edition's reading order."""
    return [f for s in sigla(paths) if (f := paths.sources / f"{s}.xml").is_file()]


def collection_metadata(paths: Paths, catalogue=None) -> CollectionMetadata:
    """Build date = the latest revisionDesc/change/@when anywhere in the collection (the
    catalogue's, teipub.catalogue, when given: the collection is not parsed again); the version
    is the edition description's."""
    dates: list[str] = [catalogue.build_date] if catalogue is not None else []
    for path in collection_files(paths) if catalogue is None else ():
        tree = _parse(path)
        dates += tree.xpath("//tei:revisionDesc//tei:change/@when", namespaces=NS)
    version = edition(paths).version or metadata.version("purges-edition")
    return CollectionMetadata(max(dates, default=""), version)
