"""`dendron-jobsearch export jira|ics|applications`: the plan for Jira, the search as a
calendar feed, the applications record — on stdout, or written to `--output`."""

from __future__ import annotations

from pathlib import Path

import click

from .. import APPLICATION_FORMATS, export_applications, export_ics, export_jira, write_file
from .common import load, load_search, load_settings, today

OUTPUT = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file instead of stdout.",
)


def emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
    else:
        write_file(output, text)


@click.group("export")
def command() -> None:
    """Export the plan (Jira), the calendar (iCalendar) or the applications record."""


@command.command("jira")
@OUTPUT
@click.pass_context
def jira(ctx: click.Context, output: Path | None) -> None:
    """The plan as CSV for Jira's importer: an Epic, a Task per stage (each blocking the
    next), a Sub-task per checklist item."""
    emit(export_jira(load_search(load(ctx))), output)


@command.command("ics")
@OUTPUT
@click.pass_context
def ics(ctx: click.Context, output: Path | None) -> None:
    """Stages (to-dos), interviews and offer deadlines (events) as an iCalendar feed."""
    emit(export_ics(load_search(load(ctx))), output)


@command.command("applications")
@click.option(
    "--format", "fmt", type=click.Choice(APPLICATION_FORMATS), default="csv", show_default=True
)
@OUTPUT
@click.pass_context
def applications(ctx: click.Context, fmt: str, output: Path | None) -> None:
    """Every company applied to, with the day of each stage, its outcome and offer."""
    ws = load(ctx)
    emit(export_applications(ws, load_settings(ws), fmt, today=today()), output)
