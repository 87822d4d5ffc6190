"""Markdown for companies, offers and warnings: the dashboard's and the self-evaluation's.

Tables hold no `|` inside a cell (it would split the cell, even inside `[[alias|target]]`),
so links in tables are bare `[[fname]]` and text is cleaned of pipes."""

from __future__ import annotations

from ..jobsearch.days import day
from ..jobsearch.lastknown import MARK
from ..jobsearch.pipeline import APART, FUNNEL, Company, Pipeline
from ..jobsearch.warnings import SearchWarning


def cell(value: object) -> str:
    """Text safe in a table cell: no pipes, no line breaks."""
    return " ".join(str(value).replace("|", "/").split())


def money(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def funnel_line(pipeline: Pipeline) -> str:
    """`applied 5 → screening 4 → interviewing 2 → offer 1`, then the ends shown apart."""
    counts = pipeline.funnel
    line = " → ".join(f"{stage} {counts[stage]}" for stage in FUNNEL)
    apart = pipeline.apart
    ends = ", ".join(f"{end} {apart[end]}" for end in APART if apart[end])
    parts = [line]
    if pipeline.accepted:
        parts.append(f"accepted {len(pipeline.accepted)}")
    if ends:
        parts.append(f"ended apart: {ends}")
    if pipeline.unreadable:
        parts.append(f"not counted: {len(pipeline.unreadable)} note(s) that cannot be read")
    return " · ".join(parts)


def companies_table(pipeline: Pipeline, last_rows: dict[str, list[str]] | None = None) -> str:
    """One row per company; a company note that cannot be read keeps the row written last
    for it (marked), so it never vanishes from the table."""
    rows = ["| Company | Role | Pipeline | Applied | Interviews |", "|---|---|---|---|---|"]
    for company in pipeline.companies:
        rows.append(
            f"| [[{company.fname}]] | {cell(company.role)} | {company.pipeline or '?'} "
            f"| {day(company.applied)} | {len(company.interviews)} |"
        )
    for fname in sorted(f for f in pipeline.unreadable if ".interview." not in f.lower()):
        cells = (last_rows or {}).get(fname.lower(), [])
        old = cells + [""] * (5 - len(cells))
        pipeline_cell = old[2] if old[2].startswith(MARK) else f"{MARK}: {old[2] or '?'}"
        rows.append(f"| [[{fname}]] | {old[1]} | {pipeline_cell} | {old[3]} | {old[4]} |")
    return "\n".join(rows)


def offer_status(company: Company) -> str:
    return company.pipeline or "?"


def offers_table(pipeline: Pipeline) -> str:
    """Offers side by side, earliest deadline first, with the days left to decide."""
    rows = [
        "| Company | Base | Bonus | Equity | Total | Currency | Deadline | Days left | Status |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for company in pipeline.offers:
        offer = company.offer
        assert offer is not None
        left = offer.days_left(pipeline.today)
        rows.append(
            f"| [[{company.fname}]] | {money(offer.base)} | {money(offer.bonus)} "
            f"| {money(offer.equity)} | {money(offer.total)} | {cell(offer.currency)} "
            f"| {day(offer.deadline)} | {'' if left is None else left} | {offer_status(company)} |"
        )
    return "\n".join(rows)


def upcoming_list(pipeline: Pipeline) -> str:
    lines = []
    for interview in pipeline.upcoming:
        company = pipeline.company(interview.company)
        name = company.name if company else interview.company
        lines.append(f"- {day(interview.date)} · {name} · {interview.kind} · [[{interview.fname}]]")
    return "\n".join(lines) or "No interviews coming up."


def warnings_list(warnings: list[SearchWarning]) -> str:
    return "\n".join(f"- ⚠ **{w.code}**: {w.message}" for w in warnings) or "No warnings."


def pipeline_block(
    pipeline: Pipeline,
    warnings: list[SearchWarning],
    last_rows: dict[str, list[str]] | None = None,
) -> str:
    """The dashboard's part on companies: funnel, offers, upcoming interviews, warnings."""
    if not pipeline.companies and not pipeline.unreadable:
        parts = ["### Companies", "No companies yet: `dendron-jobsearch company add NAME`."]
    else:
        table = companies_table(pipeline, last_rows)
        parts = ["### Companies", f"Funnel: {funnel_line(pipeline)}", table]
        if pipeline.offers:
            parts += ["### Offers", offers_table(pipeline)]
        parts += ["### Upcoming interviews", upcoming_list(pipeline)]
    parts += ["### Warnings", warnings_list(warnings)]
    return "\n\n".join(parts)
