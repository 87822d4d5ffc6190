"""Where a link written in an Obsidian or Foam note points: attachments that are no notes,
Markdown links' destinations, paths normalised inside the vault."""

from __future__ import annotations

import re
from urllib.parse import unquote

# What a link target ending in one of these names: a file that is no note (an attachment),
# the formats Obsidian opens besides Markdown (help.obsidian.md, "Accepted file formats").
_FORMATS = "avif bmp gif jpeg jpg png svg webp flac m4a mp3 ogg wav webm 3gp mkv mov mp4 ogv pdf"
ATTACHMENTS = frozenset(f"{_FORMATS} canvas base json txt csv html htm zip".split(" "))
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def is_attachment(target: str) -> bool:
    """Whether a link target names a file that is no note (`image.png`, `a.pdf`)."""
    name = target.rsplit("/", 1)[-1]
    _, dot, ext = name.rpartition(".")
    return bool(dot) and ext.lower() in ATTACHMENTS


def split_target(href: str) -> tuple[str, str | None] | None:
    """A Markdown link's destination as (URL-decoded path without `.md`, anchor), or None
    when it points at no note (a URL, an attachment, mail)."""
    if not href or _SCHEME.match(href) or href.startswith("//"):
        return None
    path, _, anchor = href.partition("#")
    path = unquote(path)
    if path and is_attachment(path):
        return None
    if path.lower().endswith(".md"):
        path = path[:-3]
    elif "." in path.rsplit("/", 1)[-1] and path:
        return None  # another kind of file
    return path, (unquote(anchor) or None)


def normalize(path: str) -> str | None:
    """`a/./b/../c` -> `a/c`; None when it climbs out of the vault."""
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
            continue
        parts.append(part)
    return "/".join(parts)
