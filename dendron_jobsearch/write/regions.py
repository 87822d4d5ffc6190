"""The tool's regions in a note: `<!-- dendron-jobsearch:begin NAME -->` … `end NAME -->`.
Only what is between a pair is ever rewritten; every other byte stays."""

from __future__ import annotations

import re
from dataclasses import dataclass

MARK = "dendron-jobsearch"


def begin(name: str) -> str:
    return f"<!-- {MARK}:begin {name} -->"


def end(name: str) -> str:
    return f"<!-- {MARK}:end {name} -->"


def block(name: str, content: str) -> str:
    """A whole region, for a new note or one appended to an existing note."""
    return f"{begin(name)}\n{content.strip(chr(10))}\n{end(name)}"


@dataclass(frozen=True)
class Region:
    name: str
    start: int  # index just after the begin marker's line
    stop: int  # index of the end marker


class RegionError(ValueError):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def find_regions(text: str) -> list[Region]:
    """Every region of `text`, in order. An unclosed or crossed pair is a RegionError."""
    pattern = re.compile(rf"<!--\s*{MARK}:(?P<kind>begin|end)\s+(?P<name>[\w.-]+)\s*-->")
    regions: list[Region] = []
    open_name: str | None = None
    open_at = 0
    for match in pattern.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if match.group("kind") == "begin":
            if open_name is not None:
                raise RegionError(
                    f"region {open_name!r} is not closed before {match.group(0)}", line
                )
            open_name = match.group("name")
            newline = text.find("\n", match.end())
            open_at = len(text) if newline == -1 else newline + 1
        else:
            if open_name is None or open_name != match.group("name"):
                raise RegionError(f"{match.group(0)} closes no open region", line)
            line_start = text.rfind("\n", 0, match.start()) + 1
            regions.append(Region(open_name, open_at, line_start))
            open_name = None
    if open_name is not None:
        raise RegionError(f"region {open_name!r} is never closed", text.count("\n", 0, open_at))
    return regions


def replace_region(text: str, name: str, content: str) -> str | None:
    """`text` with region `name` holding `content` (line endings matched to the note's);
    None when the note has no such region."""
    for region in find_regions(text):
        if region.name == name:
            eol = "\r\n" if "\r\n" in text else "\n"
            body = content.strip("\n").replace("\n", eol) + eol
            return text[: region.start] + body + text[region.stop :]
    return None


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
