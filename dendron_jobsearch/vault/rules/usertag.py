"""`@name` — a link to `user.name` (remark `userTags.ts`), only where a hashtag could start."""

from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline

from ..links import RawLink
from .hashtag import PUNCTUATION, starts_token

_P = re.escape(PUNCTUATION)
_MIDDLE = rf"[^#@|\[\]\s{_P}]"
_END = _MIDDLE  # as for hashtags, a trailing period belongs to the name
USERTAG = re.compile(rf"@(?P<user>{_MIDDLE}*{_END})")


def usertag(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "@" or not starts_token(state.src, state.pos):
        return False
    match = USERTAG.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        token = state.push("dendron_link", "", 0)
        link = RawLink("usertag", f"user.{match.group('user')}", alias=match.group(0))
        token.meta = {"link": link, "offset": state.pos}
        token.content = match.group(0)
    state.pos = match.end()
    return True
