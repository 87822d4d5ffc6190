"""Changing one top-level key of a YAML block in place — the line `key: value` and nothing
else — so key order, quoting, comments and line endings stay exactly as the person left them.
Used for frontmatter and for `dendron-jobsearch.yml`; a whole-block re-dump never happens."""

from __future__ import annotations

import re

from .notes import yaml_scalar


def _key_line(key: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(key)}[ \t]*:(?P<value>[^\r\n]*)(?P<eol>\r?\n|\r|\Z)", re.M)


def set_key(block: str, key: str, value: object) -> str:
    """`block` with `key` set to `value`: its line replaced (a trailing comment kept), or a
    line appended at the end. A key whose value spans several lines (a block list, a
    folded string) is replaced together with its continuation lines."""
    rendered = yaml_scalar(value)
    match = _key_line(key).search(block)
    if match is None:  # a new last line, before whatever line ending closes the block
        eol = "\r\n" if "\r\n" in block else "\n"
        content = block.rstrip("\r\n")
        ending = block[len(content) :]
        return f"{content}{eol}{key}: {rendered}{ending}"
    comment = re.search(r"\s+#.*$", match.group("value"))
    tail = (
        comment.group(0)
        if comment and not _in_quotes(match.group("value"), comment.start())
        else ""
    )
    end = _value_end(block, match.end(), match.group("value"))
    return f"{block[: match.start()]}{key}: {rendered}{tail}{match.group('eol')}{block[end:]}"


def _value_end(block: str, start: int, value: str) -> int:
    """Where the value that begins on the key's line ends: after its continuation lines
    (indented, or `- ` items), but never taking the person's comment lines after it."""
    literal = value.strip().split("#")[0].strip()[:1] in ("|", ">")
    end = position = start
    while position < len(block) and not block.startswith("---", position):
        newline = block.find("\n", position)
        line_end = len(block) if newline == -1 else newline + 1
        line = block[position:line_end]
        if line[:1] not in (" ", "\t", "-") and line.strip():
            break  # the next key
        if line.strip() and (literal or not line.lstrip().startswith("#")):
            end = line_end  # part of the value (a literal block keeps its `#` lines)
        elif not line.strip() and not literal:
            break
        position = line_end
    return end


def _in_quotes(text: str, position: int) -> bool:
    before = text[:position]
    return before.count("'") % 2 == 1 or before.count('"') % 2 == 1
