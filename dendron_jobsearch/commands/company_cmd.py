"""`dendron-jobsearch company add NAME`: a company note from the company template."""

from __future__ import annotations

import click

from .common import Day, json_option, load, load_settings, report, today


@click.group("company")
def command() -> None:
    """Companies of the job search (notes under <hierarchy>.company)."""


@command.command("add")
@click.argument("name")
@click.option("--role", default="", help="The position, e.g. 'Machine Learning Engineer'.")
@click.option("--source", default="", help="Where the opening came from (referral, LinkedIn...).")
@click.option("--referrer", default="", help="Who referred you.")
@click.option(
    "--applied",
    type=Day(),
    default=None,
    help="The day you applied: the company starts at `pipeline: applied`.",
)
@json_option
@click.pass_context
def add(
    ctx: click.Context,
    name: str,
    role: str,
    source: str,
    referrer: str,
    applied: object,
    as_json: bool,
) -> None:
    """Create the company's note (never overwrites one); its title keeps NAME as typed."""
    from .. import add_company

    ws = load(ctx)
    day = applied.date() if applied is not None else None  # type: ignore[attr-defined]
    settings = load_settings(ws)
    result = add_company(
        ws, settings, name, role=role, source=source, referrer=referrer, applied=day,
        today=today(),
    )  # fmt: skip
    report(result, as_json)
