"""Paragraphs, ended by an indented block start as remark v8 (which Dendron uses) ends them.

In CommonMark a line indented four columns or more right after paragraph text just goes on
with the paragraph. remark v8 asks its block tokenizers whether the line, indent and all,
starts a heading, a list item, a rule, a fence, a quote or HTML, and most of them skip any
indent. So in

    text
        # not a heading
        [[x]]

remark ends the paragraph at `# not a heading` and, the line being indented, reads it and
what follows as indented code: `[[x]]` is code, not a link. This rule, markdown-it's own
with that one condition more, ends the paragraph there; markdown-it's `code` rule then reads
the block as remark does.

A quote line right after an item's text is the other thing remark's lists do otherwise: a
quote does not end a list item in remark, so in

    1. item
    > note
    ```c
    #if X

    #endif
    ```

the quote is the item's (and ends with it, at the fence), where CommonMark starts a quote
of its own at `>`, which remark's quote rule (`blockquote.py`) would run on over the fence's
opener to the blank line. This rule makes such lines the item's before they are read.
"""

from __future__ import annotations

import re

from markdown_it.common.utils import mdTrim
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.html_block import HTML_SEQUENCES

from .math_block import OPENING as MATH

ALT: list[str] = []
# A link reference definition on one line, `[label]: url "title"` (never `[^label]:`)
_DEFINITION = (
    r"\[(?!\^)(?:\\.|[^\\\]])+\]:[ \t]*(?:<[^>]*>|[^\s<\[\]]+)"
    r"(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?[ \t]*$"
)
DEFINITION = re.compile(_DEFINITION)
# What remark's paragraph-interrupting tokenizers accept once the indent is skipped:
# an ATX heading, a thematic break, a bullet or `1.` item, a fence, a `$$` math fence
# (remark-math), a quote, a link reference definition.
_BLOCK_START = re.compile(
    r"#{1,6}(?:[ \t]|$)"
    r"|([*_-])(?: *\1){2,} *$"
    r"|(?:[*+-]|1\.)(?:[ \t]|$)"
    r"|`{3,}[^`]*$|~{3,}"
    r"|\${2,}[^$]*$"
    r"|>"
    rf"|{_DEFINITION}"
)
# The first character of a line the paragraph's terminators (fence, quote, rule, list, HTML,
# heading; remark-math's `$$` fence) can start at; a table's delimiter row's.
_INTERRUPTS = frozenset("`~>*-_+#<$0123456789")
# what ends a list item's lazy lines in remark: an item marker, a heading, a rule, a fence
ENDS_ITEM = re.compile(
    r"(?:[*+-]|\d+\.)(?:[ \t]|$)|#{1,6}(?:[ \t]|$)|([*_-])(?: *\1){2,} *$|`{3,}|~{3,}"
)
_TABLE_DELIMITER = frozenset("|-:")
_HTML_STARTS = [opening for opening, _, interrupts in HTML_SEQUENCES if interrupts]


def paragraph(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """markdown-it's paragraph rule, with the one condition remark adds."""
    next_line = start_line + 1
    terminators = state.md.block.ruler.getRules("paragraph")
    end_line = state.lineMax
    old_parent, state.parentType = state.parentType, "paragraph"
    in_item = state.listIndent >= 0 and state.blkIndent > 0
    while next_line < end_line and not state.isEmpty(next_line):
        indent = state.sCount[next_line] - state.blkIndent
        if indent > 3:  # CommonMark: text, always; remark: maybe a block
            if _starts_block(state, next_line):
                break
        elif (in_item and _quote_in_item(state, next_line)) or (
            state.sCount[next_line] >= 0  # < 0: a line a quote already checked
            and _may_interrupt(state, next_line)
            and any(rule(state, next_line, end_line, True) for rule in terminators)
        ):
            break
        next_line += 1
    content = mdTrim(state.getLines(start_line, next_line, state.blkIndent, False))
    state.line = next_line
    token = state.push("paragraph_open", "p", 1)
    token.map = [start_line, state.line]
    token = state.push("inline", "", 0)
    token.content = content
    token.map = [start_line, state.line]
    token.children = []
    state.push("paragraph_close", "p", -1)
    state.parentType = old_parent
    return True


def _quote_in_item(state: StateBlock, line: int) -> bool:
    """Whether `line`, after a list item's text, is a quote line indented less than the
    item's text; if so, it and the quote lines after it that remark keeps in the item (up
    to a blank line or what ends an item) count, from now on, as indented like its text."""
    if not 0 <= state.sCount[line] < state.blkIndent or not _text(state, line).startswith(">"):
        return False
    state.sCount[line] = state.blkIndent
    for lazy in range(line + 1, state.lineMax):
        if state.isEmpty(lazy) or state.sCount[lazy] >= state.blkIndent:
            break
        text = _text(state, lazy)
        if ENDS_ITEM.match(text) or DEFINITION.match(text) or MATH.match(text):
            break
        if text.startswith(">"):
            state.sCount[lazy] = state.blkIndent
    return True


def _text(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _may_interrupt(state: StateBlock, line: int) -> bool:
    """Whether a terminator could match at `line`: each starts with one of `_INTERRUPTS`
    but the table, whose next line then starts its delimiter row. Asking every terminator
    of every line of every paragraph is most of the time markdown-it spends in blocks."""
    src = state.src
    start = state.bMarks[line] + state.tShift[line]
    if src[start : start + 1] in _INTERRUPTS:
        return True
    below = line + 1
    if below >= state.lineMax:
        return False
    start = state.bMarks[below] + state.tShift[below]
    return src[start : start + 1] in _TABLE_DELIMITER


def _starts_block(state: StateBlock, line: int) -> bool:
    text = _text(state, line)
    if _BLOCK_START.match(text):
        return True
    return text.startswith("<") and any(opening.search(text) for opening in _HTML_STARTS)
