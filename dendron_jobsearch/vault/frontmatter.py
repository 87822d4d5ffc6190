"""Reading frontmatter exactly where Dendron (gray-matter) finds it, and parsing it as YAML.

Only reading happens here: writing edits lines in place (`write/frontmatter.py`) because a
re-dump would reorder keys, drop comments and turn `10:00` into `600`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from .yaml12 import DendronLoader as _Loader

OPEN = "---"
CLOSE = "\n---"


@dataclass(frozen=True, slots=True)
class Split:
    """A note's text cut as gray-matter cuts it. `yaml` is None when there is no frontmatter;
    `closed` is False when the opening `---` never closes."""

    yaml: str | None
    body: str
    body_line: int  # 1-based file line of the body's first line
    closed: bool = True


def split_frontmatter(text: str) -> Split:
    """Cut frontmatter off like gray-matter: `---` at the very start (not `----`), up to the
    next line starting with `---`, then one newline dropped from the body."""
    if not text.startswith(OPEN) or text[3:4] == "-":
        return Split(None, text, 1)
    rest = text[3:]
    close = rest.find(CLOSE)
    if close == -1:
        return Split(rest, "", text.count("\n") + 1, closed=False)
    raw = rest[:close]
    body_start = 3 + close + len(CLOSE)
    if text.startswith("\r", body_start):
        body_start += 1
    if text.startswith("\n", body_start):
        body_start += 1
    return Split(raw, text[body_start:], text.count("\n", 0, body_start) + 1)


class FrontmatterError(ValueError):
    """YAML that does not parse; `line` is 1-based in the note file."""

    def __init__(self, message: str, line: int | None, *, several_documents: bool = False) -> None:
        super().__init__(message)
        self.line = line
        self.several_documents = several_documents


class FrontmatterNotMapping(FrontmatterError):
    """Valid YAML, but a list or a scalar rather than `key: value` lines."""


def parse_yaml(raw: str) -> dict[str, Any]:
    """The frontmatter as a dict; an empty block is `{}`. Raises FrontmatterError."""
    try:
        data = yaml.load(raw, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = _mistake_mark(err)
        # line 1 of the file is the opening `---`, so YAML line 0 is file line 1 (same line);
        # libyaml puts the end of the stream a line past the block's last (on the closing `---`)
        line = min(mark.line, raw.count("\n")) + 1 if mark is not None else None
        reason = err.problem or "invalid YAML"
        several = isinstance(err, yaml.composer.ComposerError) and "single document" in str(err)
        raise FrontmatterError(
            f"frontmatter is not valid YAML: {reason}", line, several_documents=several
        ) from None
    except yaml.YAMLError as err:
        raise FrontmatterError(f"frontmatter is not valid YAML: {err}", None) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontmatterNotMapping(
            f"frontmatter must be a mapping of keys, not a {type(data).__name__}", 2
        )
    return data


# Constructs that must end, and the problem YAML gives when one does not (libyaml's words and
# PyYAML's: `did not find expected` / `expected`, `document indicator` / `separator`). YAML
# notices only where it gives up: the next line for a key without its `:`, the end of the
# block for an open quote, the next `key:` for an open bracket. The mistake is where it began.
_UNENDED = (
    ("while scanning a simple key", "could not find expected ':'"),
    ("while scanning a quoted scalar", "found unexpected end of stream"),
    ("while scanning a quoted scalar", "found unexpected document"),
    ("while parsing a flow sequence", "expected ',' or ']'"),
    ("while parsing a flow mapping", "expected ',' or '}'"),
)


def _mistake_mark(err: yaml.MarkedYAMLError) -> yaml.Mark | None:
    """Where the mistake is: the problem's mark, unless the problem is that a construct did
    not end; then the mark where that construct began (the error's context)."""
    context, problem = err.context or "", err.problem or ""
    if err.context_mark is not None and any(context == c and p in problem for c, p in _UNENDED):
        return err.context_mark
    return err.problem_mark or err.context_mark


_KEY = re.compile(r"^([^\s#:][^:]*?)[ \t]*:")


def key_lines(path: str) -> dict[str, int]:
    """File line (1-based) of each top-level frontmatter key of the note at `path`, to point a
    finding at the key it is about; {} when the file does not read."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            split = split_frontmatter(handle.read())
    except (OSError, UnicodeDecodeError):
        return {}
    lines: dict[str, int] = {}
    # the block starts right after the opening `---`, so its first line is the file's first
    for number, line in enumerate((split.yaml or "").splitlines(), start=1):
        match = _KEY.match(line)
        if match and match.group(1) not in lines:
            lines[match.group(1)] = number
    return lines
