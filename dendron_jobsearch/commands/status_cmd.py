"""`dendron-jobsearch status [--json]`: where the search stands. Writes nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from .common import json_option, load, load_search, print_json, show_findings

if TYPE_CHECKING:
    from .. import JobSearch


@click.command("status")
@json_option
@click.pass_context
def command(ctx: click.Context, as_json: bool) -> None:
    """Plan, stages and schedule: done/total, due dates, overdue stages, projected finish;
    companies, offers, upcoming interviews and warnings. Exit 1 if a note cannot be read."""
    search = load_search(load(ctx))
    if as_json:
        print_json(search.to_json())
        raise SystemExit(0 if search.readable else 1)
    from rich.console import Console

    console = Console(highlight=False)
    _print_stages(console, search)
    _print_pipeline(console, search)
    for warning in search.warnings:
        console.print(f"[yellow]warning[/] {warning.code}: {warning.message}", soft_wrap=True)
    show_findings(search.findings)


def _print_stages(console: Any, search: JobSearch) -> None:
    from rich.table import Table

    table = Table(title=f"{search.plan_note.title} ({search.plan_note.fname})")
    for column in ("#", "Stage", "Status", "Done", "Due", "Completed"):
        numeric = column in ("#", "Done")
        table.add_column(column, justify="right" if numeric else "left", no_wrap=numeric)
    for state in search.stages:
        status = state.status_word
        style = "red" if state.overdue or not state.readable else "green" if state.closed else ""
        if state.overdue:
            status += " (overdue)"
        if state.note is None and state.readable:
            status += " (no note: run scaffold)"
        done = f"{state.progress.cookie} {state.progress.percent}%" if state.progress else "?"
        table.add_row(
            str(state.stage.number),
            state.stage.title,
            f"[{style}]{status}[/]" if style else status,
            done,
            state.due.isoformat() + (" (yours)" if state.due_by_hand else ""),
            state.completed.isoformat() if state.completed else "",
        )
    console.print(table)
    from .. import overview

    console.print(overview(search).replace("**", ""), soft_wrap=True)


def _print_pipeline(console: Any, search: JobSearch) -> None:
    """Companies, offers (with days left), upcoming interviews."""
    from rich.table import Table

    from .. import funnel_line, part_text

    pipeline = search.pipeline
    if not pipeline.companies and not pipeline.unreadable:
        console.print("no companies yet: dendron-jobsearch company add NAME")
        return
    table = Table(title="Companies")
    for column in ("Company", "Role", "Pipeline", "Applied", "Interviews"):
        table.add_column(column, justify="right" if column == "Interviews" else "left")
    for company in pipeline.companies:
        day = search.applied_days.get(company.fname)  # the applications record's
        applied = day.isoformat() if day else ""
        interviews = str(len(company.interviews))
        table.add_row(company.name, company.role, company.pipeline or "?", applied, interviews)
    for fname in sorted(pipeline.unreadable):
        table.add_row(fname, "", "[red]unreadable[/]", "", "")
    console.print(table)
    console.print(f"funnel: {funnel_line(pipeline)}", soft_wrap=True)
    if pipeline.offers:
        table = Table(title="Offers")
        # dates and figures never wrap or get cut; long names fold instead
        for column in ("Company", "Base", "Bonus", "Equity", "Total", "Currency", "Deadline"):
            numeric = column in ("Base", "Bonus", "Equity", "Total")
            fixed = numeric or column == "Deadline"
            table.add_column(
                column,
                justify="right" if numeric else "left",
                no_wrap=fixed,
                overflow="fold",
                min_width=10 if column == "Deadline" else None,
            )
        table.add_column("Left", justify="right", no_wrap=True)
        for company in pipeline.offers:
            offer = company.offer
            assert offer is not None
            left = offer.days_left(search.today)
            table.add_row(
                company.name,
                *(part_text(offer, key) for key in ("base", "bonus", "equity")),
                offer.total_text,
                offer.currency,
                offer.deadline.isoformat() if offer.deadline else "",
                "" if left is None else f"{left} d",
            )
        console.print(table)
        for company in pipeline.offers:
            assert company.offer is not None
            if company.offer.history.summary:
                line = f"  {company.name}: {company.offer.history.summary}"
                console.print(line, soft_wrap=True, markup=False)
    _print_alignment(console, search)
    if pipeline.upcoming:
        console.print("upcoming interviews:")
        for interview in pipeline.upcoming:
            owner = pipeline.company(interview.company)
            name = owner.name if owner else interview.company
            when = interview.date.isoformat() if interview.date else ""
            console.print(f"  {when} {name}: {interview.kind}", soft_wrap=True)


def _print_alignment(console: Any, search: JobSearch) -> None:
    """The offer-alignment plan: the decision date and why, then one line per company."""
    from .. import alignment_lines

    if search.alignment is None:
        return
    first, *rest = alignment_lines(search.alignment)
    console.print(f"[bold]offer alignment[/]: {first}", soft_wrap=True)
    for line in rest:
        style = "yellow" if line.startswith("ask ") or " cannot make it" in line else ""
        console.print(f"  [{style}]{line}[/]" if style else f"  {line}", soft_wrap=True)
