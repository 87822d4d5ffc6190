"""The job search as the tool sees it: the plan, its schedule, and each stage's note and
progress, computed from a loaded workspace. Everything the commands show comes from here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from ..settings import DEFAULT_PLAN, Settings
from ..vault.model import Note
from ..workspace import Workspace
from .pipeline import read_day
from .plan import Plan, PlanError, Stage, parse_plan
from .progress import Count, count, derived_status
from .schedule import Schedule, Slot, build_schedule

if TYPE_CHECKING:
    from .pipeline import Pipeline
    from .warnings import SearchWarning

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


def slug(text: str) -> str:
    """A lower-case, dash-separated fname segment (no dots, nothing Dendron forbids)."""
    cleaned = re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-")
    return cleaned[:60].rstrip("-") or "stage"


def stage_fname(hierarchy: str, stage: Stage) -> str:
    return f"{hierarchy}.stage.{stage.number:02d}-{slug(stage.title)}"


def dashboard_fname(hierarchy: str) -> str:
    return f"{hierarchy}.dashboard"


@dataclass
class StageState:
    stage: Stage
    slot: Slot
    fname: str
    note: Note | None
    progress: Count
    status: str  # the Dendron task status (derived, or the person's own)
    completed: date | None
    today: date

    @property
    def overdue(self) -> bool:
        return self.status not in ("x", "d") and self.slot.due < self.today

    @property
    def status_word(self) -> str:
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
    def progress(self) -> Count:
        total = Count()
        for state in self.stages:
            total += state.progress
        return total

    def summary(self) -> str:
        """One line: items done, current stage, start, projected against expected finish."""
        from .render import overview

        return overview(self)

    @property
    def dashboard(self) -> str:
        return dashboard_fname(self.settings.hierarchy)

    @cached_property
    def pipeline(self) -> Pipeline:
        """Companies, interviews and offers (read on first use: most commands need none)."""
        from .pipeline import load_pipeline

        return load_pipeline(self.ws, self.settings, self.today)

    @property
    def warnings(self) -> list[SearchWarning]:
        """Everything the plan's advice warns about; status and the dashboard show these."""
        from .warnings import all_warnings

        return all_warnings(self)

    @property
    def projected_finish(self) -> date:
        """When the search ends if each open stage takes its planned days: closed stages end
        when they were completed (else when due), the first open one cannot start before
        today, the rest follow one after another."""
        cursor = self.schedule.start
        first_open = True
        for state in self.stages:
            if state.status in ("x", "d"):
                cursor = state.completed or state.slot.due
                continue
            if first_open:
                cursor = max(cursor, self.today)
                first_open = False
            cursor = date.fromordinal(cursor.toordinal() + state.slot.days)
        return cursor


def find_plan(ws: Workspace, settings: Settings) -> Note | None:
    return ws.get(settings.plan or DEFAULT_PLAN)


def load_jobsearch(ws: Workspace, settings: Settings, today: date | None = None) -> JobSearch:
    """The job search of `ws`. Raises PlanError when there is no readable plan."""
    today = today or date.today()
    plan_note = find_plan(ws, settings)
    if plan_note is None:
        raise PlanError(f"no plan note {settings.plan or DEFAULT_PLAN!r} in the workspace", None)
    # a note with an unresolved merge conflict holds both sides: nothing in it is counted
    conflicts = {f.path: f for f in ws.findings if f.code == "merge-conflict"}
    if plan_note.rel in conflicts:
        conflict = conflicts[plan_note.rel]
        raise PlanError(conflict.message, conflict.line, conflict.path)
    plan = parse_plan(plan_note)
    schedule = build_schedule(plan, settings.start or today)
    stages = []
    for slot in schedule.slots:
        fname = stage_fname(settings.hierarchy, slot.stage)
        note = ws.get(fname)
        counted = note is not None and note.rel not in conflicts
        progress = count(note.checklist) if note and counted else Count()
        current = str(note.frontmatter.get("status") or "") if note else ""
        status = derived_status(progress, current) if counted else current
        completed = read_day(note.frontmatter.get("completed")) if note else None
        stages.append(StageState(slot.stage, slot, fname, note, progress, status, completed, today))
    return JobSearch(ws, settings, plan_note, plan, schedule, stages, today)
