"""New notes as Dendron writes them: frontmatter keys in Dendron's order, ids and times.

Only notes the tool creates are written here, through python-frontmatter (`Post`, `dumps`)
with a handler of our own; an existing note is never re-dumped (`write/frontmatter.py`
edits its lines in place).
"""

from __future__ import annotations

import json
import re
import time
from typing import Any

import yaml
from frontmatter import Post, dumps
from frontmatter.default_handlers import YAMLHandler

from ..vault.dialects import Dialect
from ..vault.dialects.dendron import DENDRON
from ..vault.yaml12 import load as load_yaml

DENDRON_KEYS = DENDRON.note_keys  # the keys Dendron owns, in its order
_YAML11_BREAKS = re.compile("[\x85\u2028\u2029]")


def now_ms() -> int:
    return int(time.time() * 1000)


def yaml_scalar(value: Any) -> str:
    """One YAML value written so js-yaml and PyYAML both read back exactly `value`."""
    if isinstance(value, str) and _YAML11_BREAKS.search(value):
        # line breaks to YAML 1.1 (PyYAML folds them into a quoted value), none to YAML 1.2
        # (js-yaml, Foam's `yaml`): written as escapes, which both read as the character
        quoted = json.dumps(value, ensure_ascii=False)
        return quoted.translate({0x85: "\\N", 0x2028: "\\L", 0x2029: "\\P"})
    text = yaml.safe_dump(
        value, default_flow_style=True, allow_unicode=True, width=1_000_000, sort_keys=False
    ).strip()
    if text.endswith("\n..."):
        text = text[: -len("\n...")]
    elif text.endswith("..."):
        text = text[:-3].strip()
    if isinstance(value, str) and load_yaml(f"k: {text}") != {"k": value}:
        text = "'" + value.replace("'", "''") + "'"  # e.g. a word YAML 1.2 reads otherwise
    return text


class NewNoteYAML(YAMLHandler):
    """python-frontmatter's YAML handler, writing the dialect's keys first in its order, the
    others after them as given, one `key: value` line each (`yaml_scalar`)."""

    def __init__(self, dialect: Dialect = DENDRON) -> None:
        super().__init__()
        self.order = dialect.note_keys

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        keys = [k for k in self.order if k in metadata]
        keys += [k for k in metadata if k not in self.order]
        return "\n".join(f"{key}: {yaml_scalar(metadata[key])}" for key in keys)


def frontmatter(
    title: str, custom: dict[str, Any] | None = None, *, desc: str = "", dialect: Dialect = DENDRON
) -> str:
    """The `---` block of a new note: the dialect's keys (Dendron: id, title, desc, updated,
    created), then `custom`."""
    post = Post("")
    post.metadata = {**dialect.new_frontmatter(title, desc, now_ms()), **(custom or {})}
    return dumps(post, handler=NewNoteYAML(dialect)) + "\n"


def properties(custom: dict[str, Any]) -> str:
    """The `---` block of a new Obsidian or Foam note: only the keys given (no ids, no
    epoch times: those apps keep none), each as Obsidian types its properties — dates
    `YYYY-MM-DD`, lists as block lists, an empty value as an empty property. Nothing at
    all without keys."""
    if not custom:
        return ""
    lines = ["---"]
    for key, value in custom.items():
        if isinstance(value, (list, tuple)):
            lines.append(f"{key}:")
            lines += [f"  - {yaml_scalar(item)}" for item in value]
        elif value is None or value == "":
            lines.append(f"{key}:")
        else:
            lines.append(f"{key}: {yaml_scalar(value)}")
    return "\n".join([*lines, "---"]) + "\n"


def note_text(
    title: str,
    body: str,
    custom: dict[str, Any] | None = None,
    *,
    ids: bool = True,
    heading: bool = False,
) -> str:
    """A whole new note: frontmatter, a blank line, the body ending in one newline.
    `ids`: Dendron's frontmatter (id, title, times), else only `custom` as properties;
    `heading`: the title as the first `#` heading (Foam's title)."""
    body = body.strip("\n")
    if heading:
        body = f"# {title}" + ("\n\n" + body if body else "")
    if not ids:
        head = properties(custom or {})
        return head + ("\n" if head and body else "") + (body + "\n" if body else "")
    return frontmatter(title, custom) + ("\n" + body + "\n" if body else "")
