"""`{{fm.key}}` — a frontmatter value spliced into the text (remark-variables, which Dendron
runs before indexing links): a link held in a frontmatter value is a link of the note, on the
line of the `{{`."""

from __future__ import annotations

import re
from typing import Any

from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

_SPLIT = re.compile(r"\.|\[(\d+)\]")


def _match(src: str, pos: int) -> tuple[int, str] | None:
    """remark-variables' matcher: `{{` ... `}}` on one line, nested pairs balanced."""
    index, depth = pos + 1, 1
    while depth > 0 and index < len(src) and src[index] != "\n":
        index += 1
        if src.startswith("{{", index):
            depth += 1
        if src.startswith("}}", index):
            depth -= 1
            if depth == 0:
                return index + 2, src[pos + 2 : index].strip()
    return None


def _lookup(data: Any, path: str) -> Any:
    """`fm.a.b` / `fm.list[0]` looked up like remark-variables' `hasData`."""
    value = data
    for key in filter(None, _SPLIT.split(path.strip())):
        if isinstance(value, dict):
            value = value.get(key)
        elif isinstance(value, list) and key.isdigit() and int(key) < len(value):
            value = value[int(key)]
        else:
            return None
        if value is None:
            return None
    return value


def variable(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("{{", state.pos):
        return False
    match = _match(state.src, state.pos)
    if match is None:
        return False
    end, name = match
    value = _lookup({"fm": state.env.get("fm", {})}, name)
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
