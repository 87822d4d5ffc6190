"""Surgical frontmatter edits on a note's text: change the lines of the keys the tool owns and
nothing else — key order, quoting, comments, blank lines, CRLF, a BOM and the final newline
(or its absence) all stay. A whole-block re-dump never happens (python-frontmatter's would
sort keys, drop comments and turn `10:00` into `600`)."""

from __future__ import annotations

import re
from typing import Any

from ..vault.frontmatter import split_frontmatter
from .yamlkeys import set_key

BOM = "\ufeff"


class NoFrontmatter(ValueError):
    """The note has no (closed) frontmatter block to edit."""


def has_key(text: str, key: str) -> bool:
    """Whether the note's frontmatter has a top-level `key:` line."""
    split = split_frontmatter(text[1:] if text.startswith(BOM) else text)
    if split.yaml is None or not split.closed:
        return False
    return re.search(rf"(?m)^{re.escape(key)}[ \t]*:", split.yaml) is not None


def set_keys(text: str, changes: dict[str, Any]) -> str:
    """`text` with each key of `changes` set in its frontmatter, in place or appended."""
    bom = BOM if text.startswith(BOM) else ""
    body_text = text[len(bom) :]
    split = split_frontmatter(body_text)
    if split.yaml is None or not split.closed:
        raise NoFrontmatter("the note has no frontmatter block")
    start = 3  # after the opening '---'
    end = start + len(split.yaml)
    block = split.yaml
    for key, value in changes.items():
        block = set_key(block, key, value)
    return bom + body_text[:start] + block + body_text[end:]
