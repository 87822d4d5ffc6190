"""`%%` … `%%` on lines of their own — an Obsidian comment block: nothing in it is read
(obsidian-tasks-demo corpus, Test Data/comments_markdown_style.md: "Whole task line is
ignored by Obsidian's `cachedMetadata`"). A comment that opens and closes on one line is
inline and hides nothing from Obsidian's metadata (the same note: a commented-out tag or
link in a task line "is recognised"), so it is left to the text. A block never closed
runs to the end of the note, as in Obsidian. It may start right after a paragraph line."""

from __future__ import annotations

from markdown_it.rules_block import StateBlock

ALT = ["paragraph", "reference", "blockquote", "list"]
MARK = "%%"


def comment(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    first = state.src[state.bMarks[start] + state.tShift[start] : state.eMarks[start]]
    if not first.startswith(MARK) or MARK in first[2:]:
        return False
    if silent:
        return True
    line = start + 1
    while line < end:
        text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
        if MARK in text:
            line += 1
            break
        line += 1
    token = state.push("obsidian_comment", "", 0)
    token.map = [start, line]
    token.block = True
    state.line = line
    return True
