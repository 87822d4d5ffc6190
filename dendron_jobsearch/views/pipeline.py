"""Markdown for companies, offers and warnings: the dashboard's and the self-evaluation's,
and the pipeline as a Mermaid flowchart. Every name is escaped for where it lands
(`write/escape.py`).

A `|` inside a table cell splits the cell, even inside `[[alias|target]]`: links in tables
are `[[Title\\|fname]]` (`table_link`) and text has its pipes escaped (`escape.cell`)."""

from __future__ import annotations

from datetime import date

from ..jobsearch.alignment import AlignmentPlan
from ..jobsearch.days import day
from ..jobsearch.lastknown import MARK
from ..jobsearch.layout import Layout
from ..jobsearch.pipeline import APART, FUNNEL, STAGES, Company, Offer, Pipeline
from ..jobsearch.warnings import SearchWarning
from ..write import escape
from .alignment import alignment_block

CHART_NAMES = 4  # company names a stage of the pipeline chart lists before "+N more"


DENDRON_LAYOUT = Layout()


def table_link(title: str, fname: str, layout: Layout = DENDRON_LAYOUT) -> str:
    """`[[Title\\|fname]]`: a link showing the note's title, its pipe escaped so that a table
    cell keeps it whole. Dendron's engine and ours both resolve it to `fname` (Dendron keeps
    the backslash in the alias: see the README's *Conformance*). Characters a link's alias
    cannot hold are replaced (`escape.label`); without a usable title the link is the bare
    fname. In Obsidian and Foam the target comes first (`[[path\\|Title]]`): `layout`
    writes it."""
    return layout.table_link(fname, title)


def money(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def part_text(offer: Offer, key: str) -> str:
    """An offer's `base`, `bonus` or `equity` as a cell: `?` when set but unreadable."""
    if key in offer.unreadable:
        return "?"
    return money(getattr(offer, key))


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


def pipeline_chart(pipeline: Pipeline) -> str:
    """A Mermaid flowchart of the pipeline: the companies at each stage (a count and the
    first names) along the way from wishlist to accepted, and the ended ones apart."""
    ids = {stage: f"n{position}" for position, stage in enumerate(STAGES)}  # never `end`
    ids["?"] = "unknown"

    def node(stage: str | None) -> str:
        companies = [c for c in pipeline.companies if c.pipeline == stage]
        names = [c.name[:30] for c in companies[:CHART_NAMES]]
        if len(companies) > CHART_NAMES:
            names.append(f"+{len(companies) - CHART_NAMES} more")
        text = f"{stage or 'stage unknown'} · {len(companies)}"
        if names:
            text += "<br/>" + escape.flowchart(", ".join(names))
        return f'{ids[stage or "?"]}["{text}"]'

    main = [stage for stage in STAGES if stage not in APART]
    lines = ["```mermaid", "graph LR"]
    lines += [f"    {node(stage)}" for stage in main]
    lines.append("    " + " --> ".join(ids[stage] for stage in main))
    lines.append('    subgraph gone ["ended apart"]')
    lines += [f"        {node(end)}" for end in APART]
    lines.append("    end")
    if any(c.pipeline is None for c in pipeline.companies):  # a value that is no stage
        lines.append(f"    {node(None)}")
    unreadable = [f for f in pipeline.unreadable if not pipeline.layout.is_interview(f)]
    if unreadable:
        lines.append(f'    unreadable["not counted · {len(unreadable)} note(s) cannot be read"]')
    counted = {c.pipeline for c in pipeline.companies}
    empty = [ids[stage] for stage in STAGES if stage not in counted]
    lines.append("    classDef empty fill:#f4f4f4,stroke:#bbbbbb,color:#888888")
    if empty:
        lines.append(f"    class {','.join(empty)} empty")
    lines.append("```")
    return "\n".join(lines)


def companies_table(
    pipeline: Pipeline,
    last_rows: dict[str, list[str]] | None = None,
    applied: dict[str, date | None] | None = None,
) -> str:
    """One row per company; a company note that cannot be read keeps the row written last
    for it (marked), so it never vanishes from the table. `applied`: each company's day in
    the applications record (fname -> day), which wins over the `applied:` key alone."""
    rows = ["| Company | Role | Pipeline | Applied | Interviews |", "|---|---|---|---|---|"]
    for company in pipeline.companies:
        rows.append(
            f"| {table_link(company.name, company.fname, pipeline.layout)} "
            f"| {escape.cell(company.role)} "
            f"| {company.pipeline or '?'} "
            f"| {day((applied or {}).get(company.fname) or company.applied)} "
            f"| {len(company.interviews)} |"
        )
    for fname in sorted(f for f in pipeline.unreadable if not pipeline.layout.is_interview(f)):
        cells = (last_rows or {}).get(fname.lower(), [])
        old = cells + [""] * (5 - len(cells))
        pipeline_cell = old[2] if old[2].startswith(MARK) else f"{MARK}: {old[2] or '?'}"
        written = old[0].lower()
        mine = f"{fname.lower()}]]" in written or f"[[{fname.lower()}\\|" in written
        link = old[0] if mine else pipeline.layout.table_link(fname)
        rows.append(f"| {link} | {old[1]} | {pipeline_cell} | {old[3]} | {old[4]} |")
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
            f"| {table_link(company.name, company.fname, pipeline.layout)} "
            f"| {part_text(offer, 'base')} | {part_text(offer, 'bonus')} "
            f"| {part_text(offer, 'equity')} | {offer.total_text} | {escape.cell(offer.currency)} "
            f"| {offer.deadline_text} | {'' if left is None else left} | {offer_status(company)} |"
        )
    return "\n".join(rows)


def upcoming_list(pipeline: Pipeline) -> str:
    lines = []
    for interview in pipeline.upcoming:
        company = pipeline.company(interview.company)
        name = escape.text(company.name if company else interview.company)
        link = pipeline.layout.link(interview.fname)
        kind = escape.text(interview.kind)
        lines.append(f"- {day(interview.date)} · {name} · {kind} · {link}")
    return "\n".join(lines) or "No interviews coming up."


def warnings_list(warnings: list[SearchWarning]) -> str:
    lines = [f"- ⚠ **{w.code}**: {escape.text(w.message)}" for w in warnings]
    return "\n".join(lines) or "No warnings."


def pipeline_block(
    pipeline: Pipeline,
    warnings: list[SearchWarning],
    last_rows: dict[str, list[str]] | None = None,
    alignment: AlignmentPlan | None = None,
    applied: dict[str, date | None] | None = None,
) -> str:
    """The dashboard's part on companies: funnel and the pipeline chart, the companies,
    offers and the offer-alignment plan, upcoming interviews, warnings."""
    if not pipeline.companies and not pipeline.unreadable:
        parts = ["### Companies", "No companies yet: `dendron-jobsearch company add NAME`."]
    else:
        table = companies_table(pipeline, last_rows, applied)
        chart = pipeline_chart(pipeline)
        parts = ["### Companies", f"Funnel: {funnel_line(pipeline)}", chart, table]
        if pipeline.offers:
            parts += ["### Offers", offers_table(pipeline)]
        if alignment is not None:
            parts.append(alignment_block(alignment))
        parts += ["### Upcoming interviews", upcoming_list(pipeline)]
    parts += ["### Warnings", warnings_list(warnings)]
    return "\n\n".join(parts)
