"""`dendron-jobsearch self-eval [--json]`: generate or refresh the cycle's self-evaluation."""

from __future__ import annotations

import click

from .common import json_option, load, load_search, report


@click.command("self-eval")
@json_option
@click.pass_context
def command(ctx: click.Context, as_json: bool) -> None:
    """Time per stage, funnel, offers, interviews by company and items never done, in a note
    linked from the plan's self-evaluation note; your reflection sections are kept."""
    from .. import self_evaluate

    result = self_evaluate(load_search(load(ctx)))
    report(result, as_json, nothing=f"{result.subject} is up to date")
