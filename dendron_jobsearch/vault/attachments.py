"""Attachments: files that are no notes (`diagram.svg`, `paper.pdf`) embedded in a note.

An embed of one is a link like any other (`Note.links`), kept so that the graph and
`check` see it: `![[diagram.svg]]` and `![[image.png|100]]` (Obsidian, Foam), and a
Markdown image `![alt](img/x.png)` (all three apps; Dendron's `![[note]]` embeds a note).
Two markdown-it rules read them, registered by the dialects beside their own; each dialect
resolves them against its vault's files (`VaultFiles`, listed on first use), as the app
finds an attachment (`Dialect.resolve_file`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from .links import RawLink
from .rules import push_link
from .targets import is_attachment

if TYPE_CHECKING:
    from markdown_it.rules_inline import StateInline

_EMBED = re.compile(r"!\[\[([^\[\]\n]+)\]\]")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def embed(state: StateInline, silent: bool) -> bool:
    """`![[diagram.svg#anchor|size]]`: an embedded attachment (the embed rule proper takes
    embeds of notes, after this one)."""
    if not state.src.startswith("![[", state.pos):
        return False
    match = _EMBED.match(state.src, state.pos)
    if match is None:
        return False
    target, _, size = match.group(1).partition("|")
    path, _, anchor = target.removesuffix("\\").partition("#")
    path = path.strip()
    if not is_attachment(path):
        return False
    link = RawLink("ref", path, size.strip() or None, anchor.strip() or None)
    return push_link(state, link, match.group(0), match.end(), silent)


def image(state: StateInline, silent: bool) -> bool:
    """markdown-it's image rule; an image of a file of the vault is also an embed of it."""
    if not state.src.startswith("![", state.pos):  # the rule runs at every special character
        return False
    from markdown_it.rules_inline.image import image as markdown_image

    start = state.pos
    if not markdown_image(state, silent):
        return False
    if silent:
        return True
    target = file_target(str(state.tokens[-1].attrs.get("src", "")))
    if target is not None:
        end, state.pos = state.pos, start  # the link's offset: where the image starts
        push_link(state, RawLink("markdown", *target), state.src[start:end], end, silent)
    return True


def file_target(src: str) -> tuple[str, None, str | None] | None:
    """An image's source as (URL-decoded path, no alias, anchor) when it names an
    attachment in the vault, not a URL."""
    if not src or _SCHEME.match(src) or src.startswith("//"):
        return None
    path, _, anchor = src.partition("#")
    path = unquote(path)
    return (path, None, unquote(anchor) or None) if is_attachment(path) else None


def clamped(path: str) -> str:
    """`a/./b/../c` -> `a/c`, a `..` above the root dropped, as a URL resolves it."""
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


@dataclass
class VaultFiles:
    """The files of one vault that are no notes, by their path in the vault (`/`-separated),
    looked up as the apps look them up: ignoring case."""

    folder: str  # the vault's folder, relative to the workspace root ("" for the root)
    paths: list[str]
    _by_path: dict[str, str] = field(init=False, repr=False)
    _by_name: dict[str, list[str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.paths = sorted(self.paths)
        self._by_path = {p.lower(): p for p in self.paths}
        self._by_name = {}
        for path in self.paths:
            self._by_name.setdefault(path.rpartition("/")[2].lower(), []).append(path)

    def find(self, path: str) -> str | None:
        """The file at `path` in the vault (any case)."""
        return self._by_path.get(path.lower())

    def named(self, name: str) -> list[str]:
        """The files called `name` (any case), in any folder, by path."""
        return list(self._by_name.get(name.lower(), []))

    def rel(self, path: str) -> str:
        """A file's path from the workspace root."""
        return f"{self.folder}/{path}" if self.folder else path


def list_files(
    root: Path,
    folder: Path,
    skipped: Callable[[str], bool],
    excluded: Callable[[str], bool] = lambda rel: False,
) -> VaultFiles:
    """Every file below `folder` but notes, what the app skips by name (`skipped`: a file
    or folder name) and by path (`excluded`: a `/`-separated path in the vault). Folders
    that are symbolic links are not entered."""
    paths = []
    for here, folders, files in os.walk(folder):
        sub = Path(here).relative_to(folder).as_posix()
        prefix = "" if sub == "." else sub + "/"
        folders[:] = [f for f in folders if not skipped(f) and not excluded(prefix + f)]
        paths += [
            prefix + name
            for name in files
            if not name.endswith(".md") and not skipped(name) and not excluded(prefix + name)
        ]
    rel = os.path.relpath(folder, root)
    return VaultFiles("" if rel == "." else Path(rel).as_posix(), paths)


__all__ = [
    "VaultFiles",
    "clamped",
    "embed",
    "file_target",
    "image",
    "list_files",
]
