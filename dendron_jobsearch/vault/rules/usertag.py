"""`@name` — a link to `user.name` (remark `userTags.ts`), only where a hashtag could start."""

from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline

from ..links import RawLink
from . import push_link
from .hashtag import PUNCTUATION, tag_end, tag_start

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
    match = USERTAG.match(state.src, state.pos, tag_end(state, opener))
    if match is None:
        return False
    link = RawLink("usertag", f"user.{match.group('user')}", alias=match.group(0))
    return push_link(state, link, match.group(0), match.end(), silent)
