"""Task lines in the Obsidian Tasks plugin's emoji format, read as the plugin reads them.

The plugin (`DefaultTaskSerializer.deserialize`) takes fields off the *end* of a task's text,
over and over, in any order, until none is left: priority, ✅ done, ❌ cancelled, 📅 due,
⏳ scheduled, 🛫 start, ➕ created, 🔁 recurrence, 🏁 on completion, ⛔ depends on, 🆔 id,
and tags in between (put back into the description). A `^block-id` at the very end is taken
first. A field written before ordinary text is not a field (`📅 2023-04-16 then more` has no
due date), and neither is a date that is not `YYYY-MM-DD`. Status types come from the
plugin's settings (`.obsidian/plugins/obsidian-tasks-plugin/data.json`), else its defaults:
`space` TODO, `x` DONE, `/` IN_PROGRESS, `-` CANCELLED; any other character is the plugin's
"Unknown" status, of type TODO (docs: Getting Started/Statuses). With a global filter set,
only lines holding it are tasks.
"""

# ruff: noqa: RUF002 - the plugin's own signs (its "created" is a heavy plus sign)
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..dates import EARLIEST, LATEST
from .model import TaskFields

_VS16 = "\ufe0f?"  # the plugin accepts an optional Variation Selector 16 after each emoji
_DATE = r" *(\d{4}-\d{2}-\d{2})$"
_PRIORITY = re.compile(rf"([🔺⏫🔼🔽⏬]){_VS16}$")
_PRIORITIES = {"🔺": "highest", "⏫": "high", "🔼": "medium", "🔽": "low", "⏬": "lowest"}
_TASK_ID = r"[a-zA-Z0-9-_]+"
# the plugin's order of matching within one pass (DefaultTaskSerializer.deserialize)
_DATES = (
    ("done", re.compile(rf"✅{_VS16}{_DATE}")),
    ("cancelled", re.compile(rf"❌{_VS16}{_DATE}")),
    ("due", re.compile(rf"(?:📅|📆|🗓){_VS16}{_DATE}")),
    ("scheduled", re.compile(rf"(?:⏳|⌛){_VS16}{_DATE}")),
    ("start", re.compile(rf"🛫{_VS16}{_DATE}")),
    ("created", re.compile(rf"➕{_VS16}{_DATE}")),  # noqa: RUF001
)
_RECURRENCE = re.compile(rf"🔁{_VS16} *([a-zA-Z0-9, !]+)$")
_ON_COMPLETION = re.compile(rf"🏁{_VS16} *([a-zA-Z]+)$")
_DEPENDS_ON = re.compile(rf"⛔{_VS16} *({_TASK_ID}( *, *{_TASK_ID} *)*)$")
_ID = re.compile(rf"🆔{_VS16} *({_TASK_ID})$")
# TaskRegularExpressions.hashTagsFromEnd and blockLinkRegex
_TAGS_FROM_END = re.compile(r"(^|\s)#[^ !@#$%^&*(),.?\":{}|<>]+$")
_BLOCK_LINK = re.compile(r" \^[a-zA-Z0-9-]+$")
_MAX_RUNS = 20  # the plugin's failsafe

DEFAULT_STATUSES: tuple[tuple[str, str], ...] = (
    (" ", "TODO"),
    ("x", "DONE"),
    ("/", "IN_PROGRESS"),
    ("-", "CANCELLED"),
)
STATUS_TYPES = ("TODO", "IN_PROGRESS", "ON_HOLD", "DONE", "CANCELLED", "NON_TASK")
SETTINGS_FILE = ".obsidian/plugins/obsidian-tasks-plugin/data.json"


@dataclass(frozen=True, slots=True)
class TasksSettings:
    """What of the plugin's settings changes how a task line reads."""

    statuses: tuple[tuple[str, str], ...] = DEFAULT_STATUSES  # (symbol, type)
    global_filter: str = ""

    def status_type(self, symbol: str) -> str:
        for known, kind in self.statuses:
            if known == symbol:
                return kind
        return "TODO"  # the plugin's "Unknown" status


def load_tasks_settings(root: Path) -> TasksSettings:
    """The plugin's settings in the vault at `root`; its defaults when there are none (or
    they do not read: the plugin then starts from its defaults too)."""
    try:
        data = json.loads((root / SETTINGS_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return TasksSettings()
    if not isinstance(data, dict):
        return TasksSettings()
    statuses: list[tuple[str, str]] = []
    settings = data.get("statusSettings")
    if isinstance(settings, dict):
        for group in ("coreStatuses", "customStatuses"):
            for status in settings.get(group) or []:
                if not isinstance(status, dict):
                    continue
                symbol, kind = status.get("symbol"), status.get("type")
                if isinstance(symbol, str) and len(symbol) == 1 and kind in STATUS_TYPES:
                    statuses.append((symbol, kind))
    global_filter = data.get("globalFilter")
    return TasksSettings(
        tuple(statuses) if statuses else DEFAULT_STATUSES,
        global_filter.strip() if isinstance(global_filter, str) else "",
    )


def _take(pattern: re.Pattern[str], line: str) -> tuple[re.Match[str] | None, str]:
    match = pattern.search(line)
    if match is None:
        return None, line
    return match, line[: match.start()].strip()


def _date(text: str) -> date | None:
    try:
        found = date.fromisoformat(text)
    except ValueError:
        return None  # `2023-02-30`: the plugin keeps an invalid date; we have none
    return found if EARLIEST <= found <= LATEST else None  # nor a day no search can have


def parse_task(text: str) -> TaskFields:
    """The fields of a task's text (what follows `- [ ] `), as the plugin reads them."""
    line = text.strip()
    block_link = None
    match = _BLOCK_LINK.search(line)
    if match is not None:
        block_link = match.group(0).strip()
        line = line[: match.start()].rstrip()
    values: dict[str, object] = {}
    priority = "none"
    trailing_tags: list[str] = []
    invalid: list[str] = []
    for _ in range(_MAX_RUNS):
        matched = False
        found, line = _take(_PRIORITY, line)
        if found:
            priority, matched = _PRIORITIES[found.group(1)], True
        for name, pattern in _DATES:
            found, line = _take(pattern, line)
            if found:
                values[name], matched = _date(found.group(1)), True
                if values[name] is None:
                    invalid.append(name)
        found, line = _take(_RECURRENCE, line)
        if found:
            values["recurrence"], matched = found.group(1).strip(), True
        found, line = _take(_ON_COMPLETION, line)
        if found:
            values["on_completion"], matched = found.group(1).lower(), True
        found, line = _take(_TAGS_FROM_END, line)
        if found:
            trailing_tags.insert(0, found.group(0).strip())
            matched = True
        found, line = _take(_DEPENDS_ON, line)
        if found:
            ids = tuple(part.strip() for part in found.group(1).split(","))
            values["depends_on"], matched = ids, True
        found, line = _take(_ID, line)
        if found:
            values["id"], matched = found.group(1), True
        if not matched:
            break
    description = " ".join([line, *trailing_tags]).strip() if trailing_tags else line
    tags = tuple(re.findall(r"(?:^|\s)(#[^ !@#$%^&*(),.?\":{}|<>]+)", description))
    return TaskFields(
        description=description,
        priority=priority,
        block_link=block_link,
        tags=tags,
        invalid_dates=tuple(sorted(set(invalid))),
        **values,  # type: ignore[arg-type]
    )


__all__ = ["DEFAULT_STATUSES", "TasksSettings", "load_tasks_settings", "parse_task"]
