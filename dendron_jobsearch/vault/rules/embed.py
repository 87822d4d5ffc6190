"""`![[target#anchor|size]]` — an embed (Obsidian's and Foam's): a note shown in another.
Embedded images and other attachments are no links to notes."""

from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline

from . import push_link, unclosed_bracket
from .wikilink_target import parse_target_first

# a class without `[`: a try ends at the next bracket, so trying every `![[` stays linear
LINK = re.compile(r"!\[\[([^\[\]\n]+)\]\]")


def embed(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "!":
        return False
    if unclosed_bracket(state, silent):
        return True
    if not state.src.startswith("![[", state.pos):
        return False
    match = LINK.match(state.src, state.pos)
    if match is None:
        return False
    parsed = parse_target_first(match.group(1), "ref")
    if parsed is None:
        state.pos = match.end()
        return True
    return push_link(state, parsed, match.group(0), match.end(), silent)
