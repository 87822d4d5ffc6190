"""`![[target#start:#end]]` — Dendron's note reference (remark `noteRefsV2.ts`)."""

from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline

from ..links import parse_noteref_text
from . import push_link

LINK = re.compile(r"!\[\[(.+?)\]\]")


def noteref(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("![[", state.pos):
        return False
    match = LINK.match(state.src, state.pos)
    if match is None:
        return False
    return push_link(state, parse_noteref_text(match.group(1)), match.group(0), match.end(), silent)
