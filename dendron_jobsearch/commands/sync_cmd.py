"""`dendron-jobsearch sync [--dry-run] [--json]`: write progress back, once."""

from __future__ import annotations

import click

from .. import PlanError, sync
from .common import fail, load, load_settings_or_fail, print_json


@click.command("sync")
@click.option("--dry-run", is_flag=True, help="Show a unified diff of what would be written.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output on stdout.")
@click.pass_context
def command(ctx: click.Context, dry_run: bool, as_json: bool) -> None:
    """Update stage statuses, progress lines, the plan's stage list and the dashboard."""
    ws = load(ctx)
    try:
        result = sync(ws, load_settings_or_fail(ws), dry_run=dry_run)
    except PlanError as err:
        fail(err)
    if as_json:
        print_json(result.to_json())
        return
    for rel in result.changed:
        if dry_run:
            click.echo(result.diffs[rel], nl=False)
        else:
            click.echo(f"updated {rel}")
    for skip in result.skipped:
        click.echo(f"skipped {skip['path']}: {skip['reason']}", err=True)
    if not result.changed:
        click.echo("everything is up to date")
