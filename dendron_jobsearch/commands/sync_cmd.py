"""`dendron-jobsearch sync [--dry-run] [--json]`: write progress back, once."""

from __future__ import annotations

import click

from .. import sync
from .common import json_option, load, load_settings, report, today


@click.command("sync")
@click.option("--dry-run", is_flag=True, help="Show a unified diff of what would be written.")
@json_option
@click.pass_context
def command(ctx: click.Context, dry_run: bool, as_json: bool) -> None:
    """Update stage statuses, progress lines, the plan's stage list and the dashboard."""
    ws = load(ctx)
    result = sync(ws, load_settings(ws), dry_run=dry_run, today=today())
    report(result, as_json, dry_run=dry_run, nothing="everything is up to date")
