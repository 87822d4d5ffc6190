"""New notes as Dendron writes them: frontmatter keys in Dendron's order, ids and times."""

from __future__ import annotations

import time
from typing import Any

import yaml

from ..vault.dialects import Dialect
from ..vault.dialects.dendron import DENDRON
from ..vault.yaml12 import load as load_yaml

DENDRON_KEYS = DENDRON.note_keys  # the keys Dendron owns, in its order


def now_ms() -> int:
    return int(time.time() * 1000)


def yaml_scalar(value: Any) -> str:
    """One YAML value written so js-yaml and PyYAML both read back exactly `value`."""
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


def frontmatter(
    title: str, custom: dict[str, Any] | None = None, *, desc: str = "", dialect: Dialect = DENDRON
) -> str:
    """The `---` block of a new note: the dialect's keys (Dendron: id, title, desc, updated,
    created), then `custom`."""
    fields = {**dialect.new_frontmatter(title, desc, now_ms()), **(custom or {})}
    lines = [f"{key}: {yaml_scalar(value)}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"


def note_text(title: str, body: str, custom: dict[str, Any] | None = None) -> str:
    """A whole new note: frontmatter, a blank line, the body ending in one newline."""
    body = body.strip("\n")
    return frontmatter(title, custom) + ("\n" + body + "\n" if body else "")
