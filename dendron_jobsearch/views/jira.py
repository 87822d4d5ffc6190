"""The plan as a CSV file for Jira's CSV importer (External System Import): the plan an
Epic, each stage a Task in the plan's order, each blocking the next (the plan says: in
order), each checklist item a Sub-task of its stage.

The importer's rules, all kept here: a header row with `Summary`; every row as many fields as
the header (empty trailing fields keep their commas); values spanning lines quoted; the
hierarchy through `Issue ID` and `Parent` (the parent's Issue ID), with parents in rows
above their children — Epics, then Tasks, then Sub-tasks; issue links through a column of
the link's name holding the other row's Issue ID (`Outward issue link (Blocks)`, as Jira's
own export names it); several labels as several `Labels` columns, each label one word;
dates in the importer's default date format (`dd/MMM/yy h:mm a`), so nothing needs setting.
Everything is ordered by the plan, so the same workspace always gives the same file. Every
cell is written `cells.neutral`: a plan item `=HYPERLINK(...)` runs in no spreadsheet.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date

from ..jobsearch.days import day
from ..jobsearch.model import JobSearch, StageState
from ..jobsearch.plan import PlanItem
from ..jobsearch.progress import item_kind, item_text
from ..vault.model import ChecklistItem
from ..words import count
from .cells import csv_text, neutral
from .text import clip, notes_section, plain

BLOCKS = "Outward issue link (Blocks)"
HEADER = (
    "Summary",
    "Issue ID",
    "Parent",
    "Issue Type",
    "Status",
    "Due date",
    "Description",
    BLOCKS,
    "Epic Name",
)
SUMMARY_LIMIT = 255  # Jira refuses a longer summary
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LABEL = "jobsearch"
# a stage's Dendron status → the status of Jira's default workflow
STAGE_STATUS = {"": "To Do", "w": "In Progress", "x": "Done", "d": "Done", "m": "To Do"}
ITEM_STATUS = {"todo": "To Do", "in_progress": "In Progress", "done": "Done", "cancelled": "Done"}


def jira_date(value: date | None) -> str:
    """Jira's default CSV date format, `dd/MMM/yy h:mm a` (English month names whatever the
    locale): `05/Mar/27 12:00 AM`."""
    if value is None:
        return ""
    return f"{value.day:02d}/{MONTHS[value.month - 1]}/{value.year % 100:02d} 12:00 AM"


@dataclass
class Issue:
    summary: str
    number: int
    kind: str  # Epic, Task, Sub-task
    status: str
    due: date | None
    description: str
    parent: int | None = None
    blocks: int | None = None
    epic_name: str = ""
    labels: list[str] = field(default_factory=list)

    def row(self, label_columns: int) -> list[str]:
        labels = self.labels + [""] * (label_columns - len(self.labels))
        return [
            clip(neutral(self.summary), SUMMARY_LIMIT),  # its `'` within Jira's limit
            str(self.number),
            "" if self.parent is None else str(self.parent),
            self.kind,
            self.status,
            jira_date(self.due),
            self.description,
            "" if self.blocks is None else str(self.blocks),
            clip(neutral(self.epic_name), SUMMARY_LIMIT),
            *labels,
        ]


def _stage_label(state: StageState) -> str:
    return f"stage-{state.stage.number:02d}"


def stage_status(state: StageState) -> str:
    """Done for a closed stage, In Progress once started, else To Do; a status the person set
    that Jira lacks (blocked, delegated, ...) counts as started."""
    if state.status in STAGE_STATUS:
        return STAGE_STATUS[state.status]
    return "In Progress" if state.progress and state.progress.started else "To Do"


def _stage_description(search: JobSearch, state: StageState) -> str:
    slot = state.slot
    progress = state.progress
    lines = [
        f"Stage {state.stage.number} of {search.plan_note.title}: {day(slot.start)} to "
        f"{day(slot.due)} ({count(slot.days, 'day')}).",
        (f"{progress.cookie} done ({progress.percent}%)" if progress else "unreadable")
        + f" · {state.status_word} · due {day(state.due)}"
        + (" (your date)" if state.due_by_hand else "")
        + (f" · completed {day(state.completed)}" if state.completed else ""),
    ]
    links = list(dict.fromkeys(link.value for link in state.stage.links))
    if links:
        lines += ["", "Links:", *(f"- {value}" for value in links)]
    notes = notes_section(state.note)
    if notes:
        lines += ["", "Notes:", notes]
    lines += ["", f"{search.layout.app} note: {state.fname}"]
    return "\n".join(lines)


def _leaves(
    items: list[ChecklistItem], parents: tuple[str, ...] = (), ticked: bool = False
) -> list[tuple[ChecklistItem, str, tuple[str, ...]]]:
    """The items that are tasks of their own, with their state (`done`, `cancelled`, ...)
    and the texts of the items above them: an item with sub-items counts through them, as
    the progress does; under a done item every sub-item still to do is done (the progress
    counts them done), a cancelled one stands for its sub-items."""
    out: list[tuple[ChecklistItem, str, tuple[str, ...]]] = []
    for item in items:
        state = item_kind(item)
        if state == "non_task":
            continue
        if ticked and state in ("todo", "in_progress"):
            state = "done"
        alive = [c for c in item.children if item_kind(c) not in ("cancelled", "non_task")]
        if alive and state != "cancelled":
            out += _leaves(item.children, (*parents, item_text(item)), state == "done")
        else:
            out.append((item, state, parents))
    return out


def _from_plan(items: list[PlanItem]) -> list[ChecklistItem]:
    return [
        ChecklistItem("x" if i.done else " ", i.text, i.line, _from_plan(i.children)) for i in items
    ]


def _items(state: StageState, plan_fname: str) -> tuple[list[ChecklistItem], str]:
    """The stage's checklist and the note it is in: its note's, else (no note yet) the
    plan's items."""
    if state.note is not None:
        return state.note.checklist, state.fname
    return _from_plan(state.stage.items), plan_fname


