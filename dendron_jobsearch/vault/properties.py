"""Obsidian's property types (help.obsidian.md, "Properties": Text, List, Number, Checkbox,
Date, Date & time). YAML types a value by how it is written (`2027-01-20` a date, `3` a
number, `[a, b]` a list, `true` a checkbox); Obsidian also keeps one type per property name
for the whole vault, in `.obsidian/types.json` (`{"types": {"due": "date"}}`), and shows a
value as its property's type: a property typed `text` holding `2027-01-20` is text, one
typed `date` holding the text `2027-01-20` a date. Date-and-time values are written
`2027-01-20T14:30`, which YAML leaves as text: they are date-times by their form too."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

TYPES_FILE = ".obsidian/types.json"
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER = re.compile(r"^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$")
KNOWN = ("text", "multitext", "number", "checkbox", "date", "datetime", "aliases", "tags")


def load_property_types(root: Path) -> tuple[tuple[str, str], ...]:
    """(property, type) from the vault's `types.json`, names lower-case (Obsidian's
    property names ignore case); none when the file is missing or does not read."""
    try:
        data = json.loads((root / TYPES_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return ()
    types = data.get("types") if isinstance(data, dict) else None
    if not isinstance(types, dict):
        return ()
    return tuple(
        sorted((str(k).lower(), v) for k, v in types.items() if isinstance(v, str) and v in KNOWN)
    )


def _as(kind: str, value: Any) -> Any:
    """`value` shown as a property of type `kind`; unchanged when it cannot be."""
    if value is None:
        return None
    if kind == "text":
        if isinstance(value, datetime.date | datetime.datetime):
            return value.isoformat()
        return value
    if kind == "number" and isinstance(value, str) and _NUMBER.match(value.strip()):
        number = float(value)
        return int(number) if number.is_integer() and "." not in value else number
    if kind == "checkbox" and isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    if kind == "date" and isinstance(value, str) and _DATE.match(value.strip()):
        return _parse(datetime.date.fromisoformat, value.strip())
    if kind in ("date", "datetime") and isinstance(value, str) and _DATETIME.match(value.strip()):
        return _parse(datetime.datetime.fromisoformat, value.strip())
    return value


def _parse(parse: Any, text: str) -> Any:
    try:
        return parse(text)
    except ValueError:
        return text  # `2027-02-30`: no day; Obsidian shows it as it is written


def type_properties(fm: dict[str, Any], types: tuple[tuple[str, str], ...]) -> None:
    """Give each property (in place) the type Obsidian shows it as."""
    by_name = dict(types)
    for key, value in fm.items():
        kind = by_name.get(str(key).lower())
        if kind is not None:
            fm[key] = _as(kind, value)
        elif isinstance(value, str) and _DATETIME.match(value):
            fm[key] = _parse(datetime.datetime.fromisoformat, value)


__all__ = ["load_property_types", "type_properties"]
