"""What Obsidian and Foam share: the whole folder is one vault, every `.md` below it is a
note, folders are the hierarchy.

- A note's fname is its path from the vault's root without `.md`, `/`-separated
  (`Job search/Stages/01 Preparation`); the parent of `a/b/c` is `a/b`, whether or not a
  note `a/b.md` exists (a folder is no note: there are no stubs); a top-level note's parent
  is the root, `""`. Lookups ignore case, as both apps do on the file systems they run on.
- Skipped: dot-folders and dot-files (`.obsidian/`, `.trash/`, `.foam/`, `.git/`),
  `node_modules/`, and what the dialect's own settings exclude.
- Notes have no ids: a note's id is made from its name (stable across loads), and no note
  is told it lacks frontmatter.
- Tags are no notes: `#tag` and the `tags` property go to `Note.tags`, never to links.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from ...config import DendronConfig, Vault
from ...findings import Finding
from ..targets import is_attachment, normalize
from ..values import stable_id
from . import MarkdownRules, NoteFile, undecodable, undecodable_finding

if TYPE_CHECKING:
    from ..attachments import VaultFiles
    from ..model import Heading, Link, Note
    from ..tasks import TasksSettings
    from . import Lookup

SKIPPED_FOLDERS = frozenset({"node_modules"})
# Characters no note name may hold: not allowed in file names on Windows, macOS or Android,
# or meaning something else inside a link (`#` heading, `^` block, `|` alias, `[]`).
_FORBIDDEN = re.compile(r'[\\:*?"<>|#^\[\]]')


def glob_pattern(glob: str) -> re.Pattern[str]:
    """A VS Code / minimatch glob (`**/_site/**/*`, `_site/**`, `*.{md,txt}`) as a regex
    over `/`-separated paths relative to the workspace folder."""
    out = []
    i = 0
    while i < len(glob):
        char = glob[i]
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if glob.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "{":
            end = glob.find("}", i)
            if end == -1:
                out.append(re.escape(char))
            else:
                options = glob[i + 1 : end].split(",")
                out.append("(?:" + "|".join(re.escape(o) for o in options) + ")")
                i = end + 1
                continue
        else:
            out.append(re.escape(char))
        i += 1
    return re.compile("^" + "".join(out) + "(?:/.*)?$")


@dataclass(frozen=True)
class FolderDialect:
    """The rules Obsidian and Foam share (see the module's docstring)."""

    name: ClassVar[str] = ""
    cache_name: ClassVar[str] = ""
    note_keys: ClassVar[tuple[str, ...]] = ("tags", "aliases")
    has_stubs: ClassVar[bool] = False
    tags_are_notes: ClassVar[bool] = False
    has_ids: ClassVar[bool] = False
    markdown_self_links: ClassVar[bool] = True
    root_fname: ClassVar[str] = ""

    # the workspace

    def is_workspace(self, folder: Path) -> bool:  # pragma: no cover - each dialect's own
        raise NotImplementedError

    def load_config(self, root: Path) -> DendronConfig:
        """One vault: the whole folder, named after it."""
        vault = Vault(root.name or str(root), ".", root)
        # no `maxNoteLength`: every note's links are read, however long
        return DendronConfig(
            root=root, version=None, vaults=(vault,), usertags=False, max_note_length=2**62
        )

    def excluded(self, root: Path) -> Callable[[str], bool]:
        """What the app's settings leave out, by `/`-separated path from the root."""
        return lambda rel: False

    def tasks_settings(self, root: Path) -> TasksSettings | None:
        return None

    # where notes live

    def _skipped_name(self, name: str) -> bool:
        return name.startswith(".") or name in SKIPPED_FOLDERS

    def list_note_files(self, root: Path, vault: Vault) -> tuple[list[NoteFile], list[Finding]]:
        """Every `.md` below the vault's folder, but the skipped ones; symbolic links only
        when they stay inside the vault; named only, not statted (see `NoteFile`)."""
        files: list[NoteFile] = []
        findings: list[Finding] = []
        folder = vault.notes_dir
        if not folder.is_dir():
            rel = os.path.relpath(folder, root)
            return [], [Finding("vault-missing", rel, None, f"vault {vault.name!r}: no folder")]
        excluded = self.excluded(folder)
        real_folder = os.path.realpath(folder)
        stack = [""]
        while stack:
            sub = stack.pop()
            here = os.path.join(folder, sub) if sub else str(folder)
            try:
                entries = list(os.scandir(here))
            except OSError as err:
                rel = os.path.relpath(here, root)
                findings.append(Finding("unreadable", rel, None, f"cannot list: {err.strerror}"))
                continue
            for entry in entries:
                if self._skipped_name(entry.name):
                    continue
                vrel = f"{sub}/{entry.name}" if sub else entry.name
                if excluded(vrel):
                    continue
                rel = os.path.relpath(entry.path, root)
                if undecodable(entry.name):
                    findings.append(undecodable_finding(rel))
                    continue
                try:
                    kind = _kind(entry, real_folder)
                except OSError as err:
                    msg = f"cannot read: {err.strerror}"
                    findings.append(Finding("unreadable", rel, None, msg))
                    continue
                if kind == "folder":
                    stack.append(vrel)
                elif kind == "note":
                    files.append(NoteFile(vault.name, vrel[:-3], entry.path, rel))
                elif kind == "outside":
                    target = os.path.realpath(entry.path)
                    msg = f"symbolic link to {target}, outside the vault: not followed"
                    findings.append(Finding("outside-vault", rel, None, msg))
        return files, findings

    def note_file_of(
        self, root: Path, vaults: Sequence[Vault], path: Path
    ) -> tuple[str, str, str] | None:
        if not path.name.endswith(".md") or undecodable(str(path)):
            return None
        for vault in vaults:
            try:
                vrel = Path(os.path.normpath(path)).relative_to(vault.notes_dir).as_posix()
            except ValueError:
                continue
            parts = vrel.split("/")
            if any(self._skipped_name(p) for p in parts) or self.excluded(vault.notes_dir)(vrel):
                return None
            return vault.name, vrel[:-3], os.path.relpath(path, root)
        return None

    def fname_of_path(self, rel: str) -> str:
        """The path from the root (the vault is the workspace's folder), without `.md`."""
        return Path(rel).as_posix().removesuffix(".md")

    def vault_findings(self, root: Path, vault: Vault, fnames: Iterable[str]) -> list[Finding]:
        """Nothing: any folder of notes is a vault."""
        return []

    def shown_duplicate(self, same_id: Sequence[Note], notes: Iterable[Note]) -> Note:
        """Ids come from the names, so two notes never share one; the first, if they do."""
        return same_id[0]

    # names and hierarchy

    def clean_name(self, fname: str) -> str:
        return fname.lower()

    def clean_names(self, fnames: list[str]) -> list[str]:
        """`clean_name` of each, in one pass over the names joined by NULs."""
        return "\0".join(fnames).lower().split("\0") if fnames else []

    def parent_fname(self, fname: str) -> str:
        """`a/b/c` -> `a/b`; a top-level note's parent is the root, `""`."""
        return fname.rpartition("/")[0]

    def ancestors(self, fname: str) -> list[str]:
        parts = fname.split("/")
        return ["/".join(parts[:i]) for i in range(len(parts) - 1, 0, -1)]

    def stub_fnames(self, fnames: Iterable[str]) -> list[str]:
        """None: a folder is no note."""
        return []

    def fname_problem(self, fname: str) -> str | None:
        """A name the app cannot hold or link to: empty, or a segment that is empty, `.`,
        `..`, starts with a dot (hidden), is padded with spaces, or holds `\\ : * ? " < > |
        # ^ [ ]` or control characters."""
        if not fname:
            return "the name is empty"
        for segment in fname.split("/"):
            if segment in ("", ".", ".."):
                return f"the path segment {segment!r} is not a folder or file name"
            if segment.startswith("."):
                return f"{segment!r} starts with a dot: the app hides it"
            if segment != segment.strip():
                return f"the segment {segment!r} has leading or trailing spaces"
            found = _FORBIDDEN.search(segment)
            if found:
                return f"a note name cannot contain {found.group(0)!r}"
        if any(ord(ch) < 32 for ch in fname):
            return "a note name cannot contain control characters"
        return None

    def title(self, fname: str) -> str:
        """The file's name without `.md`: what both apps show."""
        return fname.rpartition("/")[2]

    def note_title(self, fm: dict[str, Any], fname: str, headings: Sequence[Heading]) -> str:
        return self.title(fname)

    def note_id(self, fm: dict[str, Any], vault: str, fname: str) -> str:
        return stable_id(vault, self.clean_name(fname))

    def name_key(self, fname: str) -> str:
        """The file name, lower-case: what a link naming no folder finds a note by."""
        return fname.rpartition("/")[2].lower()

    # links

    def markdown_rules(self, hashtags: bool = True, usertags: bool = True) -> MarkdownRules:
        from .. import attachments
        from ..rules import embed, footnote, tag, wikilink_target

        inline = [
            ("attachment_embed", attachments.embed, "link"),  # before the embeds of notes
            ("obsidian_embed", embed.embed, "link"),
            ("obsidian_wikilink", wikilink_target.wikilink, "link"),
            ("attachment_image", attachments.image, "image"),
        ]
        if hashtags:
            inline.append(("obsidian_tag", tag.tag, "link"))  # Foam's (Obsidian: its own)
        return MarkdownRules(
            inline=inline,
            # both apps read footnotes (`[^1]: text`), which CommonMark takes for definitions
            block=[("reference", footnote.footnote, footnote.ALT)],
            may_link=re.compile(r"\[|#"),
            markdown_links=True,
        )

    def frontmatter_links(self, fm: dict[str, Any]) -> list[Link] | None:
        return []

    def property_types(self, root: Path) -> tuple[tuple[str, str], ...]:
        return ()

    def properties(
        self, fm: dict[str, Any], types: tuple[tuple[str, str], ...] = ()
    ) -> tuple[list[str], list[str]]:
        """`tags` (a list, or a text of comma-separated tags) and `aliases`."""
        return text_list(fm.get("tags")), text_list(fm.get("aliases"))

    def definitions(self, body: str, first_line: int) -> tuple[str, Any]:
        """The body to read, and the link reference definitions that are the app's own."""
        return body, None

    def resolve(self, link: Link, source: Note, index: Lookup) -> list[Note]:  # pragma: no cover
        raise NotImplementedError

    # attachments

    def embeds_file(self, link: Link) -> bool:
        """`![[diagram.svg]]` and `![alt](img/x.png)`."""
        return link.type in ("ref", "markdown") and is_attachment(link.value)

    def vault_files(self, root: Path, vault: Vault) -> VaultFiles:
        """Every file of the folder but notes, dot-files, `node_modules/` and what the
        app's settings exclude: what the app lists besides its notes."""
        from ..attachments import list_files

        folder = vault.notes_dir
        return list_files(root, folder, self._skipped_name, self.excluded(folder))

    def resolve_file(
        self, link: Link, source: Note, files: VaultFiles
    ) -> str | None:  # pragma: no cover
        raise NotImplementedError

    # new notes

    def new_frontmatter(self, title: str, desc: str, now_ms: int) -> dict[str, Any]:
        """No ids, no epoch times: a new note starts with no properties of the tool's own
        (its title is its file name)."""
        return {}


def _kind(entry: os.DirEntry[str], real_folder: str) -> str:
    """What a folder's entry is to the listing: `note`, `folder` (to list), `outside` (a
    symbolic link out of the vault) or `other`; from the entry's type, without a stat."""
    if entry.is_file(follow_symlinks=False):  # the common case, in one call
        return "note" if entry.name.endswith(".md") else "other"
    if entry.is_symlink():
        target = os.path.realpath(entry.path)
        if not (target + os.sep).startswith(real_folder + os.sep):
            return "outside"
        if entry.is_dir():
            return "other"  # a linked folder inside the vault: its notes are read where they lie
    if entry.is_dir(follow_symlinks=False):
        return "folder"
    return "note" if entry.name.endswith(".md") and entry.is_file() else "other"


def text_list(value: object, *, split: bool = True) -> list[str]:
    """A property as a list of texts: a list as it is, a text split at commas (unless not
    `split`: then it is no list at all), a leading `#` dropped (tags)."""
    if value is None:
        return []
    items: list[object]
    if isinstance(value, list):
        items = list(value)
    elif isinstance(value, str) and split:
        items = list(value.split(","))
    else:
        return []
    out = []
    for item in items:
        if item is None or isinstance(item, dict | list):
            continue
        text = str(item).strip().lstrip("#")
        if text:
            out.append(text)
    return out


__all__ = ["FolderDialect", "glob_pattern", "normalize", "text_list"]
