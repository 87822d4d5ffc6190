"""`[[alias|target#anchor]]` — Dendron's wiki link (remark `wikiLinks.ts`): alias comes first."""

from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline

from ..links import parse_wikilink_text
from . import push_link

LINK = re.compile(r"\[\[([^\]\n]+)\]\]")
# remark v8 reads `[text] [label]` (even with a space between) as a link reference, which
# swallows a wiki link written right after a bracketed word: `[draft] [[x]]` has no link.
_BRACKET_BEFORE = re.compile(r"(?:\[[^\[\]\n]*\]\s*)+$")
_GROUP = re.compile(r"\[[^\[\]\n]*\]")
# ...except the task box of a list item, which remark-gfm takes off first
_TASK_BOX = re.compile(r"\[[ xX]\][ \t]+$")


def wikilink(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[[", state.pos):
        return False
    match = LINK.match(state.src, state.pos)
    if match is None:
        return False
    before = _BRACKET_BEFORE.search(state.src, 0, state.pos)
    # groups pair up into references from the left; an odd one out takes this link as label
    if (
        before is not None
        and len(_GROUP.findall(before.group(0))) % 2 == 1
        and not (before.start() == 0 and _TASK_BOX.fullmatch(state.src, 0, state.pos))
    ):
        return False
    parsed = parse_wikilink_text(match.group(1))
    if parsed is None:  # `[[#]]` and friends stay plain text, as in Dendron
        return False
    return push_link(state, parsed, match.group(0), match.end(), silent)
