"""`sync`: write progress back into the vault — stage statuses and dates, the progress line of
each stage note, the stage list of the plan note, the dashboard, each company's applications
record and offer history, and the calendar feed the `ics` setting names — touching nothing
but the tool's regions, documented keys and that feed (README: *What the tool writes*).

The edits come from the search's final state (see `model`), so one run converges. Every
write goes through the one `Writer`. A note the person saves while the tool works wins: its
write is dropped, the note read again and the edits computed afresh. A note that cannot be
read is never written; while one is, the plan's stage list and the dashboard (which sum up
every stage and company) keep their last figures, and the result names the note.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from ..jobsearch.applications import REGION as RECORD_REGION
from ..jobsearch.days import read_day
from ..jobsearch.layout import TASKS_DUE, Layout
from ..jobsearch.model import JobSearch, StageState, load_jobsearch
from ..jobsearch.offerlog import REGION as OFFER_REGION
from ..jobsearch.progress import item_kind
from ..jobsearch.usable import note_problems
from ..settings import Settings
from ..vault.model import Note
from ..views.dashboard import dashboard_block, plan_checklist, progress_line
from ..workspace import Workspace
from ..write.writer import Edit, Writer, WriteResult
from .export import write_feed

PLAN_REGION = "stages"
STAGE_REGION = "progress"
DASHBOARD_REGION = "dashboard"
RETRIES = 3


def stage_keys(state: StageState, layout: Layout | None = None) -> dict[str, Any]:
    """The frontmatter a stage note should have: its status, the day it first started and
    first completed (recorded once, then left alone), and `due` kept on the schedule unless
    the person set their own (then only `planned_due` follows the schedule)."""
    note = state.note
    assert note is not None
    fm = note.frontmatter
    keys: dict[str, Any] = {}
    if str(fm.get("status") or "") != state.status:
        keys["status"] = state.status
    if state.started and fm.get("started") is None:
        keys["started"] = state.started
    if state.completed and fm.get("completed") is None:
        keys["completed"] = state.completed
    planned = (layout or Layout()).due_value(state.slot.due)
    if not state.due_by_hand and read_day(fm.get("due")) != state.slot.due:
        keys["due"] = planned
    if read_day(fm.get("planned_due")) != state.slot.due:
        keys["planned_due"] = planned
    return keys


_TASK_DUE = re.compile(rf"{TASKS_DUE}\ufe0f?[ \t]*(\d{{4}}-\d{{2}}-\d{{2}})")


def task_due_lines(
    note: Note | None, due: date, layout: Layout, text: str | None = None
) -> tuple[tuple[int, str, str], ...]:
    """The stage's open tasks whose Tasks due date (📅) is the one the tool gave them — the
    stage's `due` or `planned_due` as last written — moved to the stage's due date `due`.
    Only that field of the line is the tool's: a date the person gave a task stays, and
    done or cancelled tasks keep theirs. (`text`: the note's, when not read from its file.)"""
    wanted = layout.task_due(due)
    if note is None or not wanted:
        return ()
    fm = note.frontmatter
    owned = {d for d in (read_day(fm.get("due")), read_day(fm.get("planned_due"))) if d}
    owned.discard(due)
    if not owned:
        return ()
    try:
        if text is None:
            if note.path is None:
                return ()
            text = note.path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ()
    lines = re.split(r"\r\n|\r|\n", text)  # as Markdown counts lines
    out = []
    for item in note.iter_checklist():
        if item_kind(item) not in ("todo", "in_progress") or not 0 < item.line <= len(lines):
            continue
        line = lines[item.line - 1]
        found = _TASK_DUE.search(line)
        if found and read_day(found.group(1)) in owned:
            new = line[: found.start()] + wanted + line[found.end() :]
            out.append((item.line, line, new))
    return tuple(out)


def edits(search: JobSearch) -> list[tuple[Path, Edit]]:
    """Everything sync wants written, note by note (pure: reads the model, writes nothing).
    A note that cannot be read gets no edit; the summaries keep its last known figures."""
    out: list[tuple[Path, Edit]] = []
    layout = search.layout
    stamp = layout.stamp(search.today)
    last = layout.append_before  # regions added to a note stay above Foam's definitions
    for state in search.stages:
        if state.note is not None and state.note.path is not None and state.readable:
            edit = Edit(
                stage_keys(state, layout),
                {STAGE_REGION: progress_line(state)},
                lines=task_due_lines(state.note, state.due, layout),
                stamp=stamp,
            )
            out.append((state.note.path, edit))
    if search.plan_note.path is not None:
        plan = Edit(
            {}, {PLAN_REGION: plan_checklist(search)}, frozenset({PLAN_REGION}), (), stamp, last
        )
        out.append((search.plan_note.path, plan))
    dashboard = search.ws.get(search.dashboard)
    usable = not note_problems(search.ws, search.dashboard)
    if dashboard is not None and dashboard.path is not None and usable:
        block = {DASHBOARD_REGION: dashboard_block(search)}
        out.append((dashboard.path, Edit({}, block, stamp=stamp)))
    # each company's applications record and offer history: only what changed (the
    # person's lines stay as written), one edit per note
    wanted: dict[Path, dict[str, str]] = {}
    for record in search.records:
        path = record.company.note.path
        if record.region is not None and path is not None:
            wanted.setdefault(path, {})[RECORD_REGION] = record.region
    for company in search.pipeline.companies:
        offer, path = company.offer, company.note.path
        if offer is not None and offer.history.region is not None and path is not None:
            wanted.setdefault(path, {})[OFFER_REGION] = offer.history.region
    for path, region in wanted.items():
        out.append((path, Edit({}, region, frozenset(region), (), stamp, last)))
    return out


def sync(
    ws: Workspace, settings: Settings, *, dry_run: bool = False, today: date | None = None
) -> WriteResult:
    """Bring the vault's regions and keys up to date with its checklists.

    Edits are computed from the index, then written against the text on disk. When the
    person saved a note in between, its write is dropped, the note is read again, and the
    edits are computed afresh (a few rounds at most). Raises WriteError when the OS refuses
    a write (nothing is left half-written)."""
    result = WriteResult(subject=str(ws.root))

    def compute() -> list[tuple[Path, Edit]]:
        search = load_jobsearch(ws, settings, today)
        total = search.progress
        result.summary = f"{total.cookie} done ({total.percent}%)" if total else "figures unknown"
        result.findings = list(search.findings)  # values that do not read too: warnings
        return edits(search)

    writer = Writer(ws.root, result, dry_run=dry_run)
    writer.edit_all(compute, ws.reload_file, RETRIES)
    if not dry_run:  # the workspace holds what is on disk now (a watcher keeps using it)
        for rel in result.changed:
            ws.reload_file(ws.root / rel)
    if settings.ics:  # the feed, made from the notes as they now are
        write_feed(load_jobsearch(ws, settings, today), writer)
    return result
