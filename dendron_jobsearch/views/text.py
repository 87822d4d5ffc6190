"""Plain text from a note's Markdown, for the exports (Jira, calendars): links read as their
alias or target, emphasis dropped, and the person's own notes of a note (its *Notes*
section, without the tool's regions)."""

from __future__ import annotations

import re

from ..vault.model import Note
from ..write import regions

_WIKI = re.compile(r"!?\[\[(?:(?P<alias>[^\]|]*)\|)?(?P<target>[^\]|#]*)(?:#[^\]|]*)?\]\]")
_MD_LINK = re.compile(r"!?\[(?P<text>[^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")


def plain(markdown: str) -> str:
    """`[[Alias|target]]` → `Alias`, `[[dendron://v/target]]` → `target`, `[text](url)` →
    `text`, emphasis marks dropped, whitespace collapsed: one line of readable text."""

    def wiki(match: re.Match[str]) -> str:
        target = match.group("target").split("/")[-1] if "://" in match.group("target") else ""
        return (match.group("alias") or target or match.group("target")).strip()

    text = _WIKI.sub(wiki, markdown)
    text = _MD_LINK.sub(lambda m: m.group("text"), text)
    text = _EMPHASIS.sub("", text)
    return " ".join(text.split())


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def notes_section(note: Note | None) -> str:
    """The person's notes in a note: what is under its `Notes` heading (to the next heading
    of the same or a higher level), the tool's regions left out; '' when there is none."""
    if note is None or note.path is None:
        return ""
    heading = next((h for h in note.headings if h.text.strip().lower() == "notes"), None)
    if heading is None:
        return ""
    try:
        lines = note.path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return ""
    later = [h.line for h in note.headings if h.line > heading.line and h.level <= heading.level]
    end = min(later, default=len(lines) + 1)
    kept: list[str] = []
    inside = False
    for line in lines[heading.line : end - 1]:
        found = regions.marker(line)
        if found is not None:
            inside = found[0] == "begin"
            continue
        if not inside:
            kept.append(line.rstrip())
    return "\n".join(kept).strip("\n")
