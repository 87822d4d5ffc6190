"""`dendron-jobsearch status [--json]`: where the search stands. Writes nothing."""

from __future__ import annotations

from typing import Any

import click

from .. import JobSearch, PlanError
from .common import fail, load, load_search, print_json


def status_json(search: JobSearch) -> dict[str, Any]:
    total = search.progress
    return {
        "plan": {
            "fname": search.plan_note.fname,
            "dashboard": search.dashboard,
            "start": search.schedule.start.isoformat(),
            "done": total.done,
            "total": total.total,
            "percent": total.percent,
            "expected_total": str(search.plan.expected_total)
            if search.plan.expected_total
            else None,
            "expected_finish": _day(search.schedule.expected_finish),
            "planned_finish": _day(search.schedule.finish),
            "projected_finish": _day(search.projected_finish),
        },
        "stages": [
            {
                "number": s.stage.number,
                "title": s.stage.title,
                "fname": s.fname,
                "exists": s.note is not None,
                "status": s.status,
                "done": s.progress.done,
                "total": s.progress.total,
                "percent": s.progress.percent,
                "start": _day(s.slot.start),
                "due": _day(s.slot.due),
                "completed": _day(s.completed),
                "overdue": s.overdue,
                "links": [link.value for link in s.stage.links],
            }
            for s in search.stages
        ],
        "companies": [],
        "warnings": [
            {
                "code": "stage-overdue",
                "message": f"stage {s.stage.number} ({s.stage.title}) was due {_day(s.slot.due)}: "
                "finish it, or move the later stages' dates by changing start",
            }
            for s in search.stages
            if s.overdue
        ],
    }


def _day(value: Any) -> str | None:
    return value.isoformat() if value else None


@click.command("status")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output on stdout.")
@click.pass_context
def command(ctx: click.Context, as_json: bool) -> None:
    """Plan, stages and schedule: done/total, due dates, overdue stages, projected finish."""
    try:
        search = load_search(load(ctx))
    except PlanError as err:
        fail(err)
    data = status_json(search)
    if as_json:
        print_json(data)
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    table = Table(title=f"{search.plan_note.title} ({search.plan_note.fname})")
    for column in ("#", "Stage", "Status", "Done", "Due", "Completed"):
        table.add_column(column, justify="right" if column in ("#", "Done") else "left")
    for state in search.stages:
        status = state.status_word
        style = "red" if state.overdue else "green" if state.status == "x" else ""
        if state.overdue:
            status += " (overdue)"
        if state.note is None:
            status += " (no note: run scaffold)"
        table.add_row(
            str(state.stage.number),
            state.stage.title,
            f"[{style}]{status}[/]" if style else status,
            f"{state.progress.cookie} {state.progress.percent}%",
            state.slot.due.isoformat(),
            state.completed.isoformat() if state.completed else "",
            style=None,
        )
    console.print(table)
    console.print(search.summary().replace("**", ""))
    for warning in data["warnings"]:
        console.print(f"[yellow]warning[/] {warning['code']}: {warning['message']}")
