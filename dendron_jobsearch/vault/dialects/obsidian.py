"""Obsidian's dialect: a vault is a folder holding `.obsidian/` (help.obsidian.md, "How
Obsidian stores data"); the rules it shares with Foam are in `folders.py`.

- Skipped besides dot-folders (`.obsidian/`, `.trash/`): the "Excluded files" of
  *Settings → Files and links* (`.obsidian/app.json` `userIgnoreFilters`: a path, matched
  as a prefix, or `/a regex/`).
- Links ("Internal links"): `[[target|alias]]` (target first), `[[name#Heading]]`,
  `[[name#^block-id]]`, embeds `![[name]]`, Markdown links `[text](Some%20Note.md)`
  (URL-decoded). A link is resolved as Obsidian's `MetadataCache.getFirstLinkpathDest`
  resolves it (as observed on Obsidian 1.13.7, pvliesdonk/markdown-vault-mcp#1380): the
  path from the vault's root wins; `./` and `../` are paths from the note's folder and
  nothing else; else every note whose path ends in the link's (`[[name]]`: its file name),
  and of several the one in the linking note's own folder, else the shortest path string.
  A link to an alias resolves as Obsidian writes it, `[[Note|alias]]`; a bare `[[alias]]`
  stays unresolved, as in Obsidian (forum.obsidian.md/t/78013, luke321/vault-graph#141).
  Wikilinks in text and list properties are links of the note (help.obsidian.md,
  "Properties": internal links), with no line.
- Tags: `#tag`, `#nested/tag` and the `tags` property; `aliases` (both lists, as Obsidian
  1.9 reads them). Properties are typed as Obsidian types them (`vault/properties.py`).
- Task lines are read in the Tasks plugin's format (`vault/tasks.py`), with its settings.
- Nothing in a `%%` comment block is read (`rules/comment.py`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from . import MarkdownRules
from .folders import FolderDialect, normalize, text_list

if TYPE_CHECKING:
    from ..attachments import VaultFiles
    from ..model import Link, Note
    from ..tasks import TasksSettings
    from . import Lookup

CACHE_NAME = ".obsidian.jobsearch.cache"
MARKER = ".obsidian"


def _ignore_filters(root: Path) -> list[str]:
    try:
        data = json.loads((root / MARKER / "app.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return []
    filters = data.get("userIgnoreFilters") if isinstance(data, dict) else None
    return [f for f in filters if isinstance(f, str) and f] if isinstance(filters, list) else []


def closest_first(note: Note, folder: str) -> tuple[bool, int, str]:
    """Of several notes a link from a note in `folder` could mean: the one in that very
    folder first (an ancestor folder counts for nothing), then the shortest path (as text,
    not by its folders), then by path."""
    return (note.fname.rpartition("/")[0] != folder, len(note.fname), note.fname)


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

    def markdown_rules(self, hashtags: bool = True, usertags: bool = True) -> MarkdownRules:
        """The rules Obsidian shares with Foam, its own tags and its `%%` comment blocks."""
        from ..rules import comment, obsidian_tag

        rules = super().markdown_rules(hashtags, usertags)
        inline = [r for r in rules.inline if r[0] != "obsidian_tag"]
        if hashtags:  # Obsidian's tags start where Foam's do not (`rules/obsidian_tag.py`)
            inline.append(("obsidian_tag", obsidian_tag.obsidian_tag, "link"))
        blocks = [("obsidian_comment", comment.comment, "fence", comment.ALT)]
        return replace(rules, inline=inline, new_blocks=blocks)

    def tasks_settings(self, root: Path) -> TasksSettings | None:
        from ..tasks import load_tasks_settings

        return load_tasks_settings(root)

    def frontmatter_links(self, fm: dict[str, Any]) -> list[Link] | None:
        """`[[links]]` in text and list properties ("Properties": Obsidian lists them in
        backlinks and the graph); the frontmatter keeps no lines, so neither do they."""
        from ..model import Link
        from ..rules.wikilink_target import LINK, parse_target_first

        links = []
        for value in fm.values():
            for item in value if isinstance(value, list) else [value]:
                if not isinstance(item, str) or "[[" not in item:
                    continue
                for match in LINK.finditer(item):
                    raw = parse_target_first(match.group(1))
                    if raw is not None:
                        links.append(Link(raw.type, raw.value, None, raw.alias, raw.anchor))
        return links

    def property_types(self, root: Path) -> tuple[tuple[str, str], ...]:
        from ..properties import load_property_types

        return load_property_types(root)

    def properties(
        self, fm: dict[str, Any], types: tuple[tuple[str, str], ...] = ()
    ) -> tuple[list[str], list[str]]:
        """`tags` and `aliases` as Obsidian 1.9 reads them: lists only (a text is no longer
        recognised), the keys in any case (`TAGS`), `tag` and `alias` no longer (Tasks docs:
        Support and Help/Missing tags, aliases and cssclasses in some Obsidian 1.9.x
        versions.md). The properties are typed (in place) as Obsidian shows them
        (`vault/properties.py`)."""
        from ..properties import type_properties

        type_properties(fm, types)
        tags: list[str] = []
        aliases: list[str] = []
        for key, value in fm.items():
            name = str(key).lower()
            if name == "tags":
                tags += text_list(value, split=False)
            elif name == "aliases":
                aliases += text_list(value, split=False)
        return tags, aliases

    def resolve(self, link: Link, source: Note, index: Lookup) -> list[Note]:
        """`MetadataCache.getFirstLinkpathDest`: the path from the vault's root; a path
        starting with `./` or `../` from the note's folder, and nothing else; else every
        note whose path ends in the link's (`[[name]]`: the file name) — of several, the one
        in the note's own folder, else the shortest path. An alias is no name: Obsidian
        writes `[[Note|alias]]` when one is picked, and leaves `[[alias]]` unresolved."""
        if link.type in ("hashtag", "frontmatterTag"):
            return []
        if link.value == source.fname:  # `[[#Heading]]`, `[text](#heading)`: this note
            return [source]
        path = link.value
        folder = source.fname.rpartition("/")[0]
        if path.startswith(("./", "../")):
            relative = normalize(f"{folder}/{path}" if folder else path)
            return [] if relative is None else self._exact(relative, index)
        absolute = normalize(path)
        if absolute is None:
            return []
        found = self._exact(absolute, index)
        if found:
            return found
        suffix = "/" + absolute.lower()
        matches = [
            n
            for n in index.named(self.name_key(absolute))
            if n.fname.lower() == absolute.lower() or n.fname.lower().endswith(suffix)
        ]
        if matches:
            return [min(matches, key=lambda n: closest_first(n, folder))]
        return []

    def _exact(self, fname: str, index: Lookup) -> list[Note]:
        return [n for n in index.find(fname) if not n.stub][:1]

    def resolve_file(self, link: Link, source: Note, files: VaultFiles) -> str | None:
        """An attachment is found as a note is (`resolve`, help.obsidian.md "Accepted file
        formats": embeds and links find any file so): the path from the vault's root, a
        `./` or `../` path from the note's folder, else every file whose path ends in the
        link's, the one in the note's folder first, else the shortest path. A `../` above
        the vault's root is dropped, as a URL resolves it: where Obsidian's rule is unknown
        (obsidian-tasks-docs writes `../../images/x.png` one folder down, for its web
        pages), no embed is called missing that may well show."""
        from ..attachments import clamped

        folder = source.fname.rpartition("/")[0]
        if link.value.startswith(("./", "../")):
            return files.find(clamped(f"{folder}/{link.value}"))
        absolute = normalize(link.value)
        if absolute is None:
            return None
        found = files.find(absolute)
        if found is not None:
            return found
        suffix = "/" + absolute.lower()
        name = absolute.rpartition("/")[2]
        matches = [p for p in files.named(name) if p.lower().endswith(suffix)]
        if not matches:
            return None
        return min(matches, key=lambda p: (p.rpartition("/")[0] != folder, len(p), p))


OBSIDIAN = Obsidian()
