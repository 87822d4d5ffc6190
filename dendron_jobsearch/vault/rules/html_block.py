"""Raw HTML blocks, except on a lazy line of a list item (remark v8, which Dendron uses).

remark cuts a list into items line by line before parsing their content, and an HTML block
is not among the things that end a list item. So in

    - [[a]]
    <!--
    - [[b]] -->

remark sees two items and the link `[[b]]`, where CommonMark starts an HTML block at `<!--`
that swallows the rest. In remark the HTML block lives inside the first item: it ends at its
own end condition (`-->`, `</script>`, a blank line, ...) or with the item. So on such a
lazy line this rule declines to interrupt the paragraph (the list goes on) and records the
block's lines in `env["html_lines"]`: they are HTML, and hold no links. Everywhere else
markdown-it's own rule decides, but for one thing: a block that ends at a blank line (`<br>`,
`<div>`) ends, for remark, only at an empty one. A line of spaces does not end it, so

    <br>
    ␣␣␣
    ```

is all HTML, and the fence opener in it opens nothing.
"""

from __future__ import annotations

import re

from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.html_block import HTML_SEQUENCES
from markdown_it.rules_block.html_block import html_block as commonmark_html_block

ALT = ["paragraph", "reference", "blockquote"]
_ITEM_START = re.compile(r"[ \t]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)")


def html_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    lazy_in_list = state.listIndent >= 0 and state.sCount[start_line] < state.blkIndent
    if silent and lazy_in_list:
        if commonmark_html_block(state, start_line, end_line, True):
            _hide_block(state, start_line, end_line)
        return False
    if not commonmark_html_block(state, start_line, end_line, silent):
        return False
    if not silent:
        _run_on_over_spaces(state, start_line, end_line)
    return True


def _run_on_over_spaces(state: StateBlock, start_line: int, end_line: int) -> None:
    """A block that markdown-it ended at a line of white space goes on to an empty line."""
    line = state.line
    if line >= end_line or not state.isEmpty(line) or state.bMarks[line] == state.eMarks[line]:
        return  # not ended by a line of spaces (its closer, the end, an empty line)
    if _closing(state, start_line).pattern != "^$":
        return  # a comment, `<script>`, ... ends at its closer, which came before
    while line < end_line and state.bMarks[line] != state.eMarks[line]:
        if state.sCount[line] < state.blkIndent and not state.isEmpty(line):
            break
        line += 1
    token = state.tokens[-1]
    token.map = [start_line, line]
    token.content = state.getLines(start_line, line, state.blkIndent, True)
    state.line = line


def _closing(state: StateBlock, start_line: int) -> re.Pattern[str]:
    """The end condition of the HTML block that starts at `start_line`."""
    first = state.src[
        state.bMarks[start_line] + state.tShift[start_line] : state.eMarks[start_line]
    ]
    return next(close for opening, close, _ in HTML_SEQUENCES if opening.search(first))


def _hide_block(state: StateBlock, start_line: int, end_line: int) -> None:
    closing = _closing(state, start_line)
    hidden = state.env.setdefault("html_lines", set())
    line = start_line
    while line < end_line and not state.isEmpty(line):
        text = state.src[state.bMarks[line] : state.eMarks[line]]
        if line > start_line and _ITEM_START.match(text):
            break  # the list item ends, and the HTML block with it
        hidden.add(line)
        if closing.pattern != "^$" and closing.search(text):
            break  # the block's own end condition
        line += 1
