"""Helpers for the tests of the collection rules: run some rules over a folder, and make a copy
of a valid collection with one edit (the broken copy a rule must catch)."""
from __future__ import annotations

import shutil
from pathlib import Path

from teipub.validate import validate


def run_rules(folder: Path, rules: list[str]) -> list:
    """The problems `rules` find in the collection at `folder`."""
    return validate([folder], collection=folder, rules=rules).problems


def broken_copy(valid: Path, tmp_path: Path, file: str, old: str, new: str) -> Path:
    """A copy of the collection `valid` in which `file` has its first `old` replaced by `new`."""
    folder = tmp_path / "coll"
    shutil.copytree(valid, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder
