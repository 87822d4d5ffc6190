"""`sync`: write progress back into the vault — stage statuses and dates, the progress line of
each stage note, the stage list of the plan note, the dashboard — touching nothing but the
tool's regions and documented keys (DESIGN §4).

Every write is surgical (frontmatter lines edited in place, regions replaced), atomic, and
happens only when the text really changes, with `updated` bumped as Dendron does. A note
the person saves while the tool works wins: the write is skipped and retried on the fresh
text. A note that failed to read is never written.
"""

from __future__ import annotations

import contextlib
import difflib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..settings import Settings
from ..vault.model import Note
from ..workspace import Workspace
from ..write import regions
from ..write.files import replace_if_unchanged
from ..write.frontmatter import NoFrontmatter, has_key, set_keys
from ..write.notes import now_ms
from .model import JobSearch, StageState, load_jobsearch
from .progress import Count
from .render import dashboard_block, day, progress_line

PLAN_REGION = "stages"
STAGE_REGION = "progress"
DASHBOARD_REGION = "dashboard"
RETRIES = 3


@dataclass
class SyncResult:
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    diffs: dict[str, str] = field(default_factory=dict)
    progress: Count | None = None  # overall progress once synced

    def to_json(self) -> dict[str, Any]:
        return {"created": self.created, "changed": self.changed, "skipped": self.skipped}


@dataclass(frozen=True)
class Edit:
    """What the tool wants in one note: frontmatter keys, and regions (name -> content).
    `append` regions are added at the end of the note when it lacks them."""

    note: Note
    keys: dict[str, Any]
    regions: dict[str, str]
    append: frozenset[str] = frozenset()


def plan_checklist(search: JobSearch) -> str:
    """The plan note's view of the stages: a link, n/m, due, done date, overdue."""
    lines = ["### Progress", ""]
    for state in search.stages:
        box = {"x": "x", "w": "/", "d": "-"}.get(state.status, " ")
        label = f"{state.stage.number}. {state.stage.title}".replace("|", "-").replace("]", ")")
        parts = [f"[[{label}|{state.fname}]]", state.progress.cookie, f"due {day(state.slot.due)}"]
        if state.status == "x" and state.completed:
            parts.append(f"done {day(state.completed)}")
        if state.overdue:
            parts.append("**overdue**")
        lines.append(f"- [{box}] " + " · ".join(parts))
    return "\n".join(lines)


def stage_keys(state: StageState, today: date) -> dict[str, Any]:
    """The frontmatter a stage note should have: its derived status, and the day it first
    started and first completed (recorded once, then left alone)."""
    note = state.note
    assert note is not None
    keys: dict[str, Any] = {}
    if str(note.frontmatter.get("status") or "") != state.status:
        keys["status"] = state.status
    if state.status in ("w", "x") and note.frontmatter.get("started") is None:
        keys["started"] = today
    if state.status == "x" and note.frontmatter.get("completed") is None:
        keys["completed"] = today
    return keys


def edits(search: JobSearch) -> list[Edit]:
    """Everything sync wants written, note by note (pure: reads the model, writes nothing)."""
    out: list[Edit] = []
    for state in search.stages:
        if state.note is not None:
            keys = stage_keys(state, search.today)
            out.append(Edit(state.note, keys, {STAGE_REGION: progress_line(state)}))
    out.append(
        Edit(search.plan_note, {}, {PLAN_REGION: plan_checklist(search)}, frozenset({PLAN_REGION}))
    )
    dashboard = search.ws.get(search.dashboard)
    if dashboard is not None:
        out.append(Edit(dashboard, {}, {DASHBOARD_REGION: dashboard_block(search)}))
    return out


def _append_region(text: str, name: str, content: str) -> str:
    eol = "\r\n" if "\r\n" in text else "\n"
    block = regions.block(name, content).replace("\n", eol)
    separator = eol if text and not text.endswith(("\n", "\r")) else ""
    return f"{text}{separator}{eol if text else ''}{block}{eol}"


def apply_edit(text: str, edit: Edit) -> str:
    """`text` with the edit applied; `updated` bumped only if anything else changed."""
    new = text
    for name, content in edit.regions.items():
        replaced = regions.replace_region(new, name, content)
        if replaced is None and name in edit.append:
            replaced = _append_region(new, name, content)
        new = new if replaced is None else replaced
    with contextlib.suppress(NoFrontmatter):  # a note without frontmatter keeps none
        if edit.keys:
            new = set_keys(new, edit.keys)
        if new != text and has_key(new, "updated"):  # as Dendron: bump it, never add it
            new = set_keys(new, {"updated": now_ms()})
    return new


def _write(edit: Edit, result: SyncResult, dry_run: bool) -> bool:
    """Write one edit; False when the person saved the note meanwhile (their text wins)."""
    note = edit.note
    assert note.file is not None
    path = Path(note.file)
    try:
        old_bytes = path.read_bytes()
        old = old_bytes.decode("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        result.skipped.append({"path": note.rel, "reason": f"cannot read: {err}"})
        return True
    try:
        new = apply_edit(old, edit)
    except regions.RegionError as err:
        reason = f"line {err.line}: {err}: fix the markers; the note is left as it is"
        result.skipped.append({"path": note.rel, "reason": reason})
        return True
    if new == old:
        return True
    if dry_run:
        diff = difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True), note.rel, note.rel
        )
        result.diffs[note.rel] = "".join(diff)
    elif not replace_if_unchanged(path, old_bytes, new.encode("utf-8")):
        return False
    if note.rel not in result.changed:
        result.changed.append(note.rel)
    return True


def unreadable(ws: Workspace) -> set[str]:
    """Notes that must never be written: those with an error reading them."""
    return {f.path for f in ws.findings if f.severity == "error"}


def sync(
    ws: Workspace, settings: Settings, *, dry_run: bool = False, today: date | None = None
) -> SyncResult:
    """Bring the vault's regions and keys up to date with its checklists.

    Edits are computed from the index, then written against the text on disk. When the
    person saved a note in between, its write is dropped, the note is read again, and the
    edits are computed afresh (a few rounds at most)."""
    result = SyncResult()
    lost: list[Note] = []
    for _round in range(RETRIES):
        search = load_jobsearch(ws, settings, today)
        result.progress = search.progress
        broken = unreadable(ws)
        lost = []
        for edit in edits(search):
            if edit.note.rel in broken:
                reason = "could not be read (see `check`): never written"
                if {"path": edit.note.rel, "reason": reason} not in result.skipped:
                    result.skipped.append({"path": edit.note.rel, "reason": reason})
                continue
            if not _write(edit, result, dry_run):
                lost.append(edit.note)
        if not lost:
            return result
        for note in lost:
            assert note.file is not None
            ws.reload_file(Path(note.file))
    for note in lost:
        result.skipped.append({"path": note.rel, "reason": "kept changing while the tool wrote"})
    return result
