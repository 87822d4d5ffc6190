"""The command line: parse options, call the library, print. One module per command in
`commands/`; nothing here knows Dendron's rules."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .commands import check_cmd, graph_cmd, scaffold_cmd, status_cmd, sync_cmd, watch_cmd


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-w",
    "--workspace",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Workspace folder (default: the nearest folder with dendron.yml, walking up).",
)
@click.version_option(__version__, prog_name="dendron-jobsearch")
@click.pass_context
def main(ctx: click.Context, workspace: Path | None) -> None:
    """Run a structured job search inside a Dendron workspace."""
    ctx.obj = workspace


main.add_command(check_cmd.command)
main.add_command(graph_cmd.command)
main.add_command(scaffold_cmd.command)
main.add_command(status_cmd.command)
main.add_command(sync_cmd.command)
main.add_command(watch_cmd.command)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
