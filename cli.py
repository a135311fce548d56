"""Purges in Dispute: the edition's command line.

Each command parses its options, makes one call into the `teipub` package, renders the result
and sets the exit code (0 success, 1 the input is invalid or the job failed, 2 usage or I/O error).
"""
from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="purges-edition")
def cli() -> None:
    """Validate, build, serve and export the Purges in Dispute edition."""


if __name__ == "__main__":
    cli()
