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


def test_the_options_the_command_table_names_exist() -> None:
    """A row may show a command's usage (`new-source RAW --siglum S …`): every option it names is the
    command's, as `--help` lists it."""
    readme = (PATHS.root / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Commands", 1)[1].split("\n## ", 1)[0]
    for name, usage in re.findall(r"^\| `([\w-]+)([^`]*)`", section, re.M):
        options = {opt for param in cli.cli.commands[name].params for opt in param.opts}
        named = set(re.findall(r"--[\w-]+", usage))
        assert named <= options, f"{name}: {sorted(named - options)} not in its --help"
