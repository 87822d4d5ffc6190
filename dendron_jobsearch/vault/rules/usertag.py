"""`@name` — a link to `user.name` (remark `userTags.ts`), only where a hashtag could start."""

from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline

from ..links import RawLink
from .hashtag import PUNCTUATION, cut_at_closer, tag_start

_P = re.escape(PUNCTUATION)
_MIDDLE = rf"[^#@|\[\]\s{_P}]"
_END = _MIDDLE  # as for hashtags, a trailing period belongs to the name
USERTAG = re.compile(rf"@(?P<user>{_MIDDLE}*{_END})")


def usertag(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "@":
        return False
    opener = tag_start(state)
    if opener is None:
        return False
    match = USERTAG.match(cut_at_closer(state.src[state.pos : state.pos + 512], opener))
    if match is None:
        return False
    if not silent:
        token = state.push("dendron_link", "", 0)
        link = RawLink("usertag", f"user.{match.group('user')}", alias=match.group(0))
        token.meta = {"link": link, "offset": state.pos}
        token.content = match.group(0)
    state.pos += match.end()
    return True
