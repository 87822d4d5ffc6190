"""Turning one note file into a `Note`, or into a finding that says why it could not be read.

Pure and picklable (path in, note and findings out) so a cold load can spread notes over
processes and a warm load can take them from the cache instead.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from ..findings import Finding
from .frontmatter import FrontmatterError, parse_yaml, split_frontmatter
from .links import RawLink
from .model import ChecklistItem, Heading, Link, Note
from .titles import gen_title


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """The workspace settings that change how a note reads (dendron.yml `workspace.*`)."""

    hashtags: bool = True
    usertags: bool = True
    max_note_length: int = 204_800


def stable_id(*parts: str) -> str:
    """A deterministic stand-in id (for stubs and notes without one), 23 chars of [0-9a-z]."""
    digest = int.from_bytes(hashlib.sha1("\0".join(parts).encode()).digest(), "big")
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = []
    for _ in range(23):
        digest, rem = divmod(digest, 36)
        out.append(alphabet[rem])
    return "".join(out)


def decode(data: bytes, rel: str) -> tuple[str | None, Finding | None]:
    """UTF-8 text (a BOM dropped), or a finding naming the line of the first bad byte."""
    if b"\0" in data[:8192]:
        return None, Finding("unreadable", rel, None, "binary file (NUL bytes), not a note")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        msg = f"not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start})"
        return None, Finding("unreadable", rel, line, msg)


def frontmatter_tags(fm: dict[str, Any]) -> list[Link]:
    """`tags: a` / `tags: [a, b]` become links to `tags.a`, as Dendron's `getLinks` does."""
    tags = fm.get("tags")
    if tags is None:
        return []
    values = tags if isinstance(tags, list) else [tags]
    return [
        Link("frontmatterTag", f"tags.{tag}", None, alias=str(tag))
        for tag in values
        if tag is not None and str(tag) != ""
    ]


def read_note(
    path: str, rel: str, fname: str, vault: str, options: ReadOptions
) -> tuple[Note | None, list[Finding]]:
    """Read a note file. A note that cannot be read is None plus a finding, never an exception."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as err:
        return None, [Finding("unreadable", rel, None, f"cannot read: {err.strerror or err}")]
    text, problem = decode(data, rel)
    if text is None:
        return None, [problem] if problem else []
    return parse_note_text(text, path, rel, fname, vault, options)


def parse_note_text(
    text: str, path: str | None, rel: str, fname: str, vault: str, options: ReadOptions
) -> tuple[Note | None, list[Finding]]:
    """A note from its text (as `read_note` makes it from a file)."""
    findings: list[Finding] = []
    split = split_frontmatter(text)
    fm: dict[str, Any] = {}
    if split.yaml is None:
        findings.append(
            Finding("frontmatter-missing", rel, 1, "no frontmatter: Dendron gives it a new id")
        )
    elif not split.closed:
        msg = "frontmatter opened with '---' on line 1 is never closed"
        return None, [Finding("frontmatter-invalid", rel, 1, msg)]
    else:
        try:
            fm = parse_yaml(split.yaml)
        except FrontmatterError as err:
            return None, [Finding("frontmatter-invalid", rel, err.line, str(err))]
    note_id = _text(fm.get("id")) or stable_id(vault, fname)
    title = _text(fm.get("title")) or gen_title(fname)
    links: list[Link] = []
    headings: list[Heading] = []
    checklist: list[ChecklistItem] = []
    if len(split.body) > options.max_note_length:
        findings.append(
            Finding(
                "note-too-long",
                rel,
                None,
                f"{len(split.body)} characters, over maxNoteLength "
                f"({options.max_note_length}): links are not read, as in Dendron",
            )
        )
    else:
        from .markdown import scan_body  # markdown-it loads only when a note must be parsed

        links, headings, checklist = scan_body(
            split.body,
            fname,
            split.body_line,
            frontmatter=fm,
            hashtags=options.hashtags,
            usertags=options.usertags,
        )
    links.extend(frontmatter_tags(fm))
    note = Note(
        fname, vault, path, note_id, title, fm, links, headings, checklist, split.body_line, rel=rel
    )
    return note, findings


def _text(value: object) -> str:
    """Dendron forces `id` and `title` to strings (`_.toString`); null and '' mean absent."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


__all__ = ["RawLink", "ReadOptions", "parse_note_text", "read_note", "stable_id"]
