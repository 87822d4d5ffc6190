"""Paragraphs, ended by an indented block start as remark v8 (which Dendron uses) ends them.

In CommonMark a line indented four columns or more right after paragraph text just goes on
with the paragraph. remark v8 asks its block tokenizers whether the line, indent and all,
starts a heading, a list item, a rule, a fence, a quote or HTML, and most of them skip any
indent. So in

    text
        # not a heading
        [[x]]

remark ends the paragraph at `# not a heading` and, the line being indented, reads it and
what follows as indented code: `[[x]]` is code, not a link. This rule ends the paragraph
there; markdown-it's `code` rule then reads the block as remark does.
"""

from __future__ import annotations

import re

from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.html_block import HTML_SEQUENCES
from markdown_it.rules_block.paragraph import paragraph as commonmark_paragraph

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
_HTML_STARTS = [opening for opening, _, interrupts in HTML_SEQUENCES if interrupts]


def paragraph(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    stop = _indented_block_start(state, start_line)
    if stop is None:
        return commonmark_paragraph(state, start_line, end_line, silent)
    old_max, state.lineMax = state.lineMax, stop
    try:
        return commonmark_paragraph(state, start_line, stop, silent)
    finally:
        state.lineMax = old_max


def _indented_block_start(state: StateBlock, start_line: int) -> int | None:
    """The first line of the paragraph's run (up to a blank line) indented four columns or
    more that starts a block for remark."""
    line = start_line + 1
    while line < state.lineMax and not state.isEmpty(line):
        if state.sCount[line] - state.blkIndent > 3 and _starts_block(state, line):
            return line
        line += 1
    return None


def _starts_block(state: StateBlock, line: int) -> bool:
    text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
    if _BLOCK_START.match(text):
        return True
    return text.startswith("<") and any(opening.search(text) for opening in _HTML_STARTS)
