"""`dendron-jobsearch self-eval [--json]`: generate or refresh the cycle's self-evaluation."""

from __future__ import annotations

import click

from .. import PlanError, TemplateError, WorkspaceError
from .common import fail, load, load_search, report


@click.command("self-eval")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output on stdout.")
@click.pass_context
def command(ctx: click.Context, as_json: bool) -> None:
    """Time per stage, funnel, offers, interviews by company and items never done, in a note
    linked from the plan's self-evaluation note; your reflection sections are kept."""
    from .. import AddError, self_evaluate

    try:
        result = self_evaluate(load_search(load(ctx)))
    except (PlanError, TemplateError, WorkspaceError, AddError) as err:
        fail(err)
    report(result, as_json, nothing=f"{result.note} is up to date")
