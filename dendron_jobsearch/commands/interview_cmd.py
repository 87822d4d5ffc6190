"""`dendron-jobsearch interview add COMPANY --date D --kind K`: an interview note."""

from __future__ import annotations

import click

from .. import TemplateError
from .common import fail, load, load_settings_or_fail, report


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
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output on stdout.")
@click.pass_context
def add(ctx: click.Context, company: str, day: object, kind: str, as_json: bool) -> None:
    """Create the interview's note under COMPANY (its name, slug or fname)."""
    from .. import AddError, add_interview

    ws = load(ctx)
    when = day.date()  # type: ignore[attr-defined]
    try:
        result = add_interview(ws, load_settings_or_fail(ws), company, when, kind)
    except (AddError, TemplateError) as err:
        fail(err)
    report(result, as_json)
