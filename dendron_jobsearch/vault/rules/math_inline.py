"""`$x$`, `$$x$$` — inline math (remark-math 3, in Dendron's pipeline): TeX, so a link or a
tag inside is none. As remark-math reads it: the opening `$` (or `$$`) not followed by a
space or tab, up to a `$` not after a space or tab nor before a digit (`$$` to close `$$`),
a backslash escaping the character after it; with no such end, the `$` is text.

The closing `$` that can end a math span are found once for the whole text (`_closers`): a
`$` that never closes would otherwise have every later `$` of the line look to its end."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from markdown_it.rules_inline import StateInline

from .scan import scan_of


@dataclass(slots=True)
class _Closers:
    """Every `$` that can close, and where the backslashes right before each start: a `$`
    after an odd number of them is escaped (looking from before them)."""

    at: list[int] = field(default_factory=list)
    escapes_from: list[int] = field(default_factory=list)
    unescaped: list[int] = field(default_factory=list)


def _closers(src: str, double: bool) -> _Closers:
    closers = _Closers()
    index = src.find("$", 1)
    while index >= 0:
        after = src[index + 1 : index + 2]
        if src[index - 1] not in " \t" and not after.isdigit() and (not double or after == "$"):
            start = index
            while start > 0 and src[start - 1] == "\\":
                start -= 1
            closers.at.append(index)
            closers.escapes_from.append(start)
            if (index - start) % 2 == 0:
                closers.unescaped.append(index)
        index = src.find("$", index + 1)
    return closers


def _single_closers(src: str) -> _Closers:
    return _closers(src, False)


def _double_closers(src: str) -> _Closers:
    return _closers(src, True)


def _end(state: StateInline, start: int, double: bool) -> int | None:
    """Where the math opened just before `start` ends (after its closing `$`), or None."""
    closers = scan_of(state).derived(_double_closers if double else _single_closers)
    index = bisect_left(closers.at, start)
    if index == len(closers.at):
        return None
    first, escapes_from = closers.at[index], closers.escapes_from[index]
    # from inside its backslashes, the first is escaped if an odd number of them is left
    if (first - max(start, escapes_from)) % 2:
        later = bisect_right(closers.unescaped, first)
        if later == len(closers.unescaped):
            return None
        first = closers.unescaped[later]
    return first + (2 if double else 1)


def math_inline(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if src[pos] != "$":
        return False
    double = src.startswith("$$", pos)
    start = pos + (2 if double else 1)
    if src[start : start + 1] in (" ", "\t"):
        return False
    end = _end(state, start, double)
    if end is None:
        return False
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content = src[start : end - (2 if double else 1)]
    state.pos = end
    return True
