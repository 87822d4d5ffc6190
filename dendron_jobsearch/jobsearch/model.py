"""The job search as the tool sees it: the plan, its schedule, and each stage's note and
progress, computed from a loaded workspace. Everything the commands show comes from here.

Each stage's state is the *final* one — the status its checklist gives, the day it started
and was completed (recorded ones kept, today's for a change seen now), the due date — so
what a command writes from it is already what the next run would compute: one pass
converges. A note the tool cannot read is a stage with no figures and the finding that
says why, never a stage with 0/0.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from functools import cached_property
from typing import Any

from ..findings import Finding, JobSearchError
from ..settings import Settings
from ..vault.model import Note
from ..workspace import Workspace
from .alignment import AlignmentPlan, plan_alignment
from .applications import Application, application
from .days import read_day
from .lastknown import cookie, previous_rows
from .layout import Layout, layout_of
from .pipeline import Pipeline, load_pipeline
from .plan import Plan, PlanError, Stage, parse_plan
from .progress import Count, count, derived_status
from .schedule import Schedule, Slot, build_schedule
from .usable import note_problems, unusable_files
from .warnings import SearchWarning, pipeline_warnings, plan_findings, plan_warnings, stage_warnings

STATUS_WORDS = {
    "": "to do",
    "w": "in progress",
    "x": "done",
    "b": "blocked",
    "d": "dropped",
    "m": "moved",
    "a": "assigned",
    "l": "delegated",
    "y": "pending",
}
CLOSED = ("x", "d")
DUE_FORMAT = Layout.due_format  # Dendron's task notes write `due` so
__all__ = ["DUE_FORMAT", "JobSearch", "StageState", "load_jobsearch"]


@dataclass
class StageState:
    stage: Stage
    slot: Slot
    fname: str
    note: Note | None
    progress: Count | None  # None: the note could not be read (`problems` says why)
    status: str  # the Dendron task status (derived, or the person's own)
    started: date | None  # the first day it was in progress or done
    completed: date | None  # the day it was done (set only while it is done)
    due: date  # the schedule's, or the one the person set by hand
    due_by_hand: bool
    today: date
    problems: list[Finding] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        return not self.problems

    @property
    def closed(self) -> bool:
        return self.status in CLOSED

    @property
    def overdue(self) -> bool:
        return self.readable and not self.closed and self.due < self.today

    @property
    def window_left(self) -> int:
        """Days left of the stage's window (from today to its due date, at most its planned
        days, never below 0)."""
        return min(max((self.due - self.today).days, 0), self.slot.days)

    def remaining(self, under_way: bool = False) -> Fraction | None:
        """The days of work the projection counts for the stage (None: unreadable; 0 once
        closed). Of `n` items with `left` open, the share left is `days·left/n`. The stage
        is on time while its share, less one item's worth (`days/n`) when it is the stage
        `under_way` (the first one open, whose current item is partly done), fits in the
        days left of its window: then it counts those days, or its share when that is less
        (work done ahead). Behind, it counts that share less the item under way. A stage
        with no items counts what is left of its window."""
        if self.progress is None:
            return None
        if self.closed:
            return Fraction(0)
        window, items = Fraction(self.window_left), self.progress.total
        if not items:
            return window
        share = Fraction(self.slot.days * (items - self.progress.done), items)
        going = share - Fraction(self.slot.days, items) if under_way else share
        return min(share, max(window, going))

    def behind(self, under_way: bool = False) -> bool:
        """Open and past its due date, or with more work left than its window has days
        (beyond the item under way, for the stage `under_way`)."""
        remaining = self.remaining(under_way)
        if not self.readable or self.closed or remaining is None:
            return False
        return self.due < self.today or remaining > self.window_left

    @property
    def status_word(self) -> str:
        if not self.readable:
            return "unreadable"
        return STATUS_WORDS.get(self.status, self.status)


@dataclass
class JobSearch:
    ws: Workspace
    settings: Settings
    plan_note: Note
    plan: Plan
    schedule: Schedule
    stages: list[StageState]
    today: date

    @property
    def readable(self) -> bool:
        """Every note the search counts could be read (so its totals can be trusted)."""
        return not self.problems

    @cached_property
    def problems(self) -> list[Finding]:
        """The notes the search needs and cannot read: stages, companies, interviews, the
        dashboard (asked often while rendering: worked out once per search)."""
        found = [f for s in self.stages for f in s.problems] + self.pipeline.problems
        dashboard = note_problems(self.ws, self.dashboard)
        return found + [f for f in dashboard if f not in found]

    @property
    def findings(self) -> list[Finding]:
        """Everything wrong that the commands report: the problems, then values that do
        not parse (warnings: the rest of the note still counts)."""
        return self.problems + self.pipeline.findings

    @property
    def progress(self) -> Count | None:
        """Items done over items, all stages; None when a stage note cannot be read."""
        return _total(s.progress for s in self.stages)

    @cached_property
    def last_rows(self) -> dict[str, list[str]]:
        """While a note cannot be read: the dashboard's rows as the tool wrote them last
        (lower-cased fname -> cells), whose figures stand in for the note's."""
        if self.readable:
            return {}
        return previous_rows(self.ws, self.dashboard, "dashboard", self.layout)

    def last_known(self, state: StageState) -> Count | None:
        """The stage's figures, or the last ones written for it while it cannot be read."""
        if state.progress is not None:
            return state.progress
        cells = self.last_rows.get(state.fname.lower())
        return cookie(cells[3]) if cells and len(cells) > 3 else None

    @property
    def known_progress(self) -> Count | None:
        """Like `progress`, with last known figures for unreadable stages (None if any
        has none): what the dashboard sums, marked as such."""
        return _total(self.last_known(s) for s in self.stages)

    def to_json(self) -> dict[str, Any]:
        """The `status --json` shape (see `report.status_json`)."""
        from .report import status_json  # report reads the model: imported when used

        return status_json(self)

    @cached_property
    def layout(self) -> Layout:
        """Where the search's notes are and how it names and links them (by dialect)."""
        return layout_of(self.ws, self.settings)

    @property
    def dashboard(self) -> str:
        return self.layout.dashboard

    @cached_property
    def pipeline(self) -> Pipeline:
        """Companies, interviews and offers (read on first use: most commands need none)."""
        return load_pipeline(self.ws, self.settings, self.today)

    @cached_property
    def records(self) -> list[Application]:
        """Every company's applications record as it should stand today (today's pipeline
        changes included): what `sync` writes into the company notes."""
        return [application(c, self.today) for c in self.pipeline.companies]

    @cached_property
    def applied_days(self) -> dict[str, date | None]:
        """Each company's applied day as its record has it (the `applied:` key, else the
        record's applied line), by fname: the one day every view shows."""
        return {r.company.fname: r.applied for r in self.records}

    @cached_property
    def alignment(self) -> AlignmentPlan | None:
        """The offer-alignment plan: a decision date and what to ask each company (None
        while no open offer has a deadline to come)."""
        return plan_alignment(self.pipeline, self.settings.offer_window_days, self.today)

    @property
    def warnings(self) -> list[SearchWarning]:
        """Everything the plan's advice warns about, offers and applications first, then
        overdue stages; status and the dashboard show these."""
        window = self.settings.offer_window_days
        offers = pipeline_warnings(self.pipeline, window, self.today, self.alignment)
        return offers + stage_warnings(self.stages) + plan_warnings(self.plan_findings)

    @cached_property
    def plan_findings(self) -> list[Finding]:
        """`plan-inconsistent`: the plan's phases and total whose stages miss the time they
        state (`check` lists them; `status` and the dashboard warn)."""
        path = self.plan_note.rel or f"{self.plan_note.fname}.md"
        return plan_findings(self.plan, self.schedule, path)

    @property
    def projected_finish(self) -> date | None:
        """When the search ends if the open stages' remaining days (`StageState.remaining`:
        the share of their items still open, or what is left of their window while on time)
        follow one another from today (not before the start), or when the last stage was
        completed if that is later. Working on schedule keeps it at the schedule's finish;
        ticking an item or closing a stage only takes days away, so finishing work — in any
        order — never moves it later. None while a stage note is unreadable."""
        if any(not s.readable for s in self.stages):
            return None
        ends = [s.completed for s in self.stages if s.completed is not None]
        if self.current is not None:
            left = sum((self.remaining(s) or Fraction(0) for s in self.stages), Fraction(0))
            ends.append(max(self.today, self.schedule.start) + timedelta(days=math.ceil(left)))
        return max(ends, default=self.schedule.start)

    @property
    def current(self) -> StageState | None:
        """The stage under way: the first one open (None when all are closed)."""
        return next((s for s in self.stages if not s.closed), None)

    def remaining(self, state: StageState) -> Fraction | None:
        """The days of work the projection counts for `state` (see `StageState.remaining`)."""
        return state.remaining(under_way=state is self.current)

    def behind(self, state: StageState) -> bool:
        """`state` is behind its window (see `StageState.behind`)."""
        return state.behind(under_way=state is self.current)


