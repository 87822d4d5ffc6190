"""`$$` ... `$$` — a math block (remark-math 3, in Dendron's pipeline): its lines are TeX,
not Markdown, so a link in them is no link.

As remark-math reads it: an opening line of two `$` or more, then anything but `$`, and a
line after it; the block ends at the first line ending (trailing spaces aside) in as many
`$` as opened it, with no `$` before them (`x $$` closes too), or else with its container.
It interrupts a paragraph. remark-math adds its tokenizer right after remark's fence: the
`fence` rule (`rules/fence.py`) tries this one first.
"""

from __future__ import annotations

import re

from markdown_it.rules_block import StateBlock

OPENING = re.compile(r"(\${2,}) *[^$]*$")


def math_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.is_code_block(start_line):
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    match = OPENING.match(state.src, begin, state.eMarks[start_line])
    if match is None:
        return False
    if start_line + 1 >= end_line:
        return False  # remark-math wants a line after the opening one
    if silent:
        return True
    size = len(match.group(1))
    line = start_line + 1
    while line < end_line:
        if state.sCount[line] < state.blkIndent and not state.isEmpty(line):
            break  # the container (a list item) ends, and the block with it
        closing = state.src[state.bMarks[line] : state.eMarks[line]].rstrip(" ")
        run = len(closing) - len(closing.rstrip("$"))
        line += 1
        if run >= size and closing.find("$") == len(closing) - run:
            break
    state.line = line
    token = state.push("math_block", "math", 0)
    token.block = True
    token.map = [start_line, line]
    token.content = state.getLines(start_line + 1, line, state.blkIndent, True)
    token.markup = match.group(1)
    return True
