"""Obsidian's dialect: a vault is a folder holding `.obsidian/` (help.obsidian.md, "How
Obsidian stores data"); the rules it shares with Foam are in `folders.py`.

- Skipped besides dot-folders (`.obsidian/`, `.trash/`): the "Excluded files" of
  *Settings → Files and links* (`.obsidian/app.json` `userIgnoreFilters`: a path, matched
  as a prefix, or `/a regex/`).
- Links ("Internal links"): `[[target|alias]]` (target first), `[[name#Heading]]`,
  `[[name#^block-id]]`, embeds `![[name]]`, Markdown links `[text](Some%20Note.md)`
  (URL-decoded). A link is resolved as Obsidian's link resolver does
  (`getFirstLinkpathDest`): the path from the linking note's folder, then from the vault's
  root, then every note whose path ends in the link's path (`[[name]]`: the file name);
  of several, the one the "shortest path when possible" link format means by that text —
  the note with the shortest path (fewest folders, then by name). A link to an alias of a
  note (the `aliases` property) resolves to that note when no note has that name.
- Tags: `#tag`, `#nested/tag` and the `tags` property; `aliases`. Properties are typed as
  YAML types them (dates `YYYY-MM-DD` as dates, lists, numbers, checkboxes), and Obsidian's
  date-and-time values `YYYY-MM-DDTHH:mm` as date-times.
- Task lines are read in the Tasks plugin's format (`vault/tasks.py`), with its settings.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from .folders import FolderDialect, normalize

if TYPE_CHECKING:
    from ..model import Link, Note
    from ..tasks import TasksSettings
    from . import Lookup

CACHE_NAME = ".obsidian.jobsearch.cache"
MARKER = ".obsidian"
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?$")


def _ignore_filters(root: Path) -> list[str]:
    try:
        data = json.loads((root / MARKER / "app.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return []
    filters = data.get("userIgnoreFilters") if isinstance(data, dict) else None
    return [f for f in filters if isinstance(f, str) and f] if isinstance(filters, list) else []


def shortest_first(note: Note) -> tuple[int, int, str]:
    """Of several notes a link could mean, the one with the shortest path first."""
    return (note.fname.count("/"), len(note.fname), note.fname.lower())


@dataclass(frozen=True)
class Obsidian(FolderDialect):
    """Obsidian's rules (see the module's docstring); `OBSIDIAN` is the one instance."""

    name: ClassVar[str] = "obsidian"
    cache_name: ClassVar[str] = CACHE_NAME

    def is_workspace(self, folder: Path) -> bool:
        return (folder / MARKER).is_dir()

    def excluded(self, root: Path) -> Callable[[str], bool]:
        """`userIgnoreFilters`: `/regex/` searched in the path, else a path prefix."""
        patterns: list[re.Pattern[str]] = []
        prefixes: list[str] = []
        for item in _ignore_filters(root):
            if len(item) > 2 and item.startswith("/") and item.endswith("/"):
                try:
                    patterns.append(re.compile(item[1:-1]))
                except re.error:
                    continue
            else:
                prefixes.append(item)
        if not patterns and not prefixes:
            return lambda rel: False
        return lambda rel: (
            any(rel.startswith(p) for p in prefixes) or any(p.search(rel) for p in patterns)
        )

    def tasks_settings(self, root: Path) -> TasksSettings | None:
        from ..tasks import load_tasks_settings

        return load_tasks_settings(root)

    def properties(self, fm: dict[str, Any]) -> tuple[list[str], list[str]]:
        """`tags` and `aliases`; and (in place) text values Obsidian types as date-times."""
        for key, value in fm.items():
            if isinstance(value, str) and _DATETIME.match(value):
                fm[key] = datetime.datetime.fromisoformat(value)
        return super().properties(fm)

    def resolve(self, link: Link, source: Note, index: Lookup) -> list[Note]:
        path = link.value
        if link.type in ("hashtag", "frontmatterTag"):
            return []
        if link.value == source.fname:  # `[[#Heading]]`, `[text](#heading)`: this note
            return [source]
        folder = source.fname.rpartition("/")[0]
        tried = []
        relative = normalize(f"{folder}/{path}" if folder else path)
        if relative is not None:
            tried.append(relative)
        absolute = normalize(path.lstrip("/"))
        if absolute is not None and absolute not in tried:
            tried.append(absolute)
        for candidate in tried:
            found = [n for n in index.find(candidate) if not n.stub]
            if found:
                return found[:1]
        if absolute is None:
            return []
        key = self.name_key(absolute)
        suffix = "/" + absolute.lower()
        matches = [
            n
            for n in index.named(key)
            if n.fname.lower() == absolute.lower() or n.fname.lower().endswith(suffix)
        ]
        if matches:
            return [min(matches, key=shortest_first)]
        if "/" not in absolute:
            aliased = index.aliased(absolute.lower())
            if aliased:
                return [min(aliased, key=shortest_first)]
        return []


OBSIDIAN = Obsidian()
