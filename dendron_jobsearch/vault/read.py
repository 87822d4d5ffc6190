"""Turning one note file into a `Note`, or into a finding that says why it could not be read.

Pure and picklable (path in, note and findings out) so a cold load can spread notes over
processes and a warm load can take them from the cache instead.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from ..findings import Finding
from .dialects import Dialect
from .dialects.dendron import DENDRON
from .frontmatter import FrontmatterError, FrontmatterNotMapping, parse_yaml, split_frontmatter
from .model import ChecklistItem, Heading, Link, Note
from .tasks import TasksSettings
from .values import stable_id

# How many times this process read each note file (by workspace-relative path): what the
# tests count to see that a command reads only the notes it uses.
READS: Counter[str] = Counter()


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What changes how a note reads: the workspace's settings (dendron.yml `workspace.*`)
    and its dialect."""

    hashtags: bool = True
    usertags: bool = True
    max_note_length: int = 204_800
    dialect: Dialect = DENDRON
    tasks: TasksSettings | None = None  # how the Tasks plugin reads task lines, if it does
    property_types: tuple[tuple[str, str], ...] = ()  # the vault's types of properties


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


def read_note(
    path: str, rel: str, fname: str, vault: str, options: ReadOptions
) -> tuple[Note | None, list[Finding]]:
    """Read a note file. A note that cannot be read is None plus a finding, never an exception."""
    READS[rel] += 1
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as err:
        return None, [Finding("unreadable", rel, None, f"cannot read: {err.strerror or err}")]
    text, problem = decode(data, rel)
    if text is None:
        return None, [problem] if problem else []
    return parse_note_text(text, path, rel, fname, vault, options)


_CONFLICT_OPEN = re.compile(r"<{7}(?: |$)")
_CONFLICT_CLOSE = re.compile(r">{7}(?: |$)")


_FENCE = re.compile(r" {0,3}(`{3,}(?!.*`)|~{3,})")


def merge_conflicts(text: str, rel: str, body_line: int = 1) -> list[Finding]:
    """A `merge-conflict` finding for each unresolved git conflict, at the line of its
    `<<<<<<<`: a line of exactly seven `<` then a space or the line's end (a lone `=======`
    is a setext heading's underline, and stays one). In the body (from `body_line` on) a
    marker inside fenced code is code — a note that teaches git — as Dendron loads it."""
    if "<<<<<<<" not in text:
        return []
    spans: list[tuple[int, int | None]] = []
    opened: int | None = None
    fence = ""  # the open fence's characters, in the body
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if number >= body_line and opened is None:
            if fence:
                closer = line.strip()
                if line[:4].strip() and closer.startswith(fence) and not closer.strip(fence[0]):
                    fence = ""
                continue
            found = _FENCE.match(line)
            if found:
                fence = found.group(1)
                continue
        if opened is None and _CONFLICT_OPEN.match(line):
            opened = number
        elif opened is not None and _CONFLICT_CLOSE.match(line):
            spans.append((opened, number))
            opened = None
    if opened is not None:
        spans.append((opened, None))
    return [
        Finding(
            "merge-conflict",
            rel,
            start,
            f"unresolved merge conflict (<<<<<<< at line {start}, "
            + (f">>>>>>> at line {end}" if end else "no >>>>>>> after it")
            + "): resolve it in your editor; the tool neither counts nor writes this note",
        )
        for start, end in spans
    ]


def parse_note_text(
    text: str, path: str | None, rel: str, fname: str, vault: str, options: ReadOptions
) -> tuple[Note | None, list[Finding]]:
    """A note from its text (as `read_note` makes it from a file)."""
    findings: list[Finding] = []
    split = split_frontmatter(text)
    conflicts = merge_conflicts(text, rel, split.body_line)

    def unreadable(finding: Finding) -> tuple[None, list[Finding]]:
        """No note: the frontmatter does not parse. Conflict markers in it are why."""
        last = 1 + (split.yaml or "").count("\n")  # the YAML block's last line in the file
        in_frontmatter = any(c.line is not None and c.line <= last for c in conflicts)
        return None, conflicts if in_frontmatter else [finding, *conflicts]

    fm: dict[str, Any] = {}
    dialect = options.dialect
    if split.yaml is None:
        if dialect.has_ids:
            msg = "no frontmatter: Dendron gives it a new id"
            findings.append(Finding("frontmatter-missing", rel, 1, msg))
    elif not split.closed:
        # gray-matter reads all the rest as frontmatter: if that is YAML, Dendron loads a note
        # with no body (several YAML documents, as with CR-only line ends, give defaults)
        msg = "frontmatter opened with '---' on line 1 is never closed"
        try:
            fm = parse_yaml(split.yaml)
        except FrontmatterNotMapping:
            fm = {}
        except FrontmatterError as err:
            if not err.several_documents:
                return unreadable(Finding("frontmatter-invalid", rel, 1, msg))
            fm = {}
        findings.append(Finding("frontmatter-invalid", rel, 1, msg))
    else:
        try:
            fm = parse_yaml(split.yaml)
        except FrontmatterNotMapping as err:
            # Dendron still loads such a note, with default id and title
            findings.append(Finding("frontmatter-invalid", rel, err.line, str(err)))
        except FrontmatterError as err:
            return unreadable(Finding("frontmatter-invalid", rel, err.line, str(err)))
    # conflict markers in the body: Dendron loads the note as it is, so do we, with the error
    findings.extend(conflicts)
    note_id = dialect.note_id(fm, vault, fname)
    links: list[Link] = []
    headings: list[Heading] = []
    checklist: list[ChecklistItem] = []
    body, definitions = dialect.definitions(split.body, split.body_line)
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
            body,
            fname,
            split.body_line,
            frontmatter=fm,
            hashtags=options.hashtags,
            usertags=options.usertags,
            dialect=dialect,
            tasks=options.tasks,
        )
    tags, aliases = dialect.properties(fm, options.property_types)
    links, tags = _links_and_tags(links, tags, fm, fname, rel, dialect, findings)
    title = dialect.note_title(fm, fname, headings)
    note = Note(
        fname, vault, path, note_id, title, fm, links, headings, checklist, split.body_line, rel=rel
    )
    note.tags, note.aliases = list(dict.fromkeys(tags)), aliases
    note.definitions = definitions
    return note, findings


def _links_and_tags(
    links: list[Link],
    tags: list[str],
    fm: dict[str, Any],
    fname: str,
    rel: str,
    dialect: Dialect,
    findings: list[Finding],
) -> tuple[list[Link], list[str]]:
    """The note's links as its dialect counts them (with the frontmatter's), and its tags
    where tags are no notes (the properties' first, then the text's)."""
    if not dialect.markdown_self_links:
        links = [link for link in links if link.type != "markdown" or link.value != fname]
    if not dialect.tags_are_notes:
        tags += [link.value for link in links if link.type == "hashtag"]
        links = [link for link in links if link.type != "hashtag"]
    tag_links = dialect.frontmatter_links(fm)
    if tag_links is None:
        msg = "tags must be text or a list: Dendron then ignores every link of this note"
        findings.append(Finding("tags-invalid", rel, None, msg))
        return [], tags
    # a link of the frontmatter to a heading of the note itself (`"[[#Heading]]"`)
    tag_links = [link if link.value else replace(link, value=fname) for link in tag_links]
    return links + tag_links, tags


__all__ = ["ReadOptions", "parse_note_text", "read_note", "stable_id"]
