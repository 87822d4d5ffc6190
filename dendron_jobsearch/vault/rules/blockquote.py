"""Block quotes as remark v8 (which Dendron uses) reads them: every line up to a blank one.

CommonMark lets a line without `>` continue a quote only as paragraph text. remark v8 takes
any such lazy line into the quote, a list item or a fence opener too, and stops only at a
blank line (or a link reference definition, or math); then it parses what the quote holds, the `>`
taken off, as blocks. So in

    > quote
    - item
    ```
    code

    [[x]]
    ```

the quote holds the item and an unclosed fence, which ends with the quote: `[[x]]` is a link
and the last fence opens a new block of code. This rule reads a top-level quote so (in a
list item markdown-it's own rule decides, as the item's lines are remark's list's to say).
"""

from __future__ import annotations

from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.blockquote import blockquote as commonmark_blockquote

from .container import parse_as_blocks
from .math_block import OPENING
from .paragraph import DEFINITION

ALT = ["paragraph", "reference", "blockquote", "list"]


def blockquote(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if silent or state.blkIndent != 0 or state.is_code_block(start_line):
        return commonmark_blockquote(state, start_line, end_line, silent)
    if state.src[state.bMarks[start_line] + state.tShift[start_line]] != ">":
        return False
    starts: list[int | None] = []  # where each line's content starts; None: a lazy line
    line = start_line
    while line < end_line:
        pos = state.bMarks[line] + state.tShift[line]
        if pos < state.eMarks[line] and state.src[pos] == ">":
            pos += 1
            starts.append(pos + 1 if state.src.startswith(" ", pos) else pos)
        elif state.isEmpty(line) or _interrupts(state, line, pos):
            break
        else:
            starts.append(None)
        line += 1
    parse_as_blocks(state, start_line, starts, "blockquote", "blockquote").markup = ">"
    return True


def _interrupts(state: StateBlock, line: int, pos: int) -> bool:
    """A lazy line that ends the quote: a definition, or math (remark-math's tokenizer)."""
    end = state.eMarks[line]
    return bool(DEFINITION.match(state.src, pos, end) or OPENING.match(state.src, pos, end))