def _total(counts: Iterable[Count | None]) -> Count | None:
    """The sum of the stages' figures; None when one of them is unknown."""
    total = Count()
    for figures in counts:
        if figures is None:
            return None
        total += figures
    return total


def plan_fname(ws: Workspace | None, settings: Settings) -> str:
    """The plan's name: the settings' `plan`, else the layout's default."""
    return settings.plan or layout_of(ws, settings).plan


def find_plan(ws: Workspace, settings: Settings) -> Note | None:
    return ws.get(plan_fname(ws, settings))


def plan_note(ws: Workspace, settings: Settings) -> Note:
    """The plan note; an error naming its file and line when it cannot be read, PlanError
    when there is none."""
    fname = plan_fname(ws, settings)
    problems = note_problems(ws, fname)
    if problems:
        raise JobSearchError(*problems)
    note = find_plan(ws, settings)
    if note is None:
        raise PlanError(f"no plan note {fname!r} in the workspace", None)
    return note


def _owned_due(fm: dict[str, Any], slot: Slot) -> tuple[date, bool]:
    """The stage's due date, and whether the person set it by hand. `due` is the tool's
    while it equals `planned_due` (the schedule's date the tool last wrote beside it), or
    is empty, or the note predates `planned_due`; set it to any other date and it is yours."""
    written, planned = fm.get("due"), fm.get("planned_due")
    if written in (None, "") or planned is None:
        return slot.due, False
    if _same_day(written, planned):
        return slot.due, False
    return read_day(written) or slot.due, True


