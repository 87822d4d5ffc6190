"""`$x$`, `$$x$$` — inline math (remark-math 3, in Dendron's pipeline): TeX, so a link or a
tag inside is none. As remark-math reads it: the opening `$` (or `$$`) not followed by a
space or tab, up to a `$` not after a space or tab nor before a digit (`$$` to close `$$`),
a backslash escaping the character after it; with no such end, the `$` is text."""

from __future__ import annotations

from markdown_it.rules_inline import StateInline


def _end(src: str, start: int, double: bool) -> int | None:
    """Where the math opened just before `start` ends (after its closing `$`), or None."""
    index = start
    while index < len(src):
        char = src[index]
        if char == "\\":
            index += 2
            continue
        if char == "$" and src[index - 1] not in " \t":
            after = src[index + 1 : index + 2]
            if not after.isdigit() and (not double or after == "$"):
                return index + (2 if double else 1)
        index += 1
    return None


def math_inline(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if src[pos] != "$":
        return False
    double = src.startswith("$$", pos)
    start = pos + (2 if double else 1)
    if src[start : start + 1] in (" ", "\t"):
        return False
    end = _end(src, start, double)
    if end is None:
        return False
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content = src[start : end - (2 if double else 1)]
    state.pos = end
    return True
