"""The self-evaluation of a search cycle, as Markdown: planned against actual time per stage,
the funnel, the offers, every interview by company (the entry people keep by hand: Position,
Time, Reached stage, Process, Mistakes, Reject reason, Their business), the plan items never
done. The use case `usecases.selfeval` writes these into the tool's regions."""

from __future__ import annotations

import re
from datetime import date

from ..jobsearch.days import day, read_day
from ..jobsearch.layout import Layout
from ..jobsearch.model import JobSearch
from ..jobsearch.pipeline import Company
from ..jobsearch.progress import item_kind, item_text
from ..vault.model import Heading, Note
from ..write import escape, regions
from .pipeline import DENDRON_LAYOUT, funnel_line, offers_table, table_link

SUFFIX = "self-evaluation"  # the plan's link whose fname ends so (space == dash)
CYCLES_REGION = "self-evaluations"
REGIONS = ("selfeval-time", "selfeval-funnel", "selfeval-offers", "selfeval-companies",
           "selfeval-undone")  # fmt: skip
HEADINGS = ("Time per stage", "Funnel", "Offers", "Companies", "Items never done")
REFLECTION = ("What went well", "What to change next time")
FROM_NOTE = ("Mistakes", "Reject reason", "Their business")  # company-note sections
_CYCLE = re.compile(r"\.\d{4}\.\d{2}\.\d{2}$")
_FOLDER_CYCLE = re.compile(r"^\d{4}-\d{2}-\d{2}$")  # `Self evaluation/2027-01-04`


def parent_fname(search: JobSearch) -> str:
    """The plan's self-evaluation note: the first link of the plan whose fname ends with
    `self evaluation` / `self-evaluation`; else `<hierarchy>.self-evaluation`."""
    layout = search.layout
    dendron = layout.dialect == "dendron"
    clean_name = search.ws.index.dialect.clean_name
    for link in search.plan_note.links:
        if link.type not in ("wiki", "ref"):
            continue
        named = (
            clean_name(link.value).endswith(SUFFIX)
            if dendron
            else layout.is_self_evaluation(link.value)
        )
        if named:
            found = search.ws.get(link.value)
            return found.fname if found else link.value
    return layout.self_evaluation


def cycle_fname(search: JobSearch) -> str:
    return search.layout.cycle(parent_fname(search), search.schedule.start)


def time_table(search: JobSearch) -> str:
    """Planned against actual days per stage (actual: `completed - started`)."""
    rows = [
        "| # | Stage | Planned days | Actual days | Difference | Started | Completed |",
        "|---|---|---|---|---|---|---|",
    ]
    for state in search.stages:
        fm = state.note.frontmatter if state.note else {}  # recorded days first
        started = read_day(fm.get("started")) or state.started
        completed = read_day(fm.get("completed")) or state.completed
        actual = (completed - started).days if started and completed else None
        difference = "" if actual is None else f"{actual - state.slot.days:+d}"
        rows.append(
            f"| {state.stage.number} | {table_link(state.stage.title, state.fname, search.layout)} "
            f"| {state.slot.days} "
            f"| {'' if actual is None else actual} | {difference} | {day(started)} "
            f"| {day(completed)} |"
        )
    return "\n".join(rows)


def funnel_text(search: JobSearch) -> str:
    pipeline = search.pipeline
    lines = [funnel_line(pipeline), ""]
    for company in pipeline.companies:
        lines.append(f"- {search.layout.link(company.fname)}: {company.pipeline or '?'}")
    return "\n".join(lines).strip() if pipeline.companies else "No companies."


def offers_text(search: JobSearch) -> str:
    pipeline = search.pipeline
    if not pipeline.offers:
        return "No offers."
    accepted = ", ".join(
        f"{escape.text(c.name)} ({search.layout.link(c.fname)})" for c in pipeline.accepted
    )
    return offers_table(pipeline) + "\n\nAccepted: " + (accepted or "none yet")


def note_sections(note: Note) -> dict[str, str]:
    """Each section's text (lower-cased heading -> content up to the next heading of the
    same or a higher level; deeper headings are part of it), from the headings the reader
    found, so a `#` line inside code is no heading."""
    if note.file is None:
        return {}
    with open(note.file, encoding="utf-8-sig") as handle:
        lines = handle.read().splitlines()
    out: dict[str, str] = {}
    starts: list[Heading] = []
    for heading in note.headings:
        if not starts or heading.level <= starts[-1].level:
            starts.append(heading)
    for position, heading in enumerate(starts):
        end = starts[position + 1].line - 1 if position + 1 < len(starts) else len(lines)
        body = [line for line in lines[heading.line : end] if not regions.marker(line)]
        out.setdefault(heading.text.strip().lower(), "\n".join(body).strip())
    return out


def _entry_line(label: str, content: str) -> list[str]:
    """`- Label: text`; several lines go indented under the item."""
    if not content:
        return [f"- {label}: (not written)"]
    first, *rest = content.splitlines()
    if not rest:
        return [f"- {label}: {first}"]
    return [f"- {label}:"] + [f"  {line}" if line.strip() else "" for line in content.splitlines()]


