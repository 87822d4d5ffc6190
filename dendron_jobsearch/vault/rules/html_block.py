"""Raw HTML blocks, except on a lazy line of a list item (remark v8, which Dendron uses).

remark cuts a list into items line by line before parsing their content, and an HTML block
is not among the things that end a list item. So in

    - [[a]]
    <!--
    - [[b]] -->

remark sees two items and the link `[[b]]`, where CommonMark starts an HTML block at `<!--`
that swallows the rest. In remark the HTML block lives inside the first item and ends with
it. So on such a lazy line this rule declines to interrupt the paragraph (the list goes on)
and records the item's remaining lines in `env["html_lines"]`: they are HTML, and hold no
links. Everywhere else markdown-it's own rule decides.
"""

from __future__ import annotations

import re

from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.html_block import html_block as commonmark_html_block

ALT = ["paragraph", "reference", "blockquote"]
_ITEM_START = re.compile(r"[ \t]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)")


def html_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    lazy_in_list = state.listIndent >= 0 and state.sCount[start_line] < state.blkIndent
    if silent and lazy_in_list:
        if commonmark_html_block(state, start_line, end_line, True):
            hidden = state.env.setdefault("html_lines", set())
            line = start_line
            while line < end_line and not state.isEmpty(line):
                text = state.src[state.bMarks[line] : state.eMarks[line]]
                if line > start_line and _ITEM_START.match(text):
                    break
                hidden.add(line)
                line += 1
        return False
    return commonmark_html_block(state, start_line, end_line, silent)
