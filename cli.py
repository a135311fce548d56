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


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown",
              help="A Markdown table (as in the README) or JSON.")
def stats(fmt: str) -> None:
    """Count the tagged entities, dates, numbers, corrections and artefacts in each source."""
    import json

    from teipub.stats import collect, markdown_table

    from lxml import etree

    try:
        result = collect()
    except (OSError, etree.XMLSyntaxError) as exc:
        click.echo(f"error: cannot read the collection: {exc}", err=True)
        raise SystemExit(2) from exc
    click.echo(json.dumps(result.as_dict(), indent=2) if fmt == "json" else markdown_table(result))


if __name__ == "__main__":
    cli()
