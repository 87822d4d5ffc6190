"""`dendron-jobsearch scaffold [PATH]`: the plan becomes a workspace (creates, never rewrites)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from .. import PlanError, TemplateError, WorkspaceError, scaffold
from .common import fail, print_json


@click.command("scaffold")
@click.argument("path", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--plan", "plan", metavar="FNAME", help="The plan note (kept in dendron-jobsearch.yml)."
)
@click.option(
    "--start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="First day of the search (default: today; kept in dendron-jobsearch.yml).",
)
@click.option("--dry-run", is_flag=True, help="List what would be created; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output on stdout.")
@click.pass_context
def command(
    ctx: click.Context,
    path: Path | None,
    plan: str | None,
    start: object,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Create the workspace (in an empty folder), stage notes, linked notes and dashboard."""
    start_date: date | None = start.date() if start is not None else None  # type: ignore[attr-defined]
    target = path or ctx.find_root().obj
    try:
        result = scaffold(target, plan=plan, start=start_date, dry_run=dry_run)
    except (WorkspaceError, PlanError, TemplateError) as err:
        fail(err)
    if as_json:
        print_json(result.to_json())
        return
    verb = "would create" if dry_run else "created"
    for rel in result.created:
        click.echo(f"{verb} {rel}")
    for rel in result.changed:
        click.echo(f"{'would change' if dry_run else 'changed'} {rel}")
    for skip in result.skipped:
        if skip["reason"] != "exists":
            click.echo(f"skipped {skip['path']}: {skip['reason']}", err=True)
    if not result.created and not result.changed:
        click.echo(f"nothing to do: {result.root} is complete")
