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
the item) there; this rule lets such lines count, for the fence, as inside the item. It also
tries `rules/math_block.py` first, where remark-math puts its tokenizer.
"""

from __future__ import annotations

import re

from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.fence import fence as commonmark_fence

from .math_block import OPENING as MATH
from .math_block import math_block
from .paragraph import DEFINITION

ALT = ["paragraph", "reference", "blockquote", "list"]
# what ends a list item's lazy lines in remark: an item marker, a heading, a rule, a fence
_ENDS_ITEM = re.compile(
    r"(?:[*+-]|\d+\.)(?:[ \t]|$)|#{1,6}(?:[ \t]|$)|([*_-])(?: *\1){2,} *$|`{3,}|~{3,}"
)


def fence(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A math block (remark-math comes first), else a fence."""
    if math_block(state, start_line, end_line, silent):
        return True
    in_item = state.listIndent >= 0 and state.blkIndent > 0
    if silent or not in_item or not commonmark_fence(state, start_line, end_line, True):
        return commonmark_fence(state, start_line, end_line, silent)
    lifted = _lazy_lines(state, start_line, end_line)
    saved = [state.sCount[line] for line in lifted]
    for line in lifted:
        state.sCount[line] = state.blkIndent
    try:
        return commonmark_fence(state, start_line, end_line, silent)
    finally:
        for line, count in zip(lifted, saved, strict=True):
            state.sCount[line] = count


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
            if blank_before or _ENDS_ITEM.match(text) or DEFINITION.match(text):
                break
            if MATH.match(text):
                break
            lazy.append(line)
        blank_before = False
    return lazy