def _subtask(
    state: StageState, leaf: tuple[ChecklistItem, str, tuple[str, ...]], where: str
) -> Issue:
    item, status, parents = leaf
    lines = [item_text(item)]
    if parents:
        lines += ["", "Part of: " + " > ".join(plain(p) for p in parents)]
    lines += ["", f"Dendron note: {where} (line {item.line})"]
    labels = [LABEL, _stage_label(state)] + (["cancelled"] if status == "cancelled" else [])
    return Issue(
        plain(item_text(item)) or "(empty item)", 0, "Sub-task", ITEM_STATUS[status], state.due,
        "\n".join(lines), labels=labels,
    )  # fmt: skip


def _epic(search: JobSearch) -> Issue:
    total = search.progress
    schedule = search.schedule
    expected = schedule.expected_finish
    lines = [
        f"The job-search plan {search.plan_note.title} ({search.plan_note.fname}), "
        f"{len(search.stages)} stages from {day(schedule.start)}.",
        f"Planned finish {day(schedule.finish)}"
        + (f", the plan expects {day(expected)}." if expected else "."),
    ]
    if total is not None:
        lines.append(f"{total.cookie} items done ({total.percent}%).")
    if total and total.total and total.done == total.total:
        status = "Done"
    else:
        status = "In Progress" if any(s.status or s.started for s in search.stages) else "To Do"
    title = search.plan_note.title or search.plan_note.fname
    due = max((s.due for s in search.stages), default=schedule.finish)
    return Issue(
        title, 1, "Epic", status, due, "\n".join(lines), epic_name=clip(title, SUMMARY_LIMIT),
        labels=[LABEL],
    )  # fmt: skip


def issues(search: JobSearch) -> list[Issue]:
    """Every issue, numbered in the order of the rows: the Epic, the Tasks, the Sub-tasks."""
    epic = _epic(search)
    tasks: list[Issue] = []
    subtasks: list[Issue] = []
    for position, state in enumerate(search.stages):
        labels = [LABEL, _stage_label(state)]
        if state.status not in STAGE_STATUS:  # the person's own status, kept as a label
            labels.append("-".join(state.status_word.split()))
        task = Issue(
            f"{state.stage.number}. {state.stage.title}", 2 + position, "Task",
            stage_status(state), state.due, _stage_description(search, state),
            parent=epic.number, labels=labels,
        )  # fmt: skip
        tasks.append(task)
        items, where = _items(state, search.plan_note.fname)
        for leaf in _leaves(items):
            subtasks.append(_subtask(state, leaf, where))
            subtasks[-1].parent = task.number
    for task, following in itertools.pairwise(tasks):
        task.blocks = following.number
    for position, subtask in enumerate(subtasks):
        subtask.number = 2 + len(tasks) + position
    return [epic, *tasks, *subtasks]


def jira_csv(search: JobSearch) -> str:
    """The CSV text (RFC 4180: CRLF between rows, quotes where a value needs them)."""
    found = issues(search)
    label_columns = max((len(i.labels) for i in found), default=1)
    header = [*HEADER, *["Labels"] * label_columns]
    return csv_text([header, *(issue.row(label_columns) for issue in found)])


__all__ = ["HEADER", "Issue", "issues", "jira_csv", "jira_date"]