def _same_day(a: object, b: object) -> bool:
    day_a, day_b = read_day(a), read_day(b)
    if day_a is not None and day_b is not None:
        return day_a == day_b
    return str(a).strip() == str(b).strip()


def _stage_note(ws: Workspace, layout: Layout, stage: Stage) -> tuple[str, Note | None]:
    """The stage's note: by its name, else the one note of its number (a stage retitled in
    the plan keeps its ticked note instead of getting a new, empty one)."""
    fname = layout.stage(stage)
    note = ws.get(fname)
    if note is not None or note_problems(ws, fname):
        return fname, note
    clean_name = ws.index.dialect.clean_name
    prefix = clean_name(layout.stage_number_prefix(stage.number))
    same_number = [
        n
        for n in ws.index.children(layout.stages)
        if not n.stub and clean_name(n.fname).startswith(prefix)
    ]
    if len(same_number) == 1:
        return same_number[0].fname, same_number[0]
    unreadable = unusable_files(ws, prefix)
    if len(unreadable) == 1:
        return next(iter(unreadable)), None
    return fname, None


def stage_state(ws: Workspace, layout: Layout | str, slot: Slot, today: date) -> StageState:
    """One stage as it stands (see the module doc: the final state, ready to write);
    `layout` may be a Dendron hierarchy's name."""
    if isinstance(layout, str):
        layout = Layout(layout)
    fname, note = _stage_note(ws, layout, slot.stage)
    problems = note_problems(ws, fname)
    if note is None or problems:
        return StageState(
            slot.stage, slot, fname, note, None if problems else Count(), "", None, None,
            slot.due, False, today, problems,
        )  # fmt: skip
    return _derived(slot, fname, note, count(note.checklist), note.frontmatter, today)


def new_stage_state(slot: Slot, fname: str, progress: Count, today: date) -> StageState:
    """The state of a stage note about to be created with a checklist of `progress`: what
    `stage_state` will read from it, so the note is born final."""
    return _derived(slot, fname, None, progress, {}, today)


def _derived(
    slot: Slot, fname: str, note: Note | None, progress: Count, fm: dict[str, Any], today: date
) -> StageState:
    """Status from the checklist (a manual one kept), the days it started and was completed
    (recorded ones kept, today for a change seen now), the due date."""
    status = derived_status(progress, str(fm.get("status") or ""))
    started = read_day(fm.get("started")) or (today if status in ("w", "x") else None)
    completed = (read_day(fm.get("completed")) or today) if status == "x" else None
    due, by_hand = _owned_due(fm, slot)
    return StageState(
        slot.stage, slot, fname, note, progress, status, started, completed, due, by_hand, today
    )


def load_jobsearch(ws: Workspace, settings: Settings, today: date | None = None) -> JobSearch:
    """The job search of `ws`. Raises PlanError when there is no readable plan."""
    today = today or date.today()
    note = plan_note(ws, settings)
    plan = parse_plan(note, dialect=ws.index.dialect)
    schedule = build_schedule(plan, settings.start or today)
    layout = layout_of(ws, settings)
    stages = [stage_state(ws, layout, slot, today) for slot in schedule.slots]
    return JobSearch(ws, settings, note, plan, schedule, stages, today)
