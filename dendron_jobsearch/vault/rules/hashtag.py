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
# Characters where one of remark's other inline tokenizers may start ("locators"): the text
# tokenizer stops there, so a tag symbol after one of them is looked at afresh.
_STOPS = frozenset("[!*_`<~\\\n{^")
_URL_STARTS = ("http://", "https://", "mailto:")


def tag_start(src: str, pos: int) -> str | None:
    """Whether a tag (`#x` or `@x`) may start at `pos`: None if not, else the emphasis or
    bracket marks right before it (the tag must stop before their closing twin).

    Dendron's locator wants white space (or the start of the text) before the symbol.
    remark parses `[...]`, emphasis and strikethrough as nested text, so right after their
    opening marks is a start of text too: `[#tag]` and `**#tag**` are tags. And remark's
    locator gives up at the first symbol glued to a word: in `a#b #c` it never sees `#c`,
    unless another construct starts in between."""
    symbol = src[pos]
    start = pos
    while start > 0 and src[start - 1] in _OPENERS:
        if src[start - 1] == "[":
            return src[start - 1 : pos]
        start -= 1
    if start > 0 and not src[start - 1].isspace():
        return None
    if start == pos and _hidden_by_earlier_symbol(src, pos, symbol):
        return None
    return src[start:pos]


def _hidden_by_earlier_symbol(src: str, pos: int, symbol: str) -> bool:
    index = pos - 1
    while index >= 0:
        char = src[index]
        if char in _STOPS or src.startswith(_URL_STARTS, index):
            return False
        if char in "#@":
            after_space = index == 0 or src[index - 1].isspace()
            if char != symbol and after_space:
                return False  # the other kind of tag was located: the text stopped there
            if char == symbol and not after_space:
                return True  # glued to a word: remark's locator gave up on this text
        index -= 1
    return False


def cut_at_closer(text: str, opener: str) -> str:
    """`**#bold**` is the tag `bold`: a tag inside emphasis ends where the emphasis closes."""
    closers = {c for c in opener if c in "*_~"}
    for index, char in enumerate(text):
        if char in closers:
            return text[:index]
    return text


def hashtag(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "#":
        return False
    opener = tag_start(state.src, state.pos)
    if opener is None:
        return False
    match = HASHTAG.match(cut_at_closer(state.src[state.pos : state.pos + 512], opener))
    if match is None:
        return False
    if not silent:
        token = state.push("dendron_link", "", 0)
        link = RawLink("hashtag", f"tags.{match.group('tag')}", alias=match.group(0))
        token.meta = {"link": link, "offset": state.pos}
        token.content = match.group(0)
    state.pos += match.end()
    return True
