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
markdown-it's own rule decides.
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
    return commonmark_html_block(state, start_line, end_line, silent)


def _hide_block(state: StateBlock, start_line: int, end_line: int) -> None:
    first = state.src[
        state.bMarks[start_line] + state.tShift[start_line] : state.eMarks[start_line]
    ]
    closing = next(close for opening, close, _ in HTML_SEQUENCES if opening.search(first))
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
