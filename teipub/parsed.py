"""What the build keeps of each collection file while it is parsed, so that no later stage parses
the collection again.

The validator (or, in a build without validation, the collect loop of teipub.build) parses every
file once and hands each tree to `Parsed.add`, beside the catalogue's collector. Kept here:

* every file's root, serialised (`text`): the downloads' teiCorpus and the record index's TEI
  format are made from it;
* every file's record facts (`facts`: identifier, datestamp, sets, title), for the record index
  (teipub.record_index);
* the trees of the small shared files (`roots`: indexes, claims register, bibliography, edition
  description; never a source, which the validator releases after its checks): the index rows and
  the claims exports read them.

A file missing here (a stage run on its own) is parsed by the stage as before.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .xmlinput import file_role


@dataclass(frozen=True)
class Facts:
    """A file's record facts (teipub.record_index.facts_of)."""

    local_id: str
    datestamp: str | None
    sets: tuple[str, ...]
    title: str


@dataclass
class Parsed:
    """The kept serialisations, record facts and shared trees, by path relative to `tei`."""

    tei: Path
    apparatus: Mapping[str, str] = field(default_factory=dict)  # file -> OAI set (edition description)
    text: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)  # the root's tag ({namespace}name)
    facts: dict[str, Facts] = field(default_factory=dict)
    roots: dict[str, etree._Element] = field(default_factory=dict)

    def add(self, path: Path, root: etree._Element, data: bytes | None = None) -> None:
        """Keep what the later stages need of one parsed file (`path` inside `tei`)."""
        from .record_index import facts_of

        rel = path.resolve().relative_to(self.tei.resolve()).as_posix()
        self.text[rel] = etree.tostring(root, encoding="unicode")
        self.tags[rel] = root.tag
        self.facts[rel] = facts_of(root.getroottree(), rel, path.stem, self.apparatus)
        if file_role(root) != "source":
            self.roots[rel] = root

    def rel(self, path: Path) -> str:
        return path.resolve().relative_to(self.tei.resolve()).as_posix()
