"""`[^label]: text` — a footnote definition (remark-footnotes 2, which Dendron runs): its
text is Markdown like any other, so `[^1]: [[Preview|topic.preview]]` is a link.

CommonMark has no footnotes and markdown-it takes `[^1]: [[x]]` for a link reference
definition, which holds no links. remark-footnotes wraps remark's definition tokenizer the
same way this rule wraps markdown-it's `reference`: a `[^` line is a footnote or nothing,
anything else is a definition as before.

Which lines a footnote holds is remark-footnotes' rule: every following line, until one
indented less than four columns that comes after a blank line or starts another block (a
list, a fence, a heading, a quote, HTML, a table, another footnote). A line's text starts
after its indent, four columns of it when it has more (so code in a footnote is indented
eight), and the lines are then parsed as blocks of their own.
"""

from __future__ import annotations

import re

from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.reference import reference as commonmark_reference

from .container import parse_as_blocks

ALT: list[str] = []
# `[^` then a label without spaces, tabs or line breaks, `]` and a colon
FOOTNOTE = re.compile(r"\[\^[^\] \t\n]+\]:")
_TAB_SIZE = 4
# remark-footnotes looks for the block that ends a footnote in its first 1024 characters only
_MAX_SLICE = 1024


def footnote(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.is_code_block(start_line):
        return False
    pos = state.bMarks[start_line] + state.tShift[start_line]
    if not state.src.startswith("[^", pos):
        return commonmark_reference(state, start_line, end_line, silent)
    match = FOOTNOTE.match(state.src, pos, state.eMarks[start_line])
    if match is None:
        return False  # `[^` never starts a definition
    if silent:
        return True
    starts: list[int | None] = [
        _content_start(state, match.end(), state.eMarks[start_line], first=True)
    ]
    line = start_line + 1
    while line < end_line:
        begin = state.bMarks[line]
        text_start = begin + state.tShift[line]
        indent = state.sCount[line] - max(state.blkIndent, 0)
        blank = _blank(starts[-1], state.eMarks[line - 1])
        if text_start < state.eMarks[line] and indent < _TAB_SIZE:
            near = text_start - state.bMarks[start_line] <= _MAX_SLICE
            if blank or (near and _starts_block(state, line, end_line)):
                break
        starts.append(_content_start(state, begin, state.eMarks[line], first=False))
        line += 1
    while len(starts) > 1 and _blank(starts[-1], state.eMarks[start_line + len(starts) - 1]):
        starts.pop()  # trailing lines without content
    opening = parse_as_blocks(state, start_line, starts, "footnote", "")
    opening.meta = {"label": match.group(0)[2:-2]}
    return True


def _blank(start: int | None, end: int) -> bool:
    return start is not None and start >= end


def _content_start(state: StateBlock, begin: int, end: int, *, first: bool) -> int:
    """Where a line's text starts: after its white space, or four columns in when it has more.
    A line of white space only has no text (the end), unless it is the label's own line."""
    column, index = 0, begin
    while index < end and state.src[index] in " \t":
        column += 1 if state.src[index] == " " else _TAB_SIZE - column % _TAB_SIZE
        if column > _TAB_SIZE:
            return index
        index += 1
    if index == end and first:
        return begin
    return index


def _starts_block(state: StateBlock, line: int, end_line: int) -> bool:
    """Whether one of the blocks that end a paragraph (or another footnote) starts here."""
    text_start = state.bMarks[line] + state.tShift[line]
    if FOOTNOTE.match(state.src, text_start, state.eMarks[line]):
        return True
    old_parent = state.parentType
    state.parentType = "footnote"
    try:
        rules = state.md.block.ruler.getRules("paragraph")
        return any(rule(state, line, end_line, True) for rule in rules)
    finally:
        state.parentType = old_parent
