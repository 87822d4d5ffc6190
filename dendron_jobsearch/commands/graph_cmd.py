"""`dendron-jobsearch graph`: export the link graph as JSON, GraphML, DOT or Mermaid."""

from __future__ import annotations

from pathlib import Path

import click

from .. import GRAPH_FORMATS, graph_bytes, write_file
from .common import load


@click.command("graph")
@click.option(
    "--format", "fmt", type=click.Choice(GRAPH_FORMATS), default="json", show_default=True
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file instead of stdout.",
)
@click.pass_context
def command(ctx: click.Context, fmt: str, output: Path | None) -> None:
    """Export notes (stubs included) and links; unresolved links are marked."""
    data = graph_bytes(load(ctx), fmt)
    if output is None:
        click.echo(data, nl=False)
    else:
        write_file(output, data)
