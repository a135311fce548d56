"""Helpers for the build tests: a project folder around the small reading fixture collection,
twin sources made from its `sample`, and a Saxon that records the reading pages it transforms."""
from __future__ import annotations

import shutil
from pathlib import Path

from teipub.project import ROOT, Paths
from teipub.saxon import Saxon

FIXTURES = ROOT / "tests" / "fixtures" / "reading" / "tei"


def project_copy(tmp_path: Path) -> Paths:
    """A project folder in `tmp_path`: the fixture collection, a copy of the stylesheets, the
    schema (linked) and the assets, so a build there never touches the project's own files."""
    shutil.copytree(FIXTURES, tmp_path / "tei")
    shutil.copytree(ROOT / "xslt", tmp_path / "xslt")
    (tmp_path / "schema").symlink_to(ROOT / "schema", target_is_directory=True)
    shutil.copytree(ROOT / "edition" / "assets", tmp_path / "edition" / "assets")
    return Paths(tmp_path)


def add_twin(paths: Paths, name: str, *replacements: tuple[str, str]) -> None:
    """A source `name`: the fixture's `sample` with its ids renamed, and `replacements` made."""
    text = (paths.sources / "sample.xml").read_text(encoding="utf-8")
    text = (text.replace('xml:id="sample', f'xml:id="{name}').replace("#sample-", f"#{name}-")
            .replace(">sample</idno>", f">{name}</idno>"))
    for old, new in replacements:
        text = text.replace(old, new)
    (paths.sources / f"{name}.xml").write_text(text, encoding="utf-8")


class CountingSaxon(Saxon):
    """A Saxon that records the reading pages it transforms."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: list[str] = []

    def transform(self, stylesheet, *, source=None, **kwargs):
        if stylesheet.name == "source.xsl" and source is not None:
            self.pages.append(source.stem)
        return super().transform(stylesheet, source=source, **kwargs)
