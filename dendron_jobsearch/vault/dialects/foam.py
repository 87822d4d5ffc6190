"""Foam's dialect: a workspace is a folder whose `.vscode/settings.json` has `foam.*` keys,
or that holds `.foam/` (foam-docs: user/getting-started/first-workspace.md); the rules it
shares with Obsidian are in `folders.py`.

- Skipped besides dot-folders: `foam.files.ignore` and VS Code's `files.exclude` globs of
  `.vscode/settings.json` (foam-docs: user/features/resource-filters.md).
- Links (user/features/wikilinks.md): `[[name]]` finds a note by name across folders, as
  Foam's workspace does (`FoamWorkspace.find`): every note whose path ends in the name
  (ignoring case); of several, those whose file name has the very case written, sorted by
  path, the first. `[[/path]]`, `[[./path]]`, `[[../path]]` are paths (from the root, from
  the note's folder). A link to a folder is a link to its `index` or `README` note.
  `[[name|alias]]`, `[[name#Section]]`, `![[embeds]]`. Markdown links `[text](path.md)` are
  paths from the note's folder. A wikilink whose text is the label of one of the note's
  link reference definitions goes where the definition says (`MarkdownResourceProvider`).
- Tags: `#tag` and the `tags` property (user/features/tags.md).
- Title: the `title` property, else the first level-1 heading, else the file name.
- The link reference definitions Foam writes at the end of a note
  (user/features/link-reference-definitions.md: `[name]: path "Title"`) are Foam's: read
  into `Note.definitions` (with the line their block starts on), never as the person's
  links a second time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from ..targets import split_target
from .folders import FolderDialect, glob_pattern, normalize

if TYPE_CHECKING:
    from ..attachments import VaultFiles
    from ..model import DefinitionsBlock, Heading, Link, Note
    from . import Lookup

CACHE_NAME = ".foam.jobsearch.cache"
SETTINGS = Path(".vscode") / "settings.json"
MARKER = ".foam"
# Foam's defaults for `foam.files.ignore` (its package.json)
DEFAULT_IGNORE = ("**/.vscode/**/*", "**/_layouts/**/*", "**/_site/**/*", "**/node_modules/**/*")
# `[label]: url` or `[label]: <url>`, an optional "title" after it (CommonMark's link
# reference definition, on one line, as Foam writes them)
_DEFINITION = re.compile(
    r"^ {0,3}\[([^\]\n]+)\]:[ \t]*(<[^>\n]*>|\S+)"
    r"""(?:[ \t]+(?:"([^"\n]*)"|'([^'\n]*)'|\(([^)\n]*)\)))?[ \t]*$"""
)


