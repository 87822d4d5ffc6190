"""`dendron-jobsearch status [--json]`: where the search stands. Writes nothing."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import click

from .. import JobSearch, PlanError
from .common import fail, load, load_search, print_json

if TYPE_CHECKING:
    from ..jobsearch.pipeline import Company


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
        "companies": [company_json(c, search.today) for c in search.pipeline.companies],
        "funnel": search.pipeline.funnel,
        "warnings": [w.to_json() for w in search.warnings],
        "findings": [f.to_json() for f in search.pipeline.findings],
    }


def company_json(company: Company, today: date) -> dict[str, Any]:
    return {
        "fname": company.fname,
        "name": company.name,
        "pipeline": company.pipeline,
        "role": company.role,
        "applied": _day(company.applied),
        "interviews": len(company.interviews),
        "offer": company.offer.to_json(today) if company.offer else None,
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
    _print_pipeline(console, search)
    for warning in data["warnings"]:
        console.print(f"[yellow]warning[/] {warning['code']}: {warning['message']}")


def _print_pipeline(console: Any, search: JobSearch) -> None:
    """The companies table, the offers table (with days left) and unreadable values."""
    from rich.table import Table

    from ..jobsearch.render_pipeline import funnel_line, money

    pipeline = search.pipeline
    if not pipeline.companies:
        console.print("no companies yet: dendron-jobsearch company add NAME")
    else:
        table = Table(title="Companies")
        for column in ("Company", "Role", "Pipeline", "Applied", "Interviews"):
            table.add_column(column, justify="right" if column == "Interviews" else "left")
        for company in pipeline.companies:
            table.add_row(
                company.name,
                company.role,
                company.pipeline or "?",
                _day(company.applied) or "",
                str(len(company.interviews)),
            )
        console.print(table)
        console.print(f"funnel: {funnel_line(pipeline)}")
    if pipeline.offers:
        table = Table(title="Offers")
        columns = ("Company", "Base", "Bonus", "Equity", "Total", "Currency", "Deadline", "Left")
        for column in columns:
            numeric = column in ("Base", "Bonus", "Equity", "Total", "Left")
            table.add_column(column, justify="right" if numeric else "left")
        for company in pipeline.offers:
            offer = company.offer
            assert offer is not None
            left = offer.days_left(search.today)
            table.add_row(
                company.name,
                money(offer.base),
                money(offer.bonus),
                money(offer.equity),
                money(offer.total),
                offer.currency,
                _day(offer.deadline) or "",
                "" if left is None else f"{left} days",
            )
        console.print(table)
    for finding in pipeline.findings:
        where = f"{finding.path}:{finding.line}" if finding.line else finding.path
        console.print(f"[yellow]warning[/] {where} {finding.code}: {finding.message}")
