"""`[[alias|target#anchor]]` — Dendron's wiki link (remark `wikiLinks.ts`): alias comes first.

As remark's pattern `\\[\\[([^\\]\\n]+)\\]\\]` reads it: the link ends at the first `]` or line
break after its `[[`, which must be `]]`. Where that is comes from the state's record
(`scan.py`), not from a pattern run again at every `[[` of a line.
"""

from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline

from ..links import parse_wikilink_text
from . import push_link, unclosed_bracket
from .scan import Scan, scan_of

_ENDS = r"[\]\n]"
# ...except the task box of a list item, which remark-gfm takes off first
_TASK_BOX = re.compile(r"\[[ xX]\][ \t]+")


def wikilink(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if src[pos] != "[":
        return False
    if unclosed_bracket(state, silent):
        return True
    if not src.startswith("[[", pos):
        return False
    scan = scan_of(state)
    end = scan.next_at(_ENDS, pos + 2)
    if end == pos + 2 or not src.startswith("]]", end):
        return False
    if _reference_label(scan, pos):
        return False
    # the link's parts end at its first `[`: what follows it, however long, cannot change them
    bracket = src.find("[", pos + 2, end)
    parsed = parse_wikilink_text(src[pos + 2 : end if bracket < 0 else bracket + 1])
    if parsed is None:  # `[[#]]` and friends stay plain text, as in Dendron
        return False
    return push_link(state, parsed, src[pos : end + 2], end + 2, silent)


def _reference_label(scan: Scan, pos: int) -> bool:
    """remark v8 reads `[text] [label]` (even with white space between) as a link reference,
    which swallows a wiki link written right after a bracketed word: `[draft] [[x]]` has no
    link. Groups pair up into references from the left: an odd one out before `pos` takes
    the link as its label."""
    count, first = scan.groups_before(pos, None)
    return count % 2 == 1 and not (first == 0 and _TASK_BOX.fullmatch(scan.src, 0, pos))