def read_jsonc(path: Path) -> Any:
    """JSON with comments and trailing commas, as VS Code writes its settings; None when
    the file is not there or does not read."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    out = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == '"':
            end = i + 1
            while end < n and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            out.append(text[i : end + 1])
            i = end + 1
        elif text.startswith("//", i):
            i = text.find("\n", i)
            i = n if i == -1 else i
        elif text.startswith("/*", i):
            i = text.find("*/", i + 2)
            i = n if i == -1 else i + 2
        else:
            out.append(char)
            i += 1
    cleaned = re.sub(r",(\s*[}\]])", r"\1", "".join(out))
    try:
        return json.loads(cleaned)
    except ValueError:
        return None


def _settings(root: Path) -> dict[str, Any]:
    data = read_jsonc(root / SETTINGS)
    return data if isinstance(data, dict) else {}


def split_definitions(body: str, first_line: int) -> tuple[str, DefinitionsBlock | None]:
    """The body without its closing block of link reference definitions, and the block."""
    from ..model import DefinitionsBlock, LinkDefinition

    lines = body.split("\n")
    end = len(lines)
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    start = end
    at = end  # Foam's `getFoamDefinitions`: a blank line may stand between two of them
    while at > 0:
        if _DEFINITION.match(lines[at - 1].rstrip("\r")):
            start = at = at - 1
        elif at > 1 and not lines[at - 1].strip() and _DEFINITION.match(lines[at - 2].rstrip("\r")):
            at -= 1
        else:
            break
    if start == end:
        return body, None
    definitions = []
    for number in range(start, end):
        match = _DEFINITION.match(lines[number].rstrip("\r"))
        if match is None:
            continue  # the blank line between two
        url = match.group(2)
        if url.startswith("<") and url.endswith(">"):
            url = url[1:-1]
        definitions.append(LinkDefinition(match.group(1), url, match.group(3), first_line + number))
    block = DefinitionsBlock(first_line + start, tuple(definitions))
    return "\n".join(lines[:start]) + ("\n" if start else ""), block


@dataclass(frozen=True)
class Foam(FolderDialect):
    """Foam's rules (see the module's docstring); `FOAM` is the one instance."""

    name: ClassVar[str] = "foam"
    cache_name: ClassVar[str] = CACHE_NAME
    note_keys: ClassVar[tuple[str, ...]] = ("title", "type", "tags")
    # Foam's parser keeps no Markdown link to the note itself (`MarkdownResourceProvider`)
    markdown_self_links: ClassVar[bool] = False

    def is_workspace(self, folder: Path) -> bool:
        if (folder / MARKER).is_dir():
            return True
        return any(str(k).startswith("foam.") for k in _settings(folder))

    def excluded(self, root: Path) -> Callable[[str], bool]:
        settings = _settings(root)
        globs = list(DEFAULT_IGNORE)
        ignore = settings.get("foam.files.ignore")
        if isinstance(ignore, list):
            globs = [g for g in ignore if isinstance(g, str)]
        exclude = settings.get("files.exclude")
        if isinstance(exclude, dict):
            globs += [g for g, on in exclude.items() if on is True and isinstance(g, str)]
        patterns = [glob_pattern(g) for g in globs]
        return lambda rel: any(p.match(rel) for p in patterns)

    def note_title(self, fm: dict[str, Any], fname: str, headings: Sequence[Heading]) -> str:
        value = fm.get("title")
        if value is not None and str(value).strip():
            return str(value)
        first = next((h for h in headings if h.level == 1), None)
        return first.text if first is not None else self.title(fname)

    def definitions(self, body: str, first_line: int) -> tuple[str, Any]:
        return split_definitions(body, first_line)

    def resolve(self, link: Link, source: Note, index: Lookup) -> list[Note]:
        """A path from the root or the note's folder, else an identifier; either, when it
        names a folder, that folder's `index` or `README` note."""
        if link.type in ("hashtag", "frontmatterTag"):
            return []
        if link.value == source.fname:  # `[[#Section]]`, `[text](#section)`: this note
            return [source]
        value = link.value.rstrip("/")
        if link.type != "markdown" and source.definitions is not None:
            for definition in source.definitions.definitions:
                if definition.label == link.value:  # Foam resolves through its definition
                    target = split_target(definition.url)
                    found = self._path(target[0], source, index) if target else None
                    return [found] if found is not None else []
        path_like = value.startswith(("/", "./", "../"))  # `FoamWorkspace.isIdentifier`
        for candidate in (value, f"{value}/index", f"{value}/README"):
            found = self._path(candidate, source, index) if path_like else None
            if found is None and not path_like:
                found = self._identifier(candidate, index)
            if found is not None:
                return [found]
        return []

    def _path(self, value: str, source: Note, index: Lookup) -> Note | None:
        if value.startswith("/"):
            path = normalize(value)
        else:
            folder = source.fname.rpartition("/")[0]
            path = normalize(f"{folder}/{value}" if folder else value)
        found = [] if path is None else [n for n in index.find(path) if not n.stub]
        return found[0] if found else None

    def _identifier(self, value: str, index: Lookup) -> Note | None:
        """`FoamWorkspace.listByIdentifier`: the notes whose path ends in `value`, ignoring
        case; of several, those whose file name has the very case written; sorted by path
        (alphabetically: "Ambiguous Links"), the first."""
        needle = value.lower()
        matches = [
            n
            for n in index.named(self.name_key(needle))
            if n.fname.lower() == needle or n.fname.lower().endswith("/" + needle)
        ]
        if len(matches) > 1:
            base = value.rpartition("/")[2]
            matches = [n for n in matches if n.fname.rpartition("/")[2] == base]
        matches.sort(key=lambda n: n.fname.lower())  # `localeCompare` of the paths
        return matches[0] if matches else None

    def resolve_file(self, link: Link, source: Note, files: VaultFiles) -> str | None:
        """As `MarkdownResourceProvider.resolveLink` finds an attachment (foam-core): an
        image's path is from the root when it starts with `/`, else from the note's folder;
        an embed `![[name]]` is a path if it starts with `/`, `./` or `../`, else an
        identifier: every file whose path ends in it (ignoring case), of several those
        whose name has the very case written, by path, the first."""
        value = link.value
        if link.type == "markdown" and not value.startswith(("/", "./", "../")):
            value = "./" + value
        if value.startswith("/"):
            path = normalize(value)
            return None if path is None else files.find(path)
        if value.startswith(("./", "../")):
            folder = source.fname.rpartition("/")[0]
            path = normalize(f"{folder}/{value}" if folder else value)
            return None if path is None else files.find(path)
        needle = value.lower()
        name = needle.rpartition("/")[2]
        matches = [
            p for p in files.named(name) if p.lower() == needle or p.lower().endswith("/" + needle)
        ]
        if len(matches) > 1:
            base = value.rpartition("/")[2]
            matches = [p for p in matches if p.rpartition("/")[2] == base]
        return min(matches, key=str.lower) if matches else None


FOAM = Foam()
