"""`dendron-jobsearch offer set NAME [--base …] [--bonus …] [--equity …] [--currency …]
[--deadline …]` and `offer extend NAME --to DATE`: an offer's figures and deadline, each
change recorded with its day in the company note's offer history."""

from __future__ import annotations

import click

from .common import Day, json_option, load, load_settings, report, today


@click.group("offer")
def command() -> None:
    """Offers: figures and deadlines in the company note, with their history."""


_DATE = click.option(
    "--date",
    "day",
    type=Day(),
    default=None,
    help="The day the offer changed (YYYY-MM-DD; default: today): its history line's day.",
)
_DRY = click.option("--dry-run", is_flag=True, help="Show a unified diff of what would be written.")


@command.command("set")
@click.argument("name")
@click.option("--base", default=None, help="Base pay: 180000, 180k, £180,000, $185k/yr.")
@click.option("--bonus", default=None, help="Bonus, written as --base is.")
@click.option("--equity", default=None, help="Equity per year, written as --base is.")
@click.option("--currency", default=None, help="The offer's currency code: USD, GBP, EUR...")
@click.option("--deadline", type=Day(), default=None, help="The day the offer expires.")
@_DATE
@_DRY
@json_option
@click.pass_context
def set_(
    ctx: click.Context,
    name: str,
    base: str | None,
    bonus: str | None,
    equity: str | None,
    currency: str | None,
    deadline: object,
    day: object,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Set the offer of company NAME (its name, slug or fname); moves it to `offer`."""
    from .. import set_offer

    ws = load(ctx)
    result = set_offer(
        ws, load_settings(ws), name, base=base, bonus=bonus, equity=equity, currency=currency,
        deadline=deadline.date() if deadline is not None else None,  # type: ignore[attr-defined]
        day=day.date() if day is not None else today(),  # type: ignore[attr-defined]
        dry_run=dry_run,
    )  # fmt: skip
    report(result, as_json, dry_run=dry_run, nothing="the offer is already so")


@command.command("extend")
@click.argument("name")
@click.option("--to", "to", type=Day(), required=True, help="The new deadline (YYYY-MM-DD).")
@_DATE
@_DRY
@json_option
@click.pass_context
def extend(
    ctx: click.Context, name: str, to: object, day: object, dry_run: bool, as_json: bool
) -> None:
    """Record an extension granted: company NAME's deadline moves to --to."""
    from .. import extend_offer

    ws = load(ctx)
    result = extend_offer(
        ws, load_settings(ws), name, to.date(),  # type: ignore[attr-defined]
        day=day.date() if day is not None else today(),  # type: ignore[attr-defined]
        dry_run=dry_run,
    )  # fmt: skip
    report(result, as_json, dry_run=dry_run, nothing="the offer is already so")
