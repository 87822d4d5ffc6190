"""The dialect seam: what one note-taking tool's vaults do their own way, behind one interface.

A dialect says where a vault's notes live, what a note's name means (lookup key, hierarchy,
validity, the title of a note that sets none), how links are written (markdown-it rules,
registered from a table as markdown-it-py registers its own), what a new note's frontmatter
holds, and what its read cache is called. Everything else is the same for every dialect:
reading a file, YAML, the index, the graph. Dendron's is `dendron.DENDRON`, Obsidian's
`obsidian.OBSIDIAN`, Foam's `foam.FOAM`; `detect.detect_dialect` tells which a folder is.

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

    from ...config import DendronConfig, Vault
    from ...findings import Finding
    from ..attachments import VaultFiles
    from ..model import DefinitionsBlock, Heading, Link, Note
    from ..tasks import TasksSettings


NOT_STATTED = -1


def undecodable(name: str) -> bool:
    """A file name that is not UTF-8 (Python keeps its bytes as surrogates): no note can be
    named by it, linked to it or written about in a UTF-8 note, so listings leave it out."""
    return not name.isascii() and any("\udc80" <= char <= "\udcff" for char in name)


def shown(path: str) -> str:
    """A path as text that prints and writes anywhere: bytes that are not UTF-8 as `\\xff`."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def undecodable_finding(rel: str) -> Finding:
    from ...findings import Finding

    msg = "the file name is not UTF-8: not read (rename it to read it)"
    return Finding("invalid-fname", shown(rel), None, msg)


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
    # whether Markdown links `[text](path)` to notes are links (Obsidian, Foam; not Dendron)
    markdown_links: bool = False
    # (name, rule, the markdown-it block rule it runs before, alt): block rules of its own
    new_blocks: Sequence[tuple[str, RuleFuncBlockType, str, list[str]]] = ()


class Lookup(Protocol):
    """What a dialect may ask of the index when it resolves a link."""

    def find(self, fname: str, vault: str | None = None) -> list[Note]: ...

    def named(self, key: str) -> list[Note]:
        """The notes whose `Dialect.name_key` is `key`, in the index's order."""
        ...

    def aliased(self, key: str) -> list[Note]:
        """The notes with an alias whose `Dialect.name_key` is `key`."""
        ...

    def every_note(self) -> list[Note]:
        """Every note, stubs included (reads the whole vault)."""
        ...


class Dialect(Protocol):
    """Every rule of one tool's vault format."""

    name: ClassVar[str]  # "dendron", "obsidian", "foam": what `--dialect` and settings say
    cache_name: ClassVar[str]  # names the read cache (in the user's cache folder: vault/cache.py)
    note_keys: ClassVar[tuple[str, ...]]  # the frontmatter keys the tool owns, in its order
    has_stubs: ClassVar[bool]  # whether a missing hierarchy level shows as a stub note
    tags_are_notes: ClassVar[bool]  # whether `#tag` links to a note (Dendron's `tags.tag`)
    has_ids: ClassVar[bool]  # whether notes carry ids the tool keeps (a note without is told)
    # whether `[text](#heading)` is a link (to the note itself): Obsidian's is, Foam's is not
    markdown_self_links: ClassVar[bool]
    root_fname: ClassVar[str]  # the hierarchy's top: the note `root`, or "" (the vault itself)

    # the workspace
    def is_workspace(self, folder: Path) -> bool:
        """Whether `folder` holds this tool's marker (`dendron.yml`, `.obsidian/`, ...)."""
        ...

    def load_config(self, root: Path) -> DendronConfig:
        """The vaults of the workspace at `root` and how its notes read."""
        ...

    def tasks_settings(self, root: Path) -> TasksSettings | None:
        """How the Tasks plugin reads task lines there, None where it does not."""
        ...

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

    def fname_of_path(self, rel: str) -> str:
        """The fname of the note file at workspace-relative `rel` (found in a finding)."""
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

    def note_title(self, fm: dict[str, Any], fname: str, headings: Sequence[Heading]) -> str:
        """The title the tool shows for a note with this frontmatter and these headings."""
        ...

    def note_id(self, fm: dict[str, Any], vault: str, fname: str) -> str:
        """The note's id: its own where the tool has ids, else one made from its name."""
        ...

    def name_key(self, fname: str) -> str:
        """The key a link that names no folder finds a note by (Obsidian: its file name)."""
        ...

    # links
    def markdown_rules(self, hashtags: bool, usertags: bool) -> MarkdownRules:
        """The markdown-it rules of the link syntax (`#tag` and `@user` rules only if asked)."""
        ...

    def frontmatter_links(self, fm: dict[str, Any]) -> list[Link] | None:
        """Links the frontmatter makes (Dendron's `tags`), None when it cannot be read so."""
        ...

    def definitions(self, body: str, first_line: int) -> tuple[str, DefinitionsBlock | None]:
        """The body the person's links are read from, and the tool's own block of link
        reference definitions at its end (Foam's), with its first file line."""
        ...

    def property_types(self, root: Path) -> tuple[tuple[str, str], ...]:
        """(property, type) the tool keeps for the whole vault (Obsidian's `types.json`)."""
        ...

    def properties(
        self, fm: dict[str, Any], types: tuple[tuple[str, str], ...] = ()
    ) -> tuple[list[str], list[str]]:
        """The note's tags and aliases from its properties (dialects whose tags are no
        notes); the properties typed (in place) as the tool types them, by `types`."""
        ...

    def resolve(self, link: Link, source: Note, index: Lookup) -> list[Note]:
        """The notes `link`, written in `source`, points at, as the tool finds them."""
        ...

    # attachments (`vault/attachments.py`)
    def embeds_file(self, link: Link) -> bool:
        """Whether `link` embeds a file that is no note (an image, a PDF)."""
        ...

    def vault_files(self, root: Path, vault: Vault) -> VaultFiles:
        """The vault's files that are no notes, but those the tool skips."""
        ...

    def resolve_file(self, link: Link, source: Note, files: VaultFiles) -> str | None:
        """The file (its path in `files`' vault) an embed finds, as the tool finds it."""
        ...

    # new notes
    def new_frontmatter(self, title: str, desc: str, now_ms: int) -> dict[str, Any]:
        """The frontmatter a new note starts with (a fresh id, if the tool has ids), before
        the caller's own keys."""
        ...