def _months(days: list[date]) -> str:
    if not days:
        return "(no dates)"
    first, last = min(days), max(days)
    if (first.year, first.month) == (last.year, last.month):
        return first.strftime("%B %Y")
    if first.year == last.year:
        return f"{first.strftime('%B')} to {last.strftime('%B %Y')}"
    return f"{first.strftime('%B %Y')} to {last.strftime('%B %Y')}"


def company_entry(company: Company, today: date, layout: Layout = DENDRON_LAYOUT) -> str:
    """The entry people keep by hand for a company, and its interviews; the
    stage reached is the last interview held (not one still to come). The sections copied
    from the company note are the person's Markdown, kept as written."""
    sections = note_sections(company.note)
    interviews = company.interviews
    kinds = [escape.text(i.kind) for i in interviews]
    dates = [d for d in [company.applied, *(i.date for i in interviews)] if d]
    reached = company.pipeline or "?"
    held = [i for i in interviews if i.date is None or i.date <= today]
    if held:
        reached = f"{escape.text(held[-1].kind)} ({reached})"
    count = f"{len(kinds)} interview{'s' if len(kinds) != 1 else ''}"
    process = f"{', '.join(kinds)} ({count})" if kinds else "no interviews"
    lines = [
        f"### {escape.text(company.name)}",
        "",
        f"- Note: {layout.link(company.fname)}",
        f"- Position: {escape.text(company.role) or '(not set)'}",
        f"- Time: {_months(dates)}",
        f"- Reached stage: {reached}",
        f"- Process: {process}",
    ]
    for label in FROM_NOTE:
        lines += _entry_line(label, sections.get(label.lower(), ""))
    for interview in interviews:
        outcome = f" · {escape.text(interview.outcome)}" if interview.outcome else ""
        lines.append(
            f"- Interview {day(interview.date) or '(no date)'} · {escape.text(interview.kind)}"
            f"{outcome} · "
            f"{layout.link(interview.fname)}"
        )
    return "\n".join(lines)


def companies_text(search: JobSearch) -> str:
    entries = [company_entry(c, search.today, search.layout) for c in search.pipeline.companies]
    return "\n\n".join(entries) or "No companies."


def undone_text(search: JobSearch) -> str:
    """Plan items never ticked, stage by stage (plain bullets: not a checklist of its own)."""
    lines = []
    for state in search.stages:
        if state.note is None:
            continue
        open_items = [
            item
            for item in state.note.iter_checklist()
            if not item.children and item_kind(item) in ("todo", "in_progress")
        ]
        if open_items:
            lines.append(f"- {search.layout.link(state.fname)}")
            lines += [f"  - {_item_line(item_text(item), search)}" for item in open_items]
    return "\n".join(lines) or "Every item was done."


def _item_line(text: str, search: JobSearch) -> str:
    """An item's text (the person's Markdown, kept) on one line. In Dendron its pipes go (as
    in a table cell); in Obsidian and Foam a link's pipe is what separates its target from
    its text, so it stays."""
    if search.layout.dialect == "dendron":
        text = text.replace("|", "/")
    return escape.line(text)


def region_contents(search: JobSearch) -> dict[str, str]:
    makers = (time_table, funnel_text, offers_text, companies_text, undone_text)
    return {name: make(search) for name, make in zip(REGIONS, makers, strict=True)}


def new_cycle_text(search: JobSearch, contents: dict[str, str]) -> str:
    start = day(search.schedule.start)
    intro = (
        f"The job search that started {start}, following "
        f"{search.layout.link(search.plan_note.fname)}. "
        "`dendron-jobsearch self-eval` refreshes the parts between its markers; "
        "the reflection sections are yours and are never rewritten."
    )
    parts = [intro]
    for heading, name in zip(HEADINGS, REGIONS, strict=True):
        parts += [f"## {heading}", regions.block(name, contents[name])]
    parts += [f"## {heading}" for heading in REFLECTION]
    title = f"Self-evaluation {start}"
    return search.layout.note_text(title, "\n\n".join(parts), {}, "self-evaluation")


def cycles_text(search: JobSearch, parent: str, current: str) -> str:
    layout = search.layout
    clean = search.ws.index.dialect.clean_name
    if layout.dialect != "dendron":
        prefix = clean(parent) + "/"
        found = {current}
        for note in search.ws.index.notes_under(prefix):
            rest = clean(note.fname)[len(prefix) :]
            if clean(note.fname).startswith(prefix) and _FOLDER_CYCLE.match(rest):
                found.add(note.fname)
        return "### Cycles\n\n" + "\n".join(f"- {layout.link(f)}" for f in sorted(found, key=clean))
    prefix = clean(parent) + "."
    found = {current}
    for note in search.ws.index.notes_under(prefix):
        name = clean(note.fname)
        if name.startswith(prefix) and _CYCLE.search("." + name[len(prefix) :]):
            found.add(note.fname)
    return "### Cycles\n\n" + "\n".join(f"- {layout.link(f)}" for f in sorted(found, key=clean))
