"""`[[target#anchor|alias]]` — Obsidian's and Foam's wiki link: the target comes first.

The target is a note's name or path (`.md` may be written), `#Heading` or `#^block-id`
after it (`[[#Heading]]` and `[[|alias]]` are this note); an escaped `\\|` (inside a
table) separates the alias too. A target that names an attachment (`[[image.png]]`) is
no link to a note.
"""

from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline

from ..links import LinkType, RawLink
from ..targets import is_attachment
from . import push_link, unclosed_bracket

# a class without `[`: a try ends at the next bracket, so trying every `[[` stays linear
LINK = re.compile(r"\[\[([^\[\]\n]+)\]\]")


def parse_target_first(inner: str, kind: str = "wiki") -> RawLink | None:
    """The inside of `[[...]]` (or `![[...]]`), or None when it names no note."""
    target, bar, alias = inner.partition("|")
    target = target.removesuffix("\\").strip()
    path, _, anchor = target.partition("#")
    path = path.strip()
    if path.lower().endswith(".md"):
        path = path[:-3]
    elif path and is_attachment(path):
        return None
    heading = anchor.strip() or None
    if not path and not heading and not bar:  # `[[]]`; but `[[|alias]]` is this note
        return None
    link_type: LinkType = "ref" if kind == "ref" else "wiki"
    return RawLink(link_type, path, alias.strip() or None if bar else None, heading)


def wikilink(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[":
        return False
    if unclosed_bracket(state, silent):
        return True
    if not state.src.startswith("[[", state.pos):
        return False
    match = LINK.match(state.src, state.pos)
    if match is None:
        return False
    parsed = parse_target_first(match.group(1))
    if parsed is None:
        if not match.group(1).strip():
            return False
        state.pos = match.end()  # an attachment: its text is no note's name, and no tag
        return True
    return push_link(state, parsed, match.group(0), match.end(), silent)
