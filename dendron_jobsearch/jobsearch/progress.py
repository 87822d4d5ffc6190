"""Progress of checklists, with the semantics of the tools people trust for it.

- Statuses follow Obsidian Tasks: `[ ]` todo, `[/]` in progress, `[x]`/`[X]` done,
  `[-]` cancelled; `[>]` (moved on) and `[<]` (scheduled) are still to do; `[~]` is not a
  task. Cancelled and non-task items leave the denominator.
- Counts roll up leaves, as Taskwarrior's summary does: an item with sub-items counts through
  them, unless it is itself done (all its leaves count as done) or cancelled (none count).
- Percentages follow Org-mode's cookies: floor, but any progress shows at least 1%.
- A stage's Dendron `status` follows its checklist: none done `''`, some `w`, all `x`; a
  status the person set that the tool does not derive (`b` blocked, `d` dropped, ...) stays.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..vault.model import ChecklistItem

Kind = Literal["todo", "in_progress", "done", "cancelled", "non_task"]

_KINDS: dict[str, Kind] = {
    " ": "todo",
    "x": "done",
    "X": "done",
    "/": "in_progress",
    "-": "cancelled",
    "~": "non_task",
}
DERIVED_STATUSES = ("", "w", "x")


def kind(status: str) -> Kind:
    return _KINDS.get(status, "todo")


# The Tasks plugin's status types (obsidian-tasks-docs/docs/Getting Started/Statuses.md):
# in a vault it reads, an item's type comes from the plugin's settings (custom statuses
# included), and ON_HOLD is "not done" like TODO.
_TYPES: dict[str, Kind] = {
    "TODO": "todo",
    "IN_PROGRESS": "in_progress",
    "ON_HOLD": "todo",
    "DONE": "done",
    "CANCELLED": "cancelled",
    "NON_TASK": "non_task",
}


def item_text(item: ChecklistItem) -> str:
    """An item's own words: where the Tasks plugin reads the vault, without the fields at
    the end of the line (📅 and the rest), as the plugin shows its description."""
    return item.fields.description if item.fields is not None else item.text


def item_kind(item: ChecklistItem) -> Kind:
    """What an item counts as: its Tasks status type where the plugin reads the vault,
    else the status character's meaning (above)."""
    if item.status_type is not None:
        return _TYPES.get(item.status_type, "todo")
    return kind(item.status)


@dataclass(frozen=True)
class Count:
    done: int = 0
    total: int = 0
    started: int = 0  # leaves done or in progress

    def __add__(self, other: Count) -> Count:
        return Count(self.done + other.done, self.total + other.total, self.started + other.started)

    @property
    def percent(self) -> int:
        """Org-mode's cookie: floor(100·done/total), at least 1 when anything is done."""
        if self.total == 0:
            return 0
        value = 100 * self.done // self.total
        return 1 if value == 0 and self.done > 0 else value

    @property
    def cookie(self) -> str:
        return f"{self.done}/{self.total}"


def count(items: list[ChecklistItem]) -> Count:
    """Leaves of a checklist, rolled up."""
    total = Count()
    for item in items:
        total += _count_item(item)
    return total


def _alive(items: list[ChecklistItem]) -> list[ChecklistItem]:
    return [c for c in items if item_kind(c) not in ("cancelled", "non_task")]


def _count_item(item: ChecklistItem) -> Count:
    state = item_kind(item)
    if state in ("cancelled", "non_task"):
        return Count()
    if _alive(item.children) and state != "done":  # sub-items all cancelled: a leaf again
        return count(item.children)
    leaves = _leaves(item) if item.children else 1
    if state == "done":
        return Count(leaves, leaves, leaves)
    return Count(0, 1, 1 if state == "in_progress" else 0)


def _leaves(item: ChecklistItem) -> int:
    return sum(_leaves(c) if c.children else 1 for c in _alive(item.children)) or 1


def derived_status(progress: Count, current: str) -> str:
    """The Dendron task status a stage should have; a manual status is kept."""
    if current not in DERIVED_STATUSES:
        return current
    if progress.total and progress.done == progress.total:
        return "x"
    if progress.started:
        return "w"
    return ""
