"""What a note is once read: its frontmatter, headings, links and checklist, each with a line.

Plain dataclasses with no behaviour of their own, so they pickle cheaply across processes,
serialise to the read cache, and mean the same thing to every command. (No `slots`: a
`__dict__` unpickles in C, several times faster than slots' Python-level `__setstate__`.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass
class ChecklistItem:
    """A `- [c] text` list item: `status` is the character between the brackets."""

    status: str
    text: str
    line: int
    children: list[ChecklistItem] = field(default_factory=list)


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
