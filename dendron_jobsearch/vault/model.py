"""What a note is once read: its frontmatter, headings, links and checklist, each with a line.

Plain dataclasses with no behaviour of their own, so they pickle cheaply across processes,
serialise to the read cache, and mean the same thing to every command. (No `slots`: a
`__dict__` unpickles in C, several times faster than slots' Python-level `__setstate__`.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .links import LinkType


@dataclass(frozen=True)
class Link:
    """A link found in a note. `value` is the target fname as written (case and spaces kept);
    `line` is 1-based in the file, frontmatter included (None for frontmatter tags)."""

    type: LinkType
    value: str
    line: int | None
    alias: str | None = None
    anchor: str | None = None
    vault: str | None = None


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


@dataclass(frozen=True)
class TaskFields:
    """What the Obsidian Tasks plugin reads off a task line (its emoji format): the
    description left once the fields at the end are taken off, and each field as written
    (dates as dates). `priority` is the plugin's name: highest, high, medium, none, low,
    lowest."""

    description: str
    priority: str = "none"
    created: date | None = None
    start: date | None = None
    scheduled: date | None = None
    due: date | None = None
    done: date | None = None
    cancelled: date | None = None
    recurrence: str | None = None
    on_completion: str | None = None
    id: str | None = None
    depends_on: tuple[str, ...] = ()
    block_link: str | None = None
    tags: tuple[str, ...] = ()
    # dates written as YYYY-MM-DD that are no day (`2024-02-30`): the plugin reads the field,
    # as "Invalid date"; the field's value here is None
    invalid_dates: tuple[str, ...] = ()


@dataclass
class ChecklistItem:
    """A `- [c] text` list item: `status` is the character between the brackets; `fields`
    the Tasks plugin's reading of it, in a dialect that reads Tasks (Obsidian), else None;
    `status_type` the plugin's type of that status (TODO, IN_PROGRESS, DONE, CANCELLED,
    NON_TASK), None where no Tasks plugin reads the vault."""

    status: str
    text: str
    line: int
    children: list[ChecklistItem] = field(default_factory=list)
    fields: TaskFields | None = None
    status_type: str | None = None


@dataclass(frozen=True)
class LinkDefinition:
    """`[label]: url "title"`, one line of the link reference definitions Foam keeps at
    the end of a note."""

    label: str
    url: str
    title: str | None
    line: int


@dataclass(frozen=True)
class DefinitionsBlock:
    """The link reference definitions at the end of a note (Foam's, which Foam rewrites
    itself): `line` is the file line where the block starts; whatever a tool writes into
    the note goes above it."""

    line: int
    definitions: tuple[LinkDefinition, ...]


@dataclass(eq=False)
class Note:
    """One note of a vault, or a hierarchy stub (`stub=True`: no file, nothing but a name).
    Notes compare by identity: two notes may hold equal fields and still be two notes."""

    fname: str
    vault: str
    file: str | None  # absolute path of the note file; None for stubs
    id: str
    title: str
    frontmatter: dict[str, Any] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    checklist: list[ChecklistItem] = field(default_factory=list)
    body_line: int = 1
    stub: bool = False
    rel: str = ""  # the file's path relative to the workspace root, for messages
    # tags that are not notes (Obsidian, Foam: `#tag` and the `tags` property), as written
    # without `#`; Dendron's tags are links to `tags.*` notes instead
    tags: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # the `aliases` property (Obsidian)
    definitions: DefinitionsBlock | None = None  # Foam's link reference definitions

    @property
    def path(self) -> Path | None:
        """The note file (None for a stub)."""
        return Path(self.file) if self.file else None

    @property
    def desc(self) -> str:
        value = self.frontmatter.get("desc")
        return "" if value is None else str(value)

    @property
    def body(self) -> str:
        """The text after the frontmatter, read from disk on demand (notes do not keep it)."""
        if self.file is None:
            return ""
        from .frontmatter import split_frontmatter

        with open(self.file, encoding="utf-8-sig") as handle:
            return split_frontmatter(handle.read()).body

    def iter_checklist(self) -> list[ChecklistItem]:
        """Every checklist item, depth first, parents before their children."""
        out: list[ChecklistItem] = []
        stack = list(reversed(self.checklist))
        while stack:
            item = stack.pop()
            out.append(item)
            stack.extend(reversed(item.children))
        return out
