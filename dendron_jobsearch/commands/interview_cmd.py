"""`dendron-jobsearch interview add COMPANY --date D --kind K`: an interview note."""

from __future__ import annotations

import click

from .common import json_option, load, load_settings, report


@click.group("interview")
def command() -> None:
    """Interviews, as notes under their company (<company>.interview.<date>-<kind>)."""


@command.command("add")
@click.argument("company")
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    required=True,
    help="The interview's day (YYYY-MM-DD).",
)
@click.option("--kind", required=True, help="e.g. 'recruiter screen', 'system design', 'onsite'.")
@json_option
@click.pass_context
def add(ctx: click.Context, company: str, day: object, kind: str, as_json: bool) -> None:
    """Create the interview's note under COMPANY (its name, slug or fname)."""
    from .. import add_interview

    ws = load(ctx)
    when = day.date()  # type: ignore[attr-defined]
    report(add_interview(ws, load_settings(ws), company, when, kind), as_json)
