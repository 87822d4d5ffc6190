"""`*[HTML]: Hyper Text Markup Language` — an abbreviation definition (remark-abbr, which
Dendron runs first of all inline rules). It takes the rest of its line, so nothing in it is a
link; like remark-abbr's own pattern, the space after the colon may run onto the next line.

The pattern is `[*]\\[([^\\]]*)\\]:\\s*(.+)\\n*`: its label ends at the first `]` after the `*[`
(over line breaks too), found from the state's record; what follows the `]:` is the same for
every `*[` before it, so it is matched once."""

from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline

from .scan import Scan, scan_of

_TEXT = re.compile(r"\s*(.+)\n*")


def _new_memo(src: str) -> dict[int, int | None]:
    return {}


def _text_end(scan: Scan, colon: int) -> int | None:
    """Where the definition's text after the `:` at `colon` ends, or None if it has none."""
    known = scan.derived(_new_memo)
    if colon not in known:
        match = _TEXT.match(scan.src, colon + 1)
        known[colon] = None if match is None else match.end()
    return known[colon]


def abbr(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if not src.startswith("*[", pos):
        return False
    scan = scan_of(state)
    label_end = scan.next_at(r"\]", pos + 2)
    if not src.startswith("]:", label_end):
        return False
    end = _text_end(scan, label_end + 1)
    if end is None:
        return False
    if not silent:
        token = state.push("abbr_definition", "", 0)
        token.content = src[pos:end]
    state.pos = end
    return True
