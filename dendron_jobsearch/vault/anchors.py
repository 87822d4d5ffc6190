"""Whether a note has the heading or block a link's anchor names (`[[note#Heading]]`,
`[[note#^block-id]]`), for `check`'s `broken-anchor`.

Each app matches otherwise: Dendron compares the anchor with the heading's github-slugger
slug (`MdastUtils.matchHeading`, dendron-spec), Obsidian the heading's text (its exact rule is
not documented), Foam the heading's text as written (foam-core `Resource.findSection`), and a
Markdown link's `#fragment` is often a slug. So a heading matches when the two agree once
reduced to their letters and digits, case ignored: whatever one of the apps finds, this finds
too, and a link is never called broken that one of them would follow. What is left unmatched
is broken in all three.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote

from .model import Note

# `^id` at the end of a line: a block id (Obsidian, Foam, Dendron's `blockAnchors`)
_BLOCK_ID = re.compile(r"\^([\w-]+)[ \t]*$", re.MULTILINE)
_WIKILINK = re.compile(r"\[\[([^\]|]*)(?:\|([^\]]*))?\]\]")
# anchors that name no heading: Dendron's wildcard, start and end of note, line anchors
_NOT_HEADINGS = re.compile(r"^(\*|\^begin|\^end|L\d+)$", re.IGNORECASE)


def key(text: str) -> str:
    """The letters and digits of `text`, case folded: what every app's match keeps."""
    return "".join(ch for ch in unquote(text).casefold() if ch.isalnum())


def _heading_texts(text: str) -> Iterator[str]:
    """A heading as written and as shown: without HTML tags, link destinations, a trailing
    block id, and with a wiki link's either part (which part shows differs by app)."""
    yield text
    plain = re.sub(r"<[^>]*>", "", text)
    plain = re.sub(r"\]\([^)]*\)", "]", plain)
    plain = re.sub(r"\s\^[\w-]+\s*$", "", plain)
    yield plain
    yield _WIKILINK.sub(lambda m: m.group(1), plain)
    yield _WIKILINK.sub(lambda m: m.group(2) or m.group(1), plain)


class Anchors:
    """The headings and block ids of notes, read once each (a block id needs the body)."""

    def __init__(self) -> None:
        self._headings: dict[int, set[str]] = {}
        self._blocks: dict[int, set[str]] = {}

    def headings(self, note: Note) -> set[str]:
        found = self._headings.get(id(note))
        if found is None:
            found = {key(t) for h in note.headings for t in _heading_texts(h.text)}
            self._headings[id(note)] = found
        return found

    def blocks(self, note: Note) -> set[str]:
        found = self._blocks.get(id(note))
        if found is None:
            try:
                body = note.body
            except (OSError, UnicodeDecodeError):
                body = ""  # unreadable: a reading finding says so; nothing to call missing
            found = {m.group(1).casefold() for m in _BLOCK_ID.finditer(body)}
            self._blocks[id(note)] = found
        return found

    def missing(self, anchor: str, notes: list[Note]) -> str | None:
        """The part of `anchor` (`Heading`, `^block`, Obsidian's `Heading#Sub`, Dendron's
        `start:#end` range) that none of `notes` has, or None when each part is found."""
        for part in re.split(r":?#", anchor):
            part = part.strip()
            if not part or _NOT_HEADINGS.match(part):
                continue
            if part.startswith("^"):
                if not any(part[1:].casefold() in self.blocks(n) for n in notes):
                    return part
                continue
            # Dendron's `heading,2` (an offset) and a slug made unique (`heading-1`)
            wanted = {key(p) for p in (part, part.rpartition(",")[0], re.sub(r"-\d+$", "", part))}
            wanted.discard("")
            if wanted and not any(wanted & self.headings(n) for n in notes):
                return part
        return None


__all__ = ["Anchors", "key"]
