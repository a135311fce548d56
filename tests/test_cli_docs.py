"""The README's command table names every command cli.py has, and no other."""
from __future__ import annotations

import re

import cli
from teipub.project import PATHS


def test_readme_lists_every_command() -> None:
    readme = (PATHS.root / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Commands", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `([\w-]+)", section, re.M))
    assert listed == set(cli.cli.commands)
