"""The one write path: every command that writes goes through a `Writer` and reports what it
did as a `WriteResult`.

A writer creates files (never over one that exists) and edits notes (the tool's regions and
frontmatter keys, nothing else, `updated` bumped as Dendron does). Every write is atomic and
confined; an edit is applied to the text on disk and dropped when the person saved the note
in between (the caller recomputes on their text); a dry run records diffs instead. A write
the OS refuses raises `WriteError`; a note that failed to read is never written.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..findings import Finding
from . import regions
from .files import (
    create_new,
    ensure_inside,
    refused_as,
    remove_stale_temps,
    replace_if_unchanged,
    write_file,
)
from .frontmatter import NoFrontmatter, has_key, set_keys
from .notes import now_ms


@dataclass
class WriteResult:
    """What a command wrote (or, in a dry run, would write); paths relative to the workspace.
    `findings` are the notes it needed but could not read: the command then exits 1."""

    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    diffs: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    subject: str = ""  # what the run was about: a note's fname, or the workspace folder
    summary: str = ""  # where things stand afterwards, in a few words (`10/31 done (32%)`)
    info: list[str] = field(default_factory=list)  # what it decided on its own, said once
    # sha1 of the bytes each changed file was given: a watcher tells its own write from the
    # person's save made right after it (re-reading the file would take theirs for ours)
    digests: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)

    def problem(self, finding: Finding) -> None:
        if finding not in self.findings:
            self.findings.append(finding)

    def to_json(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "created": self.created,
            "changed": self.changed,
            "skipped": self.skipped,
            "findings": [f.to_json() for f in self.findings],
        }


@dataclass(frozen=True)
class Edit:
    """What the tool wants in one note: frontmatter keys, and regions (name -> content).
    `append` regions are added at the end of the note when it lacks them."""

    keys: dict[str, Any]
    regions: dict[str, str]
    append: frozenset[str] = frozenset()
    # lines of the person's own text the tool owns one field of: (1-based line, the line
    # as read, the line wanted); one whose text on disk is no longer as read is left alone
    lines: tuple[tuple[int, str, str], ...] = ()
    stamp: Any = None  # what `updated` is bumped to (None: now, in epoch ms, as Dendron)
    # where an appended region goes: before the offset this gives (None: at the very end),
    # e.g. above the link reference definitions Foam keeps at the end of a note
    append_before: Callable[[str], int | None] | None = None


def _append_region(text: str, name: str, content: str, before: int | None = None) -> str:
    if before is not None and 0 <= before < len(text):  # above what must stay last
        head, tail = text[:before], text[before:]
        eol = "\r\n" if "\r\n" in text else "\n"
        return _append_region(head.rstrip("\r\n") + eol, name, content) + eol + tail
    eol = "\r\n" if "\r\n" in text else "\n"
    block = regions.block(name, content).replace("\n", eol)
    separator = eol if text and not text.endswith(("\n", "\r")) else ""
    return f"{text}{separator}{eol if text else ''}{block}{eol}"


def _edit_lines(text: str, lines: tuple[tuple[int, str, str], ...]) -> str:
    """The owned lines replaced, each only while it still reads as it did."""
    if not lines:
        return text
    # lines as Markdown counts them: only CR, LF and CRLF end one (not U+2028, not NEL)
    split = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)
    for number, old, new in lines:
        if 0 < number <= len(split):
            line = split[number - 1]
            body = line.rstrip("\r\n")
            if body == old:
                split[number - 1] = new + line[len(body) :]
    return "".join(split)


def apply_edit(text: str, edit: Edit) -> str:
    """`text` with the edit applied; `updated` bumped only if anything else changed."""
    new = _edit_lines(text, edit.lines)
    for name, content in edit.regions.items():
        replaced = regions.replace_region(new, name, content)
        if replaced is None and name in edit.append:
            before = edit.append_before(new) if edit.append_before else None
            replaced = _append_region(new, name, content, before)
        new = new if replaced is None else replaced
    with contextlib.suppress(NoFrontmatter):  # a note without frontmatter keeps none
        if edit.keys:
            new = set_keys(new, edit.keys)
        if new != text and has_key(new, "updated"):  # as Dendron: bump it, never add it
            stamp = now_ms() if edit.stamp is None else edit.stamp
            new = set_keys(new, {"updated": stamp})
    return new


class Writer:
    """Creates and edits files under `root`, recording everything in `result`. A path that
    resolves outside `root` (a link out of the workspace, `..`) is refused with a
    `WriteError` (`write-refused`), in a dry run too."""

    def __init__(self, root: Path, result: WriteResult | None = None, *, dry_run: bool = False):
        self.root = root
        self.dry_run = dry_run
        self.result = result if result is not None else WriteResult()
        self.planned: set[Path] = set()
        # a temp file older than this (a run killed mid-write left it) is removed when the
        # writer first writes in its folder; the margin spares a concurrent run's
        self._stale_before = time.time() - 5
        self._swept: set[Path] = set()

    def _sweep(self, path: Path) -> None:
        if not self.dry_run and path.parent not in self._swept:
            self._swept.add(path.parent)
            remove_stale_temps(path.parent, self._stale_before)

    def rel(self, path: Path) -> str:
        return os.path.relpath(path, self.root)

    def skip(self, what: str, reason: str) -> None:
        entry = {"path": what, "reason": reason}
        if entry not in self.result.skipped:
            self.result.skipped.append(entry)

    def create(self, path: Path, text: str) -> bool:
        """Create `path` unless it exists (or another create planned it); True if created."""
        rel = self.rel(path)
        ensure_inside(self.root, path, rel)
        self._sweep(path)
        if path in self.planned or os.path.lexists(path):
            self.skip(rel, "exists")
            return False
        self.planned.add(path)
        if not self.dry_run and not create_new(path, text, rel):
            self.skip(rel, "exists")
            return False
        self.result.created.append(rel)
        return True

    def replace(self, path: Path, old: str, new: str) -> bool:
        """Replace a whole file the tool owns (a settings file) while it holds `old`."""
        if old == new:
            return True
        rel = self.rel(path)
        ensure_inside(self.root, path, rel)
        self._sweep(path)
        if not self.dry_run and not replace_if_unchanged(path, old.encode(), new.encode(), rel):
            return False
        self._changed(rel, old, new)
        return True

    def export(self, path: Path, text: str) -> bool:
        """Write a whole file the tool makes from the vault (a calendar feed) when its text
        differs from what the file holds; its folder is made if missing. True if written
        (or, in a dry run, if it would be)."""
        rel = self.rel(path)
        ensure_inside(self.root, path, rel)
        self._sweep(path)
        try:
            old: str | None = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            old = None
        if old == text:
            return False
        if not self.dry_run:
            with refused_as(rel):
                path.parent.mkdir(parents=True, exist_ok=True)
            write_file(path, text, rel)
        if old is None:
            self.result.created.append(rel)
        else:
            self._changed(rel, old, text)
        return True

    def edit(self, path: Path, edit: Edit) -> bool:
        """Apply `edit` to the note at `path` as it is on disk now. False when the person
        saved it in between (nothing written: recompute the edit on their text)."""
        rel = self.rel(path)
        ensure_inside(self.root, path, rel)
        self._sweep(path)
        try:
            old_bytes = path.read_bytes()
            old = old_bytes.decode("utf-8")
        except (OSError, UnicodeDecodeError) as err:
            self.skip(rel, f"cannot read: {err}")
            return True
        try:
            new = apply_edit(old, edit)
        except regions.RegionError as err:
            self.skip(rel, f"line {err.line}: {err}: fix the markers; the note is left as it is")
            return True
        if new == old:
            return True
        if not self.dry_run and not replace_if_unchanged(path, old_bytes, new.encode(), rel):
            return False
        self._changed(rel, old, new)
        return True

    def edit_all(
        self,
        compute: Callable[[], list[tuple[Path, Edit]]],
        reread: Callable[[Path], object],
        rounds: int = 3,
    ) -> None:
        """Apply the edits `compute` gives; when the person saved some of those notes in
        between, `reread` them and compute again (their save wins), a few rounds at most."""
        lost: list[Path] = []
        for _round in range(rounds):
            lost = [path for path, edit in compute() if not self.edit(path, edit)]
            if not lost:
                return
            for path in lost:
                reread(path)
        for path in lost:
            self.skip(self.rel(path), "kept changing while the tool wrote")

    def _changed(self, rel: str, old: str, new: str) -> None:
        if not self.dry_run:
            self.result.digests[rel] = hashlib.sha1(new.encode()).hexdigest()
        else:
            diff = difflib.unified_diff(
                old.splitlines(keepends=True), new.splitlines(keepends=True), rel, rel
            )
            self.result.diffs[rel] = "".join(diff)
        if rel not in self.result.changed:
            self.result.changed.append(rel)
