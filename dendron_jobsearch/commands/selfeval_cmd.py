"""`dendron-jobsearch self-eval [--json]`: generate or refresh the cycle's self-evaluation."""

from __future__ import annotations

import click

from .. import PlanError, TemplateError, WorkspaceError
from .common import fail, load, load_search, print_json


@click.command("self-eval")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output on stdout.")
@click.pass_context
def command(ctx: click.Context, as_json: bool) -> None:
    """Time per stage, funnel, offers, interviews by company and items never done, in a note
    linked from the plan's self-evaluation note; your reflection sections are kept."""
    from ..jobsearch.companies import AddError
    from ..jobsearch.selfeval import self_evaluate

    try:
        result = self_evaluate(load_search(load(ctx)))
    except (PlanError, TemplateError, WorkspaceError, AddError) as err:
        fail(err)
    if as_json:
        print_json(result.to_json())
        return
    for rel in result.created:
        click.echo(f"created {rel}")
    for rel in result.changed:
        click.echo(f"updated {rel}")
    for skip in result.skipped:
        if skip["reason"] != "exists":
            click.echo(f"skipped {skip['path']}: {skip['reason']}", err=True)
    if not result.created and not result.changed:
        click.echo(f"{result.note} is up to date")
