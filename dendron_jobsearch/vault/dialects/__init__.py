"""The dialect seam: what one note-taking tool's vaults do their own way, behind one interface.

A dialect says where a vault's notes live, what a note's name means (lookup key, hierarchy,
validity, the title of a note that sets none), how links are written (markdown-it rules,
registered from a table as markdown-it-py registers its own), what a new note's frontmatter
holds, and what its read cache is called. Everything else is the same for every dialect:
reading a file, YAML, the index, the graph. Dendron's is `dendron.DENDRON`.

A dialect is a frozen dataclass, stateless: it pickles to worker processes, and two equal
dialects share one cached markdown-it parser.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

if TYPE_CHECKING:
    import re
    from pathlib import Path

    from markdown_it.parser_block import RuleFuncBlockType
    from markdown_it.parser_inline import RuleFuncInlineType

    from ...config import Vault
    from ...findings import Finding
    from ..model import Note


NOT_STATTED = -1


@dataclass(slots=True)
class NoteFile:
    """One note file of a vault, as listed: `rel` is relative to the workspace root.

    A listing names files only (`mtime_ns` and `size` are `NOT_STATTED`): what reads a few
    notes of a large vault should not pay a `stat` for every other file. `statted` asks
    the system when the read cache needs the figures. (Not frozen: a frozen dataclass's
    `__init__` costs several times as much, and listings hold tens of thousands.)"""

    vault: str
    fname: str
    path: str
    rel: str
    mtime_ns: int = NOT_STATTED
    size: int = NOT_STATTED

    def statted(self) -> NoteFile:
        """This file with its size and modification time now (unchanged if it is gone:
        reading it will say why)."""
        if self.mtime_ns != NOT_STATTED:
            return self
        try:
            stat = os.stat(self.path)
        except OSError:
            return self
        return NoteFile(self.vault, self.fname, self.path, self.rel, stat.st_mtime_ns, stat.st_size)


@dataclass(frozen=True, slots=True)
class MarkdownRules:
    """What a dialect adds to markdown-it, in tables like markdown-it-py's own `_rules`."""

    # (name, rule, the markdown-it rule it runs before), registered in this order
    inline: Sequence[tuple[str, RuleFuncInlineType, str]]
    # (name, rule, alt): each replaces markdown-it's block rule of that name
    block: Sequence[tuple[str, RuleFuncBlockType, list[str]]]
    # text where one of the inline rules could match: blocks without it skip inline parsing
    may_link: re.Pattern[str]


class Dialect(Protocol):
    """Every rule of one tool's vault format."""

    cache_name: ClassVar[str]  # names the read cache (in the user's cache folder: vault/cache.py)
    note_keys: ClassVar[tuple[str, ...]]  # the frontmatter keys the tool owns, in its order

    def __hash__(self) -> int:  # a dialect keys the cache of markdown-it parsers
        ...

    # where notes live
    def list_note_files(self, root: Path, vault: Vault) -> tuple[list[NoteFile], list[Finding]]:
        """The note files of a vault (in any order: the index sorts them), and what kept
        others from the list."""
        ...

    def note_file_of(
        self, root: Path, vaults: Sequence[Vault], path: Path
    ) -> tuple[str, str, str] | None:
        """(vault name, fname, workspace-relative path) when `path` is a note file."""
        ...

    def vault_findings(self, root: Path, vault: Vault, fnames: Iterable[str]) -> list[Finding]:
        """What the tool needs in a vault that this one, holding notes `fnames`, lacks."""
        ...

    def shown_duplicate(self, same_id: Sequence[Note], notes: Iterable[Note]) -> Note:
        """Of notes sharing an id (`notes` being all the workspace's), the one the tool
        itself shows when an id can name only one note."""
        ...

    # names and hierarchy
    def clean_name(self, fname: str) -> str:
        """The key a note is looked up by: names with the same key are the same note."""
        ...

    def clean_names(self, fnames: list[str]) -> list[str]:
        """`clean_name` of each name, in order (a listing's worth at once, fast)."""
        ...

    def parent_fname(self, fname: str) -> str:
        """The note one level up the hierarchy."""
        ...

    def ancestors(self, fname: str) -> list[str]:
        """Every level above `fname`, nearest first, the root excluded."""
        ...

    def stub_fnames(self, fnames: Iterable[str]) -> list[str]:
        """The levels no note of one vault holds, which the tool shows as stubs."""
        ...

    def fname_problem(self, fname: str) -> str | None:
        """Why `fname` cannot name a note, or None when it can."""
        ...

    def title(self, fname: str) -> str:
        """The title of a note that sets none, and of a stub."""
        ...

    # links
    def markdown_rules(self, hashtags: bool, usertags: bool) -> MarkdownRules:
        """The markdown-it rules of the link syntax (`#tag` and `@user` rules only if asked)."""
        ...

    # new notes
    def new_frontmatter(self, title: str, desc: str, now_ms: int) -> dict[str, Any]:
        """The frontmatter a new note starts with (a fresh id, if the tool has ids), before
        the caller's own keys."""
        ...
