"""`![[target#start:#end]]` — Dendron's note reference (remark `noteRefsV2.ts`).

As remark's pattern `!\\[\\[(.+?)\\]\\]` reads it: up to the first `]]` after the `![[` and at
least one character, on the same line; where those are comes from the state's record.
"""

from __future__ import annotations

from markdown_it.rules_inline import StateInline

from ..links import parse_noteref_text
from . import push_link, unclosed_bracket
from .scan import scan_of

_CLOSE = r"(?=\]\])"


def noteref(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if src[pos] != "!":
        return False
    if unclosed_bracket(state, silent):
        return True
    if not src.startswith("![[", pos):
        return False
    scan = scan_of(state)
    close = scan.next_at(_CLOSE, pos + 4)
    if close >= len(src) or scan.next_at("\n", pos + 3) < close:
        return False
    return push_link(
        state, parse_noteref_text(src[pos + 3 : close]), src[pos : close + 2], close + 2, silent
    )
