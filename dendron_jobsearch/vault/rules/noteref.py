"""`![[target#start:#end]]` — Dendron's note reference (remark `noteRefsV2.ts`)."""

from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline

from ..links import parse_noteref_text

LINK = re.compile(r"!\[\[(.+?)\]\]")


def noteref(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("![[", state.pos):
        return False
    match = LINK.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        token = state.push("dendron_link", "", 0)
        token.meta = {"link": parse_noteref_text(match.group(1)), "offset": state.pos}
        token.content = match.group(0)
    state.pos = match.end()
    return True
