"""`#tag` — a link to `tags.tag` (remark `hashtag.ts`), only at text start or after white space."""

from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline

from ..links import RawLink

# Dendron's PUNCTUATION_MARKS, verbatim; tags end before any of them.
PUNCTUATION = ",;:'\"<>()?!`~«‹»›„“‟”’❝❞❮❯⹂〝〞〟＂‚‘‛❛❜❟［］【】…‥「」『』·؟،।॥‽⸘¡¿⁈⁉"  # noqa: RUF001
_P = re.escape(PUNCTUATION)
_FIRST = rf"[^0-9#@|\[\]\s.{_P}]"
_MIDDLE = rf"[^@#|\[\]\s{_P}]"
_END = _MIDDLE  # Dendron 0.122 lets a tag end in a period: `#dolores.` -> `tags.dolores.`
HASHTAG = re.compile(rf"#(?P<tag>{_FIRST}{_MIDDLE}*{_END}|{_FIRST})")


_OPENERS = "[*_~"


def starts_token(src: str, pos: int) -> bool:
    """Whether a tag may start at `pos`: Dendron's locator wants the start of the text or white
    space before it. remark parses `[...]` (any bracket, even without a link definition),
    emphasis and strikethrough as nested text, so right after their opening marks is a start
    of text too: `[#tag]` and `**#tag**` are tags."""
    while pos > 0 and src[pos - 1] in _OPENERS:
        if src[pos - 1] == "[":
            return True
        pos -= 1
    return pos == 0 or src[pos - 1].isspace()


def hashtag(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "#" or not starts_token(state.src, state.pos):
        return False
    match = HASHTAG.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        token = state.push("dendron_link", "", 0)
        tag = match.group("tag")
        link = RawLink("hashtag", f"tags.{tag}", alias=match.group(0))
        token.meta = {"link": link, "offset": state.pos}
        token.content = match.group(0)
    state.pos = match.end()
    return True
