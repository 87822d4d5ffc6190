"""`dendron-jobsearch cache path|clear [--all]`: where the read cache of the workspace is
kept (in the user's cache folder, never in the workspace), and deleting it."""

from __future__ import annotations

import click

from .. import cache_path, clear_cache
from .common import dialect_of, workspace_errors


@click.group("cache")
def command() -> None:
    """The read cache (parsed notes kept between runs, outside the workspace)."""


@command.command("path")
@click.pass_context
def path(ctx: click.Context) -> None:
    """Print where the read cache of this workspace is kept (it may not exist yet)."""
    with workspace_errors():
        click.echo(cache_path(ctx.find_root().obj, dialect_of(ctx)))


@command.command("clear")
@click.option("--all", "every", is_flag=True, help="Every workspace's read cache, not this one's.")
@click.pass_context
def clear(ctx: click.Context, every: bool) -> None:
    """Delete the read cache of this workspace (or, with --all, of every workspace): the
    next command reads every note again. Your notes are not touched."""
    with workspace_errors():
        removed = clear_cache(ctx.find_root().obj, every_workspace=every, dialect=dialect_of(ctx))
    for file in removed:
        click.echo(f"deleted {file}")
    if not removed:
        click.echo("no read cache to delete")
