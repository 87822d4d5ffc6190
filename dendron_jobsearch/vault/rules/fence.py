"""Fences in list items, which a lazy line does not end (remark v8, which Dendron uses).

remark cuts a list into items line by line before it parses their content: a line indented
less than the item's text still belongs to the item unless a blank line comes before it or it
starts a new item, a heading, a rule, a fence, math or a definition. So in

    - outer
      - inner
        ```
        code
      less indented [[x]]
        ```

the fence goes on over the less indented line, to its closer. markdown-it ends the fence (and
the item) there; this rule lets such lines count, for the fence, as inside the item.

The other way round, remark keeps in an item every later line that starts with a space,
however little it is indented, up to the next item marker indented less than its text. So in

    - a
        - b
            ```
            code
        ```
        - discord: @john123

the fence line indented like `- b` is still `b`'s (and closes its fence), and the next item
ends it at the latest. markdown-it ends `b` at that line and opens a fence in `a` there,
which would hold the next item; this rule ends such a fence where remark's item ends.

It also tries `rules/math_block.py` first, where remark-math puts its tokenizer.
"""

from __future__ import annotations

import re

from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.fence import fence as commonmark_fence

from .math_block import OPENING as MATH
from .math_block import math_block
from .paragraph import DEFINITION, ENDS_ITEM

ALT = ["paragraph", "reference", "blockquote", "list"]
_MARKER = re.compile(r"(?:[*+-]|\d+\.)(?=[ \t]|$)")


def fence(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A math block (remark-math comes first), else a fence."""
    if math_block(state, start_line, end_line, silent):
        return True
    in_item = state.listIndent >= 0 and state.blkIndent > 0
    if silent or not in_item or not commonmark_fence(state, start_line, end_line, True):
        return commonmark_fence(state, start_line, end_line, silent)
    end_line = _item_end(state, start_line, end_line)
    lifted = _lazy_lines(state, start_line, end_line)
    saved = [state.sCount[line] for line in lifted]
    for line in lifted:
        state.sCount[line] = state.blkIndent
    try:
        return commonmark_fence(state, start_line, end_line, silent)
    finally:
        for line, count in zip(lifted, saved, strict=True):
            state.sCount[line] = count


def _item_end(state: StateBlock, start_line: int, end_line: int) -> int:
    """Where remark's list item holding the fence at `start_line` ends at the latest: at the
    next item marker indented less than the text of the item above (the nearest item before,
    the fence and the lines between all indented past what remark takes off the lines of the
    item markdown-it reads them in: they start with a space there)."""
    strip = _taken_off(state)
    line = start_line
    while line >= 0 and (state.isEmpty(line) or state.sCount[line] > strip):
        if line < start_line and _marker(state, line) is not None:
            break
        line -= 1
    text_at = _marker(state, line) if 0 <= line < start_line else None
    if text_at is None or not _opened_item(state, line):
        return end_line
    for later in range(start_line + 1, end_line):
        if state.sCount[later] < text_at and _marker(state, later) is not None:
            return later
    return end_line


def _taken_off(state: StateBlock) -> int:
    """How much indent remark takes off the lines of the innermost open list item: its
    text's column, one more after a one-digit number whose marker's width is odd (`1. `)."""
    closed = 0
    for token in reversed(state.tokens):
        if token.type == "list_item_close":
            closed += 1
        elif token.type == "list_item_open":
            if not closed:
                odd = token.markup in ".)" and token.info.isdigit() and int(token.info) < 10
                return state.blkIndent + (1 if odd and state.blkIndent % 2 else 0)
            closed -= 1
    return state.blkIndent


def _opened_item(state: StateBlock, line: int) -> bool:
    """Whether markdown-it read `line` as the start of a list item (not, say, paragraph text
    indented like code)."""
    for token in reversed(state.tokens):
        if token.type == "list_item_open" and token.map is not None and token.map[0] == line:
            return True
        if token.map is not None and token.map[0] < line:
            return False
    return False


def _marker(state: StateBlock, line: int) -> int | None:
    """The column of an item's text when `line` starts a list item, else None."""
    if state.isEmpty(line):
        return None
    start, end = state.bMarks[line] + state.tShift[line], state.eMarks[line]
    match = _MARKER.match(state.src, start, end)
    if match is None:
        return None
    spaces = len(state.src[match.end() : end]) - len(state.src[match.end() : end].lstrip(" "))
    return state.sCount[line] + len(match.group(0)) + (1 if spaces > 4 else max(spaces, 1))


def _lazy_lines(state: StateBlock, start_line: int, end_line: int) -> list[int]:
    """The lines after `start_line` that remark keeps in the item though they are indented
    less than its text."""
    lazy: list[int] = []
    blank_before = False
    for line in range(start_line + 1, end_line):
        if state.isEmpty(line):
            blank_before = True
            continue
        if state.sCount[line] < state.blkIndent:
            pos, end = state.bMarks[line] + state.tShift[line], state.eMarks[line]
            text = state.src[pos:end]
            if blank_before or ENDS_ITEM.match(text) or DEFINITION.match(text):
                break
            if MATH.match(text):
                break
            lazy.append(line)
        blank_before = False
    return lazy
