"""`[[alias|target#anchor]]` — Dendron's wiki link (remark `wikiLinks.ts`): alias comes first."""

from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline

from ..links import parse_wikilink_text

LINK = re.compile(r"\[\[([^\]\n]+)\]\]")


def wikilink(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[[", state.pos):
        return False
    match = LINK.match(state.src, state.pos)
    if match is None:
        return False
    parsed = parse_wikilink_text(match.group(1))
    if parsed is None:  # `[[#]]` and friends stay plain text, as in Dendron
        return False
    if not silent:
        token = state.push("dendron_link", "", 0)
        token.meta = {"link": parsed, "offset": state.pos}
        token.content = match.group(0)
    state.pos = match.end()
    return True
