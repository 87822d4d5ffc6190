"""`dendron-jobsearch interview add COMPANY --date D --kind K`: an interview note."""

from __future__ import annotations

import click

from .common import Day, json_option, load, load_settings, report, today


@click.group("interview")
def command() -> None:
    """Interviews, as notes under their company (<company>.interview.<date>-<kind>)."""


@command.command("add")
@click.argument("company")
@click.option(
    "--date",
    "day",
    type=Day(),
    required=True,
    help="The interview's day (YYYY-MM-DD).",
)
@click.option("--kind", required=True, help="e.g. 'recruiter screen', 'system design', 'onsite'.")
@click.option(
    "--time",
    "at",
    type=click.DateTime(formats=["%H:%M"]),
    default=None,
    help="Its time of day (HH:MM, local): the calendar feed shows it at that time.",
)
@click.option(
    "--final",
    is_flag=True,
    help="The company's last round: once it is held, the company owes an offer.",
)
@json_option
@click.pass_context
def add(
    ctx: click.Context,
    company: str,
    day: object,
    kind: str,
    at: object,
    final: bool,
    as_json: bool,
) -> None:
    """Create the interview's note under COMPANY (its name, slug or fname)."""
    from .. import add_interview

    ws = load(ctx)
    when = day.date()  # type: ignore[attr-defined]
    clock = at.time() if at is not None else None  # type: ignore[attr-defined]
    result = add_interview(
        ws, load_settings(ws), company, when, kind, at=clock, final=final, today=today()
    )
    report(result, as_json)
