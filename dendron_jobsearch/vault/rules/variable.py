"""`{{fm.key}}` — a frontmatter value spliced into the text (remark-variables, which Dendron
runs before indexing links): a link held in a frontmatter value is a link of the note, on the
line of the `{{`."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from .scan import Scan, scan_of

_SPLIT = re.compile(r"\.|\[(\d+)\]")
_PAIRS = re.compile(r"(?=\{\{|\}\})")


@dataclass(slots=True)
class _Braces:
    """Every `{{` and `}}` of a text (overlapping, as remark-variables counts them), with
    the nesting depth after each: found once, so that finding where a `{{` closes does not
    walk the rest of its line again for each `{{` on it."""

    at: list[int] = field(default_factory=list)
    depth: list[int] = field(default_factory=list)
    closing: dict[int, list[int]] = field(default_factory=dict)  # depth -> `}}` reaching it


def _braces(src: str) -> _Braces:
    braces, depth = _Braces(), 0
    for match in _PAIRS.finditer(src):
        index = match.start()
        depth += 1 if src.startswith("{{", index) else -1
        braces.at.append(index)
        braces.depth.append(depth)
        if src[index] == "}":
            braces.closing.setdefault(depth, []).append(index)
    return braces


def _match(scan: Scan, pos: int) -> tuple[int, int, int] | None:
    """remark-variables' matcher: `{{` ... `}}` on one line, nested pairs balanced; the end,
    and where the name (white space around it dropped) starts and ends. It counts the pairs
    from two characters after the `{{`: the match closes at the first `}}` there that takes
    the depth below what it was just before them."""
    braces = scan.derived(_braces)
    before = bisect_right(braces.at, pos + 1)
    depth = braces.depth[before - 1] if before else 0
    closing = braces.closing.get(depth - 1, [])
    index = bisect_left(closing, pos + 2)
    if index == len(closing) or scan.next_at("\n", pos + 2) < closing[index]:
        return None
    src, start, end = scan.src, pos + 2, closing[index]
    while start < end and src[start].isspace():
        start += 1
    while end > start and src[end - 1].isspace():
        end -= 1
    return closing[index] + 2, start, end


def _lookup(data: Any, src: str, start: int, end: int) -> Any:
    """The name `src[start:end]` (`fm.a.b`, `fm.list[0]`) looked up like remark-variables'
    `hasData`, a part at a time: a long name that no key starts is given up at once."""
    value, index = data, start
    for separator in [*_SPLIT.finditer(src, start, end), None]:
        stop = end if separator is None else separator.start()
        keys = [(index, stop)]
        if separator is not None and separator.group(1) is not None:
            keys.append(separator.span(1))
        for first, last in keys:
            if first < last:
                value = _step(value, src, first, last)
                if value is None:
                    return None
        if separator is not None:
            index = separator.end()
    return value


def _step(value: Any, src: str, start: int, end: int) -> Any:
    if isinstance(value, dict):
        longest = max((len(key) for key in value if isinstance(key, str)), default=0)
        return None if end - start > longest else value.get(src[start:end])
    key = src[start:end]
    if isinstance(value, list) and key.isdigit() and int(key) < len(value):
        return value[int(key)]
    return None


def variable(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("{{", state.pos):
        return False
    match = _match(scan_of(state), state.pos)
    if match is None:
        return False
    end, start, stop = match
    value = _lookup({"fm": state.env.get("fm", {})}, state.src, start, stop)
    if value is None or isinstance(value, dict | list):
        return False
    if not silent:
        spliced: list[Token] = []
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        state.md.inline.parse(text, state.md, state.env, spliced)
        for token in spliced:
            if token.type == "dendron_link":
                pushed = state.push("dendron_link", "", 0)
                pushed.meta = {**token.meta, "offset": state.pos}
                pushed.content = token.content
    state.pos = end
    return True
