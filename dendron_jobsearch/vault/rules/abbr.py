"""`*[HTML]: Hyper Text Markup Language` — an abbreviation definition (remark-abbr, which
Dendron runs first of all inline rules). It takes the rest of its line, so nothing in it is a
link; like remark-abbr's own pattern, the space after the colon may run onto the next line."""

from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline

ABBREVIATION = re.compile(r"[*]\[([^\]]*)\]:\s*(.+)\n*")


def abbr(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("*[", state.pos):
        return False
    match = ABBREVIATION.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        token = state.push("abbr_definition", "", 0)
        token.content = match.group(0)
    state.pos = match.end()
    return True
