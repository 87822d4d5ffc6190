"""`#tag`, `#nested/tag`, `#ünïcode` — Obsidian's tag: after the start or any character
that is no letter, digit or `_` (`(#tag)` and `"#tag"` are tags, `a#b` is not), up to the
first space or punctuation other than `_`, `-` and `/`, and not a number alone (`#1984`).
Obsidian documents the characters (help.obsidian.md "Tags": letters, numbers, `_`, `-`,
`/`, at least one non-numerical); where a tag may start is its editor's rule, as the Tag
Wrangler plugin mirrors it (pjeby/tag-wrangler, src/Tag.js). A bare URL's `#fragment`
is none (Obsidian shows the URL as a link). No link to a note: the reader
files it under `Note.tags`. (Foam's tags start after white space only: `tag.py`.)"""

from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline

from ..links import RawLink
from . import push_link
from .scan import scan_of

# Tag Wrangler's class of characters a tag cannot hold
TAG = re.compile(r"#([^\u2000-\u206F\u2E00-\u2E7F'\"!#$%&()*+,.:;<=>?@^`{|}~\[\]\\\s]+)")
_NUMBER = re.compile(r"[0-9]+\b")


def obsidian_tag(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "#":
        return False
    before = state.src[state.pos - 1] if state.pos else " "
    if before.isalnum() or before == "_":
        return False
    if _in_url(state):
        return False  # the fragment of a bare URL, which Obsidian shows as a link
    match = TAG.match(state.src, state.pos)
    if match is None or _NUMBER.match(match.group(1)):
        return False
    return push_link(state, RawLink("hashtag", match.group(1)), match.group(0), match.end(), silent)


def _in_url(state: StateInline) -> bool:
    """Whether the tag is glued to a word that holds `://` or starts with `www.` (after
    white space a new word starts: `https://a.b/c #tag` is a URL, then a tag); where words
    and `://` are comes from the state's record."""
    src, end = state.src, state.pos
    if not end or src[end - 1].isspace():
        return False
    scan = scan_of(state)
    start = scan.last_before(r"\s", end) + 1
    return scan.next_at("(?=://)", start) + 3 <= end or src.startswith("www.", start, end)
