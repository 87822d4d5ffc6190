"""Markdown the tool writes for the plan: stage checklists, progress lines, the plan's stage
list, the dashboard and its Mermaid gantt (Mermaid 9, the version Dendron's preview
bundles)."""

from __future__ import annotations

from datetime import date

from ..jobsearch.days import day
from ..jobsearch.lastknown import MARK
from ..jobsearch.model import JobSearch, StageState
from ..jobsearch.plan import PlanItem
from ..jobsearch.progress import Count
from ..words import count
from ..write import escape
from .pipeline import pipeline_block, table_link


def checklist(items: list[PlanItem], depth: int = 0, due: str = "", lead: str = "") -> str:
    """A stage's items as a Markdown checklist; items the plan ticks start ticked. With
    `due` (Obsidian: `📅 2027-03-05`), each item ends with it, so the Tasks plugin's
    queries (`due before tomorrow`) and Dataview see the stage's due date on its tasks;
    `lead` starts each (the plugin's global filter, `#task`, where the vault sets one)."""
    lines = []
    tail = f" {due}" if due else ""
    head = f"{lead} " if lead else ""
    for item in items:
        box = "x" if item.done else " "
        lines.append(f"{'  ' * depth}- [{box}] {head}{item.text}{tail}")
        if item.children:
            lines.append(checklist(item.children, depth + 1, due, lead))
    return "\n".join(lines)


def done_text(progress: Count | None) -> str:
    """`3/7 (42%)`, or `unreadable` for a note whose figures are unknown (never `0/0`)."""
    return f"{progress.cookie} ({progress.percent}%)" if progress else "unreadable"


def progress_text(
    progress: Count,
    status_word: str,
    due: date,
    overdue: bool,
    completed: date | None,
    *,
    due_by_hand: bool = False,
) -> str:
    """The line in a stage note's `progress` region."""
    text = f"**{progress.cookie} done ({progress.percent}%)** · {status_word} · due {day(due)}"
    if due_by_hand:
        text += " (your date)"
    if overdue:
        text += " — **overdue**"
    if completed:
        text += f", completed {day(completed)}"
    return text


def progress_line(state: StageState) -> str:
    assert state.progress is not None, "only a readable stage note gets a progress line"
    return progress_text(
        state.progress,
        state.status_word,
        state.due,
        state.overdue,
        state.completed,
        due_by_hand=state.due_by_hand,
    )


def stage_table(search: JobSearch) -> str:
    rows = [
        "| # | Stage | Status | Done | Due | Completed |",
        "|---|---|---|---|---|---|",
    ]
    for state in search.stages:
        status = state.status_word + (" ⚠ overdue" if state.overdue else "")
        done, completed = done_text(state.progress), day(state.completed)
        if not state.readable:  # the figures written last, marked as such
            status, done = MARK, done_text(search.last_known(state))
            previous = search.last_rows.get(state.fname.lower(), [])
            completed = previous[5] if len(previous) > 5 else ""
        link = table_link(state.stage.title, state.fname, search.layout)
        rows.append(
            f"| {state.stage.number} | {link} | {status} "
            f"| {done} | {day(state.due)} | {completed} |"
        )
    return "\n".join(rows)


def gantt(search: JobSearch) -> str:
    """A Mermaid gantt of the schedule: sections are the plan's phases; done, active and
    overdue stages are marked; Mermaid draws today's line itself."""
    lines = [
        "```mermaid",
        "gantt",
        f"    title {escape.gantt(search.plan_note.title, leads=False)}",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %d %b",
    ]
    current_section = None
    for state in search.stages:
        phase = search.plan.phase_of(state.stage)
        section = phase.name.capitalize() if phase and phase.name else "Stages"
        if phase and not phase.name:
            section = f"Steps {phase.first}-{phase.last}"
        if section != current_section:
            lines.append(f"    section {escape.gantt(section, leads=False)}")
            current_section = section
        tags = []
        if state.closed:
            tags.append("done")
        elif state.overdue:
            tags.append("crit")
        if state.status == "w":
            tags.append("active")
        tags.append(f"s{state.stage.number}")
        name = escape.gantt(f"{state.stage.number}. {state.stage.title}")
        lines.append(
            f"    {name} :{', '.join(tags)}, {day(state.slot.start)}, {day(state.slot.due)}"
        )
    lines.append("```")
    return "\n".join(lines)


def overview(search: JobSearch) -> str:
    total = search.progress
    current = search.current
    where = (
        f"stage {current.stage.number} of {len(search.stages)}" if current else "all stages done"
    )
    finish = search.projected_finish
    expected = search.schedule.expected_finish
    if total is None or finish is None:
        unknown = sum(1 for s in search.stages if not s.readable)
        known = search.known_progress
        figures = (
            f"{known.cookie} items done ({known.percent}%), last known figures for {unknown} "
            "unreadable stage note(s)"
            if known
            else f"items done unknown: {unknown} stage note(s) cannot be read"
        )
        return (
            f"**{figures}** · {where} · started {day(search.schedule.start)} · "
            "projected finish unknown"
        )
    line = (
        f"**{total.cookie} items done ({total.percent}%)** · {where} · "
        f"started {day(search.schedule.start)} · projected finish {day(finish)}"
    )
    if expected and search.plan.expected_total:
        drift = (finish - expected).days
        judgement = (
            f"{count(drift, 'day')} over"
            if drift > 0
            else f"{count(-drift, 'day')} early"
            if drift < 0
            else "on time"
        )
        line += f" (plan: {search.plan.expected_total} → {day(expected)}, {judgement})"
    return line


def dashboard_block(search: JobSearch) -> str:
    """The content of the dashboard's managed region."""
    return "\n\n".join(
        [
            f"Plan: {search.layout.link(search.plan_note.fname)} · updated {day(search.today)}",
            overview(search),
            stage_table(search),
            gantt(search),
            pipeline_block(
                search.pipeline,
                search.warnings,
                search.last_rows,
                search.alignment,
                search.applied_days,
            ),
        ]
    )


def plan_checklist(search: JobSearch) -> str:
    """The plan note's view of the stages: a link, n/m, due, done date, overdue. Where the
    Tasks plugin reads the vault (Obsidian) the list has no checkboxes, so its queries see
    each stage's own tasks once, not a second, untickable copy of the stages."""
    lines = ["### Progress", ""]
    for state in search.stages:
        box = {"x": "x", "w": "/", "d": "-"}.get(state.status, " ")
        label = f"{state.stage.number}. {state.stage.title}"
        figures = search.last_known(state)
        cookie = figures.cookie if figures else "?"
        if not state.readable:
            cookie += " (unreadable, last known)"
        parts = [search.layout.link(state.fname, label), cookie, f"due {day(state.due)}"]
        if state.completed:
            parts.append(f"done {day(state.completed)}")
        if state.overdue:
            parts.append("**overdue**")
        if search.layout.tasks_plugin:  # a plain list: the stage's tasks are in its note
            lines.append(f"- {state.status_word} · " + " · ".join(parts))
            continue
        lines.append(f"- [{box}] " + " · ".join(parts))
    return "\n".join(lines)
