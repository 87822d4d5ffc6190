"""`#tag`, `#nested/tag` — Obsidian's and Foam's tags (help.obsidian.md "Tags"): letters,
digits, `_`, `-` and `/`, at least one of them no digit, after white space or at the start.
A tag is no link to a note: the reader files it under `Note.tags`."""

from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline

from ..links import RawLink
from . import push_link

TAG = re.compile(r"#([\w/-]+)")


def tag(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "#":
        return False
    if state.pending and not state.pending[-1].isspace():
        return False
    match = TAG.match(state.src, state.pos)
    if match is None or match.group(1).isdigit():
        return False
    return push_link(state, RawLink("hashtag", match.group(1)), match.group(0), match.end(), silent)
