"""`dendron-jobsearch scaffold [PATH]`: the plan becomes a workspace (creates, never rewrites)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from .. import scaffold
from .common import Day, dialect_of, json_option, report, today


@click.command("scaffold")
@click.argument("path", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--plan", "plan", metavar="FNAME", help="The plan note (kept in dendron-jobsearch.yml)."
)
@click.option(
    "--start",
    type=Day(),
    help="First day of the search (default: today; kept in dendron-jobsearch.yml).",
)
@click.option(
    "--dialect",
    type=click.Choice(["dendron", "obsidian", "foam"]),
    help="The app whose vault to make or fill (default: the one the folder is; Dendron in "
    "an empty folder). The same as the global --dialect.",
)
@click.option("--dry-run", is_flag=True, help="List what would be created; write nothing.")
@json_option
@click.pass_context
def command(
    ctx: click.Context,
    path: Path | None,
    plan: str | None,
    start: object,
    dialect: str | None,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Create the workspace (in an empty folder), stage notes, linked notes and dashboard."""
    start_date: date | None = start.date() if start is not None else None  # type: ignore[attr-defined]
    target = path or ctx.find_root().obj
    result = scaffold(
        target,
        plan=plan,
        start=start_date,
        dry_run=dry_run,
        today=today(),
        dialect=dialect or dialect_of(ctx),
    )
    if not as_json:
        for line in result.info:
            click.echo(line)
    report(result, as_json, dry_run=dry_run, nothing=f"nothing to do: {result.subject} is complete")
