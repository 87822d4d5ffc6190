"""What remark's container blocks share: their lines, each taken from where its content
starts, parsed again as blocks of their own (a footnote definition, a block quote)."""

from __future__ import annotations

from markdown_it.rules_block import StateBlock
from markdown_it.token import Token


def parse_as_blocks(
    state: StateBlock, start_line: int, starts: list[int | None], kind: str, tag: str
) -> Token:
    """Push `<kind>_open`, the blocks of lines `start_line...` (line n read from `starts[n]`,
    or as it stands where that is None) and `<kind>_close`; return the opening token."""
    end = start_line + len(starts)
    saved = [
        (state.bMarks[n], state.tShift[n], state.sCount[n], state.bsCount[n])
        for n in range(start_line, end)
    ]
    for n, begin in enumerate(starts, start_line):
        if begin is None:
            continue
        spaces = 0
        while begin + spaces < state.eMarks[n] and state.src[begin + spaces] == " ":
            spaces += 1
        state.bMarks[n], state.tShift[n], state.sCount[n], state.bsCount[n] = (
            begin,
            spaces,
            spaces,
            0,
        )
    old_indent, old_max, old_parent = state.blkIndent, state.lineMax, state.parentType
    state.blkIndent, state.lineMax, state.parentType = 0, end, kind
    opening = state.push(f"{kind}_open", tag, 1)
    opening.map = [start_line, end]
    state.md.block.tokenize(state, start_line, end)
    state.push(f"{kind}_close", tag, -1)
    state.blkIndent, state.lineMax, state.parentType = old_indent, old_max, old_parent
    for n, marks in enumerate(saved, start_line):
        state.bMarks[n], state.tShift[n], state.sCount[n], state.bsCount[n] = marks
    state.line = end
    return opening
