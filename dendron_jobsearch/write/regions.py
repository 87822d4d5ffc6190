"""The tool's regions in a note: `<!-- dendron-jobsearch:begin NAME -->` … `end NAME -->`.
Only what is between a pair is ever rewritten; every other byte stays.

A marker is a marker only where the tool puts one: alone on its line (white space around
it allowed), below the frontmatter. The same text inside a line (a company called
`Tail <!-- dendron-jobsearch:end dashboard --> x` in a table) or in a `title:` is none, and
a region's content never holds a line that would be one (`defuse`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..vault.frontmatter import split_frontmatter

MARK = "dendron-jobsearch"
_MARKER = re.compile(
    rf"[ \t]*<!--[ \t]*{MARK}:(?P<kind>begin|end)[ \t]+(?P<name>[\w.-]+)[ \t]*-->[ \t]*"
)
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")  # as Markdown counts lines


def begin(name: str) -> str:
    return f"<!-- {MARK}:begin {name} -->"


def end(name: str) -> str:
    return f"<!-- {MARK}:end {name} -->"


def marker(line: str) -> tuple[str, str] | None:
    """(`begin` or `end`, the region's name) when `line` (without its line ending) is a
    marker: the whole line."""
    found = _MARKER.fullmatch(line)
    return None if found is None else (found.group("kind"), found.group("name"))


def defuse(content: str) -> str:
    """`content` with every line that would read as a marker shown as text instead (its
    `<` as `&lt;`): what the tool writes into a region can never open or close one."""
    lines = content.split("\n")
    return "\n".join(
        line.replace("<", "&lt;", 1) if marker(line.rstrip("\r")) else line for line in lines
    )


def block(name: str, content: str) -> str:
    """A whole region, for a new note or one appended to an existing note."""
    return f"{begin(name)}\n{defuse(content.strip(chr(10)))}\n{end(name)}"


@dataclass(frozen=True)
class Region:
    name: str
    start: int  # index just after the begin marker's line
    stop: int  # index of the end marker


class RegionError(ValueError):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _body_start(text: str) -> int:
    """Where a note's body starts: after its frontmatter when that closes (0 without one)."""
    bom = 1 if text.startswith("\ufeff") else 0
    split = split_frontmatter(text[bom:])
    return len(text) - len(split.body) if split.yaml is not None and split.closed else 0


def find_regions(text: str) -> list[Region]:
    """Every region of `text`, in order. An unclosed or crossed pair is a RegionError."""
    regions: list[Region] = []
    open_name: str | None = None
    open_at = open_line = 0
    position = _body_start(text)
    number = text.count("\n", 0, position)
    for found in _LINES.finditer(text, position):
        number += 1
        line = found.group(0)
        kind_name = marker(line.rstrip("\r\n"))
        if kind_name is None:
            continue
        kind, name = kind_name
        if kind == "begin":
            if open_name is not None:
                raise RegionError(
                    f"region {open_name!r} is not closed before {line.strip()}", number
                )
            open_name, open_at, open_line = name, found.end(), number
        else:
            if open_name != name:
                raise RegionError(f"{line.strip()} closes no open region", number)
            regions.append(Region(name, open_at, found.start()))
            open_name = None
    if open_name is not None:
        raise RegionError(f"region {open_name!r} is never closed", open_line)
    return regions


def replace_region(text: str, name: str, content: str) -> str | None:
    """`text` with region `name` holding `content` (line endings matched to the note's);
    None when the note has no such region."""
    for region in find_regions(text):
        if region.name == name:
            eol = "\r\n" if "\r\n" in text else "\n"
            body = defuse(content.strip("\n")).replace("\n", eol) + eol
            return text[: region.start] + body + text[region.stop :]
    return None


def region_lines(path: Path | None, name: str) -> tuple[list[str] | None, bool]:
    """The lines of region `name` in the note at `path` (None: it has none, or the note
    does not read), and whether the note's markers are broken (then the tool leaves the
    note alone and the writer says so): what a record kept in a region starts from."""
    if path is None:
        return None, False
    try:
        text = path.read_text(encoding="utf-8-sig")
        found = [r for r in find_regions(text) if r.name == name]
    except (OSError, UnicodeDecodeError):
        return None, False
    except RegionError:
        return None, True
    if not found:
        return None, False
    return text[found[0].start : found[0].stop].splitlines(), False


def appended(lines: list[str], *added: str) -> list[str]:
    """`lines` with `added` after their last non-blank line (a record's new lines go below
    the last one, above the blank lines before the end marker)."""
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    return [*lines[:end], *added, *lines[end:]]


# A link reference definition, as Foam writes them at the end of a note
# (`[name]: path "Title"`, foam-docs/docs/user/features/link-reference-definitions.md),
# also the `[//begin]: # "…"` / `[//end]: # "…"` lines older Foam wrapped them in.
_DEFINITION = re.compile(r"^ {0,3}\[[^\]\r\n]+\]:[ \t]*\S[^\r\n]*$")


def definitions_start(text: str) -> int | None:
    """Where the link reference definitions at the very end of `text` begin (None when it
    ends otherwise): what a region appended to the note must stay above, so Foam's block
    stays last and whole."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    position = len(lines)
    while position and not lines[position - 1].strip():
        position -= 1
    first = None
    while position and _DEFINITION.match(lines[position - 1].rstrip("\r\n")):
        position -= 1
        first = position
    return None if first is None else offsets[first]
