"""Links as Dendron parses them: wiki links, note references, hashtags, user tags, fm tags.

The regexes are Dendron's own (`common-all/src/md.ts`, `LinkUtils.parseNoteRefRaw`): alias
before `|`, target, `#anchor`, and for references an anchor range `#start:#end`. Parsing the
*text* of a link lives here; finding links in a note (and not in its code or HTML) is
markdown-it's job, in `rules/`, registered by the Dendron dialect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

# `markdown`: a Markdown link `[text](path)` to a note (Obsidian, Foam)
LinkType = Literal["wiki", "ref", "hashtag", "usertag", "frontmatterTag", "markdown"]

DENDRON_URI = "dendron://"

_LINK_CONTENTS = re.compile(
    r"((?P<alias>[^|>\]\[\n]+(?=\|))\|)?"
    r"(?P<value>[^#|>\]\[\n]+)?"
    r"(#(?P<anchor>[^#|>\]\[\n]+))?"
    r"(>(?P<filters>.*))?",
    re.I,
)
_NOTE_REF = re.compile(
    r"(?P<name>[^\]:#]*)(#?(?P<start>[^\]:#]+)(:#(?P<end>[^\]:#]+))?)?",
    re.I,
)


@dataclass(frozen=True, slots=True)
class RawLink:
    """A link as written, before it is placed in a note: `value` empty means "this note"."""

    type: LinkType
    value: str
    alias: str | None = None
    anchor: str | None = None
    vault: str | None = None


def _split_vault(value: str) -> tuple[str | None, str]:
    """`dendron://vault/fname` -> (vault, fname), as `parseDendronURI` splits it."""
    if not value.startswith(DENDRON_URI):
        return None, value
    parts = value[len(DENDRON_URI) :].split("/")
    return parts[0], parts[1] if len(parts) > 1 else ""


def _strip_md(text: str) -> str:
    return text[:-3] if text.endswith(".md") else text


def parse_wikilink_text(inner: str) -> RawLink | None:
    """The inside of `[[...]]`, or None when Dendron would leave it as plain text."""
    text = _strip_md(inner.strip())
    match = _LINK_CONTENTS.match(text)
    if match is None:  # pragma: no cover - every group is optional
        return None
    value = (match.group("value") or "").strip()
    anchor = match.group("anchor")
    if not value and not anchor:
        return None
    alias = match.group("alias")
    vault, value = _split_vault(value)
    # `parseLinkV2` keeps an alias only beside a target: `[[text|#anchor]]` has none
    return RawLink("wiki", value, alias.strip() if alias and value else None, anchor, vault)


def parse_noteref_text(inner: str) -> RawLink:
    """The inside of `![[...]]`: alias, vault, fname (maybe `prefix.*`) and anchor range."""
    text = inner.strip()
    alias: str | None = None
    if "|" in text:
        alias, _, text = text.partition("|")
        alias, text = alias.strip(), text.strip()
    vault, text = _split_vault(text)
    match = _NOTE_REF.match(text)
    assert match is not None  # every group is optional
    name = _strip_md(match.group("name").strip())
    anchor = match.group("start")
    if anchor is not None and match.group("end"):
        anchor = f"{anchor}:#{match.group('end')}"
    return RawLink("ref", name, alias, anchor, vault)
