"""`dendron-jobsearch company add NAME`: a company note from the company template."""

from __future__ import annotations

import click

from .. import TemplateError
from .common import fail, load, load_settings_or_fail, report


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
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The day you applied: the company starts at `pipeline: applied`.",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output on stdout.")
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
    from .. import AddError, add_company

    ws = load(ctx)
    day = applied.date() if applied is not None else None  # type: ignore[attr-defined]
    try:
        result = add_company(
            ws,
            load_settings_or_fail(ws),
            name,
            role=role,
            source=source,
            referrer=referrer,
            applied=day,
        )
    except (AddError, TemplateError) as err:
        fail(err)
    report(result, as_json)
